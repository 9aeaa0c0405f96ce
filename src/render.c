#include "render.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "cache.h"
#include "date.h"
#include "feed.h"
#include "fsutil.h"
#include "ics.h"
#include "markdown.h"
#include "qr.h"
#include "search.h"
#include "sitemap.h"
#include "utf8.h"

/* <title> carries the message cut to this many characters, then the
 * short name: WeChat's share card shows about that much. */
#define TITLE_CHARS 28

enum job_kind { J_PAGE, J_RECORD, J_FEED, J_FILE, J_SEARCH, J_ICS,
    J_SITEMAP };

struct job {
	enum job_kind kind;
	bool has_fp, has_out;
	const struct tmpl *t;
	char *file;  /* owned: path inside the output directory */
	char *url;   /* owned: site-relative URL of the page */
	uint64_t size;
	/* What each kind reads (one job per record at 50k records: the
	 * kinds share their room). */
	union {
		/* J_PAGE: a page, maybe one of a paginated list; J_ICS: the
		 * calendar of recs[0..n) named `title`; J_SITEMAP:
		 * sitemap.xml of sm[0..n) */
		struct {
			const char *title;
			const char *kind_name; /* page.kind: home, list, taxon,
			                        * grid, search, 404 */
			const char *desc;      /* page.description, or NULL */
			const char *root_name; /* "section", "taxon" or "grid",
			                        * or NULL */
			struct gv *root_val;
			struct record **recs;  /* the whole list */
			size_t n;
			size_t page, pages;    /* 1-based */
			const char *list_url;  /* the list's first page */
			const struct sitemap_url *sm;
		};
		struct record *rec;            /* J_RECORD */
		struct feed_spec feed;         /* J_FEED */
		struct {                       /* J_FILE: fixed bytes */
			char *data;            /* owned */
			size_t len;
		};
		struct {                       /* J_SEARCH */
			size_t from, to;       /* records [from, to) */
			const char *next;      /* the next part, or NULL */
		};
	};
	/* the result, for the cache */
	unsigned char fp[CACHE_HASH];  /* J_PAGE, J_RECORD, J_SEARCH */
	unsigned char out[CACHE_HASH]; /* other kinds, and reused pages:
	                                * hash of the bytes */
};

struct jobs {
	struct job *v;
	size_t n, cap;
	bool oom;
};

/* What render_site() planned, kept for render_quick(). */
struct render_plan {
	struct jobs js;
	struct sitemap_url *sm; /* owned: the sitemap job's URLs */
};

struct pool {
	struct site *s;
	struct jobs *jobs;
	const char *dir;
	const char *old_dir;       /* the current output, or NULL */
	const struct cache *old;   /* its cache, or NULL */
	const struct cache *held;  /* what `dir` holds already, or NULL */
	bool fresh;                /* `dir` is a new tree: no directories */
	/* Owned, made by schedule(), or NULL: */
	size_t *order;             /* the jobs in the order they are taken */
	/* The search index's text of each record (by its place in
	 * s->sorted), handed from its page's job, which parses the body
	 * anyway, to its part of the index; TAKEN once that part looked. */
	_Atomic(char *) *texts;
	size_t *rank;              /* by record (r - s->recs): its place */
	bool *want_text;           /* by part of the index: it is written */
	const char *salt;
	struct diags *dg;
	atomic_size_t next;
	atomic_int failed;       /* 0, -1 (template), -3 (system) */
	atomic_size_t pages, feeds, files, rendered, reused;
};

/* pool.texts: a part of the search index looked here already. */
static char taken_mark;
#define TAKEN (&taken_mark)

/* Write the part of the search index of job `j`, with the texts its
 * records' page jobs left (the others it makes itself). */
static int
search_part(struct pool *pl, const struct job *j, struct buf *out)
{
	char **texts = NULL;
	size_t i, n = 0;
	int rc;

	if (pl->texts != NULL && j->from < pl->s->nrecs) {
		n = (j->to < pl->s->nrecs ? j->to : pl->s->nrecs) - j->from;
		texts = calloc(n, sizeof(*texts));
		if (texts == NULL)
			return -3;
		for (i = 0; i < n; i++) {
			texts[i] = atomic_exchange(&pl->texts[j->from + i],
			    TAKEN);
			if (texts[i] == TAKEN)
				texts[i] = NULL;
		}
	}
	rc = search_index_write(pl->s, j->from, j->to, j->next, texts,
	    pl->dg, out);
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	return rc;
}


static struct job *
job_add(struct jobs *js, enum job_kind kind, const char *file, const char *url)
{
	struct job *j;

	if (js->oom)
		return NULL;
	if (js->n == js->cap) {
		size_t cap = js->cap ? js->cap * 2 : 256;
		struct job *nv = realloc(js->v, cap * sizeof(*nv));

		if (nv == NULL) {
			js->oom = true;
			return NULL;
		}
		js->v = nv;
		js->cap = cap;
	}
	j = &js->v[js->n];
	memset(j, 0, sizeof(*j));
	j->kind = kind;
	j->file = strdup(file);
	j->url = strdup(url);
	if (j->file == NULL || j->url == NULL) {
		free(j->file);
		free(j->url);
		js->oom = true;
		return NULL;
	}
	js->n++;
	return j;
}

static void
jobs_free(struct jobs *js)
{
	size_t i;

	for (i = 0; i < js->n; i++) {
		free(js->v[i].file);
		free(js->v[i].url);
		if (js->v[i].kind == J_FILE)
			free(js->v[i].data);
	}
	free(js->v);
}

/* Record templates by type, list templates by section, with fallbacks. */
static const char *
pick(struct tmpl_set *ts, const char *want, const char *fallback)
{
	return tmpl_exists(ts, want) ? want : fallback;
}

static char list_tmpl_names[RT_COUNT][64];

int
render_prepare(struct site *s, struct tmpl_set *ts, struct diags *dg)
{
	static const char *const fixed[] = {"index.html", "list.html",
	    "record.html", "taxon.html", "404.html", NULL};
	size_t i;
	int rc = 0;

	(void)s;
	for (i = 0; fixed[i]; i++)
		if (tmpl_get(ts, fixed[i], dg) == NULL)
			rc = -1;
	if (tmpl_exists(ts, "grid.html") && tmpl_get(ts, "grid.html", dg) == NULL)
		rc = -1;
	if (tmpl_exists(ts, "search.html") &&
	    tmpl_get(ts, "search.html", dg) == NULL)
		rc = -1;
	for (i = 0; i < RT_COUNT; i++) {
		snprintf(list_tmpl_names[i], sizeof(list_tmpl_names[i]),
		    "list-%s", section_defs[i].tmpl);
		if (tmpl_exists(ts, section_defs[i].tmpl) &&
		    tmpl_get(ts, section_defs[i].tmpl, dg) == NULL)
			rc = -1;
		if (tmpl_exists(ts, list_tmpl_names[i]) &&
		    tmpl_get(ts, list_tmpl_names[i], dg) == NULL)
			rc = -1;
	}
	return rc;
}

/* "../" once per directory level of `url`. */
static void
root_of(const char *url, struct buf *b)
{
	buf_reset(b);
	for (; *url; url++)
		if (*url == '/')
			buf_puts(b, "../");
	if (b->data == NULL)
		buf_puts(b, "");
}

static void
add_list_pages(struct site *s, struct jobs *js, const struct tmpl *t,
    const char *file_base, const char *url_base, const char *title,
    const char *desc, const char *kind, const char *root_name,
    struct gv *root_val, struct record **recs, size_t n)
{
	size_t pages = n ? (n + PER_PAGE - 1) / PER_PAGE : 1, p;
	char file[2048], url[2048];
	struct job *j;

