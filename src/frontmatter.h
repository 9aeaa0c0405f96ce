/*
 * frontmatter: split a record into YAML front matter and Markdown body,
 * and read the YAML with libyaml into a small tree that remembers where
 * (file line:col) every key and value was written.
 *
 * Only what the content model allows is accepted: one document of maps,
 * sequences and scalars.  Anchors, aliases, tags, several documents,
 * duplicate keys, non-scalar keys and nesting deeper than FM_MAX_DEPTH
 * are errors.  libyaml reports positions inside the front matter; they are
 * shifted to the file's own lines here.
 */
#ifndef GONGSHI_FRONTMATTER_H
#define GONGSHI_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define FM_MAX_DEPTH 16
#define FM_MAX_LINES 10000
#define FM_MAX_NODES 50000

enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ynode_kind kind;
	int line, col;       /* 1-based, in the file */
	const char *s;       /* Y_SCALAR: the text (arena), NUL-terminated */
	size_t len;
	bool plain;          /* Y_SCALAR: written without quotes or block */
	struct ynode **kv;   /* Y_SEQ: items; Y_MAP: key, value, key, value */
	size_t n;            /* Y_SEQ: items; Y_MAP: pairs */
	size_t cap;
};

/*
 * Split `text` (the whole file, NUL-terminated, LF line endings) into the
 * front matter and the body.  On success *fm and *fm_len point into `text`,
 * *fm_line is the file line where the YAML starts (2), and *body and *body_line
 * give the body.  false (with a diagnostic on `file`) when there is no
 * opening or closing "---" line.
 */
bool fm_split(const char *text, size_t len, const char *file,
    struct diags *dg, const char **fm, size_t *fm_len, int *fm_line,
    const char **body, int *body_line);

/*
 * Parse `yaml` into a tree allocated in `a`.  `line0` is the file line of
 * the YAML's first line.  Returns the root (a map; an empty document gives
 * an empty map) or NULL after adding diagnostics for `file` to `dg`.
 */
struct ynode *fm_parse(struct arena *a, const char *yaml, size_t len,
    int line0, const char *file, struct diags *dg);

/* The value of `key` in map `m`, or NULL; *keynode gets the key. */
struct ynode *ynode_get(const struct ynode *m, const char *key,
    const struct ynode **keynode);
/* True for a plain scalar that YAML means as null: "", "~", "null". */
bool ynode_is_null(const struct ynode *n);

#endif
