/*
 * xssgen: make a hostile copy of a site for tests/sites/cases/hostile_xss.sh.
 *
 *   xssgen PAYLOADS ROUND SRC DST
 *
 * Reads SRC/site.yaml and every .md file of SRC/content/<section>/, walks each
 * front matter with the schema tables (schema.c), and replaces the value
 * of every string, text and person field with one of the payloads of the
 * file PAYLOADS (one a line), taking them in turn (starting ROUND places
 * further on, so another round puts other payloads into the same fields).
 * A payload that does not fit a field (too long, a line break in a
 * one-line field, a "/" in a tag) is passed over for the next one: the
 * site must still build, or nothing reaches the output to look at.  The
 * result is written with libyaml's emitter to the same paths under DST;
 * bodies are copied unchanged.
 *
 * Coverage is checked against the tables: every string field of site.yaml
 * and every string field (common ones included) of every record type must
 * have received a payload in some file, or xssgen lists what is missing
 * and exits 1.  So a field added to schema.c without a value in the
 * fixtures fails the test instead of going untested.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "schema.h"
#include "site.h"
#include "utf8.h"

/* Fields whose value must keep its form (a rule checks it) and so cannot
 * carry a payload: the path, as reported. */
static const char *const keep[] = {
	"site.division_code", /* 12 digits */
	NULL,
};

struct strs {
	char **v;
	size_t n, cap;
};

struct gen {
	struct strs payloads;
	size_t next;         /* the next payload to try */
	struct strs covered; /* field paths that got a payload */
	size_t replaced;
	int failed;
};

static void
die(const char *what)
{
	fprintf(stderr, "xssgen: %s\n", what);
	exit(2);
}

static void
strs_add(struct strs *s, const char *p)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (s->v == NULL)
			die("out of memory");
	}
	if ((s->v[s->n++] = strdup(p)) == NULL)
		die("out of memory");
}

static bool
strs_has(const struct strs *s, const char *p)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], p) == 0)
			return true;
	return false;
}

