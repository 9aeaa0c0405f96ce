#!/bin/sh
# Self-test of the check-web harness: it must pass a site that is right and
# catch every kind of fault in one that is not.
#   tests/web/selftest/          a small site whose templates have a working
#                                search box and a QR code of the page URL:
#                                every check must pass, none be skipped;
#   tests/web/selftest/broken/   overrides that break it (an img without alt,
#                                a duplicate id, low contrast, a request to
#                                another host, a console error, a missing
#                                file, a search that finds nothing, a QR of
#                                the wrong URL): the run must fail and print
#                                each line of tests/web/selftest/broken.expect
#                                (a fixed string, or after "re:" an extended
#                                regular expression).
set -eu
cd "$(dirname "$0")/../.."
src=tests/web/selftest
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-web-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for v in good broken; do
	mkdir "$tmp/$v"
	cp -R "$src/site.yaml" "$src/content" "$src/templates" "$src/static" "$tmp/$v/"
	[ "$v" = broken ] && cp -R "$src/broken/." "$tmp/$v/"
	rc=0
	LOCAL_BASE_URL=0 SITE="$tmp/$v" ARTIFACTS="$tmp/$v-artifacts" tests/web/run.sh >"$tmp/$v.log" 2>&1 || rc=$?
	echo "$rc" >"$tmp/$v.rc"
done

fail=0
problem() {
	echo "selftest: $*" >&2
	fail=1
}
[ "$(cat "$tmp/good.rc")" = 0 ] || problem "the good site failed (exit $(cat "$tmp/good.rc"))"
grep -Eq '^check-web: [1-9][0-9]* passed, 0 failed, 0 skipped$' "$tmp/good.log" ||
	problem "the good site: expected every check to pass and none to be skipped"
grep -Fq 'ok   search: a Chinese word finds its record (“' "$tmp/good.log" ||
	problem "the good site: search did not find its record"
grep -Fq 'ok   print view: QR code of the page URL (https://selftest.example.cn/disclosures/2026-11-16-handrail/)' "$tmp/good.log" ||
	problem "the good site: the QR code was not decoded to the page URL"
[ "$(cat "$tmp/broken.rc")" = 1 ] || problem "the broken site: expected exit 1, got $(cat "$tmp/broken.rc")"
n=0
while IFS= read -r line; do
	[ -n "$line" ] || continue
	n=$((n + 1))
	case $line in
	re:*) grep -Eq -- "${line#re:}" "$tmp/broken.log" ;;
	*) grep -Fq -- "$line" "$tmp/broken.log" ;;
	esac || problem "the broken site: not reported: $line"
done <"$src/broken.expect"

if [ "$fail" != 0 ]; then
	for v in good broken; do
		echo "---- $v site: tests/web/run.sh output" >&2
		cat "$tmp/$v.log" >&2
	done
	exit 1
fi
echo "check-web selftest: the harness passes a good site and reports all $n expected faults of a broken one"
