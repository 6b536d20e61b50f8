/* test_messages.c — the core's messages speak for the problem, not for a
 * front end: what is not there, or who is missing, is said, and what it is
 * about is a value (err.about) from which each front end gives its own advice
 * (the command line names its commands and options; the terminal UI has its
 * keys).  No message of the core names a subcommand or an option. */
#include "domain/roster.h"

#include "fixture.h"

#include "docs/handover.h"
#include "domain/meeting.h"
#include "domain/stats.h"
#include "domain/task.h"
#include "store/store_sql.h"

static struct store *st;

static void setup(void)
{
	fx_mkdir("test_messages");
	st = fx_desk("desk.db");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

/* `err` is about `about` and speaks no command line. */
static void speaks_for_problem(const struct dd_err *err, enum dd_about about, const char *says)
{
	ck_assert_msg(err->about == about, "%s: about %d, not %d", err->msg, err->about, about);
	ck_assert_msg(strstr(err->msg, says), "'%s' does not say '%s'", err->msg, says);
	ck_assert_msg(!strstr(err->msg, "--") && !strstr(err->msg, "`") &&
		      !strstr(err->msg, "dutydesk roster") && !strstr(err->msg, "dutydesk init"),
		      "'%s' names the command line", err->msg);
}

START_TEST(not_found_says_what)
{
	struct actor who, op = fx_actor(st, "赵娜");
	struct dd_err err;
	struct task t;
	struct meeting m;
	long long id;

	ck_assert_int_eq(person_identify(st, "", &who, &err), -1);
	speaks_for_problem(&err, DD_ABOUT_OPERATOR, "who is writing?");
	ck_assert_int_eq(roster_find_group(st, "无此组", &id, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	speaks_for_problem(&err, DD_ABOUT_GROUP, "no group called '无此组'");
	ck_assert_int_eq(task_get(st, 99, &t, &err), -1);
	speaks_for_problem(&err, DD_ABOUT_TASK, "there is no task #99");
	ck_assert_int_eq(meeting_get(st, 99, &m, &err), -1);
	speaks_for_problem(&err, DD_ABOUT_MEETING, "there is no meeting #99");
	ck_assert_int_eq(stats_add(st, &op, NULL, "无此项", 3, 0, NULL, &err), -1);
	speaks_for_problem(&err, DD_ABOUT_METRIC, "no metric called '无此项'");
	ck_assert_int_eq(handover_sign(st, NULL, &op, 0, 0, NULL, NULL, &err), -1);
	speaks_for_problem(&err, DD_ABOUT_OPERATOR, "who is handing over?");
	/* A failure with nothing to look up is about nothing. */
	dd_fail(&err, DD_EINVAL, "x");
	ck_assert_int_eq(err.about, DD_ABOUT_NOTHING);
}
END_TEST

START_TEST(database_says_what)
{
	struct store *other;
	struct dd_err err;
	char path[512];
	sqlite3 *db;

	ck_assert_int_eq(store_open(&other, fx_path("missing.db", path), 0, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	speaks_for_problem(&err, DD_ABOUT_NO_DATABASE, "missing.db");

	ck_assert_int_eq(sqlite3_open(fx_path("foreign.db", path), &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(&other, path, 0, &err), -1);
	speaks_for_problem(&err, DD_ABOUT_FOREIGN_DB, "not a dutydesk database");
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"messages", {not_found_says_what, database_says_what}},
	};

	return fx_run(fx_suite("messages", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
