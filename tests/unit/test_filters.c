/*
 * Template filters (date, monthday, weekday, datetime, time, iso, rfc822,
 * money, money_upper, count, truncate:N, phone, tel, abs) as templates
 * use them, and the phone and UTF-8 functions behind them.  Templates
 * are registered in memory with tmpl_set_add_string().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "date.h"
#include "phone.h"
#include "utf8.h"
#include "template.h"

#include "tmpl_fixture.h"

/* ---- filters ---- */

static void
filters_dates(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<p data-g-text=\"page.date|date\"/>", "<p>2025年10月10日</p>");
	EXPECT(f, "<p data-g-text=\"page.date|monthday\"/>", "<p>10月10日</p>");
	EXPECT(f, "<p data-g-text=\"page.date|weekday\"/>", "<p>星期五</p>");
	EXPECT(f, "<p data-g-text=\"page.date|fulldate\"/>",
	    "<p>2025年10月10日（星期五）</p>");
	EXPECT(f, "<p data-g-text=\"page.start|fulldate\"/>",
	    "<p>2026年11月25日（星期三）</p>");
	EXPECT(f, "<p data-g-text=\"page.date|datetime\"/>",
	    "<p>2025年10月10日</p>");
	EXPECT(f, "<p data-g-text=\"page.date|iso\"/>", "<p>2025-10-10</p>");
	EXPECT(f, "<p data-g-text=\"page.date|rfc822\"/>",
	    "<p>Fri, 10 Oct 2025 00:00:00 +0800</p>");
	EXPECT(f, "<p data-g-text=\"page.start|date\"/>", "<p>2026年11月25日</p>");
	EXPECT(f, "<p data-g-text=\"page.start|monthday\"/>", "<p>11月25日</p>");
	EXPECT(f, "<p data-g-text=\"page.start|weekday\"/>", "<p>星期三</p>");
	EXPECT(f, "<p data-g-text=\"page.start|datetime\"/>",
	    "<p>2026年11月25日 08:30</p>");
	EXPECT(f, "<p data-g-text=\"page.start|time\"/>", "<p>08:30</p>");
	EXPECT(f, "<p data-g-text=\"page.start|iso\"/>",
	    "<p>2026-11-25T08:30:00+08:00</p>");
	EXPECT(f, "<p data-g-text=\"page.start|rfc822\"/>",
	    "<p>Wed, 25 Nov 2026 08:30:00 +0800</p>");
	EXPECT(f, "<p data-g-text=\"page.open|time\"/>", "<p>14:05</p>");
	/* null passes through every filter */
	EXPECT(f, "<p data-g-text=\"page.nothing|date\">x</p>", "<p></p>");
	/* a value of the wrong kind is an error at the element's line */
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.title|date\"/></div>",
	    2, "不适用这个过滤器");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.date|time\"/></div>",
	    2, "不适用这个过滤器");
}

static void
filters_money(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<p data-g-text=\"page.total|money\"/>", "<p>75,831.45</p>");
	EXPECT(f, "<p data-g-text=\"page.negative|money\"/>", "<p>-1,200.50</p>");
	EXPECT(f, "<p data-g-text=\"page.total|money_upper\"/>",
	    "<p>柒万伍仟捌佰叁拾壹元肆角伍分</p>");
	EXPECT(f, "<p data-g-text=\"page.negative|money_upper\"/>",
	    "<p>负壹仟贰佰元伍角</p>");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.households|money\"/></div>",
	    2, "不适用这个过滤器");
}

static void
filters_count_truncate(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<p data-g-text=\"page.items|count\"/>", "<p>3</p>");
	EXPECT(f, "<p data-g-text=\"page.none|count\"/>", "<p>0</p>");
	EXPECT(f, "<p data-g-text=\"page.contact|count\"/>", "<p>1</p>");
	EXPECT(f, "<p data-g-text=\"page.title|count\"/>", "<p>4</p>");
	/* truncate:N counts characters and keeps N of them, the last an
	 * ellipsis */
	EXPECT(f, "<p data-g-text=\"page.summary|truncate:6\"/>",
	    "<p>因主供水管…</p>");
	EXPECT(f, "<p data-g-text=\"page.title|truncate:4\"/>", "<p>停水通知</p>");
	EXPECT(f, "<p data-g-text=\"page.title|truncate:3\"/>", "<p>停水…</p>");
	EXPECT(f, "<p data-g-text=\"page.ascii|truncate:5\"/>", "<p>Wate…</p>");
	EXPECT(f, "<p data-g-text=\"page.title|truncate:1\"/>", "<p>…</p>");
	/* filters chain left to right */
	EXPECT(f, "<p data-g-text=\"page.summary|truncate:6|count\"/>",
	    "<p>6</p>");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.title|truncate\"/></div>",
	    2, "写法不对");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.title|truncate:0\"/></div>",
	    2, "写法不对");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.title|truncate:x\"/></div>",
	    2, "写法不对");
}

