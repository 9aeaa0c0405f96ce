/*
 * consultation: 议事协商记录 (CONTENT-MODEL.md §8.6).
 *
 * Rules: the order of the dates (提出 ≤ 通报 < 会议 ≤ 反馈), the meeting's
 * end after its start, the vote (vote.h) against the participants and the
 * declared result, a resolution whenever something was agreed, and the
 * 结果公示 window as in §8.4.  Computed for the page: the meeting's day and
 * time in words, head counts, how many days ahead the topic was
 * announced, the implementation badge (its class and whether it is
 * overdue) and, per feedback entry, the days since the meeting.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "vote.h"

const char *const consultation_keys[] = {
	"time_label",          /* meeting: the day and time in words */
	"participants_total",  /* everybody at the meeting */
	"participants_voting", /* those with a vote */
	"notice_days",         /* days between 通报 and the meeting */
	"css_class",           /* implementation: badge class */
	"overdue",             /* implementation: due date passed, not done */
	"days_after",          /* feedback item: days since the meeting */
	"days",                /* publicity.days: site.c computes it but its
	                          computed_keys[] lacks it */
	NULL,
};

/* "2026年9月10日" */
static const char *
zh(int64_t days, char *buf)
{
	return date_fmt_zh(days, buf);
}

/* The meeting's time in words: 2026年9月10日（星期四）19:00—20:15. */
static void
meeting_time_label(struct site *s, struct gv *m, int64_t start,
    const struct gv *end)
{
	char d1[64], t1[64], d2[64], t2[64], buf[256];
	int64_t day = date_day_of(start), eday = end ? date_day_of(end->u.i) : 0;

	date_fmt_zh(day, d1);
	time_fmt((int)((start - day * 86400) / 60), t1);
	if (end == NULL)
		snprintf(buf, sizeof(buf), "%s（%s）%s开始", d1, weekday_zh(day),
		    t1);
	else if (eday == day)
		snprintf(buf, sizeof(buf), "%s（%s）%s—%s", d1, weekday_zh(day),
		    t1, time_fmt((int)((end->u.i - day * 86400) / 60), t2));
	else
		snprintf(buf, sizeof(buf), "%s（%s）%s 至 %s %s", d1,
		    weekday_zh(day), t1, date_fmt_md_zh(eday, d2),
		    time_fmt((int)((end->u.i - eday * 86400) / 60), t2));
	gv_set_str(&s->arena, m, "time_label", buf);
	gv_set(&s->arena, m, "date", gv_int(&s->arena, GV_DATE, day));
}

/* 结果公示 publicity, checked as a disclosure's (§8.4). */
static void
check_publicity(struct site *s, struct record *r, struct diags *dg)
{
	const struct gv *p = gv_get(r->v, "publicity");
	const struct gv *st = gv_get(p, "start"), *en = gv_get(p, "end");
	int64_t start, days;
	char a[64], b[64];

	if (en == NULL)
		return; /* no publicity, or the schema reported the missing end */
	start = st ? st->u.i : r->date;
	if (en->u.i < start) {
		diag_add(dg, DIAG_ERROR, r->path, en->line, en->col,
		    "结果公示 publicity：结束日期 end %s 早于开始日期 %s",
		    zh(en->u.i, a), zh(start, b));
		return;
	}
	days = en->u.i - start + 1;
	if (days < s->min_publicity_days)
		diag_add(dg, DIAG_WARNING, r->path, en->line, en->col,
		    "结果公示 publicity：公示期 %s 至 %s 只有 %lld 天，少于本站规定的最短公示天数 %d 天",
		    zh(start, a), zh(en->u.i, b), (long long)days,
		    s->min_publicity_days);
	if (st != NULL && st->u.i < r->date)
		diag_add(dg, DIAG_WARNING, r->path, st->line, st->col,
		    "结果公示 publicity：开始日期 start %s 早于发布日期 %s，公示期应从公开之日算起",
		    zh(st->u.i, a), zh(r->date, b));
}

/* Head counts; the number of people with a vote into *voting. */
static void
count_participants(struct site *s, struct record *r, int64_t *voting)
{
	const struct gv *list = gv_get(r->v, "participants");
	int64_t total = 0, vote = 0, n;
	size_t i;

	for (i = 0; i < gv_len(list); i++) {
		const struct gv *p = list->u.list.v[i];

		n = gv_get_int(p, "count", 0);
		total += n;
		if (gv_get_bool(p, "voting"))
			vote += n;
	}
	if (list != NULL) {
		gv_set_int(&s->arena, r->v, "participants_total", GV_INT, total);
		gv_set_int(&s->arena, r->v, "participants_voting", GV_INT, vote);
	}
	*voting = vote;
}

/* Are the vote's counts consistent (so "passed" means something)? */
static bool
vote_counts_ok(const struct gv *v)
{
	const struct gv *el = gv_get(v, "eligible"), *pr = gv_get(v, "present");
	const struct gv *y = gv_get(v, "for"), *n = gv_get(v, "against");
	const struct gv *ab = gv_get(v, "abstain");

	return el && pr && y && n && ab && gv_get(v, "threshold") &&
	    pr->u.i <= el->u.i && y->u.i + n->u.i + ab->u.i <= pr->u.i;
}

