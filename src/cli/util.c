/* util.c — what the subcommands share: opening, identifying, errors, arguments,
 * tables. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "desk/desk.h"
#include "base/i18n.h"
#include "base/text.h"
#include "pin.h"

static int open_db(struct cli *c, int create)
{
	struct dd_err err;
	char *path;
	int seeded = 0;

	if (store_resolve_path(c->db_path, &path, &err) < 0 ||
	    desk_open(&c->st, path, create, &seeded, &err) < 0) {
		free(path);
		return c->status = cli_fail(&err);
	}
	if (seeded)
		fprintf(stderr, _("dutydesk: created %s with the organisation of the notice\n"),
			store_path(c->st));
	free(path);
	return 0;
}

int cli_create(struct cli *c)
{
	return open_db(c, 1);
}

int cli_open(struct cli *c)
{
	return open_db(c, 0);
}

int cli_open_existing(struct cli *c)
{
	return cli_open(c);
}

int cli_output_open(struct cli *c, const char *path, int force, struct outfile *o)
{
	struct dd_err err;

	if (store_check_output(c->st, path, &err) < 0 || outfile_open(o, path, force, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cli_output_commit(struct outfile *o)
{
	struct dd_err err;

	if (outfile_commit(o, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cli_person(struct cli *c, const char *name, struct actor *who)
{
	struct dd_err err;

	if (person_identify(c->st, name, who, &err) == 0)
		return 0;
	if (err.code == DD_ENOTFOUND) {
		fprintf(stderr, _("dutydesk: %s (dutydesk person add %s)\n"), err.msg, name);
		return dd_exit_status(err.code);
	}
	return cli_fail(&err);
}

int cli_identify(struct cli *c)
{
	struct dd_err err;

	if (!c->st && cli_open(c) != 0)
		return c->status;
	if ((c->status = cli_person(c, c->operator_name, &c->who)) != 0 ||
	    (c->status = cli_check_pin(c, &c->who)) != 0)
		return c->status;
	if (auth_may_act(c->st, &c->who, &err) < 0)
		return c->status = cli_fail(&err);
	return 0;
}

/* Read `who`'s PIN (the next line of standard input with --pin-stdin) and
 * prove it. */
static int read_and_check(struct cli *c, struct actor *who)
{
	struct dd_err err;
	char pin[AUTH_PIN_MAX + 2], prompt[320];
	int rc;

	snprintf(prompt, sizeof prompt, _("PIN for %s: "), who->name);
	if (pin_read(prompt, c->pin_stdin, pin, sizeof pin, &err) < 0)
		return cli_fail(&err);
	rc = auth_check(c->st, who, pin, &err);
	memset(pin, 0, sizeof pin);
	return rc < 0 ? cli_fail(&err) : 0;
}

/* The command line's own advice for what a failure is about: the core says
 * what is wrong, the command line what to type. */
static const struct {
	enum dd_about about;
	const char *hint;
} hints[] = {
	{DD_ABOUT_OPERATOR, N_("give --operator NAME or set DUTYDESK_OPERATOR")},
	{DD_ABOUT_GROUP, N_("`dutydesk roster` lists the groups")},
	{DD_ABOUT_TASK, N_("`dutydesk task list --all` lists them")},
	{DD_ABOUT_MEETING, N_("`dutydesk meeting list` lists them")},
	{DD_ABOUT_METRIC, N_("`dutydesk stats metric list` lists them")},
	{DD_ABOUT_NO_DATABASE, N_("run `dutydesk init` to create it")},
	{DD_ABOUT_FOREIGN_DB, N_("give another path with --db")},
	{DD_ABOUT_NO_PDF, N_("use --format text")},
	{DD_ABOUT_PRINTER, N_("or give --printer NAME")},
	{DD_ABOUT_EXISTS, N_("give --force to replace it")},
	{DD_ABOUT_PLACE, N_("`dutydesk zone set PLACE ZONE --new-place` adds a new one")},
};

static const char *hint_for(const struct dd_err *err)
{
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (hints[i].about == err->about)
			return _(hints[i].hint);
	return NULL;
}

int cli_check_pin(struct cli *c, struct actor *who)
{
	struct dd_err err;
	int has = 0;

	if (auth_has_pin(c->st, who->id, &has, &err) < 0)
		return cli_fail(&err);
	return has ? read_and_check(c, who) : 0;
}

int cli_cosign(struct cli *c, const char *name, struct actor *who)
{
	struct dd_err err;
	int rc, has = 0;

	if ((rc = cli_person(c, name, who)) != 0)
		return rc;
	if (who->id == c->who.id && c->who.verified) {
		*who = c->who;  /* signed already, as the one who acts */
		return 0;
	}
	if (auth_has_pin(c->st, who->id, &has, &err) < 0)
		return cli_fail(&err);
	if (!has)  /* refused, saying who can set one */
		return auth_check(c->st, who, NULL, &err) < 0 ? cli_fail(&err) : 0;
	return read_and_check(c, who);
}

int cli_fail(const struct dd_err *err)
{
	return cli_fail_hint(err, hint_for(err));
}

int cli_fail_hint(const struct dd_err *err, const char *hint)
{
	if (hint)
		/* TRANSLATORS: an error message, then the command line's advice. */
		fprintf(stderr, _("dutydesk: %s (%s)\n"), err->msg, hint);
	else
		fprintf(stderr, "dutydesk: %s\n", err->msg);
	return dd_exit_status(err->code);
}

