/* log_query.c — reading the incident log: pages, filters, search, timelines.
 *
 * Pages are keyset-paged on the entry id (never OFFSET): a page at the end of
 * a million-entry log costs what the first page costs.  A search drives the
 * query from the full-text index in id order, so the newest matches come
 * without sorting the whole match set. */
#include "domain/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/cjkfts.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

/* The current group of an incident: the last reassignment, else the group
 * the entry was recorded with. */
#define CUR_GROUP                                                                      \
	"coalesce((SELECT json_extract(a.body, '$.group_id') FROM event a WHERE "      \
	"a.entry_id = coalesce(e.parent_id, e.id) AND a.type = 'assigned' "            \
	"ORDER BY a.id DESC LIMIT 1), e.grp_id)"
#define CLOSED_AT                                                                      \
	"(SELECT c.at FROM event c WHERE c.entry_id = coalesce(e.parent_id, e.id) AND " \
	"c.type = 'closed' ORDER BY c.id LIMIT 1)"
#define AMENDED                                                                        \
	"(SELECT json_extract(m.body, '$.summary') FROM event m WHERE m.entry_id = e.id " \
	"AND m.type = 'amended' ORDER BY m.id DESC LIMIT 1)"

#define ENTRY_COLUMNS                                                                  \
	"e.id, coalesce(e.parent_id, 0), e.occurred_at, e.recorded_at, e.kind, "       \
	"e.subkind, e.source, e.caller, e.callback, e.summary, " AMENDED ", "           \
	"coalesce((SELECT g.name FROM grp g WHERE g.id = " CUR_GROUP "), ''), "         \
	"(SELECT p.name FROM person p WHERE p.id = e.operator_id), e.readback, "        \
	"e.significant, e.drill, " CLOSED_AT ", "                                       \
	"CASE WHEN e.parent_id IS NULL THEN (SELECT count(*) FROM entry f WHERE "       \
	"f.parent_id = e.id) ELSE 0 END, e.unverified"

void log_entry_clear(struct log_entry *e)
{
	if (!e)
		return;
	free(e->subkind);
	free(e->source);
	free(e->caller);
	free(e->callback);
	free(e->summary);
	free(e->original);
	free(e->group);
	free(e->operator_name);
	memset(e, 0, sizeof *e);
}

void log_entries_free(struct log_entry *rows, int n)
{
	for (int i = 0; i < n; i++)
		log_entry_clear(&rows[i]);
	free(rows);
}

static char *col_text(void *ctx, sqlite3_stmt *stmt, int col)
{
	(void)ctx;
	return store_col_text(stmt, col);
}

void log_read_head(sqlite3_stmt *stmt, struct log_entry *e)
{
	log_read_head_kept(stmt, e, col_text, NULL);
}

void log_read_head_kept(sqlite3_stmt *stmt, struct log_entry *e, log_text_fn text, void *ctx)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(stmt, 0);
	e->parent_id = sqlite3_column_int64(stmt, 1);
	e->incident = e->parent_id ? e->parent_id : e->id;
	e->occurred_at = sqlite3_column_int64(stmt, 2);
	e->recorded_at = sqlite3_column_int64(stmt, 3);
	if (log_kind_parse((const char *)sqlite3_column_text(stmt, 4), &e->kind, NULL) < 0)
		e->kind = LOG_OTHER;
	e->subkind = text(ctx, stmt, 5);
	e->source = text(ctx, stmt, 6);
	e->caller = text(ctx, stmt, 7);
	e->callback = text(ctx, stmt, 8);
}

static void read_entry(sqlite3_stmt *stmt, struct log_entry *e)
{
	int amended = sqlite3_column_type(stmt, 10) != SQLITE_NULL;

	log_read_head(stmt, e);
	e->summary = store_col_text(stmt, amended ? 10 : 9);
	e->original = amended ? store_col_text(stmt, 9) : dd_xstrdup("");
	e->amended = amended;
	e->group = store_col_text(stmt, 11);
	e->operator_name = store_col_text(stmt, 12);
	e->readback = sqlite3_column_int(stmt, 13);
	e->significant = sqlite3_column_int(stmt, 14);
	e->drill = sqlite3_column_int(stmt, 15);
	e->closed = sqlite3_column_type(stmt, 16) != SQLITE_NULL;
	e->closed_at = sqlite3_column_int64(stmt, 16);
	e->followups = sqlite3_column_int(stmt, 17);
	e->unverified = sqlite3_column_int(stmt, 18);
}

