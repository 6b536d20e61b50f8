/* task.c — assigned tasks (交办事项): recording them, progress notes,
 * closure, and the lists that put overdue ones first. */
#include "domain/task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "domain/meeting.h"
#include "domain/roster.h"
#include "store/rows.h"
#include "store/store_sql.h"

/* A task's columns, in the order read_task() reads them; `c` is its
 * closing event (LEFT JOIN, NULL while open).  "= +t.id": without affinity
 * on the right, SQLite looks the task up in the partial indexes on
 * json_extract(body, '$.task') instead of scanning every such event. */
#define TASK_NOTES                                                                      \
	"FROM event n WHERE n.type = 'task-noted' AND json_extract(n.body, '$.task') = +t.id"
#define TASK_COLS                                                                       \
	"t.id, t.summary, g.name, t.due_at, pa.name, t.recorded_at, pr.name, "          \
	"coalesce(d.meeting_id, 0), coalesce(d.seq, 0), coalesce(t.entry_id, 0), "      \
	"(SELECT count(*) " TASK_NOTES "), "                                            \
	"coalesce((SELECT json_extract(n.body, '$.text') " TASK_NOTES " ORDER BY n.id DESC " \
	"LIMIT 1), ''), coalesce(c.at, 0), "                                             \
	"coalesce((SELECT name FROM person WHERE id = c.actor_id), ''), "               \
	"coalesce(json_extract(c.body, '$.text'), '') "
#define TASK_FROM                                                                       \
	"FROM task t JOIN grp g ON g.id = t.grp_id JOIN person pa ON pa.id = t.assigned_by " \
	"JOIN person pr ON pr.id = t.recorded_by LEFT JOIN decision d ON d.id = t.decision_id " \
	"LEFT JOIN event c ON c.type = 'task-closed' AND json_extract(c.body, '$.task') = +t.id "

void task_clear(struct task *t)
{
	if (!t)
		return;
	free(t->summary);
	free(t->group);
	free(t->assigned_by);
	free(t->recorded_by);
	free(t->last_note);
	free(t->closed_by);
	free(t->resolution);
	memset(t, 0, sizeof *t);
}

static void clear_task(void *row)
{
	task_clear(row);
}

void tasks_free(struct task *v, int n)
{
	rows_free(v, n, sizeof *v, clear_task);
}

static void clear_event(void *row)
{
	struct task_event *e = row;

	free(e->type);
	free(e->actor);
	free(e->text);
}

void task_events_free(struct task_event *v, int n)
{
	rows_free(v, n, sizeof *v, clear_event);
}

enum task_state task_state_at(const struct task *t, dd_time now)
{
	if (t->closed_at && t->closed_at <= now)
		return TASK_CLOSED;
	return t->due_at < now ? TASK_OVERDUE : TASK_OPEN;
}

int task_cmp_at(const struct task *a, const struct task *b, dd_time now)
{
	enum task_state sa = task_state_at(a, now), sb = task_state_at(b, now);

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa == TASK_CLOSED && a->closed_at != b->closed_at)
		return a->closed_at > b->closed_at ? -1 : 1;
	if (sa != TASK_CLOSED && a->due_at != b->due_at)
		return a->due_at < b->due_at ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

struct keyed {
	struct task t;
	dd_time now;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	return task_cmp_at(&x->t, &y->t, x->now);
}

void task_sort(struct task *v, int n, dd_time now)
{
	struct keyed *k;

	if (n < 2)
		return;
	k = dd_xcalloc((size_t)n, sizeof *k);
	for (int i = 0; i < n; i++) {
		k[i].t = v[i];
		k[i].now = now;
	}
	qsort(k, (size_t)n, sizeof *k, cmp_keyed);
	for (int i = 0; i < n; i++)
		v[i] = k[i].t;
	free(k);
}

int task_parse_due(const char *s, dd_time *out, struct dd_err *err)
{
	dd_time t;

	if (ddtime_parse(s, &t, err) < 0)
		return dd_prefix(err, _("the deadline"));
	/* A date alone (or "today") is a day's deadline: its end. */
	if (strcmp(s, "today") == 0 || strlen(s) == 10)
		t = ddtime_day_start(ddtime_day_start(t) + 36 * 3600) - 1;
	*out = t;
	return 0;
}

void task_status_text(const struct task *t, dd_time now, char *buf, size_t n)
{
	char d[DDTIME_BUFSZ];

	switch (task_state_at(t, now)) {
	case TASK_OVERDUE:
		snprintf(buf, n, "逾期 %s", ddtime_duration(now - t->due_at, d));
		break;
	case TASK_OPEN:
		snprintf(buf, n, "剩 %s", ddtime_duration(t->due_at - now, d));
		break;
	case TASK_CLOSED:
		snprintf(buf, n, "已办结");
		break;
	}
}

