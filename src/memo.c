#include "memo.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "build.h"

/* More generations than this (each load that reads a file adds up to
 * one per worker): the memo starts over, so that the old versions of
 * records edited one by one do not pile up. */
#define MEMO_MAX_GENS 64

struct memo_gen {
	struct arena a;
	size_t live;          /* entries whose values are in `a` */
	struct memo_gen *next;
};

struct memo {
	unsigned char ctx[32];
	bool have_ctx;
	struct memo_entry **v; /* owned, sorted by path */
	size_t n;
	struct memo_gen *gens; /* owned */
	size_t ngens;
	/* This load's, between memo_begin() and memo_end(): */
	struct memo_entry **slots; /* owned array; entries old or new */
	size_t nslots;
	struct memo_gen **fresh;   /* per worker: its generation */
	int workers;
};

struct memo *
memo_new(void)
{
	return calloc(1, sizeof(struct memo));
}

static void
entry_free(struct memo_entry *e)
{
	if (e == NULL)
		return;
	if (e->gen != NULL)
		e->gen->live--;
	if (e->dg != NULL) {
		diags_free(e->dg);
		free(e->dg);
	}
	free(e->path);
	free(e);
}

/* Free the generations no entry uses. */
static void
collect(struct memo *m)
{
	struct memo_gen **p = &m->gens, *g;

	while ((g = *p) != NULL) {
		if (g->live > 0) {
			p = &g->next;
			continue;
		}
		*p = g->next;
		arena_free(&g->a);
		free(g);
		m->ngens--;
	}
}

