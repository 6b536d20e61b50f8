/* handover_entries.c — the entries of a sheet and the incidents open at its
 * moment, with what happened to them, read in range scans.
 *
 * A line of the sheet needs facts kept in events: an entry's summary as
 * last amended, its incident's group as last reassigned and whether (and
 * when) that incident was closed; an open incident, how many follow-ups it
 * has.  Asked row by row that is four or five subqueries a row, and a night
 * shift of an outbreak has ten thousand rows and as many open incidents.
 * Here: one range scan for the rows (entry_recorded, or the store's set of
 * open incidents), then the ids wanted, sorted, in runs of nearby ids: one
 * scan of event_entry (and of entry_parent) over each run, a lookup for an
 * id alone.  What comes out is what log_each gives: the same fields (the
 * count of follow-ups only for the open incidents), the unverified mark
 * included. */
#include "docs/handover_entries.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

/* Ids are read as one run while the run stays this dense: at most
 * DENSE_FACTOR ids of the log for each id wanted, plus DENSE_SLACK.  The
 * slack is small: the incidents open at a sheet's moment lie scattered over
 * the log, and a run reads the events of every entry in it (each of their
 * closures from the table); a slack of 1024 made runs of thousands of
 * entries not wanted for a few that were. */
#define DENSE_FACTOR 4
#define DENSE_SLACK 16

/* What the events say of one entry up to the sheet's moment: the last
 * amendment and reassignment (by event id) and the first closure; for an
 * incident, its follow-ups. */
struct facts {
	long long id;
	long long amended_ev, assigned_ev, closed_ev;
	char *amended;                 /* NULL: not amended (or without a summary) */
	int has_group;
	long long group;               /* assigned to, when has_group */
	dd_time closed_at;
	long long followups;
};

struct rows {
	struct dd_arena strings;       /* the rows' strings, freed with them: a sheet
					* reads some ten for each of ten thousand rows */
	struct log_entry *v;
	long long *grp_of;             /* per row: the group as recorded (0: none) */
	int n, cap;
	struct facts *facts;           /* sorted by id, one per id wanted */
	int nfacts;
	dd_time as_of;
};

static char *keep(struct rows *r, const char *s, size_t n)
{
	return dd_arena_strndup(&r->strings, s, n);
}

static char *keep_str(struct rows *r, const char *s)
{
	return keep(r, s, strlen(s));
}

/* A text column kept with the rows ("" for NULL). */
static char *keep_col(struct rows *r, sqlite3_stmt *stmt, int col)
{
	const char *s = (const char *)sqlite3_column_text(stmt, col);

	return s ? keep_str(r, s) : keep(r, "", 0);
}

static char *keep_text(void *ctx, sqlite3_stmt *stmt, int col)
{
	return keep_col(ctx, stmt, col);
}

