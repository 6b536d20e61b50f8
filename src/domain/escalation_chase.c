/* escalation_chase.c — chases of overdue notifications: recorded, read. */
#include "domain/escalation_chase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jsonw.h"
#include "domain/escalation.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

/* As in escalation.c: the 'notified' event that made notification n done,
 * through event_notified. */
#define NOTIF_DONE                                                                  \
	"(SELECT dn.id FROM event dn WHERE dn.type = 'notified' AND "               \
	"json_extract(dn.body, '$.notification') = +n.id)"

void esc_chase_due_free(struct esc_chase_due *v, int n)
{
	for (int i = 0; v && i < n; i++) {
		free(v[i].target);
		free(v[i].entry_kind);
		free(v[i].contact);
		free(v[i].stage);
	}
	free(v);
}

void esc_chases_free(struct esc_chase *v, int n)
{
	for (int i = 0; v && i < n; i++) {
		free(v[i].recipient);
		free(v[i].number);
	}
	free(v);
}

int esc_chase_due_list(struct store *st, int drill, dd_time now, struct esc_chase_due **out,
		       int *n, struct dd_err *err)
{
	/* The next step of each notification's chase (chase_chase: the unique
	 * index on chase(notification_id, step)), due once the deadline before
	 * it (the notification's, then the last step's) is after_minutes past. */
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT n.id, n.entry_id, s.step, s.target, e.kind, c.name, n.stage, n.round, "
		"n.due_at FROM notification n JOIN entry e ON e.id = n.entry_id "
		"JOIN contact c ON c.id = n.contact_id JOIN chase_step s ON s.step = "
		"coalesce((SELECT max(h.step) FROM chase h WHERE h.notification_id = n.id), 0) + 1 "
		"WHERE n.drill = ?1 AND n.due_at < ?2 AND n.due_at >= ?3 AND n.required = 1 "
		"AND ?2 > coalesce((SELECT max(h.due_at) FROM chase h WHERE h.notification_id = "
		"n.id), n.due_at) + 60 * s.after_minutes AND " NOTIF_DONE " IS NULL "
		"ORDER BY n.due_at, n.id", err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, now);
	sqlite3_bind_int64(stmt, 3, now - ESC_CHASE_LOOKBACK);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct esc_chase_due *d;

		*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		d = &(*out)[(*n)++];
		d->notification_id = sqlite3_column_int64(stmt, 0);
		d->entry_id = sqlite3_column_int64(stmt, 1);
		d->step = sqlite3_column_int(stmt, 2);
		d->target = store_col_text(stmt, 3);
		d->entry_kind = store_col_text(stmt, 4);
		d->contact = store_col_text(stmt, 5);
		d->stage = store_col_text(stmt, 6);
		d->round = sqlite3_column_int(stmt, 7);
		d->due_at = sqlite3_column_int64(stmt, 8);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		esc_chase_due_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the overdue escalations"));
	}
	return 0;
}

int esc_chase_open(struct store *st, const struct esc_chase_due *d, long long person_id,
		   const char *recipient, const char *number, dd_time due_at, int drill,
		   int *opened, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT OR IGNORE INTO chase(notification_id, step, person_id, recipient, number, "
		"opened_at, due_at, drill) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	char label[32], due[DDTIME_BUFSZ], text[1024];
	struct jsonw body;
	int rc;

	*opened = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, d->notification_id);
	sqlite3_bind_int(stmt, 2, d->step);
	if (person_id)
		sqlite3_bind_int64(stmt, 3, person_id);
	store_bind_text(stmt, 4, recipient);
	store_bind_text(stmt, 5, number);
	sqlite3_bind_int64(stmt, 6, ddtime_now());
	sqlite3_bind_int64(stmt, 7, due_at);
	sqlite3_bind_int(stmt, 8, drill ? 1 : 0);
	if (store_exec_stmt(st, stmt, _("opening a chase"), err) < 0)
		return -1;
	if (sqlite3_changes(store_db(st)) == 0)
		return 0;
	*opened = 1;
	escalation_stage_label(d->stage, d->round, label, sizeof label);
	snprintf(text, sizeof text, "催报（第%d步）：%s 向%s 限%s 逾期未报，催 %s%s%s", d->step, label,
		 d->contact, ddtime_format(d->due_at, DDTIME_SHORT, due),
		 *recipient ? recipient : "（无人可催）", *number ? " " : "（无号码）", number);
	jsonw_init(&body);
	jsonw_str(&body, "text", text);
	jsonw_int(&body, "chase", sqlite3_last_insert_rowid(store_db(st)));
	jsonw_int(&body, "of", d->notification_id);
	jsonw_int(&body, "step", d->step);
	jsonw_str(&body, "recipient", recipient);
	jsonw_str(&body, "number", number);
	rc = log_event_append(st, NULL, d->entry_id, "chased", drill, jsonw_done(&body), NULL, err);
	jsonw_free(&body);
	return rc;
}

