/*
 * disclosure: 村务/居务/财务公开 (CONTENT-MODEL.md §8.4).
 *
 * What must be there depends on the category, the topic and the
 * frequency: a finance disclosure needs a period, a review, a 公示期 and a
 * ledger; a decision needs its vote, and the vote must have passed.  The
 * ledger's arithmetic lives in ledger.c, the vote's in vote.c.  Computed
 * here: the complete objection channel (defaults from site.yaml), so the
 * page can always say whom to call and until when.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "date.h"
#include "ledger.h"
#include "vote.h"

/* Keys added to a disclosure's map (objection.*). */
/* Keys added to a disclosure's map: objection.*, review.members_text
 * ("刘淑琴、张建华"), and table.rows_labeled (each row as a list of
 * {label: column, text: cell}, so a narrow screen can stack the cells
 * under their column names). */
const char *const disclosure_keys[] = {"contact_title", "complaint_org",
    "complaint_phone", "hotline", "members_text", "rows_labeled", "text",
    NULL};

/* Where a rule that depends on `key` reports a missing field: at that
 * key, or at the top of the front matter. */
static void
at_key(const struct record *r, const char *key, int *line, int *col)
{
	const struct gv *v = gv_get(r->v, key);

	*line = v ? v->line : 1;
	*col = v ? v->col : 1;
}

static bool
is(const char *s, const char *want)
{
	return s != NULL && strcmp(s, want) == 0;
}

/* 所属期: required for finance and periodic disclosures, and its form
 * must fit the frequency.  Sets *per (and returns true) when there is a
 * valid period. */
static bool
check_period(struct record *r, struct diags *dg, struct period *per)
{
	const struct gv *pv = gv_get(r->v, "period");
	const char *cat = gv_get_str(r->v, "category");
	const char *freq = gv_get_str(r->v, "frequency");
	const char *flabel = gv_get_str(r->v, "frequency_label");
	enum period_kind want;
	const char *form, *kind_word;
	char hint[64] = "";
	int line, col;

	if (pv == NULL) {
		if (is(cat, "finance")) {
			at_key(r, "category", &line, &col);
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少所属期 period：财务公开必须写明是哪一期的收支，如 period: 2026-09");
		} else if (is(freq, "monthly") || is(freq, "quarterly") ||
		    is(freq, "annual")) {
			at_key(r, "frequency", &line, &col);
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少所属期 period：公开频次为%s的定期公开必须写明所属期（%s）",
			    flabel ? flabel : freq, is(freq, "monthly") ?
			    "如 2026-09" : is(freq, "quarterly") ?
			    "如 2026-Q3" : "如 2026");
		}
		return false;
	}
	if (pv->kind != GV_STR || !period_parse(pv->u.s.p, per))
		return false;
	if (is(freq, "monthly")) {
		want = PERIOD_MONTH;
		form = "2026-09 这样的月份";
	} else if (is(freq, "quarterly")) {
		want = PERIOD_QUARTER;
		form = "2026-Q3 这样的季度";
	} else if (is(freq, "annual")) {
		want = PERIOD_YEAR;
		form = "2026 这样的年份";
	} else {
		return true; /* immediate, once: any period fits */
	}
	if (per->kind == want)
		return true;
	switch (per->kind) {
	case PERIOD_MONTH:
		kind_word = "月份";
		break;
	case PERIOD_QUARTER:
		kind_word = "季度";
		break;
	case PERIOD_HALF:
		kind_word = "半年";
		break;
	default:
		kind_word = "年份";
		break;
	}
	/* Suggest the period that contains the one written, when there is
	 * one (a month lies in one quarter and one year). */
	if (want == PERIOD_QUARTER && per->kind == PERIOD_MONTH)
		snprintf(hint, sizeof(hint), "（是不是 %d-Q%d？）", per->year,
		    (per->n + 2) / 3);
	else if (want == PERIOD_YEAR)
		snprintf(hint, sizeof(hint), "（是不是 %d？）", per->year);
	diag_add(dg, DIAG_WARNING, r->path, pv->line, pv->col,
	    "所属期 period：“%s”是%s，公开频次为%s时应写成 %s%s",
	    pv->u.s.p, kind_word, flabel ? flabel : freq, form, hint);
	return true;
}

