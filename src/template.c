#include "template.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <openssl/evp.h>

#include "date.h"
#include "fsutil.h"
#include "markdown.h"
#include "money.h"
#include "phone.h"
#include "utf8.h"

#define MAX_INCLUDE_DEPTH 8
#define MAX_PATH_SEGMENTS 8
#define MAX_FILTERS 6
#define MAX_SCOPE 16
#define TMPL_MAX_FILE (1 << 20)

enum filter_kind {
	F_DATE,
	F_FULLDATE,
	F_MONTHDAY,
	F_WEEKDAY,
	F_DATETIME,
	F_TIME,
	F_ISO,
	F_RFC822,
	F_MONEY,
	F_MONEY_UPPER,
	F_COUNT,
	F_TRUNCATE,
	F_PHONE,
	F_TEL,
	F_ABS,
};

static const struct {
	const char *name;
	enum filter_kind kind;
	bool arg;
} filters[] = {
	{"date", F_DATE, false},
	{"fulldate", F_FULLDATE, false},
	{"monthday", F_MONTHDAY, false},
	{"weekday", F_WEEKDAY, false},
	{"datetime", F_DATETIME, false},
	{"time", F_TIME, false},
	{"iso", F_ISO, false},
	{"rfc822", F_RFC822, false},
	{"money", F_MONEY, false},
	{"money_upper", F_MONEY_UPPER, false},
	{"count", F_COUNT, false},
	{"truncate", F_TRUNCATE, true},
	{"phone", F_PHONE, false},
	{"tel", F_TEL, false},
	{"abs", F_ABS, false},
};

struct filter {
	enum filter_kind kind;
	long arg;
};

struct expr {
	const char *src; /* as written, for messages */
	const char *dep; /* what it reads, as a dependency path (add_dep) */
	const char *path[MAX_PATH_SEGMENTS];
	size_t npath;
	struct filter f[MAX_FILTERS];
	size_t nf;
};

struct tattr {
	const char *name;
	const char *value; /* static: already escaped; NULL when dynamic */
	struct expr *expr; /* dynamic */
	bool url;          /* an attribute that holds a URL */
};

enum tnode_kind { TN_STATIC, TN_ELEM };

struct tnode {
	enum tnode_kind kind;
	/* TN_STATIC */
	const char *html;
	size_t len;
	/* TN_ELEM */
	const char *name;
	bool is_void, raw_text;
	struct tattr *attrs;
	size_t nattrs;
	struct expr *if_e, *unless_e, *text_e, *html_e, *each_e;
	const char *each_var;
	struct tnode *kids; /* array */
	size_t nkids;
	const char *file;
	int line;
};

struct tmpl {
	const char *name;
	struct tnode root;
	bool doctype;
	const char **deps;          /* arena: sorted, unique */
	size_t ndeps;
	unsigned char hash[32];     /* SHA-256 of the file and its partials */
	struct tmpl *next;
};

struct mem_tmpl {
	char *name, *text;
	struct mem_tmpl *next;
};

struct tmpl_set {
	char *dir, *display_dir;
	const char *const *roots;
	tmpl_key_fn known_key;
	struct arena arena;
	struct tmpl *list;
	struct mem_tmpl *mem;
};

static const char *const void_elements[] = {"area", "base", "br", "col",
    "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    NULL};

static const char *const url_attrs[] = {"href", "src", "action",
    "formaction", "poster", "cite", "data", "srcset", "xlink:href",
    "background", "manifest", "ping", NULL};

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

void
html_escape(struct buf *out, const char *s)
{
	xmlChar *e;

	/* Nothing to escape is the common case: skip the allocation. */
	if (strpbrk(s, "<>&\"\r") == NULL) {
		buf_puts(out, s);
		return;
	}
	e = xmlEncodeSpecialChars(NULL, (const xmlChar *)s);
	if (e == NULL) {
		buf_reserve(out, (size_t)-1 / 2); /* marks the buffer oom */
		return;
	}
	buf_puts(out, (const char *)e);
	xmlFree(e);
}

struct tmpl_set *
tmpl_set_new(const char *dir, const char *display_dir,
    const char *const *roots, tmpl_key_fn known_key)
{
	struct tmpl_set *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->dir = strdup(dir);
	s->display_dir = strdup(display_dir);
	if (s->dir == NULL || s->display_dir == NULL) {
		tmpl_set_free(s);
		return NULL;
	}
	s->roots = roots;
	s->known_key = known_key;
	return s;
}

void
tmpl_set_free(struct tmpl_set *s)
{
	struct mem_tmpl *m, *next;

	if (s == NULL)
		return;
	for (m = s->mem; m; m = next) {
		next = m->next;
		free(m->name);
		free(m->text);
		free(m);
	}
	arena_free(&s->arena);
	free(s->dir);
	free(s->display_dir);
	free(s);
}

bool
tmpl_set_add_string(struct tmpl_set *s, const char *name, const char *text)
{
	struct mem_tmpl *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return false;
	m->name = strdup(name);
	m->text = strdup(text);
	if (m->name == NULL || m->text == NULL) {
		free(m->name);
		free(m->text);
		free(m);
		return false;
	}
	m->next = s->mem;
	s->mem = m;
	return true;
}

static const struct mem_tmpl *
mem_find(const struct tmpl_set *s, const char *name)
{
	const struct mem_tmpl *m;

	for (m = s->mem; m; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

static bool
safe_name(const char *name)
{
	return name[0] != '\0' && name[0] != '/' && strstr(name, "..") == NULL;
}

bool
tmpl_exists(struct tmpl_set *s, const char *name)
{
	char path[4096];
	FILE *fp;

	if (!safe_name(name))
		return false;
	if (mem_find(s, name))
		return true;
	snprintf(path, sizeof(path), "%s/%s", s->dir, name);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	fclose(fp);
	return true;
}

/* Compilation state for one template file (and the partials it pulls in). */
struct comp {
	struct tmpl_set *set;
	struct diags *dg;
	const char *file;  /* display path of the file being compiled */
	const char *scope[MAX_SCOPE];
	const char *scope_src[MAX_SCOPE]; /* dependency path of each loop's
	                                     list, e.g. "pages" */
	size_t nscope;
	const char **deps; /* malloc'd array of arena strings */
	size_t ndeps, capdeps;
	EVP_MD_CTX *md;    /* hash of every file read */
	int depth;         /* include depth */
	const char *stack[MAX_INCLUDE_DEPTH + 1];
	bool failed;
};

static void
cerr(struct comp *c, int line, const char *fmt, const char *a, const char *b)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, a ? a : "", b ? b : "");
	diag_add(c->dg, DIAG_ERROR, c->file, line, 1, "模板错误：%s", msg);
	c->failed = true;
}

static bool
is_ident_char(char ch, bool first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    ch == '_' || (!first && ch >= '0' && ch <= '9');
}

static bool
root_known(struct comp *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nscope; i++) {
		size_t n = strlen(c->scope[i]);

		if (strcmp(c->scope[i], name) == 0)
			return true;
		if (strncmp(c->scope[i], name, n) == 0 &&
		    (strcmp(name + n, "_index") == 0 ||
		    strcmp(name + n, "_first") == 0 ||
		    strcmp(name + n, "_last") == 0))
			return true;
	}
	return c->set->roots == NULL || in_list(c->set->roots, name);
}

