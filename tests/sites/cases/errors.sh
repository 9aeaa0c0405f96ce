# Every fixture in tests/sites/errors/<section>/<case>.md is built alone
# into the base site with `gongshi check`; the run must fail (exit 1) and
# stderr must hold every line of <case>.expect (fixed strings, usually
# "content/<section>/<case>.md:LINE:COL: error: message").
n=0
for exp in "$ROOT"/tests/sites/errors/*/*.expect; do
	[ -f "$exp" ] || continue
	md=${exp%.expect}.md
	section=$(basename "$(dirname "$exp")")
	name=$(basename "$md")
	new_site "e$n"
	cp "$md" "content/$section/$name"
	gs check
	CASE="errors/$section/$name"
	expect_rc 1
	while IFS= read -r line; do
		[ -n "$line" ] && expect_err "$line"
	done < "$exp"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no error fixtures found"
