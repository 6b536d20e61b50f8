/* test_outbreak.c — the outbreak rule (desk/outbreak.c) against a real desk:
 * the first local positive case applies each effect of the transition in the
 * same transaction as the entry (the change of mode, the escalations, the
 * trace investigation, the 24-hour duty cover, the zones), a second one only
 * escalates, a drill runs apart, other kinds follow their escalation rules,
 * and the stand-down is refused while escalations are unacknowledged.
 *
 * The desk's clock stands at 2021-12-15T14:30 unless a test moves it. */
#include "desk/outbreak.h"

#include "fixture.h"

#include "domain/duty.h"
#include "domain/escalation.h"
#include "domain/zone.h"

#define NOW "2021-12-15T14:30"

static struct store *st;
static struct actor op, sup;   /* 赵娜, 何欣威 */

static void setup(void)
{
	fx_mkdir("test_outbreak");
	fx_now(NOW);
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	sup = fx_actor(st, "何欣威");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
	fx_now(NULL);
}

static struct log_added record(enum log_kind kind, const char *at, const char *summary,
			       int drill)
{
	struct log_new n = {.kind = kind, .occurred_at = fx_time(at), .summary = summary,
			    .source = "诸暨市疾控中心", .drill = drill};
	struct log_added out;
	struct dd_err err;

	ck_assert_msg(outbreak_log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	return out;
}

static struct log_added positive(const char *at, const char *summary, int drill)
{
	return record(LOG_POSITIVE, at, summary, drill);
}

static struct mode_status current(int drill)
{
	struct mode_status m;
	struct dd_err err;

	ck_assert_msg(mode_current(st, drill, &m, &err) == 0, "%s", err.msg);
	return m;
}

/* Notifications of entry `id` (all of them), and required ones not done. */
static int notifications_of(long long id, int drill)
{
	struct esc_notification *v;
	struct dd_err err;
	int n;

	ck_assert_msg(escalation_list(st, ESC_ALL, drill, id, &v, &n, &err) == 0, "%s", err.msg);
	esc_notifications_free(v, n);
	return n;
}

static long long pending(int drill)
{
	long long n = -1;
	struct dd_err err;

	ck_assert_msg(escalation_pending(st, drill, 0, &n, &err) == 0, "%s", err.msg);
	return n;
}

/* Mark every open required notification of `drill` done. */
static int acknowledge_all(int drill)
{
	struct esc_notification *v;
	struct dd_err err;
	int n, done = 0;

	ck_assert_int_eq(escalation_list(st, ESC_OPEN, drill, 0, &v, &n, &err), 0);
	for (int i = 0; i < n; i++)
		if (v[i].required) {
			ck_assert_msg(escalation_done(st, &op, v[i].id, "值班员甲", NULL,
						      &err) == 0, "%s", err.msg);
			done++;
		}
	esc_notifications_free(v, n);
	return done;
}

/* Trace investigations (溯源调查) recorded, real or drill. */
static int traces(int drill, struct log_entry *first)
{
	struct log_filter f;
	struct log_entry *rows;
	struct dd_err err;
	int n;

	log_filter_init(&f);
	f.search = "溯源调查";
	f.drill = drill;
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, 0, 10, &rows, &n, &err), 0);
	if (first && n > 0) {
		*first = rows[n - 1];
		memset(&rows[n - 1], 0, sizeof rows[n - 1]);
	}
	log_entries_free(rows, n);
	return n;
}

static int collect(const struct log_event *ev, void *ctx)
{
	char *s = ctx;
	size_t len = strlen(s);

	snprintf(s + len, 4096 - len, "%s[%s %s|%s|%s]", len ? " " : "", ev->type, ev->actor,
		 ev->text, ev->detail);
	return 0;
}

/* An incident's timeline as "[type actor|text|detail] ...". */
static const char *timeline_of(long long id)
{
	static char buf[4096];
	struct dd_err err;

	buf[0] = '\0';
	ck_assert_msg(log_timeline(st, id, collect, buf, &err) == 0, "%s", err.msg);
	return buf;
}

static int zone(const char *place, struct zone_set_result *r, struct dd_err *err)
{
	return zone_set(st, &op, place, ZONE_CLOSED, "根据市专家组研判", 0, r, err);
}

