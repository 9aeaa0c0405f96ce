/* privacy: rules and computed values (issue 3: not written yet). */
#include "check.h"

void
check_privacy(struct site *s, struct record *r, struct diags *dg)
{
	(void)s;
	(void)r;
	(void)dg;
}
