/* escalation.c — contacts, rules, notifications and their deadlines. */
#include "domain/escalation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/act.h"
#include "domain/log.h"
#include "base/jsonw.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

/* The numbers of a contact: its own, else (a group's leaders, a person) the
 * phones of the people behind it. */
#define CONTACT_NUMBERS                                                                  \
	"coalesce((SELECT group_concat(number, '; ') FROM (SELECT number FROM "          \
	"contact_number WHERE contact_id = c.id ORDER BY seq, id)), "                    \
	"(SELECT group_concat(ph.number, '; ') FROM phone ph WHERE ph.person_id = "      \
	"c.person_id), (SELECT group_concat(ph.number, '; ') FROM phone ph JOIN tenure t " \
	"ON t.person_id = ph.person_id AND t.until IS NULL JOIN post po ON po.id = "     \
	"t.post_id AND po.title IN ('leader', 'deputy') WHERE po.grp_id = c.grp_id), '')"

#define CONTACT_PEOPLE                                                                   \
	"coalesce((SELECT group_concat(name, ' ') FROM (SELECT pe.name FROM post po JOIN " \
	"tenure t ON t.post_id = po.id AND t.until IS NULL JOIN person pe ON pe.id = "   \
	"t.person_id WHERE po.grp_id = c.grp_id AND po.title = 'leader' ORDER BY po.seq)), " \
	"(SELECT name FROM person WHERE id = c.person_id), '')"

void esc_contacts_free(struct esc_contact *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].org);
		free(c[i].level);
		free(c[i].role);
		free(c[i].numbers);
		free(c[i].people);
		free(c[i].note);
	}
	free(c);
}

void esc_notifications_free(struct esc_notification *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].summary);
		free(v[i].kind);
		free(v[i].contact);
		free(v[i].level);
		free(v[i].numbers);
		free(v[i].stage);
		free(v[i].channel);
		free(v[i].done_by);
		free(v[i].answered_by);
		free(v[i].note);
		free(v[i].last_outcome);
	}
	free(v);
}

static const char *const outcome_names[] = {"answered", "no-answer", "busy", "wrong-number",
					    "message-sent"};

int escalation_outcome_parse(const char *s)
{
	for (int i = 0; s && i < (int)(sizeof outcome_names / sizeof outcome_names[0]); i++)
		if (strcmp(s, outcome_names[i]) == 0)
			return i;
	return -1;
}

const char *escalation_outcome_name(enum esc_outcome o)
{
	return (unsigned)o < sizeof outcome_names / sizeof outcome_names[0] ? outcome_names[o]
									     : "?";
}

void escalation_stage_label(const char *stage, int round, char *buf, size_t n)
{
	static const char *const numerals[] = {"一", "二", "三", "四", "五",
					       "六", "七", "八", "九", "十"};
	if (strcmp(stage, "initial") == 0)
		snprintf(buf, n, "初报");
	else if (strcmp(stage, "final") == 0)
		snprintf(buf, n, "终报");
	else if (round >= 1 && round <= 10)
		snprintf(buf, n, "续报%s", numerals[round - 1]);
	else
		snprintf(buf, n, "续报%d", round);
}

int escalation_contacts(struct store *st, struct esc_contact **out, int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT c.id, c.name, c.org, c.level, c.role, " CONTACT_NUMBERS ", "
		CONTACT_PEOPLE ", c.note FROM contact c ORDER BY CASE c.level "
		"WHEN 'province' THEN 0 WHEN 'city' THEN 1 WHEN 'county' THEN 2 "
		"WHEN 'town' THEN 3 ELSE 4 END, c.seq, c.id", err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct esc_contact *c;
		*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		c = &(*out)[(*n)++];
		c->id = sqlite3_column_int64(stmt, 0);
		c->name = store_col_text(stmt, 1);
		c->org = store_col_text(stmt, 2);
		c->level = store_col_text(stmt, 3);
		c->role = store_col_text(stmt, 4);
		c->numbers = store_col_text(stmt, 5);
		c->people = store_col_text(stmt, 6);
		c->note = store_col_text(stmt, 7);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		esc_contacts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the contacts"));
	}
	return 0;
}

/* The 'notified' event that made notification n done.  `+n.id`, not `n.id`:
 * compared with a column, the expression takes the column's affinity and
 * event_notified no longer answers it, so SQLite walks every 'notified' event
 * through event_type for each notification (tests/unit/test_plans.c). */
