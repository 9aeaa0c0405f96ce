/*
 * load: read site.yaml and content/<section>/ (the .md files) into the model.
 *
 * Every file is read whole (at most LOAD_MAX_FILE bytes), a UTF-8 BOM is
 * dropped and CRLF becomes LF, then the bytes must be valid UTF-8 without
 * NUL.  Front matter is typed by the schema; the body is kept as Markdown
 * and rendered later, page by page.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "date.h"
#include "check.h"
#include "frontmatter.h"
#include "markdown.h"
#include "memo.h"
#include "memofile.h"
#include "pool.h"
#include "fsutil.h"
#include "schema.h"
#include "site.h"
#include "utf8.h"

#define LOAD_MAX_FILE (4u << 20)
#define LOAD_MAX_RECORDS 200000

const struct section_def section_defs[RT_COUNT] = {
	{RT_NOTICE, "notice", "notices", "通知公告", "通知公告",
	    "notice.html", schema_notice},
	{RT_DISCLOSURE, "disclosure", "disclosures", "居务公开", "村务公开",
	    "disclosure.html", schema_disclosure},
	{RT_POWER_ITEM, "power_item", "power", "小微权力清单", "小微权力清单",
	    "power_item.html", schema_power_item},
	{RT_CONSULTATION, "consultation", "consultations", "议事协商",
	    "议事协商", "consultation.html", schema_consultation},
	{RT_LEGAL_SCHEDULE, "legal_schedule", "legal-advisors", "法律顾问",
	    "法律顾问", "legal_schedule.html", schema_legal_schedule},
};

const char *
section_title(const struct site *s, const struct section_def *d)
{
	return s->village ? d->title_village : d->title;
}

/* Line and column (in characters) of byte `off`. */
static void
position(const char *text, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/*
 * Read `path` (display name `rel`) and make it clean text: no BOM, LF
 * line ends, valid UTF-8, no NUL.  Returns 0, -1 (content error, reported)
 * or -3 (system error, reported).  With `check` false the bytes are not
 * checked, only cleaned: for a caller that compares them with the hash of
 * text already checked (then equal bytes are valid too).
 */
static int
read_text(const char *path, const char *rel, bool check, struct diags *dg,
    char **out, size_t *outlen)
{
	char *data = NULL;
	size_t len, i, j, bad;
	int rc, line, col;
	bool bom;

	*out = NULL;
	rc = read_file(path, LOAD_MAX_FILE, &data, &len);
	if (rc == EFBIG) {
		diag_add(dg, DIAG_ERROR, rel, 0, 0,
		    "文件过大：超过 %u MB 的上限，请拆分或精简",
		    LOAD_MAX_FILE >> 20);
		return -1;
	}
	if (rc == EISDIR) {
		diag_add(dg, DIAG_ERROR, rel, 0, 0,
		    "不是普通文件（而是目录、管道或设备），已拒绝");
		return -1;
	}
	if (rc != 0) {
		diag_add(dg, DIAG_ERROR, rel, 0, 0, "无法读取文件：%s",
		    strerror(rc));
		return -3;
	}
	/* Checked as read, so the byte position is the file's own (a BOM
	 * and CRs are valid UTF-8 and come off after). */
	bad = check ? utf8_check(data, len) : len;
	if (bad < len) {
		bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0;
		position(data, bad, &line, &col);
		if (bom && line == 1)
			col--;
		if (data[bad] == '\0')
			diag_add(dg, DIAG_ERROR, rel, line, col,
			    "文件中有空字符（NUL，第 %zu 字节）：请用文本编辑器另存为 UTF-8",
			    bad + 1);
		else
			diag_add(dg, DIAG_ERROR, rel, line, col,
			    "不是有效的 UTF-8 编码（第 %zu 字节）：请把文件另存为 UTF-8（不要用 GBK）",
			    bad + 1);
		free(data);
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		memmove(data, data + 3, len - 3 + 1);
		len -= 3;
	}
	/* CRLF to LF, from the first CR on (most files have none). */
	i = j = len;
	if (memchr(data, '\r', len) != NULL)
		i = j = (size_t)((char *)memchr(data, '\r', len) - data);
	for (; i < len; i++) {
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		data[j++] = data[i];
	}
	data[j] = '\0';
	len = j;
	*out = data;
	*outlen = len;
	return 0;
}

/* Is the real location of `path` inside `root` (both resolved)? */
static bool
inside(const char *root_real, const char *path)
{
	char real[PATH_MAX];
	size_t n = strlen(root_real);

	if (realpath(path, real) == NULL)
		return false;
	return strncmp(real, root_real, n) == 0 &&
	    (real[n] == '/' || real[n] == '\0');
}

static bool
is_md(const char *name)
{
	size_t l = strlen(name);

	return !ignored_name(name) && l >= 4 &&
	    strcmp(name + l - 3, ".md") == 0;
}

/* Sorted names of the entries of `dir` that end in `.md`; hidden ones
 * and editors' scratch files (ignored_name()) skipped.  0, or errno. */
static int
list_md(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	int rc;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return errno == ENOENT ? 0 : errno;
	rc = dir_names(d, is_md, names, n);
	closedir(d);
	return rc;
}

/* Image size from a PNG or JPEG header; false when unknown. */
static bool
image_size(const char *path, int *w, int *h)
{
	unsigned char b[65536];
	struct stat st;
	FILE *fp;
	size_t n, i;

	/* Not a FIFO: fopen() would wait for a writer. */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (fp = fopen(path, "rb")) == NULL)
		return false;
	n = fread(b, 1, sizeof(b), fp);
	fclose(fp);
	if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
		*w = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
		*h = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
		return true;
	}
	if (n < 4 || b[0] != 0xff || b[1] != 0xd8)
		return false;
	for (i = 2; i + 9 < n;) {
		unsigned m, len;

		if (b[i] != 0xff) {
			i++;
			continue;
		}
		m = b[i + 1];
		len = (unsigned)(b[i + 2] << 8 | b[i + 3]);
		if ((m >= 0xc0 && m <= 0xcf) && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			*h = b[i + 5] << 8 | b[i + 6];
			*w = b[i + 7] << 8 | b[i + 8];
			return true;
		}
		i += 2 + len;
	}
	return false;
}

