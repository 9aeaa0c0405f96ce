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

/* The output's top-level entries, each stamped on its own (in parallel),
 * then combined in name order. */
struct out_stamp {
	int dfd;
	char **names;
	unsigned char (*h)[CACHE_HASH];
	int *rc;
};

static void
stamp_top(void *ctx, size_t i, int worker)
{
	struct out_stamp *os = ctx;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	struct buf rel = BUF_INIT;

	(void)worker;
	buf_puts(&rel, os->names[i]);
	if (md == NULL || !EVP_DigestInit_ex(md, EVP_sha256(), NULL) ||
	    !buf_ok(&rel))
		os->rc[i] = ENOMEM;
	else
		os->rc[i] = stamp_name(md, os->dfd, os->names[i], &rel, 0);
	if (os->rc[i] == 0 && !EVP_DigestFinal_ex(md, os->h[i], NULL))
		os->rc[i] = EIO;
	EVP_MD_CTX_free(md);
	buf_free(&rel);
}

int
cache_stamp_output(const char *out, unsigned char stamp[CACHE_HASH])
{
	struct out_stamp os = {-1, NULL, NULL, NULL};
	EVP_MD_CTX *md = NULL;
	DIR *d;
	size_t n = 0, i;
	int rc;

	d = opendir(out);
	if (d == NULL)
		return errno == ENOENT ? 0 : errno;
	os.dfd = dirfd(d);
	rc = dir_names(d, NULL, &os.names, &n);
	if (rc == 0) {
		os.h = calloc(n ? n : 1, sizeof(*os.h));
		os.rc = calloc(n ? n : 1, sizeof(*os.rc));
		md = EVP_MD_CTX_new();
		if (os.h == NULL || os.rc == NULL || md == NULL ||
		    !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
			rc = ENOMEM;
	}
	/* 24k entries at 10k records, nearly all of them system calls:
	 * worth both cores. */
	if (rc == 0)
		pool_run(n, pool_default_threads(), stamp_top, &os);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = os.rc[i];
		if (rc == 0 && !EVP_DigestUpdate(md, os.h[i], CACHE_HASH))
			rc = EIO;
	}
	if (rc == 0 && !EVP_DigestFinal_ex(md, stamp, NULL))
		rc = EIO;
	EVP_MD_CTX_free(md);
	free(os.h);
	free(os.rc);
	names_free(os.names, n);
	closedir(d);
	return rc;
}
