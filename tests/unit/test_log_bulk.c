/* test_log_bulk.c — recording a history of the log in bulk: the entries,
 * follow-ups and closures come out as log_add and log_close write them (the
 * chain verifies, search finds them, times are the items' own), in batches
 * that commit as they fill; what is refused stops the run and keeps the
 * batches before it. */
#include "log_bulk.h"

#include "fixture.h"

#include "store/chain.h"

static struct store *st;
static struct actor op, op2;

static void setup(void)
{
	fx_mkdir("test_log_bulk");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	op2 = fx_actor(st, "俞婕");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

/* A scripted run: `n` items, each an entry unless `close_of[i]` names the
 * item whose entry it closes; `bad` (>= 0) is an item made invalid. */
struct script {
	int n, next, bad;
	dd_time start;
	int close_of[64];     /* 0: an entry; k > 0: close item k - 1 */
	int parent_of[64];    /* 0: an incident; k > 0: a follow-up of item k - 1 */
	long long id[64];     /* the id each entry item was given */
	char summary[64][128];
	int stop_at;          /* the callback fails at this item (-1: never) */
};

static int next_item(void *ctx, long long last_id, struct log_bulk_item *it, struct dd_err *err)
{
	struct script *s = ctx;
	int i = s->next;

	if (i > 0 && !s->close_of[i - 1])
		s->id[i - 1] = last_id;
	if (i == s->stop_at)
		return dd_fail(err, DD_EIO, "the source of the items failed");
	if (i >= s->n)
		return 0;
	s->next++;
	it->by = i % 2 ? &op2 : &op;
	it->at = s->start + 600LL * i;
	if (s->close_of[i]) {
		int k = s->close_of[i] - 1;
		it->act = LOG_BULK_CLOSE;
		it->incident = s->id[k];
		it->resolution = "已核实处置完毕";
		it->by = k % 2 ? &op2 : &op;
	} else {
		it->act = LOG_BULK_ENTRY;
		it->entry.kind = i % 3 ? LOG_CALL : LOG_KEY_PERSON;
		it->entry.subkind = i % 3 ? NULL : "密接";
		it->entry.occurred_at = it->at - 60;
		snprintf(s->summary[i], sizeof s->summary[i], "第%d条：溪口村来电，时空伴随者核查",
			 i);
		it->entry.summary = s->summary[i];
		it->entry.source = "诸暨市值班组";
		if (s->parent_of[i])
			it->entry.parent_id = s->id[s->parent_of[i] - 1];
	}
	if (i == s->bad)
		it->entry.kind = LOG_POSITIVE;
	return 1;
}

static void script_init(struct script *s, int n)
{
	memset(s, 0, sizeof *s);
	s->n = n;
	s->bad = -1;
	s->stop_at = -1;
	s->start = fx_time("2021-03-01T08:00");
}

static void chain_holds(long long entries)
{
	struct chain_report rep;
	struct dd_err err;

	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep.entries, entries);
}

