/*
 * check: the rules of each record type (CONTENT-MODEL.md §8.3–§8.7) and
 * the values computed from them.
 *
 * Each check_<type>() reports every problem of one record to `dg` (at the
 * line:col of the offending key) and adds to the record's gv map what
 * pages show but nobody writes: the status of a 公示期, a vote's result,
 * the expanded sessions of a schedule, a notice's effective expiry date.
 * Values are allocated in the site's arena.  None of them fails: an
 * allocation failure marks the arena (s->arena.oom), which the caller
 * checks.
 */
#ifndef GONGSHI_CHECK_H
#define GONGSHI_CHECK_H

#include "diag.h"
#include "site.h"

void check_notice(struct site *s, struct record *r, struct diags *dg);
void check_disclosure(struct site *s, struct record *r, struct diags *dg);
void check_power_item(struct site *s, struct record *r, struct diags *dg);
void check_consultation(struct site *s, struct record *r, struct diags *dg);
void check_legal_schedule(struct site *s, struct record *r,
    struct diags *dg);
/* 身份证号 (error), bank-card-like digit runs and undeclared mobile
 * numbers (warnings), in every field and in the body. */
void check_privacy(struct site *s, struct record *r, struct diags *dg);
/* The numbers site.yaml declares on purpose (phones, licence numbers),
 * which check_privacy() lets through in every record: collected once,
 * into s's arena, for s->privacy.  NULL when out of memory (each check
 * then collects them itself). */
const struct privacy_site *privacy_site(struct site *s);
/* A path field (GV_URL, relative to static/) of record `r`: the file
 * must exist, and its real location (symbolic links followed) must be
 * inside the site; otherwise an error at the field's line:col, naming it
 * by `label` (e.g. "封面图 cover"). */
void check_static_file(const struct site *s, struct diags *dg,
    const struct record *r, const struct gv *v, const char *label);
/* Rules across records of one type (validate.c calls them after every
 * record was checked on its own). */
void check_power_items_across(struct site *s, struct diags *dg);
void check_schedules_across(struct site *s, struct diags *dg);

/* The 小微权力清单 on one page: sets `groups` on the power_item section's
 * map, a list of {key, label, count, items} in category order with the
 * items by code (power.c; site_model calls it). */
void power_section(struct site *s, struct section *sec);

/*
 * The keys each module adds to a record's map (NULL-terminated), so
 * templates that use them are accepted (site_key_known()).  Keep them in
 * the file that computes them.
 */
extern const char *const notice_keys[];
extern const char *const disclosure_keys[];
extern const char *const power_keys[];
extern const char *const consultation_keys[];
extern const char *const schedule_keys[];

#endif
