# Encoding, hostile input: invalid UTF-8 (a stray byte, GBK, an overlong
# form, a surrogate, a code point above U+10FFFF, a sequence cut off at
# the end) and NUL bytes are rejected with their line:col and their byte
# position in the file as it is on disk (with a BOM and CRLF line ends
# too), in records and in site.yaml.  A BOM and CRLF line ends are
# accepted, and the site built from such files is byte for byte the one
# built from plain LF files.
new_site enc
mkdir -p static/img
cp "$ROOT/static/img/share-qingfeng.png" static/img/share.png
add_record notices a.md <<'EOT'
---
type: notice
kind: notice
title: 编码测试通知
date: 2026-11-20
summary: 摘要。
tags: [测试]
event: {start: 2026-11-25T09:00, location: 服务中心}
---
各位居民：

这是第一段，
换行后接着写。

| 项目 | 金额 |
|---|---:|
| 办公用品 | 100.00 |

```
代码块
  缩进
```
EOT
add_record disclosures b.md <<'EOT'
---
type: disclosure
category: affairs
topic: other
frequency: once
title: 编码测试公开
date: 2026-11-20
summary: 摘要。
---
正文。
EOT
gs build
expect_rc 0
lf=$(tree_hash public)

# bad NAME BYTES... EXPECTED: a record written with printf; build fails
bad() {
	name=$1 bytes=$2
	shift 2
	printf -- "$bytes" >"content/notices/$name.md"
	gs build
	expect_rc 1
	for e in "$@"; do
		expect_err "$e"
	done
	[ "$(tree_hash public)" = "$lf" ] || fail "public/ changed"
	rm "content/notices/$name.md"
}

head='---\ntype: notice\nkind: notice\n'
# 30 bytes of head, "title: " is 7 more: the title's first byte is byte 38.
bad stray "${head}title: 通知\377公告\n---\n" \
    'content/notices/stray.md:4:10: error: 不是有效的 UTF-8 编码（第 44 字节）：请把文件另存为 UTF-8（不要用 GBK）'
gbk=$(/usr/bin/python3 -c "import sys; sys.stdout.write(''.join('\\\\%03o' % b for b in '公示'.encode('gbk')))")
bad gbk "${head}title: $gbk\n---\n" \
    'content/notices/gbk.md:4:8: error: 不是有效的 UTF-8 编码（第 38 字节）'
bad overlong "${head}title: a\300\257b\n---\n" \
    'content/notices/overlong.md:4:9: error: 不是有效的 UTF-8 编码（第 39 字节）'
bad surrogate "${head}title: ab\355\240\200\n---\n" \
    'content/notices/surrogate.md:4:10: error: 不是有效的 UTF-8 编码（第 40 字节）'
bad toobig "${head}title: \364\220\200\200\n---\n" \
    'content/notices/toobig.md:4:8: error: 不是有效的 UTF-8 编码（第 38 字节）'
bad cut "${head}title: 通知\n---\n正文\344\270" \
    'content/notices/cut.md:6:3: error: 不是有效的 UTF-8 编码（第 55 字节）'
bad nul "${head}title: 通知\n---\n正文\000更多\n" \
    'content/notices/nul.md:6:3: error: 文件中有空字符（NUL，第 55 字节）：请用文本编辑器另存为 UTF-8'
bad nul0 '\000---\n' \
    'content/notices/nul0.md:1:1: error: 文件中有空字符（NUL，第 1 字节）'
# With a BOM and CRLF line ends the byte is still the file's own.
bad crlf '\357\273\277---\r\ntype: notice\r\nkind: notice\r\ntitle: 通知\377\r\n---\r\n' \
    'content/notices/crlf.md:4:10: error: 不是有效的 UTF-8 编码（第 50 字节）'
bad bom '\357\273\277\377---\n' \
    'content/notices/bom.md:1:1: error: 不是有效的 UTF-8 编码（第 4 字节）'
# Every bad file is reported in one run.
printf -- "${head}title: \377\n---\n" >content/notices/x1.md
printf -- "${head}title: 通知\n---\n\000" >content/notices/x2.md
gs build
expect_rc 1
expect_err 'content/notices/x1.md:4:8: error: 不是有效的 UTF-8 编码（第 38 字节）'
expect_err 'content/notices/x2.md:6:1: error: 文件中有空字符（NUL，第 49 字节）'
rm content/notices/x1.md content/notices/x2.md
# site.yaml
cp site.yaml "$WORK/site.yaml"
printf 'footer: 页脚\000\n' >>site.yaml
line=$(wc -l <site.yaml)
size=$(wc -c <site.yaml)
gs build
expect_rc 1
expect_err "site.yaml:$line:11: error: 文件中有空字符（NUL，第 $((size - 1)) 字节）"
cp "$WORK/site.yaml" site.yaml

# A BOM, CRLF line ends, and both, in every file the site reads: the
# same site.
crlf() { sed -i 's/$/\r/' "$1"; }
bom() { printf '\357\273\277' | cat - "$1" >"$1.new" && mv "$1.new" "$1"; }
for f in content/notices/a.md site.yaml; do crlf "$f"; done
bom content/disclosures/b.md
grep -q "$(printf '\r')" content/notices/a.md || fail "no CR in a.md"
gs build
expect_rc 0
[ "$(tree_hash public)" = "$lf" ] || fail "a BOM or CRLF line ends changed the site"
# (b.md has its BOM already)
for f in content/notices/a.md site.yaml; do
	bom "$f"
done
crlf content/disclosures/b.md
gs build
expect_rc 0
[ "$(tree_hash public)" = "$lf" ] || fail "a BOM with CRLF line ends changed the site"
expect_no_grep public/notices/a/index.html "$(printf '\r')|$(printf '\357\273\277')"
