# Files that editors and office programs leave beside the one being edited
# (WPS/Office's "~$名单.xlsx" lock, "名单.xlsx~" and "#x#" backups, vim's
# ".swp" and "4913", "x.tmp") and hidden files are neither read as records
# nor published from static/; a record whose attachment
# or cover names one is refused at the field's line:col, since its link
# would be broken.  serve's watch ignores the same names (one function,
# ignored_name(), decides both).
new_site scratch
mkdir -p static/files static/.private
printf 'real' > static/files/名单.xlsx
for f in 'files/~$名单.xlsx' 'files/名单.xlsx~' 'files/.名单.xlsx.swp' \
    'files/#名单.xlsx#' 'files/名单.tmp' 'files/4913' '.private/x.pdf' \
    'files/名单.xlsx.swx'; do
	printf 'scratch' > "static/$f"
done
add_record notices ok.md <<'EOT'
---
type: notice
kind: notice
title: 居民名单核对通知
date: 2026-11-20
summary: 请居民核对名单。
attachments:
  - {path: files/名单.xlsx, title: 居民名单}
---
正文。
EOT
# A record file under an ignored name is not a record, whatever it holds.
for f in '#草稿.md' '草稿.md~' '.草稿.md' '~$草稿.md'; do
	printf -- '---\ntype: notice\nkind: notice\ntitle: 不应发布的草稿\ndate: 2026-11-20\nsummary: 草稿。\n---\n正文。\n' \
	    > "content/notices/$f"
done
gs build
expect_rc 0
expect_no_err '草稿'
expect_file 'public/files/名单.xlsx'
# Every scratch file holds "scratch": none may be in the output.
grep -rqF scratch public && fail "a scratch file was published: $(grep -rlF scratch public | head -3)"
[ ! -e public/.private ] || fail "a hidden directory was published"
grep -rqF '不应发布的草稿' public && fail "a record under an ignored name was published"
expect_grep public/notices/ok/index.html 'href="../../files/名单.xlsx"'
before=$(tree_hash public)

add_record notices bad.md <<'EOT'
---
type: notice
kind: notice
title: 附件指向临时文件的通知
date: 2026-11-20
summary: 摘要。
attachments:
  - {path: "files/~$名单.xlsx", title: 锁定文件}
  - {path: files/名单.xlsx~, title: 备份文件}
  - {path: .private/x.pdf, title: 隐藏文件}
  - {path: ./files/名单.xlsx, title: 正常文件}
---
EOT
gs build
expect_rc 1
for l in '8:6: error: 文件 path：“files/~$名单.xlsx”是隐藏文件或编辑器、办公软件的临时文件' \
    '9:6: error: 文件 path：“files/名单.xlsx~”是隐藏文件' \
    '10:6: error: 文件 path：“.private/x.pdf”是隐藏文件'; do
	expect_err "content/notices/bad.md:$l"
done
expect_no_err 'bad.md:11:'
expect_err '未生成网站，原有网站保持不变'
[ "$(tree_hash public)" = "$before" ] || fail "public/ changed after a refused build"
