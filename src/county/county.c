/* county.c — the connection to the county database, and its status table. */
#include "county/county.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "county/county_internal.h"

/* The first line of a libpq message, without its "ERROR:  " or "FATAL:  ". */
static void one_line(const char *msg, char *out, size_t n)
{
	size_t len;

	if (!msg || !*msg)
		msg = _("no reason given");
	if (strncmp(msg, "ERROR:  ", 8) == 0 || strncmp(msg, "FATAL:  ", 8) == 0)
		msg += 8;
	len = strcspn(msg, "\n");
	snprintf(out, n, "%.*s", (int)len, msg);
}

int county_fail(struct county *c, PGresult *res, enum dd_code code, const char *what,
		struct dd_err *err)
{
	char why[400];
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	one_line(primary ? primary : PQerrorMessage(c->conn), why, sizeof why);
	if (res)
		PQclear(res);
	if (PQstatus(c->conn) == CONNECTION_BAD)
		code = DD_EIO;
	return dd_fail(err, code, _("%s: the county database says: %s"), what, why);
}

const char *county_state(const PGresult *res)
{
	const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return s ? s : "";
}

PGresult *county_exec(struct county *c, const char *sql, int n, const char *const *params,
		      ExecStatusType want, const char *what, struct dd_err *err)
{
	PGresult *res = PQexecParams(c->conn, sql, n, NULL, params, NULL, NULL, 0);

	if (PQresultStatus(res) == want)
		return res;
	county_fail(c, res, DD_EIO, what, err);
	return NULL;
}

int county_open(const char *url, struct county **out, struct dd_err *err)
{
	/* The URL's own settings override these, which come first: a county
	 * that stops answering, or a network that goes dead under a sync (the
	 * keepalives and the TCP timeout), ends it within a minute or two, so
	 * that notify --watch goes on chasing. */
	const char *keys[] = {"connect_timeout", "application_name", "client_encoding",
			      "options", "keepalives_idle", "keepalives_interval",
			      "keepalives_count", "tcp_user_timeout", "dbname", NULL};
	const char *values[] = {COUNTY_CONNECT_TIMEOUT, "dutydesk", "UTF8",
				"-c statement_timeout=60s -c lock_timeout=20s", "30", "10", "3",
				"60000", url, NULL};
	struct county *c;
	char why[400];

	*out = NULL;
	if (!url || !*url)
		return dd_fail(err, DD_EINVAL, _("no county database named: give --to URL, or set "
						 "county-url"));
	c = dd_xmalloc(sizeof *c);
	c->conn = PQconnectdbParams(keys, values, 1);
	if (!c->conn) {
		free(c);
		return dd_fail(err, DD_EIO, _("cannot reach the county database: out of memory"));
	}
	if (PQstatus(c->conn) != CONNECTION_OK) {
		one_line(PQerrorMessage(c->conn), why, sizeof why);
		county_close(c);
		return dd_fail(err, DD_EIO, _("cannot reach the county database: %s"), why);
	}
	if (county_schema_check(c, err) < 0) {
		county_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void county_close(struct county *c)
{
	if (!c)
		return;
	PQfinish(c->conn);
	free(c);
}

/* Never more than the county's towns: one row each, from two small tables. */
int county_status(struct county *c, struct county_town **out, int *n, struct dd_err *err)
{
	PGresult *res = county_exec(c,
		"SELECT t.town, coalesce(s.mode, ''), coalesce(s.since, 0), coalesce(s.open, 0), "
		"coalesce(s.overdue, 0), coalesce(s.report_day, ''), coalesce(s.report_filed, false), "
		"coalesce(extract(epoch FROM t.last_sync)::bigint, 0), t.head_seq, "
		"t.diverged_at IS NOT NULL, coalesce(t.reason, ''), "
		"coalesce(extract(epoch FROM now() - t.last_sync)::bigint, 0) "
		"FROM county.towns t LEFT JOIN county.status s ON s.town = t.town ORDER BY t.town",
		0, NULL, PGRES_TUPLES_OK, _("reading the towns"), err);
	struct county_town *v;
	char today[DDTIME_BUFSZ];
	int rows;

	*out = NULL;
	*n = 0;
	if (!res)
		return -1;
	ddtime_format(ddtime_now(), DDTIME_DATE, today);
	rows = PQntuples(res);
	v = dd_xmalloc((size_t)(rows ? rows : 1) * sizeof *v);
	memset(v, 0, (size_t)(rows ? rows : 1) * sizeof *v);
	for (int i = 0; i < rows; i++) {
		snprintf(v[i].town, sizeof v[i].town, "%s", PQgetvalue(res, i, 0));
		snprintf(v[i].mode, sizeof v[i].mode, "%s", PQgetvalue(res, i, 1));
		v[i].since = strtoll(PQgetvalue(res, i, 2), NULL, 10);
		v[i].open = strtoll(PQgetvalue(res, i, 3), NULL, 10);
		v[i].overdue = strtoll(PQgetvalue(res, i, 4), NULL, 10);
		snprintf(v[i].report_day, sizeof v[i].report_day, "%s", PQgetvalue(res, i, 5));
		v[i].report_filed = strcmp(PQgetvalue(res, i, 6), "t") == 0;
		v[i].report = strcmp(v[i].report_day, today) != 0 ? COUNTY_REPORT_UNKNOWN
			      : v[i].report_filed ? COUNTY_REPORT_FILED : COUNTY_REPORT_MISSING;
		v[i].last_sync = strtoll(PQgetvalue(res, i, 7), NULL, 10);
		v[i].head_seq = strtoll(PQgetvalue(res, i, 8), NULL, 10);
		v[i].diverged = strcmp(PQgetvalue(res, i, 9), "t") == 0;
		snprintf(v[i].reason, sizeof v[i].reason, "%s", PQgetvalue(res, i, 10));
		v[i].last_age = strtoll(PQgetvalue(res, i, 11), NULL, 10);
	}
	PQclear(res);
	*out = v;
	*n = rows;
	return 0;
}
