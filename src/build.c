#include "build.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "cache.h"
#include "date.h"
#include "diag.h"
#include "fsutil.h"
#include "memo.h"
#include "memofile.h"
#include "output.h"
#include "pool.h"
#include "render.h"
#include "template.h"

#include "buf.h"

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct warm {
	bool valid;
	struct site s;
	struct tmpl_set *ts;
	struct render_plan *plan;
	struct cache now;       /* the output's cache */
	bool unsaved;           /* `now` changed since it was saved: its
	                           file is gone until warm_clear() saves it */
	struct render_stats st; /* of the build that made it */
	char *salt, *outdir, *cpath;
	char *diag_text;        /* its diagnostics, as printed */
	bool linked;            /* a record's file is a symbolic link */
};

struct warm *
warm_new(void)
{
	return calloc(1, sizeof(struct warm));
}

/* Empty `w`: everything it holds is freed, and the output's cache
 * saved when quick builds changed it. */
static void
warm_clear(struct warm *w)
{
	if (w == NULL || !w->valid)
		return;
	if (w->unsaved && cache_save(&w->now, w->cpath) != 0)
		unlink(w->cpath);
	render_plan_free(w->plan);
	tmpl_set_free(w->ts);
	site_free(&w->s);
	cache_free(&w->now);
	free(w->salt);
	free(w->outdir);
	free(w->cpath);
	free(w->diag_text);
	memset(w, 0, sizeof(*w));
}

void
warm_free(struct warm *w)
{
	/* Its output goes with it: the cache need not be saved. */
	if (w != NULL)
		w->unsaved = false;
	warm_clear(w);
	free(w);
}

static int
exit_code(int rc)
{
	return rc == -3 ? 3 : rc != 0 ? 1 : 0;
}

/* What besides the files decides the output: the stamp's and the
 * fingerprints' salt.  The build day is in the stamp only: pages that
 * depend on it (公示 status, days left) carry it in their values. */
static char *
build_params(const struct build_cfg *cfg, bool with_day)
{
	struct buf b = BUF_INIT;
	int64_t now = 0;

	buf_printf(&b, "gongshi %s\nbase=%s\ndrafts=%d\n", GONGSHI_VERSION,
	    cfg->o.base_url ? cfg->o.base_url : "", cfg->o.drafts);
	if (with_day) {
		if (!build_epoch(&now))
			now = 0;
		buf_printf(&b, "day=%lld\nstrict=%d\n",
		    (long long)((now + SITE_UTC_OFFSET) / 86400), cfg->o.strict);
	}
	return buf_steal(&b);
}

/* The stamp of an output tree; a tree only this process writes is what
 * its cache says, and is not looked at (its stamp is all zeros). */
static int
out_stamp(bool trusted, const struct cache *c, const char *dir,
    unsigned char stamp[CACHE_HASH], const atomic_bool *stop)
{
	if (trusted) {
		memset(stamp, 0, CACHE_HASH);
		return 0;
	}
	return cache_stamp_tree(c, dir, stamp, stop);
}

/*
 * The first look of a build: the inputs' stamp on one thread; the cache,
 * then the output's stamp, on another (both are mostly stat calls: at 10k
 * records 10k input files and 24k output entries).  The output's stamp
 * is needed only when the build may stop there, nothing having changed:
 * when the inputs' stamp turns out to differ from the cache's, taking it
 * stops where it is.
 */
struct prelude {
	const char *site_dir, *params, *outdir, *cpath;
	struct cache *old;
	unsigned char *stamp, *outstamp;
	bool trusted;  /* cfg.own_out: no stamps, nothing checked */
	bool full;     /* --full: the build will not stop early */
	int stamp_rc, load_rc, out_rc;
	atomic_int done;  /* of the stamp and the load */
	atomic_bool stop; /* the output's stamp is not needed */
};

/* Called by each thread when its first part is done; the second decides,
 * both parts being known then. */