/*
 * Record what an expression can read, as a dependency path of the
 * template: "site.org_name"; through a loop variable, the loop's list with
 * "[]" ("pages[].title"); a loop's position variables read only the list's
 * length ("pages#"); a date or time shown only as its day (its first
 * filter date, fulldate, monthday or weekday) only that day
 * ("site.built@day").  The incremental build fingerprints a page by the
 * values at these paths.
 */
static const char *
add_dep(struct comp *c, const struct expr *e)
{
	struct buf b = BUF_INIT;
	const char *first = e->path[0], *dep;
	size_t i, k, n;
	bool pos = false;

	for (k = c->nscope; k > 0; k--) {
		n = strlen(c->scope[k - 1]);
		if (strcmp(c->scope[k - 1], first) == 0)
			break;
		if (strncmp(c->scope[k - 1], first, n) == 0 &&
		    (strcmp(first + n, "_index") == 0 ||
		    strcmp(first + n, "_first") == 0 ||
		    strcmp(first + n, "_last") == 0)) {
			pos = true;
			break;
		}
	}
	if (k > 0) {
		buf_puts(&b, c->scope_src[k - 1]);
		buf_puts(&b, pos ? "#" : "[]");
	} else {
		buf_puts(&b, first);
	}
	for (i = 1; i < e->npath && !pos; i++) {
		buf_putc(&b, '.');
		buf_puts(&b, e->path[i]);
	}
	/* The build's own time shows on a page as a date: a page must
	 * not be made again at every build of the same day for it. */
	if (!pos && e->nf > 0 && (e->f[0].kind == F_DATE ||
	    e->f[0].kind == F_FULLDATE || e->f[0].kind == F_MONTHDAY ||
	    e->f[0].kind == F_WEEKDAY))
		buf_puts(&b, "@day");
	if (!buf_ok(&b))
		return NULL;
	for (i = 0; i < c->ndeps; i++)
		if (strcmp(c->deps[i], b.data) == 0) {
			buf_free(&b);
			return c->deps[i];
		}
	dep = arena_strdup(&c->set->arena, b.data);
	buf_free(&b);
	if (dep == NULL)
		return NULL;
	if (c->ndeps == c->capdeps) {
		size_t cap = c->capdeps ? c->capdeps * 2 : 64;
		const char **nv = realloc(c->deps, cap * sizeof(*nv));

		if (nv == NULL)
			return NULL;
		c->deps = nv;
		c->capdeps = cap;
	}
	c->deps[c->ndeps++] = dep;
	return dep;
}

/* Parse "a.b.c|filter|filter:3". */
static struct expr *
parse_expr(struct comp *c, const char *src, int line)
{
	struct arena *a = &c->set->arena;
	struct expr *e = arena_alloc(a, sizeof(*e));
	const char *p = src, *start;
	size_t i;

	if (e == NULL)
		return NULL;
	e->src = arena_strdup(a, src);
	while (*p == ' ')
		p++;
	for (;;) {
		start = p;
		if (!is_ident_char(*p, true))
			goto bad;
		while (is_ident_char(*p, false))
			p++;
		if (e->npath == MAX_PATH_SEGMENTS)
			goto bad;
		e->path[e->npath] = arena_strndup(a, start, (size_t)(p - start));
		if (e->path[e->npath] == NULL)
			return NULL;
		e->npath++;
		if (*p != '.')
			break;
		p++;
	}
	while (*p == ' ')
		p++;
	while (*p == '|') {
		p++;
		while (*p == ' ')
			p++;
		start = p;
		while (is_ident_char(*p, false))
			p++;
		for (i = 0; i < sizeof(filters) / sizeof(*filters); i++)
			if (strlen(filters[i].name) == (size_t)(p - start) &&
			    strncmp(filters[i].name, start,
			    (size_t)(p - start)) == 0)
				break;
		if (i == sizeof(filters) / sizeof(*filters)) {
			char name[64];

			snprintf(name, sizeof(name), "%.*s", (int)(p - start),
			    start);
			cerr(c, line, "未知的过滤器“%s”（表达式“%s”）", name, src);
			return NULL;
		}
		if (e->nf == MAX_FILTERS)
			goto bad;
		e->f[e->nf].kind = filters[i].kind;
		if (filters[i].arg) {
			char *end;

			if (*p != ':')
				goto bad;
			errno = 0;
			e->f[e->nf].arg = strtol(p + 1, &end, 10);
			if (end == p + 1 || errno || e->f[e->nf].arg < 1 ||
			    e->f[e->nf].arg > 100000)
				goto bad;
			p = end;
		}
		e->nf++;
		while (*p == ' ')
			p++;
	}
	if (*p != '\0')
		goto bad;
	if (!root_known(c, e->path[0])) {
		cerr(c, line, "“%s”无法解析：没有名为“%s”的变量", src,
		    e->path[0]);
		return NULL;
	}
	for (i = 1; i < e->npath; i++)
		if (c->set->known_key && !c->set->known_key(e->path[i])) {
			cerr(c, line, "“%s”无法解析：数据里没有“%s”这一项", src,
			    e->path[i]);
			return NULL;
		}
	if ((e->dep = add_dep(c, e)) == NULL)
		return NULL;
	return e;
bad:
	cerr(c, line, "表达式“%s”写法不对（应为 a.b.c|过滤器）", src, NULL);
	return NULL;
}

