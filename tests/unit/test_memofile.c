/*
 * memofile: a record written by one build reads back whole (values with
 * their kinds and positions, the record's own fields, the diagnostics),
 * but only while its file is the one that was read, in the same context,
 * from a file that is whole; an entry for a file changed just before it
 * was read is never written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "gv.h"
#include "memofile.h"

struct fx {
	char dir[64];
	char *path;
	unsigned char ctx[32];
	struct arena a;
	struct record r;
	struct diags dg;
	struct stat st;
	struct timespec read_at; /* long after st's times */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct gv *v, *list, *row;

	if (f == NULL)
		return -1;
	strcpy(f->dir, "/tmp/gongshi-test-memofile.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = path_join(f->dir, ".public.memo");
	memset(f->ctx, 0x42, sizeof(f->ctx));
	v = gv_map(&f->a);
	gv_set_str(&f->a, v, "title", "关于暂停供水的通知");
	v->line = 2;
	v->col = 1;
	gv_set_int(&f->a, v, "date", GV_DATE, 20780);
	gv_set_int(&f->a, v, "amount", GV_MONEY, -123456);
	gv_set_bool(&f->a, v, "pinned", true);
	gv_set(&f->a, v, "cover", gv_url(&f->a, "images/a.jpg"));
	gv_set(&f->a, v, "summary_html", gv_html(&f->a, "<p>一</p>"));
	gv_set(&f->a, v, "none", gv_new(&f->a, GV_NULL));
	list = gv_list(&f->a);
	row = gv_map(&f->a);
	gv_set_str(&f->a, row, "item", "水泵维修");
	gv_get(row, "item")->line = 9;
	gv_get(row, "item")->col = 7;
	gv_push(&f->a, list, row);
	gv_push(&f->a, list, gv_list(&f->a));
	gv_set(&f->a, v, "rows", list);
	assert_false(f->a.oom);
	f->r.v = v;
	f->r.slug = "water-cut";
	f->r.title = gv_get_str(v, "title");
	f->r.type = RT_NOTICE;
	f->r.date = 20780;
	f->r.modified = 20781;
	f->r.pinned = true;
	f->r.body_off = 321;
	f->r.body_len = 1234;
	f->r.body_line = 12;
	f->r.fm_line = 2;
	memset(f->r.hash, 0x77, sizeof(f->r.hash));
	diags_init(&f->dg);
	diag_add(&f->dg, DIAG_WARNING, "content/notices/a.md", 3, 5,
	    "摘要 summary：超过 120 字");
	diag_add(&f->dg, DIAG_ERROR, NULL, 0, 0, "整站的问题");
	memset(&f->st, 0, sizeof(f->st));
	f->st.st_mode = S_IFREG | 0644;
	f->st.st_dev = 8;
	f->st.st_ino = 1234567;
	f->st.st_size = 1555;
	f->st.st_mtim.tv_sec = 1700000000;
	f->st.st_mtim.tv_nsec = 5;
	f->st.st_ctim.tv_sec = 1700000001;
	f->st.st_ctim.tv_nsec = 6;
	f->read_at.tv_sec = 1700000100;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f->path);
	arena_free(&f->a);
	diags_free(&f->dg);
	free(f);
	return 0;
}

/* Write the fixture's record as content/notices/a.md (and a draft that
 * loaded to nothing as b.md) on two workers. */
static void
write_memo(struct fx *f)
{
	struct memofile_writer *w = memofile_create(f->path, f->ctx, 2);
	struct record none;
	struct diags empty;

	assert_non_null(w);
	memset(&none, 0, sizeof(none));
	diags_init(&empty);
	memofile_add(w, 0, "content/notices/a.md", &f->st, &f->read_at, &f->r,
	    -1, &f->dg);
	memofile_add(w, 1, "content/notices/b.md", &f->st, &f->read_at, &none,
	    0, &empty);
	assert_int_equal(memofile_commit(w), 0);
	diags_free(&empty);
}

static void
round_trip(void **state)
{
	struct fx *f = *state;
	struct memofile *m;
	struct arena a = ARENA_INIT;
	struct record r;
	struct diags dg;
	int rc = 99;

	write_memo(f);
	m = memofile_open(f->path, f->ctx, 2);
	assert_non_null(m);
	diags_init(&dg);
	assert_true(memofile_take(m, "content/notices/a.md", &f->st, &a, &r,
	    &rc, &dg));
	assert_int_equal(rc, -1);
	/* the values, kinds, positions and key order included */
	assert_true(gv_equal(r.v, f->r.v));
	assert_string_equal(r.title, "关于暂停供水的通知");
	assert_string_equal(r.slug, "water-cut");
	assert_null(r.path);
	assert_int_equal(r.type, RT_NOTICE);
	assert_int_equal(r.date, 20780);
	assert_int_equal(r.modified, 20781);
	assert_true(r.pinned);
	assert_false(r.draft);
	assert_int_equal(r.body_off, 321);
	assert_int_equal(r.body_len, 1234);
	assert_int_equal(r.body_line, 12);
	assert_int_equal(r.fm_line, 2);
	assert_memory_equal(r.hash, f->r.hash, sizeof(r.hash));
	assert_true(diags_equal(&dg, &f->dg));
	assert_int_equal(dg.errors, 1);
	assert_int_equal(dg.warnings, 1);
	diags_free(&dg);

	/* a draft skipped: a result without a record */
	diags_init(&dg);
	rc = 99;
	assert_true(memofile_take(m, "content/notices/b.md", &f->st, &a, &r,
	    &rc, &dg));
	assert_int_equal(rc, 0);
	assert_null(r.v);
	assert_int_equal(dg.n, 0);

	/* no entry */
	assert_false(memofile_take(m, "content/notices/c.md", &f->st, &a, &r,
	    &rc, &dg));
	diags_free(&dg);
	memofile_close(m);
	arena_free(&a);
}

