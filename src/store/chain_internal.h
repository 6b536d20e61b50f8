/* chain_internal.h — the chain's hash, shared by chain.c and chain_read.c
 * (core-internal). */
#ifndef DUTYDESK_CHAIN_INTERNAL_H
#define DUTYDESK_CHAIN_INTERNAL_H

#include <sodium.h>

#include "store/chain.h"

/* The entry's fields in a fixed order; the same list feeds append, verify
 * and the export to the county. */
#define ENTRY_COLS                                                                   \
	"en.id, en.occurred_at, en.recorded_at, en.operator_id, en.kind, en.subkind, " \
	"en.source, en.caller, en.callback, en.readback, en.summary, en.grp_id, "      \
	"en.parent_id, en.significant, en.drill"
#define N_ENTRY_COLS 15

/* Begin the hash of `ev` after `prev`: the domain tag, the previous hash and
 * the event's fields (a 'created' event's entry columns follow, fed by
 * seal_feed_columns). */
void chain_digest_begin(crypto_generichash_state *h, const unsigned char *prev,
			const struct chain_event *ev);

#endif
