/*
 * libFuzzer harness: a template through compilation and rendering against
 * a small fixed context (strings with markup, a list, a date, an amount).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const roots[] = {"site", "page", "pages", NULL};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct tmpl_set *ts = NULL;
	const struct tmpl *t;
	struct arena a = ARENA_INIT, scratch = ARENA_INIT;
	struct buf out = BUF_INIT;
	struct diags dg;
	struct tmpl_env env = {"../", "https://example.cn", &scratch};
	struct gv *ctx, *site, *page, *pages, *item;
	char *text;

	if (!ready) {
		xmlInitParser();
		ready = 1;
	}
	if (size > 65536)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	diags_init(&dg);
	ctx = gv_map(&a);
	site = gv_map(&a);
	page = gv_map(&a);
	pages = gv_list(&a);
	item = gv_map(&a);
	gv_set_str(&a, site, "title", "<b>站点</b>");
	gv_set(&a, site, "url", gv_url(&a, "x/"));
	gv_set_str(&a, page, "title", "\"><script>alert(1)</script>");
	gv_set(&a, page, "date", gv_int(&a, GV_DATE, 20000));
	gv_set(&a, page, "amount", gv_int(&a, GV_MONEY, 7583145));
	gv_set(&a, page, "body", gv_html(&a, "<p>正文</p>"));
	gv_set_str(&a, page, "phone", "13900001111");
	gv_set_str(&a, item, "title", "条目");
	gv_push(&a, pages, item);
	gv_push(&a, pages, item);
	gv_set(&a, ctx, "site", site);
	gv_set(&a, ctx, "page", page);
	gv_set(&a, ctx, "pages", pages);
	ts = tmpl_set_new("/nonexistent", "templates", roots, NULL);
	if (ts != NULL && tmpl_set_add_string(ts, "t.html", text) &&
	    tmpl_set_add_string(ts, "p.html", "<p data-g-text=\"page.title\"/>")) {
		t = tmpl_get(ts, "t.html", &dg);
		if (t != NULL)
			tmpl_render(t, ctx, &env, &out, &dg);
	}
	tmpl_set_free(ts);
	buf_free(&out);
	diags_free(&dg);
	arena_free(&a);
	arena_free(&scratch);
	free(text);
	return 0;
}