static void
filters_phone(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<p data-g-text=\"page.mobile|phone\"/>", "<p>139 0000 1111</p>");
	EXPECT(f, "<p data-g-text=\"page.landline|phone\"/>",
	    "<p>0571-86000100-8021</p>");
	EXPECT(f, "<a data-g-attr-href=\"page.mobile|tel\">x</a>",
	    "<a href=\"tel:13900001111\">x</a>");
	EXPECT(f, "<a data-g-attr-href=\"page.landline|tel\">x</a>",
	    "<a href=\"tel:057186000100,8021\">x</a>");
	/* tel: is absolute, also on the home page */
	assert_string_equal(render_root(f,
	    "<a data-g-attr-href=\"site.office_phone|tel\">x</a>", ""),
	    "<a href=\"tel:057186000100\">x</a>");
}

static void
filters_abs(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<link rel=\"canonical\" data-g-attr-href=\"page.url|abs\"/>",
	    "<link rel=\"canonical\" href=\"https://qingfeng.example.cn/notices/2026-11-19-water/\">");
	EXPECT(f, "<link data-g-attr-href=\"site.home_url|abs\"/>",
	    "<link href=\"https://qingfeng.example.cn/\">");
	/* an absolute URL stays as it is */
	EXPECT(f, "<a data-g-attr-href=\"page.ext|abs\">x</a>",
	    "<a href=\"https://www.gov.cn/zhengce/\">x</a>");
}

static void
unknown_filter(void **state)
{
	struct fx *f = *state;

	expect_tmpl_error(f, "<div>\n\n\n<p data-g-text=\"page.title|upper\"/></div>",
	    4, "未知的过滤器“upper”");
	expect_tmpl_error(f, "<div>\n<p data-g-attr-title=\"page.date|date|bogus\"/></div>",
	    2, "未知的过滤器“bogus”");
}


/* ---- the functions behind phone, tel and truncate ---- */

static void
phone_kinds(void **state)
{
	(void)state;
	assert_int_equal(phone_kind("13900001111"), PHONE_MOBILE);
	assert_int_equal(phone_kind("19912345678"), PHONE_MOBILE);
	assert_int_equal(phone_kind("12900001111"), PHONE_INVALID);
	assert_int_equal(phone_kind("1390000111"), PHONE_INVALID);
	assert_int_equal(phone_kind("139000011112"), PHONE_INVALID);
	assert_int_equal(phone_kind("139-0000-1111"), PHONE_INVALID);
	assert_int_equal(phone_kind("0571-86000100"), PHONE_LANDLINE);
	assert_int_equal(phone_kind("010-12345678"), PHONE_LANDLINE);
	assert_int_equal(phone_kind("0571-8600010"), PHONE_LANDLINE);
	assert_int_equal(phone_kind("0571-86000100-8021"), PHONE_LANDLINE);
	assert_int_equal(phone_kind("0571-860001"), PHONE_INVALID);
	assert_int_equal(phone_kind("0571-860001000"), PHONE_INVALID);
	assert_int_equal(phone_kind("057186000100"), PHONE_INVALID);
	assert_int_equal(phone_kind("0571-86000100-"), PHONE_INVALID);
	assert_int_equal(phone_kind("0571-86000100-1234567"), PHONE_INVALID);
	assert_int_equal(phone_kind("00571-86000100"), PHONE_INVALID);
	assert_int_equal(phone_kind("12345"), PHONE_HOTLINE);
	assert_int_equal(phone_kind("110"), PHONE_HOTLINE);
	assert_int_equal(phone_kind("12348"), PHONE_HOTLINE);
	assert_int_equal(phone_kind("12346"), PHONE_INVALID);
	assert_int_equal(phone_kind(""), PHONE_INVALID);
	assert_int_equal(phone_kind("+8613900001111"), PHONE_INVALID);
}

