/* stats.c — metrics, figures, their review (审核) and trends. */
#include "domain/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/act.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "store/rows.h"
#include "store/store_sql.h"

#define KEY_MAX 40
#define NAME_MAX_BYTES 120
#define UNIT_MAX_BYTES 30
#define NOTE_MAX_BYTES 2000

/* A later reviewed figure of the same metric, group and day counts instead
 * of figure `f`. */
#define SUPERSEDED(f)                                                                   \
	"EXISTS (SELECT 1 FROM stat_figure f2 JOIN stat_review r2 ON r2.figure_id = f2.id " \
	"WHERE f2.metric_id = " f ".metric_id AND f2.grp_id = " f ".grp_id AND f2.day = "  \
	f ".day AND f2.id > " f ".id)"

#define FIGURE_COLS                                                                     \
	"f.id, m.name, m.key, m.unit, g.name, f.day, f.day_start, f.value, f.entered_at, " \
	"pe.name, coalesce(r.reviewed_at, 0), coalesce(pr.name, ''), " SUPERSEDED("f") " " \
	"FROM stat_figure f JOIN stat_metric m ON m.id = f.metric_id JOIN grp g ON "     \
	"g.id = f.grp_id JOIN person pe ON pe.id = f.entered_by LEFT JOIN stat_review r " \
	"ON r.figure_id = f.id LEFT JOIN person pr ON pr.id = r.reviewed_by "

static void clear_metric(void *row)
{
	struct stats_metric *m = row;

	free(m->key);
	free(m->name);
	free(m->group);
	free(m->unit);
	free(m->note);
}

void stats_metrics_free(struct stats_metric *v, int n)
{
	rows_free(v, n, sizeof *v, clear_metric);
}

static void clear_figure(void *row)
{
	struct stats_figure *f = row;

	free(f->metric);
	free(f->metric_key);
	free(f->unit);
	free(f->group);
	free(f->entered_by);
	free(f->reviewed_by);
}

void stats_figures_free(struct stats_figure *v, int n)
{
	rows_free(v, n, sizeof *v, clear_figure);
}

enum stats_refusal stats_review_rule(long long entered_by, long long reviewer, int reviewed)
{
	if (reviewer <= 0)
		return STATS_REFUSE_NOBODY;
	if (reviewed)
		return STATS_REFUSE_REVIEWED;
	if (entered_by == reviewer)
		return STATS_REFUSE_OWN;
	return STATS_OK;
}

void stats_sparkline(const struct stats_point *p, int n, char *buf, size_t size)
{
	static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	long long max = 0;
	size_t len = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		if (p[i].has && p[i].value > max)
			max = p[i].value;
	for (int i = 0; i < n; i++) {
		const char *c = "·";
		if (p[i].has)
			c = bars[max > 0 ? (int)(p[i].value * 7 / max) : 0];
		if (len + strlen(c) + 1 > size)
			break;
		memcpy(buf + len, c, strlen(c) + 1);
		len += strlen(c);
	}
}

static void read_metric(sqlite3_stmt *stmt, void *row)
{
	struct stats_metric *m = row;

	m->id = sqlite3_column_int64(stmt, 0);
	m->key = store_col_text(stmt, 1);
	m->name = store_col_text(stmt, 2);
	m->group = store_col_text(stmt, 3);
	m->unit = store_col_text(stmt, 4);
	m->seq = sqlite3_column_int(stmt, 5);
	m->note = store_col_text(stmt, 6);
}

int stats_metrics(struct store *st, struct stats_metric **out, int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT m.id, m.key, m.name, g.name, m.unit, m.seq, m.note FROM stat_metric m "
		"JOIN grp g ON g.id = m.grp_id ORDER BY m.seq, m.id", err);
	void *v;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	if (rows_read(st, stmt, sizeof **out, read_metric, clear_metric, &v, n,
		      _("reading the metrics"), err) < 0)
		return -1;
	*out = v;
	return 0;
}

/* What a figure needs to know of its metric. */
struct metric_ref {
	long long id, grp_id;
	char name[NAME_MAX_BYTES + 1];
	char unit[UNIT_MAX_BYTES + 1];
};

