/* handover_entries.c — the entries of a period with what happened to them,
 * read in range scans, for the handover sheet's first section.
 *
 * An entry's line on the sheet needs facts kept in events: its summary as
 * last amended, its incident's group as last reassigned and whether (and
 * when) that incident was closed.  Asked entry by entry (log_each) that is
 * five subqueries a row, ten thousand rows a night shift.  Here: one scan of
 * the period's entries (entry_occurred), one of the events of those entries
 * (event_entry, over the range of their ids), and a lookup only for the
 * incidents older than the period that some of them follow up.  What comes
 * out is what log_each gives: the same entries, in id order, the same
 * fields (but no count of follow-ups), the unverified mark included. */
#include "docs/handover_entries.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

/* Events read over the range of ids only while the range is this dense;
 * a sparse one (an old period with an entry backdated into it long after)
 * is asked entry by entry. */
#define DENSE_FACTOR 4
#define DENSE_SLACK 1024

/* What the events say of one entry: the last amendment and reassignment
 * (by event id) and the first closure. */
struct facts {
	long long id;                  /* the entry */
	long long amended_ev, assigned_ev, closed_ev;
	char *amended;                 /* NULL: not amended (or without a summary) */
	int has_group;
	long long group;               /* assigned to, when has_group */
	dd_time closed_at;
};

struct range {
	struct log_entry *rows;
	struct facts *facts;           /* rows' own, then older incidents' */
	long long *grp_of;             /* per row: the group as recorded (0: none) */
	int n, cap, nfacts, fcap;
};

static struct facts *facts_find(struct range *r, long long id)
{
	int lo = 0, hi = r->n - 1;

