/* test_chase.c — an overdue notification is chased: once per step whoever
 * runs the chase and however often, to the leader on duty (带班领导), then to
 * the leadership group's 组长, with a text message queued where a phone is on
 * file, and no more once the notification is done; continuations open on
 * the cadence while the task force stands, once per round; attempts are
 * counted with their last outcome. */
#include "desk/chase.h"

#include "fixture.h"

#include "desk/outbox.h"
#include "desk/outbreak.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "domain/escalation_chase.h"
#include "domain/log.h"
#include "store/store_sql.h"

static struct store *st;
static struct actor op;    /* 赵娜 */
static struct actor sup;   /* 何欣威, a supervisor */

static void phone(const char *name, const char *number)
{
	char sql[256];

	snprintf(sql, sizeof sql, "INSERT INTO phone(person_id, number) SELECT id, '%s' FROM "
		 "person WHERE name = '%s'", number, name);
	ck_assert_int_eq(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
}

static void setup(void)
{
	fx_mkdir("test_chase");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	sup = fx_actor(st, "何欣威");
	fx_now("2021-12-16T09:00");
}

static void teardown(void)
{
	fx_now(NULL);
	store_close(st);
	st = NULL;
	fx_cleanup();
}

static void leader_on_duty(void)
{
	struct dd_err err;
	long long id;

	ck_assert_msg(duty_add(st, &sup, fx_time("2021-12-16T08:00"), fx_time("2021-12-16T16:00"),
			       "赵娜", "何欣威", NULL, &id, &err) == 0, "%s", err.msg);
}

static long long positive(const char *at, int drill)
{
	struct log_new n = {.kind = LOG_POSITIVE, .occurred_at = fx_time(at),
			    .summary = "本土初筛阳性1例", .drill = drill};
	struct log_added out;
	struct dd_err err;

	ck_assert_msg(outbreak_log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	return out.id;
}

static struct chase_counts run(const char *now)
{
	struct chase_counts c;
	struct dd_err err;

	fx_now(now);
	ck_assert_msg(chase_run(st, ddtime_now(), &c, &err) == 0, "%s", err.msg);
	return c;
}

/* Required notifications not done and past due at `now`. */
static int overdue_required(const char *now)
{
	struct esc_notification *v;
	struct dd_err err;
	int n, k = 0;

	ck_assert_int_eq(escalation_list(st, ESC_OPEN, 0, 0, &v, &n, &err), 0);
	for (int i = 0; i < n; i++)
		k += v[i].required && v[i].due_at < fx_time(now);
	esc_notifications_free(v, n);
	return k;
}

static struct esc_chase *chases(int open, int *n)
{
	struct esc_chase *v;
	struct dd_err err;

	ck_assert_int_eq(esc_chase_list(st, open, 0, &v, n, &err), 0);
	return v;
}

START_TEST(chased_once_per_step_until_done)
{
	struct chase_counts c;
	struct esc_chase *v;
	struct dd_err err;
	long long pending = 0;
	int n, due;

	phone("何欣威", "0575-87000001");                /* a landline: no text message */
	phone("何欣威", "138 0000 0001");
	phone("徐航锋", "+86 13800000009");
	leader_on_duty();
	positive("2021-12-16T09:00", 0);
	c = run("2021-12-16T09:10");
	ck_assert_int_eq(c.chased, 0);                   /* nothing overdue yet */

	due = overdue_required("2021-12-16T09:16");
	ck_assert_int_ge(due, 2);
	c = run("2021-12-16T09:16");
	ck_assert_int_eq(c.chased, due);
	ck_assert_int_eq(c.queued, due);
	for (int i = 0; i < 3; i++) {                    /* again and again: nothing new */
		c = run("2021-12-16T09:17");
		ck_assert_int_eq(c.chased, 0);
		ck_assert_int_eq(c.queued, 0);
	}
	ck_assert_int_eq(outbox_pending(st, &pending, &err), 0);
	ck_assert_int_eq(pending, due);
	v = chases(1, &n);
	ck_assert_int_eq(n, due);
	ck_assert_int_eq(v[0].step, 1);
	ck_assert_str_eq(v[0].recipient, "何欣威");      /* the leader on duty */
	ck_assert_str_eq(v[0].number, "138 0000 0001");
	ck_assert_int_eq(v[0].due_at, fx_time("2021-12-16T09:26"));   /* chase-minutes 10 */
	{
		struct chase_status cs;

		ck_assert_int_eq(chase_status(st, fx_time("2021-12-16T09:17"), &cs, &err), 0);
		ck_assert_int_eq(cs.overdue, overdue_required("2021-12-16T09:17"));
		ck_assert_int_eq(cs.chases, due);
		ck_assert_int_eq(cs.unsent, due);
		ck_assert_int_eq(cs.sender_configured, 0);
	}
	/* The first is reported: its chase ends. */
	ck_assert_int_eq(escalation_done(st, &op, v[0].notification_id, "钱主任", NULL, &err), 0);
	esc_chases_free(v, n);
	v = chases(1, &n);
	ck_assert_int_eq(n, due - 1);
	esc_chases_free(v, n);
	v = chases(0, &n);
	ck_assert_int_eq(n, due);
	ck_assert_int_eq(v[0].done, 1);
	esc_chases_free(v, n);

	/* The chases went unanswered: step 2, to the leadership group's 组长. */
	c = run("2021-12-16T09:25");
	ck_assert_int_eq(c.chased, 0);
	c = run("2021-12-16T09:27");
	ck_assert_int_eq(c.chased, due - 1);
	ck_assert_int_eq(c.queued, due - 1);
	v = chases(1, &n);
	ck_assert_int_eq(n, 2 * (due - 1));
	ck_assert_int_eq(v[n - 1].step, 2);
	ck_assert_str_eq(v[n - 1].recipient, "徐航锋");
	esc_chases_free(v, n);
	/* There is no third step. */
	c = run("2021-12-16T10:30");
	ck_assert_int_eq(c.chased, overdue_required("2021-12-16T10:30") - (due - 1));
}
END_TEST

START_TEST(nobody_on_duty_and_no_phone)
{
	struct chase_counts c;
	struct esc_chase *v;
	struct outbox_item *items;
	struct dd_err err;
	int n, ni;

	positive("2021-12-16T09:00", 0);
	positive("2021-12-16T09:00", 1);                 /* a drill: never chased */
	c = run("2021-12-16T09:16");
	ck_assert_int_gt(c.chased, 0);
	ck_assert_int_eq(c.queued, 0);                   /* 徐航锋 has no phone on file */
	ck_assert_int_eq(c.no_number, c.chased);
	v = chases(1, &n);
	ck_assert_int_eq(n, c.chased);
	ck_assert_str_eq(v[0].recipient, "徐航锋");      /* nobody on duty: the 组长 */
	ck_assert_str_eq(v[0].number, "");
	esc_chases_free(v, n);
	ck_assert_int_eq(esc_chase_list(st, 1, 1, &v, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	esc_chases_free(v, n);
	ck_assert_int_eq(outbox_list(st, 0, &items, &ni, &err), 0);
	ck_assert_int_eq(ni, 0);
	outbox_items_free(items, ni);
}
END_TEST

START_TEST(the_message)
{
	char buf[512];

	chase_message(12, "positive", "initial", 0, "诸暨市值班组", fx_time("2021-12-16T09:15"),
		      buf, sizeof buf);
	ck_assert_str_eq(buf, "【马剑镇值班台】催报：条目#12 本土初筛阳性 初报 向诸暨市值班组 "
			      "限12-16 09:15 已逾期，请督促。");
}
END_TEST

static int rounds_of(long long entry)
{
	struct esc_notification *v;
	struct dd_err err;
	int n, max = 0;

	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, entry, &v, &n, &err), 0);
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].stage, "continuation") == 0 && v[i].round > max)
			max = v[i].round;
	esc_notifications_free(v, n);
	return max;
}

