/* cmd_report.c — report daily: the daily report (日报告、零报告), and filing it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/i18n.h"
#include "docs/report.h"

int cmd_report_daily(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, 0, 'd'},
		{"file", no_argument, 0, 'f'},
		{0, 0, 0, 0},
	};
	struct report_daily r;
	struct dd_err err;
	dd_time day = 0;
	char *text = NULL;
	int file = 0, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd') {
			if (ddtime_parse(optarg, &day, &err) < 0)
				return cli_usage(c, "%s", err.msg);
		} else if (o == 'f') {
			file = 1;
		} else {
			return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!day)
		day = ddtime_now();
	if (file) {
		if (cli_identify(c) != 0)
			return c->status;
		if (report_daily_file(c->st, &c->who, day, &r, &text, &err) < 0)
			return cli_fail(&err);
	} else {
		if (cli_open_existing(c) != 0)
			return c->status;
		if (report_daily_build(c->st, day, &r, &err) < 0)
			return cli_fail(&err);
		text = report_daily_text(&r);
	}
	fputs(text, stdout);
	if (file)
		fprintf(stderr, r.zero ? _("dutydesk: the zero report (零报告) of %s is filed\n")
				       : _("dutydesk: the daily report of %s is filed\n"), r.date);
	free(text);
	report_daily_clear(&r);
	return 0;
}
