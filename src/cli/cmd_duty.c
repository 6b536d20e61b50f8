/* cmd_duty.c — duty, duty now|add|substitute|swap|cancel|gaps|history. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "domain/duty.h"
#include "base/i18n.h"
#include "domain/settings.h"

enum {
	OPT_FORMAT = 256, OPT_DATE, OPT_DAYS, OPT_AT, OPT_START, OPT_END, OPT_LEADER, OPT_NOTE,
	OPT_ON_DUTY, OPT_BY, OPT_ASKED, OPT_APPROVED, OPT_REASON, OPT_HOURS, OPT_FROM,
};

static int parse_time(struct cli *c, const char *s, dd_time *out)
{
	struct dd_err err;
	if (ddtime_parse(s, out, &err) < 0)
		return cli_usage(c, "%s", err.msg);
	return 0;
}

static int parse_count(struct cli *c, const char *what, const char *s, long long max,
		       long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v <= 0 || v > max)
		return cli_usage(c, _("%s takes a whole number from 1 to %lld"), what, max);
	*out = v;
	return 0;
}

/* "12-16 08:00" and "16:00", or the end's date when another day. */
static void span_cells(dd_time start, dd_time end, char from[DDTIME_BUFSZ],
		       char to[DDTIME_BUFSZ])
{
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];

	ddtime_format(start, DDTIME_SHORT, from);
	if (strcmp(ddtime_format(start, DDTIME_DATE, a), ddtime_format(end, DDTIME_DATE, b)) == 0)
		ddtime_format(end, DDTIME_CLOCK, to);
	else
		ddtime_format(end, DDTIME_SHORT, to);
}

static void change_cell(const struct duty_shift *s, char *buf, size_t n)
{
	if (s->cancelled)
		snprintf(buf, n, "%s", _("CANCELLED"));
	else if (s->changes == 1)
		snprintf(buf, n, _("changed (planned: %s)"), s->planned_name);
	else if (s->changes > 1)
		snprintf(buf, n, _("%d changes (planned: %s)"), s->changes, s->planned_name);
	else
		buf[0] = '\0';
}

static const char *const shift_csv_header[] = {"id", "start", "end", "operator",
					       "planned_operator", "leader", "changes",
					       "cancelled", "note"};

static void print_shifts(const struct duty_shift *v, int n, enum cli_format fmt)
{
	struct table *t;

	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, shift_csv_header, 9);
		for (int i = 0; i < n; i++) {
			char id[24], a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], ch[16];
			snprintf(id, sizeof id, "%lld", v[i].id);
			snprintf(ch, sizeof ch, "%d", v[i].changes);
			const char *cells[] = {id, ddtime_format(v[i].start, DDTIME_ISO, a),
					       ddtime_format(v[i].end, DDTIME_ISO, b),
					       v[i].operator_name, v[i].planned_name,
					       v[i].leader_name, ch, v[i].cancelled ? "1" : "0",
					       v[i].note};
			csvio_write_row(stdout, cells, 9);
		}
		return;
	}
	{
		const char *h[] = {_("ID"), _("FROM"), _("TO"), _("ON DUTY"), _("LEADER"),
				   _("CHANGE"), _("NOTE")};
		t = table_new(7, h);
	}
	for (int i = 0; i < n; i++) {
		char id[24], from[DDTIME_BUFSZ], to[DDTIME_BUFSZ], change[256];
		snprintf(id, sizeof id, "%lld", v[i].id);
		span_cells(v[i].start, v[i].end, from, to);
		change_cell(&v[i], change, sizeof change);
		const char *cells[] = {id, from, to, v[i].operator_name, v[i].leader_name, change,
				       v[i].note};
		table_row(t, cells);
	}
	table_print_free(t, stdout);
}

