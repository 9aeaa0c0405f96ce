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
struct render_plan;

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
    struct diags *dg, struct render_stats *st, struct render_plan **plan);

/*
 * The site's jobs as render_site() planned them (*plan, when asked for
 * and the render succeeded, else left as it was): they point into the
 * site and the templates, which must outlive them.  Freed by
 * render_plan_free() (NULL is fine).
 */
struct render_plan;
void render_plan_free(struct render_plan *p);

/*
 * Render again, one thread, only the files that show the bodies of
 * recs[0..n): their record pages, the feeds that carry them, the parts
 * of the search index that hold them.  For `gongshi serve`, when those
 * records' files changed but not their values (front matter, and what
 * load derives from the body: summary, checks), so that nothing else of
 * the site can have changed; the records carry their new source hash
 * and body place.  `dir` is the output `now` describes and `p` was
 * planned for; a file is written over at once (replace_file()) when its
 * fingerprint differs from its entry in `now`, and the entry changed.
 * st->rendered counts them.  0; -1 or -3 when a file could not be made
 * (what went wrong is in `dg`, for the caller to drop: `dir` and `now`
 * may then be partly changed, and the caller must build the site in
 * full, which reports it again if it persists).
 */
int render_quick(struct render_plan *p, struct site *s, const char *dir,
    struct record *const *recs, size_t n, struct cache *now,
    const char *salt, struct diags *dg, struct render_stats *st);

#endif
