#!/bin/sh
# `make check-web`: render the bundled site into a scratch directory, serve it
# with nginx on 127.0.0.1 (own config, prefix, pid and logs in that directory),
# and run tests/web/check.mjs against it. tests/web/deps.sh has installed the
# tools. nginx is killed by the PID saved here, on success and on failure, and
# cannot outlive a killed harness by more than NGINX_SECONDS.
#
#   GONGSHI   the gongshi binary (default ./gongshi)
#   SITE      the site to render (default: the repository root)
#   ARTIFACTS where screenshots go (default: tests/artifacts)
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
GONGSHI=${GONGSHI:-$root/gongshi}
SITE=${SITE:-$root}
ARTIFACTS=${ARTIFACTS:-$root/tests/artifacts}
NGINX_SECONDS=${NGINX_SECONDS:-1200}

work=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-web.XXXXXX")
# nginx workers run as an unprivileged user when the master is root
chmod 755 "$work"
nginx_pid=""
check_pid=""
cleanup() {
	if [ -n "$check_pid" ]; then
		kill "$check_pid" 2>/dev/null || true
		wait "$check_pid" 2>/dev/null || true
	fi
	if [ -n "$nginx_pid" ]; then
		kill "$nginx_pid" 2>/dev/null || true
		wait "$nginx_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$work/public"

free_port() {
	node -e 'const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Is 127.0.0.1:$1 accepting connections? Waits up to 10 s.
wait_port() {
	node -e 'const net = require("net"); const port = +process.argv[1];
const end = Date.now() + 10000;
(function again() {
	const c = net.connect(port, "127.0.0.1", () => { c.end(); process.exit(0); });
	c.on("error", () => { if (Date.now() > end) process.exit(1); setTimeout(again, 100); });
})();' "$1"
}

mkdir -p "$work/nginx/tmp"
tries=0
while :; do
	tries=$((tries + 1))
	port=$(free_port)
	sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@ROOT@|$work/public|g" -e "s|@PORT@|$port|g" \
		tests/web/nginx.conf.in >"$work/nginx/nginx.conf"
	timeout "$NGINX_SECONDS" nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" \
		-e "$work/nginx/error.log" -g 'daemon off;' &
	nginx_pid=$!
	# nginx writes its pid file only once its socket is bound
	i=0
	while [ ! -s "$work/nginx/nginx.pid" ] && [ $i -lt 50 ] && kill -0 "$nginx_pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -s "$work/nginx/nginx.pid" ] && kill -0 "$nginx_pid" 2>/dev/null && wait_port "$port"; then
		break
	fi
	kill "$nginx_pid" 2>/dev/null || true
	wait "$nginx_pid" 2>/dev/null || true
	nginx_pid=""
	if [ "$tries" -ge 5 ]; then
		echo "check-web: nginx did not start:" >&2
		cat "$work/nginx/error.log" >&2 || true
		exit 1
	fi
done
echo "== nginx (pid $nginx_pid) serving on http://127.0.0.1:$port/"

# Absolute URLs (the 404 page's links, canonical, share tags, the QR code)
# must point at this server, not at the real site (LOCAL_BASE_URL=0 keeps
# the site's own base_url: the harness self-test has fixed QR codes).
site_base=""
if [ "${LOCAL_BASE_URL:-1}" != 0 ]; then
	site_base="http://127.0.0.1:$port"
	echo "== render $SITE for $site_base"
	SOURCE_DATE_EPOCH=1795392000 TZ=Asia/Shanghai "$GONGSHI" build -C "$SITE" \
		-o "$work/public" --base-url "$site_base"
else
	echo "== render $SITE"
	SOURCE_DATE_EPOCH=1795392000 TZ=Asia/Shanghai "$GONGSHI" build -C "$SITE" \
		-o "$work/public"
fi

# in the background, so that a signal to this script is handled at once
timeout 900 node tests/web/check.mjs --public "$work/public" \
	--base "http://127.0.0.1:$port/" --site "$SITE" \
	${site_base:+--site-base "$site_base/"} \
	--artifacts "$ARTIFACTS" &
check_pid=$!
rc=0
wait "$check_pid" || rc=$?
check_pid=""
if [ -s "$work/nginx/error.log" ] && grep -qv '\[notice\]' "$work/nginx/error.log"; then
	echo "nginx error log:"
	sed 's/^/  /' "$work/nginx/error.log"
fi
exit "$rc"