/* A path field names a file under static/: it must exist there (and stay
 * inside the site); images should be at least 300x300. */
static void
check_static(struct site *s, struct diags *dg, const char *file,
    const struct gv *v, const char *label, bool image, const char *real_root)
{
	char *rel = NULL, *full = NULL;
	int w, h;

	if (v == NULL || v->kind != GV_URL)
		return;
	rel = path_join("static", v->u.s.p);
	full = rel ? path_join(s->dir, rel) : NULL;
	if (full == NULL)
		goto out;
	if (!exists(full)) {
		diag_add(dg, DIAG_ERROR, file, v->line, v->col,
		    "%s：找不到文件 %s", label, rel);
	} else if (!inside(real_root, full)) {
		diag_add(dg, DIAG_ERROR, file, v->line, v->col,
		    "%s：%s 指向站点目录以外，已拒绝", label, rel);
	} else if (image) {
		if (!image_size(full, &w, &h))
			diag_add(dg, DIAG_WARNING, file, v->line, v->col,
			    "%s：%s 不是可识别的 PNG 或 JPEG 图片", label, rel);
		else if (w < 300 || h < 300)
			diag_add(dg, DIAG_WARNING, file, v->line, v->col,
			    "%s：图片只有 %d×%d，微信分享需要至少 300×300", label,
			    w, h);
	}
out:
	free(rel);
	free(full);
}

