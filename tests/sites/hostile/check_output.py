#!/usr/bin/python3
"""Look through every file of a built site for anything that would run
script in a reader's browser, feed reader or calendar:

  - the bytes "<script" (any case) in any text file;
  - in HTML (pages, and the HTML a feed carries in <description>), as a
    browser parses it: an element that runs or embeds code (script,
    iframe, object, svg, ...), an event-handler attribute (on...=), a
    style attribute with url( or expression(, a meta refresh, and a URL
    attribute whose scheme is not http, https, mailto or tel (javascript:,
    vbscript:, data: ... after the browser's own entity decoding and
    whitespace stripping);
  - in XML: well-formedness, safe URLs in link, guid, url, loc and href,
    and each feed item's description checked as the HTML it is;
  - in iCalendar: safe URL and ATTACH values, no HTML alternative text;
  - in JSON (a search index, if there is one): safe URLs.

Usage: check_output.py DIR.  Prints every problem and exits 1 if any.
"""
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
URL_ATTRS = {
    "href", "src", "action", "formaction", "poster", "background", "cite",
    "longdesc", "data", "codebase", "srcset", "xlink:href", "manifest",
    "ping", "lowsrc", "dynsrc", "icon", "profile", "usemap", "classid",
    "archive", "content-url",
}
BAD_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "base", "form", "input", "button", "textarea", "select",
    "style", "details", "marquee", "xss", "bgsound", "layer", "ilayer",
    "isindex", "template", "portal",
}
problems = []


def scheme_problem(url):
    """The scheme of `url` when it is not a safe one, else None.  Browsers
    drop ASCII whitespace and control characters before they look for the
    scheme; so does this."""
    s = "".join(ch for ch in url if ord(ch) > 0x20 and ch != "\x7f").lower()
    m = re.match(r"([a-z][a-z0-9+.\-]*):", s)
    if m and m.group(1) not in SAFE_SCHEMES:
        return m.group(1) + ":"
    return None


# The theme's own elements, which no content can produce: its inline
# script (byte for byte, from the file given as the second argument), the
# search page's content-hashed script, QR codes (an <svg class="qr"> with
# one path of moves and lines), the large-text checkbox and the search
# form.
THEME_JS = None


