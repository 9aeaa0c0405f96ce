#include "serve.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <libxml/HTMLtree.h>
#include <libxml/uri.h>
#include <microhttpd.h>

#include "fsutil.h"
#include "memo.h"
#include "output.h"

/* Quiet time after the last change before building: an editor's save is
 * often several events (write, rename, attributes). */
#define SETTLE_MS 120

/* How long a page's reload request waits for a build before it is
 * answered anyway (and asked again). */
#define RELOAD_WAIT_S 25

/* The address pages ask, to learn that the site was built again. */
#define RELOAD_URL "/.gongshi/build"

/* A page larger than this is sent as it is, without the reload script. */
#define PAGE_MAX (64u << 20)

/* What the HTTP threads read; the main thread changes it between builds. */
struct server {
	const char *root;     /* the output directory */
	pthread_mutex_t mu;
	pthread_cond_t built_cv; /* signalled after each build and at stop */
	char *error_page;     /* what pages show while the last build has
	                         failed (error_page()); NULL after a good one */
	unsigned gen;         /* builds finished so far */
	bool stopping;
};

void
serve_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* ---- HTTP ---- */

static const struct {
	const char *ext, *type;
} content_types[] = {
	{".html", "text/html; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".xml", "application/xml; charset=utf-8"},
	{".xsl", "application/xml; charset=utf-8"},
	{".ics", "text/calendar; charset=utf-8"},
	{".txt", "text/plain; charset=utf-8"},
	{".json", "application/json"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".jpg", "image/jpeg"},
	{".jpeg", "image/jpeg"},
	{".gif", "image/gif"},
	{".webp", "image/webp"},
	{".ico", "image/x-icon"},
	{".pdf", "application/pdf"},
	{".woff2", "font/woff2"},
	{".webmanifest", "application/manifest+json"},
};

static const char *
content_type(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t i;

	if (dot != NULL && (slash == NULL || dot > slash))
		for (i = 0; i < sizeof(content_types) / sizeof(*content_types);
		    i++)
			if (strcasecmp(dot, content_types[i].ext) == 0)
				return content_types[i].type;
	return "application/octet-stream";
}

/*
 * The Host a request names is this machine: a page from elsewhere that
 * resolves its own name to 127.0.0.1 (DNS rebinding) must not read the
 * preview, which may hold drafts.  HTTP/1.0 requests without Host pass.
 */
static bool
host_ok(struct MHD_Connection *c)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
	size_t i, n;

	if (h == NULL)
		return true;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		n = strlen(names[i]);
		if (strncasecmp(h, names[i], n) == 0 &&
		    (h[n] == '\0' || h[n] == ':'))
			return true;
	}
	return false;
}

/* A request path we serve: absolute, no segment starting with a dot
 * (".", "..", the output's own hidden files), no control bytes. */
static bool
path_ok(const char *url)
{
	const char *p;

	if (url[0] != '/' || strlen(url) > 2048)
		return false;
	for (p = url; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
		if (*p == '/' && p[1] == '.')
			return false;
	}
	return true;
}

static enum MHD_Result
send_response(struct MHD_Connection *c, unsigned int status,
    struct MHD_Response *r, const char *type)
{
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	if (type != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* A preview must show what was just saved, never a cached copy. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned int status, const char *text,
    const char *type)
{
	return send_response(c, status, MHD_create_response_from_buffer(
	    strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY), type);
}

/*
 * The page every HTML request gets while the last build failed: what is
 * wrong, in the words the terminal shows.  Made with libxml2, which
 * escapes the diagnostics (they quote the records).  NULL when out of
 * memory.
 */
static char *
error_page(const char *errors)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html, head, body, meta;
	xmlBufferPtr b = xmlBufferCreate();
	char *page = NULL;
	size_t n;