static void
prelude_decide(struct prelude *p)
{
	/* serve's own output costs nothing to vouch for. */
	if (atomic_fetch_add(&p->done, 1) != 1 || p->trusted)
		return;
	if (p->full || p->stamp_rc != 0 || p->load_rc != 0 ||
	    p->old->n == 0 || memcmp(p->old->stamp, p->stamp, CACHE_HASH) != 0)
		atomic_store(&p->stop, true);
}

static void
prelude_one(void *ctx, size_t i, int worker)
{
	struct prelude *p = ctx;

	(void)worker;
	if (i == 0) {
		p->stamp_rc = p->trusted ? 0 :
		    cache_stamp(p->site_dir, p->params, p->stamp);
		prelude_decide(p);
		return;
	}
	p->load_rc = cache_load(p->old, p->cpath);
	prelude_decide(p);
	p->out_rc = ECANCELED;
	if (!atomic_load(&p->stop))
		p->out_rc = out_stamp(p->trusted, p->old, p->outdir,
		    p->outstamp, &p->stop);
}

/* Empty the cache `old` unless the output is, to the last inode and mtime,
 * what it describes: its stamp, taken with result `rc`, is `stamp`. */
static void
vouch(struct cache *old, int rc, const unsigned char stamp[CACHE_HASH])
{
	if (rc != 0 || memcmp(stamp, old->outstamp, CACHE_HASH) != 0)
		cache_free(old);
}

static void
summary(FILE *err, size_t nrecs, const struct render_stats *st, double secs,
    const char *outdir)
{
	/* A rebuild under serve can take a hundredth of a second. */
	fprintf(err,
	    "gongshi: %zu 条记录，%zu 个页面，%zu 个 RSS；新生成 %zu 个文件，沿用 %zu 个未变的文件；用时 %.*f 秒 → %s\n",
	    nrecs, st->pages, st->feeds, st->rendered, st->reused,
	    secs < 0.1 ? 3 : 2, secs, outdir);
}

/* The steps of a build, timed for --times. */
enum step {
	STEP_PRELUDE, STEP_LOAD, STEP_CHECK, STEP_MODEL, STEP_TEMPLATES,
	STEP_SPARE, STEP_RENDER, STEP_COMMIT, STEP_STAMP, STEP_COUNT
};

static const char *const step_names[STEP_COUNT] = {
	"核对上次结果", "读取全部记录", "检查填写规则", "整理栏目列表",
	"读取网站模板", "准备输出目录", "生成页面文件", "换上新的网站",
	"记下本次结果",
};

struct steps {
	double last, took[STEP_COUNT];
	bool seen[STEP_COUNT];
};

/* Step k ends now. */
static void
step_done(struct steps *sp, enum step k)
{
	double t = seconds();

	sp->took[k] += t - sp->last;
	sp->seen[k] = true;
	sp->last = t;
}

/* The steps' times, and how many record files were read again. */
static void
steps_print(const struct steps *sp, double total, const struct site *s,
    FILE *err)
{
	int k;

	fprintf(err, "各步用时：\n");
	for (k = 0; k < STEP_COUNT; k++) {
		if (!sp->seen[k])
			continue;
		fprintf(err, "  %s  %6.3f 秒\n", step_names[k], sp->took[k]);
		if (k == STEP_LOAD && s->files > 0)
			fprintf(err,
			    "    （%zu 个记录文件：重新读取 %zu 个，沿用上次读取的结果 %zu 个）\n",
			    s->files, s->files - s->memo_hits, s->memo_hits);
	}
	/* Padded like the six-character step names. */
	fprintf(err, "  合计          %6.3f 秒\n", total);
}

/* Hand what a good build made over to `w` (each pointer is left empty,
 * for the build's cleanup): the site, templates, plan and cache, and its
 * diagnostics as text.  Nothing is kept when out of memory. */
