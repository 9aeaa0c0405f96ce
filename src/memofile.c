#include "memofile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "buf.h"
#include "gv.h"
#include "memo.h"

/*
 * The file: a header of HEAD_SIZE bytes, then chunks up to its end.  A
 * chunk is what one worker had encoded when it wrote: a struct chunk,
 * the entries' bytes, and their index, whose SHA-256 the chunk holds.
 * An index entry is the path's length (with its NUL, 32 bits), the path,
 * and a struct fixed, whose offset counts from the chunk's entries.  The
 * header holds the magic, the context, the file's length and the number
 * of chunks and entries.  Integers are the executable's own (the context
 * names it).
 */
#define MAGIC "gongshi memo 2\n"
#define HEAD_SIZE 128
/* A worker writes a chunk once its entries take this much. */
#define FLUSH_AT (256 * 1024)
/* Values nest deeper than front matter can. */
#define MAX_DEPTH 64
#define MAX_PATH 4096
/* Longer strings are not looked up among those decoded before. */
#define SHARED_MAX 48

struct head {
	char magic[16];
	unsigned char ctx[32];
	uint64_t end, chunks, count;
};

struct chunk {
	uint64_t blobs_len, index_len, count;
	unsigned char index_hash[32];
};

struct fixed {
	uint64_t dev, ino;
	int64_t size, msec, mnsec, csec, cnsec;
	uint64_t off, len;
	unsigned char hash[32];
};

_Static_assert(sizeof(struct head) <= HEAD_SIZE, "header fits");

static bool
sha256(const void *p, size_t n, unsigned char out[32])
{
	return EVP_Digest(n ? p : "", n, out, NULL, EVP_sha256(), NULL) != 0;
}

/* An executable file's identity: not its change time, which a new hard
 * link to it moves (perf's build-id cache makes one of every program it
 * records). */
static void
put_identity(struct buf *b, const struct stat *st)
{
	buf_put(b, &st->st_dev, sizeof(st->st_dev));
	buf_put(b, &st->st_ino, sizeof(st->st_ino));
	buf_put(b, &st->st_size, sizeof(st->st_size));
	buf_put(b, &st->st_mtim, sizeof(st->st_mtim));
}

bool
memofile_context(const unsigned char load[32], unsigned char ctx[32])
{
	struct stat st;
	struct buf b = BUF_INIT;
	char exe[PATH_MAX];
	ssize_t n;
	bool ok;

	/* The running executable: another build of gongshi may lay out
	 * its values otherwise, or load records otherwise.  Its file as
	 * the kernel runs it (even when replaced since), and the file its
	 * name leads to (under valgrind, the first is valgrind's). */
	if (stat("/proc/self/exe", &st) != 0)
		return false;
	buf_puts(&b, MAGIC);
	buf_put(&b, load, 32);
	put_identity(&b, &st);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		buf_put(&b, exe, (size_t)n + 1);
		if (stat(exe, &st) == 0)
			put_identity(&b, &st);
	}
	ok = buf_ok(&b) && sha256(b.data, b.len, ctx);
	buf_free(&b);
	return ok;
}

/* ---- encoding ---- */

static void
put_u8(struct buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;

	buf_put(b, &c, 1);
}

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_put(b, &v, sizeof(v));
}

static void
put_i64(struct buf *b, int64_t v)
{
	buf_put(b, &v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s, size_t n)
{
	if (n > UINT32_MAX) {
		b->oom = true;
		return;
	}
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n);
}

/* false past MAX_DEPTH, which get_gv() would not take (nothing is
 * written for that entry then). */
static bool
put_gv(struct buf *b, const struct gv *v, int depth)
{
	uint32_t i;
	uint16_t col = v->col;

	if (depth > MAX_DEPTH)
		return false;
	put_u8(b, v->kind);
	buf_put(b, &col, sizeof(col));
	put_u32(b, v->line);
	switch ((enum gv_kind)v->kind) {
	case GV_NULL:
		break;
	case GV_BOOL:
		put_u8(b, v->u.b);
		break;
	case GV_INT: case GV_DATE: case GV_DATETIME: case GV_TIME:
	case GV_MONEY:
		put_i64(b, v->u.i);
		break;
	case GV_STR: case GV_HTML: case GV_URL:
		put_str(b, v->u.s.p, v->u.s.len);
		break;
	case GV_LIST:
		put_u32(b, v->u.list.n);
		for (i = 0; i < v->u.list.n; i++)
			if (!put_gv(b, v->u.list.v[i], depth + 1))
				return false;
		break;
	case GV_MAP:
		put_u32(b, v->u.map.n);
		for (i = 0; i < v->u.map.n; i++) {
			put_str(b, v->u.map.p[i].key,
			    strlen(v->u.map.p[i].key));
			if (!put_gv(b, v->u.map.p[i].val, depth + 1))
				return false;
		}
		break;
	}
	return true;
}

