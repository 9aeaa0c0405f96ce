# The pages a site has: home, one listing per section, one page per
# record, 404.html, robots.txt, static files; drafts only with --drafts.
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0
P=$WORK/pub
expect_file "$P/index.html"
expect_file "$P/404.html"
expect_file "$P/robots.txt"
expect_file "$P/.gongshi"
expect_grep "$P/robots.txt" 'Sitemap: https://qingfeng.example.cn/sitemap.xml'
expect_grep "$P/404.html" '页面没有找到'
# 404.html is shown at any missing URL, so its links are absolute
expect_grep "$P/404.html" 'href="https://qingfeng.example.cn/notices/"'
expect_grep "$P/404.html" '<link rel="stylesheet" href="https://qingfeng.example.cn/assets/style.'
expect_no_grep "$P/404.html" '(href|src)="[^h#t]'
expect_grep "$P/index.html" '<h1>清风社区居民委员会</h1>'
for d in notices disclosures power consultations legal-advisors; do
	expect_file "$P/$d/index.html"
	expect_file "$P/$d/rss.xml"
	expect_grep "$P/index.html" "href=\"$d/\""
	n=0
	for md in "$ROOT/content/$d"/*.md; do
		grep -q '^draft: true' "$md" && continue
		slug=$(sed -n 's/^slug: *//p' "$md")
		[ -n "$slug" ] || slug=$(basename "$md" .md)
		title=$(sed -n 's/^title: *//p' "$md" | head -1 | sed 's/^"\(.*\)"$/\1/')
		page="$P/$d/$slug/index.html"
		expect_file "$page"
		expect_grep "$page" "<h1>$title</h1>"
		expect_grep "$page" "<title>$title｜清风社区</title>"
		expect_grep "$P/$d/index.html" "href=\"../$d/$slug/\""
		n=$((n + 1))
	done
	dirs=$(find "$P/$d" -mindepth 1 -maxdepth 1 -type d ! -name page | wc -l)
	[ "$dirs" = "$n" ] || fail "$d: $dirs record pages for $n records"
done
for f in "$ROOT"/static/*/* "$ROOT"/static/*; do
	[ -f "$f" ] || continue
	rel=${f#"$ROOT/static/"}
	cmp -s "$f" "$P/$rel" || fail "static/$rel not copied to public/$rel"
done
ls "$P"/assets/style.*.css >/dev/null 2>&1 || fail "no content-hashed stylesheet"

# A small site: static files, drafts, a slug from the front matter.
new_site small
add_record notices 2026-11-20-first.md <<'EOT'
---
type: notice
kind: notice
title: 第一条测试通知
date: 2026-11-20
summary: 第一条。
---
第一条的正文。
EOT
add_record notices named.md <<'EOT'
---
type: notice
kind: notice
title: 自定网址的通知
date: 2026-11-21
slug: custom-slug
summary: 网址名写在头信息里。
---
正文。
EOT
add_record notices draft.md <<'EOT'
---
type: notice
kind: notice
title: 还没发布的草稿
date: 2026-11-22
draft: true
summary: 草稿。
---
草稿正文。
EOT
mkdir -p static/files
printf '%%PDF-1.4 test\n' >static/files/通知.pdf
gs build
expect_rc 0
expect_file public/notices/2026-11-20-first/index.html
expect_file public/notices/custom-slug/index.html
[ -e public/notices/named ] && fail "the file name was used despite slug:"
[ -e public/notices/draft ] && fail "a draft was built without --drafts"
expect_no_grep public/rss.xml '还没发布的草稿'
expect_no_grep public/sitemap.xml 'draft'
cmp -s static/img/share.png public/img/share.png || fail "static/img/share.png not copied"
cmp -s static/files/通知.pdf public/files/通知.pdf || fail "static/files/通知.pdf not copied"
expect_grep public/robots.txt 'Sitemap: https://test.example.cn/sitemap.xml'
# empty sections still have a listing and a feed
for d in disclosures power consultations legal-advisors; do
	expect_file "public/$d/index.html"
	expect_grep "public/$d/index.html" '暂无内容'
	expect_file "public/$d/rss.xml"
done
# home lists the newest first
a=$(grep -n '自定网址的通知' public/index.html | head -1 | cut -d: -f1)
b=$(grep -n '第一条测试通知' public/index.html | head -1 | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] || fail "home page order"

gs build --drafts
expect_rc 0
expect_file public/notices/draft/index.html
expect_grep public/rss.xml '还没发布的草稿'

# A tag is a directory tags/<tag>/: ".." would overwrite the home page.
add_record notices dots.md <<'EOT'
---
type: notice
kind: notice
title: 标签写成了点
date: 2026-11-21
summary: 点。
tags: [停水, "..", "."]
---
正文。
EOT
before=$(tree_hash public)
gs build
expect_rc 1
expect_err 'content/notices/dots.md:7:12: error: 标签 tags：“..”不能作为标签名'
expect_err 'content/notices/dots.md:7:18: error: 标签 tags：“.”不能作为标签名'
[ "$(tree_hash public)" = "$before" ] || fail "a refused build changed public/"
rm content/notices/dots.md

# A static file may not overwrite a generated one.
printf 'x' >static/robots.txt
gs build
expect_rc 1
expect_err 'static/robots.txt: error: 与 gongshi 生成的文件同名，请改名'
