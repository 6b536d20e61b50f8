/* test_duty.c — the duty schedule against a real database: duty_gaps()
 * merging overlapping and adjoining shifts, duty_on_at() choosing the shift
 * on duty, the append-only triggers, and the CSV round trip. */
#include "domain/duty.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk/desk.h"
#include "io/duty_csv.h"
#include "store/store_sql.h"

static char dir[256];
static struct store *st;
static struct actor sup;   /* 何欣威, a supervisor in the shipped roster */

static void db_path(const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

static struct store *open_fresh(const char *name)
{
	char path[512];
	struct dd_err err;
	struct store *s = NULL;
	int seeded = 0;

	db_path(name, path, sizeof path);
	ck_assert_msg(desk_open(&s, path, 1, &seeded, &err) == 0, "open: %s", err.msg);
	ck_assert_int_eq(seeded, 1);
	return s;
}

static void setup(void)
{
	struct dd_err err;
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/test_duty.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	st = open_fresh("desk.db");
	ck_assert_msg(person_find(st, "何欣威", &sup, &err) == 0, "%s", err.msg);
	sup.verified = 1;   /* signed in with a PIN */
	ck_assert_int_ge(sup.access, ACCESS_SUPERVISOR);
}

/* An approver who signed with their own PIN. */
static const struct actor *appr(const char *name)
{
	static struct actor a;
	struct dd_err err;

	ck_assert_msg(person_find(st, name, &a, &err) == 0, "%s", err.msg);
	a.verified = 1;
	return &a;
}

static void remove_db(const char *name)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char path[600];

	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s%s", dir, name, suffix[i]);
		unlink(path);
	}
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	remove_db("desk.db");
	remove_db("other.db");
	rmdir(dir);
}

static dd_time T(const char *s)
{
	dd_time t = 0;
	struct dd_err err;
	ck_assert_msg(ddtime_parse(s, &t, &err) == 0, "%s", err.msg);
	return t;
}

static long long plan(const char *start, const char *end, const char *op, const char *leader)
{
	struct dd_err err;
	long long id = 0;
	ck_assert_msg(duty_add(st, &sup, T(start), T(end), op, leader, NULL, &id, &err) == 0,
		      "duty_add %s %s %s: %s", start, end, op, err.msg);
	ck_assert_int_gt(id, 0);
	return id;
}

/* The gaps of [from, to) as "HH:MM-HH:MM,..." ("" when none). */
static const char *gaps(const char *from, const char *to)
{
	static char res[512];
	struct duty_gap *g;
	struct dd_err err;
	size_t len = 0;
	int n;

	res[0] = '\0';
	ck_assert_msg(duty_gaps(st, T(from), T(to), &g, &n, &err) == 0, "%s", err.msg);
	for (int i = 0; i < n; i++) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];
		ck_assert(g[i].from < g[i].to);
		len += (size_t)snprintf(res + len, sizeof res - len, "%s%s-%s", i ? "," : "",
					ddtime_format(g[i].from, DDTIME_SHORT, a),
					ddtime_format(g[i].to, DDTIME_SHORT, b));
	}
	free(g);
	return res;
}

START_TEST(gaps_empty_schedule)
{
	ck_assert_str_eq(gaps("2021-12-17T00:00", "2021-12-18T00:00"), "12-17 00:00-12-18 00:00");
}
END_TEST

START_TEST(gaps_merge_overlapping_and_adjoining)
{
	plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", "何欣威");
	plan("2021-12-17T12:00", "2021-12-17T20:00", "俞婕", NULL);   /* overlaps */
	plan("2021-12-17T20:00", "2021-12-18T00:00", "应伟龙", NULL); /* adjoins */
	plan("2021-12-17T02:00", "2021-12-17T04:00", "边吉", NULL);
	plan("2021-12-17T09:00", "2021-12-17T10:00", "吴海军", NULL); /* inside another */
	ck_assert_str_eq(gaps("2021-12-17T00:00", "2021-12-18T00:00"),
			 "12-17 00:00-12-17 02:00,12-17 04:00-12-17 08:00");
	ck_assert_str_eq(gaps("2021-12-17T08:00", "2021-12-18T00:00"), "");
}
END_TEST

START_TEST(gaps_clipped_to_the_window)
{
	plan("2021-12-16T20:00", "2021-12-17T04:00", "赵娜", NULL);   /* starts before */
	plan("2021-12-17T06:00", "2021-12-17T14:00", "俞婕", NULL);   /* ends after */
	ck_assert_str_eq(gaps("2021-12-17T00:00", "2021-12-17T12:00"), "12-17 04:00-12-17 06:00");
	ck_assert_str_eq(gaps("2021-12-17T14:00", "2021-12-17T15:00"), "12-17 14:00-12-17 15:00");
	ck_assert_str_eq(gaps("2021-12-17T01:00", "2021-12-17T03:00"), "");
}
END_TEST

