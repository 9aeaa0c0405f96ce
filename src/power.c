/* power: rules and computed values (issue 3: not written yet). */
#include "check.h"

const char *const power_keys[] = {NULL};

void
check_power_item(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}

void
check_power_items_across(struct site *s, struct diags *dg)
{
	(void)s;
	(void)dg;
}