static int
load_site_yaml(struct site *s, const struct build_opts *o, struct diags *dg,
    const char *real_root, unsigned char hash[32])
{
	struct arena tmp = ARENA_INIT;
	struct schema_ctx c;
	struct ynode *root;
	const struct ynode *ot;
	struct gv *grids;
	char *path, *text = NULL;
	size_t len, i, j;
	int rc = -1, line, col;

	path = path_join(s->dir, "site.yaml");
	if (path == NULL)
		return -3;
	if (!exists(path)) {
		diag_add(dg, DIAG_ERROR, "site.yaml", 0, 0,
		    "找不到站点配置文件 site.yaml（用 -C 指定站点目录）");
		goto out;
	}
	rc = read_text(path, "site.yaml", true, dg, &text, &len);
	if (rc != 0)
		goto out;
	if (!EVP_Digest(text, len, hash, NULL, EVP_sha256(), NULL))
		goto oom;
	rc = -1;
	root = fm_parse(&tmp, text, len, 1, "site.yaml", dg);
	if (root == NULL)
		goto out;
	ot = ynode_get(root, "org_type", NULL);
	s->village = ot && ot->kind == Y_SCALAR && strcmp(ot->s, "village") == 0;
	memset(&c, 0, sizeof(c));
	c.a = &s->arena;
	c.dg = dg;
	c.file = "site.yaml";
	c.village = s->village;
	c.line = 1;
	c.col = 1;
	s->v = schema_map(&c, schema_site, NULL, root);
	if (s->v == NULL)
		goto oom;
	if (o->base_url != NULL) {
		size_t n = strlen(o->base_url);

		while (n > 0 && o->base_url[n - 1] == '/')
			n--;
		if (!gv_set(&s->arena, s->v, "base_url",
		    gv_url(&s->arena, arena_strndup(&s->arena, o->base_url, n))))
			goto oom;
	}
	s->base_url = gv_get_str(s->v, "base_url");
	if (s->base_url == NULL)
		s->base_url = "";
	s->min_publicity_days = (int)gv_get_int(s->v, "min_publicity_days", 7);

	/* Grid codes are unique; big grids are unusual. */
	grids = gv_get(s->v, "grids");
	for (i = 0; grids && i < grids->u.list.n; i++) {
		const struct gv *g = grids->u.list.v[i];
		const char *code = gv_get_str(g, "code");
		const struct gv *hh = gv_get(g, "households");

		for (j = 0; code && j < i; j++) {
			const char *c2 = gv_get_str(grids->u.list.v[j], "code");
			if (c2 && strcmp(code, c2) == 0)
				diag_add(dg, DIAG_ERROR, "site.yaml", g->line,
				    g->col, "网格编号“%s”重复", code);
		}
		if (hh && hh->u.i > 600)
			diag_add(dg, DIAG_WARNING, "site.yaml", hh->line,
			    hh->col,
			    "户数 households：%lld 户超过一般网格规模（600 户），请确认",
			    (long long)hh->u.i);
	}
	{
		const struct gv *dc = gv_get(s->v, "division_code");

		if (dc && (dc->u.s.len != 12 ||
		    strspn(dc->u.s.p, "0123456789") != 12))
			diag_add(dg, DIAG_ERROR, "site.yaml", dc->line, dc->col,
			    "统计用区划代码 division_code：应为 12 位数字");
	}
	check_static(s, dg, "site.yaml", gv_get(s->v, "share_image"),
	    "默认分享图 share_image", true, real_root);
	(void)line;
	(void)col;
	rc = 0;
	goto out;
oom:
	diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
	rc = -3;
out:
	free(text);
	free(path);
	arena_free(&tmp);
	return rc;
}

/* Summary fallback: the first paragraph, cut to 80 characters. */
static int
summary_fallback(struct site *s, struct record *r)
{
	struct md_out md;
	size_t cut;

	if (gv_get(r->v, "summary") != NULL)
		return 0;
	if (md_render(r->body, r->body_len, "", &md) != 0)
		return -1;
	if (md.first_para != NULL && md.first_para[0] != '\0') {
		cut = utf8_prefix(md.first_para, 80);
		gv_set(&s->arena, r->v, "summary",
		    gv_strn(&s->arena, md.first_para, cut));
		gv_set_bool(&s->arena, r->v, "summary_auto", true);
	}
	md_out_free(&md);
	return 0;
}

int
record_check_body(struct site *s, struct record *r, struct diags *dg)
{
	struct md_problem mp;

	switch (md_check(r->body, r->body_len, &mp)) {
	case 1:
		diag_add(dg, DIAG_ERROR, r->path, r->body_line + mp.line - 1,
		    mp.col, "正文：%s", mp.msg);
		return 0; /* not rendered, so no summary from it */
	case -1:
		return -3;
	default:
		break;
	}
	check_privacy(s, r, dg);
	if (summary_fallback(s, r) != 0)
		return -3;
	return s->arena.oom ? -3 : 0;
}

