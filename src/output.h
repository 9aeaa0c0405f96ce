/*
 * output: the write stage.  A build writes into a staging directory beside
 * OUT and swaps it in with one rename() when, and only when, everything
 * was written; a failed or killed build leaves the previous OUT as it was.
 *
 * The previous OUT is not deleted (at 10k records that takes longer than
 * the build): it is kept beside OUT as the spare, .<out>.spare, and the
 * next build writes into it, rewriting only the files that differ (its
 * cache, .<out>.spare.cache, says what it holds), then swaps it in.  A
 * spare that is not exactly what its cache says is removed and the build
 * starts from an empty directory.  The spare may be deleted by hand at
 * any time; it costs as much disk as OUT, less what the two share.
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

#include "cache.h"
#include "diag.h"
#include "site.h"

#define OUTPUT_MARKER ".gongshi"

struct output {
	char *out;     /* owned: OUT */
	char *staging; /* owned: the directory being written */
	char *spare;   /* owned: .<out>.spare, the tree the next build reuses */
	bool recycled; /* staging is the spare, as its cache describes it */
	bool committed; /* the previous OUT is the spare now */
	char *lockp;   /* owned: the lock file's path */
	int lock_fd;
};

/* Check OUT, take the lock, clear leftovers of killed builds and set up
 * the staging directory: the spare when it is what its cache `held` says
 * (its stamp, cache_stamp_tree(), is the one `held` carries; NULL or
 * empty: unknown), or without looking when `trusted` (only this process
 * writes there), else a new directory.  0, -1 (refused, reported) or
 * -3. */
int output_begin(struct output *o, const char *site_dir, const char *out,
    const struct cache *held, bool trusted, struct diags *dg);
/* Copy the files of templates/assets/ to assets/<stem>.<hash>.<ext> and record their
 * URLs in site.assets (key: the file name with '.' and '-' as '_').
 * 0, or -3. */
int output_assets(struct output *o, struct site *s, struct diags *dg,
    size_t *nfiles, struct cache *now);
/* Copy SITE/static/ into the staging directory (in place), refusing a
 * file that would replace one of `now`'s (what gongshi made), and add the
 * copies to `now`.  0, -1 or -3. */
int output_static(struct output *o, const struct site *s, struct diags *dg,
    size_t *nfiles, struct cache *now);
/* In a recycled spare, remove the files that `held` (its cache) lists and
 * `now` (the new output's) lacks, and directories left empty.  Sorts
 * `now`.  Without a recycled spare there is nothing to remove. */
void output_prune(struct output *o, struct cache *now,
    const struct cache *held);
/* Swap the staging directory in as OUT.  0 or -3. */
int output_commit(struct output *o, struct diags *dg);
/* Are there leftovers of a killed build beside OUT (a staging tree, or
 * the temporary file of a cache or of the memo of the records, which
 * output_begin() removes)? */
bool output_leftovers(const char *out);
/*
 * Make the spare of `out` (a tree only this process writes: serve's) from
 * `out` itself, its files hard-linked, and give it `out`'s cache: the
 * next build then recycles it and writes only what changed, instead of
 * linking every file into a new tree.  Nothing is done when there is a
 * spare, or `out` has no cache.  0, or an errno value (nothing is left
 * behind then).
 */
int output_link_spare(const char *out);
/* Remove the staging directory (after a failure) and release the lock;
 * also called after a commit to release resources.  Never fails. */
void output_end(struct output *o);

#endif
