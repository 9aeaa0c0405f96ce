/*
 * fsutil: replace_file() puts a whole new file in place at once, through
 * a hidden file beside it, so that a reader (serve's HTTP threads) never
 * sees a part of it, and a hard link to the old file (the spare tree's)
 * keeps the old bytes.  ignored_name() tells the names the build passes
 * over (and serve's watch with it) from those it reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"

static char dir[] = "/tmp/gongshi-test-fsutil.XXXXXX";

static char *
slurp(const char *path)
{
	char *data = NULL;
	size_t len;

	assert_int_equal(read_file(path, 1 << 20, &data, &len), 0);
	return data;
}

static size_t
entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *de;
	size_t n = 0;

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static void
replace(void **state)
{
	char *page, *lnk, *sub, *got;
	struct stat before, after;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sub = path_join(dir, "notices");
	page = path_join(sub, "index.html");
	lnk = path_join(dir, "spare.html");
	assert_int_equal(write_file(page, "旧的页面", strlen("旧的页面")), 0);
	assert_int_equal(link(page, lnk), 0);
	assert_int_equal(stat(page, &before), 0);

	assert_int_equal(replace_file(page, "新的页面，更长一些",
	    strlen("新的页面，更长一些")), 0);
	got = slurp(page);
	assert_string_equal(got, "新的页面，更长一些");
	free(got);
	/* a new file: the other link keeps the old bytes */
	assert_int_equal(stat(page, &after), 0);
	assert_true(after.st_ino != before.st_ino);
	got = slurp(lnk);
	assert_string_equal(got, "旧的页面");
	free(got);
	/* nothing left beside it */
	assert_int_equal(entries(sub), 1);

	/* a file that was not there yet */
	free(page);
	page = path_join(sub, "rss.xml");
	assert_int_equal(replace_file(page, "<rss/>", 6), 0);
	got = slurp(page);
	assert_string_equal(got, "<rss/>");
	free(got);
	assert_int_equal(entries(sub), 2);

	/* where nothing can be written: an error */
	assert_int_not_equal(replace_file("/proc/gongshi-none/x.html", "x", 1),
	    0);
	free(page);
	free(lnk);
	free(sub);
	assert_int_equal(rm_rf(dir), 0);
}

static void
ignored(void **state)
{
	static const char *const yes[] = {".x.md", ".", "#x.md#", "#x.md",
	    "x.md~", "~$名单.xlsx", ".x.md.swp", "x.swp", "x.swx", "x.tmp",
	    "4913", ""};
	static const char *const no[] = {"x.md", "名单.xlsx", "a~b.md",
	    "x.md.bak", "49130", "14913", "x#", "$x", "~x.md", "swp", "tmp",
	    "x.tmpl"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (!ignored_name(yes[i]))
			fail_msg("\"%s\" is read", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (ignored_name(no[i]))
			fail_msg("\"%s\" is passed over", no[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replace),
		cmocka_unit_test(ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
