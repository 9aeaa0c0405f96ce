# gongshi serve keeps the records it loaded and reads again only the files
# that changed (src/memo.h); in its own temporary directory it neither
# stamps nor checks the output trees.  What it builds must still be exactly what a
# full build makes: the bundled site is edited step by step while serve
# runs (a body, a title, records added, deleted and renamed, a mistake and
# its mending, site.yaml, a touch), and after each of its builds the
# output is compared with `build --full` of the same sources.  A warning
# of a record that did not change is reported by every build, as a build
# that reads every file would.
new_site src
cp -R "$ROOT/content/." content/
cp "$ROOT/site.yaml" site.yaml
mkdir -p static/img && cp "$ROOT/static/img/"* static/img/

scale=$(slowdown)
# Two servers: one in its own temporary directory (whose trees it does
# not stamp), one with -o.
LOG="$WORK/serve.log"
LOG2="$WORK/serve-o.log"
LIVE2="$WORK/live"
serve_bg 180 "$LOG"
pid=$SERVE_PID
serve_bg 180 "$LOG2" -o "$LIVE2"
pid2=$SERVE_PID
trap 'kill -TERM $pid $pid2 2>/dev/null || true' EXIT

count() { grep -c '条记录，\|未生成网站' "$1" || true; }
# builds ended in both
ended() {
	a=$(count "$LOG")
	b=$(count "$LOG2")
	[ "$a" -le "$b" ] && echo "$a" || echo "$b"
}
# wait_build N: until both have ended more than N builds (scaled seconds)
wait_build() {
	tries=$((30 * scale * 10))
	while [ "$(ended)" -le "$1" ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || { ERR=$LOG; fail "no build after step $step"; }
		kill -0 "$pid" 2>/dev/null || { ERR=$LOG; fail "serve died in step $step"; }
		kill -0 "$pid2" 2>/dev/null || { ERR=$LOG2; fail "serve -o died in step $step"; }
		sleep 0.1
	done
}
step=0
# same_as_full WHAT: both servers' output is a full build's of the same
# sources
same_as_full() {
	step=$((step + 1))
	expect_full_build "step $step ($1)" "$LIVE" "$LIVE2"
}
# change WHAT COMMAND...: run the command (a change to the site), wait for
# serve's build, then compare
change() {
	what=$1
	shift
	n=$(ended)
	"$@"
	wait_build "$n"
	same_as_full "$what"
}

wait_build 0
LIVE=$(sed -n 's/.*→ \(.*\)$/\1/p' "$LOG" | head -1)
case $LIVE in "$TMPDIR"/gongshi-preview-*/public) ;; *) fail "output not in a temporary directory: $LIVE" ;; esac
same_as_full "first build"

# A record with a warning (title over 28 characters), then a change to
# another record: the warning is reported again though its file was not
# read again.
long() {
	cat > content/notices/2026-11-20-long-title.md <<'EOT'
---
type: notice
kind: notice
title: 关于清风社区西区三号楼至八号楼冬季供暖管道检修期间暂停供暖的通知
date: 2026-11-20
summary: 11月27日西区三至八号楼暂停供暖一天。
remark: 物业代发
---
检修期间请注意保暖，有困难的请联系楼栋长 13912345678。
EOT
}
change "add a record with a warning" long
long=content/notices/2026-11-20-long-title.md
expect_grep "$LOG" "$long:4:1: warning: 标题 title"
expect_grep "$LOG" "$long:7:1: warning: 未知的键“remark”"
expect_grep "$LOG" "$long:9:"
# A file changed less than a second before it is read is read again by
# the next build (its change time may not show a later change): wait, so
# that the two builds after the next one take it from the memo.
sleep 1.2
# A change to a record's body alone (its front matter, summary and
# warnings unchanged) is written straight into serve's own output from the
# build it kept (build_quick()): the same directory, not a new tree.  In
# -o's output it is an ordinary rebuild.
live_ino() { stat -c %i "$LIVE"; }
quick() {
	i=$(live_ino)
	change "$@"
	[ "$(live_ino)" = "$i" ] || { ERR=$LOG; fail "step $step ($1): not rebuilt from the kept build"; }
}
# not_quick WHAT COMMAND...: the change needs the whole pipeline
not_quick() {
	i=$(live_ino)
	change "$@"
	[ "$(live_ino)" != "$i" ] || { ERR=$LOG; fail "step $step ($1): rebuilt from the kept build"; }
}
# The newest notice: its page, both feeds and the search index show its
# body.
quick "edit a record body" sed -i 's/各位居民：/各位居民朋友：/' content/notices/2026-11-19-water-outage.md
appendline() { echo "$1" >> "$2"; }
quick "append to a record (same file, same inode)" appendline "（本通知张贴于各楼栋公告栏）" content/notices/2026-11-19-water-outage.md
expect_grep "$LIVE/rss.xml" "各位居民朋友"
expect_grep "$LIVE/notices/rss.xml" "本通知张贴于各楼栋公告栏"
expect_grep "$LIVE/search.xml" "本通知张贴于各楼栋公告栏"
# the title is checked with the site, the others when the file is read
for w in "$long:4:1: warning: 标题" "$long:7:1: warning: 未知的键" "$long:9:.*warning: 正文.*手机号"; do
	for l in "$LOG" "$LOG2"; do
		[ "$(grep -c "$w" "$l")" = 3 ] ||
			{ ERR=$l; fail "a warning of an unchanged record is not reported by every build: $w"; }
	done
