/* log.c — writing the incident log: entries and the events on them. */
#include "domain/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "domain/auth.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "base/text.h"
#include "base/jsonw.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

static const char *const kind_names[] = {
	"call", "document", "report", "instruction", "positive",
	"key-person", "inspection", "supplies", "other",
};

/* The Chinese names as the duty room says them, accepted on input. */
static const char *const kind_chinese[] = {
	"来电", "来文", "上报", "下达", "本土初筛阳性", "重点人员", "督查", "物资", "其他",
};

static const char *const kind_labels[] = {
	N_("call"), N_("document"), N_("report up"), N_("instruction down"),
	N_("POSITIVE"), N_("key person"), N_("inspection"), N_("supplies"), N_("other"),
};

const char *const log_key_person_kinds[] = {
	"来诸返诸人员", "健康码异常", "时空伴随者", "密接", "次密接", NULL,
};

const char *log_kind_name(enum log_kind k)
{
	return (unsigned)k < LOG_KIND_COUNT ? kind_names[k] : "?";
}

const char *log_kind_chinese(enum log_kind k)
{
	return (unsigned)k < LOG_KIND_COUNT ? kind_chinese[k] : "?";
}

const char *log_kind_label(enum log_kind k)
{
	return (unsigned)k < LOG_KIND_COUNT ? _(kind_labels[k]) : "?";
}

int log_kind_parse(const char *s, enum log_kind *out, struct dd_err *err)
{
	for (int i = 0; s && i < LOG_KIND_COUNT; i++) {
		if (strcmp(s, kind_names[i]) == 0 || strcmp(s, kind_chinese[i]) == 0 ||
		    (i == LOG_POSITIVE && strcmp(s, "阳性") == 0)) {
			*out = (enum log_kind)i;
			return 0;
		}
	}
	return dd_fail(err, DD_EINVAL,
		       _("'%s' is not a kind of entry; use one of: call, document, report, "
			 "instruction, positive, key-person, inspection, supplies, other"),
		       s ? s : "");
}

static const char *const note_types[] = {"noted", "proposal", "instruction", "result"};
static const char *const note_words[] = {"note", "proposal", "instruction", "result"};

int log_note_type_parse(const char *s, enum log_note_type *out)
{
	for (int i = 0; s && i < 4; i++) {
		if (strcmp(s, note_words[i]) == 0) {
			*out = (enum log_note_type)i;
			return 0;
		}
	}
	return -1;
}

/* A text a person typed, as every act checks it (act_check_text). */
static int check_text(const char *what, const char *s, int required, struct dd_err *err)
{
	return act_check_text(what, s, required ? ACT_REQUIRED : 0, LOG_SUMMARY_MAX, err);
}

int log_check_text(const char *what, const char *s, int required, struct dd_err *err)
{
	return check_text(what, s, required, err);
}

/* Each text gets a row of its own in the index: rowid = entry id * 1024 + n,
 * n = 0 for the entry, 1, 2, ... for later texts (amendments, notes,
 * resolutions).  FTS5 keeps only the newest positions of a token inserted
 * twice under one rowid, which would break phrase matches; separate rows
 * keep every text whole, and rowid order is still entry order. */
static int fts_add(struct store *st, long long id, int n, const char *text, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO entry_fts(rowid, body) VALUES (?1, ?2)",
					   err);
	if (!stmt)
		return -1;
	if (n > LOG_FTS_SLOTS - 1)
		n = LOG_FTS_SLOTS - 1;
	sqlite3_bind_int64(stmt, 1, id * LOG_FTS_SLOTS + n);
	store_bind_text(stmt, 2, text);
	return store_exec_stmt(st, stmt, _("indexing the entry for search"), err);
}

int log_insert(struct store *st, const struct actor *by, const struct log_new *n,
	       long long *id, struct dd_err *err)
{
	return log_insert_at(st, by, n, ddtime_now(), id, err);
}

