#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "fsutil.h"

/* "（磁盘空间不足）" after a write error that means the disk (or the
 * quota, or the file size limit) is full, else "": the words render.c
 * uses for the pages. */
static const char *
space_hint(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG ? "（磁盘空间不足）" : "";
}

/* Real path of `p`, which may not exist yet: its parent must. */
static bool
resolve(const char *p, char *out)
{
	char parent[PATH_MAX], *copy, *slash, *base;
	bool ok = false;

	if (realpath(p, out) != NULL)
		return true;
	copy = strdup(p);
	if (copy == NULL)
		return false;
	slash = strrchr(copy, '/');
	if (slash == NULL) {
		base = copy;
		if (getcwd(parent, sizeof(parent)) == NULL)
			goto out;
	} else {
		*slash = '\0';
		base = slash + 1;
		if (realpath(copy[0] ? copy : "/", parent) == NULL)
			goto out;
	}
	ok = snprintf(out, PATH_MAX, "%s/%s", strcmp(parent, "/") ? parent :
	    "", base) < PATH_MAX;
out:
	free(copy);
	return ok;
}

/* Is `a` equal to `b` or below it? */
static bool
under(const char *a, const char *b)
{
	size_t n = strlen(b);

	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/' ||
	    (n == 1 && b[0] == '/'));
}

static bool
dir_empty(const char *p)
{
	DIR *d = opendir(p);
	struct dirent *e;
	bool empty = true;

	if (d == NULL)
		return false;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

/* Sibling path of OUT: <parent>/.<base><suffix> */
static char *
sibling(const char *out, const char *suffix)
{
	const char *slash = strrchr(out, '/');
	size_t plen = slash ? (size_t)(slash - out + 1) : 0;
	const char *base = out + plen;
	char *p = malloc(strlen(out) + strlen(suffix) + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, out, plen);
	sprintf(p + plen, ".%s%s", base, suffix);
	return p;
}

/* Call fn(path, ctx) for every leftover of a killed build beside OUT
 * (".<out><kind>*", kind ".staging-" for instance) but `skip` (a path, or
 * NULL), until fn returns true; returns how many there were (when fn is
 * NULL) or were seen. */
static size_t
each_leftover(const char *out, const char *kind, const char *skip,
    bool (*fn)(const char *path, void *ctx), void *ctx)
{
	const char *skip_base = skip ? strrchr(skip, '/') : NULL;
	char *prefix = sibling(out, kind), *dir, *slash, *full;
	const char *pbase;
	DIR *d;
	struct dirent *e;
	size_t n, found = 0;
	bool stop = false;

	if (prefix == NULL)
		return 0;
	slash = strrchr(prefix, '/');
	dir = slash ? strndup(prefix, (size_t)(slash - prefix)) : strdup(".");
	pbase = slash ? slash + 1 : prefix;
	n = strlen(pbase);
	if (dir != NULL && (d = opendir(dir)) != NULL) {
		while (!stop && (e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, pbase, n) != 0 ||
			    (skip != NULL && strcmp(e->d_name, skip_base ?
			    skip_base + 1 : skip) == 0))
				continue;
			found++;
			if (fn == NULL)
				continue;
			full = path_join(dir, e->d_name);
			stop = full != NULL && fn(full, ctx);
			free(full);
		}
		closedir(d);
	}
	free(dir);
	free(prefix);
	return found;
}

static bool
remove_one(const char *path, void *ctx)
{
	(void)ctx;
	rm_rf(path);
	return false;
}

/* The temporary files of the cache and of the memo of the records. */
static const char *const temps[] = {".cache.tmp-", ".spare.cache.tmp-",
    ".memo.tmp-", NULL};

struct dead {
	bool remove;
	size_t n;
};

/* A temporary file "<file>.tmp-PID" whose process is gone: a build killed
 * while writing its cache or its memo of the records (19 MB at 10k
 * records) left it; one still being written is not touched.  Counted,
 * and removed when ctx's `remove`. */
static bool
dead_temp(const char *path, void *ctx)
{
	struct dead *d = ctx;
	const char *dash = strrchr(path, '-');
	char *end;
	long pid = dash ? strtol(dash + 1, &end, 10) : 0;

	if (pid > 0 && *end == '\0' && pid != (long)getpid() &&
	    kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
		d->n++;
		if (d->remove)
			unlink(path);
	}
	return false;
}

/* How many temporary files of dead builds are beside OUT; removed when
 * `remove`. */
