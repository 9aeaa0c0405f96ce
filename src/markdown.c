#include "markdown.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "buf.h"
#include "phone.h"
#include "utf8.h"

#define MD_OPTIONS (CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | \
    CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)

static const char *const extension_names[] = {"table", "strikethrough",
    "autolink"};

void
md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The scheme of `url` in lower case (into `out`), or "" when it has
 * none, i.e. when it is relative. */
static void
scheme_of(const char *url, char *out, size_t outsz)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; url[i] && url[i] != ':' && url[i] != '/' &&
	    url[i] != '?' && url[i] != '#'; i++)
		;
	if (url[i] != ':' || i == 0 || i >= outsz)
		return;
	for (size_t j = 0; j < i; j++)
		out[j] = (char)tolower((unsigned char)url[j]);
	out[i] = '\0';
}

int
md_url_allowed(const char *url, int is_link)
{
	char scheme[16];
	const unsigned char *u = (const unsigned char *)url;

	/* Control characters and spaces have no place in a URL, and browsers
	 * skip some of them when they look for a scheme.  A backslash is
	 * read as "/", so "\\host" is another host. */
	for (; *u; u++)
		if (*u < 0x21 || *u == 0x7f || *u == '\\')
			return 0;
	scheme_of(url, scheme, sizeof(scheme));
	if (scheme[0] == '\0')
		return strncmp(url, "//", 2) != 0;
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)
		return 1;
	if (is_link && (strcmp(scheme, "mailto") == 0 ||
	    strcmp(scheme, "tel") == 0))
		return 1;
	return 0;
}

/* Text of the last (first) leaf under `n`, for the CJK line-join test. */
static uint32_t
edge_char(cmark_node *n, bool last)
{
	const char *lit;

	while (n != NULL) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			if (lit == NULL || *lit == '\0')
				return 0;
			return last ? utf8_last(lit, strlen(lit))
			    : utf8_first(lit, strlen(lit));
		default:
			n = last ? cmark_node_last_child(n)
			    : cmark_node_first_child(n);
		}
	}
	return 0;
}

/* Replace `n` by its children (used to drop a link but keep its text). */
static void
unwrap(cmark_node *n)
{
	cmark_node *c;

	while ((c = cmark_node_first_child(n)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_insert_before(n, c);
	}
	cmark_node_unlink(n);
	cmark_node_free(n);
}

/*
 * The text of the inlines under `n`, as cmark's plain-text renderer gives
 * it (text and code literally, line breaks as '\n', markup dropped), into
 * `out` (reset first).  cmark_render_plaintext() itself takes quadratic
 * time and more in the depth of nested emphasis ("*a **a *a …"): 140 KB
 * took 28 s.  The iterator walks the tree in linear time.  NULL when
 * memory ran out.
 */
static char *
inline_text(cmark_node *n, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;
	const char *lit;

	buf_reset(out);
	buf_puts(out, "");
	if (it == NULL)
		return NULL;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(c);
			if (lit != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return buf_ok(out) ? out->data : NULL;
}

/* A heading id from its text: letters, digits, CJK kept; runs of anything
 * else become one '-'. */
static void
heading_id(cmark_node *h, struct buf *id)
{
	struct buf tb = BUF_INIT;
	const char *text = inline_text(h, &tb);
	const unsigned char *p;
	bool dash = false;

	buf_reset(id);
	if (text == NULL) {
		buf_free(&tb);
		return;
	}
	for (p = (const unsigned char *)text; *p; p++) {
		if (*p >= 0x80 || isalnum(*p) || *p == '_') {
			if (dash && id->len > 0)
				buf_putc(id, '-');
			dash = false;
			buf_putc(id, (char)(*p >= 0x80 ? *p : tolower(*p)));
		} else {
			dash = true;
		}
	}
	buf_free(&tb);
	if (id->len == 0 || !buf_ok(id))
		buf_puts(id, "section");
}

static bool
prefix_url(cmark_node *n, const char *prefix, struct buf *tmp)
{
	const char *url = cmark_node_get_url(n);
	char scheme[16];

	if (url == NULL || *url == '\0' || url[0] == '#')
		return true;
	scheme_of(url, scheme, sizeof(scheme));
	if (scheme[0] != '\0')
		return true;
	buf_reset(tmp);
	buf_puts(tmp, prefix);
	buf_puts(tmp, url[0] == '/' ? url + 1 : url);
	if (!buf_ok(tmp))
		return false;
	return cmark_node_set_url(n, tmp->data) != 0;
}

struct nodes {
	cmark_node **v;
	size_t n, cap;
};

static bool
nodes_push(struct nodes *ns, cmark_node *n)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 32;
		cmark_node **v = realloc(ns->v, cap * sizeof(*v));
		if (v == NULL)
			return false;
		ns->v = v;
		ns->cap = cap;
	}
	ns->v[ns->n++] = n;
	return true;
}

