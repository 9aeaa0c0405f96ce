# gongshi serve: the preview on 127.0.0.1.  It serves the built site (a
# directory's index, its slash, 404.html, nothing outside the output or
# hidden in it), rebuilds when a record is saved, shows a build's errors on
# every page (escaped) until they are mended, refuses other Host names
# (DNS rebinding), makes open pages reload after
# a build, refuses a taken port, and on SIGTERM stops with 0 (at once,
# though a page waits for a build) and removes its temporary output.
new_site serve
add_record notices 2026-11-19-outage.md <<'R'
---
type: notice
kind: notice
title: 西区11月25日计划停水通知
date: 2026-11-19
summary: 11月25日8:30—16:00西区停水。
contact: {name: 孙文静, phone: "13900002222"}
---
请提前储水。
R

scale=$(slowdown)
LOG="$WORK/serve.log"
# Bounded in time, whatever happens to this script.
serve_bg 120 "$LOG"
pid=$SERVE_PID
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
ERR=$LOG

# until_ok SECONDS 'SHELL TEST': poll the test every 0.1 s, fail after
# SECONDS (scaled)
until_ok() {
	tries=$(($1 * scale * 10))
	shift
	while ! eval "$1" >/dev/null 2>&1; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "gave up waiting for: $*"
		kill -0 "$pid" 2>/dev/null || fail "gongshi serve died while waiting for: $*"
		sleep 0.1
	done
}
builds() { grep -c '条记录，' "$LOG" || true; }
errors() { grep -c '未生成网站' "$LOG" || true; }
get() { python3 "$ROOT/tests/sites/httpget.py" "$1" "$port" "$2" "$WORK/body" || true; }

until_ok 10 'grep -q 条记录， "$LOG"'
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$LOG" | head -1)
[ -n "$port" ] || fail "no preview address printed"
out=$(sed -n 's/.*→ \(.*\)$/\1/p' "$LOG" | head -1)
case $out in "$TMPDIR"/gongshi-preview-*/public) ;; *) fail "output not in a temporary directory: $out" ;; esac

# Listening on the loopback address only (127.0.0.1 is 0100007F).
hexport=$(printf '%04X' "$port")
grep -q " 0100007F:$hexport 00000000:0000 0A " /proc/net/tcp ||
	fail "nothing listens on 127.0.0.1:$port"
awk -v p=":$hexport" '$2 ~ p"$" && $4 == "0A" && $2 !~ /^0100007F/' /proc/net/tcp /proc/net/tcp6 | grep -q . &&
	fail "listens beyond 127.0.0.1"

r=$(get GET /)
[ "$r" = "200  text/html; charset=utf-8" ] || fail "GET /: $r"
expect_grep "$WORK/body" "西区11月25日计划停水通知"
r=$(get GET /notices/2026-11-19-outage/)
[ "${r%% *}" = 200 ] || fail "record page: $r"
# The file, with the reload script (generation 1) before </body>.
grep -c '<script>/\* gongshi serve \*/(function(){var g="1";' "$WORK/body" | grep -qx 1 ||
	fail "no reload script in the page"
strip() { sed 's|<script>/\* gongshi serve \*/.*</script></body>|</body>|' "$WORK/body" >"$WORK/stripped"; }
strip
cmp -s "$WORK/stripped" "$out/notices/2026-11-19-outage/index.html" || fail "record page differs from the file"
grep -q 'gongshi serve' "$out/notices/2026-11-19-outage/index.html" && fail "the reload script is in the built file"
for since in 0 x ""; do
	r=$(get GET "/.gongshi/build?since=$since")
	[ "$r" = "200  text/plain; charset=utf-8" ] && [ "$(cat "$WORK/body")" = 1 ] ||
		fail "reload check with since=$since: $r $(cat "$WORK/body")"
done
r=$(get HEAD /notices/2026-11-19-outage/)
[ "${r%% *}" = 200 ] || fail "HEAD: $r"
r=$(get GET /notices)
[ "$r" = "301 notices/ " ] || fail "directory without its slash: $r"
r=$(get GET /rss.xml)
[ "$r" = "200  application/xml; charset=utf-8" ] || fail "rss.xml: $r"
r=$(get GET /no/such/page/)
[ "${r%% *}" = 404 ] || fail "missing page: $r"
strip
cmp -s "$WORK/stripped" "$out/404.html" || fail "a missing page does not get 404.html"
for bad in /../../../serve/site.yaml /notices/../../../../serve/site.yaml /%2e%2e/%2e%2e/%2e%2e/serve/site.yaml /../site.yaml /%2e%2e/site.yaml /notices/../../site.yaml /.gongshi /..%2fsite.yaml; do
	r=$(get GET "$bad")
	[ "${r%% *}" = 404 ] || fail "GET $bad: $r"
	grep -q 'org_name' "$WORK/body" && fail "GET $bad served site.yaml"
done
# Another name for this machine (DNS rebinding) is refused.
for h in "evil.example:$port" "127.0.0.1.evil.example" "localhost.evil.example:$port"; do
	r=$(python3 "$ROOT/tests/sites/httpget.py" GET "$port" / "$WORK/body" "$h" || true)
	[ "${r%% *}" = 403 ] || fail "Host $h: $r"
	grep -q '停水' "$WORK/body" && fail "Host $h got the page"
