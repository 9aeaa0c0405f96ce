/*
 * schedule: 法律顾问（三官一律）坐班安排 (CONTENT-MODEL.md §8.7); the
 * computed values are described in schedule.h.
 *
 * Expansion: each `recurring` rule gives its days inside [valid_from,
 * valid_to] (weekly: every such weekday; monthly: the nth such weekday of
 * each month, -1 = the last, a 5th only where the month has one); then
 * each exception cancels or moves the occurrences of its adviser on its
 * date; then the one-off `sessions` are added.  Times are local
 * (Asia/Shanghai).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "date.h"
#include "schedule.h"

const char *const schedule_keys[] = {"session_list", "session_months",
    "month_label", "weekday", "adviser", "past", "cancelled", "moved",
    "moved_from", "moved_note", "reason", "state", "status_label",
    "is_next", "orig_date", "orig_start", "next_session", "days_left",
    "days_left_label", "schedule_url", "schedule_title", "services_core",
    "services_extra", "services_text", "valid_status",
    "valid_status_label", "superseded", "ics", "ics_all",
    "recurring_list", "rule_label", "adviser_info", NULL};

/* The four services of "4+X"; the others are the X. */
static const char *const core_services[] = {"opinion", "consultation",
    "publicity", "mediation", NULL};

struct item {
	int64_t date, orig_date;
	int start, end, orig_start, orig_end;
	struct gv *adv;           /* the adviser's map */
	const char *adv_id;
	const struct gv *src;     /* the recurring rule or one-off session */
	const char *reason;       /* of the exception applied */
	bool cancelled, moved, oneoff;
	int line, col;            /* where it was written (or moved) */
	int ex_line;              /* line of the exception applied, or 0 */
	size_t seq;               /* creation order: the last sort key */
};

struct items {
	struct item *v;
	size_t n, cap;
	bool oom, full;
};

int64_t
sched_nth_weekday(int y, int m, int weekday, int nth)
{
	int dim = days_in_month(y, m);
	int64_t first, last, d;

	if (dim == 0 || weekday < 1 || weekday > 7)
		return -1;
	if (nth == -1) {
		last = days_from_civil(y, m, dim);
		return last - (weekday_of(last) - weekday + 7) % 7;
	}
	if (nth < 1 || nth > 5)
		return -1;
	first = days_from_civil(y, m, 1);
	d = first + (weekday - weekday_of(first) + 7) % 7 + 7 * (nth - 1);
	return d - first < dim ? d : -1;
}

static struct item *
item_add(struct items *it)
{
	struct item *nv;

	if (it->oom || it->full)
		return NULL;
	if (it->n >= SCHED_MAX_SESSIONS) {
		it->full = true;
		return NULL;
	}
	if (it->n == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 32;

		nv = realloc(it->v, cap * sizeof(*nv));
		if (nv == NULL) {
			it->oom = true;
			return NULL;
		}
		it->v = nv;
		it->cap = cap;
	}
	nv = &it->v[it->n];
	memset(nv, 0, sizeof(*nv));
	nv->seq = it->n++;
	return nv;
}

/* "2026年10月14日（星期三）" */
static char *
day_words(int64_t d, char *out)
{
	char tmp[64];

	snprintf(out, 96, "%s（%s）", date_fmt_zh(d, tmp), weekday_zh(d));
	return out;
}

static struct gv *
find_adviser(const struct gv *advisers, const char *id)
{
	size_t i;

	for (i = 0; id && i < gv_len(advisers); i++) {
		const char *aid = gv_get_str(advisers->u.list.v[i], "id");

		if (aid && strcmp(aid, id) == 0)
			return advisers->u.list.v[i];
	}
	return NULL;
}

/* The adviser named by `m`'s "adviser" key, or NULL after an error. */
static struct gv *
adviser_of(struct record *r, const struct gv *advisers, const struct gv *m,
    struct diags *dg)
{
	const struct gv *k = gv_get(m, "adviser");
	struct gv *a;
	struct buf ids = BUF_INIT;
	size_t i;

	if (k == NULL || k->kind != GV_STR)
		return NULL; /* reported by the schema */
	a = find_adviser(advisers, k->u.s.p);
	if (a != NULL)
		return a;
	for (i = 0; i < gv_len(advisers); i++) {
		const char *aid = gv_get_str(advisers->u.list.v[i], "id");

		if (aid)
			buf_printf(&ids, "%s%s", ids.len ? "、" : "", aid);
	}
	diag_add(dg, DIAG_ERROR, r->path, k->line, k->col,
	    "法律顾问 adviser：“%s”不在本安排的人员 advisers 名单里%s%s%s",
	    k->u.s.p, ids.len ? "（名单里有：" : "",
	    ids.len ? ids.data : "", ids.len ? "）" : "");
	buf_free(&ids);
	return NULL;
}

