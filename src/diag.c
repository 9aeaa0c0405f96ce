#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	pthread_mutex_destroy(&d->lock);
	d->v = NULL;
	d->n = d->cap = 0;
}

void
diag_add(struct diags *d, enum diag_sev sev, const char *file, int line,
    int col, const char *fmt, ...)
{
	struct diag *nv, *dg;
	va_list ap;
	char *msg = NULL, *f = NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (msg = malloc((size_t)n + 1)) == NULL)
		goto oom;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (file != NULL && (f = strdup(file)) == NULL)
		goto oom;
	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		nv = realloc(d->v, cap * sizeof(*nv));
		if (nv == NULL) {
			pthread_mutex_unlock(&d->lock);
			goto oom;
		}
		d->v = nv;
		d->cap = cap;
	}
	dg = &d->v[d->n];
	dg->file = f;
	dg->line = line;
	dg->col = col;
	dg->sev = sev;
	dg->msg = msg;
	dg->seq = d->n++;
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	pthread_mutex_unlock(&d->lock);
	return;
oom:
	free(msg);
	free(f);
	pthread_mutex_lock(&d->lock);
	d->oom = true;
	if (sev == DIAG_ERROR)
		d->errors++;
	pthread_mutex_unlock(&d->lock);
}

static int
cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c;

	if (x->file == NULL || y->file == NULL) {
		if (x->file != y->file)
			return x->file == NULL ? -1 : 1;
	} else if ((c = strcmp(x->file, y->file)) != 0) {
		return c;
	}
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

bool
diags_append(struct diags *dst, const struct diags *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		diag_add(dst, src->v[i].sev, src->v[i].file, src->v[i].line,
		    src->v[i].col, "%s", src->v[i].msg);
	if (src->oom) {
		pthread_mutex_lock(&dst->lock);
		dst->oom = true;
		dst->errors++;
		pthread_mutex_unlock(&dst->lock);
	}
	return !dst->oom;
}

bool
diags_equal(const struct diags *a, const struct diags *b)
{
	size_t i;

	if (a->n != b->n || a->oom || b->oom)
		return false;
	for (i = 0; i < a->n; i++) {
		const struct diag *x = &a->v[i], *y = &b->v[i];

		if (x->sev != y->sev || x->line != y->line ||
		    x->col != y->col || (x->file == NULL) != (y->file == NULL) ||
		    (x->file != NULL && strcmp(x->file, y->file) != 0) ||
		    strcmp(x->msg, y->msg) != 0)
			return false;
	}
	return true;
}

void
diags_print(struct diags *d, FILE *fp)
{
	const char *sev;
	size_t i;

	if (d->n > 1) /* d->v is NULL when empty: qsort(NULL, 0) is UB */
		qsort(d->v, d->n, sizeof(*d->v), cmp);
	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		sev = g->sev == DIAG_ERROR ? "error" : "warning";
		if (g->file == NULL)
			fprintf(fp, "gongshi: %s: %s\n", sev, g->msg);
		else if (g->line <= 0)
			fprintf(fp, "%s: %s: %s\n", g->file, sev, g->msg);
		else
			fprintf(fp, "%s:%d:%d: %s: %s\n", g->file, g->line,
			    g->col > 0 ? g->col : 1, sev, g->msg);
	}
	if (d->oom)
		fprintf(fp, "gongshi: error: 内存不足，部分诊断信息未能记录\n");
}

bool
diags_failed(const struct diags *d, bool strict)
{
	return d->errors > 0 || d->oom || (strict && d->warnings > 0);
}
