/*
 * Front matter: fm_split (where the YAML and the body are) and fm_parse
 * (libyaml into a ynode tree, positions in file lines, everything the
 * content model does not allow rejected at the right line:col).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "frontmatter.h"

struct fx {
	struct arena a;
	struct diags dg;
};

static int
setup(void **state)
{
	static struct fx f;

	memset(&f, 0, sizeof(f));
	diags_init(&f.dg);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	arena_free(&f->a);
	diags_free(&f->dg);
	return 0;
}

/* The only diagnostic must be an error at line:col whose message holds
 * `needle`. */
static void
expect_one_error(struct fx *f, int line, int col, const char *needle)
{
	if (f->dg.n != 1) {
		size_t i;

		for (i = 0; i < f->dg.n; i++)
			print_message("diag %d:%d %s\n", f->dg.v[i].line,
			    f->dg.v[i].col, f->dg.v[i].msg);
	}
	assert_int_equal(f->dg.n, 1);
	assert_int_equal(f->dg.v[0].sev, DIAG_ERROR);
	assert_string_equal(f->dg.v[0].file, "content/notices/x.md");
	if (f->dg.v[0].line != line || f->dg.v[0].col != col)
		print_message("got %d:%d %s\n", f->dg.v[0].line,
		    f->dg.v[0].col, f->dg.v[0].msg);
	assert_int_equal(f->dg.v[0].line, line);
	assert_int_equal(f->dg.v[0].col, col);
	if (strstr(f->dg.v[0].msg, needle) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", f->dg.v[0].msg, needle);
}

/* Split then parse a whole file, as load.c does. */
static struct ynode *
parse_file(struct fx *f, const char *text)
{
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	if (!fm_split(text, strlen(text), "content/notices/x.md", &f->dg, &fm,
	    &fm_len, &fm_line, &body, &body_line))
		return NULL;
	return fm_parse(&f->a, fm, fm_len, fm_line, "content/notices/x.md",
	    &f->dg);
}

/* ---- fm_split ---- */

static void
split_ok(void **state)
{
	struct fx *f = *state;
	const char *text = "---\ntitle: 通知\ndate: 2026-11-23\n---\n正文第一行\n第二行\n";
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	assert_true(fm_split(text, strlen(text), "content/notices/x.md",
	    &f->dg, &fm, &fm_len, &fm_line, &body, &body_line));
	assert_int_equal(f->dg.n, 0);
	assert_ptr_equal(fm, text + 4);
	assert_int_equal(fm_len, strlen("title: 通知\ndate: 2026-11-23\n"));
	assert_int_equal(fm_line, 2);
	assert_string_equal(body, "正文第一行\n第二行\n");
	assert_int_equal(body_line, 5);
}

static void
split_dots_end_and_no_body(void **state)
{
	struct fx *f = *state;
	const char *text = "---\na: 1\n...";
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	assert_true(fm_split(text, strlen(text), "content/notices/x.md",
	    &f->dg, &fm, &fm_len, &fm_line, &body, &body_line));
	assert_int_equal(fm_len, 5);
	assert_string_equal(body, "");
	assert_int_equal(body_line, 4);
}

static void
split_empty_front_matter(void **state)
{
	struct fx *f = *state;
	const char *text = "---\n---\nbody\n";
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	assert_true(fm_split(text, strlen(text), "content/notices/x.md",
	    &f->dg, &fm, &fm_len, &fm_line, &body, &body_line));
	assert_int_equal(fm_len, 0);
	assert_string_equal(body, "body\n");
	assert_int_equal(body_line, 3);
}

static void
split_no_opening(void **state)
{
	struct fx *f = *state;
	const char *text = "title: 通知\n---\n正文\n";
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	assert_false(fm_split(text, strlen(text), "content/notices/x.md",
	    &f->dg, &fm, &fm_len, &fm_line, &body, &body_line));
	expect_one_error(f, 1, 1, "开头");
}

static void
split_no_closing(void **state)
{
	struct fx *f = *state;
	const char *text = "---\ntitle: 通知\n正文\n--- \n";
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	/* "--- " (trailing space) does not close the front matter. */
	assert_false(fm_split(text, strlen(text), "content/notices/x.md",
	    &f->dg, &fm, &fm_len, &fm_line, &body, &body_line));
	expect_one_error(f, 1, 1, "没有结束行");
}

static void
split_wants_lf(void **state)
{
	struct fx *f = *state;
	/* load.c turns CRLF into LF before splitting; fm_split itself only
	 * knows "\n", so a stray CRLF file is not silently half-read. */
	const char *crlf = "---\r\ntitle: x\r\n---\r\nbody\r\n";
	const char *lf = "---\ntitle: x\n---\nbody\n";
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	assert_false(fm_split(crlf, strlen(crlf), "content/notices/x.md",
	    &f->dg, &fm, &fm_len, &fm_line, &body, &body_line));
	assert_true(fm_split(lf, strlen(lf), "content/notices/x.md", &f->dg,
	    &fm, &fm_len, &fm_line, &body, &body_line));
	assert_string_equal(body, "body\n");
}

static void
split_too_short(void **state)
{
	struct fx *f = *state;
	const char *fm, *body;
	size_t fm_len;
	int fm_line, body_line;

	assert_false(fm_split("---", 3, "content/notices/x.md", &f->dg, &fm,
	    &fm_len, &fm_line, &body, &body_line));
	assert_false(fm_split("", 0, "content/notices/x.md", &f->dg, &fm,
	    &fm_len, &fm_line, &body, &body_line));
	assert_int_equal(f->dg.errors, 2);
}

/* ---- fm_parse ---- */

static void
parse_positions_are_file_lines(void **state)
{
	struct fx *f = *state;
	const struct ynode *root, *v, *k, *items;

	root = parse_file(f,
	    "---\n"                       /* 1 */
	    "title: 停水通知\n"            /* 2 */
	    "contact:\n"                  /* 3 */
	    "  name: 马丽\n"               /* 4 */
	    "  phone: \"13900001111\"\n"   /* 5 */
	    "tags: [停水, 公示]\n"          /* 6 */
	    "items:\n"                    /* 7 */
	    "  - 甲\n"                     /* 8 */
	    "  -   乙\n"                   /* 9 */
	    "---\n"
	    "正文\n");
	assert_non_null(root);
	assert_int_equal(f->dg.n, 0);
	assert_int_equal(root->kind, Y_MAP);
	assert_int_equal(root->n, 4);

	v = ynode_get(root, "title", &k);
	assert_non_null(v);
	assert_int_equal(k->line, 2);
	assert_int_equal(k->col, 1);
	assert_int_equal(v->line, 2);
	assert_int_equal(v->col, 8);
	assert_string_equal(v->s, "停水通知");
	assert_true(v->plain);

	v = ynode_get(root, "contact", &k);
	assert_non_null(v);
	assert_int_equal(v->kind, Y_MAP);
	assert_int_equal(k->line, 3);
	v = ynode_get(v, "phone", &k);
	assert_non_null(v);
	assert_int_equal(k->line, 5);
	assert_int_equal(k->col, 3);
	assert_string_equal(v->s, "13900001111");
	assert_false(v->plain); /* quoted: never typed as a number */

	v = ynode_get(root, "tags", NULL);
	assert_int_equal(v->kind, Y_SEQ);
	assert_int_equal(v->n, 2);
	assert_int_equal(v->kv[1]->line, 6);
	/* columns count characters, not bytes: "tags: [停水, " is 11 */
	assert_string_equal(v->kv[1]->s, "公示");
	assert_int_equal(v->kv[1]->col, 12);

	items = ynode_get(root, "items", NULL);
	assert_int_equal(items->kind, Y_SEQ);
	assert_int_equal(items->n, 2);
	assert_int_equal(items->kv[0]->line, 8);
	assert_int_equal(items->kv[0]->col, 5);
	assert_int_equal(items->kv[1]->line, 9);
	assert_int_equal(items->kv[1]->col, 7);
}

static void
parse_syntax_error_line_col(void **state)
{
	struct fx *f = *state;

	/* The unclosed quote makes libyaml stop at the next line's ':'. */
	assert_null(parse_file(f,
	    "---\n"
	    "title: 通知\n"
	    "date: 2026-11-23\n"
	    "summary: a: b\n"
	    "---\n"));
	expect_one_error(f, 4, 11, "YAML 语法错误");
}

static void
parse_bad_indent(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "contact:\n"
	    "  name: 马丽\n"
	    " phone: \"1\"\n"
	    "---\n"));
	assert_int_equal(f->dg.n, 1);
	assert_int_equal(f->dg.v[0].line, 4);
	assert_non_null(strstr(f->dg.v[0].msg, "YAML 语法错误"));
}

