/*
 * build: the pipeline, stage after stage (load, validate, model, render,
 * write), for `gongshi build` and `gongshi check`.
 */
#ifndef GONGSHI_BUILD_H
#define GONGSHI_BUILD_H

#include <stdbool.h>
#include <stdio.h>

#include "site.h"

struct build_cfg {
	struct build_opts o;
	const char *out;  /* OUT; NULL means SITE/public */
	int jobs;         /* threads; < 1 means the number of cores */
	bool check_only;  /* validate and write nothing */
	bool quiet;       /* no summary line */
};

/* Run the pipeline; diagnostics and the summary go to `err`.
 * Returns the exit code: 0 ok, 1 content errors, 3 system error. */
int build_run(const struct build_cfg *cfg, FILE *err);

#endif