/* ---- the first positive case: each effect --------------------------------- */

START_TEST(first_positive_switches_the_mode)
{
	struct mode_status before = current(0), m;
	struct log_added a = positive("2021-12-15T14:00", "马剑村核酸初筛阳性一例", 0);
	char want[32];

	ck_assert_int_eq(before.state, MODE_NORMAL);
	ck_assert_int_eq(a.mode_changed, 1);
	m = current(0);
	ck_assert_int_eq(m.state, MODE_TASKFORCE);
	ck_assert_int_eq(m.since, fx_time(NOW));                 /* when it was recorded */
	ck_assert_int_eq(m.trigger, a.id);
	ck_assert_int_eq(m.outbreak, a.id);
	ck_assert_str_eq(m.by, "赵娜");
	snprintf(want, sizeof want, "#%lld", a.id);
	ck_assert_ptr_nonnull(strstr(m.reason, want));
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id), "[mode 赵娜|normal → taskforce|"));
	ck_assert_int_eq(current(1).state, MODE_NORMAL);        /* the drill's own state */
}
END_TEST

START_TEST(first_positive_opens_the_escalations)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0);
	struct esc_notification *v;
	struct dd_err err;
	int n;

	ck_assert_int_gt(a.notifications, 0);
	ck_assert_int_eq(a.notifications, notifications_of(a.id, 0));
	ck_assert_int_eq(pending(0), a.notifications);           /* every positive rule is required */
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, a.id, &v, &n, &err), 0);
	for (int i = 0; i < n; i++) {
		ck_assert_str_eq(v[i].stage, "initial");
		ck_assert_int_ge(v[i].due_at, fx_time("2021-12-15T14:00")); /* from when it happened */
		ck_assert_int_lt(v[i].due_at, fx_time(NOW) + 3600);
	}
	esc_notifications_free(v, n);
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id), "[escalated 赵娜|初报："));
}
END_TEST

START_TEST(first_positive_opens_the_trace)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0);
	struct log_entry t = {0};
	char want[32];

	ck_assert_int_eq(traces(0, &t), 1);
	snprintf(want, sizeof want, "#%lld", a.id);
	ck_assert_ptr_nonnull(strstr(t.summary, want));
	ck_assert_str_eq(t.group, "领导小组");
	ck_assert_int_eq(t.parent_id, 0);                        /* an incident of its own */
	ck_assert(!t.closed);
	ck_assert(!t.drill);
	ck_assert_int_eq(t.occurred_at, fx_time("2021-12-15T14:00"));
	log_entry_clear(&t);
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id), "[noted 赵娜|溯源调查：本土初筛阳性 "));
}
END_TEST