	if (doc == NULL || b == NULL)
		goto out;
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	if (html == NULL)
		goto out;
	xmlDocSetRootElement(doc, html);
	xmlNewProp(html, BAD_CAST "lang", BAD_CAST "zh-CN");
	head = xmlNewChild(html, NULL, BAD_CAST "head", NULL);
	meta = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlNewProp(meta, BAD_CAST "charset", BAD_CAST "utf-8");
	meta = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlNewProp(meta, BAD_CAST "name", BAD_CAST "viewport");
	xmlNewProp(meta, BAD_CAST "content",
	    BAD_CAST "width=device-width, initial-scale=1");
	xmlNewTextChild(head, NULL, BAD_CAST "title",
	    BAD_CAST "内容有错误，网站没有更新");
	xmlNewTextChild(head, NULL, BAD_CAST "style", BAD_CAST
	    "body{font:18px/1.7 sans-serif;margin:1em auto;max-width:46em;"
	    "padding:0 1em;color:#222}h1{font-size:1.4em;color:#a00}"
	    "pre{white-space:pre-wrap;overflow-wrap:anywhere;"
	    "background:#fff4f4;border:1px solid #e0b4b4;padding:.8em}");
	body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	xmlNewTextChild(body, NULL, BAD_CAST "h1",
	    BAD_CAST "内容有错误，网站没有更新");
	xmlNewTextChild(body, NULL, BAD_CAST "p", BAD_CAST
	    "最近保存的文件里有下面这些问题。网站仍是上一次生成的样子。"
	    "按提示（文件名:行:列）改正并保存后，刷新本页即可看到新的网站。");
	xmlNewTextChild(body, NULL, BAD_CAST "pre", BAD_CAST errors);
	if (htmlNodeDump(b, doc, html) < 0)
		goto out;
	n = (size_t)xmlBufferLength(b);
	page = malloc(n + 17);
	if (page != NULL) {
		memcpy(page, "<!DOCTYPE html>\n", 16);
		memcpy(page + 16, xmlBufferContent(b), n);
		page[16 + n] = '\0';
	}
out:
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return page;
}

static bool
is_page(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && strcmp(path + n - 5, ".html") == 0;
}

/* The error page of the last build, copied (NULL: it was good), and how
 * many builds have finished. */
static char *
last_error_page(struct server *sv, unsigned *gen)
{
	char *e;

	pthread_mutex_lock(&sv->mu);
	e = sv->error_page ? strdup(sv->error_page) : NULL;
	*gen = sv->gen;
	pthread_mutex_unlock(&sv->mu);
	return e;
}

/*
 * A page, with a script before its </body> that reloads it when the site
 * is built again: it asks RELOAD_URL, which answers once the number of
 * builds is no longer the one the page was sent with.  Only the preview
 * adds it; the built files do not have it.  `html` is consumed.
 */
static enum MHD_Result
send_page(struct MHD_Connection *c, unsigned int status, char *html,
    size_t len, unsigned gen)
{
	static const char fmt[] =
	    "<script>/* gongshi serve */(function(){var g=\"%u\";"
	    "function w(){var x=new XMLHttpRequest();"
	    "x.open(\"GET\",\"" RELOAD_URL "?since=\"+g);"
	    "x.onload=function(){if(x.status===200&&x.responseText!==g)"
	    "location.reload();else setTimeout(w,x.status===200?0:2000)};"
	    "x.onerror=function(){setTimeout(w,2000)};x.send()}w()})();"
	    "</script>";
	char script[sizeof(fmt) + 16], *p, *at = NULL, *q;
	int n = snprintf(script, sizeof(script), fmt, gen);

	for (q = html; (q = memmem(q, len - (size_t)(q - html), "</body>",
	    7)) != NULL; q++)
		at = q;
	if (at == NULL)
		at = html + len;
	p = malloc(len + (size_t)n);
	if (p == NULL) {
		free(html);
		return MHD_NO;
	}
	memcpy(p, html, (size_t)(at - html));
	memcpy(p + (at - html), script, (size_t)n);
	memcpy(p + (at - html) + n, at, len - (size_t)(at - html));
	free(html);
	return send_response(c, status, MHD_create_response_from_buffer(
	    len + (size_t)n, p, MHD_RESPMEM_MUST_FREE),
	    "text/html; charset=utf-8");
}

/* RELOAD_URL?since=N: the number of builds, once it is not N (or after
 * RELOAD_WAIT_S).  Each connection has a thread of its own. */
