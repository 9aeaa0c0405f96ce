/* Unit tests of ledger.c: fen arithmetic, the mismatch sentence and the
 * ledger rules, without a site. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "gv.h"
#include "ledger.h"
#include "money.h"

static int64_t
fen(const char *s)
{
	int64_t v = 0;

	assert_true(money_parse(s, true, &v));
	return v;
}

/* ---- a tiny builder for typed ledger maps ---- */

struct fx {
	struct arena a;
	struct diags dg;
	struct gv *ledger, *income, *expense;
	int line; /* next line number handed out */
};

static struct gv *
money_at(struct fx *f, const char *s, int line, int col)
{
	struct gv *v = gv_int(&f->a, GV_MONEY, fen(s));

	assert_non_null(v);
	v->line = line;
	v->col = col;
	return v;
}

static void
fx_init(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	diags_init(&f->dg);
	f->ledger = gv_map(&f->a);
	f->income = gv_list(&f->a);
	f->expense = gv_list(&f->a);
	f->income->line = 3;
	f->expense->line = 4;
	gv_set(&f->a, f->ledger, "income", f->income);
	gv_set(&f->a, f->ledger, "expense", f->expense);
	f->line = 100;
}

static void
fx_free(struct fx *f)
{
	diags_free(&f->dg);
	arena_free(&f->a);
}

/* Opening, totals and closing at lines 2, 20, 21, 22 (column 3). */
static void
fx_totals(struct fx *f, const char *opening, const char *ti, const char *te,
    const char *closing)
{
	gv_set(&f->a, f->ledger, "opening_balance", money_at(f, opening, 2, 3));
	gv_set(&f->a, f->ledger, "total_income", money_at(f, ti, 20, 3));
	gv_set(&f->a, f->ledger, "total_expense", money_at(f, te, 21, 3));
	gv_set(&f->a, f->ledger, "closing_balance", money_at(f, closing, 22, 3));
}

/* One line {item, subject (col 20), amount (col 40), date (col 60),
 * voucher (col 80)} on its own file line; date/voucher may be NULL. */
static void
fx_line(struct fx *f, struct gv *list, const char *subject,
    const char *amount, const char *date, const char *voucher)
{
	struct gv *m = gv_map(&f->a), *v;
	int line = f->line++;
	int64_t d;

	m->line = line;
	m->col = 7;
	gv_set_str(&f->a, m, "item", "项目");
	v = gv_str(&f->a, subject);
	v->line = line;
	v->col = 20;
	gv_set(&f->a, m, "subject", v);
	gv_set(&f->a, m, "amount", money_at(f, amount, line, 40));
	if (date != NULL) {
		assert_true(date_parse(date, &d));
		v = gv_int(&f->a, GV_DATE, d);
		v->line = line;
		v->col = 60;
		gv_set(&f->a, m, "date", v);
	}
	if (voucher != NULL) {
		v = gv_str(&f->a, voucher);
		v->line = line;
		v->col = 80;
		gv_set(&f->a, m, "voucher", v);
	}
	assert_true(gv_push(&f->a, list, m));
}

/* The diagnostic at line:col, or fail. */
static const struct diag *
diag_at(const struct fx *f, int line, int col)
{
	size_t i;

	for (i = 0; i < f->dg.n; i++)
		if (f->dg.v[i].line == line && f->dg.v[i].col == col)
			return &f->dg.v[i];
	fail_msg("no diagnostic at %d:%d (%zu in all)", line, col, f->dg.n);
	return NULL;
}

/* ---- arithmetic ---- */

static void
test_fen_precision(void **state)
{
	int64_t v[3], sum = -1;

	(void)state;
	/* 0.10 + 0.20 is 0.30, exactly: what floats get wrong. */
	v[0] = fen("0.10");
	v[1] = fen("0.20");
	assert_true(ledger_sum(v, 2, &sum));
	assert_int_equal(sum, fen("0.30"));
	assert_int_equal(sum, 30);
	/* Thirteen integer digits, the most an amount may have. */
	v[0] = fen("9999999999999.99");
	v[1] = fen("0.01");
	v[2] = fen("1234567890123.45");
	assert_int_equal(v[0], INT64_C(999999999999999));
	assert_true(ledger_sum(v, 3, &sum));
	assert_int_equal(sum, INT64_C(1000000000000000) + INT64_C(123456789012345));
}

static void
test_sum_many_max_lines(void **state)
{
	static int64_t v[5000];
	int64_t sum = 0;
	size_t i;

	(void)state;
	/* The schema allows 5000 lines of 13 digits: that still fits. */
	for (i = 0; i < 5000; i++)
		v[i] = MONEY_MAX_FEN;
	assert_true(ledger_sum(v, 5000, &sum));
	assert_int_equal(sum, INT64_C(5000) * MONEY_MAX_FEN);
	/* Past int64 the sum is refused, not wrapped. */
	v[0] = INT64_MAX;
	v[1] = 1;
	sum = 42;
	assert_false(ledger_sum(v, 2, &sum));
	assert_int_equal(sum, 42);
	assert_false(ledger_closing(INT64_MAX, 1, 0, &sum));
	assert_false(ledger_closing(INT64_MIN + 1, 0, 2, &sum));
}

