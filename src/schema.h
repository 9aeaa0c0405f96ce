/*
 * schema: the content model of CONTENT-MODEL.md as tables, and the walk
 * that types a front matter tree by them.
 *
 * Typing is by schema, never by guessing: a phone number stays text, an
 * amount becomes integer fen, a date a day number.  Every value becomes a
 * gv that remembers the line:col of its key, so later checks (ledger
 * sums, votes, schedules) can point at the right place.  Enumerations
 * keep their code and gain a sibling "<key>_label" in Chinese (村务 or
 * 居务 following org_type).
 *
 * All problems of a file are reported, not only the first: a missing
 * required field, a wrong type, an unknown key (a warning), each at the
 * line:col of the key, naming the field by its Chinese label and its key.
 */
#ifndef GONGSHI_SCHEMA_H
#define GONGSHI_SCHEMA_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "gv.h"

enum ftype {
	FT_STRING,   /* one line, trimmed, <= max (200) characters */
	FT_TEXT,     /* may span lines */
	FT_PERSON,   /* <= 20 characters */
	FT_DATE,
	FT_DATETIME,
	FT_TIME,
	FT_PERIOD,
	FT_AMOUNT,   /* >= 0 */
	FT_BALANCE,  /* an amount that may be negative */
	FT_PHONE,
	FT_SLUG,
	FT_GRID_REF,
	FT_CODE,     /* ^[A-Z]{1,4}-[0-9]{2,3}$ */
	FT_PATH,     /* relative to static/; becomes a GV_URL */
	FT_URL,      /* https:// base URL */
	FT_INT,
	FT_BOOL,
	FT_ENUM,
	FT_MAP,
	FT_LIST,
};

enum freq {
	F_OPT = 0,
	F_REQ,  /* missing: error */
	F_WANT, /* missing: warning */
};

struct enum_opt {
	const char *key;
	const char *label;         /* community wording (居务, 居民) */
	const char *label_village; /* village wording, or NULL if the same */
};

struct field {
	const char *key;   /* NULL ends a field table */
	const char *label; /* Chinese name, used in messages */
	enum ftype type;
	enum freq req;
	const struct field *sub;      /* FT_MAP: its fields; FT_LIST: the item */
	const struct enum_opt *opts;  /* FT_ENUM: NULL-key terminated */
	int min, max;  /* FT_STRING/TEXT: max characters (0 = default);
	                  FT_INT: range; FT_LIST: item count (max 0 = any) */
};

/* What typing needs to know of the site and the file. */
struct schema_ctx {
	struct arena *a;           /* the gv values go here */
	struct diags *dg;
	const char *file;          /* site-relative, for messages */
	bool village;              /* org_type: village */
	const struct gv *grids;    /* site grids (list of maps with "code") */
	int line, col;             /* where to report a missing top-level key */
};

/* Type `map` (a Y_MAP) by the NULL-key terminated tables `f1` and `f2`
 * (`f2` may be NULL).  Returns a GV_MAP (possibly partial after errors),
 * or NULL when memory ran out. */
struct gv *schema_map(struct schema_ctx *c, const struct field *f1,
    const struct field *f2, const struct ynode *map);

/* The field named `key` in table f1, else in f2 (which may be NULL), or
 * NULL. */
const struct field *schema_find_field(const struct field *f1,
    const struct field *f2, const char *key);

/* The label of enum value `key` in `opts`, in the site's wording. */
const char *schema_enum_label(const struct enum_opt *opts, const char *key,
    bool village);

/* Tables. */
extern const struct field schema_site[];
extern const struct field schema_common[];
extern const struct field schema_notice[];
extern const struct field schema_disclosure[];
extern const struct field schema_power_item[];
extern const struct field schema_consultation[];
extern const struct field schema_legal_schedule[];
extern const struct enum_opt schema_record_types[];

/* Every key a context map can hold that comes from the tables, for the
 * template compiler's "can this path ever resolve" check. */
bool schema_key_known(const char *key);

#endif