int log_get(struct store *st, long long id, struct log_entry *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " ENTRY_COLUMNS " FROM entry e "
					       "WHERE e.id = ?1", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_entry(stmt, out);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("there is no entry #%lld"), id);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the entry"));
}

void log_filter_init(struct log_filter *f)
{
	memset(f, 0, sizeof *f);
	f->kind = -1;
	f->status = LOG_ANY;
	f->drill = 0;
}

int log_filter_group(struct store *st, struct log_filter *f, const char *group,
		     struct dd_err *err)
{
	return roster_find_group(st, group, &f->group_id, err);
}

int log_filter_operator(struct store *st, struct log_filter *f, const char *name,
			struct dd_err *err)
{
	struct actor a;
	if (person_find(st, name, &a, err) < 0)
		return -1;
	f->operator_id = a.id;
	return 0;
}

enum shape { SHAPE_PAGE, SHAPE_EACH, SHAPE_COUNT };

struct query {
	char sql[4096];
	size_t len;
};

static void q_add(struct query *q, const char *s)
{
	size_t n = strlen(s);
	if (q->len + n < sizeof q->sql) {
		memcpy(q->sql + q->len, s, n + 1);
		q->len += n;
	}
}

/* Compose the query from fixed fragments; every value is a named parameter
 * bound afterwards (bind_filter). */
static void build(struct query *q, const struct log_filter *f, enum shape shape,
		  enum log_dir dir, long long from)
{
	int fts = f->search && *f->search;
	const char *key = fts ? "f.rowid" : "e.id";

	q->len = 0;
	q->sql[0] = '\0';
	/* A search is driven by the index in rowid order (entry order, see
	 * log.c): the newest matches come without sorting the match set.  An
	 * entry matching in several of its texts comes once per text, in a
	 * row: the readers below skip the repeats. */
	q_add(q, shape == SHAPE_COUNT ? (fts ? "SELECT count(DISTINCT e.id)" : "SELECT count(*)")
				      : "SELECT " ENTRY_COLUMNS);
	q_add(q, fts ? " FROM entry_fts f JOIN entry e ON e.id = f.rowid / 1024 "
		       "WHERE entry_fts MATCH :search"
		     : " FROM entry e WHERE 1");
	if (f->since)
		q_add(q, " AND e.occurred_at >= :since");
	if (f->until)
		q_add(q, " AND e.occurred_at < :until");
	if (f->kind >= 0)
		q_add(q, " AND e.kind = :kind");
	if (f->operator_id)
		q_add(q, " AND e.operator_id = :operator");
	if (f->drill >= 0)
		q_add(q, " AND e.drill = :drill");
	if (f->significant_only)
		q_add(q, " AND e.significant = 1");
	if (f->incidents_only)
		q_add(q, " AND e.parent_id IS NULL");
	if (f->group_id)
		q_add(q, " AND " CUR_GROUP " = :group");
	if (f->status == LOG_OPEN)
		q_add(q, " AND " CLOSED_AT " IS NULL");
	else if (f->status == LOG_CLOSED)
		q_add(q, " AND " CLOSED_AT " IS NOT NULL");
	if (shape == SHAPE_PAGE && from > 0) {
		q_add(q, " AND ");
		q_add(q, key);
		if (fts)
			q_add(q, dir == LOG_OLDER ? " < :from * 1024" : " >= (:from + 1) * 1024");
		else
			q_add(q, dir == LOG_OLDER ? " < :from" : " > :from");
	}
	if (shape == SHAPE_COUNT)
		return;
	q_add(q, " ORDER BY ");
	q_add(q, key);
	q_add(q, shape == SHAPE_PAGE && dir == LOG_OLDER ? " DESC" : " ASC");
	/* No LIMIT on a search: repeats are skipped as rows are read, and the
	 * statement stops being stepped when the page is full. */
	if (shape == SHAPE_PAGE && !fts)
		q_add(q, " LIMIT :limit");
}

static void bind_named_int(sqlite3_stmt *stmt, const char *name, long long v)
{
	int i = sqlite3_bind_parameter_index(stmt, name);
	if (i > 0)
		sqlite3_bind_int64(stmt, i, v);
}

