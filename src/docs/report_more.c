/* report_more.c — the daily report's sections on the task force: its
 * changes of mode (started, stood down: when, by whom, why), the zones and
 * the checkpoints (changed that day, and in force as it ends); and what was
 * recorded for a day after its report was filed. */
#include "docs/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/mode.h"
#include "domain/zone.h"
#include "docs/changes.h"
#include "docs/textdoc.h"
#include "store/store_sql.h"

/* "12-16 08:50" for a time of another day, "08:50" for one of the day. */
static const char *when_in(const struct report_daily *r, dd_time t, char buf[DDTIME_BUFSZ])
{
	return ddtime_format(t, t >= r->day && t < r->day_end ? DDTIME_CLOCK : DDTIME_SHORT, buf);
}

struct mode_day {
	struct report_daily *r;
	struct report_section *s;
	int started, stood;
};

/* A change of mode in the day, in the words of the other papers. */
static int mode_line(const struct doc_change *c, void *ctx)
{
	struct mode_day *m = ctx;
	struct report_daily *r = m->r;
	char when[DDTIME_BUFSZ], *text;

	if (c->kind != DOC_CHANGE_MODE)
		return 0;
	if (!c->taskforce) {
		m->stood++;
	} else {
		m->started++;
		if (c->at <= r->as_of) {
			r->taskforce_during = 1;
			r->taskforce_since = c->at;
		}
	}
	text = report_fmt("%s%s%s%s%s%s", c->text, *c->detail ? "，" : "", c->detail,
			  *c->by ? "；" : "", c->by, *c->by ? " 记录" : "");
	report_add_line(m->s, c->event_id, c->at, when_in(r, c->at, when), REPORT_NO_COUNT, text,
			1);
	free(text);
	r->mode_changes++;
	return 0;
}

/* 疫情处置专班: each change of mode in the day (docs/changes.h, as the
 * handover sheet shows them); the summary says how the day stood (whole day
 * in the task force, started, stood down, not at all). */
int report_build_mode(struct store *st, struct report_daily *r, struct report_section *s,
		      struct dd_err *err)
{
	struct mode_day m = {r, s, 0, 0};
	struct mode_status start;
	char when[DDTIME_BUFSZ];

	if (mode_at(st, r->drill, r->day - 1, &start, err) < 0)
		return -1;
	r->taskforce_during = start.state == MODE_TASKFORCE;
	r->taskforce_since = r->taskforce_during ? start.since : 0;
	if (doc_changes_each(st, r->drill, r->day, r->day_end, mode_line, &m, err) < 0)
		return -1;
	s->total = r->mode_changes;
	free(s->summary);
	if (start.state == MODE_TASKFORCE && !m.stood) {
		char buf[128];
		snprintf(buf, sizeof buf, "全天运行（%s 启动）",
			 ddtime_format(start.since, DDTIME_MINUTE, when));
		s->summary = dd_xstrdup(buf);
	} else if (!m.started && !m.stood) {
		s->summary = dd_xstrdup("未启动（常态化防控）");
	} else {
		char buf[128];
		snprintf(buf, sizeof buf, "本日启动 %d 次，撤销 %d 次", m.started, m.stood);
		s->summary = dd_xstrdup(buf);
	}
	return 0;
}

/* The outbreak whose zones the day ends with: the task force's at as_of,
 * else the one stood down that day (its zones may outlast it), else none. */
static long long day_outbreak(struct store *st, const struct report_daily *r,
			      struct dd_err *err)
{
	struct mode_status m;

	if (mode_at(st, r->drill, r->as_of, &m, err) < 0)
		return -1;
	if (m.state == MODE_TASKFORCE || (m.since >= r->day && m.since < r->day_end))
		return m.outbreak;
	return 0;
}

/* 封控区、管控区、防范区: each change that took effect in the day, then where
 * each place stands as the day ends. */
int report_build_zones(struct store *st, struct report_daily *r, struct report_section *s,
		       struct dd_err *err)
{
	struct zone_change *v = NULL;
	long long outbreak;
	int n = 0, changed = 0;

