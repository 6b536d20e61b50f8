/* test_handover.c — the handover sheet against a real database: the period
 * by default, the incidents open at a past moment (through the store's
 * open_incident set and the closures since), the text's 80 columns, signing
 * (refusals, once per period, on the chain), and the PDF written twice in
 * one process (fonts released and taken again).
 *
 * The desk's clock is fixed with fx_now(), test by test. */
#include "docs/handover.h"
#include "docs/handover_entries.h"
#include "docs/handover_wrap.h"

#include "store/chain.h"
#include "desk/outbreak.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "domain/log.h"
#include "base/text.h"
#include "fixture.h"
#include "store/store_sql.h"

static struct store *st;
static struct actor zhao, yu, sup;  /* 赵娜, 俞婕 (operators), 何欣威 (supervisor) */

static void now_is(const char *t)
{
	fx_now(t);
}

static void setup(void)
{
	fx_mkdir("test_handover");
	now_is("2021-12-16T07:00");
	st = fx_desk("desk.db");
	zhao = fx_actor(st, "赵娜");
	yu = fx_actor(st, "俞婕");
	sup = fx_actor(st, "何欣威");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
	fx_now(NULL);
}

static long long add(const char *at, enum log_kind kind, const char *summary, long long parent,
		     int drill)
{
	struct log_new n = {.kind = kind, .summary = summary, .parent_id = parent,
			    .drill = drill, .occurred_at = fx_time(at)};
	struct log_added a;
	struct dd_err err;

	ck_assert_msg(outbreak_log_add(st, &zhao, &n, &a, &err) == 0, "log_add: %s", err.msg);
	return a.id;
}

static struct handover *build(const char *from, const char *to)
{
	struct handover *h = NULL;
	struct dd_err err;

	ck_assert_msg(handover_build(st, from ? fx_time(from) : 0, to ? fx_time(to) : 0, &h,
				     &err) == 0, "handover_build: %s", err.msg);
	return h;
}

static int has_row(const struct handover *h, const char *key, long long ref)
{
	const struct handover_section *s = handover_section(h, key);

	ck_assert_ptr_nonnull(s);
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].ref == ref)
			return 1;
	return 0;
}

static long long count(const char *sql)
{
	long long n = -1;
	struct dd_err err;

	ck_assert_msg(store_query_int(st, sql, 0, &n, &err) == 0, "%s", err.msg);
	return n;
}

static void shift(const char *from, const char *to, const char *who)
{
	struct dd_err err;
	ck_assert_msg(duty_add(st, &sup, fx_time(from), fx_time(to), who, "何欣威", NULL, NULL,
			       &err) == 0, "duty_add: %s", err.msg);
}

/* ---- the incidents open then ---- */

START_TEST(test_open_as_of)
{
	struct handover *h;
	struct dd_err err;
	long long a, b, c, d;

	now_is("2021-12-16T09:00");
	a = add("2021-12-16T08:10", LOG_CALL, "诸暨市值班组来电", 0, 0);
	b = add("2021-12-16T08:20", LOG_DOCUMENT, "收到文件", 0, 0);
	c = add("2021-12-16T08:30", LOG_CALL, "演练来电", 0, 1);
	d = add("2021-12-16T08:40", LOG_CALL, "卫生院来电：复核", b, 0);
	now_is("2021-12-16T10:00");
	ck_assert_msg(log_close(st, &zhao, a, "已通知", &err) == 0, "%s", err.msg);
	/* The store's set of open incidents is the log's: b only. */
	ck_assert_int_eq(count("SELECT count(*) FROM open_incident"), 1);
	ck_assert_int_eq(count("SELECT entry_id FROM open_incident"), b);

	/* Now: a is closed, the drill and the follow-up are no incidents. */
	now_is("2021-12-16T11:00");
	h = build("2021-12-16T08:00", "2021-12-16T12:00");
	ck_assert_int_eq(h->as_of, fx_time("2021-12-16T11:00"));
	ck_assert_int_eq(h->open_incidents, 1);
	ck_assert(has_row(h, "open", b));
	ck_assert(!has_row(h, "open", a) && !has_row(h, "open", c) && !has_row(h, "open", d));
	/* Entries of the period: real ones only, the follow-up too. */
	ck_assert_int_eq(h->entries, 3);
	ck_assert(!has_row(h, "entries", c));
	handover_free(h);

	/* At 09:30 a was still open: a past period shows it. */
	h = build("2021-12-16T08:00", "2021-12-16T09:30");
	ck_assert_int_eq(h->as_of, fx_time("2021-12-16T09:30"));
	ck_assert_int_eq(h->open_incidents, 2);
	ck_assert(has_row(h, "open", a) && has_row(h, "open", b));
	handover_free(h);
}
END_TEST

