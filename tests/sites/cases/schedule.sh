# Legal-adviser schedules end to end: the .ics files (parsed with
# python3-icalendar), the schedule page's 下次坐班 card and past/cancelled
# marking, home.legal_next, determinism, and clashes across schedules.
# "Now" is 2026-11-23 08:00 (Monday), from SOURCE_DATE_EPOCH.
new_site s
add_record legal-advisors q4.md <<'EOF'
---
type: legal_schedule
title: 测试社区第四季度法律顾问坐班安排
date: 2026-09-25
updated: 2026-11-20
summary: 陈立明律师每月第2、4个星期三上午坐班，王海燕每周二下午坐班。
valid_from: 2026-10-01
valid_to: 2026-12-31
service_model: 4+X
services: [opinion, consultation, publicity, mediation, legal_aid, contract_review]
advisers:
  - {id: chen-liming, name: 陈立明, role: lawyer, org: 江畔律师事务所, license_no: "13301201510000000", phone: "0571-86000348"}
  - {id: wang-haiyan, name: 王海燕, role: legal_worker, org: 临河街道法律服务所, phone: "13900006666"}
recurring:
  - {adviser: chen-liming, freq: monthly, weekday: 3, nth: [2, 4], start: "09:00", end: "11:30", location: 党群服务中心一楼法律服务室, kind: duty}
  - {adviser: wang-haiyan, freq: weekly, weekday: 2, start: "14:00", end: "17:00", location: 党群服务中心一楼法律服务室, kind: duty}
sessions:
  - {adviser: chen-liming, date: 2026-12-04, start: "14:30", end: "15:30", location: 老年活动室, kind: lecture, title: 国家宪法日专题讲座}
exceptions:
  - {date: 2026-11-24, adviser: wang-haiyan, action: cancel, reason: 参加街道培训}
  - {date: 2026-11-25, adviser: chen-liming, action: move, to_date: 2026-11-26, reason: 出庭，顺延一天}
---
不在坐班时间，可拨打 12348 公共法律服务热线。
EOF
add_record legal-advisors q1.md <<'EOF'
---
type: legal_schedule
title: 测试社区2027年1月法律顾问坐班安排
date: 2026-11-20
summary: 2027年1月，陈立明律师每月第2、4个星期三上午坐班。
valid_from: 2027-01-01
valid_to: 2027-01-31
services: [consultation, mediation]
advisers:
  - {id: chen-liming, name: 陈立明, role: lawyer, org: 江畔律师事务所, phone: "0571-86000348"}
recurring:
  - {adviser: chen-liming, freq: monthly, weekday: 3, nth: [2, 4], start: "09:00", end: "11:30", location: 党群服务中心一楼法律服务室, kind: duty}
---
一月安排。
EOF
# The home page template belongs to another part of the theme: this site
# gets a minimal one that prints home.legal_next.
cat > templates/index.html <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"/><title data-g-text="site.org_name">首页</title></head>
<body>
<p id="legal-next" data-g-if="home.legal_next"><span data-g-text="home.legal_next.date|date">日期</span>|<span data-g-text="home.legal_next.start|time">开始</span>—<span data-g-text="home.legal_next.end|time">结束</span>|<span data-g-text="home.legal_next.location">地点</span>|<span data-g-text="home.legal_next.kind_label">类别</span>|<span data-g-text="home.legal_next.adviser.name">姓名</span>|<span data-g-text="home.legal_next.adviser.role_label">身份</span>|<span data-g-text="home.legal_next.adviser.org">单位</span>|<a data-g-attr-href="home.legal_next.adviser.phone|tel" data-g-text="home.legal_next.adviser.phone|phone">电话</a>|<a data-g-attr-href="home.legal_next.schedule_url">安排</a>|<span data-g-text="home.legal_next.days_left">天数</span></p>
</body>
</html>
EOF

gs build -o "$WORK/out1"
expect_rc 0
gs build -o "$WORK/out2"
expect_rc 0
[ "$(tree_hash "$WORK/out1")" = "$(tree_hash "$WORK/out2")" ] ||
	fail "two builds with the same SOURCE_DATE_EPOCH differ"
