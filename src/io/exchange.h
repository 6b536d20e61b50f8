/* exchange.h — the desk's data in and out as CSV (dutydesk-csv(5)).
 *
 * The office keeps its roster and its contacts in spreadsheets: each kind
 * exports to a CSV file (header row, UTF-8, RFC 4180) that a person edits and
 * imports back.  An import reads and checks the whole file before it writes
 * anything, and reports every problem as "FILE:LINE: field: what"; a file
 * with no problem is written in one transaction that makes the database match
 * it, recorded as one event on the chain with its counts and the file's
 * SHA-256 (the rows themselves are not copied onto the chain: a table too big
 * to record row by row is recorded by its digest, see store/seal.h).  History is kept: a
 * post that changes hands ends one tenure and starts another, as succession
 * does, so the roster as of an earlier time still shows who held it then.
 *
 * A dry run does all of it inside the transaction and rolls back, so the
 * counts it gives are the ones the real import would give. */
#ifndef DUTYDESK_EXCHANGE_H
#define DUTYDESK_EXCHANGE_H

#include <stdio.h>

#include "base/csvio.h"
#include "base/err.h"
#include "domain/log.h"
#include "domain/person.h"
#include "store/store.h"

enum exchange_kind {
	EXCHANGE_ROSTER,    /* posts and their holders, people (admin to import) */
	EXCHANGE_CONTACTS,  /* escalation contacts, unit liaisons (admin) */
	EXCHANGE_RULES,     /* escalation rules (admin) */
	EXCHANGE_SCHEDULE,  /* the duty schedule: duty_import_csv (supervisor) */
	EXCHANGE_LOG,       /* the incident log: export only */
	EXCHANGE_KIND_COUNT,
};

const char *exchange_kind_name(enum exchange_kind k);  /* "roster" */
int exchange_kind_parse(const char *s, enum exchange_kind *out);
int exchange_can_import(enum exchange_kind k);

/* What an import did (or, dry, would do). */
struct exchange_counts {
	int rows;         /* data rows in the file */
	int added;        /* people, contacts, rules or shifts added */
	int changed;      /* people (unit, access, phones), contacts or rules changed */
	int removed;      /* contacts or rules removed */
	int kept;         /* contacts not in the file, kept: rules or the log use them */
	int posts_added;  /* roster: posts created */
	int handovers;    /* roster: posts whose holder changed */
	int vacated;      /* roster: posts left without a holder */
	int relabelled;   /* roster: posts whose description changed */
	int liaisons;     /* roster: units' liaisons and deputies in charge set or vacated */
	int groups;       /* roster: groups whose heading, other names, note or
			   * succession sentence changed */
	char kept_names[256]; /* the first kept contacts, "; "-separated */
	char sha256[65];      /* of the file as read to its end (hex), for the event */
	char vacated_names[1024]; /* roster: the first posts vacated, "组 组长 某人"
				   * "; "-separated */
};

/* How to import (exchange_import's `flags`). */
enum {
	EXCHANGE_DRY_RUN = 1,  /* check and count, inside a transaction rolled back */
	EXCHANGE_REPLACE = 2,  /* roster: vacate the posts held now that the file
				* leaves without a holder (refused without it) */
};

/* Write every row of `kind` as CSV, the header first (after a UTF-8 BOM when
 * `bom`, for spreadsheet programs). */
int exchange_export(struct store *st, enum exchange_kind kind, FILE *out, int bom,
		    struct dd_err *err);

/* Import `in` (named rep->file in messages).  Refused (DD_EDENIED) unless `by`
 * may; `by` may be NULL for a dry run.  Problems in the file go to `rep` and
 * fail with DD_EINVAL; nothing is written then, nor with EXCHANGE_DRY_RUN.
 * A roster that would take people off posts they hold now, leaving the posts
 * empty, is refused (DD_EINVAL, naming the first of them and how many)
 * unless `flags` has EXCHANGE_REPLACE; a dry run counts and names them in
 * `counts` either way. */
int exchange_import(struct store *st, const struct actor *by, enum exchange_kind kind,
		    FILE *in, unsigned flags, struct csvio_report *rep,
		    struct exchange_counts *counts, struct dd_err *err);

/* What an import did or would do, for a person: "1 person added, ...".
 * Translated; malloc'd. */
char *exchange_counts_text(enum exchange_kind kind, const struct exchange_counts *c);
/* Whether the counts say anything changed. */
int exchange_counts_any(const struct exchange_counts *c);

/* The log's CSV columns, shared by `log list --format csv` and the export:
 * the entry's row, then the whole call record (its notes of each type, who
 * handled it last and when, its incident's resolution and who closed it,
 * its amendments' reasons and authors).  A row reads its handling from `st`. */
#define EXCHANGE_LOG_COLS 29
extern const char *const exchange_log_header[EXCHANGE_LOG_COLS];
int exchange_log_row(struct store *st, FILE *out, const struct log_entry *e,
		     struct dd_err *err);

/* A timeline's CSV columns (`timeline --format csv`): each event, then on
 * an entry's 'created' row its call record (kind, subkind, source, caller,
 * call-back number, read-back, significant), on an amendment its reason and
 * the summary it replaced.  `elapsed` is seconds since the first event. */
#define EXCHANGE_TIMELINE_COLS 19
extern const char *const exchange_timeline_header[EXCHANGE_TIMELINE_COLS];
int exchange_timeline_row(struct store *st, FILE *out, const struct log_event *ev,
			  long long elapsed, struct dd_err *err);

#endif
