/*
 * The template engine: every data-g-* attribute, URLs made relative to
 * the page, template errors as file:line, HTML5 output.  The filters are
 * in test_filters.c.
 * Templates are registered in memory with tmpl_set_add_string().
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
#include "template.h"

#include "tmpl_fixture.h"

/* ---- attributes ---- */

static void
text_attr(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<p data-g-text=\"page.title\">占位</p>", "<p>停水通知</p>");
	EXPECT(f, "<p data-g-text=\"page.contact.name\"><b>x</b></p>",
	    "<p>马丽</p>");
	EXPECT(f, "<p data-g-text=\"page.households\"/>", "<p>300</p>");
	EXPECT(f, "<p><b data-g-text=\"page.yes\"/><b data-g-text=\"page.no\"/></p>",
	    "<p><b>是</b><b>否</b></p>");
	/* typed values have a default format */
	EXPECT(f, "<p data-g-text=\"page.date\"/>", "<p>2025年10月10日</p>");
	EXPECT(f, "<p data-g-text=\"page.total\"/>", "<p>75,831.45</p>");
	EXPECT(f, "<p data-g-text=\"page.open\"/>", "<p>14:05</p>");
	EXPECT(f, "<p data-g-text=\"page.start\"/>",
	    "<p>2026年11月25日 08:30</p>");
	/* null, missing and HTML-as-text */
	EXPECT(f, "<p data-g-text=\"page.nothing\">x</p>", "<p></p>");
	EXPECT(f, "<p data-g-text=\"page.missing\">x</p>", "<p></p>");
	EXPECT(f, "<p data-g-text=\"page.body\"/>",
	    "<p>&lt;p&gt;正文&lt;strong&gt;加粗&lt;/strong&gt;&lt;/p&gt;</p>");
}

static void
text_of_list_is_error(void **state)
{
	struct fx *f = *state;

	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.items\"/>\n</div>",
	    2, "列表或映射");
}

static void
html_attr(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<div data-g-html=\"page.body\">占位</div>",
	    "<div><p>正文<strong>加粗</strong></p></div>");
	/* only GV_HTML is trusted: a string is escaped */
	EXPECT(f, "<div data-g-html=\"page.title\"/>", "<div>停水通知</div>");
	gv_set_str(&f->model, f->page, "title", "<b>x</b>");
	EXPECT(f, "<div data-g-html=\"page.title\"/>",
	    "<div>&lt;b&gt;x&lt;/b&gt;</div>");
}

static void
attr_attr(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<a data-g-attr-title=\"page.title\">x</a>",
	    "<a title=\"停水通知\">x</a>");
	/* static attributes stay, in order */
	EXPECT(f, "<a class=\"c\" data-g-attr-title=\"page.title\" id=\"i\">x</a>",
	    "<a class=\"c\" title=\"停水通知\" id=\"i\">x</a>");
	/* null, missing and false values omit the attribute */
	EXPECT(f, "<a data-g-attr-title=\"page.nothing\">x</a>", "<a>x</a>");
	EXPECT(f, "<a data-g-attr-title=\"page.missing\">x</a>", "<a>x</a>");
	EXPECT(f, "<input data-g-attr-checked=\"page.no\"/>", "<input>");
	/* true gives a boolean attribute */
	EXPECT(f, "<input data-g-attr-checked=\"page.yes\"/>",
	    "<input checked=\"\">");
	/* typed values are formatted; filters apply */
	EXPECT(f, "<time data-g-attr-datetime=\"page.date|iso\">x</time>",
	    "<time datetime=\"2025-10-10\">x</time>");
	EXPECT(f, "<data data-g-attr-value=\"page.total\">x</data>",
	    "<data value=\"75,831.45\">x</data>");
}

static void
attr_replaces_static_placeholder(void **state)
{
	struct fx *f = *state;

	/* A designer writes href="#" so the template opens in a browser;
	 * the output has one href, the computed one. */
	EXPECT(f, "<a href=\"#\" data-g-attr-href=\"page.url\">x</a>",
	    "<a href=\"../../notices/2026-11-19-water/\">x</a>");
	/* ... and keeps the placeholder when the value is absent */
	EXPECT(f, "<a href=\"#\" data-g-attr-href=\"page.missing\">x</a>",
	    "<a href=\"#\">x</a>");
	EXPECT(f, "<p class=\"a\" data-g-attr-class=\"page.title\">x</p>",
	    "<p class=\"停水通知\">x</p>");
}