/* The reviewers as one phrase, joined by 、 (no CSS needed to read it). */
static void
members_text(struct site *s, struct gv *review)
{
	const struct gv *m = gv_get(review, "members");
	struct buf b = BUF_INIT;
	size_t i;

	if (gv_len(m) == 0)
		return;
	for (i = 0; i < m->u.list.n; i++) {
		if (i > 0)
			buf_puts(&b, "、");
		buf_puts(&b, m->u.list.v[i]->u.s.p);
	}
	if (buf_ok(&b))
		gv_set(&s->arena, review, "members_text", gv_str(&s->arena, b.data));
	else
		s->arena.oom = true;
	buf_free(&b);
}

static void
check_review(struct site *s, struct record *r, struct diags *dg)
{
	struct gv *rv = gv_get(r->v, "review");
	const struct gv *d = gv_get(rv, "date");
	const char *body = s->village ? "村务监督委员会" : "居务监督委员会";
	char a[64], b[64];
	int line, col;

	if (rv == NULL) {
		at_key(r, "category", &line, &col);
		if (is(gv_get_str(r->v, "category"), "finance"))
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少审核 review：财务公开须经%s或民主理财小组审核后才能公开（写明审核机构、日期和意见）",
			    body);
		else
			diag_add(dg, DIAG_WARNING, r->path, line, col,
			    "建议填写审核 review：公开前由%s审核，写明审核机构、日期和意见",
			    body);
		return;
	}
	members_text(s, rv);
	if (d != NULL && d->kind == GV_DATE && d->u.i > r->date)
		diag_add(dg, DIAG_ERROR, r->path, d->line, d->col,
		    "审核日期 review.date（%s）晚于发布日期 date（%s）：须先审核，后公开",
		    date_fmt_zh(d->u.i, a), date_fmt_zh(r->date, b));
}

static void
check_publicity(struct site *s, struct record *r, struct diags *dg)
{
	const struct gv *pv = gv_get(r->v, "publicity");
	const struct gv *sv = gv_get(pv, "start"), *ev = gv_get(pv, "end");
	const char *cat = gv_get_str(r->v, "category");
	const char *topic = gv_get_str(r->v, "topic");
	int64_t start, end, days;
	char a[64], b[64], eg[160];
	int line, col;

	if (pv == NULL) {
		/* The example is this record's own shortest window. */
		snprintf(eg, sizeof(eg),
		    "如 publicity: {start: %s, end: %s}（至少 %d 天）",
		    date_fmt_iso(r->date, a),
		    date_fmt_iso(r->date + s->min_publicity_days - 1, b),
		    s->min_publicity_days);
		if (is(cat, "finance")) {
			at_key(r, "category", &line, &col);
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少公示期 publicity：财务公开必须公示，请写明公示期，%s",
			    eg);
		} else if (is(topic, "decision") || is(topic, "welfare")) {
			at_key(r, "topic", &line, &col);
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少公示期 publicity：%s必须公示，请写明公示期，%s",
			    is(topic, "decision") ? "重大事项决策" :
			    "惠民政策与补贴救助名单", eg);
		}
		return;
	}
	if (ev == NULL || ev->kind != GV_DATE)
		return; /* the schema reported it */
	start = sv != NULL && sv->kind == GV_DATE ? sv->u.i : r->date;
	end = ev->u.i;
	if (end < start) {
		diag_add(dg, DIAG_ERROR, r->path, ev->line, ev->col,
		    "公示期结束日期 publicity.end（%s）早于开始日期（%s）",
		    date_fmt_zh(end, a), date_fmt_zh(start, b));
		return;
	}
	days = end - start + 1;
	if (days < s->min_publicity_days)
		diag_add(dg, DIAG_WARNING, r->path, ev->line, ev->col,
		    "公示期 publicity：从%s到%s共 %lld 天，少于本站规定的最短公示天数 %d 天（site.yaml 的 min_publicity_days）",
		    date_fmt_zh(start, a), date_fmt_zh(end, b), (long long)days,
		    s->min_publicity_days);
	if (start < r->date)
		diag_add(dg, DIAG_WARNING, r->path, sv->line, sv->col,
		    "公示开始日期 publicity.start（%s）早于发布日期 date（%s）：公示期应从公开之日起算",
		    date_fmt_zh(start, a), date_fmt_zh(r->date, b));
}

