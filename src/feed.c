#include "feed.h"

#include <string.h>

#include <libxml/xmlwriter.h>

#include "date.h"
#include "markdown.h"

static void
abs_url(const struct site *s, const char *rel, struct buf *b)
{
	buf_reset(b);
	buf_puts(b, s->base_url);
	buf_putc(b, '/');
	buf_puts(b, rel);
}

int
feed_write(const struct site *s, const struct feed_spec *f, struct diags *dg,
    struct buf *out)
{
	xmlBufferPtr xb = NULL;
	xmlTextWriterPtr w = NULL;
	struct buf u = BUF_INIT, prefix = BUF_INIT;
	struct md_out md = {0};
	char date[64];
	int64_t newest = 0;
	size_t i;
	int rc = -3, ok = 0;

#define W(call) do { if ((call) < 0) goto out; } while (0)
	xb = xmlBufferCreate();
	if (xb == NULL)
		goto out;
	w = xmlNewTextWriterMemory(xb, 0);
	if (w == NULL)
		goto out;
	W(xmlTextWriterSetIndent(w, 1));
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "rss"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.0"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:atom",
	    BAD_CAST "http://www.w3.org/2005/Atom"));
	W(xmlTextWriterStartElement(w, BAD_CAST "channel"));
	W(xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST f->title));
	abs_url(s, f->link, &u);
	W(xmlTextWriterWriteElement(w, BAD_CAST "link", BAD_CAST u.data));
	W(xmlTextWriterWriteElement(w, BAD_CAST "description",
	    BAD_CAST f->description));
	W(xmlTextWriterWriteElement(w, BAD_CAST "language", BAD_CAST "zh-cn"));
	for (i = 0; i < f->n && i < (size_t)FEED_MAX; i++)
		if (f->recs[i]->modified > newest)
			newest = f->recs[i]->modified;
	if (f->n > 0)
		W(xmlTextWriterWriteElement(w, BAD_CAST "lastBuildDate",
		    BAD_CAST rfc822_fmt(newest * 86400, date)));
	W(xmlTextWriterWriteElement(w, BAD_CAST "generator",
	    BAD_CAST "gongshi"));
	abs_url(s, f->self, &u);
	W(xmlTextWriterStartElement(w, BAD_CAST "atom:link"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST u.data));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST "self"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "type",
	    BAD_CAST "application/rss+xml"));
	W(xmlTextWriterEndElement(w));

	abs_url(s, "", &prefix);
	for (i = 0; i < f->n && i < (size_t)FEED_MAX; i++) {
		const struct record *r = f->recs[i];
		const char *url = gv_get_str(r->v, "url");

		if (!buf_ok(&u) || !buf_ok(&prefix))
			goto out;
		W(xmlTextWriterStartElement(w, BAD_CAST "item"));
		W(xmlTextWriterWriteElement(w, BAD_CAST "title",
		    BAD_CAST r->title));
		abs_url(s, url ? url : "", &u);
		W(xmlTextWriterWriteElement(w, BAD_CAST "link", BAD_CAST u.data));
		W(xmlTextWriterStartElement(w, BAD_CAST "guid"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "isPermaLink",
		    BAD_CAST "true"));
		W(xmlTextWriterWriteString(w, BAD_CAST u.data));
		W(xmlTextWriterEndElement(w));
		W(xmlTextWriterWriteElement(w, BAD_CAST "pubDate",
		    BAD_CAST rfc822_fmt(r->date * 86400, date)));
		W(xmlTextWriterWriteElement(w, BAD_CAST "category",
		    BAD_CAST section_title(s, &section_defs[r->type])));
		{
			char *text;
			const char *body;
			size_t blen;
			int br = record_body(s, r, dg, &text, &body, &blen);

			if (br != 0) {
				rc = br;
				goto fail;
			}
			br = md_render(body, blen, prefix.data, &md);
			free(text);
			if (br != 0)
				goto out;
		}
		W(xmlTextWriterWriteElement(w, BAD_CAST "description",
		    BAD_CAST md.html));
		md_out_free(&md);
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	w = NULL;
	buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	ok = buf_ok(out);
	rc = ok ? 0 : -3;
#undef W
out:
fail:
	md_out_free(&md);
	if (w)
		xmlFreeTextWriter(w);
	if (xb)
		xmlBufferFree(xb);
	buf_free(&u);
	buf_free(&prefix);
	return rc;
}