	(void)s;
	for (p = 1; p <= pages; p++) {
		if (p == 1) {
			snprintf(file, sizeof(file), "%sindex.html", file_base);
			snprintf(url, sizeof(url), "%s", url_base);
		} else {
			snprintf(file, sizeof(file), "%spage/%zu/index.html",
			    file_base, p);
			snprintf(url, sizeof(url), "%spage/%zu/", url_base, p);
		}
		j = job_add(js, J_PAGE, file, url);
		if (j == NULL)
			return;
		j->t = t;
		j->title = title;
		j->desc = desc;
		j->kind_name = kind;
		j->root_name = root_name;
		j->root_val = root_val;
		j->recs = recs;
		j->n = n;
		j->page = p;
		j->pages = pages;
		j->list_url = url_base;
	}
}

/* A paginator: {current, total, prev, next, page_list}. */
static struct gv *
paginator(struct arena *a, const struct job *j)
{
	struct gv *p = gv_map(a), *list = gv_list(a), *item;
	char url[2048];
	size_t i;

#define PAGE_URL(n)                                                       \
	((n) == 1 ? snprintf(url, sizeof(url), "%s", j->list_url)         \
		  : snprintf(url, sizeof(url), "%spage/%zu/", j->list_url, \
			(size_t)(n)))
	gv_set_int(a, p, "current", GV_INT, (int64_t)j->page);
	gv_set_int(a, p, "total", GV_INT, (int64_t)j->pages);
	if (j->page > 1) {
		PAGE_URL(j->page - 1);
		gv_set(a, p, "prev", gv_url(a, url));
	}
	if (j->page < j->pages) {
		PAGE_URL(j->page + 1);
		gv_set(a, p, "next", gv_url(a, url));
	}
	for (i = 1; j->pages > 1 && i <= j->pages; i++) {
		item = gv_map(a);
		PAGE_URL(i);
		gv_set_int(a, item, "number", GV_INT, (int64_t)i);
		gv_set(a, item, "url", gv_url(a, url));
		gv_set_bool(a, item, "is_current", i == j->page);
		gv_push(a, list, item);
	}
	gv_set(a, p, "page_list", list);
#undef PAGE_URL
	return p;
}

/* A shallow copy of map `m` with room for more keys, in the scratch. */
static struct gv *
map_copy(struct arena *a, const struct gv *m)
{
	struct gv *c = gv_map(a);
	size_t i;

	for (i = 0; c && i < m->u.map.n; i++)
		gv_set(a, c, m->u.map.p[i].key, m->u.map.p[i].val);
	return c;
}

/* "title｜short name", the title cut to TITLE_CHARS characters. */
static const char *
head_title(struct arena *a, const char *title, const char *short_name)
{
	struct buf b = BUF_INIT;
	const char *r;

	if (utf8_chars(title) > TITLE_CHARS) {
		buf_put(&b, title, utf8_prefix(title, TITLE_CHARS - 1));
		buf_puts(&b, "…");
	} else {
		buf_puts(&b, title);
	}
	if (short_name != NULL && *short_name != '\0') {
		buf_puts(&b, "｜");
		buf_puts(&b, short_name);
	}
	r = buf_ok(&b) ? arena_strdup(a, b.data) : NULL;
	buf_free(&b);
	return r;
}

/*
 * What every page carries besides its content: head_title, description,
 * og_type, share_image (the record's cover, else site.share_image),
 * abs_url, modified (the page's own date for "更新于": the record's
 * `updated` or `date`; on a listing the newest record shown; otherwise
 * the site's newest record), and on a record page qr_svg, the QR code of
 * its absolute URL for the printed sheet.
 */
static int
page_meta(struct pool *pl, const struct job *j, struct arena *sa,
    struct gv *page)
{
	struct site *s = pl->s;
	const char *org = gv_get_str(s->v, "org_name");
	const char *title = gv_get_str(page, "title");
	const char *img = NULL, *desc = NULL, *abs;
	struct buf u = BUF_INIT;
	int64_t modified = -1;
	size_t i, from, to;

	if (title == NULL)
		title = org;
	gv_set_str(sa, page, "head_title", j->kind == J_PAGE &&
	    strcmp(j->kind_name, "home") == 0 ? org :
	    head_title(sa, title, gv_get_str(s->v, "short_name")));
	buf_puts(&u, s->base_url);
	buf_putc(&u, '/');
	buf_puts(&u, j->url);
	abs = buf_ok(&u) ? arena_strdup(sa, u.data) : NULL;
	buf_free(&u);
	if (abs == NULL)
		return -3;
	gv_set(sa, page, "abs_url", gv_url(sa, abs));
	if (j->kind == J_RECORD) {
		desc = gv_get_str(j->rec->v, "summary");
		img = gv_get_str(j->rec->v, "cover");
		modified = j->rec->modified;
		/* The code is a function of the URL: page_fill() makes it
		 * when the page is rendered. */
		gv_set_str(sa, page, "qr_svg", abs);
	} else if (j->pages > 0 && j->n > 0) {
		from = (j->page - 1) * PER_PAGE;
		to = from + PER_PAGE < j->n ? from + PER_PAGE : j->n;
		for (i = from; i < to; i++)
			if (j->recs[i]->modified > modified)
				modified = j->recs[i]->modified;
	}
	if (desc == NULL)
		desc = j->desc;
	if (desc == NULL)
		desc = title;
	gv_set_str(sa, page, "description", desc);
	gv_set_str(sa, page, "og_type", j->kind == J_RECORD ? "article" :
	    "website");
	if (img == NULL)
		img = gv_get_str(s->v, "share_image");
	if (img != NULL)
		gv_set(sa, page, "share_image", gv_url(sa, img));
	if (modified >= 0)
		gv_set(sa, page, "modified", gv_int(sa, GV_DATE, modified));
	else
		gv_set(sa, page, "modified", gv_get(s->v, "updated"));
	return sa->oom ? -3 : 0;
}

/*
 * The context of a page job, for its fingerprint: the expensive parts are
 * stood in for by what they are made of, a record's body by its source
 * file's hash and its QR code by its URL.  page_fill() puts the real ones
 * in when the page is rendered.  NULL with *rc set on failure.
 */
static struct gv *
page_ctx(struct pool *pl, struct job *j, struct arena *sa, struct buf *tmp,
    struct tmpl_env *env, int *rc)
{
	struct site *s = pl->s;
	struct gv *ctx, *page, *list;
	char hexbuf[2 * CACHE_HASH + 1];
	size_t i, from, to;

