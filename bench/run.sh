#!/bin/sh
# bench/run.sh: the benchmark of issue 6 (`make bench`; never part of
# `make check`).  gongshi, the floor (bench/floor.c), the floor with the
# QR codes every record page must carry (floor -q, "floor-qr") and Debian's
# hugo build the same generated corpus at each N, alternating in one
# session, on disk;
# wall time, CPU time (user+sys) and peak RSS come from GNU time.  At
# BENCH_INCR_N it also times rebuilds: by `build` with no change and with one
# record changed, and under `gongshi serve` after each save of one record.
# It prints a table per N and writes bench/RESULTS.md.
#
# Environment:
#   BENCH_N         corpus sizes              (default "1000 10000 50000")
#   BENCH_ROUNDS    timed rounds per tool     (default 3; medians reported)
#   BENCH_SETTLE    seconds to wait after deleting old output (default 370;
#                   see "Method" in RESULTS.md: ext4 without a journal skips
#                   recently freed inodes for up to 360 s, which slows every
#                   file creation meanwhile)
#   BENCH_INCR_N    N of the rebuild measurements (default 10000)
#   BENCH_PROFILE_N N of the callgrind profile (default 1000)
#   BENCH_RESULTS   where to write the report (default bench/RESULTS.md)
#   BENCH_QUIET_PCT, BENCH_QUIET_MAX  before each timed run, wait (at most
#                   QUIET_MAX s, default 120) until the CPUs are at most
#                   QUIET_PCT % busy (default 10): the machine may be shared
#   BENCH_NICE      niceness of the timed runs (default -10 as root, else 0)
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
NS=${BENCH_N:-1000 10000 50000}
ROUNDS=${BENCH_ROUNDS:-3}
SETTLE=${BENCH_SETTLE:-370}
INCR_N=${BENCH_INCR_N:-10000}
PROFILE_N=${BENCH_PROFILE_N:-1000}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
OUT=$ROOT/bench/out
CORPUS=$ROOT/bench/corpus
GONGSHI=$ROOT/gongshi
FLOOR=$ROOT/build/bench/floor
PY=/usr/bin/python3
TIME=/usr/bin/time
JOBS=$(nproc)
HZ=$(getconf CLK_TCK)
QUIET_PCT=${BENCH_QUIET_PCT:-10}
QUIET_MAX=${BENCH_QUIET_MAX:-120}
# Timed runs get a higher CPU priority when we may give it (root), so that
# other sessions' processes on a shared machine disturb them less.
if [ "$(id -u)" = 0 ]; then NICE=${BENCH_NICE:--10}; else NICE=${BENCH_NICE:-0}; fi
# With autogroups (kernel.sched_autogroup_enabled), nice only ranks the
# processes of one session against each other; other sessions' processes
# compete group against group.  So give this session's group the
# priority (run as `setsid make bench` to keep it to the benchmark).
if [ "$NICE" != 0 ] && [ -w /proc/self/autogroup ]; then
	echo "$NICE" 2>/dev/null > /proc/self/autogroup || true
fi
AUTOGROUP=$(cat /proc/self/autogroup 2>/dev/null || echo none)
export TZ=Asia/Shanghai LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1795392000

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 1; }

[ -x "$TIME" ] && "$TIME" -f %e true 2>/dev/null ||
	die "GNU time is missing: apt-get install -y time"
[ -x "$PY" ] || die "$PY is missing"

# --- tools -----------------------------------------------------------------
if ! command -v hugo >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		say "installing Debian's hugo"
		DEBIAN_FRONTEND=noninteractive apt-get install -y hugo >&2
	else
		say "hugo is missing; as root: apt-get install -y hugo"
		say "(continuing without the Hugo column)"
	fi
fi
HUGO=$(command -v hugo || true)
make --no-print-directory gongshi build/bench/floor >&2

# --- corpora ---------------------------------------------------------------
stamp=$(sha256sum bench/gencorpus | cut -c1-16)
deleted=0
mkdir -p "$CORPUS"
for n in $NS; do
	c=$CORPUS/$n
	if [ "$(cat "$c/.stamp" 2>/dev/null)" != "$stamp" ]; then
		[ -d "$c" ] && deleted=1
		say "generating the corpus N=$n"
		"$PY" bench/gencorpus "$n" "$c"
		echo "$stamp" > "$c/.stamp"
		if [ "$n" -le 10000 ] && "$PY" -c 'import yaml' 2>/dev/null; then
			"$PY" bench/checkcorpus "$c" >&2 ||
				die "corpus N=$n breaks CONTENT-MODEL rules"
		fi
	fi
	# The repository's templates, as they are now.
	rm -rf "$c/gongshi/templates"
	cp -R templates "$c/gongshi/templates"
	cp templates/assets/style.css "$c/hugo/static/css/style.css"
	"$GONGSHI" check -C "$c/gongshi" >&2 ||
		die "gongshi check fails on the corpus N=$n"
