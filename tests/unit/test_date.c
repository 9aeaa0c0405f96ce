/*
 * Calendar arithmetic, the strict parsers of dates, datetimes, times and
 * periods, and the date formats of the site.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

static void
leap_years(void **state)
{
	(void)state;
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2026, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(2100, 2), 28);
	assert_int_equal(days_in_month(1900, 2), 28);
	assert_int_equal(days_in_month(2026, 4), 30);
	assert_int_equal(days_in_month(2026, 12), 31);
	assert_int_equal(days_in_month(2026, 0), 0);
	assert_int_equal(days_in_month(2026, 13), 0);
}

static void
known_days(void **state)
{
	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(1969, 12, 31), -1);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	/* SOURCE_DATE_EPOCH of the tests, 1795392000, is this day at 00:00 UTC */
	assert_int_equal(days_from_civil(2026, 11, 23), 1795392000 / 86400);
	assert_int_equal(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
	assert_int_equal(days_from_civil(2026, 3, 1) - days_from_civil(2026, 2, 28), 1);
	assert_int_equal(days_from_civil(2027, 1, 1) - days_from_civil(2026, 1, 1), 365);
	assert_int_equal(days_from_civil(2025, 1, 1) - days_from_civil(2024, 1, 1), 366);
}

static void
round_trips(void **state)
{
	int64_t d, first = days_from_civil(1900, 1, 1);
	int64_t last = days_from_civil(2999, 12, 31);
	int y, m, dd, py = 1899, pm = 12, pd = 31;

	(void)state;
	for (d = first; d <= last; d++) {
		civil_from_days(d, &y, &m, &dd);
		if (days_from_civil(y, m, dd) != d)
			fail_msg("day %lld -> %d-%d-%d does not come back",
			    (long long)d, y, m, dd);
		/* each day follows the one before */
		if (!((y == py && m == pm && dd == pd + 1) ||
		    (y == py && m == pm + 1 && dd == 1 &&
		    pd == days_in_month(py, pm)) ||
		    (y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31)))
			fail_msg("%d-%d-%d follows %d-%d-%d", y, m, dd, py, pm,
			    pd);
		py = y;
		pm = m;
		pd = dd;
	}
	assert_int_equal(py, 2999);
	/* and before the epoch */
	civil_from_days(-719468, &y, &m, &dd);
	assert_int_equal(y, 0);
	assert_int_equal(m, 3);
	assert_int_equal(dd, 1);
}

static void
weekdays(void **state)
{
	(void)state;
	assert_int_equal(weekday_of(0), 4);   /* 1970-01-01 Thursday */
	assert_int_equal(weekday_of(-1), 3);  /* Wednesday */
	assert_int_equal(weekday_of(-7), 4);
	assert_int_equal(weekday_of(days_from_civil(2026, 11, 23)), 1);
	assert_int_equal(weekday_of(days_from_civil(2025, 10, 10)), 5);
	assert_int_equal(weekday_of(days_from_civil(2026, 11, 29)), 7);
	assert_string_equal(weekday_zh(days_from_civil(2026, 11, 23)), "星期一");
	assert_string_equal(weekday_zh(days_from_civil(2025, 10, 10)), "星期五");
	assert_string_equal(weekday_zh(days_from_civil(2026, 11, 29)), "星期日");
}

static void
parse_dates(void **state)
{
	int64_t d = 42;

	(void)state;
	assert_true(date_parse("2026-11-23", &d));
	assert_int_equal(d, days_from_civil(2026, 11, 23));
	assert_true(date_parse("2024-02-29", &d));
	assert_true(date_parse("1900-01-01", &d));
	assert_true(date_parse("2999-12-31", &d));
	d = 42;
	assert_false(date_parse("2026-02-29", &d));
	assert_int_equal(d, 42); /* untouched on failure */
	assert_false(date_parse("2100-02-29", &d));
	assert_false(date_parse("2026-04-31", &d));
	assert_false(date_parse("2026-13-01", &d));
	assert_false(date_parse("2026-00-10", &d));
	assert_false(date_parse("2026-01-00", &d));
	assert_false(date_parse("2026-1-01", &d));
	assert_false(date_parse("2026/11/23", &d));
	assert_false(date_parse("2026-11-23 ", &d));
	assert_false(date_parse("2026-11-23T08:00", &d));
	assert_false(date_parse("1899-12-31", &d));
	assert_false(date_parse("3000-01-01", &d));
	assert_false(date_parse("２０２６-11-23", &d));
	assert_false(date_parse("", &d));
}

