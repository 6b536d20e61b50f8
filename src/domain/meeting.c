/* meeting.c — meetings (联席会议, 情况通报会), attendees and decisions. */
#include "domain/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "store/rows.h"
#include "store/store_sql.h"

static const char *const kind_names[] = {"joint", "briefing"};
/* The notice's words: 协调联席会议, 联防联控情况通报会议. */
static const char *const kind_words[] = {"联席会议", "情况通报会"};
static const char *const kind_more[] = {"协调联席会议", "联防联控情况通报会议"};

const char *meeting_kind_name(enum meeting_kind k)
{
	return (unsigned)k < MEETING_KIND_COUNT ? kind_names[k] : "?";
}

const char *meeting_kind_word(enum meeting_kind k)
{
	return (unsigned)k < MEETING_KIND_COUNT ? kind_words[k] : "?";
}

int meeting_kind_parse(const char *s, enum meeting_kind *out, struct dd_err *err)
{
	for (int i = 0; s && i < MEETING_KIND_COUNT; i++) {
		if (strcmp(s, kind_names[i]) == 0 || strcmp(s, kind_words[i]) == 0 ||
		    strcmp(s, kind_more[i]) == 0) {
			*out = (enum meeting_kind)i;
			return 0;
		}
	}
	return dd_fail(err, DD_EINVAL, _("'%s' is not a kind of meeting; use joint (联席会议) "
					 "or briefing (情况通报会)"), s ? s : "");
}

static void clear_decision(void *row)
{
	struct meeting_decision *d = row;

	free(d->text);
	free(d->recorded_by);
	free(d->tasks);
}

void meeting_clear(struct meeting *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->attendees);
	free(m->recorded_by);
	/* A meeting of a list counts its decisions but has not read them. */
	if (m->decisions)
		rows_free(m->decisions, m->ndecisions, sizeof *m->decisions, clear_decision);
	memset(m, 0, sizeof *m);
}

static void clear_meeting(void *row)
{
	meeting_clear(row);
}

void meetings_free(struct meeting *v, int n)
{
	rows_free(v, n, sizeof *v, clear_meeting);
}

/* Length of the separator at `p` (, ; ， ； 、), or 0. */
static size_t separator(const char *p)
{
	static const char *const seps[] = {",", ";", "\xef\xbc\x8c", "\xef\xbc\x9b",
					   "\xe3\x80\x81"};
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strncmp(p, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* Find one name of the list; refuse a repeat. */
static int add_person(struct store *st, const char *name, const char *what, struct actor **out,
		      int *n, struct dd_err *err)
{
	struct actor a;

	if (person_find(st, name, &a, err) < 0)
		return dd_prefix(err, "%s", what);
	for (int i = 0; i < *n; i++)
		if ((*out)[i].id == a.id)
			return dd_fail(err, DD_EINVAL, _("%s: %s is named twice"), what, a.name);
	if (*n >= MEETING_PEOPLE_MAX)
		return dd_fail(err, DD_EINVAL, _("%s: more than %d people"), what,
			       MEETING_PEOPLE_MAX);
	*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
	(*out)[(*n)++] = a;
	return 0;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

int meeting_people(struct store *st, const char *list, const char *what, struct actor **out,
		   int *n, struct dd_err *err)
{
	char *copy = dd_xstrdup(list ? list : ""), *p = copy, *start = copy;
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (;;) {
		size_t sep = *p ? separator(p) : 0;
		int end = *p == '\0';
		if (!end && !sep) {
			p++;
			continue;
		}
		*p = '\0';
		if (!blank(start) && (rc = add_person(st, start, what, out, n, err)) < 0)
			break;
		if (end)
			break;
		p += sep;
		start = p;
	}
	free(copy);
	if (rc == 0 && *n == 0)
		rc = dd_fail(err, DD_EINVAL, _("%s: nobody named"), what);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static int insert_attendees(struct store *st, long long id, const struct actor *people, int n,
			    struct dd_err *err)
{
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO meeting_attendee(meeting_id, "
						       "seq, person_id) VALUES (?1, ?2, ?3)", err);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int(stmt, 2, i + 1);
		sqlite3_bind_int64(stmt, 3, people[i].id);
		if (store_exec_stmt(st, stmt, _("recording the attendees"), err) < 0)
			return -1;
	}
	return 0;
}

/* "何欣威、周凯琳" */
static char *join_names(const struct actor *people, int n)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < n; i++)
		len += strlen(people[i].name) + 3;
	s = dd_xmalloc(len);
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, "、");
		strcat(s, people[i].name);
	}
	return s;
}

