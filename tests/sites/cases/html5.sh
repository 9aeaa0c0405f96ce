# Every page is HTML5 as browsers and validators want it: a doctype, the
# language and charset, void elements without end tags, Chinese as UTF-8
# characters, balanced elements.
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0
new_site s1
add_record notices n.md <<'EOT'
---
type: notice
kind: notice
title: 换行和图片的通知
date: 2026-11-20
summary: 测试空元素。
---
第一行\
第二行

![图](img/share.png)

---

| 项目 | 金额 |
| -- | --: |
| 保洁 | 1,200.00 |
EOT
gs build -o "$WORK/one"
expect_rc 0
n=0
for f in $(find "$WORK/pub" "$WORK/one" -name '*.html'); do
	head -c 16 "$f" | grep -q '^<!DOCTYPE html>$' || fail "$f does not start with <!DOCTYPE html>"
	expect_grep "$f" '<html lang="zh-CN">'
	expect_grep "$f" '<meta charset="utf-8">'
	[ "$(grep -c 'charset' "$f")" = 1 ] || fail "$f declares its charset more than once"
	expect_no_grep "$f" '</(br|img|meta|link|input|hr|source|wbr|col|area|base|embed|track)>'
	expect_no_grep "$f" '&#[0-9]'
	expect_no_grep "$f" '&#x[0-9a-f]'
	expect_no_grep "$f" 'xmlns|<\?xml|data-g-|<!--'
	n=$((n + 1))
done
[ "$n" -ge 30 ] || fail "only $n pages checked"
# (the Markdown body keeps cmark's "<br />": HTML5 allows the slash on
# void elements; templates' own void elements have none)
expect_grep "$WORK/one/notices/n/index.html" '<meta name="viewport" content="width=device-width, initial-scale=1">'
expect_grep "$WORK/one/notices/n/index.html" '第一行<br />'
expect_grep "$WORK/one/notices/n/index.html" '<img src="../../img/share.png" alt="图" />'
expect_grep "$WORK/one/notices/n/index.html" '<td style="text-align: right">1,200.00</td>'
expect_grep "$WORK/pub/index.html" '清风社区'

# Element balance, as an HTML5 parser sees it.
/usr/bin/python3 - $(find "$WORK/pub" "$WORK/one" -name '*.html') >"$WORK/bal.out" 2>&1 <<'PY' ||
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
class P(HTMLParser):
    def __init__(self, f):
        super().__init__(convert_charrefs=True)
        self.f, self.stack, self.seen = f, [], []
    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            sys.exit("%s: self-closing <%s/>" % (self.f, tag))
    def handle_starttag(self, tag, attrs):
        names = [k for k, v in attrs]
        if len(names) != len(set(names)):
            sys.exit("%s: <%s> repeats an attribute: %r" % (self.f, tag, names))
        if tag not in VOID:
            self.stack.append(tag)
        self.seen.append(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            sys.exit("%s: </%s>" % (self.f, tag))
        if not self.stack or self.stack[-1] != tag:
            sys.exit("%s: </%s> closes <%s>" % (self.f, tag, self.stack[-1:] or "nothing"))
        self.stack.pop()
for f in sys.argv[1:]:
    p = P(f)
    p.feed(open(f, encoding="utf-8").read())
    p.close()
    if p.stack:
        sys.exit("%s: unclosed %r" % (f, p.stack))
    for t in ("html", "head", "title", "body", "main"):
        if p.seen.count(t) != 1:
            sys.exit("%s: %d <%s>" % (f, p.seen.count(t), t))
PY
	fail "$(cat "$WORK/bal.out")"
true
