#include "vote.h"

#include <stdio.h>
#include <string.h>

const char *const vote_keys[] = {"passed", "needed", "result_label",
    "summary", NULL};

int64_t
vote_needed(enum vote_threshold t, int64_t eligible, int64_t present)
{
	switch (t) {
	case VOTE_MAJORITY_OF_PRESENT:
		return present / 2 + 1;
	case VOTE_TWO_THIRDS_OF_PRESENT:
		return (2 * present + 2) / 3;
	case VOTE_MAJORITY_OF_ELIGIBLE:
		return eligible / 2 + 1;
	}
	return present / 2 + 1;
}

bool
vote_passes(enum vote_threshold t, int64_t eligible, int64_t present,
    int64_t yes)
{
	switch (t) {
	case VOTE_MAJORITY_OF_PRESENT:
		return 2 * yes > present;
	case VOTE_TWO_THIRDS_OF_PRESENT:
		return 3 * yes >= 2 * present;
	case VOTE_MAJORITY_OF_ELIGIBLE:
		return 2 * yes > eligible;
	}
	return false;
}

static const char *
rule_words(enum vote_threshold t)
{
	switch (t) {
	case VOTE_TWO_THIRDS_OF_PRESENT:
		return "达到实到人数的三分之二";
	case VOTE_MAJORITY_OF_ELIGIBLE:
		return "超过应到人数的一半";
	default:
		return "超过实到人数的一半";
	}
}

bool
vote_check(struct site *s, const char *file, struct gv *m, struct diags *dg)
{
	struct arena *a = &s->arena;
	const struct gv *el = gv_get(m, "eligible"), *pr = gv_get(m, "present");
	const struct gv *y = gv_get(m, "for"), *n = gv_get(m, "against");
	const struct gv *ab = gv_get(m, "abstain");
	const char *th = gv_get_str(m, "threshold");
	enum vote_threshold t = VOTE_MAJORITY_OF_PRESENT;
	int64_t sum, need;
	bool ok = true, passed;
	char buf[512];

	if (el == NULL || pr == NULL || y == NULL || n == NULL || ab == NULL ||
	    th == NULL)
		return false; /* the schema reported what is missing */
	if (strcmp(th, "two_thirds_of_present") == 0)
		t = VOTE_TWO_THIRDS_OF_PRESENT;
	else if (strcmp(th, "majority_of_eligible") == 0)
		t = VOTE_MAJORITY_OF_ELIGIBLE;
	if (pr->u.i > el->u.i) {
		diag_add(dg, DIAG_ERROR, file, pr->line, pr->col,
		    "实到人数 present %lld 大于应到人数 eligible %lld",
		    (long long)pr->u.i, (long long)el->u.i);
		ok = false;
	}
	sum = y->u.i + n->u.i + ab->u.i;
	if (sum > pr->u.i) {
		diag_add(dg, DIAG_ERROR, file, y->line, y->col,
		    "同意 %lld + 反对 %lld + 弃权 %lld = %lld，超过实到人数 present %lld",
		    (long long)y->u.i, (long long)n->u.i, (long long)ab->u.i,
		    (long long)sum, (long long)pr->u.i);
		ok = false;
	} else if (sum < pr->u.i) {
		diag_add(dg, DIAG_WARNING, file, y->line, y->col,
		    "同意 %lld + 反对 %lld + 弃权 %lld = %lld，少于实到人数 present %lld：请说明未表决的 %lld 人",
		    (long long)y->u.i, (long long)n->u.i, (long long)ab->u.i,
		    (long long)sum, (long long)pr->u.i,
		    (long long)(pr->u.i - sum));
	}
	need = vote_needed(t, el->u.i, pr->u.i);
	passed = ok && vote_passes(t, el->u.i, pr->u.i, y->u.i);
	snprintf(buf, sizeof(buf),
	    "应到%lld人，实到%lld人；同意%lld人，反对%lld人，弃权%lld人。同意票须%s（至少%lld票），表决%s。",
	    (long long)el->u.i, (long long)pr->u.i, (long long)y->u.i,
	    (long long)n->u.i, (long long)ab->u.i, rule_words(t),
	    (long long)need, passed ? "通过" : "未通过");
	gv_set_bool(a, m, "passed", passed);
	gv_set_int(a, m, "needed", GV_INT, need);
	gv_set_str(a, m, "result_label", passed ? "通过" : "未通过");
	gv_set_str(a, m, "summary", buf);
	return passed;
}
