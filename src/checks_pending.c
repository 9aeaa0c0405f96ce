/* Type rules not written yet (issue 3).  Each moves to its own file. */
#include "check.h"

void
check_disclosure(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_power_item(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_consultation(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_legal_schedule(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_privacy(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_across(struct site *s, struct diags *dg)
{
	(void)s;
	(void)dg;
}