/* end > start, or an error at `end`. */
static bool
times_ok(struct record *r, const struct gv *m, struct diags *dg)
{
	const struct gv *st = gv_get(m, "start"), *en = gv_get(m, "end");
	char a[64], b[64];

	if (st == NULL || en == NULL)
		return false;
	if (en->u.i > st->u.i)
		return true;
	diag_add(dg, DIAG_ERROR, r->path, en->line, en->col,
	    "结束时间 end %s 应晚于开始时间 start %s",
	    time_fmt((int)en->u.i, a), time_fmt((int)st->u.i, b));
	return false;
}

/* "每周二", "每月第2、4个星期三", "每月第2个和最后一个星期五" */
static void
rule_label(const struct gv *rule, struct buf *b)
{
	static const char *const wd[] = {"一", "二", "三", "四", "五", "六",
	    "日"};
	const char *freq = gv_get_str(rule, "freq");
	const struct gv *nth = gv_get(rule, "nth");
	int w = (int)gv_get_int(rule, "weekday", 1);
	bool last = false, pos = false;
	size_t i;

	if (w < 1 || w > 7)
		w = 1;
	if (freq == NULL || strcmp(freq, "weekly") == 0) {
		buf_printf(b, "每周%s", wd[w - 1]);
		return;
	}
	buf_puts(b, "每月");
	for (i = 0; i < gv_len(nth); i++) {
		int64_t n = nth->u.list.v[i]->u.i;

		if (n == -1) {
			last = true;
			continue;
		}
		buf_printf(b, "%s%lld", pos ? "、" : "第", (long long)n);
		pos = true;
	}
	if (pos)
		buf_puts(b, "个");
	if (pos && last)
		buf_puts(b, "和");
	if (last)
		buf_puts(b, "最后一个");
	buf_printf(b, "星期%s", wd[w - 1]);
}

/* Expand one recurring rule into `it`; false when the rule is wrong
 * (reported) and gave nothing. */
static bool
expand_rule(struct record *r, struct gv *rule, struct gv *adv,
    int64_t from, int64_t to, struct items *it, struct diags *dg)
{
	const char *freq = gv_get_str(rule, "freq");
	const struct gv *nth = gv_get(rule, "nth");
	int w = (int)gv_get_int(rule, "weekday", 0);
	int64_t d;
	struct item *x;
	int y, m, dd, ey, em;
	size_t i, k, month_first;

	if (freq == NULL || w < 1 || w > 7 || !times_ok(r, rule, dg))
		goto broken;
	if (strcmp(freq, "weekly") == 0) {
		const struct gv *nk = gv_get(rule, "nth");

		if (nk != NULL)
			diag_add(dg, DIAG_WARNING, r->path, nk->line, nk->col,
			    "第几周 nth：每周 weekly 坐班不看第几周，已忽略（每月坐班请写 freq: monthly）");
		for (d = from + (w - weekday_of(from) + 7) % 7; d <= to; d += 7) {
			if ((x = item_add(it)) == NULL)
				return true;
			x->date = d;
		}
		goto fill;
	}
	if (gv_len(nth) == 0) {
		const struct gv *at = nth ? nth : gv_get(rule, "freq");

		diag_add(dg, DIAG_ERROR, r->path, at->line, at->col,
		    "第几周 nth：每月 monthly 坐班必须写明是每月第几个星期几，如 nth: [2, 4]（最后一个写 -1）");
		goto broken;
	}
	civil_from_days(from, &y, &m, &dd);
	civil_from_days(to, &ey, &em, &dd);
	for (; y < ey || (y == ey && m <= em); m = m == 12 ? 1 : m + 1,
	    y += m == 1) {
		month_first = it->n;
		for (i = 0; i < gv_len(nth); i++) {
			d = sched_nth_weekday(y, m, w,
			    (int)nth->u.list.v[i]->u.i);
			if (d < from || d > to)
				continue;
			/* nth: [4, -1] name one day in a month of four. */
			for (k = month_first; k < it->n; k++)
				if (it->v[k].date == d)
					break;
			if (k < it->n)
				continue;
			if ((x = item_add(it)) == NULL)
				return true;
			x->date = d;
		}
		/* Keep each month's days in order. */
		for (i = month_first + 1; i < it->n; i++)
			for (k = i; k > month_first &&
			    it->v[k - 1].date > it->v[k].date; k--) {
				int64_t t = it->v[k].date;

				it->v[k].date = it->v[k - 1].date;
				it->v[k - 1].date = t;
			}
	}
fill:
	for (i = 0; i < it->n; i++) {
		x = &it->v[i];
		if (x->src != NULL)
			continue;
		x->orig_date = x->date;
		x->start = x->orig_start = (int)gv_get_int(rule, "start", 0);
		x->end = x->orig_end = (int)gv_get_int(rule, "end", 0);
		x->adv = adv;
		x->adv_id = gv_get_str(adv, "id");
		x->src = rule;
		x->line = rule->line;
		x->col = rule->col;
	}
	return true;
broken:
	return false;
}