START_TEST(first_positive_requires_round_the_clock_duty)
{
	struct duty_cover c;
	struct dd_err err;

	ck_assert_int_eq(duty_required(st, fx_time(NOW), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 0);
	ck_assert_int_eq(c.to, c.from);
	positive("2021-12-15T14:00", "阳性一例", 0);
	ck_assert_int_eq(duty_required(st, fx_time(NOW), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 1);
	ck_assert_int_eq(c.from, fx_time(NOW));
	ck_assert_int_eq(c.to, fx_time("2021-12-16T14:30"));
	/* Asked of a time before the task force began, nothing was required. */
	ck_assert_int_eq(duty_required(st, fx_time("2021-12-15T14:29"), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 0);
}
END_TEST

START_TEST(first_positive_opens_the_zones)
{
	struct zone_set_result r;
	struct log_added a;
	struct dd_err err;

	ck_assert_int_eq(zone("平阳社区", &r, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	a = positive("2021-12-15T14:00", "平阳社区阳性一例", 0);
	ck_assert_msg(zone("平阳社区", &r, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r.outbreak, a.id);
}
END_TEST

/* The steps of the UI's dialogs, each checked as it is answered: the
 * place (known, new, or a unit of another kind), the zone (not the one it
 * is in), a checkpoint's village, the stand-down's reason. */
START_TEST(zone_steps_checked)
{
	struct zone_set_result r;
	enum zone_level now;
	struct dd_err err;
	char clean[ZONE_PLACE_MAX + 1];
	int known;

	ck_assert_int_eq(zone_check_open(st, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	positive("2021-12-15T14:00", "平阳社区阳性一例", 0);
	ck_assert_msg(zone_check_open(st, &err) == 0, "%s", err.msg);
	ck_assert_msg(zone_check_place(st, " 平阳社区 ", &known, &now, clean, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(known, 1);
	ck_assert_int_eq(now, ZONE_NONE);
	ck_assert_str_eq(clean, "平阳社区");
	ck_assert_int_eq(zone_check_place(st, "平阳社", &known, &now, NULL, &err), 0);
	ck_assert_int_eq(known, 0);
	ck_assert_int_eq(zone_check_place(st, "派出所", &known, &now, NULL, &err), -1);
	ck_assert_int_eq(zone_check_place(st, "  ", &known, &now, NULL, &err), -1);
	ck_assert_int_eq(zone_check_level("平阳社区", ZONE_NONE, ZONE_NONE, fx_time("2021-12-15T15:00"),
					  &err), -1);
	ck_assert_msg(zone("平阳社区", &r, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(zone_check_place(st, "平阳社区", &known, &now, NULL, &err), 0);
	ck_assert_int_eq(now, ZONE_CLOSED);
	ck_assert_int_eq(zone_check_level("平阳社区", now, ZONE_CLOSED, fx_time("2021-12-15T15:00"),
					  &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "already in that zone"));
	ck_assert_int_eq(zone_check_level("平阳社区", now, ZONE_CONTROLLED,
					  fx_time("2021-12-15T15:00"), &err), 0);
	ck_assert_int_eq(zone_check_village(st, "平阳社", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_msg(zone_check_village(st, "平阳社区", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(zone_check_checkpoint_place("", &err), -1);
	ck_assert_int_eq(zone_check_checkpoint_place("马剑村口", &err), 0);
	ck_assert_int_eq(outbreak_check_reason("", &err), -1);
	ck_assert_int_eq(outbreak_check_reason("经研判\n另一行", &err), -1);
	ck_assert_int_eq(outbreak_check_reason("经研判，疫情已得到控制", &err), 0);
}
END_TEST

/* ---- later entries ---------------------------------------------------------- */

START_TEST(second_positive_only_escalates)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0);
	struct mode_status m1 = current(0), m2;
	struct log_added b = positive("2021-12-15T14:20", "阳性第二例", 0);
	struct duty_cover c;
	struct dd_err err;

	m2 = current(0);
	ck_assert_int_eq(b.mode_changed, 0);
	ck_assert_int_eq(b.notifications, a.notifications);    /* escalated all the same */
	ck_assert_int_eq(b.notifications, notifications_of(b.id, 0));
	ck_assert_int_eq(m2.event_id, m1.event_id);
	ck_assert_int_eq(m2.outbreak, a.id);
	ck_assert_ptr_null(strstr(timeline_of(b.id), "[mode "));
	ck_assert_ptr_nonnull(strstr(timeline_of(b.id), "[escalated "));
	ck_assert_int_eq(traces(0, NULL), 1);                   /* one investigation */
	ck_assert_int_eq(duty_required(st, fx_time(NOW), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 1);
}
END_TEST

START_TEST(drill_runs_apart)
{
	struct log_added d = positive("2021-12-15T14:00", "演练：阳性一例", 1);
	struct mode_status drill = current(1);
	struct zone_set_result r;
	struct duty_cover c;
	struct dd_err err;

	ck_assert_int_eq(d.mode_changed, 1);
	ck_assert_int_eq(drill.state, MODE_TASKFORCE);
	ck_assert_int_eq(drill.outbreak, d.id);
	ck_assert_int_eq(d.notifications, notifications_of(d.id, 1));
	ck_assert_int_gt(pending(1), 0);
	ck_assert_int_eq(traces(1, NULL), 1);
	/* The real town is untouched: its mode, escalations, duty and zones. */
	ck_assert_int_eq(current(0).event_id, 0);
	ck_assert_int_eq(pending(0), 0);
	ck_assert_int_eq(traces(0, NULL), 0);
	ck_assert_int_eq(duty_required(st, fx_time(NOW), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 0);
	ck_assert_int_eq(zone("平阳社区", &r, &err), -1);
	/* A real positive case afterwards is the real town's first. */
	ck_assert_int_eq(positive("2021-12-15T14:10", "阳性一例", 0).mode_changed, 1);
}
END_TEST

START_TEST(other_kinds_follow_their_rules)
{
	struct log_added k = record(LOG_KEY_PERSON, "2021-12-15T14:00", "密接人员一名", 0);
	struct log_added c = record(LOG_CALL, "2021-12-15T14:05", "群众来电咨询", 0);

	ck_assert_int_gt(k.notifications, 0);                   /* 重点人员 has a rule */
	ck_assert_int_eq(k.notifications, notifications_of(k.id, 0));
	ck_assert_int_eq(k.mode_changed, 0);
	ck_assert_int_eq(c.notifications, 0);                   /* a call has none */
	ck_assert_int_eq(notifications_of(c.id, 0), 0);
	ck_assert_int_eq(current(0).state, MODE_NORMAL);
	ck_assert_int_eq(traces(0, NULL), 0);
}
END_TEST

/* A refused entry leaves nothing of what it would have set off. */
START_TEST(refused_positive_sets_off_nothing)
{
	struct log_new n = {.kind = LOG_POSITIVE, .occurred_at = fx_time("2021-12-15T14:00"),
			    .summary = "阳性", .group = "没有这个组"};
	struct log_added out;
	struct dd_err err;
	struct log_filter f;
	long long entries = -1;

	ck_assert_int_eq(outbreak_log_add(st, &op, &n, &out, &err), -1);
	ck_assert_int_eq(current(0).state, MODE_NORMAL);
	ck_assert_int_eq(pending(0), 0);
	log_filter_init(&f);
	ck_assert_int_eq(log_count(st, &f, &entries, &err), 0);
	ck_assert_int_eq(entries, 0);
}
END_TEST

/* ---- the stand-down ------------------------------------------------------- */

START_TEST(stand_down_guarded)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0);
	enum mode_refusal why;
	struct mode_status m;
	struct dd_err err;
	char want[32];
	long long open = pending(0);

	ck_assert_int_gt(open, 0);
	ck_assert_int_eq(outbreak_stand_down(st, &op, "疫情结束", 0, &why, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(why, MODE_REFUSE_NOT_SUPERVISOR);
	ck_assert_int_eq(outbreak_stand_down(st, &sup, "", 0, &why, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(why, MODE_REFUSE_NO_REASON);
	ck_assert_int_eq(outbreak_stand_down(st, &sup, "疫情结束", 0, &why, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(why, MODE_REFUSE_OPEN_ESCALATIONS);
	snprintf(want, sizeof want, "%lld", open);
	ck_assert_msg(strstr(err.msg, want), "%s", err.msg);     /* how many are pending */
	/* The problem, not a command line: each front end adds its own hint. */
	ck_assert_msg(!strstr(err.msg, "dutydesk") && !strstr(err.msg, "--"), "%s", err.msg);
	ck_assert_int_eq(current(0).state, MODE_TASKFORCE);

	ck_assert_int_eq(acknowledge_all(0), open);
	fx_now("2021-12-15T18:00");
	/* What is still open is named, and must be confirmed kind by kind. */
	{
		struct outbreak_open o;
		unsigned mask;

		ck_assert_int_eq(outbreak_stand_down_confirmed(st, &sup, "疫情结束", 0,
							       OUTBREAK_ZONES, &o, &why, &err), -1);
		ck_assert_int_eq(err.code, DD_EDENIED);
		ck_assert_int_eq(why, MODE_OK);
		ck_assert_int_eq(o.positives, 1);
		ck_assert_int_eq(o.no_final, 1);
		ck_assert_msg(strstr(err.msg, "1 positive case(s) not closed") &&
			      strstr(err.msg, "1 final report(s)"), "%s", err.msg);
		ck_assert_int_eq(current(0).state, MODE_TASKFORCE);
		ck_assert_int_eq(outbreak_open_parse("positives,final", &mask, &err), 0);
		ck_assert_uint_eq(mask, OUTBREAK_POSITIVES | OUTBREAK_FINAL);
		ck_assert_int_eq(outbreak_open_parse("positives,later", &mask, &err), -1);
	}
	ck_assert_msg(outbreak_stand_down_confirmed(st, &sup, "疫情结束，解除专班", 0,
						    OUTBREAK_POSITIVES | OUTBREAK_FINAL, NULL, &why,
						    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(why, MODE_OK);
	m = current(0);
	ck_assert_int_eq(m.state, MODE_NORMAL);
	ck_assert_str_eq(m.by, "何欣威");
	ck_assert_str_eq(m.reason, "疫情结束，解除专班");
	ck_assert_int_eq(m.outbreak, a.id);
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id),
				     "[mode 何欣威|taskforce → normal|疫情结束，解除专班]"));

	ck_assert_int_eq(outbreak_stand_down(st, &sup, "再次", 0, &why, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(why, MODE_REFUSE_NOT_IN_TASKFORCE);
}
END_TEST

/* Standing down ends what the task force held; the next positive case is a
 * new outbreak with its own escalations to acknowledge. */
START_TEST(new_outbreak_after_stand_down)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0), b;
	struct zone_set_result r;
	struct duty_cover c;
	struct dd_err err;

	acknowledge_all(0);
	fx_now("2021-12-15T18:00");
	ck_assert_int_eq(outbreak_stand_down_confirmed(st, &sup, "解除", 0, OUTBREAK_ALL, NULL,
						       NULL, &err), 0);
	ck_assert_int_eq(duty_required(st, fx_time("2021-12-15T18:00"), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 0);
	ck_assert_int_eq(duty_required(st, fx_time("2021-12-15T17:00"), &c, &err), 0);
	ck_assert_int_eq(c.round_clock, 1);                     /* it was, then */
	ck_assert_int_eq(zone("平阳社区", &r, &err), -1);
	fx_now("2021-12-15T20:30");
	b = positive("2021-12-15T20:00", "新的阳性", 0);
	ck_assert_int_eq(b.mode_changed, 1);
	ck_assert_int_eq(current(0).outbreak, b.id);
	ck_assert_int_ne(b.id, a.id);
	ck_assert_int_eq(traces(0, NULL), 2);
	ck_assert_int_eq(outbreak_stand_down_confirmed(st, &sup, "解除", 0, OUTBREAK_ALL, NULL,
						       NULL, &err), -1);  /* b's */
}
END_TEST

START_TEST(drill_stands_down_apart)
{
	struct dd_err err;
	enum mode_refusal why;

	positive("2021-12-15T14:00", "演练：阳性一例", 1);
	ck_assert_int_eq(outbreak_stand_down(st, &sup, "演练结束", 0, &why, &err), -1);
	ck_assert_int_eq(why, MODE_REFUSE_NOT_IN_TASKFORCE);     /* the real one never began */
	ck_assert_int_eq(outbreak_stand_down(st, &sup, "演练结束", 1, &why, &err), -1);
	ck_assert_int_eq(why, MODE_REFUSE_OPEN_ESCALATIONS);
	ck_assert_int_gt(acknowledge_all(1), 0);
	ck_assert_msg(outbreak_stand_down_confirmed(st, &sup, "演练结束", 1, OUTBREAK_ALL, NULL,
						    NULL, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(current(1).state, MODE_NORMAL);
	ck_assert_int_eq(current(0).event_id, 0);                  /* never touched */
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"first_positive", {first_positive_switches_the_mode,
				    first_positive_opens_the_escalations,
				    first_positive_opens_the_trace,
				    first_positive_requires_round_the_clock_duty,
				    first_positive_opens_the_zones, zone_steps_checked}},
		{"later_entries", {second_positive_only_escalates, drill_runs_apart,
				   other_kinds_follow_their_rules,
				   refused_positive_sets_off_nothing}},
		{"stand_down", {stand_down_guarded, new_outbreak_after_stand_down,
				drill_stands_down_apart}},
	};

	return fx_run(fx_suite("outbreak", cases, sizeof cases / sizeof cases[0], setup,
			       teardown, 60));
}