int cli_usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	fputs("dutydesk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c && c->cmd)
		fprintf(stderr, _("Try 'dutydesk %s --help' for more information.\n"),
			c->cmd->words);
	else
		fprintf(stderr, _("Try 'dutydesk --help' for more information.\n"));
	return 2;
}

int cli_bad_option(struct cli *c)
{
	return cli_usage(c, _("unknown or incomplete option"));
}

void cli_help(const struct command *cmd, FILE *out)
{
	fprintf(out, _("Usage: dutydesk [--db PATH] %s %s\n"), cmd->words, i18n_tr(cmd->usage));
	fprintf(out, "%s\n", _(cmd->summary));
	if (cmd->options && *cmd->options)
		fprintf(out, "\n%s", _(cmd->options));
	fprintf(out, _("\nCommon options:\n"
		       "      --db PATH         the database (default: $DUTYDESK_DB, else\n"
		       "                        $XDG_DATA_HOME/dutydesk/dutydesk.db)\n"
		       "      --operator NAME   who is writing (default: $DUTYDESK_OPERATOR)\n"
		       "      --pin-stdin       read PINs from standard input, a line each: the\n"
		       "                        operator's, then a second signer's\n"
		       "  -h, --help            show this help and exit\n"));
}

int cli_format(struct cli *c, const char *s, unsigned allowed, enum cli_format *out)
{
	static const char *const names[] = {"text", "csv", "pdf"};
	for (int i = 0; i < 3; i++) {
		if (strcmp(s, names[i]) == 0 && (allowed & (1u << i))) {
			*out = (enum cli_format)i;
			/* CSV and PDF are data: they go out exactly. */
			text_guard_raw(c ? c->guard : NULL, stdout, i != FMT_TEXT);
			return 0;
		}
	}
	return cli_usage(c, _("'%s' is not a format here"), s);
}

int cli_id(struct cli *c, const char *s, long long *out)
{
	char *end;
	long long v;

	if (s && *s == '#')
		s++;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0)
		return cli_usage(c, _("'%s' is not an id (a number such as 12)"), s ? s : "");
	*out = v;
	return 0;
}

int cli_one_id(struct cli *c, int argc, char **argv, int first, const char *usage,
	       long long *id)
{
	if (argc - first != 1)
		return cli_usage(c, "%s", usage);
	return cli_id(c, argv[first], id) != 0 ? 2 : 0;
}

/* The command's only option, --NAME (with a value when `has_arg`): 0 with
 * optind at its arguments, *given counting it and *value its last value;
 * or 2 after saying it is not the one. */
static int only_option(struct cli *c, int argc, char **argv, const char *name, int has_arg,
		       const char **value, int *given)
{
	const struct option opts[] = {
		{name, has_arg ? required_argument : no_argument, 0, 'o'},
		{0, 0, 0, 0},
	};
	int o;

	*given = 0;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 'o')
			return cli_bad_option(c);
		(*given)++;
		if (value)
			*value = optarg;
	}
	return 0;
}

int cli_id_text(struct cli *c, int argc, char **argv, const char *name, const char *one_id,
		const char *missing, long long *id, const char **text)
{
	int given;

	*text = NULL;
	if (only_option(c, argc, argv, name, 1, text, &given) != 0)
		return 2;
	if (cli_one_id(c, argc, argv, optind, one_id, id) != 0)
		return 2;
	if (!*text)
		return cli_usage(c, "%s", missing);
	return 0;
}

int cli_only_format(struct cli *c, int argc, char **argv, enum cli_format *fmt)
{
	const char *f = NULL;
	int given;

	if (only_option(c, argc, argv, "format", 1, &f, &given) != 0)
		return 2;
	if (given && cli_format(c, f, 1u << FMT_TEXT | 1u << FMT_CSV, fmt) != 0)
		return 2;
	return 0;
}

int cli_only_flag(struct cli *c, int argc, char **argv, const char *name, int *flag)
{
	return only_option(c, argc, argv, name, 0, NULL, flag);
}

struct table {
	int ncols, nrows, cap;
	char **cells;   /* nrows * ncols */
};

struct table *table_new(int ncols, const char *const *header)
{
	struct table *t = dd_xcalloc(1, sizeof *t);
	t->ncols = ncols;
	if (header)
		table_row(t, header);
	return t;
}

void table_row(struct table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = dd_xrealloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof(char *));
	}
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = dd_xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

void table_print(struct table *t, FILE *out)
{
	int *w = dd_xcalloc((size_t)t->ncols, sizeof *w);

	for (int r = 0; r < t->nrows; r++)
		for (int i = 0; i < t->ncols - 1; i++) {
			int cw = text_width(t->cells[r * t->ncols + i]);
			if (cw > w[i])
				w[i] = cw;
		}
	for (int r = 0; r < t->nrows; r++) {
		for (int i = 0; i < t->ncols; i++) {
			const char *cell = t->cells[r * t->ncols + i];
			if (i == t->ncols - 1) {
				fputs(cell, out);
			} else {
				char *f = text_fit(cell, w[i]);
				fputs(f, out);
				fputs("  ", out);
				free(f);
			}
		}
		fputc('\n', out);
	}
	free(w);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

void table_print_free(struct table *t, FILE *out)
{
	if (!t)
		return;
	table_print(t, out);
	table_free(t);
}
