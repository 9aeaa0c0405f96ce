# A finance disclosure rendered: ledger tables, totals, 大写, the 公示
# status in words, the objection channel with tel: links; 居务 wording in a
# community and 村务 in a village; home.finance is the newest finance record.
new_site r

add_record disclosures 2026-11-20-finance-2026-10.md <<'MD'
---
type: disclosure
category: finance
topic: routine
frequency: monthly
period: 2026-10
title: 测试社区2026年10月财务收支公开
date: 2026-11-20
summary: 10月收入75,831.45元，支出41,476.50元，月末结余320,805.25元。
review:
  body: supervisory_committee
  date: 2026-11-18
  opinion: 经逐笔核对原始凭证，收支真实、手续齐全，同意公开。
  members: [刘淑琴, 张建华, 何美芳]
signatories:
  - {role: 社区党委书记、居委会主任, name: 王秀兰}
  - {role: 报账员, name: 周晓梅}
publicity: {start: 2026-11-20, end: 2026-11-26}
ledger:
  opening_balance: "286450.30"
  income:
    - {item: 社区用房10月租金, subject: 经营收入, amount: "18000.00", date: 2026-10-05, voucher: 记-10-01}
    - {item: 社区办公经费补助（第四季度）, subject: 补助收入, amount: "45000.00", date: 2026-10-12, voucher: 记-10-04}
    - {item: 停车位租赁收入, subject: 经营收入, amount: "12600.00", date: 2026-10-15, voucher: 记-10-05}
    - {item: 银行存款利息, subject: 其他收入, amount: "231.45", date: 2026-10-21, voucher: 记-10-09}
  expense:
    - {item: 社区工作者10月交通补贴, subject: 管理费用, amount: "15500.00", date: 2026-10-30, voucher: 记-10-14}
    - {item: 办公用品及打印耗材, subject: 管理费用, amount: "1286.50", date: 2026-10-08, voucher: 记-10-02}
    - {item: 小区路灯维修（12盏）, subject: 公益支出, amount: "8640.00", date: 2026-10-18, voucher: 记-10-07, counterparty: 测试区明亮电器维修部}
    - {item: 10月楼道保洁服务费, subject: 公益支出, amount: "6200.00", date: 2026-10-26, voucher: 记-10-11}
    - {item: 社区用房屋顶防水维修, subject: 经营支出, amount: "9850.00", date: 2026-10-23, voucher: 记-10-10, note: 租户报修}
  total_income: "75831.45"
  total_expense: "41476.50"
  closing_balance: "320805.25"
---
本表由社区报账员编制，经社区监督委员会逐笔审核。
MD

add_record disclosures 2026-10-12-finance-2026-09.md <<'MD'
---
type: disclosure
category: finance
topic: routine
frequency: monthly
period: 2026-09
title: 测试社区2026年9月财务收支公开
date: 2026-10-12
summary: 9月没有收支。
review: {body: finance_group, date: 2026-10-10, opinion: 本月无收支，同意公开。}
publicity: {start: 2026-10-12, end: 2026-10-18}
objection: {contact: 张建华, phone: "0571-86000300", deadline: 2026-10-20}
ledger: {opening_balance: "286450.30", income: [], expense: [], total_income: "0.00", total_expense: "0.00", closing_balance: "286450.30"}
---
本月没有发生收支。
MD

add_record disclosures 2026-11-23-rules-draft.md <<'MD'
---
type: disclosure
category: affairs
topic: rules
frequency: once
title: 测试社区公约修订草案公示
date: 2026-11-23
summary: 公约修订草案，征求意见。
review: {body: joint_meeting, date: 2026-11-20, opinion: 同意公示草案。}
publicity: {start: 2026-11-25, end: 2026-12-01}
table:
  caption: 修订条款对照表
  columns: [条款, 原文, 修订后]
  rows:
    - [第五条, 按时缴纳卫生费, 按时足额缴纳卫生费]
---
征求意见稿。
MD

# The home page's finance summary, through a test template.
cat > templates/index.html <<'HTML'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"/><title>首页</title></head><body>
<p id="fin" data-g-if="home.finance"><a data-g-attr-href="home.finance.url" data-g-text="home.finance.title">标题</a>|<span data-g-text="home.finance.period_label">期</span>|收入<span data-g-text="home.finance.ledger.total_income|money">0</span>|支出<span data-g-text="home.finance.ledger.total_expense|money">0</span>|结余<span data-g-text="home.finance.ledger.closing_balance|money">0</span></p>
</body></html>
HTML