	while (lo <= hi) {  /* the rows' facts are in id order */
		int mid = (lo + hi) / 2;
		if (r->facts[mid].id == id)
			return &r->facts[mid];
		if (r->facts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	for (int i = r->n; i < r->nfacts; i++)
		if (r->facts[i].id == id)
			return &r->facts[i];
	return NULL;
}

/* One event row: entry_id, id, type, at, value ($.summary or $.group_id). */
static void take_event(struct range *r, sqlite3_stmt *stmt)
{
	struct facts *f = facts_find(r, sqlite3_column_int64(stmt, 0));
	long long ev = sqlite3_column_int64(stmt, 1);
	const char *type = (const char *)sqlite3_column_text(stmt, 2);

	if (!f || !type)
		return;
	if (strcmp(type, "amended") == 0 && ev > f->amended_ev) {
		f->amended_ev = ev;
		free(f->amended);
		f->amended = sqlite3_column_type(stmt, 4) == SQLITE_NULL ? NULL
									: store_col_text(stmt, 4);
	} else if (strcmp(type, "assigned") == 0 && ev > f->assigned_ev) {
		f->assigned_ev = ev;
		f->has_group = sqlite3_column_type(stmt, 4) != SQLITE_NULL;
		f->group = sqlite3_column_int64(stmt, 4);
	} else if (strcmp(type, "closed") == 0 && (!f->closed_ev || ev < f->closed_ev)) {
		f->closed_ev = ev;
		f->closed_at = sqlite3_column_int64(stmt, 3);
	}
}

#define EVENT_COLUMNS                                                                  \
	"SELECT v.entry_id, v.id, v.type, v.at, CASE v.type WHEN 'amended' THEN "      \
	"json_extract(v.body, '$.summary') WHEN 'assigned' THEN "                      \
	"json_extract(v.body, '$.group_id') END FROM event v "

static int step_events(struct store *st, struct range *r, sqlite3_stmt *stmt,
		       struct dd_err *err)
{
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		take_event(r, stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the log"));
}

static int events_of(struct store *st, struct range *r, long long id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, EVENT_COLUMNS "WHERE v.entry_id = ?1 AND "
					   "v.type IN ('amended', 'assigned', 'closed')", err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return step_events(st, r, stmt, err);
}

static int read_events(struct store *st, struct range *r, struct dd_err *err)
{
	long long lo, hi;
	sqlite3_stmt *stmt;

	if (r->n == 0)
		return 0;
	lo = r->rows[0].id;
	hi = r->rows[r->n - 1].id;
	if (hi - lo > (long long)r->n * DENSE_FACTOR + DENSE_SLACK) {
		for (int i = 0; i < r->n; i++)
			if (events_of(st, r, r->rows[i].id, err) < 0)
				return -1;
	} else {
		/* "+v.type": along event_entry, never every event of a type
		 * (event_type) as the planner would choose. */
		stmt = store_prepare(st, EVENT_COLUMNS "WHERE v.entry_id BETWEEN ?1 AND ?2 AND "
				     "+v.type IN ('amended', 'assigned', 'closed')", err);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, lo);
		sqlite3_bind_int64(stmt, 2, hi);
		if (step_events(st, r, stmt, err) < 0)
			return -1;
	}
	/* The incidents before the period that entries of it follow up. */
	for (int i = 0; i < r->n; i++) {
		long long parent = r->rows[i].parent_id;
		if (!parent || facts_find(r, parent))
			continue;
		if (r->nfacts == r->fcap) {
			r->fcap *= 2;
			r->facts = dd_xrealloc(r->facts, (size_t)r->fcap * sizeof *r->facts);
		}
		memset(&r->facts[r->nfacts], 0, sizeof *r->facts);
		r->facts[r->nfacts++].id = parent;
		if (events_of(st, r, parent, err) < 0)
			return -1;
	}
	return 0;
}

static int read_rows(struct store *st, struct range *r, dd_time from, dd_time to,
		     struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(
		st, "SELECT e.id, coalesce(e.parent_id, 0), e.occurred_at, e.recorded_at, "
		    "e.kind, e.subkind, e.source, e.caller, e.callback, e.summary, "
		    "coalesce(e.grp_id, 0), p.name, e.readback, e.significant, e.unverified "
		    "FROM entry e LEFT JOIN person p ON p.id = e.operator_id "
		    "WHERE e.occurred_at >= ?1 AND e.occurred_at < ?2 AND e.drill = 0 "
		    "ORDER BY e.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, to);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct log_entry *e;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 256;
			r->rows = dd_xrealloc(r->rows, (size_t)r->cap * sizeof *r->rows);
			r->grp_of = dd_xrealloc(r->grp_of, (size_t)r->cap * sizeof *r->grp_of);
		}
		e = &r->rows[r->n];
		log_read_head(stmt, e);
		e->summary = store_col_text(stmt, 9);
		r->grp_of[r->n] = sqlite3_column_int64(stmt, 10);
		e->operator_name = store_col_text(stmt, 11);
		e->readback = sqlite3_column_int(stmt, 12);
		e->significant = sqlite3_column_int(stmt, 13);
		e->unverified = sqlite3_column_int(stmt, 14);
		r->n++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the log"));
	r->fcap = r->n + 16;
	r->facts = dd_xcalloc((size_t)r->fcap, sizeof *r->facts);
	for (int i = 0; i < r->n; i++)
		r->facts[i].id = r->rows[i].id;
	r->nfacts = r->n;
	return 0;
}

/* The groups' names, few and small: looked up by id as they come. */
static int group_name(struct store *st, long long id, char **out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT name FROM grp WHERE id = ?1", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? store_col_text(stmt, 0) : dd_xstrdup("");
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
						     : store_fail(st, err, rc, _("reading the log"));
}

struct group_memo {
	long long id[64];
	char *name[64];
	int n;
};

static int group_of(struct store *st, struct group_memo *m, long long id, char **out,
		    struct dd_err *err)
{
	int slot = -1;

	for (int i = 0; i < m->n; i++)
		if (m->id[i] == id)
			slot = i;
	if (slot < 0) {
		char *name;
		if (group_name(st, id, &name, err) < 0)
			return -1;
		if (m->n == 64) {
			*out = name;
			return 0;
		}
		slot = m->n++;
		m->id[slot] = id;
		m->name[slot] = name;
	}
	*out = dd_xstrdup(m->name[slot]);
	return 0;
}

/* Put the facts into the rows, as log_each's columns would have them. */
static int finish(struct store *st, struct range *r, struct dd_err *err)
{
	struct group_memo memo = {.n = 0};
	int rc = 0;

	for (int i = 0; i < r->n && rc == 0; i++) {
		struct log_entry *e = &r->rows[i];
		const struct facts *own = &r->facts[i], *inc = facts_find(r, e->incident);
		long long grp = inc && inc->has_group ? inc->group : r->grp_of[i];

		if (own->amended) {
			e->original = e->summary;
			e->summary = dd_xstrdup(own->amended);
			e->amended = 1;
		} else {
			e->original = dd_xstrdup("");
		}
		e->closed = inc && inc->closed_ev;
		e->closed_at = e->closed ? inc->closed_at : 0;
		if (grp)
			rc = group_of(st, &memo, grp, &e->group, err);
		else
			e->group = dd_xstrdup("");
	}
	for (int i = 0; i < memo.n; i++)
		free(memo.name[i]);
	return rc;
}

static void range_free(struct range *r)
{
	for (int i = 0; i < r->nfacts; i++)
		free(r->facts[i].amended);
	for (int i = 0; i < r->n; i++)
		log_entry_clear(&r->rows[i]);
	free(r->facts);
	free(r->rows);
	free(r->grp_of);
}

int handover_entries_each(struct store *st, dd_time from, dd_time to,
			  int (*fn)(const struct log_entry *e, void *ctx), void *ctx,
			  struct dd_err *err)
{
	struct range r = {0};
	int rc = 0;

	if (read_rows(st, &r, from, to, err) < 0 || read_events(st, &r, err) < 0 ||
	    finish(st, &r, err) < 0)
		rc = -1;
	for (int i = 0; i < r.n && rc == 0; i++)
		if (fn(&r.rows[i], ctx))
			break;
	range_free(&r);
	return rc;
}
