#include "search.h"

#include <stdlib.h>

#include <libxml/xmlwriter.h>

#include "date.h"
#include "markdown.h"

int
search_index_write(const struct site *s, struct buf *out)
{
	xmlBufferPtr xb = NULL;
	xmlTextWriterPtr w = NULL;
	struct buf tags = BUF_INIT;
	char date[64], *text = NULL;
	size_t i, j;
	int rc = -1;

#define W(call) do { if ((call) < 0) goto out; } while (0)
	xb = xmlBufferCreate();
	if (xb == NULL)
		goto out;
	w = xmlNewTextWriterMemory(xb, 0);
	if (w == NULL)
		goto out;
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "search"));
	for (i = 0; i < s->nrecs; i++) {
		const struct record *r = s->sorted[i];
		const struct gv *tl = gv_get(r->v, "tags");
		const char *summary = gv_get_str(r->v, "summary");

		W(xmlTextWriterWriteString(w, BAD_CAST "\n"));
		W(xmlTextWriterStartElement(w, BAD_CAST "r"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "u",
		    BAD_CAST gv_get_str(r->v, "url")));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "s",
		    BAD_CAST section_title(s, &section_defs[r->type])));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "d",
		    BAD_CAST date_fmt_iso(r->date, date)));
		W(xmlTextWriterWriteElement(w, BAD_CAST "t", BAD_CAST r->title));
		if (summary != NULL)
			W(xmlTextWriterWriteElement(w, BAD_CAST "m",
			    BAD_CAST summary));
		buf_reset(&tags);
		for (j = 0; j < gv_len(tl); j++) {
			if (j)
				buf_putc(&tags, ' ');
			buf_puts(&tags, tl->u.list.v[j]->u.s.p);
		}
		if (!buf_ok(&tags))
			goto out;
		if (tags.len)
			W(xmlTextWriterWriteElement(w, BAD_CAST "k",
			    BAD_CAST tags.data));
		text = md_text(r->body, r->body_len);
		if (text == NULL)
			goto out;
		if (*text)
			W(xmlTextWriterWriteElement(w, BAD_CAST "b",
			    BAD_CAST text));
		free(text);
		text = NULL;
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterWriteString(w, BAD_CAST "\n"));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	w = NULL;
	buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	rc = buf_ok(out) ? 0 : -1;
#undef W
out:
	free(text);
	if (w)
		xmlFreeTextWriter(w);
	if (xb)
		xmlBufferFree(xb);
	buf_free(&tags);
	return rc;
}
