/* duty.c — planning the duty schedule and changing it: substitutions (替班),
 * swaps (换班) and cancellations, each a row of shift_change and an event on
 * the chain.  Reading the schedule is in duty_query.c, CSV in duty_csv.c. */
#include "domain/duty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/act.h"
#include "base/i18n.h"
#include "domain/duty_internal.h"
#include "store/rows.h"
#include "store/store_sql.h"

void duty_shift_clear(struct duty_shift *s)
{
	if (!s)
		return;
	free(s->operator_name);
	free(s->planned_name);
	free(s->leader_name);
	free(s->note);
	memset(s, 0, sizeof *s);
}

void duty_span_text(dd_time start, dd_time end, char *buf, size_t n)
{
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], da[DDTIME_BUFSZ], db[DDTIME_BUFSZ];

	ddtime_format(start, DDTIME_DATE, da);
	ddtime_format(end, DDTIME_DATE, db);
	if (strcmp(da, db) == 0)
		snprintf(buf, n, "%s–%s", ddtime_format(start, DDTIME_MINUTE, a),
			 ddtime_format(end, DDTIME_CLOCK, b));
	else
		snprintf(buf, n, "%s–%s", ddtime_format(start, DDTIME_MINUTE, a),
			 ddtime_format(end, DDTIME_MINUTE, b));
}

int duty_check_span(dd_time start, dd_time end, struct dd_err *err)
{
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];

	if (end <= start)
		return dd_fail(err, DD_EINVAL, _("the shift ends (%s) before it starts (%s)"),
			       ddtime_format(end, DDTIME_MINUTE, b),
			       ddtime_format(start, DDTIME_MINUTE, a));
	if (end - start > DUTY_MAX_SECONDS)
		return dd_fail(err, DD_EINVAL, _("a shift from %s to %s is longer than %d hours: "
						 "is a date mistyped?"),
			       ddtime_format(start, DDTIME_MINUTE, a),
			       ddtime_format(end, DDTIME_MINUTE, b), DUTY_MAX_HOURS);
	return 0;
}

int duty_person(struct store *st, const char *name, const char *role, struct actor *out,
		struct dd_err *err)
{
	if (person_find(st, name, out, err) < 0)
		return dd_prefix(err, "%s", role);
	return 0;
}

int duty_check_free(struct store *st, long long person_id, dd_time start, dd_time end,
		    long long except_a, long long except_b, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT x.id, x.start_at, x.end_at, (SELECT name FROM person WHERE id = ?3) "
		"FROM shift x WHERE x.start_at < ?2 AND x.end_at > ?1 AND x.start_at > ?1 - ?6 "
		"AND x.id NOT IN (?4, ?5) AND NOT " DUTY_CANCELLED("x") " "
		"AND " DUTY_EFFECTIVE("x") " = ?3 ORDER BY x.start_at LIMIT 1", err);
	char span[96], name[PERSON_NAME_MAX * 4] = "";
	long long id = 0;
	dd_time s = 0, e = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, start);
	sqlite3_bind_int64(stmt, 2, end);
	sqlite3_bind_int64(stmt, 3, person_id);
	sqlite3_bind_int64(stmt, 4, except_a);
	sqlite3_bind_int64(stmt, 5, except_b);
	sqlite3_bind_int64(stmt, 6, DUTY_MAX_SECONDS);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		s = sqlite3_column_int64(stmt, 1);
		e = sqlite3_column_int64(stmt, 2);
		snprintf(name, sizeof name, "%s", sqlite3_column_text(stmt, 3));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the duty schedule"));
	if (!id)
		return 0;
	duty_span_text(s, e, span, sizeof span);
	return dd_fail(err, DD_EINVAL, _("%s is already on duty %s (shift #%lld); one person "
					 "cannot be on two shifts at once"), name, span, id);
}

/* Read shift `id` inside the caller's transaction. */
static int load_row(struct store *st, long long id, struct duty_row *r, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT s.id, s.start_at, s.end_at, " DUTY_EFFECTIVE("s") ", "
		"coalesce(s.leader_id, 0), " DUTY_CANCELLED("s") " FROM shift s WHERE s.id = ?1",
		err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(stmt, 0);
		r->start = sqlite3_column_int64(stmt, 1);
		r->end = sqlite3_column_int64(stmt, 2);
		r->operator_id = sqlite3_column_int64(stmt, 3);
		r->leader_id = sqlite3_column_int64(stmt, 4);
		r->cancelled = sqlite3_column_int(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("there is no shift #%lld"), id);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("reading the duty schedule"));
	if (r->cancelled)
		return dd_fail(err, DD_EINVAL, _("shift #%lld was cancelled; plan a new one"), id);
	return 0;
}