int
record_body(const struct site *s, const struct record *r, struct diags *dg,
    char **text, const char **body, size_t *len)
{
	unsigned char h[32];
	char *full = path_join(s->dir, r->path);
	size_t n;
	int rc;

	*text = NULL;
	if (full == NULL)
		return -3;
	/* Not checked again: the hash below is of the text as checked at
	 * load, so bytes that match it are as valid. */
	rc = read_text(full, r->path, false, dg, text, &n);
	free(full);
	if (rc != 0)
		return rc == -1 ? -1 : -3;
	if (!EVP_Digest(*text, n, h, NULL, EVP_sha256(), NULL)) {
		free(*text);
		*text = NULL;
		return -3;
	}
	if (memcmp(h, r->hash, sizeof(h)) != 0 || r->body_off > n) {
		diag_add(dg, DIAG_ERROR, r->path, 0, 0,
		    "文件在生成过程中被改动了：请保存好后重新生成");
		free(*text);
		*text = NULL;
		return -1;
	}
	*body = *text + r->body_off;
	*len = n - r->body_off;
	return 0;
}

static bool
slug_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    (s[i] == '-' && s[i + 1] != '-')))
			return false;
	return true;
}

/*
 * Load one record file.  0 when loaded (into *r) or skipped (*r->v NULL),
 * -1 on content errors, -3 on system errors.
 */
static int
load_record(struct site *s, const struct build_opts *o,
    const struct section_def *def, const char *name, struct diags *dg,
    struct record *r, struct arena *tmp)
{
	struct schema_ctx c;
	const struct ynode *root, *ty, *dr, *tk;
	const char *fm, *body;
	char *text = NULL, *full = NULL, *rel = NULL, *slug = NULL;
	size_t len, fm_len, nl = 0, i;
	int fm_line, body_line, rc = -1;
	const struct gv *sv;

	memset(r, 0, sizeof(*r));
	if ((rel = malloc(strlen(def->dir) + strlen(name) + 10)) == NULL)
		return -3;
	sprintf(rel, "content/%s/%s", def->dir, name);
	full = path_join(s->dir, rel);
	if (full == NULL) {
		rc = -3;
		goto out;
	}
	rc = read_text(full, rel, true, dg, &text, &len);
	if (rc != 0)
		goto out;
	rc = -1;
	/* What the page is made of, for the incremental build. */
	if (!EVP_Digest(text, len, r->hash, NULL, EVP_sha256(), NULL)) {
		rc = -3;
		goto out;
	}
	if (!fm_split(text, len, rel, dg, &fm, &fm_len, &fm_line, &body,
	    &body_line))
		goto out;
	for (i = 0; i < fm_len; i++)
		nl += fm[i] == '\n';
	if (nl > FM_MAX_LINES) {
		diag_add(dg, DIAG_ERROR, rel, fm_line, 1,
		    "头信息过长：超过 %d 行的上限，请把长名单放进正文表格或拆分记录",
		    FM_MAX_LINES);
		goto out;
	}
	arena_reset(tmp);
	root = fm_parse(tmp, fm, fm_len, fm_line, rel, dg);
	if (root == NULL)
		goto out;