/* Attribute name as written, with its namespace prefix if it has one. */
static void
attr_name(xmlAttrPtr at, char *out, size_t n)
{
	if (at->ns && at->ns->prefix)
		snprintf(out, n, "%s:%s", (const char *)at->ns->prefix,
		    (const char *)at->name);
	else
		snprintf(out, n, "%s", (const char *)at->name);
}

static bool compile_children(struct comp *c, xmlNodePtr first,
    struct tnode *parent);
static bool compile_elem(struct comp *c, xmlNodePtr n, struct tnode *out);

/* libxml2 goes on after a well-formedness error and remembers only the
 * last one, usually a consequence of the first ("premature end of
 * data"); keep the first, which is where the mistake is. */
struct first_error {
	bool set;
	xmlError err;
};

#if LIBXML_VERSION >= 21200
#define XERR_CONST const
#else
#define XERR_CONST
#endif

static void
keep_first_error(void *data, XERR_CONST xmlError *err)
{
	xmlParserCtxtPtr ctxt = data;
	struct first_error *fe = ctxt ? ctxt->_private : NULL;

	if (fe == NULL || fe->set || err == NULL || err->level < XML_ERR_ERROR)
		return;
	fe->set = true;
	fe->err = *err;
	fe->err.message = err->message ? strdup(err->message) : NULL;
}

/* Parse the XML file or string of a template into a libxml2 document,
 * reporting syntax errors as file:line:col. */
