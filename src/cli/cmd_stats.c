/* cmd_stats.c — stats add, review, list, trend; stats metric add, list
 * (严格统计制度: entered by one person, reviewed by another). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "domain/stats.h"

enum {
	OPT_GROUP = 256, OPT_METRIC, OPT_VALUE, OPT_DATE, OPT_PENDING, OPT_FORMAT, OPT_DAYS,
	OPT_KEY, OPT_NAME, OPT_UNIT, OPT_NOTE,
};

/* A whole number from 0 up, as typed. */
static int parse_value(struct cli *c, const char *s, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v < 0 || v > STATS_VALUE_MAX)
		return cli_usage(c, _("'%s' is not a figure: a whole number from 0 to %lld"), s,
				 STATS_VALUE_MAX);
	*out = v;
	return 0;
}

int cmd_stats_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"group", required_argument, 0, OPT_GROUP},
		{"metric", required_argument, 0, OPT_METRIC},
		{"value", required_argument, 0, OPT_VALUE},
		{"date", required_argument, 0, OPT_DATE},
		{0, 0, 0, 0},
	};
	const char *group = NULL, *metric = NULL;
	long long value = -1, id;
	dd_time day = 0;
	struct dd_err err;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_GROUP: group = optarg; break;
		case OPT_METRIC: metric = optarg; break;
		case OPT_VALUE:
			if (parse_value(c, optarg, &value) != 0)
				return 2;
			break;
		case OPT_DATE:
			if (ddtime_parse(optarg, &day, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!metric || value < 0)
		return cli_usage(c, _("--metric and --value are required"));
	if (cli_identify(c) != 0)
		return c->status;
	if (stats_add(c->st, &c->who, group, metric, value, day, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	fprintf(stderr, _("dutydesk: figure #%lld waits for review by another person (dutydesk "
			  "stats review %lld)\n"), id, id);
	return 0;
}

int cmd_stats_review(struct cli *c, int argc, char **argv)
{
	struct dd_err err;
	long long id;

	if (cli_one_id(c, argc, argv, 1, _("give one figure id"), &id) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	return stats_review(c->st, &c->who, id, &err) < 0 ? cli_fail(&err) : 0;
}

static void figure_row(struct table *t, const struct stats_figure *f, enum cli_format fmt)
{
	char id[24], value[48], entered[DDTIME_BUFSZ], reviewed[DDTIME_BUFSZ] = "", state[160];
	const char *status = f->superseded ? "superseded" : f->reviewed_at ? "reviewed"
									  : "pending";

	snprintf(id, sizeof id, "%lld", f->id);
	snprintf(value, sizeof value, "%lld", f->value);
	if (fmt == FMT_CSV) {
		if (f->reviewed_at)
			ddtime_format(f->reviewed_at, DDTIME_ISO, reviewed);
		const char *cells[] = {id, f->day, f->metric, f->metric_key, f->group, value,
				       f->unit, f->entered_by,
				       ddtime_format(f->entered_at, DDTIME_ISO, entered),
				       f->reviewed_by, reviewed, status};
		csvio_write_row(stdout, cells, 12);
		return;
	}
	snprintf(value, sizeof value, "%lld %s", f->value, f->unit);
	if (f->reviewed_at)
		snprintf(state, sizeof state, _("reviewed by %s %s%s"), f->reviewed_by,
			 ddtime_format(f->reviewed_at, DDTIME_SHORT, reviewed),
			 f->superseded ? _(" (corrected later)") : "");
	else
		snprintf(state, sizeof state, "%s", f->superseded ? _("pending (corrected later)")
								  : _("PENDING review"));
	const char *cells[] = {id, f->day, f->metric, value, f->group, f->entered_by, state};
	table_row(t, cells);
}

int cmd_stats_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"pending", no_argument, 0, OPT_PENDING},
		{"date", required_argument, 0, OPT_DATE},
		{"metric", required_argument, 0, OPT_METRIC},
		{"format", required_argument, 0, OPT_FORMAT},
		{0, 0, 0, 0},
	};
	static const char *const header[] = {"id", "day", "metric", "metric_key", "group", "value",
					     "unit", "entered_by", "entered_at", "reviewed_by",
					     "reviewed_at", "status"};
	struct stats_filter f = {0};
	enum cli_format fmt = FMT_TEXT;
	struct stats_figure *v;
	struct table *t = NULL;
	struct dd_err err;
	int n, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_PENDING: f.pending_only = 1; break;
		case OPT_DATE:
			if (ddtime_parse(optarg, &f.day, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_METRIC: f.metric = optarg; break;
		case OPT_FORMAT:
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
			break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c) != 0)
		return c->status;
	if (stats_list(c->st, &f, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, header, 12);
	} else {
		const char *h[] = {_("ID"), _("DAY"), _("METRIC"), _("VALUE"), _("GROUP"),
				   _("ENTERED BY"), _("REVIEW")};
		t = table_new(7, h);
	}
	for (int i = 0; i < n; i++)
		figure_row(t, &v[i], fmt);
	table_print_free(t, stdout);
	stats_figures_free(v, n);
	return 0;
}