static void
keep_warm(struct warm *w, struct site *s, struct tmpl_set **ts,
    struct render_plan **plan, struct cache *now,
    const struct render_stats *st, char **salt, char **outdir,
    char **cpath, struct diags *dg)
{
	size_t len = 0;
	FILE *mem = open_memstream(&w->diag_text, &len);

	if (mem == NULL)
		return;
	diags_print(dg, mem);
	if (fclose(mem) != 0 || w->diag_text == NULL) {
		free(w->diag_text);
		w->diag_text = NULL;
		return;
	}
	w->s = *s;
	memset(s, 0, sizeof(*s));
	w->ts = *ts;
	*ts = NULL;
	w->plan = *plan;
	*plan = NULL;
	w->now = *now;
	memset(now, 0, sizeof(*now));
	w->st = *st;
	w->salt = *salt;
	*salt = NULL;
	w->outdir = *outdir;
	*outdir = NULL;
	w->cpath = *cpath;
	*cpath = NULL;
	for (size_t i = 0; i < w->s.nrecs; i++)
		w->linked = w->linked || w->s.recs[i].linked;
	w->valid = true;
}

int
build_run(const struct build_cfg *cfg, FILE *err)
{
	struct site s;
	struct diags dg;
	struct tmpl_set *ts = NULL;
	struct output out;
	struct render_stats st = {0};
	struct cache old, now, held;
	char *params = NULL, *salt = NULL, *cpath = NULL, *marker = NULL;
	char *spath = NULL, *mpath = NULL;
	unsigned char outstamp[CACHE_HASH];
	bool have_stamp = false, old_vouched = false, old_unread = false;
	char *outdir = NULL, *tdir = NULL, *tdisp = NULL;
	double t0 = seconds();
	struct steps sp = {t0, {0}, {false}};
	int rc = 0, jobs = cfg->jobs > 0 ? cfg->jobs : pool_default_threads();
	bool have_out = false;
	/* serve's own output: what this build leaves is kept for
	 * build_quick(). */
	bool keep = cfg->warm != NULL && cfg->own_out && !cfg->check_only &&
	    cfg->o.memo != NULL;
	struct render_plan *plan = NULL;

	diags_init(&dg);
	memset(&out, 0, sizeof(out));
	memset(&old, 0, sizeof(old));
	memset(&now, 0, sizeof(now));
	memset(&held, 0, sizeof(held));
	memset(&s, 0, sizeof(s));
	/* What the last build kept is this one's memory now. */
	warm_clear(cfg->warm);

	/* Nothing changed since the last build: done, nothing written. */
	if (!cfg->check_only) {
		outdir = cfg->out ? strdup(cfg->out) :
		    path_join(cfg->o.site_dir, "public");
		params = build_params(cfg, true);
		salt = build_params(cfg, false);
		cpath = outdir ? cache_path(outdir, "cache") : NULL;
		spath = outdir ? cache_path(outdir, "spare.cache") : NULL;
		if (outdir == NULL || params == NULL || salt == NULL ||
		    cpath == NULL || spath == NULL) {
			rc = -3;
			goto report;
		}
		/* The cache is loaded for --full too: it becomes the
		 * spare's. */
		struct prelude pre = {cfg->o.site_dir, params, outdir, cpath,
		    &old, now.stamp, outstamp, cfg->own_out, cfg->full, 0, 0,
		    0, 0, false};

		pool_run(2, jobs, prelude_one, &pre);
		step_done(&sp, STEP_PRELUDE);
		have_stamp = pre.stamp_rc == 0;
		if (pre.load_rc != 0) {
			rc = -3;
			goto report;
		}
		/*
		 * The cache vouches only for the output it describes.  It is
		 * needed for that before the build stops here, and before
		 * files are hard-linked from the output; a build that
		 * recycles the spare needs neither, and the output it leaves
		 * as the spare is checked by the next build, against the
		 * stamp its cache carries.
		 */
		if (pre.out_rc != ECANCELED) {
			vouch(&old, pre.out_rc, outstamp);
			old_vouched = true;
		} else {
			/* Not needed unless files are linked from the output:
			 * its memory back meanwhile (8 MB at 50k records). */
			old_unread = old.n > 0;
			cache_free(&old);
		}
		marker = path_join(outdir, OUTPUT_MARKER);
		if (!cfg->full && !cfg->own_out && have_stamp && old.n > 0 &&
		    old_vouched && marker != NULL &&
		    exists(marker) && !output_leftovers(outdir) &&
		    memcmp(old.stamp, now.stamp, CACHE_HASH) == 0) {
			if (!cfg->quiet)
				fprintf(err,
				    "gongshi: 内容没有变化，网站保持不变（用时 %.2f 秒）→ %s\n",
				    seconds() - t0, outdir);
			goto done;
		}
	}
	{
		struct build_opts o = cfg->o;

		o.jobs = jobs;
		/* The command line's memo of the records is a file beside the
		 * cache; serve keeps its own in memory.  `check` writes
		 * nothing, but reads what a build into SITE/public left. */
		if (o.memo == NULL && !cfg->own_out) {
			char *pub = cfg->check_only ?
			    path_join(cfg->o.site_dir, "public") : NULL;
			const char *of = cfg->check_only ? pub : outdir;

			mpath = of != NULL ? cache_path(of, "memo") : NULL;
			free(pub);
			if (mpath == NULL) {
				rc = -3;
				goto report;
			}
			o.memo_file = mpath;
			o.memo_fresh = cfg->full;
			o.memo_keep = cfg->check_only;
		}
		rc = site_load(&s, &o, &dg);
		step_done(&sp, STEP_LOAD);
	}
	if (rc == 0 || rc == -1) {
		/* Check everything even when loading found errors: all
		 * diagnostics of a run are reported together. */
		site_validate(&s, jobs, &dg);
		step_done(&sp, STEP_CHECK);
	}
	if (rc == 0 && diags_failed(&dg, cfg->o.strict))
		rc = -1;
	if (rc == 0) {
		rc = site_model(&s, &dg) == 0 ? 0 : -3;
		step_done(&sp, STEP_MODEL);
	}

	/* Templates are checked by `check` too. */
	if (rc == 0) {
		tdir = path_join(s.dir, "templates");
		ts = tdir ? tmpl_set_new(tdir, "templates", site_context_roots,
		    site_key_known) : NULL;
		if (ts == NULL)
			rc = -3;
		else if (render_prepare(&s, ts, &dg) != 0)
			rc = -1;
		step_done(&sp, STEP_TEMPLATES);
	}
	if (rc == 0 && !cfg->check_only) {
		/* The spare is recycled only when it is what its cache says
		 * (also for --full: the cache then only tells what to
		 * delete). */
		if (cache_load(&held, spath) != 0)
			rc = -3;
		if (rc == 0)
			rc = output_begin(&out, s.dir, outdir, &held,
			    cfg->own_out, &dg);
		have_out = true;
		/* From here the spare changes: what its cache said is void. */
		if (rc == 0)
			unlink(spath);
		/* Files are hard-linked from the output into a new tree
		 * only when its cache vouches for them. */
		if (rc == 0 && !cfg->full && !out.recycled && !old_vouched) {
			if (old_unread && cache_load(&old, cpath) != 0)
				rc = -3;
			if (old.n > 0)
				vouch(&old, out_stamp(cfg->own_out, &old, outdir,
				    outstamp, NULL), outstamp);
			old_vouched = true;
			old_unread = false;
		}
		step_done(&sp, STEP_SPARE);
		if (rc == 0)
			rc = output_assets(&out, &s, &dg, &st.files, &now);
		if (rc == 0)
			rc = render_site(&s, ts, out.staging, out.recycled,
			    jobs, outdir, cfg->full || !old_vouched ? NULL : &old,
			    out.recycled && !cfg->full ? &held : NULL, &now,
			    salt, &dg, &st, keep ? &plan : NULL);
		if (rc == 0)
			rc = output_static(&out, &s, &dg, &st.files, &now);
		if (rc == 0)
			output_prune(&out, &now, &held);
		step_done(&sp, STEP_RENDER);
		if (rc == 0)
			rc = output_commit(&out, &dg);
		step_done(&sp, STEP_COMMIT);
		/* The caches describe the trees now in place: the old output's
		 * is the spare's; without a stamp (a file vanished while we
		 * looked) the new one is left out and the next build full. */
		if (rc == 0) {
			int e;

			/* The previous output is the spare now: its cache
			 * (unless found not to vouch for it) goes with it. */
			if (out.committed && (old.n > 0 || old_unread))
				rename(cpath, spath);
			else
				unlink(cpath);
			cache_sort(&now);
			e = have_stamp ? out_stamp(cfg->own_out, &now, outdir,
			    now.outstamp, NULL) : 0;
			if (e == 0 && have_stamp)
				e = cache_save(&now, cpath);
			if (e != 0 || !have_stamp)
				unlink(cpath);
			keep = keep && e == 0 && have_stamp && plan != NULL;
			/* The records as this build loaded them, for the next. */
			memofile_commit(s.memo_w);
			s.memo_w = NULL;
			step_done(&sp, STEP_STAMP);
		}
	}
report:
	diags_print(&dg, err);
	if (rc == 0 && !cfg->quiet) {
		if (cfg->check_only)
			fprintf(err, "gongshi: 检查了 %zu 条记录，%zu 个警告，未发现错误\n",
			    s.nrecs, dg.warnings);
		else
			summary(err, s.nrecs, &st, seconds() - t0, outdir);
	} else if (rc != 0) {
		if (rc == -1 && dg.errors == 0 && cfg->o.strict)
			fprintf(err, "gongshi: 有 %zu 个警告（--strict 下视为错误），%s\n",
			    dg.warnings, cfg->check_only ? "检查未通过" :
			    "未生成网站，原有网站保持不变");
		else
			fprintf(err, "gongshi: %zu 个错误，%zu 个警告，%s\n",
			    dg.errors, dg.warnings, cfg->check_only ? "检查未通过" :
			    "未生成网站，原有网站保持不变");
	}
	if (rc == 0 && keep)
		keep_warm(cfg->warm, &s, &ts, &plan, &now, &st, &salt, &outdir,
		    &cpath, &dg);
done:
	if (cfg->times)
		steps_print(&sp, seconds() - t0, &s, err);
	if (have_out)
		output_end(&out);
	cache_free(&old);
	cache_free(&now);
	cache_free(&held);
	free(spath);
	free(mpath);
	free(params);
	free(salt);
	free(cpath);
	free(marker);
	render_plan_free(plan);
	tmpl_set_free(ts);
	site_free(&s);
	diags_free(&dg);
	free(outdir);
	free(tdir);
	free(tdisp);
	return exit_code(rc);
}

