/*
 * sitemap: sitemap.xml (sitemaps.org 0.9) with absolute, percent-encoded
 * URLs and <lastmod> dates, written with xmlTextWriter.
 */
#ifndef GONGSHI_SITEMAP_H
#define GONGSHI_SITEMAP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "site.h"

struct sitemap_url {
	const char *url;  /* site-relative, already percent-encoded */
	int64_t lastmod;  /* days, or -1 */
};

/* 0, or -1 when out of memory. */
int sitemap_write(const struct site *s, const struct sitemap_url *urls,
    size_t n, struct buf *out);

#endif
