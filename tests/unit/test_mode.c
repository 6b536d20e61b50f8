/* test_mode.c — the town's mode: the pure state machine over every state,
 * event and guard, then its store side: a positive entry switches the town
 * into the task force in the same transaction, with escalations and a trace
 * investigation; a stand-down is refused while required notifications are
 * pending and allowed after; a drill runs on a state of its own; every
 * change is an event with who, when, why and the triggering entry. */
#include "domain/mode.h"

#include "fixture.h"

#include "domain/escalation.h"
#include "domain/log.h"

/* ---- mode_transition (pure) ---------------------------------------------- */

/* The rules as SPEC §4 states them, written out independently. */
static struct mode_step oracle(enum mode_state s, enum mode_event e,
			       const struct mode_guards *g)
{
	struct mode_step keep = {.next = s};

	if (e == MODE_EV_POSITIVE) {
		if (s == MODE_NORMAL)
			return (struct mode_step){MODE_TASKFORCE, MODE_FX_TRANSITION |
						  MODE_FX_ESCALATE | MODE_FX_TRACE |
						  MODE_FX_DUTY24, MODE_OK};
		return (struct mode_step){s, MODE_FX_ESCALATE, MODE_OK};
	}
	if (e != MODE_EV_STAND_DOWN)
		return keep;
	if (s != MODE_TASKFORCE)
		keep.refusal = MODE_REFUSE_NOT_IN_TASKFORCE;
	else if (!g || g->access < ACCESS_SUPERVISOR)
		keep.refusal = MODE_REFUSE_NOT_SUPERVISOR;
	else if (!g->has_reason)
		keep.refusal = MODE_REFUSE_NO_REASON;
	else if (g->unacknowledged > 0)
		keep.refusal = MODE_REFUSE_OPEN_ESCALATIONS;
	else
		return (struct mode_step){MODE_NORMAL, MODE_FX_TRANSITION, MODE_OK};
	return keep;
}

static void check_step(int s, int e, int a, int r, long long unack)
{
	struct mode_guards g = {(enum access)(a < 0 ? 0 : a), r, unack};
	const struct mode_guards *gp = a < 0 ? NULL : &g;      /* a < 0: no guards */
	struct mode_step got = mode_transition((enum mode_state)s, (enum mode_event)e, gp);
	struct mode_step want = oracle((enum mode_state)s, (enum mode_event)e, gp);

	ck_assert_msg(got.next == want.next && got.effects == want.effects &&
		      got.refusal == want.refusal,
		      "state %d event %d access %d reason %d unack %lld: got %d/%u/%d "
		      "want %d/%u/%d", s, e, a, r, unack, got.next, got.effects, got.refusal,
		      want.next, want.effects, want.refusal);
	/* A refusal never moves or does anything. */
	if (got.refusal != MODE_OK)
		ck_assert((int)got.next == s && got.effects == 0);
}

START_TEST(transition_exhaustive)
{
	static const long long unack[] = {0, 1, 7};
	int checked = 0;

	for (int s = 0; s < MODE_STATE_COUNT; s++)
		for (int e = 0; e <= MODE_EVENT_COUNT; e++)
			for (int a = -1; a <= ACCESS_ADMIN; a++)
				for (int r = 0; r <= 1; r++)
					for (int u = 0; u < 3; u++, checked++)
						check_step(s, e, a, r, unack[u]);
	ck_assert_int_eq(checked, 2 * 3 * 4 * 2 * 3);
}
END_TEST

START_TEST(transition_examples)
{
	struct mode_guards sup = {ACCESS_SUPERVISOR, 1, 0};
	struct mode_step s;

	s = mode_transition(MODE_NORMAL, MODE_EV_POSITIVE, NULL);
	ck_assert_int_eq(s.next, MODE_TASKFORCE);
	ck_assert(s.effects & MODE_FX_TRACE);
	s = mode_transition(MODE_TASKFORCE, MODE_EV_POSITIVE, &sup);
	ck_assert_int_eq(s.next, MODE_TASKFORCE);
	ck_assert_uint_eq(s.effects, MODE_FX_ESCALATE);       /* no second transition */
	s = mode_transition(MODE_TASKFORCE, MODE_EV_STAND_DOWN, &sup);
	ck_assert_int_eq(s.next, MODE_NORMAL);
	sup.unacknowledged = 1;
	s = mode_transition(MODE_TASKFORCE, MODE_EV_STAND_DOWN, &sup);
	ck_assert_int_eq(s.refusal, MODE_REFUSE_OPEN_ESCALATIONS);
	sup.access = ACCESS_OPERATOR;
	s = mode_transition(MODE_TASKFORCE, MODE_EV_STAND_DOWN, &sup);
	ck_assert_int_eq(s.refusal, MODE_REFUSE_NOT_SUPERVISOR);
}
END_TEST