static int find_metric(struct store *st, const char *metric, struct metric_ref *m,
		       struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT id, grp_id, name, unit FROM stat_metric "
					       "WHERE name = ?1 OR key = ?1", err);
	int rc;

	memset(m, 0, sizeof *m);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, metric ? metric : "");
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		m->id = sqlite3_column_int64(stmt, 0);
		m->grp_id = sqlite3_column_int64(stmt, 1);
		snprintf(m->name, sizeof m->name, "%s", sqlite3_column_text(stmt, 2));
		snprintf(m->unit, sizeof m->unit, "%s", sqlite3_column_text(stmt, 3));
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_METRIC, _("no metric called '%s'"),
				     metric ? metric : "");
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the metrics"));
}

static int name_of_group(struct store *st, long long id, char *buf, size_t n, struct dd_err *err)
{
	return rows_text(st, "SELECT name FROM grp WHERE id = ?1", id, buf, n,
			 _("looking up a group"), err);
}

static int check_key(const char *key, struct dd_err *err)
{
	size_t n = key ? strlen(key) : 0;

	if (n == 0 || n > KEY_MAX || key[0] < 'a' || key[0] > 'z')
		goto bad;
	for (size_t i = 0; i < n; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9') ||
		      key[i] == '-'))
			goto bad;
	return 0;
bad:
	return dd_fail(err, DD_EINVAL, _("'%s' is not a usable key: lower-case letters, digits "
					 "and '-', starting with a letter (such as samples)"),
		       key ? key : "");
}

