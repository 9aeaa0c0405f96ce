/*
 * scaffold: `gongshi new TYPE TITLE` writes
 * content/<section>/<date>-<slug>.md holding every field of the type, each
 * with a short Chinese comment.  It never overwrites an existing file.
 */
#ifndef GONGSHI_SCAFFOLD_H
#define GONGSHI_SCAFFOLD_H

#include <stdio.h>

/* Returns the exit code (0, 1 when the file exists or the type is
 * unknown, 2 usage, 3 system error); messages go to `err`, the new
 * file's path to `out`. */
int scaffold_new(const char *site_dir, const char *type, const char *title,
    FILE *out, FILE *err);

#endif
