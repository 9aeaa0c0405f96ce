/* disclosure: rules and computed values (issue 3: not written yet). */
#include "check.h"

const char *const disclosure_keys[] = {NULL};

void
check_disclosure(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}
