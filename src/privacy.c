/*
 * privacy: 身份证号, bank cards and undeclared mobile numbers in a record's
 * fields and body (CONTENT-MODEL.md §8.0).  The scanner is documented in
 * privacy.h; check_privacy() walks the record by its schema tables, so
 * every string a resident can read is scanned, with the label and key of
 * the field it sits in, and nothing the model computes is.
 */
#include "privacy.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "date.h"
#include "schema.h"

#define MAX_GROUPS 8

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Letters and '_' glue a number into an identifier (URLs, codes). */
static bool
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || is_word(c);
}

static size_t
digits_at(const char *s, size_t n, size_t i)
{
	size_t k = 0;

	while (i + k < n && is_digit(s[i + k]))
		k++;
	return k;
}

/* A number starting at s[i]: runs of digits joined by single spaces or
 * dashes ("6222 0212 3456 7890 123", "139-0000-2222"). */
struct token {
	size_t off[MAX_GROUPS], len[MAX_GROUPS];
	size_t ng;
};

static void
tokenize(const char *s, size_t n, size_t i, struct token *t)
{
	size_t e;

	t->ng = 0;
	for (;;) {
		t->off[t->ng] = i;
		t->len[t->ng] = digits_at(s, n, i);
		e = i + t->len[t->ng];
		t->ng++;
		if (t->ng == MAX_GROUPS || e + 1 >= n ||
		    (s[e] != ' ' && s[e] != '-') || !is_digit(s[e + 1]))
			break;
		i = e + 1;
	}
}

/* Concatenate groups [from, to) into out (size 24); false if too long. */
static bool
concat(const char *s, const struct token *t, size_t from, size_t to,
    char *out)
{
	size_t k, j = 0;

	for (k = from; k < to; k++) {
		if (j + t->len[k] >= 24)
			return false;
		memcpy(out + j, s + t->off[k], t->len[k]);
		j += t->len[k];
	}
	out[j] = '\0';
	return true;
}

