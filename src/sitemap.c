#include "sitemap.h"

#include <libxml/xmlwriter.h>

#include "date.h"

int
sitemap_write(const struct site *s, const struct sitemap_url *urls, size_t n,
    struct buf *out)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = NULL;
	struct buf u = BUF_INIT;
	char date[64];
	size_t i;
	int rc = -1;

#define W(call) do { if ((call) < 0) goto out; } while (0)
	if (xb == NULL || (w = xmlNewTextWriterMemory(xb, 0)) == NULL)
		goto out;
	W(xmlTextWriterSetIndent(w, 1));
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "urlset"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	    BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9"));
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		buf_puts(&u, s->base_url);
		buf_putc(&u, '/');
		buf_puts(&u, urls[i].url);
		if (!buf_ok(&u))
			goto out;
		W(xmlTextWriterStartElement(w, BAD_CAST "url"));
		W(xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST u.data));
		if (urls[i].lastmod >= 0)
			W(xmlTextWriterWriteElement(w, BAD_CAST "lastmod",
			    BAD_CAST date_fmt_iso(urls[i].lastmod, date)));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	w = NULL;
	buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	rc = buf_ok(out) ? 0 : -1;
#undef W
out:
	if (w)
		xmlFreeTextWriter(w);
	if (xb)
		xmlBufferFree(xb);
	buf_free(&u);
	return rc;
}
