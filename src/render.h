/*
 * render: every page of the site, through the templates, into a staging
 * directory.
 *
 * The pages are independent jobs (home, each listing page, each record,
 * each taxonomy page, 404, feeds, sitemap) run by a fixed pool of threads.
 * Each thread has its own scratch arena and output buffer and writes each
 * page as soon as it is rendered, so memory does not grow with the size
 * of the site's output.  The model and the compiled templates are shared
 * read-only.
 */
#ifndef GONGSHI_RENDER_H
#define GONGSHI_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "site.h"
#include "template.h"

#define PER_PAGE 20
#define FEED_ITEMS 50

struct render_stats {
	size_t pages;  /* HTML pages in the site */
	size_t feeds;  /* RSS files in the site */
	size_t files;  /* files in the site, static copies included */
	size_t rendered; /* pages and files rendered or written this time */
	size_t reused;   /* unchanged files kept or linked, not rendered */
};

struct cache;

/* Compile every template the site needs (before threads start).
 * 0, or -1 after diagnostics. */
int render_prepare(struct site *s, struct tmpl_set *ts, struct diags *dg);

/*
 * Render the whole site into `dir` (the staging directory: new, or the
 * recycled spare when `recycled`) with `jobs` threads.  A file that `held` (the cache of
 * what `dir` holds, or NULL) vouches for is left as it is; a file that
 * `old` (the cache of the current output in `old_dir`, or NULL) vouches
 * for is hard-linked from there instead of rendered or written; anything
 * else is rendered and written in place.  Pages, and the parts of the
 * search index, are vouched for by their fingerprint, other files by the
 * hash of their bytes.  Every file of the new output is added to `now`
 * (which the caller saves once the output is in place).  `salt` goes into
 * every fingerprint: whatever changes every page (version, base URL).
 * Returns 0, -1 after template diagnostics, or -3 on a system error (disk
 * full ...), also reported.
 */
int render_site(struct site *s, struct tmpl_set *ts, const char *dir,
    bool recycled, int jobs, const char *old_dir, const struct cache *old,
    const struct cache *held, struct cache *now, const char *salt,
    struct diags *dg, struct render_stats *st);

#endif
