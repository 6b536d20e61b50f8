/* test_escalation.c — reporting up: a positive entry opens the shipped
 * notifications (assets/escalation/rules.csv, read here with the CSV reader)
 * with due times counted from when it happened; marking one done records who
 * answered; overdue ones are counted at a given time; continuations and the
 * final report; drills apart. */
#include "domain/escalation.h"
#include "desk/outbreak.h"

#include "fixture.h"

#include "base/assets.h"
#include "base/csvio.h"
#include "io/exchange.h"
#include "store/store_sql.h"
#include "domain/log.h"

static struct store *st;
static struct actor op;   /* 赵娜 */

static void setup(void)
{
	fx_mkdir("test_escalation");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

/* A rule of the shipped file. */
struct rule {
	char kind[32], contact[128], stage[32], channel[16];
	int minutes, required;
};

struct rules {
	struct rule v[64];
	int n;
	int header;
};

static int rule_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct rules *r = ctx;
	struct rule *x;

	(void)err;
	if (!r->header++)
		return 0;
	ck_assert_int_eq(row->n, 8);
	ck_assert_int_lt(r->n, 64);
	x = &r->v[r->n++];
	snprintf(x->kind, sizeof x->kind, "%s", row->field[0]);
	snprintf(x->contact, sizeof x->contact, "%s", row->field[2]);
	snprintf(x->stage, sizeof x->stage, "%s", row->field[3]);
	snprintf(x->channel, sizeof x->channel, "%s", row->field[4]);
	x->minutes = atoi(row->field[5]);
	x->required = atoi(row->field[6]);
	return 0;
}

/* The shipped rules of `kind` and `stage`, in file order (which is `seq`
 * order in the shipped file). */
static int shipped(const char *kind, const char *stage, struct rule out[], int max)
{
	static struct rules all;
	const struct asset *a = assets_find("escalation/rules.csv");
	struct csvio_report rep;
	struct dd_err err;
	FILE *f;
	int n = 0;

	ck_assert_ptr_nonnull(a);
	memset(&all, 0, sizeof all);
	f = fmemopen((void *)a->data, a->size, "r");
	ck_assert_ptr_nonnull(f);
	csvio_report_init(&rep, "rules.csv");
	ck_assert_int_eq(csvio_read(f, &rep, rule_row, &all, &err), 0);
	ck_assert_int_eq(rep.count, 0);
	fclose(f);
	for (int i = 0; i < all.n && n < max; i++)
		if (strcmp(all.v[i].kind, kind) == 0 && strcmp(all.v[i].stage, stage) == 0)
			out[n++] = all.v[i];
	return n;
}

static long long add(enum log_kind kind, const char *at, const char *summary, int drill,
		     int *opened)
{
	struct log_new n = {.kind = kind, .occurred_at = fx_time(at), .summary = summary,
			    .drill = drill};
	struct log_added out;
	struct dd_err err;

	ck_assert_msg(outbreak_log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	if (opened)
		*opened = out.notifications;
	return out.id;
}

static struct esc_notification *list(enum esc_which which, int drill, long long entry, int *n)
{
	struct esc_notification *v;
	struct dd_err err;

	ck_assert_msg(escalation_list(st, which, drill, entry, &v, n, &err) == 0, "%s", err.msg);
	return v;
}

static long long overdue(int drill, dd_time now)
{
	long long n = -1;
	struct dd_err err;

	ck_assert_msg(escalation_overdue(st, drill, now, &n, &err) == 0, "%s", err.msg);
	return n;
}

/* ---- opening ------------------------------------------------------------- */

START_TEST(positive_opens_the_shipped_notifications)
{
	struct rule want[32];
	int nwant = shipped("positive", "initial", want, 32), opened = 0, n;
	dd_time t0 = fx_time("2021-12-15T14:00");
	long long id = add(LOG_POSITIVE, "2021-12-15T14:00", "本土初筛阳性一例", 0, &opened);
	struct esc_notification *v = list(ESC_ALL, 0, id, &n);

	ck_assert_int_ge(nwant, 5);
	ck_assert_int_eq(opened, nwant);
	ck_assert_int_eq(n, nwant);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].entry_id, id);
		ck_assert_str_eq(v[i].contact, want[i].contact);
		ck_assert_str_eq(v[i].channel, want[i].channel);
		ck_assert_str_eq(v[i].stage, "initial");
		ck_assert_str_eq(v[i].kind, "positive");
		ck_assert_str_eq(v[i].summary, "本土初筛阳性一例");
		ck_assert_int_eq(v[i].required, want[i].required);
		/* Due from when it happened, not from when it was typed. */
		ck_assert_int_eq(v[i].due_at, t0 + 60LL * want[i].minutes);
		ck_assert_int_gt(v[i].opened_at, 0);
		ck_assert_int_eq(v[i].done_at, 0);
		ck_assert_str_eq(v[i].done_by, "");
		ck_assert(!v[i].drill);
	}
	/* 第一时间报告: the first one is 诸暨市值班组 by phone within 15 minutes. */
	ck_assert_str_eq(v[0].contact, "诸暨市值班组");
	ck_assert_str_eq(v[0].level, "county");
	ck_assert_int_eq(v[0].due_at, t0 + 15 * 60);
	esc_notifications_free(v, n);
}
END_TEST

