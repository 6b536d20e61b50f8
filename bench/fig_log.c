/* fig_log.c — the figures of the log: the UI's start, paging, a durable
 * entry, `log add` as a process, search. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "desk/desk.h"
#include "desk/outbreak.h"
#include "domain/auth.h"
#include "domain/escalation.h"
#include "domain/roster.h"
#include "domain/settings.h"
#include "store/store_sql.h"

/* The UI on `db` from start to its first full frame, `runs` times after one
 * that warms the cache, each beside sqlite3 FILE 'select 1'; the peak memory
 * of the UI kept in c->ui. */
int fig_ui_times(struct ctx *c, const char *db, int runs, double *t, double *r)
{
	char *argv[8] = {(char *)c->o.dutydesk, "--db", (char *)db, "--operator", c->op.name,
			 NULL};
	char *ref[4], marker[512], why[768];

	/* The last thing drawn: the hint line's greeting after the sign-in,
	 * which follows the panes in the frame. */
	snprintf(marker, sizeof marker, "%s is at the desk", c->op.name);
	ref_sqlite3_argv(ref, c->o.sqlite3, (char *)db, "select 1");
	for (int i = 0; i <= runs; i++) {   /* run 0 warms the cache */
		struct run u, s;
		if (bench_ui(argv, UI_COLS, UI_ROWS, marker, i == 0 ? c->o.dump_ui : NULL, &u, why,
			     sizeof why) < 0) {
			bench_failed(c, "ui-open", why);
			return -1;
		}
		if (bench_run(ref, NULL, NULL, &s) < 0) {
			bench_failed(c, "ui-open", "sqlite3 FILE 'select 1' failed: is sqlite3 there?");
			return -1;
		}
		if (i > 0) {
			t[i - 1] = u.ms;
			r[i - 1] = s.ms;
		}
		if (u.maxrss_kb > c->ui.maxrss_kb)
			c->ui = u;
	}
	return 0;
}

void fig_ui_open(struct ctx *c, int runs)
{
	char *ref[4], a[32], b[32], nc[32], sa[48], sb[48];
	double t[16], r[16], n[16];

	memset(&c->ui, 0, sizeof c->ui);
	memset(&c->ui_ref, 0, sizeof c->ui_ref);
	if (fig_ui_times(c, c->db, runs, t, r) < 0)
		return;
	/* Its memory apart: reading it slows a run down (bench.h). */
	ref_sqlite3_argv(ref, c->o.sqlite3, c->db, "select 1");
	if (bench_run_peak(ref, NULL, NULL, 1, &c->ui_ref) < 0) {
		bench_failed(c, "ui-open", "sqlite3 FILE 'select 1' failed");
		return;
	}
	c->ui_ok = 1;
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	/* And what drawing a first frame costs any curses program: bare
	 * ncurses filling the screen, nothing read. */
	bench_fmt_ms(fig_ncurses_start(c, runs, n), nc, sizeof nc);
	bench_figure("ui-open", a, "sqlite3 FILE 'select 1' %s; bare ncurses's first frame %s; "
		     "%dx%d, median of %d, %s and %s", b, nc, UI_COLS, UI_ROWS, runs,
		     bench_spread(t, runs, sa, sizeof sa), bench_spread(r, runs, sb, sizeof sb));
}

static double time_page(struct ctx *c, enum log_dir dir, long long *first_id, int *n,
			struct dd_err *err)
{
	struct log_filter f;
	struct log_entry *rows;
	double t0, ms;

	log_filter_init(&f);
	t0 = bench_now_ms();
	if (log_page(c->st, &f, dir, 0, PAGE, &rows, n, err) < 0)
		return -1;
	ms = bench_now_ms() - t0;
	*first_id = *n > 0 ? rows[*n - 1].id : 0;
	log_entries_free(rows, *n);
	return ms;
}

void fig_pages(struct ctx *c, int runs)
{
	double *top = dd_xcalloc((size_t)runs, sizeof *top);
	double *end = dd_xcalloc((size_t)runs, sizeof *end);
	char a[32], b[32];
	struct dd_err err;
	long long id_top = 0, id_end = 0;
	int n_top = 0, n_end = 0;

	for (int i = -1; i < runs; i++) {   /* -1 warms the cache */
		double x = time_page(c, LOG_OLDER, &id_top, &n_top, &err);
		double y = x < 0 ? -1 : time_page(c, LOG_NEWER, &id_end, &n_end, &err);
		if (y < 0) {
			bench_failed(c, "page-end", err.msg);
			goto out;
		}
		if (i >= 0) {
			top[i] = x;
			end[i] = y;
		}
	}
	if (n_top != PAGE || n_end != PAGE || id_end != 1) {
		bench_failed(c, "page-end", "the pages do not hold the newest and the oldest entries");
		goto out;
	}
	bench_figure("page-end", bench_fmt_ms(bench_median(end, runs), a, sizeof a),
	       "first page %s; %d entries, keyset, median of %d",
	       bench_fmt_ms(bench_median(top, runs), b, sizeof b), PAGE, runs);
out:
	free(top);
	free(end);
}

