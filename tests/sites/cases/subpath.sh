# A site served under a sub-path: every internal link is relative and
# lands on a file that exists; absolute URLs (canonical, feeds, sitemap,
# robots.txt) carry the sub-path.
BASE=https://example.cn/sq/qingfeng
gs build -C "$ROOT" -o "$WORK/pub" --base-url "$BASE"
expect_rc 0
cd "$WORK/pub"
for f in $(find . -name '*.html'); do
	expect_no_grep "$f" '(href|src|action)="/'
	expect_no_grep "$f" 'https://qingfeng.example.cn'
done
expect_grep notices/index.html "<link rel=\"canonical\" href=\"$BASE/notices/\">"
expect_grep index.html "<link rel=\"canonical\" href=\"$BASE/\">"
rec=$(ls -d notices/*/ | grep -v '^notices/page/' | head -1)
expect_grep "$rec/index.html" "<link rel=\"canonical\" href=\"$BASE/$rec\">"
expect_grep rss.xml "<link>$BASE/</link>"
expect_grep rss.xml "<atom:link href=\"$BASE/rss.xml\""
expect_grep rss.xml "<guid isPermaLink=\"true\">$BASE/"
expect_grep notices/rss.xml "<link>$BASE/notices/</link>"
expect_no_grep rss.xml '<(link|guid)[^>]*>https://example.cn/[^s]'
expect_grep sitemap.xml "<loc>$BASE/</loc>"
expect_no_grep sitemap.xml '<loc>https://example.cn/[^s]'
expect_grep robots.txt "Sitemap: $BASE/sitemap.xml"
# 404.html, shown at any depth, links absolutely, under the sub-path
expect_grep 404.html "href=\"$BASE/notices/\""
expect_grep 404.html "<a href=\"$BASE/\">返回首页</a>"
for f in rss.xml */rss.xml sitemap.xml; do
	xmllint --noout "$f" || fail "$f is not well-formed"
done

# Every relative href/src of every page resolves to a file of the site.
/usr/bin/python3 - >"$WORK/links.out" 2>&1 <<'PY' ||
import os, sys, posixpath
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote
bad = []
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k not in ("href", "src") or v is None:
                continue
            u = urlsplit(v)
            if u.scheme or v.startswith("#"):
                continue
            if v == "" or v.startswith("/"):
                bad.append("%s: %s=%r" % (self.f, k, v))
                continue
            t = posixpath.normpath(posixpath.join(posixpath.dirname(self.f), unquote(u.path)))
            if t.startswith(".."):
                bad.append("%s: %r leaves the site" % (self.f, v))
            elif not (os.path.isfile(t) or os.path.isfile(posixpath.join(t, "index.html"))):
                bad.append("%s: %r -> %s missing" % (self.f, v, t))
n = 0
for root, dirs, files in os.walk("."):
    for name in files:
        if name.endswith(".html"):
            p = P()
            p.f = posixpath.relpath(posixpath.join(root, name))
            p.feed(open(p.f, encoding="utf-8").read())
            n += 1
if bad:
    sys.exit("\n".join(bad[:20]))
if n < 20:
    sys.exit("only %d pages" % n)
PY
	fail "broken relative links: $(cat "$WORK/links.out")"

# A trailing slash on --base-url changes nothing.
cd "$WORK"
gs build -C "$ROOT" -o "$WORK/pub2" --base-url "$BASE/"
expect_rc 0
[ "$(tree_hash "$WORK/pub")" = "$(tree_hash "$WORK/pub2")" ] ||
	fail "--base-url with a trailing slash differs: $(diff -r pub pub2 | head -5)"
# Only the absolute URLs differ from a build at the domain's root.
gs build -C "$ROOT" -o "$WORK/root"
expect_rc 0
diff "$WORK/pub/notices/index.html" "$WORK/root/notices/index.html" | grep '^[<>]' |
	grep -vE 'rel="canonical"|property="og:(url|image)"|itemprop="image"' >"$WORK/diff.out" || true
[ -s "$WORK/diff.out" ] && fail "a sub-path changed more than the canonical and share URLs: $(head -3 "$WORK/diff.out")"
# A base URL that is not http(s) is a usage error.
gs build -C "$ROOT" -o "$WORK/pub3" --base-url "example.cn/sq"
expect_rc 2
[ -e "$WORK/pub3" ] && fail "a usage error wrote output"
true
