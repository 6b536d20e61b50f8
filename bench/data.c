/* data.c — the benchmark's data: the generated log (gen.c's items through
 * log_bulk.c), the people who act on it and their PINs. */
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
		if (person_find(st, names[i], &(*out)[*n], err) == 0) {
			/* History as recorded by people who proved themselves. */
			(*out)[*n].verified = 1;
			(*n)++;
		}
	person_names_free(names, k);
	return *n > 0 ? 0 : dd_fail(err, DD_ENOTFOUND, "no operator on the shipped roster");
}

int data_standing_groups(struct store *st, long long **ids, char ***names, int *n,
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

void data_free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int data_pins(struct store *st, const struct actor *admin, const struct actor *pinop,
	      struct dd_err *err)
{
	struct actor a = *admin;

	/* The way in: the first admin sets her own PIN; then, proved, the rest. */
	if (auth_set_pin(st, &a, a.name, BENCH_ADMIN_PIN, err) < 0)
		return -1;
	a.verified = 1;
	if (settings_set(st, &a, SETTING_OPERATOR_PIN, "optional", err) < 0)
		return -1;
	return pinop ? auth_set_pin(st, &a, pinop->name, BENCH_OP_PIN, err) : 0;
}

/* The first admin of the shipped roster proves herself, and sets the PIN of
 * `pinop`. */
static int desk_pins(struct store *st, const struct actor *pinop, struct dd_err *err)
{
	struct actor admin;
	char **names;
	int n, rc;

	if (person_names(st, ACCESS_ADMIN, &names, &n, err) < 0)
		return -1;
	rc = n > 0 ? person_find(st, names[0], &admin, err)
		   : dd_fail(err, DD_ENOTFOUND, "no admin on the roster");
	person_names_free(names, n);
	return rc < 0 ? -1 : data_pins(st, &admin, pinop, err);
}

static int generate(struct ctx *c, long long shift_entries, dd_time start,
		    struct log_bulk_done *done, struct dd_err *err)
{
	struct gen_plan plan = {
		.entries = c->o.entries, .shift_entries = shift_entries, .start = start,
		.shift_start = c->shift_start, .end = c->end,
	};
	struct store *st;
	struct actor *ops = NULL;
	long long *groups = NULL;
	char **gnames = NULL;
	struct gen *g;
	int nops = 0, ngroups = 0, rc;

	bench_remove_db(c->db);
	if (desk_open(&st, c->db, 1, NULL, err) < 0)
		return -1;
	if (operators(st, &ops, &nops, err) < 0 ||
	    data_standing_groups(st, &groups, &gnames, &ngroups, err) < 0) {
		store_close(st);
		free(ops);
		return -1;
	}
	plan.ops = ops;
	plan.nops = nops;
	plan.groups = groups;
	plan.ngroups = ngroups;
	g = gen_new(&plan);
	rc = log_bulk_record(st, 10000, gen_next, g, done, err);
	if (rc == 0)
		rc = desk_pins(st, nops > 1 ? &ops[1] : NULL, err);
	gen_free(g);
	store_close(st);
	free(ops);
	free(groups);
	data_free_names(gnames, ngroups);
	return rc;
}

/* The generated log, made again unless the cached one has the same
 * generator version and size. */
int data_log(struct ctx *c, struct dd_err *err)
{
	char stamp[4200], want[256], have[256] = "", line[256] = "", size[32];
	long long shift_entries = c->o.entries / 10 < 10000 ? c->o.entries / 10 : 10000;
	struct log_bulk_done done = {0};
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
		bench_figure("generate", "cached", "%lld entries; %s", c->o.entries,
		       strtok(line, "\n") ? line : "");
		return 0;
	}
	unlink(stamp);
	t0 = bench_now_ms();
	if (generate(c, shift_entries, start, &done, err) < 0)
		return -1;
	bench_fmt_ms(bench_now_ms() - t0, size, sizeof size);
	snprintf(line, sizeof line, "made in %s: %lld closures, %lld notifications (%lld done), "
		 "%lld in the last shift, %.0f MiB", size, done.closures, done.notifications,
		 done.done, shift_entries, (double)bench_file_size(c->db) / 1048576.0);
	if (!(f = fopen(stamp, "w")) || fprintf(f, "%s\n%s\n", want, line) < 0 || fclose(f) != 0)
		return dd_fail(err, DD_EIO, "cannot write %s", stamp);
	bench_figure("generate", size, "%lld entries; %s", c->o.entries, line);
	return 0;
}


int data_shipped_names(struct store *st, char ***units, int *nunits, char ***groups,
			 int *ngroups, struct dd_err *err)
{
	struct roster *r;
	long long *ids;

	if (data_standing_groups(st, &ids, groups, ngroups, err) < 0)
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

