/*
 * cache: what the previous build wrote, so the next one renders only what
 * changed.
 *
 * The cache is a text file beside the output directory
 * (<parent>/.<out>.cache, never inside OUT; the spare tree that the next
 * build recycles has its own, .<out>.spare.cache).  It holds
 *  - a stamp: a hash over the build's parameters, the build day and the
 *    size, mtime, inode and mode of every input file (site.yaml,
 *    content/, templates/, static/), and one of the output directory as
 *    the build left it.  When neither changed the build stops right there
 *    and writes no file; when the output was changed by hand the cache is
 *    not used at all.
 *  - for every file of the output: its fingerprint (a hash of the template
 *    and of every value the page can show, see tmpl_deps()), the hash of
 *    its bytes and its size.  A page whose fingerprint is unchanged is not
 *    rendered: the recycled tree holds it already, or it is hard-linked from
 *    the current output.
 *
 * An incremental build is byte-identical to a full one: a fingerprint
 * covers everything a page is made of, and anything the cache cannot
 * vouch for is rendered again.  The cache is written only after the new
 * output is in place; a missing or damaged cache means a full build.
 */
#ifndef GONGSHI_CACHE_H
#define GONGSHI_CACHE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CACHE_HASH 32

struct cache_entry {
	char *path;                      /* owned; relative to OUT */
	unsigned char fp[CACHE_HASH];    /* fingerprint, zero if none */
	unsigned char out[CACHE_HASH];   /* hash of the bytes, zero if unknown */
	uint64_t size;
};

struct cache {
	unsigned char stamp[CACHE_HASH];
	unsigned char outstamp[CACHE_HASH]; /* of the output it describes */
	struct cache_entry *v; /* owned, sorted by path */
	size_t n, cap;
};

/* A cache file's path beside output directory `out`: .<out>.<what>
 * ("cache" for the output's, "spare.cache" for the spare tree's).
 * Caller frees. */
char *cache_path(const char *out, const char *what);
/* The CACHE_HASH bytes at `h` as lowercase hex into `out` (2 * CACHE_HASH
 * + 1 bytes, NUL-terminated). */
void cache_hex(const unsigned char *h, char *out);
/* Read the cache file; a missing or malformed file gives an empty cache
 * (a full build).  0, or -1 when out of memory. */
int cache_load(struct cache *c, const char *path);
/* The entry for `path`, or NULL (the entries must be sorted). */
const struct cache_entry *cache_find(const struct cache *c, const char *path);
/* Sort the entries by path. */
void cache_sort(struct cache *c);
/* Add an entry (fp and out may be NULL for "unknown").  0 or -1. */
int cache_add(struct cache *c, const char *path, const unsigned char *fp,
    const unsigned char *out, uint64_t size);
/* Change the entry for `path` (the entries must be sorted), as
 * cache_add() would make it.  0, or -1 when there is none. */
int cache_set(struct cache *c, const char *path, const unsigned char *fp,
    const unsigned char *out, uint64_t size);
/* Sort the entries and write the file atomically (temporary + rename).
 * 0, or an errno value. */
int cache_save(struct cache *c, const char *path);
void cache_free(struct cache *c);

/*
 * The stamp of a build: `params` (anything else that changes the output:
 * version, base URL, flags, the build day) and every file under the
 * site's inputs.  0, or an errno value (ENOTSUP when a link to a
 * directory makes the stamp untrustworthy: no early stop then).
 */
int cache_stamp(const char *site_dir, const char *params,
    unsigned char stamp[CACHE_HASH]);

/*
 * The stamp of an output directory as it is on disk (every entry's name,
 * size, inode, mtime): the cache is trusted only while the output is the
 * one it describes, untouched by hand.  0, or an errno value: ECANCELED
 * when `stop` (NULL: never) was set before the walk was done.  With `keep`
 * not NULL, *keep gets the digests the stamp is made of (the caller frees
 * them with tree_stamp_free()), or NULL when the stamp fails.
 */
struct tree_stamp;
int cache_stamp_output(const char *out, unsigned char stamp[CACHE_HASH],
    const atomic_bool *stop, struct tree_stamp **keep);
/*
 * The stamp of output directory `out` as cache_stamp_output() makes it,
 * after a build changed the tree stamped `was` (by cache_stamp_output()),
 * which `held` described, into what `now` describes: only the top-level
 * directories' children where the two caches differ, and the top-level
 * entries that are not directories, are looked at again (the files a
 * build keeps are those whose fingerprint, or for files without one the
 * hash of their bytes, is unchanged; render.c).  Both caches must be
 * sorted.  0, or an errno value.
 */
int cache_restamp_output(const char *out, const struct tree_stamp *was,
    const struct cache *now, const struct cache *held,
    unsigned char stamp[CACHE_HASH]);
void tree_stamp_free(struct tree_stamp *t);

#endif
