/* i18n.c — binding the gettext domain. */
#include "dutydesk/i18n.h"

#include <stdlib.h>

void i18n_init(void)
{
	const char *dir = getenv("DUTYDESK_LOCALEDIR");
	bindtextdomain("dutydesk", dir && *dir ? dir : DD_LOCALEDIR);
	bind_textdomain_codeset("dutydesk", "UTF-8");
	textdomain("dutydesk");
}
