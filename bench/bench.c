/* bench.c — dutydesk's benchmark: a million-entry log, measured through the
 * public headers and the real binary, each figure beside a reference taken
 * in the same run on the same disk.
 *
 *	bench [--entries N] [--csv-rows N] [--data DIR] [--dutydesk PATH]
 *	      [--sqlite3 PATH] [--dump-ui FILE]
 *
 * The generated database is kept in DIR (the build directory) and used again
 * while the generator's version and N stay the same.  One line per figure:
 *
 *	page-end          0.41 ms   (first page 0.38 ms)
 */
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
#include "domain/escalation.h"
#include "domain/roster.h"
#include "store/store_sql.h"

#define PAGE 50
#define UI_COLS 120
#define UI_ROWS 40

struct opts {
	long long entries, csv_rows;
	const char *data, *dutydesk, *sqlite3, *dump_ui;
};

struct ctx {
	struct opts o;
	char db[4096];              /* the generated log */
	struct store *st;           /* open on it */
	struct actor op;            /* an operator of the shipped roster */
	struct actor admin;         /* an admin (imports) */
	dd_time shift_start, end;   /* the last shift */
	struct run ui, ui_ref;      /* peak memory, printed last */
	int ui_ok, failed;
};

/* Output. */

static char *fmt_ms(double ms, char *buf, size_t n)
{
	if (ms < 1)
		snprintf(buf, n, "%.3f ms", ms);
	else if (ms < 100)
		snprintf(buf, n, "%.2f ms", ms);
	else if (ms < 1000)
		snprintf(buf, n, "%.0f ms", ms);
	else
		snprintf(buf, n, "%.2f s", ms / 1000);
	return buf;
}

static double load_average(void);

