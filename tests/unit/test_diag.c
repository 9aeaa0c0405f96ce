/*
 * diag: diags_append copies another list's diagnostics (what `serve`
 * keeps of a record it does not read again) with their counts, and
 * printing sorts them by file, line and column whatever their order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

static void
append(void **state)
{
	struct diags a, b;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	diags_init(&a);
	diags_init(&b);
	diag_add(&a, DIAG_ERROR, "content/notices/b.md", 3, 1, "类别 kind：%s",
	    "不对");
	diag_add(&b, DIAG_WARNING, "content/notices/a.md", 4, 1, "标题 title：太长");
	diag_add(&b, DIAG_ERROR, "content/notices/a.md", 2, 7, "日期 date：%d", 31);
	assert_true(diags_append(&a, &b));
	assert_int_equal(a.n, 3);
	assert_int_equal(a.errors, 2);
	assert_int_equal(a.warnings, 1);
	/* b is unchanged, and owns its own copies */
	assert_int_equal(b.n, 2);
	assert_ptr_not_equal(a.v[1].msg, b.v[0].msg);
	assert_ptr_not_equal(a.v[1].file, b.v[0].file);
	diags_free(&b);
	assert_true(diags_failed(&a, false));

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	diags_print(&a, fp);
	fclose(fp);
	assert_string_equal(text,
	    "content/notices/a.md:2:7: error: 日期 date：31\n"
	    "content/notices/a.md:4:1: warning: 标题 title：太长\n"
	    "content/notices/b.md:3:1: error: 类别 kind：不对\n");
	free(text);
	diags_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
