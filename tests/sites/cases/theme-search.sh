# Search without a server: search.xml (one <r> per record: title,
# summary, tags, body as plain text, ledger and list texts), read by the
# search page's content-hashed search.js; the page says what to do with
# JavaScript off and lists the sections instead.
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0
P=$WORK/pub
expect_file "$P/search.xml"
xmllint --noout "$P/search.xml" || fail "search.xml is not well-formed"
# one entry per record page, with its title
n=0
for d in notices disclosures power consultations legal-advisors; do
	for page in "$P/$d"/*/index.html; do
		case $page in */page/*) continue ;; esac
		slug=$(basename "$(dirname "$page")")
		title=$(sed -n 's|.*<h1>\(.*\)</h1>.*|\1|p' "$page" | head -1)
		[ "$(xmllint --xpath "string(//r[@u='$d/$slug/']/t)" "$P/search.xml")" = "$title" ] ||
			fail "search.xml: no entry titled $title for $d/$slug/"
		n=$((n + 1))
	done
done
[ "$(xmllint --xpath 'count(//r)' "$P/search.xml")" = "$n" ] || fail "search.xml: not one <r> per record ($n)"
[ "$n" -ge 15 ] || fail "only $n records"
# summary, tags, section, date, body text (plain: no Markdown, no HTML),
# and the front matter people search for
R="//r[@u='notices/2026-11-23-water-outage-corrected/']"
[ "$(xmllint --xpath "string($R/@s)" "$P/search.xml")" = "通知公告" ] || fail "section of the entry"
[ "$(xmllint --xpath "string($R/@d)" "$P/search.xml")" = "2026-11-23" ] || fail "date of the entry"
xmllint --xpath "string($R/m)" "$P/search.xml" | grep -qF '停水时间改为11月26日' || fail "summary not indexed"
xmllint --xpath "string($R/k)" "$P/search.xml" | grep -qF '停水 更正' || fail "tags not indexed"
xmllint --xpath "string($R/b)" "$P/search.xml" >"$WORK/body.txt"
expect_grep "$WORK/body.txt" '停水范围 梧桐里小区1—6号楼 梧桐里小区1—8号楼'
expect_grep "$WORK/body.txt" '独居老人、行动不便的居民如需送水，请联系网格员孙文静（139 0000 2222）'
expect_no_grep "$WORK/body.txt" '<|\||\*\*|---'
xmllint --xpath "string(//r[@u='disclosures/2026-11-10-finance-2026-10/']/b)" "$P/search.xml" >"$WORK/ledger.txt"
expect_grep "$WORK/ledger.txt" '临河区惠邻便民早餐店'
expect_grep "$WORK/ledger.txt" '清风苑小区消防通道标线施划'

# The search page: a search box, results as links (by search.js), and
# the sections for readers without JavaScript.
S=$P/search/index.html
expect_grep "$S" '<input type="search" id="q" name="q"'
expect_grep "$S" '<form class="search-form" id="search-form" role="search" method="get" action="./" data-index="../search.xml">'
expect_grep "$S" '<ol class="items search-results" id="search-results"></ol>'
expect_grep "$S" '<noscript><p class="notice-box">搜索需要浏览器开启 JavaScript。'
expect_grep "$S" '<a href="../notices/"><span>通知公告</span>（<span>6</span> 条）</a>'
js=$(sed -n 's|.*<script src="\.\./\(assets/search\.[0-9a-f]\{10\}\.js\)" defer="defer"></script>.*|\1|p' "$S")
[ -n "$js" ] || fail "search page lacks its content-hashed script"
cmp -s "$P/$js" "$ROOT/templates/assets/search.js" || fail "$js is not templates/assets/search.js"
# the script reads what gongshi writes, and builds results without HTML
for w in "getElementsByTagName('r')" "getAttribute('u')" "text(rs[i], 't')" "text(rs[i], 'm')" \
    "text(rs[i], 'k')" "text(rs[i], 'b')" "textContent = r.title" "normalize('NFKC')"; do
	expect_grep "$P/$js" "$w"
done
expect_no_grep "$P/$js" 'innerHTML|eval\(|document\.write|https?:'
# The home page's box goes to the search page.
expect_grep "$P/index.html" '<form class="search-form" role="search" method="get" action="search/">'
expect_grep "$P/index.html" '<input type="search" id="home-q" name="q"'

# Every asset a page uses is content-hashed and exists: WeChat caches
# hard, a changed file must get a new name.
/usr/bin/python3 - "$P" >"$WORK/assets.out" 2>&1 <<'PY' ||
import os, posixpath, re, sys
from html.parser import HTMLParser
root = sys.argv[1]
bad, seen = [], set()
class H(HTMLParser):
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v and "assets/" in v:
                name = v.split("assets/", 1)[1]
                if not re.fullmatch(r"[a-z]+\.[0-9a-f]{10}\.(css|js|svg)", name):
                    bad.append("%s: %s" % (self.f, v))
                t = posixpath.normpath(posixpath.join(posixpath.dirname(self.f), v))
                if v.startswith("https://"):
                    t = posixpath.join(root, v.split("/", 3)[3])
                if not os.path.isfile(t):
                    bad.append("%s: %s missing" % (self.f, v))
                seen.add(name.split(".")[0] + "." + name.split(".")[-1])
for dp, dn, fn in os.walk(root):
    for n in fn:
        if n.endswith(".html"):
            h = H(); h.f = os.path.join(dp, n)
            h.feed(open(h.f, encoding="utf-8").read())
for want in ("style.css", "search.js", "favicon.svg"):
    if want not in seen:
        bad.append("no page uses %s" % want)
if bad:
    sys.exit("\n".join(bad[:10]))
PY
	fail "$(cat "$WORK/assets.out")"
true