static void figure(const char *name, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void figure(const char *name, const char *value, const char *fmt, ...)
{
	char ref[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ref, sizeof ref, fmt, ap);
	va_end(ap);
	printf("%-15s %11s   (%s; load %.1f)\n", name, value, ref, load_average());
	fflush(stdout);
}

static void failed(struct ctx *c, const char *name, const char *why)
{
	printf("%-15s failed: %s\n", name, why);
	fflush(stdout);
	c->failed = 1;
}

static void path_in(const struct ctx *c, char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", c->o.data, name);
}

static void remove_db(const char *path)
{
	char p[4200];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

int bench_wal_grown(const char *db)
{
	char wal[4200];
	if (snprintf(wal, sizeof wal, "%.4190s-wal", db) >= (int)sizeof wal)
		return 1;
	return file_size(wal) >= 32 + 1000LL * (24 + 4096);
}

/* The data. */

/* Operators of the shipped roster, who take turns at the desk. */
static int operators(struct store *st, struct actor **out, int *n, struct dd_err *err)
{
	char **names;
	int k;

	if (person_names(st, ACCESS_OPERATOR, &names, &k, err) < 0)
		return -1;
	*out = dd_xcalloc((size_t)(k ? k : 1), sizeof **out);
	*n = 0;
	for (int i = 0; i < k; i++)
		if (person_find(st, names[i], &(*out)[*n], err) == 0)
			(*n)++;
	person_names_free(names, k);
	return *n > 0 ? 0 : dd_fail(err, DD_ENOTFOUND, "no operator on the shipped roster");
}

static int standing_groups(struct store *st, long long **ids, char ***names, int *n,
			   struct dd_err *err)
{
	struct roster *r;

	if (roster_load(st, 0, &r, err) < 0)
		return -1;
	*ids = dd_xcalloc((size_t)r->ngroups + 1, sizeof **ids);
	*names = dd_xcalloc((size_t)r->ngroups + 1, sizeof **names);
	*n = 0;
	for (int i = 0; i < r->ngroups; i++) {
		if (r->groups[i].kind != GRP_STANDING)
			continue;
		(*ids)[*n] = r->groups[i].id;
		(*names)[(*n)++] = dd_xstrdup(r->groups[i].name);
	}
	roster_free(r);
	return 0;
}

static void free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int generate(struct ctx *c, long long shift_entries, dd_time start, long long *closures,
		    struct dd_err *err)
{
	struct gen_plan plan = {
		.entries = c->o.entries, .shift_entries = shift_entries, .start = start,
		.shift_start = c->shift_start, .end = c->end,
	};
	struct log_bulk_done done;
	struct store *st;
	struct actor *ops = NULL;
	long long *groups = NULL;
	char **gnames = NULL;
	struct gen *g;
	int nops = 0, ngroups = 0, rc;

	remove_db(c->db);
	if (desk_open(&st, c->db, 1, NULL, err) < 0)
		return -1;
	if (operators(st, &ops, &nops, err) < 0 ||
	    standing_groups(st, &groups, &gnames, &ngroups, err) < 0) {
		store_close(st);
		free(ops);
		return -1;
	}
	plan.ops = ops;
	plan.nops = nops;
	plan.groups = groups;
	plan.ngroups = ngroups;
	g = gen_new(&plan);
	rc = log_bulk_record(st, 10000, gen_next, g, &done, err);
	*closures = done.closures;
	gen_free(g);
	store_close(st);
	free(ops);
	free(groups);
	free_names(gnames, ngroups);
	return rc;
}

/* The generated log, made again unless the cached one has the same
 * generator version and size. */
static int log_data(struct ctx *c, struct dd_err *err)
{
	char stamp[4200], want[256], have[256] = "", line[256] = "", size[32];
	long long shift_entries = c->o.entries / 10 < 10000 ? c->o.entries / 10 : 10000;
	long long closures = 0;
	dd_time start;
	double t0;
	FILE *f;

	if (ddtime_parse("2020-01-01T00:00", &start, err) < 0 ||
	    ddtime_parse("2021-12-31T20:00", &c->shift_start, err) < 0 ||
	    ddtime_parse("2022-01-01T08:00", &c->end, err) < 0)
		return -1;
	snprintf(c->db, sizeof c->db, "%s/log-%lld.db", c->o.data, c->o.entries);
	snprintf(stamp, sizeof stamp, "%s/log-%lld.stamp", c->o.data, c->o.entries);
	snprintf(want, sizeof want, "generator %d entries %lld shift %lld",
		 BENCH_GENERATOR_VERSION, c->o.entries, shift_entries);
	if ((f = fopen(stamp, "r"))) {
		if (!fgets(have, sizeof have, f) || !fgets(line, sizeof line, f))
			have[0] = '\0';
		fclose(f);
		have[strcspn(have, "\n")] = '\0';
	}
	if (strcmp(have, want) == 0 && access(c->db, R_OK) == 0) {
		figure("generate", "cached", "%lld entries; %s", c->o.entries,
		       strtok(line, "\n") ? line : "");
		return 0;
	}
	unlink(stamp);
	t0 = bench_now_ms();
	if (generate(c, shift_entries, start, &closures, err) < 0)
		return -1;
	fmt_ms(bench_now_ms() - t0, size, sizeof size);
	snprintf(line, sizeof line, "made in %s: %lld closures, %lld in the last shift, %.0f MiB",
		 size, closures, shift_entries, (double)file_size(c->db) / 1048576.0);
	if (!(f = fopen(stamp, "w")) || fprintf(f, "%s\n%s\n", want, line) < 0 || fclose(f) != 0)
		return dd_fail(err, DD_EIO, "cannot write %s", stamp);
	figure("generate", size, "%lld entries; %s", c->o.entries, line);
	return 0;
}

/* The figures. */

/* The UI on `db` from start to its first full frame, `runs` times after one
 * that warms the cache, each beside sqlite3 FILE 'select 1'; the peak memory
 * of the UI kept in c->ui. */
static int ui_times(struct ctx *c, const char *db, int runs, double *t, double *r)
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
			failed(c, "ui-open", why);
			return -1;
		}
		if (bench_run(ref, NULL, NULL, &s) < 0) {
			failed(c, "ui-open", "sqlite3 FILE 'select 1' failed: is sqlite3 there?");
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

static void ui_open(struct ctx *c, int runs)
{
	char *ref[4], a[32], b[32], sa[48], sb[48];
	double t[16], r[16];

	memset(&c->ui, 0, sizeof c->ui);
	memset(&c->ui_ref, 0, sizeof c->ui_ref);
	if (ui_times(c, c->db, runs, t, r) < 0)
		return;
	/* Its memory apart: reading it slows a run down (bench.h). */
	ref_sqlite3_argv(ref, c->o.sqlite3, c->db, "select 1");
	if (bench_run_peak(ref, NULL, NULL, 1, &c->ui_ref) < 0) {
		failed(c, "ui-open", "sqlite3 FILE 'select 1' failed");
		return;
	}
	c->ui_ok = 1;
	fmt_ms(bench_median(t, runs), a, sizeof a);
	fmt_ms(bench_median(r, runs), b, sizeof b);
	figure("ui-open", a, "sqlite3 FILE 'select 1' %s; %dx%d, median of %d, %s and %s", b,
	       UI_COLS, UI_ROWS, runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
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

static void pages(struct ctx *c, int runs)
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
			failed(c, "page-end", err.msg);
			goto out;
		}
		if (i >= 0) {
			top[i] = x;
			end[i] = y;
		}
	}
	if (n_top != PAGE || n_end != PAGE || id_end != 1) {
		failed(c, "page-end", "the pages do not hold the newest and the oldest entries");
		goto out;
	}
	figure("page-end", fmt_ms(bench_median(end, runs), a, sizeof a),
	       "first page %s; %d entries, keyset, median of %d",
	       fmt_ms(bench_median(top, runs), b, sizeof b), PAGE, runs);
out:
	free(top);
	free(end);
}

/* A copy of the log to write on, so that the cached one stays as made. */
static int work_copy(struct ctx *c, char *copy, size_t n, struct dd_err *err)
{
	path_in(c, copy, n, "work.db");
	remove_db(copy);
	return store_backup(c->st, copy, 0, err);
}

static void durable_entry(struct ctx *c, const char *copy, int runs)
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

	path_in(c, refdb, sizeof refdb, "ref-insert.db");
	if (store_open(&st, copy, 0, &err) < 0) {
		failed(c, "entry", err.msg);
		goto out;
	}
	if (!(ref = ref_insert_open(refdb, why, sizeof why))) {
		failed(c, "entry", why);
		goto out;
	}
	bench_watch_frames(store_db(st), &fr);
	/* Untimed entries first, until the write-ahead log is grown (bench.h),
	 * as for the reference; then one of each in turn, so that both meet the
	 * same disk. */
	for (int i = 0; !bench_wal_grown(copy) && i < 100000; i++) {
		if (log_add(st, &c->op, &e, NULL, &err) < 0) {
			failed(c, "entry", err.msg);
			goto out;
		}
	}
	rf = ref_insert_frames(ref);
	fr.pages = fr.commits = rf->pages = rf->commits = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = bench_now_ms();
		if (log_add(st, &c->op, &e, NULL, &err) < 0) {
			failed(c, "entry", err.msg);
			goto out;
		}
		t[i] = bench_now_ms() - t0;
		if ((r[i] = ref_insert_time(ref, why, sizeof why)) < 0) {
			failed(c, "entry", why);
			goto out;
		}
	}
	fmt_ms(bench_median(t, runs), a, sizeof a);
	fmt_ms(bench_median(r, runs), b, sizeof b);
	figure("entry", a, "bare INSERT in its own transaction %s; WAL, synchronous=FULL, "
	       "median of %d, %s and %s", b, runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
	snprintf(a, sizeof a, "%.1f", fr.commits ? (double)fr.pages / (double)fr.commits : 0);
	figure("entry-pages", a, "bare INSERT %.1f; WAL pages a commit, mean of %lld",
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
static void cli_entry(struct ctx *c, const char *copy, int runs, int window)
{
	char *argv[] = {(char *)c->o.dutydesk, "--db", (char *)copy, "--operator", c->op.name,
			"log", "add", "--kind", "call", "--source", "诸暨市值班组", "--summary",
			"诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控", NULL};
	char refdb[4200], wal[4300], *ref[4], a[32], b[32], f[32], l[32], sa[48], sb[48];
	double *t = dd_xcalloc((size_t)runs, sizeof *t);
	double *r = dd_xcalloc((size_t)runs, sizeof *r);
	double *w = dd_xcalloc((size_t)window, sizeof *w);
	long long wal_max = 0;

	path_in(c, refdb, sizeof refdb, "ref-insert.db");
	snprintf(wal, sizeof wal, "%s-wal", copy);
	ref_sqlite3_argv(ref, c->o.sqlite3, refdb, "INSERT INTO t(at, summary) VALUES (1, "
			 "'诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控')");
	for (int i = 0; i < runs; i++) {
		struct run u, s;
		if (bench_run(argv, NULL, NULL, &u) < 0 || bench_run(ref, NULL, NULL, &s) < 0) {
			failed(c, "entry-cli", "dutydesk log add or sqlite3 failed");
			goto out;
		}
		t[i] = u.ms;
		r[i] = s.ms;
		if (file_size(wal) > wal_max)
			wal_max = file_size(wal);
	}
	memcpy(w, t, (size_t)window * sizeof *w);
	fmt_ms(bench_median(w, window), f, sizeof f);
	memcpy(w, t + runs - window, (size_t)window * sizeof *w);
	fmt_ms(bench_median(w, window), l, sizeof l);
	fmt_ms(bench_median(t, runs), a, sizeof a);
	fmt_ms(bench_median(r, runs), b, sizeof b);
	figure("entry-cli", a, "sqlite3 FILE 'INSERT ...' %s; a process each, median of %d, "
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
static void search(struct ctx *c, const char *name, const char *word, int runs, int like_runs)
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
			failed(c, name, err.msg);
			goto out;
		}
		if (i >= 0)
			t[i] = bench_now_ms() - t0;
		for (int k = 0; k < n && k < PAGE; k++)
			ids[k] = rows[k].id;
		log_entries_free(rows, n);
	}
	if (ref_like(c->db, word, like_runs, &like, &like_n, like_ids, why, sizeof why) < 0) {
		failed(c, name, why);
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
			failed(c, name, why);
			goto out;
		}
	}
	if (n == 0) {
		snprintf(why, sizeof why, "\"%s\" found nothing", word);
		failed(c, name, why);
		goto out;
	}
	fmt_ms(bench_median(t, runs), a, sizeof a);
	figure(name, a, "LIKE '%%%s%%' %s; the newest %d of %lld entries: %d found, LIKE's %d "
	       "among them by id, median of %d/%d, %s", word, fmt_ms(like, b, sizeof b), PAGE,
	       c->o.entries, n, like_n, runs, like_runs, bench_spread(t, runs, sa, sizeof sa));
out:
	free(t);
}

