/* log_internal.h — the log's inner insert, for core modules that record
 * entries as part of a larger act (the outbreak's trace investigation). */
#ifndef DUTYDESK_LOG_INTERNAL_H
#define DUTYDESK_LOG_INTERNAL_H

#include "domain/log.h"
#include "store/store_sql.h"

/* What the writing functions need to know of an existing entry: its
 * incident is parent_id, or id itself when parent_id is 0. */
struct log_known {
	long long id, parent_id, operator_id;
	long long grp_id;   /* the incident's responsible group now (0: none) */
	int drill, closed;
};

/* Read entry `id` (DD_ENOTFOUND when there is none). */
int log_known_entry(struct store *st, long long id, struct log_known *k, struct dd_err *err);

/* The body of a 'created' event by a person who did not prove their PIN;
 * every other event of theirs carries the same "unverified" member. */
#define LOG_UNVERIFIED_BODY "{\"unverified\":1}"

/* Index rows per entry (see log.c's fts_add). */
#define LOG_FTS_SLOTS 1024

/* Insert an entry, its 'created' event and its search index row, with no
 * side effects, inside the caller's transaction.  n->group is not
 * resolved: give n->group_id. */
int log_insert(struct store *st, const struct actor *by, const struct log_new *n,
	       long long *id, struct dd_err *err);
/* The same, recorded at `now` instead of the clock's now (bulk seeding of
 * history, log_bulk.c). */
int log_insert_at(struct store *st, const struct actor *by, const struct log_new *n,
		  dd_time now, long long *id, struct dd_err *err);

/* Append an event about entry `entry_id` with a JSON body; also indexes
 * `index_text` (may be NULL) for search under the entry's id. */
int log_event_append(struct store *st, const struct actor *by, long long entry_id,
		     const char *type, int drill, const char *body, const char *index_text,
		     struct dd_err *err);
/* The same, at time `at` instead of the clock's now. */
int log_event_append_at(struct store *st, const struct actor *by, long long entry_id,
			const char *type, int drill, const char *body, const char *index_text,
			dd_time at, struct dd_err *err);

/* The first columns every reader of entries selects, in this order: id,
 * parent_id, occurred_at, recorded_at, kind, subkind, source, caller,
 * callback.  Fills those fields of `e` (cleared first) and its incident,
 * the strings malloc'd. */
void log_read_head(sqlite3_stmt *stmt, struct log_entry *e);
/* The same, each string as `text` keeps it (a reader that frees its rows'
 * strings all at once): text column `col` of `stmt`, "" for NULL. */
typedef char *(*log_text_fn)(void *ctx, sqlite3_stmt *stmt, int col);
void log_read_head_kept(sqlite3_stmt *stmt, struct log_entry *e, log_text_fn text, void *ctx);

#endif
