# An incremental build must be byte-identical to a full build.  A site is
# edited step by step (records edited, added, deleted, renamed; a template
# and the style sheet changed; site.yaml changed); after each step the
# incremental build (the cache from the previous steps) is compared with a
# full build (--full, no cache) of the same sources.
new_site src
cp -R "$ROOT/content/." content/
cp "$ROOT/site.yaml" site.yaml
mkdir -p static/img && cp "$ROOT/static/img/"* static/img/

step=0
# reused N / rendered N: from the summary line of the last build
reused() { sed -n 's/.*沿用 \([0-9]*\) 个.*/\1/p' "$ERR"; }
rendered() { sed -n 's/.*新生成 \([0-9]*\) 个.*/\1/p' "$ERR"; }
check_step() {
	step=$((step + 1))
	gs build -o "$WORK/inc"
	expect_rc 0
	cp "$ERR" "$WORK/inc.err"
	gs build --full -o "$WORK/full-$step"
	expect_rc 0
	a=$(tree_hash "$WORK/inc")
	b=$(tree_hash "$WORK/full-$step")
	if [ "$a" != "$b" ]; then
		diff -r "$WORK/inc" "$WORK/full-$step" | head -20 >&2
		fail "step $step ($1): incremental build differs from a full build"
	fi
	rm -rf "$WORK/full-$step"
	ERR="$WORK/inc.err"
}
# expect_partial MIN_REUSED MAX_RENDERED: the last incremental build took
# at least MIN files from the previous output and rendered at most MAX.
expect_partial() {
	r=$(reused); n=$(rendered)
	[ -n "$r" ] && [ "$r" -ge "$1" ] || fail "step $step: reused ${r:-?} files, expected at least $1"
	[ -n "$n" ] && [ "$n" -le "$2" ] || fail "step $step: rendered ${n:-?} files, expected at most $2"
}

check_step "first build"
ino=$(stat -c %i "$WORK/inc")
check_step "no change"
expect_err "内容没有变化"
[ "$(stat -c %i "$WORK/inc")" = "$ino" ] || fail "a build without changes replaced the output"
sed -i 's/各位居民：/各位居民朋友：/' content/notices/2026-11-19-water-outage.md
check_step "edit a record body"
# its page, and the feeds and index that carry bodies; nothing else
expect_partial 40 14
sed -i 's/^title: .*/title: 冬季电动自行车安全充电提醒/' content/notices/2026-11-02-ebike-charging-reminder.md
check_step "edit a title (listings, feeds, home)"
cat > content/notices/2026-11-22-new-notice.md <<'EOT'
---
type: notice
kind: activity
title: 清风社区冬季义诊活动通知
date: 2026-11-22
summary: 11月28日上午在社区党群服务中心开展义诊，欢迎居民参加。
tags: [义诊]
grids: [QF-01]
event: {start: 2026-11-28T08:30, end: 2026-11-28T11:30, location: 社区党群服务中心一楼}
---
欢迎居民朋友参加。
EOT
check_step "add a record with a new tag and grid"
rm content/notices/2026-10-12-anti-fraud-lecture.md
check_step "delete a record"
mv content/notices/2026-09-22-elderly-health-check.md content/notices/2026-09-22-health-check.md
check_step "rename a record"
sed -i 's/最新通知/最新通知公告/' templates/index.html
check_step "edit a template"
expect_partial 40 14
printf '\n/* test */\n.site-footer { margin-top: 3rem; }\n' >> templates/assets/style.css
check_step "edit the style sheet"
sed -i 's/^office_hours: .*/office_hours: 工作日 8:30—12:00，14:00—17:30/' site.yaml
check_step "edit site.yaml"
# Calendars (.ics), feeds and the sitemap are fingerprinted too: a change
# to what only a calendar shows must still reach it.
q1=content/legal-advisors/2026-11-20-legal-schedule-2027-q1.md
sed -i 's/location: 社区党群服务中心二楼多功能厅, kind: lecture/location: 社区老年活动室, kind: lecture/' "$q1"
check_step "edit a lecture's place (calendars)"
grep -q '社区老年活动室' "$WORK/inc/legal-advisors/2026-11-20-legal-schedule-2027-q1/schedule.ics" ||
	fail "the calendar lacks the new place"
