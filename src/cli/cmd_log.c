/* cmd_log.c — log add, amend, close, note, assign, list; timeline. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "desk/outbreak.h"
#include "io/exchange.h"
#include "base/i18n.h"
#include "domain/log.h"
#include "domain/roster.h"

enum {
	OPT_KIND = 256, OPT_SUMMARY, OPT_SOURCE, OPT_GROUP, OPT_AT, OPT_PARENT, OPT_SIGNIFICANT,
	OPT_DRILL, OPT_SUBKIND, OPT_CALLER, OPT_CALLBACK, OPT_READBACK, OPT_REASON, OPT_TEXT,
	OPT_TYPE, OPT_SINCE, OPT_UNTIL, OPT_STATUS, OPT_SEARCH, OPT_FORMAT, OPT_OPERATOR_FILTER,
	OPT_LIMIT, OPT_BOM,
};

int cmd_log_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"kind", required_argument, 0, OPT_KIND},
		{"summary", required_argument, 0, OPT_SUMMARY},
		{"source", required_argument, 0, OPT_SOURCE},
		{"group", required_argument, 0, OPT_GROUP},
		{"at", required_argument, 0, OPT_AT},
		{"parent", required_argument, 0, OPT_PARENT},
		{"significant", no_argument, 0, OPT_SIGNIFICANT},
		{"drill", no_argument, 0, OPT_DRILL},
		{"subkind", required_argument, 0, OPT_SUBKIND},
		{"caller", required_argument, 0, OPT_CALLER},
		{"callback", required_argument, 0, OPT_CALLBACK},
		{"readback", no_argument, 0, OPT_READBACK},
		{0, 0, 0, 0},
	};
	struct log_new n = {.kind = LOG_KIND_COUNT};
	struct log_added added;
	struct dd_err err;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_KIND:
			if (log_kind_parse(optarg, &n.kind, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_SUMMARY: n.summary = optarg; break;
		case OPT_SOURCE: n.source = optarg; break;
		case OPT_GROUP: n.group = optarg; break;
		case OPT_AT:
			if (ddtime_parse(optarg, &n.occurred_at, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_PARENT:
			if (cli_id(c, optarg, &n.parent_id) != 0)
				return 2;
			break;
		case OPT_SIGNIFICANT: n.significant = 1; break;
		case OPT_DRILL: n.drill = 1; break;
		case OPT_SUBKIND: n.subkind = optarg; break;
		case OPT_CALLER: n.caller = optarg; break;
		case OPT_CALLBACK: n.callback = optarg; break;
		case OPT_READBACK: n.readback = 1; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (n.kind == LOG_KIND_COUNT)
		return cli_usage(c, _("--kind is required"));
	if (!n.summary)
		return cli_usage(c, _("--summary is required"));
	/* The form's own checks, before a PIN is asked for a line that would be
	 * refused anyway; log_add checks them again, as for every front end. */
	{
		char callback[LOG_CALLBACK_MAX];
		if (log_check_subkind(n.kind, n.subkind, NULL, &err) < 0 ||
		    log_callback_normalize(n.callback, callback, sizeof callback, &err) < 0)
			return cli_fail(&err);
	}
	if (cli_identify(c) != 0)
		return c->status;
	if (outbreak_log_add(c->st, &c->who, &n, &added, &err) < 0)
		return cli_fail(&err);
	printf("%lld\n", added.id);
	if (added.mode_changed)
		fprintf(stderr, n.drill
			? _("dutydesk: DRILL: the drill task force is active (entry #%lld)\n")
			: _("dutydesk: TASK FORCE MODE (疫情处置专班) is now active: positive case "
			    "#%lld\n"), added.id);
	if (added.notifications)
		fprintf(stderr, _("dutydesk: %d escalation(s) opened; see `dutydesk escalations "
				  "--open`\n"), added.notifications);
	return 0;
}

