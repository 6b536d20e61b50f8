/* cmd_exchange.c — import and export: the desk's data as CSV files. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "io/exchange.h"
#include "base/i18n.h"

static int take_kind(struct cli *c, const char *s, int importing, enum exchange_kind *kind)
{
	if (exchange_kind_parse(s, kind) < 0 || (importing && !exchange_can_import(*kind)))
		return cli_usage(c, importing
				 ? _("'%s' cannot be imported: roster, contacts, rules or schedule")
				 : _("'%s' cannot be exported: roster, contacts, rules, schedule "
				     "or log"), s);
	return 0;
}

static void say_imported(enum exchange_kind kind, const char *file, int dry, int replace,
			 const struct exchange_counts *n)
{
	char *text = exchange_counts_text(kind, n);
	const char *what = exchange_kind_name(kind);

	if (dry && n->vacated && !replace)
		fprintf(stderr, _("dutydesk: %s would take people off %d post(s) they hold now "
				  "and leave them empty (%s): importing it needs --replace\n"),
			file, n->vacated, n->vacated_names);
	if (dry && exchange_counts_any(n))
		fprintf(stderr, _("dutydesk: %s has no problem; importing it would give: %s "
				  "(dry run: nothing was written)\n"), file, text);
	else if (dry)
		fprintf(stderr, _("dutydesk: %s has no problem and the database matches it "
				  "already: importing it would change nothing (%s)\n"), file, text);
	else if (exchange_counts_any(n))
		fprintf(stderr, _("dutydesk: imported the %s from %s: %s\n"), what, file, text);
	else
		fprintf(stderr, _("dutydesk: the database matches %s already; nothing changed "
				  "(%s)\n"), file, text);
	free(text);
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	enum exchange_kind kind;
	struct exchange_counts n;
	struct csvio_report rep;
	struct dd_err err;
	const char *file;
	FILE *in;
	int dry = 0, replace = 0, rc, o;
	static const struct option opts[] = {
		{"dry-run", no_argument, 0, 'd'},
		{"replace", no_argument, 0, 'r'},
		{0, 0, 0, 0},
	};

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dry = 1;
		else if (o == 'r')
			replace = 1;
		else
			return cli_bad_option(c);
	}
	if (optind != argc - 2)
		return cli_usage(c, _("give what to import (roster, contacts, rules or schedule) "
				      "and the file"));
	if (take_kind(c, argv[optind], 1, &kind) != 0)
		return 2;
	if (replace && kind != EXCHANGE_ROSTER)
		return cli_usage(c, _("--replace is for the roster"));
	file = argv[optind + 1];
	/* A dry run only reads: it needs nobody at the desk. */
	if ((dry ? cli_open(c) : cli_identify(c)) != 0)
		return c->status;
	if (strcmp(file, "-") == 0) {
		in = stdin;
	} else if (!(in = fopen(file, "r"))) {
		dd_fail(&err, DD_EIO, _("cannot open %s: %s"), file, strerror(errno));
		return cli_fail(&err);
	}
	csvio_report_init(&rep, strcmp(file, "-") == 0 ? _("<stdin>") : file);
	rc = exchange_import(c->st, dry ? NULL : &c->who, kind, in,
			     (dry ? EXCHANGE_DRY_RUN : 0) | (replace ? EXCHANGE_REPLACE : 0), &rep,
			     &n, &err);
	if (in != stdin)
		fclose(in);
	if (rc < 0) {
		csvio_report_print(&rep, stderr);
		csvio_report_free(&rep);
		if (err.about == DD_ABOUT_VACATES)
			return cli_fail_hint(&err, _("give --replace to vacate them"));
		return cli_fail(&err);
	}
	say_imported(kind, rep.file, dry, replace, &n);
	csvio_report_free(&rep);
	return 0;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"bom", no_argument, 0, 'b'},
		{"force", no_argument, 0, 'f'},
		{0, 0, 0, 0},
	};
	enum exchange_kind kind;
	struct outfile out;
	struct dd_err err;
	const char *file;
	int bom = 0, force = 0, o, rc;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 'b' && o != 'f')
			return cli_bad_option(c);
		*(o == 'b' ? &bom : &force) = 1;
	}
	if (optind != argc - 2)
		return cli_usage(c, _("give what to export (roster, contacts, rules, schedule or "
				      "log) and the file (- for standard output)"));
	if (take_kind(c, argv[optind], 0, &kind) != 0)
		return 2;
	file = argv[optind + 1];
	if (cli_open_existing(c) != 0)
		return c->status;
	if (strcmp(file, "-") == 0) {
		text_guard_raw(c->guard, stdout, 1);
		if (exchange_export(c->st, kind, stdout, bom, &err) < 0)
			return cli_fail(&err);
		return 0;
	}
	if ((rc = cli_output_open(c, file, force, &out)) != 0)
		return rc;
	if (exchange_export(c->st, kind, out.f, bom, &err) < 0) {
		outfile_abort(&out);
		return cli_fail(&err);
	}
	if ((rc = cli_output_commit(&out)) != 0)
		return rc;
	fprintf(stderr, _("dutydesk: exported the %s to %s\n"), exchange_kind_name(kind), file);
	return 0;
}
