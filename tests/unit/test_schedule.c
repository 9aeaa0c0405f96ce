/*
 * Unit tests of the legal advisers' schedules: expansion of recurring
 * rules, exceptions, one-off sessions, the rules (errors and warnings at
 * their line:col), the computed values, and the iCalendar writer.
 *
 * Each test types a front matter text with the real schema (fm_parse +
 * schema_map) and runs check_legal_schedule() on it, with "now" pinned to
 * 2026-11-23 08:00 (the SOURCE_DATE_EPOCH of the test suite).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "check.h"
#include "date.h"
#include "frontmatter.h"
#include "ics.h"
#include "schedule.h"
#include "schema.h"

#define MAX_RECS 4

struct fx {
	struct site s;
	struct diags dg;
	struct arena tmp;
	struct record recs[MAX_RECS];
	struct buf dump;
};

static const char advisers_yaml[] =
    "services: [consultation, mediation, contract_review]\n"
    "advisers:\n"
    "  - {id: chen, name: 陈立明, role: lawyer, org: 江畔律师事务所, phone: \"0571-86000348\"}\n"
    "  - {id: wang, name: 王海燕, role: legal_worker, org: 临河街道法律服务所, phone: \"13900006666\"}\n";

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	diags_init(&f->dg);
	f->s.base_url = "https://qingfeng.example.cn/sub";
	f->s.now = days_from_civil(2026, 11, 23) * 86400 + 8 * 3600;
	f->s.today = days_from_civil(2026, 11, 23);
	f->s.recs = f->recs;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	size_t i;

	for (i = 0; i < f->s.nrecs; i++)
		free(f->recs[i].path);
	arena_free(&f->s.arena);
	arena_free(&f->tmp);
	diags_free(&f->dg);
	buf_free(&f->dump);
	free(f);
	return 0;
}

/* Add a record typed from `yaml` (the type's own fields of a front
 * matter starting at file line 2) without checking it. */
static struct record *
add(struct fx *f, const char *slug, const char *yaml)
{
	struct record *r = &f->recs[f->s.nrecs++];
	struct schema_ctx c = {0};
	const struct ynode *root;
	char path[256];

	snprintf(path, sizeof(path), "content/legal-advisors/%s.md", slug);
	r->path = strdup(path);
	r->slug = slug;
	r->type = RT_LEGAL_SCHEDULE;
	root = fm_parse(&f->tmp, yaml, strlen(yaml), 2, r->path, &f->dg);
	assert_non_null(root);
	c.a = &f->s.arena;
	c.dg = &f->dg;
	c.file = r->path;
	c.line = 1;
	c.col = 1;
	r->v = schema_map(&c, schema_legal_schedule, NULL, root);
	assert_non_null(r->v);
	r->date = gv_get_int(r->v, "date", 0);
	r->modified = gv_get_int(r->v, "updated", r->date);
	assert_int_equal(f->dg.errors, 0); /* the schema accepted it */
	return r;
}

/* Type and check one schedule. */
static struct record *
load(struct fx *f, const char *yaml)
{
	struct record *r = add(f, "t", yaml);

	check_legal_schedule(&f->s, r, &f->dg);
	assert_false(f->s.arena.oom);
	return r;
}

/* "2026-01-28 chen 09:00-11:30; ..." for every session (cancelled ones
 * marked "x", moved ones "m"). */
static const char *
dump(struct fx *f, const struct record *r)
{
	const struct gv *list = gv_get(r->v, "session_list");
	char d[64], t1[64], t2[64];
	size_t i;

	buf_reset(&f->dump);
	buf_puts(&f->dump, "");
	for (i = 0; i < gv_len(list); i++) {
		const struct gv *m = list->u.list.v[i];

		buf_printf(&f->dump, "%s%s %s %s-%s%s%s", i ? "; " : "",
		    date_fmt_iso(gv_get_int(m, "date", 0), d),
		    gv_get_str(gv_get(m, "adviser"), "id"),
		    time_fmt((int)gv_get_int(m, "start", 0), t1),
		    time_fmt((int)gv_get_int(m, "end", 0), t2),
		    gv_get_bool(m, "cancelled") ? " x" : "",
		    gv_get_bool(m, "moved") ? " m" : "");
	}
	return f->dump.data;
}

/* The number of diagnostics of `sev` at line:col whose message holds
 * `text`. */
static size_t
diag_count(const struct fx *f, enum diag_sev sev, int line, int col,
    const char *text)
{
	size_t i, n = 0;

	for (i = 0; i < f->dg.n; i++) {
		const struct diag *d = &f->dg.v[i];

		if (d->sev == sev && d->line == line && d->col == col &&
		    strstr(d->msg, text) != NULL)
			n++;
	}
	return n;
}