START_TEST(continuations_on_the_cadence)
{
	long long id = positive("2021-12-16T09:00", 0);
	struct esc_notification *v;
	struct dd_err err;
	int n, opened;

	ck_assert_int_eq(run("2021-12-16T09:59").continuations, 0);
	ck_assert_int_eq(run("2021-12-16T10:00").continuations, 1);   /* the cadence: 60 min */
	ck_assert_int_eq(run("2021-12-16T10:00").continuations, 0);   /* once per round */
	ck_assert_int_eq(rounds_of(id), 1);
	/* Pressed by hand while 续报一 is not made: the same round. */
	ck_assert_int_eq(escalation_open_stage(st, &op, id, "continuation", &opened, &err), 0);
	ck_assert_int_eq(opened, 0);
	ck_assert_int_eq(rounds_of(id), 1);
	ck_assert_int_eq(run("2021-12-16T11:00").continuations, 1);
	ck_assert_int_eq(rounds_of(id), 2);
	/* Once the final report is open, no more rounds. */
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, id, &v, &n, &err), 0);
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].stage, "initial") == 0)
			ck_assert_int_eq(escalation_done(st, &op, v[i].id, "钱主任", NULL, &err), 0);
	esc_notifications_free(v, n);
	ck_assert_msg(escalation_open_final(st, &op, id, "已处置", &opened, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(run("2021-12-16T13:00").continuations, 0);
	ck_assert_int_eq(rounds_of(id), 2);
}
END_TEST

START_TEST(attempts_counted)
{
	long long id = positive("2021-12-16T09:00", 0);
	struct esc_notification *v;
	struct dd_err err;
	int n;

	(void)id;
	ck_assert_int_eq(escalation_attempt(st, &op, 1, ESC_NO_ANSWER, NULL, NULL, &err), 0);
	ck_assert_int_eq(escalation_attempt(st, &op, 1, ESC_BUSY, NULL, "占线", &err), 0);
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, 0, &v, &n, &err), 0);
	ck_assert_int_eq(v[0].attempts, 2);
	ck_assert_str_eq(v[0].last_outcome, "busy");
	ck_assert_int_eq(v[0].done_at, 0);               /* not reached: not done */
	ck_assert_int_eq(v[1].attempts, 0);
	ck_assert_str_eq(v[1].last_outcome, "");
	esc_notifications_free(v, n);
	ck_assert_int_eq(escalation_attempt(st, &op, 1, ESC_ANSWERED, NULL, NULL, &err), -1);
	ck_assert_int_eq(escalation_attempt(st, &op, 1, ESC_ANSWERED, "钱主任", NULL, &err), 0);
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, 0, &v, &n, &err), 0);
	ck_assert_int_eq(v[0].attempts, 3);
	ck_assert_str_eq(v[0].last_outcome, "answered");
	ck_assert_int_ne(v[0].done_at, 0);
	ck_assert_str_eq(v[0].answered_by, "钱主任");
	esc_notifications_free(v, n);
	ck_assert_int_eq(escalation_attempt(st, &op, 1, ESC_BUSY, NULL, NULL, &err), -1);
	ck_assert_int_eq(escalation_attempt(st, &op, 999, ESC_BUSY, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(escalation_outcome_parse("wrong-number"), ESC_WRONG_NUMBER);
	ck_assert_int_eq(escalation_attempt(st, &op, 2, ESC_MESSAGE_SENT, NULL, "传真已发", &err),
			 0);
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, 0, &v, &n, &err), 0);
	ck_assert_str_eq(v[1].last_outcome, "message-sent");
	ck_assert_int_eq(v[1].done_at, 0);               /* handed over is not reached */
	esc_notifications_free(v, n);
	ck_assert_int_eq(escalation_outcome_parse("maybe"), -1);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"chase", {chased_once_per_step_until_done, nobody_on_duty_and_no_phone,
			   the_message}},
		{"stages", {continuations_on_the_cadence}},
		{"attempts", {attempts_counted}},
	};

	return fx_run(fx_suite("chase", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
