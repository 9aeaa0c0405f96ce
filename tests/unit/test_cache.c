/*
 * cache: cache_set() changes one entry of a loaded cache (what serve does
 * after rendering a page again in place), and the saved file reads back
 * with the change; an entry that is not there is refused.
 */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
