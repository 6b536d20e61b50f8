/* cmd_county_ui.c — `dutydesk county`: the county's view, in the terminal UI. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmds.h"
#include "base/i18n.h"
#include "county/county.h"
#include "domain/act.h"
#include "domain/settings.h"
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
	if (given) {
		if (act_check_text(_("the county database's URL"), given, ACT_REQUIRED | ACT_ONE_LINE, 1024,
				   &err) < 0)
			return cli_usage(c, "%s", err.msg);
		url = dd_xstrdup(given);
	} else {
		if (cli_open_existing(c) != 0)
			return c->status;
		if (settings_get_text(c->st, SETTING_COUNTY_URL, &url, &err) < 0)
			return cli_fail(&err);
		if (!*url) {
			free(url);
			return cli_usage(c, _("no county database named: give --url URL, or set it "
					      "with `dutydesk config county-url URL`"));
		}
	}
	/* A county that does not answer is said in one line, before the screen. */
	if (county_open(url, &cty, &err) < 0) {
		free(url);
		return cli_fail(&err);
	}
	rc = ui_county_main(cty, url);
	free(url);
	return rc;
}
