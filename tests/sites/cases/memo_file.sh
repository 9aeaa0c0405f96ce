# gongshi build keeps the records it loaded in .public.memo
# (src/memofile.h) and reads again only the record files that changed
# since the last successful build.  The bundled site is edited step by
# step (a body, a title, a record added and one deleted, one renamed, a
# mistake and its mending, a touch, site.yaml); after each build,
# --times must say how many files were read again, and the output must
# be byte for byte what `build --full` makes of the same sources.
new_site src
cp -R "$ROOT/content/." content/
cp "$ROOT/site.yaml" site.yaml
mkdir -p static/img && cp "$ROOT/static/img/"* static/img/
total=$(find content -name '*.md' | wc -l)

# A file changed less than a second before a build read it is read
# again by the next build as well (a change within its time stamp could
# go unseen): the steps that count files read again wait that out.
settle() { sleep 1.1; }
reread() { sed -n 's/.*重新读取 \([0-9]*\) 个.*/\1/p' "$ERR"; }

step=0
# check_step WHAT N: the build reads N files again and makes what a full
# build makes.
check_step() {
	step=$((step + 1))
	settle
	gs build --times
	expect_rc 0
	[ "$(reread)" = "$2" ] ||
		fail "step $step ($1): read $(reread) files again, expected $2"
	cp "$ERR" "$WORK/inc.err"
	gs build --full -o "$WORK/full"
	expect_rc 0
	if [ "$(tree_hash public)" != "$(tree_hash "$WORK/full")" ]; then
		diff -r public "$WORK/full" | head -20 >&2
		fail "step $step ($1): differs from a full build"
	fi
	rm -rf "$WORK/full" "$WORK"/.full.*
	ERR="$WORK/inc.err"
}

check_step "first build, no memo yet" "$total"
expect_file .public.memo
# In place and the same size: only the file's times tell.
f=content/notices/2026-11-19-water-outage.md
sed 's/各位居民：/各位业主：/' "$f" > "$WORK/edit" && cat "$WORK/edit" > "$f"
check_step "a body, the same size, in place" 1
sed -i 's/各位业主：/各位居民朋友：/' "$f"
check_step "a body" 1
# check reads the memo of SITE/public too, and writes nothing.
memo=$(sha256sum .public.memo)
gs check --times
expect_rc 0
[ "$(reread)" = 0 ] || fail "check read $(reread) files again, expected 0"
[ "$(sha256sum .public.memo)" = "$memo" ] || fail "check changed the memo"
for x in .public.memo*; do
	[ "$x" = .public.memo ] || fail "check left $x"
done
ERR="$WORK/inc.err"
sed -i 's/^title: .*/title: 冬季电动自行车安全充电提醒/' \
    content/notices/2026-11-02-ebike-charging-reminder.md
check_step "a title" 1
cat > content/notices/2026-11-24-heating-check.md <<'EOT'
---
type: notice
kind: notice
title: 供暖入户检查的通知
date: 2026-11-24
summary: 11月26日至28日，物业工作人员入户检查暖气管道。
---
请各户留人在家配合检查。
EOT
rm content/notices/2026-10-12-anti-fraud-lecture.md
check_step "a record added, one deleted" 1
mv content/notices/2026-09-22-elderly-health-check.md \
    content/notices/2026-09-21-elderly-health-check.md
check_step "a record renamed" 1

# A failed build leaves the memo as the last good build wrote it, and no
# temporary file.
cp content/notices/2026-11-24-heating-check.md "$WORK/keep.md"
sed -i 's/^date: 2026-11-24/date: 2026-13-40/' \
    content/notices/2026-11-24-heating-check.md
settle
gs build --times
expect_rc 1
expect_err '2026-11-24-heating-check.md'
for x in .public.memo*; do
	[ "$x" = .public.memo ] || fail "a failed build left $x"
done
cp "$WORK/keep.md" content/notices/2026-11-24-heating-check.md
check_step "the mistake mended" 1

touch content/disclosures/2026-10-12-finance-2026-09.md
check_step "a touch" 1
# The records' values depend on site.yaml: every file is read again.
echo "# 注释" >> site.yaml
check_step "site.yaml" "$total"

# A new hard link to the executable (perf's build-id cache makes one)
# moves its change time, not what it is.  (Beside it: a hard link stays
# on its file system.  Under valgrind the executable is valgrind's.)
elf() { [ "$(head -c 4 "$GONGSHI" | od -An -c | tr -d ' ')" = '177ELF' ]; }
if elf; then
	link="$GONGSHI-memo-test-$$"
	trap 'rm -f "$link"' EXIT
	ln "$GONGSHI" "$link" || fail "cannot link $GONGSHI"
	touch content/disclosures/2026-10-12-finance-2026-09.md
	check_step "the executable linked" 1
	rm -f "$link"
fi

# --full reads every file, whatever the memo holds.
settle
gs build --full --times
expect_rc 0
[ "$(reread)" = "$total" ] || fail "--full read $(reread) files again"

# A damaged memo is not used, and nothing else goes wrong.
head -c 300 .public.memo > "$WORK/cut" && cp "$WORK/cut" .public.memo
sed -i 's/各位居民朋友：/各位居民：/' content/notices/2026-11-19-water-outage.md
check_step "a memo cut short" "$total"
printf 'not a memo' > .public.memo
sed -i 's/各位居民：/各位居民朋友：/' content/notices/2026-11-19-water-outage.md
check_step "a memo of garbage" "$total"

# Another gongshi executable (here a copy) never reads what this one
# wrote: its values may be laid out otherwise.  (Under valgrind the
# executable is valgrind's wrapper, which a copy would not change.)
if elf; then
	cp "$GONGSHI" "$WORK/gongshi-copy"
	sed -i 's/各位居民朋友：/各位居民：/' content/notices/2026-11-19-water-outage.md
	settle
	"$WORK/gongshi-copy" build --times 2>"$WORK/copy.err" ||
		fail "the copy failed: $(cat "$WORK/copy.err")"
	ERR="$WORK/copy.err"
	[ "$(reread)" = "$total" ] ||
		fail "a copy of gongshi read $(reread) files again, expected $total"
fi
