/* ledger: 收支明细 arithmetic and checks (CONTENT-MODEL.md §8.4). */
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

bool
ledger_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return false;
	*out = r;
	return true;
}

bool
ledger_sum(const int64_t *v, size_t n, int64_t *sum)
{
	int64_t acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!ledger_add(acc, v[i], &acc))
			return false;
	*sum = acc;
	return true;
}

bool
ledger_closing(int64_t opening, int64_t income, int64_t expense,
    int64_t *closing)
{
	int64_t r;

	if (!ledger_add(opening, income, &r) ||
	    __builtin_sub_overflow(r, expense, &r))
		return false;
	*closing = r;
	return true;
}

char *
ledger_mismatch(char *out, size_t n, const char *field, int64_t declared,
    const char *what, int64_t computed)
{
	char d[32], c[32], x[32];
	int64_t diff;
	uint64_t adiff;

	/* |declared − computed| without overflow: go through uint64. */
	if (!__builtin_sub_overflow(declared, computed, &diff))
		adiff = diff < 0 ? (uint64_t)0 - (uint64_t)diff : (uint64_t)diff;
	else
		adiff = declared > computed ?
		    (uint64_t)declared - (uint64_t)computed :
		    (uint64_t)computed - (uint64_t)declared;
	money_fmt(declared, d);
	money_fmt(computed, c);
	if (adiff > (uint64_t)INT64_MAX)
		snprintf(x, sizeof(x), "超过 %s", money_fmt(INT64_MAX, x));
	else
		money_fmt((int64_t)adiff, x);
	snprintf(out, n, "%s %s ≠ %s %s（相差 %s 元）", field, d, what, c, x);
	return out;
}

/* ---- 科目 ---- */

/* 农村集体经济组织 chart (domain.md §1.5): income, then expense. */
static const char *const village_income[] = {"经营收入", "发包及上交收入",
    "投资收益", "补助收入", "其他收入", NULL};
static const char *const village_expense[] = {"经营支出", "管理费用",
    "公益支出", "其他支出", NULL};
/*
 * Many 街道 keep 居委会 books under the 民间非营利组织会计制度, whose
 * income classes include 捐赠收入 and 政府补助收入 and whose main expense
 * class is 业务活动成本 (its 管理费用 and 其他收入 are already above).
 * Communities may use these as well.
 */
static const char *const community_income[] = {"捐赠收入", "政府补助收入",
    NULL};
static const char *const community_expense[] = {"业务活动成本", NULL};

static bool
in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (strcmp(*l, s) == 0)
			return true;
	return false;
}

static bool
on_side(const char *subject, enum ledger_side side, bool village)
{
	if (side == LEDGER_INCOME)
		return in_list(village_income, subject) ||
		    (!village && in_list(community_income, subject));
	return in_list(village_expense, subject) ||
	    (!village && in_list(community_expense, subject));
}

int
ledger_subject(const char *subject, enum ledger_side side, bool village)
{
	if (on_side(subject, side, village))
		return 1;
	if (on_side(subject, side == LEDGER_INCOME ? LEDGER_EXPENSE :
	    LEDGER_INCOME, village))
		return -1;
	return 0;
}

const char *
ledger_subjects_text(enum ledger_side side, bool village)
{
	if (side == LEDGER_INCOME)
		return village ? "经营收入、发包及上交收入、投资收益、补助收入、其他收入" :
		    "经营收入、发包及上交收入、投资收益、补助收入、其他收入、捐赠收入、政府补助收入";
	return village ? "经营支出、管理费用、公益支出、其他支出" :
	    "经营支出、管理费用、公益支出、其他支出、业务活动成本";
}

/* ---- the check ---- */

struct voucher_ref {
	const struct gv *v; /* the voucher value (line:col) */
	size_t order;       /* as listed: the tie-break after the position */
};

/* By voucher, then by position in the file, so the first of a group is
 * the one written first. */
