# XSS, hostile input: the payloads of tests/sites/hostile/xss-payloads.txt
# (after the OWASP XSS filter-evasion cheat sheet) in every string, text
# and person field of every record type and of site.yaml (xssgen fills
# them in from the schema tables, and fails when a field has no fixture),
# in tags (which become directory names), in Markdown links, images,
# reference links, autolinks, raw HTML, code and tables
# (tests/sites/hostile/xss-body.md, appended to every body), and in file
# names: static files used as cover, share_image, flowchart and
# attachments, and a record file with a slug.
#
# In every file gongshi writes (pages, feeds, sitemap, .ics) there is no
# "<script", and, as a browser parses the HTML (pages and feed items), no
# code-running element, no event-handler attribute, no URL other than
# http(s)/mailto/tel/relative (tests/sites/hostile/check_output.py).  The
# payloads are kept as text.  Where Chromium is installed, opening every
# page raises no dialog.
H=$ROOT/tests/sites/hostile
: "${XSSGEN:=$ROOT/build/rel/xssgen}"
[ -x "$XSSGEN" ] || fail "the fixture generator is missing: make build/rel/xssgen"

# The theme's own inline script, which the checker lets through (and only
# it, byte for byte).
sed -n '/<!\[CDATA\[/,/\]\]>/p' "$ROOT/templates/partials/script.html" | sed '1d;$d' >"$WORK/theme.js"

# The checker itself must catch what it looks for.
mkdir -p "$WORK/control"
for bad in '<p><a href=" JaVa&#x09;Script:alert(1)">x</a></p>' \
    '<p><img src="x" onerror="alert(1)"/></p>' '<p><SCRIPT>alert(1)</SCRIPT></p>' \
    '<p><a href="data:text/html,x">x</a></p>' '<svg><circle/></svg>' \
    '<svg class="qr"><script>alert(1)</script></svg>' '<script>alert(1)</script>' \
    '<input type="image" src="x"/>' '<form action="x"><input/></form>' \
    '<p style="background:url(javascript:alert(1))">x</p>'; do
	printf '<!DOCTYPE html><html><head><title>t</title></head><body>%s</body></html>\n' "$bad" >"$WORK/control/index.html"
	/usr/bin/python3 "$H/check_output.py" "$WORK/control" "$WORK/theme.js" >/dev/null &&
		fail "check_output.py let through: $bad"
done

round=0
for offset in 0 17 35; do
	new_site "xss$round"
	rm -rf content site.yaml
	cp -R "$H/xss/." .
	# File names carrying payloads, as the fixtures name them.
	mkdir -p static/img static/files
	cp "$ROOT/static/img/share-qingfeng.png" 'static/img/"><svg onload=alert(1)>.png'
	for f in '<img src=x onerror=alert(2)>.pdf' 'javascript&#58;alert(3).pdf' \
	    "' onmouseover='alert(4)'.pdf"; do
		printf '%%PDF-1.4\n' >"static/files/$f"
	done
	"$XSSGEN" "$H/xss-payloads.txt" "$offset" "$H/xss" "$SITE" >"$WORK/gen.out" 2>&1 ||
		fail "xssgen: $(cat "$WORK/gen.out")"
	for f in content/*/*.md; do
		cat "$H/xss-body.md" >>"$f"
	done
	# A record whose file name is a payload; its slug is its address.
	cat >'content/notices/"><img src=x onerror=alert(5)>.md' <<'EOT'
---
type: notice
kind: notice
title: 文件名里有代码的通知
slug: hostile-file-name
date: 2026-11-20
summary: "<script>alert(6)</script>"
tags: ["<b onclick=alert(7)>"]
---
正文：[链接](javascript:alert(8))
EOT
	gs build
	expect_rc 0
	/usr/bin/python3 "$H/check_output.py" public "$WORK/theme.js" >"$WORK/check.out" 2>&1 ||
		fail "script reached the output (round $round):
$(cat "$WORK/check.out")"
	# Every record page was written, and the payloads are there as text.
	for f in content/*/*.md; do
		case $f in *'<'*) continue ;; esac
		d=$(basename "$(dirname "$f")")
		expect_file "public/$d/$(basename "$f" .md)/index.html"
	done
	expect_file public/notices/hostile-file-name/index.html
	expect_grep public/notices/hostile-file-name/index.html '&lt;script&gt;alert(6)&lt;/script&gt;'
	n=$(grep -rlF '&lt;script' public --include='*.html' | wc -l)
	[ "$n" -ge 10 ] || fail "only $n pages show an escaped <script payload"
	expect_grep public/notices/index.html '&lt;'
	# The Markdown: the safe link stays a link, the others their text.
	page=public/notices/2026-10-12-anti-fraud-lecture/index.html
	expect_grep "$page" '<a href="https://example.cn/">正常链接</a>'
	for t in 链接1 链接2 链接3 链接7 链接10 链接14 链接21 链接24 图1 图2 图8; do
		expect_grep "$page" "$t"
	done
	# The feeds stay well-formed and readable.
	/usr/bin/python3 - public/rss.xml public/*/rss.xml >"$WORK/feeds.out" 2>&1 <<'PY' ||
import sys, feedparser
for f in sys.argv[1:]:
    d = feedparser.parse(f)
    if d.bozo:
        sys.exit("%s: %s" % (f, d.bozo_exception))
PY
		fail "$(cat "$WORK/feeds.out")"
	round=$((round + 1))
done

# What a browser does with the last round's pages.
set +e
sh "$H/browser_dialogs.sh" "$SITE/public" "$WORK" >"$WORK/dialogs.out" 2>&1
rc=$?
set -e
case $rc in
77) echo "    (no Chromium: browser dialog check skipped)" ;;
0) [ -s "$WORK/dialogs.out" ] && fail "opening the pages raised dialogs:
$(head -20 "$WORK/dialogs.out")" ;;
*) fail "the browser check did not work (exit $rc): $(cat "$WORK/dialogs.out") $(tail -5 "$WORK/chromium.log" 2>/dev/null)" ;;
esac
true
