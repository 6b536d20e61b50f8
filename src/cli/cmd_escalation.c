/* cmd_escalation.c — contacts, escalations, escalation done|continue|final. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "desk/chase.h"
#include "domain/escalation.h"
#include "domain/escalation_chase.h"
#include "base/i18n.h"

/* The outcomes of attempts as shown (enum esc_outcome). */
static const char *const outcome_labels[] = {N_("answered"), N_("no answer"), N_("busy"),
					     N_("wrong number"), N_("message sent")};

/* After an act on escalations: the chase and the cadence, so that what the
 * act left overdue is chased at once.  Its failure does not undo the act. */
static void run_chase(struct cli *c)
{
	struct chase_counts n;
	struct dd_err err;

	if (chase_run(c->st, ddtime_now(), &n, &err) < 0)
		fprintf(stderr, _("dutydesk: the act is recorded, but chasing the overdue failed: "
				  "%s\n"), err.msg);
	else if (n.chased || n.continuations)
		fprintf(stderr, _("dutydesk: %d overdue notification(s) chased, %d message(s) "
				  "queued, %d continuation round(s) opened\n"), n.chased, n.queued,
			n.continuations);
}

/* The chases standing (or all), after the notifications. */
static void print_chases(struct cli *c, int open, int drill)
{
	struct esc_chase *v;
	struct dd_err err;
	struct table *t;
	int n;
	dd_time now = ddtime_now();
	const char *h[] = {_("CHASE"), _("OF"), _("ENTRY"), _("STEP"), _("WHOM"), _("DUE"),
			   _("STATUS")};

	if (esc_chase_list(c->st, open, drill, &v, &n, &err) < 0 || n == 0) {
		if (n == 0)
			esc_chases_free(v, n);
		return;
	}
	printf(_("\nChases of overdue notifications (催报):\n"));
	t = table_new(7, h);
	for (int i = 0; i < n; i++) {
		char id[24], of[24], entry[24], step[24], whom[512], due[DDTIME_BUFSZ],
			status[96], left[DDTIME_BUFSZ];
		snprintf(id, sizeof id, "%lld", v[i].id);
		snprintf(of, sizeof of, "#%lld", v[i].notification_id);
		snprintf(entry, sizeof entry, "%lld", v[i].entry_id);
		snprintf(step, sizeof step, "%d", v[i].step);
		snprintf(whom, sizeof whom, "%s %s",
			 *v[i].recipient ? v[i].recipient : _("(nobody on the roster)"),
			 *v[i].number ? v[i].number : _("(no number)"));
		if (v[i].done)
			snprintf(status, sizeof status, "%s", _("ended: the report is made"));
		else if (v[i].due_at < now)
			snprintf(status, sizeof status, _("OVERDUE by %s"),
				 ddtime_duration(now - v[i].due_at, left));
		else
			snprintf(status, sizeof status, _("due in %s"),
				 ddtime_duration(v[i].due_at - now, left));
		const char *cells[] = {id, of, entry, step, whom,
				       ddtime_format(v[i].due_at, DDTIME_SHORT, due), status};
		table_row(t, cells);
	}
	table_print_free(t, stdout);
	esc_chases_free(v, n);
}

static int parse_format(struct cli *c, int argc, char **argv, enum cli_format *fmt, int *open,
			int *drill)
{
	static const struct option opts[] = {
		{"format", required_argument, 0, 'f'},
		{"open", no_argument, 0, 'o'},
		{"drill", no_argument, 0, 'd'},
		{0, 0, 0, 0},
	};
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f') {
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, fmt) != 0)
				return 2;
		} else if (o == 'o' && open) {
			*open = 1;
		} else if (o == 'd' && drill) {
			*drill = 1;
		} else {
			return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	return 0;
}

