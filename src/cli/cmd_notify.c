/* cmd_notify.c — notify [--once | --watch]; messages. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "desk/chase.h"
#include "desk/notify.h"
#include "desk/outbox.h"
#include "domain/settings.h"

#define WATCH_SECONDS 30

static volatile sig_atomic_t stop;

/* The states as shown (enum outbox_state). */
static const char *const state_labels[] = {N_("queued"), N_("retry"), N_("sent"), N_("failed")};

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* One round: the chase, then what is due to be sent. */
static int round_once(struct cli *c, int quiet_when_idle)
{
	struct chase_counts ch;
	struct outbox_counts oc;
	struct dd_err err;
	long long pending = 0;
	int configured = 0, busy = 0;

	if (chase_run(c->st, ddtime_now(), &ch, &err) < 0)
		return cli_fail(&err);
	if (ch.chased || ch.continuations)
		fprintf(stderr, _("dutydesk: %d overdue notification(s) chased, %d message(s) "
				  "queued, %d continuation round(s) opened\n"), ch.chased, ch.queued,
			ch.continuations);
	if (ch.no_number)
		fprintf(stderr, _("dutydesk: %d chased person(s) have no phone on file: no "
				  "message was sent to them\n"), ch.no_number);
	if (notify_send(c->st, ddtime_now(), &oc, &configured, &busy, &err) < 0 ||
	    outbox_pending(c->st, &pending, &err) < 0)
		return cli_fail(&err);
	if (busy && !quiet_when_idle)
		fprintf(stderr, _("dutydesk: another process is sending the messages; none sent "
				  "here\n"));
	if (oc.sent)
		fprintf(stderr, _("dutydesk: %d message(s) sent\n"), oc.sent);
	if (oc.failed || oc.given_up)
		fprintf(stderr, _("dutydesk: %d message(s) failed (see `dutydesk messages`)\n"),
			oc.failed + oc.given_up);
	if (!configured && pending)
		fprintf(stderr, _("dutydesk: %lld message(s) not sent: no notify command is "
				  "configured (`dutydesk config notify-command …`)\n"), pending);
	else if (pending && (!quiet_when_idle || oc.sent || oc.failed))
		fprintf(stderr, _("dutydesk: %lld message(s) not sent\n"), pending);
	return 0;
}

int cmd_notify(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"once", no_argument, 0, 'o'},
		{"watch", no_argument, 0, 'w'},
		{0, 0, 0, 0},
	};
	int o, watch = 0, once = 0, rc;
	struct sigaction sa;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'o')
			once = 1;
		else if (o == 'w')
			watch = 1;
		else
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (once && watch)
		return cli_usage(c, _("give --once or --watch, not both"));
	if (cli_open_existing(c) != 0)
		return c->status;
	if (!watch)
		return round_once(c, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stop) {
		struct timespec t = {1, 0};

		if ((rc = round_once(c, 1)) != 0)
			fprintf(stderr, _("dutydesk: trying again in %d seconds\n"), WATCH_SECONDS);
		sync_round(c);
		for (int i = 0; i < WATCH_SECONDS && !stop; i++)
			nanosleep(&t, NULL);
	}
	return 0;
}

int cmd_messages(struct cli *c, int argc, char **argv)
{
	static const char *const csv_header[] = {"id", "created_at", "recipient", "number",
						 "state", "attempts", "last_at", "next_at",
						 "reason", "entry_id", "text"};
	enum cli_format fmt = FMT_TEXT;
	struct outbox_item *v;
	struct dd_err err;
	struct table *t = NULL;
	long long pending = 0;
	int n, rc;

	if ((rc = cli_only_format(c, argc, argv, &fmt)) != 0)
		return rc;
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open_existing(c) != 0)
		return c->status;
	if (outbox_list(c->st, 0, &v, &n, &err) < 0 || outbox_pending(c->st, &pending, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, csv_header, 11);
	} else {
		const char *h[] = {_("ID"), _("QUEUED"), _("TO"), _("STATE"), _("TRIES"),
				   _("TEXT")};
		t = table_new(6, h);
	}
	for (int i = 0; i < n; i++) {
		char id[24], tries[24], entry[24], created[DDTIME_BUFSZ], last[DDTIME_BUFSZ] = "",
			next[DDTIME_BUFSZ] = "", to[512], state[1024];
		const char *name = outbox_state_name(v[i].state);

		snprintf(id, sizeof id, "%lld", v[i].id);
		snprintf(tries, sizeof tries, "%d", v[i].attempts);
		snprintf(entry, sizeof entry, "%lld", v[i].entry_id);
		if (v[i].last_at)
			ddtime_format(v[i].last_at, DDTIME_ISO, last);
		if (v[i].next_at)
			ddtime_format(v[i].next_at, DDTIME_ISO, next);
		if (fmt == FMT_CSV) {
			const char *cells[] = {id, ddtime_format(v[i].created_at, DDTIME_ISO, created),
					       v[i].recipient, v[i].number, name, tries, last, next,
					       v[i].reason, v[i].entry_id ? entry : "", v[i].text};
			csvio_write_row(stdout, cells, 11);
			continue;
		}
		snprintf(to, sizeof to, "%s %s", v[i].recipient, v[i].number);
		if (*v[i].reason)
			snprintf(state, sizeof state, "%s: %s", _(state_labels[v[i].state]),
				 v[i].reason);
		else
			snprintf(state, sizeof state, "%s", _(state_labels[v[i].state]));
		const char *cells[] = {id, ddtime_format(v[i].created_at, DDTIME_SHORT, created), to,
				       state, tries, v[i].text};
		table_row(t, cells);
	}
	table_print_free(t, stdout);
	outbox_items_free(v, n);
	if (fmt == FMT_TEXT) {
		char *cmd = NULL;

		printf(_("%lld message(s) not sent\n"), pending);
		if (pending && settings_get_text(c->st, SETTING_NOTIFY_COMMAND, &cmd, &err) == 0 &&
		    !*cmd)
			printf(_("No notify command is configured: they stay queued "
				 "(`dutydesk config notify-command …`).\n"));
		free(cmd);
	}
	return 0;
}