/* Is heading id `id` already used?  A small linear list is enough: a body
 * has a handful of headings. */
static bool
id_taken(char **ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

/* Split text node `n` around every phone number in it, each becoming a
 * tel: link with the number as written.  false when memory ran out. */
static bool
link_phones(cmark_node *n)
{
	char canon[64], tel[64], *rest = NULL;
	const char *lit;
	size_t at, len;
	cmark_node *link, *text, *tail;
	bool ok = false;

	while ((lit = cmark_node_get_literal(n)) != NULL &&
	    phone_find(lit, &at, &len, canon)) {
		free(rest);
		if ((rest = strdup(lit)) == NULL)
			return false;
		link = cmark_node_new(CMARK_NODE_LINK);
		text = cmark_node_new(CMARK_NODE_TEXT);
		tail = cmark_node_new(CMARK_NODE_TEXT);
		if (link == NULL || text == NULL || tail == NULL) {
			cmark_node_free(link);
			cmark_node_free(text);
			cmark_node_free(tail);
			goto out;
		}
		rest[at + len] = '\0';
		if (!cmark_node_set_literal(text, rest + at) ||
		    !cmark_node_set_url(link, phone_tel(canon, tel)) ||
		    !cmark_node_set_literal(tail, lit + at + len)) {
			cmark_node_free(link);
			cmark_node_free(text);
			cmark_node_free(tail);
			goto out;
		}
		rest[at] = '\0';
		cmark_node_append_child(link, text);
		cmark_node_insert_after(n, link);
		cmark_node_insert_after(link, tail);
		if (!cmark_node_set_literal(n, rest))
			goto out;
		/* An empty text node before the link is harmless. */
		n = tail;
	}
	ok = true;
out:
	free(rest);
	return ok;
}

/* Parse with gongshi's options and extensions.  The document (caller
 * frees it with cmark_node_free), or NULL; *parser is set whenever one
 * was made (caller frees it with cmark_parser_free: rendering a table
 * needs its extensions). */
static cmark_node *
parse(const char *src, size_t len, cmark_parser **parser)
{
	size_t i;

	*parser = cmark_parser_new(MD_OPTIONS);
	if (*parser == NULL)
		return NULL;
	for (i = 0; i < sizeof(extension_names) / sizeof(*extension_names);
	    i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extension_names[i]);
		if (ext == NULL ||
		    !cmark_parser_attach_syntax_extension(*parser, ext))
			return NULL;
	}
	cmark_parser_feed(*parser, src, len);
	return cmark_parser_finish(*parser);
}

static char *doc_text(cmark_node *doc);

static int
render(const char *src, size_t len, const char *url_prefix,
    struct md_out *out, bool want_text)
{
	cmark_parser *parser = NULL;
	cmark_node *doc = NULL, *n, *prev, *next, *wrap;
	cmark_iter *it = NULL;
	cmark_event_type ev;
	struct nodes todo = {0}, dead = {0};
	struct buf tmp = BUF_INIT, id = BUF_INIT;
	char **ids = NULL, *p;
	size_t nids = 0, i;
	int rc = -1, level;
	bool first_para_done = false;

	memset(out, 0, sizeof(*out));
	if ((doc = parse(src, len, &parser)) == NULL)
		goto out;
	if (want_text && (out->text = doc_text(doc)) == NULL)
		goto out;

