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
void md_out_free(struct md_out *out);

/*
 * The plain text of `len` bytes of Markdown (cmark's plain-text renderer,
 * tables included), on one line: every run of white space becomes one
 * space.  For the search index.  NULL when memory ran out; caller frees.
 */
char *md_text(const char *src, size_t len);

/* Is `url` one gongshi lets through in a link (images: !is_link)? */
int md_url_allowed(const char *url, int is_link);

#endif