static void read_task(sqlite3_stmt *stmt, void *row)
{
	struct task *t = row;

	t->id = sqlite3_column_int64(stmt, 0);
	t->summary = store_col_text(stmt, 1);
	t->group = store_col_text(stmt, 2);
	t->due_at = sqlite3_column_int64(stmt, 3);
	t->assigned_by = store_col_text(stmt, 4);
	t->recorded_at = sqlite3_column_int64(stmt, 5);
	t->recorded_by = store_col_text(stmt, 6);
	t->meeting_id = sqlite3_column_int64(stmt, 7);
	t->decision = sqlite3_column_int(stmt, 8);
	t->entry_id = sqlite3_column_int64(stmt, 9);
	t->notes = sqlite3_column_int(stmt, 10);
	t->last_note = store_col_text(stmt, 11);
	t->closed_at = sqlite3_column_int64(stmt, 12);
	t->closed_by = store_col_text(stmt, 13);
	t->resolution = store_col_text(stmt, 14);
}

/* Read every row of a prepared task query into *out. */
static int read_tasks(struct store *st, sqlite3_stmt *stmt, struct task **out, int *n,
		      struct dd_err *err)
{
	void *v;

	if (rows_read(st, stmt, sizeof **out, read_task, clear_task, &v, n,
		      _("reading the assigned tasks"), err) < 0)
		return -1;
	*out = v;
	return 0;
}

int task_get(struct store *st, long long id, struct task *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " TASK_COLS TASK_FROM "WHERE t.id = ?1",
					   err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_task(stmt, out);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_TASK, _("there is no task #%lld"),
				     id);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the task"));
}

int task_filter_for(struct store *st, struct task_filter *f, const char *group,
		    struct dd_err *err)
{
	long long gid, sup = 0;

	if (roster_find_group(st, group, &gid, err) < 0)
		return -1;
	if (roster_find_group(st, TASK_SUPERVISION_GROUP, &sup, NULL) < 0)
		sup = 0;
	f->group_id = gid == sup ? 0 : gid;
	return 0;
}

int task_list(struct store *st, const struct task_filter *f, struct task **out, int *n,
	      struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " TASK_COLS TASK_FROM
		"WHERE (?1 = 0 OR t.grp_id = ?1) AND (?2 = 1 OR c.id IS NULL) "
		"AND (?3 = 0 OR t.due_at < ?4)", err);
	dd_time now = f->now ? f->now : ddtime_now();

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, f->group_id);
	sqlite3_bind_int(stmt, 2, f->which == TASK_LIST_ALL);
	sqlite3_bind_int(stmt, 3, f->which == TASK_LIST_OVERDUE);
	sqlite3_bind_int64(stmt, 4, now);
	if (read_tasks(st, stmt, out, n, err) < 0)
		return -1;
	task_sort(*out, *n, now);
	return 0;
}

int task_overdue(struct store *st, dd_time as_of, struct task **out, int *n,
		 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " TASK_COLS TASK_FROM
		"WHERE t.recorded_at <= ?1 AND t.due_at < ?1 AND (c.id IS NULL OR c.at > ?1)",
		err);

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, as_of);
	if (read_tasks(st, stmt, out, n, err) < 0)
		return -1;
	task_sort(*out, *n, as_of);
	return 0;
}

int task_overdue_count(struct store *st, dd_time now, long long *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT count(*) FROM task t WHERE t.due_at < ?1 AND NOT EXISTS (SELECT 1 FROM "
		"event c WHERE c.type = 'task-closed' AND json_extract(c.body, '$.task') = +t.id)",
		err);
	int rc;

	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, now);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("counting overdue tasks"));
}

/* What task_add resolves before it writes. */
struct resolved {
	long long group_id;
	struct actor assigner;
	long long decision_id;
	char *decision_text;
	const char *summary;
};

static int resolve_origin(struct store *st, const struct task_new *n, struct resolved *r,
			  struct dd_err *err)
{
	long long drill = 0;

	if (n->meeting_id) {
		if (meeting_decision_find(st, n->meeting_id, n->decision, &r->decision_id,
					  &r->decision_text, err) < 0)
			return -1;
		if (!r->summary)
			r->summary = r->decision_text;
		return 0;
	}
	if (n->entry_id) {
		if (store_query_int(st, "SELECT coalesce((SELECT drill + 1 FROM entry WHERE "
					"id = ?1), 0)", n->entry_id, &drill, err) < 0)
			return -1;
		if (drill == 0)
			return dd_fail(err, DD_ENOTFOUND, _("there is no entry #%lld"),
				       n->entry_id);
		if (drill == 2)
			return dd_fail(err, DD_EINVAL, _("entry #%lld is part of a drill; a real "
							 "task cannot come from it"), n->entry_id);
	}
	return 0;
}