static enum MHD_Result
answer_reload(struct server *sv, struct MHD_Connection *c)
{
	const char *since = MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "since");
	char text[16], *end;
	struct timespec until;
	unsigned long want = since ? strtoul(since, &end, 10) : 0;
	unsigned gen;

	/* Without a number: answer at once. */
	if (since == NULL || *since == '\0' || *end != '\0')
		since = NULL;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += RELOAD_WAIT_S;
	pthread_mutex_lock(&sv->mu);
	while (since != NULL && sv->gen == want && !sv->stopping &&
	    pthread_cond_timedwait(&sv->built_cv, &sv->mu, &until) == 0)
		;
	gen = sv->gen;
	pthread_mutex_unlock(&sv->mu);
	snprintf(text, sizeof(text), "%u", gen);
	return send_text(c, MHD_HTTP_OK, text, "text/plain; charset=utf-8");
}

/* Send the page open at `fd` (with the reload script). */
static enum MHD_Result
send_page_fd(struct MHD_Connection *c, unsigned int status, int fd,
    unsigned gen)
{
	char *data;
	size_t len;

	if (read_fd(fd, PAGE_MAX, &data, &len) != 0)
		return MHD_NO;
	return send_page(c, status, data, len, gen);
}

/* A directory asked for without its slash: send the browser to it, so
 * that the page's relative links resolve. */
static enum MHD_Result
redirect_dir(struct MHD_Connection *c, const char *url)
{
	const char *last = strrchr(url, '/') + 1;
	xmlChar *esc = xmlURIEscapeStr(BAD_CAST last, BAD_CAST "");
	struct MHD_Response *r;
	char *loc;
	enum MHD_Result ret;

	if (esc == NULL)
		return MHD_NO;
	loc = malloc(strlen((char *)esc) + 2);
	if (loc == NULL) {
		xmlFree(esc);
		return MHD_NO;
	}
	strcpy(loc, (char *)esc);
	strcat(loc, "/");
	xmlFree(esc);
	r = MHD_create_response_from_buffer(0, (void *)"",
	    MHD_RESPMEM_PERSISTENT);
	if (r != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	ret = send_response(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
	free(loc);
	return ret;
}

/* Open root + url (its index.html for a directory).  The fd, or -1 with
 * *is_dir set when url names a directory without the final slash. */
static int
open_target(const char *root, const char *url, char **path, bool *is_dir)
{
	struct stat st;
	size_t n = strlen(url);
	int fd;

	*is_dir = false;
	*path = malloc(strlen(root) + n + sizeof("index.html"));
	if (*path == NULL)
		return -1;
	sprintf(*path, "%s%s%s", root, url, url[n - 1] == '/' ?
	    "index.html" : "");
	fd = open(*path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*is_dir = S_ISDIR(st.st_mode);
		close(fd);
		return -1;
	}
	return fd;
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req)
{
	struct server *sv = cls;
	struct MHD_Response *r;
	char *path = NULL, *page;
	bool is_dir;
	unsigned gen;
	struct stat st;
	int fd = -1;
	enum MHD_Result ret;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)req;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
		r = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
		if (r != NULL)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
			    "GET, HEAD");
		return send_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r, NULL);
	}
	if (!host_ok(c))
		return send_text(c, MHD_HTTP_FORBIDDEN,
		    "预览只能从本机打开：http://127.0.0.1/\n",
		    "text/plain; charset=utf-8");
	if (strcmp(url, RELOAD_URL) == 0)
		return answer_reload(sv, c);
	page = last_error_page(sv, &gen);
	if (path_ok(url))
		fd = open_target(sv->root, url, &path, &is_dir);
	else
		is_dir = false;
	if (fd < 0 && is_dir) {
		ret = redirect_dir(c, url);
		goto out;
	}
	/* While the saved files have errors, pages say so instead of
	 * showing what they were before. */
	if (page != NULL && (fd < 0 || is_page(path))) {
		ret = send_page(c, MHD_HTTP_OK, page, strlen(page), gen);
		page = NULL; /* send_page took it */
		goto out;
	}
	if (fd < 0 && gen == 0) {
		ret = send_text(c, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "正在生成网站，请稍候刷新。\n", "text/plain; charset=utf-8");
		goto out;
	}
	if (fd < 0) {
		free(path);
		fd = open_target(sv->root, "/404.html", &path, &is_dir);
		ret = fd >= 0 ? send_page_fd(c, MHD_HTTP_NOT_FOUND, fd, gen) :
		    send_text(c, MHD_HTTP_NOT_FOUND, "找不到这个页面。\n",
		    "text/plain; charset=utf-8");
		goto out;
	}
	if (is_page(path)) {
		ret = send_page_fd(c, MHD_HTTP_OK, fd, gen);
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		ret = MHD_NO;
		goto out;
	}
	r = MHD_create_response_from_fd((size_t)st.st_size, fd);
	fd = r ? -1 : fd; /* the response closes it */
	ret = send_response(c, MHD_HTTP_OK, r, content_type(path));
