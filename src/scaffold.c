/* scaffold: not written yet (issue 3). */
#include "scaffold.h"

int
scaffold_new(const char *site_dir, const char *type, const char *title,
    FILE *out, FILE *err)
{
	(void)site_dir;
	(void)type;
	(void)title;
	(void)out;
	fprintf(err, "gongshi: new 命令尚未实现\n");
	return 3;
}