#define NOTIF_DONE                                                                  \
	"(SELECT dn.id FROM event dn WHERE dn.type = 'notified' AND "               \
	"json_extract(dn.body, '$.notification') = +n.id)"

/* The attempts that did not reach anyone ('attempt' events, through
 * event_attempt), and the last one's outcome. */
#define NOTIF_ATTEMPTS                                                              \
	"(SELECT count(*) FROM event a WHERE a.type = 'attempt' AND "               \
	"json_extract(a.body, '$.notification') = +n.id)"
#define NOTIF_LAST_ATTEMPT                                                          \
	"(SELECT json_extract(a.body, '$.outcome') FROM event a WHERE a.type = 'attempt' " \
	"AND json_extract(a.body, '$.notification') = +n.id ORDER BY a.id DESC LIMIT 1)"

/* Each contact's numbers, worked out once a statement (the contacts are a
 * few dozen) and not again for each of its notifications. */
#define ESC_NUMBERS                                                                 \
	"WITH cn AS MATERIALIZED (SELECT c.id, c.name, c.level, " CONTACT_NUMBERS       \
	" AS numbers FROM contact c) "

/* A notification's columns as esc_notification holds them, n its row, e its
 * entry, c its contact (cn its numbers, ESC_NUMBERS), d the event that made
 * it done. */
#define ESC_COLUMNS                                                                 \
	ESC_NUMBERS "SELECT n.id, n.entry_id, coalesce((SELECT json_extract(m.body, '$.summary') "   \
	"FROM event m WHERE m.entry_id = e.id AND m.type = 'amended' ORDER BY m.id DESC " \
	"LIMIT 1), e.summary), e.kind, c.name, c.level, cn.numbers, n.stage, "           \
	"n.round, n.channel, n.required, n.opened_at, n.due_at, coalesce(d.at, 0), "    \
	"coalesce((SELECT name FROM person WHERE id = d.actor_id), ''), "               \
	"coalesce(json_extract(d.body, '$.answered_by'), ''), "                         \
	"coalesce(json_extract(d.body, '$.text'), ''), n.drill, "                       \
	NOTIF_ATTEMPTS " + (d.id IS NOT NULL), CASE WHEN d.id IS NOT NULL THEN 'answered' " \
	"ELSE coalesce(" NOTIF_LAST_ATTEMPT ", '') END "

/* The open ones as a list shows them: from the open set's own copies (017),
 * no notification, entry or event read for each; the contact's name and
 * level with its numbers (cn); in due order along open_notification_due. */
#define ESC_LIST_COLUMNS                                                            \
	ESC_NUMBERS "SELECT o.notification_id, o.entry_id, '', '', cn.name, cn.level, "  \
	"cn.numbers, o.stage, o.round, o.channel, o.required, o.opened_at, o.due_at, 0, " \
	"'', '', '', o.drill, 0, '' "