done

if [ -d "$OUT" ]; then
	say "removing old output"
	rm -rf "$OUT"
	deleted=1
fi
mkdir -p "$OUT"
if [ "$deleted" = 1 ] && [ "$SETTLE" -gt 0 ]; then
	sync
	say "waiting ${SETTLE}s for ext4 to release the inodes just freed"
	sleep "$SETTLE"
fi

RAW=$OUT/raw.tsv
: > "$RAW"

# Busy and total jiffies of all CPUs, from /proc/stat.
jiffies() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9,
		$2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

# The machine may be shared (other sessions build, test, fuzz).  Before a
# timed run, wait until the CPUs are at most $QUIET_PCT % busy over 2 s,
# for at most $QUIET_MAX s; then measure anyway.  Each run also records
# the CPU time other processes used while it ran.
quiet() {
	waited=0
	while :; do
		set -- $(jiffies)
		b1=$1 t1=$2
		sleep 2
		set -- $(jiffies)
		busy=$((($1 - b1) * 100 / ($2 - t1 + 1)))
		[ "$busy" -le "$QUIET_PCT" ] && return 0
		if [ "$waited" -ge "$QUIET_MAX" ]; then
			say "still ${busy} % busy after ${waited}s: measuring anyway"
			return 0
		fi
		[ "$waited" = 0 ] &&
			say "other processes keep the CPUs ${busy} % busy: waiting"
		sleep 8
		waited=$((waited + 10))
	done
}