bool
memofile_encode(struct buf *b, const struct record *r, int rc,
    const struct diags *dg)
{
	size_t i;

	put_u32(b, (uint32_t)rc);
	put_u8(b, r->v != NULL);
	if (r->v != NULL) {
		put_u32(b, (uint32_t)r->type);
		put_i64(b, r->date);
		put_i64(b, r->modified);
		put_u8(b, r->draft);
		put_u8(b, r->pinned);
		put_i64(b, (int64_t)r->body_off);
		put_i64(b, (int64_t)r->body_len);
		put_u32(b, (uint32_t)r->body_line);
		put_u32(b, (uint32_t)r->fm_line);
		buf_put(b, r->hash, sizeof(r->hash));
		put_str(b, r->slug, strlen(r->slug));
		if (!put_gv(b, r->v, 0))
			return false;
	}
	put_u32(b, (uint32_t)dg->n);
	for (i = 0; i < dg->n; i++) {
		const struct diag *d = &dg->v[i];

		put_u8(b, d->sev);
		put_u32(b, (uint32_t)d->line);
		put_u32(b, (uint32_t)d->col);
		put_u8(b, d->file != NULL);
		if (d->file != NULL)
			put_str(b, d->file, strlen(d->file));
		put_str(b, d->msg, strlen(d->msg));
	}
	return true;
}

/* ---- decoding ---- */

/* The map keys and short strings one worker decoded, each copied once
 * into its arena: records repeat a few dozen keys and labels, which a
 * load from the file shares (copies would take 15 MB more than that at
 * 50k records). */
struct keys {
	const char **slot; /* owned; the strings are in the arena */
	size_t cap, n;
};

struct cur {
	const unsigned char *p, *end;
	bool bad;
	struct keys *keys; /* or NULL: every key copied */
};

static const void *
take(struct cur *c, size_t n)
{
	const unsigned char *p = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return NULL;
	}
	c->p += n;
	return p;
}

static unsigned
get_u8(struct cur *c)
{
	const unsigned char *p = take(c, 1);

	return p ? *p : 0;
}

static uint32_t
get_u32(struct cur *c)
{
	const void *p = take(c, 4);
	uint32_t v = 0;

	if (p != NULL)
		memcpy(&v, p, 4);
	return v;
}

static int64_t
get_i64(struct cur *c)
{
	const void *p = take(c, 8);
	int64_t v = 0;

	if (p != NULL)
		memcpy(&v, p, 8);
	return v;
}

/* A string in `a` (NUL-terminated; its length in *len), or NULL. */
static char *
get_str(struct cur *c, struct arena *a, size_t *len)
{
	uint32_t n = get_u32(c);
	const char *p = take(c, n);
	char *s;

	if (p == NULL)
		return NULL;
	s = arena_strndup(a, p, n);
	if (s == NULL)
		c->bad = true;
	if (len != NULL)
		*len = n;
	return s;
}

static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

/* A string of `n` bytes at `p` in `a`, from c->keys when it is there:
 * map keys, and short texts (labels, kinds, names).  The strings of gv
 * are never written to, so they may be shared. */