static int shipped_names(struct store *st, char ***units, int *nunits, char ***groups,
			 int *ngroups, struct dd_err *err)
{
	struct roster *r;
	long long *ids;

	if (standing_groups(st, &ids, groups, ngroups, err) < 0)
		return -1;
	free(ids);
	if (roster_load(st, 0, &r, err) < 0)
		return -1;
	*units = NULL;
	*nunits = 0;
	for (int i = 0; i < r->ngroups; i++) {
		for (int k = 0; k < r->groups[i].nmembers; k++) {
			const char *u = r->groups[i].members[k];
			int seen = 0;
			for (int j = 0; j < *nunits && !seen; j++)
				seen = strcmp((*units)[j], u) == 0;
			if (seen)
				continue;
			*units = dd_xrealloc(*units, (size_t)(*nunits + 1) * sizeof **units);
			(*units)[(*nunits)++] = dd_xstrdup(u);
		}
	}
	roster_free(r);
	return 0;
}

static void csv_import(struct ctx *c)
{
	char csv[4200], db[4200], refdb[4200], errf[4200], *ref[4], cmd[8400], a[64], b[32];
	char **units = NULL, **groups = NULL;
	int nunits = 0, ngroups = 0;
	struct run init, imp, sq;
	struct dd_err err;
	char *argv_init[] = {(char *)c->o.dutydesk, "--db", db, "init", NULL};
	char *argv_imp[] = {(char *)c->o.dutydesk, "--db", db, "--operator", c->admin.name,
			    "import", "contacts", csv, NULL};

	snprintf(a, sizeof a, "contacts-g%d-%lld.csv", BENCH_GENERATOR_VERSION, c->o.csv_rows);
	path_in(c, csv, sizeof csv, a);
	path_in(c, db, sizeof db, "import.db");
	path_in(c, refdb, sizeof refdb, "ref-import.db");
	path_in(c, errf, sizeof errf, "import.err");
	if (shipped_names(c->st, &units, &nunits, &groups, &ngroups, &err) < 0) {
		failed(c, "csv-import", err.msg);
		return;
	}
	if (access(csv, R_OK) != 0 &&
	    gen_contacts_csv(csv, c->o.csv_rows, (const char *const *)units, nunits,
			     (const char *const *)groups, ngroups) < 0) {
		failed(c, "csv-import", "cannot write the CSV file");
		goto out;
	}
	remove_db(db);
	remove_db(refdb);
	snprintf(cmd, sizeof cmd, ".import --csv %s contact", csv);
	ref_sqlite3_argv(ref, c->o.sqlite3, refdb, cmd);
	if (bench_run(argv_init, NULL, errf, &init) < 0 ||
	    bench_run_peak(argv_imp, NULL, errf, 10, &imp) < 0) {
		snprintf(cmd, sizeof cmd, "dutydesk import contacts failed (status %d); see %s",
			 imp.status, errf);
		failed(c, "csv-import", cmd);
		goto out;
	}
	if (bench_run_peak(ref, NULL, NULL, 10, &sq) < 0) {
		failed(c, "csv-import", "sqlite3 .import failed");
		goto out;
	}
	figure("csv-import", fmt_ms(imp.ms, a, sizeof a),
	       "sqlite3 .import %s; %lld contacts, %.0f MiB, checked, one transaction",
	       fmt_ms(sq.ms, b, sizeof b), c->o.csv_rows, (double)file_size(csv) / 1048576.0);
	snprintf(a, sizeof a, "%.0f MiB", (double)imp.maxrss_kb / 1024.0);
	figure("csv-import-rss", a, "sqlite3 .import %.0f MiB; peak resident memory",
	       (double)sq.maxrss_kb / 1024.0);
out:
	free_names(units, nunits);
	free_names(groups, ngroups);
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

static void handover(struct ctx *c, int runs)
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
	path_in(c, out, sizeof out, "handover.txt");
	path_in(c, list, sizeof list, "shift-list.txt");
	for (int i = 0; i <= runs; i++) {   /* run 0 warms the cache */
		struct run u, s;
		if (bench_run(argv, out, NULL, &u) < 0 || bench_run(ref, list, NULL, &s) < 0) {
			failed(c, "handover", "dutydesk handover or sqlite3 failed");
			return;
		}
		if (i > 0) {
			t[i - 1] = u.ms;
			r[i - 1] = s.ms;
		}
	}
	fmt_ms(bench_median(t, runs), a, sizeof a);
	fmt_ms(bench_median(r, runs), b, sizeof b);
	figure("handover", a, "sqlite3 SELECT of the shift's entries %s (%d lines); the "
	       "sheet %d lines of text, median of %d, %s and %s", b, count_lines(list),
	       count_lines(out), runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
	/* The same sheet as a PDF, beside the text. */
	argv[11] = "pdf";
	argv[12] = "--output";
	path_in(c, pdf, sizeof pdf, "handover.pdf");
	argv[13] = pdf;
	argv[14] = "--force";
	if (bench_run(argv, NULL, NULL, &h) < 0) {
		failed(c, "handover-pdf", "dutydesk handover --format pdf failed");
		return;
	}
	figure("handover-pdf", fmt_ms(h.ms, a, sizeof a), "the text %s; one run",
	       fmt_ms(bench_median(t, runs), b, sizeof b));
}

/* What every command pays before it does anything: starting the program. */
static void start(struct ctx *c, int runs)
{
	char *argv[] = {(char *)c->o.dutydesk, "--version", NULL};
	char *ref[] = {(char *)c->o.sqlite3, "-version", NULL};
	double t[32], r[32];
	char a[32], b[32];

	for (int i = 0; i < runs && i < 32; i++) {
		struct run u, sq;
		if (bench_run(argv, NULL, NULL, &u) < 0 || bench_run(ref, NULL, NULL, &sq) < 0) {
			failed(c, "start", "dutydesk --version or sqlite3 -version failed");
			return;
		}
		t[i] = u.ms;
		r[i] = sq.ms;
	}
	figure("start", fmt_ms(bench_median(t, runs), a, sizeof a),
	       "sqlite3 -version %s; dutydesk --version, median of %d",
	       fmt_ms(bench_median(r, runs), b, sizeof b), runs);
}

/* A busy desk: about four entries in ten open a notification (a document, an
 * inspection, supplies), through the real escalation code, until `want`
 * are open; then nine in ten are marked done, the rest left to run late. */
static int notifications(struct ctx *c, struct store *st, int want, struct dd_err *err)
{
	static const enum log_kind kinds[] = {LOG_DOCUMENT, LOG_INSPECTION, LOG_SUPPLIES};
	struct log_new e = {.source = "诸暨市值班组", .summary = "诸暨市值班组转来通知一份，已登记"};
	struct esc_notification *v = NULL;
	int opened = 0, n = 0, rc = -1;

	if (store_begin(st, err) < 0)
		return -1;
	for (int i = 0; opened < want; i++) {
		struct log_added a;
		e.kind = i % 10 < 4 ? kinds[i % 3] : LOG_CALL;
		if (outbreak_log_add(st, &c->op, &e, &a, err) < 0)
			goto out;
		opened += a.notifications;
	}
	if (escalation_list(st, ESC_OPEN, 0, 0, &v, &n, err) < 0)
		goto out;
	for (int i = 0; i < n; i++)
		if (i % 10 != 0 && escalation_done(st, &c->op, v[i].id, "值班员", NULL, err) < 0)
			goto out;
	rc = 0;
out:
	esc_notifications_free(v, n);
	if (rc == 0)
		return store_commit(st, err);
	store_rollback(st);
	return -1;
}

/* The UI's first frame on the same desk without notifications, then with
 * 4,000 of them (most done). */
static void ui_notifications(struct ctx *c, int runs)
{
	char copy[4200], a[32], b[32], sa[48], sb[48];
	double t0[16], t1[16], r[16];
	struct store *st = NULL;
	struct run keep = c->ui;
	struct dd_err err;

	path_in(c, copy, sizeof copy, "notif.db");
	remove_db(copy);
	if (store_backup(c->st, copy, 0, &err) < 0) {
		failed(c, "ui-notif", err.msg);
		return;
	}
	if (ui_times(c, copy, runs, t0, r) < 0)
		goto out;
	if (store_open(&st, copy, 0, &err) < 0 || notifications(c, st, 4000, &err) < 0) {
		failed(c, "ui-notif", err.msg);
		goto out;
	}
	store_close(st);
	st = NULL;
	if (ui_times(c, copy, runs, t1, r) < 0)
		goto out;
	fmt_ms(bench_median(t1, runs), a, sizeof a);
	fmt_ms(bench_median(t0, runs), b, sizeof b);
	figure("ui-notif", a, "the same desk without notifications %s; 4,000 opened, 9 in 10 "
	       "done; median of %d, %s and %s", b, runs, bench_spread(t1, runs, sa, sizeof sa),
	       bench_spread(t0, runs, sb, sizeof sb));
out:
	store_close(st);
	remove_db(copy);
	c->ui = keep;
}

/* `dutydesk check` of the whole log beside sqlite3's own integrity check of
 * the file. */
static void check(struct ctx *c, int runs)
{
	char *argv[] = {(char *)c->o.dutydesk, "--db", c->db, "check", NULL};
	char *ref[4], a[32], b[32], sa[48], sb[48];
	double t[16], r[16];

	ref_sqlite3_argv(ref, c->o.sqlite3, c->db, "PRAGMA integrity_check");
	for (int i = 0; i < runs; i++) {
		struct run u, s;
		if (bench_run(argv, NULL, NULL, &u) < 0 || u.status != 0 ||
		    bench_run(ref, NULL, NULL, &s) < 0) {
			failed(c, "check", "dutydesk check or sqlite3 failed");
			return;
		}
		t[i] = u.ms;
		r[i] = s.ms;
	}
	fmt_ms(bench_median(t, runs), a, sizeof a);
	fmt_ms(bench_median(r, runs), b, sizeof b);
	figure("check", a, "sqlite3 FILE 'PRAGMA integrity_check' %s; %lld entries, median of "
	       "%d, %s and %s", b, c->o.entries, runs, bench_spread(t, runs, sa, sizeof sa),
	       bench_spread(r, runs, sb, sizeof sb));
}

static void ui_rss(struct ctx *c)
{
	char a[32];

	if (!c->ui_ok)
		return;
	snprintf(a, sizeof a, "%.1f MiB", (double)c->ui.maxrss_kb / 1024.0);
	figure("ui-rss", a, "sqlite3 FILE 'select 1' %.1f MiB; peak resident memory",
	       (double)c->ui_ref.maxrss_kb / 1024.0);
}

/* Setting up. */

static void usage(FILE *out)
{
	fprintf(out, "Usage: bench [--entries N] [--csv-rows N] [--data DIR] [--dutydesk PATH]\n"
		     "             [--sqlite3 PATH] [--dump-ui FILE]\n"
		     "Measures dutydesk on a generated log of N entries (default 1000000) and a\n"
		     "contacts CSV of --csv-rows rows (default N), each figure beside a reference\n"
		     "taken in the same run.  The log is kept in DIR (default: the directory of\n"
		     "this program) and used again by later runs.\n");
}

/* Defaults beside this program: build/bench/bench -> build/dutydesk. */
static void defaults(struct opts *o)
{
	static char dir[4096], exe[4200];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	char *slash;

	if (n <= 0)
		n = (ssize_t)snprintf(dir, sizeof dir, ".");
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')))
		*slash = '\0';
	snprintf(exe, sizeof exe, "%s/../dutydesk", dir);
	o->entries = 1000000;
	o->csv_rows = 0;
	o->data = dir;
	o->dutydesk = exe;
	o->sqlite3 = "sqlite3";
}

static long long count_arg(const char *opt, const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;

	if (!s || *end || v < 1000) {
		fprintf(stderr, "bench: %s needs a whole number of at least 1000\n", opt);
		exit(2);
	}
	return v;
}

static void parse(int argc, char **argv, struct opts *o)
{
	defaults(o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--entries") == 0) {
			o->entries = count_arg(a, v);
		} else if (strcmp(a, "--csv-rows") == 0) {
			o->csv_rows = count_arg(a, v);
		} else if (strcmp(a, "--data") == 0 && v) {
			o->data = v;
		} else if (strcmp(a, "--dutydesk") == 0 && v) {
			o->dutydesk = v;
		} else if (strcmp(a, "--sqlite3") == 0 && v) {
			o->sqlite3 = v;
		} else if (strcmp(a, "--dump-ui") == 0 && v) {
			o->dump_ui = v;
		} else {
			usage(stderr);
			exit(2);
		}
		i++;
	}
	if (!o->csv_rows)
		o->csv_rows = o->entries;
}

