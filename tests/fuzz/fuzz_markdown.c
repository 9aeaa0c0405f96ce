/* libFuzzer harness: a Markdown body through md_check() and, within the
 * limits, md_render() and md_text(). */
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
	struct md_out out;
	char *text;
	struct md_problem p;

	if (!ready) {
		md_init();
		ready = 1;
	}
	if (size > (1u << 20) || utf8_check((const char *)data, size) != size)
		return 0;
	/* validate.c holds every body to md_check() before any rendering. */
	if (md_check((const char *)data, size, &p) != 0)
		return 0;
	if (md_render((const char *)data, size, "../../", &out) == 0)
		md_out_free(&out);
	text = md_text((const char *)data, size);
	free(text);
	return 0;
}
