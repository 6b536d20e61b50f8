/* handover_entries.h — the entries of a sheet and the incidents open at its
 * moment, read in range scans (handover_entries.c).  Inside docs/ only. */
#ifndef DUTYDESK_HANDOVER_ENTRIES_H
#define DUTYDESK_HANDOVER_ENTRIES_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/log.h"
#include "store/store.h"

/* Which entries a sheet holds: those RECORDED (their 'created' event on the
 * chain, recorded_at) in [lo, hi), and of those the ones recorded at or
 * after `from` or with an id above `after_id` (what the sheet before took
 * no signature for: recorded after it was signed), with an id of at most
 * `max_id` (0: any; a signed sheet: the last entry there was at its
 * signing).  Real entries, or the drill's.  What the events say of them
 * (amendments, reassignments, the closure) counts up to `as_of`. */
struct handover_span {
	dd_time lo, hi;
	dd_time from;
	long long after_id;
	long long max_id;
	int drill;
	dd_time as_of;
};

/* Call `fn` for each entry of the span, in the order they were recorded
 * (recorded_at, then id), with the fields log_each gives (followups left 0), until it
 * returns non-zero. */
int handover_entries_each(struct store *st, const struct handover_span *sp,
			  int (*fn)(const struct log_entry *e, void *ctx), void *ctx,
			  struct dd_err *err);

/* Call `fn` for each incident (no follow-up) open at `as_of` and recorded
 * by then, in id order, with its follow-ups recorded by then in
 * e->followups.  Real incidents come from the store's open set and the
 * closures since; the drill's, recorded in the last DRILL_OPEN_DAYS days. */
#define HANDOVER_DRILL_OPEN_DAYS 7
int handover_open_each(struct store *st, dd_time as_of, int drill,
		       int (*fn)(const struct log_entry *e, void *ctx), void *ctx,
		       struct dd_err *err);

#endif
