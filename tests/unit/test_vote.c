/*
 * Vote arithmetic (src/vote.c): "majority" is strictly more than half,
 * "two thirds" is at least two thirds (3 × for ≥ 2 × present), checked
 * at the exact boundaries; and vote_check's errors, warnings and the
 * values it adds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "site.h"
#include "vote.h"

/* ---- thresholds at their boundaries ---- */

static void
majority_of_present_odd(void **state)
{
	(void)state;
	/* 17 present: 8 is less than half, 9 is more. */
	assert_false(vote_passes(VOTE_MAJORITY_OF_PRESENT, 18, 17, 8));
	assert_true(vote_passes(VOTE_MAJORITY_OF_PRESENT, 18, 17, 9));
	assert_int_equal(vote_needed(VOTE_MAJORITY_OF_PRESENT, 18, 17), 9);
}

static void
majority_of_present_even(void **state)
{
	(void)state;
	/* 18 present: exactly half (9) is not a majority. */
	assert_false(vote_passes(VOTE_MAJORITY_OF_PRESENT, 20, 18, 9));
	assert_true(vote_passes(VOTE_MAJORITY_OF_PRESENT, 20, 18, 10));
	assert_int_equal(vote_needed(VOTE_MAJORITY_OF_PRESENT, 20, 18), 10);
}

static void
two_thirds_of_present(void **state)
{
	(void)state;
	/* 18 present: 12 is exactly two thirds and passes; 11 fails. */
	assert_true(vote_passes(VOTE_TWO_THIRDS_OF_PRESENT, 20, 18, 12));
	assert_false(vote_passes(VOTE_TWO_THIRDS_OF_PRESENT, 20, 18, 11));
	assert_int_equal(vote_needed(VOTE_TWO_THIRDS_OF_PRESENT, 20, 18), 12);
	/* 17 present: 3 × 11 = 33 < 34 fails, 3 × 12 = 36 ≥ 34 passes. */
	assert_false(vote_passes(VOTE_TWO_THIRDS_OF_PRESENT, 20, 17, 11));
	assert_true(vote_passes(VOTE_TWO_THIRDS_OF_PRESENT, 20, 17, 12));
	assert_int_equal(vote_needed(VOTE_TWO_THIRDS_OF_PRESENT, 20, 17), 12);
	/* 3 present: 2 is two thirds. */
	assert_true(vote_passes(VOTE_TWO_THIRDS_OF_PRESENT, 3, 3, 2));
	assert_false(vote_passes(VOTE_TWO_THIRDS_OF_PRESENT, 3, 3, 1));
}

static void
majority_of_eligible(void **state)
{
	(void)state;
	/* Counted against the eligible, not the present: 25 eligible and
	 * 20 present, 12 is a majority of those present but not of 25. */
	assert_false(vote_passes(VOTE_MAJORITY_OF_ELIGIBLE, 25, 20, 12));
	assert_true(vote_passes(VOTE_MAJORITY_OF_PRESENT, 25, 20, 12));
	assert_true(vote_passes(VOTE_MAJORITY_OF_ELIGIBLE, 25, 20, 13));
	assert_int_equal(vote_needed(VOTE_MAJORITY_OF_ELIGIBLE, 25, 20), 13);
	/* 24 eligible: 12 is half, 13 is needed. */
	assert_false(vote_passes(VOTE_MAJORITY_OF_ELIGIBLE, 24, 24, 12));
	assert_int_equal(vote_needed(VOTE_MAJORITY_OF_ELIGIBLE, 24, 24), 13);
}

/* vote_needed is the smallest passing count, for every small meeting. */
static void
needed_is_the_boundary(void **state)
{
	static const enum vote_threshold ts[] = {VOTE_MAJORITY_OF_PRESENT,
	    VOTE_TWO_THIRDS_OF_PRESENT, VOTE_MAJORITY_OF_ELIGIBLE};
	int64_t el, pr, need;
	size_t t;

	(void)state;
	for (t = 0; t < 3; t++)
		for (el = 1; el <= 60; el++)
			for (pr = 0; pr <= el; pr++) {
				need = vote_needed(ts[t], el, pr);
				assert_true(vote_passes(ts[t], el, pr, need));
				assert_false(vote_passes(ts[t], el, pr, need - 1));
			}
}

/* ---- vote_check ---- */

struct fx {
	struct site s;
	struct diags dg;
	struct gv *m;
};

static void
put(struct fx *f, const char *key, int64_t v, int line)
{
	struct gv *x = gv_int(&f->s.arena, GV_INT, v);

	assert_non_null(x);
	x->line = line;
	x->col = 3;
	assert_true(gv_set(&f->s.arena, f->m, key, x));
}

/* A vote map as the schema leaves it, keys on lines 10..15. */
static void
vote_map(struct fx *f, int64_t el, int64_t pr, int64_t y, int64_t n,
    int64_t ab, const char *threshold)
{
	struct gv *th;

	f->m = gv_map(&f->s.arena);
	assert_non_null(f->m);
	put(f, "eligible", el, 10);
	put(f, "present", pr, 11);
	put(f, "for", y, 12);
	put(f, "against", n, 13);
	put(f, "abstain", ab, 14);
	th = gv_str(&f->s.arena, threshold);
	assert_non_null(th);
	th->line = 15;
	assert_true(gv_set(&f->s.arena, f->m, "threshold", th));
}