static int
num2(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* 18 characters: [1-9] area, a real birth date 1900..today, sequence and
 * check character (not verified, see privacy.h). */
static bool
id_shape(const char *d, int64_t today)
{
	int y, m, day;
	size_t i;

	if (strlen(d) != 18 || d[0] < '1' || d[0] > '9')
		return false;
	for (i = 0; i < 17; i++)
		if (!is_digit(d[i]))
			return false;
	if (!is_digit(d[17]) && d[17] != 'X' && d[17] != 'x')
		return false;
	y = num2(d + 6) * 100 + num2(d + 8);
	m = num2(d + 10);
	day = num2(d + 12);
	if (y < 1900 || y > 2099 || m < 1 || m > 12 || day < 1 ||
	    day > days_in_month(y, m))
		return false;
	return days_from_civil(y, m, day) <= today;
}

static bool
mobile_shape(const char *d)
{
	return strlen(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

static void
emit(privacy_fn fn, void *ctx, enum privacy_kind kind, size_t off,
    size_t end, const char *digits, size_t *hits)
{
	struct privacy_hit h;

	memset(&h, 0, sizeof(h));
	h.kind = kind;
	h.off = off;
	h.len = end - off;
	snprintf(h.digits, sizeof(h.digits), "%s", digits);
	(*hits)++;
	if (fn != NULL)
		fn(ctx, &h);
}

size_t
privacy_scan(const char *s, size_t n, int64_t today, privacy_fn fn,
    void *ctx)
{
	struct token t;
	char d[24];
	size_t i = 0, hits = 0, l0, e, k, total;
	bool decimal, glued_left;

	while (i < n) {
		if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
			i++;
			continue;
		}
		tokenize(s, n, i, &t);
		l0 = t.len[0];
		e = i + l0;

		/* 身份证号, contiguous (the X check character is not a digit). */
		if (l0 == 18 || (l0 == 17 && e < n && (s[e] == 'X' ||
		    s[e] == 'x') && (e + 1 == n || !is_alnum(s[e + 1])))) {
			memcpy(d, s + i, 18);
			d[18] = '\0';
			if (id_shape(d, today)) {
				emit(fn, ctx, PRIV_ID_NUMBER, i, i + 18, d, &hits);
				i += 18;
				continue;
			}
		}
		/* ... and in 6-8-4 groups. */
		if (t.ng >= 3 && l0 == 6 && t.len[1] == 8 &&
		    ((t.len[2] == 4 && t.ng == 3) || (t.len[2] == 3 &&
		    (e = t.off[2] + 3) < n && (s[e] == 'X' || s[e] == 'x') &&
		    (e + 1 == n || !is_alnum(s[e + 1]))))) {
			concat(s, &t, 0, 3, d);
			if (t.len[2] == 3) {
				d[17] = s[t.off[2] + 3];
				d[18] = '\0';
			}
			if (id_shape(d, today)) {
				e = t.off[2] + 4;
				emit(fn, ctx, PRIV_ID_NUMBER, i, e, d, &hits);
				i = e;
				continue;
			}
		}
		e = i + l0;

		/* An amount ("1234.56", ".75") or an identifier glued to letters
		 * is neither a card nor a phone. */
		decimal = (i >= 2 && s[i - 1] == '.' && is_digit(s[i - 2])) ||
		    (e + 1 < n && s[e] == '.' && is_digit(s[e + 1]));
		glued_left = i > 0 && is_word(s[i - 1]);
		if (decimal || glued_left) {
			i = e;
			continue;
		}

		/* Contiguous card or mobile. */
		if (l0 >= 16 && l0 <= 19 && (e == n || !is_word(s[e]))) {
			concat(s, &t, 0, 1, d);
			emit(fn, ctx, PRIV_BANK_CARD, i, e, d, &hits);
			i = e;
			continue;
		}
		if (l0 == 11 && (e == n || !is_word(s[e]))) {
			concat(s, &t, 0, 1, d);
			if (mobile_shape(d)) {
				emit(fn, ctx, PRIV_MOBILE, i, e, d, &hits);
				i = e;
				continue;
			}
		}
		if (l0 == 13 && i > 0 && s[i - 1] == '+' && s[i] == '8' &&
		    s[i + 1] == '6' && (e == n || !is_word(s[e]))) {
			concat(s, &t, 0, 1, d);
			if (mobile_shape(d + 2)) {
				emit(fn, ctx, PRIV_MOBILE, i - 1, e, d + 2, &hits);
				i = e;
				continue;
			}
		}

		/* A card in groups of four, the last group maybe shorter. */
		if (l0 == 4 && t.ng >= 4) {
			total = 4;
			for (k = 1; k < t.ng && t.len[k] == 4; k++)
				total += 4;
			if (k < t.ng && t.len[k] < 4)
				total += t.len[k++];
			e = t.off[k - 1] + t.len[k - 1];
			if (total >= 16 && total <= 19 &&
			    (e == n || !is_word(s[e]))) {
				concat(s, &t, 0, k, d);
				emit(fn, ctx, PRIV_BANK_CARD, i, e, d, &hits);
				i = e;
				continue;
			}
			if (total > 19) { /* a longer number: none of it */
				i = e;
				continue;
			}
		}
		/* A mobile written 139 0000 2222. */
		if (t.ng == 3 && l0 == 3 && t.len[1] == 4 && t.len[2] == 4) {
			e = t.off[2] + 4;
			concat(s, &t, 0, 3, d);
			if (mobile_shape(d) && (e == n || !is_word(s[e]))) {
				emit(fn, ctx, PRIV_MOBILE, i, e, d, &hits);
				i = e;
				continue;
			}
		}
		/* Nothing here: look again from the next group ("+86 139 …"). */
		i += l0;
	}
	return hits;
}

char *
privacy_mask(const struct privacy_hit *h, char *out)
{
	size_t n = strlen(h->digits), keep = h->kind == PRIV_MOBILE ? 3 : 4,
	    stars, j;

	if (n < keep + 4) {
		snprintf(out, 32, "%s", h->digits);
		return out;
	}
	stars = h->kind == PRIV_MOBILE ? 4 : n - keep - 4;
	memcpy(out, h->digits, keep);
	for (j = 0; j < stars; j++)
		out[keep + j] = '*';
	memcpy(out + keep + stars, h->digits + n - 4, 4);
	out[keep + stars + 4] = '\0';
	return out;
}

/* ---- the record ---- */

#define MAX_NUMBERS 64

/* Numbers a record or the site declares on purpose. */
struct numbers {
	char v[MAX_NUMBERS][24];
	size_t n;
};

struct walk {
	struct site *s;
	struct record *r;
	struct diags *dg;
	struct numbers phones;  /* mobiles in phone fields (record, site) */
	struct numbers ids;     /* license_no and voucher digits */
	bool collect;           /* pass 1: collect; pass 2: scan */
	/* the field being scanned */
	const char *label;
	char path[128];
	int line, col;
	bool allow_card, allow_mobile;
};

static void
numbers_add(struct numbers *ns, const char *text)
{
	char d[24];
	size_t j = 0;

	for (; *text && j < sizeof(d) - 1; text++)
		if (is_digit(*text))
			d[j++] = *text;
	d[j] = '\0';
	if (j == 0 || ns->n == MAX_NUMBERS)
		return;
	memcpy(ns->v[ns->n++], d, sizeof(d));
}

static bool
numbers_has(const struct numbers *ns, const char *d)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], d) == 0)
			return true;
	return false;
}