# run LABEL N ROUND CMD...: time one run; append "N label round wall user
# sys rssKB others" to $RAW, where `others` is the CPU time (s) the rest
# of the machine used meanwhile.  Output goes to fresh directories, so no
# run pays for the deletion of another's files.
run() {
	label=$1 n=$2 round=$3
	shift 3
	sync
	quiet
	b0=$(jiffies | cut -d' ' -f1)
	if ! nice -n "$NICE" "$TIME" -f '%e %U %S %M' -o "$OUT/time.txt" "$@" \
	    > "$OUT/run.log" 2>&1; then
		cat "$OUT/run.log" >&2
		die "$label failed at N=$n"
	fi
	b1=$(jiffies | cut -d' ' -f1)
	read -r wall user sys rss < "$OUT/time.txt"
	# gongshi's --times lines, for the table of steps.
	cp "$OUT/run.log" "$OUT/log-$label-$n-$round.txt"
	others=$(awk -v b="$((b1 - b0))" -v hz="$HZ" -v u="$user" -v s="$sys" \
	    'BEGIN { o = b / hz - u - s; printf "%.2f", (o > 0 ? o : 0) }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$round" \
	    "$wall" "$user" "$sys" "$rss" "$others" >> "$RAW"
	say "$(printf 'N=%-6s %-17s round %s: %6.2f s wall, %6.2f s CPU, %5d MB  (others: %s s CPU)' \
	    "$n" "$label" "$round" "$wall" "$(echo "$user $sys" |
	    awk '{print $1+$2}')" "$((rss / 1024))" "$others")"
}

# serve_rounds N SITE REC DIR: `gongshi serve` on SITE (its own temporary
# output, under DIR); once it has built, REC (under content/) is changed
# ROUNDS + 1 times, 3 s apart, and each rebuild's time as serve prints it
# ("用时 X 秒", the build alone: not the 120 ms it waits for the editor to
# finish saving) is appended to $RAW as gongshi-serve, the first save's as
# gongshi-serve-first; RSS is the server's peak at the end.  The record is
# restored afterwards.
serve_rounds() {
	n=$1 site=$2 rec=$3 dir=$4
	mkdir -p "$dir/serve-tmp"
	log=$dir/serve.log
	TMPDIR=$dir/serve-tmp timeout -s KILL 600 "$GONGSHI" serve --port 0 \
	    -C "$site" > "$log" 2>&1 &
	spid=$!
	k=0
	until grep -q '条记录，' "$log"; do
		k=$((k + 1))
		[ "$k" -lt 3000 ] && kill -0 "$spid" 2>/dev/null ||
			{ cat "$log" >&2; die "gongshi serve did not build at N=$n"; }
		sleep 0.1
	done
	cp "$site/content/$rec" "$dir/serve.orig"
	r=0
	while [ "$r" -le "$ROUNDS" ]; do
		sleep 3
		quiet
		before=$(grep -c '条记录，' "$log")
		printf '\n（%d月%d日再补充：请居民相互转告。）\n' "$r" "$r" \
		    >> "$site/content/$rec"
		k=0
		while [ "$(grep -c '条记录，' "$log")" -le "$before" ]; do
			k=$((k + 1))
			[ "$k" -lt 3000 ] ||
				{ cat "$log" >&2; die "gongshi serve did not rebuild at N=$n"; }
			sleep 0.05
		done
		secs=$(grep '条记录，' "$log" | tail -1 | sed -n 's/.*用时 \([0-9.]*\) 秒.*/\1/p')
		rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$(pgrep -P "$spid" -f 'gongshi serve' | head -1)/status" 2>/dev/null)
		label=gongshi-serve
		[ "$r" = 0 ] && label=gongshi-serve-first
		printf '%s\t%s\t%s\t%s\t0\t0\t%s\t0\n' "$n" "$label" "$r" "$secs" \
		    "${rss:-0}" >> "$RAW"
		say "$(printf 'N=%-6s %-17s round %s: %6.2f s (as serve reports it)' \
		    "$n" "$label" "$r" "$secs")"
		r=$((r + 1))
	done
	kill -TERM "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null || true
	cp "$dir/serve.orig" "$site/content/$rec"
	rm -rf "$dir/serve-tmp"
}

PROFILE_TXT=$OUT/callgrind.txt
PERF_TXT=$OUT/perf.txt
STRACE_TXT=$OUT/strace.txt
INCR_NOTE=""
for f in "$PROFILE_TXT" "$PERF_TXT" "$STRACE_TXT"; do : > "$f"; done

for n in $NS; do
	o=$OUT/$n
	src=$CORPUS/$n
	mkdir -p "$o"
	say "N=$n: warm-up round (untimed); it also gives the page sizes for the floor"
	"$GONGSHI" build --full -C "$src/gongshi" -o "$o/gongshi.0" \
	    > "$OUT/run.log" 2>&1 || { cat "$OUT/run.log" >&2;
		die "gongshi build fails at N=$n"; }
	find "$o/gongshi.0" -path '*/index.html' -printf '%P\t%s\n' > "$o/sizes.tsv"
	awk -F'\t' 'NR == FNR { k = $1; sub(/\/index\.html$/, "", k)
			size[k] = $2; next }
		{ slug = $2; sub(/\.md$/, "", slug); k = $1 "/" slug
		  if (!(k in size)) { print "no page for " k > "/dev/stderr"
			exit 1 }
		  print $1 "/" $2 "\t" size[k] }' \
	    "$o/sizes.tsv" "$src/records.tsv" | sort > "$o/manifest.tsv"
	"$FLOOR" -j "$JOBS" "$src/gongshi" "$o/manifest.tsv" "$o/floor.0"
	# The site's base_url, for the floor's QR codes (as gongshi's pages).
	base_url=$(sed -n 's/^base_url: *//p' "$src/gongshi/site.yaml")
	[ -n "$base_url" ] || die "no base_url in $src/gongshi/site.yaml"
	if [ -n "$HUGO" ]; then
		"$HUGO" --quiet -s "$src/hugo" -d "$o/hugo.0" > "$OUT/run.log" 2>&1 ||
			{ cat "$OUT/run.log" >&2; die "hugo fails at N=$n"; }
	fi

	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		run gongshi "$n" "$r" "$GONGSHI" build --full --times \
		    -C "$src/gongshi" -o "$o/gongshi.$r"
		run floor "$n" "$r" "$FLOOR" -j "$JOBS" "$src/gongshi" \
		    "$o/manifest.tsv" "$o/floor.$r"
		run floor-qr "$n" "$r" "$FLOOR" -j "$JOBS" -q "$base_url" \
		    "$src/gongshi" "$o/manifest.tsv" "$o/floorqr.$r"
		[ -n "$HUGO" ] && run hugo "$n" "$r" "$HUGO" --quiet \
		    -s "$src/hugo" -d "$o/hugo.$r"
		r=$((r + 1))
	done

	if [ "$n" = "$PROFILE_N" ]; then
		if command -v valgrind >/dev/null 2>&1; then
			say "N=$n: callgrind profile of a full build"
			valgrind --tool=callgrind --callgrind-out-file="$o/callgrind.out" \
			    "$GONGSHI" build --full -C "$src/gongshi" -o "$o/gongshi.cg" \
			    > "$OUT/run.log" 2>&1 || { cat "$OUT/run.log" >&2;
				die "callgrind run failed"; }
			{
				echo "### Inclusive cost (Ir), top functions"
				echo
				echo '```'
				# callgrind_annotate 3.19 lists most functions twice in
				# inclusive mode, once without the object: keep the
				# lines naming it, drop the start-up frames.
				callgrind_annotate --inclusive=yes "$o/callgrind.out" 2>/dev/null |
				    grep -E '^ *[0-9,]+ .*(TOTALS|\]$)' |
				    grep -vE 'below main|libc-start|ld-linux' | head -n 40 |
				    sed -E 's#\[/[^]]*/#[#'
				echo '```'
				echo
				echo "### Self cost (Ir), top functions"
				echo
				echo '```'
				callgrind_annotate "$o/callgrind.out" 2>/dev/null |
				    grep -E '^ *[0-9,]+ ' | head -n 30 |
				    sed -E 's#\[/[^]]*/#[#'
				echo '```'
			} > "$PROFILE_TXT"
		fi
		if command -v strace >/dev/null 2>&1; then
			say "N=$n: system calls of a full build (strace -c)"
			strace -f -c -o "$o/strace.out" "$GONGSHI" build --full \
			    -C "$src/gongshi" -o "$o/gongshi.st" > /dev/null 2>&1 || true
			head -n 22 "$o/strace.out" > "$STRACE_TXT"
		fi
	fi

	if [ "$n" = "$INCR_N" ]; then
		if perf record -e cpu-clock -o "$o/perf.probe" true > /dev/null 2>&1; then
			say "N=$n: perf (cpu-clock) profile of a full build, kernel included"
			perf record -e cpu-clock -g -o "$o/perf.data" "$GONGSHI" build \
			    --full -C "$src/gongshi" -o "$o/gongshi.perf" > /dev/null 2>&1
			{
				perf report -i "$o/perf.data" --no-children --sort dso \
				    --stdio -g none 2>/dev/null | grep -E '^ +[0-9.]+%' |
				    head -n 8
				echo
				perf report -i "$o/perf.data" --no-children \
				    --sort dso,symbol --stdio -g none 2>/dev/null |
				    grep -E '^ +[0-9.]+%' | head -n 30
			} | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' \
			    > "$PERF_TXT" || true
		fi
		# Rebuilds on top of the last full build's output.
		base=$o/gongshi.$ROUNDS
		r=1
		while [ "$r" -le "$ROUNDS" ]; do
			run gongshi-nochange "$n" "$r" "$GONGSHI" build \
			    -C "$src/gongshi" -o "$base"
			r=$((r + 1))
		done
		rec=$(awk -F'\t' '$1 ~ /^notices\// { print $1; exit }' "$o/manifest.tsv")
		cp "$src/gongshi/content/$rec" "$o/changed.orig"
		r=1
		while [ "$r" -le "$ROUNDS" ]; do
			cp "$o/changed.orig" "$src/gongshi/content/$rec"
			printf '\n（%d月%d日补充：具体安排以现场通知为准。）\n' "$r" "$r" \
			    >> "$src/gongshi/content/$rec"
			run gongshi-onechange "$n" "$r" "$GONGSHI" build --times \
			    -C "$src/gongshi" -o "$base"
			r=$((r + 1))
		done
		cp "$o/changed.orig" "$src/gongshi/content/$rec"
		INCR_NOTE="content/$rec"
		serve_rounds "$n" "$src/gongshi" "$rec" "$o"
		# What deleting one full output costs on this disk: what a
		# rebuild would pay if it replaced the output by a new tree
		# (it keeps the previous output as the spare instead).
		run rm-output "$n" 1 rm -rf "$o/gongshi.1"
	fi
