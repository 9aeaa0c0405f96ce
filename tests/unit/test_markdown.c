/*
 * Markdown bodies through cmark-gfm and gongshi's AST pass: GFM tables,
 * strikethrough and autolinks; raw HTML and script URLs gone; CJK line
 * wraps joined; stable heading ids; site-relative URLs prefixed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "markdown.h"

static struct md_out md;

static const char *
render_prefix(const char *src, const char *prefix)
{
	md_out_free(&md);
	assert_int_equal(md_render(src, strlen(src), prefix, &md), 0);
	assert_non_null(md.html);
	return md.html;
}

static const char *
render(const char *src)
{
	return render_prefix(src, "../../");
}

static int
teardown(void **state)
{
	(void)state;
	md_out_free(&md);
	return 0;
}

static void
assert_has(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("output lacks \"%s\":\n%s", needle, hay);
}

static void
assert_lacks_ci(const char *hay, const char *needle)
{
	if (strcasestr(hay, needle) != NULL)
		fail_msg("output has \"%s\":\n%s", needle, hay);
}

/* The fragment is well-formed XML (it is parsed into page DOMs and
 * checked by feeds' consumers). */
static void
assert_well_formed(const char *html)
{
	char *wrapped = malloc(strlen(html) + 32);
	xmlDocPtr doc;

	assert_non_null(wrapped);
	sprintf(wrapped, "<div>%s</div>", html);
	doc = xmlReadMemory(wrapped, (int)strlen(wrapped), "md.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		fail_msg("not well-formed:\n%s", html);
	xmlFreeDoc(doc);
	free(wrapped);
}

static void
paragraphs(void **state)
{
	(void)state;
	assert_string_equal(render("各位居民：\n\n请提前储水。\n"),
	    "<p>各位居民：</p>\n<p>请提前储水。</p>\n");
	assert_string_equal(md.first_para, "各位居民：");
	assert_null(md.first_image);
}

static void
table(void **state)
{
	const char *h;

	(void)state;
	h = render("| 项目 | 金额（元） |\n| :-- | --: |\n| 保洁 | 1,200.00 |\n");
	assert_has(h, "<div class=\"table-wrap\" role=\"region\" "
	    "aria-label=\"表格\" tabindex=\"0\">\n<table>");
	assert_has(h, "<th style=\"text-align: left\">项目</th>");
	assert_has(h, "<td style=\"text-align: right\">1,200.00</td>");
	assert_has(h, "</table>\n</div>");
	/* HTML5 has no align attribute */
	assert_null(strstr(h, "align=\""));
	assert_well_formed(h);
}

static void
strikethrough(void **state)
{
	(void)state;
	assert_string_equal(render("原定~~11月25日~~改为11月26日\n"),
	    "<p>原定<del>11月25日</del>改为11月26日</p>\n");
	/* a single tilde is just a tilde (8:30~16:00 is a time range) */
	assert_string_equal(render("8:30~16:00 停水\n"),
	    "<p>8:30~16:00 停水</p>\n");
	assert_string_equal(render("~一~\n"), "<p>~一~</p>\n");
}

static void
autolinks(void **state)
{
	const char *h;

	(void)state;
	h = render("详见 https://www.gov.cn/zhengce/ 和 www.mca.gov.cn 。\n");
	assert_has(h, "<a href=\"https://www.gov.cn/zhengce/\">https://www.gov.cn/zhengce/</a>");
	assert_has(h, "<a href=\"http://www.mca.gov.cn\">www.mca.gov.cn</a>");
	h = render("邮箱 qingfeng@example.cn\n");
	assert_has(h, "<a href=\"mailto:qingfeng@example.cn\">qingfeng@example.cn</a>");
	assert_well_formed(h);
}

static void
raw_html_omitted(void **state)
{
	const char *h;

	(void)state;
	h = render("<script>alert(1)</script>\n\n正文<img src=x onerror=alert(1)> "
	    "<b onmouseover=\"alert(1)\">粗</b>\n\n<iframe src=\"https://evil.example\"></iframe>\n");
	assert_lacks_ci(h, "<script");
	assert_lacks_ci(h, "<img");
	assert_lacks_ci(h, "onerror");
	assert_lacks_ci(h, "onmouseover");
	assert_lacks_ci(h, "<iframe");
	assert_lacks_ci(h, "<b ");
	assert_has(h, "正文");
	assert_has(h, "粗");
	assert_well_formed(h);
}

static void
script_links_dropped(void **state)
{
	const char *h;

	(void)state;
	h = render("[点这里](javascript:alert(1)) 和 [Y](JAVASCRIPT:alert(1)) "
	    "和 [z](vbscript:msgbox) 和 [w](data:text/html,x)\n\n"
	    "![图](data:image/png;base64,AAAA)\n\n"
	    "[空格]( javascript:alert(1))\n\n"
	    "<javascript:alert(1)>\n");
	assert_lacks_ci(h, "href");
	assert_lacks_ci(h, "src=");
	assert_lacks_ci(h, "<img");
	assert_lacks_ci(h, "data:image");
	assert_lacks_ci(h, "vbscript");
	/* the link text stays, as text */
	assert_has(h, "<p>点这里 和 Y 和 z 和 w</p>");
	assert_has(h, "<p>图</p>");
	assert_has(h, "<p>空格</p>");
	/* a backslash is a slash to browsers: two of them start a host */
	h = render_prefix("[外站](\\\\\\\\evil.example/x)\n", "");
	assert_lacks_ci(h, "href");
	assert_has(h, "<p>外站</p>");
	assert_null(md.first_image);
	assert_well_formed(h);
}

static void
good_links_kept(void **state)
{
	const char *h;

	(void)state;
	h = render("[国务院](https://www.gov.cn/ \"标题\") [邮件](mailto:a@b.cn) "
	    "[电话](tel:12345)\n");
	assert_has(h, "<a href=\"https://www.gov.cn/\" title=\"标题\">国务院</a>");
	assert_has(h, "<a href=\"mailto:a@b.cn\">邮件</a>");
	assert_has(h, "<a href=\"tel:12345\">电话</a>");
	/* images: http(s) and relative only */
	h = render("![二维码](mailto:a@b.cn) ![图](https://img.example/a.png)\n");
	assert_lacks_ci(h, "mailto");
	assert_has(h, "<img src=\"https://img.example/a.png\" alt=\"图\" />");
	assert_string_equal(md.first_image, "https://img.example/a.png");
}

static void
cjk_soft_breaks(void **state)
{
	(void)state;
	/* Chinese wrapped over lines reads as one line */
	assert_string_equal(render("接临河水务公司通知，因阀门老化\n需更换，请提前储水。\n"),
	    "<p>接临河水务公司通知，因阀门老化需更换，请提前储水。</p>\n");
	/* full-width punctuation at either end counts as CJK */
	assert_string_equal(render("各位居民：\n请提前储水。\n“停水”\n期间"),
	    "<p>各位居民：请提前储水。“停水”期间</p>\n");
	/* English lines keep their space (the soft break) */
	assert_string_equal(render("Water will be off\non 25 November.\n"),
	    "<p>Water will be off\non 25 November.</p>\n");
	/* between Chinese and Latin or digits the break stays */
	assert_string_equal(render("停水时间\n8:30至16:00\n"),
	    "<p>停水时间\n8:30至16:00</p>\n");
	/* across inline markup */
	assert_string_equal(render("请**提前\n储水**。\n"),
	    "<p>请<strong>提前储水</strong>。</p>\n");
	assert_string_equal(render("**通知**\n全体居民\n"),
	    "<p><strong>通知</strong>全体居民</p>\n");
	/* a hard break stays a break */
	assert_string_equal(render("第一行\\\n第二行\n"),
	    "<p>第一行<br />\n第二行</p>\n");
	/* the summary fallback is one line, joined the same way */
	render("因阀门老化\n需更换。\nThen\nEnglish.\n");
	/* "。" then "T": not two CJK characters, so a space */
	assert_string_equal(md.first_para, "因阀门老化需更换。 Then English.");
}

static void
heading_ids(void **state)
{
	const char *h;

	(void)state;
	h = render("# 收支明细\n\n## 收支明细\n\n### Income & Expenses!\n\n"
	    "## 收支明细\n\n#### \n\n###### 六级\n");
	/* "# " is h2: the page's own <h1> is the record title.  (cmark puts
	 * a custom block's content on lines of its own.) */
	assert_has(h, "<h2 id=\"收支明细\">\n收支明细\n</h2>");
	assert_has(h, "<h2 id=\"收支明细-2\">\n收支明细\n</h2>");
	assert_has(h, "<h3 id=\"income-expenses\">\nIncome &amp; Expenses!\n</h3>");
	assert_has(h, "<h2 id=\"收支明细-3\">\n收支明细\n</h2>");
	assert_has(h, "<h4 id=\"section\">\n</h4>");
	assert_has(h, "<h6 id=\"六级\">\n六级\n</h6>");
	assert_null(strstr(h, "<h1"));
	assert_well_formed(h);
	/* the same body gives the same ids (stable links) */
	{
		char *first = strdup(h);

		assert_string_equal(render("# 收支明细\n\n## 收支明细\n\n### Income & Expenses!\n\n"
		    "## 收支明细\n\n#### \n\n###### 六级\n"), first);
		free(first);
	}
	/* setext headings too, and markup inside a heading */
	h = render("公示\n====\n\n**一、** 收入 `code`\n---\n");
	assert_has(h, "<h2 id=\"公示\">\n公示\n</h2>");
	assert_has(h, "<h2 id=\"一、-收入-code\">\n<strong>一、</strong> 收入 <code>code</code>\n</h2>");
}

static void
heading_id_collides_with_suffix(void **state)
{
	const char *h;

	(void)state;
	h = render("## a\n\n## a-2\n\n## a\n");
	assert_has(h, "<h2 id=\"a\">\na\n</h2>");
	assert_has(h, "<h2 id=\"a-2\">\na-2\n</h2>");
	/* the third "a" may not reuse "a-2" */
	assert_has(h, "<h2 id=\"a-3\">\na\n</h2>");
}

static void
relative_urls(void **state)
{
	const char *h;

	(void)state;
	h = render("[附件](files/预算.pdf) [根](/files/a.pdf) [锚](#收支明细) "
	    "[外](https://www.gov.cn/) ![图](img/a.png)\n");
	assert_has(h, "<a href=\"../../files/%E9%A2%84%E7%AE%97.pdf\">附件</a>");
	assert_has(h, "<a href=\"../../files/a.pdf\">根</a>");
	assert_has(h, "<a href=\"#%E6%94%B6%E6%94%AF%E6%98%8E%E7%BB%86\">锚</a>");
	assert_has(h, "<a href=\"https://www.gov.cn/\">外</a>");
	assert_has(h, "<img src=\"../../img/a.png\" alt=\"图\" />");
	assert_string_equal(md.first_image, "../../img/a.png");
	/* in a feed the prefix is the base URL */
	h = render_prefix("[附件](files/a.pdf)\n", "https://qingfeng.example.cn/");
	assert_has(h, "<a href=\"https://qingfeng.example.cn/files/a.pdf\">附件</a>");
	/* on the home page there is no prefix */
	h = render_prefix("[附件](files/a.pdf)\n", "");
	assert_has(h, "<a href=\"files/a.pdf\">附件</a>");
}

static void
first_paragraph_and_image(void **state)
{
	(void)state;
	render("## 标题\n\n![现场](img/site.jpg)\n\n第一段**文字**。\n\n第二段。\n");
	/* the first paragraph is the image's (its alt text) */
	assert_string_equal(md.first_para, "现场");
	assert_string_equal(md.first_image, "../../img/site.jpg");
	render("");
	assert_string_equal(md.html, "");
	assert_null(md.first_para);
}

/* Phone numbers written in the text become tel: links, as written. */
static void
phones_linked(void **state)
{
	const char *h;

	(void)state;
	h = render("请联系网格员孙文静（139 0000 2222）或 13900001111、"
	    "139-0000-4444，办公室 0571-86000100 转 0571-86000100-8012。\n");
	assert_has(h, "（<a href=\"tel:13900002222\">139 0000 2222</a>）");
	assert_has(h, "或 <a href=\"tel:13900001111\">13900001111</a>、");
	assert_has(h, "<a href=\"tel:13900004444\">139-0000-4444</a>，");
	assert_has(h, "办公室 <a href=\"tel:057186000100\">0571-86000100</a> 转");
	assert_has(h, "<a href=\"tel:057186000100,8012\">0571-86000100-8012</a>。");
	assert_well_formed(h);
	/* hotlines only where the words say so */
	h = render("可拨打 12348 公共法律服务热线，也可拨打12345。\n");
	assert_has(h, "拨打 <a href=\"tel:12348\">12348</a> 公共");
	assert_has(h, "拨打<a href=\"tel:12345\">12345</a>。");
	h = render("共 120 人参加，编号 12345 号，金额 12345.00 元，12,345.00 元。\n");
	assert_lacks_ci(h, "href");
	/* not inside longer numbers, amounts, codes or existing links */
	h = render("卡号 6222021390000111122，139000011112，1390000111.5，"
	    "记-10-0571，x13900001111，2026-11-20，[打 139 0000 1111](tel:13900001111)\n");
	assert_lacks_ci(h, "href=\"tel:139000011112");
	assert_lacks_ci(h, "href=\"tel:6222");
	assert_lacks_ci(h, "href=\"tel:20");
	assert_has(h, "<a href=\"tel:13900001111\">打 139 0000 1111</a>");
	assert_int_equal(strstr(strstr(h, "href") + 1, "href") == NULL, 1);
	/* "139 0000" with one space only is not a mobile */
	h = render("139 00001111 与 1390000 1111\n");
	assert_lacks_ci(h, "href");
}

/* The text of a paragraph and a heading, however deeply emphasis nests:
 * cmark's plain-text renderer took 28 s for 140 KB of "*a **a "; the
 * walk of the tree is linear. */
static void
nested_emphasis_text(void **state)
{
	static const char open[] = "*a **a ", close[] = " a** a*";
	size_t n = 20000, i, len = n * 14 + 8;
	char *src = malloc(len), *p = src;
	struct timespec t0, t1;
	double secs;

	(void)state;
	render("*甲 **乙** `丙`*\n丁\n\n## *标* **题** `x`\n");
	/* (the soft break between two CJK characters is joined) */
	assert_string_equal(md.first_para, "甲 乙 丙丁");
	assert_has(md.html, "<h2 id=\"标-题-x\">");
	assert_non_null(src);
	p += sprintf(p, "# ");
	for (i = 0; i < n; i++)
		p = memcpy(p, open, 7), p += 7;
	*p++ = 'b';
	for (i = 0; i < n; i++)
		p = memcpy(p, close, 7), p += 7;
	*p = '\0';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	render(src + 2); /* a paragraph */
	assert_int_equal(strncmp(md.first_para, "a a a a", 7), 0);
	render(src);     /* a heading */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs > 5)
		fail_msg("nested emphasis took %.1f s", secs);
	assert_has(md.html, "<h2 id=\"a-a-a-a");
	free(src);
}