static struct facts *facts_find(struct rows *r, long long id)
{
	int lo = 0, hi = r->nfacts - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (r->facts[mid].id == id)
			return &r->facts[mid];
		if (r->facts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* One event row: entry_id, id, type, at, value ($.summary or $.group_id). */
static void take_event(struct rows *r, sqlite3_stmt *stmt)
{
	struct facts *f = facts_find(r, sqlite3_column_int64(stmt, 0));
	long long ev = sqlite3_column_int64(stmt, 1);
	const char *type = (const char *)sqlite3_column_text(stmt, 2);

	if (!f || !type)
		return;
	if (type[0] == 'a' && strcmp(type, "amended") == 0 && ev > f->amended_ev) {
		f->amended_ev = ev;
		f->amended = sqlite3_column_type(stmt, 4) == SQLITE_NULL ? NULL
									: keep_col(r, stmt, 4);
	} else if (type[0] == 'a' && strcmp(type, "assigned") == 0 && ev > f->assigned_ev) {
		f->assigned_ev = ev;
		f->has_group = sqlite3_column_type(stmt, 4) != SQLITE_NULL;
		f->group = sqlite3_column_int64(stmt, 4);
	} else if (type[0] == 'c' && strcmp(type, "closed") == 0 &&
		   (!f->closed_ev || ev < f->closed_ev)) {
		f->closed_ev = ev;
		f->closed_at = sqlite3_column_int64(stmt, 3);
	}
}

#define EVENT_COLUMNS                                                                  \
	"SELECT v.entry_id, v.id, v.type, v.at, CASE v.type WHEN 'amended' THEN "      \
	"json_extract(v.body, '$.summary') WHEN 'assigned' THEN "                      \
	"json_extract(v.body, '$.group_id') END FROM event v "

static int step(struct store *st, sqlite3_stmt *stmt, struct rows *r,
		void (*take)(struct rows *r, sqlite3_stmt *stmt), struct dd_err *err)
{
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		take(r, stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the log"));
}

/* The events of the entries with ids in [lo, hi]. */
static int events_of(struct store *st, struct rows *r, long long lo, long long hi,
		     struct dd_err *err)
{
	/* "+v.type": along event_entry, never every event of a type
	 * (event_type) as the planner would choose. */
	sqlite3_stmt *stmt = lo == hi
		? store_prepare(st, EVENT_COLUMNS "WHERE v.entry_id = ?1 AND v.type IN "
				"('amended', 'assigned', 'closed') AND v.at <= ?3 AND ?2 = ?2", err)
		: store_prepare(st, EVENT_COLUMNS "WHERE v.entry_id BETWEEN ?1 AND ?2 AND "
				"+v.type IN ('amended', 'assigned', 'closed') AND v.at <= ?3", err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, lo);
	sqlite3_bind_int64(stmt, 2, hi);
	sqlite3_bind_int64(stmt, 3, r->as_of);
	return step(st, stmt, r, take_event, err);
}

static void take_count(struct rows *r, sqlite3_stmt *stmt)
{
	struct facts *f = facts_find(r, sqlite3_column_int64(stmt, 0));

	if (f)
		f->followups = sqlite3_column_int64(stmt, 1);
}

/* The follow-ups recorded by as_of of the incidents with ids in [lo, hi]. */
static int followups_of(struct store *st, struct rows *r, long long lo, long long hi,
			struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT f.parent_id, count(*) FROM entry f WHERE f.parent_id BETWEEN ?1 AND ?2 "
		"AND f.recorded_at <= ?3 GROUP BY f.parent_id", err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, lo);
	sqlite3_bind_int64(stmt, 2, hi);
	sqlite3_bind_int64(stmt, 3, r->as_of);
	return step(st, stmt, r, take_count, err);
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* The facts of the rows and of the incidents they follow up, read in runs
 * of nearby ids; with their follow-ups when `counts`. */
static int read_facts(struct store *st, struct rows *r, int counts, struct dd_err *err)
{
	long long *ids = dd_xmalloc((size_t)(2 * r->n + 1) * sizeof *ids);
	long long *parents = dd_xmalloc((size_t)(r->n + 1) * sizeof *parents);
	int n = 0, np = 0, rc = 0, sorted = 1;

	/* The rows come in id order but where a clock went back: sorted only
	 * then; the incidents they follow up, fewer, sorted; then merged. */
	for (int i = 0; i < r->n; i++) {
		ids[i] = r->v[i].id;
		sorted &= i == 0 || ids[i - 1] < ids[i];
		if (r->v[i].parent_id)
			parents[np++] = r->v[i].parent_id;
	}
	if (!sorted)
		qsort(ids, (size_t)r->n, sizeof *ids, cmp_id);
	qsort(parents, (size_t)np, sizeof *parents, cmp_id);
	memmove(ids + np, ids, (size_t)r->n * sizeof *ids);
	for (int a = np, b = 0; a < np + r->n || b < np;)
		ids[n++] = b >= np || (a < np + r->n && ids[a] < parents[b]) ? ids[a++] : parents[b++];
	free(parents);
	r->facts = dd_xcalloc((size_t)n + 1, sizeof *r->facts);
	for (int i = 0; i < n; i++)
		if (r->nfacts == 0 || r->facts[r->nfacts - 1].id != ids[i])
			r->facts[r->nfacts++].id = ids[i];
	free(ids);
	for (int i = 0; i < r->nfacts && rc == 0;) {
		int j = i;
		while (j + 1 < r->nfacts && r->facts[j + 1].id - r->facts[i].id <=
		       (long long)(j + 2 - i) * DENSE_FACTOR + DENSE_SLACK)
			j++;
		rc = events_of(st, r, r->facts[i].id, r->facts[j].id, err);
		if (rc == 0 && counts)
			rc = followups_of(st, r, r->facts[i].id, r->facts[j].id, err);
		i = j + 1;
	}
	return rc;
}

#define ROW_COLUMNS                                                                    \
	"SELECT e.id, coalesce(e.parent_id, 0), e.occurred_at, e.recorded_at, "        \
	"e.kind, e.subkind, e.source, e.caller, e.callback, e.summary, "               \
	"coalesce(e.grp_id, 0), p.name, e.readback, e.significant, e.unverified, "     \
	"e.drill FROM entry e LEFT JOIN person p ON p.id = e.operator_id "

static int read_rows(struct store *st, sqlite3_stmt *stmt, struct rows *r, struct dd_err *err)
{
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct log_entry *e;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 256;
			r->v = dd_xrealloc(r->v, (size_t)r->cap * sizeof *r->v);
			r->grp_of = dd_xrealloc(r->grp_of, (size_t)r->cap * sizeof *r->grp_of);
		}
		e = &r->v[r->n];
		/* The strings kept with the rows. */
		log_read_head_kept(stmt, e, keep_text, r);
		e->summary = keep_col(r, stmt, 9);
		r->grp_of[r->n] = sqlite3_column_int64(stmt, 10);
		e->operator_name = keep_col(r, stmt, 11);
		e->readback = sqlite3_column_int(stmt, 12);
		e->significant = sqlite3_column_int(stmt, 13);
		e->unverified = sqlite3_column_int(stmt, 14);
		e->drill = sqlite3_column_int(stmt, 15);
		r->n++;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the log"));
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
	char *name[64];            /* kept with the rows */
	int n;
};

static int group_of(struct store *st, struct rows *r, struct group_memo *m, long long id,
		    char **out, struct dd_err *err)
{
	int slot = -1;

	for (int i = 0; i < m->n; i++)
		if (m->id[i] == id)
			slot = i;
	if (slot < 0) {
		char *name;
		if (group_name(st, id, &name, err) < 0)
			return -1;
		*out = keep_str(r, name);
		free(name);
		if (m->n < 64) {
			m->id[m->n] = id;
			m->name[m->n++] = *out;
		}
		return 0;
	}
	*out = m->name[slot];
	return 0;
}

/* Put the facts into the rows, as log_each's columns would have them (the
 * strings kept with the rows, some shared: read only). */
static int finish(struct store *st, struct rows *r, struct dd_err *err)
{
	struct group_memo memo = {.n = 0};
	char *none = keep(r, "", 0);
	int rc = 0;

	for (int i = 0; i < r->n && rc == 0; i++) {
		struct log_entry *e = &r->v[i];
		const struct facts *own = facts_find(r, e->id), *inc = facts_find(r, e->incident);
		long long grp = inc && inc->has_group ? inc->group : r->grp_of[i];

		if (own && own->amended) {
			e->original = e->summary;
			e->summary = own->amended;
			e->amended = 1;
		} else {
			e->original = none;
		}
		e->closed = inc && inc->closed_ev;
		e->closed_at = e->closed ? inc->closed_at : 0;
		e->followups = own && !e->parent_id ? (int)own->followups : 0;
		if (grp)
			rc = group_of(st, r, &memo, grp, &e->group, err);
		else
			e->group = none;
	}
	return rc;
}

static void rows_free(struct rows *r)
{
	dd_arena_free(&r->strings);
	free(r->facts);
	free(r->v);
	free(r->grp_of);
}

static int each(struct store *st, struct rows *r, int counts,
		int (*fn)(const struct log_entry *e, void *ctx), void *ctx, struct dd_err *err)
{
	int rc = 0;

	if (read_facts(st, r, counts, err) < 0 || finish(st, r, err) < 0)
		rc = -1;
	for (int i = 0; i < r->n && rc == 0; i++)
		if (fn(&r->v[i], ctx))
			break;
	rows_free(r);
	return rc;
}

int handover_entries_each(struct store *st, const struct handover_span *sp,
			  int (*fn)(const struct log_entry *e, void *ctx), void *ctx,
			  struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, ROW_COLUMNS
		"WHERE e.recorded_at >= ?1 AND e.recorded_at < ?2 AND e.drill = ?3 AND "
		"e.id <= ?4 AND (e.recorded_at >= ?5 OR e.id > ?6) ORDER BY e.recorded_at, e.id",
		err);
	struct rows r = {.as_of = sp->as_of};

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, sp->lo);
	sqlite3_bind_int64(stmt, 2, sp->hi);
	sqlite3_bind_int(stmt, 3, sp->drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 4, sp->max_id > 0 ? sp->max_id : INT64_MAX);
	sqlite3_bind_int64(stmt, 5, sp->from);
	sqlite3_bind_int64(stmt, 6, sp->after_id > 0 ? sp->after_id : INT64_MAX);
	if (read_rows(st, stmt, &r, err) < 0) {
		rows_free(&r);
		return -1;
	}
	return each(st, &r, 0, fn, ctx, err);
}

