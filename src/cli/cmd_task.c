/* cmd_task.c — task add, list, note, close, show, and meeting decide: assigned
 * tasks (交办事项). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "domain/task.h"

enum {
	OPT_GROUP = 256, OPT_DUE, OPT_SUMMARY, OPT_MEETING, OPT_DECISION, OPT_ENTRY,
	OPT_ASSIGNED_BY, OPT_OVERDUE, OPT_ALL, OPT_FOR, OPT_FORMAT,
};

/* A decision's number: 1, 2, ... */
static int parse_number(struct cli *c, const char *s, int *out)
{
	long long v;

	if (cli_id(c, s, &v) != 0)
		return 2;
	if (v > 1000)
		return cli_usage(c, _("'%s' is not a decision's number"), s);
	*out = (int)v;
	return 0;
}

/* Record the task; print its id alone. */
static int add_task(struct cli *c, const struct task_new *n)
{
	struct dd_err err;
	long long id;

	if (cli_identify(c) != 0)
		return c->status;
	if (task_add(c->st, &c->who, n, &id, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

int cmd_task_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"group", required_argument, 0, OPT_GROUP},
		{"due", required_argument, 0, OPT_DUE},
		{"summary", required_argument, 0, OPT_SUMMARY},
		{"from-meeting", required_argument, 0, OPT_MEETING},
		{"decision", required_argument, 0, OPT_DECISION},
		{"from-entry", required_argument, 0, OPT_ENTRY},
		{"assigned-by", required_argument, 0, OPT_ASSIGNED_BY},
		{0, 0, 0, 0},
	};
	struct task_new n = {0};
	struct dd_err err;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_GROUP: n.group = optarg; break;
		case OPT_DUE:
			if (task_parse_due(optarg, &n.due_at, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_SUMMARY: n.summary = optarg; break;
		case OPT_MEETING:
			if (cli_id(c, optarg, &n.meeting_id) != 0)
				return 2;
			break;
		case OPT_DECISION:
			if (parse_number(c, optarg, &n.decision) != 0)
				return 2;
			break;
		case OPT_ENTRY:
			if (cli_id(c, optarg, &n.entry_id) != 0)
				return 2;
			break;
		case OPT_ASSIGNED_BY: n.assigned_by = optarg; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!n.group || !n.due_at)
		return cli_usage(c, _("--group and --due are required"));
	if (!n.summary && !n.meeting_id)
		return cli_usage(c, _("--summary is required (or --from-meeting ID --decision N)"));
	if ((n.meeting_id != 0) != (n.decision != 0))
		return cli_usage(c, _("--from-meeting and --decision go together"));
	if (n.meeting_id && n.entry_id)
		return cli_usage(c, _("--from-meeting and --from-entry exclude each other"));
	return add_task(c, &n);
}

/* A meeting's decision as a task: `task add --from-meeting ID --decision N`. */
int cmd_meeting_decide(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"decision", required_argument, 0, OPT_DECISION},
		{"group", required_argument, 0, OPT_GROUP},
		{"due", required_argument, 0, OPT_DUE},
		{"summary", required_argument, 0, OPT_SUMMARY},
		{"assigned-by", required_argument, 0, OPT_ASSIGNED_BY},
		{0, 0, 0, 0},
	};
	struct task_new n = {0};
	struct dd_err err;
	long long seq = 0;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_DECISION:
			if (cli_id(c, optarg, &seq) != 0)
				return 2;
			break;
		case OPT_GROUP: n.group = optarg; break;
		case OPT_DUE:
			if (task_parse_due(optarg, &n.due_at, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_SUMMARY: n.summary = optarg; break;
		case OPT_ASSIGNED_BY: n.assigned_by = optarg; break;
		default: return cli_bad_option(c);
		}
	}
	if (cli_one_id(c, argc, argv, optind, _("give one meeting id"), &n.meeting_id) != 0)
		return 2;
	if (!seq || !n.group || !n.due_at)
		return cli_usage(c, _("--decision, --group and --due are required"));
	if (seq > 1000)
		return cli_usage(c, _("'%lld' is not a decision's number"), seq);
	n.decision = (int)seq;
	return add_task(c, &n);
}