out:
	if (fd >= 0)
		close(fd);
	free(path);
	free(page);
	return ret;
}

/* ---- the watch ---- */

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | \
    IN_DELETE | IN_CREATE | IN_ONLYDIR | IN_EXCL_UNLINK)

struct watch {
	int fd;
	const char *site;
	struct {
		int wd;
		char *rel; /* site-relative directory; "" for SITE itself */
	} *v;
	size_t n, cap;
};

/* The directories under SITE whose files make the site. */
static const char *const watched_roots[] = {"content", "templates", "static"};

static bool
watched_root(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(watched_roots) / sizeof(*watched_roots); i++)
		if (strcmp(name, watched_roots[i]) == 0)
			return true;
	return false;
}

static const char *
watch_rel(const struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd)
			return w->v[i].rel;
	return NULL;
}

/* A watch the kernel dropped (its directory is gone). */
static void
watch_forget(struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd) {
			free(w->v[i].rel);
			w->v[i] = w->v[--w->n];
			return;
		}
}

/* Watch SITE/rel; with `deep`, every directory under it too.  0, or an
 * errno when rel itself cannot be watched. */
static int
watch_add(struct watch *w, const char *rel, bool deep)
{
	char *path = *rel ? path_join(w->site, rel) : strdup(w->site);
	char **names = NULL, *sub;
	size_t n = 0, i;
	DIR *d;
	int wd, e = 0;

	if (path == NULL)
		return ENOMEM;
	wd = inotify_add_watch(w->fd, path, WATCH_MASK);
	if (wd < 0) {
		e = errno;
		goto out;
	}
	if (watch_rel(w, wd) == NULL) {
		if (w->n == w->cap) {
			size_t cap = w->cap ? 2 * w->cap : 16;
			void *v = realloc(w->v, cap * sizeof(*w->v));

			if (v == NULL) {
				e = ENOMEM;
				goto out;
			}
			w->v = v;
			w->cap = cap;
		}
		w->v[w->n].wd = wd;
		w->v[w->n].rel = strdup(rel);
		if (w->v[w->n].rel == NULL) {
			e = ENOMEM;
			goto out;
		}
		w->n++;
	}
	if (!deep || (d = opendir(path)) == NULL)
		goto out;
	e = dir_names(d, NULL, &names, &n);
	closedir(d);
	for (i = 0; e == 0 && i < n; i++) {
		struct stat st;
		char *full;

		if (ignored_name(names[i]))
			continue;
		sub = path_join(rel, names[i]);
		full = sub ? path_join(w->site, sub) : NULL;
		if (full != NULL && lstat(full, &st) == 0 &&
		    S_ISDIR(st.st_mode))
			(void)watch_add(w, sub, true);
		if (sub == NULL || full == NULL)
			e = ENOMEM;
		free(sub);
		free(full);
	}
	names_free(names, n);
out:
	free(path);
	return e;
}

static void
watch_free(struct watch *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].rel);
	free(w->v);
	if (w->fd >= 0)
		close(w->fd);
}

/* The files changed since the last build (site-relative), for
 * build_quick(); `all` when they are not known one by one: too many, a
 * directory, or events the kernel dropped. */
#define CHANGES_MAX 64

struct changes {
	char *v[CHANGES_MAX]; /* owned */
	size_t n;
	bool all;
};

static void
changes_add(struct changes *c, const char *path)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i], path) == 0)
			return;
	if (c->n == CHANGES_MAX || (c->v[c->n] = strdup(path)) == NULL)
		c->all = true;
	else
		c->n++;
}