/*
 * An autolink in a heading.  cmark-gfm's autolinks keep their URL in the
 * heading's own text; md_render() used to free the heading after moving
 * its inlines into the <hN id> wrapper, and rendering the link then read
 * freed memory (the fuzzer's "ftp://e\n-", a setext heading; under ASan
 * this test crashed).
 */
static void
heading_with_autolink(void **state)
{
	(void)state;
	render("ftp://e\n-\n"); /* (ftp is not a scheme gongshi links) */
	assert_has(md.html, "<h2 id=\"ftp-e\">\nftp://e\n</h2>");
	render("http://e.cn\n-\n");
	assert_has(md.html, "<h2 id=\"http-e-cn\">\n<a href=\"http://e.cn\">http://e.cn</a>\n</h2>");
	render("## 详见 https://example.cn/a\n");
	assert_has(md.html,
	    "详见 <a href=\"https://example.cn/a\">https://example.cn/a</a>\n</h2>");
	render("见 https://example.cn 这里\n====\n\n# [链接](https://a.cn \"题\") https://b.cn\n");
	assert_has(md.html, "<a href=\"https://example.cn\">https://example.cn</a> 这里");
	assert_has(md.html, "<a href=\"https://a.cn\" title=\"题\">链接</a> <a href=\"https://b.cn\">https://b.cn</a>");
}

