# Power item warnings, each at its key: a time limit without a duration,
# no risk points, approval after the effective date.  And the durations
# that do count.
new_site w
add_record power w1.md <<'EOF'
---
type: power_item
code: RC-01
name: 社区公章使用管理
title: RC-01 社区公章使用管理
date: 2026-03-20
summary: 社区公章使用须登记审批。
category: daily
subject: 测试社区居民委员会
basis: [测试街道印章管理办法（示例）]
steps:
  - {name: 登记, actor: 经办人}
  - {name: 审批, actor: 社区居委会主任}
time_limit: 当场办结
supervision: {}
effective_date: 2026-04-01
approved_by: {meeting: 测试社区“两委”联席会议, date: 2026-04-02}
---
正文。
EOF
gs check
expect_rc 0
F=content/power/w1.md
expect_err "$F:14:1: warning: 办理时限 time_limit“当场办结”没有写明期限"
expect_err "$F:1:1: warning: 建议填写：廉政风险点 risks"
expect_err "$F:17:38: warning: 通过会议 approved_by 的日期 date 2026年4月2日 晚于施行日期 effective_date 2026年4月1日"
gs check --strict
expect_rc 1

# Each unit of duration is accepted; a number without one is not.
for tl in "3个工作日" "5 工作日" "30日内" "7天" "24小时内" "3个月" "决议公开后30日内完成发包" "3" "三个工作日"; do
	sed -i "s/^time_limit: .*/time_limit: $tl/" "$F"
	gs check
	case $tl in
	3|三个工作日) expect_err "time_limit“$tl”没有写明期限" ;;
	*) expect_no_err "time_limit“$tl”" ;;
	esac
done
