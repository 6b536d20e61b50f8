/* main_county.c — dutydesk-county: the county's commands (sync, county,
 * county status), the only program that links libpq.  dutydesk starts it in
 * its own place for them (county_exec.c), with the options every command
 * shares; their help is dutydesk's.  Installed in the libexec directory,
 * beside dutydesk-pdf. */
#include <stdio.h>

#include "cli.h"
#include "cmds.h"
#include "county_commands.h"
#include "base/i18n.h"

static const struct command county_commands[] = {
	CLI_COUNTY_COMMANDS(cmd_sync, cmd_county_ui, cmd_county_status),
	{0},
};

int main(int argc, char **argv)
{
	struct cli c = {0};
	int rc;

	if ((rc = cli_start(&c, &argc, argv)) != 0)
		return rc;
	if (argc < 2)
		return cli_usage(NULL, _("no command: give sync, county or county status"));
	return cli_dispatch(&c, county_commands, argc, argv);
}
