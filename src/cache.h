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
 *    the build left it (cache_stamp_tree()).  When neither changed the
 *    build stops right there and writes no file; when the output was
 *    changed by hand the cache is not used at all.
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
 * The stamp of the tree at `dir` as it is on disk, as far as cache `c`
 * (sorted) describes it: the identity of the root, of every file of `c`
 * (size, inode, mtime, mode) and of every directory that holds one (the
 * same, and its change time), each looked up by name, no directory read.
 * Any file written, added, removed or renamed by hand changes it: the
 * cache is trusted only while the tree is the one it describes.  0, or an
 * errno value (a file of `c` missing: ENOENT); ECANCELED when `stop`
 * (NULL: never) was set before it was done.
 */
int cache_stamp_tree(const struct cache *c, const char *dir,
    unsigned char stamp[CACHE_HASH], const atomic_bool *stop);

#endif
