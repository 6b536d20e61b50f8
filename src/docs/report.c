/* report.c — building and filing the daily report (日报告、零报告).
 *
 * The report is the list of sections of the `builders` table, in order; each
 * builder reads the store for [day, day_end) and fills one section.  Only
 * real entries count: every query here says drill = 0.  The rendering is in
 * report_text.c. */
#include "docs/report.h"

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

static void add_line(struct report_section *s, long long ref, dd_time at, const char *label,
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

/* The summary after a heading: "无" when `n` is 0, else the formatted text. */
static void set_summary(struct report_section *s, long long n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_summary(struct report_section *s, long long n, const char *fmt, ...)
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
		"SELECT kind, count(*) FROM entry WHERE drill = 0 AND occurred_at >= ?1 AND "
		"occurred_at < ?2 GROUP BY kind", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
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
	set_summary(s, r->entries, "共 %lld 条", r->entries);
	if (r->entries)
		for (int k = 0; k < LOG_KIND_COUNT; k++)
			add_line(s, 0, 0, textdoc_kind_word(k), r->by_kind[k], NULL, 0);
	return 0;
}

/* The day's entries of one kind (`kind` "" for any), or only significant ones. */
static int list_entries(struct store *st, struct report_daily *r, struct report_section *s,
			const char *kind, int significant, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.occurred_at, e.kind, e.subkind, " AMENDED_SUMMARY ", e.source, "
		"e.significant, e.unverified FROM entry e WHERE e.drill = 0 AND "
		"e.occurred_at >= ?1 AND e.occurred_at < ?2 AND (?3 = '' OR e.kind = ?3) AND "
		"(?4 = 0 OR e.significant = 1) ORDER BY e.occurred_at, e.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
	store_bind_text(stmt, 3, kind);
	sqlite3_bind_int(stmt, 4, significant);
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
		add_line(s, id, at, label, REPORT_NO_COUNT, text, sqlite3_column_int(stmt, 6));
		free(text);
		s->total++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the day's entries"));
	return 0;
}

/* 重要情况 */
static int build_significant(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err)
{
	if (list_entries(st, r, s, "", 1, err) < 0)
		return -1;
	set_summary(s, s->total, "%lld 条", s->total);
	return 0;
}

/* 本土初筛阳性 */
static int build_positive(struct store *st, struct report_daily *r, struct report_section *s,
			  struct dd_err *err)
{
	if (list_entries(st, r, s, "positive", 0, err) < 0)
		return -1;
	set_summary(s, s->total, "%lld 例", s->total);
	return 0;
}

/* 重点人员, by category: the notice's categories first, then any other. */
static int build_key_persons(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT subkind, count(*) FROM entry WHERE drill = 0 AND kind = 'key-person' AND "
		"occurred_at >= ?1 AND occurred_at < ?2 GROUP BY subkind ORDER BY subkind", err);
	long long known[8] = {0};
	int nknown = 0, rc;

	while (log_key_person_kinds[nknown] && nknown < 8)
		nknown++;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day);
	sqlite3_bind_int64(stmt, 2, r->day_end);
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
			add_line(s, 0, 0, *sub ? sub : "未分类", n, NULL, 0);
		s->total += n;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("counting the day's key persons"));
	r->key_persons = s->total;
	set_summary(s, s->total, "共 %lld 人次", s->total);
	if (s->total) {
		/* The notice's categories first, in its order. */
		struct report_line *others = s->lines;
		int nothers = s->nlines;
		s->lines = NULL;
		s->nlines = 0;
		for (int i = 0; i < nknown; i++)
			add_line(s, 0, 0, log_key_person_kinds[i], known[i], NULL, 0);
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
		"e.unverified FROM entry e WHERE e.parent_id IS NULL AND e.drill = 0 AND "
		"e.occurred_at < ?1 AND NOT EXISTS "
		"(SELECT 1 FROM event c WHERE c.entry_id = e.id AND c.type = 'closed' AND "
		"c.at < ?1) ORDER BY e.occurred_at, e.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->day_end);
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
		add_line(s, id, at, label, REPORT_NO_COUNT, text, sqlite3_column_int(stmt, 4));
		free(text);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the open incidents"));
	r->open_incidents = s->total;
	set_summary(s, s->total, "%lld 起（截至 %s）", s->total, r->as_of_text);
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

	if (count_range(st, "SELECT count(*) FROM notification WHERE drill = 0 AND "
			    "opened_at >= ?1 AND opened_at < ?2", r, &r->esc_opened, err) < 0 ||
	    count_range(st, "SELECT count(*) FROM event WHERE type = 'notified' AND drill = 0 "
			    "AND at >= ?1 AND at < ?2", r, &r->esc_done, err) < 0)
		return -1;
	stmt = store_prepare(st,
		"SELECT n.id, n.entry_id, n.stage, n.round, c.name, n.due_at FROM notification n "
		"JOIN contact c ON c.id = n.contact_id WHERE n.drill = 0 AND n.due_at < ?1 AND "
		"NOT EXISTS (SELECT 1 FROM event dn WHERE dn.type = 'notified' AND "
		"json_extract(dn.body, '$.notification') = +n.id AND dn.at < ?2) "
		"ORDER BY n.due_at, n.id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->as_of);
	sqlite3_bind_int64(stmt, 2, r->day_end);
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
		add_line(s, id, at, label, REPORT_NO_COUNT, text, 1);
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
		add_line(s, v[i].id, v[i].start, label, REPORT_NO_COUNT, text, v[i].changes > 0);
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
		add_line(s, v[i].id, v[i].due_at, label, REPORT_NO_COUNT, text, 1);
		free(text);
	}
	r->tasks_overdue = n;
	s->total = n;
	set_summary(s, n, "%d 项（截至 %s）", n, r->as_of_text);
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
		add_line(s, v[i].id, v[i].day_start, v[i].metric, REPORT_NO_COUNT, text, 0);
	}
	r->stats_reviewed = n;
	r->stats_pending = pending;
	s->total = n;
	if (pending)
		set_summary(s, 1, "已审核 %d 项；待审核 %lld 项，不计入", n, pending);
	else
		set_summary(s, n, "已审核 %d 项", n);
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

