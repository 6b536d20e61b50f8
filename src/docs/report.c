/* report.c — building the daily report (日报告、零报告).
 *
 * The report is the list of sections of the `builders` table, in order; each
 * builder reads the store for [day, day_end) and fills one section.  Only
 * real entries count (drill ones in the drill's report alone): every query binds
 * the drill flag.  Filing is in report_file.c, the later sections in
 * report_more.c, the rendering in report_text.c. */
#include "docs/report_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/act.h"
#include "domain/town.h"
#include "store/chain.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "base/i18n.h"
#include "domain/mode.h"
#include "domain/settings.h"
#include "domain/stats.h"
#include "domain/task.h"
#include "base/jsonw.h"
#include "store/store_sql.h"
#include "docs/textdoc.h"

/* Long lists (open incidents) show this many items and count the rest. */
#define REPORT_LIST_MAX 30

#define AMENDED_SUMMARY                                                                \
	"coalesce((SELECT json_extract(m.body, '$.summary') FROM event m WHERE "        \
	"m.entry_id = e.id AND m.type = 'amended' ORDER BY m.id DESC LIMIT 1), e.summary)"

void report_add_line(struct report_section *s, long long ref, dd_time at, const char *label,
		     long long count, const char *text, int flag)
{
	struct report_line *l;

	s->lines = dd_xrealloc(s->lines, (size_t)(s->nlines + 1) * sizeof *s->lines);
	l = &s->lines[s->nlines++];
	l->ref = ref;
	l->at = at;
	l->label = dd_xstrdup(label ? label : "");
	l->count = count;
	l->text = dd_xstrdup(text ? text : "");
	l->flag = flag;
}

char *report_fmt(const char *fmt, ...)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	va_list ap;

	if (!f)
		return dd_xstrdup("");
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	if (fclose(f) != 0 || !out) {
		free(out);
		return dd_xstrdup("");
	}
	return out;
}

void report_set_summary(struct report_section *s, long long n, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	free(s->summary);
	if (n == 0) {
		s->summary = dd_xstrdup("无");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	s->summary = dd_xstrdup(buf);
}

/* The kind as the office writes it (the report is its document). */
static const char *kind_word(const char *name)
{
	enum log_kind k;
	return log_kind_parse(name, &k, NULL) == 0 ? textdoc_kind_word(k) : name;
}

/* 一、值班记录: the day's real entries by kind. */
static int build_entries(struct store *st, struct report_daily *r, struct report_section *s,
			 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT kind, count(*) FROM entry WHERE drill = ?3 AND occurred_at >= ?1 AND "
		"occurred_at < ?2 GROUP BY kind", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
	sqlite3_bind_int(stmt, 3, r->drill);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		enum log_kind k;
		if (log_kind_parse((const char *)sqlite3_column_text(stmt, 0), &k, NULL) < 0)
			k = LOG_OTHER;
		r->by_kind[k] += sqlite3_column_int64(stmt, 1);
		r->entries += sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("counting the day's entries"));
	r->positive = r->by_kind[LOG_POSITIVE];
	r->zero = r->entries == 0;
	s->total = r->entries;
	report_set_summary(s, r->entries, "共 %lld 条", r->entries);
	if (r->entries)
		for (int k = 0; k < LOG_KIND_COUNT; k++)
			report_add_line(s, 0, 0, textdoc_kind_word(k), r->by_kind[k], NULL, 0);
	return 0;
}