static void
print_diags(const struct fx *f)
{
	size_t i;

	for (i = 0; i < f->dg.n; i++)
		fprintf(stderr, "  diag %s:%d:%d %s: %s\n", f->dg.v[i].file,
		    f->dg.v[i].line, f->dg.v[i].col,
		    f->dg.v[i].sev == DIAG_ERROR ? "error" : "warning",
		    f->dg.v[i].msg);
}

/* Exactly one such diagnostic (all of them printed when not). */
static void
expect_diag(const struct fx *f, enum diag_sev sev, int line, int col,
    const char *text)
{
	if (diag_count(f, sev, line, col, text) != 1) {
		fprintf(stderr, "  expected %d:%d %s\n", line, col, text);
		print_diags(f);
	}
	assert_int_equal(diag_count(f, sev, line, col, text), 1);
}

static int64_t
day(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

/* ---- sched_nth_weekday ---- */

static void
test_nth_last_by_month_length(void **state)
{
	(void)state;
	/* 29-day February (leap): its last day is the last Thursday. */
	assert_int_equal(sched_nth_weekday(2024, 2, 4, -1), day(2024, 2, 29));
	assert_int_equal(sched_nth_weekday(2024, 2, 5, -1), day(2024, 2, 23));
	/* 28 days */
	assert_int_equal(sched_nth_weekday(2026, 2, 6, -1), day(2026, 2, 28));
	assert_int_equal(sched_nth_weekday(2026, 2, 1, -1), day(2026, 2, 23));
	/* 30 days */
	assert_int_equal(sched_nth_weekday(2026, 4, 5, -1), day(2026, 4, 24));
	assert_int_equal(sched_nth_weekday(2026, 11, 1, -1), day(2026, 11, 30));
	assert_int_equal(sched_nth_weekday(2026, 9, 3, -1), day(2026, 9, 30));
	/* 31 days */
	assert_int_equal(sched_nth_weekday(2026, 1, 6, -1), day(2026, 1, 31));
	assert_int_equal(sched_nth_weekday(2026, 1, 5, -1), day(2026, 1, 30));
}

static void
test_nth_fifth(void **state)
{
	(void)state;
	assert_int_equal(sched_nth_weekday(2026, 1, 4, 5), day(2026, 1, 29));
	assert_int_equal(sched_nth_weekday(2026, 2, 4, 5), -1);
	assert_int_equal(sched_nth_weekday(2024, 2, 4, 5), day(2024, 2, 29));
	assert_int_equal(sched_nth_weekday(2026, 10, 3, 1), day(2026, 10, 7));
	assert_int_equal(sched_nth_weekday(2026, 10, 4, 1), day(2026, 10, 1));
	assert_int_equal(sched_nth_weekday(2026, 10, 3, 0), -1);
}

/* ---- expansion ---- */

static void
test_monthly_across_month_ends(void **state)
{
	struct fx *f = *state;
	struct record *r;
	char y[2048];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-01-15\n"
	    "valid_to: 2026-03-14\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	r = load(f, y);
	/* Jan 14 (2nd) is before the window, Mar 25 (4th) after it. */
	assert_string_equal(dump(f, r),
	    "2026-01-28 chen 09:00-11:30; 2026-02-11 chen 09:00-11:30; "
	    "2026-02-25 chen 09:00-11:30; 2026-03-11 chen 09:00-11:30");
	if (f->dg.n != 0)
		print_diags(f);
	assert_int_equal(f->dg.n, 0);
	assert_string_equal(gv_get_str(gv_get(r->v, "recurring")->u.list.v[0],
	    "rule_label"), "每月第2、4个星期三");
}

static void
test_monthly_last_all_month_lengths(void **state)
{
	struct fx *f = *state;
	struct record *r;
	char y[2048];

	/* Last Thursday from Jan to Apr 2024: 31, 29 (leap), 31, 30 days. */
	snprintf(y, sizeof(y),
	    "valid_from: 2024-01-01\n"
	    "valid_to: 2024-04-30\n%s"
	    "recurring:\n"
	    "  - {adviser: wang, freq: monthly, weekday: 4, nth: [-1], start: \"14:00\", end: \"16:00\", location: 调解室, kind: duty}\n",
	    advisers_yaml);
	r = load(f, y);
	assert_string_equal(dump(f, r),
	    "2024-01-25 wang 14:00-16:00; 2024-02-29 wang 14:00-16:00; "
	    "2024-03-28 wang 14:00-16:00; 2024-04-25 wang 14:00-16:00");
	assert_string_equal(gv_get_str(gv_get(r->v, "recurring")->u.list.v[0],
	    "rule_label"), "每月最后一个星期四");
}

static void
test_monthly_fourth_and_last_coincide(void **state)
{
	struct fx *f = *state;
	struct record *r;
	char y[2048];

	/* Feb and March 2026 have four Wednesdays: the 4th is the last;
	 * one session, not a clash with itself.  April has five. */
	snprintf(y, sizeof(y),
	    "valid_from: 2026-02-01\n"
	    "valid_to: 2026-04-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [-1, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	r = load(f, y);
	assert_string_equal(dump(f, r),
	    "2026-02-25 chen 09:00-11:30; 2026-03-25 chen 09:00-11:30; "
	    "2026-04-22 chen 09:00-11:30; 2026-04-29 chen 09:00-11:30");
	assert_int_equal(f->dg.errors, 0);
	assert_string_equal(gv_get_str(gv_get(r->v, "recurring")->u.list.v[0],
	    "rule_label"), "每月第4个和最后一个星期三");
}

static void
test_monthly_fifth_and_duty_warning(void **state)
{
	struct fx *f = *state;
	struct record *r;
	char y[2048];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-01-01\n"
	    "valid_to: 2026-06-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 4, nth: [5], start: \"09:00\", end: \"11:00\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	r = load(f, y);
	/* Only January and April 2026 have a fifth Thursday. */
	assert_string_equal(dump(f, r),
	    "2026-01-29 chen 09:00-11:00; 2026-04-30 chen 09:00-11:00");
	/* The other months have no duty: one warning each, at
	 * `recurring` (line 8, col 1). */
	assert_int_equal(f->dg.errors, 0);
	assert_int_equal(f->dg.warnings, 4);
	expect_diag(f, DIAG_WARNING, 8, 1, "2026年2月");
	expect_diag(f, DIAG_WARNING, 8, 1, "2026年3月");
	expect_diag(f, DIAG_WARNING, 8, 1, "2026年5月");
	expect_diag(f, DIAG_WARNING, 8, 1,
	    "2026年6月（有效期内）没有一次坐班 duty 安排");
	assert_int_equal(diag_count(f, DIAG_WARNING, 8, 1, "2026年1月"), 0);
}

/*
 * A window of 260 years (a typo in valid_to): the fuzzer's input took
 * over 10 s, months × sessions.  Now linear, and the months without duty
 * are named up to 12, then counted.
 */
static void
test_duty_months_long_window(void **state)
{
	struct fx *f = *state;
	struct timespec t0, t1;
	char y[2048];
	double secs;

	snprintf(y, sizeof(y),
	    "valid_from: 2026-10-01\n"
	    "valid_to: 2286-12-31\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [5], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	load(f, y);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs > 2)
		fail_msg("a 260-year window took %.1f s", secs);
	assert_int_equal(f->dg.errors, 0);
	/* 2026-10 and -11 have no fifth Wednesday, 2026-12 has one. */
	expect_diag(f, DIAG_WARNING, 8, 1, "2026年10月（有效期内）没有一次坐班");
	expect_diag(f, DIAG_WARNING, 8, 1, "2026年11月（有效期内）没有一次坐班");
	assert_int_equal(diag_count(f, DIAG_WARNING, 8, 1, "2026年12月"), 0);
	assert_int_equal(diag_count(f, DIAG_WARNING, 8, 1,
	    "）没有一次坐班 duty 安排"), 12);
	expect_diag(f, DIAG_WARNING, 8, 1, "个月（有效期内）也没有一次坐班 duty 安排");
	/* and the window's own warning */
	expect_diag(f, DIAG_WARNING, 3, 1, "超过 366 天");
	assert_int_equal(f->dg.warnings, 14);
}

static void
test_no_duty_counts_only_duty(void **state)
{
	struct fx *f = *state;
	char y[2048];

	/* Lectures and a cancelled duty do not count as duty. */
	snprintf(y, sizeof(y),
	    "valid_from: 2026-10-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "sessions:\n"
	    "  - {adviser: chen, date: 2026-11-19, start: \"14:30\", end: \"15:30\", location: 活动室, kind: lecture}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-11, adviser: chen, action: cancel, reason: 出庭}\n",
	    advisers_yaml);
	load(f, y);
	assert_int_equal(f->dg.errors, 0);
	assert_int_equal(f->dg.warnings, 1);
	expect_diag(f, DIAG_WARNING, 8, 1, "2026年11月");
}

static void
test_weekly(void **state)
{
	struct fx *f = *state;
	struct record *r;
	char y[2048];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-10-01\n"
	    "valid_to: 2026-10-31\n%s"
	    "recurring:\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, nth: [1], start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	r = load(f, y);
	assert_string_equal(dump(f, r),
	    "2026-10-06 wang 14:00-17:00; 2026-10-13 wang 14:00-17:00; "
	    "2026-10-20 wang 14:00-17:00; 2026-10-27 wang 14:00-17:00");
	/* nth means nothing for weekly: a warning at nth (line 9). */
	assert_int_equal(f->dg.errors, 0);
	expect_diag(f, DIAG_WARNING, 9, 47,
	    "第几周 nth：每周 weekly 坐班不看第几周");
	assert_string_equal(gv_get_str(gv_get(r->v, "recurring")->u.list.v[0],
	    "rule_label"), "每周二");
}

static void
test_move_and_cancel(void **state)
{
	struct fx *f = *state;
	struct record *r;
	const struct gv *list, *m;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-25, adviser: chen, action: move, to_date: 2026-11-26, reason: 出庭顺延}\n"
	    "  - {date: 2026-11-03, adviser: wang, action: cancel, reason: 外出培训}\n",
	    advisers_yaml);
	r = load(f, y);
	if (f->dg.n != 0)
		print_diags(f);
	assert_int_equal(f->dg.n, 0);
	assert_string_equal(dump(f, r),
	    "2026-11-03 wang 14:00-17:00 x; 2026-11-10 wang 14:00-17:00; "
	    "2026-11-11 chen 09:00-11:30; 2026-11-17 wang 14:00-17:00; "
	    "2026-11-24 wang 14:00-17:00; 2026-11-26 chen 09:00-11:30 m");
	list = gv_get(r->v, "session_list");
	/* cancelled: kept with its reason, state "cancelled" */
	m = list->u.list.v[0];
	assert_string_equal(gv_get_str(m, "reason"), "外出培训");
	assert_string_equal(gv_get_str(m, "state"), "cancelled");
	assert_string_equal(gv_get_str(m, "status_label"), "已取消");
	/* moved: where it came from, and why */
	m = list->u.list.v[5];
	assert_int_equal(gv_get_int(m, "moved_from", 0), day(2026, 11, 25));
	assert_int_equal(gv_get_int(m, "orig_date", 0), day(2026, 11, 25));
	assert_string_equal(gv_get_str(m, "moved_note"), "原定11月25日（星期三）");
	assert_string_equal(gv_get_str(m, "reason"), "出庭顺延");
	assert_string_equal(gv_get_str(m, "weekday"), "星期四");
	/* the moved session now answers at the exception's line */
	assert_int_equal(m->line, 12);
}

static void
test_move_without_to_date(void **state)
{
	struct fx *f = *state;
	struct record *r;
	const struct gv *m;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-11, adviser: chen, action: move, to_start: \"14:00\", to_end: \"16:30\", reason: 上午开庭}\n",
	    advisers_yaml);
	r = load(f, y);
	assert_int_equal(f->dg.n, 0);
	assert_string_equal(dump(f, r),
	    "2026-11-11 chen 14:00-16:30 m; 2026-11-25 chen 09:00-11:30");
	m = gv_get(r->v, "session_list")->u.list.v[0];
	assert_null(gv_get(m, "moved_from"));
	assert_string_equal(gv_get_str(m, "moved_note"), "原定 09:00—11:30");
}

