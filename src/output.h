/*
 * output: the write stage.  A build writes into a staging directory beside
 * OUT and swaps it in with one rename() when, and only when, everything
 * was written; a failed or killed build leaves the previous OUT as it was.
 *
 * OUT is guarded: it may not be the site itself, contain the site, lie
 * inside content/, templates/ or static/, or be a symbolic link; an
 * existing OUT is only replaced when it is empty or was written by gongshi
 * (it holds the marker file OUTPUT_MARKER), so a mistyped -o can never
 * delete someone's files.  Concurrent builds of one OUT are serialized by
 * a lock file beside it.
 */
#ifndef GONGSHI_OUTPUT_H
#define GONGSHI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "site.h"

#define OUTPUT_MARKER ".gongshi"

struct output {
	char *out;     /* owned: OUT */
	char *staging; /* owned: the directory being written */
	char *lockp;   /* owned: the lock file's path */
	int lock_fd;
};

/* Check OUT, take the lock, clear leftovers of killed builds and create
 * the staging directory.  0, -1 (refused, reported) or -3. */
int output_begin(struct output *o, const char *site_dir, const char *out,
    struct diags *dg);
/* Copy the files of templates/assets/ to assets/<stem>.<hash>.<ext> and record their
 * URLs in site.assets (key: the file name with '.' and '-' as '_').
 * 0, or -3. */
int output_assets(struct output *o, struct site *s, struct diags *dg,
    size_t *nfiles);
/* Copy SITE/static/ into the staging directory.  0, -1 or -3. */
int output_static(struct output *o, const struct site *s, struct diags *dg,
    size_t *nfiles);
/* Swap the staging directory in as OUT.  0 or -3. */
int output_commit(struct output *o, struct diags *dg);
/* After a commit: remove the previous output (now where the staging
 * directory was).  Never fails; what a kill leaves is removed by the next
 * build. */
void output_drop_old(struct output *o);
/* Are there leftovers of a killed build beside OUT? */
bool output_leftovers(const char *out);
/* Remove the staging directory (after a failure) and release the lock;
 * also called after a commit to release resources.  Never fails. */
void output_end(struct output *o);

#endif