static void
if_unless(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<div><p data-g-if=\"page.yes\">y</p><p data-g-if=\"page.no\">n</p></div>",
	    "<div><p>y</p></div>");
	EXPECT(f, "<div><p data-g-unless=\"page.yes\">y</p><p data-g-unless=\"page.no\">n</p></div>",
	    "<div><p>n</p></div>");
	/* falsy: null, missing, false, 0, "", empty list; dates and 0.00
	 * amounts are truthy */
	gv_set_int(&f->model, f->page, "zero", GV_INT, 0);
	gv_set_int(&f->model, f->page, "nilmoney", GV_MONEY, 0);
	EXPECT(f,
	    "<div>"
	    "<i data-g-if=\"page.nothing\">1</i>"
	    "<i data-g-if=\"page.missing\">2</i>"
	    "<i data-g-if=\"page.zero\">3</i>"
	    "<i data-g-if=\"page.empty\">4</i>"
	    "<i data-g-if=\"page.none\">5</i>"
	    "<i data-g-if=\"page.items\">6</i>"
	    "<i data-g-if=\"page.date\">7</i>"
	    "<i data-g-if=\"page.nilmoney\">8</i>"
	    "<i data-g-if=\"page.contact\">9</i>"
	    "</div>",
	    "<div><i>6</i><i>7</i><i>8</i><i>9</i></div>");
	/* if and unless together: both must hold */
	EXPECT(f, "<div><b data-g-if=\"page.yes\" data-g-unless=\"page.no\">k</b>"
	    "<b data-g-if=\"page.yes\" data-g-unless=\"page.yes\">d</b></div>",
	    "<div><b>k</b></div>");
}

static void
each_attr(void **state)
{
	struct fx *f = *state;

	EXPECT(f,
	    "<ul><li data-g-each=\"x in page.items\">"
	    "<span data-g-text=\"x_index\"/>"
	    "<b data-g-if=\"x_first\">首</b>"
	    "<i data-g-text=\"x.name\"/>"
	    "<b data-g-if=\"x_last\">末</b>"
	    "</li></ul>",
	    "<ul><li><span>1</span><b>首</b><i>甲</i></li>"
	    "<li><span>2</span><i>乙</i></li>"
	    "<li><span>3</span><i>丙</i><b>末</b></li></ul>");
	/* an empty or missing list renders nothing */
	EXPECT(f, "<ul><li data-g-each=\"x in page.none\">x</li></ul>",
	    "<ul></ul>");
	EXPECT(f, "<ul><li data-g-each=\"x in page.missing\">x</li></ul>",
	    "<ul></ul>");
	/* if is evaluated per item, with the loop variable in scope */
	EXPECT(f, "<ul><li data-g-each=\"x in page.items\" data-g-unless=\"x_first\" "
	    "data-g-attr-title=\"x.name\">i</li></ul>",
	    "<ul><li title=\"乙\">i</li><li title=\"丙\">i</li></ul>");
	/* nested loops see both variables */
	EXPECT(f, "<p><b data-g-each=\"a in page.items\"><i data-g-each=\"b in page.items\" "
	    "data-g-if=\"b_first\" data-g-text=\"a.name\"/></b></p>",
	    "<p><b><i>甲</i></b><b><i>乙</i></b><b><i>丙</i></b></p>");
	/* the loop variable is not visible after the loop */
	expect_tmpl_error(f,
	    "<div>\n<p data-g-each=\"x in page.items\"/>\n<p data-g-text=\"x.name\"/>\n</div>",
	    3, "没有名为“x”的变量");
}

static void
each_bad(void **state)
{
	struct fx *f = *state;

	expect_tmpl_error(f, "<div>\n<p data-g-each=\"page.items\"/></div>", 2,
	    "x in 列表");
	expect_tmpl_error(f, "<div>\n\n<p data-g-each=\"1x in page.items\"/></div>",
	    3, "变量名");
	/* a non-list value is a render error at the element's line */
	expect_tmpl_error(f, "<div>\n<p data-g-each=\"x in page.title\"/></div>",
	    2, "不是列表");
}