done

# --- report ----------------------------------------------------------------
# steps_table N: gongshi's own time per step (--times) in each round of
# the full build and of the one-record rebuild at N.
steps_table() {
	printf '| step (--times) |'
	for l in gongshi gongshi-onechange; do
		r=1
		while [ "$r" -le "$ROUNDS" ]; do
			printf ' %s %s |' "$([ $l = gongshi ] && echo full || echo one-record)" "$r"
			r=$((r + 1))
		done
	done
	echo
	printf '|---|'
	r=1
	while [ "$r" -le $((2 * ROUNDS)) ]; do printf -- '---:|'; r=$((r + 1)); done
	echo
	for l in gongshi gongshi-onechange; do
		r=1
		while [ "$r" -le "$ROUNDS" ]; do
			echo "$OUT/log-$l-$1-$r.txt"
			r=$((r + 1))
		done
	done | xargs awk '
		FNR == 1 { col++ }
		/^  [^ ]+ +[0-9.]+ 秒$/ {
			name = $1; t[name, col] = $2
			if (!(name in seen)) { seen[name] = 1; order[++n] = name }
		}
		END {
			for (i = 1; i <= n; i++) {
				printf "| %s |", order[i]
				for (c = 1; c <= col; c++)
					printf " %s |", ((order[i], c) in t) ? t[order[i], c] : ""
				printf "\n"
			}
		}'
}

