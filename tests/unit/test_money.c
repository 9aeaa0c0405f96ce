/*
 * Amounts: int64 fen parsed from "75831.45", formatted as 75,831.45 and
 * written in 人民币大写 the way 《支付结算办法》 and bank forms want it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "money.h"

static void
parse_forms(void **state)
{
	int64_t f = 42;

	(void)state;
	assert_true(money_parse("0.00", false, &f));
	assert_int_equal(f, 0);
	assert_true(money_parse("0.05", false, &f));
	assert_int_equal(f, 5);
	assert_true(money_parse("75831.45", false, &f));
	assert_int_equal(f, 7583145);
	assert_true(money_parse("100100.00", false, &f));
	assert_int_equal(f, 10010000);
	/* 13 integer digits at most */
	assert_true(money_parse("9999999999999.99", false, &f));
	assert_int_equal(f, MONEY_MAX_FEN);
	assert_true(money_parse("1000000000000.00", false, &f));
	assert_int_equal(f, INT64_C(100000000000000));
	f = 42;
	assert_false(money_parse("10000000000000.00", false, &f));
	assert_int_equal(f, 42); /* untouched on failure */
	/* exactly two decimals, no grouping, no signs but '-', no spaces */
	assert_false(money_parse("1", false, &f));
	assert_false(money_parse("1.5", false, &f));
	assert_false(money_parse("1.500", false, &f));
	assert_false(money_parse("1.", false, &f));
	assert_false(money_parse(".50", false, &f));
	assert_false(money_parse("01.00", false, &f));
	assert_false(money_parse("00.00", false, &f));
	assert_false(money_parse("1,000.00", false, &f));
	assert_false(money_parse("+1.00", false, &f));
	assert_false(money_parse(" 1.00", false, &f));
	assert_false(money_parse("1.00 ", false, &f));
	assert_false(money_parse("1.0a", false, &f));
	assert_false(money_parse("１.00", false, &f));
	assert_false(money_parse("1e3", false, &f));
	assert_false(money_parse("", false, &f));
	assert_false(money_parse("-", true, &f));
	assert_int_equal(f, 42);
}

static void
parse_negatives(void **state)
{
	int64_t f = 42;

	(void)state;
	assert_false(money_parse("-1.00", false, &f));
	assert_int_equal(f, 42);
	assert_true(money_parse("-1.00", true, &f));
	assert_int_equal(f, -100);
	assert_true(money_parse("-75831.45", true, &f));
	assert_int_equal(f, -7583145);
	assert_true(money_parse("-0.01", true, &f));
	assert_int_equal(f, -1);
	assert_true(money_parse("-9999999999999.99", true, &f));
	assert_int_equal(f, -MONEY_MAX_FEN);
	/* nobody writes minus zero */
	assert_false(money_parse("-0.00", true, &f));
	assert_false(money_parse("--1.00", true, &f));
	assert_false(money_parse("-01.00", true, &f));
}

static void
format(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(money_fmt(0, out), "0.00");
	assert_string_equal(money_fmt(5, out), "0.05");
	assert_string_equal(money_fmt(50, out), "0.50");
	assert_string_equal(money_fmt(100, out), "1.00");
	assert_string_equal(money_fmt(99999, out), "999.99");
	assert_string_equal(money_fmt(100000, out), "1,000.00");
	assert_string_equal(money_fmt(7583145, out), "75,831.45");
	assert_string_equal(money_fmt(12345678901, out), "123,456,789.01");
	assert_string_equal(money_fmt(MONEY_MAX_FEN, out), "9,999,999,999,999.99");
	assert_string_equal(money_fmt(-1, out), "-0.01");
	assert_string_equal(money_fmt(-120050, out), "-1,200.50");
	assert_string_equal(money_fmt(-MONEY_MAX_FEN, out),
	    "-9,999,999,999,999.99");
}

static void
upper(void **state)
{
	static const struct {
		int64_t fen;
		const char *want;
	} cases[] = {
		{0, "零元整"},
		{5, "伍分"},
		{50, "伍角"},
		{55, "伍角伍分"},
		{100, "壹元整"},
		{105, "壹元零伍分"},
		{150, "壹元伍角"},
		{1000, "壹拾元整"},
		{2000, "贰拾元整"},
		{1100, "壹拾壹元整"},
		{32504, "叁佰贰拾伍元零肆分"},
		{100001, "壹仟元零壹分"},
		{101000, "壹仟零壹拾元整"},
		{140950, "壹仟肆佰零玖元伍角"},
		{600714, "陆仟零柒元壹角肆分"},
		{168032, "壹仟陆佰捌拾元叁角贰分"},
		{7583145, "柒万伍仟捌佰叁拾壹元肆角伍分"},
		{10000000, "壹拾万元整"},
		{10010000, "壹拾万零壹佰元整"},
		{10700053, "壹拾万零柒仟元伍角叁分"},
		{101000000, "壹佰零壹万元整"},
		{10000000000, "壹亿元整"},
		{10001000000, "壹亿零壹万元整"},
		{10000000100, "壹亿零壹元整"},
		{1000000000100, "壹佰亿零壹元整"},
		{2000100000000, "贰佰亿零壹佰万元整"},
		{10000000000000, "壹仟亿元整"},
		{INT64_C(100000000000000), "壹万亿元整"},
		{INT64_C(100000001000000), "壹万亿零壹万元整"},
		{INT64_C(100010000000000), "壹万零壹亿元整"},
		{MONEY_MAX_FEN,
		    "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
		/* Beyond what the schema accepts, up to the ends of int64:
		 * sums and differences are formatted too. */
		{INT64_C(1000000000000000000), "壹亿亿元整"},
		{INT64_C(1000100000000000000), "壹亿零壹万亿元整"},
		{INT64_MAX, "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分"},
		{INT64_MIN, "负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分"},
		{-120050, "负壹仟贰佰元伍角"},
		{-5, "负伍分"},
	};
	char out[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		money_upper(cases[i].fen, out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%lld fen: got %s, want %s",
			    (long long)cases[i].fen, out, cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_forms),
		cmocka_unit_test(parse_negatives),
		cmocka_unit_test(format),
		cmocka_unit_test(upper),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