class Page(HTMLParser):
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.script = None
        self.in_qr = False

    def bad(self, what):
        problems.append("%s: %s" % (self.where, what))

    def theme_element(self, tag, attrs, d):
        if tag == "script":
            if attrs == [] and THEME_JS is not None:
                self.script = []
                return True
            return set(d) == {"src", "defer"} and re.fullmatch(
                r"(\.\./)*assets/search\.[0-9a-f]{10}\.js", d["src"]) is not None
        if tag == "svg" and d.get("class") == "qr" and not self.in_qr:
            self.in_qr = True
            return True
        if tag == "input":
            return d.get("type") in ("checkbox", "search")
        if tag == "form":
            return d.get("role") == "search" and d.get("method") == "get"
        if tag == "button":
            return d.get("type") == "submit"
        return False

    def handle_starttag(self, tag, attrs):
        d = {k: (v or "") for k, v in attrs}
        if self.in_qr and not (tag == "path" and
                d == {"fill": "none", "stroke": "#000", "d": d.get("d")} and
                re.fullmatch(r"(M\d+ \d+\.5h\d+(m\d+ 0h\d+)*)+", d["d"])):
            self.bad("<%s> inside a QR code" % tag)
        elif tag in BAD_TAGS and not self.theme_element(tag, attrs, d):
            self.bad("<%s> element" % tag)
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.bad("<%s %s=%r> event handler" % (tag, k, v))
            if k in URL_ATTRS:
                for part in (v.split(",") if k == "srcset" else [v]):
                    sp = scheme_problem(part)
                    if sp:
                        self.bad("<%s %s=%r>: %s URL" % (tag, k, v, sp))
            if k == "style" and re.search(r"url\s*\(|expression\s*\(|javascript:", v, re.I):
                self.bad("<%s style=%r>" % (tag, v))
        if tag == "meta":
            if d.get("http-equiv", "").lower() == "refresh":
                self.bad("<meta http-equiv=refresh>")
            prop = (d.get("property", "") + d.get("name", "")).lower()
            if prop.endswith(("url", "image")) and scheme_problem(d.get("content", "")):
                self.bad("<meta %s content=%r>" % (prop, d.get("content")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.in_qr = False

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_qr = False
        if tag == "script" and self.script is not None:
            if "".join(self.script).strip() != THEME_JS:
                self.bad("a <script> that is not the theme's own")
            self.script = None


def check_html(text, where):
    p = Page(where)
    p.feed(text)
    p.close()


def check_xml(path, text):
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as e:
        problems.append("%s: not well-formed XML: %s" % (path, e))
        return
    html_parents = set()
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] in ("item", "entry"):
            html_parents.add(el)
    for el in root.iter():
        name = el.tag.rsplit("}", 1)[-1]
        body = el.text or ""
        if name in ("description", "encoded", "content", "summary") and \
                any(el in list(p) for p in html_parents):
            # An item's description is HTML (escaped once); the
            # channel's description and every title are plain text.
            check_html(body, "%s <%s>" % (path, name))
        if name in ("link", "guid", "url", "loc", "comments", "docs"):
            sp = scheme_problem(body.strip())
            if sp or (body.strip() and not body.strip().startswith(("https://", "http://"))):
                problems.append("%s: <%s>%s</%s>: not an http(s) URL" % (path, name, body, name))
        for k, v in el.attrib.items():
            if k.rsplit("}", 1)[-1] in ("href", "src", "url") and scheme_problem(v):
                problems.append("%s: <%s %s=%r>" % (path, name, k, v))


def check_ics(path, text):
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    for line in lines:
        m = re.match(r"([A-Za-z0-9-]+)([^:]*):(.*)", line)
        if not m:
            continue
        name, value = m.group(1).upper(), m.group(3)
        if name in ("URL", "ATTACH", "TZURL", "SOURCE") and scheme_problem(value):
            problems.append("%s: %s:%s" % (path, name, value))
        if name.startswith("X-ALT-DESC") or "FMTTYPE=TEXT/HTML" in m.group(2).upper():
            problems.append("%s: HTML in %s" % (path, name))


def check_json(path, text):
    try:
        data = json.loads(text)
    except ValueError as e:
        problems.append("%s: not JSON: %s" % (path, e))
        return

    def walk(v, key=""):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, k)
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, str) and re.search(r"url|href|src|link", key, re.I):
            if scheme_problem(v):
                problems.append("%s: %s=%r" % (path, key, v))
    walk(data)


def main():
    global THEME_JS
    root = sys.argv[1]
    if len(sys.argv) > 2:
        THEME_JS = open(sys.argv[2], encoding="utf-8").read().strip()
    seen = 0
    for d, _, files in os.walk(root):
        for f in files:
            path = os.path.join(d, f)
            rel = os.path.relpath(path, root)
            raw = open(path, "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue  # images
            seen += 1
            ext = f.rsplit(".", 1)[-1].lower()
            # (in HTML the parser judges every script element)
            if ext not in ("html", "htm") and re.search(r"<script", text, re.I):
                problems.append("%s: contains <script" % rel)
            if ext in ("html", "htm"):
                check_html(text, rel)
            elif ext in ("xml", "rss", "atom"):
                check_xml(rel, text)
            elif ext == "ics":
                check_ics(rel, text)
            elif ext == "json":
                check_json(rel, text)
            elif ext in ("js", "css") and re.search(r"javascript:|expression\s*\(", text, re.I):
                problems.append("%s: javascript: or expression(" % rel)
    for p in problems[:60]:
        print(p)
    if len(problems) > 60:
        print("... and %d more" % (len(problems) - 60))
    print("check_output: %d text files, %d problems" % (seen, len(problems)))
    sys.exit(1 if problems or seen == 0 else 0)


main()
