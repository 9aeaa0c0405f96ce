/*
 * template: HTML templates with processing attributes, on libxml2's XML
 * parser (DESIGN.md §4).
 *
 * A template is a well-formed XHTML file.  It is parsed once, checked and
 * compiled into a tree whose static parts are already serialized; a render
 * walks that tree against a context (a gv map) and writes HTML5 into a
 * buffer: "<!DOCTYPE html>" before an <html> root, void elements without
 * end tags, UTF-8 characters as themselves, every value escaped by
 * construction (text and attribute values go through libxml2's
 * xmlEncodeSpecialChars).
 *
 * Attributes (all removed from the output):
 *   data-g-text="expr"        content := value as text
 *   data-g-html="expr"        content := trusted HTML (GV_HTML values only;
 *                             any other value is written as text)
 *   data-g-attr-NAME="expr"   attribute NAME := value (omitted when the
 *                             value is null or false); URL attributes only
 *                             take http(s)/mailto/tel/relative URLs
 *   data-g-if / data-g-unless="expr"
 *   data-g-each="x in expr"   repeat per item; x, x_index (from 1),
 *                             x_first, x_last in scope
 *   data-g-include="partials/head.html"
 *                             replaced by the partial's root element
 * Order on one element: each, then if/unless (per item), attributes,
 * content.  Expressions: a dotted path, then filters: "p.date|date",
 * "p.summary|truncate:40".  GV_URL values are written relative to the page
 * (env->root), so a site works under any sub-path.
 *
 * Template mistakes (bad XML, unknown data-g-* attribute or filter, a path
 * that can never resolve, a missing partial) are reported as
 * template-file:line.
 */
#ifndef GONGSHI_TEMPLATE_H
#define GONGSHI_TEMPLATE_H

#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "gv.h"

struct tmpl;
struct tmpl_set;

/* Is `key` a name the model can ever put in a context map?  Used to
 * reject paths that can never resolve. */
typedef bool (*tmpl_key_fn)(const char *key);

/*
 * A set of templates read from `dir` (a file system path); diagnostics
 * name files as `display_dir`/name.  `roots` is the NULL-terminated list
 * of names a path may start with (besides loop variables).  `known_key`
 * may be NULL (any key accepted).  NULL on allocation failure.  Free with
 * tmpl_set_free().
 */
struct tmpl_set *tmpl_set_new(const char *dir, const char *display_dir,
    const char *const *roots, tmpl_key_fn known_key);
void tmpl_set_free(struct tmpl_set *s);

/* Register an in-memory template under `name` (tests); it shadows a file
 * of that name.  The text is copied.  false on allocation failure. */
bool tmpl_set_add_string(struct tmpl_set *s, const char *name,
    const char *text);

/* Does a template of that name exist (in memory or as a file)? */
bool tmpl_exists(struct tmpl_set *s, const char *name);

/* Compile (once) and return template `name`, or NULL after adding
 * diagnostics.  The template belongs to the set.  Not thread-safe: get
 * every template before rendering in threads. */
const struct tmpl *tmpl_get(struct tmpl_set *s, const char *name,
    struct diags *dg);

/*
 * What template `t` (with its partials) can read from a context, as
 * sorted dependency paths: "site.org_name"; "pages[].title" (a field of
 * every item of a list); "pages#" (a list's length only);
 * "site.built@day" (a date or time that the page shows only as its day:
 * the day of a date-time is what counts).  Owned by the set.  The incremental build fingerprints a page by the values found at
 * these paths, so a page is rendered again exactly when something it can
 * show changed.
 */
size_t tmpl_deps(const struct tmpl *t, const char *const **deps);
/* SHA-256 of the bytes of the template's file and of every partial it
 * includes (32 bytes, owned by the set). */
const unsigned char *tmpl_hash(const struct tmpl *t);

struct tmpl_env {
	const char *root;      /* from this page to the site root: "", "../" */
	const char *base_url;  /* for |abs; no trailing slash */
	struct arena *scratch; /* per-thread; holds filter results */
};

/* Render `t` against `ctx` into `out`.  Returns 0, or -1 after adding
 * diagnostics (a value of the wrong type for a filter, out of memory).
 * Thread-safe for distinct `out`, `env->scratch`. */
int tmpl_render(const struct tmpl *t, const struct gv *ctx,
    const struct tmpl_env *env, struct buf *out, struct diags *dg);

/* Write `s` escaped for HTML text or a double-quoted attribute. */
void html_escape(struct buf *out, const char *s);

#endif