static void
check_vote(struct site *s, struct record *r, struct diags *dg, bool agreed,
    int64_t voting)
{
	struct gv *v = gv_get(r->v, "vote");
	const struct gv *pr, *res = gv_get(r->v, "result");
	bool passed;

	if (v == NULL)
		return;
	passed = vote_check(s, r->path, v, dg);
	pr = gv_get(v, "present");
	if (pr != NULL && gv_len(gv_get(r->v, "participants")) > 0 &&
	    voting != pr->u.i)
		diag_add(dg, DIAG_WARNING, r->path, pr->line, pr->col,
		    "实到人数 present %lld 与参与人员 participants 中有表决权（voting: true）的人数之和 %lld 不一致",
		    (long long)pr->u.i, (long long)voting);
	if (agreed && !passed && vote_counts_ok(v))
		diag_add(dg, DIAG_ERROR, r->path, res->line, res->col,
		    "协商结果 result 写的是“%s”，但表决未通过：同意 %lld 票，按通过标准（%s）至少需要 %lld 票",
		    gv_get_str(r->v, "result_label"),
		    (long long)gv_get_int(v, "for", 0),
		    gv_get_str(v, "threshold_label"),
		    (long long)gv_get_int(v, "needed", 0));
}

static void
check_feedback(struct site *s, struct record *r, struct diags *dg,
    bool have_meeting, int64_t mday)
{
	struct gv *list = gv_get(r->v, "feedback");
	const struct gv *prev = NULL;
	char a[64], b[64];
	size_t i;

	for (i = 0; i < gv_len(list); i++) {
		struct gv *f = list->u.list.v[i];
		const struct gv *d = gv_get(f, "date");

		if (d == NULL)
			continue;
		if (have_meeting && d->u.i < mday)
			diag_add(dg, DIAG_ERROR, r->path, d->line, d->col,
			    "落实反馈 feedback 第 %zu 条：日期 date %s 早于会议日期 %s",
			    i + 1, zh(d->u.i, a), zh(mday, b));
		else if (prev != NULL && d->u.i < prev->u.i)
			diag_add(dg, DIAG_ERROR, r->path, d->line, d->col,
			    "落实反馈 feedback 第 %zu 条：日期 date %s 早于上一条的 %s，请按时间先后排列",
			    i + 1, zh(d->u.i, a), zh(prev->u.i, b));
		if (have_meeting)
			gv_set_int(&s->arena, f, "days_after", GV_INT,
			    d->u.i - mday);
		prev = d;
	}
}

static void
implementation(struct site *s, struct record *r)
{
	struct gv *im = gv_get(r->v, "implementation");
	const char *st = gv_get_str(im, "status");
	const struct gv *due = gv_get(im, "due");
	char cls[64];

	if (st == NULL)
		return;
	snprintf(cls, sizeof(cls), "badge badge-%s", st);
	gv_set_str(&s->arena, im, "css_class", cls);
	gv_set_bool(&s->arena, im, "overdue", due != NULL &&
	    due->u.i < s->today && (strcmp(st, "planned") == 0 ||
	    strcmp(st, "in_progress") == 0));
}

void
check_consultation(struct site *s, struct record *r, struct diags *dg)
{
	struct gv *m = gv_get(r->v, "meeting");
	const struct gv *start = gv_get(m, "start"), *end = gv_get(m, "end");
	const struct gv *pd = gv_get(r->v, "proposed_date");
	const struct gv *nd = gv_get(r->v, "notice_date");
	const struct gv *res = gv_get(r->v, "result");
	const char *result = gv_get_str(r->v, "result");
	bool agreed = result != NULL && (strcmp(result, "agreed") == 0 ||
	    strcmp(result, "majority") == 0);
	int64_t mday = start ? date_day_of(start->u.i) : 0, voting = 0;
	char a[64], b[64];

	if (start != NULL) {
		meeting_time_label(s, m, start->u.i, end);
		if (end != NULL && end->u.i < start->u.i)
			diag_add(dg, DIAG_ERROR, r->path, end->line, end->col,
			    "会议 meeting：结束时间 end 早于开始时间 start");
		if (pd != NULL && pd->u.i > mday)
			diag_add(dg, DIAG_ERROR, r->path, pd->line, pd->col,
			    "提出日期 proposed_date %s 晚于会议日期 %s",
			    zh(pd->u.i, a), zh(mday, b));
		/*
		 * 提前通报 means before the meeting day.  The same day is
		 * allowed with a warning (the content model says so: a
		 * morning notice for an evening 楼道会 happens); a date after
		 * the meeting cannot be an advance notice at all, so it is
		 * an error: almost always a mistyped date.
		 */
		if (nd != NULL && nd->u.i > mday)
			diag_add(dg, DIAG_ERROR, r->path, nd->line, nd->col,
			    "提前通报日期 notice_date %s 晚于会议日期 %s：议题应在会前通报",
			    zh(nd->u.i, a), zh(mday, b));
		else if (nd != NULL && nd->u.i == mday)
			diag_add(dg, DIAG_WARNING, r->path, nd->line, nd->col,
			    "提前通报日期 notice_date 与会议同一天（%s）：议题应提前通报，让参加人员有时间了解情况",
			    zh(mday, a));
		else if (nd != NULL)
			gv_set_int(&s->arena, r->v, "notice_days", GV_INT,
			    mday - nd->u.i);
	}

	count_participants(s, r, &voting);
	check_vote(s, r, dg, agreed, voting);
	if (agreed && gv_get(r->v, "resolution") == NULL)
		diag_add(dg, DIAG_ERROR, r->path, res->line, res->col,
		    "协商结果 result 为“%s”，必须填写形成决议 resolution",
		    gv_get_str(r->v, "result_label"));
	check_feedback(s, r, dg, start != NULL, mday);
	implementation(s, r);
	check_publicity(s, r, dg);
}
