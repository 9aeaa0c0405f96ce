/* Unit tests: the privacy lint (privacy.h, check_privacy). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "date.h"
#include "privacy.h"

#define MAX_HITS 16

struct hits {
	struct privacy_hit v[MAX_HITS];
	size_t n;
};

static void
collect(void *ctx, const struct privacy_hit *h)
{
	struct hits *hs = ctx;

	if (hs->n < MAX_HITS)
		hs->v[hs->n++] = *h;
}

/* 2026-11-23, the tests' build day. */
static int64_t
today(void)
{
	return days_from_civil(2026, 11, 23);
}

static struct hits
scan(const char *s)
{
	struct hits hs;
	size_t n;

	memset(&hs, 0, sizeof(hs));
	n = privacy_scan(s, strlen(s), today(), collect, &hs);
	assert_int_equal(n, hs.n);
	return hs;
}

/* The text must hold exactly one hit, of `kind`, spelling `digits`, at
 * the bytes `at` of `s`. */
static void
expect_one(const char *s, enum privacy_kind kind, const char *digits,
    const char *at)
{
	struct hits hs = scan(s);

	assert_int_equal(hs.n, 1);
	assert_int_equal(hs.v[0].kind, kind);
	assert_string_equal(hs.v[0].digits, digits);
	assert_non_null(strstr(s, at));
	assert_int_equal(hs.v[0].off, (size_t)(strstr(s, at) - s));
	assert_int_equal(hs.v[0].len, strlen(at));
}

static void
expect_none(const char *s)
{
	struct hits hs = scan(s);

	if (hs.n != 0)
		fail_msg("unexpected hit in \"%s\": kind %d, %s", s,
		    (int)hs.v[0].kind, hs.v[0].digits);
}

static void
test_id_numbers(void **state)
{
	(void)state;
	expect_one("身份证号330102199003071234。", PRIV_ID_NUMBER,
	    "330102199003071234", "330102199003071234");
	/* The check character X, upper or lower case. */
	expect_one("证件：33010219900307123X，", PRIV_ID_NUMBER,
	    "33010219900307123X", "33010219900307123X");
	expect_one("33010219900307123x", PRIV_ID_NUMBER, "33010219900307123x",
	    "33010219900307123x");
	/* Written in 6-8-4 groups. */
	expect_one("号码 330102 19900307 1234 已登记", PRIV_ID_NUMBER,
	    "330102199003071234", "330102 19900307 1234");
	expect_one("330102-19900307-123X", PRIV_ID_NUMBER,
	    "33010219900307123X", "330102-19900307-123X");
	/* Born in 2000s, leap day. */
	expect_one("110101200002291234", PRIV_ID_NUMBER, "110101200002291234",
	    "110101200002291234");
	/* The check digit is not required (privacy.h): 1234 is wrong here,
	 * and the number is still reported. */
	expect_one("ID 330102199003071235", PRIV_ID_NUMBER,
	    "330102199003071235", "330102199003071235");
}

static void
test_id_not_inside_longer_runs(void **state)
{
	struct hits hs;

	(void)state;
	/* 19 and 20 digits: not an ID (19 is a card-length run). */
	hs = scan("3301021990030712345");
	assert_int_equal(hs.n, 1);
	assert_int_equal(hs.v[0].kind, PRIV_BANK_CARD);
	expect_none("13301021990030712345");
	expect_none("33010219900307123456789");
	/* 17 digits followed by a letter other than X, or X glued to a word. */
	hs = scan("33010219900307123XY");
	assert_true(hs.n == 0 || hs.v[0].kind != PRIV_ID_NUMBER);
	/* No real birth date: February 30th, month 13, born in the future,
	 * area code starting with 0. */
	hs = scan("330102199002301234");
	assert_true(hs.n == 0 || hs.v[0].kind != PRIV_ID_NUMBER);
	hs = scan("330102199013011234");
	assert_true(hs.n == 0 || hs.v[0].kind != PRIV_ID_NUMBER);
	hs = scan("330102203001011234");
	assert_true(hs.n == 0 || hs.v[0].kind != PRIV_ID_NUMBER);
	hs = scan("030102199003071234");
	assert_true(hs.n == 0 || hs.v[0].kind != PRIV_ID_NUMBER);
	/* Groups that are not 6-8-4. */
	hs = scan("330102 19900307 1234 5678");
	assert_true(hs.n == 0 || hs.v[0].kind != PRIV_ID_NUMBER);
}