# leaves TARGET LIMIT FLOORQR: a line on what the target's time limit
# leaves above the floor with QR codes.
leaves() {
	awk -v t="$1" -v l="$2" -v q="$3" 'BEGIN {
		w = "less than the floor with QR codes takes"
		if (q <= l)
			w = sprintf("%.2f s more than the floor with QR codes takes", l - q)
		printf "- %s is %.2f s: %s.\n", t, l, w }'
}

# med N LABEL FIELD: the median of wall | cpu | rss (MB) over the rounds.
med() {
	awk -F'\t' -v n="$1" -v l="$2" -v f="$3" '$1 == n && $2 == l {
		if (f == "wall") print $4
		else if (f == "cpu") print $5 + $6
		else if (f == "others") print $8
		else print $7 / 1024 }' "$RAW" | sort -g |
	    awk '{ a[NR] = $1 } END { if (NR == 0) exit
		m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
		print m }'
}
fmt() { [ -n "$1" ] && awk -v v="$1" -v p="$2" 'BEGIN { printf "%.*f", p, v }' || printf '—'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] &&
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "—" }' ||
	printf '—'; }
per() { [ -n "$1" ] && awk -v v="$1" -v n="$2" 'BEGIN { printf "%.3f", v * 1000 / n }' || printf '—'; }

table() { # N
	n=$1
	echo "| N = $n | wall (s) | CPU user+sys (s) | peak RSS (MB) | wall per record (ms) | others' CPU meanwhile (s) |"
	echo "|---|---:|---:|---:|---:|---:|"
	for t in gongshi floor floor-qr hugo; do
		w=$(med "$n" $t wall) c=$(med "$n" $t cpu) m=$(med "$n" $t rss)
		[ -z "$w" ] && continue
		echo "| $t | $(fmt "$w" 2) | $(fmt "$c" 2) | $(fmt "$m" 1) | $(per "$w" "$n") | $(fmt "$(med "$n" $t others)" 2) |"
	done
	gw=$(med "$n" gongshi wall) gc=$(med "$n" gongshi cpu) gm=$(med "$n" gongshi rss)
	for t in floor floor-qr hugo; do
		w=$(med "$n" $t wall) c=$(med "$n" $t cpu) m=$(med "$n" $t rss)
		[ -z "$w" ] && continue
		echo "| **gongshi / $t** | $(ratio "$gw" "$w") | $(ratio "$gc" "$c") | $(ratio "$gm" "$m") | | |"
	done
}