int esc_chase_list(struct store *st, int open_only, int drill, struct esc_chase **out, int *n,
		   struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT h.id, h.notification_id, n.entry_id, h.step, h.recipient, h.number, "
		"h.opened_at, h.due_at, " NOTIF_DONE " IS NOT NULL FROM chase h "
		"JOIN notification n ON n.id = h.notification_id WHERE h.drill = ?1 "
		"AND (?2 = 0 OR " NOTIF_DONE " IS NULL) ORDER BY h.id", err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int(stmt, 2, open_only ? 1 : 0);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct esc_chase *h;

		*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		h = &(*out)[(*n)++];
		h->id = sqlite3_column_int64(stmt, 0);
		h->notification_id = sqlite3_column_int64(stmt, 1);
		h->entry_id = sqlite3_column_int64(stmt, 2);
		h->step = sqlite3_column_int(stmt, 3);
		h->recipient = store_col_text(stmt, 4);
		h->number = store_col_text(stmt, 5);
		h->opened_at = sqlite3_column_int64(stmt, 6);
		h->due_at = sqlite3_column_int64(stmt, 7);
		h->done = sqlite3_column_int(stmt, 8);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		esc_chases_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the chases"));
	}
	return 0;
}

int esc_chase_standing(struct store *st, int drill, long long *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT count(*) FROM chase h JOIN notification n ON n.id = h.notification_id "
		"WHERE h.drill = ?1 AND " NOTIF_DONE " IS NULL", err);
	int rc;

	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the chases"));
}

int esc_chase_group_leader(struct store *st, long long *person_id, char **name,
			   struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT pe.id, pe.name FROM grp g JOIN post po ON po.grp_id = g.id AND "
		"po.title = 'leader' JOIN tenure t ON t.post_id = po.id AND t.until IS NULL "
		"JOIN person pe ON pe.id = t.person_id WHERE g.name = '领导小组' "
		"ORDER BY po.seq, t.since LIMIT 1", err);
	int rc;

	*person_id = 0;
	*name = NULL;
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*person_id = sqlite3_column_int64(stmt, 0);
		*name = store_col_text(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the roster"));
	if (!*name)
		*name = dd_xstrdup("");
	return 0;
}

/* A mainland mobile number, which a text message can reach: 11 digits from
 * 1, after an optional +86 or 86, spaces and dashes aside. */
static int is_mobile(const char *s)
{
	char d[32];
	size_t n = 0;

	for (; *s && n < sizeof d - 1; s++)
		if (*s >= '0' && *s <= '9')
			d[n++] = *s;
		else if (*s != ' ' && *s != '-' && *s != '+')
			return 0;
	d[n] = '\0';
	if (n == 13 && strncmp(d, "86", 2) == 0)
		memmove(d, d + 2, n -= 2);
	return n == 11 && d[0] == '1';
}

int esc_chase_phone(struct store *st, long long person_id, char **number, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT number FROM phone WHERE person_id = ?1 "
					       "ORDER BY id", err);
	int rc = SQLITE_DONE;

	*number = NULL;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, person_id);
	while (!*number && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (is_mobile((const char *)sqlite3_column_text(stmt, 0)))
			*number = store_col_text(stmt, 0);
	if (*number)
		rc = SQLITE_DONE;
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the phones"));
	*number = *number ? *number : dd_xstrdup("");
	return 0;
}
