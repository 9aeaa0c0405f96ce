/*
 * vote: the arithmetic of a show of hands or a ballot, shared by a
 * disclosure's `decision` and a consultation's `vote`.
 *
 * "majority" is strictly more than half; "two thirds" is at least two
 * thirds (3 × for ≥ 2 × present).
 */
#ifndef GONGSHI_VOTE_H
#define GONGSHI_VOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "site.h"

enum vote_threshold {
	VOTE_MAJORITY_OF_PRESENT,
	VOTE_TWO_THIRDS_OF_PRESENT,
	VOTE_MAJORITY_OF_ELIGIBLE,
};

/* Fewest "for" votes that pass. */
int64_t vote_needed(enum vote_threshold t, int64_t eligible, int64_t present);
bool vote_passes(enum vote_threshold t, int64_t eligible, int64_t present,
    int64_t yes);

/*
 * Check the typed map `m` of a vote ({eligible, present, for, against,
 * abstain, threshold}) and complete it.  Errors: present > eligible,
 * for + against + abstain > present.  Warning: that sum < present.
 * Adds to `m` (in s->arena): passed (bool), needed (int), result_label
 * ("通过" / "未通过") and summary (one sentence in words).  Returns
 * whether the vote passed; false too when counts are missing or wrong.
 */
bool vote_check(struct site *s, const char *file, struct gv *m,
    struct diags *dg);

/* The keys vote_check adds (for template checking). */
extern const char *const vote_keys[];

#endif
