# Share metadata on every page (WeChat, CONTENT-MODEL "Publishing for
# WeChat"): <title> is the message cut to 28 characters plus "｜" and the
# short name; a meta description; og:* and itemprop name/description/
# image with absolute URLs from base_url; a canonical link; the default
# share image from site.yaml, a record's cover instead where it has one.
BASE=https://qingfeng.example.cn
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0

/usr/bin/python3 - "$WORK/pub" "$BASE" >"$WORK/share.out" 2>&1 <<'PY' ||
import os, sys
from html.parser import HTMLParser
from urllib.parse import quote
root, base = sys.argv[1], sys.argv[2]
ORG, SHORT = "清风社区居民委员会", "清风社区"
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles, self.meta, self.links, self.in_title = [], {}, {}, False
        self.head_scope = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head" and "itemscope" in a:
            self.head_scope = True
        if tag == "title":
            self.in_title = True
            self.titles.append("")
        if tag == "meta":
            k = a.get("property") or a.get("name") or ("itemprop:" + a["itemprop"] if "itemprop" in a else None)
            if k:
                if k in self.meta:
                    raise SystemExit("%s: %s twice" % (self.f, k))
                self.meta[k] = a.get("content")
        if tag == "link" and a.get("rel") == "canonical":
            self.links["canonical"] = a.get("href")
    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
    def handle_data(self, d):
        if self.in_title:
            self.titles[-1] += d
bad, n, records = [], 0, 0
for dp, dn, fn in os.walk(root):
    for name in fn:
        if not name.endswith(".html"):
            continue
        f = os.path.join(dp, name)
        rel = os.path.relpath(f, root)
        p = P(); p.f = rel
        p.feed(open(f, encoding="utf-8").read())
        n += 1
        url = base + "/" + quote(rel[:-len("index.html")] if rel.endswith("index.html") else "")
        if rel == "404.html":
            url = base + "/"
        is_record = rel.count("/") == 2 and rel.split("/")[0] in (
            "notices", "disclosures", "power", "consultations", "legal-advisors") and "/page/" not in rel
        records += is_record
        if len(p.titles) != 1:
            bad.append("%s: %d <title>" % (rel, len(p.titles))); continue
        t = p.titles[0]
        if rel == "index.html":
            if t != ORG:
                bad.append("%s: home <title> %r" % (rel, t))
        else:
            if not t.endswith("｜" + SHORT):
                bad.append("%s: <title> %r lacks ｜%s" % (rel, t, SHORT))
            msg = t[:-len("｜" + SHORT)]
            if not 1 <= len(msg) <= 28:
                bad.append("%s: <title> message of %d characters" % (rel, len(msg)))
        if not p.head_scope:
            bad.append("%s: itemprop without an itemscope <head>" % rel)
        m = p.meta
        if not m.get("description"):
            bad.append("%s: no meta description" % rel)
        if p.links.get("canonical") != url:
            bad.append("%s: canonical %r, want %r" % (rel, p.links.get("canonical"), url))
        want = {
            "og:url": url, "og:site_name": ORG,
            "og:type": "article" if is_record else "website",
            "og:description": m.get("description"),
            "itemprop:description": m.get("description"),
            "itemprop:name": m.get("og:title"),
            "itemprop:image": m.get("og:image"),
        }
        for k, v in want.items():
            if m.get(k) != v or not v:
                bad.append("%s: %s=%r, want %r" % (rel, k, m.get(k), v))
        img = m.get("og:image") or ""
        if not img.startswith(base + "/"):
            bad.append("%s: og:image %r is not an absolute URL of the site" % (rel, img))
        elif not os.path.isfile(os.path.join(root, img[len(base) + 1:])):
            bad.append("%s: og:image %r is not in the output" % (rel, img))
        if not m.get("og:title"):
            bad.append("%s: no og:title" % rel)
if n < 40 or records < 15:
    bad.append("only %d pages, %d records" % (n, records))
if bad:
    sys.exit("\n".join(bad[:20]))
PY
	fail "$(cat "$WORK/share.out")"

P=$WORK/pub/disclosures/2026-11-10-finance-2026-10/index.html
expect_grep "$P" '<title>清风社区2026年10月财务收支公开｜清风社区</title>'
expect_grep "$P" '<meta name="description" content="10月收入29,200.00元，支出17,976.30元，月末结余195,161.49元，公示至11月16日。">'
expect_grep "$P" '<meta property="og:image" content="https://qingfeng.example.cn/img/share-qingfeng.png">'
expect_grep "$WORK/pub/notices/index.html" '<meta name="description" content="清风社区居民委员会发布的通知公告，共 6 条">'

# A long title is cut to 28 characters (27 and "…"); a cover replaces
# the default share image on its record only.
new_site s
cp static/img/share.png static/img/cover.png
add_record notices long.md <<'EOT'
---
type: notice
kind: notice
title: 关于做好二〇二六年冬季供暖设施检修和楼道消防安全检查的通知
date: 2026-11-20
summary: 冬季供暖检修和消防检查安排。
cover: img/cover.png
cover_alt: 供暖检修现场照片
---
正文。
EOT
gs build
expect_rc 0
P=public/notices/long/index.html
expect_grep "$P" '<title>关于做好二〇二六年冬季供暖设施检修和楼道消防安全检查的…｜测试社区</title>'
expect_grep "$P" '<meta property="og:title" content="关于做好二〇二六年冬季供暖设施检修和楼道消防安全检查的通知">'
expect_grep "$P" '<meta property="og:image" content="https://test.example.cn/img/cover.png">'
expect_grep "$P" '<meta itemprop="image" content="https://test.example.cn/img/cover.png">'
expect_grep "$P" '<meta property="og:type" content="article">'
expect_grep "$P" '<meta name="description" content="冬季供暖检修和消防检查安排。">'
# the cover is shown early in the page (older WeChat took the first
# large image) with its description
expect_grep "$P" '<img src="../../img/cover.png" alt="供暖检修现场照片">'
expect_grep public/index.html '<meta property="og:image" content="https://test.example.cn/img/share.png">'
expect_grep public/notices/index.html '<meta property="og:type" content="website">'
