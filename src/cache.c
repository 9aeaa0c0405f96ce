#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "buf.h"
#include "fsutil.h"
#include "pool.h"

#define CACHE_MAGIC "gongshi-cache 2"

static int stamp_entry(EVP_MD_CTX *md, const char *rel,
    const struct stat *st);

char *
cache_path(const char *out, const char *what)
{
	const char *slash = strrchr(out, '/');
	size_t plen = slash ? (size_t)(slash - out + 1) : 0;
	char *p = malloc(strlen(out) + strlen(what) + 4);

	if (p == NULL)
		return NULL;
	memcpy(p, out, plen);
	sprintf(p + plen, ".%s.%s", out + plen, what);
	return p;
}

void
cache_hex(const unsigned char *h, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < CACHE_HASH; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[2 * CACHE_HASH] = '\0';
}

static bool
unhex(const char *s, unsigned char *h)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < CACHE_HASH; i++) {
		hi = s[2 * i];
		lo = s[2 * i + 1];
		hi = hi >= '0' && hi <= '9' ? hi - '0' : hi >= 'a' && hi <= 'f' ?
		    hi - 'a' + 10 : -1;
		lo = lo >= '0' && lo <= '9' ? lo - '0' : lo >= 'a' && lo <= 'f' ?
		    lo - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return false;
		h[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

int
cache_add(struct cache *c, const char *path, const unsigned char *fp,
    const unsigned char *out, uint64_t size)
{
	struct cache_entry *e;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		struct cache_entry *nv = realloc(c->v, cap * sizeof(*nv));

		if (nv == NULL)
			return -1;
		c->v = nv;
		c->cap = cap;
	}
	e = &c->v[c->n];
	memset(e, 0, sizeof(*e));
	if ((e->path = strdup(path)) == NULL)
		return -1;
	if (fp)
		memcpy(e->fp, fp, CACHE_HASH);
	if (out)
		memcpy(e->out, out, CACHE_HASH);
	e->size = size;
	c->n++;
	return 0;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct cache_entry *)a)->path,
	    ((const struct cache_entry *)b)->path);
}

void
cache_free(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

int
cache_load(struct cache *c, const char *path)
{
	char *data = NULL, *line, *next, *sp;
	size_t len;
	unsigned char fp[CACHE_HASH], out[CACHE_HASH];
	unsigned long long size;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	if (read_file(path, (size_t)1 << 30, &data, &len) != 0)
		return 0;
	line = data;
	next = strchr(line, '\n');
	if (next == NULL || strncmp(line, CACHE_MAGIC "\n",
	    sizeof(CACHE_MAGIC)) != 0)
		goto bad;
	line = next + 1;
	/* stamp <hex> */
	if (strncmp(line, "stamp ", 6) != 0 || !unhex(line + 6, c->stamp) ||
	    line[6 + 2 * CACHE_HASH] != '\n')
		goto bad;
	line += 6 + 2 * CACHE_HASH + 1;
	/* outstamp <hex> */
	if (strncmp(line, "outstamp ", 9) != 0 ||
	    !unhex(line + 9, c->outstamp) || line[9 + 2 * CACHE_HASH] != '\n')
		goto bad;
	line += 9 + 2 * CACHE_HASH + 1;
	/* <fp> <out> <size> <path> */
	for (; *line; line = next + 1) {
		next = strchr(line, '\n');
		if (next == NULL)
			goto bad;
		*next = '\0';
		if (next - line < 4 * CACHE_HASH + 4 ||
		    !unhex(line, fp) || line[2 * CACHE_HASH] != ' ' ||
		    !unhex(line + 2 * CACHE_HASH + 1, out) ||
		    line[4 * CACHE_HASH + 1] != ' ')
			goto bad;
		sp = line + 4 * CACHE_HASH + 2;
		errno = 0;
		size = strtoull(sp, &sp, 10);
		if (errno || *sp != ' ' || sp[1] == '\0')
			goto bad;
		if (cache_add(c, sp + 1, fp, out, size) != 0) {
			rc = -1;
			goto bad;
		}
	}
	/* Written sorted; sort anyway, a damaged file must not misfind. */
	cache_sort(c);
	free(data);
	return 0;
bad:
	free(data);
	cache_free(c);
	return rc;
}

const struct cache_entry *
cache_find(const struct cache *c, const char *path)
{
	struct cache_entry key;

	if (c->n == 0)
		return NULL;
	key.path = (char *)path;
	return bsearch(&key, c->v, c->n, sizeof(*c->v), cmp_entry);
}

int
cache_set(struct cache *c, const char *path, const unsigned char *fp,
    const unsigned char *out, uint64_t size)
{
	struct cache_entry *e = (struct cache_entry *)cache_find(c, path);

	if (e == NULL)
		return -1;
	memset(e->fp, 0, CACHE_HASH);
	memset(e->out, 0, CACHE_HASH);
	if (fp)
		memcpy(e->fp, fp, CACHE_HASH);
	if (out)
		memcpy(e->out, out, CACHE_HASH);
	e->size = size;
	return 0;
}

void
cache_sort(struct cache *c)
{
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cmp_entry);
}