static void
test_move_only_end_time_checked(void **state)
{
	struct fx *f = *state;
	char y[4096];

	/* to_end alone must still come after the original start. */
	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-11, adviser: chen, action: move, to_end: \"08:30\", reason: 提前}\n",
	    advisers_yaml);
	load(f, y);
	assert_int_equal(f->dg.errors, 1);
	expect_diag(f, DIAG_ERROR, 11, 53,
	    "调整后结束时间 to_end 08:30 应晚于原开始时间 09:00");
}

static void
test_exception_must_match(void **state)
{
	struct fx *f = *state;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-18, adviser: chen, action: cancel, reason: 休假}\n"
	    "  - {date: 2026-11-11, adviser: wang, action: cancel, reason: 休假}\n"
	    "  - {date: 2026-11-25, adviser: chen, action: cancel, reason: 休假}\n"
	    "  - {date: 2026-11-25, adviser: chen, action: move, to_date: 2026-11-27, reason: 又改}\n",
	    advisers_yaml);
	load(f, y);
	/* a day without chen's duty: the hint names his days that month */
	expect_diag(f, DIAG_ERROR, 11, 6,
	    "陈立明（chen）在2026年11月18日（星期三）没有固定坐班，无法取消；该月的固定坐班是 11月11日、11月25日");
	/* wang has no recurring duty at all */
	expect_diag(f, DIAG_ERROR, 12, 6,
	    "该月没有这位法律顾问的固定坐班");
	/* two exceptions for one session */
	expect_diag(f, DIAG_ERROR, 14, 6,
	    "陈立明（chen）在2026年11月25日（星期三）的这次安排已在第 13 行调整过");
	assert_int_equal(f->dg.errors, 3);
}

