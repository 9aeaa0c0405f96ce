#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size; /* usable bytes in data[] */
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

/* What the model needs: pointers and 64-bit integers.  Not
 * alignof(max_align_t) (16 here): a 24-byte gv would take 32, and the
 * model is millions of them. */
#define ARENA_ALIGN (alignof(int64_t) > alignof(void *) ? \
	alignof(int64_t) : alignof(void *))

/* `n` bytes aligned to `al` (a power of two), zeroed when `zero`. */
static void *
alloc_aligned(struct arena *a, size_t n, size_t al, bool zero)
{
	struct arena_block *b = a->head;
	size_t off, sz;
	void *p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2)
		goto fail;
	if (b != NULL) {
		off = (b->used + al - 1) & ~(al - 1);
		if (off <= b->size && b->size - off >= n) {
			b->used = off + n;
			a->used_total += n;
			if (zero)
				memset(b->data + off, 0, n);
			return b->data + off;
		}
	}
	sz = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
	b = malloc(sizeof(*b) + sz);
	if (b == NULL)
		goto fail;
	b->size = sz;
	if (n > BLOCK_SIZE / 4 && a->head != NULL) {
		/* A big object gets its own block behind the current one, so
		 * the current block's free space is not abandoned. */
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	b->used = n;
	p = b->data;
	if (zero)
		memset(p, 0, n);
	a->used_total += n;
	return p;
fail:
	a->oom = true;
	return NULL;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return alloc_aligned(a, n, ARENA_ALIGN, true);
}

void *
arena_grow(struct arena *a, void *p, size_t old, size_t n)
{
	struct arena_block *b = a->head;
	unsigned char *q;

	if (p != NULL && b != NULL && (unsigned char *)p + old ==
	    b->data + b->used && (unsigned char *)p >= b->data &&
	    (size_t)((unsigned char *)p - b->data) + n <= b->size) {
		memset((unsigned char *)p + old, 0, n - old);
		b->used += n - old;
		a->used_total += n - old;
		return p;
	}
	q = arena_alloc(a, n);
	if (q != NULL && p != NULL && old > 0)
		memcpy(q, p, old);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n > SIZE_MAX / 2) {
		a->oom = true;
		return NULL;
	}
	p = alloc_aligned(a, n + 1, 1, false);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b, *next;

	if (a->head == NULL)
		return;
	for (b = a->head->next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
	a->head->used = 0;
	a->used_total = 0;
	a->oom = false;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->used_total = 0;
	a->oom = false;
}
