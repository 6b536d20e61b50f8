/* test_followthrough.c — the follow-through's rules: where a task stands and
 * the order that puts overdue tasks first, deadlines as typed, who may
 * review a figure, sparklines, zones and hours as typed; and against a real
 * database the rules the store enforces itself (a figure never reviewed by
 * whoever entered it, a task closed once, append-only tables), overdue "as
 * of" a past time, and zones refused outside an outbreak. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/chain.h"
#include "desk/desk.h"
#include "desk/outbreak.h"
#include "domain/log.h"
#include "domain/meeting.h"
#include "docs/report.h"
#include "domain/stats.h"
#include "domain/task.h"
#include "domain/zone.h"
#include "store/store_sql.h"

static dd_time T(const char *s)
{
	dd_time t = 0;
	struct dd_err err;
	ck_assert_msg(ddtime_parse(s, &t, &err) == 0, "%s", err.msg);
	return t;
}

static struct task mk(long long id, const char *due, const char *closed)
{
	struct task t = {.id = id, .due_at = T(due), .closed_at = closed ? T(closed) : 0};
	return t;
}

/* --- task_state_at --------------------------------------------------------- */

START_TEST(state_open_overdue_closed)
{
	struct task t = mk(1, "2021-12-16T17:00", NULL);

	ck_assert_int_eq(task_state_at(&t, T("2021-12-16T16:59")), TASK_OPEN);
	ck_assert_int_eq(task_state_at(&t, T("2021-12-16T17:00")), TASK_OPEN); /* due, not past */
	ck_assert_int_eq(task_state_at(&t, T("2021-12-16T17:01")), TASK_OVERDUE);
	t.closed_at = T("2021-12-16T18:00");
	ck_assert_int_eq(task_state_at(&t, T("2021-12-16T18:00")), TASK_CLOSED);
	/* As of a time before the closure it was still overdue. */
	ck_assert_int_eq(task_state_at(&t, T("2021-12-16T17:30")), TASK_OVERDUE);
}
END_TEST

/* --- task_sort ------------------------------------------------------------- */

START_TEST(sort_overdue_first)
{
	dd_time now = T("2021-12-16T18:00");
	struct task v[] = {
		mk(1, "2021-12-17T09:00", NULL),                  /* open, later */
		mk(2, "2021-12-16T17:00", NULL),                  /* overdue 1 h */
		mk(3, "2021-12-16T10:00", "2021-12-16T11:00"),    /* closed earlier */
		mk(4, "2021-12-16T12:00", NULL),                  /* overdue 6 h */
		mk(5, "2021-12-16T20:00", NULL),                  /* open, sooner */
		mk(6, "2021-12-16T09:00", "2021-12-16T15:00"),    /* closed later */
		mk(7, "2021-12-16T12:00", NULL),                  /* overdue 6 h, tie */
	};
	long long want[] = {4, 7, 2, 5, 1, 6, 3};

	task_sort(v, 7, now);
	for (int i = 0; i < 7; i++)
		ck_assert_int_eq(v[i].id, want[i]);
	for (int i = 0; i + 1 < 7; i++)
		ck_assert_int_le(task_cmp_at(&v[i], &v[i + 1], now), 0);
}
END_TEST

START_TEST(sort_empty_and_one)
{
	struct task one = mk(9, "2021-12-16T17:00", NULL);

	task_sort(NULL, 0, 0);
	task_sort(&one, 1, T("2021-12-16T18:00"));
	ck_assert_int_eq(one.id, 9);
	ck_assert_int_eq(task_cmp_at(&one, &one, 0), 0);
}
END_TEST

/* --- task_parse_due -------------------------------------------------------- */