static int print_gaps(struct cli *c, dd_time from, dd_time to, enum cli_format fmt)
{
	struct duty_gap *g;
	struct dd_err err;
	int n;

	if (duty_gaps(c->st, from, to, &g, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		static const char *const h[] = {"from", "to", "seconds"};
		csvio_write_row(stdout, h, 3);
	}
	if (fmt == FMT_TEXT && n == 0) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];
		printf(_("No gaps: every moment from %s to %s is covered.\n"),
		       ddtime_format(from, DDTIME_MINUTE, a), ddtime_format(to, DDTIME_MINUTE, b));
	}
	if (fmt == FMT_TEXT && n > 0) {
		const char *h[] = {_("GAP FROM"), _("TO"), _("LENGTH")};
		struct table *t = table_new(3, h);
		for (int i = 0; i < n; i++) {
			char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], len[DDTIME_BUFSZ];
			const char *cells[] = {ddtime_format(g[i].from, DDTIME_MINUTE, a),
					       ddtime_format(g[i].to, DDTIME_MINUTE, b),
					       ddtime_duration(g[i].to - g[i].from, len)};
			table_row(t, cells);
		}
		table_print_free(t, stdout);
	}
	for (int i = 0; fmt == FMT_CSV && i < n; i++) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], secs[24];
		snprintf(secs, sizeof secs, "%lld", (long long)(g[i].to - g[i].from));
		const char *cells[] = {ddtime_format(g[i].from, DDTIME_ISO, a),
				       ddtime_format(g[i].to, DDTIME_ISO, b), secs};
		csvio_write_row(stdout, cells, 3);
	}
	free(g);
	return 0;
}

/* The cover the schedule must give from `t` (duty_required). */
static int required(struct cli *c, dd_time t, struct duty_cover *need)
{
	struct dd_err err;

	return duty_required(c->st, t, need, &err) < 0 ? cli_fail(&err) : 0;
}

int cmd_duty(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, 0, OPT_DATE},
		{"days", required_argument, 0, OPT_DAYS},
		{"format", required_argument, 0, OPT_FORMAT},
		{0, 0, 0, 0},
	};
	enum cli_format fmt = FMT_TEXT;
	dd_time day = 0, end, now = ddtime_now();
	long long days = 2;
	struct duty_shift *v;
	struct duty_cover need;
	struct dd_err err;
	int n, o, rc = 0;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_DATE && parse_time(c, optarg, &day) != 0)
			return 2;
		else if (o == OPT_DAYS && parse_count(c, "--days", optarg, 366, &days) != 0)
			return 2;
		else if (o == OPT_FORMAT &&
			 cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
			return 2;
		else if (o != OPT_DATE && o != OPT_DAYS && o != OPT_FORMAT)
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	day = ddtime_day_start(day ? day : now);
	end = day;
	for (long long i = 0; i < days; i++)
		end = ddtime_day_start(end + 36 * 3600);
	if (cli_open(c) != 0)
		return c->status;
	if (duty_list(c->st, day, end, 1, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_TEXT) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];
		printf(_("Duty schedule %s – %s\n"), ddtime_format(day, DDTIME_DATE, a),
		       ddtime_format(end - 1, DDTIME_DATE, b));
	}
	if (fmt == FMT_TEXT && n == 0)
		printf(_("No shifts planned.\n"));
	else
		print_shifts(v, n, fmt);
	duty_shifts_free(v, n);
	if (fmt == FMT_TEXT && (rc = required(c, now, &need)) == 0 && need.round_clock) {
		printf(_("\nTASK FORCE: the next 24 hours must be covered round the clock.\n"));
		rc = print_gaps(c, need.from, need.to, FMT_TEXT);
	}
	return rc;
}

