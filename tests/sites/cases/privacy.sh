# Privacy lint end to end: an ID number stops the build (nothing written),
# undeclared mobiles and card numbers warn (errors under --strict),
# phones declared in the record or site.yaml do not.
new_site privacy

add_record notices id.md <<'R'
---
type: notice
kind: notice
title: 困难家庭慰问金领取通知
date: 2026-11-20
summary: 请以下家庭于本周内到社区领取慰问金。
contact: {name: 马丽, phone: "13900001111"}
---
请张某某（身份证号 330102197511030026）本周内到社区领取。
R
gs build
expect_rc 1
expect_err "content/notices/id.md:9:11: error: 正文：含有身份证号（3301**********0026）"
expect_no_err "330102197511030026"
[ ! -e public ] || fail "a build with an ID number wrote public/"

# Masked, the same sentence is fine.
sed -i 's/330102197511030026/3301**********0026/' content/notices/id.md
gs build
expect_rc 0
expect_file public/notices/id/index.html

add_record notices phones.md <<'R'
---
type: notice
kind: reminder
title: 冬季用电安全温馨提示
date: 2026-11-21
summary: 请不要私拉电线，发现隐患请联系网格员。
contact: {name: 马丽, phone: "13900001111"}
audience: 东区住户，也可以联系楼长 138-0000-7777
---
发现隐患请联系网格员马丽（139 0000 1111）或孙文静（139-0000-2222），
监委会刘淑琴 13900004444；电工王师傅 137 0000 8888。
退费请提供银行卡号（如 6222 0212 3456 7890 123）。
R
gs check
expect_rc 0
expect_err "content/notices/phones.md:8:1: warning: 对象 audience：手机号 138****7777"
expect_err "content/notices/phones.md:11:26: warning: 正文：手机号 137****8888"
expect_err "content/notices/phones.md:12:13: warning: 正文：疑似银行卡号（6222***********0123，19 位）"
# The record's contact, a gridder and the supervisor of site.yaml are
# declared phones.
expect_no_err "139****1111"
expect_no_err "139****2222"
expect_no_err "139****4444"
gs check --strict
expect_rc 1

# A lawyer's licence number is a declared number, in the field and the body.
rm content/notices/phones.md
add_record legal-advisors lawyer.md <<'R'
---
type: legal_schedule
title: 2027年第一季度法律顾问坐班安排
date: 2026-11-20
summary: 陈立明律师每月第二、四个星期三上午坐班。
valid_from: 2027-01-01
valid_to: 2027-03-31
services: [consultation]
advisers:
  - {id: chen-liming, name: 陈立明, role: lawyer, org: 江畔律师事务所, license_no: "13301201510000000", phone: "0571-86000348"}
recurring:
  - {adviser: chen-liming, freq: monthly, weekday: 3, nth: [2, 4], start: "09:00", end: "11:30", location: 社区一楼法律服务室, kind: duty}
---
陈立明律师执业证号 13301201510000000，可在司法行政机关网站查询。
R
gs check --strict
expect_rc 0
