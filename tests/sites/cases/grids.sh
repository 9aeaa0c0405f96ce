# Grid pages list what is filed for the grid with its 网格员 to call; tag
# and year pages list their records and link every archive.
new_site grids

add_record notices 2026-11-20-east.md <<'R'
---
type: notice
kind: notice
title: 东区3幢电梯维修通知
date: 2026-11-20
summary: 东区3幢电梯11月24日停运维修。
grids: [TS-01]
tags: [电梯, 维修]
---
正文。
R
add_record notices 2026-11-21-west.md <<'R'
---
type: notice
kind: notice
title: 西区绿化修剪通知
date: 2026-11-21
summary: 西区11月下旬修剪树木。
grids: [TS-02]
tags: [维修]
---
正文。
R
add_record notices 2025-12-30-all.md <<'R'
---
type: notice
kind: announcement
title: 2026年元旦值班安排
date: 2025-12-30
summary: 元旦假期值班人员和电话。
---
正文。
R

gs build
expect_rc 0

G=public/grids/TS-01/index.html
expect_file "$G"
expect_grep "$G" "<title>东区网格（TS-01）｜测试社区</title>"
expect_grep "$G" "<dt>范围</dt><dd>东区1—8幢</dd>"
expect_grep "$G" "<dd><span>300</span> 户</dd>"
expect_grep "$G" '网格员 <span>马丽</span>'
expect_grep "$G" '<a class="tel-button" href="tel:13900001111">拨打 <span>139 0000 1111</span></a>'
expect_grep "$G" "东区3幢电梯维修通知"
expect_no_grep "$G" "西区绿化修剪通知|2026年元旦值班安排"
expect_grep public/grids/TS-02/index.html "西区绿化修剪通知"
expect_grep public/grids/TS-02/index.html 'href="tel:13900002222"'

# Tags (percent-encoded directory names stay Chinese on disk).
T="public/tags/维修/index.html"
expect_file "$T"
expect_grep "$T" "<h1>标签：维修</h1>"
expect_grep "$T" "共 <span>2</span> 条"
expect_grep "$T" "东区3幢电梯维修通知"
expect_grep "$T" "西区绿化修剪通知"
expect_no_grep "$T" "2026年元旦值班安排"
# Every tag and year is reachable from any archive page.
expect_grep "$T" '<a href="../../archives/2025/"><span>2025</span>年</a>'
expect_grep "$T" '<a href="../../tags/%E7%94%B5%E6%A2%AF/">电梯</a>'

Y=public/archives/2025/index.html
expect_file "$Y"
expect_grep "$Y" "<h1>2025年归档</h1>"
expect_grep "$Y" "2026年元旦值班安排"
expect_no_grep "$Y" "东区3幢电梯维修通知"
expect_grep public/archives/2026/index.html "东区3幢电梯维修通知"
# and from the home page.
expect_grep public/index.html '<a href="archives/2025/"><span>2025</span>年</a>'