	/* Drafts are not built, and not checked, unless --drafts. */
	dr = ynode_get(root, "draft", NULL);
	if (!o->drafts && dr && dr->kind == Y_SCALAR && dr->plain &&
	    strcmp(dr->s, "true") == 0) {
		rc = 0;
		goto out;
	}
	ty = ynode_get(root, "type", &tk);
	if (ty && ty->kind == Y_SCALAR && strcmp(ty->s, def->type_key) != 0) {
		/* An unknown type is reported by the schema.  Either way the
		 * record is typed by its directory, so the rest is checked. */
		for (i = 0; i < RT_COUNT; i++)
			if (strcmp(ty->s, section_defs[i].type_key) == 0)
				diag_add(dg, DIAG_ERROR, rel, tk->line, tk->col,
				    "类型 type：“%s”类型的记录应放在 content/%s/ 目录里，不是 content/%s/",
				    ty->s, section_defs[i].dir, def->dir);
	}
	memset(&c, 0, sizeof(c));
	c.a = &s->arena;
	c.dg = dg;
	c.file = rel;
	c.village = s->village;
	c.grids = gv_get(s->v, "grids");
	c.line = 1;
	c.col = 1;
	r->v = schema_map(&c, schema_common, def->fields, root);
	if (r->v == NULL) {
		rc = -3;
		goto out;
	}
	r->type = def->type;
	r->fm_line = fm_line;
	r->body_line = body_line;
	r->body_off = (size_t)(body - text);
	r->body_len = len - r->body_off;
	r->body = text + r->body_off;
	r->path = rel;
	rel = NULL;
	r->title = gv_get_str(r->v, "title");
	r->date = gv_get_int(r->v, "date", 0);
	r->modified = gv_get_int(r->v, "updated", r->date);
	r->pinned = gv_get_bool(r->v, "pinned");
	r->draft = gv_get_bool(r->v, "draft");
	sv = gv_get(r->v, "slug");
	if (sv != NULL) {
		r->slug = sv->u.s.p;
	} else {
		slug = arena_strndup(&s->arena, name, strlen(name) - 3);
		if (slug == NULL) {
			rc = -3;
			goto out;
		}
		if (!slug_ok(slug))
			diag_add(dg, DIAG_ERROR, r->path, 0, 0,
			    "文件名“%s”只能用小写字母、数字和“-”（或在头信息里写 slug）",
			    name);
		r->slug = slug;
	}
	/* Everything that needs the body happens now; the text is not kept. */
	if (record_check_body(s, r, dg) != 0) {
		rc = -3;
		goto out;
	}
	rc = 0;
out:
	if (r->body != NULL)
		r->body = NULL;
	free(text);
	free(full);
	free(rel);
	return rc;
}

const struct section_def *
section_of(const char *rel, const char **name)
{
	const char *p = rel + strlen("content/"), *slash;
	size_t t, n;

	if (strncmp(rel, "content/", strlen("content/")) != 0 ||
	    (slash = strchr(p, '/')) == NULL || strchr(slash + 1, '/') != NULL)
		return NULL;
	n = (size_t)(slash - p);
	for (t = 0; t < RT_COUNT; t++)
		if (strlen(section_defs[t].dir) == n &&
		    strncmp(section_defs[t].dir, p, n) == 0) {
			*name = slash + 1;
			return &section_defs[t];
		}
	return NULL;
}

bool
record_file_name(const char *name)
{
	return is_md(name);
}

int
record_reload(const struct site *s, const struct build_opts *o,
    const char *rel, struct arena *a, struct record *r, struct diags *dg)
{
	struct site view = *s;
	struct arena tmp = ARENA_INIT;
	const struct section_def *def;
	const char *name = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	def = section_of(rel, &name);
	if (def == NULL || !is_md(name))
		return -1;
	view.arena = *a;
	rc = load_record(&view, o, def, name, dg, r, &tmp);
	*a = view.arena;
	arena_free(&tmp);
	/* A draft (skipped) is no record. */
	if (rc == 0 && r->v == NULL)
		rc = -1;
	return rc;
}

/* The record files to load, and the workers' state while they do. */
struct entry {
	const struct section_def *def;
	char *name; /* owned */
};

struct entries {
	struct entry *v;
	size_t n, cap;
	int *rcs;             /* per file: load_record's result */
	struct site *views;   /* per worker: the site with its own arena */
	struct memo *memo;    /* or NULL */
	struct site *mviews;  /* with a memo, per worker: the site with the
	                         arena fresh loads go to (the memo's) */
	const struct memofile *mr; /* the memo file read, or NULL */
	struct memofile_writer *mw; /* the memo file written, or NULL */
	atomic_size_t hits;   /* files whose record came from a memo */
	struct arena *tmps;   /* per worker: scratch for the YAML tree */
	struct site *s;
	const struct build_opts *o;
	struct diags *dg;
	const char *real_root;
};

