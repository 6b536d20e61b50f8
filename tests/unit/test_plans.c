/* test_plans.c — every query the desk asks of notifications and of their
 * 'notified' events is answered through an index.
 *
 * A busy desk holds thousands of notifications (about four entries in ten
 * open some) and as many 'notified' events.  A query that reads all of them
 * for each notification grows with the square of their number: the overdue
 * count, asked every second by the terminal UI, took seconds at 4,000.  Query
 * plans do not depend on how many rows there are (the desk runs no ANALYZE),
 * so a small desk shows the plan a large one would use: this test watches
 * the plan of every statement the escalations, the daily report, the handover
 * sheet and the contacts import prepare, and fails on a table scan, on a
 * walk through every event of a type, or on a count of the open ones that
 * starts from every notification's due date. */
#include <ctype.h>

#include "desk/chase.h"
#include "desk/outbreak.h"
#include "domain/escalation.h"
#include "domain/escalation_chase.h"

#include "fixture.h"

#include "io/exchange.h"
#include "docs/handover.h"
#include "domain/log.h"
#include "domain/mode.h"
#include "docs/report.h"
#include "store/store_sql.h"

static struct store *st;
static struct actor op;   /* 赵娜 */

struct watch {
	int statements;       /* statements seen that touch notifications */
	int bad;              /* plan lines refused */
	int by_entry;         /* plan lines that read notifications by their entry */
	char first[2048];     /* the first refused line and its statement */
};

static struct watch w;

static int about_notifications(const char *sql)
{
	return strstr(sql, "notification") || strstr(sql, "'notified'");
}

/* Whether the plan's name `name` (a table or an alias) stands for one of the
 * tables that grow with the log in `sql`: "event", "notification", or an
 * alias given to one of them ("event dn", "notification n"). */
static int grows(const char *sql, const char *name, size_t len)
{
	static const char *const tables[] = {"event", "notification", "chase"};
	char pat[64];

	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		if (strlen(tables[i]) == len && strncmp(name, tables[i], len) == 0)
			return 1;
		snprintf(pat, sizeof pat, "%s %.*s", tables[i], (int)len, name);
		for (const char *p = strstr(sql, pat); p; p = strstr(p + 1, pat)) {
			char after = p[strlen(pat)];
			/* The table's whole name: "open_notification o" is not it. */
			int whole = p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
			if (whole && (after == ' ' || after == ',' || after == ')' || after == '\0'))
				return 1;
		}
	}
	return 0;
}

/* A line of a plan that reads what an index should answer: the whole of a
 * table that grows with the log, or every event of a type (event_type is
 * (type, drill): for 'notified' that is every notification ever done).
 * Scanning a small table (the contacts, one contact's numbers) is fine. */
static int refused(const char *sql, const char *line)
{
	if (strncmp(line, "SCAN ", 5) == 0) {
		const char *name = line + 5;
		return grows(sql, name, strcspn(name, " "));
	}
	/* What asks the open set must start from it: through the due dates'
	 * index it would meet every notification ever past due. */
	if (strstr(sql, "open_notification") && strstr(line, "INDEX notification_due "))
		return 1;
	return strstr(line, "INDEX event_type ") != NULL;
}

static void on_plan(void *ctx, const char *sql, const char *line)
{
	static const char *last;
	struct watch *wt = ctx;

	if (!about_notifications(sql))
		return;
	if (sql != last)
		wt->statements++;
	last = sql;
	if (strstr(line, "INDEX notification_entry "))
		wt->by_entry++;
	if (!refused(sql, line))
		return;
	if (!wt->bad++)
		snprintf(wt->first, sizeof wt->first, "%s\n  in: %s", line, sql);
}

static void setup(void)
{
	fx_mkdir("test_plans");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	memset(&w, 0, sizeof w);
	store_watch_plans(st, on_plan, &w);
}

static void teardown(void)
{
	store_watch_plans(st, NULL, NULL);
	store_close(st);
	st = NULL;
	fx_cleanup();
}

static void assert_indexed(const char *what, int before)
{
	ck_assert_msg(w.statements > before, "%s prepared no statement on notifications: "
		      "the test no longer watches it", what);
	ck_assert_msg(w.bad == 0, "%s: %d plan line(s) read what an index should answer; "
		      "first: %s", what, w.bad, w.first);
}

/* Two positive cases (the first switches the mode) and their notifications,
 * the first three done. */
static long long record_positives(void)
{
	struct log_new n = {.kind = LOG_POSITIVE, .summary = "本土初筛阳性1例"};
	struct log_added a;
	struct dd_err err;

	for (int i = 0; i < 2; i++)
		ck_assert_msg(outbreak_log_add(st, &op, &n, &a, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(a.notifications, 0);
	for (long long id = 1; id <= 3; id++)
		ck_assert_msg(escalation_done(st, &op, id, "值班员", NULL, &err) == 0, "%s",
			      err.msg);
	return a.id;
}

START_TEST(escalation_queries_use_indexes)
{
	struct esc_notification *v;
	struct dd_err err;
	long long n;
	int count, before = w.statements;

	record_positives();
	ck_assert_int_eq(escalation_list(st, ESC_OPEN, 0, 0, &v, &count, &err), 0);
	esc_notifications_free(v, count);
	ck_assert_int_eq(escalation_list(st, ESC_OPEN_LIST, 0, 0, &v, &count, &err), 0);
	esc_notifications_free(v, count);
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, 0, &v, &count, &err), 0);
	esc_notifications_free(v, count);
	/* One entry's, as its timeline asks: by the entry, not by every
	 * notification of the desk (the drill's index walks them all). */
	w.by_entry = 0;
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, 1, &v, &count, &err), 0);
	ck_assert_int_gt(count, 0);
	esc_notifications_free(v, count);
	ck_assert_msg(w.by_entry > 0, "one entry's notifications are not read by the entry");
	ck_assert_int_eq(escalation_overdue(st, 0, ddtime_now() + 86400, &n, &err), 0);
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(escalation_pending(st, 0, 0, &n, &err), 0);
	ck_assert_int_gt(n, 0);
	assert_indexed("the escalations", before);
}
END_TEST

