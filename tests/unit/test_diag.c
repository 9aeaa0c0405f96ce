/*
 * diag: diags_append copies another list's diagnostics (what `serve`
 * keeps of a record it does not read again) with their counts, and
 * printing sorts them by file, line and column whatever their order;
 * diags_equal tells a record read again whose diagnostics did not
 * change.
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

/* diags_equal: the same diagnostics in the same order; a different
 * place, severity, message or count is not. */
static void
equal(void **state)
{
	struct diags a, b;

	(void)state;
	diags_init(&a);
	diags_init(&b);
	assert_true(diags_equal(&a, &b));
	diag_add(&a, DIAG_WARNING, "content/notices/a.md", 9, 3, "正文：手机号");
	assert_false(diags_equal(&a, &b));
	diag_add(&b, DIAG_WARNING, "content/notices/a.md", 9, 3, "正文：手机号");
	assert_true(diags_equal(&a, &b));
	b.v[0].line = 10;
	assert_false(diags_equal(&a, &b));
	b.v[0].line = 9;
	b.v[0].sev = DIAG_ERROR;
	assert_false(diags_equal(&a, &b));
	b.v[0].sev = DIAG_WARNING;
	b.v[0].msg[0] = 'X';
	assert_false(diags_equal(&a, &b));
	diags_free(&b);
	diags_init(&b);
	diag_add(&b, DIAG_WARNING, NULL, 9, 3, "正文：手机号");
	assert_false(diags_equal(&a, &b));
	assert_false(diags_equal(&b, &a));
	diags_free(&a);
	diags_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append),
		cmocka_unit_test(equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
