# Size, hostile input: each documented limit (docs/gongshi.1, LIMITS) is
# hit fast, with a clear error at file:line:col, and nothing is built:
# a 10 MB file (4 MB per file), a 100,000-line front matter (10,000
# lines), 50,001 YAML values (50,000), YAML nested 10,000 deep (16),
# Markdown block quotes and lists nested 10,000 deep (32), a table row of
# 200 cells (64 "|" a line), a run of "www." that cmark-gfm would spend
# quadratic time on (8 a run).  Just inside each limit, the build goes
# through.  Deep inline nesting has no limit: it renders in linear time.
new_site size
add_record notices ok.md <<'EOT'
---
type: notice
kind: notice
title: 正常的通知公告
date: 2026-11-20
summary: 摘要。
---
正文。
EOT
gs build
expect_rc 0
before=$(tree_hash public)
slow=false
case $GONGSHI in *valgrind*) slow=true ;; esac

head_lines() { # the front matter of a valid notice, without its end
	printf -- '---\ntype: notice\nkind: notice\ntitle: 限制测试通知\ndate: 2026-11-20\nsummary: 摘要。\n'
}

# refused NAME EXPECTED: build the record in $WORK/rec fast and fail
refused() {
	mv "$WORK/rec" "content/notices/$1.md"
	gs_within 2 build
	expect_rc 1
	expect_err "$2"
	expect_err '未生成网站，原有网站保持不变'
	[ "$(tree_hash public)" = "$before" ] || fail "public/ changed"
	rm "content/notices/$1.md"
}

# accepted NAME: `gongshi check` takes the record in $WORK/rec
accepted() {
	mv "$WORK/rec" "content/notices/$1.md"
	gs_within 10 check
	expect_rc 0
	rm "content/notices/$1.md"
}

# 1. A 10 MB body; one byte over 4 MB; exactly 4 MB.
{ head_lines; echo ---; head -c 10000000 /dev/zero | tr '\0' 'a'; } >"$WORK/rec"
refused big 'content/notices/big.md: error: 文件过大：超过 4 MB 的上限，请拆分或精简'
{ head_lines; echo ---; } >"$WORK/rec"
n=$((4 * 1024 * 1024 - $(wc -c <"$WORK/rec")))
/usr/bin/python3 -c "import sys; sys.stdout.write(('居民' + 'a' * 93 + '\n') * ($n // 100) + 'b' * ($n % 100))" >>"$WORK/rec"
[ "$(wc -c <"$WORK/rec")" = 4194304 ] || fail "the 4 MB file is $(wc -c <"$WORK/rec") bytes"
cp "$WORK/rec" "$WORK/rec4"
$slow || accepted four
printf x >>"$WORK/rec4"
mv "$WORK/rec4" "$WORK/rec"
refused over 'content/notices/over.md: error: 文件过大：超过 4 MB 的上限'

# 2. A 100,000-line front matter; 10,000 lines are still taken.
{ head_lines; /usr/bin/python3 -c "print('# 注释\n' * 99990, end='')"; echo ---; echo 正文。; } >"$WORK/rec"
refused long 'content/notices/long.md:2:1: error: 头信息过长：超过 10000 行的上限，请把长名单放进正文表格或拆分记录'
{ head_lines; /usr/bin/python3 -c "print('# 注释\n' * 9995, end='')"; echo ---; echo 正文。; } >"$WORK/rec"
[ "$(sed -n '2,/^---$/p' "$WORK/rec" | wc -l)" = 10001 ] || fail "not 10,000 lines of front matter"
accepted lines
{ head_lines; /usr/bin/python3 -c "print('# 注释\n' * 9996, end='')"; echo ---; } >"$WORK/rec"
refused lines2 'content/notices/lines2.md:2:1: error: 头信息过长：超过 10000 行的上限'

# 3. 50,001 YAML values on one line.
{ head_lines; printf 'x: ['; /usr/bin/python3 -c "print('1,' * 50000 + '1]')"; echo ---; } >"$WORK/rec"
refused nodes 'content/notices/nodes.md:7:'
expect_err 'error: 头信息内容过多（超过 50000 项）'

# 4. YAML nested 10,000 deep in a flow, 1,000 deep in blocks.
{ head_lines; /usr/bin/python3 -c "print('x: ' + '[' * 10000 + ']' * 10000)"; echo ---; } >"$WORK/rec"
refused deep 'content/notices/deep.md:7:19: error: 头信息嵌套过深（超过 16 层）'
{ head_lines; /usr/bin/python3 -c "
for i in range(1000): print('  ' * i + 'k:')"; echo ---; } >"$WORK/rec"
refused deep2 'content/notices/deep2.md:23:33: error: 头信息嵌套过深（超过 16 层）'

# 5. Markdown nested 10,000 deep: block quotes, lists, both; 32 levels
# are still taken.
{ head_lines; echo ---; /usr/bin/python3 -c "print('>' * 10000 + ' 深')"; } >"$WORK/rec"
refused quotes 'content/notices/quotes.md:8:33: error: 正文：引用和列表层层嵌套超过 32 层，请减少层级'
{ head_lines; echo ---; echo 第一段。; echo; /usr/bin/python3 -c "
for i in range(1000): print('  ' * i + '- 项')"; } >"$WORK/rec"
refused lists 'content/notices/lists.md:42:65: error: 正文：引用和列表层层嵌套超过 32 层，请减少层级'
{ head_lines; echo ---; /usr/bin/python3 -c "print('> - ' * 5000 + '项')"; } >"$WORK/rec"
refused mixed 'content/notices/mixed.md:8:65: error: 正文：引用和列表层层嵌套超过 32 层'
{ head_lines; echo ---; /usr/bin/python3 -c "print('> - ' * 16 + '项')"; } >"$WORK/rec"
accepted mixed32

# 6. The two things cmark-gfm is quadratic on.
{ head_lines; echo ---; echo 表格：; echo; /usr/bin/python3 -c "print('|格' * 200 + '|')"; } >"$WORK/rec"
refused table 'content/notices/table.md:10:129: error: 正文：一行里的“|”超过 64 个：表格最多 63 列，请拆成几张表'
{ head_lines; echo ---; /usr/bin/python3 -c "print('|格' * 63 + '|'); print('|-' * 63 + '|'); print('|值' * 63 + '|')"; } >"$WORK/rec"
accepted table63
{ head_lines; echo ---; /usr/bin/python3 -c "print('见' + 'www._' * 40000)"; } >"$WORK/rec"
refused www 'content/notices/www.md:8:42: error: 正文：一串连续的字母、数字里“www.”出现了 8 次以上，这不是正常的网址，请改写'

# 7. Emphasis nested 20,000 deep is not limited: it builds, fast.
{ head_lines; echo ---; /usr/bin/python3 -c "print('*a **a ' * 20000 + 'b' + ' a** a*' * 20000)"; } >"$WORK/rec"
mv "$WORK/rec" content/notices/emph.md
gs_within 5 build
expect_rc 0
expect_file public/notices/emph/index.html