static void
include_attr(void **state)
{
	struct fx *f = *state;

	assert_true(tmpl_set_add_string(f->ts, "partials/item.html",
	    "<li class=\"item\"><a data-g-attr-href=\"x.url\" data-g-text=\"x.name\">n</a>"
	    "<span data-g-text=\"x_index\"/></li>"));
	assert_true(tmpl_set_add_string(f->ts, "partials/static.html",
	    "<footer>\n<p>版权所有</p>\n</footer>"));
	EXPECT(f, "<div><footer data-g-include=\"partials/static.html\">占位</footer></div>",
	    "<div><footer>\n<p>版权所有</p>\n</footer></div>");
	EXPECT(f, "<ul><li data-g-each=\"x in page.items\" data-g-include=\"partials/item.html\"/></ul>",
	    "<ul><li class=\"item\"><a>甲</a><span>1</span></li>"
	    "<li class=\"item\"><a>乙</a><span>2</span></li>"
	    "<li class=\"item\"><a>丙</a><span>3</span></li></ul>");
	EXPECT(f, "<div><footer data-g-if=\"page.no\" data-g-include=\"partials/static.html\"/>"
	    "<footer data-g-unless=\"page.no\" data-g-include=\"partials/static.html\"/></div>",
	    "<div><footer>\n<p>版权所有</p>\n</footer></div>");
	expect_tmpl_error(f, "<div>\n<p data-g-include=\"partials/nope.html\"/></div>",
	    2, "找不到被引用的模板“partials/nope.html”");
	expect_tmpl_error(f, "<div>\n<p data-g-include=\"../etc/passwd\"/></div>",
	    2, "不合法");
	/* an include may only carry each/if/unless */
	expect_tmpl_error(f,
	    "<div>\n<p class=\"x\" data-g-include=\"partials/static.html\"/></div>",
	    2, "只能和");
}

static void
include_errors_name_the_partial(void **state)
{
	struct fx *f = *state;

	assert_true(tmpl_set_add_string(f->ts, "partials/bad.html",
	    "<p>\n\n<b data-g-text=\"page.nosuchkey\"/></p>"));
	assert_null(render_root(f,
	    "<div>\n<p data-g-include=\"partials/bad.html\"/></div>", ""));
	assert_int_equal(f->dg.n, 1);
	assert_string_equal(f->dg.v[0].file, "templates/partials/bad.html");
	assert_int_equal(f->dg.v[0].line, 3);
}

static void
include_cycle(void **state)
{
	struct fx *f = *state;

	assert_true(tmpl_set_add_string(f->ts, "partials/a.html",
	    "<p><b data-g-include=\"partials/b.html\"/></p>"));
	assert_true(tmpl_set_add_string(f->ts, "partials/b.html",
	    "<p><b data-g-include=\"partials/a.html\"/></p>"));
	assert_null(render_root(f,
	    "<div><p data-g-include=\"partials/a.html\"/></div>", ""));
	assert_true(f->dg.errors >= 1);
	assert_non_null(strstr(f->dg.v[0].msg, "循环引用"));
}

/* ---- URLs ---- */

static void
urls_relative(void **state)
{
	struct fx *f = *state;

	EXPECT(f, "<a data-g-attr-href=\"page.url\">x</a>",
	    "<a href=\"../../notices/2026-11-19-water/\">x</a>");
	EXPECT(f, "<a data-g-attr-href=\"site.home_url\">x</a>",
	    "<a href=\"../../\">x</a>");
	EXPECT(f, "<a data-g-attr-href=\"site.rss\">x</a>",
	    "<a href=\"../../rss.xml\">x</a>");
	EXPECT(f, "<a data-g-attr-href=\"page.ext\">x</a>",
	    "<a href=\"https://www.gov.cn/zhengce/\">x</a>");
	EXPECT(f, "<a data-g-attr-href=\"page.frag\">x</a>",
	    "<a href=\"#items\">x</a>");
	/* on the home page the root itself is "./", never "" or "/" */
	assert_string_equal(render_root(f,
	    "<p><a data-g-attr-href=\"site.home_url\">x</a>"
	    "<a data-g-attr-href=\"page.url\">y</a></p>", ""),
	    "<p><a href=\"./\">x</a><a href=\"notices/2026-11-19-water/\">y</a></p>");
	/* one level down */
	assert_string_equal(render_root(f,
	    "<a data-g-attr-href=\"site.home_url\">x</a>", "../"),
	    "<a href=\"../\">x</a>");
	/* as text, a URL is relative too */
	EXPECT(f, "<p data-g-text=\"site.rss\"/>", "<p>../../rss.xml</p>");
}

