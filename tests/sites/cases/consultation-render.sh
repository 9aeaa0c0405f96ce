# A consultation page: the vote in words with the threshold, the
# implementation badge in words, head counts, names only where given, the
# feedback timeline, the publicity window and the Markdown body.
new_site c
add_record consultations 2026-10-20-stair-clutter.md <<'EOF'
---
type: consultation
title: 东区5幢楼道堆物清理协商
date: 2026-10-20
summary: 楼道会表决通过：10月底前清理5幢楼道堆放杂物。
grids: [TS-01]
topic_source: grid
proposed_date: 2026-10-08
notice_date: 2026-10-12
meeting:
  start: 2026-10-16T19:00
  end: 2026-10-16T20:15
  location: 东区5幢架空层
  form: courtyard
  host: 马丽（东区网格网格员）
  recorder: 周晓梅
participants:
  - {category: stakeholder, count: 8, voting: true}
  - {category: representative, count: 2, voting: true, names: [王建华, 李秀英]}
  - {category: gridder, count: 1, voting: false}
vote:
  method: hands
  eligible: 12
  present: 10
  for: 6
  against: 3
  abstain: 1
  threshold: majority_of_present
result: majority
resolution: |
  一、10月31日前各户自行清理楼道堆放杂物；
  二、逾期未清理的由物业统一清运。
implementation: {owner: 东区物业服务中心, due: 2026-10-31, status: done}
feedback:
  - {date: 2026-10-25, text: 已清理一至三单元楼道。}
  - {date: 2026-10-31, text: 全部清理完毕。}
publicity: {start: 2026-10-20, end: 2026-10-26}
---
## 议题背景

网格员走访时**收集到**住户反映。
EOF
gs check --strict
expect_rc 0
gs build
expect_rc 0
P=public/consultations/2026-10-20-stair-clutter/index.html
expect_file "$P"
# 6 of 10 is more than half: passes, and the sentence says why.
expect_grep "$P" '举手表决</span>：<span>应到12人，实到10人；同意6人，反对3人，弃权1人。同意票须超过实到人数的一半（至少6票），表决通过。</span>'
expect_grep "$P" '表决结果：<strong>通过</strong>'
# Status in words, with a class for colour.
expect_grep "$P" '<span class="badge badge-done">落实状态：<strong>已完成</strong></span>'
expect_grep "$P" '协商结果：<strong>多数同意</strong>'
expect_no_grep "$P" '已超过完成时限'
# Topic source, notice date and how far ahead.
expect_grep "$P" '<dd>网格收集</dd>'
expect_grep "$P" '<time datetime="2026-10-12">2026年10月12日</time><span>（会前 <span>4</span> 天）</span>'
# Meeting: form, time, place, host, recorder.
expect_grep "$P" '<dd>楼道会</dd>'
expect_grep "$P" '<time datetime="2026-10-16T19:00:00+08:00">2026年10月16日（星期五）19:00—20:15</time>'
expect_grep "$P" '<dd>东区5幢架空层</dd>'
expect_grep "$P" '<dd>马丽（东区网格网格员）</dd>'
expect_grep "$P" '<dd>周晓梅</dd>'
# Participants: totals, counts per category, names only where given.
expect_grep "$P" '共 <strong>11</strong> 人参加，其中有表决权的 <strong>10</strong> 人。'
expect_grep "$P" '<span>居民代表</span><span class="names">：<span>王建华</span><span>李秀英</span></span>'
expect_grep "$P" '<th scope="row"><span>利益相关方</span></th>'
expect_grep "$P" '<td class="num"><span>8</span> 人</td>'
expect_grep "$P" '列席（不表决）'
# The resolution keeps its lines.
expect_grep "$P" '<p class="c-text">一、10月31日前各户自行清理楼道堆放杂物；
二、逾期未清理的由物业统一清运。</p>'
# Feedback: an ordered timeline with machine-readable dates.
expect_grep "$P" '<ol class="timeline">'
expect_grep "$P" '<time datetime="2026-10-25"><span>2026年10月25日</span>（<span>星期日</span>）</time><span class="ago">，会后第 <span>9</span> 天</span>'
expect_grep "$P" '<p class="c-text">全部清理完毕。</p>'
n=$(sed -n '/<ol class="timeline">/,/<\/ol>/p' "$P" | grep -c '<li>')
[ "$n" = 2 ] || fail "timeline has $n entries, expected 2"
# Publicity window and its status on the build day (2026-11-23).
expect_grep "$P" '<time datetime="2026-10-20">2026年10月20日</time> 至 <time datetime="2026-10-26">2026年10月26日</time>（共 <span>7</span> 天）'
expect_grep "$P" '已结束（10月26日公示期满）'
expect_grep "$P" 'tel:13900004444'
# The Markdown body.
expect_grep "$P" '<strong>收集到</strong>'
expect_grep "$P" '<h2 id="议题背景">'

# A vote that fails, honestly recorded as not agreed; an overdue plan.
add_record consultations 2026-11-02-parking-fee.md <<'EOF'
---
type: consultation
title: 西区停车收费标准调整协商
date: 2026-11-02
summary: 居民代表会议表决未通过停车收费调整方案，暂缓执行，另行征求意见。
topic_source: committee
notice_date: 2026-10-20
meeting:
  start: 2026-10-30T14:00
  end: 2026-10-30T16:00
  location: 服务中心二楼会议室
  form: representatives
  host: 王秀兰
participants:
  - {category: representative, count: 18, voting: true}
vote:
  method: ballot
  eligible: 20
  present: 18
  for: 11
  against: 6
  abstain: 1
  threshold: two_thirds_of_present
result: not_agreed
implementation: {owner: 西区物业服务中心, due: 2026-11-15, status: in_progress}
publicity: {start: 2026-11-02, end: 2026-11-08}
---
方案另行征求意见。
EOF
gs build
expect_rc 0
P=public/consultations/2026-11-02-parking-fee/index.html
# 11 of 18 is short of two thirds (12).
expect_grep "$P" '无记名投票</span>：<span>应到20人，实到18人；同意11人，反对6人，弃权1人。同意票须达到实到人数的三分之二（至少12票），表决未通过。</span>'
expect_grep "$P" '表决结果：<strong>未通过</strong>'
expect_grep "$P" '协商结果：<strong>未达成一致</strong>'
expect_grep "$P" '<span class="badge badge-in_progress">落实状态：<strong>实施中</strong></span>'
expect_grep "$P" '（已超过完成时限）'
expect_grep "$P" '<dd>居委会提出</dd>'
# No resolution, no feedback: their blocks are left out.
expect_no_grep "$P" '形成决议|class="timeline"'