START_TEST(names_and_texts)
{
	ck_assert_str_eq(mode_name(MODE_NORMAL), "normal");
	ck_assert_str_eq(mode_name(MODE_TASKFORCE), "taskforce");
	ck_assert_str_eq(mode_name(MODE_STATE_COUNT), "?");
	ck_assert_str_ne(mode_label(MODE_NORMAL), mode_label(MODE_TASKFORCE));
	for (int r = MODE_OK; r <= MODE_REFUSE_NOT_IN_TASKFORCE; r++) {
		ck_assert_str_ne(mode_refusal_text((enum mode_refusal)r), "?");
		for (int q = MODE_OK; q < r; q++)
			ck_assert_str_ne(mode_refusal_text((enum mode_refusal)r),
					 mode_refusal_text((enum mode_refusal)q));
	}
}
END_TEST

/* ---- the store side ------------------------------------------------------ */

static struct store *st;
static struct actor op, sup;   /* 赵娜, 何欣威 */

static void setup(void)
{
	fx_mkdir("test_mode");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	sup = fx_actor(st, "何欣威");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

static struct mode_status current(int drill)
{
	struct mode_status m;
	struct dd_err err;

	ck_assert_msg(mode_current(st, drill, &m, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(m.drill, drill);
	return m;
}

static struct log_added positive(const char *at, const char *summary, int drill)
{
	struct log_new n = {.kind = LOG_POSITIVE, .occurred_at = fx_time(at),
			    .summary = summary, .source = "诸暨市疾控中心", .drill = drill};
	struct log_added out;
	struct dd_err err;

	ck_assert_msg(log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	return out;
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

/* Required notifications of `drill` not done. */
static long long pending(int drill)
{
	long long n = -1;
	struct dd_err err;

	ck_assert_msg(escalation_pending(st, drill, 0, &n, &err) == 0, "%s", err.msg);
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

START_TEST(normal_at_the_start)
{
	struct mode_status m = current(0);

	ck_assert_int_eq(m.state, MODE_NORMAL);
	ck_assert_int_eq(m.since, 0);
	ck_assert_int_eq(m.event_id, 0);
	ck_assert_int_eq(current(1).state, MODE_NORMAL);
}
END_TEST

START_TEST(positive_enters_the_task_force)
{
	struct log_added a = positive("2021-12-15T14:00", "马剑村核酸初筛阳性一例", 0);
	struct mode_status m = current(0);
	struct log_filter f;
	struct log_entry *rows;
	struct dd_err err;
	char want[96];
	int n;

	ck_assert_int_eq(a.mode_changed, 1);
	ck_assert_int_gt(a.notifications, 0);
	ck_assert_int_eq(m.state, MODE_TASKFORCE);
	ck_assert_int_eq(m.trigger, a.id);
	ck_assert_int_eq(m.outbreak, a.id);
	ck_assert_int_gt(m.since, 0);
	ck_assert_str_eq(m.by, "赵娜");
	snprintf(want, sizeof want, "#%lld", a.id);
	ck_assert_ptr_nonnull(strstr(m.reason, want));
	ck_assert_int_eq(current(1).state, MODE_NORMAL);        /* the drill's own state */

	/* The trace investigation (溯源调查) is an open incident of 领导小组. */
	log_filter_init(&f);
	f.search = "溯源调查";
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, 0, 10, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(rows[0].summary, want));
	ck_assert_str_eq(rows[0].group, "领导小组");
	ck_assert(!rows[0].closed);
	ck_assert_int_eq(rows[0].occurred_at, fx_time("2021-12-15T14:00"));
	log_entries_free(rows, n);

	/* The positive case's timeline: recorded, mode changed, escalated,
	 * pointed at the investigation. */
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id), "[mode 赵娜|normal → taskforce|"));
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id), "[escalated "));
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id), "溯源调查"));
}
END_TEST

START_TEST(later_positive_escalates_without_a_transition)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0);
	struct mode_status m1 = current(0);
	struct log_added b = positive("2021-12-15T15:00", "阳性第二例", 0);
	struct mode_status m2 = current(0);

	ck_assert_int_eq(b.mode_changed, 0);
	ck_assert_int_eq(b.notifications, a.notifications);    /* escalated all the same */
	ck_assert_int_eq(m2.event_id, m1.event_id);
	ck_assert_int_eq(m2.outbreak, a.id);
	ck_assert_ptr_null(strstr(timeline_of(b.id), "[mode "));
}
END_TEST