static void
test_mobiles(void **state)
{
	(void)state;
	expect_one("电话13900002222。", PRIV_MOBILE, "13900002222",
	    "13900002222");
	expect_one("网格员（139 0000 2222）", PRIV_MOBILE, "13900002222",
	    "139 0000 2222");
	expect_one("拨打139-0000-2222", PRIV_MOBILE, "13900002222",
	    "139-0000-2222");
	expect_one("手机 +86 139 0000 2222", PRIV_MOBILE, "13900002222",
	    "139 0000 2222");
	expect_one("手机+8613900002222", PRIV_MOBILE, "13900002222",
	    "+8613900002222");
	/* Not mobiles: 12 followed by 9 digits, 10 or 12 digits. */
	expect_none("12900002222");
	expect_none("1390000222");
	expect_none("139000022221");
}

static void
test_bank_cards(void **state)
{
	(void)state;
	expect_one("卡号6222021234567890123。", PRIV_BANK_CARD,
	    "6222021234567890123", "6222021234567890123");
	expect_one("卡号 6222 0212 3456 7890 123 。", PRIV_BANK_CARD,
	    "6222021234567890123", "6222 0212 3456 7890 123");
	expect_one("6222-0212-3456-7890", PRIV_BANK_CARD, "6222021234567890",
	    "6222-0212-3456-7890");
	expect_one("6222021234567890", PRIV_BANK_CARD, "6222021234567890",
	    "6222021234567890");
	/* 15 and 20 digits, or groups that run on: not a card. */
	expect_none("622202123456789");
	expect_none("62220212345678901234");
	expect_none("6222 0212 3456 7890 1234 5678");
	expect_none("6222 0212 3456");
}

static void
test_no_false_positives(void **state)
{
	(void)state;
	expect_none("2026-11-23");
	expect_none("2026年11月23日（星期一）8:30—16:00");
	expect_none("2026-11-26T09:00 至 2026-11-26T17:00");
	expect_none("收入合计 75,831.45 元，结余 320805.25 元");
	expect_none("1234567890123.45");
	expect_none("0.1234567890123456");
	expect_none("凭证 记-09-01、记-10-12");
	expect_none("统计用区划代码 330102005001");
	expect_none("电话 0571-86000100，分机 0571-86000100-8001");
	expect_none("0571 8600 0100 1234 5678");
	expect_none("热线 12345、12348、12388");
	expect_none("20261123093000");
	expect_none("第 1—6 号楼，共 312 户，80 周岁以上 42 人");
	expect_none("QF-02 网格、JC-03 事项");
	/* Identifiers inside URLs. */
	expect_none("https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650123456&sn=a13900002222b");
	expect_none("https://example.cn/art_6222021234567890123.html");
}

static void
test_mask(void **state)
{
	struct privacy_hit h;
	char out[32];

	(void)state;
	memset(&h, 0, sizeof(h));
	h.kind = PRIV_ID_NUMBER;
	strcpy(h.digits, "330102199003071234");
	assert_string_equal(privacy_mask(&h, out), "3301**********1234");
	strcpy(h.digits, "33010219900307123X");
	assert_string_equal(privacy_mask(&h, out), "3301**********123X");
	h.kind = PRIV_BANK_CARD;
	strcpy(h.digits, "6222021234567890123");
	assert_string_equal(privacy_mask(&h, out), "6222***********0123");
	h.kind = PRIV_MOBILE;
	strcpy(h.digits, "13900002222");
	assert_string_equal(privacy_mask(&h, out), "139****2222");
}

/* ---- check_privacy on a record built by hand ---- */

struct fixture {
	struct site s;
	struct record r;
	struct diags dg;
};

static struct gv *
put(struct arena *a, struct gv *map, const char *key, struct gv *v,
    int line, int col)
{
	v->line = line;
	v->col = col;
	assert_true(gv_set(a, map, key, v));
	return v;
}