static int
setup(void **state)
{
	struct fx *f = test_calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	diags_init(&f->dg);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	diags_free(&f->dg);
	arena_free(&f->s.arena);
	test_free(f);
	return 0;
}

static const struct diag *
only_diag(struct fx *f)
{
	assert_int_equal(f->dg.n, 1);
	return &f->dg.v[0];
}

static void
check_passes_and_completes(void **state)
{
	struct fx *f = *state;

	/* The §8.6 example: 18 eligible, 17 present, 14/1/2. */
	vote_map(f, 18, 17, 14, 1, 2, "majority_of_present");
	assert_true(vote_check(&f->s, "c.md", f->m, &f->dg));
	assert_int_equal(f->dg.n, 0);
	assert_true(gv_get_bool(f->m, "passed"));
	assert_int_equal(gv_get_int(f->m, "needed", -1), 9);
	assert_string_equal(gv_get_str(f->m, "result_label"), "通过");
	assert_string_equal(gv_get_str(f->m, "summary"),
	    "应到18人，实到17人；同意14人，反对1人，弃权2人。同意票须超过实到人数的一半（至少9票），表决通过。");
}

static void
check_fails_at_half(void **state)
{
	struct fx *f = *state;

	/* 18 present, 9 for: half is not a majority. */
	vote_map(f, 20, 18, 9, 9, 0, "majority_of_present");
	assert_false(vote_check(&f->s, "c.md", f->m, &f->dg));
	assert_int_equal(f->dg.n, 0);
	assert_false(gv_get_bool(f->m, "passed"));
	assert_int_equal(gv_get_int(f->m, "needed", -1), 10);
	assert_string_equal(gv_get_str(f->m, "result_label"), "未通过");
	assert_non_null(strstr(gv_get_str(f->m, "summary"), "表决未通过"));
}

static void
check_two_thirds_words(void **state)
{
	struct fx *f = *state;

	vote_map(f, 18, 18, 12, 6, 0, "two_thirds_of_present");
	assert_true(vote_check(&f->s, "c.md", f->m, &f->dg));
	assert_non_null(strstr(gv_get_str(f->m, "summary"),
	    "达到实到人数的三分之二（至少12票），表决通过"));
}

static void
check_present_over_eligible(void **state)
{
	struct fx *f = *state;
	const struct diag *d;

	vote_map(f, 18, 19, 15, 2, 2, "majority_of_present");
	assert_false(vote_check(&f->s, "c.md", f->m, &f->dg));
	d = only_diag(f);
	assert_int_equal(d->sev, DIAG_ERROR);
	assert_string_equal(d->file, "c.md");
	assert_int_equal(d->line, 11); /* present */
	assert_int_equal(d->col, 3);
	assert_string_equal(d->msg,
	    "实到人数 present 19 大于应到人数 eligible 18");
	/* Inconsistent counts never pass, however many said yes. */
	assert_false(gv_get_bool(f->m, "passed"));
}

static void
check_sum_over_present(void **state)
{
	struct fx *f = *state;
	const struct diag *d;

	vote_map(f, 18, 17, 14, 2, 2, "majority_of_present");
	assert_false(vote_check(&f->s, "c.md", f->m, &f->dg));
	d = only_diag(f);
	assert_int_equal(d->sev, DIAG_ERROR);
	assert_int_equal(d->line, 12); /* for */
	assert_non_null(strstr(d->msg, "= 18，超过实到人数 present 17"));
	assert_false(gv_get_bool(f->m, "passed"));
}

static void
check_sum_under_present(void **state)
{
	struct fx *f = *state;
	const struct diag *d;

	vote_map(f, 18, 17, 12, 1, 2, "majority_of_present");
	/* A warning only: 12 of 17 still passes. */
	assert_true(vote_check(&f->s, "c.md", f->m, &f->dg));
	d = only_diag(f);
	assert_int_equal(d->sev, DIAG_WARNING);
	assert_int_equal(d->line, 12);
	assert_non_null(strstr(d->msg, "少于实到人数 present 17"));
	assert_non_null(strstr(d->msg, "未表决的 2 人"));
}

static void
check_missing_count(void **state)
{
	struct fx *f = *state;

	/* The schema reported the missing key; vote_check adds nothing. */
	f->m = gv_map(&f->s.arena);
	put(f, "eligible", 18, 10);
	put(f, "present", 17, 11);
	assert_false(vote_check(&f->s, "c.md", f->m, &f->dg));
	assert_int_equal(f->dg.n, 0);
	assert_null(gv_get(f->m, "passed"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(majority_of_present_odd),
		cmocka_unit_test(majority_of_present_even),
		cmocka_unit_test(two_thirds_of_present),
		cmocka_unit_test(majority_of_eligible),
		cmocka_unit_test(needed_is_the_boundary),
		cmocka_unit_test_setup_teardown(check_passes_and_completes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(check_fails_at_half, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check_two_thirds_words, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check_present_over_eligible,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(check_sum_over_present, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check_sum_under_present, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check_missing_count, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