static int by_occurrence(const void *a, const void *b)
{
	const struct log_entry *x = *(const struct log_entry *const *)a;
	const struct log_entry *y = *(const struct log_entry *const *)b;

	if (x->occurred_at != y->occurred_at)
		return x->occurred_at < y->occurred_at ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

int handover_open_each(struct store *st, dd_time as_of, int drill,
		       int (*fn)(const struct log_entry *e, void *ctx), void *ctx,
		       struct dd_err *err)
{
	/* Real: the store's set of open incidents (kept by trigger) and those
	 * closed since as_of; never a pass over every incident of the log.
	 * The drill's are not in that set: those of its last days. */
	sqlite3_stmt *stmt = drill
		? store_prepare(st, ROW_COLUMNS "WHERE e.recorded_at > ?2 AND e.recorded_at <= ?1 "
				"AND e.drill = 1 AND e.parent_id IS NULL ORDER BY e.id", err)
		: store_prepare(st, ROW_COLUMNS "WHERE e.id IN (SELECT entry_id FROM open_incident "
				"UNION SELECT x.entry_id FROM event x INDEXED BY event_closed_at WHERE "
				"x.type = 'closed' AND x.at > ?1) AND e.parent_id IS NULL AND "
				"e.drill = 0 AND e.recorded_at <= ?1 AND ?2 = ?2 ORDER BY e.id", err);
	struct rows r = {.as_of = as_of};
	int w = 0;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, as_of);
	sqlite3_bind_int64(stmt, 2, as_of - HANDOVER_DRILL_OPEN_DAYS * 86400LL);
	if (read_rows(st, stmt, &r, err) < 0 || read_facts(st, &r, 1, err) < 0) {
		rows_free(&r);
		return -1;
	}
	/* Closed by as_of: not open then. */
	for (int i = 0; i < r.n; i++) {
		const struct facts *f = facts_find(&r, r.v[i].id);
		if (f && f->closed_ev)
			continue;   /* its strings go with the rows' */
		if (w != i) {
			r.v[w] = r.v[i];
			r.grp_of[w] = r.grp_of[i];
		}
		w++;
	}
	r.n = w;
	{
		int rc = 0;
		const struct log_entry **order = dd_xmalloc(((size_t)r.n + 1) * sizeof *order);
		if (finish(st, &r, err) < 0)
			rc = -1;
		for (int i = 0; i < r.n; i++)
			order[i] = &r.v[i];
		/* In the order they happened. */
		qsort(order, (size_t)r.n, sizeof *order, by_occurrence);
		for (int i = 0; i < r.n && rc == 0; i++)
			if (fn(order[i], ctx))
				break;
		free(order);
		rows_free(&r);
		return rc;
	}
}