	*rc = 0;
	if (strcmp(j->file, "404.html") == 0) {
		/* Servers show 404.html at any missing URL, at any depth: its
		 * links and style sheet are absolute. */
		buf_reset(tmp);
		buf_puts(tmp, s->base_url);
		buf_putc(tmp, '/');
	} else {
		root_of(j->url, tmp);
	}
	env->root = tmp->data ? tmp->data : "";
	env->base_url = s->base_url;
	env->scratch = sa;
	ctx = gv_map(sa);
	gv_set(sa, ctx, "site", s->v);
	gv_set(sa, ctx, "home", s->home);
	if (j->kind == J_RECORD) {
		const struct section *sec = &s->sections[j->rec->type];

		page = map_copy(sa, j->rec->v);
		cache_hex(j->rec->hash, hexbuf);
		gv_set_str(sa, page, "body", hexbuf);
		gv_set_str(sa, page, "kind", "record");
		gv_set(sa, ctx, "section", sec->v);
	} else {
		page = gv_map(sa);
		gv_set_str(sa, page, "title", j->title);
		gv_set_str(sa, page, "kind", j->kind_name);
		if (j->root_name)
			gv_set(sa, ctx, j->root_name, j->root_val);
		if (j->pages > 0) {
			from = (j->page - 1) * PER_PAGE;
			to = from + PER_PAGE < j->n ? from + PER_PAGE : j->n;
			list = gv_list(sa);
			for (i = from; i < to; i++)
				gv_push(sa, list, j->recs[i]->v);
			gv_set(sa, ctx, "pages", list);
			gv_set(sa, ctx, "paginator", paginator(sa, j));
		}
	}
	gv_set(sa, page, "url", gv_url(sa, j->url));
	gv_set(sa, ctx, "page", page);
	*rc = page_meta(pl, j, sa, page);
	if (*rc == 0 && sa->oom)
		*rc = -3;
	return *rc == 0 ? ctx : NULL;
}

/*
 * Put a record page's body (its Markdown rendered) and QR code into the
 * context page_ctx() made, where it had their stand-ins, so that the page
 * is not assembled twice.  0, -1 (the file changed since it was loaded,
 * reported) or -3.
 */
static int
page_fill(struct pool *pl, struct job *j, struct arena *sa, struct gv *ctx,
    const struct tmpl_env *env)
{
	struct gv *page = gv_get(ctx, "page");
	struct buf svg = BUF_INIT, label = BUF_INIT;
	struct md_out md = {0};
	const char *abs = gv_get_str(page, "abs_url"), *body;
	char *text, *expect = NULL;
	size_t blen, at;
	int rc;

	if (j->kind != J_RECORD)
		return 0;
	at = pl->texts ? pl->rank[j->rec - pl->s->recs] : 0;
	rc = record_body(pl->s, j->rec, pl->dg, &text, &body, &blen);
	if (rc != 0)
		return rc;
	rc = (pl->texts && pl->want_text[at / SEARCH_SHARD] ?
	    md_render_text : md_render)(body, blen, env->root, &md) != 0 ?
	    -3 : 0;
	free(text);
	if (rc != 0)
		return rc;
	gv_set(sa, page, "body", gv_html(sa, md.html));
	/* Its index part takes the text; when that part looked already
	 * (and made its own), it is dropped. */
	if (md.text != NULL &&
	    atomic_compare_exchange_strong(&pl->texts[at], &expect, md.text))
		md.text = NULL;
	md_out_free(&md);
	buf_puts(&label, "本页网址二维码：");
	buf_puts(&label, abs ? abs : "");
	if (buf_ok(&label) && abs != NULL &&
	    qr_svg(abs, label.data, &svg) == 0)
		gv_set(sa, page, "qr_svg", gv_html(sa, svg.data));
	else
		/* A URL too long for a QR code has none: not an error. */
		gv_unset(page, "qr_svg");
	rc = buf_ok(&svg) && buf_ok(&label) && !sa->oom ? 0 : -3;
	buf_free(&svg);
	buf_free(&label);
	return rc;
}

/* A fingerprint's SHA-256, fed through a buffer: a page's fingerprint is
 * hundreds of pieces of a few bytes, and each EVP_DigestUpdate() call
 * costs more than hashing them. */
struct hasher {
	EVP_MD_CTX *md;
	size_t n;
	unsigned char b[2048];
};

static bool
hasher_flush(struct hasher *h)
{
	bool ok = h->n == 0 || EVP_DigestUpdate(h->md, h->b, h->n) != 0;

	h->n = 0;
	return ok;
}

static bool
md_update(struct hasher *h, const void *p, size_t n)
{
	if (n > sizeof(h->b) - h->n && !hasher_flush(h))
		return false;
	if (n > sizeof(h->b))
		return EVP_DigestUpdate(h->md, p, n) != 0;
	memcpy(h->b + h->n, p, n);
	h->n += n;
	return true;
}

/* Start a fingerprint.  false when out of memory (h->md may be set:
 * hasher_close() frees it either way). */
static bool
hasher_open(struct hasher *h)
{
	h->n = 0;
	h->md = EVP_MD_CTX_new();
	return h->md != NULL && EVP_DigestInit_ex(h->md, EVP_sha256(), NULL);
}

/* Finish a fingerprint into `fp` when `ok`, and free the hasher.  true
 * when `fp` was written. */
static bool
hasher_close(struct hasher *h, bool ok, unsigned char fp[CACHE_HASH])
{
	ok = ok && hasher_flush(h) && EVP_DigestFinal_ex(h->md, fp, NULL);
	EVP_MD_CTX_free(h->md);
	h->md = NULL;
	return ok;
}

/* Hash one value: its kind and, for a scalar, its bytes; a list or a map
 * by its length (what it holds is reached by its own paths). */
static bool
hash_value(struct hasher *md, const struct gv *v)
{
	unsigned char k = v == NULL ? 0xff : (unsigned char)v->kind;
	uint64_t n;

	if (!md_update(md, &k, 1) || v == NULL)
		return v == NULL ? true : false;
	switch (v->kind) {
	case GV_NULL:
		return true;
	case GV_BOOL:
		return md_update(md, &v->u.b, sizeof(v->u.b));
	case GV_STR:
	case GV_HTML:
	case GV_URL:
		n = v->u.s.len;
		return md_update(md, &n, sizeof(n)) &&
		    md_update(md, v->u.s.p, v->u.s.len);
	case GV_LIST:
	case GV_MAP:
		n = gv_len(v);
		return md_update(md, &n, sizeof(n));
	default:
		return md_update(md, &v->u.i, sizeof(v->u.i));
	}
}

/* Hash a value that a page shows only as its day (tmpl_deps(): "@day"):
 * a date-time as the date it falls on. */
static bool
hash_day(struct hasher *md, const struct gv *v)
{
	struct gv day;

	if (v == NULL || v->kind != GV_DATETIME)
		return hash_value(md, v);
	day = *v;
	day.kind = GV_DATE;
	day.u.i = date_day_of(v->u.i);
	return hash_value(md, &day);
}

/*
 * Hash the values at dependency path `p` ("a.b", "a[].b", "a#", "a.b@day")
 * under `v`.  A list step hashes the list's length, then the rest of the
 * path for every item.
 */
static bool
hash_path(struct hasher *md, const struct gv *v, const char *p)
{
	char seg[128];
	size_t n, i;
	uint64_t len;

	for (;;) {
		n = strcspn(p, ".[#@");
		if (n >= sizeof(seg))
			return false;
		memcpy(seg, p, n);
		seg[n] = '\0';
		v = gv_get(v, seg);
		p += n;
		if (*p == '#' || (*p == '[' && (v == NULL || v->kind != GV_LIST))) {
			len = gv_len(v);
			return md_update(md, &len, sizeof(len));
		}
		if (*p == '[') {
			p += 2; /* "[]" */
			if (*p == '.')
				p++;
			len = v->u.list.n;
			if (!md_update(md, &len, sizeof(len)))
				return false;
			for (i = 0; i < v->u.list.n; i++)
				if (*p == '\0' ? !hash_value(md, v->u.list.v[i]) :
				    *p == '@' ? !hash_day(md, v->u.list.v[i]) :
				    !hash_path(md, v->u.list.v[i], p))
					return false;
			return true;
		}
		if (*p == '@')
			return hash_day(md, v);
		if (*p == '\0' || v == NULL)
			return hash_value(md, v);
		p++; /* '.' */
	}
}

