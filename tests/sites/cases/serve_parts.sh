# A site of more than 500 records has its search index in parts
# (search.xml, search-2.xml).  When only record bodies change, serve
# remakes a part from the one it wrote, with just those records' entries
# made again (search_index_splice()), and writes the pages straight into
# its own output.  Two bodies are changed in one save, one in each part,
# then one alone; after each, serve's output must be exactly what a full
# build of the same sources makes.  (Left out of the valgrind run: 520
# records.)
new_site src
i=0
while [ "$i" -lt 520 ]; do
	d=$(date -u -d "2025-01-01 + $i days" +%F)
	add_record notices "$d-notice-$i.md" <<EOT
---
type: notice
kind: notice
title: 第 $i 期社区通知
date: $d
summary: 本期通知的摘要，第 $i 期。
---
各位居民：本周三上午在社区活动室开展第 $i 期便民服务，欢迎参加。

- 理发、量血压
- 小家电维修
EOT
	i=$((i + 1))
done

scale=$(slowdown)
LOG="$WORK/serve.log"
serve_bg 180 "$LOG"
pid=$SERVE_PID
trap 'kill -TERM $pid 2>/dev/null || true' EXIT

builds() { grep -c '条记录，\|未生成网站' "$LOG" || true; }
wait_build() {
	tries=$((60 * scale * 10))
	while [ "$(builds)" -le "$1" ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || { ERR=$LOG; fail "no build after: $what"; }
		kill -0 "$pid" 2>/dev/null || { ERR=$LOG; fail "serve died after: $what"; }
		sleep 0.1
	done
}
what="the first build"
wait_build 0
LIVE=$(sed -n 's/.*→ \(.*\)$/\1/p' "$LOG" | head -1)
expect_file "$LIVE/search-2.xml"

# change HOW WHAT COMMAND...: after the change, serve's output is a full
# build's; HOW: "quick" (rebuilt in place from the kept build), "full"
# (a new tree) or "any"
change() {
	how=$1
	what=$2
	shift 2
	n=$(builds)
	ino=$(stat -c %i "$LIVE")
	"$@"
	wait_build "$n"
	now=$(stat -c %i "$LIVE")
	if [ "$how" = quick ] && [ "$now" != "$ino" ]; then
		ERR=$LOG; fail "$what: not rebuilt from the kept build"
	elif [ "$how" = full ] && [ "$now" = "$ino" ]; then
		ERR=$LOG; fail "$what: rebuilt from the kept build"
	fi
	expect_full_build "$what" "$LIVE"
}
# newest first: the newest record is in search.xml, the oldest in
# search-2.xml
new=content/notices/2026-06-04-notice-519.md
old=content/notices/2025-01-03-notice-2.md
both() {
	sed -i 's/欢迎参加/欢迎居民朋友参加/' "$new" "$old"
}
change quick "a body in each part" both
expect_grep "$LIVE/search.xml" "第 519 期便民服务，欢迎居民朋友参加"
expect_grep "$LIVE/search-2.xml" "第 2 期便民服务，欢迎居民朋友参加"
grep -q "新生成 6 个文件" "$LOG" ||
	{ ERR=$LOG; fail "not 6 files (2 pages, 2 parts, the 2 feeds of the newest) rendered"; }
older() { echo "- 测血糖" >> content/notices/2025-01-01-notice-0.md; }
change quick "the oldest record's body" older
expect_grep "$LIVE/search-2.xml" "测血糖"
# Two records of one file (a hard link; neither in a feed): a change under
# one name is a change to both.
hard() { ln content/notices/2025-01-05-notice-4.md content/notices/2025-01-05-notice-4b.md; }
change any "a second name for a record's file" hard
appendline() { echo "$1" >> "$2"; }
change full "append under one of the names" appendline "- 磨剪刀" content/notices/2025-01-05-notice-4.md
expect_grep "$LIVE/notices/2025-01-05-notice-4b/index.html" "磨剪刀"

kill -TERM "$pid"
set +e
wait "$pid"
rc=$?
set -e
[ "$rc" = 0 ] || { ERR=$LOG; fail "serve exited $rc after SIGTERM"; }
trap - EXIT