/* A changed file of build_quick(): 1 when the build does not read it
 * (a file in a section's directory that is not a record file), 0 when it
 * is record *r of the warm site, -1 otherwise. */
static int
quick_target(const struct warm *w, const char *path, struct record **r)
{
	const char *name = NULL;
	size_t i;

	if (section_of(path, &name) == NULL)
		return -1;
	if (!record_file_name(name))
		return 1;
	for (i = 0; i < w->s.nrecs; i++)
		if (strcmp(w->s.recs[i].path, path) == 0) {
			*r = &w->s.recs[i];
			return 0;
		}
	return -1;
}

/* Is record file `path` (record *r of the warm site) unchanged but for
 * its body?  Its identity in the file then goes to *fresh (hash and body
 * place).  true or false; nothing reported. */
static bool
body_only(const struct build_cfg *cfg, const struct warm *w,
    const char *path, const struct record *r, struct record *fresh)
{
	const struct memo_entry *e = memo_get(cfg->o.memo, path);
	struct arena a = ARENA_INIT;
	struct diags mine, none;
	struct stat st;
	char *full = path_join(w->s.dir, path);
	bool ok = false;

	diags_init(&mine);
	diags_init(&none);
	/* A regular file, as site_load() takes it (not a link), and the
	 * only name of its bytes (another record's file may be a hard link
	 * to them). */
	if (e == NULL || e->rc != 0 || full == NULL || lstat(full, &st) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
	    record_reload(&w->s, &cfg->o, path, &a, fresh, &mine) != 0)
		goto out;
	/* Its type and slug follow from its path and values. */
	ok = gv_equal(fresh->v, e->r.v) && !a.oom &&
	    diags_equal(&mine, e->dg != NULL ? e->dg : &none) &&
	    fresh->fm_line == r->fm_line && fresh->body_line == r->body_line;
out:
	free(fresh->path);
	fresh->path = NULL;
	fresh->v = NULL;
	fresh->slug = fresh->title = NULL;
	arena_free(&a);
	diags_free(&mine);
	diags_free(&none);
	free(full);
	return ok;
}