/* The real mode as the day ends: at its last second. */
static int real_mode_at(struct store *st, struct report_daily *r, struct dd_err *err)
{
	struct mode_status m;

	if (mode_at(st, 0, r->day_end - 1, &m, err) < 0)
		return -1;
	r->taskforce = m.state == MODE_TASKFORCE;
	return 0;
}

static int build_in(struct store *st, dd_time day, struct report_daily *r, struct dd_err *err)
{
	dd_time now = ddtime_now();

	memset(r, 0, sizeof *r);
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
	if (report_daily_filed(st, r->day, &r->filing, err) < 0)
		return -1;
	/* Not filed yet: printed under the head of now. */
	return r->filing.filed ? 0 : chain_head_hex(st, 0, CHAIN_HASH_LEN, r->filing.chain_head,
						    err);
}

int report_daily_build(struct store *st, dd_time day, struct report_daily *out,
		       struct dd_err *err)
{
	if (build_in(st, day, out, err) < 0) {
		report_daily_clear(out);
		return -1;
	}
	return 0;
}

int report_daily_filed(struct store *st, dd_time day, struct report_filing *out,
		       struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT r.id, r.event_id, r.filed_at, p.name, r.zero, r.entries, r.chain_head "
		"FROM daily_report r JOIN person p ON p.id = r.filed_by WHERE r.day = ?1", err);
	char date[DDTIME_BUFSZ];
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, ddtime_format(ddtime_day_start(day), DDTIME_DATE, date));
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->filed = 1;
		out->id = sqlite3_column_int64(stmt, 0);
		out->event_id = sqlite3_column_int64(stmt, 1);
		out->at = sqlite3_column_int64(stmt, 2);
		snprintf(out->by, sizeof out->by, "%s", sqlite3_column_text(stmt, 3));
		out->zero = sqlite3_column_int(stmt, 4);
		out->entries = sqlite3_column_int64(stmt, 5);
		snprintf(out->chain_head, sizeof out->chain_head, "%s",
			 sqlite3_column_text(stmt, 6));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the daily reports"));
	return 0;
}

