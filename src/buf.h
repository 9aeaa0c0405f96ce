/*
 * buf: a growable byte buffer.
 *
 * Appends never fail loudly: on allocation failure the buffer sets `oom`,
 * drops the data and ignores further appends, so a caller checks once, at
 * the end, with buf_ok().  The bytes are always NUL-terminated when
 * `data` is not NULL.  The buffer owns `data`; buf_free() releases it,
 * buf_steal() hands it to the caller (who then frees it with free()).
 */
#ifndef GONGSHI_BUF_H
#define GONGSHI_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data; /* owned; NUL-terminated when not NULL */
	size_t len;
	size_t cap;
	bool oom;
};

#define BUF_INIT {NULL, 0, 0, false}

void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* printf-style append. */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Make sure `n` more bytes fit; false (and oom set) if not. */
bool buf_reserve(struct buf *b, size_t n);
void buf_reset(struct buf *b);
bool buf_ok(const struct buf *b);
/* Return the data (never NULL unless oom; "" for empty) and reset the
 * buffer.  Caller frees. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

/* Join up to three strings (NULL counts as "") into out[n], cut at n - 1
 * bytes like snprintf but without parsing a format: for hot paths that
 * name things (field paths, labels) on every value.  Returns out. */
char *str_join3(char *out, size_t n, const char *a, const char *b,
    const char *c);

#endif
