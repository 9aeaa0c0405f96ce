#include "gv.h"

#include <string.h>

const struct gv gv_null = {.kind = GV_NULL};
const struct gv gv_true = {.kind = GV_BOOL, .u.b = true};
const struct gv gv_false = {.kind = GV_BOOL, .u.b = false};

struct gv *
gv_new(struct arena *a, enum gv_kind k)
{
	struct gv *v = arena_alloc(a, sizeof(*v));

	if (v != NULL)
		v->kind = k;
	return v;
}

static struct gv *
strval(struct arena *a, enum gv_kind k, const char *s, size_t n, bool copy)
{
	struct gv *v = gv_new(a, k);

	if (v == NULL)
		return NULL;
	v->u.s.p = copy ? arena_strndup(a, s, n) : s;
	v->u.s.len = n;
	return v->u.s.p ? v : NULL;
}

struct gv *
gv_strn(struct arena *a, const char *s, size_t n)
{
	return strval(a, GV_STR, s, n, true);
}

struct gv *
gv_str(struct arena *a, const char *s)
{
	return strval(a, GV_STR, s, strlen(s), true);
}

struct gv *
gv_str_static(struct arena *a, const char *s)
{
	return strval(a, GV_STR, s, strlen(s), false);
}

struct gv *
gv_html(struct arena *a, const char *s)
{
	return strval(a, GV_HTML, s, strlen(s), true);
}

struct gv *
gv_url(struct arena *a, const char *s)
{
	return strval(a, GV_URL, s, strlen(s), true);
}

struct gv *
gv_int(struct arena *a, enum gv_kind k, int64_t i)
{
	struct gv *v = gv_new(a, k);

	if (v != NULL)
		v->u.i = i;
	return v;
}

struct gv *
gv_bool(struct arena *a, bool b)
{
	struct gv *v = gv_new(a, GV_BOOL);

	if (v != NULL)
		v->u.b = b;
	return v;
}

struct gv *
gv_list(struct arena *a)
{
	return gv_new(a, GV_LIST);
}

struct gv *
gv_map(struct arena *a)
{
	return gv_new(a, GV_MAP);
}

/* The array p of *cap elements of `size` bytes, grown to n > *cap (in
 * place when it is the arena's last allocation); NULL when out of
 * memory. */
static void *
grow_to(struct arena *a, void *p, uint32_t *cap, size_t size, size_t n)
{
	void *q = arena_grow(a, p, *cap * size, n * size);

	if (q != NULL)
		*cap = (uint32_t)n;
	return q;
}

struct gv *
gv_clone(struct arena *a, const struct gv *v)
{
	struct gv *c;
	uint32_t i, n;

	if (v == NULL || (c = arena_alloc(a, sizeof(*c))) == NULL)
		return NULL;
	*c = *v;
	switch (v->kind) {
	case GV_MAP:
		n = v->u.map.n;
		c->u.map.cap = n;
		c->u.map.p = n ? arena_alloc(a, n * sizeof(*c->u.map.p)) : NULL;
		if (n && c->u.map.p == NULL)
			return NULL;
		for (i = 0; i < n; i++) {
			c->u.map.p[i].key = v->u.map.p[i].key;
			c->u.map.p[i].val = gv_clone(a, v->u.map.p[i].val);
			if (c->u.map.p[i].val == NULL)
				return NULL;
		}
		break;
	case GV_LIST:
		n = v->u.list.n;
		c->u.list.cap = n;
		c->u.list.v = n ? arena_alloc(a, n * sizeof(*c->u.list.v)) : NULL;
		if (n && c->u.list.v == NULL)
			return NULL;
		for (i = 0; i < n; i++)
			if ((c->u.list.v[i] = gv_clone(a, v->u.list.v[i])) == NULL)
				return NULL;
		break;
	default:
		break;
	}
	return c;
}

bool
gv_equal(const struct gv *a, const struct gv *b)
{
	uint32_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind || a->line != b->line || a->col != b->col)
		return false;
	switch (a->kind) {
	case GV_NULL:
		return true;
	case GV_BOOL:
		return a->u.b == b->u.b;
	case GV_STR:
	case GV_HTML:
	case GV_URL:
		return a->u.s.len == b->u.s.len &&
		    memcmp(a->u.s.p, b->u.s.p, a->u.s.len) == 0;
	case GV_MAP:
		if (a->u.map.n != b->u.map.n)
			return false;
		for (i = 0; i < a->u.map.n; i++)
			if (strcmp(a->u.map.p[i].key, b->u.map.p[i].key) != 0 ||
			    !gv_equal(a->u.map.p[i].val, b->u.map.p[i].val))
				return false;
		return true;
	case GV_LIST:
		if (a->u.list.n != b->u.list.n)
			return false;
		for (i = 0; i < a->u.list.n; i++)
			if (!gv_equal(a->u.list.v[i], b->u.list.v[i]))
				return false;
		return true;
	default:
		return a->u.i == b->u.i;
	}
}

bool
gv_reserve(struct arena *a, struct gv *v, size_t n)
{
	void *q;

	if (v == NULL || n > UINT32_MAX)
		return false;
	switch (v->kind) {
	case GV_MAP:
		if (n <= v->u.map.cap)
			return true;
		q = grow_to(a, v->u.map.p, &v->u.map.cap,
		    sizeof(*v->u.map.p), n);
		if (q != NULL)
			v->u.map.p = q;
		return q != NULL;
	case GV_LIST:
		if (n <= v->u.list.cap)
			return true;
		q = grow_to(a, v->u.list.v, &v->u.list.cap,
		    sizeof(*v->u.list.v), n);
		if (q != NULL)
			v->u.list.v = q;
		return q != NULL;
	default:
		return true;
	}
}