/* A copy of the log to write on, so that the cached one stays as made. */
int fig_work_copy(struct ctx *c, char *copy, size_t n, struct dd_err *err)
{
	bench_path_in(c, copy, n, "work.db");
	bench_remove_db(copy);
	return store_backup(c->st, copy, 0, err);
}

void fig_entry(struct ctx *c, const char *copy, int runs)
{
	struct log_new e = {
		.kind = LOG_CALL, .source = "诸暨市值班组", .caller = "王志刚",
		.callback = "13905751234",
		.summary = "诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控",
	};
	double *t = dd_xcalloc((size_t)runs, sizeof *t), *r = dd_xcalloc((size_t)runs, sizeof *r);
	char refdb[4200], why[256], a[32], b[32], sa[48], sb[48];
	struct ref_insert *ref = NULL;
	struct store *st = NULL;
	struct wal_frames fr = {0}, *rf;
	struct dd_err err;

	bench_path_in(c, refdb, sizeof refdb, "ref-insert.db");
	if (store_open(&st, copy, 0, &err) < 0) {
		bench_failed(c, "entry", err.msg);
		goto out;
	}
	if (!(ref = ref_insert_open(refdb, why, sizeof why))) {
		bench_failed(c, "entry", why);
		goto out;
	}
	bench_watch_frames(store_db(st), &fr);
	/* Untimed entries first, until the write-ahead log is grown (bench.h),
	 * as for the reference; then one of each in turn, so that both meet the
	 * same disk. */
	for (int i = 0; !bench_wal_grown(copy) && i < 100000; i++) {
		if (log_add(st, &c->op, &e, NULL, &err) < 0) {
			bench_failed(c, "entry", err.msg);
			goto out;
		}
	}
	rf = ref_insert_frames(ref);
	fr.pages = fr.commits = rf->pages = rf->commits = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = bench_now_ms();
		if (log_add(st, &c->op, &e, NULL, &err) < 0) {
			bench_failed(c, "entry", err.msg);
			goto out;
		}
		t[i] = bench_now_ms() - t0;
		if ((r[i] = ref_insert_time(ref, why, sizeof why)) < 0) {
			bench_failed(c, "entry", why);
			goto out;
		}
	}
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	bench_figure("entry", a, "bare INSERT in its own transaction %s; WAL, synchronous=FULL, "
	       "median of %d, %s and %s", b, runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
	snprintf(a, sizeof a, "%.1f", fr.commits ? (double)fr.pages / (double)fr.commits : 0);
	bench_figure("entry-pages", a, "bare INSERT %.1f; WAL pages a commit, mean of %lld",
	       rf->commits ? (double)rf->pages / (double)rf->commits : 0, fr.commits);
out:
	ref_insert_close(ref);
	store_close(st);
	free(t);
	free(r);
}

/* `dutydesk log add` as a script runs it: a process per entry, `runs` of
 * them one after the other as the WAL grows in use, each beside a sqlite3
 * process's INSERT; the first and the last `window` apart. */
void fig_entry_cli(struct ctx *c, const char *copy, int runs, int window)
{
	char *argv[] = {(char *)c->o.dutydesk, "--db", (char *)copy, "--operator", c->op.name,
			"log", "add", "--kind", "call", "--source", "诸暨市值班组", "--summary",
			"诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控", NULL};
	char refdb[4200], wal[4300], *ref[4], a[32], b[32], f[32], l[32], sa[48], sb[48];
	double *t = dd_xcalloc((size_t)runs, sizeof *t);
	double *r = dd_xcalloc((size_t)runs, sizeof *r);
	double *w = dd_xcalloc((size_t)window, sizeof *w);
	long long wal_max = 0;

	bench_path_in(c, refdb, sizeof refdb, "ref-insert.db");
	snprintf(wal, sizeof wal, "%s-wal", copy);
	ref_sqlite3_argv(ref, c->o.sqlite3, refdb, "INSERT INTO t(at, summary) VALUES (1, "
			 "'诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控')");
	for (int i = 0; i < runs; i++) {
		struct run u, s;
		if (bench_run(argv, NULL, NULL, &u) < 0 || bench_run(ref, NULL, NULL, &s) < 0) {
			bench_failed(c, "entry-cli", "dutydesk log add or sqlite3 failed");
			goto out;
		}
		t[i] = u.ms;
		r[i] = s.ms;
		if (bench_file_size(wal) > wal_max)
			wal_max = bench_file_size(wal);
	}
	memcpy(w, t, (size_t)window * sizeof *w);
	bench_fmt_ms(bench_median(w, window), f, sizeof f);
	memcpy(w, t + runs - window, (size_t)window * sizeof *w);
	bench_fmt_ms(bench_median(w, window), l, sizeof l);
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	bench_figure("entry-cli", a, "sqlite3 FILE 'INSERT ...' %s; a process each, median of %d, "
	       "%s and %s; the first %d %s, the last %d %s, the WAL at most %.1f MiB", b, runs,
	       bench_spread(t, runs, sa, sizeof sa), bench_spread(r, runs, sb, sizeof sb),
	       window, f, window, l, (double)wal_max / 1048576.0);
out:
	free(t);
	free(r);
	free(w);
}

