/* ui.c — the terminal UI. */
#include "dutydesk/ui.h"

#include <stdio.h>

int ui_main(const struct ui_options *o)
{
	(void)o;
	fprintf(stderr, "dutydesk: the terminal UI is not built yet\n");
	return 1;
}
