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
#include "domain/auth.h"
#include "domain/escalation.h"
#include "domain/roster.h"
#include "domain/settings.h"
#include "store/store_sql.h"


/* Output. */

char *bench_fmt_ms(double ms, char *buf, size_t n)
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

double bench_load_average(void);

void bench_figure(const char *name, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void bench_figure(const char *name, const char *value, const char *fmt, ...)
{
	char ref[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ref, sizeof ref, fmt, ap);
	va_end(ap);
	printf("%-15s %11s   (%s; load %.1f)\n", name, value, ref, bench_load_average());
	fflush(stdout);
}

void bench_failed(struct ctx *c, const char *name, const char *why)
{
	printf("%-15s failed: %s\n", name, why);
	fflush(stdout);
	c->failed = 1;
}

void bench_path_in(const struct ctx *c, char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", c->o.data, name);
}

void bench_remove_db(const char *path)
{
	char p[4200];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

long long bench_file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

int bench_wal_grown(const char *db)
{
	char wal[4200];
	if (snprintf(wal, sizeof wal, "%.4190s-wal", db) >= (int)sizeof wal)
		return 1;
	return bench_file_size(wal) >= 32 + 1000LL * (24 + 4096);
}

/* The data. */

const char *bench_input(const struct ctx *c, const char *name, const char *text)
{
	static char path[4200];
	FILE *f;

	bench_path_in(c, path, sizeof path, name);
	if (!(f = fopen(path, "w")) || fputs(text, f) < 0 || fclose(f) != 0)
		return "/dev/null";
	return path;
}

/* Setting up. */

static void usage(FILE *out)
{
	fprintf(out, "Usage: bench [--entries N] [--csv-rows N] [--data DIR] [--dutydesk PATH]\n"
		     "             [--sqlite3 PATH] [--dump-ui FILE] [--only-data] [--only LIST]\n"
		     "Measures dutydesk on a generated log of N entries (default 1000000) and a\n"
		     "contacts CSV of --csv-rows rows (default N), each figure beside a reference\n"
		     "taken in the same run.  The log is kept in DIR (default: the directory of\n"
		     "this program) and used again by later runs; --only-data makes it and stops.\n"
		     "--only takes some of the figures' groups, by name, separated by commas:\n"
		     "ui-open, keys, entry, search, import, handover, start, check, ui-notifications.\n");
}

/* Defaults beside this program: build/bench/bench -> build/dutydesk. */
static void defaults(struct opts *o)
{
	static char dir[4096], exe[4200], ncref[4200];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	char *slash;

	if (n <= 0)
		n = (ssize_t)snprintf(dir, sizeof dir, ".");
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')))
		*slash = '\0';
	snprintf(exe, sizeof exe, "%s/../dutydesk", dir);
	snprintf(ncref, sizeof ncref, "%s/ncref", dir);
	o->ncref = ncref;
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
		} else if (strcmp(a, "--only") == 0 && v) {
			o->only = v;
		} else if (strcmp(a, "--only-data") == 0) {
			o->only_data = 1;
			continue;
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
double bench_load_average(void)
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
	printf("dutydesk bench, %s; %s, load %.2f; SQLite %s\n", when, cpu, bench_load_average(),
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
	if (n < 2 || person_find(c->st, names[1], &c->pinop, err) < 0) {
		person_names_free(names, n);
		return n >= 2 ? -1 : dd_fail(err, DD_ENOTFOUND, "fewer than two operators");
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

/* Whether the run measures the group `name` (--only). */
static int want(const struct ctx *c, const char *name)
{
	size_t n = strlen(name);

	for (const char *s = c->o.only; s; s = strchr(s, ',') ? strchr(s, ',') + 1 : NULL)
		if (strncmp(s, name, n) == 0 && (s[n] == ',' || s[n] == '\0'))
			return 1;
	return !c->o.only;
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
	if (data_log(&c, &err) < 0 || desk_open(&c.st, c.db, 0, NULL, &err) < 0 ||
	    people(&c, &err) < 0) {
		bench_failed(&c, "generate", err.msg);
		return 1;
	}
	/* The UI opens the file alone, as at the start of a shift. */
	store_close(c.st);
	if (c.o.only_data)
		return 0;
	if (want(&c, "ui-open"))
		fig_ui_open(&c, 5);
	if (desk_open(&c.st, c.db, 0, NULL, &err) < 0) {
		bench_failed(&c, "page-end", err.msg);
		return 1;
	}
	if (want(&c, "ui-open"))
		fig_pages(&c, 200);
	if (want(&c, "keys"))
		fig_ui_keys(&c, 15);
	if (!want(&c, "entry")) {
	} else if (fig_work_copy(&c, copy, sizeof copy, &err) < 0) {
		bench_failed(&c, "entry", err.msg);
	} else {
		fig_entry(&c, copy, 200);
		fig_entry_cli(&c, copy, 300, 30);
		fig_entry_pin(&c, copy, 10);
	}
	if (want(&c, "search")) {
		fig_search(&c, "search-2char", "密接", 20, 3);
		fig_search(&c, "search-rare", GEN_RARE_WORD, 20, 3);
		fig_search(&c, "search-rare2", GEN_RARE_WORD2, 20, 3);
	}
	if (want(&c, "import"))
		fig_csv_import(&c, c.o.csv_rows > 200000 ? 2 : 3);
	if (want(&c, "handover"))
		fig_handover(&c, 3);
	if (want(&c, "start"))
		fig_start(&c, 20);
	if (want(&c, "check"))
		fig_check(&c, 3);
	if (want(&c, "ui-notifications"))
		fig_ui_notifications(&c, 5);
	fig_ui_rss(&c);
	store_close(c.st);
	return c.failed ? 1 : 0;
}

