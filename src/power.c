/*
 * power: 小微权力清单事项 (CONTENT-MODEL.md §8.5).
 *
 * Rules: an item code unique across the site, a time limit that states a
 * duration, materials for 便民服务 items, a described flow chart image,
 * an approval that precedes the effective date.  Computed for the page:
 * the supervision block completed from site.yaml with the list of phones
 * to call (12388 always among them), a class per risk level, whether the
 * item is in force yet; and for the section page the whole 清单 grouped
 * by category (power_section).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "fsutil.h"

/* The 纪检监察 reporting hotline, printed on every item. */
#define HOTLINE_12388 "12388"

const char *const power_keys[] = {
	"phones",        /* supervision: [{name, phone}], 12388 last */
	"css_class",     /* risk: risk-high / risk-medium / risk-low */
	"in_force",      /* effective_date reached */
	"groups",        /* section: [{key, label, count, items}] */
	"items",         /* a group's items, by code */
	NULL,
};

/* Categories in the order the 清单 lists them (schema.c's enum order). */
static const char *const category_order[] = {"decision", "bidding",
    "assets", "finance", "procurement", "personnel", "convenience", "daily",
    NULL};

/*
 * Does `s` state a duration: ASCII digits, optional spaces, then 个工作日,
 * 工作日, 日, 天, 小时 or 个月?
 */
static bool
has_duration(const char *s)
{
	static const char *const units[] = {"个工作日", "工作日", "日", "天",
	    "小时", "个月", NULL};
	const char *p = s, *q;
	size_t i;

	while (*p) {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		while (*p >= '0' && *p <= '9')
			p++;
		q = p;
		while (*q == ' ')
			q++;
		for (i = 0; units[i]; i++)
			if (strncmp(q, units[i], strlen(units[i])) == 0)
				return true;
	}
	return false;
}

/* Fill what supervision leaves out from site.yaml, and list the phones. */
static void
supervision(struct site *s, struct record *r)
{
	struct arena *a = &s->arena;
	struct gv *sv = gv_get(r->v, "supervision"), *phones;
	const struct gv *sup = gv_get(s->v, "supervisor");
	const struct gv *comp = gv_get(s->v, "complaint");
	const char *body, *phone, *org, *rphone, *name, *title;
	char buf[256];

	if (sv == NULL) {
		/* Missing is an error (schema); the defaults still make a
		 * complete model. */
		sv = gv_map(a);
		if (sv == NULL || !gv_set(a, r->v, "supervision", sv))
			return;
	}
	if (gv_get(sv, "body") == NULL) {
		/* site.supervisor.title names a person's post (居务监督委员会
		 * 主任), so the body is named after the organisation. */
		snprintf(buf, sizeof(buf), "%s%s监督委员会",
		    gv_get_str(s->v, "short_name") ? gv_get_str(s->v,
		    "short_name") : "", s->village ? "村务" : "居务");
		gv_set_str(a, sv, "body", buf);
	}
	if (gv_get(sv, "phone") == NULL && gv_get_str(sup, "phone") != NULL) {
		gv_set_str(a, sv, "phone", gv_get_str(sup, "phone"));
		name = gv_get_str(sup, "name");
		title = gv_get_str(sup, "title");
		if (name != NULL) {
			snprintf(buf, sizeof(buf), "%s%s%s%s", name,
			    title ? "（" : "", title ? title : "",
			    title ? "）" : "");
			gv_set_str(a, sv, "contact", buf);
		}
	}
	if (gv_get(sv, "report_org") == NULL && gv_get_str(comp, "org"))
		gv_set_str(a, sv, "report_org", gv_get_str(comp, "org"));
	if (gv_get(sv, "report_phone") == NULL && gv_get_str(comp, "phone"))
		gv_set_str(a, sv, "report_phone", gv_get_str(comp, "phone"));

	body = gv_get_str(sv, "body");
	phone = gv_get_str(sv, "phone");
	org = gv_get_str(sv, "report_org");
	rphone = gv_get_str(sv, "report_phone");
	phones = gv_list(a);
	if (phones == NULL)
		return;
	if (phone != NULL) {
		struct gv *m = gv_map(a);

		gv_set_str(a, m, "name", body);
		gv_set_str(a, m, "phone", phone);
		gv_push(a, phones, m);
	}
	if (rphone != NULL && (phone == NULL || strcmp(rphone, phone) != 0)) {
		struct gv *m = gv_map(a);

		gv_set_str(a, m, "name", org ? org : "举报受理");
		gv_set_str(a, m, "phone", rphone);
		gv_push(a, phones, m);
	}
	if ((phone == NULL || strcmp(phone, HOTLINE_12388) != 0) &&
	    (rphone == NULL || strcmp(rphone, HOTLINE_12388) != 0)) {
		struct gv *m = gv_map(a);

		gv_set_str(a, m, "name", "纪检监察举报电话");
		gv_set_str(a, m, "phone", HOTLINE_12388);
		gv_push(a, phones, m);
	}
	gv_set(a, sv, "phones", phones);
}

