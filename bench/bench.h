/* bench.h — what the benchmark's files share.
 *
 * bench.c measures dutydesk through its public headers and its binary;
 * gen.c makes the data (the log through log_bulk_record, a contacts CSV);
 * spawn.c runs processes (on a pty for the terminal UI); reference.c holds
 * the reference measurements, which by definition are not dutydesk: it is
 * the only file here that talks to SQLite directly. */
#ifndef DUTYDESK_BENCH_H
#define DUTYDESK_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "log_bulk.h"

/* Bump when the generated data changes: a cached database of another
 * version is made again. */
#define BENCH_GENERATOR_VERSION 3

double bench_now_ms(void);        /* CLOCK_MONOTONIC */
int bench_cmp_double(const void *a, const void *b);
double bench_median(double *v, int n);  /* sorts v */
/* "min–max" of v, which bench_median has sorted. */
char *bench_spread(const double *v, int n, char *buf, size_t size);

/* The log's data. */
struct gen_plan {
	long long entries;            /* entries in all */
	long long shift_entries;      /* of which in the last shift */
	dd_time start;                /* the log's first day */
	dd_time shift_start, end;     /* the last shift: [shift_start, end) */
	const struct actor *ops;      /* operators taking turns, 8-hour shifts */
	int nops;
	const long long *groups;      /* responsible groups */
	int ngroups;
};

/* A word found in ten entries of the whole log, for the rare search. */
#define GEN_RARE_WORD "诸葛明轩"
/* Its first two characters: a rare two-character word (a surname). */
#define GEN_RARE_WORD2 "诸葛"

struct gen;
struct gen *gen_new(const struct gen_plan *plan);
void gen_free(struct gen *g);
/* log_bulk_next_fn; prints progress to stderr now and then. */
int gen_next(void *ctx, long long last_id, struct log_bulk_item *item, struct dd_err *err);

/* A contacts CSV (dutydesk-csv(5)) of `rows` valid rows; `units` and
 * `groups` are names of the shipped roster. */
int gen_contacts_csv(const char *path, long long rows, const char *const *units, int nunits,
		     const char *const *groups, int ngroups);

/* Whether the write-ahead log of `db` has grown to SQLite's automatic
 * checkpoint (1,000 pages): from then on a commit rewrites the log in place,
 * as in steady use, instead of growing the file, which costs more. */
int bench_wal_grown(const char *db);

/* Processes. */
struct run {
	double ms;                    /* wall time from fork to the end (or the marker) */
	long maxrss_kb;               /* peak resident set of the child (see below) */
	int status;                   /* exit status, or -1 if it did not exit normally */
};

/* Standard input of the processes run from now on: `path`, or /dev/null
 * (NULL). */
void bench_stdin_from(const char *path);

/* Run argv (argv[0] looked up in PATH) with stdout to `out_path` (NULL:
 * /dev/null), stdin as bench_stdin_from says, stderr to `err_path` (NULL: inherited).
 * maxrss_kb is wait4()'s, which counts the copy of the bench the child is
 * before it execs: use bench_run_peak for memory. */
int bench_run(char *const argv[], const char *out_path, const char *err_path,
	      struct run *r);
/* The same, reading the child's own peak (VmHWM) every `poll_ms` as it
 * runs, which makes the time less exact by about that much. */
int bench_run_peak(char *const argv[], const char *out_path, const char *err_path,
		   int poll_ms, struct run *r);

/* The terminal UI on a pty of cols x rows: the time until `marker` appears in
 * its output, then quit (q, and y to "Leave dutydesk?"), and its own peak
 * resident set once the frame is up (VmHWM).
 * `dump` (may be NULL) receives the raw output. */
int bench_ui(char *const argv[], int cols, int rows, const char *marker, const char *dump,
	     struct run *r, char *why, size_t whysz);

/* A program on a pty of cols x rows, for keys and their frames.  `dump`
 * (may be NULL) receives its raw output. */
struct pty;
struct pty *bench_pty_start(char *const argv[], int cols, int rows, const char *dump,
			    char *why, size_t whysz);
/* Started, and its first frame up (`marker` in its output; *ms since the
 * start, may be NULL): NULL after saying in `why` what it printed instead. */
struct pty *bench_pty_open(char *const argv[], int cols, int rows, const char *dump,
			   const char *marker, double *ms, char *why, size_t whysz);
/* Wait until `what` appears in its output: where it ends, or -1 (the time
 * ran out, or the program ended); *ms the time since the start. */
long bench_pty_wait(struct pty *p, const char *what, double *ms);
/* The end of its output without terminal controls, for a message. */
void bench_pty_said(const struct pty *p, char *buf, size_t n);
long bench_pty_peak(const struct pty *p);   /* VmHWM, KiB */
/* Send `keys` once the output has been quiet for `quiet_ms`, then read until
 * it is quiet again: the ms from the keys to the last byte of what they
 * drew (-1: nothing came), and how many bytes that was. */
double bench_pty_key(struct pty *p, const char *keys, int quiet_ms, size_t *bytes);
/* The same for a new size of the terminal (SIGWINCH). */
double bench_pty_resize(struct pty *p, int cols, int rows, int quiet_ms, size_t *bytes);
/* Send `quit`, and `yes` once `ask` shows (NULL: none); read to the end,
 * wait for it, free p.  -1 when it did not ask (it is then stopped). */
