/* duty_query.c — reading the duty schedule: shifts of a period with who is
 * effectively on duty, who is on duty at a moment, the gaps and the cover
 * required, the history. */
#include "domain/duty.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/duty_internal.h"
#include "domain/mode.h"
#include "store/rows.h"
#include "store/store_sql.h"

static void read_shift(sqlite3_stmt *stmt, void *row)
{
	struct duty_shift *s = row;

	s->id = sqlite3_column_int64(stmt, 0);
	s->start = sqlite3_column_int64(stmt, 1);
	s->end = sqlite3_column_int64(stmt, 2);
	s->operator_id = sqlite3_column_int64(stmt, 3);
	s->operator_name = store_col_text(stmt, 4);
	s->planned_name = store_col_text(stmt, 5);
	s->leader_id = sqlite3_column_int64(stmt, 6);
	s->leader_name = store_col_text(stmt, 7);
	s->changes = sqlite3_column_int(stmt, 8);
	s->cancelled = sqlite3_column_int(stmt, 9);
	s->note = store_col_text(stmt, 10);
}

static void clear_shift(void *row)
{
	duty_shift_clear(row);
}

void duty_shifts_free(struct duty_shift *v, int n)
{
	rows_free(v, n, sizeof *v, clear_shift);
}

int duty_list(struct store *st, dd_time from, dd_time to, int with_cancelled,
	      struct duty_shift **out, int *n, struct dd_err *err)
{
	/* The start bound lets the index on start_at answer: no shift is
	 * longer than DUTY_MAX_SECONDS. */
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT x.id, x.start_at, x.end_at, x.eff, pe.name, pp.name, "
		"coalesce(x.leader_id, 0), coalesce(pl.name, ''), x.changes, x.cancelled, x.note "
		"FROM (SELECT s.*, " DUTY_EFFECTIVE("s") " AS eff, " DUTY_CANCELLED("s") " AS "
		"cancelled, (SELECT count(*) FROM shift_change c WHERE c.shift_id = s.id AND "
		"c.kind <> 'cancel') AS changes FROM shift s WHERE s.start_at < ?2 AND "
		"s.end_at > ?1 AND s.start_at > ?1 - ?4) x "
		"JOIN person pe ON pe.id = x.eff JOIN person pp ON pp.id = x.operator_id "
		"LEFT JOIN person pl ON pl.id = x.leader_id "
		"WHERE ?3 OR NOT x.cancelled ORDER BY x.start_at, x.id", err);
	void *v;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, to);
	sqlite3_bind_int(stmt, 3, with_cancelled ? 1 : 0);
	sqlite3_bind_int64(stmt, 4, DUTY_MAX_SECONDS);
	if (rows_read(st, stmt, sizeof **out, read_shift, clear_shift, &v, n,
		      _("reading the duty schedule"), err) < 0)
		return -1;
	*out = v;
	return 0;
}

int duty_on_at(struct store *st, dd_time t, struct duty_shift *out, struct dd_err *err)
{
	struct duty_shift *v;
	int n, best = -1;

	memset(out, 0, sizeof *out);
	if (duty_list(st, t, t + 1, 0, &v, &n, err) < 0)
		return -1;
	/* Listed by start, then id: the last is the latest-starting. */
	if (n > 0)
		best = n - 1;
	if (best >= 0) {
		*out = v[best];
		memset(&v[best], 0, sizeof v[best]);
	} else {
		out->operator_name = dd_xstrdup("");
		out->planned_name = dd_xstrdup("");
		out->leader_name = dd_xstrdup("");
		out->note = dd_xstrdup("");
	}
	duty_shifts_free(v, n);
	return 0;
}

int duty_gaps(struct store *st, dd_time from, dd_time to, struct duty_gap **out, int *n,
	      struct dd_err *err)
{
	struct duty_shift *v;
	int nv;
	dd_time cur = from;

	*out = NULL;
	*n = 0;
	if (to <= from)
		return dd_fail(err, DD_EINVAL, _("the period to look for gaps in is empty"));
	if (duty_list(st, from, to, 0, &v, &nv, err) < 0)
		return -1;
	/* Shifts come by start: sweep, merging overlapping and adjoining ones. */
	for (int i = 0; i <= nv; i++) {
		dd_time next = i < nv ? v[i].start : to;
		if (next > to)
			next = to;
		if (next > cur) {
			*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
			(*out)[*n].from = cur;
			(*out)[*n].to = next;
			(*n)++;
		}
		if (i < nv && v[i].end > cur)
			cur = v[i].end;
		if (cur >= to)
			break;
	}
	duty_shifts_free(v, nv);
	return 0;
}

int duty_required(struct store *st, dd_time t, struct duty_cover *out, struct dd_err *err)
{
	struct mode_status m;

	*out = (struct duty_cover){.from = t, .to = t};
	if (mode_at(st, 0, t, &m, err) < 0)
		return -1;
	if (mode_in_force(m.state) & MODE_FX_DUTY24) {
		out->round_clock = 1;
		out->to = t + (dd_time)DUTY_ROUND_CLOCK_HOURS * 3600;
	}
	return 0;
}

static void read_change(sqlite3_stmt *stmt, void *row)
{
	struct duty_change *c = row;

	c->id = sqlite3_column_int64(stmt, 0);
	c->shift_id = sqlite3_column_int64(stmt, 1);
	c->kind = store_col_text(stmt, 2);
	c->from_name = store_col_text(stmt, 3);
	c->to_name = store_col_text(stmt, 4);
	c->asked_by = store_col_text(stmt, 5);
	c->approved_by = store_col_text(stmt, 6);
	c->reason = store_col_text(stmt, 7);
	c->at = sqlite3_column_int64(stmt, 8);
	c->by = store_col_text(stmt, 9);
}

static void clear_change(void *row)
{
	struct duty_change *c = row;

	free(c->kind);
	free(c->from_name);
	free(c->to_name);
	free(c->asked_by);
	free(c->approved_by);
	free(c->reason);
	free(c->by);
}

void duty_changes_free(struct duty_change *v, int n)
{
	rows_free(v, n, sizeof *v, clear_change);
}

int duty_changes(struct store *st, long long shift_id, struct duty_change **out, int *n,
		 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT c.id, c.shift_id, c.kind, coalesce(pf.name, ''), coalesce(pt.name, ''), "
		"coalesce(pa.name, ''), coalesce(pv.name, ''), c.reason, c.at, "
		"coalesce(pb.name, '') FROM shift_change c "
		"LEFT JOIN person pf ON pf.id = c.from_id LEFT JOIN person pt ON pt.id = c.to_id "
		"LEFT JOIN person pa ON pa.id = c.asked_by "
		"LEFT JOIN person pv ON pv.id = c.approved_by "
		"LEFT JOIN person pb ON pb.id = c.by_id "
		"WHERE ?1 = 0 OR c.shift_id = ?1 ORDER BY c.id", err);
	long long exists = 0;
	void *v;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, shift_id);
	if (rows_read(st, stmt, sizeof **out, read_change, clear_change, &v, n,
		      _("reading the duty schedule's changes"), err) < 0)
		return -1;
	*out = v;
	if (shift_id && *n == 0) {
		if (store_query_int(st, "SELECT count(*) FROM shift WHERE id = ?1", shift_id,
				    &exists, err) < 0)
			return -1;
		if (!exists)
			return dd_fail(err, DD_ENOTFOUND, _("there is no shift #%lld"), shift_id);
	}
	return 0;
}