static const char *
get_shared(struct cur *c, struct arena *a, size_t *len)
{
	uint32_t n = get_u32(c);
	const char *p = take(c, n), **nv, *k;
	struct keys *t = c->keys;
	size_t i, cap;

	if (p == NULL)
		return NULL;
	if (len != NULL)
		*len = n;
	if (t == NULL || n > SHARED_MAX || memchr(p, '\0', n) != NULL) {
		if ((k = arena_strndup(a, p, n)) == NULL)
			c->bad = true;
		return k;
	}
	if (2 * (t->n + 1) > t->cap) {
		cap = t->cap ? 2 * t->cap : 64;
		nv = calloc(cap, sizeof(*nv));
		if (nv == NULL) {
			c->bad = true;
			return NULL;
		}
		for (i = 0; i < t->cap; i++) {
			size_t at;

			if (t->slot[i] == NULL)
				continue;
			at = fnv1a(t->slot[i], strlen(t->slot[i])) & (cap - 1);
			while (nv[at] != NULL)
				at = (at + 1) & (cap - 1);
			nv[at] = t->slot[i];
		}
		free(t->slot);
		t->slot = nv;
		t->cap = cap;
	}
	for (i = fnv1a(p, n) & (t->cap - 1); t->slot[i] != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strncmp(t->slot[i], p, n) == 0 && t->slot[i][n] == '\0')
			return t->slot[i];
	if ((k = arena_strndup(a, p, n)) == NULL) {
		c->bad = true;
		return NULL;
	}
	t->slot[i] = k;
	t->n++;
	return k;
}

static struct gv *
get_gv(struct cur *c, struct arena *a, int depth)
{
	unsigned kind = get_u8(c);
	const void *colp = take(c, 2);
	uint32_t line = get_u32(c), n, i;
	size_t cap;
	uint16_t col = 0;
	struct gv *v;

	if (c->bad || depth > MAX_DEPTH || kind > GV_MAP)
		goto bad;
	memcpy(&col, colp, 2);
	if ((v = gv_new(a, (enum gv_kind)kind)) == NULL)
		goto bad;
	v->col = col;
	v->line = line;
	switch ((enum gv_kind)kind) {
	case GV_NULL:
		break;
	case GV_BOOL:
		v->u.b = get_u8(c) != 0;
		break;
	case GV_INT: case GV_DATE: case GV_DATETIME: case GV_TIME:
	case GV_MONEY:
		v->u.i = get_i64(c);
		break;
	case GV_STR: case GV_HTML: case GV_URL:
		v->u.s.p = c->keys != NULL ? get_shared(c, a, &v->u.s.len) :
		    get_str(c, a, &v->u.s.len);
		break;
	case GV_LIST:
		n = get_u32(c);
		/* Every item takes 7 bytes at least. */
		if (c->bad || n > (size_t)(c->end - c->p) / 7 ||
		    !gv_reserve(a, v, n))
			goto bad;
		for (i = 0; i < n && !c->bad; i++) {
			struct gv *item = get_gv(c, a, depth + 1);

			if (item == NULL || !gv_push(a, v, item))
				goto bad;
		}
		break;
	case GV_MAP:
		n = get_u32(c);
		/* Room as gv_set() leaves it (8, then doubled): validate
		 * and site_model add keys, and a full map is copied whole
		 * into a new place in the arena for each. */
		for (cap = 8; cap < n; cap *= 2)
			;
		if (c->bad || n > (size_t)(c->end - c->p) / 11 ||
		    !gv_reserve(a, v, cap))
			goto bad;
		for (i = 0; i < n && !c->bad; i++) {
			const char *key = get_shared(c, a, NULL);
			struct gv *val = key ? get_gv(c, a, depth + 1) : NULL;

			/* Keys are unique as written: appended as they are. */
			if (val == NULL || v->u.map.n == v->u.map.cap)
				goto bad;
			v->u.map.p[v->u.map.n].key = key;
			v->u.map.p[v->u.map.n].val = val;
			v->u.map.n++;
		}
		break;
	}
	if (c->bad)
		goto bad;
	return v;
bad:
	c->bad = true;
	return NULL;
}

static bool
get_entry(struct cur *c, struct arena *a, struct record *r, int *rc,
    struct diags *dg)
{
	uint32_t n, i, type;