static void
test_empty_and_negative_balance(void **state)
{
	int64_t sum = -1, closing = 0;

	(void)state;
	assert_true(ledger_sum(NULL, 0, &sum));
	assert_int_equal(sum, 0);
	assert_true(ledger_closing(fen("-50.00"), fen("0.30"), fen("100.00"),
	    &closing));
	assert_int_equal(closing, fen("-149.70"));
}

static void
test_mismatch_sentence(void **state)
{
	char out[256];

	(void)state;
	assert_string_equal(ledger_mismatch(out, sizeof(out),
	    "收入合计 total_income", fen("75831.45"), "明细之和",
	    fen("75381.45")),
	    "收入合计 total_income 75,831.45 ≠ 明细之和 75,381.45（相差 450.00 元）");
	/* The difference is never negative, whichever side is larger. */
	assert_string_equal(ledger_mismatch(out, sizeof(out),
	    "支出合计 total_expense", fen("0.01"), "明细之和", fen("1000000.00")),
	    "支出合计 total_expense 0.01 ≠ 明细之和 1,000,000.00（相差 999,999.99 元）");
	assert_string_equal(ledger_mismatch(out, sizeof(out),
	    "本期结余 closing_balance", fen("-0.05"), "上期结余 + 收入合计 − 支出合计",
	    fen("0.05")),
	    "本期结余 closing_balance -0.05 ≠ 上期结余 + 收入合计 − 支出合计 0.05（相差 0.10 元）");
}

static void
test_subjects(void **state)
{
	(void)state;
	assert_int_equal(ledger_subject("补助收入", LEDGER_INCOME, true), 1);
	assert_int_equal(ledger_subject("公益支出", LEDGER_EXPENSE, true), 1);
	assert_int_equal(ledger_subject("管理费用", LEDGER_INCOME, true), -1);
	assert_int_equal(ledger_subject("经营收入", LEDGER_EXPENSE, false), -1);
	assert_int_equal(ledger_subject("办公费", LEDGER_EXPENSE, false), 0);
	/* 民间非营利组织 subjects: communities only. */
	assert_int_equal(ledger_subject("捐赠收入", LEDGER_INCOME, false), 1);
	assert_int_equal(ledger_subject("捐赠收入", LEDGER_INCOME, true), 0);
	assert_int_equal(ledger_subject("业务活动成本", LEDGER_EXPENSE, false), 1);
	assert_int_equal(ledger_subject("业务活动成本", LEDGER_EXPENSE, true), 0);
}

/* ---- ledger_check ---- */

static void
test_check_clean_and_empty(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f);
	fx_totals(&f, "100.00", "0.00", "0.00", "100.00");
	ledger_check(f.ledger, NULL, false, "x.md", &f.dg);
	assert_int_equal(f.dg.n, 0);
	fx_free(&f);

	fx_init(&f);
	fx_line(&f, f.income, "其他收入", "0.10", "2026-10-01", "记-01");
	fx_line(&f, f.income, "其他收入", "0.20", "2026-10-31", "记-02");
	fx_line(&f, f.expense, "管理费用", "0.30", NULL, NULL);
	fx_totals(&f, "-50.00", "0.30", "0.30", "-50.00");
	ledger_check(f.ledger, NULL, true, "x.md", &f.dg);
	/* A negative closing balance is a warning; the opening is not. */
	assert_int_equal(f.dg.errors, 0);
	assert_int_equal(f.dg.warnings, 1);
	assert_int_equal(f.dg.v[0].sev, DIAG_WARNING);
	assert_int_equal(f.dg.v[0].line, 22);
	assert_string_equal(f.dg.v[0].msg,
	    "本期结余 closing_balance 为负数（-50.00 元）：请核实，并在正文中说明透支的原因和弥补办法");
	fx_free(&f);

	/* A negative opening that ends positive: nothing to say. */
	fx_init(&f);
	fx_line(&f, f.income, "补助收入", "100.00", NULL, NULL);
	fx_totals(&f, "-50.00", "100.00", "0.00", "50.00");
	ledger_check(f.ledger, NULL, true, "x.md", &f.dg);
	assert_int_equal(f.dg.n, 0);
	fx_free(&f);
}