static size_t
dead_temps(const char *out, bool remove)
{
	struct dead d = {remove, 0};
	size_t i;

	for (i = 0; temps[i] != NULL; i++)
		each_leftover(out, temps[i], NULL, dead_temp, &d);
	return d.n;
}

bool
output_leftovers(const char *out)
{
	return each_leftover(out, ".staging-", NULL, NULL, NULL) > 0 ||
	    dead_temps(out, false) > 0;
}

int
output_begin(struct output *o, const char *site_dir, const char *out,
    const struct cache *held, bool trusted, struct diags *dg)
{
	char site_real[PATH_MAX], out_real[PATH_MAX], sub[PATH_MAX + 16];
	static const char *const sources[] = {"content", "templates", "static",
	    NULL};
	struct stat st;
	char suffix[64];
	size_t i, n;
	int e;

	memset(o, 0, sizeof(*o));
	o->lock_fd = -1;
	n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	o->out = strndup(out, n);
	if (o->out == NULL)
		return -3;
	if (realpath(site_dir, site_real) == NULL ||
	    !resolve(o->out, out_real)) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "输出目录“%s”的上级目录不存在",
		    out);
		return -1;
	}
	if (lstat(o->out, &st) == 0 && S_ISLNK(st.st_mode)) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0,
		    "输出目录“%s”是符号链接，已拒绝：请直接指定真实目录", out);
		return -1;
	}
	if (under(site_real, out_real)) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0,
		    "输出目录“%s”是站点目录本身或其上级，已拒绝（会覆盖源文件）",
		    out);
		return -1;
	}
	for (i = 0; sources[i]; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", site_real, sources[i]);
		if (under(out_real, sub)) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0,
			    "输出目录“%s”在站点的 %s/ 目录里，已拒绝", out,
			    sources[i]);
			return -1;
		}
	}
	if (lstat(o->out, &st) == 0) {
		char *marker = path_join(o->out, OUTPUT_MARKER);
		bool ours = marker && exists(marker);

		free(marker);
		if (!S_ISDIR(st.st_mode)) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0,
			    "输出路径“%s”已存在且不是目录", out);
			return -1;
		}
		if (!ours && !dir_empty(o->out)) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0,
			    "输出目录“%s”不是空目录，也不是 gongshi 生成的，为免误删，已拒绝",
			    out);
			return -1;
		}
	}

	o->lockp = sibling(o->out, ".lock");
	if (o->lockp == NULL)
		return -3;
	o->lock_fd = open(o->lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (o->lock_fd < 0 || flock(o->lock_fd, LOCK_EX) != 0) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "无法锁定 %s：%s", o->lockp,
		    strerror(errno));
		return -3;
	}
	/* Where rename(2) cannot exchange two directories, output_commit()
	 * moves OUT aside to .OUT.old before it renames the staging tree;
	 * a build killed between the two left no OUT.  The previous site
	 * is put back before anything else. */
	{
		char *old = sibling(o->out, ".old");
		char *marker = old ? path_join(old, OUTPUT_MARKER) : NULL;

		if (marker != NULL && lstat(o->out, &st) != 0 &&
		    errno == ENOENT && exists(marker))
			rename(old, o->out);
		free(marker);
		free(old);
	}
	snprintf(suffix, sizeof(suffix), ".staging-%ld", (long)getpid());
	o->staging = sibling(o->out, suffix);
	o->spare = sibling(o->out, ".spare");
	if (o->staging == NULL || o->spare == NULL)
		return -3;
	/*
	 * The tree being built is the output before the current one (the
	 * spare), recycled: its files are rewritten in place and its
	 * directories are already there, so a build allocates almost no new
	 * inodes and deletes no tree.  Only a spare that is, to the last
	 * inode and mtime, what its cache describes: anything else (a killed
	 * or failed build's tree, a hand-edited one) is removed, like the
	 * staging trees killed builds left.
	 */
	if (lstat(o->spare, &st) == 0) {
		unsigned char stamp[CACHE_HASH];
		char *marker = path_join(o->spare, OUTPUT_MARKER);

		if (held != NULL && held->n > 0 && S_ISDIR(st.st_mode) &&
		    (trusted || (cache_stamp_tree(held, o->spare, stamp,
		    NULL) == 0 &&
		    memcmp(stamp, held->outstamp, CACHE_HASH) == 0)) &&
		    rename(o->spare, o->staging) == 0)
			o->recycled = true;
		else if (S_ISDIR(st.st_mode) && marker != NULL &&
		    exists(marker))
			rm_rf(o->spare); /* never what gongshi did not write */
		free(marker);
	}
	each_leftover(o->out, ".staging-", o->staging, remove_one, NULL);
	(void)dead_temps(o->out, true);
	if (!o->recycled && mkdir(o->staging, 0755) != 0) {
		e = errno;
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "无法创建临时目录 %s：%s%s",
		    o->staging, strerror(e), space_hint(e));
		free(o->staging);
		o->staging = NULL;
		return -3;
	}
	{
		char *marker = path_join(o->staging, OUTPUT_MARKER);
		static const char text[] =
		    "This directory is written by gongshi; a build replaces it whole.\n";

		e = marker ? write_file(marker, text, sizeof(text) - 1) : ENOMEM;
		free(marker);
		if (e != 0) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0, "无法写入输出目录：%s%s",
			    strerror(e), space_hint(e));
			return -3;
		}
	}
	return 0;
}