sed -i 's/phone: "0571-86000348"}/phone: "0571-86000349"}/' "$q1"
check_step "edit an adviser's phone (calendars)"
sed -i 's/^date: 2026-11-19$/date: 2026-11-19\nupdated: 2026-11-22/' content/notices/2026-11-19-water-outage.md
check_step "add an update date (sitemap lastmod, feeds)"
grep -q '<lastmod>2026-11-22</lastmod>' "$WORK/inc/sitemap.xml" || fail "the sitemap lacks the update date"
touch content/notices/*.md
check_step "touch without change"
# every page is taken from the previous output
n=$(rendered); [ "$n" -le 12 ] || fail "touching files re-rendered $n files"

# A page that shows the build's time only as its date (the legal-advice
# schedules: "按生成日期网页生成时计算") is not made again by every build
# of the same day: in builds a minute apart it is left as it was.
legal=$WORK/inc/legal-advisors/2026-11-20-legal-schedule-2027-q1/index.html
grep -q '网页生成时计算' "$legal" || fail "the schedule page does not show the build date"
sde=$SOURCE_DATE_EPOCH
for i in 1 2; do
	: >"$WORK/mark"
	sleep 0.05
	printf '\n（第 %s 次补充）\n' "$i" >>content/notices/2026-11-19-water-outage.md
	SOURCE_DATE_EPOCH=$((sde + 60 * i))
	export SOURCE_DATE_EPOCH
	check_step "a build $i minute(s) later, the same day"
	[ "$legal" -nt "$WORK/mark" ] &&
		fail "build $i minute(s) later made the schedule page again"
done
SOURCE_DATE_EPOCH=$sde
export SOURCE_DATE_EPOCH

# The tree a build writes into is the output before last, recycled: its
# directories and files are reused in place (no new inodes), which is what
# keeps big builds quick.  Two builds later a directory is the same one.
d1=$(stat -c %i "$WORK/inc/notices")
sed -i 's/各位居民朋友：/各位居民：/' content/notices/2026-11-19-water-outage.md
check_step "edit again (the spare is recycled)"
sed -i 's/各位居民：/各位居民朋友们：/' content/notices/2026-11-19-water-outage.md
check_step "and again"
[ "$(stat -c %i "$WORK/inc/notices")" = "$d1" ] ||
	fail "the output before last was not recycled"
# Whatever was done to the spare by hand, the next output is still exact.
[ -d "$WORK/.inc.spare" ] || fail "no spare tree beside the output"
echo "stray" >"$WORK/.inc.spare/stray.html"
# (a new file in place of a page: writing into the old one could reach
# the output's copy through a hard link, and test that instead)
f=$(find "$WORK/.inc.spare" -name index.html | head -1)
rm -f "$f"
echo "damaged" >"$f"
out_before=$(tree_hash "$WORK/inc")
sed -i 's/各位居民朋友们：/各位居民：/' content/notices/2026-11-19-water-outage.md
[ "$(tree_hash "$WORK/inc")" = "$out_before" ] || fail "damaging the spare changed the output"
check_step "a damaged spare"
[ -e "$WORK/inc/stray.html" ] && fail "a stray file of the spare was published"
# From there on every build recycles the spare again: the stamp a build
# records of its output is what the next build but one must find when it
# checks the spare.  The tree a build recycles becomes the output: the
# same directory.
for i in 1 2 3 4; do
	spare=$(stat -c %i "$WORK/.inc.spare")
	printf '\n补充说明第 %s 条。\n' "$i" >>content/notices/2026-11-19-water-outage.md
	check_step "edit $i after the damaged spare"
	[ "$(stat -c %i "$WORK/inc")" = "$spare" ] ||
		fail "build $i after the damaged spare did not recycle the spare"
done

# The output changed by hand, deep inside, with no source changed: the
# cache no longer vouches for it, so the build does not stop at "nothing
# changed" and puts back exactly the full build's files.
for what in edit stray; do
	page=$WORK/inc/notices/2026-11-19-water-outage/index.html
	if [ $what = edit ]; then
		printf '<!-- hand edit -->' >>"$page"
	else
		echo stray >"$WORK/inc/notices/2026-11-19-water-outage/stray.html"
	fi
	check_step "output changed by hand ($what)"
	grep -q '内容没有变化' "$ERR" &&
		fail "a hand-changed output ($what) was taken as up to date"
	[ -e "$WORK/inc/notices/2026-11-19-water-outage/stray.html" ] &&
		fail "a stray file in the output survived a build"
	grep -q 'hand edit' "$page" && fail "a hand edit survived a build"
done

# Changed by hand while a source changed too: the build recycles the
# spare without checking the output, which becomes the spare with a
# cache that no longer describes it; the next build checks it, finds it
# changed, and does not build on it.
page=$WORK/inc/notices/2026-11-19-water-outage/index.html
cp "$page" "$WORK/page" && rm "$page"
sed 's/<main/<main data-hand="edit"/' "$WORK/page" >"$page"
printf '\n再补充一条。\n' >>content/notices/2026-11-19-water-outage.md
check_step "output changed by hand, and a source"
printf '\n又补充一条。\n' >>content/notices/2026-11-19-water-outage.md
check_step "the build after it"
grep -rq 'data-hand' "$WORK/inc" && fail "a hand edit came back from the spare"

# --times lists each step the build went through, in order, after the
# summary: only the first when nothing changed.
steps='核对上次结果 读取全部记录 检查填写规则 整理栏目列表 读取网站模板 准备输出目录 生成页面文件 换上新的网站 记下本次结果 合计'
times_of() { sed -n 's/^  \([^ ]*\) *[0-9][0-9.]* 秒$/\1/p' "$ERR" | tr '\n' ' ' | sed 's/ $//'; }
gs build --times -o "$WORK/inc"
expect_rc 0
expect_err '内容没有变化'
[ "$(times_of)" = "核对上次结果 合计" ] || fail "--times, nothing changed: $(times_of)"
sed -i 's/各位居民：/各位居民朋友：/' content/notices/2026-11-19-water-outage.md
gs build --times -o "$WORK/inc"
expect_rc 0
[ "$(times_of)" = "$steps" ] || fail "--times: $(times_of)"
[ "$(sed -n '2p' "$ERR")" = '各步用时：' ] || fail "--times: the steps do not follow the summary"
gs check --times
expect_rc 0
[ "$(times_of)" = "读取全部记录 检查填写规则 整理栏目列表 读取网站模板 合计" ] ||
	fail "check --times: $(times_of)"
