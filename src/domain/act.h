/* act.h — recording a person's act (core-internal): what they typed,
 * checked, and the act's event with its JSON body. */
#ifndef DUTYDESK_ACT_H
#define DUTYDESK_ACT_H

#include <stddef.h>

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/store.h"
#include "base/jsonw.h"

/* How a typed text is checked. */
enum {
	ACT_REQUIRED = 1,   /* not empty, nor blank */
	ACT_ONE_LINE = 2,   /* no control character, no line break */
};

/* A text a person typed: valid UTF-8 of at most `max` bytes, and as `how`
 * (ACT_REQUIRED, ACT_ONE_LINE) says.  `what` ("the note") names it in the
 * message; NULL is the empty text. */
int act_check_text(const char *what, const char *s, unsigned how, size_t max,
		   struct dd_err *err);

/* One event of an act as it goes on the hash chain. */
struct act_record {
	const struct actor *by;  /* NULL: the desk itself, no person */
	const char *type;
	dd_time at;              /* 0: now */
	long long entry_id;      /* on that entry's timeline too (0: the chain alone) */
	int drill;               /* an event of a drill (演练) */
	const char *body;        /* a JSON object; NULL: {} */
};

/* The one door of an act to the chain: every chained act goes through it
 * (the helpers below, the log's events, the mode's).  Its id in *id unless
 * NULL.  Inside the caller's write transaction. */
int act_append(struct store *st, const struct act_record *r, long long *id,
	       struct dd_err *err);

/* Append the event `type` of `by` (NULL: the desk itself, no person), now,
 * on the chain, its body the JSON object `body` (finished here, and freed);
 * its id in *id unless NULL.  Every act goes on the chain through these. */
int act_event(struct store *st, const struct actor *by, const char *type, struct jsonw *body,
	      long long *id, struct dd_err *err);
/* The same at `at`. */
int act_event_at(struct store *st, const struct actor *by, const char *type, dd_time at,
		 struct jsonw *body, long long *id, struct dd_err *err);

/* The same, about entry `entry_id`: on the entry's timeline too (and on the
 * chain alone when `entry_id` is 0).  What a log event with no drill and
 * nothing to index is (log_event_append). */
int act_event_about(struct store *st, const struct actor *by, const char *type,
		    long long entry_id, struct jsonw *body, struct dd_err *err);

#endif