/* With a memo: the record from it when the file is unchanged, else
 * loaded afresh into the memo's arena and kept there; either way the
 * site gets a copy of the values to add to.  0, -1 or -3. */
static int
load_memo(struct entries *en, size_t i, int worker, const char *rel,
    const struct stat *st, const struct timespec *at)
{
	const struct entry *ent = &en->v[i];
	const struct memo_entry *e = memo_find(en->memo, rel, st);
	struct record *r = &en->s->recs[i];
	struct diags mine;
	int rc;

	if (e != NULL) {
		*r = e->r;
		r->path = NULL;
		rc = e->rc;
		if (e->dg != NULL && !diags_append(en->dg, e->dg))
			rc = -3;
		memo_took(en->memo, i, e);
		atomic_fetch_add(&en->hits, 1);
	} else {
		diags_init(&mine);
		rc = load_record(&en->mviews[worker], en->o, ent->def,
		    ent->name, &mine, r, &en->tmps[worker]);
		if (!diags_append(en->dg, &mine))
			rc = -3;
		memo_keep(en->memo, i, worker, rel, st, at, r, rc, &mine);
		diags_free(&mine);
	}
	/* A loaded record has a path (the site frees it) and values. */
	if ((e != NULL ? e->r.v : r->v) == NULL) {
		free(r->path);
		r->path = NULL;
		return rc;
	}
	if (r->path == NULL && (r->path = strdup(rel)) == NULL)
		return -3;
	r->v = gv_clone(&en->views[worker].arena, e != NULL ? e->r.v : r->v);
	if (r->v == NULL)
		return -3;
	return rc;
}

/* With a memo file: the record from the one read when the file is
 * unchanged, else loaded afresh; either way added to the one written.
 * 0, -1 or -3. */
static int
load_disk(struct entries *en, size_t i, int worker, const char *rel,
    const struct stat *st, const struct timespec *at)
{
	const struct entry *ent = &en->v[i];
	struct record *r = &en->s->recs[i];
	struct diags mine;
	int rc;

	diags_init(&mine);
	if (en->mr != NULL && memofile_carry(en->mr, en->mw, worker, rel, st,
	    &en->views[worker].arena, r, &rc, &mine)) {
		atomic_fetch_add(&en->hits, 1);
	} else {
		rc = load_record(&en->views[worker], en->o, ent->def,
		    ent->name, &mine, r, &en->tmps[worker]);
		/* Before validate and site_model add to the values. */
		memofile_add(en->mw, worker, rel, st, at, r, rc, &mine);
	}
	if (!diags_append(en->dg, &mine))
		rc = -3;
	diags_free(&mine);
	if (r->v != NULL && r->path == NULL && (r->path = strdup(rel)) == NULL)
		rc = -3;
	return rc;
}

static void
load_one(void *ctx, size_t i, int worker)
{
	struct entries *en = ctx;
	const struct entry *e = &en->v[i];
	char *f = path_join(en->s->dir, "content");
	char *g = f ? path_join(f, e->def->dir) : NULL;
	char *h = g ? path_join(g, e->name) : NULL;
	char *rel = NULL;
	struct stat st;
	struct timespec at = {0, 0};

	memset(&st, 0, sizeof(st));
	if (en->memo != NULL || en->mw != NULL)
		clock_gettime(CLOCK_REALTIME, &at);
	/* Its directory is inside the site (site_load checked): only a
	 * link can lead out, and realpath() costs a readlink per part. */
	if (h == NULL) {
		en->rcs[i] = -3;
	} else if ((lstat(h, &st) != 0 || S_ISLNK(st.st_mode)) &&
	    !inside(en->real_root, h)) {
		diag_add(en->dg, DIAG_ERROR, "content", 0, 0,
		    "content/%s/%s 是指向站点目录以外的链接，已拒绝", e->def->dir,
		    e->name);
		en->rcs[i] = -1;
	} else if ((en->memo != NULL || en->mr != NULL || en->mw != NULL) &&
	    S_ISREG(st.st_mode)) {
		if (asprintf(&rel, "content/%s/%s", e->def->dir, e->name) < 0) {
			rel = NULL;
			en->rcs[i] = -3;
		} else {
			en->rcs[i] = (en->memo != NULL ? load_memo : load_disk)(
			    en, i, worker, rel, &st, &at);
		}
	} else {
		en->rcs[i] = load_record(&en->views[worker], en->o, e->def,
		    e->name, en->dg, &en->s->recs[i], &en->tmps[worker]);
		en->s->recs[i].linked = S_ISLNK(st.st_mode);
	}
	free(rel);
	free(f);
	free(g);
	free(h);
}

