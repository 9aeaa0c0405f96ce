#include "search.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <openssl/evp.h>

#include "date.h"
#include "markdown.h"

/* Front matter that residents look for besides the body: who was paid
 * in a ledger, the names on a list, what a power item covers.  Only
 * these keys are followed (never links to other records). */
static const char *const text_keys[] = {"ledger", "income", "expense",
    "item", "counterparty", "note", "table", "rows", "name", "subject",
    "applies_to", "resolution", "audience", "event", "location", NULL};

static bool
text_key(const char *k)
{
	const char *const *p;

	for (p = text_keys; *p; p++)
		if (strcmp(*p, k) == 0)
			return true;
	return false;
}

/* Append the strings under the allowed keys of `v`, space-separated. */
static void
collect(const struct gv *v, struct buf *b, int depth)
{
	size_t i;

	if (v == NULL || depth > 6)
		return;
	switch (v->kind) {
	case GV_STR:
		buf_putc(b, ' ');
		buf_puts(b, v->u.s.p);
		break;
	case GV_LIST:
		for (i = 0; i < v->u.list.n; i++)
			collect(v->u.list.v[i], b, depth + 1);
		break;
	case GV_MAP:
		for (i = 0; i < v->u.map.n; i++)
			if (text_key(v->u.map.p[i].key))
				collect(v->u.map.p[i].val, b, depth + 1);
		break;
	default:
		break;
	}
}

int
search_index_write(const struct site *s, size_t from, size_t to,
    const char *next, char *const *texts, struct diags *dg, struct buf *out)
{
	xmlBufferPtr xb = NULL;
	xmlTextWriterPtr w = NULL;
	struct buf tags = BUF_INIT;
	char date[64], *text = NULL;
	size_t i, j;
	int rc = -3;

#define W(call) do { if ((call) < 0) goto out; } while (0)
	xb = xmlBufferCreate();
	if (xb == NULL)
		goto out;
	w = xmlNewTextWriterMemory(xb, 0);
	if (w == NULL)
		goto out;
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "search"));
	if (next != NULL)
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "next",
		    BAD_CAST next));
	for (i = from; i < to && i < s->nrecs; i++) {
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
		if (texts == NULL || texts[i - from] == NULL) {
			char *src;
			const char *body;
			size_t blen;
			int br = record_body(s, r, dg, &src, &body, &blen);

			if (br != 0) {
				rc = br;
				goto out;
			}
			text = md_text(body, blen);
			free(src);
			if (text == NULL)
				goto out;
		}
		buf_reset(&tags);
		buf_puts(&tags, text ? text : texts[i - from]);
		free(text);
		text = NULL;
		collect(r->v, &tags, 0);
		if (!buf_ok(&tags))
			goto out;
		if (tags.len && !(tags.len == 1 && tags.data[0] == ' '))
			W(xmlTextWriterWriteElement(w, BAD_CAST "b",
			    BAD_CAST (tags.data[0] == ' ' ? tags.data + 1 :
			    tags.data)));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterWriteString(w, BAD_CAST "\n"));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	w = NULL;
	buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	rc = buf_ok(out) ? 0 : -3;
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

/* Where the entries of a part written by search_index_write() start:
 * each is "\n<r " (no text or attribute holds a raw '<'), and the last
 * ends at "\n</search>".  Fills starts[0..n] (starts[n]: that end) when
 * there are exactly `n`; false otherwise. */
static bool
entries(const char *p, size_t len, size_t *starts, size_t n)
{
	const char *at = p, *end = p + len, *q;
	size_t k = 0;

	while ((q = memmem(at, (size_t)(end - at), "\n<r ", 4)) != NULL) {
		if (k == n)
			return false;
		starts[k++] = (size_t)(q - p);
		at = q + 4;
	}
	q = memmem(at, (size_t)(end - at), "\n</search>", 10);
	if (k != n || q == NULL)
		return false;
	starts[n] = (size_t)(q - p);
	return true;
}

int
search_index_splice(const struct site *s, size_t from, size_t to,
    const char *next, const char *old, size_t old_len, const size_t *at,
    size_t n, struct diags *dg, struct buf *out)
{
	struct buf one = BUF_INIT;
	size_t count = (to < s->nrecs ? to : s->nrecs) - from, k, pos = 0;
	size_t *starts = malloc((count + 1) * sizeof(*starts)), mine[2];
	int rc = 1;

	if (starts == NULL)
		return -3;
	if (!entries(old, old_len, starts, count))
		goto out;
	for (k = 0; k < n; k++)
		if (at[k] < from || at[k] >= from + count ||
		    (k > 0 && at[k] <= at[k - 1]))
			goto out;
	buf_reset(out);
	for (k = 0; k < n; k++) {
		/* Its entry alone, cut out of a part of its own. */
		buf_reset(&one);
		rc = search_index_write(s, at[k], at[k] + 1, next, NULL, dg,
		    &one);
		if (rc == 0 && !entries(one.data, one.len, mine, 1))
			rc = 1;
		if (rc != 0)
			goto out;
		buf_put(out, old + pos, starts[at[k] - from] - pos);
		buf_put(out, one.data + mine[0], mine[1] - mine[0]);
		pos = starts[at[k] - from + 1];
	}
	buf_put(out, old + pos, old_len - pos);
	rc = buf_ok(out) && buf_ok(&one) ? 0 : -3;
out:
	free(starts);
	buf_free(&one);
	return rc;
}

int
search_fingerprint(const struct site *s, size_t from, size_t to,
    const char *next, const char *salt, unsigned char fp[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	const char *url, *title;
	size_t i;
	int k, rc = -3;

#define H(p, n) do { if (!EVP_DigestUpdate(md, (p), (n))) goto out; } while (0)
	if (md == NULL || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
		goto out;
	H("search", 7);
	H(salt, strlen(salt) + 1);
	H(next ? next : "", strlen(next ? next : "") + 1);
	for (k = 0; k < RT_COUNT; k++) {
		title = section_title(s, &section_defs[k]);
		H(title, strlen(title) + 1);
	}
	for (i = from; i < to && i < s->nrecs; i++) {
		const struct record *r = s->sorted[i];

		url = gv_get_str(r->v, "url");
		H(r->path, strlen(r->path) + 1);
		H(url ? url : "", strlen(url ? url : "") + 1);
		H(r->hash, sizeof(r->hash));
	}
	if (EVP_DigestFinal_ex(md, fp, NULL))
		rc = 0;
#undef H
out:
	EVP_MD_CTX_free(md);
	return rc;
}
