/*
 * build: the pipeline, stage after stage (load, validate, model, render,
 * write), for `gongshi build` and `gongshi check`.
 */
#ifndef GONGSHI_BUILD_H
#define GONGSHI_BUILD_H

#include <stdbool.h>
#include <stdio.h>

#include "site.h"

#define GONGSHI_VERSION "0.1.0"

struct build_cfg {
	struct build_opts o;
	const char *out;  /* OUT; NULL means SITE/public */
	int jobs;         /* threads; < 1 means the number of cores */
	bool check_only;  /* validate and write nothing */
	bool full;        /* ignore the incremental cache */
	bool quiet;       /* no summary line */
	bool times;       /* after the summary, each step's time */
	bool own_out;     /* OUT is a directory only this process writes
	                     (serve's temporary one): its trees are not
	                     stamped or checked, and builds do not stamp the
	                     inputs, so a build does not stop early */
	struct warm *warm; /* with own_out and a memo (o.memo): what a good
	                      build leaves for build_quick(), or NULL */
};

/*
 * What `gongshi serve` keeps of its last good build: the whole model,
 * the templates, the render plan and the output's cache.  warm_new()
 * makes an empty one (NULL when out of memory); warm_free() frees it and
 * all it holds.  build_run() empties it first (its memory is the next
 * build's) and fills it when it succeeds.
 */
struct warm;
struct warm *warm_new(void);
void warm_free(struct warm *w);

/* Run the pipeline; diagnostics and the summary go to `err`.
 * A build whose inputs did not change since the last one (same files,
 * same options, same day) stops early and writes nothing; otherwise pages
 * whose content did not change are taken from the previous output
 * (cache.h).
 * Returns the exit code: 0 ok, 1 content errors, 3 system error. */
int build_run(const struct build_cfg *cfg, FILE *err);

/*
 * The rebuild after a change to the files paths[0..n) (site-relative,
 * as the file system reported them) when it can be made from cfg->warm:
 * every path is an existing record file, or a file under a section's
 * directory that no build reads, and each record read again has the
 * values and the load diagnostics it had (so only its body changed, and
 * with it nothing but its page, the feeds that carry it and its part of
 * the search index: render_quick()).  Same day, same options.  Returns
 * 0 when done (the messages, as build_run() would print them, went to
 * `err`); 1 when it cannot be done so (nothing printed; cfg->warm may be
 * emptied, and the output's cache gone): call build_run().
 */
int build_quick(const struct build_cfg *cfg, const char *const *paths,
    size_t n, FILE *err);

#endif
