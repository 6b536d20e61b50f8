/* county_read.h — what the county's terminal UI reads (`dutydesk county`):
 * every town's row with its last significant entry, a town's incidents, an
 * incident's timeline.  Reads only: nothing here writes to the county.  The
 * UI calls these and never sees SQL or libpq. */
#ifndef DUTYDESK_COUNTY_READ_H
#define DUTYDESK_COUNTY_READ_H

#include "county/county.h"

#define COUNTY_INCIDENTS_MAX 500   /* a town's newest incidents, at most */

/* A town's row: what county_status() says, and its last significant entry. */
struct county_row {
	struct county_town t;
	long long sig_id;          /* the last significant entry (0: none) */
	dd_time sig_at;            /* when it occurred */
	char sig_kind[32];         /* its kind's name ("call", "positive", …) */
	char sig_summary[512];
};

/* Every town the county knows, by name, with its last significant entry
 * (county.incidents' partial index on significant, one probe a town).
 * *out malloc'd. */
int county_read_status(struct county *c, struct county_row **out, int *n,
		       struct dd_err *err);

struct county_incident {
	long long entry_id, parent_id;  /* parent_id 0: an incident of its own */
	dd_time occurred_at;
	char kind[32];
	char source[128];
	char *summary;
	int significant, drill;
	dd_time closed_at;              /* 0: still open */
};

/* A town's entries, newest first, at most COUNTY_INCIDENTS_MAX.  *out
 * malloc'd; free with county_incidents_free. */
int county_read_incidents(struct county *c, const char *town, struct county_incident **out,
			  int *n, struct dd_err *err);
void county_incidents_free(struct county_incident *v, int n);

struct county_event {
	long long seq;
	dd_time at;
	char type[32];
	int drill;
	char *text;                /* what the event says: the entry's summary, an
				    * amendment, a resolution, a note; else its
				    * JSON body as the town hashed it */
};

/* An entry's events in the county's copy, in the chain's order (the
 * entry's 'created' first).  *out malloc'd; free with county_events_free. */
int county_read_timeline(struct county *c, const char *town, long long entry_id,
			 struct county_event **out, int *n, struct dd_err *err);
void county_events_free(struct county_event *v, int n);

#endif
