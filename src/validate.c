/*
 * validate: the rules that hold across fields and across records
 * (CONTENT-MODEL.md §8.2 and "Rules that hold everywhere").  The rules of
 * each record type live in their own files (check.h).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fsutil.h"
#include "markdown.h"
#include "pool.h"
#include "site.h"
#include "utf8.h"

struct record *
site_find(const struct site *s, enum rtype type, const char *slug)
{
	size_t i, lo = 0, hi = s->nrecs, mid;
	const struct record *r;
	int c;

	if (s->by_slug == NULL) {
		for (i = 0; i < s->nrecs; i++)
			if (s->recs[i].type == type &&
			    strcmp(s->recs[i].slug, slug) == 0)
				return &s->recs[i];
		return NULL;
	}
	/* The first of (type, slug): the smallest path, which is also the
	 * first in load order (a section's files are read by name). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = s->by_slug[mid];
		c = (int)r->type - (int)type;
		if (c == 0)
			c = strcmp(r->slug, slug);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nrecs && s->by_slug[lo]->type == type &&
	    strcmp(s->by_slug[lo]->slug, slug) == 0)
		return s->by_slug[lo];
	return NULL;
}

static void
date_not_before(struct diags *dg, const struct record *r, const char *key,
    const char *label)
{
	const struct gv *v = gv_get(r->v, key);

	if (v != NULL && v->u.i < r->date)
		diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
		    "%s %s：不能早于发布日期", label, key);
}

void
check_static_file(const struct site *s, struct diags *dg,
    const struct record *r, const struct gv *v, const char *label)
{
	char *rel, *full;

	if (v == NULL || v->kind != GV_URL)
		return;
	rel = path_join("static", v->u.s.p);
	full = rel ? path_join(s->dir, rel) : NULL;
	if (full != NULL && !exists(full))
		diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
		    "%s：找不到文件 %s", label, rel);
	else if (full != NULL) {
		char real_root[PATH_MAX], real[PATH_MAX];
		size_t n;

		if (realpath(s->dir, real_root) == NULL ||
		    realpath(full, real) == NULL ||
		    strncmp(real, real_root, n = strlen(real_root)) != 0 ||
		    real[n] != '/')
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "%s：%s 指向站点目录以外，已拒绝", label, rel);
	}
	free(rel);
	free(full);
}

static void
check_common(struct site *s, struct record *r, struct diags *dg)
{
	const struct gv *v, *alt, *list;
	const struct record *old;
	size_t i;

	v = gv_get(r->v, "title");
	if (v != NULL && utf8_chars(v->u.s.p) > 28)
		diag_add(dg, DIAG_WARNING, r->path, v->line, v->col,
		    "标题 title：%zu 个字，超过 28 个字在微信分享卡片里会被截断",
		    utf8_chars(v->u.s.p));
	v = gv_get(r->v, "summary");
	if (v != NULL && utf8_chars(v->u.s.p) > 80)
		diag_add(dg, DIAG_WARNING, r->path, v->line, v->col,
		    "摘要 summary：%zu 个字，请控制在 80 个字以内",
		    utf8_chars(v->u.s.p));
	date_not_before(dg, r, "updated", "更新日期");
	date_not_before(dg, r, "expires", "下架日期");

	v = gv_get(r->v, "cover");
	alt = gv_get(r->v, "cover_alt");
	if (v != NULL && alt == NULL)
		diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
		    "设置了封面图 cover，就必须填写封面图说明 cover_alt（给看不见图片的读者）");
	check_static_file(s, dg, r, v, "封面图 cover");
	list = gv_get(r->v, "attachments");
	for (i = 0; i < gv_len(list); i++)
		check_static_file(s, dg, r, gv_get(list->u.list.v[i], "path"),
		    "附件 attachments");

	list = gv_get(r->v, "tags");
	for (i = 0; i < gv_len(list); i++) {
		v = list->u.list.v[i];
		if (strchr(v->u.s.p, '/') != NULL)
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "标签 tags：“%s”里不能有“/”", v->u.s.p);
		/* Each tag is a directory tags/<tag>/: ".." would write
		 * the home page, "." the tags/ directory itself. */
		else if (strcmp(v->u.s.p, ".") == 0 ||
		    strcmp(v->u.s.p, "..") == 0)
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "标签 tags：“%s”不能作为标签名", v->u.s.p);
	}

	v = gv_get(r->v, "supersedes");
	if (v != NULL) {
		old = site_find(s, r->type, v->u.s.p);
		if (old == NULL)
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "更正/替代 supersedes：没有网址名为“%s”的同类记录",
			    v->u.s.p);
		else if (old == r)
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "更正/替代 supersedes：不能指向自己");
	}
}

