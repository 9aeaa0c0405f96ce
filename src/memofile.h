/*
 * memofile: the records as the load stage left them, kept on disk from
 * one `gongshi build` to the next, so that a build reads, parses and
 * checks again only the record files that changed.  It is to the
 * command line what memo.h is to `gongshi serve`, and follows the same
 * rules: an entry is one file's load result (the record before validate
 * and site_model add to it, and its diagnostics), taken only while the
 * file's identity (device, inode, size, modification and change time) is
 * unchanged, and never kept for a file that had changed less than
 * MEMO_RACY_NS before it was read.
 *
 * The file lives beside the output's cache (.<out>.memo).  Its context
 * is memo_context() (site.yaml, --drafts, --base-url, the build day and
 * the version) and the identity of the running executable, so a rebuilt
 * gongshi never reads what another one wrote: the layout is the
 * executable's own.  A missing, stale or damaged file is simply not used.
 * Every entry carries a SHA-256 of its bytes, the index one of its own.
 *
 * Memory: a reader holds the index (about 100 bytes an entry) and reads
 * each entry with pread() when asked; a writer streams entries to a
 * temporary file as the workers make them and holds only the index
 * until memofile_finish(), so neither grows with the text of the records.
 * The new file replaces the old one by rename() in memofile_commit(),
 * which a build calls only when it succeeds.
 *
 * Threads: memofile_take() and memofile_add() from any number of threads
 * (memofile_add() for worker numbers of their own); the others on one.
 */
#ifndef GONGSHI_MEMOFILE_H
#define GONGSHI_MEMOFILE_H

#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "site.h"

/* The context of a memo file: memo_context()'s `load` and the identity
 * of the running executable.  false when it cannot be known (then no
 * memo file is read or written). */
bool memofile_context(const unsigned char load[32], unsigned char ctx[32]);

struct memofile;

/* The memo file at `path` when it was written in context `ctx`, or NULL
 * (absent, stale, damaged, or out of memory), for `workers` threads
 * (each decodes into an arena of its own, and the map keys it decoded
 * are copied there once).  memofile_close() frees it (NULL is fine). */
struct memofile *memofile_open(const char *path, const unsigned char ctx[32],
    int workers);
void memofile_close(struct memofile *m);

/*
 * The load result of `rel` while its file is still the one `st`
 * describes: true, with the record in *r (values, slug and title in `a`,
 * which must be worker 0's arena; r->path NULL), its result (0 or -1) in
 * *rc and its diagnostics added to `dg`.  false when there is none, or
 * it cannot be read (nothing is added to `dg` then; *r is zeroed).
 */
bool memofile_take(const struct memofile *m, const char *rel,
    const struct stat *st, struct arena *a, struct record *r, int *rc,
    struct diags *dg);

struct memofile_writer;

/* memofile_take() for worker `worker` (decoding into that worker's
 * arena `a`), and when it takes the entry, the entry to `w` (when not
 * NULL) as it is: what memofile_add() would add, without encoding it
 * again. */
bool memofile_carry(const struct memofile *m, struct memofile_writer *w,
    int worker, const char *rel, const struct stat *st, struct arena *a,
    struct record *r, int *rc, struct diags *dg);

/* Begin a memo file at `path` (written to a temporary file beside it)
 * for `workers` threads, or NULL when it cannot be created. */
struct memofile_writer *memofile_create(const char *path,
    const unsigned char ctx[32], int workers);
/*
 * Add the load result of `rel` (record *r, result rc, diagnostics dg)
 * from the file `st` describes, read at `read_at` (CLOCK_REALTIME, taken
 * before the read), by worker `worker`.  Nothing is added for a file that
 * is not regular, changed just before it was read, or a result other
 * than 0 or -1; a write error voids the whole file.
 */
void memofile_add(struct memofile_writer *w, int worker, const char *rel,
    const struct stat *st, const struct timespec *read_at,
    const struct record *r, int rc, const struct diags *dg);
/* Write the rest of the file (index and header) and free the memory the
 * entries' index took; after it, memofile_add() adds nothing. */
void memofile_finish(struct memofile_writer *w);
/* Finish the file when it is not, and put it in place of the old one: 0,
 * or -1 (the temporary file is removed, the old one left).  Frees `w`
 * (NULL is fine: -1). */
int memofile_commit(struct memofile_writer *w);
/* Give up: the temporary file is removed.  Frees `w` (NULL is fine). */
void memofile_abort(struct memofile_writer *w);

/* One entry's bytes (memofile's own, and its fuzzer's): the load result
 * `rc`, the record *r when it has values, and the diagnostics `dg`,
 * appended to `b` (which is marked oom when it cannot hold them).  false
 * when the values nest too deep for an entry (b holds part of it then). */
bool memofile_encode(struct buf *b, const struct record *r, int rc,
    const struct diags *dg);
/* The entry in the `n` bytes at `p`, whatever they are: true with *r
 * (values, slug and title in `a`), *rc and the diagnostics added to `dg`;
 * false when they are not an entry (*r zeroed, nothing added). */
bool memofile_decode(const void *p, size_t n, struct arena *a,
    struct record *r, int *rc, struct diags *dg);

#endif
