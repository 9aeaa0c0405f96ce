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
	for (y = 0; y < w; y++) {
		for (x = 0, end = -1; x < w; x = run) {
			if (!(qr->data[y * w + x] & 1)) {
				run = x + 1;
				continue;
			}
			for (run = x; run < w && (qr->data[y * w + run] & 1); run++)
				;
			if (end < 0) {
				buf_putc(out, 'M');
				put_int(out, x + QR_QUIET);
				buf_putc(out, ' ');
				put_int(out, y + QR_QUIET);
				buf_puts(out, ".5");
			} else {
				buf_putc(out, 'm');
				put_int(out, x - end);
				buf_puts(out, " 0");
			}
			buf_putc(out, 'h');
			put_int(out, run - x);
			end = run;
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