START_TEST(test_refusals)
{
	struct handover *h = NULL;
	struct dd_err err;

	now_is("2021-12-16T09:00");
	ck_assert_int_eq(handover_build(st, fx_time("2021-12-16T09:00"),
					fx_time("2021-12-16T08:00"), &h, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_ptr_null(h);
	ck_assert_int_eq(handover_build(st, fx_time("2021-12-17T08:00"),
					fx_time("2021-12-17T16:00"), &h, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
}
END_TEST

/* ---- the period by default ---- */

START_TEST(test_default_period)
{
	struct dd_err err;
	dd_time from, to;

	now_is("2021-12-16T09:00");
	/* No shift: the last 12 hours. */
	ck_assert(handover_default_period(st, fx_time("2021-12-16T09:00"), NULL, &from, &to,
					  &err) == 0);
	ck_assert_int_eq(from, fx_time("2021-12-15T21:00"));
	ck_assert_int_eq(to, fx_time("2021-12-16T09:00"));
	shift("2021-12-16T08:00", "2021-12-16T16:00", "赵娜");
	shift("2021-12-16T16:00", "2021-12-17T00:00", "俞婕");
	/* The shift on duty. */
	ck_assert(handover_default_period(st, fx_time("2021-12-16T09:00"), NULL, &from, &to,
					  &err) == 0);
	ck_assert_int_eq(from, fx_time("2021-12-16T08:00"));
	ck_assert_int_eq(to, fx_time("2021-12-16T16:00"));
	/* Just after it: 赵娜 still hands over her own; anyone else the next. */
	ck_assert(handover_default_period(st, fx_time("2021-12-16T16:05"), "赵娜", &from, &to,
					  &err) == 0);
	ck_assert_int_eq(from, fx_time("2021-12-16T08:00"));
	ck_assert(handover_default_period(st, fx_time("2021-12-16T16:05"), "俞婕", &from, &to,
					  &err) == 0);
	ck_assert_int_eq(from, fx_time("2021-12-16T16:00"));
	ck_assert(handover_default_period(st, fx_time("2021-12-16T16:05"), NULL, &from, &to,
					  &err) == 0);
	ck_assert_int_eq(from, fx_time("2021-12-16T16:00"));
}
END_TEST

/* ---- the text sheet ---- */

static void check_widths(const char *text)
{
	const char *p = text;
	int lines = 0;

	while (*p) {
		size_t k = strcspn(p, "\n");
		char *line = strndup(p, k);
		ck_assert_msg(text_width(line) <= HANDOVER_WIDTH, "%d columns: %s",
			      text_width(line), line);
		ck_assert_msg(k == 0 || line[k - 1] != ' ', "trailing space: [%s]", line);
		free(line);
		lines++;
		p += k + (p[k] ? 1 : 0);
	}
	ck_assert_int_gt(lines, 20);
}

START_TEST(test_text_width)
{
	struct handover *h;
	char *text, long_summary[3000];

	now_is("2021-12-16T09:00");
	shift("2021-12-16T08:00", "2021-12-16T16:00", "赵娜");
	long_summary[0] = '\0';
	for (int i = 0; i < 40; i++)
		strcat(long_summary, "马剑村卡点报告返乡人员，已核查，");
	add("2021-12-16T08:10", LOG_CALL, long_summary, 0, 0);
	add("2021-12-16T08:20", LOG_POSITIVE, "马剑村报告本土初筛阳性1例", 0, 0);
	h = build(NULL, NULL);
	ck_assert_int_eq(h->from, fx_time("2021-12-16T08:00"));
	ck_assert_str_eq(h->outgoing, "赵娜");
	ck_assert_str_eq(h->leader, "何欣威");
	ck_assert(h->taskforce);
	handover_set_notes(h, "阳性复核结果预计16时反馈，请接班人员跟进，并及时向诸暨市值班组续报。");
	text = handover_text(h);
	check_widths(text);
	ck_assert_ptr_nonnull(strstr(text, "八、交接事项\n    阳性复核结果预计16时反馈"));
	ck_assert_ptr_nonnull(strstr(text, "交班人（签名）：____"));
	free(text);
	handover_free(h);
}
END_TEST

/* The sheet reads a period's entries in range scans, not through log_each's
 * subqueries a row; what it reads is what log_each gives, field by field:
 * amended (twice), reassigned (twice), closed, a follow-up of an incident
 * older than the period, a drill left out. */
struct seen {
	struct log_entry e[16];
	int n;
};

static int keep(const struct log_entry *e, void *ctx)
{
	struct seen *s = ctx;
	struct log_entry *k = &s->e[s->n++];

	*k = *e;
	k->subkind = strdup(e->subkind);
	k->source = strdup(e->source);
	k->caller = strdup(e->caller);
	k->callback = strdup(e->callback);
	k->summary = strdup(e->summary);
	k->original = strdup(e->original);
	k->group = strdup(e->group);
	k->operator_name = strdup(e->operator_name);
	return s->n == 16;
}

START_TEST(test_entries_as_log_each)
{
	struct seen a = {.n = 0}, b = {.n = 0};
	struct handover_span sp = {0};
	struct log_filter f;
	struct dd_err err;
	long long old, inc, other;

	now_is("2021-12-15T10:00");
	old = add("2021-12-15T10:00", LOG_CALL, "平阳社区来电：物资不足", 0, 0);
	ck_assert_int_eq(log_assign(st, &sup, old, "交通管理组", &err), 0);
	now_is("2021-12-16T09:00");
	add("2021-12-16T08:05", LOG_OTHER, "跟进：物资已补", old, 0);
	inc = add("2021-12-16T08:10", LOG_CALL, "诸暨市值班组来电：通知视频会议", 0, 0);
	ck_assert_int_eq(log_amend(st, &zhao, inc, "诸暨市值班组来电：通知十时视频会议", "笔误",
				   &err), 0);
	ck_assert_int_eq(log_amend(st, &zhao, inc, "诸暨市值班组来电：通知十一时视频会议",
				   "再次更正", &err), 0);
	other = add("2021-12-16T08:20", LOG_REPORT, "马剑村上报：返乡人员名单", 0, 0);
	ck_assert_int_eq(log_assign(st, &sup, other, "交通管理组", &err), 0);
	ck_assert_int_eq(log_assign(st, &sup, other, "督导检查组", &err), 0);
	add("2021-12-16T08:40", LOG_OTHER, "续报", other, 0);
	ck_assert_msg(log_close(st, &zhao, other, "已核查", &err) == 0, "%s", err.msg);
	ck_assert_msg(log_close(st, &sup, old, "已补齐", &err) == 0, "%s", err.msg);
	add("2021-12-16T08:30", LOG_OTHER, "演练：模拟来电", 0, 1);

	log_filter_init(&f);
	f.since = fx_time("2021-12-16T08:00");
	f.until = fx_time("2021-12-16T09:00");
	f.drill = 0;
	ck_assert_int_eq(log_each(st, &f, keep, &a, &err), 0);
	/* The sheet's span: what was recorded on the 16th (all at 09:00). */
	sp.lo = sp.from = fx_time("2021-12-16T00:00");
	sp.hi = fx_time("2021-12-16T10:00");
	sp.as_of = fx_time("2021-12-16T10:00");
	ck_assert_int_eq(handover_entries_each(st, &sp, keep, &b, &err), 0);
	ck_assert_int_eq(a.n, 4);
	ck_assert_int_eq(b.n, a.n);
	for (int i = 0; i < a.n; i++) {
		const struct log_entry *x = &a.e[i], *y = &b.e[i];
		ck_assert_int_eq(x->id, y->id);
		ck_assert_int_eq(x->parent_id, y->parent_id);
		ck_assert_int_eq(x->incident, y->incident);
		ck_assert_int_eq(x->occurred_at, y->occurred_at);
		ck_assert_int_eq(x->recorded_at, y->recorded_at);
		ck_assert_int_eq(x->kind, y->kind);
		ck_assert_str_eq(x->subkind, y->subkind);
		ck_assert_str_eq(x->source, y->source);
		ck_assert_str_eq(x->caller, y->caller);
		ck_assert_str_eq(x->callback, y->callback);
		ck_assert_str_eq(x->summary, y->summary);
		ck_assert_str_eq(x->original, y->original);
		ck_assert_int_eq(x->amended, y->amended);
		ck_assert_str_eq(x->group, y->group);
		ck_assert_str_eq(x->operator_name, y->operator_name);
		ck_assert_int_eq(x->readback, y->readback);
		ck_assert_int_eq(x->significant, y->significant);
		ck_assert_int_eq(x->closed, y->closed);
		ck_assert_int_eq(x->closed_at, y->closed_at);
	}
	ck_assert_str_eq(b.e[1].summary, "诸暨市值班组来电：通知十一时视频会议");
	ck_assert_str_eq(b.e[0].group, "交通管理组");
	ck_assert_str_eq(b.e[2].group, "督导检查组");
	ck_assert_str_eq(b.e[3].group, "督导检查组");
	ck_assert(b.e[0].closed && b.e[2].closed && b.e[3].closed && !b.e[1].closed);
	for (int i = 0; i < a.n; i++) {
		log_entry_clear(&a.e[i]);
		log_entry_clear(&b.e[i]);
	}
}
END_TEST

/* ---- the escalations as of the sheet's moment ---- */

static const char *esc_status(const struct handover *h, long long id)
{
	const struct handover_section *s = handover_section(h, "escalations");

	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].ref == id)
			return s->rows[i].cells[5];
	return NULL;
}

/* On the sheet: what was not done at its moment (open still, or done only
 * after it) and what was done in its period; not what was done before. */
START_TEST(test_escalations_as_of)
{
	struct esc_notification *v = NULL;
	struct handover *h;
	struct dd_err err;
	long long before, during, after;
	int n = 0;

	now_is("2021-12-15T09:00");
	for (int i = 0; i < 4; i++)
		add("2021-12-15T09:00", LOG_DOCUMENT, "收到文件", 0, 0);
	ck_assert_int_eq(escalation_list(st, ESC_OPEN, 0, 0, &v, &n, &err), 0);
	ck_assert_int_ge(n, 4);
	before = v[0].id;
	during = v[1].id;
	after = v[2].id;
	now_is("2021-12-15T10:00");
	ck_assert_msg(escalation_done(st, &zhao, before, "值班员", NULL, &err) == 0, "%s", err.msg);
	now_is("2021-12-16T10:00");
	ck_assert_msg(escalation_done(st, &zhao, during, "值班员", NULL, &err) == 0, "%s", err.msg);
	now_is("2021-12-16T17:00");
	ck_assert_msg(escalation_done(st, &zhao, after, "值班员", NULL, &err) == 0, "%s", err.msg);

	now_is("2021-12-16T18:00");
	h = build("2021-12-16T08:00", "2021-12-16T16:00");
	ck_assert_int_eq(h->as_of, fx_time("2021-12-16T16:00"));
	ck_assert_ptr_null(esc_status(h, before));
	ck_assert_str_eq(esc_status(h, during), "已报 12-16 10:00");
	ck_assert_ptr_nonnull(esc_status(h, after));
	ck_assert_msg(strncmp(esc_status(h, after), "已报", strlen("已报")) != 0, "%s",
		      esc_status(h, after));
	for (int i = 3; i < n; i++)
		ck_assert_ptr_nonnull(esc_status(h, v[i].id));
	ck_assert_int_eq(h->esc_done, 1);
	ck_assert_int_eq(h->esc_done + h->esc_overdue + h->esc_pending, n - 1);
	handover_free(h);
	esc_notifications_free(v, n);
}
END_TEST

/* ---- the text sheet's line breaking ---- */

START_TEST(test_wrap)
{
	struct ho_lines l = {0};
	int whole = 0;

	/* A number is not cut: it goes to the next line whole; each line's
	 * width is what text_width says, within the limit (punctuation may
	 * hang two columns); control characters are dropped; a last newline
	 * makes no empty line. */
	ho_wrap("回电：87000000（已复述）\x1b[31m；责任组：综合协调组\n", 12, &l);
	ck_assert_int_ge(l.n, 3);
	for (int i = 0; i < l.n; i++) {
		const char *line = l.buf + l.at[i];
		ck_assert_int_eq(l.width[i], text_width(line));
		ck_assert_int_le(l.width[i], 14);
		ck_assert_ptr_null(strchr(line, '\x1b'));
		whole += strstr(line, "87000000") != NULL;
	}
	ck_assert_str_eq(l.buf + l.at[0], "回电：");
	ck_assert_int_eq(whole, 1);
	ck_assert_int_gt(strlen(l.buf + l.at[l.n - 1]), 0);
	/* The punctuation text_wrap hangs hangs here too, the ellipsis and the
	 * closing brackets among it: never the start of a line. */
	for (const char *const *p = (const char *const[]){"一二三…", "一二三】", "一二三〕",
							     "一二三〉", NULL}; *p; p++) {
		ho_lines_reset(&l);
		ho_wrap(*p, 6, &l);
		ck_assert_int_eq(l.n, 1);
		ck_assert_str_eq(l.buf + l.at[0], *p);
	}
	/* A word longer than a line is cut where the line is full. */
	ho_lines_reset(&l);
	ho_wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10, &l);
	ck_assert_int_eq(l.n, 3);
	ck_assert_str_eq(l.buf + l.at[0], "ABCDEFGHIJ");
	ho_lines_free(&l);
}
END_TEST

/* Every width of line, over text that mixes ideographs, other wide
 * characters (CJK punctuation, fullwidth forms, a hexagram: narrow), words
 * and the punctuation that hangs: each line as wide as text_width says and
 * within the limit, nothing lost or doubled, and a word of the line's size
 * or less never cut. */
START_TEST(test_wrap_widths)
{
	static const char *const texts[] = {
		"溪口村干部来电：应永康等15人自南京返诸，已落实14天居家隔离。",
		"来源：province-office；回电：0575-87643137（已复述）；ABCDEF一二",
		"\xe4\xb7\x80\xe4\xb8\x80\xe9\xbf\xbf\xef\xbc\x81中,文.x)y」一。",
		"一二三四五六七八九十，、。",
	};
	struct ho_lines l = {0};

	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (int cols = 2; cols <= 24; cols++) {
			char joined[512] = "";
			ho_lines_reset(&l);
			ho_wrap(texts[t], cols, &l);
			for (int i = 0; i < l.n; i++) {
				const char *line = l.buf + l.at[i];
				ck_assert_int_eq(l.width[i], text_width(line));
				ck_assert_int_le(l.width[i], cols + 2);
				ck_assert(strlen(joined) + strlen(line) < sizeof joined);
				strcat(joined, line);
			}
			ck_assert_str_eq(joined, texts[t]);
			if (cols >= 14 && strstr(texts[t], "0575-87643137")) {
				int whole = 0;
				for (int i = 0; i < l.n; i++)
					whole += strstr(l.buf + l.at[i], "0575-87643137") != NULL;
				ck_assert_int_eq(whole, 1);
			}
		}
	}
	ho_lines_free(&l);
}
END_TEST

