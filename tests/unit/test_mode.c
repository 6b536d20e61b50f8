/* test_mode.c — the town's mode: the pure state machine over every state,
 * event and guard, and what each state holds; then its store side: a change
 * recorded is an event with who, when, why and the outbreak, and mode_at
 * reads the mode at any time, the drill's apart.  What a positive case or a
 * stand-down sets off is the outbreak rule's (test_outbreak.c). */
#include "domain/mode.h"

#include "fixture.h"

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
						  MODE_FX_DUTY24 | MODE_FX_ZONES, MODE_OK};
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

/* The task force holds the 24-hour duty and the zones as long as it stands;
 * entering it brings them, standing down ends them. */
START_TEST(in_force_per_state)
{
	struct mode_guards sup = {ACCESS_SUPERVISOR, 1, 0};
	unsigned lasting = MODE_FX_DUTY24 | MODE_FX_ZONES;

	ck_assert_uint_eq(mode_in_force(MODE_NORMAL), 0);
	ck_assert_uint_eq(mode_in_force(MODE_TASKFORCE), lasting);
	ck_assert_uint_eq(mode_transition(MODE_NORMAL, MODE_EV_POSITIVE, NULL).effects & lasting,
			  lasting);
	ck_assert_uint_eq(mode_transition(MODE_TASKFORCE, MODE_EV_STAND_DOWN, &sup).effects &
			  lasting, 0);
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
	fx_now(NULL);
}

static struct mode_status at(int drill, const char *when)
{
	struct mode_status m;
	struct dd_err err;

	ck_assert_msg(mode_at(st, drill, fx_time(when), &m, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(m.drill, drill);
	return m;
}

/* An entry recorded at `when`, by the log alone. */
static long long entry(const char *when, int drill)
{
	struct log_new n = {.kind = LOG_POSITIVE, .summary = "本土初筛阳性1例", .drill = drill};
	struct log_added a;
	struct dd_err err;

	fx_now(when);
	ck_assert_msg(log_add(st, &op, &n, &a, &err) == 0, "%s", err.msg);
	return a.id;
}

/* Record a change at `when` on the desk's clock. */
static void change(const char *when, const struct actor *by, const struct mode_change *c)
{
	struct dd_err err;

	fx_now(when);
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_msg(mode_record(st, by, c, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_commit(st, &err) == 0, "%s", err.msg);
}

START_TEST(normal_at_the_start)
{
	struct mode_status m;
	struct dd_err err;

	ck_assert_int_eq(mode_current(st, 0, &m, &err), 0);
	ck_assert_int_eq(m.state, MODE_NORMAL);
	ck_assert_int_eq(m.since, 0);
	ck_assert_int_eq(m.event_id, 0);
	ck_assert_int_eq(at(0, "2021-12-15T12:00").state, MODE_NORMAL);
	ck_assert_int_eq(at(1, "2021-12-15T12:00").state, MODE_NORMAL);
}
END_TEST

START_TEST(a_change_is_recorded)
{
	long long a = entry("2021-12-15T09:50", 0);
	struct mode_change c = {.from = MODE_NORMAL, .to = MODE_TASKFORCE, .reason = "本土初筛阳性",
				.trigger = a, .outbreak = a};
	struct mode_status m;
	struct dd_err err;

	change("2021-12-15T10:00", &op, &c);
	ck_assert_int_eq(mode_current(st, 0, &m, &err), 0);
	ck_assert_int_eq(m.state, MODE_TASKFORCE);
	ck_assert_int_eq(m.since, fx_time("2021-12-15T10:00"));
	ck_assert_int_gt(m.event_id, 0);
	ck_assert_int_eq(m.trigger, a);
	ck_assert_int_eq(m.outbreak, a);
	ck_assert_str_eq(m.by, "赵娜");
	ck_assert_str_eq(m.reason, "本土初筛阳性");
	ck_assert_int_eq(mode_current(st, 1, &m, &err), 0);
	ck_assert_int_eq(m.state, MODE_NORMAL);                  /* the drill's own state */
}
END_TEST

/* Before, between and after transitions, and exactly at them; the drill's
 * changes never show in the real mode, nor the real ones in the drill's. */
START_TEST(mode_at_any_time)
{
	long long a = entry("2021-12-15T09:50", 0), b, d = entry("2021-12-15T10:20", 1);
	struct mode_change up = {.from = MODE_NORMAL, .to = MODE_TASKFORCE, .reason = "阳性",
				 .trigger = a, .outbreak = a};
	struct mode_change down = {.from = MODE_TASKFORCE, .to = MODE_NORMAL, .reason = "解除",
				   .outbreak = a};
	struct mode_change drill = {.drill = 1, .from = MODE_NORMAL, .to = MODE_TASKFORCE,
				    .reason = "演练", .trigger = d, .outbreak = d};
	struct mode_status m;

	change("2021-12-15T10:00", &op, &up);
	change("2021-12-15T10:30", &op, &drill);
	change("2021-12-15T12:00", &sup, &down);
	b = entry("2021-12-15T13:50", 0);
	up.trigger = up.outbreak = b;
	change("2021-12-15T14:00", &op, &up);

	ck_assert_int_eq(at(0, "2021-12-15T09:59").state, MODE_NORMAL);
	ck_assert_int_eq(at(0, "2021-12-15T09:59").since, 0);
	m = at(0, "2021-12-15T10:00");
	ck_assert_int_eq(m.state, MODE_TASKFORCE);
	ck_assert_int_eq(m.since, fx_time("2021-12-15T10:00"));
	ck_assert_int_eq(m.outbreak, a);
	m = at(0, "2021-12-15T11:00");
	ck_assert_int_eq(m.state, MODE_TASKFORCE);
	ck_assert_int_eq(m.outbreak, a);
	m = at(0, "2021-12-15T12:00");
	ck_assert_int_eq(m.state, MODE_NORMAL);
	ck_assert_str_eq(m.by, "何欣威");
	ck_assert_str_eq(m.reason, "解除");
	m = at(0, "2021-12-15T13:59");
	ck_assert_int_eq(m.state, MODE_NORMAL);
	ck_assert_int_eq(m.since, fx_time("2021-12-15T12:00"));
	m = at(0, "2021-12-16T08:00");
	ck_assert_int_eq(m.state, MODE_TASKFORCE);
	ck_assert_int_eq(m.outbreak, b);

	ck_assert_int_eq(at(1, "2021-12-15T10:29").state, MODE_NORMAL);
	ck_assert_int_eq(at(1, "2021-12-15T10:30").state, MODE_TASKFORCE);
	ck_assert_int_eq(at(1, "2021-12-15T13:00").state, MODE_TASKFORCE); /* not stood down */
	ck_assert_int_eq(at(1, "2021-12-15T13:00").outbreak, d);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"mode_at", {normal_at_the_start, a_change_is_recorded, mode_at_any_time}},
	};
	Suite *s = fx_suite("mode", cases, sizeof cases / sizeof cases[0], setup, teardown, 60);
	TCase *pure = tcase_create("mode_transition");

	tcase_add_test(pure, transition_exhaustive);
	tcase_add_test(pure, transition_examples);
	tcase_add_test(pure, in_force_per_state);
	tcase_add_test(pure, names_and_texts);
	suite_add_tcase(s, pure);
	return fx_run(s);
}
