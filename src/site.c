/*
 * site: the model.  After load and validate, site_model() sorts the
 * records, files them into sections and taxonomies, and computes what the
 * pages show (URLs, labels, the home page's blocks).  Every list has a
 * total order (date, then path), so output never depends on the order the
 * file system listed things in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "markdown.h"
#include "memofile.h"
#include "schema.h"
#include "site.h"
#include "utf8.h"
#include "vote.h"

#define HOME_NOTICES 6
#define HOME_LATEST 8
#define HOME_CONSULTATIONS 4
#define HOME_SERVICES 6

const char *const site_context_roots[] = {"site", "page", "section",
    "pages", "paginator", "home", "taxon", "grid", NULL};

/* Keys the model computes (the schema's keys are known separately). */
static const char *const computed_keys[] = {
	/* site */
	"title", "sections", "org_label", "affairs_label", "people_label",
	"built", "updated", "assets", "tags_all", "years", "home_url",
	"rss", "sitemap", "supervisor", "complaint", "feed_url",
	"search_url", "search_index",
	/* section, taxon, paginator */
	"dir", "url", "count", "current", "total", "prev", "next", "number",
	"is_current", "page_list", "kind", "description", "records",
	/* record */
	"type_label", "section_title", "section_url", "year", "modified",
	"body", "summary_auto", "supersedes_rec", "superseded_by",
	"grid_list", "tag_list", "path",
	"source", "is_record", "canonical", "share_image_url",
	/* every page (render.c) */
	"head_title", "og_type", "abs_url", "qr_svg",
	"publicity_status", "publicity_status_label", "publicity_days",
	"publicity_days_left", "publicity_start", "publicity_end", "active",
	"days", /* publicity.days */
	/* home */
	"publicity_now", "notices", "latest", "consultations", "finance",
	"legal_next", "grids_all", "services", "schedule_url", "days_left",
	NULL,
};

bool
site_key_known(const char *key)
{
	static const char *const *const lists[] = {computed_keys, notice_keys,
	    disclosure_keys, power_keys, consultation_keys, schedule_keys,
	    vote_keys};
	const char *const *k;
	size_t n, i;

	for (i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		for (k = lists[i]; *k; k++)
			if (strcmp(*k, key) == 0)
				return true;
	for (k = site_context_roots; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	/* site.assets: file names with '.' as '_' (style_css) */
	n = strlen(key);
	if ((n > 4 && strcmp(key + n - 4, "_css") == 0) ||
	    (n > 3 && strcmp(key + n - 3, "_js") == 0) ||
	    (n > 4 && strcmp(key + n - 4, "_svg") == 0))
		return true;
	return schema_key_known(key);
}

static int
cmp_newest(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Percent-encode a path segment (tags are Chinese). */
static char *
pct_segment(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, j = 0;
	char *out = arena_alloc(a, n * 3 + 1);

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
		    ch == '.' || ch == '~') {
			out[j++] = (char)ch;
		} else {
			out[j++] = '%';
			out[j++] = hex[ch >> 4];
			out[j++] = hex[ch & 15];
		}
	}
	out[j] = '\0';
	return out;
}

static bool
taxon_add(struct taxon *t, struct record *r)
{
	struct record **nv;

	if (t->n && t->recs[t->n - 1] == r)
		return true; /* a tag written twice on one record */
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;

		nv = realloc(t->recs, cap * sizeof(*nv));
		if (nv == NULL)
			return false;
		t->recs = nv;
		t->cap = cap;
	}
	t->recs[t->n++] = r;
	return true;
}

static struct gv *
url_of(struct arena *a, const char *fmt, const char *x)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), fmt, x);
	return gv_url(a, buf);
}

