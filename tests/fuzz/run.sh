#!/bin/sh
# Run every libFuzzer harness for a bounded time:  run.sh SECONDS
# Seed corpora come from the tests and the bundled site; crashes land in
# tests/fuzz/crashes/ (each must become a regression test).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECS=${1:-30}
B=$ROOT/build/fuzz
mkdir -p "$B/corpus" "$ROOT/tests/fuzz/crashes"
seed() { # seed NAME FILES...
	d="$B/corpus/$1"; shift
	mkdir -p "$d"
	for f in "$@"; do [ -f "$f" ] && cp "$f" "$d/" ; done
	return 0
}
seed frontmatter "$ROOT"/content/*/*.md "$ROOT"/tests/sites/errors/*/*.md "$ROOT"/tests/sites/hostile/xss/content/*/*.md "$ROOT"/tests/fuzz/seeds/frontmatter/*
seed markdown "$ROOT"/content/*/*.md "$ROOT"/tests/sites/hostile/xss-body.md "$ROOT"/tests/fuzz/seeds/markdown/*
seed template "$ROOT"/templates/*.html "$ROOT"/templates/partials/*.html "$ROOT"/tests/fuzz/seeds/template/*
seed schedule "$ROOT"/content/legal-advisors/*.md "$ROOT"/tests/sites/errors/legal-advisors/*.md "$ROOT"/tests/sites/hostile/xss/content/legal-advisors/*.md "$ROOT"/tests/fuzz/seeds/schedule/*
seed ledger "$ROOT"/content/disclosures/*.md "$ROOT"/tests/sites/errors/disclosures/*.md "$ROOT"/tests/sites/hostile/xss/content/disclosures/*.md "$ROOT"/tests/fuzz/seeds/ledger/*
seed memofile "$ROOT"/content/*/*.md "$ROOT"/tests/sites/errors/*/*.md "$ROOT"/tests/sites/hostile/xss/content/*/*.md
status=0
for h in "$B"/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h"); name=${name#fuzz_}
	mkdir -p "$B/corpus/$name"
	dict=
	[ -f "$ROOT/tests/fuzz/$name.dict" ] && dict=-dict=$ROOT/tests/fuzz/$name.dict
	echo "== fuzz $name for ${SECS}s"
	if ! "$h" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=262144 -artifact_prefix="$ROOT/tests/fuzz/crashes/$name-" \
	    $dict -print_final_stats=1 "$B/corpus/$name" 2>"$B/$name.log"; then
		tail -40 "$B/$name.log"
		status=1
	else
		grep -E "stat::number_of_executed_units|cov:" "$B/$name.log" | tail -2
	fi
done
exit $status
