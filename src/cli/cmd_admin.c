/* cmd_admin.c — init, check, backup, pin set. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "domain/auth.h"
#include "domain/town.h"
#include "store/chain.h"
#include "base/ddtime.h"
#include "base/i18n.h"
#include "pin.h"

int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"town", required_argument, 0, 't'},
		{0, 0, 0, 0},
	};
	const char *name = NULL;
	struct dd_err err;
	struct town t;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 't')
			return cli_bad_option(c);
		name = optarg;
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (name && town_check_name(name, &err) < 0)
		return cli_usage(c, "%s", err.msg);
	if (cli_create(c) != 0)
		return c->status;
	if ((name && town_name(c->st, name, &err) < 0) || town_get(c->st, &t, &err) < 0)
		return cli_fail(&err);
	printf("%s\n", store_path(c->st));
	fprintf(stderr, _("dutydesk: %s is ready (schema %d), the desk of %s\n"),
		store_path(c->st), store_schema_version(c->st), t.name);
	return 0;
}

/* The findings of one kind, under their heading: "rows: ok (…)" or
 * "rows: ALTERED:" and a line each.  Returns whether there were any. */
static int print_findings(const struct chain_report *rep, enum chain_finding_kind kind,
			  const char *bad, const char *ok)
{
	int shown = 0;

	if (!rep->nkind[kind]) {
		printf("%s\n", ok);
		return 0;
	}
	printf("%s\n", bad);
	for (int i = 0; i < rep->nfindings && i < CHAIN_FINDINGS; i++)
		if (rep->findings[i].kind == kind) {
			printf("  %s\n", rep->findings[i].text);
			shown++;
		}
	if (shown < rep->nkind[kind])
		printf(_("  … and %d more\n"), rep->nkind[kind] - shown);
	return 1;
}

