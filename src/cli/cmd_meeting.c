/* cmd_meeting.c — meeting add, decision, list, show (联席会议, 情况通报会).
 * `meeting decide` makes a decision a task: it is in cmd_task.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "domain/meeting.h"

enum {
	OPT_KIND = 256, OPT_AT, OPT_ATTENDEES, OPT_TITLE,
};

int cmd_meeting_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"kind", required_argument, 0, OPT_KIND},
		{"at", required_argument, 0, OPT_AT},
		{"attendees", required_argument, 0, OPT_ATTENDEES},
		{"title", required_argument, 0, OPT_TITLE},
		{0, 0, 0, 0},
	};
	enum meeting_kind kind = MEETING_KIND_COUNT;
	const char *attendees = NULL, *title = NULL;
	dd_time at = 0;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_KIND:
			if (meeting_kind_parse(optarg, &kind, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_AT:
			if (ddtime_parse(optarg, &at, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_ATTENDEES: attendees = optarg; break;
		case OPT_TITLE: title = optarg; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (kind == MEETING_KIND_COUNT || !attendees || !title)
		return cli_usage(c, _("--kind, --attendees and --title are required"));
	if (!at)
		at = ddtime_now();
	if (cli_identify(c) != 0)
		return c->status;
	if (meeting_add(c->st, &c->who, kind, at, title, attendees, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

int cmd_meeting_decision(struct cli *c, int argc, char **argv)
{
	const char *text;
	struct dd_err err;
	long long id;
	int seq;

	if (cli_id_text(c, argc, argv, "text", _("give one meeting id"), _("--text is required"),
			&id, &text) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if (meeting_add_decision(c->st, &c->who, id, text, &seq, &err) < 0)
		return cli_fail(&err);
	printf("%d\n", seq);
	return 0;
}

int cmd_meeting_list(struct cli *c, int argc, char **argv)
{
	static const char *const header[] = {"id", "kind", "held_at", "title", "attendees",
					     "decisions", "recorded_by"};
	enum cli_format fmt = FMT_TEXT;
	struct meeting *v;
	struct table *t = NULL;
	struct dd_err err;
	int n;

	if (cli_only_format(c, argc, argv, &fmt) != 0)
		return 2;
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c) != 0)
		return c->status;
	if (meeting_list(c->st, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, header, 7);
	} else {
		const char *h[] = {_("ID"), _("HELD"), _("KIND"), _("DECISIONS"), _("TITLE"),
				   _("ATTENDEES")};
		t = table_new(6, h);
	}
	for (int i = 0; i < n; i++) {
		char id[24], held[DDTIME_BUFSZ], dec[24];
		snprintf(id, sizeof id, "%lld", v[i].id);
		snprintf(dec, sizeof dec, "%d", v[i].ndecisions);
		if (fmt == FMT_CSV) {
			const char *cells[] = {id, meeting_kind_name(v[i].kind),
					       ddtime_format(v[i].held_at, DDTIME_ISO, held),
					       v[i].title, v[i].attendees, dec, v[i].recorded_by};
			csvio_write_row(stdout, cells, 7);
		} else {
			const char *cells[] = {id, ddtime_format(v[i].held_at, DDTIME_MINUTE, held),
					       meeting_kind_word(v[i].kind), dec, v[i].title,
					       v[i].attendees};
			table_row(t, cells);
		}
	}
	table_print_free(t, stdout);
	meetings_free(v, n);
	return 0;
}

int cmd_meeting_show(struct cli *c, int argc, char **argv)
{
	struct meeting m;
	struct dd_err err;
	char when[DDTIME_BUFSZ], rec[DDTIME_BUFSZ];
	long long id;

	if (cli_one_id(c, argc, argv, 1, _("give one meeting id"), &id) != 0)
		return 2;
	if (cli_open_existing(c) != 0)
		return c->status;
	if (meeting_get(c->st, id, &m, &err) < 0)
		return cli_fail(&err);
	printf(_("Meeting #%lld  %s  %s\n"), m.id, meeting_kind_word(m.kind), m.title);
	printf(_("Held:      %s\n"), ddtime_format(m.held_at, DDTIME_MINUTE, when));
	printf(_("Attendees: %s (%d)\n"), m.attendees, m.nattendees);
	printf(_("Recorded:  %s by %s\n\n"), ddtime_format(m.recorded_at, DDTIME_MINUTE, rec),
	       m.recorded_by);
	if (m.ndecisions == 0) {
		printf(_("No decisions recorded yet (`dutydesk meeting decision %lld --text "
			 "TEXT`).\n"), m.id);
	} else {
		const char *h[] = {_("NO."), _("TASKS"), _("DECISION")};
		struct table *t = table_new(3, h);
		for (int i = 0; i < m.ndecisions; i++) {
			char seq[24];
			snprintf(seq, sizeof seq, "%d", m.decisions[i].seq);
			const char *cells[] = {seq, *m.decisions[i].tasks ? m.decisions[i].tasks
									  : _("(no task yet)"),
					       m.decisions[i].text};
			table_row(t, cells);
		}
		table_print_free(t, stdout);
	}
	meeting_clear(&m);
	return 0;
}
