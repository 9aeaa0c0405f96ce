/* notice: 通知公告 (CONTENT-MODEL.md §8.3). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "date.h"

/*
 * Computed:
 *   expires_effective  the day the notice leaves the home page
 *   expired            true once the build day is past it
 *   event.same_day     the event starts and ends on one day (pages then
 *                      print the date once: 11月26日 9:00—17:00)
 *   objection          for kind: publicity, who takes objections:
 *                      {contact, phone, location, deadline}, from
 *                      `contact`, else site.yaml's supervisor; deadline is
 *                      the last day of the 公示期
 */
const char *const notice_keys[] = {"expires_effective", "expired",
    "same_day", "objection", "deadline", NULL};

static int64_t
day_of(const struct gv *dt)
{
	return dt->kind == GV_DATETIME ? date_day_of(dt->u.i) : dt->u.i;
}

/* §8.4 window: E end < start; W shorter than min_publicity_days; W start
 * before the record's date.  `start` defaults to the record's date. */
static void
check_window(struct site *s, struct record *r, const struct gv *p,
    struct diags *dg)
{
	const struct gv *st = gv_get(p, "start"), *en = gv_get(p, "end");
	int64_t start = st ? st->u.i : r->date, days;
	char a[64], b[64];

	if (en == NULL)
		return; /* reported by the schema */
	if (en->u.i < start) {
		diag_add(dg, DIAG_ERROR, r->path, en->line, en->col,
		    "公示期 publicity：结束日期 end（%s）早于开始日期 start（%s）",
		    date_fmt_zh(en->u.i, a), date_fmt_zh(start, b));
		return;
	}
	days = en->u.i - start + 1;
	if (days < s->min_publicity_days)
		diag_add(dg, DIAG_WARNING, r->path, p->line, p->col,
		    "公示期 publicity：%s至%s只有 %lld 天，少于最短公示期 %d 天（site.yaml 的 min_publicity_days）",
		    date_fmt_md_zh(start, a), date_fmt_md_zh(en->u.i, b),
		    (long long)days, s->min_publicity_days);
	if (st != NULL && st->u.i < r->date)
		diag_add(dg, DIAG_WARNING, r->path, st->line, st->col,
		    "公示期 publicity：开始日期 start（%s）早于发布日期 date（%s）：公示期应从发布之日起算",
		    date_fmt_md_zh(st->u.i, a), date_fmt_md_zh(r->date, b));
}

/* Who takes objections to a 公示: the notice's contact, else the
 * supervisory committee of site.yaml. */
static void
objection(struct site *s, struct record *r, const struct gv *p)
{
	struct arena *a = &s->arena;
	const struct gv *c = gv_get(r->v, "contact");
	const struct gv *sup = gv_get(s->v, "supervisor");
	struct gv *o = gv_map(a);
	const struct gv *en = gv_get(p, "end");

	if (o == NULL)
		return;
	if (c != NULL && gv_get_str(c, "phone") != NULL) {
		gv_set_str(a, o, "contact", gv_get_str(c, "name"));
		gv_set_str(a, o, "phone", gv_get_str(c, "phone"));
	} else if (sup != NULL) {
		gv_set_str(a, o, "contact", gv_get_str(sup, "name"));
		gv_set_str(a, o, "phone", gv_get_str(sup, "phone"));
		if (gv_get_str(sup, "location") != NULL)
			gv_set_str(a, o, "location", gv_get_str(sup, "location"));
	}
	if (en != NULL)
		gv_set(a, o, "deadline", gv_int(a, GV_DATE, en->u.i));
	gv_set(a, r->v, "objection", o);
}

void
check_notice(struct site *s, struct record *r, struct diags *dg)
{
	struct gv *ev = gv_get(r->v, "event");
	const struct gv *start = gv_get(ev, "start"), *end = gv_get(ev, "end");
	const struct gv *kind = gv_get(r->v, "kind");
	const struct gv *pub = gv_get(r->v, "publicity");
	const char *k = gv_get_str(r->v, "kind");
	int64_t expires;
	char a[64], b[64];

	if (start != NULL && end != NULL) {
		if (end->u.i < start->u.i)
			diag_add(dg, DIAG_ERROR, r->path, end->line, end->col,
			    "事件时间地点 event：结束时间 end（%s）早于开始时间 start（%s）",
			    datetime_fmt_zh(end->u.i, a),
			    datetime_fmt_zh(start->u.i, b));
		gv_set_bool(&s->arena, ev, "same_day",
		    day_of(start) == day_of(end));
	}

	if (k != NULL && strcmp(k, "publicity") == 0) {
		if (pub == NULL)
			diag_add(dg, DIAG_ERROR, r->path, kind->line, kind->col,
			    "类别 kind 为 publicity（公示）时必须写公示期 publicity，例如 publicity: {start: %s, end: %s}",
			    date_fmt_iso(r->date, a),
			    date_fmt_iso(r->date + (s->min_publicity_days > 0 ?
			    s->min_publicity_days : 7) - 1, b));
		else
			objection(s, r, pub);
	}
	if (pub != NULL)
		check_window(s, r, pub, dg);

	/* Leaves the home page after `expires`; by default when the event
	 * is over, or 30 days after publication (but not before an event
	 * that has only a start). */
	if (gv_get(r->v, "expires") != NULL)
		expires = gv_get_int(r->v, "expires", r->date);
	else if (end != NULL)
		expires = day_of(end);
	else if (start != NULL && day_of(start) > r->date + 30)
		expires = day_of(start);
	else
		expires = r->date + 30;
	gv_set(&s->arena, r->v, "expires_effective",
	    gv_int(&s->arena, GV_DATE, expires));
	gv_set(&s->arena, r->v, "expired",
	    gv_bool(&s->arena, s->today > expires));
}