/* Fingerprint of a page job: everything its output is made of.  0, or
 * -3 when out of memory. */
static int
fingerprint(struct pool *pl, struct job *j, const struct gv *ctx,
    const struct tmpl_env *env)
{
	struct hasher h;
	const char *const *deps;
	size_t n = tmpl_deps(j->t, &deps), i;
	bool ok = hasher_open(&h) &&
	    md_update(&h, pl->salt, strlen(pl->salt) + 1) &&
	    md_update(&h, tmpl_hash(j->t), CACHE_HASH) &&
	    md_update(&h, j->file, strlen(j->file) + 1) &&
	    md_update(&h, env->root, strlen(env->root) + 1);

	for (i = 0; ok && i < n; i++)
		ok = md_update(&h, deps[i], strlen(deps[i]) + 1) &&
		    hash_path(&h, ctx, deps[i]);
	j->has_fp = hasher_close(&h, ok, j->fp);
	return j->has_fp ? 0 : -3;
}

/* Hash all of `v`: a map's keys and values, a list's items.  false past
 * a depth of 16 (no fingerprint then: the file is rendered). */
static bool
hash_deep(struct hasher *md, const struct gv *v, int depth)
{
	size_t i;

	if (depth > 16 || !hash_value(md, v))
		return false;
	if (v != NULL && v->kind == GV_MAP) {
		for (i = 0; i < v->u.map.n; i++)
			if (!md_update(md, v->u.map.p[i].key,
			    strlen(v->u.map.p[i].key) + 1) ||
			    !hash_deep(md, v->u.map.p[i].val, depth + 1))
				return false;
	} else if (v != NULL && v->kind == GV_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			if (!hash_deep(md, v->u.list.v[i], depth + 1))
				return false;
	}
	return true;
}

static bool
md_str(struct hasher *md, const char *s)
{
	return md_update(md, s ? s : "", s ? strlen(s) + 1 : 1) &&
	    md_update(md, s ? "" : "\1", 1);
}

static bool
md_int(struct hasher *md, int64_t i)
{
	return md_update(md, &i, sizeof(i));
}

/*
 * Fingerprint of a feed, calendar or sitemap job: everything
 * feed_write(), ics_write() and sitemap_write() read, so that an unchanged
 * one is not made again.  Keep it in step with them.  0 (j->fp set), 1
 * when it cannot be made (the file is made and compared by its bytes), or
 * -3 when out of memory.
 */
static int
file_fingerprint(struct pool *pl, struct job *j)
{
	const struct site *s = pl->s;
	struct hasher h, *md = &h;
	unsigned char kind = (unsigned char)j->kind;
	bool ok, deep = true;
	size_t i, n;

	if (!hasher_open(md)) {
		hasher_close(md, false, j->fp);
		return -3;
	}
	ok = md_str(md, pl->salt) && md_update(md, &kind, 1) &&
	    md_str(md, j->file) && md_str(md, s->base_url);
	switch (j->kind) {
	case J_FEED: {
		const struct feed_spec *f = &j->feed;

		n = f->n < (size_t)FEED_MAX ? f->n : (size_t)FEED_MAX;
		ok = ok && md_str(md, f->title) && md_str(md, f->description) &&
		    md_str(md, f->link) && md_str(md, f->self) && md_int(md,
		    (int64_t)n);
		for (i = 0; ok && i < n; i++) {
			const struct record *r = f->recs[i];

			ok = md_str(md, r->title) &&
			    md_str(md, gv_get_str(r->v, "url")) &&
			    md_int(md, r->date) && md_int(md, r->modified) &&
			    md_str(md, section_title(s,
			    &section_defs[r->type])) &&
			    md_update(md, r->hash, sizeof(r->hash));
		}
		break;
	}
	case J_SITEMAP:
		ok = ok && md_int(md, (int64_t)j->n);
		for (i = 0; ok && i < j->n; i++)
			ok = md_str(md, j->sm[i].url) &&
			    md_int(md, j->sm[i].lastmod);
		break;
	case J_ICS:
		ok = ok && md_str(md, j->title) && md_int(md, (int64_t)j->n);
		for (i = 0; ok && deep && i < j->n; i++) {
			const struct record *r = j->recs[i];

			ok = md_str(md, r->slug) && md_int(md, r->modified);
			deep = hash_deep(md, gv_get(r->v, "session_list"), 0);
		}
		break;
	default:
		deep = false;
		break;
	}
	/* Too deep to hash, or not a kind it knows: made and compared by
	 * its bytes. */
	j->has_fp = hasher_close(md, ok && deep, j->fp);
	return j->has_fp ? 0 : ok && !deep ? 1 : -3;
}

/*
 * The fingerprint of job `j`, by its kind: a page's from its context
 * (made here into *ctx, in `sa`, with `env`; page_fill() completes it), a
 * search part's from its records (when schedule() has not made it yet),
 * a feed's, calendar's or sitemap's from what it reads.  0 (j->fp set);
 * 1 when it has none (its bytes are compared instead); -3 when out of
 * memory.
 */
static int
job_fingerprint(struct pool *pl, struct job *j, struct arena *sa,
    struct buf *tmp, struct tmpl_env *env, struct gv **ctx)
{
	int rc = 0;

	*ctx = NULL;
	switch (j->kind) {
	case J_PAGE:
	case J_RECORD:
		*ctx = page_ctx(pl, j, sa, tmp, env, &rc);
		return *ctx != NULL && fingerprint(pl, j, *ctx, env) == 0 ?
		    0 : -3;
	case J_SEARCH:
		if (!j->has_fp && search_fingerprint(pl->s, j->from, j->to,
		    j->next, pl->salt, j->fp) != 0)
			return -3;
		j->has_fp = true;
		return 0;
	case J_FEED:
	case J_ICS:
	case J_SITEMAP:
		return file_fingerprint(pl, j);
	default:
		return 1;
	}
}

static const unsigned char zero_hash[CACHE_HASH];

/* After link(from, to) failed: make way (an older file at `to`, or no
 * directory yet in a new tree) and link again. */
static bool
relink(const char *from, const char *to)
{
	if (errno == EEXIST)
		return unlink(to) == 0 && link(from, to) == 0;
	return errno == ENOENT && mkdir_parent(to) == 0 &&
	    link(from, to) == 0;
}

static bool
same(const struct cache_entry *e, const struct job *j)
{
	if (e == NULL)
		return false;
	if (j->has_fp)
		return memcmp(e->fp, j->fp, CACHE_HASH) == 0;
	return j->has_out && memcmp(e->out, j->out, CACHE_HASH) == 0;
}

/*
 * Avoid rendering or writing a file the caches vouch for.  The tree being
 * built, when it is the recycled spare, may hold it already; else the
 * current output may, and it is hard-linked into place, which is cheaper
 * than rendering or writing it, when the file there has the size the
 * cache recorded.  true when the file is in place; false: render
 * or write it.  The two trees share the files linked so: write_file()
 * replaces a file that has other links, never writes through it.
 */