	memset(r, 0, sizeof(*r));
	*rc = (int)get_u32(c);
	if (*rc != 0 && *rc != -1)
		return false;
	if (get_u8(c)) {
		type = get_u32(c);
		r->type = (enum rtype)(type < RT_COUNT ? type : 0);
		r->date = get_i64(c);
		r->modified = get_i64(c);
		r->draft = get_u8(c) != 0;
		r->pinned = get_u8(c) != 0;
		r->body_off = (size_t)get_i64(c);
		r->body_len = (size_t)get_i64(c);
		r->body_line = (int)get_u32(c);
		r->fm_line = (int)get_u32(c);
		const void *h = take(c, sizeof(r->hash));

		if (h != NULL)
			memcpy(r->hash, h, sizeof(r->hash));
		r->slug = get_str(c, a, NULL);
		r->v = c->bad || type >= RT_COUNT ? NULL : get_gv(c, a, 0);
		if (r->v == NULL || r->v->kind != GV_MAP)
			return false;
		/* As load_record() takes it. */
		r->title = gv_get_str(r->v, "title");
	}
	n = get_u32(c);
	for (i = 0; i < n && !c->bad; i++) {
		unsigned sev = get_u8(c);
		int line = (int)get_u32(c), col = (int)get_u32(c);
		bool has_file = get_u8(c) != 0;
		const char *file = has_file ? get_str(c, a, NULL) : NULL;
		const char *msg = get_str(c, a, NULL);

		if (c->bad || sev > DIAG_WARNING)
			return false;
		diag_add(dg, (enum diag_sev)sev, file, line, col, "%s", msg);
	}
	return !c->bad && c->p == c->end && !dg->oom;
}

/* memofile_decode(), with the keys of `keys` (NULL: none). */
static bool
decode(const void *p, size_t n, struct keys *keys, struct arena *a,
    struct record *r, int *rc, struct diags *dg)
{
	struct cur c = {p, (const unsigned char *)p + n, false, keys};
	struct diags mine;
	bool ok;

	diags_init(&mine);
	ok = get_entry(&c, a, r, rc, &mine) && diags_append(dg, &mine);
	if (!ok)
		memset(r, 0, sizeof(*r));
	diags_free(&mine);
	return ok;
}

bool
memofile_decode(const void *p, size_t n, struct arena *a, struct record *r,
    int *rc, struct diags *dg)
{
	return decode(p, n, NULL, a, r, rc, dg);
}

/* ---- reading ---- */

struct memofile {
	int fd;
	char *index;      /* owned: the chunks' indexes, one after another,
	                     each entry's offset made the file's */
	size_t index_size;
	size_t *v;        /* owned: where each entry's path is in `index`,
	                     sorted by path */
	size_t n;
	struct keys *keys; /* owned: by worker */
	int workers;
};

/* The identity and place of the entry whose path is at m->index + at. */
static void
fixed_of(const struct memofile *m, size_t at, struct fixed *f)
{
	memcpy(f, m->index + at + strlen(m->index + at) + 1, sizeof(*f));
}

static int
cmp_path(const void *a, const void *b, void *index)
{
	return strcmp((const char *)index + *(const size_t *)a,
	    (const char *)index + *(const size_t *)b);
}