disk_dev=$(findmnt -no SOURCE -T "$OUT" 2>/dev/null || echo '?')
{
	echo "# gongshi benchmark results (issue 6)"
	echo
	echo "Measured $(date '+%Y-%m-%d %H:%M %z') by \`make bench\` (bench/run.sh):"
	echo "$ROUNDS timed rounds per tool and N, alternating gongshi / floor / floor-qr / Hugo;"
	echo "medians shown. Raw runs at the end."
	echo
	echo "## Machine"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| CPU | $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1) |"
	echo "| cores | $(nproc) (jobs: gongshi default = cores, floor -j $JOBS, Hugo GOMAXPROCS default) |"
	echo "| RAM | $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |"
	echo "| kernel | $(uname -sr) |"
	echo "| disk | $disk_dev, $(findmnt -no FSTYPE,OPTIONS -T "$OUT" 2>/dev/null), $(lsblk -dno SIZE,ROTA "$disk_dev" 2>/dev/null | awk '{ print $1 " virtual disk, ROTA=" $2 }'), $([ -z "$(ls /proc/fs/jbd2 2>/dev/null)" ] && echo 'no journal' || echo 'journal') |"
	echo "| gongshi | commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src templates 2>/dev/null || echo ' + uncommitted changes'), built with CFLAGS -O2 -g |"
	echo "| hugo | $([ -n "$HUGO" ] && "$HUGO" version | cut -d' ' -f1-2 || echo 'not installed') |"
	echo "| cmark-gfm | $(dpkg-query -W -f='${Version}' libcmark-gfm-dev 2>/dev/null || echo '?') |"
	echo
	echo "## Full builds"
	echo
	for n in $NS; do
		table "$n"
		echo
	done
	if grep -q "^$INCR_N	gongshi-nochange" "$RAW"; then
		fw=$(med "$INCR_N" gongshi wall)
		nw=$(med "$INCR_N" gongshi-nochange wall)
		ow=$(med "$INCR_N" gongshi-onechange wall)
		echo "## Rebuilds at N = $INCR_N"
		echo
		echo "Both rebuilds run without \`--full\`, on top of the last full build's"
		echo "output, so the incremental cache decides what is rendered. With no"
		echo "change, the stamp of the inputs matches and nothing is written. After"
		echo "one change, only the changed file is read again (the other records"
		echo "come from the memo the last build left, .<out>.memo), every record is"
		echo "checked again, and the pages"
		echo "that read the changed facts are rendered into the spare (the output"
		echo "before last, kept beside it), where every other file is already as it"
		echo "should be; then the spare is swapped in. The first of the three has no"
		echo "spare yet (the full build wrote into a new directory): it hard-links"
		echo "the unchanged files into a new tree instead (see the raw runs)."
		echo "The one-record change appends a line to \`$INCR_NOTE\`."
		echo
		echo "| rebuild | wall (s) | CPU (s) | peak RSS (MB) | share of the full build |"
		echo "|---|---:|---:|---:|---:|"
		echo "| no change | $(fmt "$nw" 2) | $(fmt "$(med "$INCR_N" gongshi-nochange cpu)" 2) | $(fmt "$(med "$INCR_N" gongshi-nochange rss)" 1) | $(awk -v a="$nw" -v b="$fw" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
		echo "| one record changed | $(fmt "$ow" 2) | $(fmt "$(med "$INCR_N" gongshi-onechange cpu)" 2) | $(fmt "$(med "$INCR_N" gongshi-onechange rss)" 1) | $(awk -v a="$ow" -v b="$fw" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
		sw=$(med "$INCR_N" gongshi-serve wall)
		[ -n "$sw" ] && echo "| one record changed, under \`gongshi serve\` (build time as it reports it; median of rounds 1–$ROUNDS, after the first) | $(fmt "$sw" 3) | | $(fmt "$(med "$INCR_N" gongshi-serve rss)" 1) (server) | $(awk -v a="$sw" -v b="$fw" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
		sf=$(med "$INCR_N" gongshi-serve-first wall)
		[ -n "$sf" ] && echo "| the first change under \`gongshi serve\` after it started | $(fmt "$sf" 3) | | | $(awk -v a="$sf" -v b="$fw" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
		rw=$(med "$INCR_N" rm-output wall)
		[ -n "$rw" ] && echo "| (for reference: \`rm -rf\` of one full output, which rebuilds avoid) | $(fmt "$rw" 2) | $(fmt "$(med "$INCR_N" rm-output cpu)" 2) | | $(awk -v a="$rw" -v b="$fw" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
		echo
		echo "### Step by step"
		echo
		echo "Each build's own account of its steps (\`--times\`, seconds), in the"
		echo "timed rounds above: the full builds into a new directory, and the"
		echo "one-record rebuilds."
		echo
		steps_table "$INCR_N"
		echo
	fi
	echo "## Targets of issue 6"
	echo
	echo "| target | measured | met |"
	echo "|---|---|---|"
	n=$INCR_N
	gw=$(med "$n" gongshi wall) fw=$(med "$n" floor wall) hw=$(med "$n" hugo wall)
	gm=$(med "$n" gongshi rss)
	if [ -n "$gw" ]; then
		[ -n "$fw" ] && echo "| full build at ${n} ≤ 1.5× the floor | $(ratio "$gw" "$fw") | $(awk -v a="$gw" -v b="$fw" 'BEGIN { print (a <= 1.5 * b) ? "yes" : "no" }') |"
		[ -n "$hw" ] && echo "| full build at ${n} ≥ 5× faster than Hugo | $(awk -v a="$gw" -v b="$hw" 'BEGIN { printf "%.2f× faster", b / a }') | $(awk -v a="$gw" -v b="$hw" 'BEGIN { print (b >= 5 * a) ? "yes" : "no" }') |"
		echo "| peak RSS at ${n} ≤ 100 MB | $(fmt "$gm" 1) MB | $(awk -v a="$gm" 'BEGIN { print (a <= 100) ? "yes" : "no" }') |"
		if [ -n "${nw:-}" ]; then
			echo "| no-change rebuild ≤ 5 % of a full build | $(awk -v a="$nw" -v b="$gw" 'BEGIN { printf "%.0f %%", 100 * a / b }') | $(awk -v a="$nw" -v b="$gw" 'BEGIN { print (a <= 0.05 * b) ? "yes" : "no" }') |"
			echo "| one changed record < 50 ms (\`build\`) | $(awk -v a="$ow" 'BEGIN { printf "%.0f ms", 1000 * a }') | $(awk -v a="$ow" 'BEGIN { print (a < 0.05) ? "yes" : "no" }') |"
			[ -n "${sw:-}" ] && echo "| one changed record < 50 ms (\`serve\`; Hugo's server: 375 ms) | $(awk -v a="$sw" 'BEGIN { printf "%.0f ms", 1000 * a }') | $(awk -v a="$sw" 'BEGIN { print (a < 0.05) ? "yes" : "no" }') |"
		fi
	fi
	g5=$(med 50000 gongshi wall)
	if [ -n "$g5" ] && [ -n "$gw" ]; then
		echo "| per-record cost at 50k within ±20 % of ${n} | $(per "$g5" 50000) vs $(per "$gw" "$n") ms ($(awk -v a="$g5" -v b="$gw" -v n="$n" 'BEGIN { printf "%+.0f %%", 100 * (a / 50000) / (b / n) - 100 }')) | $(awk -v a="$g5" -v b="$gw" -v n="$n" 'BEGIN { r = (a / 50000) / (b / n); print (r >= 0.8 && r <= 1.2) ? "yes" : "no" }') |"
		echo "| peak RSS at 50k ≤ 300 MB | $(fmt "$(med 50000 gongshi rss)" 1) MB | $(awk -v a="$(med 50000 gongshi rss)" 'BEGIN { print (a <= 300) ? "yes" : "no" }') |"
	fi
	echo
	qw=$(med "$INCR_N" floor-qr wall)
	if [ -n "$gw" ] && [ -n "$fw" ] && [ -n "$qw" ]; then
		echo "### What the full-build targets leave"
		echo
		echo "Issue 4 puts a QR code of its URL on every record page (the"
		echo "printed notice carries it), made with libqrencode. The floor with"
		echo "only that added (\`floor -q\`: it encodes each record page's"
		echo "URL as gongshi's qr.c does, and draws nothing) takes"
		echo "$(fmt "$qw" 2) s at N = $INCR_N: $(ratio "$qw" "$fw") the floor's $(fmt "$fw" 2) s."
		echo
		leaves "1.5× the floor" "$(awk -v f="$fw" 'BEGIN { print 1.5 * f }')" "$qw"
		[ -n "$hw" ] && leaves "5× faster than Hugo" "$(awk -v h="$hw" 'BEGIN { print h / 5 }')" "$qw"
		echo
		echo "What is left of a target above the floor with QR codes is all that"
		echo "gongshi may spend on YAML, checks, templates, listings, feeds, the"
		echo "sitemap, the search index and the cache; where nothing is left, no"
		echo "build of this site can meet the target. gongshi takes"
		echo "$(ratio "$gw" "$qw") the floor with QR codes."
		echo
	fi
	echo "## Where gongshi's time goes"
	echo
	echo "\`perf stat -e instructions true\` reports the counter as not supported"
	echo "in this VM, so the profile is callgrind's (instructions, user space"
	echo "only) on the N = $PROFILE_N corpus. Callgrind serialises the threads and"
	echo "cannot see the kernel, where most of the wall time goes on this disk;"
	echo "the system call summary and a sampling profile with perf's software"
	echo "clock (\`-e cpu-clock\`, kernel included) complete it."
	echo
	cat "$PROFILE_TXT"
	echo
	if [ -s "$STRACE_TXT" ]; then
		echo "### System calls of one full build at N = $PROFILE_N (\`strace -f -c\`)"
		echo
		echo '```'
		cat "$STRACE_TXT"
		echo '```'
		echo
	fi
	if [ -s "$PERF_TXT" ]; then
		echo "### perf, cpu-clock samples of one full build at N = $INCR_N (self time: by object, then the top 30 symbols)"
		echo
		echo '```'
		sed -E 's/ +$//' "$PERF_TXT"
		echo '```'
		echo
	fi
	echo "## Method"
	echo
	echo "- Corpus: \`bench/gencorpus N DIR\` (deterministic; byte-identical for a"
	echo "  given N). Records: 40 % notice, 32 % disclosure, 15 % consultation,"
	echo "  11.5 % power_item, 1.5 % legal_schedule; bodies 1.5–4 KB of committee"
	echo "  prose; exactly 30 % carry a ledger, a front-matter table or a GFM"
	echo "  table; 20 grids, tags, 2017–2026. \`bench/checkcorpus\` checks the"
	echo "  CONTENT-MODEL rules independently of gongshi (ledger sums, vote"
	echo "  arithmetic, schedule overlaps, privacy lint…) for N ≤ 10000."
	echo "- gongshi: \`gongshi build --full -C corpus -o fresh-dir\`, with the"
	echo "  repository's templates as they are at this commit."
	echo "- Floor (\`bench/floor.c\`, $JOBS threads): reads every source, renders its"
	echo "  body with cmark-gfm (gongshi's options; table, strikethrough,"
	echo "  autolink), writes one file per record at gongshi's path, padded with"
	echo "  newlines to exactly the size of gongshi's page for that record. No"
	echo "  YAML, no templates, no listings, feeds or sitemap."
	echo "- Floor with QR codes (\`floor -q BASE\`): the same, and for each record"
	echo "  it also encodes the QR code of the page's absolute URL with"
	echo "  libqrencode (8-bit, level M, smallest version), as gongshi's qr.c does;"
	echo "  it draws nothing."
	echo "- Hugo: the same records (\`type\`, \`kind\` and \`outputs\` renamed, they"
	echo "  are Hugo's own keys), minimal layouts written like gongshi's: single"
	echo "  (with ledger, table and steps rendered from front matter), list and"
	echo "  term pages paginated by 20, RSS per section and for the home page"
	echo "  (50 items), Hugo's own sitemap, tags / grids / year terms."
	echo "- Each timed run writes into a directory that does not exist yet, after"
	echo "  \`sync\`; sources are in the page cache (warm-up round first). Old output"
	echo "  is deleted only before the session, followed by a ${SETTLE}s pause: this"
	echo "  ext4 (\`$disk_dev\`) has no journal, and then ext4 refuses to reuse an inode"
	echo "  freed less than 60 s ago (360 s if its inode-table block is dirty),"
	echo "  scanning past each one in \`recently_deleted()\`; creating files right"
	echo "  after deleting many costs several times more (measured with perf while"
	echo "  building this benchmark: 2000 mkdir+create took 0.25 s on a quiet disk,"
	echo "  2–5 s after a large \`rm -rf\`). gongshi's rebuilds delete no tree: they"
	echo "  rewrite the spare in place and swap it in (see Rebuilds)."
	echo "- Times: GNU time \`%e\` (wall), \`%U+%S\` (CPU), \`%M\` (peak RSS)."
	echo "- The machine is shared with other sessions (builds, tests, fuzzers)."
	echo "  Before each timed run the script waits up to ${QUIET_MAX}s for the CPUs"
	echo "  to be ≤ ${QUIET_PCT} % busy, runs the measured command at niceness $NICE"
	echo "  (scheduler autogroup of the benchmark: \`$AUTOGROUP\`),"
	echo "  and records the CPU time the rest of the machine used meanwhile"
	echo "  (\"others\"). Where others is large, wall times are inflated; CPU times"
	echo "  much less so."
	echo
	echo "## Raw runs"
	echo
	echo "\"others\": CPU time the rest of the machine used during the run."
	echo
	echo "| N | run | round | wall (s) | user (s) | sys (s) | peak RSS (KB) | others (s) |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|"
	awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$RAW"
} > "$RESULTS"

for n in $NS; do
	echo
	table "$n"
done
echo
say "results written to ${RESULTS#$ROOT/}"
