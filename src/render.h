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
	size_t pages;  /* HTML pages written */
	size_t feeds;  /* RSS files written */
	size_t files;  /* every file written, static copies included */
};

/* Compile every template the site needs (before threads start).
 * 0, or -1 after diagnostics. */
int render_prepare(struct site *s, struct tmpl_set *ts, struct diags *dg);

/*
 * Render the whole site into `dir` (an empty staging directory) with
 * `jobs` threads.  Returns 0, -1 after template diagnostics, or -3 on a
 * system error (disk full ...), also reported.
 */
int render_site(struct site *s, struct tmpl_set *ts, const char *dir,
    int jobs, struct diags *dg, struct render_stats *st);

#endif
