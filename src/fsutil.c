#include "fsutil.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
read_file(const char *path, size_t max, char **data, size_t *len)
{
	int fd, rc;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	 * writer, for ever.  It changes nothing for a regular file. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno;
	rc = read_fd(fd, max, data, len);
	close(fd);
	return rc;
}

int
read_fd(int fd, size_t max, char **data, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t off = 0;
	ssize_t n;
	int rc = 0;

	*data = NULL;
	*len = 0;
	if (fstat(fd, &st) != 0) {
		rc = errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = EISDIR;
		goto out;
	}
	if ((size_t)st.st_size > max) {
		rc = EFBIG;
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		rc = ENOMEM;
		goto out;
	}
	while (off < (size_t)st.st_size) {
		n = read(fd, buf + off, (size_t)st.st_size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = errno;
			goto out;
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	buf[off] = '\0';
	*data = buf;
	*len = off;
	buf = NULL;
out:
	free(buf);
	return rc;
}

int
mkdir_p(const char *path)
{
	char *p, *slash;
	int rc;

	/* The parent usually exists: one mkdir() then, not one per part
	 * of the path (pages are written into a directory each). */
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return errno;
	p = strdup(path);
	if (p == NULL)
		return ENOMEM;
	slash = strrchr(p, '/');
	while (slash != NULL && slash > p && slash[-1] == '/')
		slash--;
	if (slash == NULL || slash == p) {
		free(p);
		return ENOENT;
	}
	*slash = '\0';
	rc = mkdir_p(p);
	free(p);
	if (rc == 0 && mkdir(path, 0755) != 0 && errno != EEXIST)
		rc = errno;
	return rc;
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append a copy of `name` to v[0..*cnt) (capacity *cap).  0 or ENOMEM. */
static int
add_name(char ***v, size_t *cnt, size_t *cap, const char *name)
{
	char **nv;

	if (*cnt == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		nv = realloc(*v, *cap * sizeof(**v));
		if (nv == NULL)
			return ENOMEM;
		*v = nv;
	}
	if (((*v)[*cnt] = strdup(name)) == NULL)
		return ENOMEM;
	(*cnt)++;
	return 0;
}

int
dir_names(DIR *d, bool (*keep)(const char *name), char ***names,
    size_t *n)
{
	/* Nothing was read from `d` yet: its descriptor is at the start. */
	return dir_names_fd(dirfd(d), keep, names, n);
}

int
dir_names_fd(int fd, bool (*keep)(const char *name), char ***names,
    size_t *n)
{
	/* Aligned for the records getdents64() writes. */
	union {
		struct dirent64 d;
		char b[16384];
	} u;
	char **v = NULL;
	size_t cnt = 0, cap = 0, at;
	ssize_t got;
	int rc = 0;

	*names = NULL;
	*n = 0;
	while (rc == 0 && (got = getdents64(fd, u.b, sizeof(u.b))) != 0) {
		if (got < 0) {
			rc = errno;
			break;
		}
		for (at = 0; rc == 0 && at < (size_t)got;) {
			struct dirent64 *e = (struct dirent64 *)(void *)(u.b + at);

			at += e->d_reclen;
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0 ||
			    (keep != NULL && !keep(e->d_name)))
				continue;
			rc = add_name(&v, &cnt, &cap, e->d_name);
		}
	}
	if (rc != 0) {
		names_free(v, cnt);
		return rc;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof(*v), cmp_names);
	*names = v;
	*n = cnt;
	return 0;
}

bool
ignored_name(const char *name)
{
	static const char *const ends[] = {"~", ".swp", ".swx", ".tmp"};
	size_t n = strlen(name), i, l;

	if (n == 0 || name[0] == '.' || name[0] == '#' ||
	    strncmp(name, "~$", 2) == 0 || strcmp(name, "4913") == 0)
		return true;
	for (i = 0; i < sizeof(ends) / sizeof(*ends); i++) {
		l = strlen(ends[i]);
		if (n >= l && strcmp(name + n - l, ends[i]) == 0)
			return true;
	}
	return false;
}

void
names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
mkdir_parent(const char *path)
{
	char *dir = strdup(path), *slash;
	int rc = 0;

	if (dir == NULL)
		return ENOMEM;
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		rc = mkdir_p(dir);
	}
	free(dir);
	return rc;
}

/* A new file at `path`, its directory made when missing: a descriptor,
 * or -1 with errno set (EEXIST: there is something there). */
static int
create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	int e;

	if (fd < 0 && errno == ENOENT) {
		if ((e = mkdir_parent(path)) != 0) {
			errno = e;
			return -1;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	return fd;
}

int
write_file(const char *path, const void *data, size_t len)
{
	struct stat st;
	bool in_place = false;
	int fd, rc;

	fd = create(path);
	if (fd < 0 && errno == EEXIST) {
		/* An older file (a recycled tree) is rewritten in place,
		 * without O_TRUNC: it keeps its blocks (freeing and allocating
		 * them again is what costs, with discard mounts all the more).
		 * Never through a hard link into another file's bytes, though,
		 * and a directory in the way goes. */
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &st) == 0 && st.st_nlink == 1) {
			in_place = true;
		} else if (fd >= 0 || errno == EISDIR) {
			if (fd >= 0)
				close(fd);
			rc = fd < 0 ? rm_rf(path) :
			    unlink(path) != 0 ? errno : 0;
			if (rc != 0)
				return rc;
			fd = create(path);
		}
	}
	if (fd < 0)
		return errno;
	rc = write_all(fd, data, len);
	if (rc == 0 && in_place && ftruncate(fd, (off_t)len) != 0)
		rc = errno;
	if (close(fd) != 0 && rc == 0)
		rc = errno;
	return rc;
}

int
replace_file(const char *path, const void *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = malloc(strlen(path) + 40);
	int rc;

	if (tmp == NULL)
		return ENOMEM;
	/* Hidden, beside it: the rename stays in one directory. */
	sprintf(tmp, "%.*s.%s.new-%ld", (int)dlen, path, path + dlen,
	    (long)getpid());
	unlink(tmp);
	rc = write_file(tmp, data, len);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = errno;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	int rc;

	rc = read_file(from, (size_t)1 << 30, &data, &len);
	if (rc != 0)
		return rc;
	rc = write_file(to, data, len);
	free(data);
	return rc;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) != 0 ? errno : 0;
	return unlink(path) != 0 ? errno : 0;
}

int
rm_rf(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : errno;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) != 0 ? errno : 0;
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

char *
path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}
