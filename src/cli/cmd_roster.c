/* cmd_roster.c — roster, roster replace, roster history, person add.  The
 * task force's roster also shows its zones and checkpoints. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "base/text.h"
#include "domain/zone.h"

static const char *const title_words[] = {"leader", "deputy", "member", "director",
					  "deputy_director"};

/* The last two columns came later: the group a group is under, and the
 * section of the notice it is in. */
static const char *const csv_header[] = {"group", "group_kind", "counterpart", "item", "seq",
					 "name", "phones", "text", "parent", "section"};
#define CSV_COLS ((int)(sizeof csv_header / sizeof csv_header[0]))

static void csv_item(const struct roster *r, const struct roster_group *g,
		     const char *counterpart, const char *item, int seq, const char *name,
		     const char *phones, const char *text)
{
	const struct roster_group *parent = roster_group(r, g->parent_id);
	char s[16];
	snprintf(s, sizeof s, "%d", seq);
	const char *cells[] = {g->name, roster_kind_name(g->kind), counterpart, item, s,
			       name, phones, text, parent ? parent->name : "", g->section};
	csvio_write_row(stdout, cells, CSV_COLS);
}

/* A group's rows: its heading as the notice writes it, its other names, its
 * leads, units and duties, its note and its succession sentence. */
static void csv_group(const struct roster *r, const struct roster_group *g)
{
	const struct roster_group *cp = roster_group(r, g->counterpart_id);
	const char *counterpart = cp ? cp->name : "";
	int seq[5] = {0};

	csv_item(r, g, counterpart, "heading", 1, roster_heading(g), "", "");
	for (int i = 0; i < g->naliases; i++)
		csv_item(r, g, counterpart, "alias", i + 1, g->aliases[i], "", "");

	for (int i = 0; i < g->nholders; i++) {
		const struct roster_holder *h = &g->holders[i];
		csv_item(r, g, counterpart, title_words[h->title], ++seq[h->title], h->name,
			 h->phones, h->person_id ? "" : h->name);
	}
	for (int i = 0; i < g->nmembers; i++)
		csv_item(r, g, counterpart, "unit", i + 1, g->members[i], "", "");
	for (int i = 0; i < g->nduties; i++)
		csv_item(r, g, counterpart, g->duties[i].outbreak ? "outbreak_duty" : "duty",
			 g->duties[i].seq, "", "", g->duties[i].text);
	if (*g->note)
		csv_item(r, g, counterpart, "note", 1, "", "", g->note);
	if (*g->succession)
		csv_item(r, g, counterpart, "succession", 1, "", "", g->succession);
}

/* "徐航锋 (no phone)  张宝庭 (no phone)" */
static void print_holders(const struct roster_group *g, enum post_title title, const char *ind)
{
	int any = 0;
	for (int i = 0; i < g->nholders; i++) {
		const struct roster_holder *h = &g->holders[i];
		if (h->title != title)
			continue;
		if (!any) {
			char *label = text_fit(roster_title_label(title), 16);
			printf("%s  %s", ind, label);
			free(label);
		}
		printf("%s%s", any ? "  " : "", h->name);
		if (h->person_id && !h->has_phone)
			printf(" %s", _("(no phone)"));
		else if (h->person_id)
			printf(" ☎ %s", h->phones);
		any = 1;
	}
	if (any)
		putchar('\n');
}

struct wrapped {
	int first;
	const char *ind;
};

static void print_wrapped_line(const char *piece, void *ctx)
{
	struct wrapped *w = ctx;
	printf("%s%s%s\n", w->first ? "" : w->ind, w->first ? "" : "       ", piece);
	w->first = 0;
}

/* A group as the notice writes it: the section's heading before the first
 * group of a section; the heading, with the notice's numbering and other
 * names; leads, units and duties; the note (for a group with sub-groups,
 * the sentence that introduces them, which come next); the succession
 * sentence after the last group it covers.  The notice's own sentences are
 * one line each, as written.  Sub-groups (and the office) are indented. */