/* A string of `n` copies of `s` (caller frees). */
static char *
repeat(const char *s, size_t n, const char *tail)
{
	size_t l = strlen(s), i;
	char *r = malloc(l * n + strlen(tail) + 1);

	assert_non_null(r);
	for (i = 0; i < n; i++)
		memcpy(r + i * l, s, l);
	strcpy(r + l * n, tail);
	return r;
}

/* md_check(): 0 (within the limits), or 1 at line:col. */
static void
check_body(const char *src, int want, int line, int col, const char *msg)
{
	struct md_problem p;
	int rc = md_check(src, strlen(src), &p);

	if (rc != want)
		fail_msg("md_check gave %d, want %d (%s)", rc, want, p.msg);
	if (want == 1) {
		assert_int_equal(p.line, line);
		assert_int_equal(p.col, col);
		if (strstr(p.msg, msg) == NULL)
			fail_msg("message \"%s\" lacks \"%s\"", p.msg, msg);
	}
}

static void
body_limits(void **state)
{
	char *s, *t;
	size_t i;

	(void)state;
	/* Block quotes and list items: 32 levels, not 33. */
	s = repeat(">", MD_MAX_DEPTH, " 深\n");
	check_body(s, 0, 0, 0, NULL);
	free(s);
	s = repeat(">", MD_MAX_DEPTH + 1, " 深\n");
	check_body(s, 1, 1, MD_MAX_DEPTH + 1, "嵌套超过 32 层");
	free(s);
	s = repeat(">", 10000, " 深\n");
	check_body(s, 1, 1, MD_MAX_DEPTH + 1, "嵌套超过 32 层");
	free(s);
	s = repeat("> - ", 20, "项\n");
	check_body(s, 1, 1, 4 * 16 + 1, "嵌套超过 32 层");
	free(s);
	/* nested by indentation, from the third line */
	s = malloc(100000);
	assert_non_null(s);
	strcpy(s, "第一段。\n\n");
	for (i = 0; i < 40; i++) {
		t = s + strlen(s);
		memset(t, ' ', 2 * i);
		strcpy(t + 2 * i, "- 项\n");
	}
	check_body(s, 1, 3 + MD_MAX_DEPTH, 2 * MD_MAX_DEPTH + 1,
	    "嵌套超过 32 层");
	free(s);
	/* "|" on one line: 64, not 65; a new line starts again. */
	s = repeat("|格", MD_MAX_PIPES, "\n");
	check_body(s, 0, 0, 0, NULL);
	free(s);
	s = repeat("|格", MD_MAX_PIPES + 1, "\n");
	check_body(s, 1, 1, 2 * MD_MAX_PIPES + 1, "表格最多 63 列");
	free(s);
	s = repeat("|a|\n", 1000, "");
	check_body(s, 0, 0, 0, NULL);
	free(s);
	/* "www." in one run of host characters: 8, not 9; a space or a
	 * CJK character ends the run. */
	s = repeat("www._", MD_MAX_WWW, "");
	check_body(s, 0, 0, 0, NULL);
	free(s);
	s = repeat("www._", MD_MAX_WWW + 1, "");
	check_body(s, 1, 1, 5 * MD_MAX_WWW + 1, "“www.”出现了 8 次以上");
	free(s);
	s = repeat("见www.a.cn ", 100, "");
	check_body(s, 0, 0, 0, NULL);
	free(s);
	check_body("正文\n\n见 https://www.example.cn/www.a/b_c.html。\n", 0,
	    0, 0, NULL);
}

