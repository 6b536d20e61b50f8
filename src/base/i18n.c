/* i18n.c — binding the gettext domain.
 *
 * dutydesk reads its catalogues from DUTYDESK_LOCALEDIR when set; else,
 * run from its build directory, from those built beside it (build/po), so
 * that the README's commands show the translation too; else, installed,
 * from the locale directory under the prefix it sits in (selfpath.h), which
 * is the configured one unless the tree was staged or moved; else from the
 * configured locale directory. */
#include "base/i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/selfpath.h"

#ifndef DD_LOCALEDIR_REL
#define DD_LOCALEDIR_REL "share/locale"
#endif

/* Whether `dir` holds a catalogue of ours (the Chinese one, the one there is). */
static int holds_catalogue(const char *dir)
{
	char probe[PATH_MAX + 64];
	struct stat sb;

	snprintf(probe, sizeof probe, "%s/zh_CN/LC_MESSAGES/dutydesk.mo", dir);
	return stat(probe, &sb) == 0;
}

static int built_beside(char *dir, size_t n)
{
	char exe[PATH_MAX];

	if (!selfpath_dir(exe, sizeof exe))
		return 0;
	snprintf(dir, n, "%s/po", exe);
	return holds_catalogue(dir);
}

static int under_prefix(char *dir, size_t n)
{
	return selfpath_installed(DD_LOCALEDIR_REL, dir, n) && holds_catalogue(dir);
}

void i18n_init(void)
{
	const char *dir = getenv("DUTYDESK_LOCALEDIR");
	char found[PATH_MAX + 8];

	if (!(dir && *dir) && (built_beside(found, sizeof found) ||
			       under_prefix(found, sizeof found)))
		dir = found;
	bindtextdomain("dutydesk", dir && *dir ? dir : DD_LOCALEDIR);
	bind_textdomain_codeset("dutydesk", "UTF-8");
	textdomain("dutydesk");
}
