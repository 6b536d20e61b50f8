/* county_internal.h — the connection, shared by the county's files. */
#ifndef DUTYDESK_COUNTY_INTERNAL_H
#define DUTYDESK_COUNTY_INTERNAL_H

#include <libpq-fe.h>

#include "county/county.h"

struct county {
	PGconn *conn;
};

/* Fill `err` with `code` and what went wrong with `res` (NULL: the
 * connection's last error), after `what` ("sending the events"): the
 * server's primary message, one line.  Clears `res`.  Returns -1. */
int county_fail(struct county *c, PGresult *res, enum dd_code code, const char *what,
		struct dd_err *err);

/* Run a statement of bound parameters (text); the result when it is
 * `want`, else NULL after county_fail. */
PGresult *county_exec(struct county *c, const char *sql, int n, const char *const *params,
		      ExecStatusType want, const char *what, struct dd_err *err);

/* The SQLSTATE of a failed result ("" when none). */
const char *county_state(const PGresult *res);

/* Make the schema when there is none; refuse another version (county_schema.c). */
int county_schema_check(struct county *c, struct dd_err *err);

#endif