/* The day's entries of one kind (`kind` "" for any), or only significant ones. */
static int list_entries(struct store *st, struct report_daily *r, struct report_section *s,
			const char *kind, int significant, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.occurred_at, e.kind, e.subkind, " AMENDED_SUMMARY ", e.source, "
		"e.significant OR e.kind = 'positive', e.unverified FROM entry e WHERE e.drill = ?5 "
		"AND e.occurred_at >= ?1 AND e.occurred_at < ?2 AND (?3 = '' OR e.kind = ?3) AND "
		"(?4 = 0 OR e.significant = 1 OR e.kind = 'positive') ORDER BY e.occurred_at, e.id",
		err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
	store_bind_text(stmt, 3, kind);
	sqlite3_bind_int(stmt, 4, significant);
	sqlite3_bind_int(stmt, 5, r->drill);
	s->total = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char label[64], when[DDTIME_BUFSZ], *text;
		const char *sub = (const char *)sqlite3_column_text(stmt, 3);
		const char *sum = (const char *)sqlite3_column_text(stmt, 4);
		const char *src = (const char *)sqlite3_column_text(stmt, 5);
		size_t n = strlen(sum) + strlen(src) + strlen(sub) + 64;
		long long id = sqlite3_column_int64(stmt, 0);
		dd_time at = sqlite3_column_int64(stmt, 1);
		const char *word = kind_word((const char *)sqlite3_column_text(stmt, 2));

		ddtime_format(at, DDTIME_CLOCK, when);
		snprintf(label, sizeof label, "#%lld %s", id, when);
		text = dd_xmalloc(n);
		snprintf(text, n, "%s%s%s %s%s%s%s", word, *sub ? "/" : "", sub, sum,
			 *src ? " — " : "", src,
			 sqlite3_column_int(stmt, 7) ? "（未核验）" : "");
		report_add_line(s, id, at, label, REPORT_NO_COUNT, text, sqlite3_column_int(stmt, 6));
		free(text);
		s->total++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the day's entries"));
	return 0;
}

/* 重要情况: the entries ticked significant, and every positive case whether
 * or not it was ticked. */
static int build_significant(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err)
{
	if (list_entries(st, r, s, "", 1, err) < 0)
		return -1;
	report_set_summary(s, s->total, "%lld 条", s->total);
	return 0;
}

/* 本土初筛阳性 */
static int build_positive(struct store *st, struct report_daily *r, struct report_section *s,
			  struct dd_err *err)
{
	if (list_entries(st, r, s, "positive", 0, err) < 0)
		return -1;
	report_set_summary(s, s->total, "%lld 例", s->total);
	return 0;
}

/* 重点人员, by category: the notice's categories first, then any other. */
static int build_key_persons(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT subkind, count(*) FROM entry WHERE drill = ?3 AND kind = 'key-person' AND "
		"occurred_at >= ?1 AND occurred_at < ?2 GROUP BY subkind ORDER BY subkind", err);
	long long known[8] = {0};
	int nknown = 0, rc;

	while (log_key_person_kinds[nknown] && nknown < 8)
		nknown++;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
	sqlite3_bind_int(stmt, 3, r->drill);
	s->total = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *sub = (const char *)sqlite3_column_text(stmt, 0);
		long long n = sqlite3_column_int64(stmt, 1);
		int i = 0;
		while (i < nknown && strcmp(sub, log_key_person_kinds[i]) != 0)
			i++;
		if (i < nknown)
			known[i] = n;
		else
			report_add_line(s, 0, 0, *sub ? sub : "未分类", n, NULL, 0);
		s->total += n;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("counting the day's key persons"));
	r->key_persons = s->total;
	report_set_summary(s, s->total, "共 %lld 人次", s->total);
	if (s->total) {
		/* The notice's categories first, in its order. */
		struct report_line *others = s->lines;
		int nothers = s->nlines;
		s->lines = NULL;
		s->nlines = 0;
		for (int i = 0; i < nknown; i++)
			report_add_line(s, 0, 0, log_key_person_kinds[i], known[i], NULL, 0);
		if (nothers > 0) {
			s->lines = dd_xrealloc(s->lines,
					       (size_t)(s->nlines + nothers) * sizeof *s->lines);
			memcpy(s->lines + s->nlines, others, (size_t)nothers * sizeof *others);
			s->nlines += nothers;
		}
		free(others);
	}
	return 0;
}

