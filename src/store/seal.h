/* seal.h — the rows beside the log, sealed into the chain (core-internal).
 *
 * How each table that holds history or decides who may do what answers to
 * the chain is explained at the top of seal.c.  chain_append seals with
 * seal_body; audit.c verifies with the rest. */
#ifndef DUTYDESK_SEAL_H
#define DUTYDESK_SEAL_H

#include <sodium.h>

#include "store/store_sql.h"

#define SEAL_DIGEST_LEN 8
#define SEAL_DIGEST_HEX (2 * SEAL_DIGEST_LEN + 1)

/* A table under the chain: `sql` selects the row's key first, then the
 * columns its digest covers (`ncols` of them, the key's column among them).
 * A sealed table's query takes the last sealed key as ?1. */
struct seal_table {
	const char *name;
	const char *sql;
	int ncols;
	const char *cols; /* the columns' names, for a person reading a finding */
	const char *acts; /* stated: the events of the acts that change it */
};

/* Append-only tables, sealed row by row; tables that change, recorded whole. */
#define SEAL_NSEALED 14
#define SEAL_NSTATED 14
extern const struct seal_table seal_sealed[SEAL_NSEALED];
extern const struct seal_table seal_stated[SEAL_NSTATED];

/* Feed values, or columns [first, first+n) of a row by storage class, into
 * a hash (the chain's encoding). */
void seal_feed_int(crypto_generichash_state *h, long long v);
void seal_feed_text(crypto_generichash_state *h, const unsigned char *s, size_t n);
void seal_feed_null(crypto_generichash_state *h);
void seal_feed_columns(crypto_generichash_state *h, sqlite3_stmt *stmt, int first, int n);

/* The digest of the statement's current row of table `t`, as hex; the row
 * as a person reads it ("name=value name=value", cut short). */
void seal_row_digest(const struct seal_table *t, sqlite3_stmt *stmt, char out[SEAL_DIGEST_HEX]);
void seal_row_text(const struct seal_table *t, sqlite3_stmt *stmt, char *out, size_t n);

/* A growing string. */
struct seal_buf {
	char *s;
	size_t len, cap;
};
void seal_buf_add(struct seal_buf *b, const char *s, size_t n);
void seal_buf_str(struct seal_buf *b, const char *s);

/* A stated table's rows: key and digest, and the row's text when read from
 * the table (NULL when parsed from a record). */
struct seal_row {
	char *key;
	char digest[SEAL_DIGEST_HEX];
	char *text;
};
struct seal_list {
	struct seal_row *v;
	int n;
};
void seal_list_free(struct seal_list *l);
/* Parse a record "key:digest,key:digest" of `n` bytes into `l`. */
void seal_list_parse(struct seal_list *l, const char *s, size_t n);
/* A stated table as it is now: its digest (that of its whole list) and its
 * count, and its list while it is short enough to record row by row. */
struct seal_state {
	struct seal_buf list;             /* "key:digest,..."; empty unless `whole` */
	long long rows;
	char digest[SEAL_DIGEST_HEX];
	int whole;                        /* `list` holds every row */
};
/* A table of more rows than this is recorded by "#ROWS:DIGEST" alone: the
 * chain proves it unchanged without copying it (a million contacts imported
 * would put 50 MB on the chain), and `check` says that it changed, not which
 * row. */
#define SEAL_LIST_ROWS 5000
/* Read table `t` as it is now into `l` (NULL: not kept; with the rows' text
 * when `texts`) and `s` (the list kept up to `max_rows` rows, -1: all). */
int seal_state_read(struct store *st, const struct seal_table *t, int texts, struct seal_list *l,
                    long long max_rows, struct seal_state *s, struct dd_err *err);
void seal_state_free(struct seal_state *s);
/* The rows and digest a record of `n` bytes holds; 1 when it is a record of
 * the digest alone ("#ROWS:DIGEST"), 0 when a list. */
int seal_record_digest(const char *rec, size_t n, long long *rows, char digest[SEAL_DIGEST_HEX]);

/* The value of `name=value` in a record "a=1 b=2" (0 / "" when absent). */
long long seal_rec_int(const char *rec, const char *name);
void seal_rec_str(const char *rec, const char *name, char *out, size_t size);

/* The body an event is chained with: `body` with the rows written since the
 * previous event sealed into it ("_seal", "_state"), and the records of how
 * far the chain has sealed ('audit.marks', 'audit.state' in meta) brought up
 * to date.  A stated table is read only for an event of an act that
 * changes it (`type`), or when there is no record yet.  Runs inside chain_append's transaction.  *out is malloc'd. */
int seal_body(struct store *st, const char *type, const char *body, char **out,
              struct dd_err *err);

/* Whether an event of `type` is of an act that changes stated table `t`. */
int seal_changes(const struct seal_table *t, const char *type);

/* Remember in meta ('audit.head') the event `id` just appended, and its hash. */
int seal_note_head(struct store *st, long long id, const unsigned char hash[32],
                   struct dd_err *err);

#endif