/* Any change to the file's identity: not taken. */
static void
identity(void **state)
{
	struct fx *f = *state;
	struct memofile *m;
	struct arena a = ARENA_INIT;
	struct record r;
	struct diags dg;
	struct stat st;
	int rc, k;

	write_memo(f);
	m = memofile_open(f->path, f->ctx, 2);
	assert_non_null(m);
	diags_init(&dg);
	for (k = 0; k < 7; k++) {
		st = f->st;
		switch (k) {
		case 0: st.st_dev++; break;
		case 1: st.st_ino++; break;
		case 2: st.st_size++; break;
		case 3: st.st_mtim.tv_nsec++; break;
		case 4: st.st_ctim.tv_sec++; break;
		case 5: st.st_ctim.tv_nsec++; break;
		case 6: st.st_mode = S_IFLNK | 0777; break;
		}
		assert_false(memofile_take(m, "content/notices/a.md", &st, &a,
		    &r, &rc, &dg));
		assert_null(r.v);
	}
	assert_int_equal(dg.n, 0);
	diags_free(&dg);
	memofile_close(m);
	arena_free(&a);
}

/* Another context (site.yaml, options, day, executable): not opened. */
static void
context(void **state)
{
	struct fx *f = *state;
	unsigned char other[32];

	write_memo(f);
	memcpy(other, f->ctx, 32);
	other[31] ^= 1;
	assert_null(memofile_open(f->path, other, 2));
	assert_null(memofile_open("/nonexistent/.public.memo", f->ctx, 2));
}

/* Every byte of the file changed, one at a time, and the file cut at
 * every length: never taken with other values, never a crash. */
static void
damage(void **state)
{
	struct fx *f = *state;
	struct stat fst;
	unsigned char *bytes;
	char *copy;
	size_t n, i;
	int fd;

	write_memo(f);
	assert_int_equal(stat(f->path, &fst), 0);
	n = (size_t)fst.st_size;
	bytes = malloc(n);
	assert_non_null(bytes);
	fd = open(f->path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, bytes, n), (ssize_t)n);
	close(fd);
	copy = path_join(f->dir, "copy");
	for (i = 0; i <= n; i++) {
		struct memofile *m;
		struct arena a = ARENA_INIT;
		struct record r;
		struct diags dg;
		int rc;
		bool cut = i == n, took;

		fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		assert_true(fd >= 0);
		if (!cut)
			bytes[i] ^= 0x5a;
		/* The last round: cut short by one byte. */
		assert_int_equal(write(fd, bytes, cut ? n - 1 : n),
		    (ssize_t)(cut ? n - 1 : n));
		if (!cut)
			bytes[i] ^= 0x5a;
		close(fd);
		m = memofile_open(copy, f->ctx, 2);
		diags_init(&dg);
		took = m != NULL && memofile_take(m, "content/notices/a.md",
		    &f->st, &a, &r, &rc, &dg);
		/* The unused bytes of the header may change; nothing else
		 * can go unseen. */
		if (took) {
			assert_true(gv_equal(r.v, f->r.v));
			assert_true(diags_equal(&dg, &f->dg));
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(dg.n, 0);
		}
		diags_free(&dg);
		memofile_close(m);
		arena_free(&a);
	}
	free(copy);
	free(bytes);
}

/* A file changed less than a second before it was read may change again
 * unseen within its time stamp: no entry. */
static void
racy(void **state)
{
	struct fx *f = *state;
	struct memofile_writer *w = memofile_create(f->path, f->ctx, 1);
	struct memofile *m;
	struct timespec at = f->st.st_ctim;
	struct arena a = ARENA_INIT;
	struct record r;
	struct diags dg;
	int rc;

	at.tv_nsec += 999999999 - 6;
	assert_non_null(w);
	memofile_add(w, 0, "content/notices/a.md", &f->st, &at, &f->r, 0,
	    &f->dg);
	assert_int_equal(memofile_commit(w), 0);
	m = memofile_open(f->path, f->ctx, 2);
	assert_non_null(m);
	diags_init(&dg);
	assert_false(memofile_take(m, "content/notices/a.md", &f->st, &a, &r,
	    &rc, &dg));
	diags_free(&dg);
	memofile_close(m);
	arena_free(&a);
}