static bool
pread_all(int fd, void *p, size_t n, uint64_t off)
{
	char *q = p;
	ssize_t k;

	while (n > 0) {
		k = pread(fd, q, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		q += k;
		n -= (size_t)k;
		off += (uint64_t)k;
	}
	return true;
}

void
memofile_close(struct memofile *m)
{
	int k;

	if (m == NULL)
		return;
	if (m->fd >= 0)
		close(m->fd);
	for (k = 0; m->keys != NULL && k < m->workers; k++)
		free(m->keys[k].slot);
	free(m->keys);
	free(m->index);
	free(m->v);
	free(m);
}

/* The entries of the chunk at `base` whose index is at m->index + at
 * (c->index_len bytes): into m->v from m->n.  false when it is not what
 * the chunk says. */
static bool
parse_index(struct memofile *m, size_t at, const struct chunk *c,
    uint64_t base, size_t cap)
{
	uint64_t k, blobs = base + sizeof(*c);
	size_t end = at + (size_t)c->index_len;
	struct fixed f;
	uint32_t plen;

	for (k = 0; k < c->count; k++) {
		if (m->n == cap || end - at < 4)
			return false;
		memcpy(&plen, m->index + at, 4);
		at += 4;
		if (plen == 0 || plen > MAX_PATH ||
		    end - at < plen + sizeof(struct fixed) ||
		    m->index[at + plen - 1] != '\0' ||
		    strlen(m->index + at) != plen - 1)
			return false;
		m->v[m->n++] = at;
		at += plen;
		memcpy(&f, m->index + at, sizeof(f));
		if (f.off > c->blobs_len || f.len > c->blobs_len - f.off)
			return false;
		f.off += blobs;
		memcpy(m->index + at, &f, sizeof(f));
		at += sizeof(f);
	}
	return at == end;
}

struct memofile *
memofile_open(const char *path, const unsigned char ctx[32], int workers)
{
	struct memofile *m = calloc(1, sizeof(*m));
	struct head h;
	struct chunk c;
	struct stat st;
	unsigned char hash[32];
	uint64_t off, k, ilen = 0;
	size_t at = 0;

	if (m == NULL)
		return NULL;
	m->workers = workers > 0 ? workers : 1;
	m->keys = calloc((size_t)m->workers, sizeof(*m->keys));
	m->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (m->keys == NULL || m->fd < 0 || fstat(m->fd, &st) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_size < HEAD_SIZE ||
	    !pread_all(m->fd, &h, sizeof(h), 0))
		goto bad;
	/* An entry takes 4 + 2 + sizeof(struct fixed) bytes at least. */
	if (memcmp(h.magic, MAGIC, sizeof(MAGIC)) != 0 ||
	    memcmp(h.ctx, ctx, 32) != 0 || h.end != (uint64_t)st.st_size ||
	    h.count > h.end / (6 + sizeof(struct fixed)) ||
	    h.chunks > h.end / sizeof(c))
		goto bad;
	/* The chunks' places and the length of their indexes first: the
	 * indexes are read into one allocation of that length. */
	for (k = 0, off = HEAD_SIZE; k < h.chunks; k++) {
		if (h.end - off < sizeof(c) || !pread_all(m->fd, &c, sizeof(c), off))
			goto bad;
		off += sizeof(c);
		if (c.blobs_len > h.end - off ||
		    c.index_len > h.end - off - c.blobs_len)
			goto bad;
		off += c.blobs_len + c.index_len;
		ilen += c.index_len;
	}
	if (off != h.end)
		goto bad;
	m->index_size = (size_t)ilen + 1;
	m->v = calloc(h.count ? h.count : 1, sizeof(*m->v));
	m->index = malloc(m->index_size);
	if (m->v == NULL || m->index == NULL)
		goto bad;
	ilen = 0;
	for (k = 0, off = HEAD_SIZE; k < h.chunks; k++) {
		if (!pread_all(m->fd, &c, sizeof(c), off))
			goto bad;
		off += sizeof(c);
		if (c.blobs_len > h.end - off ||
		    c.index_len > h.end - off - c.blobs_len ||
		    c.index_len > m->index_size - 1 - ilen)
			goto bad;
		if (!pread_all(m->fd, m->index + ilen, c.index_len,
		    off + c.blobs_len) ||
		    !sha256(m->index + ilen, c.index_len, hash) ||
		    memcmp(hash, c.index_hash, 32) != 0)
			goto bad;
		at = (size_t)ilen;
		ilen += c.index_len;
		off += c.blobs_len + c.index_len;
		if (!parse_index(m, at, &c, off - c.blobs_len - c.index_len -
		    sizeof(c), (size_t)h.count))
			goto bad;
	}
	if (off != h.end || m->n != h.count)
		goto bad;
	qsort_r(m->v, m->n, sizeof(*m->v), cmp_path, m->index);
	return m;
bad:
	memofile_close(m);
	return NULL;
}

static bool
same_time(int64_t sec, int64_t nsec, const struct timespec *t)
{
	return sec == (int64_t)t->tv_sec && nsec == (int64_t)t->tv_nsec;
}

static void add_bytes(struct memofile_writer *w, int worker, const char *rel,
    struct fixed *f, const void *p);

bool
memofile_carry(const struct memofile *m, struct memofile_writer *w,
    int worker, const char *rel, const struct stat *st, struct arena *a,
    struct record *r, int *rc, struct diags *dg)
{
	struct fixed f;
	unsigned char hash[32];
	unsigned char *bytes = NULL;
	size_t lo = 0, hi = m ? m->n : 0, mid;
	bool found = false, ok = false;
	int c;

	memset(r, 0, sizeof(*r));
	while (lo < hi && !found) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(rel, m->index + m->v[mid]);
		if (c == 0)
			found = true;
		else if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (!found || worker < 0 || worker >= m->workers)
		goto out;
	fixed_of(m, m->v[mid], &f);
	if (!S_ISREG(st->st_mode) || f.dev != (uint64_t)st->st_dev ||
	    f.ino != (uint64_t)st->st_ino || f.size != (int64_t)st->st_size ||
	    !same_time(f.msec, f.mnsec, &st->st_mtim) ||
	    !same_time(f.csec, f.cnsec, &st->st_ctim))
		goto out;
	bytes = malloc(f.len ? f.len : 1);
	if (bytes == NULL || !pread_all(m->fd, bytes, f.len, f.off) ||
	    !sha256(bytes, f.len, hash) || memcmp(hash, f.hash, 32) != 0)
		goto out;
	ok = decode(bytes, f.len, &m->keys[worker], a, r, rc, dg);
	/* Its bytes, identity and hash, as they are. */
	if (ok && w != NULL)
		add_bytes(w, worker, rel, &f, bytes);
out:
	if (!ok)
		memset(r, 0, sizeof(*r));
	free(bytes);
	return ok;
}

bool
memofile_take(const struct memofile *m, const char *rel,
    const struct stat *st, struct arena *a, struct record *r, int *rc,
    struct diags *dg)
{
	return memofile_carry(m, NULL, 0, rel, st, a, r, rc, dg);
}

/* ---- writing ---- */

struct wslot {
	struct buf blobs;  /* encoded, not yet written */
	struct buf index;  /* their index entries */
	uint64_t count;
	struct buf scratch;
};

struct memofile_writer {
	char *path, *tmp;
	int fd;
	bool made;         /* the temporary file was created */
	unsigned char ctx[32];
	atomic_uint_least64_t end;
	atomic_bool failed;
	atomic_size_t count, chunks;
	int workers;
	struct wslot *w;   /* owned, until memofile_finish() */
};

/* Free what the workers' slots hold. */
static void
free_slots(struct memofile_writer *w)
{
	int k;

	for (k = 0; w->w != NULL && k < w->workers; k++) {
		buf_free(&w->w[k].blobs);
		buf_free(&w->w[k].index);
		buf_free(&w->w[k].scratch);
	}
	free(w->w);
	w->w = NULL;
}

/* Free `w`, and remove its temporary file when it is still there. */
static void
writer_free(struct memofile_writer *w)
{
	if (w == NULL)
		return;
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp != NULL && w->made)
		unlink(w->tmp);
	free_slots(w);
	free(w->path);
	free(w->tmp);
	free(w);
}