int bench_pty_end(struct pty *p, const char *quit, const char *ask, const char *yes,
		  struct run *r);

/* References (reference.c). */
/* Transactions of one prepared INSERT each into a fresh file `path` (WAL,
 * synchronous=FULL), the write-ahead log grown first by untimed ones. */
struct ref_insert;
struct ref_insert *ref_insert_open(const char *path, char *why, size_t whysz);
double ref_insert_time(struct ref_insert *r, char *why, size_t whysz);  /* ms, or -1 */
void ref_insert_close(struct ref_insert *r);

/* Pages written to the WAL by a connection's commits (its sqlite3 *): the
 * hook checkpoints at SQLite's usual 1,000 frames, as the one it replaces. */
struct wal_frames {
	long long last, pages, commits;
};
void bench_watch_frames(void *db, struct wal_frames *f);
struct wal_frames *ref_insert_frames(struct ref_insert *r);
/* Median ms of `n` runs of "the newest 50 entries whose summary is LIKE
 * %word%" on the dutydesk file `path`; *matches gets the rows of one run. */
int ref_like(const char *path, const char *word, int n, double *median_ms, int *matches,
	     long long ids[50], char *why, size_t whysz);
/* argv for the sqlite3 shell doing SQL on a file. */
void ref_sqlite3_argv(char **argv, const char *sqlite3, const char *path, const char *sql);
/* The sqlite3 shell's version, or "" when it is not there. */
const char *ref_sqlite_version(void);


/* The run: its options, what the figures share, and how a figure is printed
 * (bench.c).  The data is made in data.c; the figures of the log in
 * fig_log.c, of the desk's other work in fig_desk.c. */
#include "domain/person.h"

#define PAGE 50
#define UI_COLS 120
#define UI_ROWS 40
/* The PINs the benchmark gives the admin and the operator who proves hers
 * (the other operators act without one: operator-pin optional). */
#define BENCH_ADMIN_PIN "2468"
#define BENCH_OP_PIN "1357"

struct opts {
	long long entries, csv_rows;
	const char *data, *dutydesk, *sqlite3, *dump_ui, *ncref, *only;
	int only_data;
};

struct ctx {
	struct opts o;
	char db[4096];              /* the generated log */
	struct store *st;           /* open on it */
	struct actor op;            /* an operator of the shipped roster, without a PIN */
	struct actor pinop;         /* another, with BENCH_OP_PIN */
	struct actor admin;         /* an admin (imports), with BENCH_ADMIN_PIN */
	dd_time shift_start, end;   /* the last shift */
	struct run ui, ui_ref;      /* peak memory, printed last */
	int ui_ok, failed;
};

char *bench_fmt_ms(double ms, char *buf, size_t n);
double bench_load_average(void);
/* One line: the figure's name, its value, and its reference and what else
 * it needs said; the load average goes beside it. */
void bench_figure(const char *name, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void bench_failed(struct ctx *c, const char *name, const char *why);
void bench_path_in(const struct ctx *c, char *out, size_t n, const char *name);
void bench_remove_db(const char *path);
long long bench_file_size(const char *path);
/* A file holding `text` in the data directory, for a child's standard input. */
const char *bench_input(const struct ctx *c, const char *name, const char *text);

/* data.c */
int data_log(struct ctx *c, struct dd_err *err);
int data_standing_groups(struct store *st, long long **ids, char ***names, int *n,
			 struct dd_err *err);
void data_free_names(char **v, int n);
int data_shipped_names(struct store *st, char ***units, int *nunits, char ***groups,
		       int *ngroups, struct dd_err *err);
/* The admin's PIN and operator-pin optional on a desk of the shipped roster,
 * and `pinop`'s PIN (NULL: none). */
int data_pins(struct store *st, const struct actor *admin, const struct actor *pinop,
	      struct dd_err *err);

/* fig_keys.c */
void fig_ui_keys(struct ctx *c, int runs);
/* Median ms from the start of bare ncurses (ncref) to its first full frame,
 * `runs` times after one that warms the cache (t: the times); -1 on failure. */
double fig_ncurses_start(struct ctx *c, int runs, double *t);

/* fig_log.c */
void fig_ui_open(struct ctx *c, int runs);
int fig_ui_times(struct ctx *c, const char *db, int runs, double *t, double *r);
void fig_pages(struct ctx *c, int runs);
int fig_work_copy(struct ctx *c, char *copy, size_t n, struct dd_err *err);
void fig_entry(struct ctx *c, const char *copy, int runs);
void fig_entry_cli(struct ctx *c, const char *copy, int runs, int window);
void fig_entry_pin(struct ctx *c, const char *copy, int runs);
void fig_search(struct ctx *c, const char *name, const char *word, int runs, int like_runs);

/* fig_desk.c */
void fig_csv_import(struct ctx *c, int runs);
void fig_handover(struct ctx *c, int runs);
void fig_start(struct ctx *c, int runs);
void fig_check(struct ctx *c, int runs);
void fig_ui_notifications(struct ctx *c, int runs);
void fig_ui_rss(struct ctx *c);

#endif