int report_daily_filed_text(struct store *st, dd_time day, char **text, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT text FROM daily_report WHERE day = ?1",
					   err);
	char date[DDTIME_BUFSZ];
	int rc;

	*text = NULL;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, ddtime_format(ddtime_day_start(day), DDTIME_DATE, date));
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*text = store_col_text(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("the daily report of %s is not filed"), date);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the daily reports"));
}

int report_daily_due(struct store *st, dd_time now, int *filed, int *warn, struct dd_err *err)
{
	struct report_filing f;
	time_t tt = (time_t)now;
	struct tm tm;
	int hour = 20;

	*filed = *warn = 0;
	if (report_daily_filed(st, now, &f, err) < 0 ||
	    settings_get_int(st, SETTING_REPORT_WARN_HOUR, &hour, err) < 0)
		return -1;
	localtime_r(&tt, &tm);
	*filed = f.filed;
	*warn = !f.filed && tm.tm_hour >= hour;
	return 0;
}

static int record_filing(struct store *st, const struct actor *by, struct report_daily *r,
			 const char *text, struct dd_err *err)
{
	char hex[2 * CHAIN_HASH_LEN + 1], what[128];
	struct jsonw body;
	sqlite3_stmt *stmt;

	textdoc_hash(text, hex);
	snprintf(what, sizeof what, "%s %s 已报送", r->date, r->zero ? "零报告" : "日报告");
	jsonw_init(&body);
	jsonw_str(&body, "day", r->date);
	jsonw_int(&body, "zero", r->zero);
	jsonw_int(&body, "entries", r->entries);
	jsonw_str(&body, "chain_head", r->filing.chain_head);
	jsonw_str(&body, "text_hash", hex);
	jsonw_str(&body, "text", what);
	if (act_event_at(st, by, "report-filed", r->filing.at, &body, &r->filing.event_id,
			 err) < 0)
		return -1;
	stmt = store_prepare(st,
		"INSERT INTO daily_report(day, day_start, filed_at, filed_by, zero, entries, "
		"chain_head, event_id, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, r->date);
	sqlite3_bind_int64(stmt, 2, r->day);
	sqlite3_bind_int64(stmt, 3, r->filing.at);
	sqlite3_bind_int64(stmt, 4, by->id);
	sqlite3_bind_int(stmt, 5, r->zero);
	sqlite3_bind_int64(stmt, 6, r->entries);
	store_bind_text(stmt, 7, r->filing.chain_head);
	sqlite3_bind_int64(stmt, 8, r->filing.event_id);
	store_bind_text(stmt, 9, text);
	if (store_exec_stmt(st, stmt, _("filing the daily report"), err) < 0)
		return -1;
	r->filing.id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

static int file_in(struct store *st, const struct actor *by, dd_time day,
		   struct report_daily *r, char **text, struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if (build_in(st, day, r, err) < 0)
		return -1;
	if (r->filing.filed)
		return dd_fail(err, DD_EDENIED,
			       _("the daily report of %s was already filed at %s by %s; a day "
				 "has one report"), r->date,
			       ddtime_format(r->filing.at, DDTIME_MINUTE, when), r->filing.by);
	r->filing.filed = 1;
	r->filing.at = ddtime_now();
	snprintf(r->filing.by, sizeof r->filing.by, "%s", by->name);
	r->filing.zero = r->zero;
	r->filing.entries = r->entries;
	if (chain_head_hex(st, 0, CHAIN_HASH_LEN, r->filing.chain_head, err) < 0)
		return -1;
	*text = report_daily_text(r);
	return record_filing(st, by, r, *text, err);
}

int report_daily_file(struct store *st, const struct actor *by, dd_time day,
		      struct report_daily *out, char **text, struct dd_err *err)
{
	struct report_daily r;
	char *t = NULL;

	if (!by || !by->id)
		return dd_fail(err, DD_EDENIED, _("who is filing the daily report?"));
	if (store_begin(st, err) < 0)
		return -1;
	if (file_in(st, by, day, &r, &t, err) < 0 || store_commit(st, err) < 0) {
		store_rollback(st);
		report_daily_clear(&r);
		free(t);
		return -1;
	}
	if (out)
		*out = r;
	else
		report_daily_clear(&r);
	if (text)
		*text = t;
	else
		free(t);
	return 0;
}