static bool
reuse(struct pool *pl, struct job *j, struct buf *from, struct buf *to)
{
	const struct cache_entry *e;
	struct stat st;

	if (!buf_ok(to))
		return false;
	/* The recycled tree is what its cache says (output_begin() compared
	 * its stamp: every file's size, inode and time): a file the cache
	 * vouches for is there as it was written. */
	e = pl->held ? cache_find(pl->held, j->file) : NULL;
	if (same(e, j))
		goto take;
	e = pl->old && pl->old_dir ? cache_find(pl->old, j->file) : NULL;
	if (!same(e, j))
		return false;
	buf_reset(from);
	buf_puts(from, pl->old_dir);
	buf_putc(from, '/');
	buf_puts(from, j->file);
	if (!buf_ok(from) || lstat(from->data, &st) != 0 ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size != e->size)
		return false;
	if (link(from->data, to->data) != 0 && !relink(from->data, to->data))
		return false;
take:
	j->size = e->size;
	if (!j->has_out && memcmp(e->out, zero_hash, CACHE_HASH) != 0) {
		memcpy(j->out, e->out, CACHE_HASH);
		j->has_out = true;
	}
	return true;
}

/* Produce one job's bytes into `out`; 0, -1 or -3. */
static int
run_job(struct pool *pl, struct job *j, struct arena *sa, struct buf *out,
    struct gv *ctx, const struct tmpl_env *env)
{
	struct site *s = pl->s;
	int rc = 0;

	buf_reset(out);
	switch (j->kind) {
	case J_FILE:
		buf_put(out, j->data, j->len);
		break;
	case J_FEED:
		rc = feed_write(s, &j->feed, pl->dg, out);
		break;
	case J_SEARCH:
		rc = search_part(pl, j, out);
		break;
	case J_ICS:
		ics_write(s, j->recs, j->n, j->title, out);
		break;
	case J_SITEMAP:
		if (sitemap_write(s, j->sm, j->n, out) != 0)
			rc = -3;
		break;
	case J_PAGE:
	case J_RECORD:
		rc = page_fill(pl, j, sa, ctx, env);
		if (rc == 0 && tmpl_render(j->t, ctx, env, out, pl->dg) != 0)
			rc = -1;
		break;
	}
	if (rc == 0 && !buf_ok(out))
		rc = -3;
	return rc;
}

static void
fail(struct pool *pl, int rc)
{
	int zero = 0;

	atomic_compare_exchange_strong(&pl->failed, &zero, rc);
}

static void *
worker(void *arg)
{
	struct pool *pl = arg;
	struct arena sa = ARENA_INIT;
	struct buf out = BUF_INIT, tmp = BUF_INIT, path = BUF_INIT;
	struct buf from = BUF_INIT;
	struct tmpl_env env;
	struct gv *ctx;
	size_t i;
	int rc, e;

	while (atomic_load(&pl->failed) == 0) {
		i = atomic_fetch_add(&pl->next, 1);
		if (i >= pl->jobs->n)
			break;
		struct job *j = &pl->jobs->v[pl->order ? pl->order[i] : i];

		arena_reset(&sa);
		buf_reset(&path);
		buf_puts(&path, pl->dir);
		buf_putc(&path, '/');
		buf_puts(&path, j->file);
		/* In a new tree the page's directory is not there yet: made
		 * first, it saves each file a failed open() or link() (12k
		 * at 10k records).  A failure shows when the file is
		 * written. */
		if (pl->fresh && buf_ok(&path))
			(void)mkdir_parent(path.data);
		/* Decide by fingerprint before rendering (a search part's
		 * was made by schedule()). */
		rc = job_fingerprint(pl, j, &sa, &tmp, &env, &ctx);
		if (rc < 0) {
			diag_add(pl->dg, DIAG_ERROR, NULL, 0, 0,
			    "生成 %s 时内存不足", j->file);
			fail(pl, -3);
			break;
		}
		if (rc == 0 && reuse(pl, j, &from, &path))
			goto done;
		rc = run_job(pl, j, &sa, &out, ctx, &env);
		if (rc == -3)
			diag_add(pl->dg, DIAG_ERROR, NULL, 0, 0,
			    "生成 %s 时内存不足", j->file);
		if (rc != 0) {
			fail(pl, rc);
			break;
		}
		j->size = out.len;
		if (!j->has_fp) {
			/* Feeds, the search index, fixed files: by their
			 * bytes. */
			if (!EVP_Digest(out.data ? out.data : "", out.len,
			    j->out, NULL, EVP_sha256(), NULL)) {
				fail(pl, -3);
				break;
			}
			j->has_out = true;
			if (reuse(pl, j, &from, &path))
				goto done;
		}
		e = buf_ok(&path) ? write_file(path.data, out.data ? out.data : "",
		    out.len) : ENOMEM;
		if (e != 0) {
			diag_add(pl->dg, DIAG_ERROR, NULL, 0, 0,
			    "无法写入 %s：%s%s", j->file, strerror(e),
			    e == ENOSPC || e == EDQUOT || e == EFBIG ?
			    "（磁盘空间不足）" : "");
			fail(pl, -3);
			break;
		}
		atomic_fetch_add(&pl->rendered, 1);
		goto counted;
done:
		atomic_fetch_add(&pl->reused, 1);
counted:
		atomic_fetch_add(&pl->files, 1);
		if (j->kind == J_PAGE || j->kind == J_RECORD)
			atomic_fetch_add(&pl->pages, 1);
		else if (j->kind == J_FEED)
			atomic_fetch_add(&pl->feeds, 1);
	}
	arena_free(&sa);
	buf_free(&out);
	buf_free(&tmp);
	buf_free(&path);
	buf_free(&from);
	return NULL;
}

static void
add_feed(struct site *s, struct jobs *js, const char *file,
    const char *title, const char *desc, const char *link,
    struct record **recs, size_t n)
{
	struct job *j = job_add(js, J_FEED, file, file);

	(void)s;
	if (j == NULL)
		return;
	j->feed.title = title;
	j->feed.description = desc;
	j->feed.link = link;
	j->feed.self = j->file;
	j->feed.recs = recs;
	j->feed.n = n;
}

static void
add_file(struct jobs *js, const char *file, struct buf *b)
{
	struct job *j;

	if (!buf_ok(b)) {
		js->oom = true;
		return;
	}
	j = job_add(js, J_FILE, file, file);
	if (j == NULL)
		return;
	j->len = b->len;
	j->data = buf_steal(b);
	if (j->data == NULL)
		js->oom = true;
}

/* legal-advisors/<slug>/schedule.ics per schedule, and
 * legal-advisors/schedule.ics with every schedule still in force (not
 * superseded by a correction).  Written by the workers like the feeds,
 * so that no calendar's bytes wait in memory for their turn. */
