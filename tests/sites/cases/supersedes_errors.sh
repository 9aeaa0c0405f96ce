# A correction (supersedes) must name a record of its own type by its
# address (slug), not itself.  With two records at one address (already
# an error), the correction is matched with the first by path, whatever
# order the directory lists them in.  Each mistake is reported at the
# supersedes key's line and column.
new_site sup
notice() { # FILE SLUG-LINE SUPERSEDES-LINE TITLE
	add_record notices "$1.md" <<EOR
---
type: notice
kind: notice
title: $4
date: 2026-11-20
summary: 请居民相互转告。
$2
$3
---
详见正文。
EOR
}
notice 2026-11-19-outage "" "" 西区停水通知
notice 2026-11-20-fix-missing "" "supersedes: 2026-11-18-no-such" 【更正】东区停水通知
notice 2026-11-20-fix-self "" "supersedes: 2026-11-20-fix-self" 【更正】南区停水通知
add_record disclosures 2026-11-19-water-report.md <<'EOR'
---
type: disclosure
category: affairs
topic: routine
frequency: monthly
period: 2026-11
title: 西区停水情况说明
date: 2026-11-19
summary: 西区停水的原因和处理情况。
review: {body: supervisory_committee, date: 2026-11-18, opinion: 同意公开}
---
详见正文。
EOR
notice 2026-11-20-fix-type "" "supersedes: 2026-11-19-water-report" 【更正】北区停水通知
# Two notices at one address; a third corrects that address.
notice a-dup "slug: dup" "supersedes: dup" 【更正】甲
notice b-dup "slug: dup" "" 乙区停水通知
gs check
expect_rc 1
expect_err 'content/notices/2026-11-20-fix-missing.md:8:1: error: 更正/替代 supersedes：没有网址名为“2026-11-18-no-such”的同类记录'
expect_err 'content/notices/2026-11-20-fix-self.md:8:1: error: 更正/替代 supersedes：不能指向自己'
expect_err 'content/notices/2026-11-20-fix-type.md:8:1: error: 更正/替代 supersedes：没有网址名为“2026-11-19-water-report”的同类记录'
expect_err 'content/notices/b-dup.md: error: 网址名“dup”与 content/notices/a-dup.md 重复'
# a-dup is the first of "dup" by path: it names itself.
expect_err 'content/notices/a-dup.md:8:1: error: 更正/替代 supersedes：不能指向自己'
[ "$(grep -c 'error:' "$ERR")" = 5 ] || fail "expected exactly 5 errors"

# Mended: each correction names a notice that exists; the disclosure at
# the same address is not a notice's correction target.
sed -i 's/^supersedes: .*/supersedes: 2026-11-19-outage/' content/notices/2026-11-20-fix-missing.md \
    content/notices/2026-11-20-fix-self.md content/notices/2026-11-20-fix-type.md
sed -i 's/^slug: dup/slug: dup-b/' content/notices/b-dup.md
sed -i 's/^supersedes: dup/supersedes: dup-b/' content/notices/a-dup.md
gs build
expect_rc 0
expect_grep public/notices/dup-b/index.html '本通知已被更正'
expect_grep public/notices/2026-11-19-outage/index.html '本通知已被更正'
expect_no_grep public/disclosures/2026-11-19-water-report/index.html '已被更正'
