/* cmd_mode.c — mode; mode stand-down. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/i18n.h"
#include "desk/outbreak.h"
#include "domain/mode.h"

static void print_mode(const struct mode_status *m)
{
	char when[DDTIME_BUFSZ];
	printf("%s\n", mode_name(m->state));
	if (m->since)
		printf("since: %s\nby: %s\nwhy: %s\n", ddtime_format(m->since, DDTIME_ISO, when),
		       *m->by ? m->by : "-", m->reason);
	else
		printf(_("since: the start (never changed)\n"));
	if (m->trigger)
		printf("trigger: %lld\n", m->trigger);
	if (m->state == MODE_TASKFORCE && m->outbreak)
		printf("outbreak: %lld\n", m->outbreak);
}

int cmd_mode(struct cli *c, int argc, char **argv)
{
	struct mode_status m, drill;
	struct dd_err err;

	if (argc > 1)
		return cli_usage(c, _("unexpected argument '%s'"), argv[1]);
	if (cli_open(c) != 0)
		return c->status;
	if (mode_current(c->st, 0, &m, &err) < 0 || mode_current(c->st, 1, &drill, &err) < 0)
		return cli_fail(&err);
	print_mode(&m);
	if (drill.state == MODE_TASKFORCE)
		printf(_("drill: a drill task force is active since %s (drill entry #%lld)\n"),
		       ddtime_format(drill.since, DDTIME_ISO, (char[DDTIME_BUFSZ]){0}),
		       drill.trigger);
	return 0;
}

int cmd_mode_stand_down(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"reason", required_argument, 0, 'r'},
		{"drill", no_argument, 0, 'd'},
		{"confirm", required_argument, 0, 'c'},
		{0, 0, 0, 0},
	};
	const char *reason = NULL;
	int drill = 0, o;
	unsigned confirmed = 0, more;
	enum mode_refusal why;
	struct dd_err err;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r')
			reason = optarg;
		else if (o == 'd')
			drill = 1;
		else if (o == 'c' && outbreak_open_parse(optarg, &more, &err) == 0)
			confirmed |= more;
		else if (o == 'c')
			return cli_usage(c, "%s", err.msg);
		else
			return cli_bad_option(c);
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!reason)
		return cli_usage(c, _("--reason is required: say why the task force stands down"));
	if (cli_identify(c) != 0)
		return c->status;
	if (outbreak_stand_down_confirmed(c->st, &c->who, reason, drill, confirmed, NULL, &why,
					  &err) < 0) {
		if (why == MODE_REFUSE_OPEN_ESCALATIONS)
			return cli_fail_hint(&err, drill ? _("see `dutydesk escalations --open --drill`")
							 : _("see `dutydesk escalations --open`"));
		if (why == MODE_OK && err.code == DD_EDENIED)
			return cli_fail_hint(&err, _("confirm with --confirm positives,zones,"
						     "checkpoints,final"));
		return cli_fail(&err);
	}
	fprintf(stderr, drill ? _("dutydesk: the drill task force stood down\n")
			      : _("dutydesk: the task force stood down; back to normal prevention\n"));
	return 0;
}
