# A notice page: kind, pinned, event time and place, audience, contact,
# 公示 status and whom to object to, corrections both ways; the 公示期
# warnings.
new_site notice

add_record notices 2026-11-19-outage.md <<'R'
---
type: notice
kind: notice
title: 西区11月25日计划停水通知
date: 2026-11-19
summary: 11月25日8:30—16:00西区停水。
grids: [TS-02]
event: {start: 2026-11-25T08:30, end: 2026-11-25T16:00, location: 西区1—6幢}
contact: {name: 孙文静, phone: "13900002222"}
---
请提前储水。
R
add_record notices 2026-11-23-outage-fix.md <<'R'
---
type: notice
kind: notice
title: 【更正】西区停水改至11月26日
date: 2026-11-23
summary: 停水改至11月26日9:00—17:00。
grids: [TS-02]
supersedes: 2026-11-19-outage
pinned: true
event:
  start: 2026-11-26T09:00
  end: 2026-11-26T17:00
  location: 西区1—8幢
audience: 西区1—8幢住户
contact: {name: 孙文静, phone: "13900002222"}
---
停水时间和范围更正如下。
R
add_record notices 2026-11-20-publicity.md <<'R'
---
type: notice
kind: publicity
title: 文明家庭推荐名单公示
date: 2026-11-20
summary: 拟推荐3户文明家庭。
publicity: {start: 2026-11-20, end: 2026-11-26}
---
名单如下。
R
add_record notices 2026-11-10-trip.md <<'R'
---
type: notice
kind: activity
title: 老年人秋游活动报名
date: 2026-11-10
summary: 两天一夜秋游。
event: {start: 2026-11-14T07:30, end: 2026-11-15T18:00, location: 社区门口集合}
---
报名从速。
R

gs check --strict
expect_rc 0
gs build
expect_rc 0

P=public/notices/2026-11-23-outage-fix/index.html
expect_grep "$P" '<span class="badge pinned">置顶</span><span class="badge">通知</span>'
expect_grep "$P" '<dt>时间</dt>'
expect_grep "$P" '<span><span>2026年11月26日</span>（<span>星期四</span>）<time datetime="2026-11-26T09:00:00+08:00">09:00</time>—<time datetime="2026-11-26T17:00:00+08:00">17:00</time></span>'
expect_grep "$P" '<dt>地点</dt><dd>西区1—8幢</dd>'
expect_grep "$P" '<dt>对象</dt><dd>西区1—8幢住户</dd>'
expect_grep "$P" '<a href="../../grids/TS-02/">西区网格</a>'
expect_grep "$P" '<dt>联系人</dt><dd><span>孙文静</span> <a class="tel-inline" href="tel:13900002222">139 0000 2222</a></dd>'
expect_grep "$P" '本通知更正了 <time datetime="2026-11-19">2026年11月19日</time>发布的<a href="../../notices/2026-11-19-outage/">西区11月25日计划停水通知</a>'
expect_no_grep "$P" "本通知所述事项已经结束"

O=public/notices/2026-11-19-outage/index.html
expect_grep "$O" '本通知已被更正，请以新通知为准：<a href="../../notices/2026-11-23-outage-fix/">【更正】西区停水改至11月26日</a>'

# A 公示: its window and status, and whom to object to (site.yaml's
# supervisor, as the notice names no contact).
Q=public/notices/2026-11-20-publicity/index.html
expect_grep "$Q" '<span class="badge">公示</span>'
expect_grep "$Q" '<p class="status">公示中（还剩 4 天，至11月26日）</p>'
expect_grep "$Q" '<dt>公示期</dt><dd><time datetime="2026-11-20">2026年11月20日</time>至<time datetime="2026-11-26">2026年11月26日</time><span>（共 <span>7</span> 天）</span></dd>'
expect_grep "$Q" '请在 <strong>2026年11月26日</strong> 前联系<span>刘淑琴</span>'
expect_grep "$Q" '<a class="tel-button" href="tel:13900004444">拨打 <span>139 0000 4444</span></a>'
expect_grep "$Q" 'href="tel:12345"'

# A two-day event that is over.
R=public/notices/2026-11-10-trip/index.html
expect_grep "$R" '<span>2026年11月14日 07:30</span>（<span>星期六</span>）</time><span> 至 <time datetime="2026-11-15T18:00:00+08:00"><span>2026年11月15日 18:00</span>（<span>星期日</span>）'
expect_grep "$R" '本通知所述事项已经结束，仅供查阅。'

# The 公示期 warnings, at the key that is wrong.
add_record notices 2026-11-21-short.md <<'R'
---
type: notice
kind: publicity
title: 楼道长推选结果公示
date: 2026-11-21
summary: 推选结果公示。
publicity:
  start: 2026-11-20
  end: 2026-11-24
---
结果如下。
R
gs check
expect_rc 0
expect_err "content/notices/2026-11-21-short.md:7:1: warning: 公示期 publicity：11月20日至11月24日只有 5 天，少于最短公示期 7 天"
expect_err "content/notices/2026-11-21-short.md:8:3: warning: 公示期 publicity：开始日期 start（11月20日）早于发布日期 date（11月21日）"
gs check --strict
expect_rc 1
