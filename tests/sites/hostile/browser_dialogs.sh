#!/bin/sh
# browser_dialogs.sh SITE-DIR WORK-DIR: open every page of a built site in
# headless Chromium and print one line per dialog (alert, confirm, prompt,
# print) a page raised while loading: "DIALOG <kind> <path> <message>".
#
# Each page is copied with a first <head> script that replaces the dialog
# functions by a postMessage to a parent page holding every page in an
# iframe; the parent writes what it receives into its DOM, which Chromium
# dumps.  A control page that does raise one is added, and its dialog must
# come back, so a harness that sees nothing cannot pass for a clean site.
# Exit 0 when the control's dialog came back (whatever else did), 2 when
# the harness did not work, 77 when there is no Chromium.
set -eu
site=$1
work=$2
chrome=
for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
	[ -x "$c" ] && { chrome=$c; break; }
done
[ -n "$chrome" ] || exit 77
rm -rf "$work/pages" "$work/profile"
cp -R "$site" "$work/pages"
printf '%s\n' '<!DOCTYPE html><html><head><title>control</title></head><body><img src="x" onerror="alert(&quot;control&quot;)"/></body></html>' \
    >"$work/pages/gongshi-control.html"
pre='<script>(function(){function r(k){return function(m){parent.postMessage("DIALOG "+k+" "+location.pathname+" "+m,"*");return null;};}window.alert=r("alert");window.confirm=r("confirm");window.prompt=r("prompt");window.print=r("print");})();</script>'
find "$work/pages" -name '*.html' | while IFS= read -r f; do
	sed -i "0,/<head>/s||<head>$pre|" "$f"
done
{
	echo '<!DOCTYPE html><html><head><script>window.addEventListener("message",function(e){var p=document.createElement("pre");p.className="dialog";p.textContent=String(e.data);document.documentElement.appendChild(p);});</script></head><body>'
	find "$work/pages" -name '*.html' | sort | /usr/bin/python3 -c '
import html, sys, urllib.parse
for line in sys.stdin:
    url = "file://" + urllib.parse.quote(line.rstrip("\n"))
    print("<iframe src=\"%s\"></iframe>" % html.escape(url))'
	echo '</body></html>'
} >"$work/frames.html"
"$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$work/profile" --virtual-time-budget=3000 \
    --dump-dom "file://$work/frames.html" 2>"$work/chromium.log" |
    /usr/bin/python3 -c '
import html, re, sys
for m in re.finditer(r"<pre class=\"dialog\">(.*?)</pre>", sys.stdin.read(), re.S):
    print(html.unescape(m.group(1)))' >"$work/dialogs.txt" || true
rm -rf "$work/profile"
grep -v 'gongshi-control.html control$' "$work/dialogs.txt" || true
grep -q 'gongshi-control.html control$' "$work/dialogs.txt" || exit 2