static void machine(char *out, size_t n)
{
	char line[512], model[256] = "?";
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "model name", 10) == 0 && colon) {
			snprintf(model, sizeof model, "%s", colon + 2);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	}
	if (f)
		fclose(f);
	snprintf(out, n, "%ld cores, %s", sysconf(_SC_NPROCESSORS_ONLN), model);
}

/* Other work on the machine skews the figures: say how much there was. */
static double load_average(void)
{
	double avg[1] = {0};
	return getloadavg(avg, 1) == 1 ? avg[0] : 0;
}

static void header(const struct ctx *c)
{
	char when[64], cpu[400];
	time_t now = time(NULL);

	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&now));
	machine(cpu, sizeof cpu);
	printf("dutydesk bench, %s; %s, load %.2f; SQLite %s\n", when, cpu, load_average(),
	       ref_sqlite_version());
	printf("%lld log entries over two years, a %lld-row contacts CSV; data in %s\n",
	       c->o.entries, c->o.csv_rows, c->o.data);
	fflush(stdout);
}

/* The people the figures need, from the shipped roster. */
static int people(struct ctx *c, struct dd_err *err)
{
	char **names;
	int n;

	if (person_names(c->st, ACCESS_OPERATOR, &names, &n, err) < 0)
		return -1;
	if (n == 0 || person_find(c->st, names[0], &c->op, err) < 0) {
		person_names_free(names, n);
		return n ? -1 : dd_fail(err, DD_ENOTFOUND, "no operator on the roster");
	}
	person_names_free(names, n);
	if (person_names(c->st, ACCESS_ADMIN, &names, &n, err) < 0)
		return -1;
	if (n == 0 || person_find(c->st, names[0], &c->admin, err) < 0) {
		person_names_free(names, n);
		return n ? -1 : dd_fail(err, DD_ENOTFOUND, "no admin on the roster");
	}
	person_names_free(names, n);
	return 0;
}