O="$WORK/out1/legal-advisors"
expect_file "$O/q4/schedule.ics"
expect_file "$O/q1/schedule.ics"
expect_file "$O/schedule.ics"

# ---- iCalendar ----
/usr/bin/python3 - "$WORK/out1" "$WORK/out2" <<'PY' || fail "ics checks failed (see above)"
import datetime, sys
import icalendar

out1, out2 = sys.argv[1], sys.argv[2]
ok = True

def check(cond, msg):
    global ok
    if not cond:
        print("ics:", msg, file=sys.stderr)
        ok = False

def raw(path):
    with open(path, "rb") as f:
        return f.read()

def events(path):
    cal = icalendar.Calendar.from_ical(raw(path))
    return cal, list(cal.walk("VEVENT"))

for name in ("q4/schedule.ics", "q1/schedule.ics", "schedule.ics"):
    data = raw(out1 + "/legal-advisors/" + name)
    check(data == raw(out2 + "/legal-advisors/" + name), name + " differs between builds")
    check(data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""),
          name + ": every line must end in CRLF")
    for line in data.split(b"\r\n"):
        check(len(line) <= 75, name + ": line longer than 75 octets: %r" % line[:40])
        line.decode("utf-8")  # folding never splits a character
    cal = icalendar.Calendar.from_ical(data)
    for key, want in (("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"),
                      ("METHOD", "PUBLISH"), ("X-WR-TIMEZONE", "Asia/Shanghai")):
        check(str(cal.get(key)) == want, "%s: %s is %r" % (name, key, cal.get(key)))
    check(cal.get("PRODID") is not None, name + ": no PRODID")
    tz = cal.walk("VTIMEZONE")
    check(len(tz) == 1 and str(tz[0]["TZID"]) == "Asia/Shanghai", name + ": VTIMEZONE")
    std = tz[0].walk("STANDARD")[0]
    check(std["TZOFFSETTO"].td == datetime.timedelta(hours=8), name + ": offset")