int
cache_save(struct cache *c, const char *path)
{
	char h1[2 * CACHE_HASH + 1], h2[2 * CACHE_HASH + 1], *tmp;
	FILE *fp;
	size_t i;
	int rc = 0;

	cache_sort(c);
	tmp = malloc(strlen(path) + 32);
	if (tmp == NULL)
		return ENOMEM;
	sprintf(tmp, "%s.tmp-%ld", path, (long)getpid());
	/* Written as it is formatted: at 50k records the text is 9 MB,
	 * which would add to the build's peak memory. */
	fp = fopen(tmp, "we");
	if (fp == NULL) {
		rc = errno;
		free(tmp);
		return rc;
	}
	fputs(CACHE_MAGIC "\n", fp);
	cache_hex(c->stamp, h1);
	cache_hex(c->outstamp, h2);
	fprintf(fp, "stamp %s\noutstamp %s\n", h1, h2);
	for (i = 0; i < c->n; i++) {
		/* A path with a newline cannot be stored: leave it out, it
		 * is rendered again next time. */
		if (strchr(c->v[i].path, '\n') != NULL)
			continue;
		cache_hex(c->v[i].fp, h1);
		cache_hex(c->v[i].out, h2);
		fprintf(fp, "%s %s %llu %s\n", h1, h2,
		    (unsigned long long)c->v[i].size, c->v[i].path);
	}
	if (ferror(fp))
		rc = EIO;
	if (fclose(fp) != 0 && rc == 0)
		rc = errno;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = errno;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

static int stamp_tree(EVP_MD_CTX *md, int dfd, struct buf *rel, int depth,
    const atomic_bool *stop);

/*
 * Hash entry `name` of directory `dfd`, whose path is `rel`, and what is
 * under it, without following links out of the tree: a symbolic link is
 * hashed by its text and its target's metadata.  A link to a directory
 * makes the stamp unusable (ENOTSUP): what is under it is not looked at,
 * so "nothing changed" could not be trusted.  Names are looked up from
 * the directory (fstatat), not as whole paths: the output has 24k
 * entries at 10k records, and every build stamps it.
 */
static int
stamp_name(EVP_MD_CTX *md, int dfd, const char *name, struct buf *rel,
    int depth, const atomic_bool *stop)
{
	struct stat st;
	char target[4096];
	ssize_t tl;
	int rc = 0, sub;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno;
	if (S_ISLNK(st.st_mode)) {
		tl = readlinkat(dfd, name, target, sizeof(target) - 1);
		target[tl > 0 ? tl : 0] = '\0';
		if (!EVP_DigestUpdate(md, target, strlen(target) + 1))
			return EIO;
		if (fstatat(dfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode))
			return ENOTSUP;
	}
	rc = stamp_entry(md, rel->data, &st);
	if (rc == 0 && S_ISDIR(st.st_mode)) {
		sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		rc = sub < 0 ? errno : stamp_tree(md, sub, rel, depth + 1,
		    stop);
	}
	return rc;
}

/* Hash every entry of the open directory `dfd` (taken: closed here),
 * whose path is rel[0..rel->len), in byte order of the names. */
static int
stamp_tree(EVP_MD_CTX *md, int dfd, struct buf *rel, int depth,
    const atomic_bool *stop)
{
	char **names = NULL;
	size_t n = 0, i, keep = rel->len;
	int rc;

	if (depth > 32 || (stop != NULL && atomic_load(stop))) {
		close(dfd);
		return depth > 32 ? ENOTSUP : ECANCELED;
	}
	rc = dir_names_fd(dfd, NULL, &names, &n);
	for (i = 0; i < n && rc == 0; i++) {
		rel->len = keep;
		if (keep > 0)
			buf_putc(rel, '/');
		buf_puts(rel, names[i]);
		rc = buf_ok(rel) ? stamp_name(md, dfd, names[i], rel,
		    depth, stop) : ENOMEM;
	}
	rel->len = keep;
	if (rel->data != NULL)
		rel->data[keep] = '\0';
	names_free(names, n);
	close(dfd);
	return rc;
}

/* Stamp the tree at `dir`, its entries named `prefix`/...: 0, or an errno
 * value (none when `dir` does not exist: an empty tree). */
static int
stamp_dir(EVP_MD_CTX *md, const char *dir, const char *prefix)
{
	struct buf rel = BUF_INIT;
	int fd, rc;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	buf_puts(&rel, prefix);
	if (rel.oom) {
		close(fd);
		return ENOMEM;
	}
	rc = stamp_tree(md, fd, &rel, 0, NULL);
	buf_free(&rel);
	return rc;
}

static int
stamp_entry(EVP_MD_CTX *md, const char *rel, const struct stat *st)
{
	struct {
		int64_t size, mtime_s, mtime_ns, ino, mode;
	} m = {(int64_t)st->st_size, (int64_t)st->st_mtim.tv_sec,
	    (int64_t)st->st_mtim.tv_nsec, (int64_t)st->st_ino,
	    (int64_t)st->st_mode};

	if (!EVP_DigestUpdate(md, rel, strlen(rel) + 1) ||
	    !EVP_DigestUpdate(md, &m, sizeof(m)))
		return EIO;
	return 0;
}

int
cache_stamp(const char *site_dir, const char *params,
    unsigned char stamp[CACHE_HASH])
{
	static const char *const inputs[] = {"site.yaml", "content",
	    "templates", "static", NULL};
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	struct stat st;
	char *full;
	int rc = 0;
	size_t i;

	if (md == NULL || !EVP_DigestInit_ex(md, EVP_sha256(), NULL) ||
	    !EVP_DigestUpdate(md, params, strlen(params) + 1)) {
		rc = ENOMEM;
		goto out;
	}
	for (i = 0; inputs[i] && rc == 0; i++) {
		full = path_join(site_dir, inputs[i]);
		if (full == NULL) {
			rc = ENOMEM;
			break;
		}
		if (lstat(full, &st) == 0) {
			if (S_ISLNK(st.st_mode))
				rc = ENOTSUP; /* see stamp_tree */
			else
				rc = stamp_entry(md, inputs[i], &st);
			if (rc == 0 && S_ISDIR(st.st_mode))
				rc = stamp_dir(md, full, inputs[i]);
		}
		free(full);
	}
	if (rc == 0 && !EVP_DigestFinal_ex(md, stamp, NULL))
		rc = EIO;
out:
	EVP_MD_CTX_free(md);
	return rc;
}

/*
 * The output's stamp is a tree of digests, so that a build that changed a
 * few files can stamp the tree again without walking all of it:
 *  - a top-level entry that is not a directory: the digest of
 *    stamp_name() (its name and metadata);
 *  - a top-level directory: the digest of its own name and metadata and of
 *    its children's digests, in name order, each that of stamp_name() over
 *    the child and all that is under it;
 *  - the stamp: the digest of the top-level digests, in name order.
 * The top-level entries are stamped in parallel.
 */
struct stamp_top {
	char *name;                        /* owned */
	unsigned char h[CACHE_HASH];
	bool dir;
	char **kids;                       /* owned, sorted; dir only */
	unsigned char (*kid_h)[CACHE_HASH];
	size_t nkids;
};

struct tree_stamp {
	struct stamp_top *v; /* sorted by name */
	size_t n;
};

/* What the build changed, as "top" and "top/child" keys, sorted. */
struct touched {
	char **keys;
	size_t n;
};

struct out_stamp {
	int dfd;
	const atomic_bool *stop;
	char **names;
	unsigned char (*h)[CACHE_HASH];
	int *rc;
	const struct tree_stamp *was;  /* may be reused where not touched */
	const struct touched *touched;
	struct stamp_top *keep;        /* by name, or NULL */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_top(const void *key, const void *elem)
{
	return strcmp(key, ((const struct stamp_top *)elem)->name);
}

static bool
is_touched(const struct touched *t, const char *key)
{
	return t == NULL ||
	    bsearch(&key, t->keys, t->n, sizeof(*t->keys), cmp_str) != NULL;
}

/* The digest of `md` into `h`, and `md` ready again; 0 or EIO. */
static int
digest_into(EVP_MD_CTX *md, unsigned char h[CACHE_HASH])
{
	if (!EVP_DigestFinal_ex(md, h, NULL) ||
	    !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
		return EIO;
	return 0;
}

/*
 * The digest of top-level directory `name` (metadata `st`) into `md`: its
 * children's digests are those in `was` where the build did not touch
 * them, else made by walking them; they are kept in `keep` when not NULL.
 */
static int
stamp_top_dir(struct out_stamp *os, EVP_MD_CTX *md, EVP_MD_CTX *kid,
    const char *name, const struct stat *st, const struct stamp_top *was,
    struct stamp_top *keep, struct buf *rel)
{
	char **names = NULL, **found;
	unsigned char (*h)[CACHE_HASH] = NULL;
	size_t n = 0, i, keep_len = rel->len;
	int fd, rc;

	rc = stamp_entry(md, name, st);
	if (rc != 0)
		return rc;
	fd = openat(os->dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return errno;
	rc = dir_names_fd(fd, NULL, &names, &n);
	if (rc == 0 && (h = calloc(n ? n : 1, sizeof(*h))) == NULL)
		rc = ENOMEM;
	for (i = 0; i < n && rc == 0; i++) {
		rel->len = keep_len;
		buf_putc(rel, '/');
		buf_puts(rel, names[i]);
		if (!buf_ok(rel)) {
			rc = ENOMEM;
			break;
		}
		found = was != NULL && was->dir && !is_touched(os->touched,
		    rel->data) ? bsearch(&names[i], was->kids, was->nkids,
		    sizeof(*was->kids), cmp_str) : NULL;
		if (found != NULL) {
			memcpy(h[i], was->kid_h[found - was->kids], CACHE_HASH);
		} else {
			rc = stamp_name(kid, fd, names[i], rel, 1, os->stop);
			if (rc == 0)
				rc = digest_into(kid, h[i]);
		}
		if (rc == 0 && !EVP_DigestUpdate(md, h[i], CACHE_HASH))
			rc = EIO;
	}
	rel->len = keep_len;
	rel->data[keep_len] = '\0';
	close(fd);
	if (rc == 0 && keep != NULL) {
		keep->kids = names;
		keep->kid_h = h;
		keep->nkids = n;
		keep->dir = true;
		names = NULL;
		h = NULL;
		n = 0;
	}
	names_free(names, n);
	free(h);
	return rc;
}

static void
stamp_top_one(void *ctx, size_t i, int worker)
{
	struct out_stamp *os = ctx;
	const char *name = os->names[i];
	const struct stamp_top *was = os->was == NULL ? NULL :
	    bsearch(name, os->was->v, os->was->n, sizeof(*os->was->v),
	    cmp_top);
	struct stamp_top *keep = os->keep ? &os->keep[i] : NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new(), *kid = EVP_MD_CTX_new();
	struct buf rel = BUF_INIT;
	struct stat st;
	int rc;

	(void)worker;
	buf_puts(&rel, name);
	if (md == NULL || kid == NULL || !buf_ok(&rel) ||
	    !EVP_DigestInit_ex(md, EVP_sha256(), NULL) ||
	    !EVP_DigestInit_ex(kid, EVP_sha256(), NULL)) {
		rc = ENOMEM;
	} else if (was != NULL && was->dir && !is_touched(os->touched, name)) {
		/* Nothing under it was written or removed. */
		memcpy(os->h[i], was->h, CACHE_HASH);
		rc = 0;
		goto out;
	} else if (fstatat(os->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		rc = errno;
	} else if (S_ISDIR(st.st_mode)) {
		rc = stamp_top_dir(os, md, kid, name, &st, was, keep, &rel);
	} else {
		rc = stamp_name(md, os->dfd, name, &rel, 0, os->stop);
	}
	if (rc == 0 && !EVP_DigestFinal_ex(md, os->h[i], NULL))
		rc = EIO;
out:
	os->rc[i] = rc;
	EVP_MD_CTX_free(md);
	EVP_MD_CTX_free(kid);
	buf_free(&rel);
}

void
tree_stamp_free(struct tree_stamp *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].name);
		names_free(t->v[i].kids, t->v[i].nkids);
		free(t->v[i].kid_h);
	}
	free(t->v);
	free(t);
}

/* The stamp of the tree at `out` (see struct stamp_top); its digests into
 * *keep when not NULL. */
static int
stamp_out(const char *out, unsigned char stamp[CACHE_HASH],
    const atomic_bool *stop, const struct tree_stamp *was,
    const struct touched *touched, struct tree_stamp **keep)
{
	struct out_stamp os = {-1, stop, NULL, NULL, NULL, was, touched, NULL};
	struct tree_stamp *t = NULL;
	EVP_MD_CTX *md = NULL;
	DIR *d;
	size_t n = 0, i;
	int rc = 0;

	if (keep != NULL)
		*keep = NULL;
	d = opendir(out);
	if (d == NULL && errno != ENOENT)
		return errno;
	if (d != NULL) {
		os.dfd = dirfd(d);
		rc = dir_names(d, NULL, &os.names, &n);
	}
	if (rc == 0) {
		os.h = calloc(n ? n : 1, sizeof(*os.h));
		os.rc = calloc(n ? n : 1, sizeof(*os.rc));
		md = EVP_MD_CTX_new();
		if (keep != NULL && (t = calloc(1, sizeof(*t))) != NULL &&
		    (t->v = calloc(n ? n : 1, sizeof(*t->v))) != NULL)
			os.keep = t->v;
		if (os.h == NULL || os.rc == NULL || md == NULL ||
		    (keep != NULL && os.keep == NULL) ||
		    !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
			rc = ENOMEM;
	}
	/* 24k entries at 10k records, nearly all of them system calls:
	 * worth both cores. */
	if (rc == 0)
		pool_run(n, pool_default_threads(), stamp_top_one, &os);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = os.rc[i];
		if (rc == 0 && !EVP_DigestUpdate(md, os.h[i], CACHE_HASH))
			rc = EIO;
	}
	if (rc == 0 && !EVP_DigestFinal_ex(md, stamp, NULL))
		rc = EIO;
	if (t != NULL && os.keep != NULL) {
		/* The names go to the kept digests, in the same order. */
		for (i = 0; i < n; i++) {
			t->v[i].name = os.names[i];
			os.names[i] = NULL;
			memcpy(t->v[i].h, os.h[i], CACHE_HASH);
		}
		t->n = n;
	}
	if (rc == 0 && keep != NULL) {
		*keep = t;
		t = NULL;
	}
	tree_stamp_free(t);
	EVP_MD_CTX_free(md);
	free(os.h);
	free(os.rc);
	names_free(os.names, n);
	if (d != NULL)
		closedir(d);
	return rc;
}

int
cache_stamp_output(const char *out, unsigned char stamp[CACHE_HASH],
    const atomic_bool *stop, struct tree_stamp **keep)
{
	return stamp_out(out, stamp, stop, NULL, NULL, keep);
}

/* Add "top" and "top/child" of `path` to `t` (its keys unsorted); 0 or
 * ENOMEM. */
static int
touch(struct touched *t, size_t *cap, const char *path)
{
	const char *s1 = strchr(path, '/'), *s2 = s1 ? strchr(s1 + 1, '/') :
	    NULL;
	size_t lens[2] = {s1 ? (size_t)(s1 - path) : strlen(path),
	    s2 ? (size_t)(s2 - path) : strlen(path)};
	int k;

	for (k = 0; k < (s1 ? 2 : 1); k++) {
		if (t->n == *cap) {
			size_t nc = *cap ? *cap * 2 : 64;
			char **v = realloc(t->keys, nc * sizeof(*v));

			if (v == NULL)
				return ENOMEM;
			t->keys = v;
			*cap = nc;
		}
		if ((t->keys[t->n] = strndup(path, lens[k])) == NULL)
			return ENOMEM;
		t->n++;
	}
	return 0;
}

static const unsigned char no_hash[CACHE_HASH];

/* Whether the build left the file of `e` as the entry `h` of the tree
 * before it says it was: a page by its fingerprint, another file by the
 * hash of its bytes (render.c's rule for reusing a file); files without
 * either (assets, static) are written every time. */
static bool
kept(const struct cache_entry *e, const struct cache_entry *h)
{
	if (h == NULL)
		return false;
	if (memcmp(e->fp, no_hash, CACHE_HASH) != 0)
		return memcmp(e->fp, h->fp, CACHE_HASH) == 0;
	return memcmp(e->out, no_hash, CACHE_HASH) != 0 &&
	    memcmp(e->out, h->out, CACHE_HASH) == 0;
}

int
cache_restamp_output(const char *out, const struct tree_stamp *was,
    const struct cache *now, const struct cache *held,
    unsigned char stamp[CACHE_HASH])
{
	struct touched t = {NULL, 0};
	size_t cap = 0, i;
	int rc = 0;

	for (i = 0; i < now->n && rc == 0; i++)
		if (!kept(&now->v[i], cache_find(held, now->v[i].path)))
			rc = touch(&t, &cap, now->v[i].path);
	for (i = 0; i < held->n && rc == 0; i++)
		if (cache_find(now, held->v[i].path) == NULL)
			rc = touch(&t, &cap, held->v[i].path);
	if (rc == 0) {
		qsort(t.keys, t.n, sizeof(*t.keys), cmp_str);
		rc = stamp_out(out, stamp, NULL, was, &t, NULL);
	}
	names_free(t.keys, t.n);
	return rc;
}
