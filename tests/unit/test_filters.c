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

static const char *const roots[] = {"site", "page", "pages", NULL};

/* Every key but "nosuchkey" can appear in the model. */
static bool
known_key(const char *key)
{
	return strcmp(key, "nosuchkey") != 0;
}

struct fx {
	struct tmpl_set *ts;
	struct arena model, scratch;
	struct diags dg;
	struct buf out;
	struct gv *ctx, *site, *page;
	int seq;
};

static int
setup(void **state)
{
	static struct fx f;
	struct arena *a = &f.model;
	struct gv *list, *item, *contact;
	const char *names[] = {"甲", "乙", "丙"};
	int i;

	memset(&f, 0, sizeof(f));
	diags_init(&f.dg);
	f.ts = tmpl_set_new("/nonexistent-templates", "templates", roots,
	    known_key);
	assert_non_null(f.ts);
	f.ctx = gv_map(a);
	f.site = gv_map(a);
	f.page = gv_map(a);
	gv_set(a, f.ctx, "site", f.site);
	gv_set(a, f.ctx, "page", f.page);
	gv_set_str(a, f.site, "org_name", "清风社区居民委员会");
	gv_set(a, f.site, "home_url", gv_url(a, ""));
	gv_set(a, f.site, "rss", gv_url(a, "rss.xml"));
	gv_set_str(a, f.site, "office_phone", "0571-86000100");
	gv_set_str(a, f.page, "title", "停水通知");
	gv_set(a, f.page, "url", gv_url(a, "notices/2026-11-19-water/"));
	gv_set_int(a, f.page, "date", GV_DATE, days_from_civil(2025, 10, 10));
	gv_set_int(a, f.page, "start", GV_DATETIME,
	    days_from_civil(2026, 11, 25) * 86400 + 8 * 3600 + 30 * 60);
	gv_set_int(a, f.page, "open", GV_TIME, 14 * 60 + 5);
	gv_set_int(a, f.page, "total", GV_MONEY, 7583145);
	gv_set_int(a, f.page, "negative", GV_MONEY, -120050);
	gv_set_int(a, f.page, "households", GV_INT, 300);
	gv_set_bool(a, f.page, "yes", true);
	gv_set_bool(a, f.page, "no", false);
	gv_set(a, f.page, "nothing", gv_new(a, GV_NULL));
	gv_set_str(a, f.page, "empty", "");
	gv_set_str(a, f.page, "summary", "因主供水管阀门更换，梧桐里1—6号楼停水");
	gv_set_str(a, f.page, "ascii", "Water outage");
	gv_set_str(a, f.page, "mobile", "13900001111");
	gv_set_str(a, f.page, "landline", "0571-86000100-8021");
	gv_set(a, f.page, "body", gv_html(a, "<p>正文<strong>加粗</strong></p>"));
	gv_set(a, f.page, "ext", gv_url(a, "https://www.gov.cn/zhengce/"));
	gv_set(a, f.page, "frag", gv_url(a, "#items"));
	contact = gv_map(a);
	gv_set_str(a, contact, "name", "马丽");
	gv_set(a, f.page, "contact", contact);
	list = gv_list(a);
	for (i = 0; i < 3; i++) {
		item = gv_map(a);
		gv_set_str(a, item, "name", names[i]);
		gv_push(a, list, item);
	}
	gv_set(a, f.page, "items", list);
	gv_set(a, f.page, "none", gv_list(a));
	assert_false(a->oom);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tmpl_set_free(f->ts);
	arena_free(&f->model);
	arena_free(&f->scratch);
	diags_free(&f->dg);
	buf_free(&f->out);
	return 0;
}

static void
dump_diags(const struct fx *f)
{
	size_t i;

	for (i = 0; i < f->dg.n; i++)
		print_message("diag %s:%d:%d: %s\n",
		    f->dg.v[i].file ? f->dg.v[i].file : "-", f->dg.v[i].line,
		    f->dg.v[i].col, f->dg.v[i].msg);
}

/* Compile `text` as a new template and render it with page root `root`
 * ("" home, "../../" a record).  Returns the output, or NULL. */
static const char *
render_root(struct fx *f, const char *text, const char *root)
{
	char name[32];
	const struct tmpl *t;
	struct tmpl_env env;

	snprintf(name, sizeof(name), "t%d.html", ++f->seq);
	assert_true(tmpl_set_add_string(f->ts, name, text));
	t = tmpl_get(f->ts, name, &f->dg);
	if (t == NULL)
		return NULL;
	env.root = root;
	env.base_url = "https://qingfeng.example.cn";
	env.scratch = &f->scratch;
	buf_reset(&f->out);
	if (tmpl_render(t, f->ctx, &env, &f->out, &f->dg) != 0)
		return NULL;
	return f->out.data ? f->out.data : "";
}

static const char *
render(struct fx *f, const char *text)
{
	const char *s = render_root(f, text, "../../");

	if (s == NULL)
		dump_diags(f);
	assert_non_null(s);
	assert_int_equal(f->dg.n, 0);
	return s;
}

/* Render must fail with exactly one error at `file`:`line` whose message
 * holds `needle`. */
static void
expect_tmpl_error(struct fx *f, const char *text, int line,
    const char *needle)
{
	char file[64];

	assert_null(render_root(f, text, ""));
	snprintf(file, sizeof(file), "templates/t%d.html", f->seq);
	if (f->dg.n != 1)
		dump_diags(f);
	assert_int_equal(f->dg.n, 1);
	assert_int_equal(f->dg.v[0].sev, DIAG_ERROR);
	assert_non_null(f->dg.v[0].file);
	assert_string_equal(f->dg.v[0].file, file);
	assert_int_equal(f->dg.v[0].line, line);
	if (strstr(f->dg.v[0].msg, needle) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", f->dg.v[0].msg, needle);
	diags_free(&f->dg);
	diags_init(&f->dg);
}

#define EXPECT(f, tmpl, want) assert_string_equal(render(f, tmpl), want)

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
