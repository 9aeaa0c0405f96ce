# What the elderly reader on a phone gets on every page: "更新于" with the
# page's own date, every phone number a well-formed tel: link, nothing
# from another host, zoom never disabled, a large-text switch that needs
# no script, dates with the weekday.
BASE=https://qingfeng.example.cn
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0
P=$WORK/pub

/usr/bin/python3 - "$P" "$BASE" >"$WORK/read.out" 2>&1 <<'PY' ||
import os, re, sys
from html.parser import HTMLParser
root, base = sys.argv[1], sys.argv[2]
TEL = re.compile(r"tel:(1[3-9]\d{9}|0[1-9]\d{9,10}(,\d{1,6})?|110|119|120|12345|12348|12388|12315|12333|12338)")
PHONE = re.compile(r"(?<![\d.,\-])(1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0[1-9]\d{1,2}-\d{7,8})(?!\d)")
URL_ATTRS = ("href", "src", "action", "content", "srcset", "poster", "data-index")
class P(HTMLParser):
    def __init__(self, f):
        super().__init__(convert_charrefs=True)
        self.f, self.bad, self.tel, self.skip = f, [], 0, 0
        self.updated, self.in_updated, self.big = None, False, [False, False]
        self.stack = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("meta", "link", "input", "br", "img"):
            self.stack.append(tag)
        for k, v in attrs:
            if k in URL_ATTRS and v and re.match(r"(?i)\s*(https?:)?//", v) and \
                    not (v.startswith(base + "/") or v == base):
                self.bad.append("%s: %s=%r from another host" % (self.f, k, v))
        if tag == "a":
            h = a.get("href") or ""
            if h.startswith("tel:"):
                if not TEL.fullmatch(h):
                    self.bad.append("%s: malformed %r" % (self.f, h))
                self.tel += 1
            else:
                self.tel += 0
        if tag == "a" and (a.get("href") or "").startswith("tel:"):
            self.stack[-1] = "a-tel"
        if tag in ("title", "script", "style", "svg", "figcaption"):
            self.skip += 1
        if tag == "meta" and a.get("name") == "viewport":
            v = a.get("content", "")
            if "user-scalable" in v or "maximum-scale" in v:
                self.bad.append("%s: zoom restricted: %r" % (self.f, v))
        if tag == "p" and a.get("class") == "updated":
            self.in_updated = True
        if tag == "time" and self.in_updated:
            self.updated = a.get("datetime")
        if tag == "input" and a.get("id") == "big-text" and a.get("type") == "checkbox":
            self.big[0] = True
        if tag == "label" and a.get("for") == "big-text":
            self.big[1] = True
    def handle_endtag(self, tag):
        if tag in ("title", "script", "style", "svg", "figcaption"):
            self.skip -= 1
        if tag == "p":
            self.in_updated = False
        if self.stack:
            self.stack.pop()
    def handle_data(self, d):
        if self.skip or "a-tel" in self.stack:
            return
        for m in PHONE.finditer(d):
            self.bad.append("%s: phone %r is not a tel: link" % (self.f, m.group(0)))
bad, pages, tels = [], 0, 0
updated = {}
for dp, dn, fn in os.walk(root):
    for n in fn:
        if not n.endswith(".html"):
            continue
        f = os.path.join(dp, n)
        rel = os.path.relpath(f, root)
        text = open(f, encoding="utf-8").read()
        p = P(rel)
        p.feed(text)
        bad += p.bad
        pages += 1
        tels += p.tel
        if not re.search(r'<p class="updated">更新于 <time datetime="\d{4}-\d\d-\d\d">\d{4}年\d{1,2}月\d{1,2}日（星期[一二三四五六日]）</time></p>', text):
            bad.append("%s: no 更新于 with a full date" % rel)
        updated[rel] = p.updated
        if p.big != [True, True]:
            bad.append("%s: no large-text switch" % rel)
for f in os.listdir(os.path.join(root, "assets")):
    if f.endswith((".css", ".js")):
        t = open(os.path.join(root, "assets", f), encoding="utf-8").read()
        for m in re.finditer(r"https?://|url\(\s*['\"]?(?!data:)[^)]*\)|@import", t):
            bad.append("assets/%s: %r" % (f, m.group(0)))
if pages < 40 or tels < 150:
    bad.append("only %d pages, %d tel: links" % (pages, tels))
# the page's own date: a record's `updated` (else `date`), a listing's
# newest record shown
want = {
    "disclosures/2026-11-10-finance-2026-10/index.html": "2026-11-10",
    "consultations/2026-09-14-garbage-point-relocation/index.html": "2026-09-14",
    "legal-advisors/2026-09-25-legal-schedule-2026-q4/index.html": "2026-11-20",
    "disclosures/index.html": "2026-11-20",
    "power/index.html": "2026-03-20",
}
for k, v in want.items():
    if updated.get(k) != v:
        bad.append("%s: 更新于 %r, want %r" % (k, updated.get(k), v))
if bad:
    sys.exit("\n".join(bad[:25]))
PY
	fail "$(cat "$WORK/read.out")"

# Dates as people say them, with the weekday.
expect_grep "$P/notices/2026-11-19-water-outage/index.html" '发布于 <time datetime="2026-11-19"><span>2026年11月19日</span>（<span>星期四</span>）</time>'
expect_grep "$P/index.html" '<time datetime="2026-11-23">2026年11月23日（星期一）</time>发布'
# The large-text switch is CSS on a checkbox: no script needed.
css=$(ls "$P"/assets/style.*.css)
expect_grep "$css" '.big-toggle:checked ~ header, .big-toggle:checked ~ main, .big-toggle:checked ~ footer { font-size: 1.34em; }'
expect_grep "$css" 'font-size: 1.125em;   /* 18 px */'
expect_grep "$css" 'line-height: 1.7;'
expect_grep "$css" 'min-height: 60px;'
expect_no_grep "$css" '@font-face|@import'

# One new record changes its own pages, not every page: an unrelated
# record page stays byte for byte the same.
new_site s
add_record disclosures old.md <<'EOT'
---
type: disclosure
title: 2026年9月社区活动室使用情况公开
date: 2026-10-08
summary: 九月活动室开放情况。
category: affairs
topic: routine
frequency: monthly
period: 2026-09
---
九月活动室共开放 22 天。
EOT
gs build
expect_rc 0
cp public/disclosures/old/index.html "$WORK/old.html"
add_record notices new.md <<'EOT'
---
type: notice
kind: notice
title: 社区图书室周末开放
date: 2026-11-22
summary: 图书室周末也开放。
---
图书室周六、周日 9:00—16:00 开放。
EOT
gs build
expect_rc 0
cmp -s public/disclosures/old/index.html "$WORK/old.html" ||
	fail "a new notice changed an unrelated record page: $(diff "$WORK/old.html" public/disclosures/old/index.html | head -5)"
expect_grep public/disclosures/old/index.html '更新于 <time datetime="2026-10-08">2026年10月8日（星期四）</time>'
expect_grep public/notices/index.html '更新于 <time datetime="2026-11-22">2026年11月22日（星期日）</time>'