	if (r->drill) {  /* zones are the real town's */
		report_set_summary(s, 0, "%s", "");
		return 0;
	}
	if (zone_history(st, 0, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char when[DDTIME_BUFSZ], *text;
		if (v[i].effective_at < r->day || v[i].effective_at >= r->day_end)
			continue;
		text = report_fmt("%s：%s → %s（%s；%s 记录）", v[i].place,
				  v[i].previous == ZONE_NONE ? "未划定" : zone_level_word(v[i].previous),
				  v[i].level == ZONE_NONE ? "解除" : zone_level_word(v[i].level),
				  v[i].source, v[i].by);
		report_add_line(s, v[i].id, v[i].effective_at, when_in(r, v[i].effective_at, when),
				REPORT_NO_COUNT, text, 1);
		free(text);
		changed++;
	}
	zone_changes_free(v, n);
	if ((outbreak = day_outbreak(st, r, err)) < 0)
		return -1;
	n = 0;
	v = NULL;
	if (outbreak && zone_current(st, outbreak, r->as_of, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char since[DDTIME_BUFSZ];
		char *text = report_fmt("%s（%s 起；%s）", v[i].place,
					ddtime_format(v[i].effective_at, DDTIME_SHORT, since),
					v[i].source);
		report_add_line(s, v[i].id, v[i].effective_at, zone_level_word(v[i].level),
				REPORT_NO_COUNT, text, v[i].level == ZONE_CLOSED);
		free(text);
	}
	zone_changes_free(v, n);
	s->total = n;
	if (changed || n)
		report_set_summary(s, 1, "本日调整 %d 处；截至 %s 划定 %d 处", changed,
				   r->as_of_text, n);
	else
		report_set_summary(s, 0, "%s", "");
	return 0;
}

/* 卡点: set up or stood down in the day, and in place as the day ends. */
int report_build_checkpoints(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err)
{
	struct zone_checkpoint *v;
	int n, up = 0, opened = 0, closed = 0;

	if (r->drill) {
		report_set_summary(s, 0, "%s", "");
		return 0;
	}
	if (zone_checkpoint_list(st, 1, r->as_of, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct zone_checkpoint *k = &v[i];
		int in_place = k->opened_at <= r->as_of && (!k->closed_at || k->closed_at > r->as_of);
		int set_today = k->opened_at >= r->day && k->opened_at < r->day_end;
		int closed_today = k->closed_at && k->closed_at >= r->day &&
				   k->closed_at < r->day_end;
		char label[64], set[DDTIME_BUFSZ + 16] = "", when[DDTIME_BUFSZ], *text;

		if (!in_place && !set_today && !closed_today)
			continue;
		snprintf(label, sizeof label, "#%lld %s", k->id,
			 in_place ? "在岗" : "已撤除");
		if (set_today)
			snprintf(set, sizeof set, "，%s 设立", when_in(r, k->opened_at, when));
		text = report_fmt("%s（%s；%s；值守 %s）%s%s%s%s%s", k->place,
				  *k->zone ? k->zone : "市镇外围", k->hours,
				  *k->staff ? k->staff : "—", set, closed_today ? "，" : "",
				  closed_today ? when_in(r, k->closed_at, when) : "",
				  closed_today ? " 撤除：" : "", closed_today ? k->closed_reason : "");
		report_add_line(s, k->id, k->opened_at, label, REPORT_NO_COUNT, text, set_today);
		free(text);
		up += in_place;
		opened += set_today;
		closed += closed_today;
	}
	zone_checkpoints_free(v, n);
	s->total = up;
	if (up || opened || closed)
		report_set_summary(s, 1, "本日设立 %d 个、撤除 %d 个；截至 %s 在岗 %d 个", opened,
				   closed, r->as_of_text, up);
	else
		report_set_summary(s, 0, "%s", "");
	return 0;
}

/* What was recorded for the day after the document of event `after`: its
 * entries recorded, amended or closed since, changes of mode, zones and
 * checkpoints. */
int report_since(struct store *st, const struct report_daily *r, long long after, FILE *f,
		 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT c.id, c.at, c.type, e.id, e.kind, coalesce(json_extract(c.body, "
		"'$.summary'), json_extract(c.body, '$.resolution'), e.summary), coalesce(p.name, '') "
		"FROM event c JOIN entry e ON e.id = c.entry_id LEFT JOIN person p ON "
		"p.id = c.actor_id WHERE c.id > ?1 AND c.type IN ('created', 'amended', 'closed') "
		"AND e.drill = 0 AND e.occurred_at >= ?2 AND e.occurred_at < ?3 "
		"UNION ALL SELECT c.id, c.at, c.type, 0, json_extract(c.body, '$.to'), "
		"coalesce(json_extract(c.body, '$.reason'), ''), coalesce(p.name, '') FROM event c "
		"LEFT JOIN person p ON p.id = c.actor_id WHERE c.type = 'mode' AND c.drill = 0 AND "
		"c.id > ?1 AND c.at >= ?2 AND c.at < ?3 "
		"UNION ALL SELECT c.id, c.at, c.type, 0, c.type, "
		"coalesce(json_extract(c.body, '$.text'), ''), coalesce(p.name, '') FROM event c "
		"LEFT JOIN person p ON p.id = c.actor_id WHERE c.type IN ('zone', "
		"'checkpoint-opened', 'checkpoint-closed') AND c.drill = 0 AND c.id > ?1 AND "
		"c.at >= ?2 AND c.at < ?3 ORDER BY 1", err);
	int rc, n = 0;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, after);
	sqlite3_bind_int64(stmt, 2, r->day);
	sqlite3_bind_int64(stmt, 3, r->day_end);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(stmt, 2);
		const char *kind = (const char *)sqlite3_column_text(stmt, 4);
		const char *what = (const char *)sqlite3_column_text(stmt, 5);
		const char *by = (const char *)sqlite3_column_text(stmt, 6);
		long long entry = sqlite3_column_int64(stmt, 3);
		char when[DDTIME_BUFSZ], first[64], *text;
		size_t len = strlen(what) + strlen(by) + 128;
		enum log_kind k;

		snprintf(first, sizeof first, "  %s  ",
			 ddtime_format(sqlite3_column_int64(stmt, 1), DDTIME_SHORT, when));
		text = dd_xmalloc(len);
		if (!entry && strcmp(type, "mode") != 0)  /* a zone, a checkpoint */
			snprintf(text, len, "%s（%s）", what, by);
		else if (!entry)
			snprintf(text, len, "%s（%s）%s",
				 kind && strcmp(kind, "taskforce") == 0 ? "启动疫情处置专班"
									: "疫情处置专班解除",
				 by, what);
		else
			snprintf(text, len, "#%lld %s %s（%s）%s", entry,
				 strcmp(type, "created") == 0 ? "新增" :
				 strcmp(type, "amended") == 0 ? "更正" : "办结",
				 log_kind_parse(kind, &k, NULL) == 0 ? textdoc_kind_word(k) : kind,
				 by, what);
		report_wrap(f, first, text);
		free(text);
		n++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading what was recorded since the filing"));
	if (!n)
		fprintf(f, "  无\n");
	return 0;
}
