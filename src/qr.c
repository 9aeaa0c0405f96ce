#include "qr.h"

#include <errno.h>
#include <string.h>

#include <libxml/entities.h>
#include <qrencode.h>

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
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET,
			    y + QR_QUIET, run - x, run - x);
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
