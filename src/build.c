#include "build.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "date.h"
#include "diag.h"
#include "fsutil.h"
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
out_stamp(bool trusted, const char *dir, unsigned char stamp[CACHE_HASH])
{
	if (trusted) {
		memset(stamp, 0, CACHE_HASH);
		return 0;
	}
	return cache_stamp_output(dir, stamp);
}

/* The first look of a build: the inputs' stamp on one thread, the cache
 * and the output's stamp on another (both are mostly stat calls: at 10k
 * records 10k input files and 24k output entries). */
struct prelude {
	const char *site_dir, *params, *outdir, *cpath;
	struct cache *old;
	unsigned char *stamp, *outstamp;
	bool trusted;  /* cfg.own_out: no stamps, nothing checked */
	int stamp_rc, load_rc, out_rc;
};

static void
prelude_one(void *ctx, size_t i, int worker)
{
	struct prelude *p = ctx;

	(void)worker;
	if (i == 0) {
		p->stamp_rc = p->trusted ? 0 :
		    cache_stamp(p->site_dir, p->params, p->stamp);
		return;
	}
	p->load_rc = cache_load(p->old, p->cpath);
	p->out_rc = p->load_rc == 0 && p->old->n > 0 ?
	    out_stamp(p->trusted, p->outdir, p->outstamp) : -1;
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
	char *spath = NULL;
	unsigned char outstamp[CACHE_HASH];
	bool have_stamp = false;
	char *outdir = NULL, *tdir = NULL, *tdisp = NULL;
	double t0 = seconds();
	int rc = 0, jobs = cfg->jobs > 0 ? cfg->jobs : pool_default_threads();
	bool have_out = false;

	diags_init(&dg);
	memset(&out, 0, sizeof(out));
	memset(&old, 0, sizeof(old));
	memset(&now, 0, sizeof(now));
	memset(&held, 0, sizeof(held));
	memset(&s, 0, sizeof(s));

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
		    &old, now.stamp, outstamp, cfg->own_out, 0, 0, 0};

		pool_run(2, jobs, prelude_one, &pre);
		have_stamp = pre.stamp_rc == 0;
		if (pre.load_rc != 0) {
			rc = -3;
			goto report;
		}
		/* The cache vouches only for the output it describes. */
		if (old.n > 0 && (pre.out_rc != 0 ||
		    memcmp(outstamp, old.outstamp, CACHE_HASH) != 0))
			cache_free(&old);
		marker = path_join(outdir, OUTPUT_MARKER);
		if (!cfg->full && !cfg->own_out && have_stamp && old.n > 0 &&
		    marker != NULL &&
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
		rc = site_load(&s, &o, &dg);
	}
	if (rc == 0 || rc == -1) {
		/* Check everything even when loading found errors: all
		 * diagnostics of a run are reported together. */
		site_validate(&s, jobs, &dg);
	}
	if (rc == 0 && diags_failed(&dg, cfg->o.strict))
		rc = -1;
	if (rc == 0)
		rc = site_model(&s, &dg) == 0 ? 0 : -3;

	/* Templates are checked by `check` too. */
	if (rc == 0) {
		tdir = path_join(s.dir, "templates");
		ts = tdir ? tmpl_set_new(tdir, "templates", site_context_roots,
		    site_key_known) : NULL;
		if (ts == NULL)
			rc = -3;
		else if (render_prepare(&s, ts, &dg) != 0)
			rc = -1;
	}
	if (rc == 0 && !cfg->check_only) {
		/* The spare is recycled only when it is what its cache says
		 * (also for --full: the cache then only tells what to
		 * delete). */
		if (cache_load(&held, spath) != 0)
			rc = -3;
		if (rc == 0)
			rc = output_begin(&out, s.dir, outdir, held.n > 0 ?
			    held.outstamp : NULL, cfg->own_out, &dg);
		have_out = true;
		/* From here the spare changes: what its cache said is void. */
		if (rc == 0)
			unlink(spath);
		if (rc == 0)
			rc = output_assets(&out, &s, &dg, &st.files, &now);
		if (rc == 0)
			rc = render_site(&s, ts, out.staging, out.recycled,
			    jobs, outdir, cfg->full ? NULL : &old,
			    out.recycled && !cfg->full ? &held : NULL, &now,
			    salt, &dg, &st, NULL);
		if (rc == 0)
			rc = output_static(&out, &s, &dg, &st.files, &now);
		if (rc == 0)
			output_prune(&out, &now, &held);
		if (rc == 0)
			rc = output_commit(&out, &dg);
		/* The caches describe the trees now in place: the old output's
		 * is the spare's; without a stamp (a file vanished while we
		 * looked) the new one is left out and the next build full. */
		if (rc == 0) {
			int e;

			/* The previous output is the spare now: its cache
			 * (when it vouched for it) goes with it. */
			if (out.committed && old.n > 0)
				rename(cpath, spath);
			else
				unlink(cpath);
			e = have_stamp ? out_stamp(cfg->own_out, outdir,
			    now.outstamp) : 0;
			if (e == 0 && have_stamp)
				e = cache_save(&now, cpath);
			if (e != 0 || !have_stamp)
				unlink(cpath);
		}
	}
report:
	diags_print(&dg, err);
	if (rc == 0 && !cfg->quiet) {
		if (cfg->check_only)
			fprintf(err, "gongshi: 检查了 %zu 条记录，%zu 个警告，未发现错误\n",
			    s.nrecs, dg.warnings);
		else
			fprintf(err,
			    "gongshi: %zu 条记录，%zu 个页面，%zu 个 RSS；新生成 %zu 个文件，沿用 %zu 个未变的文件；用时 %.2f 秒 → %s\n",
			    s.nrecs, st.pages, st.feeds, st.rendered, st.reused,
			    seconds() - t0, outdir);
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
done:
	if (have_out)
		output_end(&out);
	cache_free(&old);
	cache_free(&now);
	cache_free(&held);
	free(spath);
	free(params);
	free(salt);
	free(cpath);
	free(marker);
	tmpl_set_free(ts);
	site_free(&s);
	diags_free(&dg);
	free(outdir);
	free(tdir);
	free(tdisp);
	return exit_code(rc);
}
