# An item code is unique across the site: the second file (in path order)
# is reported at its code key, naming the first.  Three files share one
# code: both later ones are reported against the first.
new_site d
item() { # FILE CODE
	add_record power "$1.md" <<EOF
---
type: power_item
code: $2
name: 居住情况证明出具
title: $2 居住情况证明出具
date: 2026-03-20
summary: 材料齐全的3个工作日内出具。
category: daily
subject: 测试社区居民委员会
basis: [测试街道有关规定（示例）]
steps:
  - {name: 受理, actor: 社区居委会}
  - {name: 办结, actor: 社区居委会}
time_limit: 3个工作日
risks:
  - {point: 推诿拖延, level: low, control: 一次性告知}
supervision: {}
effective_date: 2026-04-01
---
正文。
EOF
}
item c-third BM-01
item a-first BM-01
item b-second BM-01
item d-other BM-02
gs check
expect_rc 1
expect_err 'content/power/b-second.md:3:1: error: 编号 code“BM-01”与 content/power/a-first.md 重复：清单里每个事项的编号必须不同'
expect_err 'content/power/c-third.md:3:1: error: 编号 code“BM-01”与 content/power/a-first.md 重复'
expect_no_err 'content/power/a-first.md:3:1'
expect_no_err 'BM-02'
[ "$(grep -c 'error:' "$ERR")" = 2 ] || fail "expected exactly 2 errors"
