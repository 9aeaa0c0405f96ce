# A record written to attack readers: raw HTML, script and data URLs in
# the body, markup in the title and summary.  None of it reaches any
# output file as markup; the text around it does.
new_site xss
add_record notices attack.md <<'EOT'
---
type: notice
kind: notice
title: "\"><script>alert(1)</script>标题"
date: 2026-11-20
summary: "\"><script>alert(2)</script>摘要' onmouseover='alert(3)"
tags: ["<b>标签"]
---
正文开始。

<script>alert(4)</script>

段落里的<img src=x onerror=alert(5)>图片和<a href="javascript:alert(6)">原始链接</a>。

[x](javascript:alert(7)) [第一个链接](javascript:alert(7))
[y](JAVASCRIPT:alert(8)) [第二个链接](JaVaScRiPt:alert(8))
![z](data:image/png;base64,AAAA) ![第三张图](DATA:image/png;base64,AAAA)
[第四个链接](vbscript:msgbox(9)) [第五个链接](  javascript:alert(10) )

<iframe src="https://evil.example/"></iframe>

<svg onload=alert(12)>

正文结束。
EOT
gs build
expect_rc 0
page=public/notices/attack/index.html
expect_file "$page"
# The theme's own script (partials/script.html, the search page's
# assets/search.*.js) and QR codes are checked by the parser below; in
# XML files nothing of the kind may appear.
for f in $(find public -type f -name '*.xml'); do
	expect_no_grep "$f" '<script'
	expect_no_grep "$f" '<svg'
done
for f in $(find public -type f \( -name '*.html' -o -name '*.xml' \)); do
	expect_no_grep "$f" 'onerror='
	expect_no_grep "$f" 'onload='
	expect_no_grep "$f" 'javascript:'
	expect_no_grep "$f" 'vbscript:'
	expect_no_grep "$f" 'data:'
	expect_no_grep "$f" '<iframe'
	expect_no_grep "$f" '<img src="?x'
	expect_no_grep "$f" '<b>标签'
done
# What a browser would parse: no event attribute, no script URL, on any
# element of any page (the summary's ' onmouseover=' is text).
# Scripts: only the theme's inline one, byte for byte, and the search
# page's content-hashed asset; SVG: only a QR code (class "qr", one path
# of moves and lines).
sed -n '/<!\[CDATA\[/,/\]\]>/p' templates/partials/script.html | sed '1d;$d' >"$WORK/theme.js"
/usr/bin/python3 - "$WORK/theme.js" $(find public -name '*.html') >"$WORK/attrs.out" 2>&1 <<'PY' ||
import re, sys
from html.parser import HTMLParser
THEME_JS = open(sys.argv[1], encoding="utf-8").read().strip()
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.script = None
        self.in_svg = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            if attrs == [] or (set(a) == {"src", "defer"} and
                    re.fullmatch(r"(\.\./)*assets/search\.[0-9a-f]{10}\.js", a["src"] or "")):
                self.script = [] if attrs == [] else None
                return
            sys.exit("%s: <script %r>" % (self.f, attrs))
        if tag == "svg" and a.get("class") == "qr" and not self.in_svg:
            self.in_svg = 1
            return
        if tag == "path" and self.in_svg and \
                set(a) == {"fill", "stroke", "d"} and \
                a["fill"] == "none" and a["stroke"] == "#000" and \
                re.fullmatch(r"(M\d+ \d+\.5h\d+(m\d+ 0h\d+)*)+", a["d"] or ""):
            return
        if tag in ("script", "iframe", "svg", "object", "embed") or self.in_svg:
            sys.exit("%s: <%s>" % (self.f, tag))
        for k, v in attrs:
            v = (v or "").strip().lower()
            if k.startswith("on"):
                sys.exit("%s: <%s %s=%r>" % (self.f, tag, k, v))
            if k in ("href", "src", "action", "formaction") and \
                    v.replace("\t", "").startswith(("javascript:", "data:", "vbscript:")):
                sys.exit("%s: <%s %s=%r>" % (self.f, tag, k, v))
    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)
    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg = 0
        if tag == "script" and self.script is not None:
            if "".join(self.script).strip() != THEME_JS:
                sys.exit("%s: a script that is not the theme's" % self.f)
            self.script = None
for f in sys.argv[2:]:
    p = P()
    p.f = f
    p.feed(open(f, encoding="utf-8").read())
PY
	fail "$(cat "$WORK/attrs.out")"
expect_grep "$page" "alert(3)"
# The feeds hold the body as escaped HTML: decode once and look again,
# as a feed reader would.
for f in public/rss.xml public/notices/rss.xml; do
	xmllint --xpath 'string(//item/description)' "$f" >"$WORK/desc.html"
	expect_no_grep "$WORK/desc.html" '<script|onerror=|javascript:|data:|<iframe|<svg'
	expect_grep "$WORK/desc.html" '<p>正文开始。</p>'
	xmllint --xpath 'string(//item/title)' "$f" >"$WORK/title.txt"
	expect_grep "$WORK/title.txt" '"><script>alert(1)</script>标题'
done
# The text is kept, escaped.
expect_grep "$page" '<h1>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;标题</h1>'
# (29 characters: cut to 28 in <title>)
expect_grep "$page" '<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;…｜测试社区</title>'
expect_grep "$page" 'content="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;摘要'"'"' onmouseover='"'"'alert(3)"'
expect_grep "$page" '正文开始。'
expect_grep "$page" '正文结束。'
expect_grep "$page" '第一个链接'
expect_grep "$page" '第二个链接'
expect_grep "$page" '第三张图'
expect_grep "$page" '第四个链接'
expect_grep "$page" '第五个链接'
expect_grep public/notices/index.html '&lt;script&gt;alert(1)&lt;/script&gt;标题'
