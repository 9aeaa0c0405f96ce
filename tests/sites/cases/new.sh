# gongshi new: a file per type that parses and passes check, never
# overwrites, and refuses what it cannot do.
new_site new

for t in notice disclosure power_item consultation legal_schedule; do
	gs new "$t" "测试新建的一条记录"
	expect_rc 0
	path=$(cat "$OUT")
	case "$path" in
	content/*/2026-11-23-*.md) ;;
	*) fail "new $t printed \"$path\"" ;;
	esac
	expect_file "$path"
	grep -qx 'draft: true' "$path" || fail "$path is not a draft"
done
expect_file content/notices/2026-11-23-notice.md
expect_file content/disclosures/2026-11-23-disclosure.md
expect_file content/power/2026-11-23-power.md
expect_file content/consultations/2026-11-23-consultation.md
expect_file content/legal-advisors/2026-11-23-legal.md

# As written: drafts, so nothing is checked or published yet.
gs check --strict
expect_rc 0
expect_err "检查了 0 条记录"

# Once the draft line goes, every scaffold passes the strict check and builds.
for f in content/*/*.md; do
	sed -i '/^draft: true$/d' "$f"
done
gs check --strict
expect_rc 0
expect_err "检查了 5 条记录，0 个警告"
gs build
expect_rc 0
expect_file public/notices/2026-11-23-notice/index.html
expect_file public/legal-advisors/2026-11-23-legal/index.html

# A second run with the same title takes the next name; the first file is
# untouched.
before=$(sha256sum content/notices/2026-11-23-notice.md)
gs new notice "测试新建的一条记录"
expect_rc 0
[ "$(cat "$OUT")" = content/notices/2026-11-23-notice-2.md ] || fail "second run wrote $(cat "$OUT")"
[ "$(sha256sum content/notices/2026-11-23-notice.md)" = "$before" ] || fail "the first file changed"
gs new notice "测试新建的一条记录"
[ "$(cat "$OUT")" = content/notices/2026-11-23-notice-3.md ] || fail "third run wrote $(cat "$OUT")"

# Slugs come from the title's ASCII words; digits alone get the type word.
gs new notice "Water Outage 停水通知"
expect_rc 0
expect_file content/notices/2026-11-23-water-outage.md
gs new 公开 "2026年10月财务收支公开"
expect_rc 0
expect_file content/disclosures/2026-11-23-disclosure-2026-10.md
# Chinese aliases.
gs new 议事协商 "停车位协商记录"
expect_rc 0
expect_file content/consultations/2026-11-23-consultation-2.md
# A second power item gets a code of its own.
gs new 小微权力 "居住证明出具流程"
expect_rc 0
grep -q '^code: BM-02$' "$(cat "$OUT")" || fail "second power item code: $(grep '^code:' "$(cat "$OUT")")"
for f in content/*/*.md; do
	sed -i '/^draft: true$/d' "$f"
done
gs check --strict
expect_rc 0

# -C and the path printed.
cd "$WORK"
gs new notice -C new "从别的目录新建通知"
expect_rc 0
[ "$(cat "$OUT")" = new/content/notices/2026-11-23-notice-4.md ] || fail "-C printed $(cat "$OUT")"
expect_file new/content/notices/2026-11-23-notice-4.md

# Mistakes.
gs new announcement -C new "测试新建的一条记录"
expect_rc 2
expect_err "没有“announcement”这种类型"
expect_err "legal_schedule"
gs new notice -C new "通知"
expect_rc 2
expect_err "标题应为 4—40 个字"
gs new notice -C "$WORK/nowhere" "测试新建的一条记录"
expect_rc 1
expect_err "不是 gongshi 站点目录"
gs new notice -C new
expect_rc 2