done
for h in "localhost:$port" "127.0.0.1:$port" "LOCALHOST"; do
	r=$(python3 "$ROOT/tests/sites/httpget.py" GET "$port" / "$WORK/body" "$h" || true)
	[ "${r%% *}" = 200 ] || fail "Host $h: $r"
done
r=$(get POST /)
[ "${r%% *}" = 405 ] || fail "POST: $r"

# Saving a record rebuilds; the page shows the new title; a page waiting
# on the reload address hears of it.
n=$(builds)
python3 "$ROOT/tests/sites/httpget.py" GET "$port" "/.gongshi/build?since=1" "$WORK/reload" >"$WORK/reload.status" &
rpid=$!
sleep 0.5
kill -0 "$rpid" 2>/dev/null || fail "the reload check did not wait for a build"
sed -i 's/^title: .*/title: 西区11月26日计划停水通知/' content/notices/2026-11-19-outage.md
until_ok 10 '[ "$(builds)" -gt "$n" ]'
expect_grep "$LOG" "content/notices/2026-11-19-outage.md 有改动"
wait "$rpid" || fail "reload check failed"
[ "$(cat "$WORK/reload")" = 2 ] || fail "reload check answered $(cat "$WORK/reload") $(cat "$WORK/reload.status"), expected 2"
get GET /notices/2026-11-19-outage/ >/dev/null
expect_grep "$WORK/body" "西区11月26日计划停水通知"

# A mistake: the log has file:line:col, every page shows it, escaped.
sed -i 's/^kind: notice/kind: "<b>x<\/b>"/' content/notices/2026-11-19-outage.md
until_ok 10 '[ "$(errors)" -gt 0 ]'
expect_grep "$LOG" "content/notices/2026-11-19-outage.md:3:1: error: 类别 kind"
for p in / /notices/2026-11-19-outage/ /no/such/page/; do
	r=$(get GET "$p")
	[ "${r%% *}" = 200 ] || fail "error page at $p: $r"
	expect_grep "$WORK/body" "内容有错误，网站没有更新"
	expect_grep "$WORK/body" "content/notices/2026-11-19-outage.md:3:1: error: 类别 kind"
	expect_grep "$WORK/body" "&lt;b&gt;x&lt;/b&gt;"
	expect_no_grep "$WORK/body" "<b>x"
	expect_grep "$WORK/body" '(function(){var g="3";'
done
# Files other than pages are still served.
r=$(get GET /rss.xml)
[ "${r%% *}" = 200 ] || fail "rss.xml while broken: $r"
expect_grep "$WORK/body" "西区11月26日计划停水通知"

# Mended: the site is back.
n=$(builds)
sed -i 's/^kind: .*/kind: notice/' content/notices/2026-11-19-outage.md
until_ok 10 '[ "$(builds)" -gt "$n" ]'
get GET / >/dev/null
expect_no_grep "$WORK/body" "内容有错误"
expect_grep "$WORK/body" "西区11月26日计划停水通知"

# A new record, and a scratch file an editor leaves (no rebuild for it).
n=$(builds)
cat > content/notices/2026-11-21-meeting.md <<'R'
---
type: notice
kind: notice
title: 东区楼道堆物清理协调会
date: 2026-11-21
summary: 11月28日晚7点在服务中心二楼开会。
---
请各楼栋长参加。
R
until_ok 10 '[ "$(builds)" -gt "$n" ]'
expect_file "$out/notices/2026-11-21-meeting/index.html"
n=$(builds)
echo x > content/notices/.2026-11-21-meeting.md.swp
sleep 1
[ "$(builds)" = "$n" ] || fail "an editor's swap file started a build"

# Usage errors: exit 2, with the reason.
gs build --port 8080
expect_rc 2
expect_err "只有 serve 接受 --port"
gs serve --full
expect_rc 2
expect_err "serve 不接受 --full"
gs serve --times
expect_rc 2
expect_err "serve 不接受 --times"
for p in 70000 -1 x ""; do
	gs serve --port "$p"
	expect_rc 2
	expect_err "--port 应为 0 到 65535 之间的整数"
done

# The port is taken: a second server says so and exits 3.
gs serve --port "$port" -C "$SITE"
expect_rc 3
expect_err "端口"

# SIGTERM: exit 0, temporary output gone, also while a page waits.
get GET / >/dev/null
gen=$(sed -n 's/.*(function(){var g="\([0-9]*\)";.*/\1/p' "$WORK/body")
[ -n "$gen" ] || fail "no generation in the page"
python3 "$ROOT/tests/sites/httpget.py" GET "$port" "/.gongshi/build?since=$gen" "$WORK/reload" >/dev/null 2>&1 &
rpid=$!
sleep 0.3
kill -TERM "$pid"
n=$((10 * scale * 10))
while kill -0 "$pid" 2>/dev/null; do
	n=$((n - 1))
	[ "$n" -gt 0 ] || fail "serve did not stop on SIGTERM"
	sleep 0.1
done
set +e
wait "$pid"
rc=$?
set -e
[ "$rc" = 0 ] || fail "serve exited $rc after SIGTERM"
wait "$rpid" || true
expect_grep "$LOG" "预览已停止"
[ -e "$out" ] && fail "temporary output left behind: $out"
[ -z "$(ls "$TMPDIR")" ] || fail "left in TMPDIR: $(ls "$TMPDIR")"
trap - EXIT
