/* main.c — dutydesk: the terminal UI without a subcommand, else the
 * subcommand named on the command line. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/i18n.h"
#include "ui/ui.h"

static void usage(FILE *out)
{
	fprintf(out, _("Usage: dutydesk [--db PATH] [--operator NAME]\n"
		       "       dutydesk [--db PATH] [--operator NAME] COMMAND [ARGS]\n"
		       "The duty desk of a township epidemic joint prevention and control office.\n"
		       "Without a command, opens the terminal UI.\n\nCommands:\n"));
	for (const struct command *c = cli_commands; c->words; c++) {
		char head[64];
		snprintf(head, sizeof head, "%s", c->words);
		fprintf(out, "  %-22s %s\n", head, _(c->summary));
	}
	fprintf(out, _("\nOptions:\n"
		       "      --db PATH         the database (default: $DUTYDESK_DB, else\n"
		       "                        $XDG_DATA_HOME/dutydesk/dutydesk.db, else\n"
		       "                        ~/.local/share/dutydesk/dutydesk.db)\n"
		       "      --operator NAME   who is at the desk (default: $DUTYDESK_OPERATOR)\n"
		       "      --pin-stdin       read PINs from standard input, a line each: the\n"
		       "                        operator's, then a second signer's\n"
		       "  -h, --help            show this help and exit\n"
		       "  -V, --version         show the version and exit\n\n"
		       "'dutydesk COMMAND --help' describes a command; 'man dutydesk' the whole.\n"
		       "Exit status: 0 success, 1 database or file trouble, 2 bad input, 3 not\n"
		       "found, 4 refused, 5 database busy, 6 the log's integrity is broken.\n"));
}

static void version(void)
{
	printf("dutydesk %s\n", DD_VERSION);
	printf("Copyright (C) 2026 the dutydesk authors.\n"
	       "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n");
}

/* Troff for the man page, from the same tables as --help and the UI's
 * help screen (man/meson.build runs this), so that the page cannot drift. */
static void troff_escape(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

static void man_commands(FILE *out)
{
	for (const struct command *c = cli_commands; c->words; c++) {
		fputs(".TP\n.B dutydesk ", out);
		troff_escape(out, c->words);
		if (*c->usage) {
			fputs(" ", out);
			troff_escape(out, c->usage);
		}
		fputs("\n", out);
		troff_escape(out, c->summary);
		fputs(".\n", out);
		if (c->options && *c->options) {
			fputs(".RS\n.nf\n", out);
			troff_escape(out, c->options);
			fputs(".fi\n.RE\n", out);
		}
	}
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	int rc;

	if ((rc = cli_start(&c, &argc, argv)) != 0)
		return rc;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		version();
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--man-section") == 0) {
		/* Untranslated: the page is written in English. */
		setlocale(LC_MESSAGES, "C");
		if (strcmp(argv[2], "commands") == 0)
			man_commands(stdout);
		else if (strcmp(argv[2], "keys") == 0)
			ui_man_keys(stdout);
		else
			return 2;
		return 0;
	}
	if (argc < 2) {
		struct ui_options o = {.db_path = c.db_path, .operator_name = c.operator_name};
		return ui_main(&o);
	}
	return cli_dispatch(&c, cli_commands, argc, argv);
}
