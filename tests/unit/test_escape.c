/*
 * Hostile values from front matter never become markup: text and
 * attribute values are escaped by construction, and URL attributes only
 * take http(s), mailto, tel and site-relative URLs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "markdown.h"
#include "template.h"

static const char *const roots[] = {"page", NULL};

struct fx {
	struct tmpl_set *ts;
	struct arena model, scratch;
	struct diags dg;
	struct buf out;
	struct gv *ctx, *page;
	int seq;
};

static int
setup(void **state)
{
	static struct fx f;

	memset(&f, 0, sizeof(f));
	diags_init(&f.dg);
	f.ts = tmpl_set_new("/nonexistent-templates", "templates", roots, NULL);
	assert_non_null(f.ts);
	f.ctx = gv_map(&f.model);
	f.page = gv_map(&f.model);
	gv_set(&f.model, f.ctx, "page", f.page);
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

/* Render `tmpl` with page.v = `value` (of kind `k`) at page root `root`. */
static const char *
render_kind(struct fx *f, const char *tmpl, enum gv_kind k, const char *value,
    const char *root)
{
	char name[32];
	const struct tmpl *t;
	struct tmpl_env env = {root, "https://qingfeng.example.cn", &f->scratch};
	struct gv *v;

	v = k == GV_URL ? gv_url(&f->model, value) : k == GV_HTML ?
	    gv_html(&f->model, value) : gv_str(&f->model, value);
	gv_set(&f->model, f->page, "v", v);
	snprintf(name, sizeof(name), "t%d.html", ++f->seq);
	assert_true(tmpl_set_add_string(f->ts, name, tmpl));
	t = tmpl_get(f->ts, name, &f->dg);
	assert_non_null(t);
	buf_reset(&f->out);
	assert_int_equal(tmpl_render(t, f->ctx, &env, &f->out, &f->dg), 0);
	assert_int_equal(f->dg.n, 0);
	return f->out.data;
}

static const char *
render_str(struct fx *f, const char *tmpl, const char *value)
{
	return render_kind(f, tmpl, GV_STR, value, "../../");
}

static void
text_escaped(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"<script>alert(1)</script>",
		    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"\"onmouseover=\"alert(1)", "<p>&quot;onmouseover=&quot;alert(1)</p>"},
		{"]]>", "<p>]]&gt;</p>"},
		{"'", "<p>'</p>"},
		{"&amp;", "<p>&amp;amp;</p>"},
		{"<!-- x -->", "<p>&lt;!-- x --&gt;</p>"},
		{"a\r\nb", "<p>a&#13;\nb</p>"},
		{"清风&lt;社区", "<p>清风&amp;lt;社区</p>"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(render_str(f,
		    "<p data-g-text=\"page.v\">x</p>", cases[i].in),
		    cases[i].out);
}

static void
attr_escaped(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"<script>alert(1)</script>",
		    "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>"},
		{"\"onmouseover=\"alert(1)",
		    "<p title=\"&quot;onmouseover=&quot;alert(1)\">x</p>"},
		{"\"><script>alert(1)</script>",
		    "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>"},
		{"]]>", "<p title=\"]]&gt;\">x</p>"},
		{"' onmouseover='alert(1)",
		    "<p title=\"' onmouseover='alert(1)\">x</p>"},
		{"&amp;", "<p title=\"&amp;amp;\">x</p>"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(render_str(f,
		    "<p data-g-attr-title=\"page.v\">x</p>", cases[i].in),
		    cases[i].out);
}

static void
html_attr_only_trusts_html(void **state)
{
	struct fx *f = *state;

	/* a string through data-g-html is still text */
	assert_string_equal(render_str(f, "<div data-g-html=\"page.v\"/>",
	    "<script>alert(1)</script>"),
	    "<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>");
	/* and filters keep the escaping (truncate cuts before escaping) */
	assert_string_equal(render_str(f,
	    "<p data-g-text=\"page.v|truncate:3\"/>", "<script>"),
	    "<p>&lt;s…</p>");
}

static const char *const bad_urls[] = {
	"javascript:alert(1)",
	"JAVASCRIPT:alert(1)",
	"JaVaScRiPt:alert(1)",
	" javascript:alert(1)",
	"   javascript:alert(1)",
	"\tjavascript:alert(1)",
	"java\tscript:alert(1)",
	"java\nscript:alert(1)",
	"java\rscript:alert(1)",
	"\x01javascript:alert(1)",
	"javascript\x7f:alert(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"DATA:image/png;base64,AAAA",
	"vbscript:msgbox(1)",
	"VBScript:msgbox(1)",
	"file:///etc/passwd",
	"//evil.example/x",
	"\\\\evil.example\\x",
	"https://ok.example/ x",
};

/* Every URL attribute drops a script URL, whatever its case or
 * spacing, and whether the value is text or a URL. */
