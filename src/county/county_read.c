/* county_read.c — the county's terminal UI's reads (county_read.h). */
#include "county/county_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "county/county_internal.h"

static long long num(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static void text(char *out, size_t n, const PGresult *res, int row, int col)
{
	snprintf(out, n, "%s", PQgetvalue(res, row, col));
}

int county_read_status(struct county *c, struct county_row **out, int *n,
		       struct dd_err *err)
{
	struct county_town *towns;
	struct county_row *v;
	PGresult *res;
	int k;

	*out = NULL;
	*n = 0;
	if (county_status(c, &towns, &k, err) < 0)
		return -1;
	/* One probe of the partial index a town: its newest significant entry. */
	res = county_exec(c,
		"SELECT t.town, l.entry_id, l.occurred_at, l.kind, l.summary "
		"FROM county.towns t CROSS JOIN LATERAL (SELECT i.entry_id, i.occurred_at, "
		"i.kind, i.summary FROM county.incidents i WHERE i.town = t.town "
		"AND i.significant ORDER BY i.occurred_at DESC, i.entry_id DESC LIMIT 1) l",
		0, NULL, PGRES_TUPLES_OK, _("reading the towns' significant entries"), err);
	if (!res) {
		free(towns);
		return -1;
	}
	v = dd_xcalloc((size_t)(k ? k : 1), sizeof *v);
	for (int i = 0; i < k; i++)
		v[i].t = towns[i];
	free(towns);
	for (int r = 0; r < PQntuples(res); r++)
		for (int i = 0; i < k; i++) {
			if (strcmp(v[i].t.town, PQgetvalue(res, r, 0)) != 0)
				continue;
			v[i].sig_id = num(res, r, 1);
			v[i].sig_at = num(res, r, 2);
			text(v[i].sig_kind, sizeof v[i].sig_kind, res, r, 3);
			text(v[i].sig_summary, sizeof v[i].sig_summary, res, r, 4);
			break;
		}
	PQclear(res);
	*out = v;
	*n = k;
	return 0;
}

int county_read_incidents(struct county *c, const char *town, struct county_incident **out,
			  int *n, struct dd_err *err)
{
	char limit[16];
	const char *params[2] = {town, limit};
	struct county_incident *v;
	PGresult *res;
	int rows;

	*out = NULL;
	*n = 0;
	snprintf(limit, sizeof limit, "%d", COUNTY_INCIDENTS_MAX);
	res = county_exec(c,
		"SELECT entry_id, coalesce(parent_id, 0), occurred_at, kind, source, summary, "
		"significant, drill, coalesce(closed_at, 0) FROM county.incidents "
		"WHERE town = $1 ORDER BY occurred_at DESC, entry_id DESC LIMIT $2::int",
		2, params, PGRES_TUPLES_OK, _("reading the town's incidents"), err);
	if (!res)
		return -1;
	rows = PQntuples(res);
	v = dd_xcalloc((size_t)(rows ? rows : 1), sizeof *v);
	for (int i = 0; i < rows; i++) {
		v[i].entry_id = num(res, i, 0);
		v[i].parent_id = num(res, i, 1);
		v[i].occurred_at = num(res, i, 2);
		text(v[i].kind, sizeof v[i].kind, res, i, 3);
		text(v[i].source, sizeof v[i].source, res, i, 4);
		v[i].summary = dd_xstrdup(PQgetvalue(res, i, 5));
		v[i].significant = strcmp(PQgetvalue(res, i, 6), "t") == 0;
		v[i].drill = strcmp(PQgetvalue(res, i, 7), "t") == 0;
		v[i].closed_at = num(res, i, 8);
	}
	PQclear(res);
	*out = v;
	*n = rows;
	return 0;
}

void county_incidents_free(struct county_incident *v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i].summary);
	free(v);
}

int county_read_timeline(struct county *c, const char *town, long long entry_id,
			 struct county_event **out, int *n, struct dd_err *err)
{
	char id[24];
	const char *params[2] = {town, id};
	struct county_event *v;
	PGresult *res;
	int rows;

	*out = NULL;
	*n = 0;
	snprintf(id, sizeof id, "%lld", entry_id);
	/* The body is the town's JSON, as hashed: a malformed one shows as it is. */
	res = county_exec(c,
		"SELECT seq, at, type, drill, coalesce(CASE WHEN entry IS NOT NULL AND "
		"entry::jsonb ? 'summary' THEN entry::jsonb->>'summary' END, "
		"CASE WHEN body ~ '^\\s*\\{' THEN coalesce(body::jsonb->>'summary', "
		"body::jsonb->>'resolution', body::jsonb->>'text', body::jsonb->>'group') END, "
		"body) FROM county.events WHERE town = $1 AND entry_id = $2::bigint ORDER BY seq",
		2, params, PGRES_TUPLES_OK, _("reading the incident's timeline"), err);
	if (!res)
		return -1;
	rows = PQntuples(res);
	v = dd_xcalloc((size_t)(rows ? rows : 1), sizeof *v);
	for (int i = 0; i < rows; i++) {
		v[i].seq = num(res, i, 0);
		v[i].at = num(res, i, 1);
		text(v[i].type, sizeof v[i].type, res, i, 2);
		v[i].drill = strcmp(PQgetvalue(res, i, 3), "t") == 0;
		v[i].text = dd_xstrdup(PQgetvalue(res, i, 4));
	}
	PQclear(res);
	*out = v;
	*n = rows;
	return 0;
}

void county_events_free(struct county_event *v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i].text);
	free(v);
}