static void
parse_datetimes(void **state)
{
	int64_t s = 0, base = days_from_civil(2026, 11, 25) * 86400;
	bool bad = true;

	(void)state;
	assert_true(datetime_parse("2026-11-25T08:30", &s, &bad));
	assert_false(bad);
	assert_int_equal(s, base + 8 * 3600 + 30 * 60);
	assert_true(datetime_parse("2026-11-25 08:30", &s, &bad));
	assert_int_equal(s, base + 8 * 3600 + 30 * 60);
	assert_true(datetime_parse("2026-11-25T08:30:15", &s, &bad));
	assert_int_equal(s, base + 8 * 3600 + 30 * 60 + 15);
	/* +08:00 is the site's own offset: local time as written */
	assert_true(datetime_parse("2026-11-25T08:30+08:00", &s, &bad));
	assert_int_equal(s, base + 8 * 3600 + 30 * 60);
	assert_true(datetime_parse("2026-11-25T23:59:59+08:00", &s, &bad));
	assert_false(bad);
	/* any other offset is refused, and said to be an offset problem */
	assert_false(datetime_parse("2026-11-25T08:30Z", &s, &bad));
	assert_true(bad);
	assert_false(datetime_parse("2026-11-25T08:30+09:00", &s, &bad));
	assert_true(bad);
	assert_false(datetime_parse("2026-11-25T08:30:00-05:00", &s, &bad));
	assert_true(bad);
	assert_false(datetime_parse("2026-11-25T08:30+0800", &s, &bad));
	assert_true(bad);
	/* plain mistakes are not offset problems */
	assert_false(datetime_parse("2026-11-25T24:00", &s, &bad));
	assert_false(bad);
	assert_false(datetime_parse("2026-11-25T08:60", &s, &bad));
	assert_false(datetime_parse("2026-11-25T08:30:60", &s, &bad));
	assert_false(datetime_parse("2026-11-25T8:30", &s, &bad));
	assert_false(datetime_parse("2026-11-25", &s, &bad));
	assert_false(datetime_parse("2026-02-30T08:00", &s, &bad));
	assert_false(datetime_parse("2026-11-25X08:30", &s, &bad));
	assert_false(datetime_parse("2026-11-25T08:30 ", &s, &bad));
	assert_false(bad);
}

static void
parse_times(void **state)
{
	int m = -1;

	(void)state;
	assert_true(time_parse("08:30", &m));
	assert_int_equal(m, 510);
	assert_true(time_parse("00:00", &m));
	assert_int_equal(m, 0);
	assert_true(time_parse("23:59", &m));
	assert_int_equal(m, 1439);
	assert_false(time_parse("24:00", &m));
	assert_false(time_parse("8:30", &m));
	assert_false(time_parse("08:5", &m));
	assert_false(time_parse("08:30:00", &m));
	assert_false(time_parse("08.30", &m));
	assert_false(time_parse("", &m));
}

static void
parse_periods(void **state)
{
	struct period p;
	char out[64];

	(void)state;
	assert_true(period_parse("2026", &p));
	assert_int_equal(p.kind, PERIOD_YEAR);
	assert_int_equal(p.first, days_from_civil(2026, 1, 1));
	assert_int_equal(p.last, days_from_civil(2026, 12, 31));
	assert_string_equal(period_fmt_zh(&p, out), "2026年度");

	assert_true(period_parse("2026-09", &p));
	assert_int_equal(p.kind, PERIOD_MONTH);
	assert_int_equal(p.n, 9);
	assert_int_equal(p.first, days_from_civil(2026, 9, 1));
	assert_int_equal(p.last, days_from_civil(2026, 9, 30));
	assert_string_equal(period_fmt_zh(&p, out), "2026年9月");

	assert_true(period_parse("2024-02", &p));
	assert_int_equal(p.last, days_from_civil(2024, 2, 29));

	assert_true(period_parse("2026-Q3", &p));
	assert_int_equal(p.kind, PERIOD_QUARTER);
	assert_int_equal(p.first, days_from_civil(2026, 7, 1));
	assert_int_equal(p.last, days_from_civil(2026, 9, 30));
	assert_string_equal(period_fmt_zh(&p, out), "2026年第三季度");
	assert_true(period_parse("2026-Q1", &p));
	assert_int_equal(p.last, days_from_civil(2026, 3, 31));
	assert_true(period_parse("2026-Q4", &p));
	assert_int_equal(p.last, days_from_civil(2026, 12, 31));

	assert_true(period_parse("2026-H1", &p));
	assert_int_equal(p.kind, PERIOD_HALF);
	assert_int_equal(p.first, days_from_civil(2026, 1, 1));
	assert_int_equal(p.last, days_from_civil(2026, 6, 30));
	assert_string_equal(period_fmt_zh(&p, out), "2026年上半年");
	assert_true(period_parse("2026-H2", &p));
	assert_int_equal(p.first, days_from_civil(2026, 7, 1));
	assert_int_equal(p.last, days_from_civil(2026, 12, 31));
	assert_string_equal(period_fmt_zh(&p, out), "2026年下半年");

	assert_false(period_parse("2026-13", &p));
	assert_false(period_parse("2026-00", &p));
	assert_false(period_parse("2026-9", &p));
	assert_false(period_parse("2026-Q0", &p));
	assert_false(period_parse("2026-Q5", &p));
	assert_false(period_parse("2026-q3", &p));
	assert_false(period_parse("2026-H3", &p));
	assert_false(period_parse("2026-09-01", &p));
	assert_false(period_parse("26", &p));
	assert_false(period_parse("1899", &p));
	assert_false(period_parse("2026年", &p));
	assert_false(period_parse("", &p));
}