/* The objection channel, complete: what the record says, else the
 * site's 监督委员会; the deadline is the end of the 公示期; the
 * 街道/乡镇 office and 12345 are always there. */
static void
objection_model(struct site *s, struct record *r)
{
	struct arena *a = &s->arena;
	struct gv *o = gv_get(r->v, "objection");
	const struct gv *sup = gv_get(s->v, "supervisor");
	const struct gv *cmp = gv_get(s->v, "complaint");
	const struct gv *pub = gv_get(r->v, "publicity");
	const char *contact, *sname = gv_get_str(sup, "name");
	struct gv *end;

	if (o == NULL) {
		o = gv_map(a);
		gv_set(a, r->v, "objection", o);
		if (o == NULL)
			return;
	}
	if (gv_get(o, "contact") == NULL)
		gv_set(a, o, "contact", gv_get(sup, "name"));
	contact = gv_get_str(o, "contact");
	/* The title belongs to the supervisor: only when it is them. */
	if (contact != NULL && sname != NULL && strcmp(contact, sname) == 0)
		gv_set(a, o, "contact_title", gv_get(sup, "title"));
	if (gv_get(o, "phone") == NULL)
		gv_set(a, o, "phone", gv_get(sup, "phone"));
	if (gv_get(o, "location") == NULL && gv_get(sup, "location") != NULL)
		gv_set(a, o, "location", gv_get(sup, "location"));
	end = gv_get(pub, "end");
	if (gv_get(o, "deadline") == NULL && end != NULL &&
	    end->kind == GV_DATE)
		gv_set(a, o, "deadline", end);
	gv_set(a, o, "complaint_org", gv_get(cmp, "org"));
	gv_set(a, o, "complaint_phone", gv_get(cmp, "phone"));
	gv_set_str(a, o, "hotline", "12345");
}

static void
check_decision(struct site *s, struct record *r, struct diags *dg)
{
	struct gv *dv = gv_get(r->v, "decision");
	const char *topic = gv_get_str(r->v, "topic");
	const struct gv *d, *el, *pr, *y, *n, *ab;
	char a[64], b[64];
	int line, col;

	if (dv == NULL) {
		at_key(r, "topic", &line, &col);
		if (is(topic, "decision"))
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少决策程序 decision：重大事项决策必须写明决策程序和表决情况（应到、实到、同意、反对、弃权人数）");
		else if (is(topic, "project"))
			diag_add(dg, DIAG_WARNING, r->path, line, col,
			    "建议填写决策程序 decision：工程项目应写明经过哪次会议、如何表决决定");
		return;
	}
	d = gv_get(dv, "date");
	if (d != NULL && d->kind == GV_DATE && d->u.i > r->date)
		diag_add(dg, DIAG_ERROR, r->path, d->line, d->col,
		    "表决日期 decision.date（%s）晚于发布日期 date（%s）：只能公开已经作出的决定",
		    date_fmt_zh(d->u.i, a), date_fmt_zh(r->date, b));
	if (vote_check(s, r->path, dv, dg))
		return;
	/* Not passed.  When the counts themselves are missing or
	 * inconsistent, vote_check has said so: nothing to add. */
	el = gv_get(dv, "eligible");
	pr = gv_get(dv, "present");
	y = gv_get(dv, "for");
	n = gv_get(dv, "against");
	ab = gv_get(dv, "abstain");
	if (el == NULL || pr == NULL || y == NULL || n == NULL || ab == NULL ||
	    gv_get(dv, "needed") == NULL || pr->u.i > el->u.i ||
	    y->u.i + n->u.i + ab->u.i > pr->u.i)
		return;
	diag_add(dg, DIAG_ERROR, r->path, y->line, y->col,
	    "决策程序 decision：同意 for %lld 票，未达到通过所需的 %lld 票（%s），表决未通过。本条公开的是一项决定，未通过的事项不能作为决议公开；如需告知居民表决结果，请改发通知公告",
	    (long long)y->u.i, (long long)gv_get_int(dv, "needed", 0),
	    gv_get_str(dv, "threshold_label") ? gv_get_str(dv,
	    "threshold_label") : "");
}

