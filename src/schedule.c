/* schedule: rules and computed values (issue 3: not written yet). */
#include "check.h"

const char *const schedule_keys[] = {NULL};

void
check_legal_schedule(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_schedules_across(struct site *s, struct diags *dg)
{
	(void)s;
	(void)dg;
}