/* --head HEX: whether the chain holds the head printed on a paper. */
static int check_head(struct cli *c, const char *hex, struct dd_err *err)
{
	long long id = 0, at = 0;
	char when[DDTIME_BUFSZ];
	int found = chain_find_head(c->st, hex, &id, &at, err);

	if (found < 0)
		return -1;
	if (found) {
		printf(_("printed head %s: found: event #%lld of %s\n"), hex, id,
		       ddtime_format(at, DDTIME_MINUTE, when));
		return 0;
	}
	printf(_("printed head %s: NOT FOUND: no event of the chain has it; the chain was cut "
		 "back before the paper was printed, or recomputed since\n"), hex);
	return dd_fail(err, DD_ETAMPER, _("the chain does not hold the printed head %s"), hex);
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	enum { OPT_HEAD = 256 };
	static const struct option opts[] = {
		{"head", required_argument, 0, OPT_HEAD},
		{0, 0, 0, 0},
	};
	struct chain_report rep;
	struct dd_err err, cerr;
	char head[2 * CHAIN_HASH_LEN + 1];
	const char *want = NULL;
	int rc = 0, chain_rc, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != OPT_HEAD)
			return cli_bad_option(c);
		want = optarg;
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (want && chain_head_parse(want, &err) < 0)
		return cli_usage(c, "%s", err.msg);
	if (cli_open_existing(c) != 0)
		return c->status;
	if (store_integrity(c->st, &err) < 0) {
		printf(_("database: FAILED: %s\n"), err.msg);
		rc = cli_fail(&err);
	} else {
		printf(_("database: ok (integrity, foreign keys)\n"));
	}
	chain_rc = chain_verify(c->st, &rep, &cerr);
	if (chain_rc < 0 && cerr.code != DD_ETAMPER) {
		printf(_("log chain: could not be read: %s\n"), cerr.msg);
		return rc ? rc : cli_fail(&cerr);
	}
	{
		char ok[160];
		snprintf(ok, sizeof ok, _("schema: ok (%d tables, indexes and triggers as the "
					  "migrations made them)"), rep.schema_objects);
		print_findings(&rep, CHAIN_FIND_SCHEMA, _("schema: CHANGED:"), ok);
	}
	chain_hex(rep.head, CHAIN_HEAD_PRINTED, head);
	if (rep.first_bad || (chain_rc < 0 && !rep.nfindings))
		printf(_("log chain: BROKEN at event #%lld: %s\n"), rep.first_bad, rep.problem);
	else
		printf(_("log chain: ok (%lld events, %lld entries; head %s)\n"), rep.events,
		       rep.entries, head);
	if (!rep.first_bad && !(chain_rc < 0 && !rep.nfindings)) {
		char ok[160];
		snprintf(ok, sizeof ok, _("rows: ok (%lld rows beside the log, as the chain sealed "
					  "them)"), rep.rows);
		print_findings(&rep, CHAIN_FIND_ROWS, _("rows: ALTERED:"), ok);
		print_findings(&rep, CHAIN_FIND_RECORDS, _("sequences: WRONG:"),
			       _("sequences: ok (each table's sequence and the head last "
				 "appended agree with the chain)"));
	}
	if (want && check_head(c, want, &err) < 0) {
		if (err.code != DD_ETAMPER)
			return cli_fail(&err);
		if (chain_rc == 0) {
			chain_rc = -1;
			cerr = err;
		}
	}
	if (!want)
		printf(_("not provable from the file alone: the newest events cut, or the whole "
			 "chain recomputed, with every record rewritten to agree; a head printed "
			 "on a handover sheet or daily report catches it: dutydesk check --head "
			 "HEX\n"));
	if (chain_rc < 0)
		/* A broken chain says more than the damage that goes with it (a
		 * row deleted behind dutydesk's back also fails the foreign keys). */
		return cli_fail(&cerr);
	return rc;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	struct dd_err err;
	int force;

	if (cli_only_flag(c, argc, argv, "force", &force) != 0)
		return 2;
	if (optind != argc - 1)
		return cli_usage(c, _("give the file to write the backup to"));
	if (cli_open_existing(c) != 0)
		return c->status;
	if (store_backup(c->st, argv[optind], force, &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: backed up %s to %s\n"), store_path(c->st), argv[optind]);
	return 0;
}

int cmd_pin_set(struct cli *c, int argc, char **argv)
{
	char pin[AUTH_PIN_MAX + 2], again[AUTH_PIN_MAX + 2], prompt[320];
	struct dd_err err;
	int rc;

	if (argc != 2)
		return cli_usage(c, _("give the person whose PIN to set"));
	if (!c->operator_name)
		c->operator_name = argv[1];
	/* Who sets it proves who they are first (their current PIN, when they
	 * have one); on standard input that PIN comes first, then the new one.
	 * Whether they may set it is the domain's rule (auth_set_pin). */
	if (!c->st && cli_open(c) != 0)
		return c->status;
	if ((rc = cli_person(c, c->operator_name, &c->who)) != 0 ||
	    (rc = cli_check_pin(c, &c->who)) != 0)
		return rc;
	snprintf(prompt, sizeof prompt, _("New PIN for %s: "), argv[1]);
	if (pin_read(prompt, c->pin_stdin, pin, sizeof pin, &err) < 0)
		return cli_fail(&err);
	if (!c->pin_stdin) {
		if (pin_read(_("Again: "), 0, again, sizeof again, &err) < 0)
			return cli_fail(&err);
		if (strcmp(pin, again) != 0) {
			memset(pin, 0, sizeof pin);
			memset(again, 0, sizeof again);
			fprintf(stderr, _("dutydesk: the two PINs differ; nothing changed\n"));
			return 2;
		}
		memset(again, 0, sizeof again);
	}
	rc = auth_set_pin(c->st, &c->who, argv[1], pin, &err);
	memset(pin, 0, sizeof pin);
	if (rc < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: PIN set for %s\n"), argv[1]);
	return 0;
}
