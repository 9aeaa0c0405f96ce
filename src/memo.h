/*
 * memo: the records as the load stage left them, kept from one build to
 * the next by `gongshi serve`, so that a rebuild reads, parses and checks
 * again only the files that changed.
 *
 * Loading a record (load.c) depends on its file and, besides, only on
 * site.yaml, --drafts, --base-url and the build day: the memo's context
 * is a hash of those (memo_context()), and a load in another context
 * empties it.  An entry is one file's result: the record as loaded
 * (before validate and site_model add to it), its diagnostics, and the
 * file's identity (device, inode, size, modification and change time).
 * A load takes an entry only while the identity is unchanged, and never
 * one whose file had changed less than MEMO_RACY_NS before it was read:
 * a change within the file system's timestamp granularity would go
 * unseen.  Such a file is simply read again by the next load.
 *
 * The values of the records a load reads afresh are allocated in the
 * loading workers' arenas; the memo keeps those arenas (generations)
 * while an entry uses them and frees them at a later memo_begin(), never
 * during a build.  A build works on copies of the values (gv_clone()),
 * since validate and site_model add to them.
 *
 * Threads: memo_begin() and memo_end() on one thread; between them
 * memo_find(), memo_took() and memo_keep() from the loading workers, each
 * for slots of its own.
 */
#ifndef GONGSHI_MEMO_H
#define GONGSHI_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "site.h"

#define MEMO_RACY_NS 1000000000LL

struct memo;

struct memo_entry {
	char *path;           /* owned: site-relative source path */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtim, ctim;
	bool racy;            /* changed just before it was read: not taken */
	int rc;               /* the load's result: 0, or -1 (content errors) */
	struct record r;      /* as loaded; r.path NULL, values in gen */
	struct diags *dg;     /* owned, or NULL: the load's diagnostics */
	struct memo_gen *gen; /* the arena the values are in */
};

/* An empty memo, or NULL when out of memory.  memo_free() frees it and
 * everything in it. */
struct memo *memo_new(void);
void memo_free(struct memo *m);

/* The context hash of a load: `site_yaml` is the hash of site.yaml's
 * bytes.  false when it cannot be made (then `ctx` is all ones, which no
 * load matches). */
bool memo_context(const struct build_opts *o, int64_t today,
    const unsigned char site_yaml[32], unsigned char ctx[32]);
/* Did the file `st` describes change less than MEMO_RACY_NS before
 * `read_at` (CLOCK_REALTIME)?  A change within the time stamps'
 * granularity could then go unseen: no load result is kept for it. */
bool memo_racy(const struct stat *st, const struct timespec *read_at);

/*
 * Begin a load of `n` files (slots 0..n-1) on `workers` threads in
 * context `ctx`: frees what no entry uses any more, and everything when
 * the context changed.  0, or -1 when out of memory (the memo is not
 * used for this load then: do not call the others).
 */
int memo_begin(struct memo *m, const unsigned char ctx[32], size_t n,
    int workers);
/* Forget every entry (the next load reads every file): for a load that
 * could not use the memo, whose entries would no longer be what the
 * site holds. */
void memo_clear(struct memo *m);
/* The entry for `rel` as the last load left it, whatever its file is now,
 * or NULL: what the site of that load holds for it (`gongshi serve`
 * compares a file read again with it). */
const struct memo_entry *memo_get(const struct memo *m, const char *rel);
/* The entry for `rel` while its file is still the one `st` describes, or
 * NULL. */
const struct memo_entry *memo_find(const struct memo *m, const char *rel,
    const struct stat *st);
/* Slot `i` of this load is entry `e` (from memo_find()). */
void memo_took(struct memo *m, size_t i, const struct memo_entry *e);
/*
 * Slot `i` was loaded afresh by worker `worker` into `*r` (values in the
 * arena that memo_end() gets as that worker's), with result `rc` and the
 * diagnostics `*dg`, from the file `st` describes as it was at `read_at`
 * (CLOCK_REALTIME, taken before the read).  The memo keeps a copy of
 * `dg`.  Nothing is kept when out of memory.
 */
void memo_keep(struct memo *m, size_t i, int worker, const char *rel,
    const struct stat *st, const struct timespec *read_at,
    const struct record *r, int rc, const struct diags *dg);
/*
 * End the load: the slots' entries replace the old ones, and the memo
 * takes the arenas of `views[0..workers)` (the loading workers' views of
 * the site, whose arenas the fresh entries' values are in; left empty)
 * as generations.
 */
void memo_end(struct memo *m, struct site *views, int workers);

#endif
