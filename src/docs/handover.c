/* handover.c — the handover sheet's data (交接班记录), and signing it.
 *
 * The sheet is built in one read of the store: the period and who was on
 * duty, the mode at the moment described, then one section per builder of
 * the `builders` table, each filled by one streamed query (never paged with
 * OFFSET, never a query per row that scans).  Only real entries and
 * notifications count: every query says drill = 0.  The renderers are in
 * handover_text.c and handover_pdf.c. */
#include "docs/handover.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "domain/town.h"
#include "store/chain.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "base/i18n.h"
#include "domain/log.h"
#include "domain/mode.h"
#include "domain/task.h"
#include "base/text.h"
#include "base/jsonw.h"
#include "store/store_sql.h"
#include "docs/textdoc.h"
#include "docs/handover_entries.h"

#define AMENDED_SUMMARY                                                                \
	"coalesce((SELECT json_extract(m.body, '$.summary') FROM event m WHERE "        \
	"m.entry_id = e.id AND m.type = 'amended' ORDER BY m.id DESC LIMIT 1), e.summary)"
#define CUR_GROUP                                                                      \
	"coalesce((SELECT json_extract(a.body, '$.group_id') FROM event a WHERE "      \
	"a.entry_id = e.id AND a.type = 'assigned' ORDER BY a.id DESC LIMIT 1), e.grp_id)"

/* The columns of each table.  Text widths add up, with the flag column and
 * one space between columns, to HANDOVER_WIDTH with the wrapping column. */
static const struct handover_column entry_cols[] = {
	{"编号", 8, 9, 0}, {"时间", 11, 13, 0}, {"类别", 12, 13, 0},
	{"内容", 0, 52, 0}, {"状态", 6, 8, 0},
};
static const struct handover_column open_cols[] = {
	{"编号", 8, 9, 0}, {"发生时间", 11, 13, 0}, {"类别", 12, 13, 0},
	{"内容", 0, 50, 0}, {"已历时", 11, 11, 1},
};
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
#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The gaps of the schedule are looked for this far ahead of as_of. */
#define GAP_HOURS 24

/* ---- sections ---- */