bool
gv_push(struct arena *a, struct gv *list, struct gv *v)
{
	struct gv **nv;
	size_t cap;

	if (list == NULL || v == NULL || list->kind != GV_LIST)
		return false;
	if (list->u.list.n == list->u.list.cap) {
		cap = list->u.list.cap ? (size_t)list->u.list.cap * 2 : 4;
		if (cap > UINT32_MAX)
			return false;
		nv = arena_grow(a, list->u.list.v,
		    list->u.list.cap * sizeof(*nv), cap * sizeof(*nv));
		if (nv == NULL)
			return false;
		list->u.list.v = nv;
		list->u.list.cap = (uint32_t)cap;
	}
	list->u.list.v[list->u.list.n++] = v;
	return true;
}

bool
gv_set(struct arena *a, struct gv *map, const char *key, struct gv *v)
{
	struct gv_pair *np;
	size_t i, cap;

	if (map == NULL || v == NULL || key == NULL || map->kind != GV_MAP)
		return false;
	/* Keys are mostly the same literals: the pointer, then the first
	 * byte, before strcmp. */
	for (i = 0; i < map->u.map.n; i++)
		if (map->u.map.p[i].key == key ||
		    (map->u.map.p[i].key[0] == key[0] &&
		    strcmp(map->u.map.p[i].key, key) == 0)) {
			map->u.map.p[i].val = v;
			return true;
		}
	if (map->u.map.n == map->u.map.cap) {
		cap = map->u.map.cap ? (size_t)map->u.map.cap * 2 : 8;
		if (cap > UINT32_MAX)
			return false;
		np = arena_grow(a, map->u.map.p, map->u.map.cap * sizeof(*np),
		    cap * sizeof(*np));
		if (np == NULL)
			return false;
		map->u.map.p = np;
		map->u.map.cap = (uint32_t)cap;
	}
	map->u.map.p[map->u.map.n].key = key;
	map->u.map.p[map->u.map.n].val = v;
	map->u.map.n++;
	return true;
}

void
gv_unset(struct gv *map, const char *key)
{
	uint32_t i;

	if (map == NULL || map->kind != GV_MAP)
		return;
	for (i = 0; i < map->u.map.n; i++)
		if (strcmp(map->u.map.p[i].key, key) == 0) {
			memmove(&map->u.map.p[i], &map->u.map.p[i + 1],
			    (map->u.map.n - i - 1) * sizeof(*map->u.map.p));
			map->u.map.n--;
			return;
		}
}

bool
gv_set_str(struct arena *a, struct gv *map, const char *key, const char *s)
{
	return gv_set(a, map, key, gv_str(a, s));
}

bool
gv_set_int(struct arena *a, struct gv *map, const char *key,
    enum gv_kind k, int64_t i)
{
	return gv_set(a, map, key, gv_int(a, k, i));
}

bool
gv_set_bool(struct arena *a, struct gv *map, const char *key, bool b)
{
	return gv_set(a, map, key, gv_bool(a, b));
}

struct gv *
gv_get(const struct gv *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != GV_MAP)
		return NULL;
	/* Maps are small: a linear scan, the pointer and the first byte
	 * before strcmp. */
	for (i = 0; i < map->u.map.n; i++)
		if (map->u.map.p[i].key == key ||
		    (map->u.map.p[i].key[0] == key[0] &&
		    strcmp(map->u.map.p[i].key, key) == 0))
			return map->u.map.p[i].val;
	return NULL;
}

const char *
gv_get_str(const struct gv *map, const char *key)
{
	const struct gv *v = gv_get(map, key);

	if (v == NULL ||
	    (v->kind != GV_STR && v->kind != GV_URL && v->kind != GV_HTML))
		return NULL;
	return v->u.s.p;
}

int64_t
gv_get_int(const struct gv *map, const char *key, int64_t dflt)
{
	const struct gv *v = gv_get(map, key);

	if (v == NULL)
		return dflt;
	switch (v->kind) {
	case GV_INT:
	case GV_DATE:
	case GV_DATETIME:
	case GV_TIME:
	case GV_MONEY:
		return v->u.i;
	default:
		return dflt;
	}
}

bool
gv_get_bool(const struct gv *map, const char *key)
{
	return gv_truthy(gv_get(map, key));
}

size_t
gv_len(const struct gv *v)
{
	if (v == NULL)
		return 0;
	if (v->kind == GV_LIST)
		return v->u.list.n;
	if (v->kind == GV_MAP)
		return v->u.map.n;
	return 0;
}

bool
gv_truthy(const struct gv *v)
{
	if (v == NULL)
		return false;
	switch (v->kind) {
	case GV_NULL:
		return false;
	case GV_BOOL:
		return v->u.b;
	case GV_INT:
		return v->u.i != 0;
	case GV_STR:
	case GV_HTML:
	case GV_URL:
		return v->u.s.len != 0;
	case GV_LIST:
		return v->u.list.n != 0;
	case GV_MAP:
		return v->u.map.n != 0;
	default:
		return true; /* dates, times and amounts, even 0.00 */
	}
}
