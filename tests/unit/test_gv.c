/*
 * gv: values in an arena.  gv_reserve sizes a map or list once, so that
 * filling it never copies (a copy leaves the old block behind in the
 * arena), and never loses what is already there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gv.h"

static void
reserve_map(void **state)
{
	struct arena a = ARENA_INIT;
	struct gv *m = gv_map(&a), *x;
	static const char *const keys[] = {"b", "c", "d", "e", "f", "g",
	    "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"};
	struct gv_pair *before;
	size_t i;

	(void)state;
	assert_non_null(m);
	assert_true(gv_set_str(&a, m, "title", "通知"));
	assert_true(gv_reserve(&a, m, 20));
	assert_int_equal(m->u.map.cap, 20);
	before = m->u.map.p;
	x = gv_str(&a, "another allocation in between");
	assert_non_null(x);
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		assert_true(gv_set(&a, m, keys[i], x));
	assert_ptr_equal(m->u.map.p, before); /* filled, never copied */
	assert_int_equal(m->u.map.n, 20);
	assert_string_equal(gv_get_str(m, "title"), "通知");
	/* Reserving less than there is changes nothing. */
	assert_true(gv_reserve(&a, m, 3));
	assert_int_equal(m->u.map.cap, 20);
	assert_ptr_equal(m->u.map.p, before);
	arena_free(&a);
}

static void
reserve_list(void **state)
{
	struct arena a = ARENA_INIT;
	struct gv *l = gv_list(&a), *x;
	struct gv **before;
	int i;

	(void)state;
	assert_true(gv_push(&a, l, gv_int(&a, GV_INT, 0)));
	assert_true(gv_reserve(&a, l, 100));
	before = l->u.list.v;
	x = gv_str(&a, "in between");
	for (i = 1; i < 100; i++)
		assert_true(gv_push(&a, l, gv_int(&a, GV_INT, i)));
	assert_ptr_equal(l->u.list.v, before);
	assert_int_equal(l->u.list.n, 100);
	assert_int_equal(l->u.list.v[0]->u.i, 0);
	assert_int_equal(l->u.list.v[99]->u.i, 99);
	/* Not a map or a list: nothing to size, not an error. */
	assert_true(gv_reserve(&a, x, 10));
	assert_false(gv_reserve(&a, NULL, 10));
	arena_free(&a);
}

/* The model is millions of small values: the arena packs them at
 * pointer alignment (8), not at max_align_t's 16, and strings at 1. */
static void
packed(void **state)
{
	struct arena a = ARENA_INIT;
	struct gv *v[100];
	const char *p, *q;
	size_t before;
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		v[i] = gv_int(&a, GV_INT, i);
		assert_non_null(v[i]);
		assert_int_equal((uintptr_t)v[i] % _Alignof(struct gv), 0);
	}
	assert_int_equal(sizeof(struct gv), 24);
	assert_int_equal((char *)v[99] - (char *)v[0], 99 * 24);
	before = a.used_total;
	p = arena_strdup(&a, "ab");
	q = arena_strdup(&a, "cd");
	assert_ptr_equal(q, p + 3);
	assert_string_equal(p, "ab");
	assert_string_equal(q, "cd");
	assert_int_equal(a.used_total - before, 6);
	/* The next value is aligned again. */
	v[0] = gv_int(&a, GV_INT, 1);
	assert_int_equal((uintptr_t)v[0] % 8, 0);
	arena_free(&a);
}

/* gv_unset removes one key and keeps the others in their order. */
static void
unset(void **state)
{
	struct arena a = ARENA_INIT;
	struct gv *m = gv_map(&a);

	(void)state;
	assert_true(gv_set_int(&a, m, "a", GV_INT, 1));
	assert_true(gv_set_int(&a, m, "b", GV_INT, 2));
	assert_true(gv_set_int(&a, m, "c", GV_INT, 3));
	gv_unset(m, "b");
	assert_int_equal(m->u.map.n, 2);
	assert_string_equal(m->u.map.p[0].key, "a");
	assert_string_equal(m->u.map.p[1].key, "c");
	assert_null(gv_get(m, "b"));
	gv_unset(m, "zz");
	gv_unset(m, "c");
	assert_int_equal(m->u.map.n, 1);
	assert_int_equal(gv_get_int(m, "a", 0), 1);
	gv_unset(NULL, "a");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reserve_map),
		cmocka_unit_test(reserve_list),
		cmocka_unit_test(packed),
		cmocka_unit_test(unset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
