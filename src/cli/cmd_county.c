/* cmd_county.c — sync (the town's history to the county); county status.
 * Run by dutydesk-county (main_county.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "county/county.h"
#include "domain/act.h"
#include "domain/settings.h"

#define URL_MAX 1024

int cli_county_url(struct cli *c, const char *given, const char *option, char **url)
{
	struct dd_err err;

	*url = NULL;
	if (given) {
		if (act_check_text(_("the county database's URL"), given, ACT_REQUIRED | ACT_ONE_LINE,
				   URL_MAX, &err) < 0)
			return cli_usage(c, "%s", err.msg);
		*url = dd_xstrdup(given);
		return 0;
	}
	if (!c->st && cli_open(c) != 0)
		return c->status;
	if (settings_get_text(c->st, SETTING_COUNTY_URL, url, &err) < 0)
		return cli_fail(&err);
	if (!**url) {
		free(*url);
		*url = NULL;
		return cli_usage(c, _("no county database named: give %s URL, or set it with "
				      "`dutydesk config county-url URL`"), option);
	}
	return 0;
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"to", required_argument, 0, 't'},
		{"quiet", no_argument, 0, 'q'},
		{0, 0, 0, 0},
	};
	struct county_sync_result res;
	const char *to = NULL;
	struct dd_err err;
	char *url;
	int o, rc, quiet = 0;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 't')
			to = optarg;
		else if (o == 'q')
			quiet = 1;
		else
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (to && (rc = cli_county_url(c, to, "--to", &url)) != 0)
		return rc;
	if (cli_open(c) != 0)
		return c->status;
	if (!to && (rc = cli_county_url(c, NULL, "--to", &url)) != 0)
		return rc;
	rc = county_sync(c->st, url, 0, &res, &err);
	free(url);
	if (rc < 0)
		return cli_fail(&err);
	if (!quiet || res.sent)
		fprintf(stderr, _("dutydesk: sent %lld event(s) to the county; it holds the town's "
				  "chain up to #%lld\n"), res.sent, res.head);
	return 0;
}

static const char *report_word(const struct county_town *t, int csv)
{
	if (t->report == COUNTY_REPORT_UNKNOWN)
		return csv ? "unknown" : _("unknown");
	if (t->report == COUNTY_REPORT_FILED)
		return csv ? "filed" : _("filed");
	return csv ? "missing" : _("NOT FILED");
}

static void row(const struct county_town *t, enum cli_format fmt,
		struct table *tb)
{
	char since[DDTIME_BUFSZ] = "", last[DDTIME_BUFSZ + 16] = "", open[24], overdue[24];
	const char *mode = t->diverged ? "diverged" : t->mode;

	snprintf(open, sizeof open, "%lld", t->open);
	snprintf(overdue, sizeof overdue, "%lld", t->overdue);
	if (fmt == FMT_CSV) {
		if (t->since)
			ddtime_format(t->since, DDTIME_ISO, since);
		if (t->last_sync)
			ddtime_format(t->last_sync, DDTIME_ISO, last);
		const char *cells[] = {t->town, mode, since, open, overdue,
				       report_word(t, 1), last};
		csvio_write_row(stdout, cells, 7);
		return;
	}
	if (t->since)
		ddtime_format(t->since, DDTIME_MINUTE, since);
	if (t->last_sync) {
		char age[DDTIME_BUFSZ];
		snprintf(last, sizeof last, _("%s ago"), ddtime_duration(t->last_age, age));
	} else {
		snprintf(last, sizeof last, "%s", _("never"));
	}
	const char *cells[] = {t->town,
			       t->diverged ? _("DIVERGED") : !*t->mode ? "—"
			       : strcmp(t->mode, "taskforce") == 0 ? _("task force") : _("normal"),
			       *since ? since : "—", open, overdue, report_word(t, 0), last};
	table_row(tb, cells);
}

int cmd_county_status(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"url", required_argument, 0, 'u'},
		{"format", required_argument, 0, 'f'},
		{0, 0, 0, 0},
	};
	static const char *const csv_header[] = {"town", "mode", "since", "open", "overdue",
						 "report", "last_sync"};
	enum cli_format fmt = FMT_TEXT;
	struct county_town *v = NULL;
	struct county *cty;
	struct table *tb = NULL;
	const char *given = NULL;
	struct dd_err err;
	char *url;
	int o, n = 0, rc;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'u')
			given = optarg;
		else if (o == 'f') {
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
		} else
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_county_url(c, given, "--url", &url)) != 0)
		return rc;
	rc = county_open(url, &cty, &err);
	free(url);
	if (rc < 0 || county_status(cty, &v, &n, &err) < 0) {
		county_close(cty);
		return cli_fail(&err);
	}
	county_close(cty);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, csv_header, 7);
	} else {
		const char *h[] = {_("TOWN"), _("MODE"), _("SINCE"), _("OPEN"), _("OVERDUE"),
				   _("REPORT"), _("LAST SYNC")};
		tb = table_new(7, h);
	}
	for (int i = 0; i < n; i++)
		row(&v[i], fmt, tb);
	table_print_free(tb, stdout);
	for (int i = 0; fmt == FMT_TEXT && i < n; i++)
		if (v[i].diverged)
			printf(_("%s: DIVERGED: %s\n"), v[i].town, v[i].reason);
	free(v);
	return 0;
}
