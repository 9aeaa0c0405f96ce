#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days (public domain
 * algorithms, written out here from their description). */
int64_t
days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

int
weekday_of(int64_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = (days + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

/* Read exactly `n` ASCII digits. */
static bool
digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool
ymd(const char *s, int *y, int *m, int *d)
{
	if (!digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) ||
	    s[7] != '-' || !digits(s + 8, 2, d))
		return false;
	return *y >= 1900 && *y <= 2999 && *m >= 1 && *m <= 12 && *d >= 1 &&
	    *d <= days_in_month(*y, *m);
}

bool
date_parse(const char *s, int64_t *days)
{
	int y, m, d;

	if (strlen(s) != 10 || !ymd(s, &y, &m, &d))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

static bool
hhmm(const char *s, int *h, int *mi)
{
	return digits(s, 2, h) && s[2] == ':' && digits(s + 3, 2, mi) &&
	    *h <= 23 && *mi <= 59;
}

bool
datetime_parse(const char *s, int64_t *secs, bool *bad_offset)
{
	int y, m, d, h, mi, sec = 0;
	const char *p;

	*bad_offset = false;
	if (strlen(s) < 16 || !ymd(s, &y, &m, &d) ||
	    (s[10] != 'T' && s[10] != ' ') || !hhmm(s + 11, &h, &mi))
		return false;
	p = s + 16;
	if (*p == ':') {
		if (!digits(p + 1, 2, &sec) || sec > 59)
			return false;
		p += 3;
	}
	if (*p != '\0') {
		if (strcmp(p, "+08:00") != 0) {
			if ((*p == '+' || *p == '-' || *p == 'Z'))
				*bad_offset = true;
			return false;
		}
	}
	*secs = days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 + sec;
	return true;
}

bool
time_parse(const char *s, int *minutes)
{
	int h, mi;

	if (strlen(s) != 5 || !hhmm(s, &h, &mi))
		return false;
	*minutes = h * 60 + mi;
	return true;
}

bool
period_parse(const char *s, struct period *p)
{
	size_t n = strlen(s);
	int y, v;

	if (n < 4 || !digits(s, 4, &y) || y < 1900 || y > 2999)
		return false;
	p->year = y;
	if (n == 4) {
		p->kind = PERIOD_YEAR;
		p->n = 0;
		p->first = days_from_civil(y, 1, 1);
		p->last = days_from_civil(y, 12, 31);
		return true;
	}
	if (s[4] != '-')
		return false;
	if (n == 7 && digits(s + 5, 2, &v) && v >= 1 && v <= 12) {
		p->kind = PERIOD_MONTH;
		p->n = v;
		p->first = days_from_civil(y, v, 1);
		p->last = days_from_civil(y, v, days_in_month(y, v));
		return true;
	}
	if (n == 7 && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
		v = s[6] - '0';
		p->kind = PERIOD_QUARTER;
		p->n = v;
		p->first = days_from_civil(y, v * 3 - 2, 1);
		p->last = days_from_civil(y, v * 3, days_in_month(y, v * 3));
		return true;
	}
	if (n == 7 && s[5] == 'H' && (s[6] == '1' || s[6] == '2')) {
		v = s[6] - '0';
		p->kind = PERIOD_HALF;
		p->n = v;
		p->first = days_from_civil(y, v == 1 ? 1 : 7, 1);
		p->last = days_from_civil(y, v == 1 ? 6 : 12,
		    v == 1 ? 30 : 31);
		return true;
	}
	return false;
}

char *
date_fmt_zh(int64_t days, char *out)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 64, "%d年%d月%d日", y, m, d);
	return out;
}

char *
date_fmt_md_zh(int64_t days, char *out)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 64, "%d月%d日", m, d);
	return out;
}

const char *
weekday_zh(int64_t days)
{
	static const char *const names[] = {"星期一", "星期二", "星期三",
	    "星期四", "星期五", "星期六", "星期日"};

	return names[weekday_of(days) - 1];
}

char *
date_fmt_iso(int64_t days, char *out)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 64, "%04d-%02d-%02d", y, m, d);
	return out;
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t
date_day_of(int64_t secs)
{
	return floordiv(secs, 86400);
}

char *
datetime_fmt_iso(int64_t secs, char *out)
{
	int64_t days = floordiv(secs, 86400), rem = secs - days * 86400;
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d,
	    (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
	return out;
}

char *
datetime_fmt_zh(int64_t secs, char *out)
{
	int64_t days = floordiv(secs, 86400), rem = secs - days * 86400;
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 64, "%d年%d月%d日 %02d:%02d", y, m, d,
	    (int)(rem / 3600), (int)(rem / 60 % 60));
	return out;
}

char *
time_fmt(int minutes, char *out)
{
	snprintf(out, 64, "%02d:%02d", minutes / 60 % 24, minutes % 60);
	return out;
}

char *
rfc822_fmt(int64_t secs, char *out)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int64_t days = floordiv(secs, 86400), rem = secs - days * 86400;
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 64, "%s, %02d %s %04d %02d:%02d:%02d +0800",
	    wd[weekday_of(days) - 1], d, mon[m - 1], y, (int)(rem / 3600),
	    (int)(rem / 60 % 60), (int)(rem % 60));
	return out;
}

char *
period_fmt_zh(const struct period *p, char *out)
{
	switch (p->kind) {
	case PERIOD_YEAR:
		snprintf(out, 64, "%d年度", p->year);
		break;
	case PERIOD_HALF:
		snprintf(out, 64, "%d年%s", p->year,
		    p->n == 1 ? "上半年" : "下半年");
		break;
	case PERIOD_QUARTER:
		snprintf(out, 64, "%d年第%s季度", p->year,
		    (const char *[]){"一", "二", "三", "四"}[p->n - 1]);
		break;
	case PERIOD_MONTH:
		snprintf(out, 64, "%d年%d月", p->year, p->n);
		break;
	}
	return out;
}

bool
build_epoch(int64_t *utc_secs)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	int64_t v = 0;
	size_t i;

	if (s == NULL || *s == '\0') {
		*utc_secs = (int64_t)time(NULL);
		return true;
	}
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 12)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*utc_secs = v;
	return true;
}