struct check_run {
	struct site *views; /* per worker */
	struct diags *dg;
};

static void
check_one(void *ctx, size_t i, int worker)
{
	struct check_run *cr = ctx;
	struct site *s = &cr->views[worker];
	struct record *r = &s->recs[i];
	struct diags *dg = cr->dg;

	check_common(s, r, dg);
	switch (r->type) {
	case RT_NOTICE:
		check_notice(s, r, dg);
		break;
	case RT_DISCLOSURE:
		check_disclosure(s, r, dg);
		break;
	case RT_POWER_ITEM:
		check_power_item(s, r, dg);
		break;
	case RT_CONSULTATION:
		check_consultation(s, r, dg);
		break;
	case RT_LEGAL_SCHEDULE:
		check_legal_schedule(s, r, dg);
		break;
	case RT_COUNT:
		break;
	}
}

static int
cmp_slug(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;
	int c = (int)x->type - (int)y->type;

	if (c != 0)
		return c;
	c = strcmp(x->slug, y->slug);
	return c != 0 ? c : strcmp(x->path, y->path);
}

void
site_validate(struct site *s, int threads, struct diags *dg)
{
	struct record **by = NULL;
	struct check_run cr;
	size_t i;
	struct record *old;
	const char *sup;
	int k, used;

	/* The index site_find() searches (a scan per correction was
	 * quadratic in the size of the site). */
	free(s->by_slug);
	s->by_slug = malloc((s->nrecs ? s->nrecs : 1) * sizeof(*s->by_slug));
	if (s->by_slug == NULL) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		return;
	}
	for (i = 0; i < s->nrecs; i++)
		s->by_slug[i] = &s->recs[i];
	qsort(s->by_slug, s->nrecs, sizeof(*s->by_slug), cmp_slug);

	/* Which records a correction replaces: known before the checks run
	 * in parallel, so none of them reads another record's values. */
	for (i = 0; i < s->nrecs; i++) {
		sup = gv_get_str(s->recs[i].v, "supersedes");
		if (sup != NULL && (old = site_find(s, s->recs[i].type, sup)) !=
		    NULL && old != &s->recs[i])
			old->superseded = true;
	}
	/* Each record's own rules, on every core; each worker adds values
	 * into an arena of its own through a view of the site. */
	if (threads < 1)
		threads = 1;
	cr.dg = dg;
	cr.views = calloc((size_t)threads, sizeof(*cr.views));
	if (cr.views == NULL) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		return;
	}
	for (k = 0; k < threads; k++) {
		cr.views[k] = *s;
		cr.views[k].arena = (struct arena)ARENA_INIT;
	}
	used = pool_run(s->nrecs, threads, check_one, &cr);
	if (keep_worker_arenas(s, cr.views, used) != 0)
		s->arena.oom = true;
	free(cr.views);
	check_power_items_across(s, dg);
	check_schedules_across(s, dg);

	/* Slugs are unique per type: they are the page's address. */
	by = s->by_slug;
	for (i = 1; i < s->nrecs; i++)
		if (by[i]->type == by[i - 1]->type &&
		    strcmp(by[i]->slug, by[i - 1]->slug) == 0)
			diag_add(dg, DIAG_ERROR, by[i]->path, 0, 0,
			    "网址名“%s”与 %s 重复：同一栏目里每条记录的网址名必须不同",
			    by[i]->slug, by[i - 1]->path);
}
