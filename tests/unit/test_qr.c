/*
 * The QR code of the printed 公示 sheet: the SVG is parsed back with
 * libxml2, its path is drawn into a bitmap and compared module by module
 * with libqrencode's own symbol, and, where zbarimg is installed, the
 * bitmap is decoded back to the URL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <qrencode.h>

#include "qr.h"

#define URL "https://qingfeng.example.cn/disclosures/2026-11-10-finance-2026-10/"

/* Draw the path (rows of runs: "Mx y.5hW" for a row's first, then
 * "mG 0hW" from the end of the one before) into a size×size bitmap;
 * every module must be painted at most once.  Returns the number of dark
 * modules, or -1 on a path this writer never produces. */
static int
draw(const char *d, unsigned char *bm, int size)
{
	int x = -1, y = -1, v, n, i, dark = 0;
	bool moved = false;

	while (*d) {
		n = 0; /* %n is stored only when all before it matched */
		if (*d == 'M' && sscanf(d, "M%d %d.5%n", &x, &y, &n) == 2 &&
		    n > 0 && x >= 0 && y >= 0 && y < size) {
			moved = true;
		} else if (*d == 'm' && sscanf(d, "m%d 0%n", &v, &n) == 1 &&
		    n > 0 && x >= 0 && v >= 1 && !moved) {
			x += v;
			moved = true;
		} else if (*d == 'h' && sscanf(d, "h%d%n", &v, &n) == 1 &&
		    n > 0 && moved && v >= 1 && x + v <= size) {
			for (i = 0; i < v; i++) {
				if (bm[y * size + x + i])
					return -1;
				bm[y * size + x + i] = 1;
				dark++;
			}
			x += v;
			moved = false;
		} else {
			return -1;
		}
		d += n;
	}
	return moved ? -1 : dark;
}

struct parsed {
	xmlDocPtr doc;
	xmlNodePtr svg, path;
	int size;
	unsigned char *bm;
};