int main(int argc, char **argv)
{
	struct ctx c = {0};
	struct dd_err err;
	char copy[4200];

	parse(argc, argv, &c.o);
	/* The office's zone and a UTF-8 locale for every process started. */
	setenv("TZ", "CST-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("LANGUAGE");
	unsetenv("DUTYDESK_DB");
	unsetenv("DUTYDESK_OPERATOR");
	tzset();
	if (mkdir(c.o.data, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "bench: cannot create %s: %s\n", c.o.data, strerror(errno));
		return 1;
	}
	header(&c);
	if (log_data(&c, &err) < 0 || desk_open(&c.st, c.db, 0, NULL, &err) < 0 ||
	    people(&c, &err) < 0) {
		failed(&c, "generate", err.msg);
		return 1;
	}
	/* The UI opens the file alone, as at the start of a shift. */
	store_close(c.st);
	ui_open(&c, 5);
	if (desk_open(&c.st, c.db, 0, NULL, &err) < 0) {
		failed(&c, "page-end", err.msg);
		return 1;
	}
	pages(&c, 200);
	if (work_copy(&c, copy, sizeof copy, &err) < 0) {
		failed(&c, "entry", err.msg);
	} else {
		durable_entry(&c, copy, 200);
		cli_entry(&c, copy, 300, 30);
	}
	search(&c, "search-2char", "密接", 20, 3);
	search(&c, "search-rare", GEN_RARE_WORD, 20, 3);
	search(&c, "search-rare2", GEN_RARE_WORD2, 20, 3);
	csv_import(&c);
	handover(&c, 3);
	start(&c, 20);
	check(&c, 3);
	ui_notifications(&c, 5);
	ui_rss(&c);
	store_close(c.st);
	return c.failed ? 1 : 0;
}
