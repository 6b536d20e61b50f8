/* chain.h — tamper evidence for the log.
 *
 * Every event carries hash = BLAKE2b-256(previous hash, the event's fields,
 * and for a 'created' event the whole entry it creates).  Altering, removing,
 * reordering or truncating recorded events breaks the chain, and
 * chain_verify names the first place where it breaks. */
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

struct chain_report {
	long long events;          /* events verified */
	long long entries;         /* entries covered */
	long long first_bad;       /* id of the first broken event, 0 if none */
	char problem[400];         /* what is wrong there, for a person */
	unsigned char head[CHAIN_HASH_LEN]; /* hash of the last event */
};

/* Verify the whole chain.  Returns 0 when it holds, -1 with `rep->problem`
 * and DD_ETAMPER in `err` when it does not, -1 with another code when the
 * database could not be read. */
int chain_verify(struct store *st, struct chain_report *rep, struct dd_err *err);

/* Lower-case hex of the first `n` bytes of a hash, for printouts. */
void chain_hex(const unsigned char *hash, int n, char *out);

#endif