int
build_quick(const struct build_cfg *cfg, const char *const *paths,
    size_t n, FILE *err)
{
	struct warm *w = cfg->warm;
	struct record **recs = NULL, *fresh = NULL, *r;
	struct render_stats st;
	struct diags dg;
	double t0 = seconds();
	int64_t now;
	size_t i, k, nr = 0;
	int rc = 1;

	diags_init(&dg);
	/* A record that is a symbolic link changes when its target does,
	 * which the file system reports under the target's name. */
	if (w == NULL || !w->valid || w->linked || !cfg->own_out ||
	    cfg->o.memo == NULL || n == 0 || !build_epoch(&now) ||
	    (now + SITE_UTC_OFFSET) / 86400 != w->s.today)
		goto out;
	recs = calloc(n, sizeof(*recs));
	fresh = calloc(n, sizeof(*fresh));
	if (recs == NULL || fresh == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		switch (quick_target(w, paths[i], &r)) {
		case 1:
			continue;
		case 0:
			break;
		default:
			goto out;
		}
		for (k = 0; k < nr && recs[k] != r; k++)
			;
		if (k < nr)
			continue;
		if (!body_only(cfg, w, paths[i], r, &fresh[nr]))
			goto out;
		recs[nr++] = r;
	}
	/* The records' new bytes; from here on, a failure leaves the warm
	 * build unusable and the output without a cache (the next build
	 * renders what the spare does not hold).  The cache is saved when
	 * the warm build is let go (warm_clear()), not after every save of
	 * a record: until then its file is gone. */
	for (k = 0; k < nr; k++) {
		memcpy(recs[k]->hash, fresh[k].hash, sizeof(recs[k]->hash));
		recs[k]->body_off = fresh[k].body_off;
		recs[k]->body_len = fresh[k].body_len;
	}
	st = w->st;
	st.rendered = 0;
	/* What was rendered or kept then, as build_run() counts it (the
	 * static copies aside). */
	k = w->st.rendered + w->st.reused;
	if (!w->unsaved && unlink(w->cpath) != 0 && errno != ENOENT)
		goto lost;
	w->unsaved = true;
	if (nr > 0 && render_quick(w->plan, &w->s, w->outdir, recs, nr,
	    &w->now, w->salt, &dg, &st) != 0)
		goto lost;
	st.reused = k - st.rendered;
	fputs(w->diag_text, err);
	if (!cfg->quiet)
		summary(err, w->s.nrecs, &st, seconds() - t0, w->outdir);
	rc = 0;
	goto out;
lost:
	w->unsaved = false;
	unlink(w->cpath);
	warm_clear(w);
out:
	diags_free(&dg);
	free(recs);
	free(fresh);
	return rc;
}
