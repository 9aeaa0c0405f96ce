# -o never destroys what gongshi did not write: the site itself, its
# parents, its sources, a symbolic link, a directory of someone's files.
# Each refusal exits 1 and deletes nothing.
new_site guarded
add_record notices n.md <<'EOT'
---
type: notice
kind: notice
title: 输出目录测试通知
date: 2026-11-20
summary: 摘要。
---
正文。
EOT
site_before=$(tree_hash "$SITE")

# refused OUT DIR-MESSAGE: build -o OUT is refused and nothing changed
refused() {
	gs build -o "$1"
	expect_rc 1
	expect_err "$2"
	expect_err '未生成网站'
	[ "$(tree_hash "$SITE")" = "$site_before" ] || fail "-o $1 changed the site"
	ls -a "$WORK" | grep -q 'staging' && fail "-o $1 left a staging directory"
	return 0
}

refused "$SITE" '是站点目录本身或其上级'
refused "$SITE/" '是站点目录本身或其上级'
refused . '是站点目录本身或其上级'
refused "$WORK" '是站点目录本身或其上级'
refused / '是站点目录本身或其上级'
refused "$SITE/content" '在站点的 content/ 目录里'
refused "$SITE/content/out" '在站点的 content/ 目录里'
[ -e "$SITE/content/out" ] && fail "content/out was created"
refused "$SITE/content/notices" '在站点的 content/ 目录里'
refused "$SITE/templates/out" '在站点的 templates/ 目录里'
refused "$SITE/static" '在站点的 static/ 目录里'
refused "$SITE/nowhere/out" '的上级目录不存在'

# a symbolic link, to a directory gongshi wrote or not
mkdir "$WORK/real"
echo keep >"$WORK/real/keep.txt"
ln -s "$WORK/real" "$WORK/link"
refused "$WORK/link" '是符号链接'
expect_file "$WORK/real/keep.txt"
gs build -o "$WORK/built"
expect_rc 0
ln -s "$WORK/built" "$WORK/link2"
refused "$WORK/link2" '是符号链接'
expect_file "$WORK/built/index.html"
ln -s "$SITE/content" "$WORK/link3"
refused "$WORK/link3" '是符号链接'

# a dangling link, a link to the site, and paths that reach the site or
# its sources through a linked parent directory
ln -s "$WORK/nothing-here" "$WORK/dangling"
refused "$WORK/dangling" '是符号链接'
[ -e "$WORK/nothing-here" ] && fail "the dangling link's target was created"
ln -s "$SITE" "$WORK/sitelink"
refused "$WORK/sitelink" '是符号链接'
refused "$WORK/sitelink/." '是站点目录本身或其上级'
refused "$WORK/sitelink/content/out" '在站点的 content/ 目录里'
ln -s "$SITE/templates" "$WORK/tlink"
refused "$WORK/tlink/out" '在站点的 templates/ 目录里'
[ -e "$SITE/templates/out" ] && fail "templates/out was created"
ln -s "$SITE/.." "$WORK/parentlink"
refused "$WORK/parentlink/." '是站点目录本身或其上级'

# someone's directory, non-empty, without gongshi's marker
mkdir "$WORK/mine"
echo precious >"$WORK/mine/report.docx"
refused "$WORK/mine" '不是空目录，也不是 gongshi 生成的'
[ "$(cat "$WORK/mine/report.docx")" = precious ] || fail "report.docx was touched"
# only hidden files still count
rm "$WORK/mine/report.docx"
echo x >"$WORK/mine/.hidden"
refused "$WORK/mine" '不是空目录，也不是 gongshi 生成的'
expect_file "$WORK/mine/.hidden"
# a file
echo x >"$WORK/afile"
refused "$WORK/afile" '已存在且不是目录'
[ "$(cat "$WORK/afile")" = x ] || fail "afile was touched"

# What may be replaced: an empty directory, and gongshi's own output
# (even with files added to it since).
mkdir "$WORK/empty"
gs build -o "$WORK/empty"
expect_rc 0
expect_file "$WORK/empty/index.html"
echo stale >"$WORK/empty/stale.html"
gs build -o "$WORK/empty"
expect_rc 0
[ -e "$WORK/empty/stale.html" ] && fail "the old output was not replaced whole"
expect_file "$WORK/empty/.gongshi"
# the default OUT is SITE/public, inside the site but allowed
gs build
expect_rc 0
expect_file "$SITE/public/index.html"
[ "$(ls -a "$WORK" | grep -c 'staging')" = 0 ] || fail "a staging directory was left"

# The spare beside the output (.<out>.spare, the previous output the next
# build recycles) is gongshi's: but a directory of that name that
# gongshi did not write (no .gongshi marker) is never deleted or
# written into, nor is a file of that name.
mkdir "$WORK/.keep1.spare"
echo keep >"$WORK/.keep1.spare/notes.txt"
echo keep >"$WORK/.keep2.spare"
for out in keep1 keep2; do
	gs build -o "$WORK/$out"
	expect_rc 0
	gs build --full -o "$WORK/$out"
	expect_rc 0
	expect_file "$WORK/$out/index.html"
done
[ "$(cat "$WORK/.keep1.spare/notes.txt")" = keep ] || fail ".keep1.spare was touched"
[ "$(ls -A "$WORK/.keep1.spare")" = notes.txt ] || fail "files were added to .keep1.spare"
[ "$(cat "$WORK/.keep2.spare")" = keep ] || fail ".keep2.spare was touched"
# gongshi's own spare is there after a build into an existing output
[ -f "$WORK/.empty.spare/.gongshi" ] || fail "no spare kept beside $WORK/empty"