static void
test_unknown_adviser_and_times(void **state)
{
	struct fx *f = *state;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: zhou, freq: monthly, weekday: 5, nth: [-1], start: \"14:30\", end: \"16:30\", location: 调解室, kind: mediation}\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"14:00\", end: \"14:00\", location: 服务室, kind: duty}\n"
	    "sessions:\n"
	    "  - {adviser: li, date: 2026-11-19, start: \"14:30\", end: \"15:30\", location: 活动室, kind: lecture}\n"
	    "  - {adviser: chen, date: 2026-11-20, start: \"15:30\", end: \"14:30\", location: 活动室, kind: lecture}\n",
	    advisers_yaml);
	load(f, y);
	expect_diag(f, DIAG_ERROR, 9, 6,
	    "法律顾问 adviser：“zhou”不在本安排的人员 advisers 名单里（名单里有：chen、wang）");
	expect_diag(f, DIAG_ERROR, 10, 21,
	    "第几周 nth：每月 monthly 坐班必须写明");
	expect_diag(f, DIAG_ERROR, 11, 63,
	    "结束时间 end 14:00 应晚于开始时间 start 14:00");
	expect_diag(f, DIAG_ERROR, 13, 6, "“li”不在");
	expect_diag(f, DIAG_ERROR, 14, 55,
	    "结束时间 end 14:30 应晚于开始时间 start 15:30");
	assert_int_equal(f->dg.errors, 5);
}

