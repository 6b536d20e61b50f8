/* fig_desk.c — the figures of the desk's other work: the contacts import,
 * the handover sheet, a command's start, `check`, the UI with notifications,
 * the UI's memory. */
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

/* `dutydesk import contacts` of the generated CSV into a desk of the shipped
 * roster (its people, the admin's PIN, the shipped contacts, which the file
 * leaves out), `runs` times, each beside `sqlite3 .import` of the same file
 * into a bare table; the peak memory of the import beside that of a dry run,
 * which needs no PIN: the PIN check (Argon2id) takes 64 MiB on purpose. */
void fig_csv_import(struct ctx *c, int runs)
{
	char csv[4200], db[4200], refdb[4200], errf[4200], *ref[4], cmd[8400], a[64], b[32];
	char sa[48], sb[48], **units = NULL, **groups = NULL;
	double *t = dd_xcalloc((size_t)runs, sizeof *t), *r = dd_xcalloc((size_t)runs, sizeof *r);
	int nunits = 0, ngroups = 0;
	long rss = 0, rss_ref = 0;
	struct run init, pin, imp, dry, sq;
	struct dd_err err;
	const char *admin_pin = bench_input(c, "admin.pin", BENCH_ADMIN_PIN "\n");
	char *argv_init[] = {(char *)c->o.dutydesk, "--db", db, "init", NULL};
	char *argv_pin[] = {(char *)c->o.dutydesk, "--db", db, "--operator", c->admin.name,
			    "pin", "set", c->admin.name, "--pin-stdin", NULL};
	char *argv_imp[] = {(char *)c->o.dutydesk, "--db", db, "--operator", c->admin.name,
			    "import", "contacts", csv, "--pin-stdin", NULL, NULL};

	snprintf(a, sizeof a, "contacts-g%d-%lld.csv", BENCH_GENERATOR_VERSION, c->o.csv_rows);
	bench_path_in(c, csv, sizeof csv, a);
	bench_path_in(c, db, sizeof db, "import.db");
	bench_path_in(c, refdb, sizeof refdb, "ref-import.db");
	bench_path_in(c, errf, sizeof errf, "import.err");
	if (data_shipped_names(c->st, &units, &nunits, &groups, &ngroups, &err) < 0) {
		bench_failed(c, "csv-import", err.msg);
		goto out;
	}
	if (access(csv, R_OK) != 0 &&
	    gen_contacts_csv(csv, c->o.csv_rows, (const char *const *)units, nunits,
			     (const char *const *)groups, ngroups) < 0) {
		bench_failed(c, "csv-import", "cannot write the CSV file");
		goto out;
	}
	snprintf(cmd, sizeof cmd, ".import --csv %s contact", csv);
	ref_sqlite3_argv(ref, c->o.sqlite3, refdb, cmd);
	for (int i = 0; i <= runs; i++) {   /* the last run: a dry one */
		bench_remove_db(db);
		bench_remove_db(refdb);
		bench_stdin_from(admin_pin);
		argv_imp[8] = i < runs ? "--pin-stdin" : "--dry-run";
		if (bench_run(argv_init, NULL, errf, &init) < 0 ||
		    bench_run(argv_pin, NULL, errf, &pin) < 0 ||
		    bench_run_peak(argv_imp, NULL, errf, 10, i < runs ? &imp : &dry) < 0) {
			bench_stdin_from(NULL);
			snprintf(cmd, sizeof cmd, "dutydesk import contacts failed; see %s", errf);
			bench_failed(c, "csv-import", cmd);
			goto out;
		}
		bench_stdin_from(NULL);
		if (i == runs)
			break;
		if (bench_run_peak(ref, NULL, NULL, 10, &sq) < 0) {
			bench_failed(c, "csv-import", "sqlite3 .import failed");
			goto out;
		}
		t[i] = imp.ms;
		r[i] = sq.ms;
		rss = imp.maxrss_kb > rss ? imp.maxrss_kb : rss;
		rss_ref = sq.maxrss_kb > rss_ref ? sq.maxrss_kb : rss_ref;
	}
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_figure("csv-import", a,
		     "sqlite3 .import %s; %lld contacts, %.0f MiB, checked, one transaction, the "
		     "admin's PIN checked; median of %d, %s and %s", b, c->o.csv_rows,
		     (double)bench_file_size(csv) / 1048576.0, runs,
		     bench_spread(t, runs, sa, sizeof sa), bench_spread(r, runs, sb, sizeof sb));
	snprintf(a, sizeof a, "%.0f MiB", (double)dry.maxrss_kb / 1024.0);
	bench_figure("csv-import-rss", a, "sqlite3 .import %.0f MiB; peak resident memory of a "
		     "dry run (no PIN); with the PIN check (Argon2id, 64 MiB) %.0f MiB",
		     (double)rss_ref / 1024.0, (double)rss / 1024.0);
out:
	free(t);
	free(r);
	data_free_names(units, nunits);
	data_free_names(groups, ngroups);
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, ch;

	if (!f)
		return 0;
	while ((ch = getc(f)) != EOF)
		n += ch == '\n';
	fclose(f);
	return n;
}

