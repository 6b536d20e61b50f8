/* county_commands.h — the county's commands as both programs list them:
 * dutydesk (commands.c), whose --help and man page show them and which
 * starts the county's program for them (county_exec.c), and dutydesk-county
 * (main_county.c), which runs them.  Written once, here. */
#ifndef DUTYDESK_CLI_COUNTY_COMMANDS_H
#define DUTYDESK_CLI_COUNTY_COMMANDS_H

#include "base/i18n.h"

#define CLI_COUNTY_COMMANDS(sync, ui, status) \
	{"sync", sync, N_("[--to URL] [--quiet]"), \
	 N_("Send the town's history to the county database (from where the county's copy ends)"), \
	 N_("      --to URL          the county database (a PostgreSQL connection string);\n" \
	    "                        default: the county-url setting\n" \
	    "      --quiet           say nothing when there was nothing to send\n")}, \
	{"county", ui, N_("[--url URL]"), \
	 N_("The county's view in the terminal: every town, its incidents and their timelines"), \
	 N_("      --url URL         the county database (default: the county-url setting);\n" \
	    "                        read only\n")}, \
	{"county status", status, N_("[--url URL] [--format text|csv]"), \
	 N_("Every town the county holds: mode, escalations, daily report, last sync"), \
	 N_("      --url URL         the county database (default: the county-url setting)\n" \
	    "      --format F        text (default) or csv: town, mode, since, open,\n" \
	    "                        overdue, report, last_sync\n")}

#endif
