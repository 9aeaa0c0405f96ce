/*
 * buf: the growable buffer, and str_join3, the bounded join that names
 * field paths and labels on every front-matter value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void
join_whole(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(str_join3(out, sizeof(out), "ledger", ".",
	    "income"), "ledger.income");
	assert_string_equal(str_join3(out, sizeof(out), "标题", " ",
	    "title"), "标题 title");
	/* NULL parts count as "": a list item has a label and no key. */
	assert_string_equal(str_join3(out, sizeof(out), "标签", NULL, NULL),
	    "标签");
	assert_string_equal(str_join3(out, sizeof(out), "", "", "key"),
	    "key");
}

static void
join_cut(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'x', sizeof(out));
	/* Cut at n - 1 bytes and always terminated, as snprintf does. */
	assert_string_equal(str_join3(out, sizeof(out), "abcd", "ef",
	    "ghij"), "abcdefg");
	assert_string_equal(str_join3(out, 1, "abc", NULL, NULL), "");
	out[0] = 'x';
	assert_ptr_equal(str_join3(out, 0, "abc", NULL, NULL), out);
	assert_int_equal(out[0], 'x'); /* nothing written when n is 0 */
}

static void
buf_grows(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	buf_printf(&b, "%d", 42);
	assert_true(buf_ok(&b));
	assert_int_equal(b.len, 10002);
	assert_string_equal(b.data + 10000, "42");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(join_whole),
		cmocka_unit_test(join_cut),
		cmocka_unit_test(buf_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