static void
drop_all(struct memo *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		entry_free(m->v[i]);
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

void
memo_free(struct memo *m)
{
	if (m == NULL)
		return;
	drop_all(m);
	collect(m);
	free(m->slots);
	free(m->fresh);
	free(m);
}

bool
memo_context(const struct build_opts *o, int64_t today,
    const unsigned char site_yaml[32], unsigned char ctx[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	long long day = (long long)today;
	const char *base = o->base_url ? o->base_url : "";
	unsigned char flags[2] = {o->drafts, o->base_url != NULL};
	bool ok = true;

	/* A failure leaves a context no load matches (all ones). */
	memset(ctx, 0xff, 32);
	if (md == NULL || !EVP_DigestInit_ex(md, EVP_sha256(), NULL) ||
	    !EVP_DigestUpdate(md, GONGSHI_VERSION, sizeof(GONGSHI_VERSION)) ||
	    !EVP_DigestUpdate(md, o->site_dir, strlen(o->site_dir) + 1) ||
	    !EVP_DigestUpdate(md, base, strlen(base) + 1) ||
	    !EVP_DigestUpdate(md, flags, sizeof(flags)) ||
	    !EVP_DigestUpdate(md, &day, sizeof(day)) ||
	    !EVP_DigestUpdate(md, site_yaml, 32) ||
	    !EVP_DigestFinal_ex(md, ctx, NULL)) {
		memset(ctx, 0xff, 32);
		ok = false;
	}
	EVP_MD_CTX_free(md);
	return ok;
}

int
memo_begin(struct memo *m, const unsigned char ctx[32], size_t n,
    int workers)
{
	int k;

	if (!m->have_ctx || memcmp(m->ctx, ctx, 32) != 0 ||
	    m->ngens > MEMO_MAX_GENS)
		drop_all(m);
	memcpy(m->ctx, ctx, 32);
	m->have_ctx = true;
	collect(m);
	free(m->slots);
	free(m->fresh);
	m->slots = calloc(n ? n : 1, sizeof(*m->slots));
	m->fresh = calloc((size_t)workers, sizeof(*m->fresh));
	m->nslots = n;
	m->workers = workers;
	for (k = 0; m->fresh != NULL && k < workers; k++)
		if ((m->fresh[k] = calloc(1, sizeof(**m->fresh))) == NULL)
			break;
	if (m->slots == NULL || m->fresh == NULL || k < workers) {
		for (k = 0; m->fresh != NULL && k < workers; k++)
			free(m->fresh[k]);
		free(m->slots);
		free(m->fresh);
		m->slots = NULL;
		m->fresh = NULL;
		memo_clear(m);
		return -1;
	}
	return 0;
}

void
memo_clear(struct memo *m)
{
	drop_all(m);
	m->have_ctx = false;
}

const struct memo_entry *
memo_get(const struct memo *m, const char *rel)
{
	size_t lo = 0, hi = m->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(rel, m->v[mid]->path);
		if (c == 0)
			return m->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct memo_entry *x = *(struct memo_entry *const *)a;
	const struct memo_entry *y = *(struct memo_entry *const *)b;

	return strcmp(x->path, y->path);
}

static bool
same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

const struct memo_entry *
memo_find(const struct memo *m, const char *rel, const struct stat *st)
{
	const struct memo_entry *e = memo_get(m, rel);

	if (e == NULL || e->racy || !S_ISREG(st->st_mode) ||
	    e->dev != st->st_dev || e->ino != st->st_ino ||
	    e->size != st->st_size || !same_time(&e->mtim, &st->st_mtim) ||
	    !same_time(&e->ctim, &st->st_ctim))
		return NULL;
	return e;
}

void
memo_took(struct memo *m, size_t i, const struct memo_entry *e)
{
	m->slots[i] = (struct memo_entry *)e;
}

/* Is `t` later than `at` less MEMO_RACY_NS? */
static bool
recent(const struct timespec *t, const struct timespec *at)
{
	long long dt = ((long long)at->tv_sec - (long long)t->tv_sec) *
	    1000000000LL + ((long long)at->tv_nsec - (long long)t->tv_nsec);

	return dt < MEMO_RACY_NS;
}

bool
memo_racy(const struct stat *st, const struct timespec *read_at)
{
	return recent(&st->st_mtim, read_at) || recent(&st->st_ctim, read_at);
}

void
memo_keep(struct memo *m, size_t i, int worker, const char *rel,
    const struct stat *st, const struct timespec *read_at,
    const struct record *r, int rc, const struct diags *dg)
{
	struct memo_entry *e;

	if (!S_ISREG(st->st_mode) || (rc != 0 && rc != -1) ||
	    (e = calloc(1, sizeof(*e))) == NULL)
		return;
	e->path = strdup(rel);
	if (e->path == NULL)
		goto fail;
	if (dg->n > 0 || dg->oom) {
		e->dg = malloc(sizeof(*e->dg));
		if (e->dg == NULL)
			goto fail;
		diags_init(e->dg);
		if (!diags_append(e->dg, dg))
			goto fail;
	}
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->size = st->st_size;
	e->mtim = st->st_mtim;
	e->ctim = st->st_ctim;
	e->racy = memo_racy(st, read_at);
	e->rc = rc;
	e->r = *r;
	e->r.path = NULL;
	e->r.body = NULL;
	e->gen = m->fresh[worker];
	e->gen->live++;
	m->slots[i] = e;
	return;
fail:
	entry_free(e);
}

void
memo_end(struct memo *m, struct site *views, int workers)
{
	struct memo_entry **nv;
	size_t i, n = 0, j;
	int k;

	/* The generations first: the entries about to be freed may be the
	 * last users of an old one, never of these. */
	for (k = 0; k < workers && k < m->workers; k++) {
		struct memo_gen *g = m->fresh[k];

		g->a = views[k].arena;
		views[k].arena = (struct arena)ARENA_INIT;
		g->next = m->gens;
		m->gens = g;
		m->ngens++;
		m->fresh[k] = NULL;
	}
	for (; k < m->workers; k++) {
		free(m->fresh[k]);
		m->fresh[k] = NULL;
	}
	/* The slots become the entries: no allocation can fail here. */
	nv = m->slots;
	for (i = 0; i < m->nslots; i++)
		if (m->slots[i] != NULL)
			nv[n++] = m->slots[i];
	qsort(nv, n, sizeof(*nv), cmp_entry);
	/* The old entries no slot took are done with; both lists are sorted
	 * by path, and a path is in at most one slot. */
	for (i = 0, j = 0; i < m->n; i++) {
		while (j < n && strcmp(nv[j]->path, m->v[i]->path) < 0)
			j++;
		if (j < n && nv[j] == m->v[i])
			continue;
		entry_free(m->v[i]);
	}
	free(m->v);
	m->v = nv;
	m->n = n;
	m->slots = NULL;
	m->nslots = 0;
}