static void
strs_free(struct strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static bool
kept(const char *path)
{
	for (size_t i = 0; keep[i]; i++)
		if (strcmp(keep[i], path) == 0)
			return true;
	return false;
}

static bool
stringish(const struct field *f)
{
	return f->type == FT_STRING || f->type == FT_TEXT ||
	    f->type == FT_PERSON;
}

static const struct field *
find(const struct field *t, const char *key)
{
	for (; t && t->key; t++)
		if (strcmp(t->key, key) == 0)
			return t;
	return NULL;
}

/* Does payload `p` fit field `f` at `path`, as schema.c types it? */
static bool
fits(const struct field *f, const char *path, const char *p)
{
	size_t n = utf8_chars(p), l = strlen(path);
	int max = f->max ? f->max : f->type == FT_PERSON ? 20 :
	    f->type == FT_TEXT ? 5000 : 200;

	if (n > (size_t)max || (f->min && n < (size_t)f->min))
		return false;
	if (f->type != FT_TEXT && strchr(p, '\n') != NULL)
		return false;
	if (l >= 6 && strcmp(path + l - 6, "tags[]") == 0 &&
	    (strchr(p, '/') != NULL || strcmp(p, ".") == 0 ||
	    strcmp(p, "..") == 0))
		return false;
	return true;
}

static void walk_value(struct gen *g, const struct field *f,
    struct ynode *v, const char *path);

static void
walk_map(struct gen *g, const struct field *t1, const struct field *t2,
    struct ynode *m, const char *path)
{
	char sub[512];
	const struct field *f;

	if (m->kind != Y_MAP)
		return;
	for (size_t i = 0; i < m->n; i++) {
		struct ynode *k = m->kv[2 * i], *v = m->kv[2 * i + 1];

		if ((f = find(t1, k->s)) == NULL && (f = find(t2, k->s)) == NULL)
			continue;
		snprintf(sub, sizeof(sub), "%s.%s", path, k->s);
		walk_value(g, f, v, sub);
	}
}

static void
walk_value(struct gen *g, const struct field *f, struct ynode *v,
    const char *path)
{
	char sub[512];
	size_t i, k;

	switch (f->type) {
	case FT_MAP:
		walk_map(g, f->sub, NULL, v, path);
		return;
	case FT_LIST:
		if (v->kind != Y_SEQ)
			return;
		snprintf(sub, sizeof(sub), "%s[]", path);
		for (i = 0; i < v->n; i++)
			walk_value(g, f->sub, v->kv[i], sub);
		return;
	default:
		break;
	}
	if (!stringish(f) || v->kind != Y_SCALAR || kept(path))
		return;
	for (k = 0; k < g->payloads.n; k++) {
		const char *p = g->payloads.v[(g->next + k) % g->payloads.n];

		if (!fits(f, path, p))
			continue;
		v->s = p;
		v->len = strlen(p);
		v->plain = false;
		g->next = (g->next + k + 1) % g->payloads.n;
		g->replaced++;
		if (!strs_has(&g->covered, path))
			strs_add(&g->covered, path);
		return;
	}
	fprintf(stderr, "xssgen: no payload fits %s\n", path);
	g->failed = 1;
}

/* Every string field path under table `t` (and `t2`), into `out`. */
static void
expect_table(const struct field *t, const char *path, struct strs *out);

static void
expect_field(const struct field *f, const char *path, struct strs *out)
{
	char sub[512];

	if (f->type == FT_MAP) {
		expect_table(f->sub, path, out);
	} else if (f->type == FT_LIST) {
		snprintf(sub, sizeof(sub), "%s[]", path);
		expect_field(f->sub, sub, out);
	} else if (stringish(f) && !kept(path)) {
		strs_add(out, path);
	}
}

static void
expect_table(const struct field *t, const char *path, struct strs *out)
{
	char sub[512];

	for (; t && t->key; t++) {
		snprintf(sub, sizeof(sub), "%s.%s", path, t->key);
		expect_field(t, sub, out);
	}
}

/* ---- output through libyaml's emitter ---- */

static int
to_file(void *data, unsigned char *buffer, size_t size)
{
	return fwrite(buffer, 1, size, data) == size;
}

static void
emit(yaml_emitter_t *em, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(em, ev))
		die(em->problem ? em->problem : "YAML emitter failed");
}

static void
emit_node(yaml_emitter_t *em, const struct ynode *y)
{
	yaml_event_t ev;
	size_t i;

	switch (y->kind) {
	case Y_SCALAR:
		yaml_scalar_event_initialize(&ev, NULL, NULL,
		    (yaml_char_t *)y->s, (int)y->len, 1, 1,
		    y->plain ? YAML_PLAIN_SCALAR_STYLE :
		    YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		emit(em, &ev);
		return;
	case Y_SEQ:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
		emit(em, &ev);
		for (i = 0; i < y->n; i++)
			emit_node(em, y->kv[i]);
		yaml_sequence_end_event_initialize(&ev);
		emit(em, &ev);
		return;
	case Y_MAP:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
		emit(em, &ev);
		for (i = 0; i < 2 * y->n; i++)
			emit_node(em, y->kv[i]);
		yaml_mapping_end_event_initialize(&ev);
		emit(em, &ev);
		return;
	}
}

static void
write_yaml(FILE *fp, const struct ynode *root)
{
	yaml_emitter_t em;
	yaml_event_t ev;

	if (!yaml_emitter_initialize(&em))
		die("out of memory");
	yaml_emitter_set_output(&em, to_file, fp);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&em, &ev);
	emit_node(&em, root);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&em, &ev);
	yaml_emitter_delete(&em);
}

/* ---- files ---- */

static const struct field *
type_table(const char *type)
{
	for (size_t i = 0; i < RT_COUNT; i++)
		if (strcmp(section_defs[i].type_key, type) == 0)
			return section_defs[i].fields;
	return NULL;
}