static void
test_window_rules(void **state)
{
	struct fx *f = *state;
	char y[2048];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-10-01\n"
	    "valid_to: 2026-09-30\n%s"
	    "  - {id: chen, name: 陈立明, role: lawyer, org: 江畔律师事务所, phone: \"0571-86000348\"}\n",
	    advisers_yaml);
	load(f, y);
	expect_diag(f, DIAG_ERROR, 3, 1,
	    "有效期结束 valid_to 2026-09-30 早于有效期开始 valid_from 2026-10-01");
	expect_diag(f, DIAG_ERROR, 8, 6,
	    "人员代号 id：“chen”与第 6 行的人员重复");
	assert_int_equal(f->dg.errors, 2);
}

static void
test_window_longer_than_a_year(void **state)
{
	struct fx *f = *state;
	char y[2048];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-01-01\n"
	    "valid_to: 2027-01-02\n%s"
	    "recurring:\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	load(f, y);
	assert_int_equal(f->dg.errors, 0);
	assert_int_equal(diag_count(f, DIAG_WARNING, 3, 1,
	    "跨 366 天") + diag_count(f, DIAG_WARNING, 3, 1, "跨 367 天"), 0);
	/* 2027-01-02 − 2026-01-01 = 366 days: allowed; one more is not. */
	arena_free(&f->s.arena);
	free(f->recs[0].path);
	f->s.nrecs = 0;
	diags_free(&f->dg);
	diags_init(&f->dg);
	snprintf(y, sizeof(y),
	    "valid_from: 2026-01-01\n"
	    "valid_to: 2027-01-03\n%s"
	    "recurring:\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	load(f, y);
	expect_diag(f, DIAG_WARNING, 3, 1,
	    "有效期 valid_from—valid_to 跨 367 天，超过 366 天");
}

static void
test_overlaps(void **state)
{
	struct fx *f = *state;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"16:00\", end: \"18:00\", location: 调解室, kind: mediation}\n"
	    "sessions:\n"
	    "  - {adviser: chen, date: 2026-11-11, start: \"11:00\", end: \"12:00\", location: 活动室, kind: lecture}\n"
	    "  - {adviser: chen, date: 2026-11-25, start: \"11:30\", end: \"12:00\", location: 活动室, kind: lecture}\n"
	    "  - {adviser: wang, date: 2026-11-11, start: \"09:00\", end: \"11:30\", location: 活动室, kind: lecture}\n",
	    advisers_yaml);
	load(f, y);
	/* a one-off lecture inside chen's duty; touching at 11:30 is fine,
	 * and wang's lecture at the same hour is another person */
	expect_diag(f, DIAG_ERROR, 13, 5,
	    "法律顾问 陈立明（chen）同一时间有两项安排：2026年11月11日（星期三） 11:00—12:00 与第 9 行的 09:00—11:30 重叠");
	/* two weekly rules: one error, counting every clash */
	expect_diag(f, DIAG_ERROR, 11, 5,
	    "2026年11月3日（星期二） 16:00—18:00 与第 10 行的 14:00—17:00 重叠；有效期内共重叠 4 次");
	assert_int_equal(f->dg.errors, 2);
}

