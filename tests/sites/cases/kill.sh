# Kill-safety: SIGKILL `gongshi build` at 40 moments spread over a whole
# build, full and then incremental, random but reproducible (KILL_SEED,
# printed on failure).  The sources switch between two versions before each build, so a build that
# got through is told from one that did not: after each kill the output
# is, byte for byte, either the previous site or the complete new one;
# never a mix, never missing.  After each kill the next build succeeds
# and gives the new site whole.  At the end no staging directory is left.
new_site kill
: "${KILL_SEED:=20261123}"
KILLS=40
# 60 records, so that a build takes a while.
/usr/bin/python3 - <<'PY'
body = "\n".join("- 第%d条：请各位居民相互转告，按时参加。" % k for k in range(1, 41))
for i in range(60):
    n = "%03d" % i
    with open("content/notices/2026-10-01-n%s.md" % n, "w") as f:
        f.write("---\ntype: notice\nkind: notice\ntitle: 第%s号测试通知标题\n"
                "date: 2026-10-01\nsummary: 测试通知摘要。\ntags: [测试%d]\n---\n"
                "## 通知内容\n\n各位居民：这是第 %s 号测试通知。\n%s\n"
                % (n, i % 7, n, body))
PY
rec=content/notices/2026-10-01-n000.md
version() { # version A|B: the sources of that version
	if [ "$1" = A ]; then
		sed -i 's/^title: .*/title: 第000号测试通知标题/' "$rec"
	else
		sed -i 's/^title: .*/title: 第000号已修改的通知/' "$rec"
	fi
}

# The two complete sites, and how long a build takes.
version B
gs build -o "$WORK/out"
expect_rc 0
hB=$(tree_hash "$WORK/out")
# kill_loop FLAGS: the quickest of three builds (A, B, A) with FLAGS is
# the duration to spread $KILLS kills over, one in each $KILLS-th of it,
# at a seeded random place within it.  Full builds (--full) write every
# file; incremental ones rewrite only what changed in the spare (the
# output before last) and swap it in.
kill_loop() {
	flags=$1
	what=${flags:-incremental}
	ms=
	for v in A B A; do
		version $v
		t0=$(date +%s%N)
		gs build $flags -o "$WORK/out"
		expect_rc 0
		t=$((($(date +%s%N) - t0) / 1000000))
		[ -n "$ms" ] && [ "$ms" -le "$t" ] || ms=$t
	done
	hA=$(tree_hash "$WORK/out")
	[ "$hA" != "$hB" ] || fail "the two versions build the same site"
	awk -v seed="$KILL_SEED" -v ms="$ms" -v n="$KILLS" 'BEGIN {
		srand(seed)
		for (i = 0; i < n; i++)
			printf "%.4f\n", (i + rand()) / n * ms / 1000
	}' >"$WORK/moments"
	have=A
	finished=0
	k=0
	while read -r delay; do
		k=$((k + 1))
		if [ $have = A ]; then want=B; else want=A; fi
		version $want
		"$GONGSHI" build $flags -o "$WORK/out" >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		h=$(tree_hash "$WORK/out")
		if [ "$h" = "$(eval echo \$h$want)" ]; then
			finished=$((finished + 1))
		elif [ "$h" != "$(eval echo \$h$have)" ]; then
			fail "kill $k of $KILLS ($what) at ${delay} s (KILL_SEED=$KILL_SEED, build ${ms} ms): the output is neither the previous site nor the new one"
		fi
		# The next build goes through and gives the new site whole.
		gs build -o "$WORK/out"
		expect_rc 0
		[ "$(tree_hash "$WORK/out")" = "$(eval echo \$h$want)" ] ||
			fail "the build after kill $k ($what, ${delay} s, KILL_SEED=$KILL_SEED) is not the new site"
		have=$want
	done <"$WORK/moments"
	[ $k = $KILLS ] || fail "only $k kills"
	ls -a "$WORK" | grep -q '\.out\.staging-' &&
		fail "staging directory left behind"
	# nor the temporary file of a cache or of the memo of the records
	# (the memo is as big as the records' text)
	ls -a "$WORK" | grep '\.tmp-' >&2 &&
		fail "temporary file left behind"
	echo "    $KILLS kills over ${ms} ms ($what, KILL_SEED=$KILL_SEED), $finished after the build had finished"
	# Most kills must have hit a build in progress, or this tested
	# nothing.  A machine busy while the builds were timed (other tests
	# run beside this one) makes the later builds quicker than the time
	# measured: the caller times them again and kills again.
	[ $finished -le $((KILLS / 2)) ]
}
# kill_twice FLAGS: kill_loop, timed again once when too few kills hit a
# build in progress.
kill_twice() {
	kill_loop "$1" && return 0
	kill_loop "$1" ||
		fail "$finished of $KILLS builds (${1:-incremental}) finished before their kill (build ${ms} ms), twice"
}
kill_twice --full
kill_twice ""
