/* changes.c — the changes of mode, zones and checkpoints over a stretch of
 * time, from their events on the chain ('mode', 'zone', 'checkpoint-opened',
 * 'checkpoint-closed'), in the office's words. */
#include "docs/changes.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "store/store_sql.h"

static const char *col(sqlite3_stmt *stmt, int i)
{
	const char *s = (const char *)sqlite3_column_text(stmt, i);
	return s ? s : "";
}

/* A mode event: body's to, reason, trigger. */
static void mode_words(sqlite3_stmt *stmt, struct doc_change *c, char *text, size_t tn,
		       char *detail, size_t dn)
{
	const char *to = col(stmt, 4), *reason = col(stmt, 5);
	long long trigger = sqlite3_column_int64(stmt, 6);

	c->taskforce = strcmp(to, "taskforce") == 0;
	if (c->taskforce) {
		snprintf(text, tn, "启动疫情处置专班（战时）");
		if (trigger)
			snprintf(detail, dn, "由条目 #%lld 本土初筛阳性触发", trigger);
	} else {
		snprintf(text, tn, "疫情处置专班撤销，恢复常态化防控");
		if (*reason)
			snprintf(detail, dn, "原因：%s", reason);
	}
	c->kind = DOC_CHANGE_MODE;
	c->what = "模式";
}

int doc_changes_each(struct store *st, int drill, dd_time from, dd_time until,
		     int (*fn)(const struct doc_change *c, void *ctx), void *ctx,
		     struct dd_err *err)
{
	/* event_type (type, drill) finds the few events of these types; the
	 * time is checked on each. */
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.at, e.type, coalesce(p.name, ''), "
		"coalesce(json_extract(e.body, '$.to'), ''), "
		"coalesce(json_extract(e.body, '$.reason'), ''), "
		"coalesce(json_extract(e.body, '$.trigger'), 0), "
		"coalesce(json_extract(e.body, '$.text'), ''), "
		"coalesce(json_extract(e.body, '$.detail'), '') "
		"FROM event e LEFT JOIN person p ON p.id = e.actor_id "
		"WHERE e.type IN ('mode', 'zone', 'checkpoint-opened', 'checkpoint-closed') "
		"AND e.drill = ?1 AND e.at >= ?2 AND e.at < ?3 ORDER BY e.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, from);
	sqlite3_bind_int64(stmt, 3, until);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char text[1024] = "", detail[2560] = "";
		const char *type = col(stmt, 2);
		struct doc_change c = {
			.event_id = sqlite3_column_int64(stmt, 0),
			.at = sqlite3_column_int64(stmt, 1),
			.by = col(stmt, 3),
		};
		if (strcmp(type, "mode") == 0) {
			mode_words(stmt, &c, text, sizeof text, detail, sizeof detail);
		} else {
			snprintf(text, sizeof text, "%s", col(stmt, 7));
			snprintf(detail, sizeof detail, "%s", col(stmt, 8));
			c.kind = strcmp(type, "zone") == 0 ? DOC_CHANGE_ZONE : DOC_CHANGE_CHECKPOINT;
			c.what = c.kind == DOC_CHANGE_ZONE ? "管控区域" : "卡点";
		}
		c.text = text;
		c.detail = detail;
		if (fn(&c, ctx))
			break;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the changes of mode and zones"));
	return 0;
}
