/* run.c — what every program of the command line does around its command
 * (dutydesk, main.c; the county's program, main_county.c): the locale and
 * the catalogue, the options every command shares, finding the command in
 * the program's table, its --help, and its standard output guarded. */
#define _GNU_SOURCE /* stdout is assignable */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/i18n.h"

/* Take the options every command shares out of argv, wherever they stand
 * (before a "--"); the rest stays in order. */
static int take_common(struct cli *c, int *argc, char **argv)
{
	int k = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[k++] = argv[i++];
			break;
		}
		if (strcmp(a, "--db") == 0 || strcmp(a, "--operator") == 0) {
			if (i + 1 >= *argc)
				return cli_usage(NULL, _("option '%s' needs a value"), a);
			if (a[2] == 'd')
				c->db_path = argv[++i];
			else
				c->operator_name = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c->db_path = a + 5;
		} else if (strncmp(a, "--operator=", 11) == 0) {
			c->operator_name = a + 11;
		} else if (strcmp(a, "--pin-stdin") == 0) {
			c->pin_stdin = 1;
		} else {
			argv[k++] = argv[i];
		}
	}
	*argc = k;
	argv[k] = NULL;
	return 0;
}

/* The command whose words start argv (the longest match). */
static const struct command *find(const struct command *table, int argc, char **argv,
				   int *nwords)
{
	const struct command *best = NULL;
	int bestn = 0;

	for (const struct command *c = table; c->words; c++) {
		char words[64], *save = NULL;
		int n = 0, ok = 1;
		snprintf(words, sizeof words, "%s", c->words);
		for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			if (1 + n >= argc || strcmp(argv[1 + n], w) != 0) {
				ok = 0;
				break;
			}
			n++;
		}
		if (ok && n > bestn) {
			best = c;
			bestn = n;
		}
	}
	*nwords = bestn;
	return best;
}

/* The language a locale name asks for ("zh_CN" of "zh_CN.UTF-8@x"), when it
 * asks for one other than C. */
static int asked_language(char *out, size_t n)
{
	const char *v = getenv("LC_ALL");

	if (!v || !*v)
		v = getenv("LC_MESSAGES");
	if (!v || !*v)
		v = getenv("LANG");
	if (!v || !*v || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 ||
	    strncmp(v, "C.", 2) == 0)
		return 0;
	snprintf(out, n, "%.*s", (int)strcspn(v, ".@"), v);
	return *out && strspn(out, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") ==
			       strlen(out);
}

/* Chinese data needs a UTF-8 locale to be measured and shown; cron and
 * bare shells often have none.  A locale asked for but not installed on
 * the machine (LANG=zh_CN.UTF-8 where no zh_CN locale was generated) still
 * gives its language to the messages, through C.UTF-8 and LANGUAGE. */
static void ensure_utf8(void)
{
	char lang[32];

	if (!setlocale(LC_ALL, "") && !getenv("LANGUAGE") && asked_language(lang, sizeof lang) &&
	    setlocale(LC_MESSAGES, "C.UTF-8"))
		setenv("LANGUAGE", lang, 0);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int output_failed(void)
{
	perror("dutydesk: writing the output");
	return 1;
}

int cli_start(struct cli *c, int *argc, char **argv)
{
	ensure_utf8();
	i18n_init();
	c->operator_name = getenv("DUTYDESK_OPERATOR");
	return take_common(c, argc, argv) != 0 ? 2 : 0;
}

int cli_dispatch(struct cli *c, const struct command *table, int argc, char **argv)
{
	FILE *real_stdout, *guarded;
	const struct command *cmd;
	int nwords, rc;

	if (argv[1][0] == '-')
		return cli_usage(NULL, _("unknown option '%s'"), argv[1]);
	cmd = find(table, argc, argv, &nwords);
	if (!cmd)
		return cli_usage(NULL, _("'%s' is not a dutydesk command"), argv[1]);
	c->cmd = cmd;
	for (int i = 1 + nwords; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_help(cmd, stdout);
			return 0;
		}
	}
	/* What the desk stores reaches the terminal with its control characters
	 * made visible (an ESC or OSC sequence in a summary never acts on it). */
	real_stdout = stdout;
	guarded = text_guard_open(real_stdout, &c->guard);
	if (guarded) {
		/* Fully buffered as before, in larger pieces: a sheet or an
		 * export of megabytes in a write(2) every 64 KiB, not every 4
		 * (glibc gives a buffer of its own size when given none). */
		static char buf[1 << 16];
		setvbuf(guarded, buf, _IOFBF, sizeof buf);
		stdout = guarded;
	}
	/* The handler sees its last word as argv[0], then its arguments. */
	rc = cmd->run(c, argc - nwords, argv + nwords);
	if (guarded) {
		stdout = real_stdout;
		if (fclose(guarded) != 0 && rc == 0)
			rc = output_failed();
	}
	if (fflush(stdout) != 0 && rc == 0)
		rc = output_failed();
	store_close(c->st);
	return rc;
}