gs build
expect_rc 0
P=public/disclosures/2026-11-20-finance-2026-10/index.html
expect_file "$P"
# Ledger tables: captions, column and row headers, right-aligned amounts,
# tfoot totals.
expect_grep "$P" '<caption><span>2026年10月</span>收入明细（单位：元）</caption>'
expect_grep "$P" '<caption><span>2026年10月</span>支出明细（单位：元）</caption>'
expect_grep "$P" '<th scope="col">收入项目</th>'
expect_grep "$P" '<th scope="row" data-label="收入项目">社区用房10月租金</th>'
expect_grep "$P" '<td class="num" data-label="金额（元）">18,000.00</td>'
expect_grep "$P" '<td data-label="收款单位">测试区明亮电器维修部</td>'
expect_grep "$P" '<tfoot>'
expect_grep "$P" '<th scope="row" colspan="3">收入合计</th><td class="num">75,831.45</td>'
expect_grep "$P" '<th scope="row" colspan="3">支出合计</th><td class="num">41,476.50</td>'
# The balance equation and the totals in 人民币大写.
expect_grep "$P" '上期结余 <span class="amount">286,450.30</span> 元'
expect_grep "$P" '本期结余 <strong class="amount">320,805.25</strong> 元'
expect_grep "$P" '<dt>本期收入合计（大写）</dt><dd>人民币<span>柒万伍仟捌佰叁拾壹元肆角伍分</span></dd>'
expect_grep "$P" '<dt>本期支出合计（大写）</dt><dd>人民币<span>肆万壹仟肆佰柒拾陆元伍角</span></dd>'
expect_grep "$P" '<dt>本期结余（大写）</dt><dd>人民币<span>叁拾贰万零捌佰零伍元贰角伍分</span></dd>'
# 公示期: status in words and absolute dates with the weekday.
expect_grep "$P" '<p class="status">公示中（还剩 4 天，至11月26日）</p>'
expect_grep "$P" '<span>2026年11月20日</span>（<span>星期五</span>）'
expect_grep "$P" '共 <span>7</span> 天'
# Objection channel from site.yaml: supervisor, 街道, 12345, all tel: links.
expect_grep "$P" '<span>居务监督委员会主任</span> <span>刘淑琴</span>'
expect_grep "$P" '<a class="tel" href="tel:13900004444">139 0000 4444</a>'
expect_grep "$P" '<span class="where">服务中心一楼</span>'
expect_grep "$P" '<a class="tel" href="tel:057186000200">0571-86000200</a>'
expect_grep "$P" '<a class="tel" href="tel:12345">12345</a>'
expect_grep "$P" '请在 <strong><time datetime="2026-11-26"><span>2026年11月26日</span>（<span>星期四</span>）</time></strong>前提出'
# Review and signatories.
expect_grep "$P" '<span>居务监督委员会</span>于 <time datetime="2026-11-18">'
expect_grep "$P" '审核人员：<span>刘淑琴、张建华、何美芳</span>'
expect_grep "$P" '<span>报账员</span>：<strong>周晓梅</strong>'
expect_grep "$P" '<dd>财务</dd>'
expect_grep "$P" '<a href="../../disclosures/">居务公开</a>'

# Empty ledger lists, an objection contact of its own, an ended 公示期.
Q=public/disclosures/2026-10-12-finance-2026-09/index.html
expect_grep "$Q" '<td colspan="8">本期没有收入。</td>'
expect_grep "$Q" '<td colspan="8">本期没有支出。</td>'
expect_grep "$Q" '<p class="status">已结束（10月18日公示期满）</p>'
expect_grep "$Q" '<span class="who"> <span>张建华</span></span>'
expect_grep "$Q" '<a class="tel" href="tel:057186000300">0571-86000300</a>'
expect_grep "$Q" '<time datetime="2026-10-20"><span>2026年10月20日</span>'
expect_grep "$Q" '<dt>本期结余（大写）</dt><dd>人民币<span>贰拾捌万陆仟肆佰伍拾元叁角</span></dd>'
expect_grep "$Q" '民主理财小组'
expect_no_grep "$Q" '居务监督委员会主任'

# A table with caption; cells labelled for narrow screens; not yet begun.
T=public/disclosures/2026-11-23-rules-draft/index.html
expect_grep "$T" '<caption>修订条款对照表</caption>'
expect_grep "$T" '<th scope="col">原文</th>'
expect_grep "$T" '<td data-label="修订后">按时足额缴纳卫生费</td>'
expect_grep "$T" '<p class="status">未开始（11月25日起公示）</p>'
expect_grep "$T" '<dd>居务</dd>'
expect_grep "$T" '<dd>制度与居民公约</dd>'

# The home page reads the newest finance disclosure.
expect_grep public/index.html '<a href="disclosures/2026-11-20-finance-2026-10/">测试社区2026年10月财务收支公开</a>|<span>2026年10月</span>|收入<span>75,831.45</span>|支出<span>41,476.50</span>|结余<span>320,805.25</span>'

# The same records in a village: 村务 wording throughout.
sed -i -e 's/^org_type: community/org_type: village/' -e 's/居务监督委员会主任/村务监督委员会主任/' site.yaml
gs build
expect_rc 0
expect_grep "$P" '<a href="../../disclosures/">村务公开</a>'
expect_grep "$P" '<span>村务监督委员会</span>于 <time datetime="2026-11-18">'
expect_grep "$T" '<dd>村务</dd>'
expect_grep "$T" '<dd>制度与村规民约</dd>'
expect_no_grep "$P" '居务'
expect_no_grep "$T" '居务'
