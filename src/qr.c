#include "qr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <qrencode.h>

/* Write a non-negative int at p; returns the end.  The path has
 * thousands of them: no printf machinery, no call per byte. */
static char *
put_int(char *p, int v)
{
	char d[12];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < (int)sizeof(d));
	while (n > 0)
		*p++ = d[--n];
	return p;
}

/* The most bytes one run of a row can add ("M" int " " int ".5h" int,
 * each int at most 11 characters); a row has fewer runs than modules. */
#define QR_MODULE_MAX 40

int
qr_svg(const char *text, const char *label, struct buf *out)
{
	QRcode *qr;
	xmlChar *esc = NULL;
	char *row = NULL, *p;
	int x, y, run, end, w, size, rc = -1;

	qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (qr == NULL)
		return -1;
	esc = xmlEncodeSpecialChars(NULL, (const xmlChar *)label);
	if (esc == NULL)
		goto out;
	w = qr->width;
	size = w + 2 * QR_QUIET;
	/* Each run of dark modules is a stroke one module wide along the
	 * middle of its row: "M x y.5 h w" for a row's first run, then
	 * "m gap 0 h w" from the end of the one before.  Half the bytes of
	 * filled rectangles, on every record page a phone loads. */
	buf_printf(out, "<svg class=\"qr\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"%s\" shape-rendering=\"crispEdges\"><path "
	    "fill=\"none\" stroke=\"#000\" d=\"", size, size,
	    (const char *)esc);
	row = malloc((size_t)w * QR_MODULE_MAX);
	if (row == NULL)
		goto out;
	for (y = 0; y < w; y++) {
		p = row;
		for (x = 0, end = -1; x < w; x = run) {
			if (!(qr->data[y * w + x] & 1)) {
				run = x + 1;
				continue;
			}
			for (run = x; run < w && (qr->data[y * w + run] & 1); run++)
				;
			if (end < 0) {
				*p++ = 'M';
				p = put_int(p, x + QR_QUIET);
				*p++ = ' ';
				p = put_int(p, y + QR_QUIET);
				*p++ = '.';
				*p++ = '5';
			} else {
				*p++ = 'm';
				p = put_int(p, x - end);
				*p++ = ' ';
				*p++ = '0';
			}
			*p++ = 'h';
			p = put_int(p, run - x);
			end = run;
		}
		buf_put(out, row, (size_t)(p - row));
	}
	buf_puts(out, "\"></path></svg>");
	if (buf_ok(out))
		rc = 0;
out:
	free(row);
	xmlFree(esc);
	QRcode_free(qr);
	return rc;
}
