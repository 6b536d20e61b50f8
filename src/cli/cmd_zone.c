/* cmd_zone.c — zone set, zone list; checkpoint add, list, close (封控区,
 * 管控区, 防范区, 卡点). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "domain/zone.h"

enum {
	OPT_SOURCE = 256, OPT_AT, OPT_FORMAT, OPT_ALL, OPT_PLACE, OPT_ZONE, OPT_STAFF, OPT_HOURS,
	OPT_NEW_PLACE,
};

int cmd_zone_set(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, 0, OPT_SOURCE},
		{"at", required_argument, 0, OPT_AT},
		{"new-place", no_argument, 0, OPT_NEW_PLACE},
		{0, 0, 0, 0},
	};
	const char *source = NULL;
	struct zone_set_result r;
	enum zone_level level;
	struct dd_err err;
	unsigned flags = 0;
	dd_time at = 0;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_SOURCE)
			source = optarg;
		else if (o == OPT_NEW_PLACE)
			flags |= ZONE_NEW_PLACE;
		else if (o == OPT_AT && ddtime_parse(optarg, &at, &err) < 0)
			return cli_usage(c, "%s", err.msg);
		else if (o != OPT_AT)
			return cli_bad_option(c);
	}
	if (optind != argc - 2)
		return cli_usage(c, _("give the place and its zone: closed, controlled, precaution "
				      "or none"));
	if (zone_level_parse(argv[optind + 1], &level, &err) < 0)
		return cli_usage(c, "%s", err.msg);
	if (!source)
		return cli_usage(c, _("--source is required: whose assessment "
				      "(根据市专家组研判)?"));
	if (cli_identify(c) != 0)
		return c->status;
	if (zone_set_flags(c->st, &c->who, argv[optind], level, source, at, flags, &r, &err) < 0)
		return err.about == DD_ABOUT_PLACE
			? cli_fail_hint(&err, _("give --new-place if it is a new one"))
			: cli_fail(&err);
	if (r.place_added)
		fprintf(stderr, _("dutydesk: %s was not on the roster: added as a village or "
				  "community (村社)\n"), argv[optind]);
	fprintf(stderr, _("dutydesk: %s: %s → %s, on the timeline of positive case #%lld\n"),
		argv[optind], zone_level_word(r.previous), zone_level_word(level), r.outbreak);
	return 0;
}

static void print_zones_csv(const struct zone_change *h, int nh, const struct zone_change *cur,
			    int ncur)
{
	static const char *const header[] = {"id", "outbreak", "place", "zone", "previous",
					     "effective_at", "source", "recorded_at", "recorded_by",
					     "in_force"};
	csvio_write_row(stdout, header, 10);
	for (int i = 0; i < nh; i++) {
		char id[24], ob[24], eff[DDTIME_BUFSZ], rec[DDTIME_BUFSZ];
		int in_force = 0;
		for (int k = 0; k < ncur; k++)
			in_force |= cur[k].id == h[i].id;
		snprintf(id, sizeof id, "%lld", h[i].id);
		snprintf(ob, sizeof ob, "%lld", h[i].outbreak);
		const char *cells[] = {
			id, ob, h[i].place, zone_level_name(h[i].level),
			zone_level_name(h[i].previous),
			ddtime_format(h[i].effective_at, DDTIME_ISO, eff), h[i].source,
			ddtime_format(h[i].recorded_at, DDTIME_ISO, rec), h[i].by,
			in_force ? "1" : "0"};
		csvio_write_row(stdout, cells, 10);
	}
}

static void print_zones_text(long long outbreak, int active, const struct zone_change *h,
			     int nh, const struct zone_change *cur, int ncur)
{
	if (!outbreak) {
		printf(_("No outbreak yet: zones are set in task-force mode.\n"));
		return;
	}
	if (active)
		printf(_("Outbreak of positive case #%lld: task force active.\n"), outbreak);
	else
		printf(_("The task force stood down; the last outbreak was positive case "
			 "#%lld.\n"), outbreak);
	printf(active ? _("\nIn force:\n") : _("\nAs last classified in that outbreak:\n"));
	if (!ncur) {
		printf(_("  no place is classified\n"));
	} else {
		const char *hd[] = {_("PLACE"), _("ZONE"), _("SINCE"), _("SOURCE")};
		struct table *t = table_new(4, hd);
		for (int i = 0; i < ncur; i++) {
			char since[DDTIME_BUFSZ];
			const char *cells[] = {
				cur[i].place, zone_level_word(cur[i].level),
				ddtime_format(cur[i].effective_at, DDTIME_SHORT, since),
				cur[i].source};
			table_row(t, cells);
		}
		table_print_free(t, stdout);
	}
	printf(_("\nHistory:\n"));
	{
		const char *hd[] = {_("EFFECTIVE"), _("PLACE"), _("CHANGE"), _("BY"), _("SOURCE")};
		struct table *t = table_new(5, hd);
		for (int i = 0; i < nh; i++) {
			char eff[DDTIME_BUFSZ], change[96];
			snprintf(change, sizeof change, "%s → %s", zone_level_word(h[i].previous),
				 zone_level_word(h[i].level));
			const char *cells[] = {ddtime_format(h[i].effective_at, DDTIME_MINUTE, eff),
					       h[i].place, change, h[i].by, h[i].source};
			table_row(t, cells);
		}
		table_print_free(t, stdout);
	}
}

/* [--format text|csv] [--all], the options of the lists. */
static int parse_list(struct cli *c, int argc, char **argv, enum cli_format *fmt, int *all)
{
	static const struct option opts[] = {
		{"format", required_argument, 0, OPT_FORMAT},
		{"all", no_argument, 0, OPT_ALL},
		{0, 0, 0, 0},
	};
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_ALL)
			*all = 1;
		else if (o != OPT_FORMAT)
			return cli_bad_option(c);
		else if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, fmt) != 0)
			return 2;
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	return 0;
}

