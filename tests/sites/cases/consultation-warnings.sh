# Consultation warnings: printed by check, errors under --strict, each at
# its key's line:col.
new_site w
add_record consultations w1.md <<'EOF'
---
type: consultation
title: 西区健身器材更新协商
date: 2026-10-20
summary: 楼道会同意更新西区健身器材。
topic_source: resident
notice_date: 2026-10-16
meeting:
  start: 2026-10-16T19:00
  location: 西区活动室
  form: courtyard
  host: 孙文静
participants:
  - {category: stakeholder, count: 9, voting: true}
  - {category: gridder, count: 1, voting: false}
vote:
  method: hands
  eligible: 12
  present: 10
  for: 8
  against: 1
  abstain: 0
  threshold: majority_of_present
result: majority
resolution: 更新西区健身器材。
publicity: {start: 2026-10-18, end: 2026-10-22}
---
正文。
EOF
gs check
expect_rc 0
F=content/consultations/w1.md
# Announced on the meeting day itself.
expect_err "$F:7:1: warning: 提前通报日期 notice_date 与会议同一天（2026年10月16日）"
# 9 people with a vote, 10 present.
expect_err "$F:19:3: warning: 实到人数 present 10 与参与人员 participants 中有表决权（voting: true）的人数之和 9 不一致"
# 8 + 1 + 0 < 10 (vote.h).
expect_err "$F:20:3: warning: 同意 8 + 反对 1 + 弃权 0 = 9，少于实到人数 present 10"
# 5 days < 7, and starting before the record was published.
expect_err "$F:26:32: warning: 结果公示 publicity：公示期 2026年10月18日 至 2026年10月22日 只有 5 天，少于本站规定的最短公示天数 7 天"
expect_err "$F:26:13: warning: 结果公示 publicity：开始日期 start 2026年10月18日 早于发布日期 2026年10月20日"
gs check --strict
expect_rc 1

# No notice_date at all: the schema asks for it.
rm "$F"
add_record consultations w2.md <<'EOF'
---
type: consultation
title: 西区健身器材更新协商
date: 2026-10-20
summary: 楼道会暂缓再议。
topic_source: resident
meeting:
  start: 2026-10-16T19:00
  location: 西区活动室
  form: courtyard
  host: 孙文静
participants:
  - {category: stakeholder, count: 9, voting: false}
result: deferred
---
正文。
EOF
gs check
expect_rc 0
expect_err "content/consultations/w2.md:1:1: warning: 建议填写：提前通报日期 notice_date"
