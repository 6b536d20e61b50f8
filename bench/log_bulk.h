/* log_bulk.h — recording a long history of the log at once: the benchmark's
 * million entries.
 *
 * Items come from a callback, in recording order.  Each becomes what the
 * log's own writing functions write for it, at the item's time: an entry
 * with its 'created' event on the hash chain and its search index row, or
 * the closure of an incident (a 'closed' event, its resolution indexed).
 * An entry opens the notifications of its kind's escalation rules, and a
 * DONE item marks them done, through the escalation module's own functions
 * with the clock set to the item's time, as a desk in use makes them.  The
 * mode change of a positive case is left out: history has had its
 * consequences already, so a positive case is refused here; record it with
 * log_add.  Items are written in transactions of `batch` items; a failure
 * rolls back the batch in progress and keeps the batches before it.  At the
 * end the write-ahead log is checkpointed and emptied. */
#ifndef BENCH_LOG_BULK_H
#define BENCH_LOG_BULK_H

#include "domain/log.h"

enum log_bulk_act {
	LOG_BULK_ENTRY,       /* record `entry` */
	LOG_BULK_CLOSE,       /* close incident `incident` with `resolution` */
	LOG_BULK_DONE,        /* mark the notifications of entry `incident` not yet
			       * done as done, answered by `resolution` */
};

struct log_bulk_item {
	enum log_bulk_act act;
	const struct actor *by;   /* who recorded the entry or closed the incident */
	dd_time at;               /* when: never before the previous item's time */
	struct log_new entry;     /* ENTRY: the group by group_id (names are not
				   * resolved); occurred_at 0 means `at` */
	long long incident;       /* CLOSE */
	const char *resolution;   /* CLOSE */
};

/* Fill `item` and return 1; return 0 when there are no more items, or -1
 * (with `err` filled) to stop.  `last_id` is the id the previous item's entry
 * was given (0 before the first item and after a closure). */
typedef int (*log_bulk_next_fn)(void *ctx, long long last_id, struct log_bulk_item *item,
				struct dd_err *err);

struct log_bulk_done {
	long long entries;        /* entries recorded (in committed batches) */
	long long closures;       /* incidents closed (in committed batches) */
	long long notifications;  /* notifications opened (in committed batches) */
	long long done;           /* notifications marked done (in committed batches) */
};

/* Record every item `next` gives, `batch` (>= 1) to a transaction. */
int log_bulk_record(struct store *st, int batch, log_bulk_next_fn next, void *ctx,
		    struct log_bulk_done *done, struct dd_err *err);

#endif