static void on_duty_line(const struct duty_shift *s, const char *head)
{
	char span[96], a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], da[DDTIME_BUFSZ], db[DDTIME_BUFSZ];
	int same_day = strcmp(ddtime_format(s->start, DDTIME_DATE, da),
			      ddtime_format(s->end, DDTIME_DATE, db)) == 0;

	snprintf(span, sizeof span, "%s–%s", ddtime_format(s->start, DDTIME_MINUTE, a),
		 ddtime_format(s->end, same_day ? DDTIME_CLOCK : DDTIME_MINUTE, b));
	if (strcmp(s->operator_name, s->planned_name) != 0)
		printf(_("%s %s (instead of %s; shift #%lld, %s)\n"), head, s->operator_name,
		       s->planned_name, s->id, span);
	else
		printf(_("%s %s (shift #%lld, %s)\n"), head, s->operator_name, s->id, span);
}

int cmd_duty_now(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, 0, OPT_AT},
		{0, 0, 0, 0},
	};
	struct duty_shift cur, *v;
	struct dd_err err;
	dd_time at = 0;
	const char *leader = NULL;
	char when[DDTIME_BUFSZ];
	int n, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != OPT_AT)
			return cli_bad_option(c);
		if (parse_time(c, optarg, &at) != 0)
			return 2;
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!at)
		at = ddtime_now();
	if (cli_open(c) != 0)
		return c->status;
	if (duty_on_at(c->st, at, &cur, &err) < 0)
		return cli_fail(&err);
	if (duty_list(c->st, at, at + 1, 0, &v, &n, &err) < 0) {
		duty_shift_clear(&cur);
		return cli_fail(&err);
	}
	if (!cur.id)
		printf(_("On duty: nobody (no shift covers %s)\n"),
		       ddtime_format(at, DDTIME_MINUTE, when));
	else
		on_duty_line(&cur, _("On duty:"));
	for (int i = 0; i < n; i++)
		if (v[i].id != cur.id)
			on_duty_line(&v[i], _("Also on duty:"));
	/* The leader of the shift on duty, else of another shift of the time. */
	if (cur.id && *cur.leader_name)
		leader = cur.leader_name;
	for (int i = n - 1; !leader && i >= 0; i--)
		if (*v[i].leader_name)
			leader = v[i].leader_name;
	printf(_("Leader on duty: %s\n"), leader ? leader : _("none named"));
	duty_shifts_free(v, n);
	duty_shift_clear(&cur);
	return 0;
}

/* --operator is taken by main.c for every command (who is writing); here the
 * brief's `--operator NAME` names who is on duty.  When it was given on the
 * command line, the planner is $DUTYDESK_OPERATOR; --on-duty NAME says the
 * same without the ambiguity, and leaves --operator to name the planner. */
static int who_is_on_duty(struct cli *c, const char *on_duty, const char **name)
{
	const char *env = getenv("DUTYDESK_OPERATOR");

	if (on_duty) {
		*name = on_duty;
		return 0;
	}
	if (!c->operator_name || c->operator_name == env)
		return cli_usage(c, _("--operator NAME is required: who is on duty"));
	*name = c->operator_name;
	if (!env || !*env)
		return cli_usage(c, _("who is planning? here --operator names who is on duty: "
				      "set DUTYDESK_OPERATOR to the planner, or give --on-duty "
				      "NAME and --operator PLANNER"));
	c->operator_name = env;
	return 0;
}

