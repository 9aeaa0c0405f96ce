/* Unit tests: `gongshi new` writes every field of its type (scaffold.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "scaffold.h"
#include "schema.h"

static const char site_yaml[] =
    "org_name: 青禾村民委员会\n"
    "org_type: village\n"
    "short_name: 青禾村\n"
    "parent_org: 望山镇人民政府\n"
    "base_url: https://qinghe.example.cn\n"
    "address: 望山镇青禾村村委会\n"
    "office_hours: 工作日 8:30—17:00\n"
    "office_phone: \"0571-86000100\"\n"
    "supervisor: {name: 赵德顺, title: 村务监督委员会主任, phone: \"13900003333\"}\n"
    "complaint: {org: \"望山镇人民政府, 党政办\", phone: \"0571-86000200\"}\n"
    "min_publicity_days: 10\n"
    "share_image: img/share.png\n"
    "grids:\n"
    "  - {code: QH-01, name: 东塘网格, gridder: {name: 周小燕, phone: \"13900001111\"}}\n";

struct tmp {
	char dir[64];
	char *text;
	char path[512];
};

/* Make a site, run `new`, read the file it names. */
static void
scaffold(struct tmp *t, const char *type, const char *title)
{
	char *yaml;
	FILE *out, *err;
	size_t len;
	int rc;

	snprintf(t->dir, sizeof(t->dir), "/tmp/gongshi-scaffold.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	yaml = path_join(t->dir, "site.yaml");
	assert_int_equal(write_file(yaml, site_yaml, strlen(site_yaml)), 0);
	free(yaml);
	out = tmpfile();
	err = tmpfile();
	assert_non_null(out);
	assert_non_null(err);
	rc = scaffold_new(t->dir, type, title, out, err);
	assert_int_equal(rc, 0);
	rewind(out);
	assert_non_null(fgets(t->path, sizeof(t->path), out));
	t->path[strcspn(t->path, "\n")] = '\0';
	fclose(out);
	fclose(err);
	assert_int_equal(read_file(t->path, 1u << 20, &t->text, &len), 0);
}

static void
tmp_free(struct tmp *t)
{
	free(t->text);
	assert_int_equal(rm_rf(t->dir), 0);
}

/* `key:` written as a key, in use or commented out. */
static bool
has_key(const char *text, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = strstr(text, key); p != NULL; p = strstr(p + 1, key)) {
		char before = p == text ? '\n' : p[-1];

		if (p[n] == ':' && (before == '\n' || before == ' ' ||
		    before == '{' || before == '#'))
			return true;
	}
	return false;
}

static void
expect_fields(const char *text, const struct field *tab, const char *where)
{
	const struct field *f;

	for (f = tab; f != NULL && (f->key != NULL || f->label != NULL); f++) {
		if (f->key != NULL && !has_key(text, f->key))
			fail_msg("%s: the scaffold lacks %s (%s)", where, f->key,
			    f->label);
		if (f->type == FT_MAP || f->type == FT_LIST)
			expect_fields(text, f->sub, f->key ? f->key : where);
		if (f->key == NULL)
			break; /* a list item's one-entry table */
	}
}

static void
check_type(const char *type, const struct field *tab, const char *dir)
{
	struct tmp t;

	scaffold(&t, type, "二〇二六年度测试记录");
	assert_non_null(strstr(t.path, dir));
	expect_fields(t.text, schema_common, "common");
	expect_fields(t.text, tab, type);
	/* A draft until the clerk says otherwise, dated by SOURCE_DATE_EPOCH
	 * (the tests' 2026-11-23). */
	assert_non_null(strstr(t.text, "\ndraft: true\n"));
	assert_non_null(strstr(t.text, "\ndate: 2026-11-23\n"));
	assert_non_null(strstr(t.path, "/2026-11-23-"));
	/* Village wording from site.yaml. */
	assert_null(strstr(t.text, "居委会"));
	tmp_free(&t);
}

static void
test_notice(void **state)
{
	(void)state;
	check_type("notice", schema_notice, "/content/notices/");
}

static void
test_disclosure(void **state)
{
	struct tmp t;

	(void)state;
	check_type("disclosure", schema_disclosure, "/content/disclosures/");
	/* min_publicity_days: 10 → a ten-day 公示期; an org name with a comma
	 * is quoted so the flow map still parses. */
	scaffold(&t, "公开", "测试村务公开记录");
	assert_non_null(strstr(t.text,
	    "publicity: {start: 2026-11-23, end: 2026-12-02}"));
	assert_non_null(strstr(t.text,
	    "counterparty: \"望山镇人民政府, 党政办\"}"));
	tmp_free(&t);
}

static void
test_power_item(void **state)
{
	(void)state;
	check_type("power_item", schema_power_item, "/content/power/");
}

static void
test_consultation(void **state)
{
	(void)state;
	check_type("consultation", schema_consultation,
	    "/content/consultations/");
}

static void
test_legal_schedule(void **state)
{
	(void)state;
	check_type("legal_schedule", schema_legal_schedule,
	    "/content/legal-advisors/");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_disclosure),
		cmocka_unit_test(test_power_item),
		cmocka_unit_test(test_consultation),
		cmocka_unit_test(test_legal_schedule),
	};

	setenv("SOURCE_DATE_EPOCH", "1795392000", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