/* ---- template errors ---- */

static void
unknown_attribute(void **state)
{
	struct fx *f = *state;

	expect_tmpl_error(f, "<div>\n<p>\n<b data-g-txt=\"page.title\"/></p></div>",
	    3, "未知的模板属性“data-g-txt”");
	expect_tmpl_error(f, "<div>\n<p data-g-attr-=\"page.title\"/></div>", 2,
	    "未知的模板属性");
}

static void
unresolvable_path(void **state)
{
	struct fx *f = *state;

	expect_tmpl_error(f, "<div>\n<p data-g-text=\"pgae.title\"/></div>", 2,
	    "没有名为“pgae”的变量");
	expect_tmpl_error(f, "<div>\n\n<p data-g-if=\"page.nosuchkey\"/></div>", 3,
	    "没有“nosuchkey”这一项");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page..title\"/></div>", 2,
	    "写法不对");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"\"/></div>", 2, "写法不对");
}

static void
malformed_xml(void **state)
{
	struct fx *f = *state;

	assert_null(render_root(f, "<div>\n<p>\n  <b>未闭合</p>\n</div>", ""));
	assert_int_equal(f->dg.n, 1);
	assert_string_equal(f->dg.v[0].file, "templates/t1.html");
	assert_int_equal(f->dg.v[0].line, 3);
	assert_int_equal(f->dg.v[0].col, 13); /* just after "</p>", in characters */
	assert_non_null(strstr(f->dg.v[0].msg, "不是格式良好的 XHTML"));
	diags_free(&f->dg);
	diags_init(&f->dg);

	/* an HTML entity XML does not know */
	assert_null(render_root(f, "<div>\n<p>a&nbsp;b</p></div>", ""));
	assert_int_equal(f->dg.n, 1);
	assert_int_equal(f->dg.v[0].line, 2);
	diags_free(&f->dg);
	diags_init(&f->dg);

	/* HTML habits: an unclosed void element */
	assert_null(render_root(f, "<div>\n<br>\n</div>", ""));
	assert_int_equal(f->dg.n, 1);
	assert_int_equal(f->dg.v[0].line, 3);
}

static void
missing_template(void **state)
{
	struct fx *f = *state;

	assert_null(tmpl_get(f->ts, "nope.html", &f->dg));
	assert_int_equal(f->dg.n, 1);
	assert_string_equal(f->dg.v[0].file, "templates/nope.html");
	assert_false(tmpl_exists(f->ts, "../x.html"));
	assert_false(tmpl_exists(f->ts, "/etc/passwd"));
}

static void
misuse_errors(void **state)
{
	struct fx *f = *state;

	expect_tmpl_error(f, "<div>\n<br data-g-text=\"page.title\"/></div>", 2,
	    "空元素");
	expect_tmpl_error(f, "<div>\n<p data-g-text=\"page.title\" data-g-html=\"page.body\"/></div>",
	    2, "不能同时使用");
	expect_tmpl_error(f, "<div>\n<script data-g-text=\"page.title\"/></div>",
	    2, "<script>");
	expect_tmpl_error(f, "<div>\n<a data-g-attr-onclick=\"page.title\">x</a></div>",
	    2, "事件属性");
	expect_tmpl_error(f, "<div>\n<a data-g-attr-data-g-text=\"page.title\">x</a></div>",
	    2, "data-g-attr");
}

/* ---- HTML5 output ---- */