static void
check_table(struct site *s, struct record *r, struct diags *dg)
{
	struct arena *a = &s->arena;
	struct gv *t = gv_get(r->v, "table");
	const struct gv *cols = gv_get(t, "columns");
	const struct gv *rows = gv_get(t, "rows");
	struct gv *labeled, *lrow, *cell;
	size_t nc = gv_len(cols), i, j, k;
	bool ok = true;

	if (cols == NULL || rows == NULL || rows->kind != GV_LIST)
		return;
	for (i = 0; i < rows->u.list.n; i++) {
		const struct gv *row = rows->u.list.v[i];

		k = gv_len(row);
		if (k != nc) {
			diag_add(dg, DIAG_ERROR, r->path, row->line, row->col,
			    "名单/明细表 table 第 %zu 行 rows：有 %zu 格，但列名 columns 有 %zu 列；每行的格数必须与列数相同（空格写 \"\"）",
			    i + 1, k, nc);
			ok = false;
		}
	}
	if (!ok)
		return;
	/* Sized up front: an arena never gets back what doubling leaves. */
	labeled = gv_list(a);
	if (!gv_reserve(a, labeled, rows->u.list.n))
		labeled = NULL;
	for (i = 0; labeled && i < rows->u.list.n; i++) {
		const struct gv *row = rows->u.list.v[i];

		lrow = gv_list(a);
		if (!gv_reserve(a, lrow, nc))
			lrow = NULL;
		for (j = 0; lrow && j < nc; j++) {
			cell = gv_map(a);
			if (!gv_reserve(a, cell, 2))
				cell = NULL;
			gv_set(a, cell, "label", cols->u.list.v[j]);
			gv_set(a, cell, "text", row->u.list.v[j]);
			gv_push(a, lrow, cell);
		}
		gv_push(a, labeled, lrow);
	}
	gv_set(a, t, "rows_labeled", labeled);
}

void
check_disclosure(struct site *s, struct record *r, struct diags *dg)
{
	struct period per;
	bool have_period;
	const struct gv *ledger = gv_get(r->v, "ledger");
	int line, col;

	have_period = check_period(r, dg, &per);
	check_review(s, r, dg);
	check_publicity(s, r, dg);
	check_decision(s, r, dg);
	if (ledger == NULL) {
		if (is(gv_get_str(r->v, "category"), "finance")) {
			at_key(r, "category", &line, &col);
			diag_add(dg, DIAG_ERROR, r->path, line, col,
			    "缺少收支明细 ledger：财务公开必须逐笔列出收入和支出，并写明上期结余、收支合计和本期结余");
		}
	} else {
		ledger_check(ledger, have_period ? &per : NULL, s->village,
		    r->path, dg);
	}
	check_table(s, r, dg);
	objection_model(s, r);
}
