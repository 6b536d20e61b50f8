/* cli.h — the subcommands' shared frame (front-end internal).
 *
 * Every action of the desk is a subcommand for scripts, cron and supervisors
 * on ssh.  Each declares itself once in the command table (commands.c): its
 * words, usage, one-line summary, option help and handler; `--help` and the
 * dispatcher read the same table. */
#ifndef DUTYDESK_CLI_H
#define DUTYDESK_CLI_H

#include <stdio.h>

#include "base/err.h"
#include "base/outfile.h"
#include "base/text.h"
#include "domain/person.h"
#include "store/store.h"

enum cli_format { FMT_TEXT, FMT_CSV, FMT_PDF };

struct cli {
	const char *db_path;        /* --db, else DUTYDESK_DB, else the default */
	const char *operator_name;  /* --operator, else DUTYDESK_OPERATOR */
	int pin_stdin;              /* --pin-stdin */
	struct store *st;
	struct actor who;           /* after cli_identify */
	const struct command *cmd;
	int status;                 /* exit status of the last failed cli_open/identify */
	struct text_guard *guard;   /* stdout shows stored text's controls visibly */
};

struct command {
	const char *words;          /* "log add" */
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage;          /* after the words */
	const char *summary;        /* one line */
	const char *options;        /* the option help, one per line */
};

extern const struct command cli_commands[];

/* What every program of the command line does first: a UTF-8 locale, the
 * messages' catalogue, DUTYDESK_OPERATOR, and the options every command
 * shares (--db, --operator, --pin-stdin) taken out of argv wherever they
 * stand; the rest stays in order.  0, or the exit status after saying why. */
int cli_start(struct cli *c, int *argc, char **argv);
/* Run the command of `table` whose words start argv[1…] (the longest
 * match): its --help from the table, else its handler with the program's
 * standard output guarded; the database closed after.  Its exit status, or 2
 * after saying that there is no such command. */
int cli_dispatch(struct cli *c, const struct command *table, int argc, char **argv);

/* Create the database from the shipped data if missing, and open it (init). */
int cli_create(struct cli *c);
/* Open the database; a missing file is an error whose hint says `init` makes one
 * (nothing is created, not even its directory). */
int cli_open(struct cli *c);
int cli_open_existing(struct cli *c);

/* A file named for output (export, handover --output, backup …), the
 * database open: refused when it is one of the database's files or exists
 * without `force`.  0, or the exit status after saying why. */
int cli_output_open(struct cli *c, const char *path, int force, struct outfile *o);
/* Put it in place (synced, renamed): 0, or the exit status after saying why. */
int cli_output_commit(struct outfile *o);

/* Who is writing: --operator or DUTYDESK_OPERATOR, a person on the roster
 * (an unknown name is refused: an admin enrols people).  Their PIN is asked
 * for (the first line of standard input with --pin-stdin) when they have one;
 * without one they act only while operator PINs are optional, marked
 * unverified.  Supervisor and admin rights are the domain's to check. */
int cli_identify(struct cli *c);
/* `name` on the roster, or 3 after saying that an admin enrols people. */
int cli_person(struct cli *c, const char *name, struct actor *who);
/* Ask for and verify `who`'s PIN, if they have one (who->verified then). */
int cli_check_pin(struct cli *c, struct actor *who);
/* A second person signs the act with their own PIN (four eyes): the reviewer,
 * the approver, the incoming operator; on --pin-stdin the next line. */
int cli_cosign(struct cli *c, const char *name, struct actor *who);

/* Report an error on stderr ("dutydesk: ..."), with the command line's
 * advice for what it is about ("`dutydesk roster` lists the groups"), and
 * return its exit status. */
int cli_fail(const struct dd_err *err);
/* The same with the command line's own hint after the core's message
 * ("dutydesk: ... (see `dutydesk escalations --open`)"). */
int cli_fail_hint(const struct dd_err *err, const char *hint);
/* A usage error for the current command; returns 2. */
int cli_usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The usage error for an option getopt did not take; returns 2. */
int cli_bad_option(struct cli *c);
/* Print the command's --help. */
void cli_help(const struct command *cmd, FILE *out);

/* Parse --format text|csv[|pdf]; `allowed` is a mask of 1 << enum cli_format. */
int cli_format(struct cli *c, const char *s, unsigned allowed, enum cli_format *out);
/* Parse a positive id. */
int cli_id(struct cli *c, const char *s, long long *out);
/* The one id that argv[first..argc) must hold: 0, or 2 after saying
 * `usage` (there is not one) or that it is no id. */
int cli_one_id(struct cli *c, int argc, char **argv, int first, const char *usage,
	       long long *id);
/* `ID --NAME TEXT`, the option the only one and required: 0, or 2 after
 * saying what is wrong (`one_id` when there is not one id, `missing` when
 * there is no --NAME). */
int cli_id_text(struct cli *c, int argc, char **argv, const char *name, const char *one_id,
		const char *missing, long long *id, const char **text);
/* `--format text|csv`, the command's only option: 0 with optind at its
 * arguments, or 2 after saying what is wrong. */
int cli_only_format(struct cli *c, int argc, char **argv, enum cli_format *fmt);
/* `--NAME`, a flag, the command's only option: 0 with optind at its
 * arguments and *flag set when given, or 2 after saying what is wrong. */
int cli_only_flag(struct cli *c, int argc, char **argv, const char *name, int *flag);

/* Aligned text tables, widths measured by wcwidth. */
struct table;
struct table *table_new(int ncols, const char *const *header);
void table_row(struct table *t, const char *const *cells);
/* Print; the last column is never padded or clipped. */
void table_print(struct table *t, FILE *out);
void table_free(struct table *t);
/* Print and free (nothing when `t` is NULL: a CSV listing has no table). */
void table_print_free(struct table *t, FILE *out);

#endif
