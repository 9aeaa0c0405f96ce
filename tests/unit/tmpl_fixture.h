/*
 * tmpl_fixture.h: the cmocka fixture that test_template.c and
 * test_filters.c share: a template set and a model (site, page) in
 * memory, render helpers, and expect_tmpl_error.  Included once by each
 * test program (its functions are static); the including file has
 * already included <cmocka.h>, <libxml/parser.h> and "template.h".
 */
#ifndef GONGSHI_TMPL_FIXTURE_H
#define GONGSHI_TMPL_FIXTURE_H

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

#endif