done
not_quick "edit a title" sed -i 's/^title: .*/title: 冬季电动自行车安全充电提醒/' content/notices/2026-11-02-ebike-charging-reminder.md
# A body whose change shows elsewhere: a new warning, a summary made from
# it.
not_quick "a mobile number in a body" appendline "联系人：王师傅 13812345678" content/notices/2026-11-19-water-outage.md
expect_grep "$LOG" "content/notices/2026-11-19-water-outage.md:30:9: warning: 正文：手机号 138"
nosum() {
	cat > content/notices/2026-11-21-library-hours.md <<'EOT'
---
type: notice
kind: notice
title: 社区图书室冬季开放时间调整
date: 2026-11-21
---
自12月1日起，社区图书室每天9:00—17:00开放，周一闭馆整理。
EOT
}
change "add a record without a summary" nosum
not_quick "edit the body its summary is made from" sed -i 's/9:00—17:00/9:30—17:00/' content/notices/2026-11-21-library-hours.md
change "delete a record" rm content/notices/2026-10-12-anti-fraud-lecture.md
change "rename a record" mv content/notices/2026-09-22-elderly-health-check.md content/notices/2026-09-22-health-check.md

# A mistake: the build fails and the output stays as it was; mended, the
# record is read again and the site is whole.
n=$(ended)
sed -i 's/^kind: .*/kind: nonsense/' content/notices/2026-11-19-water-outage.md
wait_build "$n"
expect_grep "$LOG" "content/notices/2026-11-19-water-outage.md:3:1: error: 类别 kind"
not_quick "mend the mistake" sed -i 's/^kind: nonsense/kind: notice/' content/notices/2026-11-19-water-outage.md

# site.yaml: every record is read again (the wording and checks depend on
# it).
change "edit site.yaml" sed -i 's/^office_hours: .*/office_hours: 工作日 8:30—12:00，14:00—17:30/' site.yaml
quick "touch without change" touch content/notices/*.md content/disclosures/*.md
change "edit a disclosure" sed -i 's/^title: \(.*\)$/title: \1（修订）/' "$(ls content/disclosures/*.md | head -1)"
# A record that is a symbolic link: its text changes under the name of the
# file it points to, which no build reads by itself.
canteen() {
	cat > content/notices/canteen.txt <<'EOT'
---
type: notice
kind: notice
title: 社区食堂试运营的通知
date: 2026-11-22
summary: 社区食堂12月1日起试运营，欢迎老年居民就餐。
---
社区食堂位于党群服务中心一楼。
EOT
	ln -s canteen.txt content/notices/2026-11-22-canteen.md
}
change "add a record that is a symbolic link" canteen
expect_file "$LIVE/notices/2026-11-22-canteen/index.html"
not_quick "append to the file it points to" appendline "午餐供应时间为11:00—12:30。" content/notices/canteen.txt
expect_grep "$LIVE/notices/2026-11-22-canteen/index.html" "午餐供应时间"

kill -TERM "$pid" "$pid2"
for p in "$pid" "$pid2"; do
	set +e
	wait "$p"
	rc=$?
	set -e
	[ "$rc" = 0 ] || { ERR=$LOG; fail "serve exited $rc after SIGTERM"; }
done
[ -z "$(ls "$TMPDIR")" ] || fail "left in TMPDIR: $(ls "$TMPDIR")"
trap - EXIT
