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
	size_t reused;   /* unchanged files taken from the previous output */
};

struct cache;

/* Compile every template the site needs (before threads start).
 * 0, or -1 after diagnostics. */
int render_prepare(struct site *s, struct tmpl_set *ts, struct diags *dg);

/*
 * Render the whole site into `dir` (an empty staging directory) with
 * `jobs` threads.  When `old` (the previous build's cache) is given and
 * `old_dir` holds that build's output, a page whose fingerprint did not
 * change is hard-linked from `old_dir` instead of being rendered, and a
 * file whose bytes did not change is linked instead of written.  Every
 * file of the new output is added to `now` (which the caller saves once
 * the output is in place).  `salt` goes into every fingerprint: whatever
 * changes every page (version, base URL).  Returns 0, -1 after template
 * diagnostics, or -3 on a system error (disk full ...), also reported.
 */
int render_site(struct site *s, struct tmpl_set *ts, const char *dir,
    int jobs, const char *old_dir, const struct cache *old,
    struct cache *now, const char *salt, struct diags *dg,
    struct render_stats *st);

#endif