static void
parse_alias_rejected(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "a: &x 1\n"
	    "b: *x\n"
	    "---\n"));
	expect_one_error(f, 2, 4, "锚点");
}

static void
parse_alias_alone_rejected(void **state)
{
	struct fx *f = *state;

	/* An alias to an undefined anchor is libyaml's own error; a defined
	 * one without its anchor cannot be written, so test an alias whose
	 * anchor sits on a key (anchors are checked on every node). */
	assert_null(parse_file(f,
	    "---\n"
	    "title: x\n"
	    "list:\n"
	    "  - *nothing\n"
	    "---\n"));
	assert_int_equal(f->dg.n, 1);
	assert_int_equal(f->dg.v[0].line, 4);
	assert_int_equal(f->dg.v[0].col, 5);
	assert_non_null(strstr(f->dg.v[0].msg, "别名"));
}

static void
parse_tag_rejected(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "title: x\n"
	    "amount: !!float 12.50\n"
	    "---\n"));
	expect_one_error(f, 3, 9, "标签");
}

static void
parse_local_tag_rejected(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "title: !mine x\n"
	    "---\n"));
	expect_one_error(f, 2, 8, "标签");
}

static void
parse_multi_doc_rejected(void **state)
{
	struct fx *f = *state;
	const char *yaml = "title: x\n---\ntitle: y\n";

	/* fm_split stops at the first "---", so a second document can only
	 * come from a file like site.yaml that is parsed whole. */
	assert_null(fm_parse(&f->a, yaml, strlen(yaml), 1,
	    "content/notices/x.md", &f->dg));
	expect_one_error(f, 2, 1, "只能有一个 YAML 文档");
}