/* ---- signing ---- */

START_TEST(test_sign)
{
	struct handover *h = NULL, *again;
	struct chain_report rep;
	struct dd_err err;
	char *text;

	now_is("2021-12-16T15:55");
	shift("2021-12-16T08:00", "2021-12-16T16:00", "赵娜");
	add("2021-12-16T08:10", LOG_CALL, "诸暨市值班组来电", 0, 0);
	ck_assert_int_eq(handover_sign(st, &zhao, &zhao, 0, 0, NULL, &h, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_msg(handover_sign(st, &zhao, &yu, 0, 0, "请跟进", &h, &err) == 0, "%s",
		      err.msg);
	ck_assert(h->signing.done);
	ck_assert_str_eq(h->signing.outgoing, "赵娜");
	ck_assert_str_eq(h->signing.incoming, "俞婕");
	ck_assert_int_eq(h->signing.at, fx_time("2021-12-16T15:55"));
	ck_assert_int_eq(count("SELECT count(*) FROM event WHERE type = 'handover'"), 1);
	/* Once per period, and a later look shows the signing and its notes. */
	now_is("2021-12-16T16:05");
	ck_assert_int_eq(handover_sign(st, &zhao, &yu, 0, 0, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	again = build("2021-12-16T08:00", "2021-12-16T16:00");
	ck_assert(again->signing.done);
	ck_assert_int_eq(again->signing.event_id, h->signing.event_id);
	ck_assert_int_eq(again->as_of, fx_time("2021-12-16T15:55"));
	ck_assert_str_eq(again->notes, "请跟进");
	handover_set_notes(again, "改过的");  /* a signed sheet keeps its notes */
	ck_assert_str_eq(again->notes, "请跟进");
	text = handover_text(again);
	ck_assert_ptr_nonnull(strstr(text, "交班人（签名）：赵娜"));
	ck_assert_ptr_nonnull(strstr(text, "接班人（签名）：俞婕"));
	free(text);
	handover_free(again);
	handover_free(h);
	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", err.msg);
}
END_TEST

/* ---- PDF ---- */

static long file_head(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "rb");
	long size;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fread(buf, 1, n, f), n);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	return size;
}

START_TEST(test_pdf_twice)
{
	struct handover *h;
	struct dd_err err;
	char path[512], head[5] = "";

	if (!handover_pdf_available())
		return;
	now_is("2021-12-16T09:00");
	add("2021-12-16T08:10", LOG_CALL, "诸暨市值班组来电：通知视频会议", 0, 0);
	h = build("2021-12-16T08:00", "2021-12-16T09:00");
	for (int i = 0; i < 2; i++) {
		char name[32];
		snprintf(name, sizeof name, "sheet%d.pdf", i);
		ck_assert_msg(handover_write_pdf(h, fx_path(name, path), &err) == 0, "%s",
			      err.msg);
		ck_assert_int_gt(file_head(path, head, 4), 2000);
		ck_assert_str_eq(head, "%PDF");
	}
	/* A file that cannot be written is said so. */
	ck_assert_int_eq(handover_write_pdf(h, "/nonexistent-dir/x.pdf", &err), -1);
	ck_assert_int_eq(err.code, DD_EIO);
	handover_free(h);
}
END_TEST

/* What the PDF writer reads is the whole sheet: read back, it makes the
 * same text, byte for byte; cut short, it is refused. */
START_TEST(test_wire_round_trip)
{
	struct handover *h, *back = NULL;
	struct dd_err err;
	char *data = NULL, *a, *b;
	size_t size = 0;
	FILE *f;

	now_is("2021-12-16T09:00");
	shift("2021-12-16T08:00", "2021-12-16T16:00", "赵娜");
	add("2021-12-16T08:10", LOG_CALL, "诸暨市值班组来电：通知视频会议\n第二行", 0, 0);
	add("2021-12-16T08:20", LOG_POSITIVE, "马剑村报告本土初筛阳性1例", 0, 0);
	h = build(NULL, NULL);
	handover_set_notes(h, "请接班人员跟进。");
	/* The document's options go through too (a drill's marks). */
	snprintf(h->watermark, sizeof h->watermark, "演练 DRILL");
	snprintf(h->banner, sizeof h->banner, "【演练 DRILL】本交接班记录为演练记录");
	f = open_memstream(&data, &size);
	ck_assert_int_eq(handover_wire_write(h, f), 0);
	fclose(f);
	f = fmemopen(data, size, "r");
	ck_assert_msg(handover_wire_read(f, &back, &err) == 0, "%s", err.msg);
	fclose(f);
	a = handover_text(h);
	b = handover_text(back);
	ck_assert_str_eq(a, b);
	ck_assert_str_eq(back->period_text, h->period_text);
	ck_assert_int_eq(back->mode_trigger, h->mode_trigger);
	ck_assert_str_eq(back->watermark, "演练 DRILL");
	ck_assert_str_eq(back->banner, h->banner);
	ck_assert_ptr_nonnull(strstr(b, "【演练 DRILL】本交接班记录为演练记录"));
	free(a);
	free(b);
	handover_wire_free(back);
	f = fmemopen(data, size - 3, "r");
	ck_assert_int_eq(handover_wire_read(f, &back, &err), -1);
	ck_assert_ptr_null(back);
	fclose(f);
	free(data);
	handover_free(h);
}
END_TEST

/* Without its writer, a PDF is an error like any other, never a crash. */
START_TEST(test_pdf_without_writer)
{
	struct handover *h;
	struct dd_err err;
	char path[512], *was = getenv("DUTYDESK_PDF_WRITER");

	if (!handover_pdf_available())
		return;
	was = was ? strdup(was) : NULL;
	now_is("2021-12-16T09:00");
	add("2021-12-16T08:10", LOG_CALL, "诸暨市值班组来电：通知视频会议", 0, 0);
	h = build("2021-12-16T08:00", "2021-12-16T09:00");
	ck_assert_int_eq(setenv("DUTYDESK_PDF_WRITER", "/nonexistent/dutydesk-pdf", 1), 0);
	ck_assert_int_eq(handover_write_pdf(h, fx_path("none.pdf", path), &err), -1);
	ck_assert_int_eq(err.code, DD_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "not installed"));
	ck_assert_int_eq(access(path, F_OK), -1);
	if (was)
		setenv("DUTYDESK_PDF_WRITER", was, 1);
	else
		unsetenv("DUTYDESK_PDF_WRITER");
	free(was);
	handover_free(h);
}
END_TEST

/* ---- printing ---- */

START_TEST(test_print_without_lp)
{
	struct dd_err err;
	char job[64] = "x";
	char *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;

	setenv("PATH", "/nonexistent-dir", 1);
	ck_assert_int_eq(handover_print("/dev/null", NULL, job, sizeof job, &err), -1);
	ck_assert_int_eq(err.code, DD_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "no CUPS"));
	ck_assert_str_eq(job, "");
	if (path)
		setenv("PATH", path, 1);
	free(path);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"open", {test_open_as_of, test_refusals, test_escalations_as_of}},
		{"period", {test_default_period}},
		{"text", {test_text_width, test_entries_as_log_each, test_wrap, test_wrap_widths}},
		{"sign", {test_sign}},
		{"pdf", {test_pdf_twice, test_wire_round_trip}},
		{"writer", {test_pdf_without_writer}},
		{"print", {test_print_without_lp}},
	};

	return fx_run(fx_suite("handover", cases, sizeof cases / sizeof cases[0], setup,
			       teardown, 60));
}