/* Status of a 公示期 on the build day, in words. */
static void
publicity_status(struct site *s, struct record *r)
{
	struct arena *a = &s->arena;
	struct gv *p = gv_get(r->v, "publicity");
	int64_t start, end, left;
	const char *status, *label;
	char buf[128], d[64];

	if (p == NULL || gv_get(p, "end") == NULL)
		return;
	start = gv_get_int(p, "start", r->date);
	end = gv_get_int(p, "end", start);
	if (s->today < start) {
		status = "upcoming";
		snprintf(buf, sizeof(buf), "未开始（%s起公示）",
		    date_fmt_md_zh(start, d));
		label = buf;
	} else if (s->today <= end) {
		status = "active";
		left = end - s->today;
		if (left == 0)
			snprintf(buf, sizeof(buf), "公示中（今天是最后一天）");
		else
			snprintf(buf, sizeof(buf), "公示中（还剩 %lld 天，至%s）",
			    (long long)left + 1, date_fmt_md_zh(end, d));
		label = buf;
	} else {
		status = "ended";
		snprintf(buf, sizeof(buf), "已结束（%s公示期满）",
		    date_fmt_md_zh(end, d));
		label = buf;
	}
	gv_set(a, p, "start", gv_int(a, GV_DATE, start));
	gv_set_str(a, p, "status", status);
	gv_set_str(a, p, "status_label", label);
	gv_set_int(a, p, "days", GV_INT, end - start + 1);
	gv_set_bool(a, p, "active", strcmp(status, "active") == 0);
	gv_set_str(a, r->v, "publicity_status", status);
	gv_set_str(a, r->v, "publicity_status_label", label);
}

static struct taxon *
find_or_add(struct taxon **v, size_t *n, const char *name, bool *oom)
{
	struct taxon *nv;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0)
			return &(*v)[i];
	nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (nv == NULL) {
		*oom = true;
		return NULL;
	}
	*v = nv;
	memset(&nv[*n], 0, sizeof(*nv));
	nv[*n].name = name;
	return &nv[(*n)++];
}

static int
cmp_taxon_name(const void *a, const void *b)
{
	return strcmp(((const struct taxon *)a)->name,
	    ((const struct taxon *)b)->name);
}

static int
cmp_str_p(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* site.tags: every tag of the site once, sorted by name, so that a
 * record's tags are found by binary search (a portal may have hundreds of
 * tags).  false when out of memory. */
static bool
collect_tags(struct site *s)
{
	const char **names = NULL;
	size_t i, j, n = 0, total = 0;
	bool ok = false;

	for (i = 0; i < s->nrecs; i++)
		total += gv_len(gv_get(s->recs[i].v, "tags"));
	if (total == 0)
		return true;
	names = malloc(total * sizeof(*names));
	if (names == NULL)
		return false;
	for (i = 0; i < s->nrecs; i++) {
		const struct gv *tags = gv_get(s->recs[i].v, "tags");

		for (j = 0; j < gv_len(tags); j++)
			names[n++] = tags->u.list.v[j]->u.s.p;
	}
	qsort(names, n, sizeof(*names), cmp_str_p);
	s->tags = calloc(n, sizeof(*s->tags));
	if (s->tags == NULL)
		goto out;
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
			s->tags[s->ntags++].name = names[i];
	ok = true;
out:
	free(names);
	return ok;
}

/* The tag `name` of site.tags (collect_tags()), or NULL. */
static struct taxon *
tag_of(const struct site *s, const char *name)
{
	struct taxon key = {.name = name};

	return s->ntags == 0 ? NULL : bsearch(&key, s->tags, s->ntags,
	    sizeof(*s->tags), cmp_taxon_name);
}

static int
cmp_taxon_year_desc(const void *a, const void *b)
{
	return -strcmp(((const struct taxon *)a)->name,
	    ((const struct taxon *)b)->name);
}

static struct gv *
rec_list(struct arena *a, struct record **recs, size_t n, size_t max)
{
	struct gv *l = gv_list(a);
	size_t i;

	for (i = 0; l && i < n && i < max; i++)
		gv_push(a, l, recs[i]->v);
	return l;
}

static void
taxon_gv(struct arena *a, struct taxon *t, const char *url_fmt)
{
	t->v = gv_map(a);
	gv_set_str(a, t->v, "name", t->name);
	gv_set(a, t->v, "url", url_of(a, url_fmt, t->slug));
	gv_set_int(a, t->v, "count", GV_INT, (int64_t)t->n);
}