static void text_group(const struct roster *r, int k)
{
	const struct roster_group *g = &r->groups[r->order[k]];
	const struct roster_group *cp = roster_group(r, g->counterpart_id);
	const char *ind = g->depth ? "  " : "";
	/* A blank line ends the block of a group and the groups under it. */
	int ends = k + 1 >= r->ngroups || r->groups[r->order[k + 1]].depth == 0;

	if (g->opens_section)
		printf("%s\n\n", g->section);
	if (g->kind == GRP_TASKFORCE && cp)
		printf("%s  ← %s\n", roster_heading(g), cp->name);
	else
		printf("%s%s\n", ind, roster_heading(g));
	for (enum post_title t = POST_LEADER; t <= POST_DEPUTY_DIRECTOR; t++)
		print_holders(g, t, ind);
	if (g->nmembers) {
		char *label = text_fit(_("Units"), 16);
		printf("%s  %s", ind, label);
		free(label);
		for (int i = 0; i < g->nmembers; i++)
			printf("%s%s", i ? "、" : "", g->members[i]);
		putchar('\n');
	}
	for (int i = 0; i < g->nduties; i++) {
		char head[32];
		struct wrapped w = {1, ind};
		if (g->duties[i].outbreak)
			snprintf(head, sizeof head, "  %s ", _("Outbreak:"));
		else
			snprintf(head, sizeof head, "  %3d. ", g->duties[i].seq);
		printf("%s%s", ind, head);
		text_wrap(g->duties[i].text, 70, print_wrapped_line, &w);
	}
	if (*g->note)
		printf("%s  %s\n", ind, g->note);
	if (g->closes_succession)
		printf("%s\n", g->succession);
	if (ends)
		putchar('\n');
}

/* A row of the task force's places in the roster's CSV: no group, the item
 * ("zone", "checkpoint"), the place as its name, the rest as text. */
static void csv_place(const char *item, int seq, const char *place, const char *text)
{
	char s[16];
	snprintf(s, sizeof s, "%d", seq);
	const char *cells[] = {"", "", "", item, s, place, "", text, "", ""};
	csvio_write_row(stdout, cells, CSV_COLS);
}

/* The task force's places: the zones in force in the outbreak and the
 * checkpoints in place (zone.h). */
static int taskforce_places(struct cli *c, enum cli_format fmt, struct dd_err *err)
{
	struct zone_change *z = NULL;
	struct zone_checkpoint *k = NULL;
	long long outbreak = 0;
	int nz = 0, nk = 0, active = 0, rc = 0;
	dd_time now = ddtime_now();

	if (zone_outbreak(c->st, &outbreak, &active, err) < 0 ||
	    (active && zone_current(c->st, outbreak, now, &z, &nz, err) < 0) ||
	    zone_checkpoint_list(c->st, 0, now, &k, &nk, err) < 0)
		rc = -1;
	for (int i = 0; rc == 0 && i < nz; i++) {
		char since[DDTIME_BUFSZ], text[1024];
		if (fmt == FMT_CSV) {
			snprintf(text, sizeof text, "%s; %s; %s", zone_level_name(z[i].level),
				 ddtime_format(z[i].effective_at, DDTIME_ISO, since), z[i].source);
			csv_place("zone", i + 1, z[i].place, text);
			continue;
		}
		if (i == 0)
			printf(_("Zones in force (outbreak of positive case #%lld):\n"), outbreak);
		printf("  %s  %s  %s %s  %s\n", z[i].place, zone_level_word(z[i].level), _("since"),
		       ddtime_format(z[i].effective_at, DDTIME_SHORT, since), z[i].source);
	}
	if (rc == 0 && fmt == FMT_TEXT && nz == 0)
		printf(active ? _("Zones in force: none yet (dutydesk zone set)\n")
			      : _("Zones in force: none (the task force is not active)\n"));
	for (int i = 0; rc == 0 && i < nk; i++) {
		char text[1024], zone[512];
		if (!*k[i].zone)
			snprintf(zone, sizeof zone, "%s", _("town perimeter (市镇外围)"));
		else if (k[i].level != ZONE_NONE)
			snprintf(zone, sizeof zone, "%s %s", k[i].zone,
				 zone_level_word(k[i].level));
		else
			snprintf(zone, sizeof zone, "%s", k[i].zone);
		snprintf(text, sizeof text, fmt == FMT_CSV ? "%s; %s; %s" : "%s  %s  %s", zone,
			 k[i].hours, k[i].staff);
		if (fmt == FMT_CSV) {
			csv_place("checkpoint", (int)k[i].id, k[i].place, text);
			continue;
		}
		if (i == 0)
			printf(_("\nCheckpoints in place (卡点):\n"));
		printf("  #%lld %s  %s\n", k[i].id, k[i].place, text);
	}
	if (rc == 0 && fmt == FMT_TEXT && nk == 0)
		printf(_("\nCheckpoints in place (卡点): none\n"));
	zone_changes_free(z, nz);
	zone_checkpoints_free(k, nk);
	return rc;
}

