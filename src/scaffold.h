/*
 * scaffold: `gongshi new TYPE TITLE` writes
 * content/<section>/<date>-<slug>.md holding every field of the type
 * (CONTENT-MODEL.md §8.2-§8.7), each under a short Chinese comment, with
 * realistic example values taken from site.yaml (phones, grids, the
 * supervisory committee) and today's date (Asia/Shanghai, or
 * SOURCE_DATE_EPOCH), so the file passes `gongshi check` as written.
 * Optional fields that do not apply to the example are present but
 * commented out.  The record starts as a draft (draft: true): it is not
 * published until the clerk deletes that line.
 *
 * TYPE is a type key (notice, disclosure, power_item, consultation,
 * legal_schedule), a section directory (notices, power, legal-advisors
 * ...) or a Chinese name (通知, 公开, 小微权力, 议事协商, 法律顾问 ...).
 *
 * The slug is made of the title's ASCII letters and digits (lowercased,
 * words joined by "-"), else of the type's English word; an existing file
 * is never overwritten: the next free name (-2, -3 ...) is taken, with
 * open(O_CREAT|O_EXCL).
 */
#ifndef GONGSHI_SCAFFOLD_H
#define GONGSHI_SCAFFOLD_H

#include <stdio.h>

/* Returns the exit code: 0 (the new file's path printed on `out`), 1 when
 * SITE is not a site (no readable site.yaml), 2 on usage errors (unknown
 * TYPE, a title that is not 4-40 characters of one line of UTF-8), 3 on
 * system errors.  Messages go to `err`. */
int scaffold_new(const char *site_dir, const char *type, const char *title,
    FILE *out, FILE *err);

#endif