int cmd_zone_list(struct cli *c, int argc, char **argv)
{
	enum cli_format fmt = FMT_TEXT;
	struct zone_change *h = NULL, *cur = NULL;
	struct dd_err err;
	long long outbreak = 0;
	int nh = 0, ncur = 0, active = 0, all = 0, rc = 0;

	if (parse_list(c, argc, argv, &fmt, &all) != 0)
		return 2;
	if (cli_open(c) != 0)
		return c->status;
	if (zone_outbreak(c->st, &outbreak, &active, &err) < 0 ||
	    (outbreak && zone_current(c->st, outbreak, ddtime_now(), &cur, &ncur, &err) < 0) ||
	    ((outbreak || all) && zone_history(c->st, all ? 0 : outbreak, &h, &nh, &err) < 0))
		rc = cli_fail(&err);
	else if (fmt == FMT_CSV)
		print_zones_csv(h, nh, cur, ncur);
	else
		print_zones_text(outbreak, active, h, nh, cur, ncur);
	zone_changes_free(h, nh);
	zone_changes_free(cur, ncur);
	return rc;
}

int cmd_checkpoint_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"place", required_argument, 0, OPT_PLACE},
		{"zone", required_argument, 0, OPT_ZONE},
		{"staff", required_argument, 0, OPT_STAFF},
		{"hours", required_argument, 0, OPT_HOURS},
		{0, 0, 0, 0},
	};
	const char *place = NULL, *zone = NULL, *staff = NULL, *hours = NULL;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_PLACE: place = optarg; break;
		case OPT_ZONE: zone = optarg; break;
		case OPT_STAFF: staff = optarg; break;
		case OPT_HOURS: hours = optarg; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!place || !staff || !hours)
		return cli_usage(c, _("--place, --staff and --hours are required"));
	if (cli_identify(c) != 0)
		return c->status;
	if (zone_checkpoint_add(c->st, &c->who, place, zone, staff, hours, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

static void checkpoint_row(struct table *t, const struct zone_checkpoint *k, enum cli_format fmt)
{
	char id[24], since[DDTIME_BUFSZ], closed[DDTIME_BUFSZ] = "", zone[256];

	snprintf(id, sizeof id, "%lld", k->id);
	if (k->closed_at)
		ddtime_format(k->closed_at, fmt == FMT_CSV ? DDTIME_ISO : DDTIME_SHORT, closed);
	if (fmt == FMT_CSV) {
		const char *cells[] = {id, k->place, k->zone, zone_level_name(k->level), k->staff,
				       k->hours, ddtime_format(k->opened_at, DDTIME_ISO, since),
				       k->by, closed, k->closed_reason};
		csvio_write_row(stdout, cells, 10);
		return;
	}
	if (!*k->zone)
		snprintf(zone, sizeof zone, "%s", _("town perimeter (市镇外围)"));
	else if (k->level != ZONE_NONE)
		snprintf(zone, sizeof zone, "%s (%s)", k->zone, zone_level_word(k->level));
	else
		snprintf(zone, sizeof zone, "%s", k->zone);
	{
		char status[160];
		if (k->closed_at)
			snprintf(status, sizeof status, _("stood down %s: %s"), closed,
				 k->closed_reason);
		else
			snprintf(status, sizeof status, _("since %s"),
				 ddtime_format(k->opened_at, DDTIME_SHORT, since));
		const char *cells[] = {id, k->place, zone, k->hours, status, k->staff};
		table_row(t, cells);
	}
}

int cmd_checkpoint_list(struct cli *c, int argc, char **argv)
{
	static const char *const header[] = {"id", "place", "zone", "zone_level", "staff",
					     "hours", "opened_at", "recorded_by", "closed_at",
					     "closed_reason"};
	enum cli_format fmt = FMT_TEXT;
	struct zone_checkpoint *v;
	struct table *t = NULL;
	struct dd_err err;
	int n, all = 0;

	if (parse_list(c, argc, argv, &fmt, &all) != 0)
		return 2;
	if (cli_open(c) != 0)
		return c->status;
	if (zone_checkpoint_list(c->st, all, ddtime_now(), &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, header, 10);
	} else {
		const char *h[] = {_("ID"), _("CHECKPOINT"), _("ZONE"), _("HOURS"), _("STATUS"),
				   _("STAFF ON POST")};
		t = table_new(6, h);
	}
	for (int i = 0; i < n; i++)
		checkpoint_row(t, &v[i], fmt);
	table_print_free(t, stdout);
	zone_checkpoints_free(v, n);
	return 0;
}

int cmd_checkpoint_close(struct cli *c, int argc, char **argv)
{
	const char *reason;
	struct dd_err err;
	long long id;

	if (cli_id_text(c, argc, argv, "reason", _("give one checkpoint id"),
			_("--reason is required"), &id, &reason) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	return zone_checkpoint_close(c->st, &c->who, id, reason, &err) < 0 ? cli_fail(&err) : 0;
}