static int prepare(struct store *st, const struct log_filter *f, enum shape shape,
		   enum log_dir dir, long long from, int limit, sqlite3_stmt **out,
		   struct dd_err *err)
{
	struct query q;
	sqlite3_stmt *stmt;
	int rc, i;

	build(&q, f, shape, dir, from);
	rc = sqlite3_prepare_v2(store_db(st), q.sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, err, rc, _("searching the log"));
	if (f->search && *f->search) {
		char expr[2048];
		if (cjkfts_match_expr(f->search, expr, sizeof expr) < 0) {
			sqlite3_finalize(stmt);
			return dd_fail(err, DD_EINVAL, _("nothing to search for (or the search "
							 "is too long)"));
		}
		i = sqlite3_bind_parameter_index(stmt, ":search");
		sqlite3_bind_text(stmt, i, expr, -1, SQLITE_TRANSIENT);
	}
	bind_named_int(stmt, ":since", f->since);
	bind_named_int(stmt, ":until", f->until);
	bind_named_int(stmt, ":operator", f->operator_id);
	bind_named_int(stmt, ":drill", f->drill);
	bind_named_int(stmt, ":group", f->group_id);
	bind_named_int(stmt, ":from", from);
	bind_named_int(stmt, ":limit", limit);
	if (f->kind >= 0) {
		i = sqlite3_bind_parameter_index(stmt, ":kind");
		sqlite3_bind_text(stmt, i, log_kind_name((enum log_kind)f->kind), -1,
				  SQLITE_STATIC);
	}
	*out = stmt;
	return 0;
}

int log_page(struct store *st, const struct log_filter *f, enum log_dir dir, long long from,
	     int limit, struct log_entry **rows, int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	int rc, k = 0;

	*rows = NULL;
	*n = 0;
	if (limit <= 0)
		return 0;
	if (prepare(st, f, SHAPE_PAGE, dir, from, limit, &stmt, err) < 0)
		return -1;
	*rows = dd_xcalloc((size_t)limit, sizeof **rows);
	while (k < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (k > 0 && sqlite3_column_int64(stmt, 0) == (*rows)[k - 1].id)
			continue; /* the same entry matched in another of its texts */
		read_entry(stmt, &(*rows)[k++]);
	}
	if (k < limit && rc != SQLITE_DONE) {
		store_fail(st, err, rc, _("reading the log"));
		sqlite3_finalize(stmt);
		log_entries_free(*rows, k);
		*rows = NULL;
		return -1;
	}
	sqlite3_finalize(stmt);
	if (dir == LOG_NEWER) {
		/* Read oldest first above `from`; show newest first. */
		for (int i = 0; i < k / 2; i++) {
			struct log_entry t = (*rows)[i];
			(*rows)[i] = (*rows)[k - 1 - i];
			(*rows)[k - 1 - i] = t;
		}
	}
	*n = k;
	return 0;
}

int log_each(struct store *st, const struct log_filter *f,
	     int (*fn)(const struct log_entry *e, void *ctx), void *ctx, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	long long last = 0;
	int rc;

	if (prepare(st, f, SHAPE_EACH, LOG_NEWER, 0, 0, &stmt, err) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct log_entry e;
		int stop;
		if (sqlite3_column_int64(stmt, 0) == last)
			continue;
		last = sqlite3_column_int64(stmt, 0);
		read_entry(stmt, &e);
		stop = fn(&e, ctx);
		log_entry_clear(&e);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the log"));
}

int log_count(struct store *st, const struct log_filter *f, long long *n, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	*n = 0;
	if (prepare(st, f, SHAPE_COUNT, LOG_OLDER, 0, 0, &stmt, err) < 0)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("counting the log"));
}

void log_event_clear(struct log_event *ev)
{
	free(ev->type);
	free(ev->actor);
	free(ev->text);
	free(ev->detail);
	free(ev->reason);
	free(ev->previous);
	memset(ev, 0, sizeof *ev);
}