static int chain_held(struct store *st, const struct actor *by, long long id,
		      enum meeting_kind kind, dd_time held_at, const char *title,
		      const char *names, struct dd_err *err)
{
	char when[DDTIME_BUFSZ], iso[DDTIME_BUFSZ], *text;
	struct jsonw body;
	size_t n = strlen(title) + strlen(names) + 128;
	int rc;

	text = dd_xmalloc(n);
	snprintf(text, n, "%s #%lld %s %s（出席：%s）", kind_words[kind], id,
		 ddtime_format(held_at, DDTIME_MINUTE, when), title, names);
	jsonw_init(&body);
	jsonw_int(&body, "meeting", id);
	jsonw_str(&body, "kind", kind_names[kind]);
	jsonw_str(&body, "held_at", ddtime_format(held_at, DDTIME_ISO, iso));
	jsonw_str(&body, "title", title);
	jsonw_str(&body, "attendees", names);
	jsonw_str(&body, "text", text);
	rc = act_event(st, by, "meeting-held", &body, NULL, err);
	free(text);
	return rc;
}

static int add_in(struct store *st, const struct actor *by, enum meeting_kind kind,
		  dd_time held_at, const char *title, const struct actor *people, int n,
		  long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO meeting(kind, held_at, title, recorded_at, recorded_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5)", err);
	char *names;
	int rc;

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, kind_names[kind]);
	sqlite3_bind_int64(stmt, 2, held_at);
	store_bind_text(stmt, 3, title);
	sqlite3_bind_int64(stmt, 4, ddtime_now());
	sqlite3_bind_int64(stmt, 5, by->id);
	if (store_exec_stmt(st, stmt, _("recording the meeting"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	if (insert_attendees(st, *id, people, n, err) < 0)
		return -1;
	names = join_names(people, n);
	rc = chain_held(st, by, *id, kind, held_at, title, names, err);
	free(names);
	return rc;
}

int meeting_add(struct store *st, const struct actor *by, enum meeting_kind kind,
		dd_time held_at, const char *title, const char *attendees, long long *id,
		struct dd_err *err)
{
	struct actor *people = NULL;
	char when[DDTIME_BUFSZ];
	long long mid = 0;
	int n = 0;

	if ((unsigned)kind >= MEETING_KIND_COUNT)
		return dd_fail(err, DD_EINVAL, _("unknown kind of meeting"));
	if (!held_at)
		return dd_fail(err, DD_EINVAL, _("when was the meeting held?"));
	if (held_at > ddtime_now() + 600)
		return dd_fail(err, DD_EINVAL, _("%s is in the future: record a meeting once it "
						 "is held"),
			       ddtime_format(held_at, DDTIME_MINUTE, when));
	if (act_check_text(_("the title"), title, ACT_REQUIRED, MEETING_TITLE_MAX, err) < 0)
		return -1;
	if (meeting_people(st, attendees, _("the attendees"), &people, &n, err) < 0)
		return -1;
	if (store_begin(st, err) < 0) {
		free(people);
		return -1;
	}
	if (add_in(st, by, kind, held_at, title, people, n, &mid, err) < 0) {
		free(people);
		store_rollback(st);
		return -1;
	}
	free(people);
	if (store_commit(st, err) < 0)
		return -1;
	if (id)
		*id = mid;
	return 0;
}

static int meeting_exists(struct store *st, long long id, struct dd_err *err)
{
	long long found = 0;

	if (store_query_int(st, "SELECT count(*) FROM meeting WHERE id = ?1", id, &found, err) < 0)
		return -1;
	if (!found)
		return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_MEETING,
				     _("there is no meeting #%lld"), id);
	return 0;
}

static int decide_in(struct store *st, const struct actor *by, long long meeting_id,
		     const char *text, int *seq, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	struct jsonw body;
	long long next = 0;
	size_t n = strlen(text) + 64;
	char *what;
	int rc;

	if (meeting_exists(st, meeting_id, err) < 0 ||
	    store_query_int(st, "SELECT coalesce(max(seq), 0) + 1 FROM decision WHERE "
				"meeting_id = ?1", meeting_id, &next, err) < 0)
		return -1;
	stmt = store_prepare(st, "INSERT INTO decision(meeting_id, seq, text, recorded_at, "
				 "recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, meeting_id);
	sqlite3_bind_int64(stmt, 2, next);
	store_bind_text(stmt, 3, text);
	sqlite3_bind_int64(stmt, 4, ddtime_now());
	sqlite3_bind_int64(stmt, 5, by->id);
	if (store_exec_stmt(st, stmt, _("recording the decision"), err) < 0)
		return -1;
	what = dd_xmalloc(n);
	snprintf(what, n, "会议 #%lld 决定 %lld：%s", meeting_id, next, text);
	jsonw_init(&body);
	jsonw_int(&body, "meeting", meeting_id);
	jsonw_int(&body, "decision", next);
	jsonw_int(&body, "decision_id", sqlite3_last_insert_rowid(store_db(st)));
	jsonw_str(&body, "text", what);
	rc = act_event(st, by, "meeting-decision", &body, NULL, err);
	free(what);
	*seq = (int)next;
	return rc;
}

int meeting_add_decision(struct store *st, const struct actor *by, long long meeting_id,
			 const char *text, int *seq, struct dd_err *err)
{
	int s = 0;

	if (act_check_text(_("the decision"), text, ACT_REQUIRED, MEETING_DECISION_MAX, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (decide_in(st, by, meeting_id, text, &s, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (seq)
		*seq = s;
	return 0;
}

int meeting_decision_find(struct store *st, long long meeting_id, int seq, long long *id,
			  char **text, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	long long count = 0;
	int rc;

	if (text)
		*text = NULL;
	if (meeting_exists(st, meeting_id, err) < 0)
		return -1;
	stmt = store_prepare(st, "SELECT id, text FROM decision WHERE meeting_id = ?1 AND "
				 "seq = ?2", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, meeting_id);
	sqlite3_bind_int(stmt, 2, seq);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		if (text)
			*text = store_col_text(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the meeting's decisions"));
	if (store_query_int(st, "SELECT count(*) FROM decision WHERE meeting_id = ?1", meeting_id,
			    &count, err) < 0)
		return -1;
	return dd_fail(err, DD_ENOTFOUND, _("meeting #%lld has no decision %d (it has %lld)"),
		       meeting_id, seq, count);
}

#define MEETING_COLS                                                                    \
	"m.id, m.kind, m.held_at, m.title, coalesce((SELECT group_concat(name, '、') FROM " \
	"(SELECT p.name FROM meeting_attendee a JOIN person p ON p.id = a.person_id "   \
	"WHERE a.meeting_id = m.id ORDER BY a.seq)), ''), "                              \
	"(SELECT count(*) FROM meeting_attendee a WHERE a.meeting_id = m.id), "          \
	"m.recorded_at, r.name, (SELECT count(*) FROM decision d WHERE d.meeting_id = m.id) " \
	"FROM meeting m JOIN person r ON r.id = m.recorded_by "

static void read_meeting(sqlite3_stmt *stmt, void *row)
{
	struct meeting *m = row;
	enum meeting_kind k = MEETING_JOINT;

	m->id = sqlite3_column_int64(stmt, 0);
	if (meeting_kind_parse((const char *)sqlite3_column_text(stmt, 1), &k, NULL) == 0)
		m->kind = k;
	m->held_at = sqlite3_column_int64(stmt, 2);
	m->title = store_col_text(stmt, 3);
	m->attendees = store_col_text(stmt, 4);
	m->nattendees = sqlite3_column_int(stmt, 5);
	m->recorded_at = sqlite3_column_int64(stmt, 6);
	m->recorded_by = store_col_text(stmt, 7);
	m->ndecisions = sqlite3_column_int(stmt, 8);
}

static void read_decision(sqlite3_stmt *stmt, void *row)
{
	struct meeting_decision *d = row;

	d->seq = sqlite3_column_int(stmt, 0);
	d->text = store_col_text(stmt, 1);
	d->recorded_at = sqlite3_column_int64(stmt, 2);
	d->recorded_by = store_col_text(stmt, 3);
	d->tasks = store_col_text(stmt, 4);
}

static int read_decisions(struct store *st, struct meeting *m, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT d.seq, d.text, d.recorded_at, p.name, coalesce((SELECT group_concat(x, "
		"'; ') FROM (SELECT '#' || t.id || ' ' || g.name AS x FROM task t JOIN grp g ON "
		"g.id = t.grp_id WHERE t.decision_id = d.id ORDER BY t.id)), '') FROM decision d "
		"JOIN person p ON p.id = d.recorded_by WHERE d.meeting_id = ?1 ORDER BY d.seq",
		err);
	void *v;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, m->id);
	if (rows_read(st, stmt, sizeof *m->decisions, read_decision, clear_decision, &v,
		      &m->ndecisions, _("reading the decisions"), err) < 0)
		return -1;
	m->decisions = v;
	return 0;
}

int meeting_get(struct store *st, long long id, struct meeting *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " MEETING_COLS "WHERE m.id = ?1", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_meeting(stmt, out);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_MEETING,
				     _("there is no meeting #%lld"), id);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("reading the meeting"));
	if (read_decisions(st, out, err) < 0) {
		meeting_clear(out);
		return -1;
	}
	return 0;
}

int meeting_list(struct store *st, struct meeting **out, int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " MEETING_COLS
					   "ORDER BY m.held_at DESC, m.id DESC", err);
	void *v;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	if (rows_read(st, stmt, sizeof **out, read_meeting, clear_meeting, &v, n,
		      _("reading the meetings"), err) < 0)
		return -1;
	*out = v;
	return 0;
}
