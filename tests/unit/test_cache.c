/*
 * cache: cache_set() changes one entry of a loaded cache (what serve does
 * after rendering a page again in place), and the saved file reads back
 * with the change; an entry that is not there is refused.
 *
 * cache_stamp_tree(): the stamp of a tree as its cache describes it does
 * not move when a build renames the tree or hard-links its files, and
 * does when a file is written, added (anywhere) or removed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <cmocka.h>

#include "cache.h"
#include "fsutil.h"

static void
set(void **state)
{
	char dir[] = "/tmp/gongshi-test-cache.XXXXXX", *path;
	unsigned char fp[CACHE_HASH], out[CACHE_HASH];
	struct cache c, back;
	const struct cache_entry *e;

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(&back, 0, sizeof(back));
	memset(fp, 0xab, sizeof(fp));
	memset(out, 0x5c, sizeof(out));
	assert_int_equal(cache_add(&c, "notices/b/index.html", fp, NULL, 10), 0);
	assert_int_equal(cache_add(&c, "notices/a/index.html", fp, NULL, 20), 0);
	assert_int_equal(cache_add(&c, "rss.xml", NULL, out, 30), 0);
	cache_sort(&c);

	fp[0] = 0x01;
	assert_int_equal(cache_set(&c, "notices/b/index.html", fp, NULL, 11), 0);
	assert_int_equal(cache_set(&c, "rss.xml", NULL, fp, 31), 0);
	assert_int_equal(cache_set(&c, "notices/c/index.html", fp, NULL, 1), -1);
	assert_int_equal(c.n, 3);

	assert_non_null(mkdtemp(dir));
	path = path_join(dir, "cache");
	assert_int_equal(cache_save(&c, path), 0);
	assert_int_equal(cache_load(&back, path), 0);
	assert_int_equal(back.n, 3);
	e = cache_find(&back, "notices/b/index.html");
	assert_non_null(e);
	assert_memory_equal(e->fp, fp, CACHE_HASH);
	assert_int_equal(e->size, 11);
	e = cache_find(&back, "notices/a/index.html");
	assert_non_null(e);
	assert_int_equal(e->fp[0], 0xab);
	assert_int_equal(e->size, 20);
	/* the bytes' hash replaced, no fingerprint left behind */
	e = cache_find(&back, "rss.xml");
	assert_non_null(e);
	assert_memory_equal(e->out, fp, CACHE_HASH);
	assert_int_equal(e->fp[0], 0);
	assert_int_equal(e->size, 31);
	cache_free(&c);
	cache_free(&back);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* Write `text` to `rel` under `root`, making its directories. */
static void
put(const char *root, const char *rel, const char *text)
{
	char *p = path_join(root, rel);

	assert_non_null(p);
	assert_int_equal(mkdir_parent(p), 0);
	assert_int_equal(write_file(p, text, strlen(text)), 0);
	free(p);
}

static void
gone(const char *root, const char *rel)
{
	char *p = path_join(root, rel);

	assert_non_null(p);
	assert_int_equal(rm_rf(p), 0);
	free(p);
}

static void
stamp_of(const struct cache *c, const char *dir, unsigned char h[CACHE_HASH])
{
	assert_int_equal(cache_stamp_tree(c, dir, h, NULL), 0);
}

static void
stamp_tree(void **state)
{
	char dir[] = "/tmp/gongshi-test-stamp.XXXXXX", *moved, *p, *q;
	unsigned char a[CACHE_HASH], b[CACHE_HASH];
	static const char *const files[] = {"index.html", "rss.xml",
	    "notices/a/index.html", "notices/b/index.html",
	    "notices/page/2/index.html", "tags/x/index.html", NULL};
	struct cache c;
	size_t i;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_non_null(mkdtemp(dir));
	for (i = 0; files[i] != NULL; i++) {
		put(dir, files[i], files[i]);
		assert_int_equal(cache_add(&c, files[i], NULL, NULL, 1), 0);
	}
	put(dir, ".gongshi", "marker");
	cache_sort(&c);
	stamp_of(&c, dir, a);
	stamp_of(&c, dir, b);
	assert_memory_equal(a, b, CACHE_HASH);

	/* What the builds themselves do to a tree they keep: rename its
	 * root (the output and the spare change places), hard-link its
	 * files into another tree. */
	usleep(20000);
	assert_int_equal(asprintf(&moved, "%s.moved", dir) > 0, 1);
	assert_int_equal(rename(dir, moved), 0);
	assert_int_equal(rename(moved, dir), 0);
	p = path_join(dir, "notices/a/index.html");
	assert_int_equal(asprintf(&q, "%s.link", dir) > 0, 1);
	assert_int_equal(link(p, q), 0);
	stamp_of(&c, dir, b);
	assert_memory_equal(a, b, CACHE_HASH);
	unlink(q);

	/* A file written again, a file added by hand (deep, or beside the
	 * root's files), a file removed: each changes the stamp or fails
	 * it. */
	put(dir, "notices/a/index.html", "notices/a/index.html");
	stamp_of(&c, dir, b);
	assert_memory_not_equal(a, b, CACHE_HASH);
	memcpy(a, b, CACHE_HASH);
	usleep(20000);
	put(dir, "tags/x/stray.html", "stray");
	stamp_of(&c, dir, b);
	assert_memory_not_equal(a, b, CACHE_HASH);
	memcpy(a, b, CACHE_HASH);
	usleep(20000);
	put(dir, "stray.html", "stray");
	stamp_of(&c, dir, b);
	assert_memory_not_equal(a, b, CACHE_HASH);
	gone(dir, "notices/b/index.html");
	assert_int_equal(cache_stamp_tree(&c, dir, b, NULL), ENOENT);

	/* A stop asked for before it was done. */
	{
		atomic_bool stop = true;

		assert_int_equal(cache_stamp_tree(&c, dir, b, &stop),
		    ECANCELED);
	}
	cache_free(&c);
	free(p);
	free(q);
	free(moved);
	assert_int_equal(rm_rf(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set),
		cmocka_unit_test(stamp_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