/* The open ones are read from open_notification (013), which the triggers
 * keep equal to the notifications without a 'notified' event: the listing
 * and the overdue count reach no notification that is done. */
START_TEST(open_notifications_only)
{
	struct esc_notification *v, *all;
	struct dd_err err;
	long long open = -1, truth = -2, overdue;
	int count, nall, undone = 0;

	record_positives();
	ck_assert_int_eq(store_query_int(st, "SELECT count(*) FROM open_notification", 0, &open,
					 &err), 0);
	ck_assert_int_eq(store_query_int(st, "SELECT count(*) FROM notification n WHERE NOT "
					 "EXISTS (SELECT 1 FROM event d WHERE d.type = 'notified' "
					 "AND json_extract(d.body, '$.notification') = n.id)", 0,
					 &truth, &err), 0);
	ck_assert_int_eq(open, truth);
	ck_assert_int_eq(escalation_list(st, ESC_ALL, 0, 0, &all, &nall, &err), 0);
	for (int i = 0; i < nall; i++)
		undone += all[i].done_at == 0;
	ck_assert_int_eq(nall, undone + 3);
	ck_assert_int_eq(escalation_list(st, ESC_OPEN, 0, 0, &v, &count, &err), 0);
	ck_assert_int_eq(count, undone);
	for (int i = 0; i < count; i++)
		ck_assert_int_eq(v[i].done_at, 0);
	ck_assert_int_eq(escalation_overdue(st, 0, ddtime_now() + 86400 * 30, &overdue, &err), 0);
	ck_assert_int_eq(overdue, undone);
	ck_assert_msg(w.first[0] == '\0' || !strstr(w.first, "open_notification"), "%s",
		      w.first);
	esc_notifications_free(v, count);
	esc_notifications_free(all, nall);
}
END_TEST

/* The chase, the cadence of continuations, attempts and the stages' state:
 * asked every tick of the terminal UI and of `dutydesk notify --watch`. */
START_TEST(chase_queries_use_indexes)
{
	struct esc_notification *v;
	struct esc_chase *h;
	struct chase_counts c;
	struct dd_err err;
	long long undone, final;
	int count, before = w.statements;
	long long id = record_positives();

	ck_assert_msg(escalation_attempt(st, &op, 4, ESC_BUSY, NULL, NULL, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(escalation_list(st, ESC_OPEN, 0, 0, &v, &count, &err), 0);
	esc_notifications_free(v, count);
	ck_assert_msg(chase_run(st, ddtime_now() + 3600, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(c.chased, 0);
	ck_assert_int_gt(c.continuations, 0);
	ck_assert_msg(chase_run(st, ddtime_now() + 7200, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(esc_chase_list(st, 1, 0, &h, &count, &err), 0);
	ck_assert_int_gt(count, 0);
	esc_chases_free(h, count);
	ck_assert_int_eq(escalation_stage_state(st, id, &undone, &final, &err), 0);
	{
		struct chase_status cs;

		ck_assert_int_eq(chase_status(st, ddtime_now() + 7200, &cs, &err), 0);
		ck_assert_int_gt(cs.chases, 0);
	}
	assert_indexed("the chase", before);
}
END_TEST

START_TEST(report_and_handover_use_indexes)
{
	struct report_daily r;
	struct handover *h = NULL;
	struct dd_err err;
	dd_time now = ddtime_now();
	int before = 0;

	record_positives();
	memset(&w, 0, sizeof w);
	memset(&r, 0, sizeof r);
	ck_assert_msg(report_daily_build(st, now, &r, &err) == 0, "%s", err.msg);
	report_daily_clear(&r);
	ck_assert_msg(handover_build(st, now - 8 * 3600, now + 3600, &h, &err) == 0, "%s",
		      err.msg);
	handover_free(h);
	assert_indexed("the daily report and the handover sheet", before);
}
END_TEST

/* A contacts import removes the contacts the file leaves out, unless a rule
 * or a notification still names them. */
START_TEST(contacts_import_uses_indexes)
{
	static const char csv[] = "name,org,level,group,person,role,numbers,note\n"
				  "诸暨市值班组,诸暨市,county,,,,0575-1,\n";
	struct csvio_report rep;
	struct exchange_counts c;
	struct actor admin = fx_actor(st, "周凯琳");
	struct dd_err err;
	FILE *f = fmemopen((void *)csv, sizeof csv - 1, "r");
	int before;

	record_positives();
	memset(&w, 0, sizeof w);
	before = 0;
	ck_assert_ptr_nonnull(f);
	csvio_report_init(&rep, "contacts.csv");
	memset(&c, 0, sizeof c);
	exchange_import(st, &admin, EXCHANGE_CONTACTS, f, 1, &rep, &c, &err);
	fclose(f);
	assert_indexed("the contacts import", before);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"escalations", {escalation_queries_use_indexes, chase_queries_use_indexes,
				 open_notifications_only}},
		{"documents", {report_and_handover_use_indexes}},
		{"import", {contacts_import_uses_indexes}},
	};

	return fx_run(fx_suite("plans", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