static struct handover_section *section_add(struct handover *h, const char *key,
					    const char *title,
					    const struct handover_column *cols, int ncols)
{
	struct handover_section *s;

	h->sections = dd_xrealloc(h->sections, (size_t)(h->nsections + 1) * sizeof *h->sections);
	s = &h->sections[h->nsections++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->title = title;
	s->cols = cols;
	s->ncols = ncols;
	s->summary = dd_xstrdup("");
	return s;
}

/* Append a row; takes the cells (malloc'd strings) over. */
static void row_add(struct handover_section *s, long long ref, int flag, char **cells)
{
	struct handover_row *r;

	/* The capacity is the next power of two: grown at each power of two. */
	if ((s->nrows & (s->nrows - 1)) == 0 || s->nrows < 16)
		s->rows = dd_xrealloc(s->rows, (size_t)(s->nrows < 16 ? 16 : s->nrows * 2) *
						       sizeof *s->rows);
	r = &s->rows[s->nrows++];
	r->ref = ref;
	r->flag = flag;
	r->cells = dd_xmalloc((size_t)s->ncols * sizeof *r->cells);
	memcpy(r->cells, cells, (size_t)s->ncols * sizeof *r->cells);
}

static void set_summary(struct handover_section *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_summary(struct handover_section *s, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(s->summary);
	s->summary = dd_xstrdup(buf);
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Formatted once into a buffer on the stack; a cell longer than it (rare)
 * is formatted again into one its size. */
static char *xprintf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof buf)
		return dd_xstrndup(buf, (size_t)n);
	s = dd_xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
	return s;
}

static char *fmt_time(dd_time t, enum ddtime_fmt f)
{
	char buf[DDTIME_BUFSZ];
	return dd_xstrdup(ddtime_format(t, f, buf));
}

/* Append "label：value" to a list of details joined by "；". */
static void detail(char *buf, size_t n, const char *label, const char *value)
{
	size_t len = strlen(buf);
	if (!value || !*value || len >= n)
		return;
	snprintf(buf + len, n - len, "%s%s%s", len ? "；" : "", label, value);
}

/* The kind as the office writes it (the sheet is its document). */
static char *kind_cell(enum log_kind k, const char *subkind)
{
	return subkind && *subkind ? xprintf("%s\n%s", textdoc_kind_word(k), subkind)
				   : dd_xstrdup(textdoc_kind_word(k));
}

/* ---- 一、本班值班记录 ---- */

struct entries_ctx {
	struct handover *h;
	struct handover_section *s;
};

static int entry_row(const struct log_entry *e, void *vctx)
{
	struct entries_ctx *ctx = vctx;
	struct handover *h = ctx->h;
	char more[1024] = "", *cells[5], *content;
	char parent[40] = "", callback[160] = "";
	int closed = e->closed && e->closed_at <= h->as_of;

	/* A signed sheet describes the state at the signing: what was recorded
	 * later is not on it (an unsigned one shows the period whole). */
	if (h->signing.done && e->recorded_at > h->as_of)
		return 0;
	if (e->parent_id)
		snprintf(parent, sizeof parent, "〔续 #%lld〕", e->parent_id);
	detail(more, sizeof more, "来源：", e->source);
	detail(more, sizeof more, "来电人：", e->caller);
	if (*e->callback)
		snprintf(callback, sizeof callback, "%s%s", e->callback,
			 e->readback ? "（已复述）" : "");
	detail(more, sizeof more, "回电：", callback);
	detail(more, sizeof more, "责任组：", e->group);
	/* Who recorded it, where that is not the operator handing over, or
	 * where they did not prove it by PIN. */
	if (e->unverified) {
		char who[PERSON_NAME_MAX * 4 + 32];
		snprintf(who, sizeof who, "%s（未核验）", e->operator_name);
		detail(more, sizeof more, "记录人：", who);
	} else if (strcmp(e->operator_name, h->outgoing) != 0) {
		detail(more, sizeof more, "记录人：", e->operator_name);
	}
	content = xprintf("%s%s%s%s%s%s", e->significant ? "【重要】" : "", parent, e->summary,
			  e->amended ? "（已更正）" : "", *more ? "\n" : "", more);
	cells[0] = xprintf("#%lld", e->id);
	cells[1] = fmt_time(e->occurred_at, DDTIME_SHORT);
	cells[2] = kind_cell(e->kind, e->subkind);
	cells[3] = content;
	cells[4] = dd_xstrdup(closed ? "已办结" : "未办结");
	row_add(ctx->s, e->id, e->significant, cells);
	h->entries++;
	h->significant += e->significant;
	return 0;
}

static int build_entries(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = section_add(h, "entries", "本班值班记录", entry_cols,
						 NCOLS(entry_cols));
	struct entries_ctx ctx = {h, s};

	if (handover_entries_each(st, h->from, h->to, entry_row, &ctx, err) < 0)
		return -1;
	if (h->entries == 0)
		set_summary(s, "无");
	else if (h->significant)
		set_summary(s, "共 %lld 条，其中重要 %lld 条", h->entries, h->significant);
	else
		set_summary(s, "共 %lld 条", h->entries);
	return 0;
}

/* ---- 二、未办结事项 ---- */

/* The incidents open at as_of: those open now (open_incident, kept by the
 * store's triggers) and those closed since; never a pass over every incident
 * of the log. */
static int build_open(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = section_add(h, "open", "未办结事项", open_cols,
						 NCOLS(open_cols));
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.occurred_at, e.kind, e.subkind, " AMENDED_SUMMARY ", "
		"e.significant, coalesce((SELECT g.name FROM grp g WHERE g.id = " CUR_GROUP
		"), ''), (SELECT count(*) FROM entry f WHERE f.parent_id = e.id AND "
		"f.occurred_at <= ?1), e.source FROM entry e WHERE e.id IN (SELECT entry_id "
		"FROM open_incident UNION SELECT x.entry_id FROM event x INDEXED BY event_closed_at "
		"WHERE x.type = 'closed' "
		"AND x.at > ?1) AND e.parent_id IS NULL AND e.drill = 0 AND e.occurred_at <= ?1 "
		"AND (?2 = 0 OR e.recorded_at <= ?1) AND NOT EXISTS (SELECT 1 FROM event c "
		"WHERE c.entry_id = e.id AND c.type = 'closed' AND c.at <= ?1) "
		"ORDER BY e.occurred_at, e.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, h->as_of);
	sqlite3_bind_int(stmt, 2, h->signing.done);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char more[768] = "", num[32] = "", dur[DDTIME_BUFSZ], *cells[5];
		long long id = sqlite3_column_int64(stmt, 0);
		dd_time at = sqlite3_column_int64(stmt, 1);
		enum log_kind k;
		int sig = sqlite3_column_int(stmt, 5);
		long long followups = sqlite3_column_int64(stmt, 7);

		if (log_kind_parse((const char *)sqlite3_column_text(stmt, 2), &k, NULL) < 0)
			k = LOG_OTHER;
		detail(more, sizeof more, "来源：", (const char *)sqlite3_column_text(stmt, 8));
		detail(more, sizeof more, "责任组：", (const char *)sqlite3_column_text(stmt, 6));
		if (followups > 0)
			snprintf(num, sizeof num, "%lld 条", followups);
		detail(more, sizeof more, "后续记录：", num);
		cells[0] = xprintf("#%lld", id);
		cells[1] = fmt_time(at, DDTIME_SHORT);
		cells[2] = kind_cell(k, (const char *)sqlite3_column_text(stmt, 3));
		cells[3] = xprintf("%s%s%s%s", sig ? "【重要】" : "",
				   (const char *)sqlite3_column_text(stmt, 4), *more ? "\n" : "",
				   more);
		cells[4] = dd_xstrdup(ddtime_duration(h->as_of > at ? h->as_of - at : 0, dur));
		row_add(s, id, sig, cells);
		h->open_incidents++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the open incidents"));
	if (h->open_incidents)
		set_summary(s, "%lld 起（截至 %s）", h->open_incidents, h->as_of_text);
	else
		set_summary(s, "无（截至 %s）", h->as_of_text);
	return 0;
}

/* ---- 三、上报情况 ---- */

static const char *channel_word(const char *channel)
{
	if (strcmp(channel, "phone") == 0)
		return "电话";
	if (strcmp(channel, "written") == 0)
		return "书面";
	return "";
}

/* Not done at as_of (overdue first, then by due time), then those done in
 * the period. */
static int build_escalations(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = section_add(h, "escalations", "上报情况", esc_cols,
						 NCOLS(esc_cols));
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT n.id, n.entry_id, n.stage, n.round, c.name, n.channel, n.required, "
		"n.due_at, coalesce(d.at, 0), coalesce(json_extract(d.body, '$.answered_by'), ''), "
		"coalesce((SELECT name FROM person WHERE id = d.actor_id), '') "
		"FROM notification n JOIN contact c ON c.id = n.contact_id "
		"LEFT JOIN event d ON d.id = (SELECT dn.id FROM event dn WHERE dn.type = "
		"'notified' AND json_extract(dn.body, '$.notification') = +n.id AND dn.at <= ?1 "
		"ORDER BY dn.id LIMIT 1) "
		"WHERE n.drill = 0 AND n.opened_at <= ?1 AND (d.id IS NULL OR d.at >= ?2) "
		"ORDER BY d.id IS NOT NULL, CASE WHEN d.id IS NULL THEN n.due_at ELSE d.at END, "
		"n.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, h->as_of);
	sqlite3_bind_int64(stmt, 2, h->from);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char stage[32], dur[DDTIME_BUFSZ], when[DDTIME_BUFSZ], more[512] = "", *cells[6];
		const char *chan = channel_word((const char *)sqlite3_column_text(stmt, 5));
		dd_time due = sqlite3_column_int64(stmt, 7), done = sqlite3_column_int64(stmt, 8);
		int overdue = !done && due < h->as_of;

		escalation_stage_label((const char *)sqlite3_column_text(stmt, 2),
				       sqlite3_column_int(stmt, 3), stage, sizeof stage);
		detail(more, sizeof more, "方式：", chan);
		if (!sqlite3_column_int(stmt, 6))
			detail(more, sizeof more, "", "非必报");
		detail(more, sizeof more, "接收人：", (const char *)sqlite3_column_text(stmt, 9));
		detail(more, sizeof more, "报送人：", (const char *)sqlite3_column_text(stmt, 10));
		cells[0] = xprintf("#%lld", (long long)sqlite3_column_int64(stmt, 0));
		cells[1] = xprintf("#%lld", (long long)sqlite3_column_int64(stmt, 1));
		cells[2] = dd_xstrdup(stage);
		cells[3] = xprintf("%s%s%s", (const char *)sqlite3_column_text(stmt, 4),
				   *more ? "\n" : "", more);
		cells[4] = fmt_time(due, DDTIME_SHORT);
		if (done)
			cells[5] = xprintf("已报 %s", ddtime_format(done, DDTIME_SHORT, when));
		else if (overdue)
			cells[5] = xprintf("逾期 %s", ddtime_duration(h->as_of - due, dur));
		else if (due - h->as_of < 60)
			cells[5] = dd_xstrdup("即将到期");
		else
			cells[5] = xprintf("剩 %s", ddtime_duration(due - h->as_of, dur));
		row_add(s, sqlite3_column_int64(stmt, 0), overdue, cells);
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
		set_summary(s, "无");
	else
		set_summary(s, "逾期未报 %lld 项，待报 %lld 项，本班已报 %lld 项", h->esc_overdue,
			    h->esc_pending, h->esc_done);
	return 0;
}

/* ---- 四、逾期交办事项 ---- */

static int build_tasks(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = section_add(h, "tasks", "逾期交办事项", task_cols,
						 NCOLS(task_cols));
	struct task *v;
	int n;

	if (task_overdue(st, h->as_of, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char more[768] = "", status[64], *cells[4];
		detail(more, sizeof more, "责任组：", v[i].group);
		detail(more, sizeof more, "交办人：", v[i].assigned_by);
		detail(more, sizeof more, "最新进展：", v[i].last_note);
		task_status_text(&v[i], h->as_of, status, sizeof status);
		cells[0] = xprintf("#%lld", v[i].id);
		cells[1] = xprintf("%s%s%s", v[i].summary, *more ? "\n" : "", more);
		cells[2] = fmt_time(v[i].due_at, DDTIME_SHORT);
		cells[3] = dd_xstrdup(status);
		row_add(s, v[i].id, 1, cells);
	}
	h->tasks_overdue = n;
	tasks_free(v, n);
	if (n)
		set_summary(s, "%d 项", n);
	else
		set_summary(s, "无");
	return 0;
}

/* ---- 五、值班空档 ---- */

static int build_gaps(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s = section_add(h, "gaps", "值班空档", gap_cols,
						 NCOLS(gap_cols));
	dd_time end = h->as_of + GAP_HOURS * 3600;
	struct duty_gap *g;
	char until[DDTIME_BUFSZ];
	int n;

	if (duty_gaps(st, h->as_of, end, &g, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char dur[DDTIME_BUFSZ], *cells[3];
		cells[0] = fmt_time(g[i].from, DDTIME_SHORT);
		cells[1] = fmt_time(g[i].to, DDTIME_SHORT);
		cells[2] = xprintf("%s 无人值班%s", ddtime_duration(g[i].to - g[i].from, dur),
				   h->taskforce ? "（战时须24小时值班）" : "");
		row_add(s, 0, h->taskforce, cells);
	}
	free(g);
	h->gaps = n;
	ddtime_format(end, DDTIME_SHORT, until);
	if (n)
		set_summary(s, "未来 %d 小时（至 %s）有 %d 段无人值班", GAP_HOURS, until, n);
	else
		set_summary(s, "未来 %d 小时（至 %s）无空档", GAP_HOURS, until);
	return 0;
}

/* ---- 六、交接事项 ---- */

static void build_notes(struct handover *h)
{
	struct handover_section *s = section_add(h, "notes", "交接事项", NULL, 0);
	s->text = dd_xstrdup(h->notes);
	set_summary(s, "%s", *h->notes ? "" : "无");
}

/* ---- the head: period, people, mode, signing ---- */

static int find_signing(struct store *st, struct handover *h, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, at, coalesce(json_extract(body, '$.outgoing'), ''), "
		"coalesce(json_extract(body, '$.incoming'), ''), "
		"coalesce(json_extract(body, '$.note'), '') FROM event WHERE type = 'handover' "
		"AND drill = 0 AND json_extract(body, '$.from') = ?1 AND "
		"json_extract(body, '$.to') = ?2 ORDER BY id LIMIT 1", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, h->from);
	sqlite3_bind_int64(stmt, 2, h->to);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct handover_signing *g = &h->signing;
		g->done = 1;
		g->event_id = sqlite3_column_int64(stmt, 0);
		g->at = sqlite3_column_int64(stmt, 1);
		snprintf(g->outgoing, sizeof g->outgoing, "%s", sqlite3_column_text(stmt, 2));
		snprintf(g->incoming, sizeof g->incoming, "%s", sqlite3_column_text(stmt, 3));
		free(h->notes);
		h->notes = store_col_text(stmt, 4);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the handovers"));
	return 0;
}

/* The real mode as of the sheet. */
static int read_mode(struct store *st, struct handover *h, struct dd_err *err)
{
	struct mode_status m;

	if (mode_at(st, 0, h->as_of, &m, err) < 0)
		return -1;
	h->taskforce = m.state == MODE_TASKFORCE;
	h->mode_since = m.since;
	h->mode_trigger = h->taskforce ? m.trigger : 0;
	return 0;
}

/* Who is on duty: the shift that is the period (or covers its start), and
 * the one that begins at its end. */
static int people(struct store *st, struct handover *h, struct dd_err *err)
{
	struct duty_shift cur, next;

	if (duty_on_at(st, h->from, &cur, err) < 0)
		return -1;
	if (duty_on_at(st, h->to, &next, err) < 0) {
		duty_shift_clear(&cur);
		return -1;
	}
	if (cur.id && cur.start == h->from && cur.end == h->to)
		h->shift_id = cur.id;
	snprintf(h->outgoing, sizeof h->outgoing, "%s", cur.operator_name);
	snprintf(h->leader, sizeof h->leader, "%s", cur.leader_name);
	if (next.id != cur.id)
		snprintf(h->incoming, sizeof h->incoming, "%s", next.operator_name);
	duty_shift_clear(&cur);
	duty_shift_clear(&next);
	if (h->signing.done) {
		snprintf(h->outgoing, sizeof h->outgoing, "%s", h->signing.outgoing);
		snprintf(h->incoming, sizeof h->incoming, "%s", h->signing.incoming);
	}
	return 0;
}

static void period_text(struct handover *h)
{
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];

	ddtime_format(h->from, DDTIME_MINUTE, a);
	/* The end's date only where it is another day. */
	if (ddtime_day_start(h->to - 1) == ddtime_day_start(h->from)) {
		if (h->to == ddtime_day_start(ddtime_day_start(h->from) + 36 * 3600))
			snprintf(b, sizeof b, "24:00");
		else
			ddtime_format(h->to, DDTIME_CLOCK, b);
	} else {
		ddtime_format(h->to, DDTIME_MINUTE, b);
	}
	snprintf(h->period_text, sizeof h->period_text, "%s 至 %s", a, b);
	ddtime_format(h->as_of, DDTIME_MINUTE, h->as_of_text);
}

typedef int (*builder_fn)(struct store *st, struct handover *h, struct dd_err *err);

/* The sheet's tables, in order.  A later list is one more builder here. */
static const builder_fn builders[] = {
	build_entries, build_open, build_escalations, build_tasks, build_gaps,
};

/* `signing`: the sheet is being signed, and describes this moment. */
static int build_in(struct store *st, struct handover *h, int signing, struct dd_err *err)
{
	dd_time now = ddtime_now();

	if (h->to <= h->from)
		return dd_fail(err, DD_EINVAL, _("the handover's period is empty: it must end "
						 "after it begins"));
	if (h->from > now)
		return dd_fail(err, DD_EINVAL, _("the handover's period has not begun yet"));
	h->notes = dd_xstrdup("");
	if (find_signing(st, h, err) < 0 ||
	    chain_head_hex(st, h->signing.done ? h->signing.event_id : 0, CHAIN_HEAD_PRINTED,
			   h->chain_head, err) < 0 || town_name_of(st, h->town, sizeof h->town, err) < 0)
		return -1;
	if (h->signing.done)
		h->as_of = h->signing.at;
	else
		h->as_of = signing || now < h->to ? now : h->to;
	period_text(h);
	if (read_mode(st, h, err) < 0 || people(st, h, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof builders / sizeof builders[0]; i++)
		if (builders[i](st, h, err) < 0)
			return -1;
	build_notes(h);
	return 0;
}

int handover_default_period(struct store *st, dd_time now, const char *outgoing,
			    dd_time *from, dd_time *to, struct dd_err *err)
{
	struct duty_shift cur, *v = NULL;
	int n = 0, mine = 0;

	if (duty_on_at(st, now, &cur, err) < 0)
		return -1;
	*from = now - HANDOVER_DEFAULT_HOURS * 3600;
	*to = now;
	if (cur.id) {
		*from = cur.start;
		*to = cur.end;
		mine = !outgoing || strcmp(outgoing, cur.operator_name) == 0;
	}
	if (outgoing && *outgoing && !mine) {
		/* Their own shift, ended within the last hours: the latest one. */
		if (duty_list(st, now - HANDOVER_DEFAULT_HOURS * 3600, now, 0, &v, &n, err) < 0) {
			duty_shift_clear(&cur);
			return -1;
		}
		for (int i = n - 1; i >= 0; i--) {
			if (v[i].end <= now && strcmp(v[i].operator_name, outgoing) == 0) {
				*from = v[i].start;
				*to = v[i].end;
				break;
			}
		}
		duty_shifts_free(v, n);
	}
	duty_shift_clear(&cur);
	return 0;
}

int handover_build(struct store *st, dd_time from, dd_time to, struct handover **out,
		   struct dd_err *err)
{
	struct handover *h;

	*out = NULL;
	if (!from && !to && handover_default_period(st, ddtime_now(), NULL, &from, &to, err) < 0)
		return -1;
	h = dd_xcalloc(1, sizeof *h);
	h->from = from;
	h->to = to;
	if (build_in(st, h, 0, err) < 0) {
		handover_free(h);
		return -1;
	}
	*out = h;
	return 0;
}

void handover_set_notes(struct handover *h, const char *note)
{
	struct handover_section *s;

	if (h->signing.done)
		return;
	free(h->notes);
	h->notes = dd_xstrdup(note ? note : "");
	for (int i = 0; i < h->nsections; i++) {
		s = &h->sections[i];
		if (strcmp(s->key, "notes") == 0) {
			free(s->text);
			s->text = dd_xstrdup(h->notes);
			set_summary(s, "%s", *h->notes ? "" : "无");
		}
	}
}

const struct handover_section *handover_section(const struct handover *h, const char *key)
{
	for (int i = 0; i < h->nsections; i++)
		if (strcmp(h->sections[i].key, key) == 0)
			return &h->sections[i];
	return NULL;
}

void handover_free(struct handover *h)
{
	if (!h)
		return;
	for (int i = 0; i < h->nsections; i++) {
		struct handover_section *s = &h->sections[i];
		for (int r = 0; r < s->nrows; r++) {
			for (int c = 0; c < s->ncols; c++)
				free(s->rows[r].cells[c]);
			free(s->rows[r].cells);
		}
		free(s->rows);
		free(s->summary);
		free(s->text);
	}
	free(h->sections);
	free(h->notes);
	free(h);
}

/* ---- signing ---- */

static int record_signing(struct store *st, const struct actor *outgoing,
			  const struct actor *incoming, struct handover *h, struct dd_err *err)
{
	char hex[2 * CHAIN_HASH_LEN + 1], what[1024];
	char *text = handover_text(h);
	struct jsonw body;

	textdoc_hash(text, hex);
	free(text);
	snprintf(what, sizeof what, "交接班：%s → %s（%s）", outgoing->name, incoming->name,
		 h->period_text);
	jsonw_init(&body);
	jsonw_int(&body, "from", h->from);
	jsonw_int(&body, "to", h->to);
	jsonw_int(&body, "shift", h->shift_id);
	jsonw_str(&body, "outgoing", outgoing->name);
	jsonw_int(&body, "outgoing_id", outgoing->id);
	jsonw_str(&body, "incoming", incoming->name);
	jsonw_int(&body, "incoming_id", incoming->id);
	jsonw_str(&body, "note", h->notes);
	jsonw_int(&body, "entries", h->entries);
	jsonw_int(&body, "open", h->open_incidents);
	jsonw_int(&body, "escalations_overdue", h->esc_overdue);
	jsonw_int(&body, "tasks_overdue", h->tasks_overdue);
	jsonw_str(&body, "sheet_hash", hex);
	jsonw_str(&body, "text", what);
	if (act_event_at(st, outgoing, "handover", h->as_of, &body, &h->signing.event_id,
			 err) < 0)
		return -1;
	h->signing.done = 1;
	h->signing.at = h->as_of;
	snprintf(h->signing.outgoing, sizeof h->signing.outgoing, "%s", outgoing->name);
	snprintf(h->signing.incoming, sizeof h->signing.incoming, "%s", incoming->name);
	snprintf(h->outgoing, sizeof h->outgoing, "%s", outgoing->name);
	snprintf(h->incoming, sizeof h->incoming, "%s", incoming->name);
	return 0;
}

static int sign_in(struct store *st, const struct actor *outgoing, const struct actor *incoming,
		   const char *note, struct handover *h, struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if (build_in(st, h, 1, err) < 0)
		return -1;
	if (h->signing.done)
		return dd_fail(err, DD_EDENIED,
			       _("the shift %s was already handed over by %s to %s at %s; a "
				 "period is handed over once"), h->period_text, h->signing.outgoing,
			       h->signing.incoming,
			       ddtime_format(h->signing.at, DDTIME_MINUTE, when));
	handover_set_notes(h, note);
	return record_signing(st, outgoing, incoming, h, err);
}

int handover_sign(struct store *st, const struct actor *outgoing, const struct actor *incoming,
		  dd_time from, dd_time to, const char *note, struct handover **out,
		  struct dd_err *err)
{
	struct handover *h;

	if (out)
		*out = NULL;
	if (!outgoing || !outgoing->id)
		return dd_fail_about(err, DD_EDENIED, DD_ABOUT_OPERATOR,
				     _("who is handing over?"));
	if (!incoming || !incoming->id)
		return dd_fail(err, DD_EDENIED, _("who is taking over?"));
	if (outgoing->id == incoming->id)
		return dd_fail(err, DD_EDENIED, _("%s cannot hand over to themselves: the incoming "
						  "operator signs too"), outgoing->name);
	if (!incoming->verified)
		return dd_fail(err, DD_EDENIED, _("the incoming operator %s signs with their own "
						  "PIN"), incoming->name);
	if (note && strlen(note) > HANDOVER_NOTE_MAX)
		return dd_fail(err, DD_EINVAL, _("the handover notes are too long (at most %d "
						 "bytes)"), HANDOVER_NOTE_MAX);
	if (note && !text_valid_utf8(note, strlen(note)))
		return dd_fail(err, DD_EINVAL, _("the handover notes are not valid UTF-8"));
	if (!from && !to &&
	    handover_default_period(st, ddtime_now(), outgoing->name, &from, &to, err) < 0)
		return -1;
	h = dd_xcalloc(1, sizeof *h);
	h->from = from;
	h->to = to;
	if (store_begin(st, err) < 0) {
		handover_free(h);
		return -1;
	}
	if (sign_in(st, outgoing, incoming, note, h, err) < 0 || store_commit(st, err) < 0) {
		store_rollback(st);
		handover_free(h);
		return -1;
	}
	if (out)
		*out = h;
	else
		handover_free(h);
	return 0;
}