int escalation_list(struct store *st, enum esc_which which, int drill, long long entry_id,
		    struct esc_notification **out, int *n, struct dd_err *err)
{
	/* The open ones through open_notification (013): as many as are open,
	 * not as many as were ever opened.  CROSS JOIN: from that set, never
	 * along notification_due through every notification of the log for
	 * its order. */
	sqlite3_stmt *stmt = which == ESC_OPEN_LIST
		? store_prepare(st, ESC_LIST_COLUMNS
			"FROM open_notification o CROSS JOIN cn ON cn.id = o.contact_id "
			"WHERE o.drill = ?1 AND (?2 = 0 OR o.entry_id = ?2) AND ?3 = 1 "
			"ORDER BY o.due_at, o.notification_id", err)
		: which == ESC_OPEN
		? store_prepare(st, ESC_COLUMNS
			"FROM open_notification o CROSS JOIN notification n ON n.id = "
			"o.notification_id JOIN entry e ON e.id = n.entry_id "
			"JOIN contact c ON c.id = n.contact_id JOIN cn ON cn.id = c.id "
			"LEFT JOIN event d ON d.id = " NOTIF_DONE " "
			"WHERE n.drill = ?1 AND (?2 = 0 OR n.entry_id = ?2) AND ?3 = 1 "
			"ORDER BY n.due_at, n.id", err)
		: entry_id
		/* One entry's (a timeline): along notification_entry, never
		 * through every notification of the log. */
		? store_prepare(st, ESC_COLUMNS
			"FROM notification n JOIN entry e ON e.id = n.entry_id "
			"JOIN contact c ON c.id = n.contact_id JOIN cn ON cn.id = c.id "
			"LEFT JOIN event d ON d.id = " NOTIF_DONE " "
			"WHERE n.entry_id = ?2 AND n.drill = ?1 AND ?3 = 0 ORDER BY n.id", err)
		: store_prepare(st, ESC_COLUMNS
			"FROM notification n JOIN entry e ON e.id = n.entry_id "
			"JOIN contact c ON c.id = n.contact_id JOIN cn ON cn.id = c.id "
			"LEFT JOIN event d ON d.id = " NOTIF_DONE " "
			"WHERE n.drill = ?1 AND ?2 = 0 AND ?3 = 0 ORDER BY n.id", err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, entry_id);
	sqlite3_bind_int(stmt, 3, which != ESC_ALL);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct esc_notification *v;
		if ((*n & (*n - 1)) == 0)   /* 0, 1, 2, 4, ...: room doubled */
			*out = dd_xrealloc(*out, (size_t)(*n ? 2 * *n : 1) * sizeof **out);
		v = &(*out)[(*n)++];
		v->id = sqlite3_column_int64(stmt, 0);
		v->entry_id = sqlite3_column_int64(stmt, 1);
		v->summary = store_col_text(stmt, 2);
		v->kind = store_col_text(stmt, 3);
		v->contact = store_col_text(stmt, 4);
		v->level = store_col_text(stmt, 5);
		v->numbers = store_col_text(stmt, 6);
		v->stage = store_col_text(stmt, 7);
		v->round = sqlite3_column_int(stmt, 8);
		v->channel = store_col_text(stmt, 9);
		v->required = sqlite3_column_int(stmt, 10);
		v->opened_at = sqlite3_column_int64(stmt, 11);
		v->due_at = sqlite3_column_int64(stmt, 12);
		v->done_at = sqlite3_column_int64(stmt, 13);
		v->done_by = store_col_text(stmt, 14);
		v->answered_by = store_col_text(stmt, 15);
		v->note = store_col_text(stmt, 16);
		v->drill = sqlite3_column_int(stmt, 17);
		v->attempts = sqlite3_column_int(stmt, 18);
		v->last_outcome = store_col_text(stmt, 19);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		esc_notifications_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the escalations"));
	}
	return 0;
}

/* Open the rules of one stage for an entry.  `base` is when the deadlines
 * start counting; `round` numbers continuations. */