START_TEST(positive_refused_leaves_the_mode)
{
	struct log_new n = {.kind = LOG_POSITIVE, .occurred_at = fx_time("2021-12-15T14:00"),
			    .summary = "阳性", .group = "没有这个组"};
	struct log_added out;
	struct dd_err err;

	ck_assert_int_eq(log_add(st, &op, &n, &out, &err), -1);
	ck_assert_int_eq(current(0).state, MODE_NORMAL);
	ck_assert_int_eq(pending(0), 0);
}
END_TEST

START_TEST(stand_down_refused_while_pending)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0);
	struct log_added b = positive("2021-12-15T15:00", "阳性第二例", 0);
	struct mode_status m;
	struct dd_err err;
	char want[32];
	long long open = pending(0);

	ck_assert_int_gt(b.notifications, 0);
	ck_assert_int_gt(open, 0);
	ck_assert_int_eq(mode_stand_down(st, &op, "疫情结束", 0, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);                  /* not a supervisor */
	ck_assert_int_eq(mode_stand_down(st, &sup, "", 0, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);                   /* no reason */
	ck_assert_int_eq(mode_stand_down(st, &sup, "疫情结束", 0, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	snprintf(want, sizeof want, "%lld", open);
	ck_assert_msg(strstr(err.msg, want), "%s", err.msg);     /* how many are pending */
	ck_assert_int_eq(current(0).state, MODE_TASKFORCE);

	ck_assert_int_eq(acknowledge_all(0), open);
	ck_assert_int_eq(pending(0), 0);
	ck_assert_msg(mode_stand_down(st, &sup, "疫情结束，解除专班", 0, &err) == 0, "%s",
		      err.msg);
	m = current(0);
	ck_assert_int_eq(m.state, MODE_NORMAL);
	ck_assert_str_eq(m.by, "何欣威");
	ck_assert_str_eq(m.reason, "疫情结束，解除专班");
	ck_assert_int_eq(m.outbreak, a.id);
	ck_assert_ptr_nonnull(strstr(timeline_of(a.id),
				     "[mode 何欣威|taskforce → normal|疫情结束，解除专班]"));

	ck_assert_int_eq(mode_stand_down(st, &sup, "再次", 0, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);                  /* not in the task force */
}
END_TEST

START_TEST(new_outbreak_after_stand_down)
{
	struct log_added a = positive("2021-12-15T14:00", "阳性一例", 0), b;
	struct dd_err err;

	acknowledge_all(0);
	ck_assert_int_eq(mode_stand_down(st, &sup, "解除", 0, &err), 0);
	b = positive("2021-12-15T20:00", "新的阳性", 0);
	ck_assert_int_eq(b.mode_changed, 1);
	ck_assert_int_eq(current(0).outbreak, b.id);
	ck_assert_int_ne(b.id, a.id);
	ck_assert_int_eq(mode_stand_down(st, &sup, "解除", 0, &err), -1);  /* b's are pending */
}
END_TEST

START_TEST(drill_runs_apart)
{
	struct log_added d = positive("2021-12-15T14:00", "演练：阳性一例", 1);
	struct mode_status real = current(0), drill = current(1);
	struct dd_err err;

	ck_assert_int_eq(d.mode_changed, 1);
	ck_assert_int_eq(drill.state, MODE_TASKFORCE);
	ck_assert_int_eq(drill.outbreak, d.id);
	ck_assert_int_eq(real.state, MODE_NORMAL);
	ck_assert_int_eq(pending(0), 0);
	ck_assert_int_gt(pending(1), 0);

	/* The real mode cannot be stood down; the drill's needs its own
	 * notifications done. */
	ck_assert_int_eq(mode_stand_down(st, &sup, "演练结束", 0, &err), -1);
	ck_assert_int_eq(mode_stand_down(st, &sup, "演练结束", 1, &err), -1);
	ck_assert_int_gt(acknowledge_all(1), 0);
	ck_assert_msg(mode_stand_down(st, &sup, "演练结束", 1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(current(1).state, MODE_NORMAL);
	ck_assert_int_eq(current(0).event_id, 0);                  /* never touched */
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"mode_on_positive", {normal_at_the_start, positive_enters_the_task_force,
				      later_positive_escalates_without_a_transition,
				      positive_refused_leaves_the_mode}},
		{"mode_stand_down", {stand_down_refused_while_pending,
				     new_outbreak_after_stand_down, drill_runs_apart}},
	};
	Suite *s = fx_suite("mode", cases, sizeof cases / sizeof cases[0], setup, teardown, 60);
	TCase *pure = tcase_create("mode_transition");

	tcase_add_test(pure, transition_exhaustive);
	tcase_add_test(pure, transition_examples);
	tcase_add_test(pure, names_and_texts);
	suite_add_tcase(s, pure);
	return fx_run(s);
}