int cmd_duty_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"start", required_argument, 0, OPT_START},
		{"end", required_argument, 0, OPT_END},
		{"leader", required_argument, 0, OPT_LEADER},
		{"note", required_argument, 0, OPT_NOTE},
		{"on-duty", required_argument, 0, OPT_ON_DUTY},
		{0, 0, 0, 0},
	};
	const char *leader = NULL, *note = NULL, *on_duty = NULL, *name = NULL;
	dd_time start = 0, end = 0;
	struct dd_err err;
	long long id;
	int o, hours = 8;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_START:
			if (parse_time(c, optarg, &start) != 0)
				return 2;
			break;
		case OPT_END:
			if (parse_time(c, optarg, &end) != 0)
				return 2;
			break;
		case OPT_LEADER: leader = optarg; break;
		case OPT_NOTE: note = optarg; break;
		case OPT_ON_DUTY: on_duty = optarg; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!start)
		return cli_usage(c, _("--start is required: when the shift begins"));
	if (who_is_on_duty(c, on_duty, &name) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if (!end) {
		if (settings_get_int(c->st, SETTING_SHIFT_HOURS, &hours, &err) < 0)
			return cli_fail(&err);
		end = start + (dd_time)hours * 3600;
	}
	if (duty_add(c->st, &c->who, start, end, name, leader, note, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

/* ID --asked-by NAME --approved-by NAME [--reason TEXT] [--by NAME] */
struct change_args {
	const char *by, *asked, *approved, *reason;
	long long id[2];
};

static int parse_change(struct cli *c, int argc, char **argv, int nids, int want_by,
			struct change_args *a)
{
	static const struct option opts[] = {
		{"by", required_argument, 0, OPT_BY},
		{"asked-by", required_argument, 0, OPT_ASKED},
		{"approved-by", required_argument, 0, OPT_APPROVED},
		{"reason", required_argument, 0, OPT_REASON},
		{0, 0, 0, 0},
	};
	int o;

	memset(a, 0, sizeof *a);
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_BY && want_by)
			a->by = optarg;
		else if (o == OPT_ASKED)
			a->asked = optarg;
		else if (o == OPT_APPROVED)
			a->approved = optarg;
		else if (o == OPT_REASON)
			a->reason = optarg;
		else
			return cli_bad_option(c);
	}
	if (argc - optind != nids)
		return cli_usage(c, nids == 1 ? _("give one shift id")
					      : _("give the ids of the two shifts"));
	for (int i = 0; i < nids; i++)
		if (cli_id(c, argv[optind + i], &a->id[i]) != 0)
			return 2;
	if (want_by && !a->by)
		return cli_usage(c, _("--by NAME is required: who works the shift instead"));
	if (!a->asked || !a->approved)
		return cli_usage(c, _("--asked-by and --approved-by are required: who asked for "
				      "the change and who approved it"));
	return 0;
}

int cmd_duty_substitute(struct cli *c, int argc, char **argv)
{
	struct change_args a;
	struct dd_err err;
	struct actor appr;
	int rc;

	if (parse_change(c, argc, argv, 1, 1, &a) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if ((rc = cli_cosign(c, a.approved, &appr)) != 0)
		return rc;
	if (duty_substitute(c->st, &c->who, a.id[0], a.by, a.asked, &appr, a.reason,
			    &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: shift #%lld: %s is on duty instead\n"), a.id[0], a.by);
	return 0;
}

int cmd_duty_swap(struct cli *c, int argc, char **argv)
{
	struct change_args a;
	struct dd_err err;
	struct actor appr;
	int rc;

	if (parse_change(c, argc, argv, 2, 0, &a) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if ((rc = cli_cosign(c, a.approved, &appr)) != 0)
		return rc;
	if (duty_swap(c->st, &c->who, a.id[0], a.id[1], a.asked, &appr, a.reason,
		      &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: shifts #%lld and #%lld swapped\n"), a.id[0], a.id[1]);
	return 0;
}

int cmd_duty_cancel(struct cli *c, int argc, char **argv)
{
	const char *reason;
	struct dd_err err;
	long long id;

	if (cli_id_text(c, argc, argv, "reason", _("give one shift id"),
			_("--reason is required: why the shift is cancelled"), &id, &reason) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if (duty_cancel(c->st, &c->who, id, reason, &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: shift #%lld cancelled\n"), id);
	return 0;
}

int cmd_duty_gaps(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"hours", required_argument, 0, OPT_HOURS},
		{"from", required_argument, 0, OPT_FROM},
		{"format", required_argument, 0, OPT_FORMAT},
		{0, 0, 0, 0},
	};
	enum cli_format fmt = FMT_TEXT;
	long long hours = 0;
	dd_time from = 0, to;
	struct duty_cover need;
	int o, rc;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_HOURS && parse_count(c, "--hours", optarg, 24 * 366, &hours) != 0)
			return 2;
		else if (o == OPT_FROM && parse_time(c, optarg, &from) != 0)
			return 2;
		else if (o == OPT_FORMAT &&
			 cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
			return 2;
		else if (o != OPT_HOURS && o != OPT_FROM && o != OPT_FORMAT)
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!from)
		from = ddtime_now();
	if (cli_open(c) != 0)
		return c->status;
	if ((rc = required(c, from, &need)) != 0)
		return rc;
	/* The cover the task force requires; in normal times the schedule is
	 * read for the rest of today and tomorrow. */
	if (hours)
		to = from + (dd_time)hours * 3600;
	else if (need.round_clock)
		to = need.to;
	else
		to = ddtime_day_start(ddtime_day_start(from + 36 * 3600) + 36 * 3600);
	if (fmt == FMT_TEXT && need.round_clock)
		printf(_("TASK FORCE: the next 24 hours must be covered round the clock.\n"));
	if (fmt == FMT_TEXT) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];
		printf(_("Gaps in the duty schedule from %s to %s:\n"),
		       ddtime_format(from, DDTIME_MINUTE, a), ddtime_format(to, DDTIME_MINUTE, b));
	}
	return print_gaps(c, from, to, fmt);
}

static const char *change_label(const char *kind)
{
	if (strcmp(kind, "substitute") == 0)
		return _("substitute (替班)");
	if (strcmp(kind, "swap") == 0)
		return _("swap (换班)");
	if (strcmp(kind, "cancel") == 0)
		return _("cancel");
	return kind;
}

int cmd_duty_history(struct cli *c, int argc, char **argv)
{
	static const char *const csv_header[] = {
		"id", "shift", "at", "kind", "from", "to", "asked_by", "approved_by",
		"recorded_by", "reason",
	};
	enum cli_format fmt = FMT_TEXT;
	struct duty_change *v;
	struct table *t = NULL;
	struct dd_err err;
	long long id = 0;
	int n;

	if (cli_only_format(c, argc, argv, &fmt) != 0)
		return 2;
	if (argc - optind > 1)
		return cli_usage(c, _("give at most one shift id"));
	if (optind < argc && cli_id(c, argv[optind], &id) != 0)
		return 2;
	if (cli_open(c) != 0)
		return c->status;
	if (duty_changes(c->st, id, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, csv_header, 10);
	} else if (n == 0 && id) {
		printf(_("Shift #%lld has not been changed.\n"), id);
	} else if (n == 0) {
		printf(_("No shift has been changed.\n"));
	} else {
		const char *h[] = {_("SHIFT"), _("WHEN"), _("CHANGE"), _("FROM"), _("TO"),
				   _("ASKED BY"), _("APPROVED BY"), _("RECORDED BY"), _("REASON")};
		t = table_new(9, h);
	}
	for (int i = 0; i < n; i++) {
		char cid[24], sid[24], when[DDTIME_BUFSZ];
		snprintf(cid, sizeof cid, "%lld", v[i].id);
		snprintf(sid, sizeof sid, "%lld", v[i].shift_id);
		if (fmt == FMT_CSV) {
			const char *cells[] = {cid, sid, ddtime_format(v[i].at, DDTIME_ISO, when),
					       v[i].kind, v[i].from_name, v[i].to_name,
					       v[i].asked_by, v[i].approved_by, v[i].by,
					       v[i].reason};
			csvio_write_row(stdout, cells, 10);
		} else {
			const char *cells[] = {sid, ddtime_format(v[i].at, DDTIME_MINUTE, when),
					       change_label(v[i].kind), v[i].from_name,
					       v[i].to_name, v[i].asked_by, v[i].approved_by,
					       v[i].by, v[i].reason};
			table_row(t, cells);
		}
	}
	table_print_free(t, stdout);
	duty_changes_free(v, n);
	return 0;
}