/* The adviser's recurring days in the month of `d`, for a hint. */
static void
month_days(const struct items *it, const char *adv_id, int64_t d,
    struct buf *b)
{
	int y, m, dd, y2, m2;
	char tmp[64];
	size_t i;

	civil_from_days(d, &y, &m, &dd);
	for (i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];

		if (x->oneoff || strcmp(x->adv_id, adv_id) != 0)
			continue;
		civil_from_days(x->orig_date, &y2, &m2, &dd);
		if (y2 == y && m2 == m)
			buf_printf(b, "%s%s", b->len ? "、" :
			    "；该月的固定坐班是 ", date_fmt_md_zh(x->orig_date, tmp));
	}
}

static void
apply_exception(struct arena *a, struct record *r, const struct gv *advisers,
    struct gv *ex, int64_t from, int64_t to, struct items *it,
    struct diags *dg)
{
	const struct gv *dk = gv_get(ex, "date"), *act = gv_get(ex, "action");
	const struct gv *td = gv_get(ex, "to_date"), *ts = gv_get(ex, "to_start");
	const struct gv *te = gv_get(ex, "to_end");
	struct gv *adv;
	bool move, matched = false, bad = false;
	char w1[96], t1[64], t2[64], t3[64];
	size_t i;

	adv = adviser_of(r, advisers, ex, dg);
	if (adv != NULL)
		gv_set(a, ex, "adviser_info", adv);
	if (adv == NULL || dk == NULL || act == NULL)
		return;
	move = strcmp(act->u.s.p, "move") == 0;
	if (move && td == NULL && ts == NULL && te == NULL) {
		diag_add(dg, DIAG_ERROR, r->path, act->line, act->col,
		    "调整方式 action 为 move（调整）时，至少要写调整到日期 to_date、调整后开始时间 to_start 或调整后结束时间 to_end 中的一项");
		return;
	}
	if (!move && (td != NULL || ts != NULL || te != NULL)) {
		const struct gv *k = td ? td : ts ? ts : te;

		diag_add(dg, DIAG_WARNING, r->path, k->line, k->col,
		    "调整方式 action 为 cancel（取消）时，调整到日期 to_date 和调整后时间不起作用，已忽略");
	}
	if (move && td != NULL && (td->u.i < from || td->u.i > to))
		diag_add(dg, DIAG_WARNING, r->path, td->line, td->col,
		    "调整到日期 to_date %s 不在有效期 valid_from—valid_to 内",
		    date_fmt_iso(td->u.i, t1));
	for (i = 0; i < it->n; i++) {
		struct item *x = &it->v[i];
		int ns, ne;

		if (x->oneoff || x->orig_date != dk->u.i || x->adv != adv)
			continue;
		matched = true;
		if (x->ex_line != 0) {
			diag_add(dg, DIAG_ERROR, r->path, dk->line, dk->col,
			    "调整 exceptions：%s（%s）在%s的这次安排已在第 %d 行调整过，同一次安排只能写一条调整",
			    gv_get_str(adv, "name"), gv_get_str(adv, "id"),
			    day_words(dk->u.i, w1), x->ex_line);
			return;
		}
		if (!move)
			continue;
		ns = ts ? (int)ts->u.i : x->orig_start;
		ne = te ? (int)te->u.i : x->orig_end;
		if (ne <= ns && !bad) {
			if (ts && te)
				diag_add(dg, DIAG_ERROR, r->path, te->line,
				    te->col,
				    "调整后结束时间 to_end %s 应晚于调整后开始时间 to_start %s",
				    time_fmt(ne, t2), time_fmt(ns, t3));
			else if (te)
				diag_add(dg, DIAG_ERROR, r->path, te->line,
				    te->col,
				    "调整后结束时间 to_end %s 应晚于原开始时间 %s（或同时写调整后开始时间 to_start）",
				    time_fmt(ne, t2), time_fmt(ns, t3));
			else
				diag_add(dg, DIAG_ERROR, r->path, ts->line,
				    ts->col,
				    "调整后开始时间 to_start %s 应早于原结束时间 %s（或同时写调整后结束时间 to_end）",
				    time_fmt(ns, t3), time_fmt(ne, t2));
			bad = true;
		}
	}
	if (!matched) {
		struct buf hint = BUF_INIT;

		if (dk->u.i < from || dk->u.i > to)
			buf_puts(&hint, "：这一天不在有效期 valid_from—valid_to 内");
		else {
			month_days(it, gv_get_str(adv, "id"), dk->u.i, &hint);
			if (hint.len == 0)
				buf_puts(&hint, "；该月没有这位法律顾问的固定坐班");
		}
		diag_add(dg, DIAG_ERROR, r->path, dk->line, dk->col,
		    "调整 exceptions：%s（%s）在%s没有固定坐班，无法%s%s",
		    gv_get_str(adv, "name"), gv_get_str(adv, "id"),
		    day_words(dk->u.i, w1), move ? "调整" : "取消",
		    buf_ok(&hint) ? hint.data : "");
		buf_free(&hint);
		return;
	}
	if (bad)
		return;
	for (i = 0; i < it->n; i++) {
		struct item *x = &it->v[i];

		if (x->oneoff || x->orig_date != dk->u.i || x->adv != adv)
			continue;
		x->ex_line = ex->line;
		x->reason = gv_get_str(ex, "reason");
		if (!move) {
			x->cancelled = true;
			continue;
		}
		x->moved = true;
		if (td)
			x->date = td->u.i;
		if (ts)
			x->start = (int)ts->u.i;
		if (te)
			x->end = (int)te->u.i;
		x->line = ex->line;
		x->col = ex->col;
	}
}

