# A power item page: code, category, subject, scope, basis; the steps as
# an <ol> flow of boxes; time limit, materials, outputs; risk grades in
# words; supervision phones as tel: links with 12388 always; the
# effective date.
new_site p
add_record power 2026-03-20-certificate.md <<'EOF'
---
type: power_item
code: BM-02
name: 居住情况证明出具
title: BM-02 居住情况证明出具
date: 2026-03-20
summary: 材料齐全的3个工作日内出具居住情况证明，不收取任何费用。
category: convenience
subject: 测试社区居民委员会
applies_to: 辖区居民办理入学、就业等事务需要证明实际居住情况的
basis:
  - 《中华人民共和国城市居民委员会组织法》第三条
  - 测试区社区依法出具证明事项清单（示例）
steps:
  - {name: 申请, actor: 居民本人, detail: 到服务窗口填写申请登记表}
  - {name: 核实, actor: 网格员, detail: 入户或走访邻居核实居住情况, time_limit: 2个工作日}
  - {name: 出具, actor: 社区居委会主任, detail: 审核后签字盖章}
time_limit: 3个工作日
materials:
  - 申请人身份证件
  - 房屋租赁合同或房产证明
outputs:
  - 证明出具台账每季度接受监督委员会检查
risks:
  - {point: 为不实情况出具证明, level: high, control: 网格员核实签字；主任审核把关}
  - {point: 借出具证明收取费用, level: medium, control: 窗口公示不收费}
  - {point: 推诿拖延, level: low, control: 一次性告知所需材料}
supervision:
  body: 测试社区居务监督委员会
  phone: "13900004444"
  report_org: 测试街道纪工委
  report_phone: "0571-86000388"
effective_date: 2026-04-01
approved_by: {meeting: 测试社区居民代表会议, date: 2026-03-18}
---
**不收取任何费用。**
EOF
gs check --strict
expect_rc 0
gs build
expect_rc 0
P=public/power/2026-03-20-certificate/index.html
expect_grep "$P" '事项编号 <strong>BM-02</strong> · <span>便民服务</span>'
expect_grep "$P" '<dd>居住情况证明出具</dd>'
expect_grep "$P" '<dd>测试社区居民委员会</dd>'
expect_grep "$P" '<dd class="p-text">辖区居民办理入学、就业等事务需要证明实际居住情况的</dd>'
expect_grep "$P" '<li>测试区社区依法出具证明事项清单（示例）</li>'
# The flow: one <ol class="flow"> with a box per step, in order.
expect_grep "$P" '操作流程（共 <span>3</span> 步）'
flow=$(sed -n '/<ol class="flow">/,/<\/ol>/p' "$P")
[ "$(printf '%s\n' "$flow" | grep -c '<li>')" = 3 ] || fail "flow has not 3 steps"
printf '%s\n' "$flow" | grep -o 'class="step-name">[^<]*' | sed 's/.*>//' | tr '\n' ' ' | grep -qx '申请 核实 出具 ' || fail "steps out of order"
expect_grep "$P" '<span class="step-no">第 <span>2</span> 步</span> <strong class="step-name">核实</strong>'
expect_grep "$P" '<p class="step-actor">责任主体：<span>网格员</span></p>'
expect_grep "$P" '<p class="step-detail p-text">入户或走访邻居核实居住情况</p>'
expect_grep "$P" '<p class="step-time">时限：<span>2个工作日</span></p>'
# The flow is drawn by CSS, not an image.
expect_no_grep "$P" '<img'
expect_grep templates/assets/style.css '.flow li:not(:last-child)::after'
expect_grep "$P" '<dd>3个工作日</dd>'
expect_grep "$P" '<li>房屋租赁合同或房产证明</li>'
expect_grep "$P" '<li>证明出具台账每季度接受监督委员会检查</li>'
# Risk grades in words.
expect_grep "$P" '<li class="risk risk-high">'
expect_grep "$P" '<p><span class="risk-level">风险等级：<strong>高</strong></span> <span>为不实情况出具证明</span></p>'
expect_grep "$P" '风险等级：<strong>中</strong></span> <span>借出具证明收取费用</span>'
expect_grep "$P" '风险等级：<strong>低</strong></span> <span>推诿拖延</span>'
expect_grep "$P" '防控措施：<span>网格员核实签字；主任审核把关</span>'
# Supervision: every phone a tel: link, 12388 always.
expect_grep "$P" '<span>测试社区居务监督委员会</span> <a class="tel" href="tel:13900004444">139 0000 4444</a>'
expect_grep "$P" '<span>测试街道纪工委</span> <a class="tel" href="tel:057186000388">0571-86000388</a>'
expect_grep "$P" '<span>纪检监察举报电话</span> <a class="tel" href="tel:12388">12388</a>'
expect_grep "$P" '<time datetime="2026-04-01">2026年4月1日</time>起施行'
expect_no_grep "$P" '尚未施行'
expect_grep "$P" '<span>测试社区居民代表会议</span>（<time datetime="2026-03-18">2026年3月18日</time>）'
expect_grep "$P" '<strong>不收取任何费用。</strong>'

# Not in force yet; supervision left to site.yaml; a flow chart image
# besides the text flow; 12388 given as the report phone is not doubled.
add_record power 2026-11-20-public-jobs.md <<'EOF'
---
type: power_item
code: RS-01
name: 社区公益性岗位人员招用
title: RS-01 社区公益性岗位人员招用
date: 2026-11-20
summary: 公益性岗位招用须公开报名、集体研究、结果公示。
category: personnel
subject: 测试社区居民委员会
basis: [测试区公益性岗位管理办法（示例）]
steps:
  - {name: 发布公告, actor: 社区居委会}
  - {name: 集体研究, actor: 社区“两委”联席会议}
time_limit: 公告后15日内
risks:
  - {point: 优亲厚友, level: high, control: 近亲属回避}
supervision: {report_org: 测试区纪委监委, report_phone: "12388"}
flowchart: img/share.png
flowchart_alt: 发布公告、集体研究两个环节
effective_date: 2027-01-01
---
正文。
EOF
gs build
expect_rc 0
P=public/power/2026-11-20-public-jobs/index.html
expect_grep "$P" '起施行<span>（尚未施行）</span>'
expect_grep "$P" '<span>测试社区居务监督委员会</span> <a class="tel" href="tel:13900004444">139 0000 4444</a>'
expect_grep "$P" '<img src="../../img/share.png" alt="发布公告、集体研究两个环节">'
[ "$(grep -c 'href="tel:12388"' "$P")" = 1 ] || fail "12388 shown twice"
expect_grep "$P" '<span>测试区纪委监委</span> <a class="tel" href="tel:12388">12388</a>'
