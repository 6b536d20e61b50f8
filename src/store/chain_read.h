/* chain_read.h — the chain as it leaves the desk: the events in order, each
 * with its hash and the hash before it, verified as they are read (for the
 * county's copy, src/county/). */
#ifndef DUTYDESK_CHAIN_READ_H
#define DUTYDESK_CHAIN_READ_H

#include "base/err.h"
#include "store/chain.h"
#include "store/store.h"

/* One event as it is stored, with what its hash covers. */
struct chain_row {
	long long id;               /* its place in the chain: 1, 2, … */
	long long at;               /* seconds since the epoch */
	long long actor_id;         /* 0: the desk itself */
	long long entry_id;         /* 0: about no entry */
	int drill;
	const char *type;
	const char *body;           /* the JSON body, byte for byte as hashed */
	const char *entry;          /* a 'created' event: the entry's hashed fields as a
				     * JSON object; else NULL */
	unsigned char prev[CHAIN_HASH_LEN];
	unsigned char hash[CHAIN_HASH_LEN];
};

typedef int chain_row_fn(void *ctx, const struct chain_row *row, struct dd_err *err);

/* In one read transaction of its own (never a write lock): the hash of
 * event `after` (all zeros for 0) into `prev_out`, then the events after it,
 * at most `limit`, handed in order to `fn`, each recomputed against its hash
 * and the one before (DD_ETAMPER at the first that does not hold: nothing
 * broken leaves the desk).  Returns the number of events handed, or -1.
 * Event `after` missing is DD_ENOTFOUND. */
long long chain_read(struct store *st, long long after, unsigned char prev_out[CHAIN_HASH_LEN],
		     long long limit, chain_row_fn *fn, void *ctx, struct dd_err *err);

/* The id of the newest event (0: none). */
int chain_last_id(struct store *st, long long *id, struct dd_err *err);

#endif
