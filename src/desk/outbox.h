/* outbox.h — consequences of an act carried out after it commits: a text
 * message to a leader's phone, and whatever else must leave the machine.
 *
 * An act adds items with outbox_add inside its own transaction, so an act
 * rolled back leaves none and the act never waits on a gateway.  After the
 * commit, outbox_run hands each due item to the handler of its kind and
 * records the result as an 'outbox' event on the hash chain: who was told
 * what, and when, is evidence.  A failure is tried again after 1, 2, 4 …
 * minutes (at most OUTBOX_BACKOFF_MAX apart), OUTBOX_TRIES times in all; then
 * the item is given up and shown as failed.  Items are never changed: their
 * state is derived from their events.
 *
 * One runner at a time: two processes running the outbox at once could both
 * carry out the same item. */
#ifndef DUTYDESK_OUTBOX_H
#define DUTYDESK_OUTBOX_H

#include "base/ddtime.h"
#include "base/err.h"
#include "store/store.h"

#define OUTBOX_TRIES 8              /* attempts before an item is given up */
#define OUTBOX_BACKOFF_MAX 30       /* minutes between attempts, at most */

enum outbox_state {
	OUTBOX_QUEUED,      /* not tried yet */
	OUTBOX_RETRY,       /* failed; tried again from next_at */
	OUTBOX_SENT,        /* carried out */
	OUTBOX_FAILED,      /* given up after OUTBOX_TRIES attempts */
};

/* "queued", "retry", "sent", "failed": scripts and CSV. */
const char *outbox_state_name(enum outbox_state s);

struct outbox_item {
	long long id;
	char *kind;               /* "sms" */
	char *recipient;          /* whom */
	char *number;             /* where */
	char *text;
	long long entry_id;       /* the entry that set it off (0: none) */
	dd_time created_at;
	enum outbox_state state;
	int attempts;             /* attempts made */
	dd_time last_at;          /* of the last attempt (0: none) */
	dd_time next_at;          /* OUTBOX_QUEUED: created_at; RETRY: when due again;
				   * otherwise 0 */
	char *reason;             /* why the last attempt failed ("" if it did not) */
};

void outbox_items_free(struct outbox_item *rows, int n);

/* Queue an item of `kind` for `recipient` at `number`, set off by entry
 * `entry_id` (0: none); its id in *id unless NULL.  Inside the caller's
 * transaction when there is one. */
int outbox_add(struct store *st, const char *kind, const char *recipient, const char *number,
	       const char *text, long long entry_id, long long *id, struct dd_err *err);

/* Carries out items of `kind`.  `run` returns 0 when the item is carried out,
 * -1 with the reason in `err` when it is not; it must not touch the store. */
struct outbox_handler {
	const char *kind;
	int (*run)(void *ctx, const struct outbox_item *item, struct dd_err *err);
	void *ctx;
};

struct outbox_counts {
	int sent;          /* carried out by this run */
	int failed;        /* failed in this run, to be tried again */
	int given_up;      /* failed for the last time in this run */
	int waiting;       /* failed before, not due again yet */
	int unhandled;     /* of a kind no handler carries out: still queued */
};

/* Hand every item due at `now` to the handler of its kind (`handlers` ends
 * with a NULL kind), each result recorded in a transaction of its own.  Never
 * inside a transaction: what leaves the machine follows a commit. */
int outbox_run(struct store *st, dd_time now, const struct outbox_handler *handlers,
	       struct outbox_counts *counts, struct dd_err *err);

/* Every item, oldest first, or only those still to be carried out (queued or
 * to be tried again) when `pending_only`. */
int outbox_list(struct store *st, int pending_only, struct outbox_item **rows, int *n,
		struct dd_err *err);

/* How many items are still to be carried out ("3 messages not sent"). */
int outbox_pending(struct store *st, long long *n, struct dd_err *err);

#endif