/* "OVERDUE by 1 d 2 h", "due in 3 h 05 min", "closed 12-17 10:00" */
static void status_text(const struct task *t, dd_time now, char *buf, size_t n)
{
	char d[DDTIME_BUFSZ];

	switch (task_state_at(t, now)) {
	case TASK_OVERDUE:
		snprintf(buf, n, _("OVERDUE by %s"), ddtime_duration(now - t->due_at, d));
		break;
	case TASK_OPEN:
		snprintf(buf, n, _("due in %s"), ddtime_duration(t->due_at - now, d));
		break;
	case TASK_CLOSED:
		snprintf(buf, n, _("closed %s"), ddtime_format(t->closed_at, DDTIME_SHORT, d));
		break;
	}
}

static const char *state_name(enum task_state s)
{
	return s == TASK_OVERDUE ? "overdue" : s == TASK_OPEN ? "open" : "closed";
}

static void origin_text(const struct task *t, char *buf, size_t n)
{
	if (t->meeting_id)
		snprintf(buf, n, _("meeting #%lld, decision %d"), t->meeting_id, t->decision);
	else if (t->entry_id)
		snprintf(buf, n, _("entry #%lld"), t->entry_id);
	else
		snprintf(buf, n, "%s", "");
}

static void print_csv(const struct task *v, int n, dd_time now)
{
	static const char *const header[] = {
		"id", "group", "summary", "due_at", "status", "assigned_by", "recorded_at",
		"recorded_by", "meeting_id", "decision", "entry_id", "notes", "last_note",
		"closed_at", "closed_by", "resolution"};

	csvio_write_row(stdout, header, 16);
	for (int i = 0; i < n; i++) {
		const struct task *t = &v[i];
		char id[24], due[DDTIME_BUFSZ], rec[DDTIME_BUFSZ], mid[24] = "", dec[24] = "",
			eid[24] = "", notes[24], closed[DDTIME_BUFSZ] = "";
		snprintf(id, sizeof id, "%lld", t->id);
		if (t->meeting_id) {
			snprintf(mid, sizeof mid, "%lld", t->meeting_id);
			snprintf(dec, sizeof dec, "%d", t->decision);
		}
		if (t->entry_id)
			snprintf(eid, sizeof eid, "%lld", t->entry_id);
		snprintf(notes, sizeof notes, "%d", t->notes);
		if (t->closed_at)
			ddtime_format(t->closed_at, DDTIME_ISO, closed);
		const char *cells[] = {
			id, t->group, t->summary, ddtime_format(t->due_at, DDTIME_ISO, due),
			state_name(task_state_at(t, now)), t->assigned_by,
			ddtime_format(t->recorded_at, DDTIME_ISO, rec), t->recorded_by, mid, dec,
			eid, notes, t->last_note, closed, t->closed_by, t->resolution};
		csvio_write_row(stdout, cells, 16);
	}
}

static void print_text(const struct task *v, int n, dd_time now)
{
	const char *h[] = {_("ID"), _("DUE"), _("STATUS"), _("GROUP"), _("ASSIGNED BY"),
			   _("FROM"), _("SUMMARY")};
	struct table *t = table_new(7, h);

	for (int i = 0; i < n; i++) {
		char id[24], due[DDTIME_BUFSZ], status[96], origin[96], summary[TASK_TEXT_MAX + 64];
		snprintf(id, sizeof id, "%lld", v[i].id);
		status_text(&v[i], now, status, sizeof status);
		origin_text(&v[i], origin, sizeof origin);
		snprintf(summary, sizeof summary, "%s%s%s", v[i].summary,
			 *v[i].last_note ? _(" — latest: ") : "", v[i].last_note);
		const char *cells[] = {id, ddtime_format(v[i].due_at, DDTIME_SHORT, due), status,
				       v[i].group, v[i].assigned_by, origin, summary};
		table_row(t, cells);
	}
	table_print_free(t, stdout);
}