static int open_rules(struct store *st, long long entry_id, const char *stage, int round,
		      dd_time base, int *opened, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO notification(entry_id, contact_id, seq, stage, round, channel, "
		"required, opened_at, due_at, note, drill) "
		"SELECT e.id, r.contact_id, r.seq, r.stage, ?3, r.channel, r.required, ?4, "
		"?5 + r.minutes * 60, r.note, e.drill FROM entry e JOIN rule r ON r.kind = e.kind "
		"WHERE e.id = ?1 AND r.stage = ?2 ORDER BY r.seq, r.id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, entry_id);
	store_bind_text(stmt, 2, stage);
	sqlite3_bind_int(stmt, 3, round);
	sqlite3_bind_int64(stmt, 4, ddtime_now());
	sqlite3_bind_int64(stmt, 5, base);
	if (store_exec_stmt(st, stmt, _("opening escalations"), err) < 0)
		return -1;
	if (opened)
		*opened = sqlite3_changes(store_db(st));
	return 0;
}

static int note_escalated(struct store *st, const struct actor *by, long long entry_id,
			  int drill, const char *stage, int round, int count, const char *outcome,
			  struct dd_err *err)
{
	struct jsonw body;
	char label[32], text[2200];
	int rc;

	escalation_stage_label(stage, round, label, sizeof label);
	if (outcome)
		snprintf(text, sizeof text, "%s：%d 项通知；处置结果：%s", label, count, outcome);
	else
		snprintf(text, sizeof text, "%s：%d 项通知", label, count);
	jsonw_init(&body);
	jsonw_str(&body, "text", text);
	jsonw_str(&body, "stage", stage);
	jsonw_int(&body, "round", round);
	jsonw_int(&body, "count", count);
	if (outcome)
		jsonw_str(&body, "outcome", outcome);
	rc = log_event_append(st, by, entry_id, "escalated", drill, jsonw_done(&body), NULL, err);
	jsonw_free(&body);
	return rc;
}

int escalation_open_for_entry(struct store *st, const struct actor *by, long long entry_id,
			      int *opened, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	dd_time occurred = 0;
	int drill = 0, count = 0, rc;

	stmt = store_prepare(st, "SELECT occurred_at, drill FROM entry WHERE id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, entry_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		occurred = sqlite3_column_int64(stmt, 0);
		drill = sqlite3_column_int(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? dd_fail(err, DD_ENOTFOUND, _("there is no entry #%lld"),
						   entry_id)
					 : store_fail(st, err, rc, _("reading the entry"));
	/* Deadlines count from when it happened, not from when it was typed:
	 * a call logged late is not given extra time. */
	if (open_rules(st, entry_id, "initial", 0, occurred, &count, err) < 0)
		return -1;
	if (opened)
		*opened = count;
	if (count == 0)
		return 0;
	return note_escalated(st, by, entry_id, drill, "initial", 0, count, NULL, err);
}

int escalation_stage_state(struct store *st, long long entry_id, long long *initial_undone,
			   long long *final_opened, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT coalesce(sum(n.stage = 'initial' AND n.required = 1 AND " NOTIF_DONE
		" IS NULL), 0), coalesce(sum(n.stage = 'final'), 0) FROM notification n "
		"WHERE n.entry_id = ?1", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, entry_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*initial_undone = sqlite3_column_int64(stmt, 0);
		*final_opened = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the escalations"));
}

/* Open `stage` (round `round`) for `entry_id` counting from `base`, noted on
 * the timeline; inside the caller's transaction.  No rule: DD_ENOTFOUND. */
static int open_round(struct store *st, const struct actor *by, long long entry_id,
		      const char *stage, int round, dd_time base, const char *outcome,
		      int *opened, struct dd_err *err)
{
	long long drill = 0;
	int count = 0;

	if (store_query_int(st, "SELECT drill FROM entry WHERE id = ?1", entry_id, &drill,
			    err) < 0 ||
	    open_rules(st, entry_id, stage, round, base, &count, err) < 0)
		return -1;
	if (count == 0)
		return dd_fail(err, DD_ENOTFOUND,
			       _("no rule asks for a %s report for entry #%lld's kind"), stage,
			       entry_id);
	if (opened)
		*opened = count;
	return note_escalated(st, by, entry_id, (int)drill, stage, round, count, outcome, err);
}

int escalation_open_stage(struct store *st, const struct actor *by, long long entry_id,
			  const char *stage, int *opened, struct dd_err *err)
{
	long long round = 0, undone = 0;

	if (opened)
		*opened = 0;
	if (strcmp(stage, "final") == 0)
		return escalation_open_final(st, by, entry_id, NULL, opened, err);
	if (strcmp(stage, "continuation") != 0)
		return dd_fail(err, DD_EINVAL, _("'%s' is not a stage: continuation or final"),
			       stage);
	if (store_begin(st, err) < 0)
		return -1;
	if (store_query_int(st, "SELECT coalesce(max(round), 0) FROM notification "
				"WHERE entry_id = ?1 AND stage = 'continuation'", entry_id, &round,
			    err) < 0)
		goto fail;
	if (round > 0) {
		/* The latest round not reported yet: pressed again, it is the same
		 * round, and nothing more is opened. */
		sqlite3_stmt *stmt = store_prepare(st,
			"SELECT count(*) FROM notification n WHERE n.entry_id = ?1 AND "
			"n.stage = 'continuation' AND n.round = ?2 AND " NOTIF_DONE " IS NULL",
			err);
		if (!stmt)
			goto fail;
		sqlite3_bind_int64(stmt, 1, entry_id);
		sqlite3_bind_int64(stmt, 2, round);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			undone = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (undone > 0)
			return store_commit(st, err);
	}
	if (open_round(st, by, entry_id, "continuation", (int)round + 1, ddtime_now(), NULL,
		       opened, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

int escalation_open_final(struct store *st, const struct actor *by, long long entry_id,
			  const char *outcome, int *opened, struct dd_err *err)
{
	long long undone = 0, final = 0;
	char label[32];

	if (opened)
		*opened = 0;
	if (act_check_text(_("the outcome"), outcome, ACT_REQUIRED, 2000, err) < 0)
		return dd_fail(err, DD_EINVAL, _("the final report (终报) states the incident's "
						 "outcome: give it"));
	if (store_begin(st, err) < 0)
		return -1;
	if (escalation_stage_state(st, entry_id, &undone, &final, err) < 0)
		goto fail;
	if (undone > 0) {
		escalation_stage_label("initial", 0, label, sizeof label);
		dd_fail(err, DD_EDENIED, _("the final report of entry #%lld waits for the initial "
					   "report: %lld notification(s) of it are not done"),
			entry_id, undone);
		goto fail;
	}
	if (final > 0) {
		dd_fail(err, DD_EINVAL, _("the final report of entry #%lld is open already"),
			entry_id);
		goto fail;
	}
	if (open_round(st, by, entry_id, "final", 0, ddtime_now(), outcome, opened, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

int escalation_outbreak_open(struct store *st, int drill, long long outbreak,
			     long long *positives_open, long long *no_final, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT coalesce(sum(NOT EXISTS (SELECT 1 FROM event c WHERE c.entry_id = e.id "
		"AND c.type = 'closed')), 0), coalesce(sum(EXISTS (SELECT 1 FROM rule r WHERE "
		"r.kind = e.kind AND r.stage = 'final') AND NOT EXISTS (SELECT 1 FROM "
		"notification n WHERE n.entry_id = e.id AND n.stage = 'final')), 0) "
		"FROM entry e WHERE e.kind = 'positive' AND e.drill = ?1 AND e.id >= ?2", err);
	int rc;

	*positives_open = *no_final = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, outbreak);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*positives_open = sqlite3_column_int64(stmt, 0);
		*no_final = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the outbreak"));
}

int escalation_continue_due(struct store *st, int drill, long long outbreak, dd_time now,
			    int *rounds, struct dd_err *err)
{
	/* The open positive cases of the outbreak, the last round of each and
	 * when it (else the case) started counting, and the cadence. */
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, coalesce((SELECT max(n.round) FROM notification n WHERE "
		"n.entry_id = e.id AND n.stage = 'continuation'), 0), coalesce((SELECT "
		"max(n.opened_at) FROM notification n WHERE n.entry_id = e.id AND n.stage = "
		"'continuation'), e.occurred_at), (SELECT min(r.minutes) FROM rule r WHERE "
		"r.kind = e.kind AND r.stage = 'continuation'), (SELECT count(*) FROM "
		"notification n WHERE n.entry_id = e.id AND n.stage = 'final') "
		"FROM entry e WHERE e.kind = 'positive' AND e.drill = ?1 AND e.id >= ?2 "
		"AND NOT EXISTS (SELECT 1 FROM event c WHERE c.entry_id = e.id AND "
		"c.type = 'closed') ORDER BY e.id", err);
	struct due { long long id, round; dd_time at; } *v = NULL;
	int n = 0, rc;

	*rounds = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, outbreak);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long cadence = sqlite3_column_int64(stmt, 3);
		dd_time at = sqlite3_column_int64(stmt, 2) + 60 * cadence;

		if (sqlite3_column_type(stmt, 3) == SQLITE_NULL || cadence <= 0 ||
		    sqlite3_column_int64(stmt, 4) > 0 || at > now)
			continue;
		v = dd_xrealloc(v, (size_t)(n + 1) * sizeof *v);
		v[n].id = sqlite3_column_int64(stmt, 0);
		v[n].round = sqlite3_column_int64(stmt, 1) + 1;
		v[n++].at = at;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, err, rc, _("reading the escalations"));
	}
	for (int i = 0; i < n; i++) {
		/* Counting from when it fell due, not from when the desk noticed. */
		if (open_round(st, NULL, v[i].id, "continuation", (int)v[i].round, v[i].at, NULL,
			       NULL, err) < 0) {
			free(v);
			return -1;
		}
		(*rounds)++;
	}
	free(v);
	return 0;
}

/* Step a count of notifications with a drill flag (?1) and a time (?2). */
static int count_at(struct store *st, sqlite3_stmt *stmt, int drill, dd_time t, long long *n,
		    struct dd_err *err)
{
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, t);
	rc = sqlite3_step(stmt);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("counting escalations"));
}

int escalation_pending(struct store *st, int drill, dd_time since, long long *n,
		       struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT count(*) FROM open_notification WHERE drill = ?1 AND required = 1 AND "
		"opened_at >= ?2", err);

	return count_at(st, stmt, drill, since, n, err);
}

/* From the open set and its copies (016) alone: along notification_due,
 * SQLite would walk every notification ever past due to find the few still
 * open; through each open one's row, a page each. */
int escalation_overdue(struct store *st, int drill, dd_time now, long long *n,
		       struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT count(*) FROM open_notification WHERE drill = ?1 AND due_at < ?2", err);

	return count_at(st, stmt, drill, now, n, err);
}

/* Notification `id`, not done yet: its entry, whether a drill, to whom. */
static int open_notification(struct store *st, long long id, long long *entry_id, int *drill,
			     char *contact, size_t n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT n.entry_id, n.drill, c.name, " NOTIF_DONE " IS NOT NULL "
		"FROM notification n JOIN contact c ON c.id = n.contact_id WHERE n.id = ?1", err);
	long long done = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*entry_id = sqlite3_column_int64(stmt, 0);
		*drill = sqlite3_column_int(stmt, 1);
		snprintf(contact, n, "%s", sqlite3_column_text(stmt, 2));
		done = sqlite3_column_int64(stmt, 3);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("there is no escalation #%lld"), id);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("reading the escalation"));
	if (done)
		return dd_fail(err, DD_EINVAL, _("escalation #%lld is already done"), id);
	return 0;
}

int escalation_done(struct store *st, const struct actor *by, long long id,
		    const char *answered_by, const char *note, struct dd_err *err)
{
	long long entry_id = 0;
	int drill = 0, rc;
	char contact[256] = "", text[512];
	struct jsonw body;

	if (!answered_by || !*answered_by)
		return dd_fail(err, DD_EINVAL, _("who answered? name the person who took the report"));
	if (store_begin(st, err) < 0)
		return -1;
	if (open_notification(st, id, &entry_id, &drill, contact, sizeof contact, err) < 0)
		goto fail;
	snprintf(text, sizeof text, "%s：接报人 %s", contact, answered_by);
	jsonw_init(&body);
	jsonw_int(&body, "notification", id);
	jsonw_str(&body, "outcome", "answered");
	jsonw_str(&body, "answered_by", answered_by);
	jsonw_str(&body, "text", note && *note ? note : text);
	jsonw_str(&body, "detail", text);
	rc = log_event_append(st, by, entry_id, "notified", drill, jsonw_done(&body), NULL, err);
	jsonw_free(&body);
	if (rc < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

int escalation_attempt(struct store *st, const struct actor *by, long long id,
		       enum esc_outcome outcome, const char *answered_by, const char *note,
		       struct dd_err *err)
{
	static const char *const said[] = {"", "无人接听", "占线", "号码有误", "信息已发出"};
	long long entry_id = 0;
	int drill = 0, rc;
	char contact[256] = "", text[512];
	struct jsonw body;

	if (outcome == ESC_ANSWERED)
		return escalation_done(st, by, id, answered_by, note, err);
	if ((unsigned)outcome >= sizeof said / sizeof said[0])
		return dd_fail(err, DD_EINVAL, _("an attempt is answered, no-answer, busy, "
						 "wrong-number or message-sent"));
	if (act_check_text(_("the note"), note, ACT_ONE_LINE, 1000, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (open_notification(st, id, &entry_id, &drill, contact, sizeof contact, err) < 0)
		goto fail;
	if (note && *note)
		snprintf(text, sizeof text, "%s：%s（%s）", contact, said[outcome], note);
	else
		snprintf(text, sizeof text, "%s：%s", contact, said[outcome]);
	jsonw_init(&body);
	jsonw_int(&body, "notification", id);
	jsonw_str(&body, "outcome", outcome_names[outcome]);
	jsonw_str(&body, "text", text);
	if (note && *note)
		jsonw_str(&body, "note", note);
	rc = log_event_append(st, by, entry_id, "attempt", drill, jsonw_done(&body), NULL, err);
	jsonw_free(&body);
	if (rc < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}
