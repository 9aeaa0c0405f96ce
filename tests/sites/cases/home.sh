# The home page: 正在公示 with its deadline and objection phone, notices
# pinned first with expired and corrected ones gone, contacts, the grid
# chooser (plain links, no script).
new_site home

add_record notices 2026-11-01-heating.md <<'R'
---
type: notice
kind: notice
title: 冬季供暖设施检修安排
date: 2026-11-01
summary: 12月10日前分楼栋检修供暖设施。
pinned: true
event: {start: 2026-11-02T09:00, end: 2026-12-10T17:00, location: 各楼栋}
---
正文。
R
add_record notices 2026-11-22-library.md <<'R'
---
type: notice
kind: announcement
title: 社区图书室开放时间调整
date: 2026-11-22
summary: 自12月起周六也开放。
---
正文。
R
add_record notices 2026-10-10-holiday.md <<'R'
---
type: notice
kind: notice
title: 国庆期间垃圾清运安排
date: 2026-10-10
summary: 10月15日前的清运时间。
event: {start: 2026-10-11T06:00, end: 2026-10-15T08:00, location: 全社区}
---
正文。
R
add_record notices 2026-10-01-old.md <<'R'
---
type: notice
kind: reminder
title: 秋季防火温馨提示
date: 2026-10-01
summary: 没有写下架日期，发布30天后撤下。
---
正文。
R
add_record notices 2026-11-19-outage.md <<'R'
---
type: notice
kind: notice
title: 东区11月25日停电通知
date: 2026-11-19
summary: 原定11月25日停电。
event: {start: 2026-11-25T08:00, end: 2026-11-25T12:00, location: 东区}
---
正文。
R
add_record notices 2026-11-21-outage-fix.md <<'R'
---
type: notice
kind: notice
title: 【更正】东区停电改至11月27日
date: 2026-11-21
summary: 停电改到11月27日。
supersedes: 2026-11-19-outage
event: {start: 2026-11-27T08:00, end: 2026-11-27T12:00, location: 东区}
---
正文。
R
add_record notices 2026-11-20-volunteers.md <<'R'
---
type: notice
kind: publicity
title: 优秀志愿者推荐名单公示
date: 2026-11-20
summary: 拟推荐5名优秀志愿者，公示7天。
publicity: {start: 2026-11-20, end: 2026-11-26}
contact: {name: 马丽, phone: "13900001111"}
---
正文。
R

gs build
expect_rc 0
H=public/index.html
expect_file "$H"

# 最新通知: pinned first, then newest first; expired and corrected ones gone.
sed -n '/id="notices"/,/<\/section>/p' "$H" > "$WORK/notices.html"
N="$WORK/notices.html"
expect_grep "$N" "冬季供暖设施检修安排"
expect_grep "$N" "社区图书室开放时间调整"
expect_grep "$N" "【更正】东区停电改至11月27日"
pinned=$(grep -n "冬季供暖设施检修安排" "$N" | cut -d: -f1)
newest=$(grep -n "社区图书室开放时间调整" "$N" | cut -d: -f1)
[ "$pinned" -lt "$newest" ] || fail "the pinned notice is not first"
expect_grep "$N" '<span class="badge pinned">置顶</span>'
expect_no_grep "$H" "国庆期间垃圾清运安排|秋季防火温馨提示|东区11月25日停电通知"
# ... but they stay in the archive.
expect_grep public/notices/index.html "国庆期间垃圾清运安排"
expect_grep public/notices/index.html "东区11月25日停电通知"

# 正在公示: until when, and whom to call.
sed -n '/id="publicity"/,/<\/section>/p' "$H" > "$WORK/pub.html"
expect_grep "$WORK/pub.html" "优秀志愿者推荐名单公示"
expect_grep "$WORK/pub.html" "公示至<span>11月26日</span>"
expect_grep "$WORK/pub.html" '<a class="tel-inline" href="tel:13900001111">139 0000 1111</a>'

# 找人办事: a big call button, hours, address, the supervisory committee.
expect_grep "$H" '<a class="tel-button" href="tel:057186000100">'
expect_grep "$H" "工作日 8:30—17:30"
expect_grep "$H" '<span>刘淑琴</span> <a class="tel-inline" href="tel:13900004444">139 0000 4444</a>'
expect_grep "$H" 'href="tel:12348"'

# 我的网格: each grid links to its page, with its gridder's phone.
sed -n '/id="grids"/,/<\/section>/p' "$H" > "$WORK/grids.html"
expect_grep "$WORK/grids.html" '<a class="grid-name" href="grids/TS-01/"><span>东区网格</span></a>'
expect_grep "$WORK/grids.html" '网格员 <span>马丽</span> <a class="tel-inline" href="tel:13900001111">139 0000 1111</a>'
expect_grep "$WORK/grids.html" '<a class="grid-name" href="grids/TS-02/"><span>西区网格</span></a>'
expect_grep "$WORK/grids.html" '网格员 <span>孙文静</span> <a class="tel-inline" href="tel:13900002222">139 0000 2222</a>'
expect_file public/grids/TS-01/index.html

# Works without JavaScript (the theme's one inline script only remembers
# the large-text switch); no pop-ups, no script from elsewhere.
expect_no_grep "$H" "<script[^>]* src=|onclick|<dialog|alert\(|confirm\(|window\.open"
[ "$(grep -c '<script' "$H")" = 1 ] || fail "more than the theme's one script on the home page"
