/* libFuzzer harness: a Markdown body through md_check() (which must agree
 * with md_check_parsed()) and, within the
 * limits, md_render(), md_text() and md_render_text(), which must give
 * the same HTML and text as the other two (a part of the search index is
 * built from either, and must not depend on which). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct md_out out, both;
	char *text;
	struct md_problem p;

	if (!ready) {
		md_init();
		ready = 1;
	}
	if (size > (1u << 20) || utf8_check((const char *)data, size) != size)
		return 0;
	/* md_check()'s shortcut (no parse when no line could nest too
	 * deep) must say what the parse says. */
	{
		struct md_problem q;
		int a = md_check((const char *)data, size, &p);

		if (a != md_check_parsed((const char *)data, size, &q) ||
		    p.line != q.line || p.col != q.col)
			abort();
		/* validate.c holds every body to md_check() before any
		 * rendering. */
		if (a != 0)
			return 0;
	}
	if (md_render((const char *)data, size, "../../", &out) != 0)
		return 0;
	text = md_text((const char *)data, size);
	if (text != NULL &&
	    md_render_text((const char *)data, size, "../../", &both) == 0) {
		if (strcmp(both.html, out.html) != 0 ||
		    strcmp(both.text, text) != 0)
			abort();
		md_out_free(&both);
	}
	md_out_free(&out);
	free(text);
	return 0;
}
