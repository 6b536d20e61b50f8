/* cmd_county_ui.c — `dutydesk county`: the county's view, in the terminal UI. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmds.h"
#include "base/i18n.h"
#include "county/county.h"
#include "ui/ui.h"

int cmd_county_ui(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"url", required_argument, 0, 'u'},
		{0, 0, 0, 0},
	};
	const char *given = NULL;
	struct county *cty;
	struct dd_err err;
	char *url = NULL;
	int o, rc;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 'u')
			return cli_bad_option(c);
		given = optarg;
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_county_url(c, given, "--url", &url)) != 0)
		return rc;
	/* A county that does not answer is said in one line, before the screen. */
	if (county_open(url, &cty, &err) < 0) {
		free(url);
		return cli_fail(&err);
	}
	rc = ui_county_main(cty, url);
	free(url);
	return rc;
}