int log_insert_at(struct store *st, const struct actor *by, const struct log_new *n,
		  dd_time now, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	char *index;
	size_t len;
	int rc;

	/* The mark only when there is one: the rest writes as before 008. */
	stmt = person_unverified(by) ? store_prepare(st,
		"INSERT INTO entry(occurred_at, recorded_at, operator_id, kind, subkind, source, "
		"caller, callback, readback, summary, grp_id, parent_id, significant, drill, "
		"unverified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"1)", err) : store_prepare(st,
		"INSERT INTO entry(occurred_at, recorded_at, operator_id, kind, subkind, source, "
		"caller, callback, readback, summary, grp_id, parent_id, significant, drill) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, n->occurred_at ? n->occurred_at : now);
	sqlite3_bind_int64(stmt, 2, now);
	sqlite3_bind_int64(stmt, 3, by->id);
	store_bind_text(stmt, 4, log_kind_name(n->kind));
	store_bind_text(stmt, 5, n->subkind ? n->subkind : "");
	store_bind_text(stmt, 6, n->source ? n->source : "");
	store_bind_text(stmt, 7, n->caller ? n->caller : "");
	store_bind_text(stmt, 8, n->callback ? n->callback : "");
	sqlite3_bind_int(stmt, 9, n->readback ? 1 : 0);
	store_bind_text(stmt, 10, n->summary);
	if (n->group_id)
		sqlite3_bind_int64(stmt, 11, n->group_id);
	if (n->parent_id)
		sqlite3_bind_int64(stmt, 12, n->parent_id);
	sqlite3_bind_int(stmt, 13, n->significant ? 1 : 0);
	sqlite3_bind_int(stmt, 14, n->drill ? 1 : 0);
	if (store_exec_stmt(st, stmt, _("recording the entry"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	if (log_event_append_at(st, by, *id, "created", n->drill, NULL, NULL, now, err) < 0)
		return -1;

	/* Index the texts a person would search for, each on its own line so
	 * that no pair of characters spans two of them. */
	len = strlen(n->summary) + 16;
	len += n->source ? strlen(n->source) : 0;
	len += n->caller ? strlen(n->caller) : 0;
	len += n->subkind ? strlen(n->subkind) : 0;
	len += n->callback ? strlen(n->callback) : 0;
	index = dd_xmalloc(len);
	snprintf(index, len, "%s\n%s\n%s\n%s\n%s", n->summary, n->source ? n->source : "",
		 n->caller ? n->caller : "", n->subkind ? n->subkind : "",
		 n->callback ? n->callback : "");
	rc = fts_add(st, *id, 0, index, err);
	free(index);
	return rc;
}

int log_event_append(struct store *st, const struct actor *by, long long entry_id,
		     const char *type, int drill, const char *body, const char *index_text,
		     struct dd_err *err)
{
	return log_event_append_at(st, by, entry_id, type, drill, body, index_text,
				   ddtime_now(), err);
}

int log_event_append_at(struct store *st, const struct actor *by, long long entry_id,
			const char *type, int drill, const char *body, const char *index_text,
			dd_time at, struct dd_err *err)
{
	struct act_record r = {
		.by = by, .type = type, .at = at, .entry_id = entry_id, .drill = drill, .body = body,
	};
	if (act_append(st, &r, NULL, err) < 0)
		return -1;
	if (index_text && *index_text && entry_id) {
		long long n = 0;
		if (store_query_int(st, "SELECT count(*) FROM event WHERE entry_id = ?1 AND type "
					"IN ('amended', 'closed', 'noted', 'proposal', 'instruction', "
					"'result')", entry_id, &n, err) < 0)
			return -1;
		return fts_add(st, entry_id, (int)n, index_text, err);
	}
	return 0;
}

int log_known_entry(struct store *st, long long id, struct log_known *k, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, coalesce(e.parent_id, 0), e.operator_id, e.drill, "
		"EXISTS (SELECT 1 FROM event c WHERE c.entry_id = coalesce(e.parent_id, e.id) "
		"AND c.type = 'closed'), coalesce((SELECT json_extract(a.body, '$.group_id') "
		"FROM event a WHERE a.entry_id = coalesce(e.parent_id, e.id) AND a.type = "
		"'assigned' ORDER BY a.id DESC LIMIT 1), (SELECT i.grp_id FROM entry i WHERE "
		"i.id = coalesce(e.parent_id, e.id)), 0) FROM entry e WHERE e.id = ?1", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		k->id = sqlite3_column_int64(stmt, 0);
		k->parent_id = sqlite3_column_int64(stmt, 1);
		k->operator_id = sqlite3_column_int64(stmt, 2);
		k->drill = sqlite3_column_int(stmt, 3);
		k->closed = sqlite3_column_int(stmt, 4);
		k->grp_id = sqlite3_column_int64(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("there is no entry #%lld"), id);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the entry"));
}

static int check_new(struct store *st, const struct log_new *n, struct log_new *out,
		     char *callback, struct dd_err *err)
{
	dd_time now = ddtime_now();

	*out = *n;
	if ((unsigned)n->kind >= LOG_KIND_COUNT)
		return dd_fail(err, DD_EINVAL, _("unknown kind of entry"));
	if (check_text(_("the summary"), n->summary, 1, err) < 0 ||
	    check_text(_("the source"), n->source, 0, err) < 0 ||
	    check_text(_("the caller"), n->caller, 0, err) < 0 ||
	    check_text(_("the call-back number"), n->callback, 0, err) < 0 ||
	    check_text(_("the key-person category"), n->subkind, 0, err) < 0 ||
	    log_check_subkind(n->kind, n->subkind, &out->subkind, err) < 0 ||
	    log_callback_normalize(n->callback, callback, LOG_CALLBACK_MAX, err) < 0)
		return -1;
	out->callback = callback;
	if (n->occurred_at > now + 600) {
		char when[DDTIME_BUFSZ];
		return dd_fail(err, DD_EINVAL, _("%s is in the future: when did it happen?"),
			       ddtime_format(n->occurred_at, DDTIME_MINUTE, when));
	}
	if (n->group && *n->group && roster_find_group(st, n->group, &out->group_id, err) < 0)
		return -1;
	if (n->parent_id) {
		struct log_known p;
		if (log_known_entry(st, n->parent_id, &p, err) < 0)
			return -1;
		/* A follow-up of a follow-up belongs to the same incident. */
		out->parent_id = p.parent_id ? p.parent_id : p.id;
		if (p.drill != (n->drill ? 1 : 0))
			return dd_fail(err, DD_EINVAL, p.drill
				? _("entry #%lld is part of a drill; a real entry cannot follow it up")
				: _("entry #%lld is real; a drill entry cannot follow it up"),
				n->parent_id);
		if (p.closed)
			return dd_fail(err, DD_EINVAL,
				       _("incident #%lld is closed; record the news as a new entry "
					 "that mentions #%lld"), out->parent_id, out->parent_id);
	}
	return 0;
}

int log_add(struct store *st, const struct actor *by, const struct log_new *n,
	    struct log_added *out, struct dd_err *err)
{
	char callback[LOG_CALLBACK_MAX];
	struct log_new v;
	long long id;

	if (store_begin(st, err) < 0)
		return -1;
	if (check_new(st, n, &v, callback, err) < 0 || log_insert(st, by, &v, &id, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (out)
		*out = (struct log_added){.id = id, .incident = v.parent_id ? v.parent_id : id};
	return 0;
}

/* Begin a write on entry `id`; fills `k`.  On failure nothing is open. */
static int begin_on(struct store *st, long long id, struct log_known *k, struct dd_err *err)
{
	if (store_begin(st, err) < 0)
		return -1;
	if (log_known_entry(st, id, k, err) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

static int finish(struct store *st, int rc, struct dd_err *err)
{
	if (rc < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

int log_amend(struct store *st, const struct actor *by, long long id, const char *summary,
	      const char *reason, struct dd_err *err)
{
	struct log_known k;
	struct jsonw body;
	char *before = NULL;
	sqlite3_stmt *stmt;
	int rc;

	if (check_text(_("the new summary"), summary, 1, err) < 0 ||
	    check_text(_("the reason"), reason, 1, err) < 0)
		return dd_prefix(err, _("an amendment needs a summary and a reason"));
	if (begin_on(st, id, &k, err) < 0)
		return -1;
	stmt = store_prepare(st,
		"SELECT coalesce((SELECT json_extract(body, '$.summary') FROM event WHERE "
		"entry_id = ?1 AND type = 'amended' ORDER BY id DESC LIMIT 1), "
		"(SELECT summary FROM entry WHERE id = ?1))", err);
	if (!stmt)
		return finish(st, -1, err);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		before = store_col_text(stmt, 0);
	sqlite3_reset(stmt);
	if (before && strcmp(before, summary) == 0) {
		free(before);
		dd_fail(err, DD_EINVAL, _("the new summary is the same as the present one"));
		return finish(st, -1, err);
	}
	jsonw_init(&body);
	jsonw_str(&body, "summary", summary);
	jsonw_str(&body, "reason", reason);
	jsonw_str(&body, "previous", before ? before : "");
	rc = log_event_append(st, by, id, "amended", k.drill, jsonw_done(&body), summary, err);
	jsonw_free(&body);
	free(before);
	return finish(st, rc, err);
}

int log_close(struct store *st, const struct actor *by, long long id, const char *resolution,
	      struct dd_err *err)
{
	struct log_known k;
	struct jsonw body;
	int rc;

	if (check_text(_("the resolution"), resolution, 1, err) < 0)
		return dd_prefix(err, _("closing needs a resolution"));
	if (begin_on(st, id, &k, err) < 0)
		return -1;
	if (k.parent_id) {
		dd_fail(err, DD_EINVAL, _("entry #%lld is a follow-up of incident #%lld: close "
					  "#%lld"), id, k.parent_id, k.parent_id);
		return finish(st, -1, err);
	}
	if (k.closed) {
		dd_fail(err, DD_EINVAL, _("incident #%lld is already closed"), id);
		return finish(st, -1, err);
	}
	if (k.operator_id != by->id &&
	    auth_require_group(st, by, k.grp_id, _("closing another operator's incident"),
			       err) < 0)
		return finish(st, -1, err);
	jsonw_init(&body);
	jsonw_str(&body, "resolution", resolution);
	rc = log_event_append(st, by, id, "closed", k.drill, jsonw_done(&body), resolution, err);
	jsonw_free(&body);
	return finish(st, rc, err);
}

int log_note(struct store *st, const struct actor *by, long long id, enum log_note_type type,
	     const char *text, struct dd_err *err)
{
	struct log_known k;
	struct jsonw body;
	int rc;

	if ((unsigned)type > LOG_RESULT)
		return dd_fail(err, DD_EINVAL, _("unknown kind of note"));
	if (check_text(_("the note"), text, 1, err) < 0)
		return -1;
	if (begin_on(st, id, &k, err) < 0)
		return -1;
	jsonw_init(&body);
	jsonw_str(&body, "text", text);
	rc = log_event_append(st, by, id, note_types[type], k.drill, jsonw_done(&body), text,
			      err);
	jsonw_free(&body);
	return finish(st, rc, err);
}

int log_assign(struct store *st, const struct actor *by, long long id, const char *group,
	       struct dd_err *err)
{
	struct log_known k;
	struct jsonw body;
	long long gid;
	int rc;

	if (begin_on(st, id, &k, err) < 0)
		return -1;
	if (roster_find_group(st, group, &gid, err) < 0)
		return finish(st, -1, err);
	jsonw_init(&body);
	jsonw_int(&body, "group_id", gid);
	jsonw_str(&body, "group", group);
	rc = log_event_append(st, by, k.parent_id ? k.parent_id : id, "assigned", k.drill,
			      jsonw_done(&body), NULL, err);
	jsonw_free(&body);
	return finish(st, rc, err);
}