static void
add_ics(struct site *s, struct jobs *js)
{
	const struct section *sec = &s->sections[RT_LEGAL_SCHEDULE];
	struct record **cur;
	struct job *j;
	char file[2048], name[512];
	size_t i, n = 0;

	for (i = 0; i < sec->n; i++) {
		struct record *r = sec->recs[i];

		snprintf(file, sizeof(file), "%s/%s/schedule.ics", sec->def->dir,
		    r->slug);
		if ((j = job_add(js, J_ICS, file, file)) == NULL)
			return;
		j->recs = &sec->recs[i];
		j->n = 1;
		j->title = r->title;
	}
	if (sec->n == 0)
		return;
	/* In the site's arena: the job reads it until the end. */
	cur = arena_alloc(&s->arena, sec->n * sizeof(*cur));
	if (cur == NULL) {
		js->oom = true;
		return;
	}
	for (i = 0; i < sec->n; i++)
		if (!gv_get_bool(sec->recs[i]->v, "superseded"))
			cur[n++] = sec->recs[i];
	snprintf(file, sizeof(file), "%s/schedule.ics", sec->def->dir);
	snprintf(name, sizeof(name), "%s法律顾问坐班安排",
	    gv_get_str(s->v, "org_name"));
	if ((j = job_add(js, J_ICS, file, file)) == NULL)
		return;
	j->recs = cur;
	j->n = n;
	j->title = arena_strdup(&s->arena, name);
	if (j->title == NULL)
		js->oom = true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Make sure every directory the jobs write into is one, in a recycled
 * tree, before the threads start: a file of the old output may stand
 * where a directory goes now.  0 or -3.
 */
static int
make_dirs(const struct jobs *js, const char *dir, const struct cache *held,
    struct diags *dg)
{
	char **dirs = malloc((js->n + 1) * sizeof(*dirs)), *slash, *full;
	size_t i, n = 0;
	int rc = 0, e;

	if (dirs == NULL)
		return -3;
	for (i = 0; i < js->n; i++) {
		slash = strrchr(js->v[i].file, '/');
		/* A file the tree holds has its directory already (the tree
		 * is what its cache says: output_begin() checked). */
		if (slash == NULL || (held != NULL &&
		    cache_find(held, js->v[i].file) != NULL))
			continue;
		dirs[n] = strndup(js->v[i].file,
		    (size_t)(slash - js->v[i].file));
		if (dirs[n] == NULL) {
			rc = -3;
			goto out;
		}
		n++;
	}
	if (n > 1)
		qsort(dirs, n, sizeof(*dirs), cmp_str);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(dirs[i], dirs[i - 1]) == 0)
			continue;
		full = path_join(dir, dirs[i]);
		/* Sorted: a parent usually exists already. */
		e = full == NULL ? ENOMEM : mkdir(full, 0755) == 0 ? 0 :
		    errno == ENOENT ? mkdir_p(full) : errno;
		/* A recycled tree may hold a file where a directory goes. */
		if (e == EEXIST)
			e = is_dir(full) ? 0 : unlink(full) != 0 ? errno :
			    mkdir(full, 0755) != 0 ? errno : 0;
		free(full);
		if (e != 0) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0, "无法创建目录 %s：%s%s",
			    dirs[i], strerror(e), e == ENOSPC || e == EDQUOT ?
			    "（磁盘空间不足）" : "");
			rc = -3;
			goto out;
		}
	}
out:
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	return rc;
}

/* Release what schedule() made, and the texts no part took. */
static void
schedule_free(struct pool *pl, size_t nrecs)
{
	size_t i;

	for (i = 0; pl->texts != NULL && i < nrecs; i++) {
		char *txt = atomic_load(&pl->texts[i]);

		if (txt != TAKEN)
			free(txt);
	}
	free(pl->texts);
	free(pl->order);
	free(pl->rank);
	free(pl->want_text);
	pl->texts = NULL;
	pl->order = NULL;
	pl->rank = NULL;
	pl->want_text = NULL;
}

/*
 * The order the workers take the jobs in, and the hand-over of search
 * text.  A part of the search index is built from the plain text of its
 * records' bodies, which their page jobs parse anyway: each part's job
 * comes right after its records' page jobs, so that it finds their texts
 * and only a part's worth of them waits in memory.  The other jobs come
 * after, in their own order (the biggest files, the sitemap and the
 * calendars, last: a worker's buffer keeps the size of its biggest
 * file).  A part the caches vouch for (its fingerprint is made here) is
 * not built: its records' jobs make no text for it.  Fills pl->order,
 * texts, rank and want_text (schedule_free() releases them); 0, or -3.
 */
static int
schedule(struct pool *pl, const struct site *s, struct jobs *js)
{
	size_t nparts = s->nrecs / SEARCH_SHARD + 1;
	size_t nr = s->nrecs ? s->nrecs : 1;
	size_t *by_rank, *part, i, k, n = 0;
	const struct cache_entry *e;
	int rc = -3;

	pl->order = malloc((js->n ? js->n : 1) * sizeof(*pl->order));
	pl->texts = calloc(nr, sizeof(*pl->texts));
	pl->rank = malloc(nr * sizeof(*pl->rank));
	pl->want_text = calloc(nparts, sizeof(*pl->want_text));
	by_rank = malloc(nr * sizeof(*by_rank));
	part = malloc(nparts * sizeof(*part));
	if (pl->order == NULL || pl->texts == NULL || pl->rank == NULL ||
	    pl->want_text == NULL || by_rank == NULL || part == NULL)
		goto out;
	for (i = 0; i < s->nrecs; i++) {
		atomic_init(&pl->texts[i], NULL);
		pl->rank[s->sorted[i] - s->recs] = i;
		by_rank[i] = SIZE_MAX;
	}
	for (k = 0; k < nparts; k++)
		part[k] = SIZE_MAX;
	for (i = 0; i < js->n; i++) {
		struct job *j = &js->v[i];

		if (j->kind == J_RECORD) {
			by_rank[pl->rank[j->rec - s->recs]] = i;
		} else if (j->kind == J_SEARCH) {
			if (search_fingerprint(s, j->from, j->to, j->next,
			    pl->salt, j->fp) != 0)
				goto out;
			j->has_fp = true;
			k = j->from / SEARCH_SHARD;
			part[k] = i;
			e = pl->old ? cache_find(pl->old, j->file) : NULL;
			pl->want_text[k] = !same(e, j);
			e = pl->held ? cache_find(pl->held, j->file) : NULL;
			if (same(e, j))
				pl->want_text[k] = false;
		}
	}
	for (k = 0; k < nparts; k++) {
		for (i = k * SEARCH_SHARD; i < (k + 1) * SEARCH_SHARD &&
		    i < s->nrecs; i++)
			if (by_rank[i] != SIZE_MAX)
				pl->order[n++] = by_rank[i];
		if (part[k] != SIZE_MAX)
			pl->order[n++] = part[k];
	}
	for (i = 0; i < js->n; i++)
		if (js->v[i].kind != J_RECORD && js->v[i].kind != J_SEARCH)
			pl->order[n++] = i;
	rc = 0;
out:
	free(by_rank);
	free(part);
	/* A record without a page job cannot be; were there one, the jobs
	 * would go in their own order, without hand-over. */
	if (rc != 0 || n != js->n)
		schedule_free(pl, s->nrecs);
	return rc;
}

int
render_site(struct site *s, struct tmpl_set *ts, const char *dir,
    bool recycled, int jobs, const char *old_dir, const struct cache *old,
    const struct cache *held, struct cache *now, const char *salt,
    struct diags *dg, struct render_stats *st, struct render_plan **plan)
{
	struct jobs js = {0};
	struct pool pl;
	struct buf b = BUF_INIT;
	struct sitemap_url *sm = NULL;
	pthread_t *th = NULL;
	char file[4096], url[2048], title[512], desc[512];
	size_t i, t, nsm = 0;
	int k, started = 0, rc = 0;
	const char *org = gv_get_str(s->v, "org_name");

	memset(&pl, 0, sizeof(pl));