/* Rewrite one file: site.yaml when `record` is false. */
static void
one(struct gen *g, const char *src, const char *dst, const char *rel,
    bool record)
{
	struct arena a = ARENA_INIT;
	struct diags dg;
	struct ynode *root;
	const struct ynode *ty;
	const char *fm = NULL, *body = NULL;
	char *text = NULL;
	size_t len, fm_len;
	int fm_line, body_line;
	FILE *fp;

	diags_init(&dg);
	if (read_file(src, 1u << 22, &text, &len) != 0)
		die(src);
	if (record) {
		if (!fm_split(text, len, rel, &dg, &fm, &fm_len, &fm_line,
		    &body, &body_line))
			die(rel);
	} else {
		fm = text;
		fm_len = len;
		fm_line = 1;
	}
	root = fm_parse(&a, fm, fm_len, fm_line, rel, &dg);
	if (root == NULL) {
		diags_print(&dg, stderr);
		die(rel);
	}
	if (record) {
		ty = ynode_get(root, "type", NULL);
		if (ty == NULL || ty->kind != Y_SCALAR ||
		    type_table(ty->s) == NULL)
			die("a record without a known type");
		walk_map(g, schema_common, type_table(ty->s), root, ty->s);
	} else {
		walk_map(g, schema_site, NULL, root, "site");
	}
	if ((fp = fopen(dst, "w")) == NULL)
		die(dst);
	if (record)
		fputs("---\n", fp);
	write_yaml(fp, root);
	if (record) {
		fputs("---\n", fp);
		fputs(body, fp);
	}
	if (fclose(fp) != 0)
		die(dst);
	free(text);
	arena_free(&a);
	diags_free(&dg);
}

int
main(int argc, char **argv)
{
	struct gen g = {0};
	struct strs want = {0};
	char *text, *p, *nl, path[4096], out[4096], rel[1024];
	size_t len, i, t;
	int missing = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: xssgen PAYLOADS ROUND SRC DST\n");
		return 2;
	}
	if (read_file(argv[1], 1u << 20, &text, &len) != 0)
		die(argv[1]);
	for (p = text; *p; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl > p && *p != '#') {
			char c = *nl;

			*nl = '\0';
			strs_add(&g.payloads, p);
			*nl = c;
		}
		if (*nl == '\0')
			break;
	}
	free(text);
	if (g.payloads.n == 0)
		die("no payloads");
	g.next = (size_t)strtoul(argv[2], NULL, 10) % g.payloads.n;

	snprintf(path, sizeof(path), "%s/site.yaml", argv[3]);
	snprintf(out, sizeof(out), "%s/site.yaml", argv[4]);
	one(&g, path, out, "site.yaml", false);
	for (t = 0; t < RT_COUNT; t++) {
		DIR *d;
		struct dirent *e;
		struct strs names = {0};

		snprintf(path, sizeof(path), "%s/content/%s", argv[3],
		    section_defs[t].dir);
		if ((d = opendir(path)) == NULL)
			continue;
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.' && strlen(e->d_name) > 3 &&
			    strcmp(e->d_name + strlen(e->d_name) - 3, ".md") == 0)
				strs_add(&names, e->d_name);
		closedir(d);
		for (i = 0; i < names.n; i++) {
			snprintf(rel, sizeof(rel), "content/%s/%s",
			    section_defs[t].dir, names.v[i]);
			snprintf(path, sizeof(path), "%s/%s", argv[3], rel);
			snprintf(out, sizeof(out), "%s/%s", argv[4], rel);
			one(&g, path, out, rel, true);
		}
		strs_free(&names);
	}

	expect_table(schema_site, "site", &want);
	for (t = 0; t < RT_COUNT; t++) {
		expect_table(schema_common, section_defs[t].type_key, &want);
		expect_table(type_table(section_defs[t].type_key),
		    section_defs[t].type_key, &want);
	}
	for (i = 0; i < want.n; i++)
		if (!strs_has(&g.covered, want.v[i])) {
			fprintf(stderr, "xssgen: no value in the fixtures for %s\n",
			    want.v[i]);
			missing++;
		}
	printf("xssgen: %zu values replaced, %zu of %zu string fields covered, %zu payloads\n",
	    g.replaced, g.covered.n, want.n, g.payloads.n);
	strs_free(&want);
	strs_free(&g.covered);
	strs_free(&g.payloads);
	return missing || g.failed ? 1 : 0;
}
