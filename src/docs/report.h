/* report.h — the daily report (日报告、零报告).
 *
 * One report per day, local midnight to midnight, filed even when nothing
 * happened: then it is a zero report (零报告) and says so.  It counts the
 * day's real entries by kind (drill entries never count), lists the
 * significant ones and the positive cases, counts key persons by category,
 * lists the incidents still open, the escalations opened, done and overdue,
 * the day's shifts, the assigned tasks overdue, and the day's reviewed
 * figures (those waiting for review are counted, never added in).
 *
 * A report is a list of sections, each built by one function of report.c's
 * table and rendered by one generic renderer: a later section is one
 * function and one row of that table, nothing else.  The report is a
 * document of the office: its text is Chinese and is never translated; what
 * is filed is kept word for word.
 *
 * Filing is an act on the chain with who and when; the filing keeps the text
 * and the head of the chain at that moment.  A day is filed once. */
#ifndef DUTYDESK_REPORT_H
#define DUTYDESK_REPORT_H

#include "store/chain.h"
#include "base/ddtime.h"
#include "base/err.h"
#include "domain/log.h"
#include "domain/person.h"
#include "store/store.h"

#define REPORT_WIDTH 80
#define REPORT_NO_COUNT (-1LL)

/* One line of a section: a count ("来电 3") or an item ("#12 09:30 …"). */
struct report_line {
	long long ref;        /* the entry, notification or shift; 0: none */
	dd_time at;           /* 0: none */
	char *label;          /* a kind, a category, a time; "" when none */
	long long count;      /* REPORT_NO_COUNT for an item */
	char *text;           /* an item's text; "" for a count */
	int flag;             /* stands out (★): significant, overdue, changed */
};

struct report_section {
	const char *key;      /* "entries", "significant", "positive", "key_persons",
			       * "open", "escalations", "duty", "tasks", "stats":
			       * for programs */
	const char *title;    /* the heading, Chinese: "值班记录" */
	long long total;      /* the headline figure; REPORT_NO_COUNT when none */
	char *summary;        /* after the heading: "共 3 条", "无" */
	struct report_line *lines;
	int nlines;
	long long more;       /* items left out of a long list (counted in total) */
};

struct report_filing {
	int filed;
	long long id;
	long long event_id;   /* the 'report-filed' event on the chain */
	dd_time at;
	char by[PERSON_NAME_MAX * 4];
	int zero;
	long long entries;
	char chain_head[2 * CHAIN_HASH_LEN + 1]; /* hex, before the filing */
};

struct report_daily {
	dd_time day, day_end;     /* [day, day_end): local midnight to midnight */
	dd_time as_of;            /* the state described: now, or the day's end */
	char date[DDTIME_BUFSZ];  /* "2021-12-16" */
	char town[80];            /* the desk's town (domain/town.h) */
	char as_of_text[DDTIME_BUFSZ + 8]; /* "2021-12-16 09:00", "2021-12-15 24:00" */
	int taskforce;            /* the real mode at as_of */
	int zero;                 /* 零报告: no real entry that day */
	long long entries;        /* real entries of the day */
	long long by_kind[LOG_KIND_COUNT];
	long long positive;
	long long key_persons;
	long long open_incidents;
	long long esc_opened, esc_done, esc_overdue;
	long long tasks_overdue;  /* assigned tasks overdue at as_of */
	long long stats_reviewed, stats_pending; /* the day's figures: counted, waiting */
	int shifts;
	struct report_section *sections;
	int nsections;
	struct report_filing filing;  /* filing.filed = 0 when not filed */
};

void report_daily_clear(struct report_daily *r);

/* Build the report of the day containing `day` (any time of it).  A day that
 * has not begun is refused. */
int report_daily_build(struct store *st, dd_time day, struct report_daily *out,
		       struct dd_err *err);

/* The section called `key`, or NULL. */
const struct report_section *report_section(const struct report_daily *r, const char *key);

/* The report as a document of REPORT_WIDTH columns (display width), with its
 * filing when filed.  malloc'd. */
char *report_daily_text(const struct report_daily *r);

/* File the report of the day containing `day`: build it, record it with who
 * and when and the chain's head, in one transaction.  A day already filed is
 * refused (DD_EDENIED), naming who filed it and when.  Any operator may file.
 * `out` (may be NULL) receives the report as filed, text included in
 * `*text` when `text` is not NULL (malloc'd). */
int report_daily_file(struct store *st, const struct actor *by, dd_time day,
		      struct report_daily *out, char **text, struct dd_err *err);

/* Whether the day containing `day` is filed, and how. */
int report_daily_filed(struct store *st, dd_time day, struct report_filing *out,
		       struct dd_err *err);

/* For the status line: is today's report (the day of `now`) filed, and should
 * the line warn (not filed, and past the report-warn-hour setting)? */
int report_daily_due(struct store *st, dd_time now, int *filed, int *warn, struct dd_err *err);

/* The text of a filed report, word for word as filed.  *text is malloc'd. */
int report_daily_filed_text(struct store *st, dd_time day, char **text, struct dd_err *err);

#endif
