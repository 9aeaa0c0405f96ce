/*
 * floor: the physical floor of a build (issue 6).  It does only the work no
 * static site generator can avoid, on N threads (default 2):
 *
 *   - read every source file of the corpus;
 *   - render its Markdown body with cmark-gfm, with gongshi's options and
 *     extensions (table, strikethrough, autolink);
 *   - write one file per record at gongshi's path for it
 *     (<out>/<section>/<slug>/index.html), of exactly the size of gongshi's
 *     page: the rendered HTML, padded with newlines up to that size (never
 *     cut: a page smaller than its body's HTML is written whole).
 *
 * It parses no YAML, applies no template, writes no listing, feed or
 * sitemap: gongshi's extra work over the floor is all of that.
 *
 * With -q BASE it also encodes, with libqrencode, the QR code of each
 * record page's absolute URL (BASE/<section>/<slug>/), as gongshi does for
 * every record page (issue 4: the printed notice carries one).  Only the
 * encoding: drawing it is gongshi's own work.  That is the floor of any
 * build of this site, since a page cannot be written without its code.
 *
 *   floor [-j N] [-q BASE] SITE MANIFEST OUT
 *
 * MANIFEST has one line per record: "<section>/<file>.md<TAB><size>", the
 * size of gongshi's page for it (bench/run.sh takes them from a gongshi
 * build).  OUT must not exist or be empty of those paths; it is created.
 * Exit 0, or 1 with a message on the first failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <qrencode.h>

/* The same as gongshi's src/markdown.c. */
#define MD_OPTIONS (CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | \
    CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)

static const char *const extension_names[] = {"table", "strikethrough",
    "autolink"};

struct rec {
	char *src;   /* section/file.md */
	size_t size; /* bytes to write */
};

struct work {
	const char *site, *out;
	const char *qr_base; /* -q BASE, or NULL */
	struct rec *recs;
	size_t n;
	atomic_size_t next;
	atomic_int failed;
};

static void
fail(struct work *w, const char *what, const char *path)
{
	int expected = 0;

	if (atomic_compare_exchange_strong(&w->failed, &expected, 1))
		fprintf(stderr, "floor: %s %s: %s\n", what, path,
		    strerror(errno));
}

/* Read all of `path` into a malloc'd buffer. */
static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
		goto out;
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		goto out;
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r <= 0) {
			free(buf);
			buf = NULL;
			goto out;
		}
		got += (size_t)r;
	}
	buf[got] = '\0';
	*len = got;
out:
	close(fd);
	return buf;
}

/* The body: what follows the closing "---" line of the front matter. */
static const char *
body_of(const char *text, size_t len, size_t *blen)
{
	const char *p;

	if (len >= 4 && memcmp(text, "---\n", 4) == 0 &&
	    (p = strstr(text + 3, "\n---\n")) != NULL) {
		p += 5;
		*blen = len - (size_t)(p - text);
		return p;
	}
	*blen = len;
	return text;
}

static char *
render(const char *md, size_t len)
{
	cmark_parser *parser = cmark_parser_new(MD_OPTIONS);
	cmark_node *doc;
	char *html = NULL;
	size_t i;

	if (parser == NULL)
		return NULL;
	for (i = 0; i < sizeof(extension_names) / sizeof(*extension_names);
	    i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extension_names[i]);
		if (ext == NULL ||
		    !cmark_parser_attach_syntax_extension(parser, ext))
			goto out;
	}
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	if (doc == NULL)
		goto out;
	html = cmark_render_html(doc, MD_OPTIONS,
	    cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
out:
	cmark_parser_free(parser);
	return html;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Encode the QR code of the record page's absolute URL, as gongshi's
 * qr.c does (8-bit, level M, the smallest version that holds it). */
static int
qr(struct work *w, const struct rec *r)
{
	char url[4096];
	const char *dot = strrchr(r->src, '.');
	QRcode *code;

	if (dot == NULL)
		return -1;
	snprintf(url, sizeof(url), "%s/%.*s/", w->qr_base,
	    (int)(dot - r->src), r->src);
	if ((code = QRcode_encodeString8bit(url, 0, QR_ECLEVEL_M)) == NULL) {
		fail(w, "cannot encode the QR code of", url);
		return -1;
	}
	QRcode_free(code);
	return 0;
}

static int
one(struct work *w, const struct rec *r)
{
	char path[4096], *text = NULL, *html = NULL, *page = NULL, *dot;
	const char *body;
	size_t len, blen, hlen, size;
	int fd = -1, rc = -1;

	snprintf(path, sizeof(path), "%s/content/%s", w->site, r->src);
	if ((text = slurp(path, &len)) == NULL) {
		fail(w, "cannot read", path);
		goto out;
	}
	body = body_of(text, len, &blen);
	if ((html = render(body, blen)) == NULL) {
		errno = ENOMEM;
		fail(w, "cannot render", path);
		goto out;
	}
	hlen = strlen(html);
	size = r->size > hlen ? r->size : hlen;
	if ((page = malloc(size)) == NULL) {
		fail(w, "out of memory for", path);
		goto out;
	}
	memcpy(page, html, hlen);
	memset(page + hlen, '\n', size - hlen);
	if (w->qr_base != NULL && qr(w, r) != 0)
		goto out;

	/* <out>/<section>/<slug>/index.html */
	snprintf(path, sizeof(path), "%s/%s", w->out, r->src);
	dot = strrchr(path, '.');
	if (dot == NULL)
		goto out;
	*dot = '\0';
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		fail(w, "cannot create", path);
		goto out;
	}
	strcat(path, "/index.html");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, page, size) != 0) {
		fail(w, "cannot write", path);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		fail(w, "cannot close", path);
		rc = -1;
	}
	free(page);
	free(html);
	free(text);
	return rc;
}