static void
test_check_totals(void **state)
{
	struct fx f;
	const struct diag *d;

	(void)state;
	fx_init(&f);
	fx_line(&f, f.income, "经营收入", "18000.00", NULL, NULL);
	fx_line(&f, f.income, "补助收入", "45000.00", NULL, NULL);
	fx_line(&f, f.income, "发包及上交收入", "12150.00", NULL, NULL);
	fx_line(&f, f.income, "其他收入", "231.45", NULL, NULL);
	fx_line(&f, f.expense, "管理费用", "41476.50", NULL, NULL);
	/* total_income is 450.00 too high; closing follows the lines. */
	fx_totals(&f, "286450.30", "75831.45", "41476.49", "320355.25");
	ledger_check(f.ledger, NULL, true, "x.md", &f.dg);
	assert_int_equal(f.dg.warnings, 0);
	assert_int_equal(f.dg.errors, 2);
	d = diag_at(&f, 20, 3);
	assert_int_equal(d->sev, DIAG_ERROR);
	assert_string_equal(d->msg,
	    "收入合计 total_income 75,831.45 ≠ 明细之和 75,381.45（相差 450.00 元）");
	d = diag_at(&f, 21, 3);
	assert_string_equal(d->msg,
	    "支出合计 total_expense 41,476.49 ≠ 明细之和 41,476.50（相差 0.01 元）");
	/* 286450.30 + 75381.45 − 41476.50 = 320355.25: the closing balance is
	 * right by the lines, so it is not reported. */
	fx_free(&f);

	fx_init(&f);
	fx_line(&f, f.income, "经营收入", "75831.45", NULL, NULL);
	fx_line(&f, f.expense, "管理费用", "41476.50", NULL, NULL);
	fx_totals(&f, "286450.30", "75831.45", "41476.50", "320805.52");
	ledger_check(f.ledger, NULL, true, "x.md", &f.dg);
	assert_int_equal(f.dg.n, 1);
	d = diag_at(&f, 22, 3);
	assert_int_equal(d->sev, DIAG_ERROR);
	assert_string_equal(d->msg,
	    "本期结余 closing_balance 320,805.52 ≠ 上期结余 + 收入合计 − 支出合计 320,805.25（相差 0.27 元）");
	fx_free(&f);
}

static void
test_check_lines(void **state)
{
	struct fx f;
	struct period p;
	const struct diag *d;

	(void)state;
	assert_true(period_parse("2026-10", &p));
	fx_init(&f);
	fx_line(&f, f.income, "补助收入", "10.00", "2026-10-01", "记-10-01"); /* 100 */
	fx_line(&f, f.income, "管理费用", "10.00", "2026-09-30", "记-10-02"); /* 101 */
	fx_line(&f, f.expense, "办公费", "5.00", "2026-11-01", "记-10-01");   /* 102 */
	fx_line(&f, f.expense, "公益支出", "5.00", "2026-10-31", "记-10-01"); /* 103 */
	fx_totals(&f, "0.00", "20.00", "10.00", "10.00");
	ledger_check(f.ledger, &p, true, "x.md", &f.dg);
	assert_int_equal(f.dg.errors, 0);
	assert_int_equal(f.dg.warnings, 6);
	d = diag_at(&f, 101, 20);
	assert_string_equal(d->msg,
	    "收入明细 income 第 2 项 科目 subject：“管理费用”是支出科目，不应列在收入明细里");
	d = diag_at(&f, 101, 60);
	assert_string_equal(d->msg,
	    "收入明细 income 第 2 项 日期 date：2026-09-30 不在所属期 2026年10月（2026-10-01 至 2026-10-31）内");
	d = diag_at(&f, 102, 20);
	assert_string_equal(d->msg,
	    "支出明细 expense 第 1 项 科目 subject：“办公费”不在推荐的支出科目中（经营支出、管理费用、公益支出、其他支出）；请核对会计科目");
	d = diag_at(&f, 102, 60);
	assert_int_equal(d->sev, DIAG_WARNING);
	/* A voucher used three times: the 2nd and 3rd name the first. */
	d = diag_at(&f, 102, 80);
	assert_string_equal(d->msg,
	    "凭证号 voucher：“记-10-01”在第 100 行已经用过；同一张凭证不应重复列出");
	d = diag_at(&f, 103, 80);
	assert_string_equal(d->msg,
	    "凭证号 voucher：“记-10-01”在第 100 行已经用过；同一张凭证不应重复列出");
	fx_free(&f);
}

static void
test_check_missing_amount(void **state)
{
	struct fx f;
	struct gv *m;

	(void)state;
	/* A line whose amount the schema rejected: no second error about
	 * the total, which cannot be known. */
	fx_init(&f);
	fx_line(&f, f.income, "经营收入", "10.00", NULL, NULL);
	m = gv_map(&f.a);
	gv_set_str(&f.a, m, "item", "项目");
	gv_push(&f.a, f.income, m);
	fx_totals(&f, "0.00", "99.00", "0.00", "99.00");
	ledger_check(f.ledger, NULL, true, "x.md", &f.dg);
	assert_int_equal(f.dg.n, 0);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fen_precision),
		cmocka_unit_test(test_sum_many_max_lines),
		cmocka_unit_test(test_empty_and_negative_balance),
		cmocka_unit_test(test_mismatch_sentence),
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_check_clean_and_empty),
		cmocka_unit_test(test_check_totals),
		cmocka_unit_test(test_check_lines),
		cmocka_unit_test(test_check_missing_amount),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
