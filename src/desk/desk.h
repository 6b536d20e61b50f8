/* desk.h — opening the desk: the database, upgraded and holding the shipped
 * organisation (loaded on first use, in one transaction). */
#ifndef DUTYDESK_DESK_H
#define DUTYDESK_DESK_H

#include "base/err.h"
#include "store/store.h"

/* Open (creating when `create`) the database at `path` and make sure the
 * shipped organisation is loaded.  *seeded_now tells whether this call
 * loaded it. */
int desk_open(struct store **out, const char *path, int create, int *seeded_now,
	      struct dd_err *err);

/* Load the organisation of the notice (assets/roster) into the database,
 * unless it is already there.  One transaction. */
int desk_seed(struct store *st, int *seeded_now, struct dd_err *err);

/* When the shipped roster takes effect: the notice's date, local midnight. */
long long desk_seed_time(void);

#endif