static int metric_add_in(struct store *st, const struct actor *by, const char *key,
			 const char *name, long long gid, const char *group, const char *unit,
			 const char *note, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	long long taken = 0;
	struct jsonw body;
	char text[NAME_MAX_BYTES + 300];

	stmt = store_prepare(st, "SELECT count(*) FROM stat_metric WHERE key = ?1 OR name = ?2",
			     err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, key);
	store_bind_text(stmt, 2, name);
	taken = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	if (taken)
		return dd_fail(err, DD_EINVAL, _("there is already a metric with the key '%s' or "
						 "the name '%s'"), key, name);
	stmt = store_prepare(st, "INSERT INTO stat_metric(key, name, grp_id, unit, seq, note) "
				 "VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(seq), 0) + 1 FROM "
				 "stat_metric), ?5)", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, key);
	store_bind_text(stmt, 2, name);
	sqlite3_bind_int64(stmt, 3, gid);
	store_bind_text(stmt, 4, unit ? unit : "");
	store_bind_text(stmt, 5, note ? note : "");
	if (store_exec_stmt(st, stmt, _("adding the metric"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	snprintf(text, sizeof text, "新增统计指标：%s（%s，单位 %s）", name, group,
		 unit && *unit ? unit : "无");
	jsonw_init(&body);
	jsonw_int(&body, "metric", *id);
	jsonw_str(&body, "key", key);
	jsonw_str(&body, "name", name);
	jsonw_str(&body, "group", group);
	jsonw_str(&body, "unit", unit ? unit : "");
	jsonw_str(&body, "text", text);
	return act_event(st, by, "stats-metric-added", &body, NULL, err);
}

int stats_metric_add(struct store *st, const struct actor *by, const char *key, const char *name,
		     const char *group, const char *unit, const char *note, long long *id,
		     struct dd_err *err)
{
	char gname[NAME_MAX_BYTES * 2];
	long long gid = 0, mid = 0;

	if (auth_require(st, by, ACCESS_ADMIN, _("adding a metric"), err) < 0 ||
	    check_key(key, err) < 0 ||
	    act_check_text(_("the metric's name"), name, ACT_REQUIRED | ACT_ONE_LINE,
			   NAME_MAX_BYTES, err) < 0 ||
	    act_check_text(_("the unit"), unit, ACT_ONE_LINE, UNIT_MAX_BYTES, err) < 0 ||
	    act_check_text(_("the note"), note, ACT_ONE_LINE, NOTE_MAX_BYTES, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (roster_find_group(st, group, &gid, err) < 0 ||
	    name_of_group(st, gid, gname, sizeof gname, err) < 0 ||
	    metric_add_in(st, by, key, name, gid, gname, unit, note, &mid, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (id)
		*id = mid;
	return 0;
}

/* The group entering a figure: the metric's own, or its task-force
 * counterpart. */
static int figure_group(struct store *st, const char *group, const struct metric_ref *m,
			long long *gid, char *gname, size_t n, struct dd_err *err)
{
	char own[NAME_MAX_BYTES * 2];
	long long counterpart = 0;

	if (!group || !*group) {
		*gid = m->grp_id;
		return name_of_group(st, *gid, gname, n, err);
	}
	if (roster_find_group(st, group, gid, err) < 0 ||
	    name_of_group(st, *gid, gname, n, err) < 0 ||
	    store_query_int(st, "SELECT coalesce((SELECT counterpart_id FROM grp WHERE id = ?1 "
				"AND kind = 'taskforce'), 0)", *gid, &counterpart, err) < 0)
		return -1;
	if (*gid == m->grp_id || counterpart == m->grp_id)
		return 0;
	if (name_of_group(st, m->grp_id, own, sizeof own, err) < 0)
		return -1;
	return dd_fail(err, DD_EINVAL, _("%s is reported by %s, not by %s"), m->name, own, gname);
}

static int add_in(struct store *st, const struct actor *by, const char *group,
		  const char *metric, long long value, dd_time day_start, long long *id,
		  struct dd_err *err)
{
	struct metric_ref m;
	char gname[NAME_MAX_BYTES * 2], day[DDTIME_BUFSZ], text[NAME_MAX_BYTES * 4];
	sqlite3_stmt *stmt;
	struct jsonw body;
	long long gid = 0;

	if (find_metric(st, metric, &m, err) < 0 ||
	    figure_group(st, group, &m, &gid, gname, sizeof gname, err) < 0)
		return -1;
	ddtime_format(day_start, DDTIME_DATE, day);
	stmt = store_prepare(st, "INSERT INTO stat_figure(metric_id, grp_id, day, day_start, "
				 "value, entered_at, entered_by) "
				 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, m.id);
	sqlite3_bind_int64(stmt, 2, gid);
	store_bind_text(stmt, 3, day);
	sqlite3_bind_int64(stmt, 4, day_start);
	sqlite3_bind_int64(stmt, 5, value);
	sqlite3_bind_int64(stmt, 6, ddtime_now());
	sqlite3_bind_int64(stmt, 7, by->id);
	if (store_exec_stmt(st, stmt, _("recording the figure"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	snprintf(text, sizeof text, "统计 #%lld %s %s：%lld%s（%s，待审核）", *id, day, m.name,
		 value, m.unit, gname);
	jsonw_init(&body);
	jsonw_int(&body, "figure", *id);
	jsonw_str(&body, "metric", m.name);
	jsonw_str(&body, "group", gname);
	jsonw_str(&body, "day", day);
	jsonw_int(&body, "value", value);
	jsonw_str(&body, "text", text);
	return act_event(st, by, "stats-entered", &body, NULL, err);
}

int stats_add(struct store *st, const struct actor *by, const char *group, const char *metric,
	      long long value, dd_time day, long long *id, struct dd_err *err)
{
	dd_time now = ddtime_now(), start = ddtime_day_start(day ? day : now);
	char when[DDTIME_BUFSZ];
	long long fid = 0;

	if (value < 0 || value > STATS_VALUE_MAX)
		return dd_fail(err, DD_EINVAL, _("%lld is not a figure: from 0 to %lld"), value,
			       STATS_VALUE_MAX);
	if (start > now)
		return dd_fail(err, DD_EINVAL, _("%s has not begun: figures are entered for a day "
						 "once it has"), ddtime_format(start, DDTIME_DATE,
									       when));
	if (store_begin(st, err) < 0)
		return -1;
	if (add_in(st, by, group, metric, value, start, &fid, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (id)
		*id = fid;
	return 0;
}

static int review_in(struct store *st, const struct actor *by, long long id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT f.entered_by, pe.name, r.figure_id IS NOT NULL, coalesce(pr.name, ''), "
		"coalesce(r.reviewed_at, 0), m.name, f.day, f.value, m.unit, g.name "
		"FROM stat_figure f JOIN person pe ON pe.id = f.entered_by "
		"JOIN stat_metric m ON m.id = f.metric_id JOIN grp g ON g.id = f.grp_id "
		"LEFT JOIN stat_review r ON r.figure_id = f.id "
		"LEFT JOIN person pr ON pr.id = r.reviewed_by WHERE f.id = ?1", err);
	char who[PERSON_NAME_MAX * 4] = "", reviewer[PERSON_NAME_MAX * 4] = "", when[DDTIME_BUFSZ];
	char text[NAME_MAX_BYTES * 5] = "";
	long long entered_by = 0, event_id = 0;
	int rc, reviewed = 0;
	dd_time at = 0;
	struct jsonw body;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		entered_by = sqlite3_column_int64(stmt, 0);
		snprintf(who, sizeof who, "%s", sqlite3_column_text(stmt, 1));
		reviewed = sqlite3_column_int(stmt, 2);
		snprintf(reviewer, sizeof reviewer, "%s", sqlite3_column_text(stmt, 3));
		at = sqlite3_column_int64(stmt, 4);
		snprintf(text, sizeof text, "审核 统计 #%lld %s %s：%lld%s（%s）", id,
			 sqlite3_column_text(stmt, 6), sqlite3_column_text(stmt, 5),
			 (long long)sqlite3_column_int64(stmt, 7), sqlite3_column_text(stmt, 8),
			 sqlite3_column_text(stmt, 9));
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("there is no figure #%lld"), id);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("reading the figure"));
	switch (stats_review_rule(entered_by, by->id, reviewed)) {
	case STATS_OK:
		break;
	case STATS_REFUSE_NOBODY:
		return dd_fail(err, DD_EDENIED, _("who is reviewing? sign in first"));
	case STATS_REFUSE_REVIEWED:
		return dd_fail(err, DD_EINVAL, _("figure #%lld was already reviewed by %s at %s"),
			       id, reviewer, ddtime_format(at, DDTIME_MINUTE, when));
	case STATS_REFUSE_OWN:
		return dd_fail(err, DD_EDENIED, _("figure #%lld was entered by %s: another person "
						  "reviews it (审核), not the one who entered it"),
			       id, who);
	}
	jsonw_init(&body);
	jsonw_int(&body, "figure", id);
	jsonw_str(&body, "entered_by", who);
	jsonw_str(&body, "text", text);
	if (act_event(st, by, "stats-reviewed", &body, &event_id, err) < 0)
		return -1;
	stmt = store_prepare(st, "INSERT INTO stat_review(figure_id, reviewed_at, reviewed_by, "
				 "event_id) VALUES (?1, ?2, ?3, ?4)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, ddtime_now());
	sqlite3_bind_int64(stmt, 3, by->id);
	sqlite3_bind_int64(stmt, 4, event_id);
	return store_exec_stmt(st, stmt, _("recording the review"), err);
}

int stats_review(struct store *st, const struct actor *by, long long id, struct dd_err *err)
{
	if (!by)
		return dd_fail(err, DD_EDENIED, _("who is reviewing? sign in first"));
	/* Four eyes: the reviewer proves who they are, whatever operator-pin says. */
	if (!by->verified)
		return dd_fail(err, DD_EDENIED, _("reviewing a figure (审核) needs the reviewer's "
						  "own PIN: %s has not given it"), by->name);
	if (store_begin(st, err) < 0)
		return -1;
	if (review_in(st, by, id, err) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

static void read_figure(sqlite3_stmt *stmt, void *row)
{
	struct stats_figure *f = row;

	f->id = sqlite3_column_int64(stmt, 0);
	f->metric = store_col_text(stmt, 1);
	f->metric_key = store_col_text(stmt, 2);
	f->unit = store_col_text(stmt, 3);
	f->group = store_col_text(stmt, 4);
	snprintf(f->day, sizeof f->day, "%s", sqlite3_column_text(stmt, 5));
	f->day_start = sqlite3_column_int64(stmt, 6);
	f->value = sqlite3_column_int64(stmt, 7);
	f->entered_at = sqlite3_column_int64(stmt, 8);
	f->entered_by = store_col_text(stmt, 9);
	f->reviewed_at = sqlite3_column_int64(stmt, 10);
	f->reviewed_by = store_col_text(stmt, 11);
	f->superseded = sqlite3_column_int(stmt, 12);
}

static int read_figures(struct store *st, sqlite3_stmt *stmt, struct stats_figure **out, int *n,
			struct dd_err *err)
{
	void *v;

	if (rows_read(st, stmt, sizeof **out, read_figure, clear_figure, &v, n,
		      _("reading the figures"), err) < 0)
		return -1;
	*out = v;
	return 0;
}

int stats_list(struct store *st, const struct stats_filter *f, struct stats_figure **out,
	       int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	struct metric_ref m = {0};
	char day[DDTIME_BUFSZ] = "";

	*out = NULL;
	*n = 0;
	if (f->metric && *f->metric && find_metric(st, f->metric, &m, err) < 0)
		return -1;
	if (f->day)
		ddtime_format(ddtime_day_start(f->day), DDTIME_DATE, day);
	stmt = store_prepare(st, "SELECT " FIGURE_COLS "WHERE (?1 = 0 OR r.figure_id IS NULL) "
			     "AND (?2 = '' OR f.day = ?2) AND (?3 = 0 OR f.metric_id = ?3) "
			     "ORDER BY f.day DESC, m.seq, m.id, g.id, f.id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, f->pending_only ? 1 : 0);
	store_bind_text(stmt, 2, day);
	sqlite3_bind_int64(stmt, 3, m.id);
	return read_figures(st, stmt, out, n, err);
}

int stats_day(struct store *st, dd_time day, struct stats_figure **out, int *n,
	      long long *pending, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	char date[DDTIME_BUFSZ];
	int rc;

	*out = NULL;
	*n = 0;
	ddtime_format(ddtime_day_start(day), DDTIME_DATE, date);
	if (pending) {
		stmt = store_prepare(st, "SELECT count(*) FROM stat_figure f WHERE f.day = ?1 AND "
					 "NOT EXISTS (SELECT 1 FROM stat_review r WHERE "
					 "r.figure_id = f.id) AND NOT " SUPERSEDED("f"), err);
		if (!stmt)
			return -1;
		store_bind_text(stmt, 1, date);
		rc = sqlite3_step(stmt);
		*pending = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW)
			return store_fail(st, err, rc, _("counting the figures"));
	}
	stmt = store_prepare(st, "SELECT " FIGURE_COLS "WHERE f.day = ?1 AND r.figure_id IS NOT "
			     "NULL AND NOT " SUPERSEDED("f") " ORDER BY m.seq, m.id, g.id", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, date);
	return read_figures(st, stmt, out, n, err);
}

/* The `days` local days up to the one containing `last`, oldest first. */
static void fill_days(struct stats_point *p, int days, dd_time last)
{
	dd_time d = ddtime_day_start(last);

	for (int i = days - 1; i >= 0; i--) {
		p[i].day = d;
		d = ddtime_day_start(d - 12 * 3600);
	}
}

int stats_trend(struct store *st, const char *metric, const char *group, dd_time last, int days,
		struct stats_point **out, struct dd_err *err)
{
	struct metric_ref m;
	sqlite3_stmt *stmt;
	long long gid = 0;
	char first[DDTIME_BUFSZ], end[DDTIME_BUFSZ];
	struct stats_point *p;
	int rc;

	*out = NULL;
	if (days < 1 || days > STATS_TREND_MAX)
		return dd_fail(err, DD_EINVAL, _("a trend covers 1 to %d days"), STATS_TREND_MAX);
	if (find_metric(st, metric, &m, err) < 0 ||
	    (group && *group && roster_find_group(st, group, &gid, err) < 0))
		return -1;
	p = dd_xcalloc((size_t)days, sizeof *p);
	fill_days(p, days, last ? last : ddtime_now());
	ddtime_format(p[0].day, DDTIME_DATE, first);
	ddtime_format(p[days - 1].day, DDTIME_DATE, end);
	stmt = store_prepare(st, "SELECT f.day, sum(f.value) FROM stat_figure f JOIN stat_review r "
				 "ON r.figure_id = f.id WHERE f.metric_id = ?1 AND (?2 = 0 OR "
				 "f.grp_id = ?2) AND f.day >= ?3 AND f.day <= ?4 AND NOT "
				 SUPERSEDED("f") " GROUP BY f.day", err);
	if (!stmt) {
		free(p);
		return -1;
	}
	sqlite3_bind_int64(stmt, 1, m.id);
	sqlite3_bind_int64(stmt, 2, gid);
	store_bind_text(stmt, 3, first);
	store_bind_text(stmt, 4, end);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(stmt, 0);
		for (int i = 0; i < days; i++) {
			char d[DDTIME_BUFSZ];
			if (strcmp(ddtime_format(p[i].day, DDTIME_DATE, d), day) == 0) {
				p[i].value = sqlite3_column_int64(stmt, 1);
				p[i].has = 1;
				break;
			}
		}
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(p);
		return store_fail(st, err, rc, _("reading the trend"));
	}
	*out = p;
	return 0;
}
