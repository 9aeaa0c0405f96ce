#!/bin/sh
# `make check-web`, second part: `gongshi serve` on a copy of the bundled
# site, driven by Chromium (tests/web/serve.mjs); the error page and a page
# with the reload script, as sent, are checked with the Nu HTML Checker.  The server is stopped by the PID saved
# here, and cannot outlive a killed harness by more than SERVE_SECONDS.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
GONGSHI=${GONGSHI:-$root/gongshi}
SERVE_SECONDS=${SERVE_SECONDS:-300}

work=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-serve.XXXXXX")
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$work/site" "$work/tmp" "$work/out"
cp -R content templates static site.yaml "$work/site/"
record=$(ls "$work/site/content/notices/"*.md | head -1)
TMPDIR="$work/tmp" timeout "$SERVE_SECONDS" "$GONGSHI" serve -C "$work/site" --port 0 \
	>"$work/serve.log" 2>&1 &
pid=$!
i=0
until grep -q '条记录，' "$work/serve.log"; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "check-web: gongshi serve did not start:" >&2
		cat "$work/serve.log" >&2
		exit 1
	fi
	sleep 0.1
done
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.log" | head -1)
echo "== gongshi serve (pid $pid) on http://127.0.0.1:$port/"
rc=0
node tests/web/serve.mjs --port "$port" --record "$record" --out "$work/out" || rc=1
vnu=tests/web/node_modules/vnu-jar/build/dist/vnu.jar
for f in error.html page.html; do
	if [ ! -f "$work/out/$f" ]; then
		echo "FAIL no $f to check"
		rc=1
	elif java -jar "$vnu" --errors-only "$work/out/$f"; then
		echo "ok   $f as sent passes the Nu HTML Checker"
	else
		echo "FAIL $f as sent does not pass the Nu HTML Checker"
		rc=1
	fi
done
[ "$rc" = 0 ] || { echo "--- serve log:"; cat "$work/serve.log"; }
exit "$rc"