START_TEST(gaps_left_by_a_cancelled_shift)
{
	struct dd_err err;
	long long a = plan("2021-12-17T00:00", "2021-12-17T12:00", "赵娜", NULL);

	plan("2021-12-17T12:00", "2021-12-18T00:00", "俞婕", NULL);
	ck_assert_str_eq(gaps("2021-12-17T00:00", "2021-12-18T00:00"), "");
	ck_assert_msg(duty_cancel(st, &sup, a, "调整", &err) == 0, "%s", err.msg);
	ck_assert_str_eq(gaps("2021-12-17T00:00", "2021-12-18T00:00"), "12-17 00:00-12-17 12:00");
}
END_TEST

START_TEST(gaps_refuse_an_empty_period)
{
	struct duty_gap *g = (struct duty_gap *)1;
	struct dd_err err;
	int n = 7;

	ck_assert_int_eq(duty_gaps(st, T("2021-12-17T08:00"), T("2021-12-17T08:00"), &g, &n, &err),
			 -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_ptr_null(g);
	ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(on_at_nobody)
{
	struct duty_shift s;
	struct dd_err err;

	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T08:00"), &s, &err), 0);
	ck_assert_int_eq(s.id, 0);
	ck_assert_str_eq(s.operator_name, "");
	ck_assert_str_eq(s.leader_name, "");
	duty_shift_clear(&s);
}
END_TEST

START_TEST(on_at_half_open_and_latest_start)
{
	struct duty_shift s;
	struct dd_err err;
	long long a = plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", "何欣威");
	long long b = plan("2021-12-17T12:00", "2021-12-17T20:00", "俞婕", NULL);

	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T08:00"), &s, &err), 0);
	ck_assert_int_eq(s.id, a);                        /* the start is covered */
	ck_assert_str_eq(s.operator_name, "赵娜");
	ck_assert_str_eq(s.leader_name, "何欣威");
	duty_shift_clear(&s);
	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T13:00"), &s, &err), 0);
	ck_assert_int_eq(s.id, b);                        /* the latest-starting */
	ck_assert_int_eq(s.leader_id, 0);
	duty_shift_clear(&s);
	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T20:00"), &s, &err), 0);
	ck_assert_int_eq(s.id, 0);                        /* the end is not */
	duty_shift_clear(&s);
}
END_TEST

START_TEST(on_at_effective_operator)
{
	struct duty_shift s;
	struct dd_err err;
	long long a = plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", NULL);
	long long b = plan("2021-12-17T16:00", "2021-12-18T00:00", "俞婕", NULL);

	ck_assert_msg(duty_substitute(st, &sup, a, "应伟龙", "赵娜", appr("何欣威"), "病假",
				      &err) == 0, "%s", err.msg);
	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T09:00"), &s, &err), 0);
	ck_assert_str_eq(s.operator_name, "应伟龙");
	ck_assert_str_eq(s.planned_name, "赵娜");
	ck_assert_int_eq(s.changes, 1);
	duty_shift_clear(&s);
	ck_assert_msg(duty_swap(st, &sup, a, b, "俞婕", appr("徐航锋"), NULL, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T09:00"), &s, &err), 0);
	ck_assert_str_eq(s.operator_name, "俞婕");
	duty_shift_clear(&s);
	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T17:00"), &s, &err), 0);
	ck_assert_str_eq(s.operator_name, "应伟龙");
	ck_assert_str_eq(s.planned_name, "俞婕");
	duty_shift_clear(&s);
	ck_assert_msg(duty_cancel(st, &sup, b, "调整", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(duty_on_at(st, T("2021-12-17T17:00"), &s, &err), 0);
	ck_assert_int_eq(s.id, 0);
	duty_shift_clear(&s);
}
END_TEST

START_TEST(refusals)
{
	struct actor op;
	struct dd_err err;
	long long a = plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", NULL);

	ck_assert_int_eq(person_find(st, "赵娜", &op, &err), 0);
	ck_assert_int_eq(duty_add(st, &op, T("2021-12-18T08:00"), T("2021-12-18T16:00"), "赵娜",
				  NULL, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(duty_add(st, &sup, T("2021-12-18T08:00"), T("2021-12-18T07:00"), "赵娜",
				  NULL, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(duty_add(st, &sup, T("2021-12-18T08:00"), T("2021-12-18T16:00"), "无名氏",
				  NULL, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "无名氏"));
	ck_assert_int_eq(duty_add(st, &sup, T("2021-12-17T15:00"), T("2021-12-17T18:00"), "赵娜",
				  NULL, NULL, NULL, &err), -1);         /* 赵娜 is on duty then */
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(duty_substitute(st, &op, a, "俞婕", "赵娜", appr("赵娜"), NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);                      /* approver not a supervisor */
	ck_assert_int_eq(duty_cancel(st, &op, a, "x", &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(duty_swap(st, &sup, a, a, "赵娜", appr("何欣威"), NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(duty_substitute(st, &sup, 999, "俞婕", "赵娜", appr("何欣威"), NULL,
					 &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
}
END_TEST

START_TEST(append_only)
{
	char *msg = NULL;
	long long a = plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", NULL);
	struct dd_err err;

	ck_assert_int_eq(duty_cancel(st, &sup, a, "调整", &err), 0);
	ck_assert_int_ne(sqlite3_exec(store_db(st), "UPDATE shift SET operator_id = 1", NULL, NULL,
				      &msg), SQLITE_OK);
	ck_assert_ptr_nonnull(strstr(msg, "append-only"));
	sqlite3_free(msg);
	msg = NULL;
	ck_assert_int_ne(sqlite3_exec(store_db(st), "DELETE FROM shift", NULL, NULL, &msg),
			 SQLITE_OK);
	sqlite3_free(msg);
	msg = NULL;
	ck_assert_int_ne(sqlite3_exec(store_db(st), "DELETE FROM shift_change", NULL, NULL, &msg),
			 SQLITE_OK);
	sqlite3_free(msg);
	msg = NULL;
	ck_assert_int_ne(sqlite3_exec(store_db(st), "UPDATE shift_change SET reason = ''", NULL,
				      NULL, &msg), SQLITE_OK);
	sqlite3_free(msg);
}
END_TEST

/* The export of `s` as a malloc'd string. */
static char *export_of(struct store *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct dd_err err;

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(duty_export_csv(s, f, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

START_TEST(csv_round_trip)
{
	struct csvio_report rep;
	struct store *other;
	struct dd_err err;
	char *a, *b;
	FILE *in;
	int rows = 0;
	long long s1 = plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", "何欣威");

	plan("2021-12-17T16:00", "2021-12-18T00:00", "俞婕", NULL);
	ck_assert_int_eq(duty_add(st, &sup, T("2021-12-18T00:00"), T("2021-12-18T08:00"), "边吉",
				  NULL, "夜班, \"备勤\"", NULL, &err), 0);
	ck_assert_int_eq(duty_substitute(st, &sup, s1, "应伟龙", "赵娜", appr("何欣威"), NULL,
					 &err), 0);
	a = export_of(st);
	ck_assert_ptr_nonnull(strstr(a, "start,end,operator,leader,note\n"));
	ck_assert_ptr_nonnull(strstr(a, "2021-12-17T08:00:00+08:00,2021-12-17T16:00:00+08:00,"
					"应伟龙,何欣威,\n"));

	other = open_fresh("other.db");
	in = fmemopen(a, strlen(a), "r");
	ck_assert_ptr_nonnull(in);
	csvio_report_init(&rep, "schedule.csv");
	ck_assert_msg(duty_import_csv(other, &sup, in, 0, &rep, &rows, &err) == 0, "%s", err.msg);
	fclose(in);
	ck_assert_int_eq(rep.count, 0);
	ck_assert_int_eq(rows, 3);
	csvio_report_free(&rep);
	b = export_of(other);
	ck_assert_str_eq(a, b);
	store_close(other);
	free(a);
	free(b);
}
END_TEST

START_TEST(csv_import_reports_every_problem_and_writes_nothing)
{
	static const char file[] =
		"start,end,operator,leader,note\n"
		"2021-12-17T08:00,2021-12-17T16:00,赵娜,何欣威,\n"   /* good */
		"2021-12-17T16:00,2021-12-17T15:00,俞婕,,\n"          /* 3: end before start */
		"2021-12-17T25:00,2021-12-18T00:00,俞婕,,\n"          /* 4: bad start */
		"2021-12-18T00:00,2021-12-18T08:00,无名氏,,\n"        /* 5: unknown operator */
		"2021-12-18T00:00,2021-12-18T08:00,边吉,不认识,\n"    /* 6: unknown leader */
		"2021-12-18T08:00,2021-12-18T16:00,边吉\n"            /* 7: 3 fields */
		"2021-12-17T10:00,2021-12-17T12:00,赵娜,,\n";         /* 8: 赵娜 twice */
	struct csvio_report rep;
	struct duty_shift *v;
	struct dd_err err;
	int rows = 0, n;
	FILE *in = fmemopen((void *)file, sizeof file - 1, "r");

	ck_assert_ptr_nonnull(in);
	csvio_report_init(&rep, "s.csv");
	ck_assert_int_eq(duty_import_csv(st, &sup, in, 0, &rep, &rows, &err), -1);
	fclose(in);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(rows, 7);
	ck_assert_int_eq(rep.count, 6);
	ck_assert_ptr_nonnull(strstr(rep.msg[0], "s.csv:3: end: "));
	ck_assert_ptr_nonnull(strstr(rep.msg[1], "s.csv:4: start: "));
	ck_assert_ptr_nonnull(strstr(rep.msg[2], "s.csv:5: operator: "));
	ck_assert_ptr_nonnull(strstr(rep.msg[2], "无名氏"));
	ck_assert_ptr_nonnull(strstr(rep.msg[3], "s.csv:6: leader: "));
	ck_assert_ptr_nonnull(strstr(rep.msg[4], "s.csv:7: "));
	ck_assert_ptr_nonnull(strstr(rep.msg[5], "s.csv:8: operator: "));
	csvio_report_free(&rep);
	ck_assert_int_eq(duty_list(st, 0, T("2030-01-01"), 1, &v, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	duty_shifts_free(v, n);
}
END_TEST

START_TEST(csv_dry_run_writes_nothing)
{
	static const char file[] = "start,end,operator,leader,note\n"
				   "2021-12-17T08:00,2021-12-17T16:00,赵娜,何欣威,白班\n";
	struct csvio_report rep;
	struct duty_shift *v;
	struct actor op;
	struct dd_err err;
	int rows = 0, n;
	FILE *in = fmemopen((void *)file, sizeof file - 1, "r");

	ck_assert_int_eq(person_find(st, "赵娜", &op, &err), 0);
	csvio_report_init(&rep, "s.csv");
	/* A dry run is a check: an operator may run it. */
	ck_assert_msg(duty_import_csv(st, &op, in, 1, &rep, &rows, &err) == 0, "%s", err.msg);
	fclose(in);
	ck_assert_int_eq(rows, 1);
	ck_assert_int_eq(rep.count, 0);
	csvio_report_free(&rep);
	ck_assert_int_eq(duty_list(st, 0, T("2030-01-01"), 1, &v, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	duty_shifts_free(v, n);
}
END_TEST

/* The steps of planning a shift, as the UI checks each when answered. */
START_TEST(steps_checked)
{
	struct dd_err err;

	plan("2021-12-17T08:00", "2021-12-17T16:00", "赵娜", NULL);
	ck_assert_int_eq(duty_check_span(T("2021-12-18T08:00"), T("2021-12-18T07:00"), &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(duty_check_span(T("2021-12-18T08:00"), T("2021-12-18T16:00"), &err), 0);
	ck_assert_int_eq(duty_check_operator(st, "无名氏", T("2021-12-18T08:00"),
					     T("2021-12-18T16:00"), &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(duty_check_operator(st, "赵娜", T("2021-12-17T15:00"),
					     T("2021-12-17T18:00"), &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "already on duty"));
	ck_assert_msg(duty_check_operator(st, "赵娜", T("2021-12-17T16:00"), T("2021-12-17T20:00"),
					  &err) == 0, "%s", err.msg);
	ck_assert_int_eq(duty_check_text("the reason", "", 1, &err), -1);
	ck_assert_int_eq(duty_check_text("the note", "", 0, &err), 0);
	ck_assert_int_eq(duty_check_text("the reason", "病假", 1, &err), 0);
}
END_TEST

static Suite *duty_suite(void)
{
	Suite *s = suite_create("duty");
	struct {
		const char *name;
		const TTest *tests[8];
	} cases[] = {
		{"duty_gaps", {gaps_empty_schedule, gaps_merge_overlapping_and_adjoining,
			       gaps_clipped_to_the_window, gaps_left_by_a_cancelled_shift,
			       gaps_refuse_an_empty_period}},
		{"duty_on_at", {on_at_nobody, on_at_half_open_and_latest_start,
				on_at_effective_operator}},
		{"duty_add", {refusals, steps_checked}},
		{"append_only", {append_only}},
		{"csv", {csv_round_trip, csv_import_reports_every_problem_and_writes_nothing,
			 csv_dry_run_writes_nothing}},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TCase *tc = tcase_create(cases[i].name);
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 30);
		for (size_t j = 0; j < 8 && cases[i].tests[j]; j++)
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
	sr = srunner_create(duty_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