/* Move the workers' arenas into the site, which frees them with the
 * model.  0, or -1 when out of memory (the arenas are freed then). */
int
keep_worker_arenas(struct site *s, struct site *views, int n)
{
	struct arena *nv;
	int k, rc = 0;

	nv = realloc(s->warenas, (s->nwarenas + (size_t)n) * sizeof(*nv));
	if (nv == NULL) {
		for (k = 0; k < n; k++)
			arena_free(&views[k].arena);
		return -1;
	}
	s->warenas = nv;
	for (k = 0; k < n; k++) {
		if (views[k].arena.oom)
			rc = -1;
		s->warenas[s->nwarenas++] = views[k].arena;
		views[k].arena = (struct arena)ARENA_INIT;
	}
	return rc;
}

int
site_load(struct site *s, const struct build_opts *o, struct diags *dg)
{
	struct entries ents;
	char real_root[PATH_MAX], *dir = NULL, **names = NULL, *content = NULL;
	unsigned char yhash[32], ctx[32];
	struct memofile *mr = NULL;
	size_t n = 0, i, t;
	int rc = 0, e, k, used, threads = o->jobs > 0 ? o->jobs :
	    pool_default_threads();
	DIR *d;
	struct dirent *de;

	memset(s, 0, sizeof(*s));
	memset(&ents, 0, sizeof(ents));
	s->dir = strdup(o->site_dir);
	if (s->dir == NULL)
		return -3;
	if (realpath(s->dir, real_root) == NULL) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "站点目录“%s”不存在",
		    o->site_dir);
		return -1;
	}
	if (!build_epoch(&s->now)) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0,
		    "环境变量 SOURCE_DATE_EPOCH 应为整数秒");
		return -1;
	}
	s->now += SITE_UTC_OFFSET;
	s->today = s->now / 86400;
	rc = load_site_yaml(s, o, dg, real_root, yhash);
	if (rc != 0 || s->v == NULL)
		return rc ? rc : -1;
	s->privacy = privacy_site(s);

	content = path_join(s->dir, "content");
	if (content == NULL)
		return -3;
	/* Anything under content/ that no section reads is a mistake. */
	d = opendir(content);
	if (d == NULL) {
		diag_add(dg, DIAG_ERROR, "content", 0, 0,
		    "找不到内容目录 content/");
		rc = -1;
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		bool known = false;

		if (ignored_name(de->d_name))
			continue;
		for (t = 0; t < RT_COUNT; t++)
			known = known || strcmp(de->d_name, section_defs[t].dir) == 0;
		if (!known)
			diag_add(dg, DIAG_WARNING, "content", 0, 0,
			    "content/%s 不是栏目目录，已忽略（栏目目录：notices、disclosures、power、consultations、legal-advisors）",
			    de->d_name);
	}
	closedir(d);

	/* Every record file, in section and name order. */
	for (t = 0; t < RT_COUNT; t++) {
		const struct section_def *def = &section_defs[t];

		free(dir);
		dir = path_join(content, def->dir);
		if (dir == NULL) {
			rc = -3;
			goto out;
		}
		if (exists(dir) && !inside(real_root, dir)) {
			diag_add(dg, DIAG_ERROR, "content", 0, 0,
			    "content/%s 指向站点目录以外，已拒绝", def->dir);
			rc = -1;
			continue;
		}
		e = list_md(dir, &names, &n);
		if (e != 0) {
			diag_add(dg, DIAG_ERROR, "content", 0, 0,
			    "无法读取目录 content/%s：%s", def->dir, strerror(e));
			rc = -3;
			goto out;
		}
		for (i = 0; i < n; i++) {
			if (ents.n == ents.cap) {
				struct entry *ne;

				ents.cap = ents.cap ? ents.cap * 2 : 256;
				ne = realloc(ents.v, ents.cap * sizeof(*ne));
				if (ne == NULL) {
					rc = -3;
					goto out;
				}
				ents.v = ne;
			}
			ents.v[ents.n].def = def;
			ents.v[ents.n].name = names[i];
			names[i] = NULL;
			ents.n++;
		}
		free(names);
		names = NULL;
		n = 0;
	}
	if (ents.n > LOAD_MAX_RECORDS) {
		diag_add(dg, DIAG_ERROR, "content", 0, 0,
		    "记录过多：超过 %d 条的上限", LOAD_MAX_RECORDS);
		rc = -1;
		goto out;
	}

	/* Read and type them on every core: each worker allocates in an
	 * arena of its own (kept with the model) through a view of the site
	 * that differs only in its arena. */
	s->recs = calloc(ents.n ? ents.n : 1, sizeof(*s->recs));
	ents.rcs = calloc(ents.n ? ents.n : 1, sizeof(*ents.rcs));
	ents.views = calloc((size_t)threads, sizeof(*ents.views));
	ents.tmps = calloc((size_t)threads, sizeof(*ents.tmps));
	if (s->recs == NULL || ents.rcs == NULL || ents.views == NULL ||
	    ents.tmps == NULL) {
		rc = -3;
		goto out;
	}
	for (k = 0; k < threads; k++) {
		ents.views[k] = *s;
		ents.views[k].arena = (struct arena)ARENA_INIT;
	}
	if (o->memo != NULL) {
		memo_context(o, s->today, yhash, ctx);
		ents.mviews = calloc((size_t)threads, sizeof(*ents.mviews));
		if (ents.mviews != NULL &&
		    memo_begin(o->memo, ctx, ents.n, threads) == 0) {
			ents.memo = o->memo;
			for (k = 0; k < threads; k++)
				ents.mviews[k] = ents.views[k];
		} else {
			/* Its entries would not be what this load holds. */
			memo_clear(o->memo);
		}
	} else if (o->memo_file != NULL) {
		unsigned char lctx[32];

		if (memo_context(o, s->today, yhash, lctx) &&
		    memofile_context(lctx, ctx)) {
			if (!o->memo_fresh)
				ents.mr = mr = memofile_open(o->memo_file, ctx,
				    threads);
			if (!o->memo_keep)
				ents.mw = memofile_create(o->memo_file, ctx,
				    threads);
		}
	}
	ents.s = s;
	ents.o = o;
	ents.dg = dg;
	ents.real_root = real_root;
	atomic_init(&ents.hits, 0);
	used = pool_run(ents.n, threads, load_one, &ents);
	s->files = ents.n;
	s->memo_hits = atomic_load(&ents.hits);
	rc = keep_worker_arenas(s, ents.views, used) != 0 ? -3 : rc;
	if (ents.memo != NULL) {
		for (k = 0; k < threads; k++)
			if (ents.mviews[k].arena.oom)
				rc = -3;
		memo_end(ents.memo, ents.mviews, threads);
	}
	for (i = 0; i < ents.n; i++) {
		if (ents.rcs[i] == -3)
			rc = -3;
		else if (ents.rcs[i] != 0 && rc == 0)
			rc = ents.rcs[i];
		/* Skipped drafts leave a hole: close it, keeping the order. */
		if (s->recs[i].v != NULL)
			s->recs[s->nrecs++] = s->recs[i];
	}
	if (s->arena.oom) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		rc = -3;
	}
	/* The memo file is put in place by the build, when it succeeds;
	 * its index is written now, so that its memory is not held. */
	if (rc != -3) {
		memofile_finish(ents.mw);
		s->memo_w = ents.mw;
		ents.mw = NULL;
	}
out:
	memofile_abort(ents.mw);
	memofile_close(mr);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (i = 0; i < ents.n; i++)
		free(ents.v[i].name);
	free(ents.v);
	free(ents.rcs);
	free(ents.views);
	free(ents.mviews);
	for (k = 0; ents.tmps != NULL && k < threads; k++)
		arena_free(&ents.tmps[k]);
	free(ents.tmps);
	free(dir);
	free(content);
	return rc;
}
