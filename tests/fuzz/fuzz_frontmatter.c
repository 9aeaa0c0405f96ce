/*
 * libFuzzer harness: a whole record file through the front matter split,
 * libyaml, and schema typing for every record type.  Diagnostics are
 * collected and dropped; the harness only looks for crashes, leaks, hangs
 * and undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "schema.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct field *const types[] = {schema_notice,
	    schema_disclosure, schema_power_item, schema_consultation,
	    schema_legal_schedule};
	struct arena a = ARENA_INIT, model = ARENA_INIT;
	struct diags dg;
	struct schema_ctx c;
	const char *fm, *body;
	char *text;
	size_t fm_len, i;
	int fm_line, body_line;
	struct ynode *root;

	if (size > (1u << 20))
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	diags_init(&dg);
	/* load.c rejects invalid UTF-8 before parsing; do the same. */
	if (utf8_check(text, size) == size &&
	    fm_split(text, size, "f.md", &dg, &fm, &fm_len, &fm_line, &body,
	    &body_line)) {
		root = fm_parse(&a, fm, fm_len, fm_line, "f.md", &dg);
		for (i = 0; root && i < sizeof(types) / sizeof(*types); i++) {
			memset(&c, 0, sizeof(c));
			c.a = &model;
			c.dg = &dg;
			c.file = "f.md";
			c.village = i % 2;
			c.line = c.col = 1;
			schema_map(&c, schema_common, types[i], root);
			arena_reset(&model);
		}
	}
	diags_free(&dg);
	arena_free(&a);
	arena_free(&model);
	free(text);
	return 0;
}
