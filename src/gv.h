/*
 * gv: the values templates read.  The model (site, records) and every
 * page's context are trees of gv, allocated in an arena and read-only
 * once built, so render threads share them without locks.
 *
 * Typed leaves keep their meaning until a template formats them: a date
 * stays a day number, an amount stays integer fen (分), a URL stays a
 * site-relative path that the template engine makes relative to the page
 * being written.
 */
#ifndef GONGSHI_GV_H
#define GONGSHI_GV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum gv_kind {
	GV_NULL,
	GV_BOOL,
	GV_INT,
	GV_STR,      /* text; escaped on output */
	GV_HTML,     /* trusted HTML built by gongshi (rendered Markdown) */
	GV_URL,      /* site-relative path ("notices/x/"), or absolute URL */
	GV_DATE,     /* i = days since 1970-01-01, site time zone */
	GV_DATETIME, /* i = seconds since 1970-01-01T00:00 local (+08:00) */
	GV_TIME,     /* i = minutes after midnight */
	GV_MONEY,    /* i = fen (分) */
	GV_LIST,
	GV_MAP,
};

struct gv;

struct gv_pair {
	const char *key; /* not owned: static or arena */
	struct gv *val;
};

struct gv {
	unsigned char kind;   /* enum gv_kind */
	unsigned short col;   /* where the value was written (0 when */
	unsigned int line;    /* computed); col saturates at 65535 */
	union {
		bool b;
		int64_t i;
		struct {
			const char *p; /* arena or static; NUL-terminated */
			size_t len;
		} s;
		struct {
			struct gv **v;
			uint32_t n, cap;
		} list;
		struct {
			struct gv_pair *p;
			uint32_t n, cap;
		} map;
	} u;
};

/* A column as gv keeps it: saturated at 65535. */
static inline unsigned short
gv_col(int col)
{
	return col < 0 ? 0 : col > 65535 ? 65535 : (unsigned short)col;
}

extern const struct gv gv_null;
extern const struct gv gv_true;
extern const struct gv gv_false;

/* Constructors: NULL on allocation failure.  Strings are copied into the
 * arena unless the _static variant is used (the caller guarantees the
 * string outlives the arena). */
struct gv *gv_new(struct arena *a, enum gv_kind k);
struct gv *gv_str(struct arena *a, const char *s);
struct gv *gv_strn(struct arena *a, const char *s, size_t n);
struct gv *gv_str_static(struct arena *a, const char *s);
struct gv *gv_html(struct arena *a, const char *s);
struct gv *gv_url(struct arena *a, const char *s);
struct gv *gv_int(struct arena *a, enum gv_kind k, int64_t i);
struct gv *gv_bool(struct arena *a, bool b);
struct gv *gv_list(struct arena *a);
struct gv *gv_map(struct arena *a);
/* Make room for `n` entries in a map or list (no-op when there is room
 * already): a caller that knows the size saves the doubling's copies,
 * which an arena never gets back.  false when out of memory. */
bool gv_reserve(struct arena *a, struct gv *v, size_t n);

/* A copy of `v` in `a`: its maps and lists, and the values in them, are
 * new, so the copy can be changed without touching `v`; strings and map
 * keys are shared with `v` and must outlive the copy.  NULL when out of
 * memory (or when `v` is NULL). */
struct gv *gv_clone(struct arena *a, const struct gv *v);

/* Whether `a` and `b` are the same tree: kinds, positions (line and
 * column), values, map keys in their order, list items.  Two NULLs are
 * equal. */
bool gv_equal(const struct gv *a, const struct gv *b);

/* Append to a list; false on allocation failure. */
bool gv_push(struct arena *a, struct gv *list, struct gv *v);
/* Set a key (replacing an existing value); `key` is not copied. */
bool gv_set(struct arena *a, struct gv *map, const char *key, struct gv *v);
/* Remove a key (no-op when absent); the others keep their order. */
void gv_unset(struct gv *map, const char *key);
/* Convenience setters: false on allocation failure. */
bool gv_set_str(struct arena *a, struct gv *map, const char *key,
    const char *s);
bool gv_set_int(struct arena *a, struct gv *map, const char *key,
    enum gv_kind k, int64_t i);
bool gv_set_bool(struct arena *a, struct gv *map, const char *key, bool b);

/* Lookup; NULL when absent or `map` is not a map. */
struct gv *gv_get(const struct gv *map, const char *key);
/* String of a GV_STR/GV_URL/GV_HTML member, or NULL. */
const char *gv_get_str(const struct gv *map, const char *key);
/* Integer payload of a member, or `dflt`. */
int64_t gv_get_int(const struct gv *map, const char *key, int64_t dflt);
bool gv_get_bool(const struct gv *map, const char *key);

/* Number of items of a list or pairs of a map; 0 otherwise. */
size_t gv_len(const struct gv *v);
/* Template truth: NULL, null, false, 0, "" and empty lists/maps are false. */
bool gv_truthy(const struct gv *v);

#endif
