/*
 * site: the model of one site, built by load (read and type every file),
 * checked by validate, and completed by site_model (sort, sections,
 * taxonomies, computed values).  Render reads it and never changes it.
 *
 * A struct site owns everything: the strings and gv values live in its
 * arena; records and taxonomy arrays are its own allocations.
 * site_free() releases all of it.
 */
#ifndef GONGSHI_SITE_H
#define GONGSHI_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "gv.h"

struct memofile_writer;

enum rtype {
	RT_NOTICE,
	RT_DISCLOSURE,
	RT_POWER_ITEM,
	RT_CONSULTATION,
	RT_LEGAL_SCHEDULE,
	RT_COUNT
};

struct field;
struct privacy_site;
struct memo;

struct section_def {
	enum rtype type;
	const char *type_key;      /* value of `type:` */
	const char *dir;           /* content/<dir>/, public/<dir>/ */
	const char *title;         /* community wording */
	const char *title_village; /* village wording */
	const char *tmpl;          /* record template, e.g. "notice.html" */
	const struct field *fields; /* its schema table (schema.h), after
	                             * schema_common */
};

extern const struct section_def section_defs[RT_COUNT];

struct record {
	char *path;        /* site-relative source, content/notices/x.md */
	const char *slug;  /* arena */
	const char *title; /* arena */
	enum rtype type;
	int64_t date;      /* days */
	int64_t modified;  /* days: `updated`, else `date` */
	bool draft, pinned;
	struct gv *v;      /* arena: the record as templates see it */
	char *body;        /* the Markdown source while the record is loaded
	                      and checked; NULL after (record_body() reads it
	                      again, so memory does not grow with the text) */
	size_t body_off;   /* where the body starts in the (normalised) file */
	size_t body_len;
	int body_line;     /* file line where the body starts */
	int fm_line;       /* file line where the YAML starts */
	unsigned char hash[32]; /* SHA-256 of the source file's bytes */
	bool superseded;   /* a later record of its type supersedes it */
	bool linked;       /* its file is a symbolic link (to a file whose
	                      changes `serve` may see under another name) */
};

/* A tag, a year or a grid, and the records filed under it (newest
 * first). */
struct taxon {
	const char *name; /* arena */
	const char *slug; /* arena: URL part */
	struct record **recs;
	size_t n, cap;
	struct gv *v;     /* arena: {name, url, count, ...} */
};

struct section {
	const struct section_def *def;
	struct record **recs; /* newest first */
	size_t n;
	struct gv *v;         /* arena: {name, title, url, rss, count} */
};

struct build_opts {
	const char *site_dir;  /* SITE */
	const char *base_url;  /* --base-url, or NULL */
	bool drafts;           /* --drafts */
	bool strict;           /* --strict */
	int jobs;              /* threads for loading and checking */
	struct memo *memo;     /* the records of earlier loads (memo.h), kept
	                          by `serve`; NULL: read every file */
	const char *memo_file; /* without `memo`: the memo file (memofile.h)
	                          a load reads and writes again, or NULL */
	bool memo_fresh;       /* write the memo file, do not read it */
	bool memo_keep;        /* read the memo file, do not write it */
};

struct site {
	char *dir;          /* owned: SITE as given */
	struct arena arena; /* model values */
	struct arena *warenas; /* owned: values made by worker threads while
	                          loading and checking, kept with the model */
	size_t nwarenas;
	size_t files, memo_hits; /* record files site_load() loaded, and of
	                          those, how many came from a memo */
	struct memofile_writer *memo_w; /* owned: the memo file site_load()
	                          wrote (memofile.h), for the build to put in
	                          place; site_free() removes it */
	struct gv *v;       /* arena: `site` in templates */
	bool village;
	const char *base_url; /* arena; no trailing slash */
	int min_publicity_days;
	int64_t now;        /* build time: seconds, local */
	int64_t today;      /* build day */
	struct record *recs; /* owned: all records */
	size_t nrecs;
	struct record **sorted; /* owned: newest first (date desc, path) */
	struct record **by_slug; /* owned: by type, slug, path (for
	                            site_find()); made by site_validate() */
	struct section sections[RT_COUNT];
	struct taxon *tags;  /* owned, sorted by name */
	size_t ntags;
	struct taxon *years; /* owned, newest first */
	size_t nyears;
	struct taxon *grids; /* owned, in site.yaml order */
	size_t ngrids;
	struct gv *home;     /* arena: what the home page shows */
	const struct privacy_site *privacy; /* arena: site.yaml's declared
	                                       numbers (check.h) */
};

/* Read site.yaml and every record.  Returns 0; -1 after diagnostics on
 * content errors; -3 on a system error (also with a diagnostic). */
int site_load(struct site *s, const struct build_opts *o, struct diags *dg);
/* Check the rules across records and per type (validate.c), the
 * records' own rules on `threads` threads. */
void site_validate(struct site *s, int threads, struct diags *dg);
/* Sort, group and compute what pages show.  0, or -1 when out of memory. */
int site_model(struct site *s, struct diags *dg);
void site_free(struct site *s);

/*
 * The rules and values that need a record's body (r->body, while it is
 * loaded): its Markdown limits (markdown.h) at its line in the file, the
 * privacy lint of fields and body, the summary fallback.  load.c runs it
 * right after typing; then the text is dropped.  0, or -3 when out of
 * memory.
 */
int record_check_body(struct site *s, struct record *r, struct diags *dg);

/*
 * The body of `r`, read again from its file.  *text gets the whole file
 * (caller frees), *body and *len the body inside it.  0; -1 when the file
 * changed since it was loaded (reported: the build must not mix the old
 * and the new); -3 on a read error (reported).
 */
int record_body(const struct site *s, const struct record *r,
    struct diags *dg, char **text, const char **body, size_t *len);

/* The section whose directory holds `rel` ("content/<dir>/<name>", no
 * deeper), with *name set to where <name> starts in it; or NULL. */
const struct section_def *section_of(const char *rel, const char **name);
/* Whether site_load() reads a file of this name in a section's
 * directory (it ends in .md and is not hidden). */
bool record_file_name(const char *name);

/*
 * Load the record file `rel` ("content/<dir>/<name>.md") of the loaded
 * site `s` again, exactly as site_load() did: into *r (r->path is the
 * caller's to free), its values in `a`, its diagnostics in `dg`.  0; -1
 * on content errors, or when `rel` names no record file or a draft that
 * is not built; -3 on a system error.
 */
int record_reload(const struct site *s, const struct build_opts *o,
    const char *rel, struct arena *a, struct record *r, struct diags *dg);

/* Move the arenas of `n` worker views of the site (copies of *s, each with
 * an arena of its own) into s.  0, or -1 when out of memory. */
int keep_worker_arenas(struct site *s, struct site *views, int n);

/* The record of `type` with `slug` (of several, the first by path), or
 * NULL.  A binary search once site_validate() has run. */
struct record *site_find(const struct site *s, enum rtype type,
    const char *slug);
/* Section title in the site's wording (村务公开 / 居务公开). */
const char *section_title(const struct site *s, const struct section_def *d);

/* Every key the model may put into a context, for template checking. */
bool site_key_known(const char *key);
extern const char *const site_context_roots[];

#endif