static void
changes_reset(struct changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	c->n = 0;
	c->all = false;
}

/*
 * Read the pending events.  Sets *changed when one of them concerns the
 * site's files, adds them to `ch`, and copies the last such file's
 * site-relative path into `what` (for the message).  0, or -1 on a read
 * error.
 */
static int
watch_read(struct watch *w, bool *changed, struct changes *ch, char *what,
    size_t whatsz)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t len;
	char *p;

	for (;;) {
		len = read(w->fd, buf, sizeof(buf));
		if (len < 0)
			return errno == EAGAIN ? 0 : -1;
		for (p = buf; p < buf + len; p += sizeof(*ev) + ev->len) {
			const char *rel, *name;
			char *sub;

			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW) {
				*changed = true;
				ch->all = true;
				continue;
			}
			if (ev->mask & IN_IGNORED) {
				watch_forget(w, ev->wd);
				continue;
			}
			rel = watch_rel(w, ev->wd);
			name = ev->len ? ev->name : "";
			if (rel == NULL)
				continue;
			if (*rel == '\0' ? !(strcmp(name, "site.yaml") == 0 ||
			    watched_root(name)) : ignored_name(name))
				continue;
			if ((ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				sub = *rel ? path_join(rel, name) : strdup(name);
				if (sub != NULL)
					(void)watch_add(w, sub, true);
				free(sub);
			}
			/* A created file counts too: a link (symbolic or
			 * hard) is made without being written (a file being
			 * written settles with its IN_CLOSE_WRITE).  The last
			 * name goes to `what`: an editor that saves through a
			 * temporary file renames it to the real one last. */
			snprintf(what, whatsz, "%s%s%s", rel,
			    *rel && *name ? "/" : "", name);
			*changed = true;
			if (ev->mask & IN_ISDIR)
				ch->all = true;
			else
				changes_add(ch, what);
		}
	}
}

/* ---- builds ---- */

/* One build after the changes `ch` (NULL: the first); its messages go to
 * `err` and, when it fails, to the pages (the error page is made here,
 * once a build).  A change to record bodies alone is rendered from what
 * the last build kept (build_quick()). */
static void
build_once(struct server *sv, const struct build_cfg *cfg,
    const struct changes *ch, FILE *err)
{
	char *text = NULL, *page = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len), *to = mem ? mem : err;
	int rc = 1;

	if (ch != NULL && !ch->all)
		rc = build_quick(cfg, (const char *const *)ch->v, ch->n, to);
	if (rc == 1)
		rc = build_run(cfg, to);
	if (mem != NULL) {
		fclose(mem);
		fputs(text ? text : "", err);
	}
	fflush(err);
	if (rc != 0)
		page = error_page(text ? text : "生成失败（内存不足）");
	/* The tree the next build writes into, made now, not on the first
	 * save (an optimisation: on failure the next build makes a tree). */
	else if (cfg->own_out)
		(void)output_link_spare(cfg->out);
	pthread_mutex_lock(&sv->mu);
	free(sv->error_page);
	sv->error_page = page;
	sv->gen++;
	pthread_cond_broadcast(&sv->built_cv);
	pthread_mutex_unlock(&sv->mu);
	free(text);
}