cal, ev = events(out1 + "/legal-advisors/q4/schedule.ics")
# chen 6 (one moved), wang 13 Tuesdays less 1 cancelled, 1 lecture
check(len(ev) == 19, "q4: %d VEVENTs, expected 19" % len(ev))
check(str(cal["X-WR-CALNAME"]) == "测试社区第四季度法律顾问坐班安排", "q4: X-WR-CALNAME")
for e in ev:
    check(e["DTSTART"].params.get("TZID") == "Asia/Shanghai", "DTSTART without TZID")
    check(e["DTEND"].params.get("TZID") == "Asia/Shanghai", "DTEND without TZID")
    check(e["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=8), "not +08:00")
    check(str(e["DTSTAMP"].dt) == "2026-11-19 16:00:00+00:00",
          "DTSTAMP %s is not 2026-11-20 00:00 local" % e["DTSTAMP"].dt)
chen = sorted(e["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") for e in ev
              if str(e["UID"]).startswith("q4-chen-liming-") and "-duty@" in str(e["UID"]))
check(chen == ["2026-10-14 09:00", "2026-10-28 09:00", "2026-11-11 09:00",
               "2026-11-26 09:00", "2026-12-09 09:00", "2026-12-23 09:00"],
      "chen's duty days: %s" % chen)
check(not any(e["DTSTART"].dt.date() == datetime.date(2026, 11, 24) for e in ev),
      "the cancelled 11-24 session is in the calendar")
moved = [e for e in ev if str(e["UID"]) == "q4-chen-liming-20261125-0900-duty@test.example.cn"]
check(len(moved) == 1 and moved[0]["DTSTART"].dt.strftime("%m-%d %H:%M") == "11-26 09:00"
      and moved[0]["DTEND"].dt.strftime("%H:%M") == "11:30",
      "moved session: UID of its original day, new date")
if moved:
    check("原定11月25日（星期三），出庭，顺延一天" in str(moved[0]["DESCRIPTION"]),
          "moved DESCRIPTION: %s" % moved[0]["DESCRIPTION"])
    check(str(moved[0]["SUMMARY"]) == "法律顾问坐班：陈立明（律师）", "SUMMARY")
    check(str(moved[0]["LOCATION"]) == "党群服务中心一楼法律服务室", "LOCATION")
    check("0571-86000348" in str(moved[0]["DESCRIPTION"]), "phone in DESCRIPTION")
wang = [e for e in ev if "-wang-haiyan-" in str(e["UID"])]
check(len(wang) == 12 and all(e["DTSTART"].dt.strftime("%H:%M") == "14:00" for e in wang),
      "wang: 12 Tuesdays at 14:00")
lec = [e for e in ev if "-lecture@" in str(e["UID"])]
check(len(lec) == 1 and str(lec[0]["SUMMARY"]).startswith("国家宪法日专题讲座"), "lecture")

uids1 = sorted(str(e["UID"]) for e in events(out1 + "/legal-advisors/schedule.ics")[1])
uids2 = sorted(str(e["UID"]) for e in events(out2 + "/legal-advisors/schedule.ics")[1])
check(len(uids1) == 21, "site calendar: %d VEVENTs, expected 21" % len(uids1))
check(len(set(uids1)) == len(uids1), "duplicate UIDs")
check(uids1 == uids2, "UIDs differ between builds")
check(all(u.endswith("@test.example.cn") for u in uids1), "UID host")
_, q1 = events(out1 + "/legal-advisors/q1/schedule.ics")
check(sorted(e["DTSTART"].dt.strftime("%m-%d") for e in q1) == ["01-13", "01-27"], "q1 days")
sys.exit(0 if ok else 1)
PY

# ---- the schedule page ----
P="$O/q4/index.html"
/usr/bin/python3 - "$P" > "$WORK/sessions.txt" <<'PY' || fail "cannot read $P"
# One line per dated session: "<datetime>|<data-state>|<text>".
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0; self.cur = None; self.rows = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.cur is not None:
            if tag == "li":
                self.depth += 1
            if tag == "time" and not self.cur[0]:
                self.cur[0] = a.get("datetime", "")
        elif tag == "li" and a.get("class") == "session":
            self.cur = ["", a.get("data-state", ""), []]; self.depth = 1
    def handle_endtag(self, tag):
        if self.cur is not None and tag == "li":
            self.depth -= 1
            if self.depth == 0:
                self.rows.append(self.cur); self.cur = None
    def handle_data(self, d):
        if self.cur is not None:
            self.cur[2].append(d.strip())

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
for d, st, t in p.rows:
    print("%s|%s|%s" % (d, st, "".join(t)))
PY
[ "$(wc -l < "$WORK/sessions.txt")" -eq 20 ] || fail "expected 20 dated sessions on the page: $(cat "$WORK/sessions.txt")"
expect_grep "$WORK/sessions.txt" "2026-10-14|past|10月14日（星期三）09:00—11:30坐班·陈立明（律师）已结束"
expect_grep "$WORK/sessions.txt" "2026-11-17|past|"
expect_grep "$WORK/sessions.txt" "2026-11-24|cancelled|11月24日（星期二）14:00—17:00坐班·王海燕（基层法律服务工作者）已取消党群服务中心一楼法律服务室取消原因：参加街道培训"
expect_grep "$WORK/sessions.txt" "2026-11-26|next|11月26日（星期四）09:00—11:30坐班·陈立明（律师）下次坐班党群服务中心一楼法律服务室已调整：原定11月25日（星期三），出庭，顺延一天"
expect_grep "$WORK/sessions.txt" "2026-12-01|upcoming|"
grep -F "2026-12-" "$WORK/sessions.txt" | grep -qF "已结束" && fail "a December session is marked 已结束"
# 下次坐班 card: absolute date with weekday, time, place, phone, days left
sed -e 's/<[^>]*>//g' "$P" | tr -d ' \n' > "$WORK/page.txt"
expect_grep "$WORK/page.txt" "下次坐班2026年11月26日（星期四）09:00—11:30还有3天（按2026年11月23日网页生成时计算）地点：党群服务中心一楼法律服务室坐班：陈立明（律师，江畔律师事务所）调整：原定11月25日（星期三），出庭，顺延一天电话0571-86000348"
expect_grep "$WORK/page.txt" "不在坐班时间，可拨打12348公共法律服务热线。"
expect_grep "$WORK/page.txt" "基本服务（“4”）自治事务法律意见法律咨询法治宣传矛盾纠纷调解"
expect_grep "$WORK/page.txt" "拓展服务（“X”）法律援助引导合同审查"
expect_grep "$WORK/page.txt" "如无法打开，请点右上角“…”，选择“在浏览器打开”。"
expect_grep "$WORK/page.txt" "每月第2、4个星期三09:00—11:30"
expect_grep "$P" '<a class="tel-button" href="tel:057186000348">'
expect_grep "$P" '<a href="tel:12348">12348</a>'
expect_grep "$P" '<a class="tel" href="tel:13900006666">139 0000 6666</a>'
expect_grep "$P" '<a class="button" href="../../legal-advisors/q4/schedule.ics">加入手机日历</a>'
expect_grep "$P" '<a href="../../legal-advisors/schedule.ics">'
# the page is complete without the calendar: every date is in the HTML
expect_grep "$P" '<time datetime="2026-12-23">'

# ---- home.legal_next: the earliest upcoming session of all schedules ----
sed -e 's/<[^>]*>//g' "$WORK/out1/index.html" > "$WORK/home.txt"
expect_grep "$WORK/home.txt" "2026年11月26日|09:00—11:30|党群服务中心一楼法律服务室|坐班|陈立明|律师|江畔律师事务所|0571-86000348|安排|3"
expect_grep "$WORK/out1/index.html" 'href="tel:057186000348"'
expect_grep "$WORK/out1/index.html" 'href="legal-advisors/q4/"'

# ---- clashes across schedules whose windows overlap ----
add_record legal-advisors z-other.md <<'EOF'
---
type: legal_schedule
title: 另一社区十二月法律顾问坐班安排
date: 2026-11-20
summary: 陈立明律师十二月在另一社区坐班。
valid_from: 2026-12-01
valid_to: 2026-12-31
services: [consultation]
advisers:
  - {id: chen-liming, name: 陈立明, role: lawyer, org: 江畔律师事务所, phone: "0571-86000348"}
sessions:
  - {adviser: chen-liming, date: 2026-12-09, start: "11:00", end: "12:00", location: 另一社区服务站, kind: duty}
  - {adviser: chen-liming, date: 2026-12-23, start: "11:30", end: "12:30", location: 另一社区服务站, kind: duty}
---
十二月安排。
EOF
gs check
expect_rc 1
expect_err "content/legal-advisors/z-other.md:12:5: error: 法律顾问 陈立明（chen-liming）同一时间有两项安排：2026年12月9日（星期三） 11:00—12:00 与 content/legal-advisors/q4.md 第 15 行的 09:00—11:30 重叠"
expect_no_err "2026年12月23日"   # 11:30 start after 11:30 end: no clash
[ "$(grep -c ': error: ' "$ERR")" -eq 1 ] || fail "expected exactly one error"

# A correction (supersedes) repeats the schedule it replaces: no clash,
# and only the correction is in the site calendar and on the home page.
rm content/legal-advisors/z-other.md
sed -e 's/^title: .*/title: 测试社区第四季度法律顾问坐班安排（更正）/' \
    -e 's/^date: 2026-09-25/date: 2026-11-21\nsupersedes: q4/' \
    -e 's/^updated: .*//' content/legal-advisors/q4.md > content/legal-advisors/q4-fix.md
gs build -o "$WORK/out3"
expect_rc 0
expect_no_err "重叠"
/usr/bin/python3 - "$WORK/out3/legal-advisors/schedule.ics" <<'PY' || fail "site calendar with a correction"
import sys, icalendar
uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")]
assert len(uids) == 21, len(uids)
assert not any(u.startswith("q4-chen") or u.startswith("q4-wang") for u in uids), "superseded q4 still in the site calendar"
assert sum(u.startswith("q4-fix-") for u in uids) == 19
PY
expect_grep "$WORK/out3/index.html" 'href="legal-advisors/q4-fix/"'