static void
html5_output(void **state)
{
	struct fx *f = *state;
	const char *s;

	s = render(f,
	    "<!DOCTYPE html>\n"
	    "<html lang=\"zh-CN\">\n"
	    "<head><meta charset=\"utf-8\"/><title data-g-text=\"page.title\">t</title>"
	    "<link rel=\"stylesheet\" href=\"s.css\"/></head>\n"
	    "<body><!-- 注释不输出 --><p>第一行<br/>第二行&#26631;</p><hr/>"
	    "<img src=\"a.png\" alt=\"图\"/><p></p><textarea></textarea></body>\n"
	    "</html>\n");
	assert_string_equal(s,
	    "<!DOCTYPE html>\n"
	    "<html lang=\"zh-CN\">\n"
	    "<head><meta charset=\"utf-8\"><title>停水通知</title>"
	    "<link rel=\"stylesheet\" href=\"s.css\"></head>\n"
	    "<body><p>第一行<br>第二行标</p><hr>"
	    "<img src=\"a.png\" alt=\"图\"><p></p><textarea></textarea></body>\n"
	    "</html>");
	/* a fragment (a partial, a feed snippet) gets no doctype */
	EXPECT(f, "<div>中文</div>", "<div>中文</div>");
	/* no XHTML leftovers */
	s = render(f, "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><br/></body></html>");
	assert_null(strstr(s, "xmlns"));
	assert_null(strstr(s, "</br>"));
	assert_non_null(strstr(s, "<!DOCTYPE html>\n<html>"));
}

static void
static_text_escaped(void **state)
{
	struct fx *f = *state;

	/* &lt; &amp; in a template stay escaped; quotes in attributes */
	EXPECT(f, "<p title=\"a &quot;b&quot; &amp; c\">1 &lt; 2 &amp;&amp; 3 &gt; 2</p>",
	    "<p title=\"a &quot;b&quot; &amp; c\">1 &lt; 2 &amp;&amp; 3 &gt; 2</p>");
	/* <style> and <script> content is raw text */
	EXPECT(f, "<style>a &gt; b { color: red }</style>",
	    "<style>a > b { color: red }</style>");
}

/* The dependency paths a template records: a date or time shown only as
 * its day (first filter date, fulldate, monthday, weekday) is "@day"; the
 * same value shown otherwise too is the whole value. */
static void
deps_paths(void **state)
{
	struct fx *f = *state;
	const struct tmpl *t;
	const char *const *deps;
	const char *want[] = {"page.date@day", "page.items", "page.items#",
	    "page.items[].name", "page.open", "page.start", "page.start@day",
	    "site.org_name"};
	size_t n, i;

	assert_true(tmpl_set_add_string(f->ts, "deps.html",
	    "<p><span data-g-text=\"page.date|date\">d</span>"
	    "<span data-g-text=\"page.start|weekday\">w</span>"
	    "<span data-g-text=\"page.start|time\">t</span>"
	    "<span data-g-text=\"page.open\">o</span>"
	    "<span data-g-text=\"site.org_name\">o</span>"
	    "<i data-g-each=\"x in page.items\">"
	    "<b data-g-text=\"x.name\">n</b><b data-g-text=\"x_index\">i</b>"
	    "</i></p>"));
	t = tmpl_get(f->ts, "deps.html", &f->dg);
	assert_non_null(t);
	n = tmpl_deps(t, &deps);
	for (i = 0; i < n; i++)
		print_message("dep %s\n", deps[i]);
	assert_int_equal(n, sizeof(want) / sizeof(*want));
	for (i = 0; i < n; i++)
		assert_string_equal(deps[i], want[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(text_attr),
		T(text_of_list_is_error),
		T(html_attr),
		T(attr_attr),
		T(attr_replaces_static_placeholder),
		T(if_unless),
		T(each_attr),
		T(each_bad),
		T(include_attr),
		T(include_errors_name_the_partial),
		T(include_cycle),
		T(urls_relative),
		T(unknown_attribute),
		T(unresolvable_path),
		T(malformed_xml),
		T(missing_template),
		T(misuse_errors),
		T(html5_output),
		T(static_text_escaped),
		T(deps_paths),
#undef T
	};
	int rc;

	xmlInitParser();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
