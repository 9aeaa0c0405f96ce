# The section page is the 清单: one table with every item (more than a
# listing page holds), grouped by category in the content model's order,
# by code within a category, each row linking to its item.
new_site l
item() { # FILE CODE CATEGORY NAME
	add_record power "$1.md" <<EOF
---
type: power_item
code: $2
name: $4
title: $2 $4
date: 2026-03-20
summary: $4的办理流程。
category: $3
subject: 测试社区居民委员会
basis: [测试街道有关规定（示例）]
steps:
  - {name: 受理, actor: 社区居委会}
  - {name: 办结, actor: 社区居委会}
time_limit: 5个工作日
materials: [申请表]
risks:
  - {point: 推诿拖延, level: low, control: 一次性告知}
supervision: {}
effective_date: 2026-04-01
---
正文。
EOF
}
# 23 items (a listing page holds 20), files named out of code order.
n=0
for c in daily convenience personnel procurement finance assets bidding decision; do
	case $c in
	decision) p=JC ;; bidding) p=GC ;; assets) p=ZC ;; finance) p=CW ;;
	procurement) p=CG ;; personnel) p=RS ;; convenience) p=BM ;; daily) p=RC ;;
	esac
	for k in 03 01 02; do
		[ $c = finance ] && [ $k = 02 ] && continue # 23, not 24
		n=$((n + 1))
		item "z$n-$c-$k" "$p-$k" "$c" "事项$p$k"
	done
done
[ "$n" = 23 ] || fail "made $n items"
gs check --strict
expect_rc 0
gs build
expect_rc 0
L=public/power/index.html
[ -e public/power/page/2/index.html ] && fail "the 清单 was split into pages"
expect_grep "$L" '<caption>小微权力清单（共 <span>23</span> 项）</caption>'
for p in JC GC ZC CG RS BM RC; do
	for k in 01 02 03; do
		expect_grep "$L" "<td data-label=\"编号\">$p-$k</td>"
	done
done
expect_grep "$L" '<td data-label="编号">CW-01</td>'
expect_grep "$L" '<td data-label="编号">CW-03</td>'
[ "$(grep -c '<td data-label="编号">' "$L")" = 23 ] || fail "not 23 rows"
# Groups in category order with their counts, one <tbody> each.
got=$(grep -o '<th scope="rowgroup" colspan="4"><span>[^<]*</span>（<span>[0-9]*</span> 项）' "$L" |
	sed 's/.*<span>\([^<]*\)<\/span>（<span>\([0-9]*\)<.*/\1:\2/' | tr '\n' ' ')
[ "$got" = "重大决策:3 工程项目与招投标:3 资产资源处置:3 财务收支:2 物资服务采购:3 人事用工:3 便民服务:3 日常事务:3 " ] ||
	fail "groups: $got"
[ "$(grep -c '<tbody>' "$L")" = 8 ] || fail "not one tbody per category"
# Within a group by code, whatever the file order.
codes=$(grep -o '<td data-label="编号">[A-Z]*-[0-9]*' "$L" | sed 's/.*>//' | tr '\n' ' ')
[ "$codes" = "JC-01 JC-02 JC-03 GC-01 GC-02 GC-03 ZC-01 ZC-02 ZC-03 CW-01 CW-03 CG-01 CG-02 CG-03 RS-01 RS-02 RS-03 BM-01 BM-02 BM-03 RC-01 RC-02 RC-03 " ] ||
	fail "order: $codes"
# Name links to the item; subject and time limit shown.
expect_grep "$L" '<td data-label="事项名称"><a href="../power/z1-daily-03/">事项RC03</a></td>'
expect_grep "$L" '<td data-label="实施主体">测试社区居民委员会</td>'
expect_grep "$L" '<td data-label="办理时限"><span>5个工作日</span></td>'
expect_grep "$L" '<a href="tel:12388">12388</a>'
# Every item still gets its own page.
[ "$(ls -d public/power/*/ | grep -vc '/page/$')" = 23 ] || fail "not 23 item pages"