static void
test_moved_into_a_clash(void **state)
{
	struct fx *f = *state;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n"
	    "sessions:\n"
	    "  - {adviser: chen, date: 2026-11-26, start: \"10:00\", end: \"11:00\", location: 活动室, kind: lecture}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-25, adviser: chen, action: move, to_date: 2026-11-26, reason: 顺延}\n",
	    advisers_yaml);
	load(f, y);
	/* reported at the later-written of the two: the exception */
	expect_diag(f, DIAG_ERROR, 13, 5,
	    "2026年11月26日（星期四） 09:00—11:30 与第 11 行的 10:00—11:00 重叠");
	assert_int_equal(f->dg.errors, 1);
}

static void
test_next_and_past(void **state)
{
	struct fx *f = *state;
	struct record *r;
	const struct gv *list, *next;
	char y[4096];

	/* now: 2026-11-23 (Monday) 08:00 */
	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: wang, freq: weekly, weekday: 1, start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n"
	    "sessions:\n"
	    "  - {adviser: chen, date: 2026-11-23, start: \"07:00\", end: \"08:00\", location: 活动室, kind: visit}\n"
	    "  - {adviser: chen, date: 2026-11-23, start: \"07:30\", end: \"08:30\", location: 活动室, kind: visit}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-23, adviser: wang, action: cancel, reason: 培训}\n",
	    advisers_yaml);
	r = load(f, y);
	list = gv_get(r->v, "session_list");
	assert_string_equal(dump(f, r),
	    "2026-11-02 wang 14:00-17:00; 2026-11-09 wang 14:00-17:00; "
	    "2026-11-16 wang 14:00-17:00; 2026-11-23 chen 07:00-08:00; "
	    "2026-11-23 chen 07:30-08:30; 2026-11-23 wang 14:00-17:00 x; "
	    "2026-11-30 wang 14:00-17:00");
	/* ended at 08:00 sharp: past; ends 08:30: still on, and next */
	assert_true(gv_get_bool(list->u.list.v[3], "past"));
	assert_string_equal(gv_get_str(list->u.list.v[3], "status_label"),
	    "已结束");
	assert_false(gv_get_bool(list->u.list.v[4], "past"));
	assert_true(gv_get_bool(list->u.list.v[4], "is_next"));
	assert_string_equal(gv_get_str(list->u.list.v[4], "state"), "next");
	assert_string_equal(gv_get_str(list->u.list.v[4], "status_label"),
	    "今天");
	assert_string_equal(gv_get_str(list->u.list.v[6], "state"), "upcoming");
	next = gv_get(r->v, "next_session");
	assert_non_null(next);
	assert_int_equal(gv_get_int(next, "date", 0), day(2026, 11, 23));
	assert_int_equal(gv_get_int(next, "start", 0), 7 * 60 + 30);
	assert_int_equal(gv_get_int(next, "days_left", -1), 0);
	assert_string_equal(gv_get_str(next, "days_left_label"), "今天");
	assert_string_equal(gv_get_str(next, "schedule_url"),
	    "legal-advisors/t/");
	assert_string_equal(gv_get_str(gv_get(next, "adviser"), "phone"),
	    "0571-86000348");
	assert_string_equal(gv_get_str(r->v, "ics"),
	    "legal-advisors/t/schedule.ics");
	assert_string_equal(gv_get_str(r->v, "valid_status"), "active");
	/* the months */
	assert_int_equal(gv_len(gv_get(r->v, "session_months")), 1);
	assert_string_equal(gv_get_str(gv_get(r->v, "session_months")->
	    u.list.v[0], "month_label"), "2026年11月");
}

static void
test_next_days_left(void **state)
{
	struct fx *f = *state;
	struct record *r;
	const struct gv *next;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-12-31\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	r = load(f, y);
	next = gv_get(r->v, "next_session");
	assert_int_equal(gv_get_int(next, "date", 0), day(2026, 12, 9));
	assert_int_equal(gv_get_int(next, "days_left", 0), 16);
	assert_string_equal(gv_get_str(next, "days_left_label"), "还有16天");
	/* services: 4 + X */
	assert_int_equal(gv_len(gv_get(r->v, "services_core")), 2);
	assert_int_equal(gv_len(gv_get(r->v, "services_extra")), 1);
	assert_string_equal(gv_get_str(r->v, "services_text"),
	    "法律咨询、矛盾纠纷调解、合同审查");
}

