/*
 * libFuzzer harness: the entries of the memo file (src/memofile.h).
 *  - The input as an entry's bytes: decoded, whatever they are.
 *  - The input as a record file (front matter split, libyaml, schema
 *    typing as a notice): its values and diagnostics encoded, decoded,
 *    and compared with what was encoded (abort() when they differ); then
 *    the encoded bytes cut short and changed at places the input picks,
 *    and decoded again.
 * The harness looks for crashes, leaks, hangs, undefined behaviour and
 * entries that do not read back as they were written.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "gv.h"
#include "memofile.h"
#include "schema.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
decode(const void *p, size_t n)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct diags dg;
	int rc;

	diags_init(&dg);
	memofile_decode(p, n, &a, &r, &rc, &dg);
	diags_free(&dg);
	arena_free(&a);
}

/* Encode `r`, decode it, and compare; then damaged copies. */
static void
round_trip(const struct record *r, int rc, const struct diags *dg,
    const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct record back;
	struct diags got;
	unsigned char *copy;
	int brc = 7;
	size_t i, at;

	if (!memofile_encode(&b, r, rc, dg) || !buf_ok(&b) || b.len == 0)
		goto out;
	diags_init(&got);
	if (!memofile_decode(b.data, b.len, &a, &back, &brc, &got) ||
	    brc != rc || !gv_equal(back.v, r->v) ||
	    !diags_equal(&got, dg) ||
	    (r->v != NULL && strcmp(back.slug, r->slug) != 0))
		abort();
	diags_free(&got);
	copy = malloc(b.len);
	if (copy == NULL)
		goto out;
	for (i = 0; i < 32 && i < size; i++) {
		at = (data[i] * 2654435761u + i * 40503u) % b.len;
		decode(b.data, at);
		memcpy(copy, b.data, b.len);
		copy[at] ^= (unsigned char)(data[size - 1 - i] | 1);
		decode(copy, b.len);
	}
	free(copy);
out:
	arena_free(&a);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT, model = ARENA_INIT;
	struct diags dg;
	struct schema_ctx c;
	struct record r;
	const char *fm, *body;
	char *text;
	size_t fm_len;
	int fm_line, body_line;
	struct ynode *root;

	if (size > (1u << 20))
		return 0;
	decode(data, size);
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	diags_init(&dg);
	if (utf8_check(text, size) == size &&
	    fm_split(text, size, "f.md", &dg, &fm, &fm_len, &fm_line, &body,
	    &body_line)) {
		root = fm_parse(&a, fm, fm_len, fm_line, "f.md", &dg);
		memset(&c, 0, sizeof(c));
		c.a = &model;
		c.dg = &dg;
		c.file = "f.md";
		c.line = c.col = 1;
		memset(&r, 0, sizeof(r));
		r.v = root ? schema_map(&c, schema_common, schema_notice, root) :
		    NULL;
		r.slug = "f";
		r.title = gv_get_str(r.v, "title");
		r.type = RT_NOTICE;
		r.body_off = (size_t)(body - text);
		r.body_len = size - r.body_off;
		r.body_line = body_line;
		r.fm_line = fm_line;
		if (!dg.oom)
			round_trip(&r, dg.errors ? -1 : 0, &dg, data, size);
	}
	diags_free(&dg);
	arena_free(&a);
	arena_free(&model);
	free(text);
	return 0;
}
