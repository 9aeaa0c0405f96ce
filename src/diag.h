/*
 * diag: the diagnostics of a run, collected and printed together.
 *
 * Every message a user can cause goes through here, GCC-style, so editors
 * can jump to it: "content/x.md:31:5: error: …".  Messages are in
 * Chinese; field names appear with their Chinese label and their key.
 * Diagnostics are sorted by file, line, column before printing, so the
 * output does not depend on the order work was done in.  A diags list is
 * safe to add to from several threads (it has its own lock).
 */
#ifndef GONGSHI_DIAG_H
#define GONGSHI_DIAG_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_sev { DIAG_ERROR, DIAG_WARNING };

struct diag {
	char *file; /* owned; site-relative path, or NULL for the run itself */
	int line, col;
	enum diag_sev sev;
	char *msg;  /* owned */
	size_t seq; /* order of arrival, the last sort key */
};

struct diags {
	struct diag *v; /* owned */
	size_t n, cap;
	size_t errors, warnings;
	bool oom;
	pthread_mutex_t lock;
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);
/* Record a diagnostic.  `file` may be NULL; line/col 0 mean unknown. */
void diag_add(struct diags *d, enum diag_sev sev, const char *file, int line,
    int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Copy every diagnostic of `src` into `dst`, in their order, after those
 * `dst` has (counts included).  false when out of memory (then `dst` is
 * marked oom and counts an error). */
bool diags_append(struct diags *dst, const struct diags *src);
/* Whether `a` and `b` hold the same diagnostics in the same order
 * (severity, place, message); never when either ran out of memory. */
bool diags_equal(const struct diags *a, const struct diags *b);
/* Sort and print every diagnostic to `fp`. */
void diags_print(struct diags *d, FILE *fp);
/* True when the run must fail: errors, or warnings under strict. */
bool diags_failed(const struct diags *d, bool strict);

#endif
