/*
 * The RSS writer: the bytes feed_write produces are parsed back with
 * libxml2 and checked with XPath, so a test fails on anything a feed
 * reader would see differently.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "date.h"
#include "feed.h"
#include "markdown.h"

#define NREC 60

struct fx {
	struct site s;
	struct record recs[NREC];
	struct record *ptrs[NREC];
	struct buf out;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

/* Every record's file: the feed reads bodies from the files again. */
static const char record_file[] = "---\ntype: notice\n---\n"
    "各位居民：\n\n请提前储水。\n";
static char dir[] = "/tmp/gongshi-test-feed.XXXXXX";

static int
setup(void **state)
{
	static struct fx f;
	struct arena *a;
	char url[64], title[64], path[256];
	unsigned char hash[32];
	FILE *fp;
	int i;

	memset(&f, 0, sizeof(f));
	a = &f.s.arena;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/r.md", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(record_file, fp);
	fclose(fp);
	assert_int_equal(EVP_Digest(record_file, strlen(record_file), hash,
	    NULL, EVP_sha256(), NULL), 1);
	f.s.dir = dir;
	f.s.base_url = "https://qingfeng.example.cn/sq";
	f.s.v = gv_map(a);
	for (i = 0; i < NREC; i++) {
		struct record *r = &f.recs[i];

		/* newest first: record i is i days before 2026-11-23 */
		r->type = i % 2 ? RT_DISCLOSURE : RT_NOTICE;
		r->date = days_from_civil(2026, 11, 23) - i;
		r->modified = r->date;
		snprintf(title, sizeof(title), "第%d条通知", i + 1);
		r->title = arena_strdup(a, title);
		snprintf(url, sizeof(url), "notices/n-%02d/", i + 1);
		r->v = gv_map(a);
		gv_set(a, r->v, "url", gv_url(a, url));
		r->path = (char *)"r.md";
		memcpy(r->hash, hash, sizeof(hash));
		r->body_off = strlen("---\ntype: notice\n---\n");
		r->body_len = strlen(record_file) - r->body_off;
		f.ptrs[i] = r;
	}
	assert_false(a->oom);
	*state = &f;
	return 0;
}

