# Feeds and the sitemap: well-formed (xmllint), read by feedparser without
# complaint (bozo == 0) with one item per record, 50 at most; listings
# paginated 20 per page.

# check_feed FILE COUNT: feedparser reads FILE cleanly and finds COUNT
# items, each with an absolute permalink guid and a +0800 date.
check_feed() {
	xmllint --noout "$1" 2>"$WORK/xmllint.err" ||
		fail "$1 is not well-formed: $(cat "$WORK/xmllint.err")"
	/usr/bin/python3 - "$1" "$2" "$BASE" >"$WORK/fp.out" 2>&1 <<'PY' ||
import sys, feedparser
path, want, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = feedparser.parse(path)
if d.bozo:
    sys.exit("bozo: %r" % (d.bozo_exception,))
if d.version != "rss20":
    sys.exit("version %r" % d.version)
if d.feed.get("language") != "zh-cn":
    sys.exit("language %r" % d.feed.get("language"))
if not d.feed.get("link", "").startswith(base + "/"):
    sys.exit("channel link %r" % d.feed.get("link"))
if len(d.entries) != want:
    sys.exit("%d items, want %d" % (len(d.entries), want))
for e in d.entries:
    if not e.link.startswith(base + "/"):
        sys.exit("relative item link %r" % e.link)
    if e.id != e.link:
        sys.exit("guid %r is not the permalink %r" % (e.id, e.link))
    if not e.published.endswith(" +0800") or e.published_parsed is None:
        sys.exit("pubDate %r" % e.published)
    if not e.title or not e.description:
        sys.exit("item without title or description: %r" % e.link)
PY
		fail "feedparser on $1: $(cat "$WORK/fp.out")"
	n=$(xmllint --xpath "count(//item/guid[@isPermaLink='true'])" "$1")
	[ "$n" = "$2" ] || fail "$1: $n permalink guids, want $2"
}

# records SITE SECTION: how many records (drafts excluded) a section has
records() {
	n=0
	for f in "$1/content/$2"/*.md; do
		[ -f "$f" ] || continue
		grep -q '^draft: true' "$f" || n=$((n + 1))
	done
	echo "$n"
}

# 1. The bundled site.
BASE=https://qingfeng.example.cn
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0
total=0
for d in notices disclosures power consultations legal-advisors; do
	n=$(records "$ROOT" "$d")
	[ "$n" -ge 2 ] || fail "the bundled site has only $n records in $d"
	check_feed "$WORK/pub/$d/rss.xml" "$n"
	total=$((total + n))
done
[ "$total" -le 50 ] || total=50
check_feed "$WORK/pub/rss.xml" "$total"
xmllint --noout "$WORK/pub/sitemap.xml" 2>"$WORK/xmllint.err" ||
	fail "sitemap.xml: $(cat "$WORK/xmllint.err")"
# every record page is in the sitemap, with an absolute URL
for d in notices disclosures power consultations legal-advisors; do
	for page in "$WORK/pub/$d"/*/index.html; do
		slug=$(basename "$(dirname "$page")")
		[ "$slug" = page ] && continue
		expect_grep "$WORK/pub/sitemap.xml" "<loc>$BASE/$d/$slug/</loc>"
	done
done
expect_grep "$WORK/pub/sitemap.xml" "<loc>$BASE/</loc>"
expect_no_grep "$WORK/pub/sitemap.xml" "<loc>[^h]"
expect_no_grep "$WORK/pub/sitemap.xml" "404"

# 2. Sixty notices: feeds stop at 50, listings have three pages of 20.
new_site big
BASE=https://test.example.cn
i=1
while [ $i -le 60 ]; do
	day=$(( (i + 1) / 2 ))
	add_record notices "$(printf 'n%02d' $i).md" <<EOT
---
type: notice
kind: notice
title: 第$(printf '%02d' $i)号测试通知
date: 2026-10-$(printf '%02d' $day)
summary: 第$i号通知的摘要。
---
第$i号通知的正文。
EOT
	i=$((i + 1))
done
gs build
expect_rc 0
check_feed public/rss.xml 50
check_feed public/notices/rss.xml 50
check_feed public/disclosures/rss.xml 0
# newest first; one date, then the path decides
/usr/bin/python3 - public/rss.xml >"$WORK/order.out" 2>&1 <<'PY' ||
import sys, feedparser
d = feedparser.parse(sys.argv[1])
t = [e.title for e in d.entries]
if t[0] != "第59号测试通知" or t[1] != "第60号测试通知" or t[2] != "第57号测试通知":
    sys.exit("order: %r" % t[:4])
if t[-1] != "第12号测试通知":
    sys.exit("last item %r" % t[-1])
PY
	fail "feed order: $(cat "$WORK/order.out")"

expect_file public/notices/index.html
expect_file public/notices/page/2/index.html
expect_file public/notices/page/3/index.html
[ -e public/notices/page/4 ] && fail "a fourth page for 60 records"
[ -e public/notices/page/1 ] && fail "page/1/ duplicates the listing"
for p in public/notices/index.html public/notices/page/2/index.html \
    public/notices/page/3/index.html; do
	n=$(grep -c 'class="item"' "$p")
	[ "$n" = 20 ] || fail "$p lists $n records, want 20"
done
expect_grep public/notices/index.html '第59号测试通知'
expect_grep public/notices/page/2/index.html '第39号测试通知'
expect_grep public/notices/page/3/index.html '第02号测试通知'
expect_grep public/notices/page/3/index.html '第01号测试通知'
# the pager links, relative to each page
expect_grep public/notices/index.html 'href="../notices/page/2/" rel="next"'
expect_grep public/notices/page/2/index.html 'href="../../../notices/" rel="prev"'
expect_grep public/notices/page/2/index.html 'href="../../../notices/page/3/" rel="next"'
expect_grep public/notices/page/3/index.html 'href="../../../notices/page/2/" rel="prev"'
expect_no_grep public/notices/page/3/index.html 'rel="next"'
expect_no_grep public/notices/index.html 'rel="prev"'
grep -q '<loc>https://test.example.cn/notices/page/3/</loc>' public/sitemap.xml ||
	fail "page 3 is not in the sitemap"
