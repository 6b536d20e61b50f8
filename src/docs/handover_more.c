/* handover_more.c — the handover sheet's other sections: the changes of
 * mode, zones and checkpoints in the shift (模式及管控区域、卡点变化), the
 * escalations (上报情况), the assigned tasks overdue (逾期交办事项), the
 * gaps of the duty schedule ahead (值班空档) and the notes (交接事项).  Each
 * is one streamed query, never a query a row. */
#include "docs/handover_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "docs/changes.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "domain/task.h"
#include "store/store_sql.h"

static const struct handover_column esc_cols[] = {
	{"编号", 8, 9, 0}, {"条目", 8, 9, 0}, {"阶段", 6, 8, 0},
	{"报送对象", 0, 36, 0}, {"时限", 11, 13, 0}, {"状态", 16, 18, 0},
};
static const struct handover_column task_cols[] = {
	{"编号", 8, 9, 0}, {"事项", 0, 56, 0}, {"期限", 11, 13, 0}, {"状态", 16, 18, 0},
};
static const struct handover_column gap_cols[] = {
	{"自", 11, 20, 0}, {"至", 11, 20, 0}, {"时长", 0, 60, 0},
};
static const struct handover_column change_cols[] = {
	{"时间", 11, 13, 0}, {"类别", 8, 10, 0}, {"内容", 0, 63, 0}, {"记录人", 10, 14, 0},
};
#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The gaps of the schedule are looked for this far ahead of as_of. */
#define GAP_HOURS 24

/* ---- 模式及管控区域、卡点变化 ---- */

static int change_row(const struct doc_change *c, void *ctx)
{
	struct handover *h = ctx;
	char *cells[4];

	cells[0] = ho_time(c->at);
	cells[1] = dd_xstrdup(c->what);
	cells[2] = ho_printf("%s%s%s", c->text, *c->detail ? "\n" : "", c->detail);
	cells[3] = dd_xstrdup(c->by);
	ho_row_add(&h->sections[h->nsections - 1], c->event_id, c->kind == DOC_CHANGE_MODE, cells);
	h->changes++;
	return 0;
}

int ho_build_changes(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s;
	dd_time until = h->as_of + 1 < h->to ? h->as_of + 1 : h->to;

	ho_section_add(h, "changes", "模式及管控区域、卡点变化", change_cols, NCOLS(change_cols));
	if (doc_changes_each(st, h->drill, h->cover_from, until, change_row, h, err) < 0)
		return -1;
	s = &h->sections[h->nsections - 1];
	if (h->changes)
		ho_summary(s, "%lld 项", h->changes);
	else
		ho_summary(s, "本班无模式切换，无管控区域或卡点变化");
	return 0;
}

/* ---- 上报情况 ---- */

static const char *channel_word(const char *channel)
{
	if (strcmp(channel, "phone") == 0)
		return "电话";
	if (strcmp(channel, "written") == 0)
		return "书面";
	return "";
}

/* Not done at as_of (overdue first, then by due time), then those done in
 * the period, each done by its first 'notified' event (by id) at or before
 * as_of.  Not every notification of the log is looked at.  Not done: from
 * the store's open set (kept by trigger, 013) and those with a 'notified'
 * event only after as_of; done in the period: along its 'notified' events
 * there (event_notified_at), each the one that did it when no earlier one
 * (by id) came by as_of. */
#define ESC_ROW "SELECT n.id, n.entry_id, n.stage, n.round, c.name, n.channel, n.required, " \
	"n.due_at, "
#define ESC_NOTIFIED_BY(x_id)                                                         \
	"EXISTS (SELECT 1 FROM event dn WHERE dn.type = 'notified' AND "               \
	"json_extract(dn.body, '$.notification') = +n.id AND dn.at <= ?1" x_id ")"