void
check_power_item(struct site *s, struct record *r, struct diags *dg)
{
	struct arena *a = &s->arena;
	const struct gv *v, *cat, *eff, *ap;
	const struct gv *risks = gv_get(r->v, "risks");
	char x[64], y[64];
	size_t i;

	v = gv_get(r->v, "time_limit");
	if (v != NULL && !has_duration(v->u.s.p))
		diag_add(dg, DIAG_WARNING, r->path, v->line, v->col,
		    "办理时限 time_limit“%s”没有写明期限：请写数字加单位，如“3个工作日”“30日内”“24小时”",
		    v->u.s.p);

	cat = gv_get(r->v, "category");
	v = gv_get(r->v, "materials");
	if (cat != NULL && strcmp(cat->u.s.p, "convenience") == 0) {
		if (v == NULL)
			diag_add(dg, DIAG_ERROR, r->path, cat->line, cat->col,
			    "类别 category 为“便民服务”的事项必须列出所需材料 materials，让群众一次备齐");
		else if (gv_len(v) == 0)
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "所需材料 materials：便民服务事项至少要列出一项材料");
	}

	v = gv_get(r->v, "flowchart");
	if (v != NULL) {
		if (gv_get(r->v, "flowchart_alt") == NULL)
			diag_add(dg, DIAG_ERROR, r->path, v->line, v->col,
			    "设置了流程图 flowchart，就必须填写流程图说明 flowchart_alt（给看不见图片的读者）");
		/* There, and not through a link out of the site. */
		check_static_file(s, dg, r, v, "流程图 flowchart");
	}

	eff = gv_get(r->v, "effective_date");
	ap = gv_get(gv_get(r->v, "approved_by"), "date");
	if (eff != NULL && ap != NULL && ap->u.i > eff->u.i)
		diag_add(dg, DIAG_WARNING, r->path, ap->line, ap->col,
		    "通过会议 approved_by 的日期 date %s 晚于施行日期 effective_date %s：事项应先经会议通过再施行",
		    date_fmt_zh(ap->u.i, x), date_fmt_zh(eff->u.i, y));
	if (eff != NULL)
		gv_set_bool(a, r->v, "in_force", eff->u.i <= s->today);

	for (i = 0; i < gv_len(risks); i++) {
		struct gv *rk = risks->u.list.v[i];
		const char *lv = gv_get_str(rk, "level");

		if (lv != NULL) {
			snprintf(x, sizeof(x), "risk risk-%s", lv);
			gv_set_str(a, rk, "css_class", x);
		}
	}
	supervision(s, r);
}

/* By code, then path: each code's items together, the first file first. */
static int
cmp_code_path(const void *x, const void *y)
{
	const struct record *p = *(struct record *const *)x;
	const struct record *q = *(struct record *const *)y;
	int c = strcmp(gv_get_str(p->v, "code"), gv_get_str(q->v, "code"));

	return c != 0 ? c : strcmp(p->path, q->path);
}

void
check_power_items_across(struct site *s, struct diags *dg)
{
	struct record **v;
	const char *code;
	size_t i, first = 0, n = 0;

	v = malloc((s->nrecs ? s->nrecs : 1) * sizeof(*v));
	if (v == NULL) {
		diag_add(dg, DIAG_ERROR, NULL, 0, 0, "内存不足");
		return;
	}
	for (i = 0; i < s->nrecs; i++)
		if (s->recs[i].type == RT_POWER_ITEM &&
		    gv_get_str(s->recs[i].v, "code") != NULL)
			v[n++] = &s->recs[i];
	/* Sorted (not a scan of the earlier items for each: a 街道's list
	 * may have thousands): every item whose code an item of an earlier
	 * file has is named with that file, the first of its code in path
	 * order, so the message does not depend on the order the directory
	 * was read in. */
	qsort(v, n, sizeof(*v), cmp_code_path);
	for (i = 1; i < n; i++) {
		const struct gv *c = gv_get(v[i]->v, "code");

		code = gv_get_str(v[first]->v, "code");
		if (strcmp(c->u.s.p, code) != 0) {
			first = i;
			continue;
		}
		diag_add(dg, DIAG_ERROR, v[i]->path, c->line, c->col,
		    "编号 code“%s”与 %s 重复：清单里每个事项的编号必须不同",
		    c->u.s.p, v[first]->path);
	}
	free(v);
}

static int
cmp_code(const void *x, const void *y)
{
	const struct record *p = *(struct record *const *)x;
	const struct record *q = *(struct record *const *)y;
	const char *a = gv_get_str(p->v, "code"), *b = gv_get_str(q->v, "code");
	int c = strcmp(a ? a : "", b ? b : "");

	return c != 0 ? c : strcmp(p->path, q->path);
}

void
power_section(struct site *s, struct section *sec)
{
	struct arena *a = &s->arena;
	struct record **v;
	struct gv *groups = gv_list(a), *g, *items;
	const char *label;
	size_t i, k;

	if (groups == NULL)
		return;
	v = arena_alloc(a, (sec->n ? sec->n : 1) * sizeof(*v));
	if (v == NULL)
		return;
	memcpy(v, sec->recs, sec->n * sizeof(*v));
	qsort(v, sec->n, sizeof(*v), cmp_code);
	for (k = 0; category_order[k]; k++) {
		g = NULL;
		items = NULL;
		label = NULL;
		for (i = 0; i < sec->n; i++) {
			const char *c = gv_get_str(v[i]->v, "category");

			if (c == NULL || strcmp(c, category_order[k]) != 0)
				continue;
			if (g == NULL) {
				g = gv_map(a);
				items = gv_list(a);
				label = gv_get_str(v[i]->v, "category_label");
				if (g == NULL || items == NULL)
					return;
			}
			gv_push(a, items, v[i]->v);
		}
		if (g == NULL)
			continue;
		gv_set_str(a, g, "key", category_order[k]);
		gv_set_str(a, g, "label", label);
		gv_set_int(a, g, "count", GV_INT, (int64_t)gv_len(items));
		gv_set(a, g, "items", items);
		gv_push(a, groups, g);
	}
	gv_set(a, sec->v, "groups", groups);
}