static void print_trend(const char *metric, const struct stats_point *p, int days,
			enum cli_format fmt)
{
	char line[STATS_TREND_MAX * 4 + 1];

	if (fmt == FMT_CSV) {
		static const char *const header[] = {"day", "value", "reviewed"};
		csvio_write_row(stdout, header, 3);
		for (int i = 0; i < days; i++) {
			char day[DDTIME_BUFSZ], value[24];
			snprintf(value, sizeof value, "%lld", p[i].value);
			const char *cells[] = {ddtime_format(p[i].day, DDTIME_DATE, day),
					       p[i].has ? value : "", p[i].has ? "1" : "0"};
			csvio_write_row(stdout, cells, 3);
		}
		return;
	}
	stats_sparkline(p, days, line, sizeof line);
	printf(_("%s, last %d days (reviewed figures only; · no figure):\n%s\n\n"), metric, days,
	       line);
	{
		const char *h[] = {_("DAY"), _("VALUE")};
		struct table *t = table_new(2, h);
		for (int i = 0; i < days; i++) {
			char day[DDTIME_BUFSZ], value[24];
			snprintf(value, sizeof value, "%lld", p[i].value);
			const char *cells[] = {ddtime_format(p[i].day, DDTIME_DATE, day),
					       p[i].has ? value : "—"};
			table_row(t, cells);
		}
		table_print_free(t, stdout);
	}
}

int cmd_stats_trend(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"metric", required_argument, 0, OPT_METRIC},
		{"days", required_argument, 0, OPT_DAYS},
		{"group", required_argument, 0, OPT_GROUP},
		{"date", required_argument, 0, OPT_DATE},
		{"format", required_argument, 0, OPT_FORMAT},
		{0, 0, 0, 0},
	};
	const char *metric = NULL, *group = NULL;
	enum cli_format fmt = FMT_TEXT;
	long long days = STATS_TREND_DAYS;
	struct stats_point *p;
	struct dd_err err;
	dd_time last = 0;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_METRIC: metric = optarg; break;
		case OPT_GROUP: group = optarg; break;
		case OPT_DAYS:
			if (cli_id(c, optarg, &days) != 0)
				return 2;
			if (days > STATS_TREND_MAX)
				return cli_usage(c, _("--days is at most %d"), STATS_TREND_MAX);
			break;
		case OPT_DATE:
			if (ddtime_parse(optarg, &last, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_FORMAT:
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
			break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!metric)
		return cli_usage(c, _("--metric is required"));
	if (cli_open(c) != 0)
		return c->status;
	if (stats_trend(c->st, metric, group, last, (int)days, &p, &err) < 0)
		return cli_fail(&err);
	print_trend(metric, p, (int)days, fmt);
	free(p);
	return 0;
}

int cmd_stats_metric_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"key", required_argument, 0, OPT_KEY},
		{"name", required_argument, 0, OPT_NAME},
		{"group", required_argument, 0, OPT_GROUP},
		{"unit", required_argument, 0, OPT_UNIT},
		{"note", required_argument, 0, OPT_NOTE},
		{0, 0, 0, 0},
	};
	const char *key = NULL, *name = NULL, *group = NULL, *unit = NULL, *note = NULL;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_KEY: key = optarg; break;
		case OPT_NAME: name = optarg; break;
		case OPT_GROUP: group = optarg; break;
		case OPT_UNIT: unit = optarg; break;
		case OPT_NOTE: note = optarg; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!key || !name || !group)
		return cli_usage(c, _("--key, --name and --group are required"));
	if (cli_identify(c) != 0)
		return c->status;
	if (stats_metric_add(c->st, &c->who, key, name, group, unit, note, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

int cmd_stats_metric_list(struct cli *c, int argc, char **argv)
{
	static const char *const header[] = {"key", "name", "group", "unit", "seq", "note"};
	enum cli_format fmt = FMT_TEXT;
	struct stats_metric *v;
	struct table *t = NULL;
	struct dd_err err;
	int n;

	if (cli_only_format(c, argc, argv, &fmt) != 0)
		return 2;
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c) != 0)
		return c->status;
	if (stats_metrics(c->st, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, header, 6);
	} else {
		const char *h[] = {_("KEY"), _("METRIC"), _("UNIT"), _("REPORTED BY")};
		t = table_new(4, h);
	}
	for (int i = 0; i < n; i++) {
		char seq[24];
		snprintf(seq, sizeof seq, "%d", v[i].seq);
		if (fmt == FMT_CSV) {
			const char *cells[] = {v[i].key, v[i].name, v[i].group, v[i].unit, seq,
					       v[i].note};
			csvio_write_row(stdout, cells, 6);
		} else {
			const char *cells[] = {v[i].key, v[i].name, v[i].unit, v[i].group};
			table_row(t, cells);
		}
	}
	table_print_free(t, stdout);
	stats_metrics_free(v, n);
	return 0;
}
