/*
 * arena: bump allocation for data that lives as long as one build (the
 * site model) or one page (a render's scratch context).
 *
 * Everything allocated from an arena is released at once by
 * arena_free() or arena_reset(); nothing in it is freed on its own.
 * An allocation failure returns NULL and sets `oom`, so a caller may
 * also check once at the end.
 */
#ifndef GONGSHI_ARENA_H
#define GONGSHI_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head; /* owned: newest block first */
	size_t used_total;        /* bytes handed out, for statistics */
	bool oom;
};

#define ARENA_INIT {NULL, 0, false}

/* Zeroed memory of `n` bytes, aligned for pointers and 64-bit integers
 * (not for over-aligned types such as long double), or NULL. */
void *arena_alloc(struct arena *a, size_t n);
/* Make the allocation `p` of `old` bytes `n` bytes long (n > old): in
 * place when it is the newest allocation and there is room, else by a
 * copy (the old bytes stay, unused, until the arena is freed).  NULL on
 * allocation failure. */
void *arena_grow(struct arena *a, void *p, size_t old, size_t n);
/* Copies of `s` (NUL-terminated) in the arena, byte-aligned, or NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Release every block but the first, and make it empty. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