static const struct {
	const char *type;
	const char *label;
} event_labels[] = {
	{"created", N_("recorded")},
	{"amended", N_("amended")},
	{"closed", N_("closed")},
	{"noted", N_("note")},
	{"proposal", N_("proposed action (拟办意见)")},
	{"instruction", N_("leader's instruction (领导批示)")},
	{"result", N_("result (办理结果)")},
	{"assigned", N_("assigned")},
	{"mode", N_("mode changed")},
	{"escalated", N_("escalation opened")},
	{"notified", N_("notified")},
	{"attempt", N_("attempt to notify")},
	{"chased", N_("chased (催报)")},
	{"person-added", N_("person added")},
	{"roster-loaded", N_("roster loaded")},
	{"succession", N_("succession")},
	{"task-assigned", N_("task assigned (交办)")},
	{"task-noted", N_("task progress")},
	{"task-closed", N_("task closed (办结)")},
	{"zone", N_("zone changed")},
	{"checkpoint-opened", N_("checkpoint set up")},
	{"checkpoint-closed", N_("checkpoint stood down")},
	{"meeting-held", N_("meeting held")},
	{"meeting-decision", N_("meeting decision")},
	{"unit-added", N_("unit added")},
	{"stats-entered", N_("figure entered")},
	{"stats-reviewed", N_("figure reviewed (审核)")},
	{"stats-metric-added", N_("metric added")},
};

const char *log_event_label(const char *type)
{
	for (size_t i = 0; i < sizeof event_labels / sizeof event_labels[0]; i++)
		if (strcmp(type, event_labels[i].type) == 0)
			return _(event_labels[i].label);
	return type;
}

int log_timeline(struct store *st, long long id,
		 int (*fn)(const struct log_event *ev, void *ctx), void *ctx, struct dd_err *err)
{
	struct log_entry head;
	sqlite3_stmt *stmt;
	int rc;

	if (log_get(st, id, &head, err) < 0)
		return -1;
	id = head.incident;
	log_entry_clear(&head);
	stmt = store_prepare(st,
		"SELECT ev.id, ev.at, coalesce(ev.entry_id, 0), ev.type, "
		"coalesce((SELECT name FROM person WHERE id = ev.actor_id), ''), "
		"CASE ev.type WHEN 'created' THEN "
		"  (SELECT CASE WHEN en.parent_id IS NULL THEN '' ELSE '[#' || en.id || '] ' END "
		"   || en.summary FROM entry en WHERE en.id = ev.entry_id) "
		"WHEN 'amended' THEN json_extract(ev.body, '$.summary') "
		"WHEN 'closed' THEN json_extract(ev.body, '$.resolution') "
		"WHEN 'mode' THEN json_extract(ev.body, '$.from') || ' → ' || "
		"  json_extract(ev.body, '$.to') "
		"WHEN 'assigned' THEN json_extract(ev.body, '$.group') "
		"ELSE coalesce(json_extract(ev.body, '$.text'), '') END, "
		"CASE ev.type WHEN 'amended' THEN json_extract(ev.body, '$.reason') || "
		"  ' | ' || json_extract(ev.body, '$.previous') "
		"WHEN 'mode' THEN json_extract(ev.body, '$.reason') "
		"ELSE coalesce(json_extract(ev.body, '$.detail'), '') END, ev.drill, "
		"coalesce(json_extract(ev.body, '$.unverified'), 0), "
		"CASE WHEN ev.type IN ('amended', 'mode') THEN json_extract(ev.body, '$.reason') "
		"END, CASE ev.type WHEN 'amended' THEN json_extract(ev.body, '$.previous') END "
		"FROM event ev WHERE ev.entry_id = ?1 OR ev.entry_id IN "
		"(SELECT f.id FROM entry f WHERE f.parent_id = ?1) ORDER BY ev.id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct log_event ev = {
			.id = sqlite3_column_int64(stmt, 0),
			.at = sqlite3_column_int64(stmt, 1),
			.entry_id = sqlite3_column_int64(stmt, 2),
			.type = store_col_text(stmt, 3),
			.actor = store_col_text(stmt, 4),
			.text = store_col_text(stmt, 5),
			.detail = store_col_text(stmt, 6),
			.drill = sqlite3_column_int(stmt, 7),
			.unverified = sqlite3_column_int(stmt, 8),
			.reason = store_col_text(stmt, 9),
			.previous = store_col_text(stmt, 10),
		};
		int stop = fn(&ev, ctx);
		log_event_clear(&ev);
		if (stop)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(stmt);
		return store_fail(st, err, rc, _("reading the timeline"));
	}
	sqlite3_reset(stmt);
	return 0;
}