START_TEST(entries_followups_closures)
{
	struct log_bulk_done done;
	struct log_entry e, *rows;
	struct log_filter f;
	struct script s;
	struct dd_err err;
	int n;

	script_init(&s, 40);
	s.parent_of[3] = 1;        /* item 3 follows up item 0 */
	s.parent_of[5] = 4;        /* item 5 follows up a follow-up: belongs to item 0 */
	s.close_of[9] = 1;         /* item 9 closes item 0 */
	s.close_of[20] = 3;        /* item 20 closes item 2 */
	ck_assert_msg(log_bulk_record(st, 7, next_item, &s, &done, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(done.entries, 38);
	ck_assert_int_eq(done.closures, 2);
	chain_holds(38);

	ck_assert_int_eq(log_get(st, s.id[0], &e, &err), 0);
	ck_assert_int_eq(e.recorded_at, s.start);
	ck_assert_int_eq(e.occurred_at, s.start - 60);
	ck_assert_str_eq(e.operator_name, "赵娜");
	ck_assert_int_eq(e.closed, 1);
	ck_assert_int_eq(e.closed_at, s.start + 600 * 9);
	ck_assert_int_eq(e.followups, 2);
	log_entry_clear(&e);
	ck_assert_int_eq(log_get(st, s.id[5], &e, &err), 0);
	ck_assert_int_eq(e.incident, s.id[0]);
	log_entry_clear(&e);
	ck_assert_int_eq(log_get(st, s.id[1], &e, &err), 0);
	ck_assert_int_eq(e.closed, 0);
	ck_assert_str_eq(e.operator_name, "俞婕");
	log_entry_clear(&e);

	/* Indexed as log_add indexes: a two-character word, the resolution. */
	log_filter_init(&f);
	f.search = "密接";
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, 0, 50, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 13);   /* items 0, 3, ..., 39 but 9: entries of kind key-person */
	log_entries_free(rows, n);
	f.search = "处置完毕";
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, 0, 50, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	log_entries_free(rows, n);
}
END_TEST

START_TEST(refused_item_keeps_earlier_batches)
{
	struct log_bulk_done done;
	struct script s;
	struct dd_err err;
	long long count = 0;
	struct log_filter f;

	script_init(&s, 30);
	s.bad = 25;                /* a positive case: refused */
	ck_assert_int_eq(log_bulk_record(st, 10, next_item, &s, &done, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(done.entries, 20);
	log_filter_init(&f);
	ck_assert_int_eq(log_count(st, &f, &count, &err), 0);
	ck_assert_int_eq(count, 20);
	chain_holds(20);
}
END_TEST

START_TEST(callback_failure_stops)
{
	struct log_bulk_done done;
	struct script s;
	struct dd_err err;

	script_init(&s, 30);
	s.stop_at = 15;
	ck_assert_int_eq(log_bulk_record(st, 4, next_item, &s, &done, &err), -1);
	ck_assert_int_eq(err.code, DD_EIO);
	ck_assert_int_eq(done.entries, 12);
	chain_holds(12);
}
END_TEST

/* Items that would make a history no log_add could have written: `n` calls,
 * the second `back` seconds before the first. */
struct bad {
	int step, n;
	const char *summary;
	dd_time back;
};

static int one_bad(void *ctx, long long last_id, struct log_bulk_item *it, struct dd_err *err)
{
	struct bad *b = ctx;

	(void)last_id;
	(void)err;
	if (b->step++ >= b->n)
		return 0;
	it->act = LOG_BULK_ENTRY;
	it->by = &op;
	it->entry.kind = LOG_CALL;
	it->entry.summary = b->summary;
	it->at = fx_time("2021-03-01T08:00");
	if (b->step == 2)
		it->at -= b->back;
	return 1;
}

START_TEST(out_of_order_and_closing_twice)
{
	struct log_bulk_done done;
	struct dd_err err;
	struct script s;
	struct bad b = {.n = 2, .summary = "来电", .back = 3600};   /* before the one before */

	ck_assert_int_eq(log_bulk_record(st, 100, one_bad, &b, &done, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(done.entries, 0);
	chain_holds(0);

	script_init(&s, 4);
	s.close_of[2] = 1;
	s.close_of[3] = 1;         /* closed already */
	ck_assert_int_eq(log_bulk_record(st, 100, next_item, &s, &done, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	chain_holds(0);
}
END_TEST

/* A summary of blanks: log_add refuses it, so must this. */
START_TEST(blank_summary_refused_as_log_add_refuses)
{
	struct log_new n = {.kind = LOG_CALL, .summary = " \t "};
	struct bad b = {.n = 1, .summary = n.summary};
	struct log_bulk_done done;
	struct dd_err err, bulk_err;

	ck_assert_int_eq(log_add(st, &op, &n, NULL, &err), -1);
	ck_assert_int_eq(log_bulk_record(st, 100, one_bad, &b, &done, &bulk_err), -1);
	ck_assert_int_eq(bulk_err.code, err.code);
	ck_assert_str_eq(bulk_err.msg, err.msg);
	ck_assert_int_eq(done.entries, 0);
	chain_holds(0);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"log_bulk_record", {entries_followups_closures, refused_item_keeps_earlier_batches,
				     callback_failure_stops, out_of_order_and_closing_twice,
				     blank_summary_refused_as_log_add_refuses}},
	};

	return fx_run(fx_suite("log_bulk", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       120));
}