static int
cmp_list(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	c = strcmp(x->adv_id, y->adv_id);
	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- overlaps (shared by one schedule and across schedules) ---- */

struct slot {
	const char *adv_id, *adv_name;
	int64_t date;
	int start, end;
	int line, col;
	int rec;           /* which record (across schedules), else 0 */
	size_t seq;
};

struct clash {
	const struct slot *a, *b; /* first occurrence; b is reported */
	size_t count;
};

static int
cmp_slot(const void *pa, const void *pb)
{
	const struct slot *x = pa, *y = pb;
	int c = strcmp(x->adv_id, y->adv_id);

	if (c != 0)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->rec != y->rec)
		return x->rec - y->rec;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Does `x` come before `y` in its file (or in an earlier file)? */
static bool
written_before(const struct slot *x, const struct slot *y)
{
	if (x->rec != y->rec)
		return x->rec < y->rec;
	if (x->line != y->line)
		return x->line < y->line;
	return x->col < y->col;
}

/*
 * Find the pairs of slots of one adviser on one day whose times
 * intersect, one clash per pair of places they were written in.  With
 * `across`, only pairs from different records count.  Sorts `v`.
 * Returns the clashes (caller frees), or NULL with *n = 0 when there are
 * none; *oom on allocation failure.
 */
static struct clash *
find_clashes(struct slot *v, size_t n, bool across, size_t *nc, bool *oom)
{
	struct clash *c = NULL, *nv;
	size_t i, j, k, cap = 0;

	*nc = 0;
	qsort(v, n, sizeof(*v), cmp_slot);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && strcmp(v[j].adv_id, v[i].adv_id) == 0 &&
		    v[j].date == v[i].date && v[j].start < v[i].end; j++) {
			const struct slot *a = &v[i], *b = &v[j];

			if (across && a->rec == b->rec)
				continue;
			if (written_before(b, a)) {
				a = &v[j];
				b = &v[i];
			}
			for (k = 0; k < *nc; k++)
				if (c[k].a->rec == a->rec &&
				    c[k].a->line == a->line &&
				    c[k].a->col == a->col &&
				    c[k].b->rec == b->rec &&
				    c[k].b->line == b->line &&
				    c[k].b->col == b->col)
					break;
			if (k < *nc) {
				c[k].count++;
				continue;
			}
			if (*nc == cap) {
				cap = cap ? cap * 2 : 8;
				nv = realloc(c, cap * sizeof(*nv));
				if (nv == NULL) {
					*oom = true;
					free(c);
					*nc = 0;
					return NULL;
				}
				c = nv;
			}
			c[*nc].a = a;
			c[*nc].b = b;
			c[*nc].count = 1;
			(*nc)++;
		}
	return c;
}

static void
report_clash(struct diags *dg, const char *file, const struct clash *c,
    const char *other_file)
{
	char w[96], t1[64], t2[64], t3[64], t4[64], more[64] = "";
	char where[512] = "";

	if (other_file)
		snprintf(where, sizeof(where), " %s ", other_file);
	if (c->count > 1)
		snprintf(more, sizeof(more), "；有效期内共重叠 %zu 次", c->count);
	diag_add(dg, DIAG_ERROR, file, c->b->line, c->b->col,
	    "法律顾问 %s（%s）同一时间有两项安排：%s %s—%s 与%s第 %d 行的 %s—%s 重叠%s",
	    c->b->adv_name, c->b->adv_id, day_words(c->b->date, w),
	    time_fmt(c->b->start, t1), time_fmt(c->b->end, t2), where,
	    c->a->line, time_fmt(c->a->start, t3), time_fmt(c->a->end, t4),
	    more);
}

static void
check_overlaps(struct record *r, const struct items *it, struct diags *dg,
    struct arena *a)
{
	struct slot *v;
	struct clash *c;
	size_t i, n = 0, nc;
	bool oom = false;

	if (it->n < 2)
		return;
	v = calloc(it->n, sizeof(*v));
	if (v == NULL) {
		a->oom = true;
		return;
	}
	for (i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];

