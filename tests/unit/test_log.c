/* test_log.c — the incident log against a real database: entries, follow-ups,
 * amendments that keep the original, closures, notes and reassignment;
 * listing with filters, keyset paging through 500 entries in both directions
 * (with and without a search), and search of Chinese substrings down to one
 * and two characters. */
#include "domain/log.h"

#include "fixture.h"

#include "store/chain.h"

static struct store *st;
static struct actor op, op2, sup;   /* 赵娜, 俞婕: operators; 何欣威: supervisor */

static void setup(void)
{
	fx_mkdir("test_log");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	op2 = fx_actor(st, "俞婕");
	sup = fx_actor(st, "何欣威");
	ck_assert_int_eq(op.access, ACCESS_OPERATOR);
	ck_assert_int_ge(sup.access, ACCESS_SUPERVISOR);
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

static long long add_full(const struct actor *by, const struct log_new *n)
{
	struct log_added out;
	struct dd_err err;

	ck_assert_msg(log_add(st, by, n, &out, &err) == 0, "log_add %s: %s", n->summary, err.msg);
	ck_assert_int_gt(out.id, 0);
	return out.id;
}

/* An entry of `kind` that happened at `at`. */
static long long add(const struct actor *by, enum log_kind kind, const char *at,
		     const char *summary, long long parent)
{
	struct log_new n = {.kind = kind, .occurred_at = fx_time(at), .summary = summary,
			    .parent_id = parent};
	return add_full(by, &n);
}

static struct log_entry get(long long id)
{
	struct log_entry e;
	struct dd_err err;

	ck_assert_msg(log_get(st, id, &e, &err) == 0, "%s", err.msg);
	return e;
}

static long long count(const struct log_filter *f)
{
	struct dd_err err;
	long long n = -1;

	ck_assert_msg(log_count(st, f, &n, &err) == 0, "%s", err.msg);
	return n;
}

static int collect_id(const struct log_entry *e, void *ctx)
{
	char *s = ctx;
	size_t len = strlen(s);
	snprintf(s + len, 4096 - len, "%s%lld", len ? "," : "", e->id);
	return 0;
}

/* Ids of every entry matching, oldest first, as "1,2,3"; log_count agrees. */
static const char *ids(const struct log_filter *f)
{
	static char s[4096];
	struct dd_err err;
	long long n = 0;

	s[0] = '\0';
	ck_assert_msg(log_each(st, f, collect_id, s, &err) == 0, "%s", err.msg);
	for (const char *p = s; *p; p++)
		n += *p == ',';
	ck_assert_int_eq(count(f), s[0] ? n + 1 : 0);
	return s;
}

static const char *idlist(long long a, long long b, long long c)
{
	static char s[96];
	if (c)
		snprintf(s, sizeof s, "%lld,%lld,%lld", a, b, c);
	else if (b)
		snprintf(s, sizeof s, "%lld,%lld", a, b);
	else
		snprintf(s, sizeof s, "%lld", a);
	return s;
}

struct timeline {
	char types[512];
	char texts[1024];
};

static int collect_event(const struct log_event *ev, void *ctx)
{
	struct timeline *t = ctx;
	size_t a = strlen(t->types), b = strlen(t->texts);
	snprintf(t->types + a, sizeof t->types - a, "%s%s", a ? "," : "", ev->type);
	snprintf(t->texts + b, sizeof t->texts - b, "%s%s|%s", b ? ";" : "", ev->text, ev->detail);
	return 0;
}

static struct timeline timeline(long long id)
{
	struct timeline t = {"", ""};
	struct dd_err err;

	ck_assert_msg(log_timeline(st, id, collect_event, &t, &err) == 0, "%s", err.msg);
	return t;
}

static long long events(void)
{
	struct chain_report rep;
	struct dd_err err;

	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", err.msg);
	return rep.events;
}

/* ---- log_add ------------------------------------------------------------- */

START_TEST(add_call_form)
{
	struct log_new n = {
		.kind = LOG_CALL, .occurred_at = fx_time("2021-12-15T08:30"),
		.source = "诸暨市值班组", .caller = "王科长", .callback = "0575-87012345",
		.readback = 1, .summary = "询问我镇密接人员排查进展", .group = "综合协调组",
		.significant = 1,
	};
	long long id = add_full(&op, &n);
	struct log_entry e = get(id);

	ck_assert_int_eq(e.id, id);
	ck_assert_int_eq(e.parent_id, 0);
	ck_assert_int_eq(e.incident, id);
	ck_assert_int_eq(e.kind, LOG_CALL);
	ck_assert_int_eq(e.occurred_at, fx_time("2021-12-15T08:30"));
	ck_assert_int_ge(e.recorded_at, e.occurred_at);
	ck_assert_str_eq(e.source, "诸暨市值班组");
	ck_assert_str_eq(e.caller, "王科长");
	ck_assert_str_eq(e.callback, "0575-87012345");
	ck_assert_str_eq(e.summary, "询问我镇密接人员排查进展");
	ck_assert_str_eq(e.original, "");
	ck_assert_str_eq(e.group, "综合协调组");
	ck_assert_str_eq(e.operator_name, "赵娜");
	ck_assert(e.readback && e.significant && !e.drill && !e.amended && !e.closed);
	ck_assert_int_eq(e.followups, 0);
	log_entry_clear(&e);

	/* The task force's group of the same short name, by its full name. */
	n.group = "疫情处置专班综合协调组";
	n.significant = 0;
	e = get(add_full(&op, &n));
	ck_assert_str_eq(e.group, "疫情处置专班综合协调组");
	ck_assert(!e.significant);
	log_entry_clear(&e);
}
END_TEST

START_TEST(add_refusals_write_nothing)
{
	char big[LOG_SUMMARY_MAX + 2];
	struct log_new n = {.kind = LOG_CALL, .occurred_at = fx_time("2021-12-15T08:30")};
	struct log_added out;
	struct log_filter f;
	struct dd_err err;
	long long before = events();
	static const struct {
		const char *summary, *group;
		long long parent;
		int kind;
		enum dd_code code;
	} bad[] = {
		{NULL, NULL, 0, LOG_CALL, DD_EINVAL},
		{"", NULL, 0, LOG_CALL, DD_EINVAL},
		{" \t\n", NULL, 0, LOG_CALL, DD_EINVAL},
		{"来电\xff\xfe", NULL, 0, LOG_CALL, DD_EINVAL},
		{"来电", "不存在组", 0, LOG_CALL, DD_ENOTFOUND},
		{"来电", NULL, 12345, LOG_CALL, DD_ENOTFOUND},
		{"来电", NULL, 0, LOG_KIND_COUNT, DD_EINVAL},
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n.summary = bad[i].summary;
		n.group = bad[i].group;
		n.parent_id = bad[i].parent;
		n.kind = (enum log_kind)bad[i].kind;
		ck_assert_int_eq(log_add(st, &op, &n, &out, &err), -1);
		ck_assert_msg(err.code == bad[i].code, "case %zu: %d %s", i, err.code, err.msg);
	}
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	n = (struct log_new){.kind = LOG_CALL, .summary = big,
			     .occurred_at = fx_time("2021-12-15T08:30")};
	ck_assert_int_eq(log_add(st, &op, &n, &out, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	big[LOG_SUMMARY_MAX] = '\0';                 /* the most is allowed */
	n.occurred_at = ddtime_now() + 86400;        /* tomorrow: not yet happened */
	ck_assert_int_eq(log_add(st, &op, &n, &out, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "future"));

	log_filter_init(&f);
	f.drill = -1;
	ck_assert_int_eq(count(&f), 0);
	ck_assert_int_eq(events(), before);
	n.occurred_at = fx_time("2021-12-15T08:30");
	add_full(&op, &n);
	ck_assert_int_eq(count(&f), 1);
}
END_TEST

/* ---- follow-ups ---------------------------------------------------------- */

START_TEST(followups_belong_to_the_incident)
{
	long long a = add(&op, LOG_KEY_PERSON, "2021-12-15T09:00", "发现密接人员一名", 0);
	long long f1 = add(&op2, LOG_REPORT, "2021-12-15T09:30", "已上报诸暨市", a);
	long long f2 = add(&op, LOG_OTHER, "2021-12-15T10:00", "已转运隔离", f1);
	struct log_new drill = {.kind = LOG_OTHER, .occurred_at = fx_time("2021-12-15T10:05"),
				.summary = "演练跟进", .parent_id = a, .drill = 1};
	struct log_added out;
	struct log_entry e;
	struct dd_err err;

	e = get(f1);
	ck_assert_int_eq(e.parent_id, a);
	ck_assert_int_eq(e.incident, a);
	log_entry_clear(&e);
	e = get(f2);                                  /* a follow-up of a follow-up */
	ck_assert_int_eq(e.parent_id, a);
	log_entry_clear(&e);
	e = get(a);
	ck_assert_int_eq(e.followups, 2);
	log_entry_clear(&e);

	ck_assert_int_eq(log_add(st, &op, &drill, &out, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(log_close(st, &op, f1, "完成", &err), -1);  /* close the incident */
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_msg(log_close(st, &op, a, "已闭环", &err) == 0, "%s", err.msg);
	e = get(f2);
	ck_assert(e.closed);                          /* its incident's status */
	log_entry_clear(&e);
	drill.drill = 0;
	ck_assert_int_eq(log_add(st, &op, &drill, &out, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "closed"));

	/* The log records and nothing else: no escalation of the key person here
	 * (the desk's outbreak rule opens it, test_outbreak.c). */
	ck_assert_str_eq(timeline(f2).types, "created,created,created,closed");
}
END_TEST

/* ---- log_amend ----------------------------------------------------------- */

START_TEST(amend_keeps_the_original)
{
	long long a = add(&op, LOG_CALL, "2021-12-15T09:00", "市场监管所来电", 0);
	struct log_entry e;
	struct dd_err err;

	ck_assert_msg(log_amend(st, &op, a, "市场监管所来电：冷链抽检", "补充内容", &err) == 0,
		      "%s", err.msg);
	e = get(a);
	ck_assert_str_eq(e.summary, "市场监管所来电：冷链抽检");
	ck_assert_str_eq(e.original, "市场监管所来电");
	ck_assert(e.amended);
	log_entry_clear(&e);
	ck_assert_msg(log_amend(st, &op2, a, "市场监管所来电：冷链抽检阴性", "结果", &err) == 0,
		      "%s", err.msg);
	e = get(a);
	ck_assert_str_eq(e.summary, "市场监管所来电：冷链抽检阴性");
	ck_assert_str_eq(e.original, "市场监管所来电");      /* as first written */
	log_entry_clear(&e);

	ck_assert_int_eq(log_amend(st, &op, a, "市场监管所来电：冷链抽检阴性", "再改", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);               /* nothing changes */
	ck_assert_int_eq(log_amend(st, &op, a, "新内容", "", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);               /* a reason is needed */
	ck_assert_int_eq(log_amend(st, &op, a, "", "原因", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(log_amend(st, &op, 999, "新内容", "原因", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);

	/* The timeline shows each amendment with its reason and what it replaced. */
	ck_assert_str_eq(timeline(a).types, "created,amended,amended");
	ck_assert_ptr_nonnull(strstr(timeline(a).texts, "市场监管所来电：冷链抽检阴性|结果 | "
						 "市场监管所来电：冷链抽检"));
}
END_TEST

/* ---- log_close ----------------------------------------------------------- */

START_TEST(close_rights_and_once)
{
	long long a = add(&op, LOG_CALL, "2021-12-15T09:00", "群众来电咨询隔离政策", 0);
	long long b = add(&op, LOG_CALL, "2021-12-15T09:10", "群众来电咨询核酸点", 0);
	struct log_entry e;
	struct dd_err err;

	ck_assert_int_eq(log_close(st, &op2, a, "已答复", &err), -1);   /* not hers */
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_int_eq(log_close(st, &op, a, "", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_msg(log_close(st, &op, a, "已答复", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(log_close(st, &op, a, "再次", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_msg(log_close(st, &sup, b, "带班领导确认已答复", &err) == 0, "%s", err.msg);
	e = get(b);
	ck_assert(e.closed);
	ck_assert_int_gt(e.closed_at, 0);
	log_entry_clear(&e);
	ck_assert_int_eq(log_close(st, &sup, 999, "x", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(timeline(b).texts, "带班领导确认已答复"));
}
END_TEST

/* ---- log_note, log_assign ------------------------------------------------ */

START_TEST(notes_of_the_call_form)
{
	long long a = add(&op, LOG_DOCUMENT, "2021-12-15T09:00", "收到诸暨市防控办文件", 0);
	static const char *const texts[] = {"已阅", "拟请综合协调组办理", "同意", "已落实"};
	enum log_note_type t;
	struct dd_err err;

	for (int i = LOG_NOTE; i <= LOG_RESULT; i++)
		ck_assert_msg(log_note(st, &op, a, (enum log_note_type)i, texts[i], &err) == 0,
			      "%s", err.msg);
	ck_assert_str_eq(timeline(a).types, "created,noted,proposal,instruction,result");
	for (int i = 0; i < 4; i++)
		ck_assert_ptr_nonnull(strstr(timeline(a).texts, texts[i]));
	ck_assert_int_eq(log_note(st, &op, a, LOG_NOTE, "", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(log_note(st, &op, a, (enum log_note_type)9, "x", &err), -1);
	ck_assert_int_eq(log_note(st, &op, 999, LOG_NOTE, "x", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(log_note_type_parse("proposal", &t), 0);
	ck_assert_int_eq(t, LOG_PROPOSAL);
	ck_assert_int_eq(log_note_type_parse("noted", &t), -1);
}
END_TEST

START_TEST(assign_moves_the_incident)
{
	long long a = add(&op, LOG_KEY_PERSON, "2021-12-15T09:00", "次密接人员需转运", 0);
	long long f = add(&op, LOG_OTHER, "2021-12-15T09:05", "车辆已安排", a);
	struct log_filter byg;
	struct log_entry e;
	struct dd_err err;

	ck_assert_msg(log_assign(st, &op, f, "转运隔离组", &err) == 0, "%s", err.msg);
	e = get(a);
	ck_assert_str_eq(e.group, "转运隔离组");
	log_entry_clear(&e);
	e = get(f);
	ck_assert_str_eq(e.group, "转运隔离组");
	log_entry_clear(&e);
	log_filter_init(&byg);
	ck_assert_int_eq(log_filter_group(st, &byg, "转运隔离组", &err), 0);
	ck_assert_str_eq(ids(&byg), idlist(a, f, 0));
	ck_assert_msg(log_assign(st, &op, a, "重点人员管控组", &err) == 0, "%s", err.msg);
	e = get(a);
	ck_assert_str_eq(e.group, "区域协查管控专班");           /* by its other name */
	log_entry_clear(&e);
	ck_assert_str_eq(ids(&byg), "");
	ck_assert_int_eq(log_assign(st, &op, a, "不存在组", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
}
END_TEST

/* ---- filters ------------------------------------------------------------- */

START_TEST(filters)
{
	long long a = add(&op, LOG_CALL, "2021-12-15T08:00", "来电一", 0);
	long long b = add(&op2, LOG_DOCUMENT, "2021-12-15T09:00", "来文二", 0);
	long long c = add(&op, LOG_CALL, "2021-12-15T10:00", "来电三", a);
	struct log_new sig = {.kind = LOG_OTHER, .occurred_at = fx_time("2021-12-15T11:00"),
			      .summary = "重要事项", .significant = 1};
	struct log_new dr = {.kind = LOG_CALL, .occurred_at = fx_time("2021-12-15T09:30"),
			     .summary = "演练来电", .drill = 1};
	long long d = add_full(&op2, &sig), x = add_full(&op, &dr);
	struct log_filter f;
	char all[128];
	struct dd_err err;

	ck_assert_msg(log_close(st, &op2, b, "办结", &err) == 0, "%s", err.msg);
	log_filter_init(&f);
	snprintf(all, sizeof all, "%lld,%lld,%lld,%lld", a, b, c, d);
	ck_assert_str_eq(ids(&f), all);                          /* real entries only */
	f.kind = LOG_CALL;
	ck_assert_str_eq(ids(&f), idlist(a, c, 0));
	f.kind = -1;
	ck_assert_int_eq(log_filter_operator(st, &f, "俞婕", &err), 0);
	ck_assert_str_eq(ids(&f), idlist(b, d, 0));
	ck_assert_int_eq(log_filter_operator(st, &f, "无名氏", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	f.operator_id = 0;
	f.since = fx_time("2021-12-15T09:00");                    /* [since, until) */
	f.until = fx_time("2021-12-15T11:00");
	ck_assert_str_eq(ids(&f), idlist(b, c, 0));
	f.since = f.until = 0;
	f.status = LOG_CLOSED;
	ck_assert_str_eq(ids(&f), idlist(b, 0, 0));
	f.status = LOG_OPEN;
	ck_assert_str_eq(ids(&f), idlist(a, c, d));
	f.status = LOG_ANY;
	f.incidents_only = 1;
	ck_assert_str_eq(ids(&f), idlist(a, b, d));
	f.incidents_only = 0;
	f.significant_only = 1;
	ck_assert_str_eq(ids(&f), idlist(d, 0, 0));
	f.significant_only = 0;
	f.drill = 1;
	ck_assert_str_eq(ids(&f), idlist(x, 0, 0));
	f.drill = -1;
	ck_assert_int_eq(count(&f), 5);
}
END_TEST

/* ---- paging -------------------------------------------------------------- */

#define MANY 500
#define PAGE 50

/* 500 entries in one transaction, one minute apart; every third mentions
 * 阳性 and every sixth has a note that mentions it too (two texts of one
 * entry match).  Returns their ids, oldest first. */
static void add_many(long long idv[MANY])
{
	struct dd_err err;
	char summary[64];

	ck_assert_int_eq(store_begin(st, &err), 0);
	for (int i = 0; i < MANY; i++) {
		snprintf(summary, sizeof summary, "第%d条%s", i, i % 3 == 0 ? "：核酸阳性" : "");
		idv[i] = add(i % 2 ? &op : &op2, LOG_OTHER, "2021-12-15T00:00", summary, 0);
		if (i % 6 == 0)
			ck_assert_int_eq(log_note(st, &op, idv[i], LOG_NOTE, "复核阳性", &err), 0);
	}
	ck_assert_int_eq(store_commit(st, &err), 0);
}

/* Page through `f` in direction `dir` from the start; check every page and
 * that the pages together hold `want` (ascending ids), each once. */
static void page_all(const struct log_filter *f, enum log_dir dir, const long long *want,
		     int nwant)
{
	long long from = 0, seen[MANY];
	int nseen = 0, pages = 0;
	struct dd_err err;

	for (;;) {
		struct log_entry *rows;
		int n;
		ck_assert_msg(log_page(st, f, dir, from, PAGE, &rows, &n, &err) == 0, "%s",
			      err.msg);
		ck_assert_int_le(n, PAGE);
		if (n == 0) {
			log_entries_free(rows, n);
			break;
		}
		for (int i = 0; i < n; i++) {
			if (i > 0)
				ck_assert_int_lt(rows[i].id, rows[i - 1].id);  /* newest first */
			if (from)
				ck_assert(dir == LOG_OLDER ? rows[i].id < from : rows[i].id > from);
			ck_assert_int_lt(nseen, MANY);
			seen[nseen++] = rows[i].id;
		}
		if (n < PAGE)
			ck_assert_int_eq(nseen, nwant);   /* a short page is the last */
		from = dir == LOG_OLDER ? rows[n - 1].id : rows[0].id;
		log_entries_free(rows, n);
		ck_assert_int_le(++pages, MANY / PAGE + 1);
	}
	ck_assert_int_eq(nseen, nwant);
	for (int i = 0; i < nwant; i++) {
		/* Older: newest first overall; newer: pages come oldest first,
		 * each page newest first. */
		int k = dir == LOG_OLDER ? nwant - 1 - i
					 : (i / PAGE) * PAGE + (PAGE - 1 - i % PAGE);
		if (dir == LOG_NEWER && i / PAGE == nwant / PAGE)
			k = (i / PAGE) * PAGE + (nwant % PAGE - 1 - i % PAGE);
		ck_assert_msg(seen[i] == want[k], "position %d: %lld, want %lld", i, seen[i],
			      want[k]);
	}
}

START_TEST(page_500_both_directions)
{
	long long idv[MANY];
	struct log_filter f;

	add_many(idv);
	log_filter_init(&f);
	page_all(&f, LOG_OLDER, idv, MANY);
	page_all(&f, LOG_NEWER, idv, MANY);
}
END_TEST

START_TEST(page_back_and_forth)
{
	long long idv[MANY];
	struct log_filter f;
	struct log_entry *p1, *p2, *p3, *back;
	int n1, n2, n3, nb;
	struct dd_err err;

	add_many(idv);
	log_filter_init(&f);
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, 0, PAGE, &p1, &n1, &err), 0);
	ck_assert_int_eq(p1[0].id, idv[MANY - 1]);
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, p1[n1 - 1].id, PAGE, &p2, &n2, &err), 0);
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, p2[n2 - 1].id, PAGE, &p3, &n3, &err), 0);
	/* Back up from the top of the third page: the second page again. */
	ck_assert_int_eq(log_page(st, &f, LOG_NEWER, p3[0].id, PAGE, &back, &nb, &err), 0);
	ck_assert_int_eq(nb, n2);
	for (int i = 0; i < nb; i++)
		ck_assert_int_eq(back[i].id, p2[i].id);
	log_entries_free(back, nb);
	ck_assert_int_eq(log_page(st, &f, LOG_NEWER, p1[0].id, PAGE, &back, &nb, &err), 0);
	ck_assert_int_eq(nb, 0);                       /* nothing above the newest */
	log_entries_free(back, nb);
	ck_assert_int_eq(log_page(st, &f, LOG_OLDER, 0, 0, &back, &nb, &err), 0);
	ck_assert_int_eq(nb, 0);
	log_entries_free(p1, n1);
	log_entries_free(p2, n2);
	log_entries_free(p3, n3);
}
END_TEST

START_TEST(page_through_a_search)
{
	long long idv[MANY], hits[MANY];
	int nhits = 0;
	struct log_filter f;

	add_many(idv);
	for (int i = 0; i < MANY; i++)
		if (i % 3 == 0)
			hits[nhits++] = idv[i];
	log_filter_init(&f);
	f.search = "阳性";
	ck_assert_int_eq(count(&f), nhits);
	page_all(&f, LOG_OLDER, hits, nhits);
	page_all(&f, LOG_NEWER, hits, nhits);
	/* With another filter on top. */
	ck_assert_int_eq(log_filter_operator(st, &f, "俞婕", NULL), 0);  /* the even ones */
	nhits = 0;
	for (int i = 0; i < MANY; i++)
		if (i % 6 == 0)
			hits[nhits++] = idv[i];
	page_all(&f, LOG_OLDER, hits, nhits);
	page_all(&f, LOG_NEWER, hits, nhits);
}
END_TEST

/* ---- search -------------------------------------------------------------- */

START_TEST(search_chinese_substrings)
{
	long long a = add(&op, LOG_REPORT, "2021-12-15T08:00", "上报本土初筛阳性一例", 0);
	long long b = add(&op, LOG_KEY_PERSON, "2021-12-15T08:10", "密接人员转运隔离", 0);
	long long c = add(&op, LOG_KEY_PERSON, "2021-12-15T08:20", "次密接排查PCR", 0);
	struct log_new src = {.kind = LOG_CALL, .occurred_at = fx_time("2021-12-15T08:30"),
			      .source = "诸暨市疾控中心", .summary = "来电通知复核"};
	long long d = add_full(&op, &src);
	struct log_filter f;
	struct dd_err err;

	log_filter_init(&f);
	f.search = "阳性";                                /* two characters */
	ck_assert_str_eq(ids(&f), idlist(a, 0, 0));
	f.search = "密接";                                /* inside 次密接 too */
	ck_assert_str_eq(ids(&f), idlist(b, c, 0));
	f.search = "次密接";
	ck_assert_str_eq(ids(&f), idlist(c, 0, 0));
	f.search = "转";                                  /* one character */
	ck_assert_str_eq(ids(&f), idlist(b, 0, 0));
	f.search = "疾控";                                /* the source */
	ck_assert_str_eq(ids(&f), idlist(d, 0, 0));
	f.search = "密接 转运";                           /* both words */
	ck_assert_str_eq(ids(&f), idlist(b, 0, 0));
	f.search = "pcr";                                 /* ASCII without case */
	ck_assert_str_eq(ids(&f), idlist(c, 0, 0));
	f.search = "复核诸暨";                            /* never across two texts */
	ck_assert_str_eq(ids(&f), "");
	f.search = "密切";
	ck_assert_str_eq(ids(&f), "");

	/* Later texts are found; an amended entry by old and new words. */
	ck_assert_int_eq(log_amend(st, &op, d, "来电通知复核结果阴性", "结果", &err), 0);
	ck_assert_int_eq(log_note(st, &op, b, LOG_RESULT, "已送集中隔离点", &err), 0);
	f.search = "阴性";
	ck_assert_str_eq(ids(&f), idlist(d, 0, 0));
	f.search = "复核";
	ck_assert_str_eq(ids(&f), idlist(d, 0, 0));
	f.search = "隔离";
	ck_assert_str_eq(ids(&f), idlist(b, 0, 0));
	f.search = "隔离 阴性";
	ck_assert_str_eq(ids(&f), "");
	f.search = "   ";
	ck_assert_int_eq(log_count(st, &f, &(long long){0}, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
}
END_TEST

START_TEST(kind_names)
{
	enum log_kind k;
	struct dd_err err;

	for (int i = 0; i < LOG_KIND_COUNT; i++) {
		ck_assert_int_eq(log_kind_parse(log_kind_name((enum log_kind)i), &k, &err), 0);
		ck_assert_int_eq(k, i);
	}
	ck_assert_int_eq(log_kind_parse("本土初筛阳性", &k, &err), 0);
	ck_assert_int_eq(k, LOG_POSITIVE);
	ck_assert_int_eq(log_kind_parse("来电", &k, &err), 0);
	ck_assert_int_eq(k, LOG_CALL);
	ck_assert_int_eq(log_kind_parse("phone", &k, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(log_kind_parse(NULL, &k, &err), -1);
	ck_assert_str_eq(log_kind_name(LOG_KIND_COUNT), "?");
}
END_TEST

/* ---- log_check_subkind, log_callback_normalize -------------------------- */

START_TEST(subkinds_of_their_kind)
{
	const char *canon;
	struct dd_err err;
	long long before = events();

	ck_assert_int_eq(log_check_subkind(LOG_KEY_PERSON, "密接", &canon, &err), 0);
	ck_assert_str_eq(canon, "密接");
	ck_assert_int_eq(log_check_subkind(LOG_KEY_PERSON, " 次密接 ", &canon, &err), 0);
	ck_assert_str_eq(canon, "次密接");
	ck_assert_int_eq(log_check_subkind(LOG_KEY_PERSON, NULL, &canon, &err), 0);
	ck_assert_ptr_null(canon);
	ck_assert_int_eq(log_check_subkind(LOG_CALL, "", &canon, &err), 0);
	/* A typo, and a subkind on a kind that has none: refused, saying which. */
	ck_assert_int_eq(log_check_subkind(LOG_KEY_PERSON, "密切", &canon, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_msg(strstr(err.msg, "密切") && strstr(err.msg, "次密接") &&
		      !strchr(err.msg, '\n'), "%s", err.msg);
	ck_assert_int_eq(log_check_subkind(LOG_CALL, "密接", &canon, &err), -1);
	ck_assert_msg(strstr(err.msg, "call"), "%s", err.msg);
	ck_assert_ptr_null(log_subkinds(LOG_CALL));
	ck_assert_str_eq(log_subkinds(LOG_KEY_PERSON)[3], "密接");
	/* log_add refuses it and writes nothing. */
	{
		struct log_new n = {.kind = LOG_KEY_PERSON, .summary = "x", .subkind = "密切"};
		ck_assert_int_eq(log_add(st, &op, &n, NULL, &err), -1);
		n.kind = LOG_DOCUMENT;
		n.subkind = "密接";
		ck_assert_int_eq(log_add(st, &op, &n, NULL, &err), -1);
		ck_assert_int_eq(events(), before);
		n.kind = LOG_KEY_PERSON;
		n.subkind = "  时空伴随者";
		struct log_entry e = get(add_full(&op, &n));
		ck_assert_str_eq(e.subkind, "时空伴随者");
		log_entry_clear(&e);
	}
}
END_TEST

START_TEST(callback_numbers)
{
	static const struct {
		const char *typed, *kept;
	} good[] = {
		{"0575-87012345", "0575-87012345"}, {"0575 8701 2345", "0575-87012345"},
		{"057587012345", "0575-87012345"}, {"010-12345678", "010-12345678"},
		{"021 1234 5678", "021-12345678"}, {"139 0575 1234", "13905751234"},
		{"139-0575-1234", "13905751234"}, {"+86 139 0575 1234", "+86 13905751234"},
		{"+86 575 87012345", "+86 575-87012345"}, {"12345", "12345"}, {"110", "110"},
		{"120", "120"}, {"87012345", "87012345"}, {"95599", "95599"},
		{"400 812 3123", "4008123123"}, {"+44 20 7946 0958", "+442079460958"},
		{"\xef\xbc\x90\xef\xbc\x95\xef\xbc\x97\xef\xbc\x95\xef\xbc\x8d"
		 "87012345", "0575-87012345"},  /* ０５７５－ */
		{"", ""}, {"  ", ""}, {NULL, ""},
	};
	static const char *const bad[] = {
		"0575-1234", "1390575123", "139057512345", "abc", "13905751234转", "1+2",
		"++8613905751234", "23", "123456789012345678901", "0575.87012345", "6789",
		"+86 12",
	};
	char out[LOG_CALLBACK_MAX];
	struct dd_err err;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_assert_msg(log_callback_normalize(good[i].typed, out, sizeof out, &err) == 0,
			      "%s: %s", good[i].typed, err.msg);
		ck_assert_str_eq(out, good[i].kept);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(log_callback_normalize(bad[i], out, sizeof out, &err) == -1, "%s",
			      bad[i]);
		ck_assert_int_eq(err.code, DD_EINVAL);
		ck_assert_msg(strstr(err.msg, bad[i]) && !strchr(err.msg, '\n'), "%s", err.msg);
	}
	/* log_add keeps the normal form and refuses the rest, writing nothing. */
	{
		long long before = events();
		struct log_new n = {.kind = LOG_CALL, .summary = "x", .callback = "0575-1234"};
		ck_assert_int_eq(log_add(st, &op, &n, NULL, &err), -1);
		ck_assert_int_eq(events(), before);
		n.callback = "139 0575 1234";
		struct log_entry e = get(add_full(&op, &n));
		ck_assert_str_eq(e.callback, "13905751234");
		log_entry_clear(&e);
	}
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"log_add", {add_call_form, add_refusals_write_nothing,
			     followups_belong_to_the_incident, kind_names}},
		{"log_check", {subkinds_of_their_kind, callback_numbers}},
		{"log_amend", {amend_keeps_the_original}},
		{"log_close", {close_rights_and_once}},
		{"log_note", {notes_of_the_call_form, assign_moves_the_incident}},
		{"filters", {filters, search_chinese_substrings}},
		{"log_page", {page_500_both_directions, page_back_and_forth,
			      page_through_a_search}},
	};

	return fx_run(fx_suite("log", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       120));
}