static void
formats(void **state)
{
	int64_t d = days_from_civil(2025, 10, 10);
	int64_t s = days_from_civil(2026, 1, 5) * 86400 + 8 * 3600 + 30 * 60 + 7;
	char out[64];

	(void)state;
	assert_string_equal(date_fmt_zh(d, out), "2025年10月10日");
	assert_string_equal(date_fmt_zh(days_from_civil(2026, 1, 5), out),
	    "2026年1月5日");
	assert_string_equal(date_fmt_md_zh(days_from_civil(2026, 1, 5), out),
	    "1月5日");
	assert_string_equal(date_fmt_iso(days_from_civil(2026, 1, 5), out),
	    "2026-01-05");
	assert_string_equal(datetime_fmt_iso(s, out), "2026-01-05T08:30:07+08:00");
	assert_string_equal(datetime_fmt_zh(s, out), "2026年1月5日 08:30");
	assert_string_equal(time_fmt(510, out), "08:30");
	assert_string_equal(time_fmt(0, out), "00:00");
	assert_string_equal(rfc822_fmt(s, out), "Mon, 05 Jan 2026 08:30:07 +0800");
	assert_string_equal(rfc822_fmt(d * 86400, out),
	    "Fri, 10 Oct 2025 00:00:00 +0800");
	/* before the epoch, seconds still floor to the right day */
	assert_string_equal(datetime_fmt_iso(-1, out), "1969-12-31T23:59:59+08:00");
	assert_string_equal(rfc822_fmt(-1, out), "Wed, 31 Dec 1969 23:59:59 +0800");
}

static void
epoch(void **state)
{
	int64_t t = 0;
	char *saved = getenv("SOURCE_DATE_EPOCH");

	(void)state;
	saved = saved ? strdup(saved) : NULL;
	setenv("SOURCE_DATE_EPOCH", "1795392000", 1);
	assert_true(build_epoch(&t));
	assert_int_equal(t, 1795392000);
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	assert_true(build_epoch(&t));
	assert_int_equal(t, 0);
	setenv("SOURCE_DATE_EPOCH", "-1", 1);
	assert_false(build_epoch(&t));
	setenv("SOURCE_DATE_EPOCH", "17953920OO", 1);
	assert_false(build_epoch(&t));
	setenv("SOURCE_DATE_EPOCH", "1795392000 ", 1);
	assert_false(build_epoch(&t));
	setenv("SOURCE_DATE_EPOCH", "1234567890123", 1);
	assert_false(build_epoch(&t));
	/* empty or unset: the clock (some time after this was written) */
	setenv("SOURCE_DATE_EPOCH", "", 1);
	assert_true(build_epoch(&t));
	assert_true(t > 1700000000);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_true(build_epoch(&t));
	assert_true(t > 1700000000);
	if (saved) {
		setenv("SOURCE_DATE_EPOCH", saved, 1);
		free(saved);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leap_years),
		cmocka_unit_test(known_days),
		cmocka_unit_test(round_trips),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(parse_dates),
		cmocka_unit_test(parse_datetimes),
		cmocka_unit_test(parse_times),
		cmocka_unit_test(parse_periods),
		cmocka_unit_test(formats),
		cmocka_unit_test(epoch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