static void
test_across_schedules(void **state)
{
	struct fx *f = *state;
	struct record *a, *b, *c;
	char y[4096];

	snprintf(y, sizeof(y),
	    "valid_from: 2026-10-01\n"
	    "valid_to: 2026-12-31\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	a = add(f, "a", y);
	/* another community's schedule for the same lawyer, same window */
	snprintf(y, sizeof(y),
	    "valid_from: 2026-12-01\n"
	    "valid_to: 2027-02-28\n%s"
	    "sessions:\n"
	    "  - {adviser: chen, date: 2026-12-09, start: \"10:00\", end: \"12:00\", location: 别处, kind: lecture}\n"
	    "  - {adviser: wang, date: 2026-12-23, start: \"10:00\", end: \"12:00\", location: 别处, kind: lecture}\n",
	    advisers_yaml);
	b = add(f, "b", y);
	/* a correction of "a": the same sessions, no clash with "a" */
	snprintf(y, sizeof(y),
	    "valid_from: 2026-10-01\n"
	    "valid_to: 2026-12-31\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	c = add(f, "c", y);
	gv_set_str(&f->s.arena, c->v, "supersedes", "a");
	/* site_validate() marks what a correction replaces before the
	 * records are checked */
	a->superseded = true;
	check_legal_schedule(&f->s, a, &f->dg);
	check_legal_schedule(&f->s, b, &f->dg);
	check_legal_schedule(&f->s, c, &f->dg);
	assert_int_equal(f->dg.errors, 0);
	check_schedules_across(&f->s, &f->dg);
	if (f->dg.errors != 2)
		print_diags(f);
	/* b clashes with a and with c (c does not replace b) */
	assert_int_equal(f->dg.errors, 2);
	/* each reported in the file that sorts later */
	expect_diag(f, DIAG_ERROR, 9, 5,
	    "2026年12月9日（星期三） 10:00—12:00 与 content/legal-advisors/a.md 第 9 行的 09:00—11:30 重叠");
	expect_diag(f, DIAG_ERROR, 9, 5,
	    "2026年12月9日（星期三） 09:00—11:30 与 content/legal-advisors/b.md 第 9 行的 10:00—12:00 重叠");
	assert_string_equal(f->dg.v[f->dg.n - 1].file,
	    "content/legal-advisors/c.md");
	assert_true(gv_get_bool(a->v, "superseded"));
	assert_false(gv_get_bool(c->v, "superseded"));
}

static void
test_too_many_sessions(void **state)
{
	struct fx *f = *state;
	char y[2048];

	snprintf(y, sizeof(y),
	    "valid_from: 2000-01-01\n"
	    "valid_to: 2199-12-31\n%s"
	    "recurring:\n"
	    "  - {adviser: wang, freq: weekly, weekday: 2, start: \"14:00\", end: \"17:00\", location: 服务室, kind: duty}\n",
	    advisers_yaml);
	load(f, y);
	expect_diag(f, DIAG_ERROR, 3, 1, "坐班安排展开后超过");
}

/* ---- iCalendar ---- */

/* Every line ends in CRLF, holds at most 75 octets, and no line but the
 * first starts inside a UTF-8 character (after its leading space). */
static void
assert_folded(const char *p, size_t len)
{
	size_t i = 0, start = 0;

	for (i = 0; i < len; i++) {
		if (p[i] != '\n')
			continue;
		assert_true(i > 0 && p[i - 1] == '\r');
		assert_true(i - 1 - start <= 75);
		if (p[start] == ' ')
			assert_true(((unsigned char)p[start + 1] & 0xc0) != 0x80);
		start = i + 1;
	}
	assert_int_equal(start, len); /* ends with a line break */
}

/* Undo folding: remove every CRLF followed by a space. */
static char *
unfold(const char *p, size_t len)
{
	char *o = malloc(len + 1);
	size_t i, j = 0;

	assert_non_null(o);
	for (i = 0; i < len; i++) {
		if (p[i] == '\r' && i + 2 < len + 1 && p[i + 1] == '\n' &&
		    p[i + 2] == ' ') {
			i += 2;
			continue;
		}
		o[j++] = p[i];
	}
	o[j] = '\0';
	return o;
}

static void
test_ics_fold_multibyte(void **state)
{
	struct buf b = BUF_INIT, line = BUF_INIT;
	char *u;
	int i;

	(void)state;
	buf_puts(&line, "SUMMARY:");
	for (i = 0; i < 60; i++)
		buf_puts(&line, "法"); /* 3 octets each */
	ics_line(&b, line.data, line.len);
	assert_folded(b.data, b.len);
	/* 8 + 22 × 3 = 74 octets: a 23rd character would end at 77 */
	assert_memory_equal(b.data + 74, "\r\n ", 3);
	/* then 24 characters (72 octets) fit behind the space */
	assert_memory_equal(b.data + 77 + 72, "\r\n ", 3);
	u = unfold(b.data, b.len);
	assert_int_equal(strlen(u), line.len + 2);
	assert_memory_equal(u, line.data, line.len);
	free(u);
	/* exactly 75 octets: not folded */
	buf_reset(&b);
	ics_line(&b, "X-A:12345678901234567890123456789012345678901234567890123456789012345678901",
	    75);
	assert_int_equal(b.len, 77);
	buf_free(&b);
	buf_free(&line);
}

static void
test_ics_escape(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	ics_text(&b, "a,b;c\\d\ne\r\tf，中文");
	assert_string_equal(b.data, "a\\,b\\;c\\\\d\\nef，中文");
	/* Markup does not reach a calendar that renders HTML. */
	buf_reset(&b);
	ics_text(&b, "\"><script>alert(1)</script>");
	assert_string_equal(b.data, "\"＞＜script＞alert(1)＜/script＞");
	buf_free(&b);
}

static void
test_ics_write(void **state)
{
	struct fx *f = *state;
	struct record *r;
	struct buf b = BUF_INIT;
	char y[4096], *u;
	const char *p;
	int n = 0;

	snprintf(y, sizeof(y),
	    "valid_from: 2026-11-01\n"
	    "valid_to: 2026-11-30\n%s"
	    "recurring:\n"
	    "  - {adviser: chen, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: \"服务室; 一楼, 东侧\", kind: duty}\n"
	    "sessions:\n"
	    "  - {adviser: chen, date: 2026-11-19, start: \"14:30\", end: \"15:30\", location: 活动室, kind: lecture, title: 识破养老诈骗的六个套路}\n"
	    "exceptions:\n"
	    "  - {date: 2026-11-25, adviser: chen, action: move, to_date: 2026-11-26, reason: 出庭顺延}\n"
	    "  - {date: 2026-11-11, adviser: chen, action: cancel, reason: 休假}\n",
	    advisers_yaml);
	r = add(f, "t", y);
	r->slug = "q4";
	r->modified = day(2026, 11, 20); /* `updated` */
	check_legal_schedule(&f->s, r, &f->dg);
	assert_int_equal(f->dg.errors, 0);
	ics_write(&f->s, &r, 1, "测试社区坐班安排", &b);
	assert_true(buf_ok(&b));
	assert_folded(b.data, b.len);
	u = unfold(b.data, b.len);
	for (p = u; (p = strstr(p, "BEGIN:VEVENT\r\n")) != NULL; p++)
		n++;
	/* 11-11 cancelled: left out; 11-19 lecture; 11-26 moved */
	assert_int_equal(n, 2);
	assert_non_null(strstr(u, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(u, "\r\nMETHOD:PUBLISH\r\n"));
	assert_non_null(strstr(u, "\r\nX-WR-CALNAME:测试社区坐班安排\r\n"));
	assert_non_null(strstr(u, "\r\nTZID:Asia/Shanghai\r\n"));
	assert_non_null(strstr(u, "\r\nTZOFFSETTO:+0800\r\n"));
	assert_null(strstr(u, "20261111T"));
	/* moved: new date, UID of the original day */
	assert_non_null(strstr(u,
	    "\r\nUID:q4-chen-20261125-0900-duty@qingfeng.example.cn\r\n"
	    "DTSTAMP:20261119T160000Z\r\n"
	    "DTSTART;TZID=Asia/Shanghai:20261126T090000\r\n"
	    "DTEND;TZID=Asia/Shanghai:20261126T113000\r\n"
	    "SUMMARY:法律顾问坐班：陈立明（律师）\r\n"
	    "LOCATION:服务室\\; 一楼\\, 东侧\r\n"));
	assert_non_null(strstr(u,
	    "DESCRIPTION:陈立明（律师，江畔律师事务所），电话 0571-86000348\\n"
	    "调整：原定11月25日（星期三），出庭顺延\\n"));
	assert_non_null(strstr(u,
	    "\r\nURL:https://qingfeng.example.cn/sub/legal-advisors/q4/\r\n"));
	assert_non_null(strstr(u,
	    "\r\nSUMMARY:识破养老诈骗的六个套路（陈立明，律师）\r\n"));
	assert_non_null(strstr(u, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	free(u);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nth_last_by_month_length),
		cmocka_unit_test(test_nth_fifth),
		cmocka_unit_test_setup_teardown(test_monthly_across_month_ends,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_monthly_last_all_month_lengths, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_monthly_fourth_and_last_coincide, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_monthly_fifth_and_duty_warning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duty_months_long_window,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_duty_counts_only_duty,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_weekly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_and_cancel, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_move_without_to_date,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_only_end_time_checked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_exception_must_match,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_adviser_and_times,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_window_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_window_longer_than_a_year,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moved_into_a_clash, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_next_and_past, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_next_days_left, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_across_schedules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_too_many_sessions, setup,
		    teardown),
		cmocka_unit_test(test_ics_fold_multibyte),
		cmocka_unit_test(test_ics_escape),
		cmocka_unit_test_setup_teardown(test_ics_write, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
