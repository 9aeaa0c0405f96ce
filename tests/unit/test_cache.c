/*
 * cache: cache_set() changes one entry of a loaded cache (what serve does
 * after rendering a page again in place), and the saved file reads back
 * with the change; an entry that is not there is refused.
 *
 * cache_restamp_output(): after a build changed a tree as two caches say
 * (files written, added, removed), the stamp made by walking only what
 * changed is the stamp of a whole walk; and it does walk only that.
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
entry(struct cache *c, const char *path, int fp, int out)
{
	unsigned char f[CACHE_HASH], o[CACHE_HASH];

	memset(f, fp, sizeof(f));
	memset(o, out, sizeof(o));
	assert_int_equal(cache_add(c, path, fp ? f : NULL, out ? o : NULL, 1),
	    0);
}

static void
restamp(void **state)
{
	char dir[] = "/tmp/gongshi-test-restamp.XXXXXX";
	unsigned char before[CACHE_HASH], whole[CACHE_HASH], part[CACHE_HASH];
	struct tree_stamp *was = NULL;
	struct cache held, now;

	(void)state;
	memset(&held, 0, sizeof(held));
	memset(&now, 0, sizeof(now));
	assert_non_null(mkdtemp(dir));
	put(dir, ".gongshi", "marker");
	put(dir, "index.html", "home");
	put(dir, "rss.xml", "feed");
	put(dir, "notices/a/index.html", "a");
	put(dir, "notices/b/index.html", "b");
	put(dir, "notices/c/index.html", "c");
	put(dir, "notices/page/2/index.html", "list 2");
	put(dir, "tags/x/index.html", "x");
	put(dir, "assets/style.css", "css");
	entry(&held, "index.html", 1, 0);
	entry(&held, "rss.xml", 0, 2);
	entry(&held, "notices/a/index.html", 3, 0);
	entry(&held, "notices/b/index.html", 4, 0);
	entry(&held, "notices/c/index.html", 5, 0);
	entry(&held, "notices/page/2/index.html", 6, 0);
	entry(&held, "tags/x/index.html", 7, 0);
	entry(&held, "assets/style.css", 0, 0);
	cache_sort(&held);
	assert_int_equal(cache_stamp_output(dir, before, NULL, &was), 0);
	assert_non_null(was);

	/* The build: b rendered again, c gone, d new, the feed the same
	 * bytes (kept), the home page and the assets written, the marker
	 * written as every build does; tags/ untouched.  The times must
	 * move for the stamp to see a file written again. */
	usleep(20000);
	put(dir, ".gongshi", "marker");
	put(dir, "index.html", "home 2");
	put(dir, "notices/b/index.html", "b 2");
	gone(dir, "notices/c");
	put(dir, "notices/d/index.html", "d");
	put(dir, "assets/style.css", "css");
	entry(&now, "index.html", 11, 0);
	entry(&now, "rss.xml", 0, 2);
	entry(&now, "notices/a/index.html", 3, 0);
	entry(&now, "notices/b/index.html", 14, 0);
	entry(&now, "notices/d/index.html", 15, 0);
	entry(&now, "notices/page/2/index.html", 6, 0);
	entry(&now, "tags/x/index.html", 7, 0);
	entry(&now, "assets/style.css", 0, 0);
	cache_sort(&now);

	assert_int_equal(cache_stamp_output(dir, whole, NULL, NULL), 0);
	assert_memory_not_equal(whole, before, CACHE_HASH);
	assert_int_equal(cache_restamp_output(dir, was, &now, &held, part), 0);
	assert_memory_equal(part, whole, CACHE_HASH);

	/* What the caches say was kept is not looked at again: a change
	 * there by hand (which the next build's walk of the spare finds)
	 * does not reach this stamp, under a touched top-level directory or
	 * an untouched one. */
	put(dir, "notices/a/index.html", "a by hand");
	assert_int_equal(cache_restamp_output(dir, was, &now, &held, part), 0);
	assert_memory_equal(part, whole, CACHE_HASH);
	put(dir, "tags/x/index.html", "x by hand");
	assert_int_equal(cache_restamp_output(dir, was, &now, &held, part), 0);
	assert_memory_equal(part, whole, CACHE_HASH);
	assert_int_equal(cache_stamp_output(dir, whole, NULL, NULL), 0);
	assert_memory_not_equal(part, whole, CACHE_HASH);

	/* A stop asked for before the walk: ECANCELED. */
	{
		atomic_bool stop = true;

		assert_int_equal(cache_stamp_output(dir, part, &stop, NULL),
		    ECANCELED);
	}
	tree_stamp_free(was);
	cache_free(&held);
	cache_free(&now);
	assert_int_equal(rm_rf(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set),
		cmocka_unit_test(restamp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