/* 未办结事项: real incidents recorded by the day's end and not closed by then. */
static int build_open(struct store *st, struct report_daily *r, struct report_section *s,
		      struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.occurred_at, e.kind, " AMENDED_SUMMARY ", e.significant, "
		"e.unverified FROM entry e WHERE e.parent_id IS NULL AND e.drill = ?2 AND "
		"e.occurred_at < ?1 AND NOT EXISTS "
		"(SELECT 1 FROM event c WHERE c.entry_id = e.id AND c.type = 'closed' AND "
		"c.at < ?1) ORDER BY e.occurred_at, e.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day_end);
	sqlite3_bind_int(stmt, 2, r->drill);
	s->total = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char label[64], when[DDTIME_BUFSZ], *text;
		const char *sum = (const char *)sqlite3_column_text(stmt, 3);
		long long id = sqlite3_column_int64(stmt, 0);
		dd_time at = sqlite3_column_int64(stmt, 1);
		size_t n = strlen(sum) + 48;

		if (s->total++ >= REPORT_LIST_MAX) {
			s->more++;
			continue;
		}
		ddtime_format(at, DDTIME_SHORT, when);
		snprintf(label, sizeof label, "#%lld %s", id, when);
		text = dd_xmalloc(n);
		snprintf(text, n, "%s %s%s", kind_word((const char *)sqlite3_column_text(stmt, 2)),
			 sum, sqlite3_column_int(stmt, 5) ? "（未核验）" : "");
		report_add_line(s, id, at, label, REPORT_NO_COUNT, text, sqlite3_column_int(stmt, 4));
		free(text);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the open incidents"));
	r->open_incidents = s->total;
	report_set_summary(s, s->total, "%lld 起（截至 %s）", s->total, r->as_of_text);
	return 0;
}

static int count_range(struct store *st, const char *sql, struct report_daily *r, long long *n,
		       struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
	sqlite3_bind_int(stmt, 3, r->drill);
	rc = sqlite3_step(stmt);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("counting escalations"));
}