/* For the text of a record: a failed read leaves the name blank. */
static const char *person_name(struct store *st, long long id, char *buf, size_t n)
{
	rows_text(st, "SELECT name FROM person WHERE id = ?1", id, buf, n, NULL, NULL);
	return buf;
}

int duty_insert(struct store *st, const struct actor *by, dd_time start, dd_time end,
		const struct actor *op, const struct actor *leader, const char *note,
		const char *via, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO shift(start_at, end_at, operator_id, leader_id, note, created_at, "
		"created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	char span[96], text[PERSON_NAME_MAX * 8 + 160], a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];
	struct jsonw body;
	long long sid;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, start);
	sqlite3_bind_int64(stmt, 2, end);
	sqlite3_bind_int64(stmt, 3, op->id);
	if (leader && leader->id)
		sqlite3_bind_int64(stmt, 4, leader->id);
	store_bind_text(stmt, 5, note ? note : "");
	sqlite3_bind_int64(stmt, 6, ddtime_now());
	sqlite3_bind_int64(stmt, 7, by->id);
	if (store_exec_stmt(st, stmt, _("planning the shift"), err) < 0)
		return -1;
	sid = sqlite3_last_insert_rowid(store_db(st));

	/* Records are kept in the office's language, whatever the screen's. */
	duty_span_text(start, end, span, sizeof span);
	snprintf(text, sizeof text, "值班 %s %s%s%s", span, op->name,
		 leader && leader->id ? " 带班 " : "", leader && leader->id ? leader->name : "");
	jsonw_init(&body);
	jsonw_int(&body, "shift", sid);
	jsonw_str(&body, "start", ddtime_format(start, DDTIME_ISO, a));
	jsonw_str(&body, "end", ddtime_format(end, DDTIME_ISO, b));
	jsonw_str(&body, "operator", op->name);
	jsonw_str(&body, "leader", leader && leader->id ? leader->name : NULL);
	jsonw_str(&body, "note", note && *note ? note : NULL);
	jsonw_str(&body, "via", via);
	jsonw_str(&body, "text", text);
	if (act_event(st, by, "duty-planned", &body, NULL, err) < 0)
		return -1;
	if (id)
		*id = sid;
	return 0;
}

int duty_check_text(const char *what, const char *text, int required, struct dd_err *err)
{
	return act_check_text(what, text, required ? ACT_REQUIRED : 0, DUTY_NOTE_MAX, err);
}

int duty_check_operator(struct store *st, const char *name, dd_time start, dd_time end,
			struct dd_err *err)
{
	struct actor op;

	if (duty_person(st, name, _("the operator"), &op, err) < 0)
		return -1;
	return duty_check_free(st, op.id, start, end, 0, 0, err);
}

int duty_add(struct store *st, const struct actor *by, dd_time start, dd_time end,
	     const char *operator_name, const char *leader, const char *note, long long *id,
	     struct dd_err *err)
{
	struct actor op, lead = {0};