		if (x->cancelled)
			continue;
		v[n].adv_id = x->adv_id;
		v[n].adv_name = gv_get_str(x->adv, "name");
		v[n].date = x->date;
		v[n].start = x->start;
		v[n].end = x->end;
		v[n].line = x->line;
		v[n].col = x->col;
		v[n].seq = x->seq;
		n++;
	}
	c = find_clashes(v, n, false, &nc, &oom);
	for (i = 0; i < nc; i++)
		report_clash(dg, r->path, &c[i], NULL);
	if (oom)
		a->oom = true;
	free(c);
	free(v);
}

/* Months without duty named one by one; the rest are counted. */
#define DUTY_MONTHS_SHOWN 12

/*
 * W for each month of the window without a `duty` session.  One pass
 * over the sessions marks the months that have one, one pass over the
 * months reports: a window of centuries (an error of its own, a warning
 * only) used to cost months × sessions, minutes of work.
 */
static void
check_duty_months(struct record *r, const struct items *it, int64_t from,
    int64_t to, struct diags *dg, struct arena *a)
{
	const struct gv *at = gv_get(r->v, "recurring");
	int y, m, d, ey, em, shown = 0;
	long first, months, k, more = 0;
	unsigned char *has;
	size_t i;

	if (at == NULL)
		at = gv_get(r->v, "valid_from");
	civil_from_days(from, &y, &m, &d);
	civil_from_days(to, &ey, &em, &d);
	first = (long)y * 12 + m - 1;
	months = (long)ey * 12 + em - first;
	if (months <= 0)
		return;
	if ((has = calloc((size_t)months, 1)) == NULL) {
		a->oom = true;
		return;
	}
	for (i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];
		const char *kind = gv_get_str(x->src, "kind");

		if (x->cancelled || kind == NULL || strcmp(kind, "duty") != 0)
			continue;
		civil_from_days(x->date, &y, &m, &d);
		k = (long)y * 12 + m - 1 - first;
		if (k >= 0 && k < months)
			has[k] = 1;
	}
	for (k = 0; k < months; k++) {
		if (has[k])
			continue;
		if (shown == DUTY_MONTHS_SHOWN) {
			more++;
			continue;
		}
		shown++;
		diag_add(dg, DIAG_WARNING, r->path, at->line, at->col,
		    "%ld年%ld月（有效期内）没有一次坐班 duty 安排：法律顾问一般每月至少定时定点坐班一次，请补上或在正文说明",
		    (first + k) / 12, (first + k) % 12 + 1);
	}
	if (more > 0)
		diag_add(dg, DIAG_WARNING, r->path, at->line, at->col,
		    "另有 %ld 个月（有效期内）也没有一次坐班 duty 安排",
		    more);
	free(has);
}

/* ---- the model ---- */

static const char *
moved_note(const struct item *x, char *out)
{
	char d[64], t1[64], t2[64];
	int y1, y2, m, dd;

	civil_from_days(x->orig_date, &y1, &m, &dd);
	civil_from_days(x->date, &y2, &m, &dd);
	if (y1 != y2)
		date_fmt_zh(x->orig_date, d);
	else
		date_fmt_md_zh(x->orig_date, d);
	if (x->date != x->orig_date &&
	    (x->start != x->orig_start || x->end != x->orig_end))
		snprintf(out, 160, "原定%s（%s）%s—%s", d,
		    weekday_zh(x->orig_date), time_fmt(x->orig_start, t1),
		    time_fmt(x->orig_end, t2));
	else if (x->date != x->orig_date)
		snprintf(out, 160, "原定%s（%s）", d, weekday_zh(x->orig_date));
	else
		snprintf(out, 160, "原定 %s—%s", time_fmt(x->orig_start, t1),
		    time_fmt(x->orig_end, t2));
	return out;
}

static struct gv *
item_gv(struct site *s, const struct item *x)
{
	struct arena *a = &s->arena;
	struct gv *m = gv_map(a);
	const struct gv *src = x->src;
	int now_min = (int)(s->now - s->today * 86400) / 60;
	bool past = x->date < s->today ||
	    (x->date == s->today && x->end <= now_min);
	char note[160];

	if (m == NULL)
		return NULL;
	m->line = x->line;
	m->col = x->col;
	gv_set(a, m, "date", gv_int(a, GV_DATE, x->date));
	gv_set(a, m, "weekday", gv_str_static(a, weekday_zh(x->date)));
	gv_set(a, m, "start", gv_int(a, GV_TIME, x->start));
	gv_set(a, m, "end", gv_int(a, GV_TIME, x->end));
	gv_set(a, m, "adviser", x->adv);
	gv_set(a, m, "location", gv_get(src, "location"));
	gv_set(a, m, "kind", gv_get(src, "kind"));
	gv_set(a, m, "kind_label", gv_get(src, "kind_label"));
	gv_set(a, m, "title", gv_get(src, "title"));
	gv_set_bool(a, m, "past", past);
	gv_set_bool(a, m, "cancelled", x->cancelled);
	gv_set_bool(a, m, "moved", x->moved);
	gv_set_bool(a, m, "is_next", false);
	if (x->moved) {
		if (x->date != x->orig_date)
			gv_set(a, m, "moved_from",
			    gv_int(a, GV_DATE, x->orig_date));
		gv_set_str(a, m, "moved_note", moved_note(x, note));
	}
	if (x->reason)
		gv_set_str(a, m, "reason", x->reason);
	gv_set_str(a, m, "state", x->cancelled ? "cancelled" :
	    past ? "past" : "upcoming");
	gv_set_str(a, m, "status_label", x->cancelled ? "已取消" :
	    past ? "已结束" : x->date == s->today ? "今天" : "");
	gv_set(a, m, "orig_date", gv_int(a, GV_DATE, x->orig_date));
	gv_set(a, m, "orig_start", gv_int(a, GV_TIME, x->orig_start));
	return m;
}

