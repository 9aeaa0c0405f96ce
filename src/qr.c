#include "qr.h"

#include <errno.h>
#include <string.h>

#include <libxml/entities.h>
#include <qrencode.h>

/* Append a non-negative int: the path has thousands of them, and
 * printf's formatting machinery was a tenth of a full build. */
static void
put_int(struct buf *b, int v)
{
	char d[12];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < (int)sizeof(d));
	while (n > 0)
		buf_putc(b, d[--n]);
}

int
qr_svg(const char *text, const char *label, struct buf *out)
{
	QRcode *qr;
	xmlChar *esc = NULL;
	int x, y, run, w, size, rc = -1;

	qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (qr == NULL)
		return -1;
	esc = xmlEncodeSpecialChars(NULL, (const xmlChar *)label);
	if (esc == NULL)
		goto out;
	w = qr->width;
	size = w + 2 * QR_QUIET;
	buf_printf(out, "<svg class=\"qr\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"%s\" shape-rendering=\"crispEdges\"><path d=\"",
	    size, size, (const char *)esc);
	for (y = 0; y < w; y++) {
		for (x = 0; x < w; x = run) {
			if (!(qr->data[y * w + x] & 1)) {
				run = x + 1;
				continue;
			}
			for (run = x; run < w && (qr->data[y * w + run] & 1); run++)
				;
			buf_putc(out, 'M');
			put_int(out, x + QR_QUIET);
			buf_putc(out, ' ');
			put_int(out, y + QR_QUIET);
			buf_putc(out, 'h');
			put_int(out, run - x);
			buf_puts(out, "v1h-");
			put_int(out, run - x);
			buf_putc(out, 'z');
		}
	}
	buf_puts(out, "\"></path></svg>");
	if (buf_ok(out))
		rc = 0;
out:
	xmlFree(esc);
	QRcode_free(qr);
	return rc;
}