void fig_handover(struct ctx *c, int runs)
{
	char from[DDTIME_BUFSZ], to[DDTIME_BUFSZ], out[4200], list[4200], pdf[4200], a[32], b[32];
	char *help[] = {(char *)c->o.dutydesk, "handover", "--help", NULL};
	char *argv[] = {(char *)c->o.dutydesk, "--db", c->db, "--operator", c->op.name,
			"handover", "--from", from, "--to", to, "--format", "text", NULL, NULL,
			NULL, NULL};
	char sql[512], *ref[4], sa[48], sb[48];
	double t[16], r[16];
	struct run h;

	if (bench_run(help, NULL, "/dev/null", &h) < 0) {
		printf("handover: not available in this build\n");
		return;
	}
	ddtime_format(c->shift_start, DDTIME_ISO, from);
	ddtime_format(c->end, DDTIME_ISO, to);
	/* The reference reads the same rows, independently of dutydesk: the
	 * shift's entries with their texts and who recorded them. */
	snprintf(sql, sizeof sql, "SELECT e.id, e.occurred_at, e.kind, e.source, e.caller, "
		 "e.summary, p.name FROM entry e JOIN person p ON p.id = e.operator_id WHERE "
		 "e.occurred_at >= %lld AND e.occurred_at < %lld ORDER BY e.id", c->shift_start,
		 c->end);
	ref_sqlite3_argv(ref, c->o.sqlite3, c->db, sql);
	bench_path_in(c, out, sizeof out, "handover.txt");
	bench_path_in(c, list, sizeof list, "shift-list.txt");
	for (int i = 0; i <= runs; i++) {   /* run 0 warms the cache */
		struct run u, s;
		if (bench_run(argv, out, NULL, &u) < 0 || bench_run(ref, list, NULL, &s) < 0) {
			bench_failed(c, "handover", "dutydesk handover or sqlite3 failed");
			return;
		}
		if (i > 0) {
			t[i - 1] = u.ms;
			r[i - 1] = s.ms;
		}
	}
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	bench_figure("handover", a, "sqlite3 SELECT of the shift's entries %s (%d lines); the "
	       "sheet %d lines of text, median of %d, %s and %s", b, count_lines(list),
	       count_lines(out), runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
	/* The same sheet as a PDF, beside the text. */
	argv[11] = "pdf";
	argv[12] = "--output";
	bench_path_in(c, pdf, sizeof pdf, "handover.pdf");
	argv[13] = pdf;
	argv[14] = "--force";
	if (bench_run(argv, NULL, NULL, &h) < 0) {
		bench_failed(c, "handover-pdf", "dutydesk handover --format pdf failed");
		return;
	}
	bench_figure("handover-pdf", bench_fmt_ms(h.ms, a, sizeof a), "the text %s; one run",
	       bench_fmt_ms(bench_median(t, runs), b, sizeof b));
}

/* What every command pays before it does anything: starting the program. */
void fig_start(struct ctx *c, int runs)
{
	char *argv[] = {(char *)c->o.dutydesk, "--version", NULL};
	char *ref[] = {(char *)c->o.sqlite3, "-version", NULL};
	double t[32], r[32];
	char a[32], b[32];

	for (int i = 0; i < runs && i < 32; i++) {
		struct run u, sq;
		if (bench_run(argv, NULL, NULL, &u) < 0 || bench_run(ref, NULL, NULL, &sq) < 0) {
			bench_failed(c, "start", "dutydesk --version or sqlite3 -version failed");
			return;
		}
		t[i] = u.ms;
		r[i] = sq.ms;
	}
	bench_figure("start", bench_fmt_ms(bench_median(t, runs), a, sizeof a),
	       "sqlite3 -version %s; dutydesk --version, median of %d",
	       bench_fmt_ms(bench_median(r, runs), b, sizeof b), runs);
}

/* A busy day on a fresh desk of the shipped roster: `entries` entries
 * recorded today through the real code (outbreak_log_add).  With
 * `notify`, about four in ten are of a kind that opens a notification (a
 * document, an inspection, supplies) and nine notifications in ten are
 * marked done; without, all are calls, which open none. */
static int busy_day(struct ctx *c, const char *path, int entries, int notify, long long *opened,
		    struct dd_err *err)
{
	static const enum log_kind kinds[] = {LOG_DOCUMENT, LOG_INSPECTION, LOG_SUPPLIES};
	struct log_new e = {.source = "诸暨市值班组", .summary = "诸暨市值班组转来通知一份，已登记"};
	struct esc_notification *v = NULL;
	struct store *st;
	int n = 0, rc = -1;

	*opened = 0;
	bench_remove_db(path);
	if (desk_open(&st, path, 1, NULL, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		goto out;
	for (int i = 0; i < entries; i++) {
		struct log_added a;
		e.kind = notify && i % 10 < 4 ? kinds[i % 3] : LOG_CALL;
		if (outbreak_log_add(st, &c->op, &e, &a, err) < 0)
			goto out;
		*opened += a.notifications;
	}
	if (escalation_list(st, ESC_OPEN, 0, 0, &v, &n, err) < 0)
		goto out;
	for (int i = 0; i < n; i++)
		if (i % 10 != 0 && escalation_done(st, &c->op, v[i].id, "值班员", NULL, err) < 0)
			goto out;
	if (store_commit(st, err) < 0)
		goto out;
	rc = data_pins(st, &c->admin, NULL, err);
out:
	esc_notifications_free(v, n);
	if (rc < 0)
		store_rollback(st);
	store_close(st);
	return rc;
}

/* The UI's first frame on a desk with about 4,000 notifications (nine in ten
 * done) beside the same day's entries without any. */
void fig_ui_notifications(struct ctx *c, int runs)
{
	char with[4200], without[4200], a[32], b[32], sa[48], sb[48];
	double t0[16], t1[16], r[16];
	struct run keep = c->ui;
	struct dd_err err;
	long long opened = 0, none = 0;

	bench_path_in(c, with, sizeof with, "notif.db");
	bench_path_in(c, without, sizeof without, "notif0.db");
	if (busy_day(c, without, 10000, 0, &none, &err) < 0 ||
	    busy_day(c, with, 10000, 1, &opened, &err) < 0) {
		bench_failed(c, "ui-notif", err.msg);
		goto out;
	}
	if (fig_ui_times(c, without, runs, t0, r) < 0 || fig_ui_times(c, with, runs, t1, r) < 0)
		goto out;
	bench_fmt_ms(bench_median(t1, runs), a, sizeof a);
	bench_fmt_ms(bench_median(t0, runs), b, sizeof b);
	bench_figure("ui-notif", a, "the same 10,000 entries of today with %lld notifications %s; "
		     "%lld opened, 9 in 10 done; median of %d, %s and %s", none, b, opened, runs,
		     bench_spread(t1, runs, sa, sizeof sa), bench_spread(t0, runs, sb, sizeof sb));
out:
	bench_remove_db(with);
	bench_remove_db(without);
	c->ui = keep;
}

/* `dutydesk check` of the whole log beside sqlite3's own integrity check of
 * the file. */
void fig_check(struct ctx *c, int runs)
{
	char *argv[] = {(char *)c->o.dutydesk, "--db", c->db, "check", NULL};
	char *ref[4], a[32], b[32], sa[48], sb[48];
	double t[16], r[16];

	ref_sqlite3_argv(ref, c->o.sqlite3, c->db, "PRAGMA integrity_check");
	for (int i = 0; i < runs; i++) {
		struct run u, s;
		if (bench_run(argv, NULL, NULL, &u) < 0 || u.status != 0 ||
		    bench_run(ref, NULL, NULL, &s) < 0) {
			bench_failed(c, "check", "dutydesk check or sqlite3 failed");
			return;
		}
		t[i] = u.ms;
		r[i] = s.ms;
	}
	bench_fmt_ms(bench_median(t, runs), a, sizeof a);
	bench_fmt_ms(bench_median(r, runs), b, sizeof b);
	bench_figure("check", a, "sqlite3 FILE 'PRAGMA integrity_check' %s; %lld entries, median of "
	       "%d, %s and %s", b, c->o.entries, runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
}

void fig_ui_rss(struct ctx *c)
{
	char a[32];

	if (!c->ui_ok)
		return;
	snprintf(a, sizeof a, "%.1f MiB", (double)c->ui.maxrss_kb / 1024.0);
	bench_figure("ui-rss", a, "sqlite3 FILE 'select 1' %.1f MiB; peak resident memory",
	       (double)c->ui_ref.maxrss_kb / 1024.0);
}