static int
hash_hex(const char *data, size_t len, char *out, size_t nhex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t i;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL))
		return -1;
	for (i = 0; i < nhex / 2 && i < mdlen; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[2 * i] = '\0';
	return 0;
}

static bool
not_ignored(const char *name)
{
	return !ignored_name(name);
}

int
output_assets(struct output *o, struct site *s, struct diags *dg,
    size_t *nfiles, struct cache *now)
{
	struct arena *a = &s->arena;
	struct gv *assets = gv_map(a);
	char *dir = NULL, **names = NULL, hex[17], fname[512], key[256];
	size_t n = 0, i, len;
	DIR *d;
	int rc = 0, err;

	dir = path_join(s->dir, "templates/assets");
	if (dir == NULL || assets == NULL) {
		free(dir);
		return -3;
	}
	d = opendir(dir);
	if (d != NULL) {
		if (dir_names(d, not_ignored, &names, &n) != 0) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
			rc = -3;
		}
		closedir(d);
	}
	for (i = 0; i < n && rc == 0; i++) {
		char *src = path_join(dir, names[i]), *data = NULL, *dst, *dot;

		err = src ? read_file(src, 8u << 20, &data, &len) : ENOMEM;
		free(src);
		if (err == EISDIR)
			continue;
		if (err != 0 || hash_hex(data, len, hex, 10) != 0) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0,
			    "无法读取 templates/assets/%s：%s", names[i],
			    strerror(err ? err : EIO));
			free(data);
			rc = -3;
			break;
		}
		dot = strrchr(names[i], '.');
		if (dot != NULL)
			snprintf(fname, sizeof(fname), "assets/%.*s.%s%s",
			    (int)(dot - names[i]), names[i], hex, dot);
		else
			snprintf(fname, sizeof(fname), "assets/%s.%s", names[i],
			    hex);
		dst = path_join(o->staging, fname);
		err = dst ? write_file(dst, data, len) : ENOMEM;
		free(dst);
		free(data);
		if (err != 0) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0, "无法写入 %s：%s%s",
			    fname, strerror(err), space_hint(err));
			rc = -3;
			break;
		}
		snprintf(key, sizeof(key), "%s", names[i]);
		for (char *k = key; *k; k++)
			if (*k == '.' || *k == '-')
				*k = '_';
		gv_set(a, assets, arena_strdup(a, key), gv_url(a, fname));
		if (cache_add(now, fname, NULL, NULL, (uint64_t)len) != 0) {
			rc = -3;
			break;
		}
		(*nfiles)++;
	}
	names_free(names, n);
	free(dir);
	gv_set(a, s->v, "assets", assets);
	if (a->oom)
		rc = -3;
	return rc;
}

/* The real paths of the directories being copied, innermost first. */
struct chain {
	const char *real;
	const struct chain *up;
};

#define COPY_MAX_DEPTH 32

/* Copy directory `from` (site-relative `rel`, real path `chain->real`)
 * into `to`. */
