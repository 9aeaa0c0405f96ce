#include "build.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "fsutil.h"
#include "output.h"
#include "render.h"
#include "template.h"

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

int
build_run(const struct build_cfg *cfg, FILE *err)
{
	struct site s;
	struct diags dg;
	struct tmpl_set *ts = NULL;
	struct output out;
	struct render_stats st = {0};
	char *outdir = NULL, *tdir = NULL, *tdisp = NULL;
	double t0 = seconds();
	int rc, jobs = cfg->jobs;
	bool have_out = false;

	diags_init(&dg);
	memset(&out, 0, sizeof(out));
	rc = site_load(&s, &cfg->o, &dg);
	if (rc == 0 || rc == -1) {
		/* Check everything even when loading found errors: all
		 * diagnostics of a run are reported together. */
		site_validate(&s, &dg);
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
		outdir = cfg->out ? strdup(cfg->out) : path_join(s.dir, "public");
		if (outdir == NULL)
			rc = -3;
		else
			rc = output_begin(&out, s.dir, outdir, &dg);
		have_out = true;
		if (jobs < 1) {
			long n = sysconf(_SC_NPROCESSORS_ONLN);

			jobs = n > 0 ? (int)n : 1;
		}
		if (rc == 0)
			rc = output_assets(&out, &s, &dg, &st.files);
		if (rc == 0)
			rc = render_site(&s, ts, out.staging, jobs, &dg, &st);
		if (rc == 0)
			rc = output_static(&out, &s, &dg, &st.files);
		if (rc == 0)
			rc = output_commit(&out, &dg);
	}
	diags_print(&dg, err);
	if (rc == 0 && !cfg->quiet) {
		if (cfg->check_only)
			fprintf(err, "gongshi: 检查了 %zu 条记录，%zu 个警告，未发现错误\n",
			    s.nrecs, dg.warnings);
		else
			fprintf(err,
			    "gongshi: %zu 条记录，%zu 个页面，%zu 个 RSS，用时 %.2f 秒 → %s\n",
			    s.nrecs, st.pages, st.feeds, seconds() - t0, outdir);
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
	if (have_out)
		output_end(&out);
	tmpl_set_free(ts);
	site_free(&s);
	diags_free(&dg);
	free(outdir);
	free(tdir);
	free(tdisp);
	return exit_code(rc);
}
