# Helpers for site tests.  Sourced by run.sh before each case.
#   GONGSHI  the binary under test (absolute path)
#   ROOT     the repository
#   WORK     a scratch directory for this case (removed afterwards)

fail() {
	echo "FAIL [$CASE]: $*" >&2
	[ -n "${ERR:-}" ] && [ -f "$ERR" ] && { echo "--- stderr of the last run:" >&2; sed 's/^/    /' "$ERR" >&2; }
	exit 1
}

# new_site DIR: a minimal valid site (tests/sites/base + the repo's
# templates) in $WORK/DIR, no records; cd into it.
new_site() {
	SITE="$WORK/$1"
	mkdir -p "$SITE/content"
	cp -R "$ROOT/tests/sites/base/." "$SITE/"
	cp -R "$ROOT/templates" "$SITE/templates"
	for d in notices disclosures power consultations legal-advisors; do
		mkdir -p "$SITE/content/$d"
	done
	cd "$SITE" || fail "cd $SITE"
}

# add_record SECTION NAME.md < text
add_record() {
	cat > "$SITE/content/$1/$2"
}

# gs ARGS...: run gongshi; sets RC, and OUT/ERR (files).
gs() {
	OUT="$WORK/last.out"
	ERR="$WORK/last.err"
	set +e
	"$GONGSHI" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

expect_rc() {
	[ "$RC" = "$1" ] || fail "exit code $RC, expected $1 (gongshi $*)"
}

# expect_err TEXT: stderr contains TEXT (fixed string)
expect_err() {
	grep -qF -- "$1" "$ERR" || fail "stderr lacks: $1"
}

expect_no_err() {
	grep -qF -- "$1" "$ERR" && fail "stderr unexpectedly has: $1"
	return 0
}

expect_file() {
	[ -f "$1" ] || fail "missing file $1"
}

# expect_grep FILE TEXT / expect_no_grep FILE REGEX
expect_grep() {
	grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}

expect_no_grep() {
	grep -qiE -- "$2" "$1" && fail "$1 unexpectedly matches /$2/: $(grep -oiE -- "$2" "$1" | head -3)"
	return 0
}

# tree_hash DIR: one hash over every file's path and bytes
tree_hash() {
	(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 -r sha256sum --) | sha256sum | cut -d' ' -f1
}

# slowdown: how many times slower the binary under test runs than the
# plain build (valgrind, ASan + UBSan), for limits in seconds.
slowdown() {
	case $GONGSHI in
	*valgrind*) echo 40 ;;
	*asan*) echo 5 ;;
	*) echo 1 ;;
	esac
}

# gs_within SECONDS ARGS...: gs ARGS, and fail if it took longer than
# SECONDS (scaled for the slower sanitizer and valgrind runs).  For
# limits that must be hit fast, not after minutes of work.
gs_within() {
	limit=$(($1 * $(slowdown)))
	shift
	t0=$(date +%s%N)
	# A hang is a failure too, not a test that never ends.
	OUT="$WORK/last.out"
	ERR="$WORK/last.err"
	set +e
	timeout -s KILL $((limit * 2 + 5)) "$GONGSHI" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	set -e
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$ms" -le $((limit * 1000)) ] ||
		fail "gongshi $* took ${ms} ms, more than ${limit} s"
	return 0
}

# serve_bg SECONDS LOG [ARGS...]: `gongshi serve --port 0 ARGS` on the
# current directory in the background, its output in LOG, killed after
# SECONDS (scaled; a TERM to timeout reaches gongshi, so a stop is
# graceful).  Its PID goes to SERVE_PID.  Without -o it writes in TMPDIR,
# which is $WORK/tmp.
serve_bg() {
	t=$(($1 * $(slowdown)))
	log=$2
	shift 2
	TMPDIR="$WORK/tmp"
	mkdir -p "$TMPDIR"
	export TMPDIR
	# The log exists on return: the background shell opens it only
	# when it gets to run, and a caller may read it before (a busy
	# machine, valgrind).
	: >"$log"
	timeout -s KILL "$t" "$GONGSHI" serve --port 0 "$@" >>"$log" 2>&1 &
	SERVE_PID=$!
}

# expect_full_build WHAT DIR...: each DIR holds byte for byte what
# `build --full` makes of the site in the current directory now (else
# fail, with `serve`'s log $LOG).
expect_full_build() {
	what=$1
	shift
	gs build --full -o "$WORK/full"
	expect_rc 0
	b=$(tree_hash "$WORK/full")
	for o in "$@"; do
		if [ "$(tree_hash "$o")" != "$b" ]; then
			diff -r "$o" "$WORK/full" | head -20 >&2
			ERR=$LOG
			fail "$what: the output in $o differs from a full build"
		fi
	done
	rm -rf "$WORK/full" "$WORK/.full.spare" "$WORK/.full.cache" \
	    "$WORK/.full.spare.cache"
}