int cmd_contacts(struct cli *c, int argc, char **argv)
{
	static const char *const csv_header[] = {"name", "org", "level", "role", "numbers",
						 "people", "note"};
	enum cli_format fmt = FMT_TEXT;
	struct esc_contact *v;
	struct dd_err err;
	int n, rc;

	if ((rc = parse_format(c, argc, argv, &fmt, NULL, NULL)) != 0)
		return rc;
	if (cli_open(c) != 0)
		return c->status;
	if (escalation_contacts(c->st, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, csv_header, 7);
		for (int i = 0; i < n; i++) {
			const char *cells[] = {v[i].name, v[i].org, v[i].level, v[i].role,
					       v[i].numbers, v[i].people, v[i].note};
			csvio_write_row(stdout, cells, 7);
		}
	} else {
		const char *h[] = {_("LEVEL"), _("CONTACT"), _("WHO"), _("NUMBERS")};
		struct table *t = table_new(4, h);
		for (int i = 0; i < n; i++) {
			const char *cells[] = {_(v[i].level), v[i].name, v[i].people,
					       *v[i].numbers ? v[i].numbers
							     : _("(no number on file)")};
			table_row(t, cells);
		}
		table_print_free(t, stdout);
	}
	esc_contacts_free(v, n);
	return 0;
}

int cmd_escalations(struct cli *c, int argc, char **argv)
{
	static const char *const csv_header[] = {
		"id", "entry_id", "kind", "summary", "contact", "level", "numbers", "stage",
		"channel", "required", "opened_at", "due_at", "done_at", "done_by", "answered_by",
		"note", "status", "attempts", "last_outcome"};
	enum cli_format fmt = FMT_TEXT;
	struct esc_notification *v;
	struct dd_err err;
	dd_time now = ddtime_now();
	int open = 0, drill = 0, n, rc;
	struct table *t = NULL;

	if ((rc = parse_format(c, argc, argv, &fmt, &open, &drill)) != 0)
		return rc;
	if (cli_open(c) != 0)
		return c->status;
	if (escalation_list(c->st, open ? ESC_OPEN : ESC_ALL, drill, 0, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, csv_header, 19);
	} else {
		const char *h[] = {_("ID"), _("ENTRY"), _("STAGE"), _("CONTACT"), _("DUE"),
				   _("STATUS"), _("ATTEMPTS"), _("NUMBERS")};
		t = table_new(8, h);
	}
	for (int i = 0; i < n; i++) {
		char id[24], entry[24], stage[64], opened[DDTIME_BUFSZ], due[DDTIME_BUFSZ],
			done[DDTIME_BUFSZ] = "", status[96], tries[64];
		const char *st = v[i].done_at ? "done" : v[i].due_at < now ? "overdue" : "open";
		snprintf(id, sizeof id, "%lld", v[i].id);
		snprintf(entry, sizeof entry, "%lld", v[i].entry_id);
		escalation_stage_label(v[i].stage, v[i].round, stage, sizeof stage);
		snprintf(tries, sizeof tries, "%d", v[i].attempts);
		if (fmt == FMT_CSV) {
			const char *cells[] = {
				id, entry, v[i].kind, v[i].summary, v[i].contact, v[i].level,
				v[i].numbers, stage, v[i].channel, v[i].required ? "1" : "0",
				ddtime_format(v[i].opened_at, DDTIME_ISO, opened),
				ddtime_format(v[i].due_at, DDTIME_ISO, due),
				v[i].done_at ? ddtime_format(v[i].done_at, DDTIME_ISO, done) : "",
				v[i].done_by, v[i].answered_by, v[i].note, st, tries,
				v[i].last_outcome};
			csvio_write_row(stdout, cells, 19);
			continue;
		}
		if (v[i].done_at) {
			char when[DDTIME_BUFSZ];
			snprintf(status, sizeof status, _("done %s (%s)"),
				 ddtime_format(v[i].done_at, DDTIME_SHORT, when), v[i].answered_by);
		} else if (v[i].due_at < now) {
			char late[DDTIME_BUFSZ];
			snprintf(status, sizeof status, _("OVERDUE by %s"),
				 ddtime_duration(now - v[i].due_at, late));
		} else {
			char left[DDTIME_BUFSZ];
			snprintf(status, sizeof status, _("due in %s"),
				 ddtime_duration(v[i].due_at - now, left));
		}
		{
			char what[128];
			snprintf(what, sizeof what, "%s %s", stage,
				 strcmp(v[i].channel, "written") == 0 ? _("(written)")
								      : _("(phone)"));
			char tried[96];
			if (v[i].attempts)
				snprintf(tried, sizeof tried, "%d, %s", v[i].attempts,
					 escalation_outcome_parse(v[i].last_outcome) >= 0
					 ? _(outcome_labels[escalation_outcome_parse(
						   v[i].last_outcome)])
					 : v[i].last_outcome);
			else
				snprintf(tried, sizeof tried, "-");
			const char *cells[] = {id, entry, what, v[i].contact,
					       ddtime_format(v[i].due_at, DDTIME_SHORT, due), status,
					       tried,
					       *v[i].numbers ? v[i].numbers : _("(no number)")};
			table_row(t, cells);
		}
	}
	table_print_free(t, stdout);
	esc_notifications_free(v, n);
	if (fmt == FMT_TEXT)
		print_chases(c, open, drill);
	return 0;
}

