/*
 * feed: RSS 2.0 written with libxml2's xmlTextWriter (never by pasting
 * strings): <language>zh-cn</language>, absolute links from base_url,
 * RFC 822 dates with +0800, <guid isPermaLink="true">, and each record's
 * full body as escaped HTML in <description>.  <lastBuildDate> is the
 * newest record's date, not the clock, so feeds are reproducible.
 */
#ifndef GONGSHI_FEED_H
#define GONGSHI_FEED_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "site.h"

#define FEED_MAX 50

struct feed_spec {
	const char *title;       /* channel title */
	const char *description; /* channel description */
	const char *link;        /* site-relative URL of the listing ("" home) */
	const char *self;        /* site-relative URL of the feed itself */
	struct record **recs;    /* newest first */
	size_t n;                /* at most this many items are written */
};

/* Write the feed into `out`.  0; -1 when a record's file changed since it
 * was loaded (reported to `dg`); -3 when out of memory or unreadable. */
int feed_write(const struct site *s, const struct feed_spec *f,
    struct diags *dg, struct buf *out);

#endif
