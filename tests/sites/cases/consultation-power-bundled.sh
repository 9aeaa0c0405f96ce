# The bundled example's consultations and power items pass --strict on
# their own and render: the vote sentence, the badges, the 清单.
SITE="$WORK/bundled"
mkdir -p "$SITE/content"
cp "$ROOT/site.yaml" "$SITE/"
cp -R "$ROOT/static" "$ROOT/templates" "$SITE/"
cp -R "$ROOT/content/consultations" "$ROOT/content/power" "$SITE/content/"
cd "$SITE"
gs check --strict
expect_rc 0
gs build
expect_rc 0
C=public/consultations/2026-10-26-qingfengyuan-parking/index.html
expect_grep "$C" '应到25人，实到23人；同意18人，反对3人，弃权2人。同意票须超过实到人数的一半（至少12票），表决通过。'
expect_grep "$C" '落实状态：<strong>实施中</strong>'
expect_grep public/consultations/2026-09-14-garbage-point-relocation/index.html '落实状态：<strong>已完成</strong>'
L=public/power/index.html
for code in GC-01 CG-01 BM-01 DB-01; do
	expect_grep "$L" "<td data-label=\"编号\">$code</td>"
done
expect_grep public/power/2026-03-20-minimum-living-allowance/index.html 'href="tel:12388"'