struct memofile_writer *
memofile_create(const char *path, const unsigned char ctx[32], int workers)
{
	struct memofile_writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->fd = -1;
	w->workers = workers > 0 ? workers : 1;
	w->path = strdup(path);
	w->w = calloc((size_t)w->workers, sizeof(*w->w));
	if (w->path == NULL || w->w == NULL ||
	    asprintf(&w->tmp, "%s.tmp-%ld", path, (long)getpid()) < 0) {
		w->tmp = NULL;
		writer_free(w);
		return NULL;
	}
	memcpy(w->ctx, ctx, 32);
	atomic_init(&w->end, HEAD_SIZE);
	atomic_init(&w->failed, false);
	atomic_init(&w->count, 0);
	atomic_init(&w->chunks, 0);
	w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	w->made = w->fd >= 0;
	if (w->fd < 0) {
		writer_free(w);
		return NULL;
	}
	return w;
}

static bool
pwrite_all(int fd, const void *p, size_t n, uint64_t off)
{
	const char *q = p;
	ssize_t k;

	while (n > 0) {
		k = pwrite(fd, q, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		q += k;
		n -= (size_t)k;
		off += (uint64_t)k;
	}
	return true;
}

/* Write what worker slot `s` has encoded as a chunk. */
static void
flush(struct memofile_writer *w, struct wslot *s)
{
	struct chunk c;
	uint64_t base;

	if (s->count == 0)
		return;
	memset(&c, 0, sizeof(c));
	c.blobs_len = s->blobs.len;
	c.index_len = s->index.len;
	c.count = s->count;
	base = atomic_fetch_add(&w->end,
	    (uint64_t)(sizeof(c) + s->blobs.len + s->index.len));
	if (!sha256(s->index.data, s->index.len, c.index_hash) ||
	    !pwrite_all(w->fd, &c, sizeof(c), base) ||
	    !pwrite_all(w->fd, s->blobs.data, s->blobs.len, base + sizeof(c)) ||
	    !pwrite_all(w->fd, s->index.data, s->index.len,
	    base + sizeof(c) + s->blobs.len))
		atomic_store(&w->failed, true);
	atomic_fetch_add(&w->chunks, 1);
	s->count = 0;
	buf_reset(&s->blobs);
	buf_reset(&s->index);
}

/* Add the entry of `rel` whose `f->len` bytes are at `p`, with the
 * identity and hash in *f (its offset is set here). */
static void
add_bytes(struct memofile_writer *w, int worker, const char *rel,
    struct fixed *f, const void *p)
{
	struct wslot *s;
	size_t plen = strlen(rel) + 1;
	uint32_t p32 = (uint32_t)plen;

	if (w == NULL || w->w == NULL || worker < 0 || worker >= w->workers ||
	    atomic_load(&w->failed) || plen > MAX_PATH)
		return;
	s = &w->w[worker];
	f->off = (uint64_t)s->blobs.len;
	buf_put(&s->blobs, p, (size_t)f->len);
	buf_put(&s->index, &p32, sizeof(p32));
	buf_put(&s->index, rel, plen);
	buf_put(&s->index, f, sizeof(*f));
	if (!buf_ok(&s->blobs) || !buf_ok(&s->index)) {
		atomic_store(&w->failed, true);
		return;
	}
	s->count++;
	atomic_fetch_add(&w->count, 1);
	if (s->blobs.len >= FLUSH_AT)
		flush(w, s);
}

void
memofile_add(struct memofile_writer *w, int worker, const char *rel,
    const struct stat *st, const struct timespec *read_at,
    const struct record *r, int rc, const struct diags *dg)
{
	struct wslot *s;
	struct fixed f;

	if (w == NULL || w->w == NULL || worker < 0 || worker >= w->workers ||
	    atomic_load(&w->failed) || !S_ISREG(st->st_mode) ||
	    (rc != 0 && rc != -1) || dg->oom ||
	    memo_racy(st, read_at))
		return;
	s = &w->w[worker];
	buf_reset(&s->scratch);
	/* Values nested too deep for an entry: the next build reads the
	 * file again. */
	if (!memofile_encode(&s->scratch, r, rc, dg))
		return;
	memset(&f, 0, sizeof(f));
	f.dev = (uint64_t)st->st_dev;
	f.ino = (uint64_t)st->st_ino;
	f.size = (int64_t)st->st_size;
	f.msec = (int64_t)st->st_mtim.tv_sec;
	f.mnsec = (int64_t)st->st_mtim.tv_nsec;
	f.csec = (int64_t)st->st_ctim.tv_sec;
	f.cnsec = (int64_t)st->st_ctim.tv_nsec;
	f.len = (uint64_t)s->scratch.len;
	if (!buf_ok(&s->scratch) ||
	    !sha256(s->scratch.data, s->scratch.len, f.hash)) {
		atomic_store(&w->failed, true);
		return;
	}
	add_bytes(w, worker, rel, &f, s->scratch.data);
}

void
memofile_abort(struct memofile_writer *w)
{
	writer_free(w);
}

void
memofile_finish(struct memofile_writer *w)
{
	struct head h;
	unsigned char hb[HEAD_SIZE];
	int k, fd;
	bool ok = false;

	if (w == NULL || w->w == NULL)
		return;
	for (k = 0; k < w->workers; k++)
		flush(w, &w->w[k]);
	free_slots(w);
	if (atomic_load(&w->failed))
		goto out;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, sizeof(MAGIC));
	memcpy(h.ctx, w->ctx, 32);
	h.end = atomic_load(&w->end);
	h.chunks = atomic_load(&w->chunks);
	h.count = atomic_load(&w->count);
	/* The header last, whole (the file has its length even with no
	 * chunk): a file cut short is one whose length it does not match. */
	memset(hb, 0, sizeof(hb));
	memcpy(hb, &h, sizeof(h));
	ok = pwrite_all(w->fd, hb, sizeof(hb), 0);
out:
	fd = w->fd;
	w->fd = -1;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok)
		atomic_store(&w->failed, true);
}

int
memofile_commit(struct memofile_writer *w)
{
	int rc = -1;

	if (w == NULL)
		return -1;
	memofile_finish(w);
	if (!atomic_load(&w->failed) && rename(w->tmp, w->path) == 0) {
		w->made = false;
		rc = 0;
	}
	writer_free(w);
	return rc;
}
