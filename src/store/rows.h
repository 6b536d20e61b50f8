/* rows.h — reading a query's rows (core-internal).
 *
 * The modules' lists all step a prepared statement to its end, each row into
 * an element of a growing array, and on a failure free what they read and
 * say what failed: rows_read is that loop, once, and rows_free frees such an
 * array.  rows_id and rows_text look up one row: the id a name names, the
 * name an id names. */
#ifndef DUTYDESK_ROWS_H
#define DUTYDESK_ROWS_H

#include "store/store_sql.h"

/* Fill `row` (zeroed) from the statement's current row. */
typedef void (*rows_read_fn)(sqlite3_stmt *stmt, void *row);
/* Free what a rows_read_fn allocated in `row`. */
typedef void (*rows_clear_fn)(void *row);

/* Step `stmt`, prepared and bound, to its end (and reset it), reading each
 * row with `read_row` into a new element of `size` bytes: *out the array, NULL
 * when there is no row, *n how many.  On a failure nothing is kept (*out
 * NULL, *n 0; `clear` frees what was read): -1, with `what` ("reading the
 * zones") in the message. */
int rows_read(struct store *st, sqlite3_stmt *stmt, size_t size, rows_read_fn read_row,
	      rows_clear_fn clear, void **out, int *n, const char *what, struct dd_err *err);

/* Free an array of `n` elements of `size` bytes, each cleared with `clear`. */
void rows_free(void *v, int n, size_t size, rows_clear_fn clear);

/* The id (first column) of the row that `sql`, with `name` bound to ?1,
 * finds; 0 when it finds none.  `sql` is a string literal: statements are
 * cached by its address. */
int rows_id(struct store *st, const char *sql, const char *name, long long *id,
	    const char *what, struct dd_err *err);

/* The text (first column) of the row that `sql`, with `id` bound to ?1,
 * finds, into `buf` of `n` bytes: "" when it finds none.  `err` may be NULL
 * where a failure only leaves the text blank. */
int rows_text(struct store *st, const char *sql, long long id, char *buf, size_t n,
	      const char *what, struct dd_err *err);

#endif