/* md_check() skips the parse when no line starts with more than
 * MD_MAX_DEPTH marker characters; it must say what the parse says. */
static void
same_as_parsed(const char *src)
{
	struct md_problem a, b;
	int ra = md_check(src, strlen(src), &a);
	int rb = md_check_parsed(src, strlen(src), &b);

	if (ra != rb || a.line != b.line || a.col != b.col ||
	    strcmp(a.msg, b.msg) != 0)
		fail_msg("md_check %d %d:%d, parsed %d %d:%d for %.40s", ra,
		    a.line, a.col, rb, b.line, b.col, src);
}

static void
body_depth_shortcut(void **state)
{
	char s[8192], *t;
	size_t i, k;

	(void)state;
	/* Lists nested by tabs: a tab is four columns, two levels; 40
	 * levels, then 32. */
	for (k = 0; k < 2; k++) {
		strcpy(s, "正文\n\n");
		for (i = 0; i < (k ? MD_MAX_DEPTH : 40); i++) {
			t = s + strlen(s);
			memset(t, '\t', i / 2);
			strcpy(t + i / 2, i % 2 ? "  - 项\n" : "- 项\n");
		}
		same_as_parsed(s);
		if (k == 0)
			check_body(s, 1, 3 + MD_MAX_DEPTH, MD_MAX_DEPTH / 2 + 1,
			    "嵌套超过 32 层");
		else
			check_body(s, 0, 0, 0, NULL);
	}
	/* cmark ends a line at a lone CR too. */
	t = repeat(">", MD_MAX_DEPTH + 1, " 深\n");
	snprintf(s, sizeof(s), "正文\r%s", t);
	free(t);
	same_as_parsed(s);
	check_body(s, 1, 2, MD_MAX_DEPTH + 1, "嵌套超过 32 层");
	/* Long runs of marker characters that nest nothing, or little. */
	same_as_parsed("                                        缩进代码\n");
	same_as_parsed("1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5 x\n");
	same_as_parsed("- - - - - - - - - - - - - - - - - 项\n");
	same_as_parsed("> > > > > > > > > > > > > > > > > 深\n");
	same_as_parsed("1. 2. 3. 4. 5. 6. 7. 8. 9. 1. 2. 3. 4. 5. 6. 7. 8. 项\n");
	same_as_parsed(">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>\n>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>\n");
	same_as_parsed("* 项\n\t* 项\n\t\t* 项\n\t\t\t* 项\n");
	same_as_parsed("");
	same_as_parsed("一段文字。\n\n| 表 | 格 |\n|---|---|\n| 1 | 2 |\n");
	/* The line scans, also taken in a few memchr() calls a line. */
	{
		static const char *const runs[][2] = {
			{"|格", ""}, {"|格", "\n"}, {"|\r", "\n"},
			{"www._", ""}, {"见www.a.cn ", ""}, {"www.\r", ""},
		};
		size_t j, n;

		for (j = 0; j < sizeof(runs) / sizeof(*runs); j++)
			for (n = 1; n < 80; n += 7) {
				t = repeat(runs[j][0], n, runs[j][1]);
				same_as_parsed(t);
				free(t);
			}
	}
}

