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

/* gv_clone: a copy that can be changed (a key added, a nested map or a
 * list changed, a value replaced) without the original changing, in
 * another arena, with the same strings. */
static void
clone(void **state)
{
	struct arena a = ARENA_INIT, b = ARENA_INIT;
	struct gv *r = gv_map(&a), *pub = gv_map(&a), *tags = gv_list(&a);
	struct gv *c, *cp;

	(void)state;
	assert_null(gv_clone(&b, NULL));
	assert_true(gv_set_str(&a, r, "title", "停水通知"));
	assert_true(gv_set(&a, r, "date", gv_int(&a, GV_DATE, 20000)));
	assert_true(gv_set_int(&a, pub, "days", GV_INT, 7));
	assert_true(gv_set(&a, r, "publicity", pub));
	assert_true(gv_push(&a, tags, gv_str(&a, "停水")));
	assert_true(gv_set(&a, r, "tags", tags));
	assert_true(gv_set(&a, r, "empty", gv_list(&a)));
	r->line = 3;
	r->col = 5;

	c = gv_clone(&b, r);
	assert_non_null(c);
	assert_int_equal(c->kind, GV_MAP);
	assert_int_equal(c->line, 3);
	assert_int_equal(c->col, 5);
	assert_int_equal(c->u.map.n, r->u.map.n);
	assert_ptr_not_equal(c->u.map.p, r->u.map.p);
	/* the same key and string bytes, shared */
	assert_ptr_equal(c->u.map.p[0].key, r->u.map.p[0].key);
	assert_ptr_equal(gv_get_str(c, "title"), gv_get_str(r, "title"));
	assert_int_equal(gv_get_int(c, "date", 0), 20000);
	assert_int_equal(gv_get(c, "date")->kind, GV_DATE);
	assert_int_equal(gv_len(gv_get(c, "empty")), 0);

	/* changing the copy leaves the original as it was */
	assert_true(gv_set_str(&b, c, "url", "notices/x/"));
	cp = gv_get(c, "publicity");
	assert_ptr_not_equal(cp, pub);
	assert_true(gv_set_str(&b, cp, "status", "active"));
	gv_get(cp, "days")->u.i = 10;
	assert_true(gv_push(&b, gv_get(c, "tags"), gv_str(&b, "西区")));
	assert_true(gv_set_str(&b, c, "title", "停水通知（更正）"));
	assert_null(gv_get(r, "url"));
	assert_null(gv_get(pub, "status"));
	assert_int_equal(gv_get_int(pub, "days", 0), 7);
	assert_int_equal(gv_len(tags), 1);
	assert_int_equal(gv_len(gv_get(c, "tags")), 2);
	assert_string_equal(gv_get_str(r, "title"), "停水通知");
	arena_free(&b);
	/* the original does not depend on the copy's arena */
	assert_string_equal(tags->u.list.v[0]->u.s.p, "停水");
	assert_int_equal(gv_get_int(pub, "days", 0), 7);
	arena_free(&a);
}

/* gv_equal: a clone is equal; a different value, kind, position, key,
 * key order or list length anywhere in the tree is not. */
static void
equal(void **state)
{
	struct arena a = ARENA_INIT;
	struct gv *r = gv_map(&a), *pub = gv_map(&a), *c;

	(void)state;
	assert_true(gv_equal(NULL, NULL));
	assert_false(gv_equal(r, NULL));
	assert_true(gv_set_str(&a, r, "title", "停水通知"));
	assert_true(gv_set(&a, r, "date", gv_int(&a, GV_DATE, 20000)));
	assert_true(gv_set_int(&a, pub, "days", GV_INT, 7));
	assert_true(gv_set(&a, r, "publicity", pub));
	assert_true(gv_set(&a, r, "tags", gv_list(&a)));
	assert_true(gv_push(&a, gv_get(r, "tags"), gv_str(&a, "停水")));
	gv_get(r, "title")->line = 4;

	c = gv_clone(&a, r);
	assert_true(gv_equal(r, c));
	gv_get(gv_get(c, "publicity"), "days")->u.i = 8;
	assert_false(gv_equal(r, c));

	c = gv_clone(&a, r);
	gv_get(c, "date")->kind = GV_INT;
	assert_false(gv_equal(r, c));

	c = gv_clone(&a, r);
	gv_get(c, "title")->line = 5;
	assert_false(gv_equal(r, c));

	c = gv_clone(&a, r);
	gv_get(c, "title")->col = 2;
	assert_false(gv_equal(r, c));

	c = gv_clone(&a, r);
	assert_true(gv_set_str(&a, c, "title", "停水通告"));
	assert_false(gv_equal(r, c));

	c = gv_clone(&a, r);
	assert_true(gv_push(&a, gv_get(c, "tags"), gv_str(&a, "西区")));
	assert_false(gv_equal(r, c));

	/* the same pairs in another order */
	c = gv_clone(&a, r);
	{
		struct gv_pair t = c->u.map.p[0];

		c->u.map.p[0] = c->u.map.p[1];
		c->u.map.p[1] = t;
	}
	assert_false(gv_equal(r, c));
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
		cmocka_unit_test(clone),
		cmocka_unit_test(equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