static void
home_model(struct site *s)
{
	struct arena *a = &s->arena;
	struct gv *home = gv_map(a), *pub = gv_list(a), *notices = gv_list(a);
	const struct section *ns = &s->sections[RT_NOTICE];
	size_t i, k;
	int pass;

	s->home = home;
	/* 正在公示: every record inside its window, newest first. */
	for (i = 0; i < s->nrecs; i++) {
		const struct gv *p = gv_get(s->sorted[i]->v, "publicity");

		if (gv_get_bool(p, "active") &&
		    gv_get(s->sorted[i]->v, "superseded_by") == NULL)
			gv_push(a, pub, s->sorted[i]->v);
	}
	gv_set(a, home, "publicity_now", pub);
	/* Latest notices: pinned first, expired ones gone. */
	for (pass = 0, k = 0; pass < 2; pass++)
		for (i = 0; i < ns->n && k < HOME_NOTICES; i++) {
			struct record *r = ns->recs[i];

			/* A corrected notice gives way to its correction. */
			if (r->pinned != (pass == 0) ||
			    gv_get_bool(r->v, "expired") ||
			    gv_get(r->v, "superseded_by") != NULL)
				continue;
			gv_push(a, notices, r->v);
			k++;
		}
	gv_set(a, home, "notices", notices);
	gv_set(a, home, "latest", rec_list(a, s->sorted, s->nrecs, HOME_LATEST));
	gv_set(a, home, "consultations",
	    rec_list(a, s->sections[RT_CONSULTATION].recs,
	    s->sections[RT_CONSULTATION].n, HOME_CONSULTATIONS));
	/* This period's finances: the newest finance disclosure with a
	 * ledger (title, url, period_label, ledger.total_*). */
	for (i = 0; i < s->sections[RT_DISCLOSURE].n; i++) {
		struct record *r = s->sections[RT_DISCLOSURE].recs[i];
		const char *cat = gv_get_str(r->v, "category");

		if (cat != NULL && strcmp(cat, "finance") == 0 &&
		    gv_get(r->v, "ledger") != NULL) {
			gv_set(a, home, "finance", r->v);
			break;
		}
	}
	/* 法律顾问下次坐班: the earliest next session of any schedule in
	 * force (schedule.c computed each one's next_session). */
	{
		const struct section *ls = &s->sections[RT_LEGAL_SCHEDULE];
		struct gv *best = NULL;

		for (i = 0; i < ls->n; i++) {
			struct gv *nx = gv_get(ls->recs[i]->v, "next_session");

			if (nx == NULL || gv_get_bool(ls->recs[i]->v, "superseded"))
				continue;
			if (best == NULL ||
			    gv_get_int(nx, "date", 0) < gv_get_int(best, "date", 0) ||
			    (gv_get_int(nx, "date", 0) == gv_get_int(best, "date", 0) &&
			    gv_get_int(nx, "start", 0) < gv_get_int(best, "start", 0)))
				best = nx;
		}
		if (best != NULL)
			gv_set(a, home, "legal_next", best);
	}
	/* 办事指南: the 便民服务 items of the 小微权力清单, newest first. */
	{
		const struct section *ps = &s->sections[RT_POWER_ITEM];
		struct gv *svc = gv_list(a);
		const char *cat;

		for (i = 0, k = 0; i < ps->n && k < HOME_SERVICES; i++) {
			cat = gv_get_str(ps->recs[i]->v, "category");
			if (cat != NULL && strcmp(cat, "convenience") == 0) {
				gv_push(a, svc, ps->recs[i]->v);
				k++;
			}
		}
		gv_set(a, home, "services", svc);
	}
}