START_TEST(due_date_is_end_of_day)
{
	dd_time t = 0;
	struct dd_err err;

	ck_assert_int_eq(task_parse_due("2021-12-17", &t, &err), 0);
	ck_assert_int_eq(t, T("2021-12-17T23:59:59"));
	ck_assert_int_eq(task_parse_due("2021-12-17T17:00", &t, &err), 0);
	ck_assert_int_eq(t, T("2021-12-17T17:00"));
	ck_assert_int_eq(task_parse_due("today", &t, &err), 0);
	ck_assert_int_eq(t, T("2021-12-16T23:59:59"));
	ck_assert_int_eq(task_parse_due("17日", &t, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(task_parse_due(NULL, &t, &err), -1);
}
END_TEST

/* --- stats_review_rule ----------------------------------------------------- */

/* The deadline step: one already passed is refused, as task_add does. */
START_TEST(due_not_passed)
{
	struct dd_err err;

	ck_assert_int_eq(task_check_due(T("2021-12-16T08:59"), T("2021-12-16T09:00"), &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "has already passed"));
	ck_assert_int_eq(task_check_due(T("2021-12-16T09:00"), T("2021-12-16T09:00"), &err), -1);
	ck_assert_int_eq(task_check_due(T("2021-12-17T12:00"), T("2021-12-16T09:00"), &err), 0);
}
END_TEST

START_TEST(review_by_another_only)
{
	ck_assert_int_eq(stats_review_rule(5, 6, 0), STATS_OK);
	ck_assert_int_eq(stats_review_rule(5, 5, 0), STATS_REFUSE_OWN);
	ck_assert_int_eq(stats_review_rule(5, 6, 1), STATS_REFUSE_REVIEWED);
	ck_assert_int_eq(stats_review_rule(5, 5, 1), STATS_REFUSE_REVIEWED);
	ck_assert_int_eq(stats_review_rule(5, 0, 0), STATS_REFUSE_NOBODY);
}
END_TEST

/* --- stats_sparkline ------------------------------------------------------- */

START_TEST(sparkline_scales_and_marks_missing)
{
	struct stats_point p[] = {{0, 0, 1}, {0, 50, 1}, {0, 0, 0}, {0, 100, 1}};
	struct stats_point zero[] = {{0, 0, 1}, {0, 0, 1}};
	char buf[64], tiny[8];

	stats_sparkline(p, 4, buf, sizeof buf);
	ck_assert_str_eq(buf, "▁▄·█");
	stats_sparkline(zero, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "▁▁");
	stats_sparkline(p, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	/* Too small a buffer: whole characters only. */
	stats_sparkline(p, 4, tiny, sizeof tiny);
	ck_assert_str_eq(tiny, "▁▄");
}
END_TEST

/* --- zone_level_parse, zone_parse_hours, meeting_kind_parse ---------------- */

START_TEST(zone_levels_as_typed)
{
	enum zone_level l;
	struct dd_err err;

	ck_assert_int_eq(zone_level_parse("closed", &l, &err), 0);
	ck_assert_int_eq(l, ZONE_CLOSED);
	ck_assert_int_eq(zone_level_parse("管控区", &l, &err), 0);
	ck_assert_int_eq(l, ZONE_CONTROLLED);
	ck_assert_int_eq(zone_level_parse("防控区", &l, &err), 0); /* the notice's variant */
	ck_assert_int_eq(l, ZONE_PRECAUTION);
	ck_assert_int_eq(zone_level_parse("none", &l, &err), 0);
	ck_assert_int_eq(l, ZONE_NONE);
	ck_assert_int_eq(zone_level_parse("sealed", &l, &err), -1);
	ck_assert_int_eq(zone_level_parse(NULL, &l, &err), -1);
	ck_assert_str_eq(zone_level_word(ZONE_CLOSED), "封控区");
	ck_assert_str_eq(zone_level_name(ZONE_LEVEL_COUNT), "?");
}
END_TEST

START_TEST(hours_as_typed)
{
	static const struct {
		const char *in, *out;
	} ok[] = {
		{"8:00-20:00", "08:00-20:00"}, {"20:00-08:00", "20:00-08:00"},
		{"24h", "00:00-24:00"}, {"全天", "00:00-24:00"}, {"08:00～20:00", "08:00-20:00"},
		{"08：00至20：00", "08:00-20:00"}, {"00:00-24:00", "00:00-24:00"},
	};
	static const char *const bad[] = {"8-20", "08:00-08:00", "24:00-08:00", "08:60-09:00",
					  "08:00-20:00x", "", "8点到20点"};
	char out[16];
	struct dd_err err;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		ck_assert_msg(zone_parse_hours(ok[i].in, out, sizeof out, &err) == 0, "%s: %s",
			      ok[i].in, err.msg);
		ck_assert_str_eq(out, ok[i].out);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(zone_parse_hours(bad[i], out, sizeof out, &err) == -1, "%s", bad[i]);
	ck_assert_int_eq(zone_parse_hours(NULL, out, sizeof out, &err), -1);
}
END_TEST

START_TEST(meeting_kinds_as_typed)
{
	enum meeting_kind k;

	ck_assert_int_eq(meeting_kind_parse("joint", &k, NULL), 0);
	ck_assert_int_eq(k, MEETING_JOINT);
	ck_assert_int_eq(meeting_kind_parse("情况通报会", &k, NULL), 0);
	ck_assert_int_eq(k, MEETING_BRIEFING);
	ck_assert_int_eq(meeting_kind_parse("联防联控情况通报会议", &k, NULL), 0);
	ck_assert_int_eq(meeting_kind_parse("party", &k, NULL), -1);
	ck_assert_int_eq(meeting_kind_parse(NULL, &k, NULL), -1);
}
END_TEST

/* --- Against a real database ----------------------------------------------- */

static char dir[256];
static struct store *st;
static struct actor op1, op2;   /* two operators of the shipped roster */

static void setup(void)
{
	char path[512];
	struct dd_err err;
	const char *tmp = getenv("TMPDIR");
	int seeded = 0;

	snprintf(dir, sizeof dir, "%s/test_follow.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/desk.db", dir);
	ck_assert_msg(desk_open(&st, path, 1, &seeded, &err) == 0, "open: %s", err.msg);
	ck_assert_msg(person_find(st, "赵娜", &op1, &err) == 0, "%s", err.msg);
	ck_assert_msg(person_find(st, "边吉", &op2, &err) == 0, "%s", err.msg);
	op1.verified = op2.verified = 1;   /* each signed in with their PIN */
}

static void teardown(void)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char path[600];

	store_close(st);
	st = NULL;
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/desk.db%s", dir, suffix[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int exec(const char *sql)
{
	return sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

START_TEST(review_refused_to_the_enterer_by_the_store)
{
	struct dd_err err;
	long long id = 0;

	ck_assert_msg(stats_add(st, &op1, NULL, "samples", 120, 0, &id, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(stats_review(st, &op1, id, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	/* Behind the program's back too: the trigger refuses it. */
	ck_assert_int_eq(exec("INSERT INTO stat_review(figure_id, reviewed_at, reviewed_by, "
			      "event_id) SELECT id, 0, entered_by, 1 FROM stat_figure"), -1);
	ck_assert_msg(stats_review(st, &op2, id, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(stats_review(st, &op2, id, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
}
END_TEST

START_TEST(only_reviewed_figures_count)
{
	struct stats_figure *v;
	struct dd_err err;
	long long a = 0, b = 0, pending = 0;
	int n;

	ck_assert(stats_add(st, &op1, NULL, "samples", 100, 0, &a, &err) == 0);
	ck_assert_int_eq(stats_day(st, ddtime_now(), &v, &n, &pending, &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(pending, 1);
	stats_figures_free(v, n);
	ck_assert(stats_review(st, &op2, a, &err) == 0);
	/* A correction counts once it is reviewed in turn. */
	ck_assert(stats_add(st, &op1, NULL, "核酸采样数", 110, 0, &b, &err) == 0);
	ck_assert_int_eq(stats_day(st, ddtime_now(), &v, &n, &pending, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].value, 100);
	ck_assert_int_eq(pending, 1);
	stats_figures_free(v, n);
	ck_assert(stats_review(st, &op2, b, &err) == 0);
	ck_assert_int_eq(stats_day(st, ddtime_now(), &v, &n, &pending, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].value, 110);
	ck_assert_int_eq(pending, 0);
	stats_figures_free(v, n);
}
END_TEST

START_TEST(overdue_as_of)
{
	struct task_new n = {.group = "交通管理组", .due_at = T("2021-12-16T17:00"),
			     .summary = "设置外围卡点"};
	struct task *v;
	struct dd_err err;
	long long id = 0, count = 0;
	int k;

	ck_assert_msg(task_add(st, &op1, &n, &id, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(task_overdue(st, T("2021-12-16T16:00"), &v, &k, &err), 0);
	ck_assert_int_eq(k, 0);
	tasks_free(v, k);
	ddtime_fix_now(T("2021-12-16T19:00"));
	ck_assert_msg(task_close(st, &op2, id, "已设置", &err) == 0, "%s", err.msg);
	ddtime_fix_now(T("2021-12-16T09:00"));
	/* Overdue at 18:00 although closed at 19:00; not at 20:00. */
	ck_assert_int_eq(task_overdue(st, T("2021-12-16T18:00"), &v, &k, &err), 0);
	ck_assert_int_eq(k, 1);
	ck_assert_int_eq(v[0].id, id);
	tasks_free(v, k);
	ck_assert_int_eq(task_overdue(st, T("2021-12-16T20:00"), &v, &k, &err), 0);
	ck_assert_int_eq(k, 0);
	tasks_free(v, k);
	ck_assert_int_eq(task_overdue_count(st, T("2021-12-16T20:00"), &count, &err), 0);
	ck_assert_int_eq(count, 0);
}
END_TEST

START_TEST(append_only_and_closed_once)
{
	struct task_new n = {.group = "交通管理组", .due_at = T("2021-12-17"), .summary = "x"};
	struct chain_event ev = {.type = "task-closed", .body = "{\"task\":1,\"text\":\"again\"}"};
	struct dd_err err;
	long long id = 0;

	ck_assert(task_add(st, &op1, &n, &id, &err) == 0);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(exec("UPDATE task SET due_at = due_at + 86400"), -1);
	ck_assert_int_eq(exec("DELETE FROM task"), -1);
	ck_assert_int_eq(exec("UPDATE stat_metric SET unit = ''"), -1);
	ck_assert(task_close(st, &op1, id, "done", &err) == 0);
	ck_assert_int_eq(task_close(st, &op1, id, "again", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	/* Behind the program's back: the store refuses a second closure. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	ev.at = ddtime_now();
	ev.actor_id = op1.id;
	ck_assert_int_eq(chain_append(st, &ev, &err), -1);
	store_rollback(st);
}
END_TEST

static long long count(const char *sql)
{
	long long n = -1;
	struct dd_err err;
	ck_assert_msg(store_query_int(st, sql, 0, &n, &err) == 0, "%s", err.msg);
	return n;
}

START_TEST(zones_refused_outside_an_outbreak)
{
	struct zone_set_result r;
	struct dd_err err;

	ck_assert_int_eq(zone_set(st, &op1, "平阳社区", ZONE_CLOSED, "根据市专家组研判", 0, &r,
				  &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(count("SELECT count(*) FROM zone_change"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM event WHERE type = 'zone'"), 0);
}
END_TEST

/* Collects a timeline's event types and texts. */
struct seen {
	char types[2048];
	char texts[4096];
};

static int collect(const struct log_event *ev, void *ctx)
{
	struct seen *s = ctx;
	size_t n = strlen(s->types), m = strlen(s->texts);
	snprintf(s->types + n, sizeof s->types - n, "%s;", ev->type);
	snprintf(s->texts + m, sizeof s->texts - m, "%s|%s;", ev->text, ev->detail);
	return 0;
}

START_TEST(zone_change_on_the_outbreaks_timeline)
{
	struct log_new pos = {.kind = LOG_POSITIVE, .summary = "平阳社区本土初筛阳性1例"};
	struct zone_set_result r;
	struct zone_change *cur;
	struct log_added added;
	struct seen seen = {"", ""};
	struct dd_err err;
	int n;

	ck_assert_msg(outbreak_log_add(st, &op1, &pos, &added, &err) == 0, "%s", err.msg);
	ck_assert_msg(zone_set(st, &op1, "平阳社区", ZONE_CLOSED, "根据市专家组研判", 0, &r,
			       &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r.outbreak, added.id);
	ck_assert_int_eq(r.previous, ZONE_NONE);
	ck_assert_int_eq(log_timeline(st, added.id, collect, &seen, &err), 0);
	ck_assert_msg(strstr(seen.types, "zone;"), "%s", seen.types);
	ck_assert_msg(strstr(seen.texts, "平阳社区：划为封控区|根据市专家组研判"), "%s",
		      seen.texts);
	ck_assert_str_eq(log_event_label("zone"), "zone changed");
	/* The same zone again is refused; lifting it is one more change. */
	ck_assert_int_eq(zone_set(st, &op1, "平阳社区", ZONE_CLOSED, "x", 0, &r, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(zone_current(st, added.id, ddtime_now(), &cur, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(cur[0].level, ZONE_CLOSED);
	zone_changes_free(cur, n);
	ck_assert(zone_set(st, &op2, "平阳社区", ZONE_NONE, "解除", 0, &r, &err) == 0);
	ck_assert_int_eq(r.previous, ZONE_CLOSED);
	ck_assert_int_eq(zone_current(st, added.id, ddtime_now(), &cur, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	zone_changes_free(cur, n);
	ck_assert_int_eq(count("SELECT count(*) FROM zone_change"), 2);
}
END_TEST

START_TEST(places_known_and_nearest)
{
	struct log_new pos = {.kind = LOG_POSITIVE, .summary = "平阳社区本土初筛阳性1例"};
	struct zone_place_match m;
	struct zone_set_result r;
	struct log_added added;
	struct dd_err err;
	long long units = count("SELECT count(*) FROM unit");

	ck_assert_int_eq(zone_place_known(st, "平阳社区", &m, &err), 1);
	ck_assert_int_eq(m.known, 1);
	ck_assert_int_eq(zone_place_known(st, "\xe3\x80\x80平阳社区 ", NULL, &err), 1);
	/* A character missing, a character wrong: the known name is offered. */
	ck_assert_int_eq(zone_place_known(st, "平阳社", &m, &err), 0);
	ck_assert_int_eq(m.known, 0);
	ck_assert_int_eq(m.n, 1);
	ck_assert_str_eq(m.nearest[0], "平阳社区");
	ck_assert_int_eq(zone_place_known(st, "平羊社区", &m, &err), 0);
	ck_assert_str_eq(m.nearest[0], "平阳社区");
	/* Nothing near: none offered. */
	ck_assert_int_eq(zone_place_known(st, "枫桥村", &m, &err), 0);
	ck_assert_int_eq(m.n, 0);
	/* A unit of another kind is no place; an empty name is refused. */
	ck_assert_int_eq(zone_place_known(st, "党政综合办", &m, &err), -1);
	ck_assert_int_eq(zone_place_known(st, "  ", &m, &err), -1);
	ck_assert_int_eq(zone_place_fail("平阳社", &(struct zone_place_match){.n = 1,
		.nearest = {"平阳社区"}}, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(err.about, DD_ABOUT_PLACE);
	ck_assert_msg(strstr(err.msg, "平阳社区") && !strchr(err.msg, '\n'), "%s", err.msg);

	/* zone_set refuses the typo and writes nothing; ZONE_NEW_PLACE adds it. */
	ck_assert_msg(outbreak_log_add(st, &op1, &pos, &added, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(zone_set(st, &op1, "平阳社", ZONE_CLOSED, "根据市专家组研判", 0, &r,
				  &err), -1);
	ck_assert_int_eq(err.about, DD_ABOUT_PLACE);
	ck_assert_msg(strstr(err.msg, "平阳社区"), "%s", err.msg);
	ck_assert_int_eq(count("SELECT count(*) FROM zone_change"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM unit"), units);
	ck_assert_msg(zone_set_flags(st, &op1, "枫桥村", ZONE_CLOSED, "根据市专家组研判", 0,
				     ZONE_NEW_PLACE, &r, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r.place_added, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM unit"), units + 1);
	ck_assert_int_eq(zone_place_known(st, "枫桥", &m, &err), 0);
	ck_assert_str_eq(m.nearest[0], "枫桥村");
	/* Best first: the nearer name before the farther. */
	ck_assert_msg(zone_set_flags(st, &op1, "枫桥镇村", ZONE_CLOSED, "x", 0, ZONE_NEW_PLACE, &r,
				     &err) == 0, "%s", err.msg);
	ck_assert_int_eq(zone_place_known(st, "枫桥镇", &m, &err), 0);
	ck_assert_int_eq(m.n, 2);
	ck_assert_str_eq(m.nearest[0], "枫桥镇村");
	ck_assert_str_eq(m.nearest[1], "枫桥村");
}
END_TEST

START_TEST(task_from_a_decision)
{
	struct task_new n = {.group = "交通管理组", .due_at = T("2021-12-16T17:00"),
			     .decision = 1};
	struct meeting m;
	struct task t;
	struct dd_err err;
	long long mid = 0, tid = 0;
	int seq = 0;

	ck_assert_msg(meeting_add(st, &op1, MEETING_JOINT, T("2021-12-16T08:00"), "联席会议",
				  "何欣威、周凯琳", &mid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(meeting_add_decision(st, &op1, mid, "今日设置外围卡点", &seq, &err), 0);
	ck_assert_int_eq(seq, 1);
	n.meeting_id = mid;
	ck_assert_msg(task_add(st, &op1, &n, &tid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(task_get(st, tid, &t, &err), 0);
	ck_assert_str_eq(t.summary, "今日设置外围卡点");   /* the decision's text */
	ck_assert_str_eq(t.assigned_by, op1.name);
	ck_assert_int_eq(t.meeting_id, mid);
	ck_assert_int_eq(t.decision, 1);
	task_clear(&t);
	ck_assert_int_eq(meeting_get(st, mid, &m, &err), 0);
	ck_assert_int_eq(m.ndecisions, 1);
	ck_assert_str_eq(m.decisions[0].tasks, "#1 交通管理组");
	ck_assert_str_eq(m.attendees, "何欣威、周凯琳");
	meeting_clear(&m);
	/* The same decision to the same group twice is refused. */
	ck_assert_int_eq(task_add(st, &op1, &n, &tid, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
}
END_TEST

START_TEST(supervision_sees_every_group)
{
	struct task_filter f = {.which = TASK_LIST_OPEN, .now = T("2021-12-16T18:00")};
	struct task_new a = {.group = "交通管理组", .due_at = T("2021-12-16T17:00"),
			     .summary = "a"};
	struct task_new b = {.group = "物资调配组", .due_at = T("2021-12-17"), .summary = "b"};
	struct task *v;
	struct dd_err err;
	long long ia, ib;
	int n;

	ck_assert(task_add(st, &op1, &b, &ib, &err) == 0);
	ck_assert(task_add(st, &op1, &a, &ia, &err) == 0);
	ck_assert_int_eq(task_filter_for(st, &f, "督导检查组", &err), 0);
	ck_assert_int_eq(f.group_id, 0);
	ck_assert_int_eq(task_list(st, &f, &v, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(v[0].id, ia);    /* overdue first */
	tasks_free(v, n);
	ck_assert_int_eq(task_filter_for(st, &f, "物资调配组", &err), 0);
	ck_assert_int_ne(f.group_id, 0);
	ck_assert_int_eq(task_list(st, &f, &v, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].id, ib);
	tasks_free(v, n);
	ck_assert_int_eq(task_filter_for(st, &f, "不存在组", &err), -1);
}
END_TEST

START_TEST(report_counts_reviewed_figures_and_overdue_tasks)
{
	struct task_new t = {.group = "交通管理组", .due_at = T("2021-12-16T10:00"),
			     .summary = "设置外围卡点"};
	const struct report_section *s;
	struct report_daily r;
	struct dd_err err;
	long long fid = 0;

	ck_assert(task_add(st, &op1, &t, NULL, &err) == 0);
	ck_assert(stats_add(st, &op1, NULL, "samples", 1200, 0, &fid, &err) == 0);
	ddtime_fix_now(T("2021-12-16T18:00"));
	ck_assert_msg(report_daily_build(st, ddtime_now(), &r, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r.tasks_overdue, 1);
	ck_assert_int_eq(r.stats_reviewed, 0);
	ck_assert_int_eq(r.stats_pending, 1);
	s = report_section(&r, "stats");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->nlines, 0);
	ck_assert_str_eq(s->summary, "已审核 0 项；待审核 1 项，不计入");
	s = report_section(&r, "tasks");
	ck_assert_int_eq(s->nlines, 1);
	ck_assert_int_eq(s->lines[0].flag, 1);
	report_daily_clear(&r);
	ck_assert(stats_review(st, &op2, fid, &err) == 0);
	ck_assert(report_daily_build(st, ddtime_now(), &r, &err) == 0);
	ck_assert_int_eq(r.stats_reviewed, 1);
	ck_assert_int_eq(r.stats_pending, 0);
	s = report_section(&r, "stats");
	ck_assert_int_eq(s->nlines, 1);
	ck_assert_str_eq(s->lines[0].label, "核酸采样数");
	report_daily_clear(&r);
	ddtime_fix_now(T("2021-12-16T09:00"));
}
END_TEST

START_TEST(trend_of_reviewed_figures)
{
	struct stats_point *p;
	struct dd_err err;
	long long a = 0, b = 0;

	ck_assert(stats_add(st, &op1, NULL, "samples", 300, T("2021-12-14"), &a, &err) == 0);
	ck_assert(stats_add(st, &op1, NULL, "samples", 500, 0, &b, &err) == 0);
	ck_assert(stats_review(st, &op2, a, &err) == 0);
	ck_assert_int_eq(stats_trend(st, "samples", NULL, 0, STATS_TREND_DAYS, &p, &err), 0);
	ck_assert_int_eq(p[STATS_TREND_DAYS - 3].value, 300);
	ck_assert_int_eq(p[STATS_TREND_DAYS - 3].has, 1);
	ck_assert_int_eq(p[STATS_TREND_DAYS - 1].has, 0);   /* not reviewed yet */
	ck_assert_int_eq(p[STATS_TREND_DAYS - 1].day, T("2021-12-16"));
	free(p);
	ck_assert_int_eq(stats_trend(st, "samples", NULL, 0, 0, &p, &err), -1);
}
END_TEST

/* The metrics ship with the program: a new desk has them, and so does an
 * older one the first time this version opens it. */
START_TEST(metrics_seeded_new_and_old)
{
	struct stats_metric *m;
	struct store *old;
	struct dd_err err;
	char path[512];
	int n, seeded = 1;

	ck_assert_int_eq(stats_metrics(st, &m, &n, &err), 0);
	ck_assert_int_eq(n, 6);
	ck_assert_str_eq(m[0].key, "key-persons");
	ck_assert_str_eq(m[3].name, "核酸采样数");
	ck_assert_str_eq(m[3].group, "核酸采样工作组");
	stats_metrics_free(m, n);

	snprintf(path, sizeof path, "%s/old.db", dir);
	ck_assert_msg(store_open_at_version(&old, path, 4, &err) == 0, "%s", err.msg);
	ck_assert_msg(desk_seed(old, NULL, &err) == 0, "%s", err.msg);
	store_close(old);
	ck_assert_msg(desk_open(&old, path, 0, &seeded, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(seeded, 0);   /* not a first run: no "created" message */
	ck_assert_int_eq(stats_metrics(old, &m, &n, &err), 0);
	ck_assert_int_eq(n, 6);
	stats_metrics_free(m, n);
	store_close(old);
	snprintf(path, sizeof path, "%s/old.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/old.db-shm", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/old.db", dir);
	unlink(path);
}
END_TEST

START_TEST(people_lists_as_typed)
{
	struct actor *v;
	struct dd_err err;
	int n;

	ck_assert_msg(meeting_people(st, " 何欣威, 周凯琳，朱方洁、赵娜;", "x", &v, &n, &err) == 0,
		      "%s", err.msg);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(v[1].name, "周凯琳");
	ck_assert_str_eq(v[3].name, "赵娜");
	free(v);
	ck_assert_int_eq(meeting_people(st, "何欣威,无名氏", "x", &v, &n, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(meeting_people(st, " , ", "x", &v, &n, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(meeting_people(st, NULL, "x", &v, &n, &err), -1);
}
END_TEST

static Suite *followthrough_suite(void)
{
	Suite *s = suite_create("followthrough");
	struct {
		const char *name;
		int db;
		const TTest *tests[4];
	} cases[] = {
		{"task_state_at", 0, {state_open_overdue_closed}},
		{"task_sort", 0, {sort_overdue_first, sort_empty_and_one}},
		{"task_parse_due", 0, {due_date_is_end_of_day, due_not_passed}},
		{"stats_review_rule", 0, {review_by_another_only}},
		{"stats_sparkline", 0, {sparkline_scales_and_marks_missing}},
		{"zone_level_parse", 0, {zone_levels_as_typed}},
		{"zone_parse_hours", 0, {hours_as_typed}},
		{"meeting_kind_parse", 0, {meeting_kinds_as_typed}},
		{"stats_review", 1, {review_refused_to_the_enterer_by_the_store}},
		{"stats_day", 1, {only_reviewed_figures_count}},
		{"task_overdue", 1, {overdue_as_of}},
		{"append_only", 1, {append_only_and_closed_once}},
		{"zone_set", 1, {zones_refused_outside_an_outbreak,
				 zone_change_on_the_outbreaks_timeline, places_known_and_nearest}},
		{"meeting_people", 1, {people_lists_as_typed}},
		{"task_add", 1, {task_from_a_decision}},
		{"task_filter_for", 1, {supervision_sees_every_group}},
		{"report_daily_build", 1, {report_counts_reviewed_figures_and_overdue_tasks}},
		{"stats_trend", 1, {trend_of_reviewed_figures}},
		{"desk_seed", 1, {metrics_seeded_new_and_old}},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TCase *tc = tcase_create(cases[i].name);
		if (cases[i].db)
			tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 30);
		for (size_t j = 0; j < 4 && cases[i].tests[j]; j++)
			tcase_add_test(tc, cases[i].tests[j]);
		suite_add_tcase(s, tc);
	}
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	/* The desk's clock and zone, as in the command-line tests. */
	setenv("TZ", "CST-8", 1);
	tzset();
	ddtime_fix_now(1639616400); /* 2021-12-16T09:00 */
	setlocale(LC_ALL, "C.UTF-8");
	sr = srunner_create(followthrough_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