int cmd_task_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"overdue", no_argument, 0, OPT_OVERDUE},
		{"all", no_argument, 0, OPT_ALL},
		{"group", required_argument, 0, OPT_GROUP},
		{"for", required_argument, 0, OPT_FOR},
		{"format", required_argument, 0, OPT_FORMAT},
		{0, 0, 0, 0},
	};
	struct task_filter f = {.which = TASK_LIST_OPEN};
	enum cli_format fmt = FMT_TEXT;
	const char *group = NULL, *view = NULL;
	struct task *v;
	struct dd_err err;
	int n, o, overdue = 0;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_OVERDUE: f.which = TASK_LIST_OVERDUE; break;
		case OPT_ALL: f.which = TASK_LIST_ALL; break;
		case OPT_GROUP: group = optarg; break;
		case OPT_FOR: view = optarg; break;
		case OPT_FORMAT:
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
			break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (group && view)
		return cli_usage(c, _("--group and --for exclude each other"));
	if (cli_open(c) != 0)
		return c->status;
	f.now = ddtime_now();
	/* --group: that group's tasks; --for: that group's view (the
	 * supervision group's is every group's). */
	if ((group && roster_find_group(c->st, group, &f.group_id, &err) < 0) ||
	    (view && task_filter_for(c->st, &f, view, &err) < 0))
		return cli_fail(&err);
	if (task_list(c->st, &f, &v, &n, &err) < 0)
		return cli_fail(&err);
	for (int i = 0; i < n; i++)
		overdue += task_state_at(&v[i], f.now) == TASK_OVERDUE;
	if (fmt == FMT_CSV) {
		print_csv(v, n, f.now);
	} else {
		if (view)
			printf(_("%s: %d overdue of %d listed (跟踪问效: overdue first)\n"), view,
			       overdue, n);
		print_text(v, n, f.now);
	}
	tasks_free(v, n);
	return 0;
}

int cmd_task_note(struct cli *c, int argc, char **argv)
{
	const char *text;
	struct dd_err err;
	long long id;

	if (cli_id_text(c, argc, argv, "text", _("give one task id"), _("--text is required"),
			&id, &text) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	return task_note(c->st, &c->who, id, text, &err) < 0 ? cli_fail(&err) : 0;
}

int cmd_task_close(struct cli *c, int argc, char **argv)
{
	const char *resolution;
	struct dd_err err;
	long long id;

	if (cli_id_text(c, argc, argv, "resolution", _("give one task id"),
			_("--resolution is required"), &id, &resolution) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	return task_close(c->st, &c->who, id, resolution, &err) < 0 ? cli_fail(&err) : 0;
}

static const char *event_label(const char *type)
{
	if (strcmp(type, "task-assigned") == 0)
		return _("assigned");
	if (strcmp(type, "task-noted") == 0)
		return _("progress");
	if (strcmp(type, "task-closed") == 0)
		return _("closed");
	return type;
}

static void show_task(const struct task *t, dd_time now)
{
	char status[96], origin[96], a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];

	status_text(t, now, status, sizeof status);
	origin_text(t, origin, sizeof origin);
	printf(_("Task #%lld  [%s]\n"), t->id, status);
	printf(_("Group:       %s\n"), t->group);
	printf(_("Due:         %s\n"), ddtime_format(t->due_at, DDTIME_MINUTE, a));
	printf(_("Assigned by: %s (recorded %s by %s)\n"), t->assigned_by,
	       ddtime_format(t->recorded_at, DDTIME_MINUTE, b), t->recorded_by);
	if (*origin)
		printf(_("From:        %s\n"), origin);
	printf(_("Summary:     %s\n"), t->summary);
	if (t->closed_at)
		printf(_("Closed:      %s by %s: %s\n"),
		       ddtime_format(t->closed_at, DDTIME_MINUTE, a), t->closed_by, t->resolution);
	fputc('\n', stdout);
}

int cmd_task_show(struct cli *c, int argc, char **argv)
{
	struct task t;
	struct task_event *ev;
	struct dd_err err;
	long long id;
	int n;

	if (cli_one_id(c, argc, argv, 1, _("give one task id"), &id) != 0)
		return 2;
	if (cli_open_existing(c) != 0)
		return c->status;
	if (task_get(c->st, id, &t, &err) < 0)
		return cli_fail(&err);
	if (task_history(c->st, id, &ev, &n, &err) < 0) {
		task_clear(&t);
		return cli_fail(&err);
	}
	show_task(&t, ddtime_now());
	{
		const char *h[] = {_("WHEN"), _("EVENT"), _("BY"), _("WHAT")};
		struct table *tb = table_new(4, h);
		for (int i = 0; i < n; i++) {
			char when[DDTIME_BUFSZ];
			const char *cells[] = {ddtime_format(ev[i].at, DDTIME_MINUTE, when),
					       event_label(ev[i].type), ev[i].actor, ev[i].text};
			table_row(tb, cells);
		}
		table_print_free(tb, stdout);
	}
	task_events_free(ev, n);
	task_clear(&t);
	return 0;
}
