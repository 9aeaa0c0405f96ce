/*
 * markdown: a record's body through cmark-gfm (tables, strikethrough,
 * autolinks; raw HTML off), with one pass over the tree that
 *  - joins soft line breaks between two CJK characters,
 *  - keeps only http(s)/mailto/tel/relative links and http(s)/relative
 *    images (anything else becomes its plain text),
 *  - resolves site-relative URLs against `url_prefix`,
 *  - turns "# " into <h2> (the page's <h1> is the record title) and gives
 *    headings stable ids,
 *  - wraps tables so a narrow screen scrolls the table, not the page,
 * and collects the first paragraph's text and the first image.
 */
#ifndef GONGSHI_MARKDOWN_H
#define GONGSHI_MARKDOWN_H

#include <stddef.h>

struct md_out {
	char *html;        /* owned: the body as HTML (UTF-8) */
	char *first_para;  /* owned: text of the first paragraph, or NULL */
	char *first_image; /* owned: URL of the first image, or NULL */
	char *text;        /* owned: md_text() of the body, from
	                    * md_render_text() only; else NULL */
};

/* Register cmark-gfm's extensions.  Call once, before any thread renders. */
void md_init(void);

/*
 * Render `len` bytes of Markdown.  `url_prefix` is put in front of
 * site-relative link and image URLs ("../../" on a record page, the base
 * URL plus "/" in a feed).  Returns 0, or -1 when memory ran out.  The
 * caller frees the result with md_out_free().
 */
int md_render(const char *src, size_t len, const char *url_prefix,
    struct md_out *out);
/* md_render, and md_text() of the same source into out->text, from one
 * parse (a record page and its search index entry). */
int md_render_text(const char *src, size_t len, const char *url_prefix,
    struct md_out *out);
void md_out_free(struct md_out *out);

/*
 * The plain text of `len` bytes of Markdown (cmark's plain-text renderer,
 * tables included), on one line: every run of white space becomes one
 * space.  For the search index.  NULL when memory ran out; caller frees.
 */
char *md_text(const char *src, size_t len);

/*
 * Limits of a body (docs/gongshi.1, LIMITS).  cmark-gfm 0.29.0.gfm.6
 * (Debian 12) parses deep nesting in linear time but spends quadratic
 * time on a table row with thousands of cells (40,000 "|": 6 s) and on a
 * long run of host-name characters with many "www." in it (200 KB of
 * "www._": 40 s); a body within these limits is parsed in linear time.
 */
#define MD_MAX_DEPTH 32 /* block quotes and list items inside each other */
#define MD_MAX_PIPES 64 /* "|" on one line: a table of at most 63 columns */
#define MD_MAX_WWW 8    /* "www." in one run of [A-Za-z0-9._-] */

struct md_problem {
	int line, col; /* 1-based, in the body; col in characters */
	char msg[256]; /* Chinese, for the diagnostic */
};

/*
 * Check `len` bytes of Markdown (valid UTF-8) against the limits above.
 * 0 when within them; 1 with the first problem in *p; -1 when memory ran
 * out.  Linear in `len`.
 */
int md_check(const char *src, size_t len, struct md_problem *p);
/* md_check() without its shortcuts: every byte scanned one by one, and
 * the nesting always measured by parsing.  For the tests and the fuzzer,
 * which hold the two equal. */
int md_check_parsed(const char *src, size_t len, struct md_problem *p);

/* Is `url` one gongshi lets through in a link (images: !is_link)? */
int md_url_allowed(const char *url, int is_link);

#endif