static void
parse_duplicate_key(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "title: x\n"
	    "date: 2026-11-23\n"
	    "title: y\n"
	    "---\n"));
	expect_one_error(f, 4, 1, "键“title”重复（第一次出现在第 2 行）");
}

static void
parse_duplicate_nested_key(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "contact: {name: 甲, phone: \"1\", name: 乙}\n"
	    "---\n"));
	expect_one_error(f, 2, 32, "键“name”重复");
}

static void
parse_same_key_in_siblings_ok(void **state)
{
	struct fx *f = *state;
	const struct ynode *root;

	root = parse_file(f,
	    "---\n"
	    "items:\n"
	    "  - {name: 甲, amount: 1.00}\n"
	    "  - {name: 乙, amount: 2.00}\n"
	    "---\n");
	assert_non_null(root);
	assert_int_equal(f->dg.n, 0);
}

static void
parse_complex_key_rejected(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "? [a, b]\n"
	    ": 1\n"
	    "---\n"));
	expect_one_error(f, 2, 3, "键必须是简单的文字");
}

static void
parse_root_must_be_map(void **state)
{
	struct fx *f = *state;

	assert_null(parse_file(f,
	    "---\n"
	    "- a\n"
	    "- b\n"
	    "---\n"));
	expect_one_error(f, 2, 1, "映射");
}

static void
parse_depth_limit(void **state)
{
	struct fx *f = *state;
	char yaml[1024];
	size_t n = 0;
	int i;

	/* FM_MAX_DEPTH nested collections are fine ... */
	n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "a: ");
	for (i = 1; i < FM_MAX_DEPTH; i++)
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "[");
	n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "x");
	for (i = 1; i < FM_MAX_DEPTH; i++)
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "]");
	yaml[n++] = '\n';
	yaml[n] = '\0';
	assert_non_null(fm_parse(&f->a, yaml, n, 2, "content/notices/x.md",
	    &f->dg));
	assert_int_equal(f->dg.n, 0);

	/* ... one more is an error at the collection that goes too deep. */
	n = 0;
	n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "a: ");
	for (i = 0; i < FM_MAX_DEPTH; i++)
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "[");
	n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "x");
	for (i = 0; i < FM_MAX_DEPTH; i++)
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "]");
	yaml[n++] = '\n';
	yaml[n] = '\0';
	assert_null(fm_parse(&f->a, yaml, n, 2, "content/notices/x.md",
	    &f->dg));
	expect_one_error(f, 2, 4 + FM_MAX_DEPTH - 1, "嵌套过深");
}

static void
parse_empty_document(void **state)
{
	struct fx *f = *state;
	const struct ynode *root;

	root = parse_file(f, "---\n---\n正文\n");
	assert_non_null(root);
	assert_int_equal(root->kind, Y_MAP);
	assert_int_equal(root->n, 0);
	assert_int_equal(f->dg.n, 0);

	root = fm_parse(&f->a, "# 只有注释\n", strlen("# 只有注释\n"), 2,
	    "content/notices/x.md", &f->dg);
	assert_non_null(root);
	assert_int_equal(root->kind, Y_MAP);
	assert_int_equal(root->n, 0);
}

static void
parse_scalars_kept_as_text(void **state)
{
	struct fx *f = *state;
	const struct ynode *root, *v;

	root = parse_file(f,
	    "---\n"
	    "a: 0571-86000100\n"
	    "b: 1.50\n"
	    "c: ~\n"
	    "d:\n"
	    "e: \"null\"\n"
	    "f: |\n"
	    "  第一行\n"
	    "  第二行\n"
	    "---\n");
	assert_non_null(root);
	assert_string_equal(ynode_get(root, "a", NULL)->s, "0571-86000100");
	assert_string_equal(ynode_get(root, "b", NULL)->s, "1.50");
	assert_true(ynode_is_null(ynode_get(root, "c", NULL)));
	assert_true(ynode_is_null(ynode_get(root, "d", NULL)));
	assert_false(ynode_is_null(ynode_get(root, "e", NULL)));
	assert_true(ynode_is_null(ynode_get(root, "missing", NULL)));
	v = ynode_get(root, "f", NULL);
	assert_string_equal(v->s, "第一行\n第二行\n");
	assert_false(v->plain);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(split_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(split_dots_end_and_no_body,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(split_empty_front_matter, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(split_no_opening, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(split_no_closing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(split_wants_lf, setup, teardown),
		cmocka_unit_test_setup_teardown(split_too_short, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_positions_are_file_lines,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(parse_syntax_error_line_col,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(parse_bad_indent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_alias_rejected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_alias_alone_rejected,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(parse_tag_rejected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_local_tag_rejected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_multi_doc_rejected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_duplicate_key, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_duplicate_nested_key,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(parse_same_key_in_siblings_ok,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(parse_complex_key_rejected,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(parse_root_must_be_map, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_depth_limit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_empty_document, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_scalars_kept_as_text,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