/* What the limits keep out is what cmark-gfm is slow on: within them
 * half a megabyte of the worst of it is checked and rendered at once. */
static void
body_limits_keep_it_linear(void **state)
{
	static const char *const worst[] = {"www._www._www._www._ ",
	    "|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a\n",
	    "*a **a ", "> - ", "[a](<b "};
	struct timespec t0, t1;
	struct md_problem p;
	size_t i;
	char *s;
	double secs;

	(void)state;
	for (i = 0; i < sizeof(worst) / sizeof(*worst); i++) {
		s = repeat(worst[i], (1u << 19) / strlen(worst[i]), "x\n");
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (md_check(s, strlen(s), &p) == 0)
			render(s);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (secs > 10)
			fail_msg("%.20s…: %.1f s", worst[i], secs);
		free(s);
	}
}

/* The search index's text: every leaf's text on one line, white space
 * squeezed; md_render_text gives that and md_render's HTML from one
 * parse. */
static void
search_text(void **state)
{
	static const char src[] =
	    "## 停水通知\n\n各位居民：因管道检修，\n明天停水。\n\n"
	    "| 项目 | 金额 |\n|---|--:|\n| 水费 | 1,200.00 |\n\n"
	    "详见[公告](notices/x/)，`代码`。\n";
	static const char want[] =
	    "停水通知 各位居民：因管道检修， 明天停水。 项目 金额 水费 "
	    "1,200.00 详见公告 ，代码。";
	char *t = md_text(src, strlen(src));
	struct md_out both = {0};

	(void)state;
	assert_non_null(t);
	assert_string_equal(t, want);
	assert_int_equal(md_render_text(src, strlen(src), "../../", &both), 0);
	assert_non_null(both.text);
	assert_string_equal(both.text, t);
	assert_string_equal(both.html, render(src));
	free(t);
	md_out_free(&both);
	/* md_render leaves it out */
	assert_null(md.text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_teardown(name, teardown)
		T(paragraphs),
		T(table),
		T(strikethrough),
		T(autolinks),
		T(raw_html_omitted),
		T(script_links_dropped),
		T(good_links_kept),
		T(phones_linked),
		T(cjk_soft_breaks),
		T(heading_ids),
		T(heading_id_collides_with_suffix),
		T(relative_urls),
		T(first_paragraph_and_image),
		T(nested_emphasis_text),
		T(heading_with_autolink),
		T(body_limits),
		T(body_depth_shortcut),
		T(body_limits_keep_it_linear),
		T(search_text),
#undef T
	};
	int rc;

	xmlInitParser();
	md_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