	/* Collect first: the tree must not change under the iterator. */
	it = cmark_iter_new(doc);
	if (it == NULL)
		goto out;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_HEADING:
			if (!nodes_push(&todo, n))
				goto out;
			break;
		default:
			p = (char *)cmark_node_get_type_string(n);
			if (p != NULL && strcmp(p, "table") == 0 &&
			    !nodes_push(&todo, n))
				goto out;
			break;
		}
	}
	cmark_iter_free(it);
	it = NULL;
	/* Room for every heading taken out, so that keeping one never
	 * fails. */
	if (todo.n > 0 && (dead.v = malloc(todo.n * sizeof(*dead.v))) == NULL)
		goto out;
	dead.cap = todo.n;

	for (i = 0; i < todo.n; i++) {
		n = todo.v[i];
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_SOFTBREAK:
			prev = cmark_node_previous(n);
			next = cmark_node_next(n);
			if (prev && next && utf8_is_cjk(edge_char(prev, true)) &&
			    utf8_is_cjk(edge_char(next, false))) {
				cmark_node_unlink(n);
				cmark_node_free(n);
			}
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE: {
			bool link = cmark_node_get_type(n) == CMARK_NODE_LINK;
			const char *url = cmark_node_get_url(n);

			if (url == NULL || !md_url_allowed(url, link)) {
				unwrap(n);
				break;
			}
			if (!prefix_url(n, url_prefix, &tmp))
				goto out;
			if (!link && out->first_image == NULL &&
			    (out->first_image =
			    strdup(cmark_node_get_url(n))) == NULL)
				goto out;
			break;
		}
		case CMARK_NODE_HEADING: {
			char **nv;

			level = cmark_node_get_heading_level(n);
			if (level < 2)
				level = 2;
			heading_id(n, &id);
			for (int k = 2; id_taken(ids, nids, id.data) ||
			    !buf_ok(&id); k++) {
				if (!buf_ok(&id))
					goto out;
				heading_id(n, &id);
				buf_printf(&id, "-%d", k);
			}
			nv = realloc(ids, (nids + 1) * sizeof(*ids));
			if (nv == NULL)
				goto out;
			ids = nv;
			if ((ids[nids] = strdup(id.data)) == NULL)
				goto out;
			nids++;
			wrap = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
			if (wrap == NULL)
				goto out;
			buf_reset(&tmp);
			buf_printf(&tmp, "<h%d id=\"%s\">", level, id.data);
			cmark_node_set_on_enter(wrap, tmp.data);
			buf_reset(&tmp);
			buf_printf(&tmp, "</h%d>", level);
			cmark_node_set_on_exit(wrap, tmp.data);
			cmark_node_insert_before(n, wrap);
			while ((next = cmark_node_first_child(n)) != NULL) {
				cmark_node_unlink(next);
				cmark_node_append_child(wrap, next);
			}
			/*
			 * Unlinked but not freed until the body is rendered:
			 * the inlines moved out still point into the heading's
			 * text (cmark-gfm's autolinks do: "## 见 https://x.cn"
			 * read freed memory when the link was rendered).
			 */
			cmark_node_unlink(n);
			dead.v[dead.n++] = n;
			break;
		}
		default: /* table */
			wrap = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
			if (wrap == NULL)
				goto out;
			cmark_node_set_on_enter(wrap,
			    "<div class=\"table-wrap\" role=\"region\" "
			    "aria-label=\"表格\" tabindex=\"0\">");
			cmark_node_set_on_exit(wrap, "</div>");
			cmark_node_insert_before(n, wrap);
			cmark_node_unlink(n);
			cmark_node_append_child(wrap, n);
			break;
		}
	}

	/* Phone numbers in text (not already in a link) become tel: links:
	 * on a phone, the reliable action. */
	todo.n = 0;
	it = cmark_iter_new(doc);
	if (it == NULL)
		goto out;
	level = 0; /* depth inside links */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
			level += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev == CMARK_EVENT_ENTER && level == 0 &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    !nodes_push(&todo, n))
			goto out;
	}
	cmark_iter_free(it);
	it = NULL;
	for (i = 0; i < todo.n; i++)
		if (!link_phones(todo.v[i]))
			goto out;

	for (n = cmark_node_first_child(doc); n && !first_para_done;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		first_para_done = true;
		if (inline_text(n, &tmp) == NULL ||
		    (out->first_para = strdup(tmp.data)) == NULL)
			goto out;
		/* One line: the remaining soft breaks become spaces. */
		for (p = out->first_para; *p; p++)
			if (*p == '\n')
				*p = ' ';
		while (p > out->first_para && p[-1] == ' ')
			*--p = '\0';
	}

	out->html = cmark_render_html(doc, MD_OPTIONS,
	    cmark_parser_get_syntax_extensions(parser));
	if (out->html == NULL || !buf_ok(&tmp))
		goto out;
	rc = 0;