/* The newest 50 entries that hold `word`, beside LIKE over the summaries: every
 * entry LIKE finds among the same newest ones must be among the search's
 * (which also reads amendments and resolutions), id by id. */
void fig_search(struct ctx *c, const char *name, const char *word, int runs, int like_runs)
{
	double *t = dd_xcalloc((size_t)runs, sizeof *t), like = 0;
	char why[256], a[32], b[32], sa[48];
	long long ids[PAGE], like_ids[PAGE];
	struct log_filter f;
	struct dd_err err;
	int n = 0, like_n = 0;

	log_filter_init(&f);
	f.search = word;
	for (int i = -1; i < runs; i++) {   /* -1 warms the cache */
		struct log_entry *rows;
		double t0 = bench_now_ms();
		if (log_page(c->st, &f, LOG_OLDER, 0, PAGE, &rows, &n, &err) < 0) {
			bench_failed(c, name, err.msg);
			goto out;
		}
		if (i >= 0)
			t[i] = bench_now_ms() - t0;
		for (int k = 0; k < n && k < PAGE; k++)
			ids[k] = rows[k].id;
		log_entries_free(rows, n);
	}
	if (ref_like(c->db, word, like_runs, &like, &like_n, like_ids, why, sizeof why) < 0) {
		bench_failed(c, name, why);
		goto out;
	}
	for (int k = 0; k < like_n; k++) {
		int found = 0;
		if (n == PAGE && like_ids[k] < ids[n - 1])
			continue;   /* older than the search's page */
		for (int j = 0; j < n && !found; j++)
			found = ids[j] == like_ids[k];
		if (!found) {
			snprintf(why, sizeof why, "\"%s\": LIKE finds #%lld, the search does not",
				 word, like_ids[k]);
			bench_failed(c, name, why);
			goto out;
		}
	}
	if (n == 0) {
		snprintf(why, sizeof why, "\"%s\" found nothing", word);
		bench_failed(c, name, why);
		goto out;
	}
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_figure(name, a, "LIKE '%%%s%%' %s; the newest %d of %lld entries: %d found, LIKE's %d "
	       "among them by id, median of %d/%d, %s", word, bench_fmt_ms(like, b, sizeof b), PAGE,
	       c->o.entries, n, like_n, runs, like_runs, bench_spread(t, runs, sa, sizeof sa));
out:
	free(t);
}


/* The PIN's own cost: `log add` by the operator who proves hers with
 * --pin-stdin (Argon2id, slow on purpose), beside the same without a PIN
 * (operator-pin optional: marked unverified). */
void fig_entry_pin(struct ctx *c, const char *copy, int runs)
{
	char *argv[] = {(char *)c->o.dutydesk, "--db", (char *)copy, "--operator", NULL,
			"log", "add", "--kind", "call", "--source", "诸暨市值班组", "--summary",
			"诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控", NULL, NULL};
	double *t = dd_xcalloc((size_t)runs, sizeof *t), *r = dd_xcalloc((size_t)runs, sizeof *r);
	const char *pin = bench_input(c, "op.pin", BENCH_OP_PIN "\n");
	char a[32], b[32], sa[48], sb[48];

	for (int i = 0; i < runs; i++) {
		struct run u, s;
		argv[4] = c->pinop.name;
		argv[13] = "--pin-stdin";
		bench_stdin_from(pin);
		if (bench_run(argv, NULL, NULL, &u) < 0) {
			bench_stdin_from(NULL);
			bench_failed(c, "entry-pin", "dutydesk log add --pin-stdin failed");
			goto out;
		}
		bench_stdin_from(NULL);
		argv[4] = c->op.name;
		argv[13] = NULL;
		if (bench_run(argv, NULL, NULL, &s) < 0) {
			bench_failed(c, "entry-pin", "dutydesk log add failed");
			goto out;
		}
		t[i] = u.ms;
		r[i] = s.ms;
	}
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	bench_figure("entry-pin", a, "the same without a PIN %s; the PIN's own cost (Argon2id), a "
		     "process each, median of %d, %s and %s", b, runs,
		     bench_spread(t, runs, sa, sizeof sa), bench_spread(r, runs, sb, sizeof sb));
out:
	free(t);
	free(r);
}