static bool
is_phone_key(const char *key)
{
	size_t n = strlen(key);

	return strcmp(key, "phone") == 0 ||
	    (n > 6 && strcmp(key + n - 6, "_phone") == 0);
}

/* Identifiers that look like long numbers on purpose. */
static bool
is_number_key(const char *key)
{
	return strcmp(key, "license_no") == 0 || strcmp(key, "voucher") == 0 ||
	    strcmp(key, "official_code") == 0 ||
	    strcmp(key, "division_code") == 0;
}

/* Line and column (characters, 1-based) of byte `off` of the body. */
static void
body_position(const struct record *r, size_t off, int *line, int *col)
{
	size_t i;

	*line = r->body_line;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (r->body[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)r->body[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

struct scan_ctx {
	struct walk *w;
	const char *text; /* the body, or NULL for a field */
};

static void
on_hit(void *ctx, const struct privacy_hit *h)
{
	struct scan_ctx *sc = ctx;
	struct walk *w = sc->w;
	char where[192], mask[32];
	int line = w->line, col = w->col;

	if (sc->text != NULL) {
		body_position(w->r, h->off, &line, &col);
		snprintf(where, sizeof(where), "正文");
	} else {
		snprintf(where, sizeof(where), "%s %s", w->label, w->path);
	}
	privacy_mask(h, mask);
	switch (h->kind) {
	case PRIV_ID_NUMBER:
		diag_add(w->dg, DIAG_ERROR, w->r->path, line, col,
		    "%s：含有身份证号（%s）：公开的内容不得出现居民身份证号码，请删除；确需区分同名人员的，只写前 4 位和后 4 位，中间用 * 代替",
		    where, mask);
		break;
	case PRIV_BANK_CARD:
		if (!w->allow_card && !numbers_has(&w->ids, h->digits))
			diag_add(w->dg, DIAG_WARNING, w->r->path, line, col,
			    "%s：疑似银行卡号（%s，%zu 位）：不要公开个人银行账号；确需列出的，只写后 4 位",
			    where, mask, strlen(h->digits));
		break;
	case PRIV_MOBILE:
		if (!w->allow_mobile && !numbers_has(&w->phones, h->digits))
			diag_add(w->dg, DIAG_WARNING, w->r->path, line, col,
			    "%s：手机号 %s 不是本记录或 site.yaml 里登记的联系电话：公开个人手机号须经本人同意；工作人员的电话请填进联系人 contact 等电话字段",
			    where, mask);
		break;
	}
}

static void
scan_string(struct walk *w, const struct gv *v)
{
	struct scan_ctx sc = {w, NULL};

	w->line = v->line;
	w->col = v->col;
	privacy_scan(v->u.s.p, v->u.s.len, w->s->today, on_hit, &sc);
}

static void walk_map(struct walk *w, const struct field *f1,
    const struct field *f2, const struct gv *map, const char *path);

/* A value of field `f` (keyed `key`, or a list item when key is NULL). */
static void
walk_value(struct walk *w, const struct field *f, const char *label,
    const char *key, const struct gv *v, const char *path)
{
	size_t i;

	if (v == NULL)
		return;
	switch (f->type) {
	case FT_MAP:
		if (v->kind == GV_MAP)
			walk_map(w, f->sub, NULL, v, path);
		return;
	case FT_LIST:
		if (v->kind != GV_LIST)
			return;
		for (i = 0; i < v->u.list.n; i++)
			walk_value(w, f->sub, label, key, v->u.list.v[i], path);
		return;
	case FT_ENUM:
	case FT_DATE:
	case FT_DATETIME:
	case FT_TIME:
	case FT_AMOUNT:
	case FT_BALANCE:
	case FT_INT:
	case FT_BOOL:
	case FT_PERIOD:
	case FT_GRID_REF:
		return; /* typed: cannot hold free text */
	default:
		break;
	}
	if (v->kind != GV_STR && v->kind != GV_URL)
		return;
	if (w->collect) {
		if (f->type == FT_PHONE)
			numbers_add(&w->phones, v->u.s.p);
		else if (key != NULL && is_number_key(key))
			numbers_add(&w->ids, v->u.s.p);
		return;
	}
	if (w->r == NULL)
		return;
	w->label = label;
	snprintf(w->path, sizeof(w->path), "%s", path);
	w->allow_card = key != NULL && is_number_key(key);
	w->allow_mobile = f->type == FT_PHONE || w->allow_card ||
	    (key != NULL && is_phone_key(key));
	scan_string(w, v);
}

static void
walk_map(struct walk *w, const struct field *f1, const struct field *f2,
    const struct gv *map, const char *path)
{
	const struct field *f;
	char sub[128];
	size_t i;

	if (map == NULL || map->kind != GV_MAP)
		return;
	for (i = 0; i < map->u.map.n; i++) {
		const char *key = map->u.map.p[i].key;

		/* Only what the schema defines: computed values (labels,
		 * links to other records) are not the author's text. */
		if ((f = schema_find_field(f1, f2, key)) == NULL)
			continue;
		str_join3(sub, sizeof(sub), path, *path ? "." : "", key);
		walk_value(w, f, f->label, key, map->u.map.p[i].val, sub);
	}
}

struct privacy_site {
	struct numbers phones, ids;
};

const struct privacy_site *
privacy_site(struct site *s)
{
	struct privacy_site *ps = arena_alloc(&s->arena, sizeof(*ps));
	struct walk w;

	if (ps == NULL)
		return NULL;
	memset(&w, 0, sizeof(w));
	w.s = s;
	w.collect = true;
	walk_map(&w, schema_site, NULL, s->v, "");
	ps->phones = w.phones;
	ps->ids = w.ids;
	return ps;
}

void
check_privacy(struct site *s, struct record *r, struct diags *dg)
{
	struct walk w;
	struct scan_ctx sc;
	const struct field *tf = section_defs[r->type].fields;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.dg = dg;
	/* Pass 1: what the site and the record declare (the site's is
	 * collected once, by privacy_site()). */
	w.collect = true;
	if (s->privacy != NULL) {
		w.phones = s->privacy->phones;
		w.ids = s->privacy->ids;
	} else {
		walk_map(&w, schema_site, NULL, s->v, "");
	}
	w.r = r;
	walk_map(&w, schema_common, tf, r->v, "");
	/* Pass 2: every free-text field, then the body. */
	w.collect = false;
	walk_map(&w, schema_common, tf, r->v, "");
	if (r->body != NULL) {
		sc.w = &w;
		sc.text = r->body;
		w.allow_card = w.allow_mobile = false;
		privacy_scan(r->body, r->body_len, s->today, on_hit, &sc);
	}
}