static bool
is_core(const char *key)
{
	size_t i;

	for (i = 0; core_services[i]; i++)
		if (strcmp(core_services[i], key) == 0)
			return true;
	return false;
}

static void
services_model(struct site *s, struct record *r)
{
	struct arena *a = &s->arena;
	const struct gv *sv = gv_get(r->v, "services");
	struct gv *core = gv_list(a), *extra = gv_list(a);
	struct buf text = BUF_INIT;
	size_t i;

	for (i = 0; i < gv_len(sv); i++) {
		struct gv *it = sv->u.list.v[i];
		const char *key = gv_get_str(it, "key");
		const char *label = gv_get_str(it, "label");

		if (key == NULL || label == NULL)
			continue;
		gv_push(a, is_core(key) ? core : extra, it);
		buf_printf(&text, "%s%s", text.len ? "、" : "", label);
	}
	gv_set(a, r->v, "services_core", core);
	gv_set(a, r->v, "services_extra", extra);
	if (!buf_ok(&text))
		a->oom = true;
	else
		gv_set_str(a, r->v, "services_text", text.data ? text.data : "");
	buf_free(&text);
}

static void
validity_model(struct site *s, struct record *r, int64_t from, int64_t to)
{
	struct arena *a = &s->arena;
	char d[64], buf[160];
	const char *st;

	if (s->today < from) {
		st = "upcoming";
		snprintf(buf, sizeof(buf), "尚未开始（%s起执行）",
		    date_fmt_zh(from, d));
	} else if (s->today > to) {
		st = "ended";
		snprintf(buf, sizeof(buf), "已过有效期（%s止）",
		    date_fmt_zh(to, d));
	} else {
		st = "active";
		snprintf(buf, sizeof(buf), "执行中（有效期至%s）",
		    date_fmt_zh(to, d));
	}
	gv_set_str(a, r->v, "valid_status", st);
	gv_set_str(a, r->v, "valid_status_label", buf);
}

static void
urls_model(struct site *s, struct record *r)
{
	struct arena *a = &s->arena;
	const char *dir = section_defs[RT_LEGAL_SCHEDULE].dir;
	char buf[512];

	snprintf(buf, sizeof(buf), "%s/%s/schedule.ics", dir, r->slug);
	gv_set(a, r->v, "ics", gv_url(a, buf));
	snprintf(buf, sizeof(buf), "%s/schedule.ics", dir);
	gv_set(a, r->v, "ics_all", gv_url(a, buf));
}

/* The sorted list, its months and the next session. */
static void
sessions_model(struct site *s, struct record *r, struct items *it)
{
	struct arena *a = &s->arena;
	struct gv *list = gv_list(a), *months = gv_list(a), *month = NULL;
	struct gv *mlist = NULL, *next = NULL;
	int cy = 0, cm = 0, y, m, d;
	char buf[512];
	size_t i;

	if (it->n > 1)
		qsort(it->v, it->n, sizeof(*it->v), cmp_list);
	for (i = 0; i < it->n; i++) {
		struct gv *g = item_gv(s, &it->v[i]);

		if (g == NULL)
			return;
		gv_push(a, list, g);
		if (next == NULL && !gv_get_bool(g, "cancelled") &&
		    !gv_get_bool(g, "past")) {
			next = g;
			gv_set_bool(a, g, "is_next", true);
			gv_set_str(a, g, "state", "next");
		}
		civil_from_days(it->v[i].date, &y, &m, &d);
		if (month == NULL || y != cy || m != cm) {
			cy = y;
			cm = m;
			month = gv_map(a);
			mlist = gv_list(a);
			snprintf(buf, sizeof(buf), "%d年%d月", y, m);
			gv_set_str(a, month, "month_label", buf);
			gv_set(a, month, "session_list", mlist);
			gv_push(a, months, month);
		}
		gv_push(a, mlist, g);
	}
	gv_set(a, r->v, "session_list", list);
	gv_set(a, r->v, "session_months", months);
	if (next != NULL) {
		struct gv *n = gv_map(a);
		int64_t left = gv_get_int(next, "date", 0) - s->today;
		size_t k;

		for (k = 0; n && k < next->u.map.n; k++)
			gv_set(a, n, next->u.map.p[k].key, next->u.map.p[k].val);
		gv_set_int(a, n, "days_left", GV_INT, left);
		if (left == 0)
			snprintf(buf, sizeof(buf), "今天");
		else
			snprintf(buf, sizeof(buf), "还有%lld天", (long long)left);
		gv_set_str(a, n, "days_left_label", buf);
		snprintf(buf, sizeof(buf), "%s/%s/",
		    section_defs[RT_LEGAL_SCHEDULE].dir, r->slug);
		gv_set(a, n, "schedule_url", gv_url(a, buf));
		gv_set(a, n, "schedule_title", gv_get(r->v, "title"));
		gv_set(a, r->v, "next_session", n);
	}
}

