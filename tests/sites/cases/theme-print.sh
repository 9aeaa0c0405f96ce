# Print: every record has a "打印公示" link that works without script
# (#print-help explains the browser's print menu), a QR code of its
# absolute URL (inline SVG, one path) that scans back to that URL, and a
# 落款; the style sheet lays the page out as an A4 sheet for print.
BASE=https://qingfeng.example.cn
gs build -C "$ROOT" -o "$WORK/pub"
expect_rc 0
command -v zbarimg >/dev/null || fail "zbarimg (Debian zbar-tools) is needed to scan the QR codes"

/usr/bin/python3 - "$WORK/pub" "$BASE" "$WORK" >"$WORK/print.out" 2>&1 <<'PY' ||
import os, re, subprocess, sys
from html.parser import HTMLParser
root, base, work = sys.argv[1:4]
SECTIONS = ("notices", "disclosures", "power", "consultations", "legal-advisors")
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svgs, self.print_links, self.help, self.sheet, self.cur = [], [], False, False, None
        self.link = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.cur = {"attrs": a, "paths": []}
            self.svgs.append(self.cur)
        elif tag == "path" and self.cur is not None:
            self.cur["paths"].append(a.get("d", ""))
        elif tag == "a" and a.get("class") == "print-link":
            self.link = [a.get("href"), ""]
            self.print_links.append(self.link)
        if a.get("id") == "print-help":
            self.help = True
        if tag == "section" and a.get("class") == "sheet":
            self.sheet = True
    def handle_endtag(self, tag):
        if tag == "svg":
            self.cur = None
        if tag == "a":
            self.link = None
    def handle_data(self, d):
        if self.link is not None:
            self.link[1] += d

def scan(d, size, url, name):
    """Draw the path 8 px a module as a PGM, let zbarimg read it."""
    bm = [[0] * size for _ in range(size)]
    # Rows of strokes: "Mx y.5hW" starts a row, "mG 0hW" goes on from
    # the end of the run before.
    if not re.fullmatch(r"(M\d+ \d+\.5h\d+(m\d+ 0h\d+)*)+", d):
        return "unexpected path " + d[:40]
    x = y = 0
    for cmd, a, b in re.findall(r"([Mmh])(\d+)(?: (\d+)(?:\.5)?)?", d):
        if cmd == "M":
            x, y = int(a), int(b)
        elif cmd == "m":
            x += int(a)
        else:
            for i in range(int(a)):
                bm[y][x + i] = 1
            x += int(a)
    s = 8
    pgm = os.path.join(work, name + ".pgm")
    with open(pgm, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (size * s, size * s))
        for row in bm:
            line = bytes(0 if v else 255 for v in row for _ in range(s))
            for _ in range(s):
                f.write(line)
    got = subprocess.run(["zbarimg", "--raw", "-q", pgm], capture_output=True, text=True).stdout.strip()
    return got

bad, nrec = [], 0
for dp, dn, fn in os.walk(root):
    for name in fn:
        if not name.endswith(".html"):
            continue
        f = os.path.join(dp, name)
        rel = os.path.relpath(f, root)
        parts = rel.split("/")
        is_record = len(parts) == 3 and parts[0] in SECTIONS and parts[1] != "page"
        p = P()
        p.feed(open(f, encoding="utf-8").read())
        if not is_record:
            if p.svgs or p.print_links:
                bad.append("%s: a QR code or print link on a page that is not a record" % rel)
            continue
        nrec += 1
        url = base + "/" + rel[:-len("index.html")]
        if p.print_links != [["#print-help", "打印公示"]] or not p.help:
            bad.append("%s: print link %r, help %r" % (rel, p.print_links, p.help))
        if not p.sheet:
            bad.append("%s: no 落款 sheet" % rel)
        if len(p.svgs) != 1:
            bad.append("%s: %d SVGs" % (rel, len(p.svgs)))
            continue
        svg = p.svgs[0]
        a = svg["attrs"]
        if a.get("class") != "qr" or a.get("role") != "img" or \
                a.get("aria-label") != "本页网址二维码：" + url or \
                a.get("shape-rendering") != "crispEdges":
            bad.append("%s: QR attributes %r" % (rel, a))
        m = re.fullmatch(r"0 0 (\d+) \1", a.get("viewbox", ""))
        if not m or len(svg["paths"]) != 1:
            bad.append("%s: viewBox %r, %d paths" % (rel, a.get("viewbox"), len(svg["paths"])))
            continue
        got = scan(svg["paths"][0], int(m.group(1)), url, "qr%d" % nrec)
        if got != url:
            bad.append("%s: the QR code reads %r, want %r" % (rel, got, url))
if nrec < 15:
    bad.append("only %d record pages" % nrec)
if bad:
    sys.exit("\n".join(bad[:20]))
PY
	fail "$(cat "$WORK/print.out")"

# The sheet carries the organisation (header), the 落款 and, for a
# disclosure, its 公示期, objection contact and signatories.
P=$WORK/pub/disclosures/2026-11-10-finance-2026-10/index.html
expect_grep "$P" '<p class="sheet-sign"><span>清风社区居民委员会</span><br><time datetime="2026-11-10">2026年11月10日</time></p>'
expect_grep "$P" '<span class="qr-url">https://qingfeng.example.cn/disclosures/2026-11-10-finance-2026-10/</span>'
expect_grep "$P" 'id="h-publicity">公示期</h2>'
expect_grep "$P" 'id="h-objection">异议渠道</h2>'
expect_grep "$P" 'id="h-sign">签字</h2>'
# A record without its own objection section names the supervisor on the
# sheet; one with it does not repeat it.
expect_grep "$WORK/pub/power/2026-03-20-resident-certificate/index.html" '<p>如有疑问或异议，请联系<span>居务监督委员会主任</span><span>刘淑琴</span>，电话 <a href="tel:13900004444">139 0000 4444</a>'
expect_no_grep "$P" 'class="sheet-contact"'

# The style sheet: an A4 page, navigation and tools hidden, the QR shown.
css=$(ls "$WORK"/pub/assets/style.*.css)
/usr/bin/python3 - "$css" >"$WORK/css.out" 2>&1 <<'PY' ||
import re, sys
css = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"@media print \{(.*)\}\s*$", css, re.S)
if not m:
    sys.exit("no @media print block at the end")
pr = m.group(1)
for want in (r"@page \{ size: A4;", r"\.site-nav[^{]*\{ display: none !important; \}",
             r"\.print-link", r"\.qr-box \{ display: block !important;", r"\.sheet \{ display: block;"):
    if not re.search(want, pr):
        sys.exit("print style lacks /%s/" % want)
# on screen the print help only shows when asked for (#print-help), and
# the sheet and the QR are hidden
for want in (r"\.print-help \{ display: none;", r"\.print-help:target \{ display: block; \}",
             r"\.qr-box \{ display: none;", r"\.sheet \{ display: none; \}"):
    if not re.search(want, css[:m.start()]):
        sys.exit("screen style lacks /%s/" % want)
PY
	fail "$(cat "$WORK/css.out")"

# A URL too long for any QR code (a 2,400-character base URL): the page
# is built without the code and its box, not refused.
long=https://example.cn/$(printf '%02400d' 0)
gs build -C "$ROOT" --full --base-url "$long" -o "$WORK/long"
expect_rc 0
P=$WORK/long/notices/2026-11-19-water-outage/index.html
expect_file "$P"
expect_no_grep "$P" 'class="qr-box"'
expect_no_grep "$P" '<svg'
expect_grep "$P" '<h1'
true
