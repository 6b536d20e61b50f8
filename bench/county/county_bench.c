/* county_bench.c — the county benchmark's two tools (county.sh runs them):
 *
 *   county-bench gen DB EVENTS START   record EVENTS events on the desk DB (made
 *                                      when missing) through the bench's bulk
 *                                      writer: entries and their closures, one
 *                                      every 30 s from START (seconds since the
 *                                      epoch), a significant one every 40th
 *   county-bench status URL RUNS       time the county status read (the same
 *                                      read `dutydesk county` and `dutydesk
 *                                      county status` make) RUNS times on one
 *                                      connection: min, median, max in ms
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../log_bulk.h"
#include "county/county_read.h"
#include "desk/desk.h"
#include "domain/person.h"

struct genctx {
	long long want, made, open;
	dd_time start;
	struct actor by;
	char summary[256];
};

static int next_item(void *vctx, long long last_id, struct log_bulk_item *it,
		     struct dd_err *err)
{
	struct genctx *g = vctx;
	static const char *const places[] = {"平阳社区", "马剑村", "溪口村", "上京村", "塔山村"};

	(void)err;
	if (g->made >= g->want)
		return 0;
	memset(it, 0, sizeof *it);
	it->by = &g->by;
	it->at = g->start + g->made * 30;
	if (g->made % 3 == 1)
		g->open = last_id;
	if (g->made % 3 == 2 && g->open) {
		it->act = LOG_BULK_CLOSE;
		it->incident = g->open;
		it->resolution = "已处置，人员已落实管控";
		g->open = 0;
	} else {
		snprintf(g->summary, sizeof g->summary, "%s来电：外地返乡人员%lld人，已登记核酸",
			 places[g->made % 5], g->made % 17 + 1);
		it->act = LOG_BULK_ENTRY;
		it->entry.kind = g->made % 7 == 0 ? LOG_REPORT : LOG_CALL;
		it->entry.summary = g->summary;
		it->entry.source = "镇卫生院";
		it->entry.significant = g->made % 40 == 0;
	}
	g->made++;
	return 1;
}

static int gen(const char *db, long long events, dd_time start)
{
	struct genctx g = {.want = events, .start = start};
	struct log_bulk_done done;
	struct store *st;
	struct dd_err err;
	char **names;
	int n, rc;

	if (desk_open(&st, db, 1, NULL, &err) < 0)
		goto fail;
	if (person_names(st, ACCESS_OPERATOR, &names, &n, &err) < 0 || n == 0 ||
	    person_find(st, names[0], &g.by, &err) < 0) {
		store_close(st);
		goto fail;
	}
	person_names_free(names, n);
	rc = log_bulk_record(st, 10000, next_item, &g, &done, &err);
	store_close(st);
	if (rc < 0)
		goto fail;
	printf("%lld entries, %lld closures\n", done.entries, done.closures);
	return 0;
fail:
	fprintf(stderr, "county-bench gen: %s\n", err.msg);
	return 1;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int status(const char *url, int runs)
{
	struct county *c;
	struct dd_err err;
	double *t;
	int towns = 0;

	if (runs < 1)
		runs = 1;
	if (county_open(url, &c, &err) < 0) {
		fprintf(stderr, "county-bench status: %s\n", err.msg);
		return 1;
	}
	t = calloc((size_t)runs, sizeof *t);
	for (int i = 0; i < runs; i++) {
		struct county_row *v;
		double t0 = now_ms();
		if (county_read_status(c, &v, &towns, &err) < 0) {
			fprintf(stderr, "county-bench status: %s\n", err.msg);
			county_close(c);
			free(t);
			return 1;
		}
		t[i] = now_ms() - t0;
		free(v);
	}
	county_close(c);
	qsort(t, (size_t)runs, sizeof *t, cmp);
	printf("%d towns, %d runs: min %.2f ms, median %.2f ms, max %.2f ms\n", towns, runs,
	       t[0], t[runs / 2], t[runs - 1]);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atoll(argv[3]), (dd_time)atoll(argv[4]));
	if (argc == 4 && strcmp(argv[1], "status") == 0)
		return status(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: county-bench gen DB EVENTS START | status URL RUNS\n");
	return 2;
}