/* The same decision given to the same group twice is a slip. */
static int check_duplicate(struct store *st, const struct resolved *r, int decision,
			   long long meeting_id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT id FROM task WHERE decision_id = ?1 "
					       "AND grp_id = ?2 ORDER BY id LIMIT 1", err);
	long long dup = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->decision_id);
	sqlite3_bind_int64(stmt, 2, r->group_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		dup = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the assigned tasks"));
	if (dup)
		return dd_fail(err, DD_EINVAL,
			       _("decision %d of meeting #%lld is already task #%lld for that "
				 "group"), decision, meeting_id, dup);
	return 0;
}

static int insert_task(struct store *st, const struct actor *by, const struct task_new *n,
		       const struct resolved *r, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO task(summary, grp_id, due_at, assigned_by, recorded_at, recorded_by, "
		"decision_id, entry_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, r->summary);
	sqlite3_bind_int64(stmt, 2, r->group_id);
	sqlite3_bind_int64(stmt, 3, n->due_at);
	sqlite3_bind_int64(stmt, 4, r->assigner.id);
	sqlite3_bind_int64(stmt, 5, ddtime_now());
	sqlite3_bind_int64(stmt, 6, by->id);
	if (r->decision_id)
		sqlite3_bind_int64(stmt, 7, r->decision_id);
	if (n->entry_id)
		sqlite3_bind_int64(stmt, 8, n->entry_id);
	if (store_exec_stmt(st, stmt, _("recording the task"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

static int chain_assigned(struct store *st, const struct actor *by, long long id,
			  const struct task_new *n, const struct resolved *r, const char *group,
			  struct dd_err *err)
{
	char due[DDTIME_BUFSZ], iso[DDTIME_BUFSZ], text[TASK_TEXT_MAX + 512], origin[128] = "";
	struct jsonw body;

	ddtime_format(n->due_at, DDTIME_MINUTE, due);
	if (r->decision_id)
		snprintf(origin, sizeof origin, "会议 #%lld 决定 %d", n->meeting_id, n->decision);
	else if (n->entry_id)
		snprintf(origin, sizeof origin, "条目 #%lld", n->entry_id);
	/* Records are kept in the office's language, whatever the screen's. */
	snprintf(text, sizeof text, "交办 #%lld %s（限 %s，%s 交办）：%s", id, group, due,
		 r->assigner.name, r->summary);
	jsonw_init(&body);
	jsonw_int(&body, "task", id);
	jsonw_int(&body, "group_id", r->group_id);
	jsonw_str(&body, "group", group);
	jsonw_str(&body, "summary", r->summary);
	jsonw_str(&body, "due", ddtime_format(n->due_at, DDTIME_ISO, iso));
	jsonw_str(&body, "assigned_by", r->assigner.name);
	if (r->decision_id) {
		jsonw_int(&body, "meeting", n->meeting_id);
		jsonw_int(&body, "decision", n->decision);
	}
	if (n->entry_id)
		jsonw_int(&body, "entry", n->entry_id);
	jsonw_str(&body, "text", text);
	jsonw_str(&body, "detail", *origin ? origin : NULL);
	/* On the timeline of its entry when it has one. */
	return act_event_about(st, by, "task-assigned", n->entry_id, &body, err);
}

static int check_new(const struct task_new *n, struct dd_err *err)
{
	if (!n->group || !*n->group)
		return dd_fail(err, DD_EINVAL, _("which group is responsible? give the group"));
	if (!n->due_at)
		return dd_fail(err, DD_EINVAL, _("a task needs a deadline"));
	if (n->meeting_id && n->entry_id)
		return dd_fail(err, DD_EINVAL, _("a task comes from a meeting's decision or from a "
						 "log entry, not both"));
	if (n->meeting_id && n->decision <= 0)
		return dd_fail(err, DD_EINVAL, _("which decision of meeting #%lld? give its "
						 "number"), n->meeting_id);
	if (!n->meeting_id && n->decision)
		return dd_fail(err, DD_EINVAL, _("a decision number needs the meeting"));
	return act_check_text(_("the summary"), n->summary, n->meeting_id ? 0 : ACT_REQUIRED,
			      TASK_TEXT_MAX, err);
}

int task_check_due(dd_time due, dd_time now, struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if (due <= (now ? now : ddtime_now()))
		return dd_fail(err, DD_EINVAL, _("the deadline %s has already passed: is the date "
						 "mistyped?"),
			       ddtime_format(due, DDTIME_MINUTE, when));
	return 0;
}

static int add_in(struct store *st, const struct actor *by, const struct task_new *n,
		  struct resolved *r, long long *id, struct dd_err *err)
{
	char group[512];

	if (task_check_due(n->due_at, 0, err) < 0)
		return -1;
	if (roster_find_group(st, n->group, &r->group_id, err) < 0)
		return -1;
	if (n->assigned_by && *n->assigned_by) {
		if (person_find(st, n->assigned_by, &r->assigner, err) < 0)
			return dd_prefix(err, _("who assigned the task"));
	} else {
		r->assigner = *by;
	}
	if (resolve_origin(st, n, r, err) < 0)
		return -1;
	if (r->decision_id && check_duplicate(st, r, n->decision, n->meeting_id, err) < 0)
		return -1;
	if (insert_task(st, by, n, r, id, err) < 0)
		return -1;
	/* The group as the roster names it, not as typed. */
	if (rows_text(st, "SELECT name FROM grp WHERE id = ?1", r->group_id, group, sizeof group,
		      _("looking up a group"), err) < 0)
		return -1;
	return chain_assigned(st, by, *id, n, r, group, err);
}

int task_add(struct store *st, const struct actor *by, const struct task_new *n, long long *id,
	     struct dd_err *err)
{
	struct resolved r = {.summary = n->summary && *n->summary ? n->summary : NULL};
	long long tid = 0;

	if (check_new(n, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (add_in(st, by, n, &r, &tid, err) < 0) {
		free(r.decision_text);
		store_rollback(st);
		return -1;
	}
	free(r.decision_text);
	if (store_commit(st, err) < 0)
		return -1;
	if (id)
		*id = tid;
	return 0;
}

/* Begin a write on open task `id`; fills `t`.  On failure nothing is open. */
static int begin_open(struct store *st, long long id, struct task *t, struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if (store_begin(st, err) < 0)
		return -1;
	if (task_get(st, id, t, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (t->closed_at) {
		dd_fail(err, DD_EINVAL, _("task #%lld was closed at %s by %s"), id,
			ddtime_format(t->closed_at, DDTIME_MINUTE, when), t->closed_by);
		task_clear(t);
		store_rollback(st);
		return -1;
	}
	return 0;
}

static int write_step(struct store *st, const struct actor *by, long long id, const char *type,
		      const char *text, struct dd_err *err)
{
	struct task t;
	struct jsonw body;
	int rc;

	if (begin_open(st, id, &t, err) < 0)
		return -1;
	jsonw_init(&body);
	jsonw_int(&body, "task", id);
	jsonw_str(&body, "text", text);
	jsonw_str(&body, "detail", t.summary);
	rc = act_event_about(st, by, type, t.entry_id, &body, err);
	task_clear(&t);
	if (rc < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

int task_note(struct store *st, const struct actor *by, long long id, const char *text,
	      struct dd_err *err)
{
	if (act_check_text(_("the note"), text, ACT_REQUIRED, TASK_TEXT_MAX, err) < 0)
		return -1;
	return write_step(st, by, id, "task-noted", text, err);
}

int task_close(struct store *st, const struct actor *by, long long id, const char *resolution,
	       struct dd_err *err)
{
	if (act_check_text(_("the resolution"), resolution, ACT_REQUIRED, TASK_TEXT_MAX, err) < 0)
		return dd_prefix(err, _("closing a task needs a resolution"));
	return write_step(st, by, id, "task-closed", resolution, err);
}

static void read_event(sqlite3_stmt *stmt, void *row)
{
	struct task_event *e = row;

	e->id = sqlite3_column_int64(stmt, 0);
	e->at = sqlite3_column_int64(stmt, 1);
	e->type = store_col_text(stmt, 2);
	e->actor = store_col_text(stmt, 3);
	e->text = store_col_text(stmt, 4);
}

int task_history(struct store *st, long long id, struct task_event **out, int *n,
		 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT ev.id, ev.at, ev.type, coalesce(p.name, ''), "
		"coalesce(json_extract(ev.body, '$.text'), '') FROM event ev "
		"LEFT JOIN person p ON p.id = ev.actor_id WHERE ev.type IN ('task-assigned', "
		"'task-noted', 'task-closed') AND json_extract(ev.body, '$.task') = ?1 "
		"ORDER BY ev.id", err);
	void *v;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if (rows_read(st, stmt, sizeof **out, read_event, clear_event, &v, n,
		      _("reading the task's history"), err) < 0)
		return -1;
	*out = v;
	return 0;
}
