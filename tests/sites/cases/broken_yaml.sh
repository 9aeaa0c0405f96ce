# A mistake in a record, in site.yaml or in a template: the diagnostic
# names the file, line and column, the build exits 1, and the public/
# built before stays byte for byte as it was, with no staging left over.
new_site broken
add_record notices ok.md <<'EOT'
---
type: notice
kind: notice
title: 正常的通知
date: 2026-11-20
summary: 这条没有问题。
---
正文。
EOT
gs build
expect_rc 0
before=$(tree_hash public)

# still_there: the failed build left public/ and nothing else behind
still_there() {
	[ "$(tree_hash public)" = "$before" ] || fail "public/ changed after a failed build"
	for x in .public.*; do
		case $x in
		.public.lock|.public.cache|.public.memo|.public.spare|.public.spare.cache|".public.*") ;;
		*) fail "left behind: $x" ;;
		esac
	done
}

# 1. A YAML syntax error: an unquoted colon in a value.
add_record notices broken.md <<'EOT'
---
type: notice
kind: notice
title: 头信息写错了
date: 2026-11-20
summary: 时间: 下午三点
---
正文。
EOT
gs build
expect_rc 1
expect_err 'content/notices/broken.md:6:12: error: YAML 语法错误'
expect_err '未生成网站，原有网站保持不变'
expect_no_err 'ok.md'
still_there
# check says the same and writes nothing
gs check
expect_rc 1
expect_err 'content/notices/broken.md:6:12: error: YAML 语法错误'
still_there

# 2. The same file with Windows line ends: the same line:col.
sed 's/$/\r/' content/notices/broken.md >content/notices/crlf.md
gs build
expect_rc 1
expect_err 'content/notices/crlf.md:6:12: error: YAML 语法错误'
still_there
rm content/notices/crlf.md

# 3. Bad indentation deeper down, and a file without the closing ---.
cat >content/notices/broken.md <<'EOT'
---
type: notice
kind: notice
title: 缩进写错了
date: 2026-11-20
contact:
  name: 马丽
 phone: "13900001111"
---
正文。
EOT
printf -- '---\ntype: notice\ntitle: 没有结束行\n' >content/notices/open.md
gs build
expect_rc 1
expect_err 'content/notices/broken.md:8:'
expect_err 'content/notices/open.md:1:1: error: YAML 头信息没有结束行'
still_there
rm content/notices/open.md

# 4. A duplicate key: the second one, and where the first was.
cat >content/notices/broken.md <<'EOT'
---
type: notice
kind: notice
title: 键写了两次
date: 2026-11-20
summary: 第一次。
summary: 第二次。
---
EOT
gs build
expect_rc 1
expect_err 'content/notices/broken.md:7:1: error: 键“summary”重复（第一次出现在第 6 行）'
still_there
rm content/notices/broken.md

# 5. site.yaml.
cp site.yaml site.yaml.good
printf 'footer: [未闭合\n' >>site.yaml
line=$(wc -l <site.yaml)
gs build
expect_rc 1
expect_err "site.yaml:$((line + 1)):1: error: YAML 语法错误"
still_there
cp site.yaml.good site.yaml
sed 's/^org_type: community$/org_type: community\norg_type: village/' site.yaml.good >site.yaml
gs build
expect_rc 1
expect_err 'site.yaml:3:1: error: 键“org_type”重复（第一次出现在第 2 行）'
still_there
mv site.yaml.good site.yaml

# 6. A template: an unknown attribute, a bad filter, malformed XHTML,
# a missing partial.
cp templates/record.html "$WORK/record.html"
sed 's|<h1 data-g-text="page.title">|<h1 data-g-txet="page.title">|' "$WORK/record.html" >templates/record.html
line=$(grep -n 'data-g-txet' templates/record.html | cut -d: -f1)
[ -n "$line" ] || fail "could not plant the template error"
gs build
expect_rc 1
expect_err "templates/record.html:$line:1: error: 模板错误：未知的模板属性“data-g-txet”"
still_there
gs check
expect_rc 1
expect_err "templates/record.html:$line:1: error:"

sed 's#data-g-text="page.date|fulldate"#data-g-text="page.date|dat"#' "$WORK/record.html" >templates/record.html
line=$(grep -n 'page.date|dat"' templates/record.html | cut -d: -f1)
[ -n "$line" ] || fail "could not plant the filter error"
gs build
expect_rc 1
expect_err "templates/record.html:$line:1: error: 模板错误：未知的过滤器“dat”"
still_there

sed 's|<h1 data-g-text="page.title">标题</h1>|<h1 data-g-text="page.title">标题<br></h1>|' "$WORK/record.html" >templates/record.html
line=$(grep -n '标题<br>' templates/record.html | cut -d: -f1)
[ -n "$line" ] || fail "could not plant the XML error"
gs build
expect_rc 1
expect_err "templates/record.html:$line:"
expect_err "error: 模板错误：不是格式良好的 XHTML：Opening and ending tag mismatch: br line $line and h1"
still_there
cp "$WORK/record.html" templates/record.html

mv templates/partials/footer.html "$WORK/footer.html"
line=$(grep -n 'partials/footer.html' templates/record.html | cut -d: -f1)
gs build
expect_rc 1
expect_err "templates/record.html:$line:1: error: 模板错误：找不到被引用的模板“partials/footer.html”"
still_there
mv "$WORK/footer.html" templates/partials/footer.html

# 7. Fixed: the build goes through and replaces public/.
gs build
expect_rc 0
[ "$(tree_hash public)" = "$before" ] || fail "the same sources built differently"
