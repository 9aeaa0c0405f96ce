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

/* Whether `path` has a newline: a line of the file cannot hold it, so it
 * is not saved (its file is rendered again next time), and it is left out
 * of a tree's stamp too (cache_stamp_tree()). */
static bool
unsaved(const char *path)
{
	return strchr(path, '\n') != NULL;
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
		if (unsaved(c->v[i].path))
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

static int stamp_tree(EVP_MD_CTX *md, int dfd, struct buf *rel, int depth);

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
    int depth)
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
		rc = sub < 0 ? errno : stamp_tree(md, sub, rel, depth + 1);
	}
	return rc;
}

/* Hash every entry of the open directory `dfd` (taken: closed here),
 * whose path is rel[0..rel->len), in byte order of the names. */
static int
stamp_tree(EVP_MD_CTX *md, int dfd, struct buf *rel, int depth)
{
	char **names = NULL;
	size_t n = 0, i, keep = rel->len;
	int rc;

	if (depth > 32) {
		close(dfd);
		return ENOTSUP;
	}
	rc = dir_names_fd(dfd, NULL, &names, &n);
	for (i = 0; i < n && rc == 0; i++) {
		rel->len = keep;
		if (keep > 0)
			buf_putc(rel, '/');
		buf_puts(rel, names[i]);
		rc = buf_ok(rel) ? stamp_name(md, dfd, names[i], rel,
		    depth) : ENOMEM;
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
	rc = stamp_tree(md, fd, &rel, 0);
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
 * The stamp of a tree that a cache describes, made without reading a
 * directory: the identity of the tree's root (inode, mtime), of every
 * directory that holds a file of the cache (inode, mtime, change time)
 * and of every such file (size, inode, mtime, mode), looked up by name.
 * A file added, removed or renamed anywhere changes its directory's mtime
 * and change time; a file written changes its own; the change time of a
 * file is left out, since hard-linking it from another tree (what a build
 * does with the output) changes it.  The entries are stamped in parts of
 * STAMP_PART, in parallel; the parts' digests are combined in order.
 */
#define STAMP_PART 2048

struct tree {
	const struct cache *c;
	int dfd;
	const atomic_bool *stop;
	unsigned char (*h)[CACHE_HASH];
	int *rc;
};

/* Stamp the identity of `rel` (a directory's with its change time). */
static int
stamp_ident(EVP_MD_CTX *md, int dfd, const char *rel, bool dir)
{
	struct stat st;
	int64_t ct[2];
	int rc;

	if (fstatat(dfd, rel, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno;
	if (S_ISDIR(st.st_mode) != dir)
		return ENOTDIR;
	rc = stamp_entry(md, rel, &st);
	if (rc == 0 && dir) {
		ct[0] = (int64_t)st.st_ctim.tv_sec;
		ct[1] = (int64_t)st.st_ctim.tv_nsec;
		if (!EVP_DigestUpdate(md, ct, sizeof(ct)))
			rc = EIO;
	}
	return rc;
}

/* One part: its entries, each after the directories of its path that the
 * entry before it (in path order) was not in. */
static void
stamp_part(void *ctx, size_t k, int worker)
{
	struct tree *t = ctx;
	const struct cache *c = t->c;
	size_t i, j, end = (k + 1) * STAMP_PART < c->n ?
	    (k + 1) * STAMP_PART : c->n;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	char dir[4096];
	const char *p, *prev, *s;
	size_t n;
	int rc = 0;

	(void)worker;
	if (md == NULL || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
		rc = ENOMEM;
	for (i = k * STAMP_PART; i < end && rc == 0; i++) {
		if ((i & 255) == 0 && t->stop != NULL && atomic_load(t->stop)) {
			rc = ECANCELED;
			break;
		}
		p = c->v[i].path;
		if (unsaved(p))
			continue;
		/* The directories of p, outermost first, but those the
		 * previous path (of those saved) shares with it up to a
		 * slash. */
		for (j = i; j > 0 && unsaved(c->v[j - 1].path); j--)
			;
		prev = j > 0 ? c->v[j - 1].path : "";
		for (s = strchr(p, '/'); s != NULL && rc == 0;
		    s = strchr(s + 1, '/')) {
			n = (size_t)(s - p);
			if (strncmp(prev, p, n) == 0 && prev[n] == '/')
				continue;
			if (n >= sizeof(dir)) {
				rc = ENAMETOOLONG;
				break;
			}
			memcpy(dir, p, n);
			dir[n] = '\0';
			rc = stamp_ident(md, t->dfd, dir, true);
		}
		if (rc == 0)
			rc = stamp_ident(md, t->dfd, p, false);
	}
	if (rc == 0 && !EVP_DigestFinal_ex(md, t->h[k], NULL))
		rc = EIO;
	t->rc[k] = rc;
	EVP_MD_CTX_free(md);
}

int
cache_stamp_tree(const struct cache *c, const char *dir,
    unsigned char stamp[CACHE_HASH], const atomic_bool *stop)
{
	struct tree t = {c, -1, stop, NULL, NULL};
	size_t parts = (c->n + STAMP_PART - 1) / STAMP_PART, k;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	struct stat st;
	int64_t root[2];
	int rc = 0;

	t.dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	t.h = calloc(parts ? parts : 1, sizeof(*t.h));
	t.rc = calloc(parts ? parts : 1, sizeof(*t.rc));
	if (t.dfd < 0)
		rc = errno;
	else if (md == NULL || t.h == NULL || t.rc == NULL ||
	    !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
		rc = ENOMEM;
	else if (fstat(t.dfd, &st) != 0)
		rc = errno;
	/* The root is renamed between builds (the output and the spare
	 * change places): its change time moves, its mtime does not. */
	if (rc == 0) {
		root[0] = (int64_t)st.st_ino;
		root[1] = (int64_t)st.st_mtim.tv_sec * 1000000000 +
		    st.st_mtim.tv_nsec;
		if (!EVP_DigestUpdate(md, root, sizeof(root)))
			rc = EIO;
	}
	/* 24k stat calls at 10k records: worth both cores. */
	if (rc == 0 && parts > 0)
		pool_run(parts, pool_default_threads(), stamp_part, &t);
	for (k = 0; rc == 0 && k < parts; k++) {
		rc = t.rc[k];
		if (rc == 0 && !EVP_DigestUpdate(md, t.h[k], CACHE_HASH))
			rc = EIO;
	}
	if (rc == 0 && !EVP_DigestFinal_ex(md, stamp, NULL))
		rc = EIO;
	if (t.dfd >= 0)
		close(t.dfd);
	EVP_MD_CTX_free(md);
	free(t.h);
	free(t.rc);
	return rc;
}
