# disclosure warnings (CONTENT-MODEL.md §8.4): each is printed at the
# line:col of its key, `check` still passes, `check --strict` fails.
new_site w

# Frequency and period disagree; no review (not finance); a short 公示期
# that also starts before the record's date; a project without its decision.
add_record disclosures quarterly.md <<'MD'
---
type: disclosure
category: affairs
topic: project
frequency: quarterly
period: 2026-09
title: 东区雨污分流改造进度公开
date: 2026-11-10
summary: 东区雨污分流改造第三季度进度。
publicity: {start: 2026-11-08, end: 2026-11-12}
---
工程进度。
MD

# A finance ledger that adds up but has line-level problems.
add_record disclosures finance.md <<'MD'
---
type: disclosure
category: finance
topic: routine
frequency: monthly
period: 2026-10
title: 测试社区2026年10月财务收支公开
date: 2026-11-10
summary: 10月收入、支出和结余。
review: {body: supervisory_committee, date: 2026-11-09, opinion: 同意公开。}
publicity: {start: 2026-11-10, end: 2026-11-16}
ledger:
  opening_balance: "-50.00"
  income:
    - {item: 驻区单位捐赠, subject: 捐赠收入, amount: "0.10", date: 2026-10-08, voucher: 记-10-01}
    - {item: 退回多付电费, subject: 管理费用, amount: "0.20", date: 2026-09-30, voucher: 记-10-02}
  expense:
    - {item: 办公用品, subject: 办公费, amount: "100.00", date: 2026-10-13, voucher: 记-10-02}
  total_income: "0.30"
  total_expense: "100.00"
  closing_balance: "-149.70"
---
本月结余为负数，系垫付办公用品款，下月街道拨款后归还。
MD

# A vote whose counts leave people out (vote.c) on a passed decision.
add_record disclosures decision.md <<'MD'
---
type: disclosure
category: affairs
topic: decision
frequency: once
title: 东区楼道扶手加装项目决议公开
date: 2026-11-16
summary: 居民代表会议表决通过加装楼道扶手。
review: {body: supervisory_committee, date: 2026-11-16, opinion: 同意公开。}
publicity: {start: 2026-11-16, end: 2026-11-25}
decision: {procedure: representatives_meeting, date: 2026-11-13, eligible: 45, present: 38, for: 30, against: 2, abstain: 3, threshold: majority_of_present}
---
决议内容。
MD

gs check
expect_rc 0
F=content/disclosures
expect_err "$F/quarterly.md:6:1: warning: 所属期 period：“2026-09”是月份，公开频次为每季度时应写成 2026-Q3 这样的季度（是不是 2026-Q3？）"
expect_err "$F/quarterly.md:3:1: warning: 建议填写审核 review"
expect_err "$F/quarterly.md:10:32: warning: 公示期 publicity：从2026年11月8日到2026年11月12日共 5 天，少于本站规定的最短公示天数 7 天"
expect_err "$F/quarterly.md:10:13: warning: 公示开始日期 publicity.start（2026年11月8日）早于发布日期 date（2026年11月10日）"
expect_err "$F/quarterly.md:4:1: warning: 建议填写决策程序 decision"
expect_err "$F/finance.md:16:53: warning: 收入明细 income 第 2 项 日期 date：2026-09-30 不在所属期 2026年10月（2026-10-01 至 2026-10-31）内"
expect_err "$F/finance.md:16:22: warning: 收入明细 income 第 2 项 科目 subject：“管理费用”是支出科目，不应列在收入明细里"
expect_err "$F/finance.md:18:20: warning: 支出明细 expense 第 1 项 科目 subject：“办公费”不在推荐的支出科目中"
expect_err "$F/finance.md:18:70: warning: 凭证号 voucher：“记-10-02”在第 16 行已经用过"
expect_err "$F/finance.md:21:3: warning: 本期结余 closing_balance 为负数（-149.70 元）"
expect_err "$F/decision.md:11:93: warning: 同意 30 + 反对 2 + 弃权 3 = 35，少于实到人数 present 38"
# Exactly these, nothing else: 捐赠收入 is a community subject, a negative
# opening balance is allowed, and 0.10 + 0.20 is 0.30 exactly.
expect_err "11 个警告"
expect_no_err "error:"

gs check --strict
expect_rc 1
expect_err "$F/finance.md:21:3: warning: 本期结余 closing_balance 为负数"

# In a village the community-only subjects are off the list.
sed -i 's/^org_type: community/org_type: village/' site.yaml
gs check
expect_rc 0
expect_err "$F/finance.md:15:22: warning: 收入明细 income 第 1 项 科目 subject：“捐赠收入”不在推荐的收入科目中（经营收入、发包及上交收入、投资收益、补助收入、其他收入）"
expect_err "$F/quarterly.md:3:1: warning: 建议填写审核 review：公开前由村务监督委员会审核"
expect_err "12 个警告"