static void
parse(const char *svg, struct parsed *p)
{
	xmlChar *vb, *d;
	xmlNodePtr c;
	int n = 0, a, b;

	memset(p, 0, sizeof(*p));
	p->doc = xmlReadMemory(svg, (int)strlen(svg), "qr.svg", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(p->doc); /* well-formed XML */
	p->svg = xmlDocGetRootElement(p->doc);
	assert_string_equal((const char *)p->svg->name, "svg");
	for (c = p->svg->children; c; c = c->next) {
		assert_int_equal(c->type, XML_ELEMENT_NODE);
		assert_string_equal((const char *)c->name, "path");
		p->path = c;
		n++;
	}
	assert_int_equal(n, 1); /* one <path>, nothing else */
	vb = xmlGetProp(p->svg, (const xmlChar *)"viewBox");
	assert_non_null(vb);
	assert_int_equal(sscanf((const char *)vb, "0 0 %d %d", &a, &b), 2);
	assert_int_equal(a, b);
	p->size = a;
	xmlFree(vb);
	p->bm = calloc((size_t)a * (size_t)a, 1);
	assert_non_null(p->bm);
	d = xmlGetProp(p->path, (const xmlChar *)"d");
	assert_non_null(d);
	assert_true(draw((const char *)d, p->bm, a) > 0);
	xmlFree(d);
}

static void
parsed_free(struct parsed *p)
{
	free(p->bm);
	xmlFreeDoc(p->doc);
}

/* Attribute `name` of `n` is there and is `want`. */
static void
expect_prop(xmlNodePtr n, const char *name, const char *want)
{
	char *v = (char *)xmlGetProp(n, (const xmlChar *)name);

	assert_non_null(v);
	assert_string_equal(v, want);
	xmlFree(v);
}

static void
test_attributes(void **state)
{
	struct buf b = BUF_INIT;
	struct parsed p;

	(void)state;
	assert_int_equal(qr_svg(URL, "本页网址 \"A&B\" <二维码>", &b), 0);
	assert_true(strncmp(b.data, "<svg class=\"qr\" ", 16) == 0);
	assert_non_null(strstr(b.data, "</path></svg>"));
	assert_null(strstr(b.data, "xmlns")); /* HTML5 inline SVG */
	parse(b.data, &p);
	expect_prop(p.svg, "class", "qr");
	expect_prop(p.svg, "role", "img");
	expect_prop(p.svg, "aria-label", "本页网址 \"A&B\" <二维码>");
	expect_prop(p.svg, "shape-rendering", "crispEdges");
	/* Strokes only: a filled path of lines would paint nothing, and
	 * the stroke is black on any page style. */
	expect_prop(p.path, "fill", "none");
	expect_prop(p.path, "stroke", "#000");
	parsed_free(&p);
	buf_free(&b);
}

/* Module for module the symbol libqrencode makes, inside a quiet zone. */
static void
test_modules(void **state)
{
	struct buf b = BUF_INIT;
	struct parsed p;
	QRcode *qr;
	int x, y, w;

	(void)state;
	assert_int_equal(qr_svg(URL, "二维码", &b), 0);
	parse(b.data, &p);
	qr = QRcode_encodeString8bit(URL, 0, QR_ECLEVEL_M);
	assert_non_null(qr);
	w = qr->width;
	assert_int_equal(p.size, w + 2 * QR_QUIET);
	for (y = 0; y < p.size; y++)
		for (x = 0; x < p.size; x++) {
			int want = 0;

			if (x >= QR_QUIET && y >= QR_QUIET &&
			    x < QR_QUIET + w && y < QR_QUIET + w)
				want = qr->data[(y - QR_QUIET) * w +
				    (x - QR_QUIET)] & 1;
			if (p.bm[y * p.size + x] != want)
				fail_msg("module (%d,%d) is %d, want %d", x, y,
				    p.bm[y * p.size + x], want);
		}
	QRcode_free(qr);
	parsed_free(&p);
	buf_free(&b);
}

static void
test_deterministic(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	(void)state;
	assert_int_equal(qr_svg(URL, "x", &a), 0);
	assert_int_equal(qr_svg(URL, "x", &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_reset(&b);
	assert_int_equal(qr_svg(URL "x", "x", &b), 0);
	assert_true(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	buf_free(&a);
	buf_free(&b);
}

static void
test_too_long(void **state)
{
	struct buf b = BUF_INIT;
	char *big = malloc(8000);

	(void)state;
	assert_non_null(big);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	assert_int_equal(qr_svg(big, "x", &b), -1);
	assert_int_equal(b.len, 0);
	free(big);
	buf_free(&b);
}

/* Scan it: the bitmap, 6 px a module, through zbarimg. */
static void
test_decodes(void **state)
{
	static const char *const zbar[] = {"/usr/bin/zbarimg",
	    "/usr/local/bin/zbarimg", NULL};
	const char *zb = NULL;
	struct buf b = BUF_INIT;
	struct parsed p;
	char pgm[] = "/tmp/gongshi-qr-XXXXXX", cmd[256], got[512];
	FILE *f;
	int fd, x, y, s = 6, i;
	size_t n;

	(void)state;
	for (i = 0; zbar[i]; i++)
		if (access(zbar[i], X_OK) == 0)
			zb = zbar[i];
	if (zb == NULL) {
		print_message("zbarimg not installed: decoding not checked\n");
		skip();
	}
	assert_int_equal(qr_svg(URL, "二维码", &b), 0);
	parse(b.data, &p);
	fd = mkstemp(pgm);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	fprintf(f, "P5\n%d %d\n255\n", p.size * s, p.size * s);
	for (y = 0; y < p.size * s; y++)
		for (x = 0; x < p.size * s; x++)
			fputc(p.bm[(y / s) * p.size + x / s] ? 0 : 255, f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "%s --raw -q %s 2>/dev/null", zb, pgm);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	pclose(f);
	unlink(pgm);
	while (n > 0 && (got[n - 1] == '\n' || got[n - 1] == '\r'))
		got[--n] = '\0';
	assert_string_equal(got, URL);
	parsed_free(&p);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_modules),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_decodes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