/* An entry carried from the old file into the new one reads back the
 * same; one whose file changed is not carried. */
static void
carry(void **state)
{
	struct fx *f = *state;
	struct memofile *m;
	struct memofile_writer *w;
	char *next = path_join(f->dir, ".next.memo");
	struct arena a = ARENA_INIT;
	struct record r;
	struct diags dg;
	struct stat changed = f->st;
	int rc = 99;

	write_memo(f);
	m = memofile_open(f->path, f->ctx, 2);
	assert_non_null(m);
	w = memofile_create(next, f->ctx, 1);
	assert_non_null(w);
	diags_init(&dg);
	assert_true(memofile_carry(m, w, 0, "content/notices/a.md", &f->st,
	    &a, &r, &rc, &dg));
	changed.st_size++;
	assert_false(memofile_carry(m, w, 0, "content/notices/b.md", &changed,
	    &a, &r, &rc, &dg));
	diags_free(&dg);
	memofile_close(m);
	assert_int_equal(memofile_commit(w), 0);

	m = memofile_open(next, f->ctx, 2);
	assert_non_null(m);
	diags_init(&dg);
	rc = 99;
	assert_true(memofile_take(m, "content/notices/a.md", &f->st, &a, &r,
	    &rc, &dg));
	assert_int_equal(rc, -1);
	assert_true(gv_equal(r.v, f->r.v));
	assert_true(diags_equal(&dg, &f->dg));
	assert_false(memofile_take(m, "content/notices/b.md", &f->st, &a, &r,
	    &rc, &dg));
	diags_free(&dg);
	memofile_close(m);
	arena_free(&a);
	free(next);
}

/* Values nested deeper than an entry may hold: that record has no
 * entry, the others have theirs. */
static void
too_deep(void **state)
{
	struct fx *f = *state;
	struct memofile_writer *w = memofile_create(f->path, f->ctx, 1);
	struct memofile *m;
	struct record deep = f->r;
	struct stat with, alone;
	struct arena a = ARENA_INIT;
	struct record r;
	struct diags dg;
	struct gv *v;
	int rc, k;

	assert_non_null(w);
	deep.v = v = gv_map(&f->a);
	for (k = 0; k < 80; k++) {
		struct gv *in = gv_map(&f->a);

		gv_set(&f->a, v, "x", in);
		v = in;
	}
	assert_false(f->a.oom);
	memofile_add(w, 0, "content/notices/deep.md", &f->st, &f->read_at,
	    &deep, 0, &f->dg);
	memofile_add(w, 0, "content/notices/a.md", &f->st, &f->read_at,
	    &f->r, 0, &f->dg);
	assert_int_equal(memofile_commit(w), 0);
	m = memofile_open(f->path, f->ctx, 1);
	assert_non_null(m);
	diags_init(&dg);
	assert_false(memofile_take(m, "content/notices/deep.md", &f->st, &a,
	    &r, &rc, &dg));
	assert_true(memofile_take(m, "content/notices/a.md", &f->st, &a, &r,
	    &rc, &dg));
	assert_true(gv_equal(r.v, f->r.v));
	diags_free(&dg);
	memofile_close(m);
	arena_free(&a);
	/* Not written at all: the file is what a.md alone makes. */
	assert_int_equal(stat(f->path, &with), 0);
	w = memofile_create(f->path, f->ctx, 1);
	assert_non_null(w);
	memofile_add(w, 0, "content/notices/a.md", &f->st, &f->read_at,
	    &f->r, 0, &f->dg);
	assert_int_equal(memofile_commit(w), 0);
	assert_int_equal(stat(f->path, &alone), 0);
	assert_int_equal(with.st_size, alone.st_size);
}

/* Given up: the old file stays, no temporary file is left. */
static void
abort_keeps_old(void **state)
{
	struct fx *f = *state;
	struct memofile_writer *w;
	struct memofile *m;
	char cmd[160];

	write_memo(f);
	w = memofile_create(f->path, f->ctx, 2);
	assert_non_null(w);
	memofile_add(w, 0, "content/notices/z.md", &f->st, &f->read_at,
	    &f->r, 0, &f->dg);
	memofile_finish(w);
	memofile_abort(w);
	m = memofile_open(f->path, f->ctx, 2);
	assert_non_null(m);
	memofile_close(m);
	snprintf(cmd, sizeof(cmd), "test \"$(ls -A '%s')\" = .public.memo",
	    f->dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(identity, setup, teardown),
		cmocka_unit_test_setup_teardown(context, setup, teardown),
		cmocka_unit_test_setup_teardown(damage, setup, teardown),
		cmocka_unit_test_setup_teardown(racy, setup, teardown),
		cmocka_unit_test_setup_teardown(carry, setup, teardown),
		cmocka_unit_test_setup_teardown(too_deep, setup, teardown),
		cmocka_unit_test_setup_teardown(abort_keeps_old, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