static xmlDocPtr
read_doc(struct comp *c, const char *name)
{
	const struct mem_tmpl *m = mem_find(c->set, name);
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	const xmlError *err;
	struct first_error fe;
	char path[4096], *data = NULL;
	const char *text = NULL;
	size_t len = 0;
	int rc = 0;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING;

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return NULL;
	memset(&fe, 0, sizeof(fe));
	ctxt->_private = &fe;
	ctxt->sax->serror = keep_first_error;
	if (m != NULL) {
		text = m->text;
		len = strlen(m->text);
		snprintf(path, sizeof(path), "%s", name);
	} else {
		snprintf(path, sizeof(path), "%s/%s", c->set->dir, name);
		rc = read_file(path, TMPL_MAX_FILE, &data, &len);
		text = data;
	}
	if (text != NULL && len <= (size_t)INT_MAX) {
		/* The fingerprint of every page rendered with this template
		 * covers the bytes of all the files it is made of. */
		if (c->md != NULL &&
		    (!EVP_DigestUpdate(c->md, name, strlen(name) + 1) ||
		    !EVP_DigestUpdate(c->md, text, len)))
			c->failed = true;
		doc = xmlCtxtReadMemory(ctxt, text, (int)len, path, "UTF-8",
		    opts);
	} else if (rc == EFBIG || len > (size_t)INT_MAX) {
		diag_add(c->dg, DIAG_ERROR, c->file, 0, 0,
		    "模板错误：模板文件过大（上限 %d MB）", TMPL_MAX_FILE >> 20);
		c->failed = true;
		free(data);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	free(data);
	if (doc == NULL) {
		err = fe.set ? &fe.err : xmlCtxtGetLastError(ctxt);
		if (err != NULL && err->code == XML_IO_LOAD_ERROR) {
			diag_add(c->dg, DIAG_ERROR, c->file, 0, 0,
			    "模板错误：无法读取模板文件");
		} else if (err != NULL) {
			char msg[256];
			size_t l;

			snprintf(msg, sizeof(msg), "%s",
			    err->message ? err->message : "");
			l = strlen(msg);
			while (l > 0 && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
				msg[--l] = '\0';
			diag_add(c->dg, DIAG_ERROR, c->file, err->line,
			    err->int2 > 0 ? err->int2 : 1,
			    "模板错误：不是格式良好的 XHTML：%s", msg);
		} else {
			diag_add(c->dg, DIAG_ERROR, c->file, 0, 0,
			    "模板错误：无法解析");
		}
		c->failed = true;
	}
	free(fe.err.message);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* Compile partial `name` in place of the including element. */
static bool
compile_include(struct comp *c, const char *name, int line, struct tnode *out)
{
	const char *saved_file = c->file;
	char display[4096];
	xmlDocPtr doc;
	xmlNodePtr root;
	bool ok = false;
	int i;

	if (!safe_name(name)) {
		cerr(c, line, "引用的模板名“%s”不合法", name, NULL);
		return false;
	}
	if (c->depth >= MAX_INCLUDE_DEPTH) {
		cerr(c, line, "模板引用嵌套过深（“%s”）", name, NULL);
		return false;
	}
	for (i = 0; i < c->depth; i++)
		if (strcmp(c->stack[i], name) == 0) {
			cerr(c, line, "模板“%s”循环引用了自己", name, NULL);
			return false;
		}
	if (!tmpl_exists(c->set, name)) {
		cerr(c, line, "找不到被引用的模板“%s”", name, NULL);
		return false;
	}
	snprintf(display, sizeof(display), "%s/%s", c->set->display_dir, name);
	c->stack[c->depth++] = name;
	c->file = arena_strdup(&c->set->arena, display);
	doc = read_doc(c, name);
	if (doc != NULL) {
		root = xmlDocGetRootElement(doc);
		if (root == NULL)
			cerr(c, line, "模板“%s”是空的", name, NULL);
		else
			ok = compile_elem(c, root, out);
		xmlFreeDoc(doc);
	}
	c->depth--;
	c->file = saved_file;
	return ok;
}

/* Serialize a static element's start tag (all attributes static). */
static void
static_start_tag(struct buf *b, const struct tnode *t)
{
	size_t i;

	buf_putc(b, '<');
	buf_puts(b, t->name);
	for (i = 0; i < t->nattrs; i++) {
		buf_putc(b, ' ');
		buf_puts(b, t->attrs[i].name);
		buf_puts(b, "=\"");
		buf_puts(b, t->attrs[i].value);
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
}

static bool
elem_is_static(const struct tnode *t)
{
	size_t i;

	if (t->if_e || t->unless_e || t->text_e || t->html_e || t->each_e)
		return false;
	for (i = 0; i < t->nattrs; i++)
		if (t->attrs[i].expr || t->attrs[i].value == NULL)
			return false;
	for (i = 0; i < t->nkids; i++)
		if (t->kids[i].kind != TN_STATIC)
			return false;
	return true;
}

static void
serialize_static(struct buf *b, const struct tnode *t)
{
	size_t i;

	static_start_tag(b, t);
	if (t->is_void)
		return;
	for (i = 0; i < t->nkids; i++)
		buf_put(b, t->kids[i].html, t->kids[i].len);
	buf_puts(b, "</");
	buf_puts(b, t->name);
	buf_putc(b, '>');
}

static bool
compile_elem(struct comp *c, xmlNodePtr n, struct tnode *out)
{
	struct arena *a = &c->set->arena;
	xmlAttrPtr at;
	size_t nattrs = 0, k;
	int line = (int)xmlGetLineNo(n);
	char aname[256];
	const char *include = NULL, *val;
	xmlChar *v;
	bool pushed = false;

	memset(out, 0, sizeof(*out));
	out->kind = TN_ELEM;
	out->file = c->file;
	out->line = line;
	if (n->ns && n->ns->prefix) {
		snprintf(aname, sizeof(aname), "%s:%s",
		    (const char *)n->ns->prefix, (const char *)n->name);
		out->name = arena_strdup(a, aname);
	} else {
		out->name = arena_strdup(a, (const char *)n->name);
	}
	out->is_void = in_list(void_elements, out->name);
	out->raw_text = strcmp(out->name, "script") == 0 ||
	    strcmp(out->name, "style") == 0;
	for (at = n->properties; at; at = at->next)
		nattrs++;
	out->attrs = arena_alloc(a, (nattrs ? nattrs : 1) * sizeof(*out->attrs));
	if (out->attrs == NULL || out->name == NULL)
		return false;

	/* data-g-each first: its variable is in scope for the rest. */
	for (at = n->properties; at; at = at->next) {
		if (strcmp((const char *)at->name, "data-g-each") != 0)
			continue;
		v = xmlNodeGetContent((xmlNodePtr)at);
		val = (const char *)v;
		{
			const char *in = val ? strstr(val, " in ") : NULL;
			char var[64];
			size_t vl;

			if (in == NULL) {
				cerr(c, line,
				    "data-g-each 应写成“x in 列表”，不是“%s”",
				    val ? val : "", NULL);
			} else {
				const char *s = val;

				while (*s == ' ')
					s++;
				vl = (size_t)(in - s);
				snprintf(var, sizeof(var), "%.*s", (int)vl, s);
				for (k = 0; var[k] && is_ident_char(var[k], k == 0); k++)
					;
				if (var[0] == '\0' || var[k] != '\0') {
					cerr(c, line, "data-g-each 的变量名“%s”不合法",
					    var, NULL);
				} else if (c->nscope >= MAX_SCOPE) {
					cerr(c, line, "data-g-each 嵌套过深", NULL,
					    NULL);
				} else {
					/* The list is read outside the loop's
					 * scope; the variable then stands for
					 * its items. */
					out->each_e = parse_expr(c, in + 4, line);
					out->each_var = arena_strdup(a, var);
					c->scope_src[c->nscope] = out->each_e ?
					    out->each_e->dep : "";
					c->scope[c->nscope++] = out->each_var;
					pushed = true;
				}
			}
		}
		xmlFree(v);
	}

	for (at = n->properties; at; at = at->next) {
		attr_name(at, aname, sizeof(aname));
		v = xmlNodeGetContent((xmlNodePtr)at);
		val = v ? (const char *)v : "";
		if (strncmp(aname, "data-g-", 7) != 0) {
			struct tattr *ta = &out->attrs[out->nattrs++];
			xmlChar *e = xmlEncodeSpecialChars(NULL,
			    (const xmlChar *)val);

			ta->name = arena_strdup(a, aname);
			ta->value = e ? arena_strdup(a, (const char *)e) : NULL;
			xmlFree(e);
			if (ta->name == NULL || ta->value == NULL) {
				xmlFree(v);
				return false;
			}
		} else if (strcmp(aname, "data-g-each") == 0) {
			/* done above */
		} else if (strcmp(aname, "data-g-text") == 0) {
			out->text_e = parse_expr(c, val, line);
		} else if (strcmp(aname, "data-g-html") == 0) {
			out->html_e = parse_expr(c, val, line);
		} else if (strcmp(aname, "data-g-if") == 0) {
			out->if_e = parse_expr(c, val, line);
		} else if (strcmp(aname, "data-g-unless") == 0) {
			out->unless_e = parse_expr(c, val, line);
		} else if (strcmp(aname, "data-g-include") == 0) {
			include = arena_strdup(a, val);
		} else if (strncmp(aname, "data-g-attr-", 12) == 0 &&
		    aname[12] != '\0') {
			struct tattr *ta = &out->attrs[out->nattrs++];
			const char *target = aname + 12;

			/* HTML attribute names are case-insensitive:
			 * ONCLICK is onclick, HREF is href. */
			if (strncasecmp(target, "on", 2) == 0) {
				cerr(c, line, "不允许用数据设置事件属性“%s”",
				    target, NULL);
			} else if (strncmp(target, "data-g-", 7) == 0) {
				cerr(c, line, "不能用 data-g-attr 生成“%s”", target,
				    NULL);
			}
			ta->name = arena_strdup(a, target);
			ta->expr = parse_expr(c, val, line);
			for (k = 0; url_attrs[k] && !ta->url; k++)
				ta->url = strcasecmp(url_attrs[k], target) == 0;
		} else {
			cerr(c, line, "未知的模板属性“%s”", aname, NULL);
		}
		xmlFree(v);
	}
	/* A static attribute of the same name as a data-g-attr one is the
	 * designer's placeholder (href="#"): the computed value replaces it,
	 * and it stays only when the value is absent. */
	for (k = 0; k < out->nattrs; k++) {
		struct tattr *d = &out->attrs[k];
		size_t m;

		if (d->expr == NULL)
			continue;
		for (m = 0; m < out->nattrs; m++) {
			struct tattr *st = &out->attrs[m];

			if (st->expr != NULL || st->value == NULL ||
			    strcasecmp(st->name, d->name) != 0)
				continue;
			d->value = st->value;
			memmove(st, st + 1, (out->nattrs - m - 1) * sizeof(*st));
			out->nattrs--;
			if (m < k)
				k--;
			break;
		}
	}
	if ((out->text_e || out->html_e) && out->raw_text)
		cerr(c, line, "<%s> 里不能用 data-g-text / data-g-html",
		    out->name, NULL);
	if (out->text_e && out->html_e)
		cerr(c, line, "data-g-text 和 data-g-html 不能同时使用", NULL,
		    NULL);
	if (out->is_void && (out->text_e || out->html_e || n->children))
		cerr(c, line, "空元素 <%s> 不能有内容", out->name, NULL);

	if (include != NULL) {
		struct expr *if_e = out->if_e, *unless_e = out->unless_e;
		struct expr *each_e = out->each_e;
		const char *each_var = out->each_var;

		if (out->text_e || out->html_e || out->nattrs) {
			cerr(c, line,
			    "data-g-include 只能和 data-g-each、data-g-if、data-g-unless 同用",
			    NULL, NULL);
		} else if (compile_include(c, include, line, out)) {
			/* The includer's directives move to the partial's
			 * root, which must not have the same ones. */
			if ((if_e && out->if_e) || (unless_e && out->unless_e) ||
			    (each_e && out->each_e))
				cerr(c, line,
				    "被引用模板的根元素已有同样的 data-g 属性，引用处不能再加",
				    NULL, NULL);
			if (if_e)
				out->if_e = if_e;
			if (unless_e)
				out->unless_e = unless_e;
			if (each_e) {
				out->each_e = each_e;
				out->each_var = each_var;
			}
			if ((if_e || unless_e || each_e) &&
			    out->kind == TN_STATIC) {
				/* A static partial root becomes an element
				 * again: re-serializing is not needed, the
				 * directives wrap the static bytes. */
				out->kind = TN_ELEM;
			}
		}
		goto done;
	}

	if (!out->text_e && !out->html_e && !out->is_void &&
	    !compile_children(c, n->children, out))
		return false;
	if (!c->failed && elem_is_static(out)) {
		struct buf b = BUF_INIT;

		serialize_static(&b, out);
		if (!buf_ok(&b))
			return false;
		out->kind = TN_STATIC;
		out->html = arena_strndup(a, b.data ? b.data : "", b.len);
		out->len = b.len;
		buf_free(&b);
		if (out->html == NULL)
			return false;
	}
done:
	if (pushed)
		c->nscope--;
	return true;
}

static bool
compile_children(struct comp *c, xmlNodePtr first, struct tnode *parent)
{
	struct arena *a = &c->set->arena;
	struct buf run = BUF_INIT;
	struct tnode *kids;
	xmlNodePtr n;
	size_t cap = 0, nk = 0;
	bool ok = false;

	for (n = first; n; n = n->next)
		cap++;
	kids = arena_alloc(a, (cap ? cap : 1) * sizeof(*kids));
	if (kids == NULL)
		return false;

	/* Adjacent static text and elements are merged into one run. */
#define FLUSH()                                                               \
	do {                                                                  \
		if (run.len) {                                                \
			kids[nk].kind = TN_STATIC;                            \
			kids[nk].html = arena_strndup(a, run.data, run.len);  \
			kids[nk].len = run.len;                               \
			if (kids[nk].html == NULL)                            \
				goto out;                                     \
			nk++;                                                 \
			buf_reset(&run);                                      \
		}                                                             \
	} while (0)

	for (n = first; n; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (parent->raw_text)
				buf_puts(&run, (const char *)n->content);
			else
				html_escape(&run, (const char *)n->content);
			break;
		case XML_ELEMENT_NODE: {
			struct tnode t;

			if (!compile_elem(c, n, &t))
				goto out;
			if (t.kind == TN_STATIC) {
				buf_put(&run, t.html, t.len);
			} else {
				FLUSH();
				kids[nk++] = t;
			}
			break;
		}
		case XML_ENTITY_REF_NODE:
			cerr(c, (int)xmlGetLineNo(n),
			    "不支持实体“&%s;”：请直接写出字符", (const char *)n->name,
			    NULL);
			break;
		default: /* comments, processing instructions */
			break;
		}
		if (!buf_ok(&run))
			goto out;
	}
	FLUSH();
#undef FLUSH
	parent->kids = kids;
	parent->nkids = nk;
	ok = true;
out:
	buf_free(&run);
	return ok;
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const struct tmpl *
tmpl_get(struct tmpl_set *s, const char *name, struct diags *dg)
{
	struct tmpl *t;
	struct comp c;
	xmlDocPtr doc;
	xmlNodePtr root;
	char display[4096];
	bool ok = false;

	for (t = s->list; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	memset(&c, 0, sizeof(c));
	c.set = s;
	c.dg = dg;
	snprintf(display, sizeof(display), "%s/%s", s->display_dir, name);
	c.file = arena_strdup(&s->arena, display);
	if (!safe_name(name) || !tmpl_exists(s, name)) {
		diag_add(dg, DIAG_ERROR, c.file, 0, 0, "模板错误：找不到模板文件");
		return NULL;
	}
	t = arena_alloc(&s->arena, sizeof(*t));
	if (t == NULL || c.file == NULL)
		return NULL;
	t->name = arena_strdup(&s->arena, name);
	c.stack[c.depth++] = t->name;
	c.md = EVP_MD_CTX_new();
	if (c.md == NULL || !EVP_DigestInit_ex(c.md, EVP_sha256(), NULL))
		goto out;
	doc = read_doc(&c, name);
	if (doc == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root == NULL) {
		cerr(&c, 1, "模板是空的", NULL, NULL);
	} else {
		t->doctype = xmlStrcmp(root->name, (const xmlChar *)"html") == 0;
		if (!compile_elem(&c, root, &t->root) && !c.failed)
			diag_add(dg, DIAG_ERROR, c.file, 0, 0, "内存不足");
	}
	xmlFreeDoc(doc);
	if (c.failed || s->arena.oom ||
	    !EVP_DigestFinal_ex(c.md, t->hash, NULL))
		goto out;
	if (c.ndeps > 0) {
		qsort(c.deps, c.ndeps, sizeof(*c.deps), cmp_strp);
		t->deps = arena_alloc(&s->arena, c.ndeps * sizeof(*t->deps));
		if (t->deps == NULL)
			goto out;
		memcpy(t->deps, c.deps, c.ndeps * sizeof(*t->deps));
		t->ndeps = c.ndeps;
	}
	t->next = s->list;
	s->list = t;
	ok = true;
out:
	EVP_MD_CTX_free(c.md);
	free(c.deps);
	return ok ? t : NULL;
}

size_t
tmpl_deps(const struct tmpl *t, const char *const **deps)
{
	*deps = t->deps;
	return t->ndeps;
}

const unsigned char *
tmpl_hash(const struct tmpl *t)
{
	return t->hash;
}

/* ---- rendering ---- */

struct scope {
	const char *name;
	const struct gv *val;
};

struct rctx {
	const struct gv *ctx;
	const struct tmpl_env *env;
	struct buf *out;
	struct diags *dg;
	struct scope scope[MAX_SCOPE * 4];
	size_t nscope;
	bool failed;
};

static void
rerr(struct rctx *r, const struct tnode *t, const struct expr *e,
    const char *what)
{
	diag_add(r->dg, DIAG_ERROR, t->file, t->line, 1,
	    "模板错误：“%s”%s", e->src, what);
	r->failed = true;
}

static const struct gv *
lookup(struct rctx *r, const struct expr *e)
{
	const struct gv *v = NULL;
	size_t i;

	for (i = r->nscope; i > 0; i--)
		if (strcmp(r->scope[i - 1].name, e->path[0]) == 0) {
			v = r->scope[i - 1].val;
			break;
		}
	if (v == NULL)
		v = gv_get(r->ctx, e->path[0]);
	for (i = 1; i < e->npath && v != NULL; i++)
		v = gv_get(v, e->path[i]);
	return v;
}

static const struct gv *
mkstr(struct rctx *r, enum gv_kind k, const char *s)
{
	struct gv *v = gv_new(r->env->scratch, k);

	if (v == NULL)
		return NULL;
	v->u.s.p = arena_strdup(r->env->scratch, s);
	v->u.s.len = strlen(s);
	return v->u.s.p ? v : NULL;
}

static bool
is_time_kind(const struct gv *v)
{
	return v->kind == GV_DATE || v->kind == GV_DATETIME;
}

static int64_t
as_days(const struct gv *v)
{
	return v->kind == GV_DATE ? v->u.i : date_day_of(v->u.i);
}

static bool
is_text(const struct gv *v)
{
	return v->kind == GV_STR || v->kind == GV_URL;
}

/* Apply one filter.  NULL with *bad set when the value does not suit it. */
static const struct gv *
apply(struct rctx *r, const struct filter *f, const struct gv *v, bool *bad)
{
	char tmp[256];
	struct arena *sa = r->env->scratch;

	if (v == NULL || v->kind == GV_NULL)
		return v;
	switch (f->kind) {
	case F_DATE:
		if (!is_time_kind(v))
			break;
		return mkstr(r, GV_STR, date_fmt_zh(as_days(v), tmp));
	case F_FULLDATE: {
		char d[64];

		if (!is_time_kind(v))
			break;
		snprintf(tmp, sizeof(tmp), "%s（%s）",
		    date_fmt_zh(as_days(v), d), weekday_zh(as_days(v)));
		return mkstr(r, GV_STR, tmp);
	}
	case F_MONTHDAY:
		if (!is_time_kind(v))
			break;
		return mkstr(r, GV_STR, date_fmt_md_zh(as_days(v), tmp));
	case F_WEEKDAY:
		if (!is_time_kind(v))
			break;
		return mkstr(r, GV_STR, weekday_zh(as_days(v)));
	case F_DATETIME:
		if (v->kind == GV_DATE)
			return mkstr(r, GV_STR, date_fmt_zh(v->u.i, tmp));
		if (v->kind != GV_DATETIME)
			break;
		return mkstr(r, GV_STR, datetime_fmt_zh(v->u.i, tmp));
	case F_TIME:
		if (v->kind == GV_TIME)
			return mkstr(r, GV_STR, time_fmt((int)v->u.i, tmp));
		if (v->kind != GV_DATETIME)
			break;
		return mkstr(r, GV_STR,
		    time_fmt((int)((v->u.i - as_days(v) * 86400) / 60), tmp));
	case F_ISO:
		if (v->kind == GV_DATE)
			return mkstr(r, GV_STR, date_fmt_iso(v->u.i, tmp));
		if (v->kind != GV_DATETIME)
			break;
		return mkstr(r, GV_STR, datetime_fmt_iso(v->u.i, tmp));
	case F_RFC822:
		if (!is_time_kind(v))
			break;
		return mkstr(r, GV_STR, rfc822_fmt(v->kind == GV_DATE ?
		    v->u.i * 86400 : v->u.i, tmp));
	case F_MONEY:
		if (v->kind != GV_MONEY)
			break;
		return mkstr(r, GV_STR, money_fmt(v->u.i, tmp));
	case F_MONEY_UPPER:
		if (v->kind != GV_MONEY)
			break;
		return mkstr(r, GV_STR, money_upper(v->u.i, tmp));
	case F_COUNT:
		if (v->kind == GV_LIST || v->kind == GV_MAP)
			return gv_int(sa, GV_INT, (int64_t)gv_len(v));
		if (v->kind == GV_STR)
			return gv_int(sa, GV_INT, (int64_t)utf8_chars(v->u.s.p));
		break;
	case F_TRUNCATE: {
		size_t cut;
		struct gv *nv;

		if (v->kind != GV_STR)
			break;
		if (utf8_chars(v->u.s.p) <= (size_t)f->arg)
			return v;
		cut = utf8_prefix(v->u.s.p, (size_t)f->arg - 1);
		nv = gv_new(sa, GV_STR);
		if (nv == NULL)
			return NULL;
		nv->u.s.p = arena_alloc(sa, cut + 4);
		if (nv->u.s.p == NULL)
			return NULL;
		memcpy((char *)nv->u.s.p, v->u.s.p, cut);
		memcpy((char *)nv->u.s.p + cut, "…", 4); /* includes NUL */
		nv->u.s.len = cut + 3;
		return nv;
	}
	case F_PHONE:
		if (v->kind != GV_STR)
			break;
		return mkstr(r, GV_STR, phone_display(v->u.s.p, tmp));
	case F_TEL:
		if (v->kind != GV_STR)
			break;
		return mkstr(r, GV_URL, phone_tel(v->u.s.p, tmp));
	case F_ABS: {
		struct buf b = BUF_INIT;
		const struct gv *res;

		if (!is_text(v))
			break;
		if (strstr(v->u.s.p, "://") != NULL)
			return v;
		buf_puts(&b, r->env->base_url ? r->env->base_url : "");
		buf_putc(&b, '/');
		buf_puts(&b, v->u.s.p);
		res = buf_ok(&b) ? mkstr(r, GV_URL, b.data) : NULL;
		buf_free(&b);
		return res;
	}
	}
	*bad = true;
	return NULL;
}

static const struct gv *
eval(struct rctx *r, const struct tnode *t, const struct expr *e)
{
	const struct gv *v = lookup(r, e);
	bool bad = false;
	size_t i;

	for (i = 0; i < e->nf && v != NULL; i++) {
		v = apply(r, &e->f[i], v, &bad);
		if (bad) {
			rerr(r, t, e, "的值不适用这个过滤器");
			return NULL;
		}
	}
	return v;
}

/* A URL value that must never be written into a URL attribute: a scheme
 * other than http(s)/mailto/tel (javascript:, data: ..., whatever the
 * case or the control characters in it), a protocol-relative "//host",
 * or a backslash, which browsers read as "/".  Site paths are written
 * relative to the page, but on the home page that prefix is empty. */
static bool
url_refused(const char *u)
{
	const char *p;

	for (p = u; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return !md_url_allowed(u, 1);
	return strncmp(u, "//", 2) == 0 || strchr(u, '\\') != NULL;
}

/* Write a URL value relative to the page. */
static void
put_url(struct rctx *r, const char *u, bool escape)
{
	struct buf *o = r->out;
	char first = u[0];

	if (strstr(u, ":") != NULL && md_url_allowed(u, 1) &&
	    strncmp(u, "//", 2) != 0 && (strncmp(u, "http", 4) == 0 ||
	    strncmp(u, "mailto:", 7) == 0 || strncmp(u, "tel:", 4) == 0)) {
		/* absolute */
	} else if (first != '#') {
		if (r->env->root[0] == '\0' && u[0] == '\0') {
			buf_puts(o, "./");
			return;
		}
		buf_puts(o, r->env->root);
	}
	if (escape)
		html_escape(o, u);
	else
		buf_puts(o, u);
}

/* Write a value as text (escaped). */
static void
put_value(struct rctx *r, const struct tnode *t, const struct expr *e,
    const struct gv *v)
{
	char tmp[256];

	if (v == NULL)
		return;
	switch (v->kind) {
	case GV_NULL:
		return;
	case GV_BOOL:
		buf_puts(r->out, v->u.b ? "是" : "否");
		return;
	case GV_INT:
		buf_printf(r->out, "%lld", (long long)v->u.i);
		return;
	case GV_STR:
	case GV_HTML:
		html_escape(r->out, v->u.s.p);
		return;
	case GV_URL:
		put_url(r, v->u.s.p, true);
		return;
	case GV_DATE:
		buf_puts(r->out, date_fmt_zh(v->u.i, tmp));
		return;
	case GV_DATETIME:
		buf_puts(r->out, datetime_fmt_zh(v->u.i, tmp));
		return;
	case GV_TIME:
		buf_puts(r->out, time_fmt((int)v->u.i, tmp));
		return;
	case GV_MONEY:
		buf_puts(r->out, money_fmt(v->u.i, tmp));
		return;
	case GV_LIST:
	case GV_MAP:
		rerr(r, t, e, "是列表或映射，不能直接输出为文字");
		return;
	}
}

static void render_node(struct rctx *r, const struct tnode *t);

static void
render_elem_once(struct rctx *r, const struct tnode *t)
{
	const struct gv *v;
	size_t i;

	if (t->if_e && !gv_truthy(eval(r, t, t->if_e)))
		return;
	if (t->unless_e && gv_truthy(eval(r, t, t->unless_e)))
		return;
	buf_putc(r->out, '<');
	buf_puts(r->out, t->name);
	for (i = 0; i < t->nattrs; i++) {
		const struct tattr *a = &t->attrs[i];

		v = a->expr ? eval(r, t, a->expr) : NULL;
		if (v == NULL || v->kind == GV_NULL ||
		    (v->kind == GV_BOOL && !v->u.b) ||
		    (a->url && v->kind != GV_URL &&
		    (!is_text(v) || !md_url_allowed(v->u.s.p, 1))) ||
		    (a->url && v->kind == GV_URL && url_refused(v->u.s.p))) {
			/* No value (or a script URL, never written): the
			 * static value, if the template has one. */
			if (a->value == NULL)
				continue;
			buf_putc(r->out, ' ');
			buf_puts(r->out, a->name);
			buf_puts(r->out, "=\"");
			buf_puts(r->out, a->value);
			buf_putc(r->out, '"');
			continue;
		}
		buf_putc(r->out, ' ');
		buf_puts(r->out, a->name);
		buf_puts(r->out, "=\"");
		if (v->kind != GV_BOOL)
			put_value(r, t, a->expr, v);
		buf_putc(r->out, '"');
	}
	buf_putc(r->out, '>');
	if (t->is_void)
		return;
	if (t->text_e) {
		put_value(r, t, t->text_e, eval(r, t, t->text_e));
	} else if (t->html_e) {
		v = eval(r, t, t->html_e);
		if (v != NULL && v->kind == GV_HTML)
			buf_put(r->out, v->u.s.p, v->u.s.len);
		else
			put_value(r, t, t->html_e, v);
	} else {
		for (i = 0; i < t->nkids; i++)
			render_node(r, &t->kids[i]);
	}
	buf_puts(r->out, "</");
	buf_puts(r->out, t->name);
	buf_putc(r->out, '>');
}

static void
render_node(struct rctx *r, const struct tnode *t)
{
	const struct gv *list;
	struct arena *sa = r->env->scratch;
	size_t i, n, base;
	char *names;

	if (r->failed)
		return;
	if (t->kind == TN_STATIC) {
		buf_put(r->out, t->html, t->len);
		return;
	}
	if (t->each_e == NULL) {
		render_elem_once(r, t);
		return;
	}
	list = eval(r, t, t->each_e);
	if (list == NULL || list->kind == GV_NULL)
		return;
	if (list->kind != GV_LIST) {
		rerr(r, t, t->each_e, "不是列表，不能用于 data-g-each");
		return;
	}
	n = list->u.list.n;
	if (n == 0)
		return;
	if (r->nscope + 4 > sizeof(r->scope) / sizeof(r->scope[0])) {
		rerr(r, t, t->each_e, "嵌套过深");
		return;
	}
	/* x, x_index, x_first, x_last */
	{
		size_t vl = strlen(t->each_var);

		names = arena_alloc(sa, 3 * (vl + 8));
		if (names == NULL) {
			r->failed = true;
			return;
		}
		snprintf(names, vl + 8, "%s_index", t->each_var);
		snprintf(names + (vl + 8), vl + 8, "%s_first", t->each_var);
		snprintf(names + 2 * (vl + 8), vl + 8, "%s_last", t->each_var);
		base = r->nscope;
		r->scope[base].name = t->each_var;
		r->scope[base + 1].name = names;
		r->scope[base + 2].name = names + (vl + 8);
		r->scope[base + 3].name = names + 2 * (vl + 8);
		r->nscope += 4;
	}
	for (i = 0; i < n && !r->failed; i++) {
		r->scope[base].val = list->u.list.v[i];
		r->scope[base + 1].val = gv_int(sa, GV_INT, (int64_t)i + 1);
		r->scope[base + 2].val = i == 0 ? &gv_true : &gv_false;
		r->scope[base + 3].val = i + 1 == n ? &gv_true : &gv_false;
		if (r->scope[base + 1].val == NULL) {
			r->failed = true;
			break;
		}
		render_elem_once(r, t);
	}
	r->nscope = base;
}

int
tmpl_render(const struct tmpl *t, const struct gv *ctx,
    const struct tmpl_env *env, struct buf *out, struct diags *dg)
{
	struct rctx r;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.env = env;
	r.out = out;
	r.dg = dg;
	if (t->doctype)
		buf_puts(out, "<!DOCTYPE html>\n");
	render_node(&r, &t->root);
	if (!buf_ok(out) || env->scratch->oom) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		return -1;
	}
	return r.failed ? -1 : 0;
}