int cmd_roster(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"taskforce", no_argument, 0, 't'},
		{"format", required_argument, 0, 'f'},
		{"at", required_argument, 0, 'a'},
		{0, 0, 0, 0},
	};
	enum cli_format fmt = FMT_TEXT;
	struct roster *r;
	struct dd_err err;
	dd_time at = 0;
	int taskforce = 0, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 't')
			taskforce = 1;
		else if (o == 'f') {
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
		} else if (o == 'a') {
			if (ddtime_parse(optarg, &at, &err) < 0)
				return cli_usage(c, "%s", err.msg);
		} else
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c) != 0)
		return c->status;
	if (roster_load(c->st, at, &r, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV)
		csvio_write_row(stdout, csv_header, CSV_COLS);
	else if (taskforce)
		printf(_("疫情处置专班 — the task force: each group corresponds to a standing group,\n"
			 "is led by its leaders and takes on its outbreak duties.\n\n"));
	for (int k = 0; k < r->ngroups; k++) {
		const struct roster_group *g = &r->groups[r->order[k]];
		if ((g->kind == GRP_TASKFORCE) != taskforce)
			continue;
		if (fmt == FMT_CSV)
			csv_group(r, g);
		else
			text_group(r, k);
	}
	roster_free(r);
	if (taskforce && taskforce_places(c, fmt, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cmd_roster_replace(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, 0, 'a'},
		{"reason", required_argument, 0, 'r'},
		{0, 0, 0, 0},
	};
	const char *reason = NULL;
	struct dd_err err;
	dd_time at = 0;
	int moved = 0, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'a') {
			if (ddtime_parse(optarg, &at, &err) < 0)
				return cli_usage(c, "%s", err.msg);
		} else if (o == 'r')
			reason = optarg;
		else
			return cli_bad_option(c);
	}
	if (optind != argc - 2)
		return cli_usage(c, _("give the person leaving and the successor"));
	if (cli_identify(c) != 0)
		return c->status;
	if (roster_succeed(c->st, &c->who, argv[optind], argv[optind + 1], at, reason, &moved,
			   &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: %s takes over %d post(s) from %s\n"), argv[optind + 1], moved,
		argv[optind]);
	return 0;
}

int cmd_roster_history(struct cli *c, int argc, char **argv)
{
	struct roster *r;
	struct dd_err err;
	long long gid;
	struct table *t;
	const struct roster_group *g;

	if (argc != 2)
		return cli_usage(c, _("give one group"));
	if (cli_open(c) != 0)
		return c->status;
	if (roster_find_group(c->st, argv[1], &gid, &err) < 0 ||
	    roster_load(c->st, 0, &r, &err) < 0)
		return cli_fail(&err);
	g = roster_group(r, gid);
	{
		const char *h[] = {_("POST"), _("FROM"), _("UNTIL"), _("HOLDER")};
		t = table_new(4, h);
	}
	for (int i = 0; g && i < g->nholders; i++) {
		struct roster_tenure *ten;
		int n;
		if (g->kind == GRP_TASKFORCE)
			break; /* its leads are its counterpart's: see that group */
		if (roster_post_history(c->st, g->holders[i].post_id, &ten, &n, &err) < 0) {
			table_free(t);
			roster_free(r);
			return cli_fail(&err);
		}
		for (int k = 0; k < n; k++) {
			char from[DDTIME_BUFSZ], until[DDTIME_BUFSZ];
			const char *cells[] = {roster_title_label(g->holders[i].title),
					       ddtime_format(ten[k].since, DDTIME_MINUTE, from),
					       ten[k].until ? ddtime_format(ten[k].until,
									    DDTIME_MINUTE, until)
							    : _("now"),
					       ten[k].name};
			table_row(t, cells);
		}
		roster_tenures_free(ten, n);
	}
	printf("%s\n", g ? g->name : argv[1]);
	table_print_free(t, stdout);
	roster_free(r);
	return 0;
}

int cmd_person_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"unit", required_argument, 0, 'u'},
		{"access", required_argument, 0, 'a'},
		{0, 0, 0, 0},
	};
	const char *unit = NULL;
	enum access access = ACCESS_OPERATOR;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'u')
			unit = optarg;
		else if (o == 'a') {
			if (person_access_parse(optarg, &access) < 0)
				return cli_usage(c, _("--access is operator, supervisor or admin"));
		} else
			return cli_bad_option(c);
	}
	if (optind != argc - 1)
		return cli_usage(c, _("give one name"));
	if (cli_identify(c) != 0)
		return c->status;
	if (person_add(c->st, &c->who, argv[optind], unit, access, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}
