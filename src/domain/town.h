/* town.h — which town this desk is, and how its history last reached the
 * county.
 *
 * A desk is one town's (or street's) duty desk.  Its name is 马剑镇, the
 * shipped organisation's town, unless `dutydesk init --town NAME` named it
 * when the desk was made; it is named once (a 'town' event on the chain).
 * The desk id is random, made with the file: the county tells by it two
 * desks that claim one name.
 *
 * The county's sync (src/county/) writes what it last found here, and the
 * terminal's status line reads it: the sync runs in a process of its own and
 * the UI never talks to the county. */
#ifndef DUTYDESK_TOWN_H
#define DUTYDESK_TOWN_H

#include "base/ddtime.h"
#include "base/err.h"
#include "store/store.h"

#define TOWN_DEFAULT "马剑镇"
#define TOWN_NAME_MAX 64        /* bytes of UTF-8: 21 Chinese characters */
#define TOWN_DESK_ID_LEN 32     /* hex digits */

struct town {
	char name[TOWN_NAME_MAX + 1];
	char desk_id[TOWN_DESK_ID_LEN + 1];
	int named;                  /* named by init --town (else the default) */
};

/* Whether `name` may be a town's name: not empty nor blank, one line, no
 * control character, valid UTF-8, at most TOWN_NAME_MAX bytes. */
int town_check_name(const char *name, struct dd_err *err);

/* The desk's town and desk id. */
int town_get(struct store *st, struct town *out, struct dd_err *err);

/* The desk's town's name into `out` (for the papers' heads). */
int town_name_of(struct store *st, char *out, size_t n, struct dd_err *err);

/* Name the desk's town (init --town): once.  The name it already has is
 * no change; another name on a desk already named is refused (DD_EDENIED).
 * Its own transaction, the 'town' event on the chain. */
int town_name(struct store *st, const char *name, struct dd_err *err);

/* What the last sync found. */
struct town_sync {
	dd_time tried_at;           /* 0: never tried */
	dd_time ok_at;              /* 0: never succeeded */
	long long county_seq;       /* the last event the county holds */
	char error[512];            /* why the last try failed ("" when it did not) */
};

int town_sync_get(struct store *st, struct town_sync *out, struct dd_err *err);

/* Note a try of the sync at `now`: a success (`error` NULL: the county now
 * holds up to `county_seq`) or a failure with its one-line reason.  A short
 * write of its own, never waiting long for another writer. */
int town_sync_note(struct store *st, dd_time now, long long county_seq, const char *error,
		   struct dd_err *err);

#endif