	/* Home, 404, robots.txt */
	{
		struct job *j = job_add(&js, J_PAGE, "index.html", "");

		if (j) {
			j->t = tmpl_get(ts, "index.html", dg);
			j->title = org;
			j->kind_name = "home";
			snprintf(desc, sizeof(desc),
			    "%s：正在公示的事项、最新通知、%s公开、办事电话和法律顾问坐班安排",
			    org, gv_get_str(s->v, "affairs_label"));
			j->desc = arena_strdup(&s->arena, desc);
		}
		j = job_add(&js, J_PAGE, "404.html", "");
		if (j) {
			j->t = tmpl_get(ts, "404.html", dg);
			j->title = "页面没有找到";
			j->kind_name = "404";
		}
		buf_printf(&b, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n",
		    s->base_url);
		add_file(&js, "robots.txt", &b);
		/* Search: one job writes the index of every record; the page
		 * (when the theme has one) reads it with a script. */
		for (i = 0; i == 0 || i < s->nrecs; i += SEARCH_SHARD) {
			char name[64], next[64];

			if (i == 0)
				snprintf(name, sizeof(name), "%s", SEARCH_INDEX);
			else
				snprintf(name, sizeof(name), "search-%zu.xml",
				    i / SEARCH_SHARD + 1);
			snprintf(next, sizeof(next), "search-%zu.xml",
			    i / SEARCH_SHARD + 2);
			if ((j = job_add(&js, J_SEARCH, name, name)) == NULL)
				break;
			j->from = i;
			j->to = i + SEARCH_SHARD;
			j->next = i + SEARCH_SHARD < s->nrecs ?
			    arena_strdup(&s->arena, next) : NULL;
		}
		if (tmpl_exists(ts, "search.html") &&
		    (j = job_add(&js, J_PAGE, "search/index.html", "search/"))) {
			j->t = tmpl_get(ts, "search.html", dg);
			j->title = "搜索";
			j->kind_name = "search";
			snprintf(desc, sizeof(desc), "在%s网站的全部通知和公开里搜索",
			    org);
			j->desc = arena_strdup(&s->arena, desc);
		}
	}
	/* Sections: listings, records, feeds. */
	for (t = 0; t < RT_COUNT; t++) {
		struct section *sec = &s->sections[t];
		const struct tmpl *lt = tmpl_get(ts,
		    pick(ts, list_tmpl_names[t], "list.html"), dg);
		const struct tmpl *rt = tmpl_get(ts,
		    pick(ts, sec->def->tmpl, "record.html"), dg);
		const char *stitle = section_title(s, sec->def);

		size_t nlist = sec->n;

		/* The 小微权力清单 is one table of every item (section.groups):
		 * with its own template it is never split into pages. */
		if (t == RT_POWER_ITEM && tmpl_exists(ts, list_tmpl_names[t]) &&
		    nlist > PER_PAGE)
			nlist = PER_PAGE;
		snprintf(file, sizeof(file), "%s/", sec->def->dir);
		/* The jobs keep the URL base: not this reused buffer. */
		snprintf(desc, sizeof(desc), "%s发布的%s，共 %zu 条", org,
		    stitle, sec->n);
		add_list_pages(s, &js, lt, file, arena_strdup(&s->arena, file),
		    stitle, arena_strdup(&s->arena, desc), "list", "section",
		    sec->v, sec->recs, nlist);
		for (i = 0; i < sec->n; i++) {
			struct record *r = sec->recs[i];
			struct job *j;

			snprintf(url, sizeof(url), "%s/%s/", sec->def->dir,
			    r->slug);
			snprintf(file, sizeof(file), "%sindex.html", url);
			j = job_add(&js, J_RECORD, file, url);
			if (j) {
				j->t = rt;
				j->rec = r;
			}
		}
		snprintf(file, sizeof(file), "%s/rss.xml", sec->def->dir);
		snprintf(title, sizeof(title), "%s · %s", stitle, org);
		snprintf(desc, sizeof(desc), "%s发布的%s", org, stitle);
		snprintf(url, sizeof(url), "%s/", sec->def->dir);
		add_feed(s, &js, file, arena_strdup(&s->arena, title),
		    arena_strdup(&s->arena, desc),
		    arena_strdup(&s->arena, url), sec->recs, sec->n);
	}
	add_ics(s, &js);
	snprintf(desc, sizeof(desc), "%s的通知公告、%s公开、议事协商和法律服务信息",
	    org, gv_get_str(s->v, "affairs_label"));
	add_feed(s, &js, "rss.xml", org, arena_strdup(&s->arena, desc), "",
	    s->sorted, s->nrecs);

	/* Taxonomies. */
	{
		const struct tmpl *tt = tmpl_get(ts, "taxon.html", dg);
		const struct tmpl *gt = tmpl_get(ts,
		    pick(ts, "grid.html", "taxon.html"), dg);

		for (i = 0; i < s->ntags; i++) {
			struct taxon *x = &s->tags[i];

			snprintf(file, sizeof(file), "tags/%s/", x->name);
			snprintf(url, sizeof(url), "tags/%s/", x->slug);
			snprintf(title, sizeof(title), "标签：%s", x->name);
			snprintf(desc, sizeof(desc), "%s发布的带“%s”标签的内容，共 %zu 条",
			    org, x->name, x->n);
			add_list_pages(s, &js, tt, file, arena_strdup(&s->arena,
			    url), arena_strdup(&s->arena, title),
			    arena_strdup(&s->arena, desc), "taxon", "taxon",
			    x->v, x->recs, x->n);
		}
		for (i = 0; i < s->nyears; i++) {
			struct taxon *x = &s->years[i];

			snprintf(file, sizeof(file), "archives/%s/", x->name);
			snprintf(title, sizeof(title), "%s年归档", x->name);
			snprintf(desc, sizeof(desc), "%s %s年发布的全部内容，共 %zu 条",
			    org, x->name, x->n);
			add_list_pages(s, &js, tt, file, arena_strdup(&s->arena,
			    file), arena_strdup(&s->arena, title),
			    arena_strdup(&s->arena, desc), "taxon", "taxon",
			    x->v, x->recs, x->n);
		}
		for (i = 0; i < s->ngrids; i++) {
			struct taxon *x = &s->grids[i];

			snprintf(file, sizeof(file), "grids/%s/", x->slug);
			snprintf(title, sizeof(title), "%s（%s）", x->name,
			    x->slug);
			snprintf(desc, sizeof(desc), "%s%s：网格员的电话，以及涉及本网格的通知和公开",
			    org, x->name);
			add_list_pages(s, &js, gt, file, arena_strdup(&s->arena,
			    file), arena_strdup(&s->arena, title),
			    arena_strdup(&s->arena, desc), "grid", "grid",
			    x->v, x->recs, x->n);
		}
	}
	if (s->arena.oom)
		js.oom = true;