static int
copy_tree(const char *from, const char *to, const char *rel,
    const char *site_real, struct diags *dg, size_t *nfiles, int depth,
    const struct chain *chain, const struct cache *made, struct cache *now)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char real[PATH_MAX];
	const struct chain *c;
	struct chain next;
	int rc = 0, err, sub;

	d = opendir(from);
	if (d == NULL)
		return errno == ENOENT ? 0 : -3;
	/* A refused file (-1) does not stop the walk, so every one is
	 * reported in the same run; a system error (-3) does. */
	while ((e = readdir(d)) != NULL && rc != -3) {
		char *src, *dst, *r2;

		if (ignored_name(e->d_name))
			continue;
		src = path_join(from, e->d_name);
		dst = path_join(to, e->d_name);
		r2 = path_join(rel, e->d_name);
		if (src == NULL || dst == NULL || r2 == NULL) {
			rc = -3;
		} else if (lstat(src, &st) != 0) {
			rc = -3;
		} else if (S_ISLNK(st.st_mode) && (realpath(src, real) == NULL ||
		    !under(real, site_real))) {
			diag_add(dg, DIAG_ERROR, r2, 0, 0,
			    "指向站点目录以外的符号链接，已拒绝");
			rc = -1;
		} else if (stat(src, &st) == 0 && S_ISDIR(st.st_mode)) {
			/* A link back to a directory being copied would copy
			 * it into itself without end (two such links: 2^n). */
			if (realpath(src, real) == NULL) {
				rc = -3;
				goto next;
			}
			for (c = chain; c != NULL; c = c->up)
				if (strcmp(real, c->real) == 0)
					break;
			if (c != NULL) {
				diag_add(dg, DIAG_ERROR, r2, 0, 0,
				    "经符号链接又回到了上级目录，形成循环，已拒绝");
				rc = -1;
			} else if (depth >= COPY_MAX_DEPTH) {
				diag_add(dg, DIAG_ERROR, r2, 0, 0,
				    "目录层级超过 %d 层，已拒绝", COPY_MAX_DEPTH);
				rc = -1;
			} else {
				next.real = real;
				next.up = chain;
				sub = copy_tree(src, dst, r2, site_real, dg,
				    nfiles, depth + 1, &next, made, now);
				if (sub != 0 && rc != -3)
					rc = sub;
			}
		} else if (!S_ISREG(st.st_mode)) {
			/* A FIFO would block the copy for ever. */
			diag_add(dg, DIAG_ERROR, r2, 0, 0,
			    "不是普通文件（而是管道、设备或套接字），已拒绝");
			rc = -1;
		} else if (cache_find(made, r2 + strlen("static/")) != NULL) {
			diag_add(dg, DIAG_ERROR, r2, 0, 0,
			    "与 gongshi 生成的文件同名，请改名");
			rc = -1;
		} else if ((err = copy_file(src, dst)) != 0) {
			diag_add(dg, DIAG_ERROR, r2, 0, 0, "无法复制：%s%s",
			    strerror(err), space_hint(err));
			rc = -3;
		} else if (now != NULL && cache_add(now, r2 + strlen("static/"),
		    NULL, NULL, (uint64_t)st.st_size) != 0) {
			rc = -3;
		} else {
			(*nfiles)++;
		}
next:
		free(src);
		free(dst);
		free(r2);
	}
	closedir(d);
	return rc;
}

int
output_static(struct output *o, const struct site *s, struct diags *dg,
    size_t *nfiles, struct cache *now)
{
	char site_real[PATH_MAX], static_real[PATH_MAX], *from;
	struct chain top = {static_real, NULL};
	struct cache statics;
	size_t i;
	int rc;

	memset(&statics, 0, sizeof(statics));
	cache_sort(now);
	if (realpath(s->dir, site_real) == NULL)
		return -3;
	from = path_join(s->dir, "static");
	if (from == NULL)
		return -3;
	if (realpath(from, static_real) == NULL) {
		rc = errno == ENOENT ? 0 : -3;
		free(from);
		return rc;
	}
	/* What gongshi made may not be shadowed; the copies join `now`
	 * after the walk, which looks names up in it. */
	rc = copy_tree(from, o->staging, "static", site_real, dg, nfiles, 0,
	    &top, now, &statics);
	for (i = 0; rc == 0 && i < statics.n; i++)
		if (cache_add(now, statics.v[i].path, NULL, NULL,
		    statics.v[i].size) != 0)
			rc = -3;
	cache_free(&statics);
	free(from);
	return rc;
}

/* After a commit, the previous output (at o->staging) becomes the spare;
 * if it cannot, it is removed. */
static void
keep_spare(struct output *o)
{
	if (o->staging == NULL)
		return;
	if (rename(o->staging, o->spare) != 0)
		rm_rf(o->staging);
	free(o->staging);
	o->staging = NULL;
	o->committed = true;
}

