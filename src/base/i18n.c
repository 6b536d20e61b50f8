/* i18n.c — binding the gettext domain.
 *
 * An installed dutydesk reads its catalogues from the locale directory it
 * was built for; one run from its build directory reads those built beside
 * it (build/po), so that the README's commands show the translation too. */
#include "base/i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int built_beside(char *dir, size_t n)
{
	char exe[PATH_MAX], probe[PATH_MAX + 64];
	struct stat sb;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (len <= 0)
		return 0;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	snprintf(probe, sizeof probe, "%s/po/zh_CN/LC_MESSAGES/dutydesk.mo", exe);
	if (stat(probe, &sb) != 0)
		return 0;
	snprintf(dir, n, "%s/po", exe);
	return 1;
}

void i18n_init(void)
{
	const char *dir = getenv("DUTYDESK_LOCALEDIR");
	char beside[PATH_MAX + 8];

	if (!(dir && *dir) && built_beside(beside, sizeof beside))
		dir = beside;
	bindtextdomain("dutydesk", dir && *dir ? dir : DD_LOCALEDIR);
	bind_textdomain_codeset("dutydesk", "UTF-8");
	textdomain("dutydesk");
}
