/* ics: iCalendar files of the legal advisers' sessions (see ics.h). */
#include "ics.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "gv.h"

#define ICS_LINE_OCTETS 75

void
ics_line(struct buf *out, const char *p, size_t len)
{
	size_t i = 0, room = ICS_LINE_OCTETS, cut;

	while (len - i > room) {
		cut = i + room;
		/* Back up to the first byte of a UTF-8 character. */
		while (cut > i && ((unsigned char)p[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == i)
			cut = i + room; /* not UTF-8: cut anyway */
		buf_put(out, p + i, cut - i);
		buf_puts(out, "\r\n ");
		i = cut;
		room = ICS_LINE_OCTETS - 1; /* the leading space counts */
	}
	buf_put(out, p + i, len - i);
	buf_puts(out, "\r\n");
}

void
ics_text(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case ';':
			buf_puts(out, "\\;");
			break;
		case ',':
			buf_puts(out, "\\,");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		/* TEXT is plain text, but some calendars (Google Calendar)
		 * show a DESCRIPTION as HTML: no markup gets there. */
		case '<':
			buf_puts(out, "\xef\xbc\x9c"); /* ＜ */
			break;
		case '>':
			buf_puts(out, "\xef\xbc\x9e"); /* ＞ */
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				break; /* CR and other controls */
			buf_putc(out, (char)c);
		}
	}
}

/* A property from a prepared line buffer. */
static void
flush(struct buf *out, struct buf *line)
{
	if (!buf_ok(line)) {
		out->oom = true;
		return;
	}
	ics_line(out, line->data ? line->data : "", line->len);
	buf_reset(line);
}

/* NAME:escaped text */
static void
prop_text(struct buf *out, struct buf *line, const char *name,
    const char *text)
{
	buf_puts(line, name);
	buf_putc(line, ':');
	ics_text(line, text);
	flush(out, line);
}

static void
local_stamp(struct buf *line, int64_t day, int minutes)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	buf_printf(line, "%04d%02d%02dT%02d%02d00", y, m, d, minutes / 60,
	    minutes % 60);
}

/* The host of base_url, for UIDs. */
static void
host_of(const char *base, char *out, size_t n)
{
	const char *p = strstr(base ? base : "", "://");
	size_t len;

	p = p ? p + 3 : (base ? base : "");
	len = strcspn(p, "/:?#");
	if (len == 0 || len >= n)
		snprintf(out, n, "gongshi.invalid");
	else
		snprintf(out, n, "%.*s", (int)len, p);
}

static const char *
summary_prefix(const char *kind)
{
	if (kind == NULL)
		return "法律顾问";
	if (strcmp(kind, "duty") == 0)
		return "法律顾问坐班";
	if (strcmp(kind, "lecture") == 0)
		return "法治讲座";
	if (strcmp(kind, "mediation") == 0)
		return "矛盾纠纷调解";
	if (strcmp(kind, "visit") == 0)
		return "法律顾问走访";
	return "法律顾问";
}

static void
vevent(const struct site *s, const struct record *r, const struct gv *m,
    const char *host, int64_t stamp_day, struct buf *out, struct buf *line,
    struct buf *t)
{
	const struct gv *adv = gv_get(m, "adviser");
	const char *name = gv_get_str(adv, "name"), *role = gv_get_str(adv,
	    "role_label"), *org = gv_get_str(adv, "org"), *phone =
	    gv_get_str(adv, "phone"), *title = gv_get_str(m, "title"),
	    *kind = gv_get_str(m, "kind"), *note = gv_get_str(m, "moved_note"),
	    *reason = gv_get_str(m, "reason");
	int64_t day = gv_get_int(m, "date", 0), orig = gv_get_int(m,
	    "orig_date", day);
	int y, mo, d;