void
check_legal_schedule(struct site *s, struct record *r, struct diags *dg)
{
	struct arena *a = &s->arena;
	struct items it = {0};
	const struct gv *vf = gv_get(r->v, "valid_from");
	const struct gv *vt = gv_get(r->v, "valid_to");
	struct gv *advisers = gv_get(r->v, "advisers");
	struct gv *rec = gv_get(r->v, "recurring"), *ses = gv_get(r->v, "sessions");
	struct gv *exc = gv_get(r->v, "exceptions");
	int64_t from = 0, to = -1;
	char d1[64], d2[64];
	size_t i, j;
	bool window = false, broken = false;

	services_model(s, r);
	urls_model(s, r);
	gv_set_bool(a, r->v, "superseded", r->superseded);

	/* Validity window. */
	if (vf != NULL && vt != NULL) {
		from = vf->u.i;
		to = vt->u.i;
		if (to < from)
			diag_add(dg, DIAG_ERROR, r->path, vt->line, vt->col,
			    "有效期结束 valid_to %s 早于有效期开始 valid_from %s",
			    date_fmt_iso(to, d1), date_fmt_iso(from, d2));
		else {
			window = true;
			if (to - from > 366)
				diag_add(dg, DIAG_WARNING, r->path, vt->line,
				    vt->col,
				    "有效期 valid_from—valid_to 跨 %lld 天，超过 366 天：坐班安排请按季度或年度分别发布",
				    (long long)(to - from));
			validity_model(s, r, from, to);
		}
	}

	/* Advisers: unique ids. */
	for (i = 0; i < gv_len(advisers); i++) {
		struct gv *ad = advisers->u.list.v[i];
		const struct gv *id = gv_get(ad, "id");

		gv_set(a, ad, "recurring_list", gv_list(a));
		for (j = 0; id && j < i; j++) {
			const struct gv *prev = gv_get(advisers->u.list.v[j],
			    "id");

			if (prev && strcmp(prev->u.s.p, id->u.s.p) == 0) {
				diag_add(dg, DIAG_ERROR, r->path, id->line,
				    id->col,
				    "人员代号 id：“%s”与第 %d 行的人员重复，每位法律顾问的代号必须不同",
				    id->u.s.p, prev->line);
				break;
			}
		}
	}

	/* Recurring rules, expanded. */
	for (i = 0; i < gv_len(rec); i++) {
		struct gv *rule = rec->u.list.v[i];
		struct gv *adv = adviser_of(r, advisers, rule, dg);
		struct buf lb = BUF_INIT;

		rule_label(rule, &lb);
		if (buf_ok(&lb))
			gv_set_str(a, rule, "rule_label", lb.data);
		else
			a->oom = true;
		buf_free(&lb);
		if (adv == NULL) {
			times_ok(r, rule, dg);
			broken = true;
			continue;
		}
		gv_set(a, rule, "adviser_info", adv);
		gv_push(a, gv_get(adv, "recurring_list"), rule);
		if (window)
			broken |= !expand_rule(r, rule, adv, from, to, &it, dg);
		else
			times_ok(r, rule, dg);
	}
	if (it.full || it.oom)
		goto done;

	/* Exceptions. */
	for (i = 0; window && i < gv_len(exc); i++)
		apply_exception(a, r, advisers, exc->u.list.v[i], from, to,
		    &it, dg);

	/* One-off sessions. */
	for (i = 0; i < gv_len(ses); i++) {
		struct gv *se = ses->u.list.v[i];
		struct gv *adv = adviser_of(r, advisers, se, dg);
		const struct gv *dk = gv_get(se, "date");
		struct item *x;

		if (adv != NULL)
			gv_set(a, se, "adviser_info", adv);
		if (!times_ok(r, se, dg) || adv == NULL || dk == NULL)
			continue;
		if (window && (dk->u.i < from || dk->u.i > to))
			diag_add(dg, DIAG_WARNING, r->path, dk->line, dk->col,
			    "日期 date %s 不在有效期 valid_from—valid_to 内",
			    date_fmt_iso(dk->u.i, d1));
		if ((x = item_add(&it)) == NULL)
			break;
		x->date = x->orig_date = dk->u.i;
		x->start = x->orig_start = (int)gv_get_int(se, "start", 0);
		x->end = x->orig_end = (int)gv_get_int(se, "end", 0);
		x->adv = adv;
		x->adv_id = gv_get_str(adv, "id");
		x->src = se;
		x->oneoff = true;
		x->line = se->line;
		x->col = se->col;
	}
done:
	if (it.full)
		diag_add(dg, DIAG_ERROR, r->path, vt ? vt->line : 0,
		    vt ? vt->col : 0,
		    "坐班安排展开后超过 %d 次，请检查有效期 valid_from—valid_to 是否写错",
		    SCHED_MAX_SESSIONS);
	if (it.oom)
		a->oom = true;
	if (it.full || it.oom)
		goto out;

	check_overlaps(r, &it, dg, a);
	/* A rule that could not be expanded would only add noise here. */
	if (window && !broken)
		check_duty_months(r, &it, from, to, dg, a);
	sessions_model(s, r, &it);
out:
	free(it.v);
}

