/*
 * fsutil: the file system operations gongshi needs, with errors returned
 * as errno values (never printed here, never exiting).
 */
#ifndef GONGSHI_FSUTIL_H
#define GONGSHI_FSUTIL_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>

/* Read a whole regular file of at most `max` bytes into a new
 * NUL-terminated buffer (caller frees).  0, or an errno (EFBIG when the
 * file is larger than `max`, EISDIR when `path` is not a regular file:
 * a directory, a FIFO, a socket or a device, never waited on). */
int read_file(const char *path, size_t max, char **data, size_t *len);
/* read_file() of the file open at `fd` (from where it stands; fd stays
 * open). */
int read_fd(int fd, size_t max, char **data, size_t *len);
/* Create `path` and missing parents (mode 0755).  0 or errno. */
int mkdir_p(const char *path);
/* The names in the directory `d` just opened (nothing read from it yet)
 * but "." and "..", and only those `keep` accepts (NULL: all), sorted by
 * bytes.  The caller frees them with names_free().  0, or errno (nothing
 * to free then). */
int dir_names(DIR *d, bool (*keep)(const char *name), char ***names,
    size_t *n);
/* dir_names() of the directory open at `fd` (which stays open, and is
 * read from where it stands: a directory just opened, from its start),
 * read with getdents64() rather than through a DIR
 * stream, whose set-up costs two more system calls: the stamps walk 12k
 * directories at 10k records. */
int dir_names_fd(int fd, bool (*keep)(const char *name), char ***names,
    size_t *n);
void names_free(char **names, size_t n);
/* Whether the build passes over a file or directory of this name (in
 * content/, static/ and templates/assets/): hidden (".x"), or what
 * editors and office programs leave beside a file being edited ("#x#",
 * "x~", "~$x.xlsx", "x.swp", "x.swx", "x.tmp", vim's "4913").  serve's
 * watch ignores the same names, so what it rebuilds is what build
 * reads. */
bool ignored_name(const char *name);
/* Create the directory `path` goes into, and missing parents.  0 or
 * errno. */
int mkdir_parent(const char *path);
/* Write `len` bytes to `path` (created, or truncated and rewritten in
 * place, mode 0644), creating parent directories; a directory in its way
 * is removed, and a file with other hard links is replaced, not written
 * through.  0 or errno (ENOSPC, EDQUOT, EFBIG ...). */
int write_file(const char *path, const void *data, size_t len);
/* Replace `path` by a file of `len` bytes at once (written beside it
 * under a hidden name, then renamed over it): a reader sees the old file
 * or the new one, never a part, and other links to the old file keep
 * its bytes.  0 or errno. */
int replace_file(const char *path, const void *data, size_t len);
/* Copy a regular file.  0 or errno. */
int copy_file(const char *from, const char *to);
/* Remove a directory tree without following symlinks.  0 or errno. */
int rm_rf(const char *path);
bool is_dir(const char *path);
bool exists(const char *path);
/* `path` joined to `name` in a new string (caller frees), or NULL. */
char *path_join(const char *dir, const char *name);

#endif