static void
url_attrs_refuse_scripts(void **state)
{
	struct fx *f = *state;
	static const char *const tmpls[] = {
		"<a data-g-attr-href=\"page.v\">x</a>",
		"<a data-g-attr-HREF=\"page.v\">x</a>",
		"<a data-g-attr-Href=\"page.v\">x</a>",
		"<img data-g-attr-src=\"page.v\"/>",
		"<form data-g-attr-action=\"page.v\"/>",
		"<button data-g-attr-formaction=\"page.v\"/>",
		"<blockquote data-g-attr-cite=\"page.v\"/>",
		"<video data-g-attr-poster=\"page.v\"/>",
		"<object data-g-attr-data=\"page.v\"/>",
		"<iframe data-g-attr-src=\"page.v\"/>",
	};
	static const enum gv_kind kinds[] = {GV_STR, GV_URL};
	const char *roots_[] = {"", "../../"};
	size_t i, j, k, r;

	for (i = 0; i < sizeof(bad_urls) / sizeof(*bad_urls); i++)
		for (j = 0; j < sizeof(tmpls) / sizeof(*tmpls); j++)
			for (k = 0; k < 2; k++)
				for (r = 0; r < 2; r++) {
					const char *s = render_kind(f, tmpls[j],
					    kinds[k], bad_urls[i], roots_[r]);

					if (strchr(s, '=') != NULL)
						fail_msg("%s with %s value \"%s\" at root "
						    "\"%s\" gave %s", tmpls[j],
						    k ? "URL" : "text", bad_urls[i],
						    roots_[r], s);
				}
}

static void
url_attrs_keep_good_urls(void **state)
{
	struct fx *f = *state;

	assert_string_equal(render_str(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    "https://www.gov.cn/?a=1&b=2"),
	    "<a href=\"https://www.gov.cn/?a=1&amp;b=2\">x</a>");
	assert_string_equal(render_str(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    "mailto:sq@example.cn"), "<a href=\"mailto:sq@example.cn\">x</a>");
	assert_string_equal(render_str(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    "tel:13900001111"), "<a href=\"tel:13900001111\">x</a>");
	assert_string_equal(render_str(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    "HTTPS://WWW.GOV.CN/"), "<a href=\"HTTPS://WWW.GOV.CN/\">x</a>");
	/* a relative URL in text form is written as it is */
	assert_string_equal(render_str(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    "files/a.pdf"), "<a href=\"files/a.pdf\">x</a>");
	/* no scheme because of a '#' before the ':': harmless, escaped */
	assert_string_equal(render_str(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    "javascript&#58;alert(1)"),
	    "<a href=\"javascript&amp;#58;alert(1)\">x</a>");
	/* a site URL is made relative */
	assert_string_equal(render_kind(f, "<a data-g-attr-href=\"page.v\">x</a>",
	    GV_URL, "files/通知.pdf", "../../"),
	    "<a href=\"../../files/通知.pdf\">x</a>");
	assert_string_equal(render_kind(f, "<img data-g-attr-src=\"page.v\"/>",
	    GV_URL, "img/a\"b.png", ""), "<img src=\"img/a&quot;b.png\">");
	/* a non-URL attribute takes any text, escaped */
	assert_string_equal(render_str(f, "<a data-g-attr-title=\"page.v\">x</a>",
	    "javascript:alert(1)"), "<a title=\"javascript:alert(1)\">x</a>");
}

static void
event_attrs_refused(void **state)
{
	struct fx *f = *state;
	static const char *const tmpls[] = {
		"<a data-g-attr-onclick=\"page.v\">x</a>",
		"<a data-g-attr-ONCLICK=\"page.v\">x</a>",
		"<a data-g-attr-OnMouseOver=\"page.v\">x</a>",
	};
	size_t i;

	for (i = 0; i < sizeof(tmpls) / sizeof(*tmpls); i++) {
		char name[32];

		snprintf(name, sizeof(name), "ev%zu.html", i);
		assert_true(tmpl_set_add_string(f->ts, name, tmpls[i]));
		assert_null(tmpl_get(f->ts, name, &f->dg));
		assert_int_equal(f->dg.errors, i + 1);
		assert_non_null(strstr(f->dg.v[i].msg, "事件属性"));
	}
}

static void
md_url_allowed_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_urls) / sizeof(*bad_urls); i++) {
		if (md_url_allowed(bad_urls[i], 1))
			fail_msg("link \"%s\" allowed", bad_urls[i]);
		if (md_url_allowed(bad_urls[i], 0))
			fail_msg("image \"%s\" allowed", bad_urls[i]);
	}
	assert_true(md_url_allowed("https://a.example/", 1));
	assert_true(md_url_allowed("http://a.example/", 0));
	assert_true(md_url_allowed("mailto:a@b.cn", 1));
	assert_false(md_url_allowed("mailto:a@b.cn", 0));
	assert_true(md_url_allowed("tel:12345", 1));
	assert_true(md_url_allowed("../notices/x/", 1));
	assert_true(md_url_allowed("#items", 1));
	assert_true(md_url_allowed("a/b:c", 1)); /* ':' after '/' */
}

static void
html_escape_fn(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	html_escape(&b, "<a href=\"x\">&'</a>");
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
	buf_reset(&b);
	html_escape(&b, "纯文本");
	assert_string_equal(b.data, "纯文本");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(text_escaped),
		T(attr_escaped),
		T(html_attr_only_trusts_html),
		T(url_attrs_refuse_scripts),
		T(url_attrs_keep_good_urls),
		T(event_attrs_refused),
		cmocka_unit_test(md_url_allowed_cases),
		cmocka_unit_test(html_escape_fn),
#undef T
	};
	int rc;

	xmlInitParser();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