/* ---- across schedules ---- */

/* Does `a` replace `b` through a chain of `supersedes`? */
static bool
replaces(const struct site *s, const struct record *a, const struct record *b)
{
	const struct record *cur = a;
	size_t steps;

	for (steps = 0; cur != NULL && steps <= s->nrecs; steps++) {
		const char *sup = gv_get_str(cur->v, "supersedes");

		if (sup == NULL)
			return false;
		if (strcmp(sup, b->slug) == 0)
			return true;
		cur = site_find(s, RT_LEGAL_SCHEDULE, sup);
	}
	return false;
}

static int
cmp_rec_path(const void *pa, const void *pb)
{
	const struct record *x = *(struct record *const *)pa;
	const struct record *y = *(struct record *const *)pb;

	return strcmp(x->path, y->path);
}

static size_t
add_slots(struct slot *v, size_t n, const struct record *r, int rec)
{
	const struct gv *list = gv_get(r->v, "session_list");
	size_t i;

	for (i = 0; i < gv_len(list); i++) {
		const struct gv *m = list->u.list.v[i];
		const struct gv *adv = gv_get(m, "adviser");

		if (gv_get_bool(m, "cancelled") || gv_get_str(adv, "id") == NULL)
			continue;
		v[n].adv_id = gv_get_str(adv, "id");
		v[n].adv_name = gv_get_str(adv, "name");
		v[n].date = gv_get_int(m, "date", 0);
		v[n].start = (int)gv_get_int(m, "start", 0);
		v[n].end = (int)gv_get_int(m, "end", 0);
		v[n].line = m->line;
		v[n].col = m->col;
		v[n].rec = rec;
		v[n].seq = i;
		n++;
	}
	return n;
}

void
check_schedules_across(struct site *s, struct diags *dg)
{
	struct record **rs = NULL;
	struct slot *v = NULL;
	struct clash *c;
	int64_t *from = NULL, *to = NULL;
	size_t n = 0, i, j, k, ns, nc;
	bool oom = false;

	rs = malloc((s->nrecs ? s->nrecs : 1) * sizeof(*rs));
	if (rs == NULL)
		goto oom;
	for (i = 0; i < s->nrecs; i++)
		if (s->recs[i].type == RT_LEGAL_SCHEDULE)
			rs[n++] = &s->recs[i];
	qsort(rs, n, sizeof(*rs), cmp_rec_path);
	/* Each pair is looked at: the windows are read once. */
	from = malloc((n ? n : 1) * sizeof(*from));
	to = malloc((n ? n : 1) * sizeof(*to));
	if (from == NULL || to == NULL)
		goto oom;
	for (i = 0; i < n; i++) {
		from[i] = gv_get_int(rs[i]->v, "valid_from", 0);
		to[i] = gv_get_int(rs[i]->v, "valid_to", -1);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			const struct record *x = rs[i], *y = rs[j];
			int64_t xf = from[i], xt = to[i], yf = from[j], yt = to[j];
			size_t cap;

			/* Windows apart, or one is the other's correction. */
			if (xt < yf || yt < xf || xt < xf || yt < yf ||
			    replaces(s, x, y) || replaces(s, y, x))
				continue;
			cap = gv_len(gv_get(x->v, "session_list")) +
			    gv_len(gv_get(y->v, "session_list"));
			if (cap == 0)
				continue;
			v = calloc(cap, sizeof(*v));
			if (v == NULL)
				goto oom;
			ns = add_slots(v, 0, x, 0);
			ns = add_slots(v, ns, y, 1);
			c = find_clashes(v, ns, true, &nc, &oom);
			for (k = 0; k < nc; k++)
				report_clash(dg, c[k].b->rec ? y->path : x->path,
				    &c[k], c[k].a->rec ? y->path : x->path);
			free(c);
			free(v);
			v = NULL;
			if (oom)
				goto oom;
		}
	free(from);
	free(to);
	free(rs);
	return;
oom:
	free(rs);
	free(v);
	free(from);
	free(to);
	s->arena.oom = true;
	diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
}
