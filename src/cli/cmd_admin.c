/* cmd_admin.c — init, check, backup, pin set. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "domain/auth.h"
#include "store/chain.h"
#include "base/i18n.h"
#include "pin.h"

int cmd_init(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage(c, _("unexpected argument '%s'"), argv[1]);
	if (cli_open(c) != 0)
		return c->status;
	printf("%s\n", store_path(c->st));
	fprintf(stderr, _("dutydesk: %s is ready (schema %d)\n"), store_path(c->st),
		store_schema_version(c->st));
	return 0;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	struct chain_report rep;
	struct dd_err err;
	char head[2 * CHAIN_HASH_LEN + 1];
	int rc = 0;

	if (argc > 1)
		return cli_usage(c, _("unexpected argument '%s'"), argv[1]);
	if (cli_open_existing(c) != 0)
		return c->status;
	if (store_integrity(c->st, &err) < 0) {
		printf(_("database: FAILED: %s\n"), err.msg);
		rc = cli_fail(&err);
	} else {
		printf(_("database: ok (integrity, foreign keys)\n"));
	}
	if (chain_verify(c->st, &rep, &err) < 0) {
		if (err.code == DD_ETAMPER)
			printf(_("log chain: BROKEN at event #%lld: %s\n"), rep.first_bad,
			       rep.problem);
		else
			printf(_("log chain: could not be read: %s\n"), err.msg);
		/* A broken chain says more than the damage that goes with it (a
		 * row deleted behind dutydesk's back also fails the foreign keys). */
		return rc && err.code != DD_ETAMPER ? rc : cli_fail(&err);
	}
	chain_hex(rep.head, 8, head);
	printf(_("log chain: ok (%lld events, %lld entries; head %s)\n"), rep.events,
	       rep.entries, head);
	return rc;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	struct dd_err err;

	if (argc != 2)
		return cli_usage(c, _("give the file to write the backup to"));
	if (cli_open_existing(c) != 0)
		return c->status;
	if (store_backup(c->st, argv[1], &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: backed up %s to %s\n"), store_path(c->st), argv[1]);
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
