/* stats.h — each group's daily figures, reviewed before they count
 * (严格统计制度: "经相关人员审核确保无差错后上报相应工作组组长").
 *
 * The metrics are data: the shipped ones (assets/stats/metrics.csv) and those
 * an admin adds, each reported by a group and counted in a unit.  A figure
 * (group, metric, day, value) is entered by one person and reviewed (审核)
 * by a different person; until then it does not count anywhere.  A later
 * figure for the same group, metric and day corrects the earlier one once it
 * is reviewed in turn.  Entering and reviewing are events on the chain. */
#ifndef DUTYDESK_STATS_H
#define DUTYDESK_STATS_H

#include <stddef.h>

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

#define STATS_VALUE_MAX 100000000LL  /* a figure above this is a typing error */
#define STATS_TREND_DAYS 14
#define STATS_TREND_MAX 366

struct stats_metric {
	long long id;
	char *key;         /* "samples": for scripts */
	char *name;        /* "核酸采样数" */
	char *group;       /* the group that reports it */
	char *unit;        /* "人次" */
	int seq;
	char *note;
};

void stats_metrics_free(struct stats_metric *v, int n);

/* Every metric, in order. */
int stats_metrics(struct store *st, struct stats_metric **out, int *n, struct dd_err *err);

/* Add a metric (admin).  `key`: lower-case letters, digits and '-'. */
int stats_metric_add(struct store *st, const struct actor *by, const char *key, const char *name,
		     const char *group, const char *unit, const char *note, long long *id,
		     struct dd_err *err);

struct stats_figure {
	long long id;
	char *metric;          /* its name */
	char *metric_key;
	char *unit;
	char *group;
	char day[DDTIME_BUFSZ]; /* "2021-12-16" */
	dd_time day_start;
	long long value;
	dd_time entered_at;
	char *entered_by;
	dd_time reviewed_at;   /* 0: waiting for review */
	char *reviewed_by;     /* "" while waiting */
	int superseded;        /* a later reviewed figure for the same day counts instead */
};

void stats_figures_free(struct stats_figure *v, int n);

/* Enter a figure for the day containing `day` (0: today).  `metric` is a
 * metric's name or key; `group` may be NULL for the metric's own group, and
 * is otherwise that group or its task-force counterpart.  *id may be NULL. */
int stats_add(struct store *st, const struct actor *by, const char *group, const char *metric,
	      long long value, dd_time day, long long *id, struct dd_err *err);

/* Review figure `id` (审核): refused to the person who entered it, for a
 * figure already reviewed, and to a reviewer who has not proved their own PIN
 * (by->verified, auth_check). */
int stats_review(struct store *st, const struct actor *by, long long id, struct dd_err *err);

struct stats_filter {
	int pending_only;      /* only figures waiting for review */
	dd_time day;           /* any time of that day; 0: every day */
	const char *metric;    /* a name or key; NULL: every metric */
};

/* Figures, newest day first, then by metric and group, then by id. */
int stats_list(struct store *st, const struct stats_filter *f, struct stats_figure **out,
	       int *n, struct dd_err *err);

/* What counts for the day containing `day`: the latest reviewed figure of
 * each metric and group, in metric order; *pending (may be NULL) gets the
 * number of that day's figures still waiting for review.  For the daily
 * report. */
int stats_day(struct store *st, dd_time day, struct stats_figure **out, int *n,
	      long long *pending, struct dd_err *err);

/* One day of a trend. */
struct stats_point {
	dd_time day;
	long long value;     /* the sum of the day's counting figures */
	int has;             /* any reviewed figure that day */
};

/* The last `days` days (1 to STATS_TREND_MAX) of `metric` up to the day
 * containing `last`, oldest first, reviewed figures only; `group` NULL for
 * every group.  *out is malloc'd, `days` long. */
int stats_trend(struct store *st, const char *metric, const char *group, dd_time last, int days,
		struct stats_point **out, struct dd_err *err);

/* Pure: no store, no clock. */

enum stats_refusal {
	STATS_OK,
	STATS_REFUSE_OWN,       /* the reviewer entered the figure */
	STATS_REFUSE_REVIEWED,  /* already reviewed */
	STATS_REFUSE_NOBODY,    /* nobody signed in */
};

/* May `reviewer` review a figure entered by `entered_by`? */
enum stats_refusal stats_review_rule(long long entered_by, long long reviewer, int reviewed);

/* A sparkline of `n` points, one column each (▁▂▃▄▅▆▇█, "·" for a day
 * without figures), scaled from 0 to the largest value.  UTF-8 into `buf`. */
void stats_sparkline(const struct stats_point *p, int n, char *buf, size_t size);

#endif
