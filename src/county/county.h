/* county.h — the county's copy of every town's history, on PostgreSQL.
 *
 * A town's desk is one host and one SQLite file; the county (诸暨市值班组)
 * keeps, in one PostgreSQL database, a copy of each town's hash chain that the
 * town cannot quietly rewrite, and a row of each town's state.  This module is
 * the only code that links libpq; the command line calls it (`dutydesk sync`,
 * `dutydesk county status`), the terminal UI never does (it starts `dutydesk
 * sync` in a process of its own).
 *
 * The county's schema (COUNTY_SCHEMA_VERSION), in the PostgreSQL schema
 * "county", made by the first sync that finds none (county_open):
 *
 *   county.version (version int)        one row; another version is refused
 *   county.towns                        one row per town name
 *     town text PK, desk_id text        the desk that holds the name (its
 *                                       random id, 32 hex digits)
 *     head_seq bigint, head_hash bytea  the last event held (0 and 32 zero
 *                                       bytes: none yet; the genesis prev)
 *     first_seen, last_sync timestamptz when the town's last sync committed
 *     diverged_at timestamptz, reason   set when the town's history no longer
 *                                       continues the county's copy, or a
 *                                       second desk claimed the name (NULL:
 *                                       in good standing); the county clears it
 *   county.events                       every event of every town, as chained
 *     (town, seq) PK                    seq = the desk's event id, 1, 2, …
 *     at bigint                         seconds since the epoch
 *     actor_id, entry_id bigint         NULL: the desk itself / no entry
 *     type text, drill boolean
 *     body text                         the JSON body, byte for byte as hashed
 *     entry text                        a 'created' event: the entry's hashed
 *                                       fields as JSON (id, occurred_at, kind,
 *                                       summary, source, grp_id, parent_id,
 *                                       significant, drill, …); else NULL
 *     prev, hash bytea                  the chain: hash = BLAKE2b-256 over
 *                                       prev and the fields (store/chain.c)
 *     index (town, entry_id, seq)       an incident's timeline, in order
 *   county.incidents                    each town's log entries, kept by the
 *                                       events' trigger as they arrive
 *     (town, entry_id) PK, occurred_at bigint, kind, summary, source text,
 *     significant, drill boolean, parent_id bigint, created_seq bigint,
 *     closed_at, closed_seq bigint      NULL: still open
 *     index (town, occurred_at DESC), and the same WHERE significant
 *   county.status                       what each town's desk last said of
 *                                       itself (sent with every sync)
 *     town PK, head_seq (the event it describes), at (when), mode
 *     ('normal'/'taskforce'), since (0: never changed), open, overdue
 *     (escalations not done / past due), report_day ('2021-12-16'),
 *     report_filed boolean
 *
 * What the database enforces whoever writes to it: an insert into
 * county.events (COPY or INSERT) must continue each town's chain: in seq
 * order from head_seq + 1, each prev equal to the hash before it (a statement
 * trigger over the inserted rows, SQLSTATE DDC02 when not), from the desk
 * holding the name (the session's county.desk setting, DDC01); it then moves
 * the town's head (the trigger finds the town: no foreign key is checked
 * row by row).  Events are never updated or deleted (DDC03); a town's
 * head moves only with its events.  The hashes themselves are recomputed by
 * the sending desk (store/chain_read.h), not in SQL: the chain's BLAKE2b-256 is
 * not among pgcrypto's digests.
 *
 * A town's incidents: SELECT … FROM county.incidents WHERE town = $1 ORDER BY
 * occurred_at DESC; an incident's timeline: SELECT seq, at, type, body FROM
 * county.events WHERE town = $1 AND entry_id = $2 ORDER BY seq. */
#ifndef DUTYDESK_COUNTY_H
#define DUTYDESK_COUNTY_H

#include "base/ddtime.h"
#include "base/err.h"
#include "store/store.h"

#define COUNTY_SCHEMA_VERSION 1
/* Events a sync sends in one transaction (DUTYDESK_SYNC_BATCH overrides). */
#define COUNTY_BATCH 2000
/* Seconds to wait for the county to answer a connection, unless the URL says. */
#define COUNTY_CONNECT_TIMEOUT "5"

struct county;

/* Connect to the county database at `url` (a libpq connection string or
 * URI) and make sure it holds the schema this program speaks: created when
 * there is none, refused (DD_EDENIED) when it is another version.  A county
 * that does not answer or refuses the connection is DD_EIO with libpq's
 * reason. */
int county_open(const char *url, struct county **out, struct dd_err *err);
void county_close(struct county *c);

struct county_sync_result {
	long long sent;             /* events sent by this sync */
	long long head;             /* the last event the county now holds */
	int batches;
};

/* Send the desk's history from where the county's copy of its town ends
 * (the county says where: resending changes nothing, and a sync cut at any
 * point resumes there), in batches of `batch` events (0: COUNTY_BATCH), each
 * read in a read transaction of the desk's own and sent in one transaction of
 * the county's; then the town's state.  A town whose history no longer
 * continues the county's copy, or a name held by another desk, is refused
 * (DD_EDENIED, and the county flags the town).  The outcome, success or the
 * reason of a failure, is recorded in the desk (town_sync_note). */
int county_sync(struct store *st, const char *url, long long batch,
		struct county_sync_result *res, struct dd_err *err);

/* A town's daily report of today: its state says so of report_day, which
 * is today's only when the town synced today. */
enum county_report { COUNTY_REPORT_UNKNOWN, COUNTY_REPORT_FILED, COUNTY_REPORT_MISSING };

/* One town as `dutydesk county status` shows it. */
struct county_town {
	char town[65];
	char mode[16];              /* "normal", "taskforce"; "" before any status */
	dd_time since;              /* 0: never changed */
	long long open, overdue;
	char report_day[16];        /* the day the town's report state is of */
	int report_filed;
	enum county_report report;  /* today's report, by this machine's clock */
	dd_time last_sync;          /* 0: never */
	long long last_age;         /* seconds since, by the county's clock */
	long long head_seq;
	int diverged;
	char reason[256];
};

/* Every town the county knows, by name.  *out malloc'd. */
int county_status(struct county *c, struct county_town **out, int *n, struct dd_err *err);

#endif
