#!/bin/sh
# Site tests: build fixture sites with the binary in $GONGSHI and assert on
# the output.  Each tests/sites/cases/*.sh runs in its own scratch
# directory with the helpers of lib.sh.  Usage: run.sh [case-name ...]
# SKIP="a b" leaves cases out (the valgrind run skips the slow ones).
#
# Cases run JOBS at a time (default: the number of processors), the
# slowest first; each case's output is printed whole when it ends, so two
# cases never interleave.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${GONGSHI:?set GONGSHI to the gongshi binary}"
: "${XSSGEN:=$ROOT/build/rel/xssgen}"
export ROOT GONGSHI XSSGEN
export TZ="${TZ:-Asia/Shanghai}" LC_ALL="${LC_ALL:-C.UTF-8}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795392000}"

# run.sh --one NAME: run one case, into $RESULTS/NAME.log (and .ok when
# it passed), then print the log under a lock.
if [ "${1:-}" = --one ]; then
	c=$2
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-test.XXXXXX")
	t0=$(date +%s)
	if (CASE=$c; WORK=$WORK; export CASE WORK; set -e; . "$ROOT/tests/sites/lib.sh"; . "$ROOT/tests/sites/cases/$c.sh") \
	    >"$RESULTS/$c.out" 2>&1 </dev/null; then
		status="ok  "
		: >"$RESULTS/$c.ok"
	else
		status="FAIL"
	fi
	rm -rf "$WORK"
	{
		cat "$RESULTS/$c.out"
		echo "$status $c ($(($(date +%s) - t0)) s)"
	} >"$RESULTS/$c.log"
	flock "$RESULTS/lock" cat "$RESULTS/$c.log"
	exit 0
fi

# Slow cases first, so that two processors finish together.
SLOW="kill hostile_xss disk_full hostile_paths hostile_size hostile_encoding"
cases=$*
[ -n "$cases" ] || cases=$(cd "$ROOT/tests/sites/cases" && ls *.sh | sed 's/\.sh$//')
# shellcheck disable=SC2086
cases=$(echo $cases) # one line, one space between names
run=""
for c in $SLOW $cases; do
	case " $cases " in *" $c "*) ;; *) continue ;; esac
	case " $run " in *" $c "*) continue ;; esac
	case " ${SKIP:-} " in *" $c "*) echo "skip $c"; continue ;; esac
	run="$run $c"
done
RESULTS=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-results.XXXXXX")
export RESULTS
: "${JOBS:=$(nproc 2>/dev/null || echo 1)}"
# shellcheck disable=SC2086
printf '%s\n' $run | xargs -r -n 1 -P "$JOBS" "$0" --one

pass=0
failed=""
for c in $run; do
	if [ -e "$RESULTS/$c.ok" ]; then
		pass=$((pass + 1))
	else
		failed="$failed $c"
	fi
done
rm -rf "$RESULTS"
echo "site tests: $pass passed${failed:+, failed:$failed}"
[ -z "$failed" ]