static void
phone_display_tel(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(phone_display("13900001111", out), "139 0000 1111");
	assert_string_equal(phone_display("0571-86000100", out), "0571-86000100");
	assert_string_equal(phone_display("12345", out), "12345");
	assert_string_equal(phone_tel("13900001111", out), "tel:13900001111");
	assert_string_equal(phone_tel("0571-86000100", out), "tel:057186000100");
	assert_string_equal(phone_tel("0571-86000100-8021", out),
	    "tel:057186000100,8021");
	assert_string_equal(phone_tel("12345", out), "tel:12345");
}

static void
utf8_functions(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_chars("停水通知"), 4);
	assert_int_equal(utf8_chars("a停b"), 3);
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_prefix("停水通知", 2), 6);
	assert_int_equal(utf8_prefix("a停b", 2), 4);
	assert_int_equal(utf8_prefix("ab", 5), 2);
	assert_int_equal(utf8_prefix("😀x", 1), 4);
	/* strict decoding */
	assert_int_equal(utf8_check("停水", 6), 6);
	assert_int_equal(utf8_check("a\xe5\x81", 3), 1);      /* truncated */
	assert_int_equal(utf8_check("\xc0\xaf", 2), 0);       /* overlong */
	assert_int_equal(utf8_check("\xed\xa0\x80", 3), 0);   /* surrogate */
	assert_int_equal(utf8_check("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	assert_int_equal(utf8_check("ab\0c", 4), 2);          /* NUL */
	/* Every three-byte lead against the rule of Unicode's table 3-7
	 * (E0 needs A0-BF next, ED 80-9F, the others 80-BF), for every second
	 * byte and third bytes on both sides of the continuation range. */
	{
		static const unsigned char third[] = {0x00, 0x41, 0x7f, 0x80,
		    0x9f, 0xa0, 0xbf, 0xc0, 0xff};
		unsigned char b[4];
		unsigned lead, mid;
		size_t k;

		for (lead = 0xe0; lead <= 0xef; lead++)
			for (mid = 0; mid <= 0xff; mid++)
				for (k = 0; k < sizeof(third); k++) {
					unsigned lo = lead == 0xe0 ? 0xa0 : 0x80;
					unsigned hi = lead == 0xed ? 0x9f : 0xbf;
					bool ok = mid >= lo && mid <= hi &&
					    (third[k] & 0xc0) == 0x80;

					b[0] = (unsigned char)lead;
					b[1] = (unsigned char)mid;
					b[2] = third[k];
					b[3] = 'x';
					assert_int_equal(utf8_check((char *)b, 4),
					    ok ? 4 : 0);
					/* cut short: never valid */
					assert_int_equal(utf8_check((char *)b, 2), 0);
				}
	}
	assert_int_equal(utf8_decode((const unsigned char *)"\xe5\x81\x9c", 3,
	    &cp), 3);
	assert_int_equal(cp, 0x505c);
	/* CJK for the line-join rule */
	assert_true(utf8_is_cjk(0x505c));  /* 停 */
	assert_true(utf8_is_cjk(0x3002));  /* 。 */
	assert_true(utf8_is_cjk(0xff0c));  /* ， */
	assert_true(utf8_is_cjk(0x201c));  /* “ */
	assert_true(utf8_is_cjk(0x20000)); /* 𠀀 */
	assert_false(utf8_is_cjk('a'));
	assert_false(utf8_is_cjk('8'));
	assert_false(utf8_is_cjk(0x00e9)); /* é */
	assert_int_equal(utf8_first("停水", 6), 0x505c);
	assert_int_equal(utf8_last("停水", 6), 0x6c34);
	assert_int_equal(utf8_last("", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(filters_dates),
		T(filters_money),
		T(filters_count_truncate),
		T(filters_phone),
		T(filters_abs),
		T(unknown_filter),
#undef T
		cmocka_unit_test(phone_kinds),
		cmocka_unit_test(phone_display_tel),
		cmocka_unit_test(utf8_functions),
	};
	int rc;

	xmlInitParser();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
