/*
 * date: calendar arithmetic and the date formats of the site.
 *
 * Days are counted from 1970-01-01 in the site's time zone; a datetime is
 * seconds from 1970-01-01T00:00 local time.  The site's zone is China
 * Standard Time (+08:00, no daylight saving), so local <-> UTC is a fixed
 * shift of SITE_UTC_OFFSET seconds.  Parsers are strict and return false
 * on anything that is not exactly the documented form or not a real day.
 */
#ifndef GONGSHI_DATE_H
#define GONGSHI_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SITE_UTC_OFFSET (8 * 3600)

enum period_kind { PERIOD_YEAR, PERIOD_HALF, PERIOD_QUARTER, PERIOD_MONTH };

struct period {
	enum period_kind kind;
	int year, n;          /* n: month 1-12, quarter 1-4, half 1-2 */
	int64_t first, last;  /* days, inclusive */
};

int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t days, int *y, int *m, int *d);
int days_in_month(int y, int m);
/* 1 = Monday ... 7 = Sunday. */
int weekday_of(int64_t days);
/* The day of a date-time (seconds since 1970-01-01T00:00, local time). */
int64_t date_day_of(int64_t secs);

/* YYYY-MM-DD */
bool date_parse(const char *s, int64_t *days);
/* YYYY-MM-DDTHH:MM[:SS][+08:00]; *bad_offset is set when a different
 * offset was written (an error of its own in the content model). */
bool datetime_parse(const char *s, int64_t *secs, bool *bad_offset);
/* HH:MM, 24 h */
bool time_parse(const char *s, int *minutes);
/* YYYY | YYYY-MM | YYYY-Qn | YYYY-Hn */
bool period_parse(const char *s, struct period *p);

/* Formatting into `out` (at least 64 bytes); each returns `out`. */
char *date_fmt_zh(int64_t days, char *out);      /* 2025年10月10日 */
char *date_fmt_md_zh(int64_t days, char *out);   /* 10月10日 */
const char *weekday_zh(int64_t days);            /* 星期五 */
char *date_fmt_iso(int64_t days, char *out);     /* 2025-10-10 */
char *datetime_fmt_iso(int64_t secs, char *out); /* 2025-10-10T08:30:00+08:00 */
char *datetime_fmt_zh(int64_t secs, char *out);  /* 2025年10月10日 08:30 */
char *time_fmt(int minutes, char *out);          /* 08:30 */
/* RFC 822 with the site's offset: Fri, 10 Oct 2025 08:30:00 +0800 */
char *rfc822_fmt(int64_t local_secs, char *out);
char *period_fmt_zh(const struct period *p, char *out); /* 2025年9月 */

/* Seconds since the Unix epoch for "now": SOURCE_DATE_EPOCH when set
 * (validated: digits only), else the clock.  false when
 * SOURCE_DATE_EPOCH is set but malformed. */
bool build_epoch(int64_t *utc_secs);

#endif