static int
cmp_voucher(const void *a, const void *b)
{
	const struct voucher_ref *x = a, *y = b;
	int c = strcmp(x->v->u.s.p, y->v->u.s.p);

	if (c != 0)
		return c;
	if (x->v->line != y->v->line)
		return x->v->line < y->v->line ? -1 : 1;
	if (x->v->col != y->v->col)
		return x->v->col < y->v->col ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static const char *
side_name(enum ledger_side side)
{
	return side == LEDGER_INCOME ? "收入明细 income" : "支出明细 expense";
}

/* Sum the amounts of one list; false when a line has no amount (already
 * reported by the schema) or the sum leaves int64 (reported here). */
static bool
sum_lines(const struct gv *list, enum ledger_side side, const char *file,
    struct diags *dg, int64_t *sum)
{
	int64_t acc = 0;
	const struct gv *amt;
	bool complete = true;
	size_t i;

	for (i = 0; i < gv_len(list); i++) {
		amt = gv_get(list->u.list.v[i], "amount");
		if (amt == NULL || amt->kind != GV_MONEY) {
			complete = false;
			continue;
		}
		if (!ledger_add(acc, amt->u.i, &acc)) {
			diag_add(dg, DIAG_ERROR, file, list->line, list->col,
			    "%s：金额之和超出可计算的范围，请分期公开",
			    side_name(side));
			return false;
		}
	}
	*sum = acc;
	return complete;
}

static void
check_lines(const struct gv *list, enum ledger_side side,
    const struct period *per, bool village, const char *file,
    struct diags *dg)
{
	const char *sname = side_name(side);
	char d1[64], d2[64], d3[64], d4[64];
	size_t i;

	for (i = 0; i < gv_len(list); i++) {
		const struct gv *line = list->u.list.v[i];
		const struct gv *subj = gv_get(line, "subject");
		const struct gv *date = gv_get(line, "date");

		if (subj != NULL && subj->kind == GV_STR) {
			int k = ledger_subject(subj->u.s.p, side, village);

			if (k < 0)
				diag_add(dg, DIAG_WARNING, file, subj->line,
				    subj->col,
				    "%s 第 %zu 项 科目 subject：“%s”是%s科目，不应列在%s里",
				    sname, i + 1, subj->u.s.p,
				    side == LEDGER_INCOME ? "支出" : "收入",
				    side == LEDGER_INCOME ? "收入明细" : "支出明细");
			else if (k == 0)
				diag_add(dg, DIAG_WARNING, file, subj->line,
				    subj->col,
				    "%s 第 %zu 项 科目 subject：“%s”不在推荐的%s科目中（%s）；请核对会计科目",
				    sname, i + 1, subj->u.s.p,
				    side == LEDGER_INCOME ? "收入" : "支出",
				    ledger_subjects_text(side, village));
		}
		if (per != NULL && date != NULL && date->kind == GV_DATE &&
		    (date->u.i < per->first || date->u.i > per->last))
			diag_add(dg, DIAG_WARNING, file, date->line, date->col,
			    "%s 第 %zu 项 日期 date：%s 不在所属期 %s（%s 至 %s）内",
			    sname, i + 1, date_fmt_iso(date->u.i, d1),
			    period_fmt_zh(per, d2), date_fmt_iso(per->first, d3),
			    date_fmt_iso(per->last, d4));
	}
}

static void
check_vouchers(const struct gv *income, const struct gv *expense,
    const char *file, struct diags *dg)
{
	size_t n = gv_len(income) + gv_len(expense), k = 0, i, g;
	struct voucher_ref *refs;
	const struct gv *lists[2] = {income, expense};
	int l;

	if (n < 2)
		return;
	refs = calloc(n, sizeof(*refs));
	if (refs == NULL) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		return;
	}
	for (l = 0; l < 2; l++)
		for (i = 0; i < gv_len(lists[l]); i++) {
			const struct gv *v = gv_get(lists[l]->u.list.v[i],
			    "voucher");

			if (v != NULL && v->kind == GV_STR && v->u.s.p[0]) {
				refs[k].v = v;
				refs[k].order = k;
				k++;
			}
		}
	qsort(refs, k, sizeof(*refs), cmp_voucher);
	for (g = 0, i = 1; i < k; i++) {
		if (strcmp(refs[g].v->u.s.p, refs[i].v->u.s.p) != 0) {
			g = i;
			continue;
		}
		diag_add(dg, DIAG_WARNING, file, refs[i].v->line, refs[i].v->col,
		    "凭证号 voucher：“%s”在第 %d 行已经用过；同一张凭证不应重复列出",
		    refs[i].v->u.s.p, refs[g].v->line);
	}
	free(refs);
}