/* 上报: opened and done that day; overdue and not done at as_of. */
static int build_escalations(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	char buf[256];
	int rc;

	if (count_range(st, "SELECT count(*) FROM notification WHERE drill = ?3 AND "
			    "opened_at >= ?1 AND opened_at < ?2", r, &r->esc_opened, err) < 0 ||
	    count_range(st, "SELECT count(*) FROM event WHERE type = 'notified' AND drill = ?3 "
			    "AND at >= ?1 AND at < ?2", r, &r->esc_done, err) < 0)
		return -1;
	stmt = store_prepare(st,
		"SELECT n.id, n.entry_id, n.stage, n.round, c.name, n.due_at FROM notification n "
		"JOIN contact c ON c.id = n.contact_id WHERE n.drill = ?3 AND n.due_at < ?1 AND "
		"NOT EXISTS (SELECT 1 FROM event dn WHERE dn.type = 'notified' AND "
		"json_extract(dn.body, '$.notification') = +n.id AND dn.at < ?2) "
		"ORDER BY n.due_at, n.id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->as_of);
	sqlite3_bind_int64(stmt, 2, r->day_end);
	sqlite3_bind_int(stmt, 3, r->drill);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char label[32], stage[32], text[512], due[DDTIME_BUFSZ], late[DDTIME_BUFSZ];
		long long id = sqlite3_column_int64(stmt, 0);
		dd_time at = sqlite3_column_int64(stmt, 5);

		escalation_stage_label((const char *)sqlite3_column_text(stmt, 2),
				       sqlite3_column_int(stmt, 3), stage, sizeof stage);
		snprintf(label, sizeof label, "#%lld", id);
		ddtime_format(at, DDTIME_SHORT, due);
		ddtime_duration(r->as_of - at, late);
		snprintf(text, sizeof text, "条目 #%lld %s → %s，限 %s，逾期 %s",
			 (long long)sqlite3_column_int64(stmt, 1), stage,
			 (const char *)sqlite3_column_text(stmt, 4), due, late);
		report_add_line(s, id, at, label, REPORT_NO_COUNT, text, 1);
		r->esc_overdue++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the overdue escalations"));
	s->total = r->esc_overdue;
	snprintf(buf, sizeof buf, "本日开启 %lld 项，完成 %lld 项；截至 %s 逾期未完成 %lld 项",
		 r->esc_opened, r->esc_done, r->as_of_text, r->esc_overdue);
	free(s->summary);
	s->summary = dd_xstrdup(buf);
	return 0;
}

/* 值班安排: the day's shifts, who was effectively on duty, the leader. */
static int build_duty(struct store *st, struct report_daily *r, struct report_section *s,
		      struct dd_err *err)
{
	struct duty_shift *v;
	int n;

	if (duty_list(st, r->day, r->day_end, 0, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char label[96], a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], text[1024];
		size_t len;
		/* "08:00–16:00"; another day's date only where it is another day. */
		ddtime_format(v[i].start, v[i].start < r->day ? DDTIME_SHORT : DDTIME_CLOCK, a);
		if (v[i].end == r->day_end)
			snprintf(b, sizeof b, "24:00");
		else
			ddtime_format(v[i].end, v[i].end > r->day_end ? DDTIME_SHORT : DDTIME_CLOCK,
				      b);
		snprintf(label, sizeof label, "%s–%s", a, b);
		len = (size_t)snprintf(text, sizeof text, "值班员 %s", v[i].operator_name);
		if (*v[i].leader_name && len < sizeof text)
			len += (size_t)snprintf(text + len, sizeof text - len, "  带班领导 %s",
						v[i].leader_name);
		if (v[i].changes && len < sizeof text)
			snprintf(text + len, sizeof text - len, "（有调整，原定 %s）",
				 v[i].planned_name);
		report_add_line(s, v[i].id, v[i].start, label, REPORT_NO_COUNT, text, v[i].changes > 0);
	}
	r->shifts = n;
	s->total = n;
	free(s->summary);
	s->summary = dd_xstrdup(n ? "" : "未排班");
	if (n) {
		char buf[32];
		snprintf(buf, sizeof buf, "%d 班", n);
		free(s->summary);
		s->summary = dd_xstrdup(buf);
	}
	duty_shifts_free(v, n);
	return 0;
}

/* 交办事项逾期: tasks past their deadline and not closed at as_of, most
 * overdue first (task.h). */
static int build_tasks(struct store *st, struct report_daily *r, struct report_section *s,
		       struct dd_err *err)
{
	struct task *v;
	int n;

	if (task_overdue(st, r->as_of, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char label[64], due[DDTIME_BUFSZ], late[96], *text;
		size_t len = strlen(v[i].group) + strlen(v[i].summary) + sizeof late + 16;

		if (i >= REPORT_LIST_MAX) {
			s->more++;
			continue;
		}
		snprintf(label, sizeof label, "#%lld 限%s", v[i].id,
			 ddtime_format(v[i].due_at, DDTIME_SHORT, due));
		task_status_text(&v[i], r->as_of, late, sizeof late);
		text = dd_xmalloc(len);
		snprintf(text, len, "%s：%s（%s）", v[i].group, v[i].summary, late);
		report_add_line(s, v[i].id, v[i].due_at, label, REPORT_NO_COUNT, text, 1);
		free(text);
	}
	r->tasks_overdue = n;
	s->total = n;
	report_set_summary(s, n, "%d 项（截至 %s）", n, r->as_of_text);
	tasks_free(v, n);
	return 0;
}

/* 统计数据（已审核）: only figures another person has reviewed count; how
 * many still wait is said, not counted (stats.h). */
static int build_stats(struct store *st, struct report_daily *r, struct report_section *s,
		       struct dd_err *err)
{
	struct stats_figure *v;
	long long pending = 0;
	int n;

	if (stats_day(st, r->day, &v, &n, &pending, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char text[512];
		snprintf(text, sizeof text, "%lld %s（%s；%s 填报，%s 审核）", v[i].value,
			 v[i].unit, v[i].group, v[i].entered_by, v[i].reviewed_by);
		report_add_line(s, v[i].id, v[i].day_start, v[i].metric, REPORT_NO_COUNT, text, 0);
	}
	r->stats_reviewed = n;
	r->stats_pending = pending;
	s->total = n;
	if (pending)
		report_set_summary(s, 1, "已审核 %d 项；待审核 %lld 项，不计入", n, pending);
	else
		report_set_summary(s, n, "已审核 %d 项", n);
	stats_figures_free(v, n);
	return 0;
}

typedef int (*builder_fn)(struct store *st, struct report_daily *r, struct report_section *s,
			  struct dd_err *err);

/* The report's sections, in order.  A later section is one more builder and
 * one more row here. */
static const struct builder {
	const char *key;
	const char *title;
	builder_fn build;
} builders[] = {
	{"entries", "值班记录", build_entries},
	{"significant", "重要情况", build_significant},
	{"positive", "本土初筛阳性", build_positive},
	{"key_persons", "重点人员", build_key_persons},
	{"open", "未办结事项", build_open},
	{"escalations", "上报情况", build_escalations},
	{"duty", "值班安排", build_duty},
	{"tasks", "交办事项逾期", build_tasks},
	{"stats", "统计数据（已审核）", build_stats},
	{"mode", "疫情处置专班", report_build_mode},
	{"zones", "封控区、管控区、防范区", report_build_zones},
	{"checkpoints", "卡点", report_build_checkpoints},
};
#define NBUILDERS ((int)(sizeof builders / sizeof builders[0]))

void report_daily_clear(struct report_daily *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nsections; i++) {
		struct report_section *s = &r->sections[i];
		for (int k = 0; k < s->nlines; k++) {
			free(s->lines[k].label);
			free(s->lines[k].text);
		}
		free(s->lines);
		free(s->summary);
	}
	free(r->sections);
	memset(r, 0, sizeof *r);
}

const struct report_section *report_section(const struct report_daily *r, const char *key)
{
	for (int i = 0; i < r->nsections; i++)
		if (strcmp(r->sections[i].key, key) == 0)
			return &r->sections[i];
	return NULL;
}

/* The mode (the drill's for a drill report) as the day ends: at its last
 * second. */
static int real_mode_at(struct store *st, struct report_daily *r, struct dd_err *err)
{
	struct mode_status m;

	if (mode_at(st, r->drill, r->day_end - 1, &m, err) < 0)
		return -1;
	r->taskforce = m.state == MODE_TASKFORCE;
	return 0;
}

int report_build_in(struct store *st, dd_time day, int drill, struct report_daily *r,
		    struct dd_err *err)
{
	dd_time now = ddtime_now();

	memset(r, 0, sizeof *r);
	r->drill = drill ? 1 : 0;
	r->day = ddtime_day_start(day);
	r->day_end = ddtime_day_start(r->day + 36 * 3600);
	r->as_of = now < r->day_end ? now : r->day_end;
	ddtime_format(r->day, DDTIME_DATE, r->date);
	if (r->as_of == r->day_end)
		snprintf(r->as_of_text, sizeof r->as_of_text, "%s 24:00", r->date);
	else
		ddtime_format(r->as_of, DDTIME_MINUTE, r->as_of_text);
	if (r->day > now)
		return dd_fail(err, DD_EINVAL,
			       _("%s has not begun yet: there is nothing to report"), r->date);
	if (town_name_of(st, r->town, sizeof r->town, err) < 0 || real_mode_at(st, r, err) < 0)
		return -1;
	r->sections = dd_xcalloc(NBUILDERS, sizeof *r->sections);
	for (int i = 0; i < NBUILDERS; i++) {
		struct report_section *s = &r->sections[i];
		s->key = builders[i].key;
		s->title = builders[i].title;
		s->total = REPORT_NO_COUNT;
		s->summary = dd_xstrdup("");
		r->nsections++;
		if (builders[i].build(st, r, s, err) < 0)
			return -1;
	}
	if (r->drill)  /* a drill's report is never filed */
		return chain_head_hex(st, 0, CHAIN_HASH_LEN, r->filing.chain_head, err);
	if (report_daily_filed(st, r->day, &r->filing, err) < 0)
		return -1;
	/* Not filed yet: printed under the head of now. */
	return r->filing.filed ? 0 : chain_head_hex(st, 0, CHAIN_HASH_LEN, r->filing.chain_head,
						    err);
}

static int build(struct store *st, dd_time day, int drill, struct report_daily *out,
		 struct dd_err *err)
{
	if (report_build_in(st, day, drill, out, err) < 0) {
		report_daily_clear(out);
		return -1;
	}
	return 0;
}

int report_daily_build(struct store *st, dd_time day, struct report_daily *out,
		       struct dd_err *err)
{
	return build(st, day, 0, out, err);
}

int report_daily_build_drill(struct store *st, dd_time day, struct report_daily *out,
			     struct dd_err *err)
{
	return build(st, day, 1, out, err);
}