int cmd_log_amend(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"summary", required_argument, 0, OPT_SUMMARY},
		{"reason", required_argument, 0, OPT_REASON},
		{0, 0, 0, 0},
	};
	const char *summary = NULL, *reason = NULL;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_SUMMARY)
			summary = optarg;
		else if (o == OPT_REASON)
			reason = optarg;
		else
			return cli_bad_option(c);
	}
	if (optind != argc - 1)
		return cli_usage(c, _("give one entry id"));
	if (cli_id(c, argv[optind], &id) != 0)
		return 2;
	if (!summary || !reason)
		return cli_usage(c, _("--summary and --reason are required"));
	if (cli_identify(c) != 0)
		return c->status;
	if (log_amend(c->st, &c->who, id, summary, reason, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cmd_log_close(struct cli *c, int argc, char **argv)
{
	const char *resolution;
	struct dd_err err;
	long long id;

	if (cli_id_text(c, argc, argv, "resolution", _("give one incident id"),
			_("--resolution is required"), &id, &resolution) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if (log_close(c->st, &c->who, id, resolution, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cmd_log_note(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"text", required_argument, 0, OPT_TEXT},
		{"type", required_argument, 0, OPT_TYPE},
		{0, 0, 0, 0},
	};
	const char *text = NULL;
	enum log_note_type type = LOG_NOTE;
	struct dd_err err;
	long long id;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == OPT_TEXT)
			text = optarg;
		else if (o == OPT_TYPE && log_note_type_parse(optarg, &type) == 0)
			;
		else if (o == OPT_TYPE)
			return cli_usage(c, _("--type is one of note, proposal, instruction, "
					      "result"));
		else
			return cli_bad_option(c);
	}
	if (optind != argc - 1)
		return cli_usage(c, _("give one entry id"));
	if (cli_id(c, argv[optind], &id) != 0)
		return 2;
	if (!text)
		return cli_usage(c, _("--text is required"));
	if (cli_identify(c) != 0)
		return c->status;
	if (log_note(c->st, &c->who, id, type, text, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cmd_log_assign(struct cli *c, int argc, char **argv)
{
	const char *group;
	struct dd_err err;
	long long id;

	if (cli_id_text(c, argc, argv, "group", _("give one incident id"),
			_("--group is required"), &id, &group) != 0)
		return 2;
	if (cli_identify(c) != 0)
		return c->status;
	if (log_assign(c->st, &c->who, id, group, &err) < 0)
		return cli_fail(&err);
	return 0;
}

/* log list output. */
struct lister {
	enum cli_format fmt;
	struct table *t;
	struct store *st;
	struct dd_err *err;
	int failed;
};

static int list_row(const struct log_entry *e, void *ctx)
{
	struct lister *l = ctx;
	char id[24], occ[DDTIME_BUFSZ];

	if (l->fmt == FMT_CSV) {
		if (exchange_log_row(l->st, stdout, e, l->err) < 0)
			l->failed = 1;
		return l->failed;
	}
	snprintf(id, sizeof id, "%lld", e->id);
	{
		char mark[64], kind[128], summary[LOG_SUMMARY_MAX + 64];
		char op[PERSON_NAME_MAX * 4 + 64];
		snprintf(mark, sizeof mark, "%s%s%s", e->significant ? "!" : "",
			 e->parent_id ? "↳" : "", e->drill ? _("[drill]") : "");
		snprintf(op, sizeof op, "%s%s", e->operator_name,
			 e->unverified ? _(" (unverified)") : "");
		snprintf(kind, sizeof kind, "%s%s%s", log_kind_label(e->kind),
			 *e->subkind ? "/" : "", e->subkind);
		snprintf(summary, sizeof summary, "%s%s%s%s", e->summary,
			 e->amended ? _(" (amended)") : "", *e->source ? " — " : "", e->source);
		const char *cells[] = {
			id, ddtime_format(e->occurred_at, DDTIME_MINUTE, occ), mark, kind,
			e->group, e->closed ? _("closed") : _("open"), op, summary,
		};
		table_row(l->t, cells);
	}
	return 0;
}

int cmd_log_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"since", required_argument, 0, OPT_SINCE},
		{"until", required_argument, 0, OPT_UNTIL},
		{"kind", required_argument, 0, OPT_KIND},
		{"group", required_argument, 0, OPT_GROUP},
		{"by", required_argument, 0, OPT_OPERATOR_FILTER},
		{"status", required_argument, 0, OPT_STATUS},
		{"search", required_argument, 0, OPT_SEARCH},
		{"format", required_argument, 0, OPT_FORMAT},
		{"drill", no_argument, 0, OPT_DRILL},
		{"significant", no_argument, 0, OPT_SIGNIFICANT},
		{"limit", required_argument, 0, OPT_LIMIT},
		{"bom", no_argument, 0, OPT_BOM},
		{0, 0, 0, 0},
	};
	static const char *const header[] = {
		N_("ID"), N_("OCCURRED"), "", N_("KIND"), N_("GROUP"), N_("STATUS"),
		N_("OPERATOR"), N_("SUMMARY"),
	};
	struct log_filter f;
	struct lister l = {.fmt = FMT_TEXT};
	const char *group = NULL, *by = NULL;
	long long limit = 0;
	int bom = 0, o, rc = 0;
	struct dd_err err;

	log_filter_init(&f);
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		enum log_kind k;
		switch (o) {
		case OPT_SINCE:
			if (ddtime_parse(optarg, &f.since, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_UNTIL:
			if (ddtime_parse(optarg, &f.until, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_KIND:
			if (log_kind_parse(optarg, &k, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			f.kind = (int)k;
			break;
		case OPT_GROUP: group = optarg; break;
		case OPT_OPERATOR_FILTER: by = optarg; break;
		case OPT_STATUS:
			if (strcmp(optarg, "open") == 0)
				f.status = LOG_OPEN;
			else if (strcmp(optarg, "closed") == 0)
				f.status = LOG_CLOSED;
			else
				return cli_usage(c, _("--status is open or closed"));
			break;
		case OPT_SEARCH: f.search = optarg; break;
		case OPT_FORMAT:
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &l.fmt) != 0)
				return 2;
			break;
		case OPT_DRILL: f.drill = 1; break;
		case OPT_SIGNIFICANT: f.significant_only = 1; break;
		case OPT_LIMIT:
			if (cli_id(c, optarg, &limit) != 0)
				return 2;
			break;
		case OPT_BOM: bom = 1; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open_existing(c) != 0)
		return c->status;
	if ((group && log_filter_group(c->st, &f, group, &err) < 0) ||
	    (by && log_filter_operator(c->st, &f, by, &err) < 0))
		return cli_fail(&err);
	l.st = c->st;
	l.err = &err;
	if (l.fmt == FMT_CSV) {
		if (bom)
			csvio_write_bom(stdout);
		csvio_write_row(stdout, exchange_log_header, EXCHANGE_LOG_COLS);
	} else {
		const char *h[8];
		for (int i = 0; i < 8; i++)
			h[i] = *header[i] ? _(header[i]) : "";
		l.t = table_new(8, h);
	}
	if (limit > 0) {
		/* The newest `limit`, shown oldest first. */
		struct log_entry *rows;
		int n;
		rc = log_page(c->st, &f, LOG_OLDER, 0, (int)(limit > 100000 ? 100000 : limit),
			      &rows, &n, &err);
		for (int i = n - 1; rc == 0 && !l.failed && i >= 0; i--)
			list_row(&rows[i], &l);
		if (rc == 0)
			log_entries_free(rows, n);
	} else {
		rc = log_each(c->st, &f, list_row, &l, &err);
	}
	if (l.t) {
		if (rc == 0)
			table_print(l.t, stdout);
		table_free(l.t);
	}
	return rc < 0 || l.failed ? cli_fail(&err) : 0;
}

/* timeline output */
struct tl {
	enum cli_format fmt;
	dd_time first, prev;
	struct table *t;
	struct store *st;
	struct dd_err *err;
	int failed;
};

static int tl_row(const struct log_event *ev, void *ctx)
{
	struct tl *t = ctx;
	char id[24], entry[24], when[DDTIME_BUFSZ], since_first[DDTIME_BUFSZ],
		since_prev[DDTIME_BUFSZ], secs[24], by[PERSON_NAME_MAX * 4 + 64];

	if (!t->first)
		t->first = t->prev = ev->at;
	snprintf(id, sizeof id, "%lld", ev->id);
	snprintf(entry, sizeof entry, "%lld", ev->entry_id);
	snprintf(secs, sizeof secs, "%lld", (long long)(ev->at - t->first));
	snprintf(by, sizeof by, "%s%s", ev->actor, ev->unverified ? _(" (unverified)") : "");
	if (t->fmt == FMT_CSV) {
		if (exchange_timeline_row(t->st, stdout, ev, (long long)(ev->at - t->first),
					  t->err) < 0)
			return t->failed = 1;
	} else if (strcmp(ev->type, "assigned") == 0) {
		/* Who led the group then, not today. */
		char *leads = NULL, what[1024], plus[DDTIME_BUFSZ + 2];
		roster_leads_at(t->st, ev->text, ev->at, &leads, NULL);
		snprintf(what, sizeof what, _("%s (led then by %s)"), ev->text,
			 leads && *leads ? leads : _("nobody named"));
		free(leads);
		snprintf(plus, sizeof plus, "+%s", ddtime_duration(ev->at - t->prev, since_prev));
		const char *cells[] = {
			ddtime_format(ev->at, DDTIME_MINUTE, when),
			ddtime_duration(ev->at - t->first, since_first), plus,
			log_event_label(ev->type), by, what,
		};
		table_row(t->t, cells);
	} else {
		char what[LOG_SUMMARY_MAX * 2 + 64];
		char plus[DDTIME_BUFSZ + 2];
		snprintf(what, sizeof what, "%s%s%s%s", ev->drill ? _("[drill] ") : "", ev->text,
			 *ev->detail ? "  — " : "", ev->detail);
		snprintf(plus, sizeof plus, "+%s", ddtime_duration(ev->at - t->prev, since_prev));
		const char *cells[] = {
			ddtime_format(ev->at, DDTIME_MINUTE, when),
			ddtime_duration(ev->at - t->first, since_first), plus,
			log_event_label(ev->type), by, what,
		};
		table_row(t->t, cells);
	}
	t->prev = ev->at;
	return 0;
}

int cmd_timeline(struct cli *c, int argc, char **argv)
{
	struct tl t = {.fmt = FMT_TEXT};
	char *leads = NULL;
	struct log_entry e;
	struct dd_err err;
	long long id;
	int rc;

	if (cli_only_format(c, argc, argv, &t.fmt) != 0 ||
	    cli_one_id(c, argc, argv, optind, _("give one entry id"), &id) != 0)
		return 2;
	if (cli_open_existing(c) != 0)
		return c->status;
	if (log_get(c->st, id, &e, &err) < 0)
		return cli_fail(&err);
	if (e.parent_id) {
		long long inc = e.parent_id;
		log_entry_clear(&e);
		if (log_get(c->st, inc, &e, &err) < 0)
			return cli_fail(&err);
	}
	t.st = c->st;
	t.err = &err;
	if (t.fmt == FMT_CSV) {
		csvio_write_row(stdout, exchange_timeline_header, EXCHANGE_TIMELINE_COLS);
	} else {
		char when[DDTIME_BUFSZ];
		printf(_("Incident #%lld  %s%s  %s  [%s]\n"), e.id, log_kind_label(e.kind),
		       e.drill ? _(" (drill)") : "", e.summary,
		       e.closed ? _("closed") : _("open"));
		if (*e.group)
			roster_leads_at(c->st, e.group, e.occurred_at, &leads, NULL);
		printf(_("Recorded by %s; happened %s; group: %s%s%s%s\n\n"), e.operator_name,
		       ddtime_format(e.occurred_at, DDTIME_MINUTE, when),
		       *e.group ? e.group : _("none"), leads && *leads ? _(" (led then by ") : "",
		       leads && *leads ? leads : "", leads && *leads ? ")" : "");
		free(leads);
		const char *h[] = {_("WHEN"), _("ELAPSED"), _("STEP"), _("EVENT"), _("BY"),
				   _("WHAT")};
		t.t = table_new(6, h);
	}
	log_entry_clear(&e);
	rc = log_timeline(c->st, id, tl_row, &t, &err);
	table_print_free(t.t, stdout);
	return rc < 0 || t.failed ? cli_fail(&err) : 0;
}
