/* chain.h — tamper evidence for the log and the tables beside it.
 *
 * Every event carries hash = BLAKE2b-256(previous hash, the event's fields,
 * and for a 'created' event the whole entry it creates).  Altering, removing,
 * reordering or truncating recorded events breaks the chain, and
 * chain_verify names the first place where it breaks.  The event's body also
 * seals the rows the act wrote beside it (src/store/audit.c), so that an
 * edited task, person, shift or setting is named too, and verification
 * compares the schema and the sequences with what the program made. */
#ifndef DUTYDESK_CHAIN_H
#define DUTYDESK_CHAIN_H

#include "base/err.h"
#include "store/store.h"

#define CHAIN_HASH_LEN 32

struct chain_event {
	long long id;        /* filled by chain_append */
	long long at;
	long long actor_id;  /* 0: no person (the system) */
	long long entry_id;  /* 0: not about an entry */
	const char *type;
	int drill;
	const char *body;    /* a JSON object; "{}" when NULL */
};

/* Append an event at the head of the chain.  Must run inside a write
 * transaction (store_begin); a 'created' event must follow the insertion of
 * its entry in the same transaction. */
int chain_append(struct store *st, struct chain_event *ev, struct dd_err *err);

enum chain_finding_kind {
	CHAIN_FIND_SCHEMA,  /* a table, index or trigger not as the migrations made it */
	CHAIN_FIND_ROWS,    /* a row not as the chain sealed or recorded it */
	CHAIN_FIND_RECORDS, /* a sequence or the record of the head against the rows */
	CHAIN_NKINDS
};

#define CHAIN_FINDINGS 16

struct chain_finding {
	enum chain_finding_kind kind;
	char text[360];             /* names the table, the row and what differs */
};

struct chain_report {
	long long events;          /* events verified */
	long long entries;         /* entries covered */
	long long first_bad;       /* id of the first broken event, 0 if none */
	char problem[400];         /* what is wrong there, for a person */
	unsigned char head[CHAIN_HASH_LEN]; /* hash of the last event */
	long long head_id;         /* its id, 0 for an empty chain */
	long long rows;            /* rows beside the log verified */
	int schema_objects;        /* tables, indexes and triggers compared */
	int nfindings;             /* every finding; the first CHAIN_FINDINGS are kept */
	int nkind[CHAIN_NKINDS];
	struct chain_finding findings[CHAIN_FINDINGS];
};

/* Verify the whole chain, the rows it seals, the schema and the sequences
 * (audit.c).
 * Returns 0 when all hold, -1 with DD_ETAMPER in `err` when they do not:
 * `rep->problem` and `first_bad` name the first broken event, and each
 * other finding is in `rep->findings` (`problem` holds the first of them
 * when the events themselves hold).  -1 with another code when the database
 * could not be read. */
int chain_verify(struct store *st, struct chain_report *rep, struct dd_err *err);

/* For audit.c, which verifies the rows beside the events: walk the events
 * after `from` (whose hash is `prev`), each against its hash, handing each
 * to `each` (may be NULL) with its type and its body's "_seal" and "_state"
 * (NULL when it has none).  Sets the head, its id and the counts in `rep`;
 * -1 with DD_ETAMPER at the first broken event. */
typedef int chain_each_fn(void *ctx, long long id, const char *type, const char *seal,
			  const char *state, struct chain_report *rep, struct dd_err *err);
int chain_walk(struct store *st, long long from, const unsigned char prev[CHAIN_HASH_LEN],
	       chain_each_fn *each, void *ctx, struct chain_report *rep, struct dd_err *err);
/* After a walk to the head: events or entries cut from the end, entries on
 * no event. */
int chain_check_ends(struct store *st, struct chain_report *rep, struct dd_err *err);
/* Run `fn` in one read transaction: one snapshot of the file. */
int chain_snapshot(struct store *st, int (*fn)(struct store *, struct chain_report *,
					       struct dd_err *),
		   struct chain_report *rep, struct dd_err *err);

/* For a terminal that verifies at every start: verify only the events
 * appended since the last call, from the point it remembers in the meta
 * table ('chain.verified': the id and the full hash of the last event it
 * verified).  That event must still be there with the same hash (a chain cut
 * before it, or recomputed from anywhere before it, is caught there), then
 * each later event must follow from it.  The rows beside the log, the schema
 * and the sequences are left to chain_verify (`dutydesk check`).  Returns
 * as chain_verify, `rep->events` counting the events verified by this call.
 * The new point is remembered when the file is writable and no other
 * writer holds it (it never waits; a failure to save it is not an error:
 * the next call verifies more).  The busy timeout is left at its default. */
int chain_verify_since(struct store *st, struct chain_report *rep, struct dd_err *err);

/* Whether `hex` is a head as printed (16 to 64 hex digits): 0, or -1 with
 * DD_EINVAL in `err`. */
int chain_head_parse(const char *hex, struct dd_err *err);

/* Whether an event of the chain has a hash that begins with `hex` (at least
 * 16 hex digits, as printed on a handover sheet or a daily report): 1 and
 * its id and time when one has, 0 when none has, -1 with `err` on a bad
 * `hex` or a database that could not be read. */
int chain_find_head(struct store *st, const char *hex, long long *id, long long *at,
		    struct dd_err *err);

/* The head as printed: the first 16 hex digits (8 bytes). */
#define CHAIN_HEAD_PRINTED 8

/* The head of the chain as it stood before event `before` (0: now): the
 * hex of its first `n` bytes (CHAIN_HEAD_PRINTED as printed, CHAIN_HASH_LEN
 * whole) into `out` of 2 * n + 1 bytes, "" when the chain was empty.  For the
 * papers that carry it (handover sheet, daily report). */
int chain_head_hex(struct store *st, long long before, int n, char *out, struct dd_err *err);

/* Lower-case hex of the first `n` bytes of a hash, for printouts. */
void chain_hex(const unsigned char *hash, int n, char *out);

#endif