static struct gv *
put_str(struct arena *a, struct gv *map, const char *key, const char *s,
    int line, int col)
{
	return put(a, map, key, gv_str(a, s), line, col);
}

static void
fixture_init(struct fixture *fx, enum rtype type, const char *body)
{
	struct arena *a = &fx->s.arena;
	struct gv *sup;

	memset(fx, 0, sizeof(*fx));
	diags_init(&fx->dg);
	fx->s.today = today();
	fx->s.v = gv_map(a);
	put_str(a, fx->s.v, "office_phone", "0571-86000100", 7, 1);
	sup = put(a, fx->s.v, "supervisor", gv_map(a), 8, 1);
	put_str(a, sup, "name", "刘淑琴", 8, 15);
	put_str(a, sup, "phone", "13900004444", 8, 40);
	fx->r.type = type;
	fx->r.path = "content/x/r.md";
	fx->r.v = gv_map(a);
	put_str(a, fx->r.v, "title", "测试记录标题", 4, 1);
	fx->r.body = (char *)body;
	fx->r.body_len = strlen(body);
	fx->r.body_line = 12;
}

static void
fixture_free(struct fixture *fx)
{
	diags_free(&fx->dg);
	arena_free(&fx->s.arena);
}

/* The one diagnostic with this text, or fail. */
static const struct diag *
find_diag(const struct diags *dg, const char *text)
{
	size_t i;

	for (i = 0; i < dg->n; i++)
		if (strstr(dg->v[i].msg, text) != NULL)
			return &dg->v[i];
	fail_msg("no diagnostic with \"%s\"", text);
	return NULL;
}

static void
test_check_id_in_field_and_body(void **state)
{
	struct fixture fx;
	const struct diag *d;
	struct gv *contact;
	size_t i;

	(void)state;
	fixture_init(&fx, RT_NOTICE,
	    "各位居民：\n\n领取人：张三（身份证 33010219900307123X）。\n");
	contact = put(&fx.s.arena, fx.r.v, "contact", gv_map(&fx.s.arena), 9, 1);
	put_str(&fx.s.arena, contact, "name", "张三 330102199003071234", 9, 12);
	put_str(&fx.s.arena, contact, "phone", "13900001111", 9, 40);
	check_privacy(&fx.s, &fx.r, &fx.dg);
	assert_int_equal(fx.dg.errors, 2);
	assert_int_equal(fx.dg.warnings, 0);

	d = find_diag(&fx.dg, "姓名 contact.name");
	assert_int_equal(d->sev, DIAG_ERROR);
	assert_int_equal(d->line, 9);
	assert_int_equal(d->col, 12);
	assert_non_null(strstr(d->msg, "身份证号（3301**********1234）"));

	/* Body line 3 (file line 14), after 11 characters. */
	d = find_diag(&fx.dg, "正文");
	assert_int_equal(d->sev, DIAG_ERROR);
	assert_int_equal(d->line, 14);
	assert_int_equal(d->col, 12);
	assert_non_null(strstr(d->msg, "3301**********123X"));
	/* Never the whole number. */
	for (i = 0; i < fx.dg.n; i++) {
		assert_null(strstr(fx.dg.v[i].msg, "330102199003071234"));
		assert_null(strstr(fx.dg.v[i].msg, "33010219900307123X"));
	}
	fixture_free(&fx);
}