void
ledger_check(const struct gv *ledger, const struct period *period,
    bool village, const char *file, struct diags *dg)
{
	const struct gv *opening = gv_get(ledger, "opening_balance");
	const struct gv *income = gv_get(ledger, "income");
	const struct gv *expense = gv_get(ledger, "expense");
	const struct gv *ti = gv_get(ledger, "total_income");
	const struct gv *te = gv_get(ledger, "total_expense");
	const struct gv *closing = gv_get(ledger, "closing_balance");
	int64_t in, out, want;
	bool in_ok = false, out_ok = false, totals_right = true;
	char msg[512], m[32];

	if (income != NULL && income->kind == GV_LIST) {
		check_lines(income, LEDGER_INCOME, period, village, file, dg);
		in_ok = sum_lines(income, LEDGER_INCOME, file, dg, &in);
	}
	if (expense != NULL && expense->kind == GV_LIST) {
		check_lines(expense, LEDGER_EXPENSE, period, village, file, dg);
		out_ok = sum_lines(expense, LEDGER_EXPENSE, file, dg, &out);
	}
	if (in_ok && ti != NULL && ti->u.i != in) {
		diag_add(dg, DIAG_ERROR, file, ti->line, ti->col, "%s",
		    ledger_mismatch(msg, sizeof(msg), "收入合计 total_income",
		    ti->u.i, "明细之和", in));
		totals_right = false;
	}
	if (out_ok && te != NULL && te->u.i != out) {
		diag_add(dg, DIAG_ERROR, file, te->line, te->col, "%s",
		    ledger_mismatch(msg, sizeof(msg), "支出合计 total_expense",
		    te->u.i, "明细之和", out));
		totals_right = false;
	}
	check_vouchers(income, expense, file, dg);
	if (opening == NULL || closing == NULL)
		return; /* the schema reported what is missing */
	/*
	 * closing = opening + income − expense.  With totals that match their
	 * lines this is the declared totals' equation.  When a total is
	 * wrong (reported above), the closing balance is held against the
	 * lines themselves: a closing balance that is right by the lines is
	 * not a second mistake, and one computed from the wrong total is.
	 */
	if (!totals_right) {
		if (!in_ok || !out_ok)
			return;
	} else {
		if (ti == NULL || te == NULL)
			return;
		in = ti->u.i;
		out = te->u.i;
	}
	if (!ledger_closing(opening->u.i, in, out, &want))
		diag_add(dg, DIAG_ERROR, file, closing->line, closing->col,
		    "本期结余 closing_balance：上期结余 + 收入 − 支出超出可计算的范围");
	else if (closing->u.i != want)
		diag_add(dg, DIAG_ERROR, file, closing->line, closing->col, "%s",
		    ledger_mismatch(msg, sizeof(msg), "本期结余 closing_balance",
		    closing->u.i, totals_right ?
		    "上期结余 + 收入合计 − 支出合计" :
		    "上期结余 + 收入明细之和 − 支出明细之和", want));
	else if (closing->u.i < 0)
		diag_add(dg, DIAG_WARNING, file, closing->line, closing->col,
		    "本期结余 closing_balance 为负数（%s 元）：请核实，并在正文中说明透支的原因和弥补办法",
		    money_fmt(closing->u.i, m));
}