/* Give record i a file of its own with this body. */
static void
set_body(struct fx *f, int i, const char *body)
{
	static const char head[] = "---\ntype: notice\n---\n";
	char path[256], *text;
	struct record *r = &f->recs[i];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/r%d.md", dir, i);
	text = malloc(strlen(head) + strlen(body) + 1);
	assert_non_null(text);
	strcpy(text, head);
	strcat(text, body);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(EVP_Digest(text, strlen(text), r->hash, NULL,
	    EVP_sha256(), NULL), 1);
	r->path = arena_strdup(&f->s.arena, path + strlen(dir) + 1);
	r->body_off = strlen(head);
	r->body_len = strlen(body);
	free(text);
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char path[256];

	snprintf(path, sizeof(path), "%s/r.md", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/r0.md", dir);
	unlink(path);
	rmdir(dir);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	if (f->xp)
		xmlXPathFreeContext(f->xp);
	if (f->doc)
		xmlFreeDoc(f->doc);
	buf_free(&f->out);
	arena_free(&f->s.arena);
	return 0;
}

/* Write a feed of the first `n` records and parse it back. */
static void
write_feed(struct fx *f, size_t n)
{
	struct feed_spec spec = {
		.title = "通知公告 · 清风社区居民委员会",
		.description = "清风社区居民委员会发布的通知公告",
		.link = "notices/",
		.self = "notices/rss.xml",
		.recs = f->ptrs,
		.n = n,
	};

	buf_reset(&f->out);
	assert_int_equal(feed_write(&f->s, &spec, NULL, &f->out), 0);
	assert_non_null(f->out.data);
	f->doc = xmlReadMemory(f->out.data, (int)f->out.len, "rss.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (f->doc == NULL)
		fail_msg("feed is not well-formed XML:\n%s", f->out.data);
	f->xp = xmlXPathNewContext(f->doc);
	assert_non_null(f->xp);
	xmlXPathRegisterNs(f->xp, BAD_CAST "atom",
	    BAD_CAST "http://www.w3.org/2005/Atom");
}

/* The string value of an XPath expression (caller frees). */
static char *
xs(struct fx *f, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, f->xp);
	xmlChar *s;
	char *r;

	assert_non_null(o);
	s = xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	r = strdup((const char *)s);
	xmlFree(s);
	return r;
}

static void
expect_x(struct fx *f, const char *expr, const char *want)
{
	char *got = xs(f, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s = \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

static void
channel(void **state)
{
	struct fx *f = *state;

	write_feed(f, 3);
	assert_non_null(strstr(f->out.data,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
	expect_x(f, "string(/rss/@version)", "2.0");
	expect_x(f, "count(/rss/channel)", "1");
	expect_x(f, "string(/rss/channel/title)", "通知公告 · 清风社区居民委员会");
	expect_x(f, "string(/rss/channel/link)",
	    "https://qingfeng.example.cn/sq/notices/");
	expect_x(f, "string(/rss/channel/description)",
	    "清风社区居民委员会发布的通知公告");
	expect_x(f, "string(/rss/channel/language)", "zh-cn");
	/* the newest record's day, not the clock */
	expect_x(f, "string(/rss/channel/lastBuildDate)",
	    "Mon, 23 Nov 2026 00:00:00 +0800");
	expect_x(f, "string(/rss/channel/atom:link[@rel='self']/@href)",
	    "https://qingfeng.example.cn/sq/notices/rss.xml");
	expect_x(f, "string(/rss/channel/atom:link/@type)",
	    "application/rss+xml");
	/* Chinese is written as UTF-8, not character references */
	assert_non_null(strstr(f->out.data, "清风社区"));
	assert_null(strstr(f->out.data, "&#"));
}

static void
items(void **state)
{
	struct fx *f = *state;

	write_feed(f, 3);
	expect_x(f, "count(/rss/channel/item)", "3");
	expect_x(f, "string(/rss/channel/item[1]/title)", "第1条通知");
	expect_x(f, "string(/rss/channel/item[3]/title)", "第3条通知");
	expect_x(f, "string(/rss/channel/item[1]/link)",
	    "https://qingfeng.example.cn/sq/notices/n-01/");
	expect_x(f, "string(/rss/channel/item[1]/guid)",
	    "https://qingfeng.example.cn/sq/notices/n-01/");
	expect_x(f, "string(/rss/channel/item[1]/guid/@isPermaLink)", "true");
	expect_x(f, "count(/rss/channel/item/guid[@isPermaLink='true'])", "3");
	expect_x(f, "string(/rss/channel/item[1]/pubDate)",
	    "Mon, 23 Nov 2026 00:00:00 +0800");
	expect_x(f, "string(/rss/channel/item[2]/pubDate)",
	    "Sun, 22 Nov 2026 00:00:00 +0800");
	expect_x(f, "string(/rss/channel/item[1]/category)", "通知公告");
	expect_x(f, "string(/rss/channel/item[2]/category)", "居务公开");
	/* every link and guid is absolute */
	expect_x(f, "count(//item/link[not(starts-with(., 'https://qingfeng.example.cn/sq/'))])",
	    "0");
}

static void
village_wording(void **state)
{
	struct fx *f = *state;

	f->s.village = true;
	write_feed(f, 2);
	expect_x(f, "string(/rss/channel/item[2]/category)", "村务公开");
}

static void
updated_sets_last_build(void **state)
{
	struct fx *f = *state;

	f->recs[2].modified = days_from_civil(2026, 11, 30);
	write_feed(f, 3);
	expect_x(f, "string(/rss/channel/lastBuildDate)",
	    "Mon, 30 Nov 2026 00:00:00 +0800");
	/* pubDate stays the publication date */
	expect_x(f, "string(/rss/channel/item[3]/pubDate)",
	    "Sat, 21 Nov 2026 00:00:00 +0800");
}

static void
description_is_escaped_body(void **state)
{
	struct fx *f = *state;
	struct md_out md;
	char *desc;
	static const char body[] = "各位居民：\n\n详见[附件](files/a.pdf)，"
	    "![图](img/a.png)\n\n<script>alert(1)</script>\n\n"
	    "[x](javascript:alert(1))\n\n| 项目 | 金额 |\n| -- | --: |\n| 水 | 1.00 |\n";

	set_body(f, 0, body);
	write_feed(f, 1);
	/* in the bytes: markup escaped as text */
	assert_non_null(strstr(f->out.data, "<description>&lt;p&gt;各位居民：&lt;/p&gt;"));
	assert_null(strstr(f->out.data, "<p>"));
	assert_null(strstr(f->out.data, "<![CDATA["));
	/* parsed back: the full body HTML with absolute URLs */
	desc = xs(f, "string(/rss/channel/item[1]/description)");
	assert_non_null(strstr(desc,
	    "<a href=\"https://qingfeng.example.cn/sq/files/a.pdf\">附件</a>"));
	assert_non_null(strstr(desc,
	    "<img src=\"https://qingfeng.example.cn/sq/img/a.png\" alt=\"图\" />"));
	assert_non_null(strstr(desc, "<td style=\"text-align: right\">1.00</td>"));
	assert_null(strcasestr(desc, "<script"));
	assert_null(strcasestr(desc, "javascript:"));
	/* exactly what md_render gives with the base URL as prefix */
	assert_int_equal(md_render(body, strlen(body),
	    "https://qingfeng.example.cn/sq/", &md), 0);
	assert_string_equal(desc, md.html);
	md_out_free(&md);
	free(desc);
}

static void
hostile_titles(void **state)
{
	struct fx *f = *state;

	f->recs[0].title = "<script>alert(1)</script> & ]]> \"x\" 'y'";
	f->recs[1].title = "\"><img src=x onerror=alert(1)>";
	write_feed(f, 2);
	expect_x(f, "string(/rss/channel/item[1]/title)",
	    "<script>alert(1)</script> & ]]> \"x\" 'y'");
	expect_x(f, "string(/rss/channel/item[2]/title)",
	    "\"><img src=x onerror=alert(1)>");
	assert_null(strstr(f->out.data, "<script"));
	assert_null(strstr(f->out.data, "<img"));
	assert_non_null(strstr(f->out.data, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"));
}

static void
capped_at_50(void **state)
{
	struct fx *f = *state;

	write_feed(f, NREC);
	expect_x(f, "count(/rss/channel/item)", "50");
	assert_int_equal(FEED_MAX, 50);
	expect_x(f, "string(/rss/channel/item[50]/title)", "第50条通知");
	/* lastBuildDate only looks at what is in the feed */
	f->recs[55].modified = days_from_civil(2027, 1, 1);
	xmlXPathFreeContext(f->xp);
	xmlFreeDoc(f->doc);
	write_feed(f, NREC);
	expect_x(f, "string(/rss/channel/lastBuildDate)",
	    "Mon, 23 Nov 2026 00:00:00 +0800");
}

static void
empty_feed(void **state)
{
	struct fx *f = *state;

	write_feed(f, 0);
	expect_x(f, "count(/rss/channel/item)", "0");
	expect_x(f, "count(/rss/channel/lastBuildDate)", "0");
	expect_x(f, "string(/rss/channel/language)", "zh-cn");
}

static void
deterministic(void **state)
{
	struct fx *f = *state;
	char *first;

	write_feed(f, NREC);
	first = strdup(f->out.data);
	xmlXPathFreeContext(f->xp);
	xmlFreeDoc(f->doc);
	write_feed(f, NREC);
	assert_string_equal(first, f->out.data);
	free(first);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(channel),
		T(items),
		T(village_wording),
		T(updated_sets_last_build),
		T(description_is_escaped_body),
		T(hostile_titles),
		T(capped_at_50),
		T(empty_feed),
		T(deterministic),
#undef T
	};
	int rc;

	xmlInitParser();
	md_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
