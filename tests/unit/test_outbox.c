/* test_outbox.c — consequences carried out after commit: an item lives or
 * dies with the act's transaction; a run hands each due item to its handler
 * once and records the result on the chain; a failure is tried again only
 * after its backoff, and given up after OUTBOX_TRIES; an item no handler
 * takes stays queued; and no question asked of the outbox walks the events. */
#include "desk/outbox.h"

#include "fixture.h"

#include "store/chain.h"
#include "store/store_sql.h"

static struct store *st;

static void setup(void)
{
	fx_mkdir("test_outbox");
	st = fx_desk("desk.db");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

/* A handler that counts its calls and fails while `fail` is set. */
struct phone {
	int calls;
	long long last_id;
	int fail;
};

static int send_sms(void *ctx, const struct outbox_item *it, struct dd_err *err)
{
	struct phone *p = ctx;

	p->calls++;
	p->last_id = it->id;
	if (p->fail)
		return dd_fail(err, DD_EIO, "短信网关无响应");
	return 0;
}

static long long add(const char *kind, const char *text)
{
	struct dd_err err;
	long long id = 0;

	ck_assert_msg(outbox_add(st, kind, "王带班", "13800000001", text, 0, &id, &err) == 0,
		      "%s", err.msg);
	ck_assert_int_gt(id, 0);
	return id;
}

static long long pending(void)
{
	struct dd_err err;
	long long n = -1;

	ck_assert_msg(outbox_pending(st, &n, &err) == 0, "%s", err.msg);
	return n;
}

/* The state of item `id` as outbox_list shows it. */
static struct outbox_item *item(long long id, struct outbox_item **rows, int *n)
{
	struct dd_err err;

	ck_assert_msg(outbox_list(st, 0, rows, n, &err) == 0, "%s", err.msg);
	for (int i = 0; i < *n; i++)
		if ((*rows)[i].id == id)
			return &(*rows)[i];
	ck_abort_msg("item %lld is not listed", id);
	return NULL;
}

/* 'outbox' events on the chain with result SENT, FAILED or GIVEN_UP. */
enum { SENT, FAILED, GIVEN_UP };

static long long events(int result)
{
	struct dd_err err;
	long long n = -1;

	ck_assert_msg(store_query_int(st, "SELECT count(*) FROM event WHERE type = 'outbox' AND "
				      "json_extract(body, '$.result') = CASE ?1 WHEN 0 THEN 'sent' "
				      "WHEN 1 THEN 'failed' ELSE 'given-up' END", result, &n,
				      &err) == 0, "%s", err.msg);
	return n;
}

static void chain_holds(void)
{
	struct chain_report rep;
	struct dd_err err;

	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", rep.problem);
}

START_TEST(rollback_leaves_none_commit_keeps)
{
	struct outbox_item *rows;
	struct dd_err err;
	int n;

	ck_assert_int_eq(store_begin(st, &err), 0);
	add("sms", "马剑村报告本土初筛阳性1例，请即到镇指挥部");
	store_rollback(st);
	ck_assert_int_eq(pending(), 0);
	ck_assert_int_eq(outbox_list(st, 0, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	outbox_items_free(rows, n);

	ck_assert_int_eq(store_begin(st, &err), 0);
	add("sms", "马剑村报告本土初筛阳性1例，请即到镇指挥部");
	ck_assert_int_eq(store_commit(st, &err), 0);
	ck_assert_int_eq(pending(), 1);
	ck_assert_int_eq(outbox_list(st, 1, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(rows[0].state, OUTBOX_QUEUED);
	ck_assert_str_eq(rows[0].kind, "sms");
	ck_assert_str_eq(rows[0].recipient, "王带班");
	ck_assert_str_eq(rows[0].number, "13800000001");
	ck_assert_int_eq(rows[0].attempts, 0);
	outbox_items_free(rows, n);

	/* Not inside a transaction: what leaves the machine follows a commit. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(outbox_run(st, ddtime_now(), NULL, NULL, &err), -1);
	store_rollback(st);
	/* A blank message is refused. */
	ck_assert_int_eq(outbox_add(st, "sms", "王带班", "13800000001", "  ", 0, NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(pending(), 1);
}
END_TEST

START_TEST(run_hands_each_due_item_once)
{
	struct phone p = {0};
	const struct outbox_handler h[] = {{"sms", send_sms, &p}, {NULL, NULL, NULL}};
	struct outbox_counts c;
	struct outbox_item *rows, *it;
	struct dd_err err;
	dd_time now = fx_time("2021-12-16T09:05");
	long long a, b;
	int n;

	a = add("sms", "请王带班即到镇指挥部");
	b = add("sms", "请李组长即到镇指挥部");
	ck_assert_msg(outbox_run(st, now, h, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.calls, 2);
	ck_assert_int_eq(c.sent, 2);
	ck_assert_int_eq(c.failed + c.given_up + c.waiting + c.unhandled, 0);
	ck_assert_int_eq(pending(), 0);
	ck_assert_msg(outbox_run(st, now + 3600, h, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.calls, 2);
	ck_assert_int_eq(c.sent, 0);

	it = item(a, &rows, &n);
	ck_assert_int_eq(it->state, OUTBOX_SENT);
	ck_assert_int_eq(it->attempts, 1);
	ck_assert_int_eq(it->last_at, now);
	ck_assert_str_eq(it->reason, "");
	outbox_items_free(rows, n);
	ck_assert_int_eq(item(b, &rows, &n)->state, OUTBOX_SENT);
	outbox_items_free(rows, n);
	ck_assert_int_eq(events(SENT), 2);
	chain_holds();
}
END_TEST

START_TEST(failure_retried_after_backoff_then_given_up)
{
	static const int waits[] = {1, 2, 4, 8, 16, 30, 30};   /* minutes */
	struct phone p = {.fail = 1};
	const struct outbox_handler h[] = {{"sms", send_sms, &p}, {NULL, NULL, NULL}};
	struct outbox_counts c;
	struct outbox_item *rows, *it;
	struct dd_err err;
	dd_time now = fx_time("2021-12-16T09:05");
	long long a;
	int n;

	ck_assert_int_eq(OUTBOX_TRIES, 8);
	a = add("sms", "请王带班即到镇指挥部");
	for (int k = 1; k <= OUTBOX_TRIES; k++) {
		ck_assert_msg(outbox_run(st, now, h, &c, &err) == 0, "%s", err.msg);
		ck_assert_int_eq(p.calls, k);
		it = item(a, &rows, &n);
		ck_assert_int_eq(it->attempts, k);
		ck_assert_str_eq(it->reason, "短信网关无响应");
		if (k == OUTBOX_TRIES) {
			ck_assert_int_eq(c.given_up, 1);
			ck_assert_int_eq(it->state, OUTBOX_FAILED);
			outbox_items_free(rows, n);
			break;
		}
		ck_assert_int_eq(c.failed, 1);
		ck_assert_int_eq(it->state, OUTBOX_RETRY);
		ck_assert_int_eq(it->next_at, now + 60LL * waits[k - 1]);
		outbox_items_free(rows, n);
		/* Not a second before its time. */
		ck_assert_int_eq(outbox_run(st, now + 60LL * waits[k - 1] - 1, h, &c, &err), 0);
		ck_assert_int_eq(c.waiting, 1);
		ck_assert_int_eq(p.calls, k);
		now += 60LL * waits[k - 1];
	}
	ck_assert_int_eq(pending(), 0);
	ck_assert_int_eq(outbox_run(st, now + 86400, h, &c, &err), 0);
	ck_assert_int_eq(p.calls, OUTBOX_TRIES);
	ck_assert_int_eq(events(FAILED), OUTBOX_TRIES - 1);
	ck_assert_int_eq(events(GIVEN_UP), 1);

	/* A success after failures settles it. */
	p.fail = 0;
	a = add("sms", "请李组长即到镇指挥部");
	p.fail = 1;
	ck_assert_int_eq(outbox_run(st, now, h, &c, &err), 0);
	p.fail = 0;
	ck_assert_int_eq(outbox_run(st, now + 60, h, &c, &err), 0);
	ck_assert_int_eq(c.sent, 1);
	ck_assert_int_eq(item(a, &rows, &n)->state, OUTBOX_SENT);
	outbox_items_free(rows, n);
	chain_holds();
}
END_TEST

START_TEST(no_handler_stays_queued)
{
	struct phone p = {0};
	const struct outbox_handler h[] = {{"sms", send_sms, &p}, {NULL, NULL, NULL}};
	struct outbox_counts c;
	struct outbox_item *rows;
	struct dd_err err;
	long long fax;
	int n;

	fax = add("fax", "传真：本土初筛阳性1例");
	add("sms", "请王带班即到镇指挥部");
	ck_assert_msg(outbox_run(st, ddtime_now(), h, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(c.unhandled, 1);
	ck_assert_int_eq(c.sent, 1);
	ck_assert_int_eq(p.calls, 1);
	ck_assert_int_eq(pending(), 1);
	ck_assert_int_eq(item(fax, &rows, &n)->state, OUTBOX_QUEUED);
	outbox_items_free(rows, n);
	ck_assert_int_eq(outbox_run(st, ddtime_now(), NULL, &c, &err), 0);
	ck_assert_int_eq(c.unhandled, 1);
	ck_assert_int_eq(pending(), 1);
}
END_TEST

/* Plans: the questions asked of the outbox find an item's events through the
 * index, never by reading every event, nor every event of a type (event_type
 * is (type, drill): every attempt ever made); the outbox itself is read
 * once, an index lookup per item. */
static int scans;
static char scan_line[1024];

static void watch(void *ctx, const char *sql, const char *line)
{
	(void)ctx;
	if (strstr(sql, "outbox") &&
	    ((strncmp(line, "SCAN ", 5) == 0 && strcmp(line, "SCAN o") != 0) ||
	     strstr(line, "INDEX event_type ")) && !scans++)
		snprintf(scan_line, sizeof scan_line, "%s: %s", line, sql);
}

START_TEST(plans_use_the_index)
{
	struct phone p = {.fail = 1};
	const struct outbox_handler h[] = {{"sms", send_sms, &p}, {NULL, NULL, NULL}};
	struct outbox_item *rows;
	struct dd_err err;
	int n;

	store_watch_plans(st, watch, NULL);
	add("sms", "请王带班即到镇指挥部");
	ck_assert_int_eq(outbox_run(st, ddtime_now(), h, NULL, &err), 0);
	ck_assert_int_eq(pending(), 1);
	ck_assert_int_eq(outbox_list(st, 0, &rows, &n, &err), 0);
	outbox_items_free(rows, n);
	store_watch_plans(st, NULL, NULL);
	ck_assert_msg(scans == 0, "%s", scan_line);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"outbox", {rollback_leaves_none_commit_keeps, run_hands_each_due_item_once,
			    failure_retried_after_backoff_then_given_up, no_handler_stays_queued,
			    plans_use_the_index}},
	};

	return fx_run(fx_suite("outbox", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       120));
}
