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
	bool own_out;     /* OUT is a directory only this process writes
	                     (serve's temporary one): its trees are not
	                     stamped or checked, and builds do not stamp the
	                     inputs, so a build does not stop early */
};

/* Run the pipeline; diagnostics and the summary go to `err`.
 * A build whose inputs did not change since the last one (same files,
 * same options, same day) stops early and writes nothing; otherwise pages
 * whose content did not change are taken from the previous output
 * (cache.h).
 * Returns the exit code: 0 ok, 1 content errors, 3 system error. */
int build_run(const struct build_cfg *cfg, FILE *err);

#endif