int
output_commit(struct output *o, struct diags *dg)
{
	char *old;
	int e;

	if (!exists(o->out)) {
		if (rename(o->staging, o->out) != 0)
			goto fail;
		free(o->staging);
		o->staging = NULL;
		return 0;
	}
	/* Both exist: swap them in one step; the old tree is kept as the
	 * spare the next build recycles. */
	if (renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->out,
	    RENAME_EXCHANGE) == 0) {
		keep_spare(o);
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS)
		goto fail;
	old = sibling(o->out, ".old");
	if (old == NULL)
		goto fail;
	rm_rf(old);
	if (rename(o->out, old) != 0) {
		free(old);
		goto fail;
	}
	if (rename(o->staging, o->out) != 0) {
		e = errno;
		rename(old, o->out);
		free(old);
		errno = e;
		goto fail;
	}
	free(o->staging);
	o->staging = old;
	keep_spare(o);
	return 0;
fail:
	diag_add(dg, DIAG_ERROR, NULL, 0, 0, "无法替换输出目录 %s：%s%s",
	    o->out, strerror(errno), space_hint(errno));
	return -3;
}

/* Hard-link every file under `from` into the new directory `to`, the
 * directories made anew.  0 or errno. */
static int
link_tree(const char *from, const char *to)
{
	DIR *d;
	char **names = NULL, *f = NULL, *t = NULL;
	size_t n = 0, i;
	struct stat st;
	int rc;

	if (mkdir(to, 0755) != 0)
		return errno;
	if ((d = opendir(from)) == NULL)
		return errno;
	rc = dir_names(d, NULL, &names, &n);
	closedir(d);
	for (i = 0; rc == 0 && i < n; i++) {
		f = path_join(from, names[i]);
		t = path_join(to, names[i]);
		if (f == NULL || t == NULL)
			rc = ENOMEM;
		else if (lstat(f, &st) != 0)
			rc = errno;
		else if (S_ISDIR(st.st_mode))
			rc = link_tree(f, t);
		else if (link(f, t) != 0)
			rc = errno;
		free(f);
		free(t);
	}
	if (names != NULL)
		names_free(names, n);
	return rc;
}

int
output_link_spare(const char *out)
{
	char *spare = sibling(out, ".spare"), *tmp = sibling(out, ".spare-new");
	char *cache = cache_path(out, "cache");
	char *scache = cache_path(out, "spare.cache");
	int rc = 0;

	if (spare == NULL || tmp == NULL || cache == NULL || scache == NULL) {
		rc = ENOMEM;
		goto out;
	}
	if (exists(spare) || !exists(cache))
		goto out;
	rm_rf(tmp);
	rc = link_tree(out, tmp);
	/* The tree first, then its cache: a cache never describes a tree
	 * that is not all there. */
	if (rc == 0 && rename(tmp, spare) != 0)
		rc = errno;
	if (rc == 0)
		rc = copy_file(cache, scache);
	if (rc != 0) {
		rm_rf(tmp);
		unlink(scache);
		rm_rf(spare);
	}
out:
	free(spare);
	free(tmp);
	free(cache);
	free(scache);
	return rc;
}

void
output_end(struct output *o)
{
	/* A failed build's tree is partly written: nothing can vouch for
	 * it (a recycled spare's cache is gone), so it goes. */
	if (o->staging != NULL)
		rm_rf(o->staging);
	free(o->spare);
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	free(o->staging);
	free(o->lockp);
	free(o->out);
	memset(o, 0, sizeof(*o));
	o->lock_fd = -1;
}

/* Remove `rel`'s file from the tree, then its directories while empty. */
static void
remove_with_parents(const char *root, const char *rel)
{
	char *full = path_join(root, rel), *slash;

	if (full == NULL)
		return;
	if (unlink(full) != 0 && errno == EISDIR)
		rm_rf(full);
	while ((slash = strrchr(full, '/')) != NULL &&
	    (size_t)(slash - full) > strlen(root)) {
		*slash = '\0';
		if (rmdir(full) != 0)
			break;
	}
	free(full);
}

void
output_prune(struct output *o, struct cache *now, const struct cache *held)
{
	size_t i;

	if (!o->recycled)
		return;
	cache_sort(now);
	for (i = 0; i < held->n; i++)
		if (cache_find(now, held->v[i].path) == NULL)
			remove_with_parents(o->staging, held->v[i].path);
}
