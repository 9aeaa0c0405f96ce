/* notice: 通知公告 (CONTENT-MODEL.md §8.3). */
#include "check.h"

const char *const notice_keys[] = {"expires_effective", "expired", NULL};

void
check_notice(struct site *s, struct record *r, struct diags *dg)
{
	const struct gv *ev = gv_get(r->v, "event");
	const struct gv *end = gv_get(ev, "end");
	int64_t expires;

	(void)dg;
	/* Leaves the home page after `expires`, by default when the event
	 * is over, else 30 days after publication. */
	if (gv_get(r->v, "expires") != NULL)
		expires = gv_get_int(r->v, "expires", r->date);
	else if (end != NULL)
		expires = end->u.i / 86400;
	else
		expires = r->date + 30;
	gv_set(&s->arena, r->v, "expires_effective",
	    gv_int(&s->arena, GV_DATE, expires));
	gv_set(&s->arena, r->v, "expired",
	    gv_bool(&s->arena, s->today > expires));
}