int ho_build_escalations(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = ho_section_add(h, "escalations", "上报情况", esc_cols,
						 NCOLS(esc_cols));
	sqlite3_stmt *stmt = store_prepare(st,
		ESC_ROW "0, '', '', 0, n.due_at "
		"FROM (SELECT notification_id AS id FROM open_notification UNION "
		"SELECT json_extract(x.body, '$.notification') FROM event x INDEXED BY "
		"event_notified_at WHERE x.type = 'notified' AND x.drill IN (0, 1) AND "
		"x.at > ?1) k JOIN notification n ON n.id = k.id "
		"JOIN contact c ON c.id = n.contact_id "
		"WHERE n.drill = ?3 AND n.opened_at <= ?1 AND NOT " ESC_NOTIFIED_BY("") " "
		"UNION ALL "
		ESC_ROW "x.at, coalesce(json_extract(x.body, '$.answered_by'), ''), "
		"coalesce((SELECT name FROM person WHERE id = x.actor_id), ''), 1, x.at "
		"FROM event x INDEXED BY event_notified_at "
		"JOIN notification n ON n.id = json_extract(x.body, '$.notification') "
		"JOIN contact c ON c.id = n.contact_id "
		"WHERE x.type = 'notified' AND x.drill IN (0, 1) AND x.at >= ?2 AND "
		"x.at <= ?1 AND n.drill = ?3 AND n.opened_at <= ?1 AND NOT "
		ESC_NOTIFIED_BY(" AND dn.id < x.id") " "
		"ORDER BY 12, 13, 1", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, h->as_of);
	sqlite3_bind_int64(stmt, 2, h->cover_from);
	sqlite3_bind_int(stmt, 3, h->drill);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char stage[32], dur[DDTIME_BUFSZ], when[DDTIME_BUFSZ], more[512] = "", *cells[6];
		const char *chan = channel_word((const char *)sqlite3_column_text(stmt, 5));
		const char *contact = (const char *)sqlite3_column_text(stmt, 4);
		dd_time due = sqlite3_column_int64(stmt, 7), done = sqlite3_column_int64(stmt, 8);
		int overdue = !done && due < h->as_of;

		escalation_stage_label((const char *)sqlite3_column_text(stmt, 2),
				       sqlite3_column_int(stmt, 3), stage, sizeof stage);
		ho_detail(more, sizeof more, "方式：", chan);
		if (!sqlite3_column_int(stmt, 6))
			ho_detail(more, sizeof more, "", "非必报");
		ho_detail(more, sizeof more, "接收人：", (const char *)sqlite3_column_text(stmt, 9));
		ho_detail(more, sizeof more, "报送人：", (const char *)sqlite3_column_text(stmt, 10));
		cells[0] = ho_ref(sqlite3_column_int64(stmt, 0));
		cells[1] = ho_ref(sqlite3_column_int64(stmt, 1));
		cells[2] = dd_xstrdup(stage);
		cells[3] = ho_cat(contact ? contact : "", *more ? "\n" : "", more, (char *)NULL);
		cells[4] = ho_time(due);
		if (done)
			ho_short_time(done, when);
		if (done)
			cells[5] = ho_cat("已报 ", when, (char *)NULL);
		else if (overdue)
			cells[5] = ho_printf("逾期 %s", ddtime_duration(h->as_of - due, dur));
		else if (due - h->as_of < 60)
			cells[5] = dd_xstrdup("即将到期");
		else
			cells[5] = ho_printf("剩 %s", ddtime_duration(due - h->as_of, dur));
		ho_row_add(s, sqlite3_column_int64(stmt, 0), overdue, cells);
		if (done)
			h->esc_done++;
		else if (overdue)
			h->esc_overdue++;
		else
			h->esc_pending++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the escalations"));
	if (s->nrows == 0)
		ho_summary(s, "无");
	else
		ho_summary(s, "逾期未报 %lld 项，待报 %lld 项，本班已报 %lld 项", h->esc_overdue,
			    h->esc_pending, h->esc_done);
	return 0;
}

/* ---- 逾期交办事项 ---- */

int ho_build_tasks(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = ho_section_add(h, "tasks", "逾期交办事项", task_cols,
						 NCOLS(task_cols));
	struct task *v;
	int n;

	if (task_overdue(st, h->as_of, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char more[768] = "", status[64], *cells[4];
		ho_detail(more, sizeof more, "责任组：", v[i].group);
		ho_detail(more, sizeof more, "交办人：", v[i].assigned_by);
		ho_detail(more, sizeof more, "最新进展：", v[i].last_note);
		task_status_text(&v[i], h->as_of, status, sizeof status);
		cells[0] = ho_printf("#%lld", v[i].id);
		cells[1] = ho_printf("%s%s%s", v[i].summary, *more ? "\n" : "", more);
		cells[2] = ho_time(v[i].due_at);
		cells[3] = dd_xstrdup(status);
		ho_row_add(s, v[i].id, 1, cells);
	}
	h->tasks_overdue = n;
	tasks_free(v, n);
	if (n)
		ho_summary(s, "%d 项", n);
	else
		ho_summary(s, "无");
	return 0;
}

/* ---- 值班空档 ---- */

int ho_build_gaps(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = ho_section_add(h, "gaps", "值班空档", gap_cols,
						 NCOLS(gap_cols));
	dd_time end = h->as_of + GAP_HOURS * 3600;
	struct duty_gap *g;
	char until[DDTIME_BUFSZ];
	int n;

	if (duty_gaps(st, h->as_of, end, &g, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char dur[DDTIME_BUFSZ], *cells[3];
		cells[0] = ho_time(g[i].from);
		cells[1] = ho_time(g[i].to);
		cells[2] = ho_printf("%s 无人值班%s", ddtime_duration(g[i].to - g[i].from, dur),
				   h->taskforce ? "（战时须24小时值班）" : "");
		ho_row_add(s, 0, h->taskforce, cells);
	}
	free(g);
	h->gaps = n;
	ddtime_format(end, DDTIME_SHORT, until);
	if (n)
		ho_summary(s, "未来 %d 小时（至 %s）有 %d 段无人值班", GAP_HOURS, until, n);
	else
		ho_summary(s, "未来 %d 小时（至 %s）无空档", GAP_HOURS, until);
	return 0;
}

/* ---- 交接事项 ---- */

void ho_build_notes(struct handover *h)
{
	struct handover_section *s = ho_section_add(h, "notes", "交接事项", NULL, 0);
	s->text = dd_xstrdup(h->notes);
	ho_summary(s, "%s", *h->notes ? "" : "无");
}

