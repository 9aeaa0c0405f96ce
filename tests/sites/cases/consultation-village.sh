# org_type: village: a consultation and a power item speak of 村民 and
# 村委会, 乡镇 instead of 街道, and the supervision body defaults to the
# 村务监督委员会.
new_site v
sed -i -e 's/^org_name: .*/org_name: 青禾村村民委员会/' -e 's/^org_type: .*/org_type: village/' \
    -e 's/^short_name: .*/short_name: 青禾村/' -e 's/^parent_org: .*/parent_org: 望山镇人民政府/' \
    -e 's/^supervisor: .*/supervisor: {name: 赵德顺, title: 村务监督委员会主任, phone: "13900003333", location: 村委会一楼}/' \
    -e 's/^complaint: .*/complaint: {org: 望山镇人民政府, phone: "0571-86000300"}/' site.yaml
add_record consultations 2026-10-10-pond-lease.md <<'EOF'
---
type: consultation
title: 东塘鱼塘续包方式协商
date: 2026-10-10
summary: 村民代表会议表决同意东塘鱼塘公开竞价续包，底价每年12600元。
topic_source: committee
notice_date: 2026-09-28
meeting:
  start: 2026-10-08T09:00
  end: 2026-10-08T11:00
  location: 青禾村村委会会议室
  form: representatives
  host: 李建国（村党组织书记、村委会主任）
participants:
  - {category: representative, count: 21, voting: true}
  - {category: resident, count: 4, voting: false}
  - {category: gov_staff, count: 1, voting: false}
vote:
  method: hands
  eligible: 23
  present: 21
  for: 20
  against: 0
  abstain: 1
  threshold: two_thirds_of_present
result: majority
resolution: 东塘鱼塘采取公开竞价方式续包，底价每年12600元，承包期5年。
implementation: {owner: 青禾村村民委员会, due: 2026-12-31, status: planned}
---
村民代表会议记录。
EOF
add_record power 2026-03-20-pond-lease.md <<'EOF'
---
type: power_item
code: ZC-01
name: 村集体资产资源发包
title: ZC-01 村集体资产资源发包
date: 2026-03-20
summary: 鱼塘、厂房等集体资产资源发包须经村民代表会议决议并公开竞价。
category: assets
subject: 青禾村村民委员会
basis:
  - 《中华人民共和国村民委员会组织法》第二十四条
steps:
  - {name: 提出方案, actor: 村民委员会}
  - {name: 决议, actor: 村民代表会议}
  - {name: 公开竞价, actor: 望山镇农村产权交易平台}
time_limit: 决议后30日内
risks:
  - {point: 低价发包、暗箱操作, level: high, control: 进入镇产权交易平台公开竞价}
supervision: {report_org: 望山镇纪委}
effective_date: 2026-04-01
---
发包结果在村务公开栏公开。
EOF
gs check --strict
expect_rc 0
gs build
expect_rc 0
C=public/consultations/2026-10-10-pond-lease/index.html
expect_grep "$C" '<dd>村委会提出</dd>'
expect_grep "$C" '<dd>村民代表会议</dd>'
expect_grep "$C" '<span>村民代表</span>'
expect_grep "$C" '<span>村民</span></th>'
expect_grep "$C" '<span>乡镇工作人员</span>'
expect_grep "$C" '同意票须达到实到人数的三分之二（至少14票），表决通过。'
expect_grep "$C" '<span class="badge badge-planned">落实状态：<strong>待实施</strong></span>'
expect_no_grep "$C" '居民|居委会|街道'
P=public/power/2026-03-20-pond-lease/index.html
# Defaults: the village's supervision committee with the supervisor's
# phone, the reporting office named in the record with the township's
# complaint phone, and 12388.
expect_grep "$P" '<span>青禾村村务监督委员会</span> <a class="tel" href="tel:13900003333">139 0000 3333</a>'
expect_grep "$P" '<span>望山镇纪委</span> <a class="tel" href="tel:057186000300">0571-86000300</a>'
expect_grep "$P" '<a class="tel" href="tel:12388">12388</a>'
expect_grep "$P" '监督联系人：<span>赵德顺（村务监督委员会主任）</span>'
expect_grep "$P" '<span>村民</span>可向以下单位反映'
expect_no_grep "$P" '居民|居委会|街道'
expect_no_grep public/power/index.html '居民|居委会|街道'