int cmd_escalation_done(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"answered-by", required_argument, 0, 'a'},
		{"note", required_argument, 0, 'n'},
		{0, 0, 0, 0},
	};
	const char *answered = NULL, *note = NULL;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'a')
			answered = optarg;
		else if (o == 'n')
			note = optarg;
		else
			return cli_bad_option(c);
	}
	if (optind != argc - 1)
		return cli_usage(c, _("give one escalation id"));
	if (cli_id(c, argv[optind], &id) != 0)
		return 2;
	if (!answered || !*answered)
		return cli_usage(c, _("--answered-by is required: who took the report?"));
	if (cli_identify(c) != 0)
		return c->status;
	if (escalation_done(c->st, &c->who, id, answered, note, &err) < 0)
		return cli_fail(&err);
	run_chase(c);
	return 0;
}

int cmd_escalation_attempt(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"outcome", required_argument, 0, 'o'},
		{"answered-by", required_argument, 0, 'a'},
		{"note", required_argument, 0, 'n'},
		{0, 0, 0, 0},
	};
	const char *answered = NULL, *note = NULL, *outcome = NULL;
	struct dd_err err;
	long long id;
	int o, oc;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'o')
			outcome = optarg;
		else if (o == 'a')
			answered = optarg;
		else if (o == 'n')
			note = optarg;
		else
			return cli_bad_option(c);
	}
	if (optind != argc - 1)
		return cli_usage(c, _("give one escalation id"));
	if (cli_id(c, argv[optind], &id) != 0)
		return 2;
	if (!outcome)
		return cli_usage(c, _("--outcome is required: answered, no-answer, busy, "
				      "wrong-number or message-sent"));
	if ((oc = escalation_outcome_parse(outcome)) < 0)
		return cli_usage(c, _("'%s' is not an outcome: answered, no-answer, busy, "
				      "wrong-number or message-sent"), outcome);
	if (oc == ESC_ANSWERED && (!answered || !*answered))
		return cli_usage(c, _("--answered-by is required: who took the report?"));
	if (cli_identify(c) != 0)
		return c->status;
	if (escalation_attempt(c->st, &c->who, id, (enum esc_outcome)oc, answered, note,
			       &err) < 0)
		return cli_fail(&err);
	run_chase(c);
	return 0;
}

static int open_stage(struct cli *c, int argc, char **argv, const char *stage)
{
	struct dd_err err;
	long long id;
	int opened = 0;

	if (cli_one_id(c, argc, argv, 1, _("give one incident id"), &id) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if (escalation_open_stage(c->st, &c->who, id, stage, &opened, &err) < 0)
		return cli_fail(&err);
	if (opened)
		fprintf(stderr, _("dutydesk: %d notification(s) opened\n"), opened);
	else
		fprintf(stderr, _("dutydesk: the latest continuation of entry #%lld is still open; "
				  "nothing opened\n"), id);
	run_chase(c);
	return 0;
}

int cmd_escalation_continue(struct cli *c, int argc, char **argv)
{
	return open_stage(c, argc, argv, "continuation");
}

int cmd_escalation_final(struct cli *c, int argc, char **argv)
{
	struct dd_err err;
	const char *outcome;
	long long id;
	int opened = 0, rc;

	if ((rc = cli_id_text(c, argc, argv, "outcome", _("give one incident id"),
			      _("--outcome is required: the final report states how the incident "
				"ended"), &id, &outcome)) != 0)
		return rc;
	if (cli_identify(c) != 0)
		return c->status;
	if (escalation_open_final(c->st, &c->who, id, outcome, &opened, &err) < 0)
		return cli_fail_hint(&err, _("see `dutydesk escalations --open`"));
	fprintf(stderr, _("dutydesk: %d notification(s) opened\n"), opened);
	run_chase(c);
	return 0;
}
