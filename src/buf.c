#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
buf_reserve(struct buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return false;
	if (n > (size_t)-1 / 2 - b->len - 1)
		goto fail;
	need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		goto fail;
	b->data = p;
	b->cap = cap;
	return true;
fail:
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = true;
	return false;
}

void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

bool
buf_ok(const struct buf *b)
{
	return !b->oom;
}

char *
buf_steal(struct buf *b)
{
	char *p;

	if (b->oom)
		return NULL;
	if (b->data == NULL && !buf_reserve(b, 0))
		return NULL;
	p = b->data;
	p[b->len] = '\0';
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

char *
str_join3(char *out, size_t n, const char *a, const char *b, const char *c)
{
	const char *part[3] = {a, b, c};
	size_t len = 0, i, k;

	if (n == 0)
		return out;
	for (i = 0; i < 3; i++) {
		if (part[i] == NULL)
			continue;
		k = strlen(part[i]);
		if (k > n - 1 - len)
			k = n - 1 - len;
		memcpy(out + len, part[i], k);
		len += k;
	}
	out[len] = '\0';
	return out;
}
