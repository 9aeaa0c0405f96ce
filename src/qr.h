/*
 * qr: a QR code (libqrencode) as inline SVG, for the printed 公示 sheet:
 * a resident scans the paper on the notice board and lands on the page.
 *
 * The SVG is HTML5 inline SVG (no xmlns: the HTML parser puts <svg> in
 * the SVG namespace) and well-formed XML:
 *   <svg class="qr" viewBox="0 0 N N" role="img" aria-label="…"
 *        shape-rendering="crispEdges"><path fill="none" stroke="#000"
 *        d="…"></path></svg>
 * N is the symbol's module count plus a quiet zone of QR_QUIET modules
 * on each side; every dark module is part of the one <path>: each
 * horizontal run of them is a stroke (width 1, the default) along the
 * middle of its row, "M x y.5 h w" for the first of a row, then
 * "m gap 0 h w" from the end of the run before, in module units.  Same
 * text, same bytes.
 */
#ifndef GONGSHI_QR_H
#define GONGSHI_QR_H

#include "buf.h"

#define QR_QUIET 4

/*
 * Append the SVG of a QR code for `text` (UTF-8, e.g. an absolute URL;
 * 8-bit mode, error correction level M) to `out`.  `label` is the
 * accessible name (aria-label), escaped here.  Returns 0, or -1 when the
 * text is too long for a QR code or memory ran out (out is then left as
 * it was, or marked oom).
 */
int qr_svg(const char *text, const char *label, struct buf *out);

#endif
