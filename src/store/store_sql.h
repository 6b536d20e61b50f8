/* store_sql.h — the store's SQLite side, for core modules only.
 *
 * Front ends must not include this header: they never see SQL. */
#ifndef DUTYDESK_STORE_SQL_H
#define DUTYDESK_STORE_SQL_H

#include <sqlite3.h>

#include "store/store.h"

sqlite3 *store_db(struct store *st);

/* A prepared statement for `sql`, cached on the connection by the address of
 * the string (pass string literals), reset and with its bindings cleared. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql, struct dd_err *err);

/* Called with the query plan of every statement store_prepare() prepares
 * from now on, a line of EXPLAIN QUERY PLAN at a time (tests: a query that
 * reads a whole table, or every event of a type, where an index should
 * answer).  NULL stops watching. */
typedef void store_plan_fn(void *ctx, const char *sql, const char *line);
void store_watch_plans(struct store *st, store_plan_fn *fn, void *ctx);

/* Turn a failed SQLite call into a message a person can act on:
 * "<what>: the database is read-only (...)", and so on.  Returns -1. */
int store_fail(struct store *st, struct dd_err *err, int rc, const char *what);

/* Step a statement that returns no row; -1 with the error filled otherwise. */
int store_exec_stmt(struct store *st, sqlite3_stmt *stmt, const char *what, struct dd_err *err);

/* Bind text, or NULL when `s` is NULL. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);

/* A malloc'd copy of a text column ("" for NULL). */
char *store_col_text(sqlite3_stmt *stmt, int col);

/* Read one integer from a one-row query with up to one bound integer. */
int store_query_int(struct store *st, const char *sql, long long arg, long long *out,
		    struct dd_err *err);

/* The embedded asset of migration `i` (0 for schema 1), NULL past the last. */
const char *store_migration_name(int i);

/* Read and write the meta table (key/value strings). */
int store_meta_get(struct store *st, const char *key, char **value, struct dd_err *err);
int store_meta_set(struct store *st, const char *key, const char *value, struct dd_err *err);

#endif
