/* handover_entries.h — the entries of a period for the handover sheet, read
 * in range scans (handover_entries.c).  Inside docs/ only. */
#ifndef DUTYDESK_HANDOVER_ENTRIES_H
#define DUTYDESK_HANDOVER_ENTRIES_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/log.h"
#include "store/store.h"

/* Call `fn` for each real (not drill) entry that occurred in [from, to), in
 * id order, with the fields log_each gives (followups left 0), until it
 * returns non-zero. */
int handover_entries_each(struct store *st, dd_time from, dd_time to,
			  int (*fn)(const struct log_entry *e, void *ctx), void *ctx,
			  struct dd_err *err);

#endif