	buf_puts(out, "BEGIN:VEVENT\r\n");
	civil_from_days(orig, &y, &mo, &d);
	/* UID characters stay ASCII: slugs, ids and kinds are. */
	buf_printf(line, "UID:%s-%s-%04d%02d%02d-%04lld-%s@%s", r->slug,
	    gv_get_str(adv, "id"), y, mo, d,
	    (long long)(gv_get_int(m, "orig_start", 0) / 60 * 100 +
	    gv_get_int(m, "orig_start", 0) % 60), kind ? kind : "session",
	    host);
	flush(out, line);
	civil_from_days(stamp_day, &y, &mo, &d);
	/* Local midnight of the day the schedule was last updated, in UTC. */
	{
		int64_t utc = stamp_day * 86400 - SITE_UTC_OFFSET, sd;
		int hh;

		sd = utc / 86400;
		hh = (int)((utc - sd * 86400) / 3600);
		civil_from_days(sd, &y, &mo, &d);
		buf_printf(line, "DTSTAMP:%04d%02d%02dT%02d0000Z", y, mo, d, hh);
		flush(out, line);
	}
	buf_puts(line, "DTSTART;TZID=Asia/Shanghai:");
	local_stamp(line, day, (int)gv_get_int(m, "start", 0));
	flush(out, line);
	buf_puts(line, "DTEND;TZID=Asia/Shanghai:");
	local_stamp(line, day, (int)gv_get_int(m, "end", 0));
	flush(out, line);

	buf_reset(t);
	if (title)
		buf_printf(t, "%s（%s，%s）", title, name, role);
	else
		buf_printf(t, "%s：%s（%s）", summary_prefix(kind), name, role);
	prop_text(out, line, "SUMMARY", t->data);
	prop_text(out, line, "LOCATION", gv_get_str(m, "location"));

	buf_reset(t);
	buf_printf(t, "%s（%s，%s），电话 %s\n", name, role, org, phone);
	if (note)
		buf_printf(t, "调整：%s%s%s\n", note, reason ? "，" : "",
		    reason ? reason : "");
	buf_printf(t, "不在坐班时间，可拨打 12348 公共法律服务热线\n");
	buf_printf(t, "详情：%s/%s/%s/", s->base_url,
	    section_defs[RT_LEGAL_SCHEDULE].dir, r->slug);
	prop_text(out, line, "DESCRIPTION", t->data);
	buf_printf(line, "URL:%s/%s/%s/", s->base_url,
	    section_defs[RT_LEGAL_SCHEDULE].dir, r->slug);
	flush(out, line);
	buf_puts(out, "END:VEVENT\r\n");
	if (!buf_ok(t))
		out->oom = true;
}

void
ics_write(const struct site *s, struct record *const *recs, size_t n,
    const char *calname, struct buf *out)
{
	struct buf line = BUF_INIT, t = BUF_INIT;
	char host[256];
	size_t i, k;

	host_of(s->base_url, host, sizeof(host));
	buf_puts(out, "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "PRODID:-//gongshi//legal-advisors//ZH\r\n"
	    "CALSCALE:GREGORIAN\r\n"
	    "METHOD:PUBLISH\r\n");
	prop_text(out, &line, "X-WR-CALNAME", calname);
	buf_puts(out, "X-WR-TIMEZONE:Asia/Shanghai\r\n"
	    "REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n"
	    "X-PUBLISHED-TTL:P1D\r\n"
	    "BEGIN:VTIMEZONE\r\n"
	    "TZID:Asia/Shanghai\r\n"
	    "X-LIC-LOCATION:Asia/Shanghai\r\n"
	    "BEGIN:STANDARD\r\n"
	    "TZOFFSETFROM:+0800\r\n"
	    "TZOFFSETTO:+0800\r\n"
	    "TZNAME:CST\r\n"
	    "DTSTART:19700101T000000\r\n"
	    "END:STANDARD\r\n"
	    "END:VTIMEZONE\r\n");
	for (i = 0; i < n; i++) {
		const struct record *r = recs[i];
		const struct gv *list = gv_get(r->v, "session_list");

		for (k = 0; k < gv_len(list); k++) {
			const struct gv *m = list->u.list.v[k];

			if (gv_get_bool(m, "cancelled"))
				continue;
			vevent(s, r, m, host, r->modified, out, &line, &t);
		}
	}
	buf_puts(out, "END:VCALENDAR\r\n");
	if (!buf_ok(&line) || !buf_ok(&t))
		out->oom = true;
	buf_free(&line);
	buf_free(&t);
}
