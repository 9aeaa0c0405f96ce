/*
 * Shared by the record-level libFuzzer harnesses (fuzz_schedule.c,
 * fuzz_ledger.c): one fuzzed record file goes the way load.c takes it
 * (BOM and CRLF dropped, UTF-8 and NUL check, front matter split, the
 * front-matter line limit, libyaml, schema typing by its section's table)
 * into a one-record site typed from a fixed site.yaml, then through
 * site_validate() (common rules, the type's check_*, privacy, the rules
 * across records) and, when that found no error, site_model() (which
 * renders the body of a record without a summary).  The harness looks for crashes,
 * leaks, hangs and undefined behaviour; diagnostics are dropped.
 *
 * Not a public header: each harness includes it once.
 */
#ifndef GONGSHI_FUZZ_RECORD_H
#define GONGSHI_FUZZ_RECORD_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "schema.h"
#include "site.h"
#include "utf8.h"

/* Like tests/sites/base/site.yaml: two grids, a supervisor, a complaint
 * office, so the rules that read the site have something to read. */
static const char fuzz_site_yaml[] =
    "org_name: 测试社区居民委员会\n"
    "org_type: community\n"
    "short_name: 测试社区\n"
    "parent_org: 测试街道办事处\n"
    "base_url: https://test.example.cn\n"
    "address: 测试区测试路1号\n"
    "office_hours: 工作日 8:30—17:30\n"
    "office_phone: \"0571-86000100\"\n"
    "supervisor: {name: 刘淑琴, title: 居务监督委员会主任, phone: \"13900004444\", location: 服务中心一楼}\n"
    "complaint: {org: 测试街道办事处, phone: \"0571-86000200\"}\n"
    "share_image: img/share.png\n"
    "grids:\n"
    "  - {code: TS-01, name: 东区网格, households: 300, scope: 东区1—8幢, gridder: {name: 马丽, phone: \"13900001111\"}}\n"
    "  - {code: TS-02, name: 西区网格, households: 280, scope: 西区1—6幢, gridder: {name: 孙文静, phone: \"13900002222\"}}\n";

/* The build time of the tests: SOURCE_DATE_EPOCH=1795392000. */
#define FUZZ_EPOCH INT64_C(1795392000)

/* Type the fixed site.yaml into `s`.  false when that failed (never, but
 * the harness must not go on with a half site). */
static bool
fuzz_site_init(struct site *s, bool village)
{
	struct arena tmp = ARENA_INIT;
	struct diags dg;
	struct schema_ctx c;
	struct ynode *root;
	bool ok = false;

	memset(s, 0, sizeof(*s));
	diags_init(&dg);
	s->dir = strdup("/nonexistent-fuzz-site");
	if (s->dir == NULL)
		goto out;
	s->village = village;
	s->now = FUZZ_EPOCH + SITE_UTC_OFFSET;
	s->today = s->now / 86400;
	root = fm_parse(&tmp, fuzz_site_yaml, sizeof(fuzz_site_yaml) - 1, 1,
	    "site.yaml", &dg);
	if (root == NULL)
		goto out;
	memset(&c, 0, sizeof(c));
	c.a = &s->arena;
	c.dg = &dg;
	c.file = "site.yaml";
	c.village = village;
	c.line = c.col = 1;
	s->v = schema_map(&c, schema_site, NULL, root);
	if (s->v == NULL || dg.errors != 0)
		goto out;
	s->base_url = gv_get_str(s->v, "base_url");
	s->min_publicity_days = (int)gv_get_int(s->v, "min_publicity_days", 7);
	ok = !s->arena.oom;
out:
	diags_free(&dg);
	arena_free(&tmp);
	return ok;
}

/*
 * One record file of section `type` through load, validate and model,
 * then `after` (may be NULL) on the modelled site.
 * The site is a village one when the input's length is odd, so both
 * wordings are exercised without spending input bytes on it.
 */
static void
fuzz_record(const uint8_t *data, size_t size, enum rtype type,
    void (*after)(struct site *s))
{
	struct site s;
	struct arena tmp = ARENA_INIT;
	struct diags dg;
	struct schema_ctx c;
	struct record *r;
	struct ynode *root;
	const struct gv *sv;
	const char *fm, *body;
	char *text = NULL, path[64];
	size_t len, fm_len, i, j, nl = 0;
	int fm_line, body_line;

	diags_init(&dg);
	/* The fixed site must type cleanly, or nothing below is reached. */
	if (!fuzz_site_init(&s, size & 1))
		abort();
	/* load.c's read_text(): at most 4 MiB there; less here, for speed. */
	if (size > (1u << 20))
		goto out;
	if ((text = malloc(size + 1)) == NULL)
		goto out;
	memcpy(text, data, size);
	text[size] = '\0';
	len = size;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		memmove(text, text + 3, len - 3 + 1);
		len -= 3;
	}
	for (i = j = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue;
		text[j++] = text[i];
	}
	text[j] = '\0';
	len = j;
	if (utf8_check(text, len) != len)
		goto out;
	snprintf(path, sizeof(path), "content/%s/f.md", section_defs[type].dir);
	if (!fm_split(text, len, path, &dg, &fm, &fm_len, &fm_line, &body,
	    &body_line))
		goto out;
	for (i = 0; i < fm_len; i++)
		nl += fm[i] == '\n';
	if (nl > FM_MAX_LINES)
		goto out;
	root = fm_parse(&tmp, fm, fm_len, fm_line, path, &dg);
	if (root == NULL)
		goto out;
	if ((s.recs = calloc(1, sizeof(*s.recs))) == NULL)
		goto out;
	r = &s.recs[0];
	memset(&c, 0, sizeof(c));
	c.a = &s.arena;
	c.dg = &dg;
	c.file = path;
	c.village = s.village;
	c.grids = gv_get(s.v, "grids");
	c.line = c.col = 1;
	r->v = schema_map(&c, schema_common, section_defs[type].fields, root);
	if (r->v == NULL)
		goto out;
	r->type = type;
	r->fm_line = fm_line;
	r->body_line = body_line;
	r->body_off = (size_t)(body - text);
	r->body_len = len - r->body_off;
	r->body = text + r->body_off;
	if ((r->path = strdup(path)) == NULL)
		goto out;
	s.nrecs = 1;
	r->title = gv_get_str(r->v, "title");
	r->date = gv_get_int(r->v, "date", 0);
	r->modified = gv_get_int(r->v, "updated", r->date);
	r->pinned = gv_get_bool(r->v, "pinned");
	r->draft = gv_get_bool(r->v, "draft");
	sv = gv_get(r->v, "slug");
	r->slug = sv != NULL && sv->kind == GV_STR ? sv->u.s.p : "f";
	/* As load.c: what needs the body, then the text is dropped. */
	if (record_check_body(&s, r, &dg) != 0)
		goto out;
	r->body = NULL;
	site_validate(&s, 1, &dg);
	/* As build.c: only a site without errors is modelled (the body
	 * limits keep cmark-gfm linear there). */
	if (!s.arena.oom && !diags_failed(&dg, false) &&
	    site_model(&s, &dg) == 0 && !s.arena.oom && after != NULL)
		after(&s);
out:
	free(text);
	site_free(&s);
	arena_free(&tmp);
	diags_free(&dg);
}

#endif