static void
test_check_declared_phones(void **state)
{
	struct fixture fx;
	const struct diag *d;
	struct gv *contact;

	(void)state;
	/* 139 0000 1111 is the record's contact, 139 0000 4444 the site's
	 * supervisor; 138 0000 9999 nobody's. */
	fixture_init(&fx, RT_NOTICE,
	    "请联系孙文静（139 0000 1111）或监委会（139-0000-4444）。\n"
	    "也可以找王师傅 13800009999。\n");
	contact = put(&fx.s.arena, fx.r.v, "contact", gv_map(&fx.s.arena), 9, 1);
	put_str(&fx.s.arena, contact, "name", "孙文静", 9, 12);
	put_str(&fx.s.arena, contact, "phone", "13900001111", 9, 30);
	put_str(&fx.s.arena, fx.r.v, "audience", "梧桐里住户，联系 13700007777",
	    10, 1);
	check_privacy(&fx.s, &fx.r, &fx.dg);
	assert_int_equal(fx.dg.errors, 0);
	assert_int_equal(fx.dg.warnings, 2);
	d = find_diag(&fx.dg, "138****9999");
	assert_int_equal(d->sev, DIAG_WARNING);
	assert_int_equal(d->line, 13);
	assert_int_equal(d->col, 9);
	d = find_diag(&fx.dg, "对象 audience");
	assert_non_null(strstr(d->msg, "137****7777"));
	assert_int_equal(d->line, 10);

	/* The site's numbers collected once (as site_load does) let the
	 * same through: the same two warnings, in the same words. */
	{
		struct diags again;
		size_t i;

		diags_init(&again);
		fx.s.privacy = privacy_site(&fx.s);
		assert_non_null(fx.s.privacy);
		check_privacy(&fx.s, &fx.r, &again);
		assert_int_equal(again.n, fx.dg.n);
		for (i = 0; i < again.n; i++) {
			assert_string_equal(again.v[i].msg, fx.dg.v[i].msg);
			assert_int_equal(again.v[i].line, fx.dg.v[i].line);
			assert_int_equal(again.v[i].col, fx.dg.v[i].col);
		}
		diags_free(&again);
	}
	fixture_free(&fx);
}

static void
test_check_cards_and_exempt_fields(void **state)
{
	struct fixture fx;
	struct arena *a;
	struct gv *ledger, *income, *line, *adv, *advs;
	const struct diag *d;

	(void)state;
	fixture_init(&fx, RT_DISCLOSURE,
	    "补贴打入 6222 0212 3456 7890 123，凭证 6222021234567890。\n");
	a = &fx.s.arena;
	ledger = put(a, fx.r.v, "ledger", gv_map(a), 20, 1);
	income = put(a, ledger, "income", gv_list(a), 21, 3);
	line = gv_map(a);
	assert_true(gv_push(a, income, line));
	put_str(a, line, "item", "补贴 6228480012345678901", 22, 7);
	/* A voucher number of card length is the author's on purpose, also
	 * when the body repeats it. */
	put_str(a, line, "voucher", "6222021234567890", 22, 40);
	check_privacy(&fx.s, &fx.r, &fx.dg);
	assert_int_equal(fx.dg.errors, 0);
	assert_int_equal(fx.dg.warnings, 2);
	d = find_diag(&fx.dg, "收支项目 ledger.income.item");
	assert_non_null(strstr(d->msg, "6228***********8901"));
	assert_int_equal(d->line, 22);
	assert_int_equal(d->col, 7);
	d = find_diag(&fx.dg, "正文");
	assert_non_null(strstr(d->msg, "6222***********0123"));
	assert_int_equal(d->line, 12);
	assert_int_equal(d->col, 6);
	fixture_free(&fx);

	/* A lawyer's licence number (17 digits) is not a card. */
	fixture_init(&fx, RT_LEGAL_SCHEDULE, "执业证号 13301201510000000 可查询。\n");
	a = &fx.s.arena;
	advs = put(a, fx.r.v, "advisers", gv_list(a), 20, 1);
	adv = gv_map(a);
	assert_true(gv_push(a, advs, adv));
	put_str(a, adv, "name", "陈立明", 21, 5);
	put_str(a, adv, "license_no", "13301201510000000", 21, 30);
	check_privacy(&fx.s, &fx.r, &fx.dg);
	assert_int_equal(fx.dg.errors + fx.dg.warnings, 0);
	fixture_free(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_numbers),
		cmocka_unit_test(test_id_not_inside_longer_runs),
		cmocka_unit_test(test_mobiles),
		cmocka_unit_test(test_bank_cards),
		cmocka_unit_test(test_no_false_positives),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_check_id_in_field_and_body),
		cmocka_unit_test(test_check_declared_phones),
		cmocka_unit_test(test_check_cards_and_exempt_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