START_TEST(other_kinds_follow_their_rules)
{
	struct rule want[8];
	int opened = -1, n;
	long long doc = add(LOG_DOCUMENT, "2021-12-15T09:00", "收到文件", 0, &opened);
	struct esc_notification *v;

	ck_assert_int_eq(opened, shipped("document", "initial", want, 8));
	v = list(ESC_ALL, 0, doc, &n);
	ck_assert_int_eq(n, opened);
	ck_assert_int_eq(v[0].due_at, fx_time("2021-12-15T09:00") + 60LL * want[0].minutes);
	esc_notifications_free(v, n);
	add(LOG_CALL, "2021-12-15T09:10", "群众咨询", 0, &opened);  /* no rule for a call */
	ck_assert_int_eq(opened, shipped("call", "initial", want, 8));
	ck_assert_int_eq(opened, 0);
}
END_TEST

/* ---- done ---------------------------------------------------------------- */

START_TEST(done_records_who_answered)
{
	long long id = add(LOG_POSITIVE, "2021-12-15T14:00", "阳性一例", 0, NULL);
	struct actor sup = fx_actor(st, "何欣威");
	struct esc_notification *v, *w;
	long long first, second, third;
	struct dd_err err;
	int n, nopen;

	v = list(ESC_ALL, 0, id, &n);
	ck_assert_int_ge(n, 3);
	first = v[0].id;
	second = v[1].id;
	third = v[2].id;
	esc_notifications_free(v, n);
	w = list(ESC_OPEN, 0, 0, &nopen);
	esc_notifications_free(w, nopen);
	ck_assert_msg(escalation_done(st, &op, first, "王科长", "已电话报告疫情", &err) == 0, "%s",
		      err.msg);
	ck_assert_msg(escalation_done(st, &sup, second, "李值班", NULL, &err) == 0, "%s", err.msg);
	v = list(ESC_ALL, 0, id, &n);
	ck_assert_int_eq(v[0].id, first);
	ck_assert_int_gt(v[0].done_at, 0);
	ck_assert_str_eq(v[0].done_by, "赵娜");
	ck_assert_str_eq(v[0].answered_by, "王科长");
	ck_assert_str_eq(v[0].note, "已电话报告疫情");
	ck_assert_str_eq(v[1].done_by, "何欣威");
	ck_assert_str_eq(v[1].answered_by, "李值班");
	ck_assert_ptr_nonnull(strstr(v[1].note, "李值班"));   /* no note: who answered */
	ck_assert_int_eq(v[2].done_at, 0);
	esc_notifications_free(v, n);
	w = list(ESC_OPEN, 0, 0, &n);
	ck_assert_int_eq(n, nopen - 2);
	for (int i = 0; i < n; i++)
		ck_assert(w[i].id != first && w[i].id != second);
	esc_notifications_free(w, n);

	ck_assert_int_eq(escalation_done(st, &op, first, "王科长", NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);                 /* done once */
	ck_assert_int_eq(escalation_done(st, &op, 9999, "王科长", NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(escalation_done(st, &op, third, "", NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);                 /* who answered? */
	/* The problem, not a command line: the front ends add their own hint. */
	ck_assert_msg(!strstr(err.msg, "--answered-by"), "%s", err.msg);
}
END_TEST

/* The list of the open ones (the terminal's pane): the same notifications
 * in the same order as ESC_OPEN, drill apart, with what a list shows. */
START_TEST(open_list_as_open)
{
	struct esc_notification *v, *w;
	long long pos, doc;
	struct dd_err err;
	int n, k;

	pos = add(LOG_POSITIVE, "2021-12-15T14:00", "阳性一例", 0, NULL);
	doc = add(LOG_DOCUMENT, "2021-12-15T09:00", "收到文件", 0, NULL);
	add(LOG_DOCUMENT, "2021-12-15T09:00", "收到文件二", 0, NULL);
	add(LOG_POSITIVE, "2021-12-15T15:00", "演练阳性", 1, NULL);
	v = list(ESC_ALL, 0, pos, &n);
	ck_assert_int_ge(n, 2);
	ck_assert_msg(escalation_done(st, &op, v[1].id, "王科长", NULL, &err) == 0, "%s", err.msg);
	esc_notifications_free(v, n);
	for (int drill = 0; drill <= 1; drill++) {
		v = list(ESC_OPEN, drill, 0, &n);
		w = list(ESC_OPEN_LIST, drill, 0, &k);
		ck_assert_int_gt(n, 1);
		ck_assert_int_eq(k, n);
		for (int i = 0; i < n; i++) {
			ck_assert_int_eq(w[i].id, v[i].id);
			ck_assert_int_eq(w[i].entry_id, v[i].entry_id);
			ck_assert_int_eq(w[i].due_at, v[i].due_at);
			ck_assert_int_eq(w[i].round, v[i].round);
			ck_assert_int_eq(w[i].drill, drill);
			ck_assert_str_eq(w[i].contact, v[i].contact);
			ck_assert_str_eq(w[i].numbers, v[i].numbers);
			ck_assert_str_eq(w[i].stage, v[i].stage);
			ck_assert_str_eq(w[i].channel, v[i].channel);
			ck_assert_int_eq(w[i].done_at, 0);
			ck_assert_str_eq(w[i].summary, "");
			if (i)
				ck_assert(w[i - 1].due_at < w[i].due_at ||
					  (w[i - 1].due_at == w[i].due_at && w[i - 1].id < w[i].id));
		}
		esc_notifications_free(v, n);
		esc_notifications_free(w, k);
	}
	v = list(ESC_OPEN, 0, doc, &n);
	w = list(ESC_OPEN_LIST, 0, doc, &k);
	ck_assert_int_eq(k, n);
	ck_assert_int_ge(n, 1);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(w[i].entry_id, doc);
	esc_notifications_free(v, n);
	esc_notifications_free(w, k);
}
END_TEST

/* ---- overdue ------------------------------------------------------------- */

START_TEST(overdue_counting)
{
	struct rule want[32];
	int nwant = shipped("positive", "initial", want, 32), n, phone15 = 0, within60 = 0;
	dd_time t0 = fx_time("2021-12-15T14:00");
	long long id = add(LOG_POSITIVE, "2021-12-15T14:00", "阳性一例", 0, NULL);
	struct esc_notification *v;
	struct dd_err err;

	for (int i = 0; i < nwant; i++) {
		phone15 += want[i].minutes <= 15;
		within60 += want[i].minutes <= 60;
	}
	ck_assert_int_gt(phone15, 0);
	ck_assert_int_gt(within60, phone15);
	ck_assert_int_eq(overdue(0, t0), 0);
	ck_assert_int_eq(overdue(0, t0 + 15 * 60), 0);          /* due, not yet past */
	ck_assert_int_eq(overdue(0, t0 + 15 * 60 + 1), phone15);
	ck_assert_int_eq(overdue(0, t0 + 60 * 60 + 1), within60);
	ck_assert_int_eq(overdue(1, t0 + 86400), 0);             /* no drill ones */

	/* Done ones are not overdue, even done late. */
	v = list(ESC_OPEN, 0, id, &n);
	ck_assert_int_eq(n, nwant);
	ck_assert_int_eq(v[0].due_at, t0 + 15 * 60);             /* soonest due first */
	ck_assert_int_eq(escalation_done(st, &op, v[0].id, "王科长", NULL, &err), 0);
	esc_notifications_free(v, n);
	ck_assert_int_eq(overdue(0, t0 + 15 * 60 + 1), phone15 - 1);
	ck_assert_int_eq(overdue(0, t0 + 60 * 60 + 1), within60 - 1);
}
END_TEST

START_TEST(pending_counts_required_only)
{
	long long pending = -1;
	int opened;
	struct dd_err err;
	struct rule want[8];

	add(LOG_SUPPLIES, "2021-12-15T09:00", "口罩调拨", 0, &opened);
	ck_assert_int_eq(opened, shipped("supplies", "initial", want, 8));
	ck_assert_int_eq(want[0].required, 0);                   /* not required */
	ck_assert_int_eq(escalation_pending(st, 0, 0, &pending, &err), 0);
	ck_assert_int_eq(pending, 0);
	ck_assert_int_eq(overdue(0, fx_time("2021-12-16T00:00")), opened);  /* still overdue */
	add(LOG_KEY_PERSON, "2021-12-15T09:05", "密接一名", 0, &opened);
	ck_assert_int_eq(escalation_pending(st, 0, 0, &pending, &err), 0);
	ck_assert_int_eq(pending, opened);
	ck_assert_int_eq(escalation_pending(st, 0, ddtime_now() + 3600, &pending, &err), 0);
	ck_assert_int_eq(pending, 0);                            /* none opened since */
}
END_TEST

/* ---- stages -------------------------------------------------------------- */

START_TEST(continuations_and_final)
{
	long long id = add(LOG_POSITIVE, "2021-12-15T14:00", "阳性一例", 0, NULL);
	struct rule cont[8], fin[8];
	int ncont = shipped("positive", "continuation", cont, 8);
	int nfin = shipped("positive", "final", fin, 8), opened, n, rounds[3] = {0};
	struct esc_notification *v;
	struct dd_err err;
	char label[32];

	ck_assert_int_gt(ncont, 0);
	ck_assert_int_gt(nfin, 0);
	ck_assert_int_eq(escalation_open_stage(st, &op, id, "continuation", &opened, &err), 0);
	ck_assert_int_eq(opened, ncont);
	/* Pressed again while 续报一 is not made: the same round, nothing more. */
	ck_assert_int_eq(escalation_open_stage(st, &op, id, "continuation", &opened, &err), 0);
	ck_assert_int_eq(opened, 0);
	v = list(ESC_ALL, 0, id, &n);
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].stage, "continuation") == 0)
			ck_assert_int_eq(escalation_done(st, &op, v[i].id, "钱主任", NULL, &err), 0);
	esc_notifications_free(v, n);
	ck_assert_int_eq(escalation_open_stage(st, &op, id, "continuation", &opened, &err), 0);
	ck_assert_int_eq(opened, ncont);
	/* 终报 waits for 初报, and states the outcome. */
	ck_assert_int_eq(escalation_open_final(st, &op, id, "治愈", &opened, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	v = list(ESC_ALL, 0, id, &n);
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].stage, "initial") == 0 && v[i].required)
			ck_assert_int_eq(escalation_done(st, &op, v[i].id, "钱主任", NULL, &err), 0);
	esc_notifications_free(v, n);
	ck_assert_int_eq(escalation_open_stage(st, &op, id, "final", &opened, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(escalation_open_final(st, &op, id, "已闭环处置，无新增病例", &opened, &err), 0);
	ck_assert_int_eq(opened, nfin);
	ck_assert_int_eq(escalation_open_final(st, &op, id, "再报一次", &opened, &err), -1);
	v = list(ESC_ALL, 0, id, &n);
	for (int i = 0; i < n; i++) {
		if (strcmp(v[i].stage, "continuation") == 0) {
			ck_assert(v[i].round == 1 || v[i].round == 2);
			rounds[v[i].round]++;
			ck_assert_int_eq(v[i].due_at - v[i].opened_at, 60LL * cont[0].minutes);
		} else if (strcmp(v[i].stage, "final") == 0) {
			ck_assert_int_eq(v[i].round, 0);
		}
	}
	ck_assert_int_eq(rounds[1], ncont);
	ck_assert_int_eq(rounds[2], ncont);
	esc_notifications_free(v, n);

	ck_assert_int_eq(escalation_open_stage(st, &op, id, "initial", &opened, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	id = add(LOG_CALL, "2021-12-15T09:00", "来电", 0, NULL);
	ck_assert_int_eq(escalation_open_final(st, &op, id, "结束", &opened, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);

	escalation_stage_label("initial", 0, label, sizeof label);
	ck_assert_str_eq(label, "初报");
	escalation_stage_label("continuation", 2, label, sizeof label);
	ck_assert_str_eq(label, "续报二");
	escalation_stage_label("continuation", 12, label, sizeof label);
	ck_assert_str_eq(label, "续报12");
	escalation_stage_label("final", 0, label, sizeof label);
	ck_assert_str_eq(label, "终报");
}
END_TEST

/* ---- drills and contacts ------------------------------------------------- */

START_TEST(drill_notifications_apart)
{
	int opened, n;
	long long id = add(LOG_POSITIVE, "2021-12-15T14:00", "演练阳性", 1, &opened);
	struct esc_notification *v;

	ck_assert_int_gt(opened, 0);
	v = list(ESC_ALL, 0, 0, &n);
	ck_assert_int_eq(n, 0);
	esc_notifications_free(v, n);
	v = list(ESC_ALL, 1, 0, &n);
	ck_assert_int_eq(n, opened);
	ck_assert(v[0].drill);
	ck_assert_int_eq(v[0].entry_id, id);
	esc_notifications_free(v, n);
	ck_assert_int_eq(overdue(0, fx_time("2021-12-16T00:00")), 0);
	ck_assert_int_eq(overdue(1, fx_time("2021-12-16T00:00")), opened);
}
END_TEST

START_TEST(contacts_of_the_notice)
{
	struct esc_contact *c;
	struct dd_err err;
	int n, town = 0;

	ck_assert_int_eq(escalation_contacts(st, &c, &n, &err), 0);
	ck_assert_int_gt(n, 0);
	ck_assert_str_eq(c[0].level, "province");               /* the highest first */
	for (int i = 0; i < n; i++) {
		ck_assert_str_eq(c[i].numbers, "");              /* none invented */
		if (strcmp(c[i].name, "领导小组组长") == 0) {
			ck_assert_str_eq(c[i].people, "徐航锋 张宝庭");
			town++;
		}
		if (strcmp(c[i].name, "领导小组办公室主任") == 0) {
			ck_assert_str_eq(c[i].people, "周凯琳");
			town++;
		}
	}
	ck_assert_int_eq(town, 2);
	esc_contacts_free(c, n);
}
END_TEST

/* Import `csv` as the admin: the import's result. */
static int import_contacts(const char *csv)
{
	struct csvio_report rep;
	struct exchange_counts c;
	struct actor admin = fx_actor(st, "周凯琳");
	struct dd_err err;
	FILE *f = fmemopen((void *)csv, strlen(csv), "r");
	int rc;

	ck_assert_ptr_nonnull(f);
	csvio_report_init(&rep, "contacts.csv");
	rc = exchange_import(st, &admin, EXCHANGE_CONTACTS, f, 0, &rep, &c, &err);
	fclose(f);
	csvio_report_free(&rep);
	return rc;
}

/* The import checks each row itself while it writes, and leaves the
 * table's own checks on for what comes after it, whether it imported or
 * refused the file. */
START_TEST(contacts_import_leaves_the_checks_on)
{
	sqlite3 *db = store_db(st);

	ck_assert_int_eq(import_contacts("name,org,level,group,person,role,numbers,note\n"
					 "甲,,town,,,,0575-1234567,\n"), 0);
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO contact(name, level) VALUES ('乙', "
				      "'nowhere')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO contact(name, level) VALUES ('', "
				      "'town')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(import_contacts("name,org,level,group,person,role,numbers,note\n"
					 "丙,,nowhere,,,,,\n"), -1);
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO contact(name, level) VALUES ('丁', "
				      "'nowhere')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO contact_number(contact_id, number) "
				      "SELECT id, '' FROM contact WHERE name = '甲'", NULL, NULL,
				      NULL), SQLITE_OK);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"escalation_open", {positive_opens_the_shipped_notifications,
				     other_kinds_follow_their_rules, continuations_and_final}},
		{"escalation_done", {done_records_who_answered, open_list_as_open}},
		{"escalation_overdue", {overdue_counting, pending_counts_required_only,
					drill_notifications_apart}},
		{"escalation_contacts", {contacts_of_the_notice,
					 contacts_import_leaves_the_checks_on}},
	};

	return fx_run(fx_suite("escalation", cases, sizeof cases / sizeof cases[0], setup,
			       teardown, 60));
}