static void *
worker(void *arg)
{
	struct work *w = arg;
	size_t i;

	while (!atomic_load(&w->failed) &&
	    (i = atomic_fetch_add(&w->next, 1)) < w->n)
		if (one(w, &w->recs[i]) != 0)
			break;
	return NULL;
}

/* Parse the manifest in place; creates OUT and one directory per section. */
static int
load_manifest(struct work *w, char *text)
{
	char *line, *save = NULL, *tab, *end, dir[4096], *slash;
	size_t cap = 0;

	if (mkdir(w->out, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "floor: cannot create %s: %s\n", w->out,
		    strerror(errno));
		return -1;
	}
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((tab = strchr(line, '\t')) == NULL)
			goto bad;
		*tab = '\0';
		if (w->n == cap) {
			struct rec *nv;

			cap = cap ? cap * 2 : 1024;
			if ((nv = realloc(w->recs, cap * sizeof(*nv))) == NULL)
				return -1;
			w->recs = nv;
		}
		w->recs[w->n].src = line;
		w->recs[w->n].size = strtoul(tab + 1, &end, 10);
		if (*end != '\0' || (slash = strchr(line, '/')) == NULL)
			goto bad;
		/* Section directories: a handful, made once, in order. */
		snprintf(dir, sizeof(dir), "%s/%.*s", w->out,
		    (int)(slash - line), line);
		if (w->n == 0 || strncmp(w->recs[w->n - 1].src, line,
		    (size_t)(slash - line) + 1) != 0) {
			if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
				fprintf(stderr, "floor: cannot create %s: %s\n",
				    dir, strerror(errno));
				return -1;
			}
		}
		w->n++;
	}
	return 0;
bad:
	fprintf(stderr, "floor: bad manifest line: %s\n", line);
	return -1;
}

int
main(int argc, char **argv)
{
	struct work w;
	pthread_t tids[64];
	char *manifest = NULL, *end;
	size_t mlen;
	int jobs = 2, c, i, started = 0, rc = 1;

	memset(&w, 0, sizeof(w));
	while ((c = getopt(argc, argv, "j:q:")) != -1) {
		if (c == 'q') {
			w.qr_base = optarg;
			continue;
		}
		if (c != 'j')
			goto usage;
		jobs = (int)strtol(optarg, &end, 10);
		if (*end != '\0' || jobs < 1 || jobs > 64)
			goto usage;
	}
	if (argc - optind != 3)
		goto usage;
	w.site = argv[optind];
	w.out = argv[optind + 2];
	if ((manifest = slurp(argv[optind + 1], &mlen)) == NULL) {
		fprintf(stderr, "floor: cannot read %s: %s\n", argv[optind + 1],
		    strerror(errno));
		return 1;
	}
	if (load_manifest(&w, manifest) != 0)
		goto out;
	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < jobs; i++) {
		if (pthread_create(&tids[i], NULL, worker, &w) != 0)
			break;
		started++;
	}
	if (started == 0) {
		fprintf(stderr, "floor: cannot start threads\n");
		goto out;
	}
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	rc = atomic_load(&w.failed) ? 1 : 0;
out:
	free(w.recs);
	free(manifest);
	return rc;
usage:
	fprintf(stderr, "usage: floor [-j N] [-q BASE] SITE MANIFEST OUT\n");
	return 2;
}