	if (auth_require(st, by, ACCESS_SUPERVISOR, _("planning a shift"), err) < 0 ||
	    duty_check_span(start, end, err) < 0 ||
	    act_check_text(_("the note"), note, 0, DUTY_NOTE_MAX, err) < 0 ||
	    duty_person(st, operator_name, _("the operator"), &op, err) < 0 ||
	    (leader && *leader && duty_person(st, leader, _("the leader"), &lead, err) < 0))
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (duty_check_free(st, op.id, start, end, 0, 0, err) < 0 ||
	    duty_insert(st, by, start, end, &op, &lead, note, NULL, id, err) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

/* One row of shift_change. */
struct change {
	long long shift_id;
	const char *kind;
	long long from_id, to_id, other;
	long long asked_by, approved_by;
	const char *reason;
};

static int insert_change(struct store *st, const struct actor *by, const struct change *c,
			 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO shift_change(shift_id, kind, from_id, to_id, other_shift, asked_by, "
		"approved_by, reason, at, by_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, c->shift_id);
	store_bind_text(stmt, 2, c->kind);
	if (c->from_id)
		sqlite3_bind_int64(stmt, 3, c->from_id);
	if (c->to_id)
		sqlite3_bind_int64(stmt, 4, c->to_id);
	if (c->other)
		sqlite3_bind_int64(stmt, 5, c->other);
	if (c->asked_by)
		sqlite3_bind_int64(stmt, 6, c->asked_by);
	if (c->approved_by)
		sqlite3_bind_int64(stmt, 7, c->approved_by);
	store_bind_text(stmt, 8, c->reason ? c->reason : "");
	sqlite3_bind_int64(stmt, 9, ddtime_now());
	sqlite3_bind_int64(stmt, 10, by->id);
	return store_exec_stmt(st, stmt, _("recording the change of the duty schedule"), err);
}

/* Who asked and who approved: people on the roster, the approver a supervisor
 * who proved their own PIN. */
static int ask_approve(struct store *st, const char *asked_by, const struct actor *approver,
		       const char *what, struct actor *ask, struct actor *appr, struct dd_err *err)
{
	if (duty_person(st, asked_by, _("who asked"), ask, err) < 0)
		return -1;
	if (!approver || !approver->id)
		return dd_fail(err, DD_EINVAL, _("who approved the change?"));
	*appr = *approver;
	return auth_require(st, appr, ACCESS_SUPERVISOR, what, err);
}

int duty_substitute(struct store *st, const struct actor *by, long long shift_id,
		    const char *substitute, const char *asked_by, const struct actor *approver,
		    const char *reason, struct dd_err *err)
{
	struct actor sub, ask, appr;
	struct duty_row r;
	struct change c = {.shift_id = shift_id, .kind = "substitute", .reason = reason};
	struct jsonw body;
	char from[PERSON_NAME_MAX * 4], span[96], text[PERSON_NAME_MAX * 8 + 160];

	if (!by)
		return dd_fail(err, DD_EDENIED, _("who is recording the substitution?"));
	if (duty_person(st, substitute, _("the substitute"), &sub, err) < 0 ||
	    ask_approve(st, asked_by, approver, _("approving a substitution"), &ask, &appr,
			err) < 0 ||
	    act_check_text(_("the reason"), reason, 0, DUTY_NOTE_MAX, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (load_row(st, shift_id, &r, err) < 0)
		goto fail;
	if (r.operator_id == sub.id) {
		dd_fail(err, DD_EINVAL, _("%s is already on duty in shift #%lld"), sub.name,
			shift_id);
		goto fail;
	}
	if (duty_check_free(st, sub.id, r.start, r.end, shift_id, 0, err) < 0)
		goto fail;
	c.from_id = r.operator_id;
	c.to_id = sub.id;
	c.asked_by = ask.id;
	c.approved_by = appr.id;
	if (insert_change(st, by, &c, err) < 0)
		goto fail;
	person_name(st, r.operator_id, from, sizeof from);
	duty_span_text(r.start, r.end, span, sizeof span);
	snprintf(text, sizeof text, "替班 %s：%s 替 %s", span, sub.name, from);
	jsonw_init(&body);
	jsonw_int(&body, "shift", shift_id);
	jsonw_str(&body, "from", from);
	jsonw_str(&body, "to", sub.name);
	jsonw_str(&body, "asked_by", ask.name);
	jsonw_str(&body, "approved_by", appr.name);
	jsonw_str(&body, "reason", reason && *reason ? reason : NULL);
	jsonw_str(&body, "text", text);
	if (act_event(st, by, "duty-substitute", &body, NULL, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

static int swap_record(struct store *st, const struct actor *by, const struct duty_row *a,
		       const struct duty_row *b, const struct actor *ask,
		       const struct actor *appr, const char *reason, struct dd_err *err)
{
	struct change ca = {.shift_id = a->id, .kind = "swap", .from_id = a->operator_id,
			    .to_id = b->operator_id, .other = b->id, .asked_by = ask->id,
			    .approved_by = appr->id, .reason = reason};
	struct change cb = ca;
	char na[PERSON_NAME_MAX * 4], nb[PERSON_NAME_MAX * 4], sa[96], sb[96];
	char text[PERSON_NAME_MAX * 8 + 256];
	struct jsonw body;

	cb.shift_id = b->id;
	cb.from_id = b->operator_id;
	cb.to_id = a->operator_id;
	cb.other = a->id;
	if (insert_change(st, by, &ca, err) < 0 || insert_change(st, by, &cb, err) < 0)
		return -1;
	person_name(st, a->operator_id, na, sizeof na);
	person_name(st, b->operator_id, nb, sizeof nb);
	duty_span_text(a->start, a->end, sa, sizeof sa);
	duty_span_text(b->start, b->end, sb, sizeof sb);
	snprintf(text, sizeof text, "换班：%s 改值 %s，%s 改值 %s", nb, sa, na, sb);
	jsonw_init(&body);
	jsonw_int(&body, "shift_a", a->id);
	jsonw_int(&body, "shift_b", b->id);
	jsonw_str(&body, "a_from", na);
	jsonw_str(&body, "b_from", nb);
	jsonw_str(&body, "asked_by", ask->name);
	jsonw_str(&body, "approved_by", appr->name);
	jsonw_str(&body, "reason", reason && *reason ? reason : NULL);
	jsonw_str(&body, "text", text);
	return act_event(st, by, "duty-swap", &body, NULL, err);
}

int duty_swap(struct store *st, const struct actor *by, long long shift_a, long long shift_b,
	      const char *asked_by, const struct actor *approver, const char *reason,
	      struct dd_err *err)
{
	struct actor ask, appr;
	struct duty_row a, b;
	char name[PERSON_NAME_MAX * 4];

	if (!by)
		return dd_fail(err, DD_EDENIED, _("who is recording the swap?"));
	if (shift_a == shift_b)
		return dd_fail(err, DD_EINVAL, _("a swap needs two different shifts"));
	if (ask_approve(st, asked_by, approver, _("approving a swap"), &ask, &appr, err) < 0 ||
	    act_check_text(_("the reason"), reason, 0, DUTY_NOTE_MAX, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (load_row(st, shift_a, &a, err) < 0 || load_row(st, shift_b, &b, err) < 0)
		goto fail;
	if (a.operator_id == b.operator_id) {
		person_name(st, a.operator_id, name, sizeof name);
		dd_fail(err, DD_EINVAL, _("%s is on duty in both shifts #%lld and #%lld: nothing "
					  "to swap"), name, shift_a, shift_b);
		goto fail;
	}
	if (duty_check_free(st, b.operator_id, a.start, a.end, a.id, b.id, err) < 0 ||
	    duty_check_free(st, a.operator_id, b.start, b.end, a.id, b.id, err) < 0 ||
	    swap_record(st, by, &a, &b, &ask, &appr, reason, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

int duty_cancel(struct store *st, const struct actor *by, long long shift_id,
		const char *reason, struct dd_err *err)
{
	struct duty_row r;
	struct change c = {.shift_id = shift_id, .kind = "cancel", .reason = reason};
	struct jsonw body;
	char name[PERSON_NAME_MAX * 4], span[96], text[PERSON_NAME_MAX * 4 + 256];

	if (auth_require(st, by, ACCESS_SUPERVISOR, _("cancelling a shift"), err) < 0)
		return -1;
	if (act_check_text(_("the reason"), reason, ACT_REQUIRED, DUTY_NOTE_MAX, err) < 0)
		return dd_prefix(err, _("cancelling a shift needs a reason"));
	if (store_begin(st, err) < 0)
		return -1;
	if (load_row(st, shift_id, &r, err) < 0)
		goto fail;
	if (r.end <= ddtime_now()) {
		duty_span_text(r.start, r.end, span, sizeof span);
		dd_fail(err, DD_EINVAL, _("shift #%lld (%s) is over; a past shift cannot be "
					  "cancelled"), shift_id, span);
		goto fail;
	}
	c.from_id = r.operator_id;
	if (insert_change(st, by, &c, err) < 0)
		goto fail;
	person_name(st, r.operator_id, name, sizeof name);
	duty_span_text(r.start, r.end, span, sizeof span);
	snprintf(text, sizeof text, "取消值班 %s %s：%s", span, name, reason);
	jsonw_init(&body);
	jsonw_int(&body, "shift", shift_id);
	jsonw_str(&body, "operator", name);
	jsonw_str(&body, "reason", reason);
	jsonw_str(&body, "text", text);
	if (act_event(st, by, "duty-cancel", &body, NULL, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}