out:
	if (rc != 0)
		md_out_free(out);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(todo.v);
	for (i = 0; i < dead.n; i++)
		cmark_node_free(dead.v[i]);
	free(dead.v);
	buf_free(&tmp);
	buf_free(&id);
	if (it)
		cmark_iter_free(it);
	if (doc)
		cmark_node_free(doc);
	if (parser)
		cmark_parser_free(parser);
	return rc;
}

/* md_text of a parsed document (before render() changes its tree). */
static char *
doc_text(cmark_node *doc)
{
	cmark_node *n;
	cmark_iter *it;
	cmark_event_type ev;
	struct buf b = BUF_INIT;
	const char *lit;
	char *text = NULL, *r, *w;
	bool space = false;

	if ((it = cmark_iter_new(doc)) == NULL)
		return NULL;
	/* The text of every leaf; a space between blocks, table cells and
	 * lines (squeezed below). */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			if (cmark_node_first_child(n) != NULL)
				buf_putc(&b, ' ');
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			if (lit != NULL)
				buf_puts(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (!buf_ok(&b))
		goto out;
	buf_putc(&b, ' ');
	text = buf_steal(&b);
	if (text == NULL)
		goto out;
	/* Squeeze white space (ASCII: UTF-8 continuation bytes are never
	 * ASCII) into single spaces, trimmed. */
	for (r = w = text; *r; r++) {
		if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\r') {
			space = w != text;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = *r;
	}
	*w = '\0';
out:
	buf_free(&b);
	return text;
}

char *
md_text(const char *src, size_t len)
{
	cmark_parser *parser;
	cmark_node *doc = parse(src, len, &parser);
	char *text = doc ? doc_text(doc) : NULL;

	if (doc)
		cmark_node_free(doc);
	if (parser)
		cmark_parser_free(parser);
	return text;
}

static bool
host_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/* Can `c` be part of the container markers at the start of a line
 * (indentation, ">", list bullets and numbers)? */
static bool
marker_char(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '>' || c == '-' || c == '+' ||
	    c == '*' || c == '.' || c == ')' || (c >= '0' && c <= '9');
}

/* The source scans, byte by byte: "|" per line, "www." per run of host
 * characters.  True with the first problem in *p. */
static bool
scan_lines(const char *src, size_t len, struct md_problem *p)
{
	size_t i, run_www = 0;
	int line = 1, col = 1, pipes = 0;
	bool in_run = false;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c == '\n' || c == '\r') {
			if (c == '\n') {
				line++;
				col = 1;
				pipes = 0;
			}
			in_run = false;
			continue;
		}
		if (c == '|' && ++pipes > MD_MAX_PIPES) {
			p->line = line;
			p->col = col;
			snprintf(p->msg, sizeof(p->msg),
			    "一行里的“|”超过 %d 个：表格最多 %d 列，请拆成几张表",
			    MD_MAX_PIPES, MD_MAX_PIPES - 1);
			return true;
		}
		if (!host_char(c)) {
			in_run = false;
		} else {
			if (!in_run)
				run_www = 0;
			in_run = true;
			if (c == 'w' && len - i >= 4 &&
			    memcmp(src + i, "www.", 4) == 0 &&
			    ++run_www > MD_MAX_WWW) {
				p->line = line;
				p->col = col;
				snprintf(p->msg, sizeof(p->msg),
				    "一串连续的字母、数字里“www.”出现了 %d 次以上，这不是正常的网址，请改写",
				    MD_MAX_WWW);
				return true;
			}
		}
		if ((c & 0xc0) != 0x80)
			col++;
	}
	return false;
}

/* Marker characters at the start of s[0..end) (a tab counted as 4), up
 * to MD_MAX_DEPTH + 1. */
