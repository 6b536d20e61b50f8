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
 * and the head of the chain at that moment.  A day is filed once; what the
 * report should have said and did not is a correction (补报): a document of
 * its own on the chain, with its text, that names the one it corrects (its
 * event and the hash of its text).  What was filed is what is shown under
 * its stamp; what was recorded after it is shown apart.
 *
 * What may be filed when (report_daily_may_file): never a zero report for a
 * day that has entries or during which the task force ran; never a drill's
 * report. */
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
	int drill;                /* the drill's report (演练): drill entries only */
	dd_time day, day_end;     /* [day, day_end): local midnight to midnight */
	dd_time as_of;            /* the state described: now, or the day's end */
	char date[DDTIME_BUFSZ];  /* "2021-12-16" */
	char town[80];            /* the desk's town (domain/town.h) */
	char as_of_text[DDTIME_BUFSZ + 8]; /* "2021-12-16 09:00", "2021-12-15 24:00" */
	int taskforce;            /* the real mode at as_of */
	int taskforce_during;     /* the task force ran at some time of [day, as_of] */
	dd_time taskforce_since;  /* when it was (last) started before or in the day */
	long long mode_changes;   /* changes of mode in the day */
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
	/* Set while the text of a correction (补报) is made: the document it
	 * corrects. */
	struct {
		long long event_id;
		char hash[2 * CHAIN_HASH_LEN + 1];
		dd_time at;
		const char *reason;
	} corrects;
};

/* One document filed for a day: the report as first filed, or a
 * correction (补报) of the one before it. */
struct report_doc {
	char day[DDTIME_BUFSZ]; /* "2021-12-16" */
	long long event_id;   /* its event on the chain: the document's number */
	int correction;       /* 0: the report; 1: a 补报 */
	long long corrects;   /* a 补报: the event of the document it corrects */
	char corrects_hash[2 * CHAIN_HASH_LEN + 1];
	dd_time at;
	char by[PERSON_NAME_MAX * 4];
	int zero;
	long long entries;
	char chain_head[2 * CHAIN_HASH_LEN + 1];
	char text_hash[2 * CHAIN_HASH_LEN + 1];
	char *reason;         /* a 补报's reason ("" when none given) */
	char *text;           /* word for word as filed ("" in report_docs_list) */
};

void report_daily_clear(struct report_daily *r);

/* Build the report of the day containing `day` (any time of it).  A day that
 * has not begun is refused. */
int report_daily_build(struct store *st, dd_time day, struct report_daily *out,
		       struct dd_err *err);
/* The same of the drill (演练): its entries, notifications and mode; the text
 * says 演练 at its top and its bottom.  Never filed. */
int report_daily_build_drill(struct store *st, dd_time day, struct report_daily *out,
			     struct dd_err *err);

/* The rule of what may be filed, for every front end: 0 when `r` may be filed
 * (as a report, or with `correction` as a 补报), else -1 with why in one line
 * (DD_EDENIED): a zero report (零报告) of a day that has entries or during
 * which the task force ran, a drill's report, a day not filed yet (for a
 * correction) or filed already (for a report). */
int report_daily_may_file(const struct report_daily *r, int correction, struct dd_err *err);

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
/* The same, `how` REPORT_AS_ZERO: only as a zero report (零报告), refused by
 * the rule when the day has entries or the task force ran (a script that
 * files the zero report each evening never files anything else). */
enum { REPORT_AS_ZERO = 1 };
int report_daily_file_as(struct store *st, const struct actor *by, dd_time day, unsigned how,
			 struct report_daily *out, char **text, struct dd_err *err);

/* File a correction (补报) of the day containing `day`: the report as it
 * stands now, chained after the latest document filed for the day, naming it
 * (its event and the hash of its text); `reason` may be NULL.  Refused by
 * report_daily_may_file.  `out` and `text` as report_daily_file; `*id` (may
 * be NULL) the correction's event. */
int report_daily_correct(struct store *st, const struct actor *by, dd_time day,
			 const char *reason, struct report_daily *out, char **text,
			 long long *id, struct dd_err *err);

/* Every document filed for the day containing `day`, the report first, then
 * its corrections in order (*n 0 when not filed).  Free with
 * report_docs_free. */
int report_daily_history(struct store *st, dd_time day, struct report_doc **out, int *n,
			 struct dd_err *err);
void report_docs_free(struct report_doc *v, int n);

/* Every document filed from `from` to `to` (days, inclusive; 0: any), in
 * the order filed, texts left out. */
int report_docs_list(struct store *st, dd_time from, dd_time to, struct report_doc **out,
		     int *n, struct dd_err *err);

/* What a person reading the day's report is shown, the same in every front
 * end: when filed, the latest document word for word under its stamp, the
 * documents filed before it, and apart from them what was recorded for the
 * day after it was filed; when not filed, the report as it stands and
 * whether it may be filed (the rule above).  *text is malloc'd; `r` (may be
 * NULL) receives the report as built now. */
int report_daily_view(struct store *st, dd_time day, int drill, char **text,
		      struct report_daily *r, struct dd_err *err);

/* Whether the day containing `day` is filed, and how. */
int report_daily_filed(struct store *st, dd_time day, struct report_filing *out,
		       struct dd_err *err);

/* For the status line: is today's report (the day of `now`) filed, and should
 * the line warn (not filed, and past the report-warn-hour setting)? */
int report_daily_due(struct store *st, dd_time now, int *filed, int *warn, struct dd_err *err);

/* The text of a filed report, word for word as filed.  *text is malloc'd. */
int report_daily_filed_text(struct store *st, dd_time day, char **text, struct dd_err *err);

#endif