	/* The sitemap lists every HTML page but 404. */
	sm = calloc(js.n + 1, sizeof(*sm));
	if (sm == NULL)
		js.oom = true;
	for (i = 0; sm && i < js.n; i++) {
		struct job *j = &js.v[i];

		if (j->kind == J_FEED || j->kind == J_FILE ||
		    j->kind == J_SEARCH || j->kind == J_ICS ||
		    strcmp(j->file, "404.html") == 0)
			continue;
		sm[nsm].url = j->url;
		sm[nsm].lastmod = j->kind == J_RECORD ? j->rec->modified :
		    (j->n > 0 ? j->recs[0]->modified : -1);
		nsm++;
	}
	/* Written by a worker: its bytes need not wait in memory. */
	if (sm != NULL) {
		struct job *smj = job_add(&js, J_SITEMAP, "sitemap.xml",
		    "sitemap.xml");

		if (smj != NULL) {
			smj->sm = sm;
			smj->n = nsm;
		}
	}
	if (js.oom) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		rc = -3;
		goto out;
	}
	for (i = 0; i < js.n; i++)
		if ((js.v[i].kind == J_PAGE || js.v[i].kind == J_RECORD) &&
		    js.v[i].t == NULL) {
			rc = -1;
			goto out;
		}

	/* A new tree gets its directories from the workers, as they write
	 * (in parallel; most are a record's own).  A recycled one may hold a
	 * file where a directory goes: that is settled first. */
	rc = recycled ? make_dirs(&js, dir, held != NULL && held->n > 0 ?
	    held : NULL, dg) : 0;
	if (rc != 0)
		goto out;
	pl.s = s;
	pl.jobs = &js;
	pl.dir = dir;
	pl.old_dir = old != NULL && old->n > 0 ? old_dir : NULL;
	pl.old = old;
	pl.held = held != NULL && held->n > 0 ? held : NULL;
	pl.fresh = !recycled;
	pl.salt = salt;
	pl.dg = dg;
	if (schedule(&pl, s, &js) != 0) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		rc = -3;
		goto out;
	}
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > js.n)
		jobs = js.n ? (int)js.n : 1;
	th = calloc((size_t)jobs, sizeof(*th));
	if (th == NULL) {
		rc = -3;
		goto out;
	}
	for (k = 1; k < jobs; k++) {
		if (pthread_create(&th[k], NULL, worker, &pl) != 0)
			break;
		started++;
	}
	worker(&pl);
	for (k = 1; k <= started; k++)
		pthread_join(th[k], NULL);
	rc = atomic_load(&pl.failed);
	st->pages += atomic_load(&pl.pages);
	st->feeds += atomic_load(&pl.feeds);
	st->files += atomic_load(&pl.files);
	st->rendered += atomic_load(&pl.rendered);
	st->reused += atomic_load(&pl.reused);
	for (i = 0; rc == 0 && now != NULL && i < js.n; i++) {
		struct job *j = &js.v[i];

		if (cache_add(now, j->file, j->has_fp ? j->fp : NULL,
		    j->has_out ? j->out : NULL, j->size) != 0) {
			diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
			rc = -3;
		}
	}
	/* The jobs, with what they found, for render_quick(). */
	if (rc == 0 && plan != NULL) {
		*plan = malloc(sizeof(**plan));
		if (*plan != NULL) {
			(*plan)->js = js;
			(*plan)->sm = sm;
			memset(&js, 0, sizeof(js));
			sm = NULL;
		}
	}
out:
	schedule_free(&pl, s->nrecs);
	free(th);
	free(sm);
	buf_free(&b);
	jobs_free(&js);
	return rc;
}

void
render_plan_free(struct render_plan *p)
{
	if (p == NULL)
		return;
	jobs_free(&p->js);
	free(p->sm);
	free(p);
}

/* Does job `j` show the body of one of recs[0..n) (whose places in
 * s->sorted are rank[0..n))? */
static bool
shows_body(const struct job *j, struct record *const *recs,
    const size_t *rank, size_t n)
{
	size_t k, m, items;

	for (k = 0; k < n; k++) {
		switch (j->kind) {
		case J_RECORD:
			if (j->rec == recs[k])
				return true;
			break;
		case J_FEED:
			items = j->feed.n < (size_t)FEED_MAX ? j->feed.n :
			    (size_t)FEED_MAX;
			for (m = 0; m < items; m++)
				if (j->feed.recs[m] == recs[k])
					return true;
			break;
		case J_SEARCH:
			if (rank[k] >= j->from && rank[k] < j->to)
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* A part of the search index from the one in the output (`path` is
 * scratch), with the entries of the changed records (at places
 * rank[0..n)) made again: the other records' bodies are not read.  0; 1
 * when it cannot be (make it whole); -1 or -3. */
static int
quick_search(struct pool *pl, struct job *j, const size_t *rank, size_t n,
    struct buf *out, struct buf *path)
{
	size_t *at = malloc((n ? n : 1) * sizeof(*at)), m = 0, k, len;
	char *old = NULL;
	int rc = 1;

	if (at == NULL)
		return -3;
	for (k = 0; k < n; k++)
		if (rank[k] >= j->from && rank[k] < j->to)
			at[m++] = rank[k];
	qsort(at, m, sizeof(*at), cmp_size);
	buf_reset(path);
	buf_puts(path, pl->dir);
	buf_putc(path, '/');
	buf_puts(path, j->file);
	if (buf_ok(path) && read_file(path->data, (size_t)1 << 30, &old,
	    &len) == 0)
		rc = search_index_splice(pl->s, j->from, j->to, j->next, old,
		    len, at, m, pl->dg, out);
	free(old);
	free(at);
	return rc;
}

/*
 * One job of render_quick(): its fingerprint, and when `now` does not
 * vouch for it, its bytes, written over the file in `pl->dir` at once,
 * and its entry in `now` changed.  *wrote tells.  0, -1 or -3 (not
 * reported: the caller builds the whole site instead).
 */
static int
quick_job(struct pool *pl, struct job *j, const size_t *rank, size_t n,
    struct arena *sa, struct buf *out, struct buf *tmp, struct buf *path,
    struct cache *now, bool *wrote)
{
	const struct cache_entry *e = cache_find(now, j->file);
	struct tmpl_env env;
	struct gv *ctx = NULL;
	int rc = 0;

	*wrote = false;
	arena_reset(sa);
	j->has_fp = j->has_out = false;
	if (e == NULL || job_fingerprint(pl, j, sa, tmp, &env, &ctx) < 0)
		return -3;
	if (same(e, j))
		return 0;
	rc = j->kind == J_SEARCH ? quick_search(pl, j, rank, n, out, path) : 1;
	if (rc == 1)
		rc = run_job(pl, j, sa, out, ctx, &env);
	if (rc != 0)
		return rc;
	j->size = out->len;
	if (!j->has_fp) {
		if (!EVP_Digest(out->data ? out->data : "", out->len, j->out,
		    NULL, EVP_sha256(), NULL))
			return -3;
		j->has_out = true;
		if (same(e, j))
			return 0;
	}
	buf_reset(path);
	buf_puts(path, pl->dir);
	buf_putc(path, '/');
	buf_puts(path, j->file);
	if (!buf_ok(path) || replace_file(path->data,
	    out->data ? out->data : "", out->len) != 0 ||
	    cache_set(now, j->file, j->has_fp ? j->fp : NULL,
	    j->has_out ? j->out : NULL, j->size) != 0)
		return -3;
	*wrote = true;
	return 0;
}

int
render_quick(struct render_plan *p, struct site *s, const char *dir,
    struct record *const *recs, size_t n, struct cache *now,
    const char *salt, struct diags *dg, struct render_stats *st)
{
	struct pool pl;
	struct arena sa = ARENA_INIT;
	struct buf out = BUF_INIT, tmp = BUF_INIT, path = BUF_INIT;
	size_t *rank = calloc(n ? n : 1, sizeof(*rank)), i, k;
	bool wrote;
	int rc = rank == NULL ? -3 : 0;

	memset(&pl, 0, sizeof(pl));
	pl.s = s;
	pl.jobs = &p->js;
	pl.dir = dir;
	pl.salt = salt;
	pl.dg = dg;
	for (i = 0; rc == 0 && i < s->nrecs; i++)
		for (k = 0; k < n; k++)
			if (s->sorted[i] == recs[k])
				rank[k] = i;
	for (i = 0; rc == 0 && i < p->js.n; i++) {
		struct job *j = &p->js.v[i];

		if (!shows_body(j, recs, rank, n))
			continue;
		rc = quick_job(&pl, j, rank, n, &sa, &out, &tmp, &path, now,
		    &wrote);
		if (rc == 0 && wrote)
			st->rendered++;
	}
	free(rank);
	arena_free(&sa);
	buf_free(&out);
	buf_free(&tmp);
	buf_free(&path);
	return rc;
}
