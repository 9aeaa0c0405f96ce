#!/bin/sh
# Site tests: build fixture sites with the binary in $GONGSHI and assert on
# the output.  Each tests/sites/cases/*.sh runs in its own scratch
# directory with the helpers of lib.sh.  Usage: run.sh [case-name ...]
# SKIP="a b" leaves cases out (the valgrind run skips the slow ones).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${GONGSHI:?set GONGSHI to the gongshi binary}"
: "${XSSGEN:=$ROOT/build/rel/xssgen}"
export ROOT GONGSHI XSSGEN
export TZ="${TZ:-Asia/Shanghai}" LC_ALL="${LC_ALL:-C.UTF-8}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795392000}"

pass=0
failed=""
cases=$*
[ -n "$cases" ] || cases=$(cd "$ROOT/tests/sites/cases" && ls *.sh | sed 's/\.sh$//')
for c in $cases; do
	case " ${SKIP:-} " in *" $c "*) echo "skip $c"; continue ;; esac
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-test.XXXXXX")
	if (CASE=$c; WORK=$WORK; export CASE WORK; set -e; . "$ROOT/tests/sites/lib.sh"; . "$ROOT/tests/sites/cases/$c.sh"); then
		echo "ok   $c"
		pass=$((pass + 1))
	else
		echo "FAIL $c"
		failed="$failed $c"
	fi
	rm -rf "$WORK"
done
echo "site tests: $pass passed${failed:+, failed:$failed}"
[ -z "$failed" ]
