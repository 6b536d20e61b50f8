/* rows.c — reading a query's rows into a malloc'd array, and one row by name or id. */
#include "store/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rows_read(struct store *st, sqlite3_stmt *stmt, size_t size, rows_read_fn read_row,
	      rows_clear_fn clear, void **out, int *n, const char *what, struct dd_err *err)
{
	char *v = NULL;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char *row;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = dd_xrealloc(v, (size_t)cap * size);
		}
		row = v + (size_t)(*n)++ * size;
		memset(row, 0, size);
		read_row(stmt, row);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		rows_free(v, *n, size, clear);
		*n = 0;
		return store_fail(st, err, rc, what);
	}
	*out = v;
	return 0;
}

void rows_free(void *v, int n, size_t size, rows_clear_fn clear)
{
	for (int i = 0; i < n; i++)
		clear((char *)v + (size_t)i * size);
	free(v);
}

int rows_id(struct store *st, const char *sql, const char *name, long long *id,
	    const char *what, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	*id = 0;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, what);
}

int rows_text(struct store *st, const char *sql, long long id, char *buf, size_t n,
	      const char *what, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	buf[0] = '\0';
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(buf, n, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, what);
}