int
serve_run(const struct build_cfg *cfg0, int port, FILE *err)
{
	struct build_cfg cfg = *cfg0;
	struct server sv = {0};
	struct watch w = {.fd = -1, .site = cfg0->o.site_dir};
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sin;
	struct pollfd pf[2];
	sigset_t set;
	char tmpl[PATH_MAX], what[PATH_MAX] = "";
	char *tmp = NULL, *out = NULL;
	struct changes ch = {.n = 0};
	bool changed = false;
	int sfd = -1, rc = 3, e;

	pthread_mutex_init(&sv.mu, NULL);
	pthread_cond_init(&sv.built_cv, NULL);
	serve_signals(&set);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0) {
		fprintf(err, "gongshi: 无法启动预览：%s\n", strerror(errno));
		goto out;
	}
	if (cfg.out == NULL) {
		const char *t = getenv("TMPDIR");

		snprintf(tmpl, sizeof(tmpl), "%s/gongshi-preview-XXXXXX",
		    t && *t ? t : "/tmp");
		tmp = mkdtemp(tmpl);
		out = tmp ? path_join(tmp, "public") : NULL;
		if (out == NULL) {
			fprintf(err, "gongshi: 无法创建预览用的临时目录：%s\n",
			    strerror(errno));
			goto out;
		}
		cfg.out = out;
		/* Nobody else writes in it: the trees need no stamps, and a
		 * change to a record's body alone is written straight into
		 * it (build_quick()). */
		cfg.own_out = true;
		cfg.warm = warm_new();
	}
	sv.root = cfg.out;
	/* Rebuilds read again only the records that changed (memo.h);
	 * without memory for it, every file is read. */
	cfg.o.memo = memo_new();

	/* Watch before the first build: nothing saved during it is missed. */
	w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	e = w.fd < 0 ? errno : watch_add(&w, "", false);
	for (size_t i = 0; e == 0 && i < sizeof(watched_roots) /
	    sizeof(*watched_roots); i++) {
		char *p = path_join(w.site, watched_roots[i]);

		if (p != NULL && is_dir(p))
			e = watch_add(&w, watched_roots[i], true);
		free(p);
	}
	if (e != 0) {
		fprintf(err, "gongshi: 无法监视站点目录 %s 的改动：%s%s\n",
		    w.site, strerror(e), e == ENOSPC || e == EMFILE ?
		    "（系统允许的 inotify 监视数已用完，可调大 "
		    "fs.inotify.max_user_watches / max_user_instances）" : "");
		goto out;
	}

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)port,
	    NULL, NULL, answer, &sv, MHD_OPTION_SOCK_ADDR, &sin,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_CONNECTION_LIMIT, 64u, MHD_OPTION_END);
	info = d ? MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
	if (info == NULL) {
		fprintf(err, "gongshi: 无法在 127.0.0.1:%d 上启动预览（端口可能已被占用，可用 --port 换一个）\n",
		    port);
		goto out;
	}
	fprintf(err, "gongshi: 预览地址 http://127.0.0.1:%u/ ，保存文件后自动重新生成，按 Ctrl+C 停止\n",
	    (unsigned)info->port);
	fflush(err);
	build_once(&sv, &cfg, NULL, err);

	pf[0].fd = sfd;
	pf[0].events = POLLIN;
	pf[1].fd = w.fd;
	pf[1].events = POLLIN;
	for (;;) {
		int n = poll(pf, 2, changed ? SETTLE_MS : -1);

		if (n < 0 && errno != EINTR) {
			fprintf(err, "gongshi: 预览出错：%s\n", strerror(errno));
			goto out;
		}
		if (n > 0 && (pf[0].revents & POLLIN))
			break;
		if (n > 0 && (pf[1].revents & POLLIN)) {
			if (watch_read(&w, &changed, &ch, what,
			    sizeof(what)) != 0) {
				fprintf(err, "gongshi: 无法读取文件改动：%s\n",
				    strerror(errno));
				goto out;
			}
			continue;
		}
		if (n == 0 && changed) {
			fprintf(err, "gongshi: %s 有改动，重新生成……\n",
			    *what ? what : "站点文件");
			changed = false;
			*what = '\0';
			build_once(&sv, &cfg, &ch, err);
			changes_reset(&ch);
		}
	}
	fprintf(err, "gongshi: 预览已停止\n");
	rc = 0;
out:
	/* Waiting reload requests end now, not after RELOAD_WAIT_S. */
	pthread_mutex_lock(&sv.mu);
	sv.stopping = true;
	pthread_cond_broadcast(&sv.built_cv);
	pthread_mutex_unlock(&sv.mu);
	if (d != NULL)
		MHD_stop_daemon(d);
	watch_free(&w);
	if (sfd >= 0)
		close(sfd);
	if (tmp != NULL)
		rm_rf(tmp);
	free(out);
	memo_free(cfg.o.memo);
	warm_free(cfg.warm);
	changes_reset(&ch);
	free(sv.error_page);
	pthread_cond_destroy(&sv.built_cv);
	pthread_mutex_destroy(&sv.mu);
	return rc;
}