int
site_model(struct site *s, struct diags *dg)
{
	struct arena *a = &s->arena;
	struct gv *sections, *list, *gl, *grids, *is_record;
	struct gv *sec_title[RT_COUNT], *sec_url[RT_COUNT];
	char buf[256];
	size_t i, j, t;
	bool oom = false;
	int64_t newest = 0;

	s->sorted = malloc((s->nrecs ? s->nrecs : 1) * sizeof(*s->sorted));
	if (s->sorted == NULL)
		goto oom;
	for (i = 0; i < s->nrecs; i++)
		s->sorted[i] = &s->recs[i];
	qsort(s->sorted, s->nrecs, sizeof(*s->sorted), cmp_newest);

	/* Labels in the site's wording. */
	gv_set_str(a, s->v, "title", gv_get_str(s->v, "org_name"));
	gv_set_str(a, s->v, "org_label", s->village ? "村委会" : "居委会");
	gv_set_str(a, s->v, "affairs_label", s->village ? "村务" : "居务");
	gv_set_str(a, s->v, "people_label", s->village ? "村民" : "居民");
	gv_set(a, s->v, "home_url", gv_url(a, ""));
	gv_set(a, s->v, "rss", gv_url(a, "rss.xml"));
	gv_set(a, s->v, "search_url", gv_url(a, "search/"));
	gv_set(a, s->v, "search_index", gv_url(a, "search.xml"));
	gv_set(a, s->v, "built", gv_int(a, GV_DATETIME, s->now));

	/* Sections. */
	sections = gv_list(a);
	for (t = 0; t < RT_COUNT; t++) {
		struct section *sec = &s->sections[t];

		sec->def = &section_defs[t];
		sec->recs = malloc((s->nrecs ? s->nrecs : 1) * sizeof(*sec->recs));
		if (sec->recs == NULL)
			goto oom;
		for (i = 0; i < s->nrecs; i++)
			if (s->sorted[i]->type == (enum rtype)t)
				sec->recs[sec->n++] = s->sorted[i];
		sec->v = gv_map(a);
		gv_set_str(a, sec->v, "dir", sec->def->dir);
		gv_set_str(a, sec->v, "type", sec->def->type_key);
		gv_set_str(a, sec->v, "title", section_title(s, sec->def));
		gv_set(a, sec->v, "url", url_of(a, "%s/", sec->def->dir));
		gv_set(a, sec->v, "rss", url_of(a, "%s/rss.xml", sec->def->dir));
		gv_set_int(a, sec->v, "count", GV_INT, (int64_t)sec->n);
		if (t == RT_POWER_ITEM)
			power_section(s, sec);
		gv_push(a, sections, sec->v);
	}
	gv_set(a, s->v, "sections", sections);

	/* Grids, in site.yaml order. */
	grids = gv_get(s->v, "grids");
	s->ngrids = gv_len(grids);
	if (s->ngrids) {
		s->grids = calloc(s->ngrids, sizeof(*s->grids));
		if (s->grids == NULL)
			goto oom;
	}
	for (i = 0; i < s->ngrids; i++) {
		struct gv *g = grids->u.list.v[i];

		s->grids[i].name = gv_get_str(g, "name");
		s->grids[i].slug = gv_get_str(g, "code");
		s->grids[i].v = g;
		gv_set(a, g, "url", url_of(a, "grids/%s/", s->grids[i].slug));
	}

	for (t = 0; t < RT_COUNT; t++) {
		sec_title[t] = gv_str_static(a, section_title(s, &section_defs[t]));
		sec_url[t] = gv_get(s->sections[t].v, "url");
	}
	is_record = gv_bool(a, true);

	if (!collect_tags(s))
		goto oom;
	/* Per record: addresses, labels, taxonomies. */
	for (i = 0; i < s->nrecs; i++) {
		struct record *r = s->sorted[i];
		const struct section_def *d = &section_defs[r->type];
		struct gv *tags = gv_get(r->v, "tags"), *rg = gv_get(r->v, "grids");
		int y, m, dd;

		snprintf(buf, sizeof(buf), "%s/%s/", d->dir, r->slug);
		gv_set(a, r->v, "url", gv_url(a, buf));
		/* What every record of a section shares is made once. */
		gv_set(a, r->v, "slug", gv_str_static(a, r->slug));
		gv_set(a, r->v, "path", gv_str_static(a, r->path));
		gv_set(a, r->v, "type_label", sec_title[r->type]);
		gv_set(a, r->v, "section_title", sec_title[r->type]);
		gv_set(a, r->v, "section_url", sec_url[r->type]);
		gv_set(a, r->v, "modified", gv_int(a, GV_DATE, r->modified));
		gv_set(a, r->v, "is_record", is_record);
		civil_from_days(r->date, &y, &m, &dd);
		gv_set_int(a, r->v, "year", GV_INT, y);
		if (r->modified > newest)
			newest = r->modified;
		publicity_status(s, r);

		list = gv_list(a);
		for (j = 0; j < gv_len(tags); j++) {
			const char *name = tags->u.list.v[j]->u.s.p;
			struct taxon *tx = tag_of(s, name);

			if (tx == NULL || !taxon_add(tx, r))
				goto oom;
			if (tx->slug == NULL)
				tx->slug = pct_segment(a, name);
		}
		snprintf(buf, sizeof(buf), "%d", y);
		{
			struct taxon *yx = find_or_add(&s->years, &s->nyears,
			    arena_strdup(a, buf), &oom);

			if (yx == NULL || !taxon_add(yx, r))
				goto oom;
			yx->slug = yx->name;
		}
		gl = gv_list(a);
		for (j = 0; j < gv_len(rg); j++)
			for (t = 0; t < s->ngrids; t++)
				if (strcmp(s->grids[t].slug,
				    rg->u.list.v[j]->u.s.p) == 0) {
					if (!taxon_add(&s->grids[t], r))
						goto oom;
					gv_push(a, gl, s->grids[t].v);
				}
		gv_set(a, r->v, "grid_list", gl);
		(void)list;
	}

	/* Tag maps need every tag's URL: a second pass. */
	/* site.tags is sorted by name already (collect_tags()). */
	if (s->nyears > 1)
		qsort(s->years, s->nyears, sizeof(*s->years),
		    cmp_taxon_year_desc);
	for (i = 0; i < s->ntags; i++)
		taxon_gv(a, &s->tags[i], "tags/%s/");
	for (i = 0; i < s->nyears; i++)
		taxon_gv(a, &s->years[i], "archives/%s/");
	for (i = 0; i < s->ngrids; i++)
		gv_set_int(a, s->grids[i].v, "count", GV_INT,
		    (int64_t)s->grids[i].n);
	for (i = 0; i < s->nrecs; i++) {
		struct record *r = &s->recs[i];
		struct gv *tags = gv_get(r->v, "tags");

		list = gv_list(a);
		for (j = 0; j < gv_len(tags); j++) {
			const struct taxon *tx = tag_of(s,
			    tags->u.list.v[j]->u.s.p);

			if (tx != NULL)
				gv_push(a, list, tx->v);
		}
		gv_set(a, r->v, "tag_list", list);
	}
	list = gv_list(a);
	for (i = 0; i < s->ntags; i++)
		gv_push(a, list, s->tags[i].v);
	gv_set(a, s->v, "tags_all", list);
	list = gv_list(a);
	for (i = 0; i < s->nyears; i++)
		gv_push(a, list, s->years[i].v);
	gv_set(a, s->v, "years", list);
	gv_set(a, s->v, "updated", gv_int(a, GV_DATE,
	    s->nrecs ? newest : s->today));

	/* Corrections leave a trace on both records. */
	for (i = 0; i < s->nrecs; i++) {
		struct record *r = &s->recs[i], *old;
		const char *sup = gv_get_str(r->v, "supersedes");

		if (sup == NULL || (old = site_find(s, r->type, sup)) == NULL)
			continue;
		gv_set(a, r->v, "supersedes_rec", old->v);
		gv_set(a, old->v, "superseded_by", r->v);
	}

	home_model(s);
	if (a->oom || oom)
		goto oom;
	return 0;
oom:
	diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
	return -1;
}

void
site_free(struct site *s)
{
	size_t i;

	for (i = 0; i < s->nrecs; i++)
		free(s->recs[i].path);
	free(s->recs);
	free(s->sorted);
	free(s->by_slug);
	for (i = 0; i < RT_COUNT; i++)
		free(s->sections[i].recs);
	for (i = 0; i < s->ntags; i++)
		free(s->tags[i].recs);
	free(s->tags);
	for (i = 0; i < s->nyears; i++)
		free(s->years[i].recs);
	free(s->years);
	for (i = 0; i < s->ngrids; i++)
		free(s->grids[i].recs);
	free(s->grids);
	arena_free(&s->arena);
	for (i = 0; i < s->nwarenas; i++)
		arena_free(&s->warenas[i]);
	free(s->warenas);
	free(s->dir);
	memofile_abort(s->memo_w);
	memset(s, 0, sizeof(*s));
}