static size_t
prefix_weight(const char *s, const char *end)
{
	size_t w = 0;

	for (; s < end && w <= MD_MAX_DEPTH && marker_char((unsigned char)*s);
	    s++)
		w += *s == '\t' ? 4 : 1;
	return w;
}

/*
 * The scans in a few memchr() calls a line.  False when scan_lines()
 * surely finds nothing (no line has more than MD_MAX_PIPES "|" or
 * MD_MAX_WWW "www.", which bounds any run of them), true when it must
 * look.
 *
 * *deep is set when some line starts with more marker characters than
 * MD_MAX_DEPTH (a tab counted as 4): a block quote or list item opened
 * on a line sits inside the containers that line continues, and each of
 * them takes at least one character of it (">", or two columns of
 * indentation for a list item: at most two in a tab), so otherwise no
 * nesting can be too deep and the parse is not needed.  cmark ends a
 * line at "\r" too.
 */
static bool
scan_fast(const char *src, size_t len, bool *deep)
{
	const char *p = src, *end = src + len, *nl, *q;
	size_t n;
	bool maybe = false;

	*deep = false;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (prefix_weight(p, nl) > MD_MAX_DEPTH)
			*deep = true;
		for (q = p; (q = memchr(q, '\r', (size_t)(nl - q))) != NULL;)
			if (prefix_weight(++q, nl) > MD_MAX_DEPTH)
				*deep = true;
		n = 0;
		for (q = p; !maybe && (q = memchr(q, '|', (size_t)(nl - q))) !=
		    NULL; q++)
			maybe = ++n > MD_MAX_PIPES;
		n = 0;
		for (q = p; !maybe && (q = memmem(q, (size_t)(nl - q), "www.",
		    4)) != NULL; q += 4)
			maybe = ++n > MD_MAX_WWW;
		p = nl + 1;
	}
	return maybe;
}

static int
check(const char *src, size_t len, struct md_problem *p, bool shortcut)
{
	cmark_parser *parser;
	cmark_node *doc = NULL, *n;
	cmark_iter *it = NULL;
	cmark_event_type ev;
	cmark_node_type ty;
	int depth = 0, rc = -1;
	bool deep;

	memset(p, 0, sizeof(*p));
	/* First the scans, so that the parser never sees what it is slow
	 * on.  Nesting is what the parser says it is: it is linear in it.
	 * The extensions add no nesting of blocks, so none is attached.
	 * Most bodies cannot nest deep at all (scan_lines): no parse. */
	if ((scan_fast(src, len, &deep) || !shortcut) &&
	    scan_lines(src, len, p))
		return 1;
	if (shortcut && !deep)
		return 0;
	if ((parser = cmark_parser_new(CMARK_OPT_DEFAULT)) == NULL)
		return -1;
	cmark_parser_feed(parser, src, len);
	if ((doc = cmark_parser_finish(parser)) == NULL ||
	    (it = cmark_iter_new(doc)) == NULL)
		goto out;
	rc = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		ty = cmark_node_get_type(n);
		if (ty != CMARK_NODE_BLOCK_QUOTE && ty != CMARK_NODE_ITEM)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
		} else if (ev == CMARK_EVENT_ENTER && ++depth > MD_MAX_DEPTH) {
			p->line = cmark_node_get_start_line(n);
			p->col = cmark_node_get_start_column(n);
			snprintf(p->msg, sizeof(p->msg),
			    "引用和列表层层嵌套超过 %d 层，请减少层级",
			    MD_MAX_DEPTH);
			rc = 1;
			break;
		}
	}
out:
	if (it)
		cmark_iter_free(it);
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(parser);
	return rc;
}

int
md_check(const char *src, size_t len, struct md_problem *p)
{
	return check(src, len, p, true);
}

int
md_check_parsed(const char *src, size_t len, struct md_problem *p)
{
	return check(src, len, p, false);
}

int
md_render(const char *src, size_t len, const char *url_prefix,
    struct md_out *out)
{
	return render(src, len, url_prefix, out, false);
}

int
md_render_text(const char *src, size_t len, const char *url_prefix,
    struct md_out *out)
{
	return render(src, len, url_prefix, out, true);
}

void
md_out_free(struct md_out *out)
{
	free(out->html);
	free(out->text);
	free(out->first_para);
	free(out->first_image);
	memset(out, 0, sizeof(*out));
}
