/* test_roster.c — the shipped organisation against the notice
 * (seed/majian-2021-notice.txt, 2021-12-15): the leadership group and its
 * office, the 14 standing groups in the notice's order with as many numbered
 * duties as the notice gives each, the task force and the standing group
 * each of its groups corresponds to; then succession, which moves every post
 * in one transaction and keeps who held it before, so that the leaders at a
 * past time are those of that time. */
#include "domain/roster.h"

#include "fixture.h"

#include "domain/escalation.h"
#include "store/chain.h"
#include "store/store_sql.h"

static struct store *st;
static struct actor admin;   /* 周凯琳, the office's director */

static void setup(void)
{
	fx_mkdir("test_roster");
	st = fx_desk("desk.db");
	admin = fx_actor(st, "周凯琳");
	ck_assert_int_eq(admin.access, ACCESS_ADMIN);
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

/* The notice, 一、工作组组成及职责任务: the standing groups (headings without
 * their parentheses) and how many numbered duties (职责) each lists. */
static const struct {
	const char *name;
	int duties;
} notice[14] = {
	{"综合协调组", 3},         {"市场整治稳定组", 12},   {"交通管理组", 4},
	{"宣传舆情组", 5},         {"物资调配组", 5},       {"督导检查组", 5},
	{"社会稳定组", 3},         {"区域协查管控专班", 4}, {"转运隔离组", 5},
	{"高风险冷链食品物防组", 2}, {"村社疫情防控工作组", 11}, {"核酸采样工作组", 3},
	{"新冠病毒疫苗接种工作组", 6}, {"疫情防控值班组", 7},
};

/* The task force: its groups, as the preamble and heading (十二) name them,
 * and the standing group each corresponds to (the headings' parentheses). */
static const struct {
	const char *name, *counterpart;
} taskforce[6] = {
	{"疫情处置专班综合协调组", "综合协调组"},   {"疫情处置专班社区封控组", "社会稳定组"},
	{"疫情处置专班转运隔离组", "转运隔离组"},   {"疫情处置专班区域协查组", "区域协查管控专班"},
	{"疫情处置专班宣传舆情组", "宣传舆情组"},   {"疫情处置专班核酸筛查组", "核酸采样工作组"},
};

static dd_time after_seed(void)
{
	return fx_time("2021-12-15T12:00");
}

static struct roster *load(dd_time at)
{
	struct roster *r;
	struct dd_err err;

	ck_assert_msg(roster_load(st, at, &r, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r->at, at);
	return r;
}

static const struct roster_group *by_name(const struct roster *r, const char *name)
{
	for (int i = 0; i < r->ngroups; i++)
		if (strcmp(r->groups[i].name, name) == 0)
			return &r->groups[i];
	ck_abort_msg("no group %s", name);
	return NULL;
}

static int count_kind(const struct roster *r, enum grp_kind k)
{
	int n = 0;
	for (int i = 0; i < r->ngroups; i++)
		n += r->groups[i].kind == k;
	return n;
}

/* "Leader 何欣威; Deputy leader 周凯琳"-style holders of leader/deputy posts. */
static const char *leads(const struct roster_group *g)
{
	static char buf[512];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < g->nholders; i++)
		if (g->holders[i].title == POST_LEADER || g->holders[i].title == POST_DEPUTY)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s:%s",
						len ? " " : "", g->holders[i].title == POST_LEADER
						? "L" : "D", g->holders[i].name);
	return buf;
}

/* ---- the shipped organisation -------------------------------------------- */

START_TEST(groups_of_the_notice)
{
	struct roster *r = load(after_seed());

	ck_assert_int_eq(count_kind(r, GRP_LEADERSHIP), 1);
	ck_assert_int_eq(count_kind(r, GRP_OFFICE), 1);
	ck_assert_int_eq(count_kind(r, GRP_STANDING), 14);
	ck_assert_int_eq(count_kind(r, GRP_TASKFORCE), 6);
	ck_assert_int_eq(count_kind(r, GRP_SUBGROUP), 4);
	ck_assert_int_eq(r->ngroups, 26);
	/* Leadership, office, then the standing groups in the notice's order. */
	ck_assert_str_eq(r->groups[0].name, "领导小组");
	ck_assert_str_eq(r->groups[1].name, "领导小组办公室");
	ck_assert_int_eq(r->groups[1].parent_id, r->groups[0].id);
	for (int i = 0; i < 14; i++) {
		const struct roster_group *g = &r->groups[2 + i];
		ck_assert_int_eq(g->kind, GRP_STANDING);
		ck_assert_int_eq(g->seq, i + 1);
		ck_assert_str_eq(g->name, notice[i].name);
	}
	/* 核酸采样工作组's four sub-groups. */
	for (int i = 0; i < r->ngroups; i++)
		if (r->groups[i].kind == GRP_SUBGROUP)
			ck_assert_int_eq(r->groups[i].parent_id, by_name(r, "核酸采样工作组")->id);
	roster_free(r);
}
END_TEST

START_TEST(duties_per_group)
{
	struct roster *r = load(after_seed());
	int total = 0;

	for (int i = 0; i < 14; i++) {
		const struct roster_group *g = by_name(r, notice[i].name);
		ck_assert_msg(g->nduties == notice[i].duties, "%s: %d duties, the notice has %d",
			      g->name, g->nduties, notice[i].duties);
		for (int k = 0; k < g->nduties; k++) {
			ck_assert(!g->duties[k].outbreak);
			ck_assert_int_eq(g->duties[k].seq, k + 1);     /* numbered 1, 2, ... */
			ck_assert_str_ne(g->duties[k].text, "");
		}
		total += g->nduties;
		/* Each group's last duty but one group's is the same sentence. */
		if (strcmp(g->name, "市场整治稳定组") != 0)
			ck_assert_str_eq(g->duties[g->nduties - 1].text,
					 "完成领导交办的其他任务。");
	}
	ck_assert_int_eq(total, 75);
	/* Word for word: the first duty of 疫情防控值班组. */
	ck_assert_str_eq(by_name(r, "疫情防控值班组")->duties[0].text,
			 "负责24小时值班值守和“日报告、零报告”制度落实。");
	roster_free(r);
}
END_TEST

START_TEST(task_force_mapping)
{
	struct roster *r = load(after_seed());

	for (int i = 0; i < 6; i++) {
		const struct roster_group *t = by_name(r, taskforce[i].name);
		const struct roster_group *c = by_name(r, taskforce[i].counterpart);
		long long id = 0;
		struct dd_err err;

		ck_assert_int_eq(t->kind, GRP_TASKFORCE);
		ck_assert_int_eq(t->seq, i + 1);
		ck_assert_int_eq(t->counterpart_id, c->id);
		/* One outbreak paragraph (一旦发生疫情…), on the task-force group. */
		ck_assert_int_eq(t->nduties, 1);
		ck_assert(t->duties[0].outbreak);
		ck_assert_msg(strncmp(t->duties[0].text, "一旦发生疫情",
				      strlen("一旦发生疫情")) == 0, "%s", t->duties[0].text);
		/* Led by its counterpart's leaders and deputies. */
		ck_assert_str_ne(leads(c), "");
		ck_assert_str_eq(leads(t), leads(c));
		/* Found by its full name. */
		ck_assert_int_eq(roster_find_group(st, t->name, &id, &err), 0);
		ck_assert_int_eq(id, t->id);
		/* By its short name: the standing group of that name if there
		 * is one (综合协调组), else the task force's (社区封控组). */
		ck_assert_int_eq(roster_find_group(st, t->short_name, &id, &err), 0);
		ck_assert_int_eq(id, strcmp(t->short_name, c->name) == 0 ? c->id : t->id);
	}
	ck_assert_str_eq(leads(by_name(r, "疫情处置专班综合协调组")), "L:何欣威 D:周凯琳");
	roster_free(r);
}
END_TEST

START_TEST(find_group_by_other_names)
{
	static const struct {
		const char *typed, *group;
	} names[] = {
		{"重点人员管控组", "区域协查管控专班"},
		{"新冠病毒疫苗接种专班", "新冠病毒疫苗接种工作组"},
		{"核酸检测工作组", "核酸采样工作组"},
		{"马剑镇新型冠状病毒肺炎疫情联防联控领导小组", "领导小组"},
		{"办公室", "领导小组办公室"},
		{"专班综合协调组", "疫情处置专班综合协调组"},
		{"社区封控组", "疫情处置专班社区封控组"},
	};
	struct roster *r = load(after_seed());
	struct dd_err err;
	long long id;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		ck_assert_msg(roster_find_group(st, names[i].typed, &id, &err) == 0, "%s: %s",
			      names[i].typed, err.msg);
		ck_assert_str_eq(roster_group(r, id)->name, names[i].group);
	}
	ck_assert_int_eq(roster_find_group(st, "卫生组", &id, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(roster_find_group(st, "", &id, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_ptr_null(roster_group(r, -1));
	roster_free(r);
}
END_TEST

START_TEST(holders_and_units)
{
	struct roster *r = load(after_seed());
	const struct roster_group *g = by_name(r, "领导小组");
	const struct roster_group *v = by_name(r, "村社疫情防控工作组");
	int members = 0;

	ck_assert_str_eq(leads(g), "L:徐航锋 L:张宝庭 D:何欣威 D:周凯琳");
	for (int i = 0; i < g->nholders; i++)
		members += g->holders[i].title == POST_MEMBER;
	ck_assert_int_eq(members, 12);                     /* 俞益富 and 褚华锋 apart */
	/* A leader described, not named; no phone numbers were invented. */
	ck_assert_int_eq(v->holders[0].person_id, 0);
	ck_assert_str_eq(v->holders[0].name, "各包村领导");
	for (int i = 0; i < r->ngroups; i++)
		for (int k = 0; k < r->groups[i].nholders; k++)
			ck_assert(!r->groups[i].holders[k].has_phone);
	ck_assert_int_eq(by_name(r, "物资调配组")->nmembers, 2);
	ck_assert_str_eq(by_name(r, "物资调配组")->members[1], "经济发展办");
	/* Before the notice the posts were there, held by nobody. */
	roster_free(r);
	r = load(fx_time("2021-12-14T12:00"));
	g = by_name(r, "领导小组");
	ck_assert_int_gt(g->nholders, 0);
	for (int i = 0; i < g->nholders; i++) {
		ck_assert_int_eq(g->holders[i].person_id, 0);
		ck_assert_str_eq(g->holders[i].name, "");
	}
	roster_free(r);
}
END_TEST

/* ---- as the notice writes it -------------------------------------------- */

/* The notice (tests/data, DUTYDESK_NOTICE), whole, malloc'd. */
static char *notice_text(void)
{
	const char *path = getenv("DUTYDESK_NOTICE");
	FILE *f;
	char *buf;
	long n;

	ck_assert_msg(path && *path, "DUTYDESK_NOTICE names the notice");
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Is `line` a whole line of `text`? */
static int has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The notice's 14 headings of section 一, (一) … (十四), in `out`. */
static void notice_headings(const char *text, char out[14][256])
{
	const char *p = strstr(text, "\n一、工作组组成及职责任务\n");
	int n = 0;

	ck_assert_ptr_nonnull(p);
	while (n < 14 && (p = strstr(p, "\n(")) != NULL) {
		const char *e = strchr(p + 1, '\n');
		ck_assert_ptr_nonnull(e);
		snprintf(out[n++], 256, "%.*s", (int)(e - p - 1), p + 1);
		p = e;
	}
	ck_assert_int_eq(n, 14);
}

START_TEST(headings_as_the_notice_writes_them)
{
	struct roster *r = load(after_seed());
	char *text = notice_text(), heads[14][256];
	const struct roster_group *lead = by_name(r, "领导小组");

	notice_headings(text, heads);
	ck_assert_str_eq(heads[0], "(一)综合协调组(疫情处置专班综合协调组)");
	for (int i = 0; i < 14; i++) {
		const struct roster_group *g = by_name(r, notice[i].name);
		ck_assert_str_eq(g->heading, heads[i]);
		ck_assert_str_eq(roster_heading(g), heads[i]);
		ck_assert_str_eq(g->section, "一、工作组组成及职责任务");
	}
	ck_assert(has_line(text, "一、工作组组成及职责任务"));
	/* The leadership group by the full name of the preamble. */
	ck_assert_str_eq(lead->heading, "马剑镇新型冠状病毒肺炎疫情联防联控领导小组");
	ck_assert_ptr_nonnull(strstr(text, "调整完善马剑镇新型冠状病毒肺炎疫情联防联控领导小组工作体系"));
	/* The office's and the sub-groups' headings; a group without one
	 * shows its name. */
	ck_assert_str_eq(by_name(r, "领导小组办公室")->heading, "办公室");
	ck_assert_str_eq(by_name(r, "核酸采样工作组宣传发动组")->heading, "宣传发动组");
	{
		struct roster_group bare = {.name = "甲组", .heading = ""};
		ck_assert_str_eq(roster_heading(&bare), "甲组");
	}
	/* Other names are read with the group. */
	ck_assert_int_eq(by_name(r, "区域协查管控专班")->naliases, 1);
	ck_assert_str_eq(by_name(r, "区域协查管控专班")->aliases[0], "重点人员管控组");
	free(text);
	roster_free(r);
}
END_TEST

/* Where a group stands in the notice's order. */
static int pos_of(const struct roster *r, const char *name)
{
	for (int k = 0; k < r->ngroups; k++)
		if (strcmp(r->groups[r->order[k]].name, name) == 0)
			return k;
	ck_abort_msg("no group %s", name);
	return -1;
}

START_TEST(sub_groups_and_sentences_in_place)
{
	static const char *const subs[] = {"核酸采样工作组综合协调组", "核酸采样工作组宣传发动组",
					   "核酸采样工作组物资保障组", "核酸采样工作组后勤服务组"};
	struct roster *r = load(after_seed());
	char *text = notice_text();
	int at = pos_of(r, "核酸采样工作组");
	const struct roster_group *g12 = by_name(r, "核酸采样工作组");
	const char *s1 = "以上成员如有变动,由所在办(中心)接任人员自然更替。";
	const char *s2 = "以上人员如有变动,由职能办(中心)、站办所、行政村(社区)人员自然更替。";

	/* The four sub-groups right under 核酸采样工作组, then (十三). */
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(pos_of(r, subs[i]), at + 1 + i);
		ck_assert_int_eq(by_name(r, subs[i])->depth, 1);
		ck_assert_ptr_nonnull(strstr(g12->note, by_name(r, subs[i])->heading));
	}
	ck_assert_int_eq(pos_of(r, "新冠病毒疫苗接种工作组"), at + 5);
	ck_assert_int_eq(g12->depth, 0);
	/* ... introduced by the notice's sentence, a whole line of it. */
	ck_assert(has_line(text, g12->note));
	ck_assert_ptr_nonnull(strstr(g12->note, "核酸检测工作组下设综合协调组、宣传发动组"));
	/* The office under the leadership group, introduced by its note. */
	ck_assert_int_eq(pos_of(r, "领导小组办公室"), pos_of(r, "领导小组") + 1);
	ck_assert_int_eq(by_name(r, "领导小组办公室")->depth, 1);
	ck_assert_ptr_nonnull(strstr(text, by_name(r, "领导小组")->note));
	/* Succession: said after the office, and after (十四), once each. */
	ck_assert_ptr_nonnull(strstr(text, s1));
	ck_assert(has_line(text, s2));
	for (int k = 0; k < r->ngroups; k++) {
		const struct roster_group *g = &r->groups[r->order[k]];
		int last = strcmp(g->name, "领导小组办公室") == 0 ||
			   strcmp(g->name, "疫情防控值班组") == 0;
		ck_assert_msg(g->closes_succession == last, "%s", g->name);
		if (g->kind == GRP_LEADERSHIP || g->kind == GRP_OFFICE)
			ck_assert_str_eq(g->succession, s1);
		else if (g->kind == GRP_STANDING)
			ck_assert_str_eq(g->succession, s2);
		else
			ck_assert_str_eq(g->succession, "");
		/* A section opens at (一) and at the task force's first group. */
		ck_assert_msg(g->opens_section == (strcmp(g->name, "综合协调组") == 0 ||
						   strcmp(g->name, "疫情处置专班综合协调组") == 0),
			      "%s", g->name);
	}
	free(text);
	roster_free(r);
}
END_TEST

START_TEST(find_group_by_heading)
{
	struct roster *r = load(after_seed());
	struct dd_err err;
	long long id;

	ck_assert_int_eq(roster_find_group(st, "(一)综合协调组(疫情处置专班综合协调组)", &id, &err), 0);
	ck_assert_int_eq(id, by_name(r, "综合协调组")->id);
	ck_assert_int_eq(roster_find_group(st, "(十三)新冠病毒疫苗接种工作组(专班)", &id, &err), 0);
	ck_assert_int_eq(id, by_name(r, "新冠病毒疫苗接种工作组")->id);
	/* The short names still find what they found. */
	ck_assert_int_eq(roster_find_group(st, "综合协调组", &id, &err), 0);
	ck_assert_int_eq(id, by_name(r, "综合协调组")->id);
	ck_assert_int_eq(roster_find_group(st, "宣传发动组", &id, &err), 0);
	ck_assert_int_eq(id, by_name(r, "核酸采样工作组宣传发动组")->id);
	roster_free(r);
}
END_TEST

/* The contact standing for group `name`'s leaders, or NULL. */
static const struct esc_contact *leaders_contact(const struct esc_contact *v, int n,
						 const char *name)
{
	char want[256];
	snprintf(want, sizeof want, "%s组长", name);
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].name, want) == 0)
			return &v[i];
	return NULL;
}

START_TEST(every_groups_leaders_are_contacts)
{
	struct esc_contact *v;
	struct dd_err err;
	int n;

	ck_assert_int_eq(escalation_contacts(st, &v, &n, &err), 0);
	for (int i = 0; i < 14; i++) {
		const struct esc_contact *c = leaders_contact(v, n, notice[i].name);
		ck_assert_msg(c != NULL, "no contact for the leaders of %s", notice[i].name);
		ck_assert_str_eq(c->level, "town");
		ck_assert_str_eq(c->numbers, "");            /* none invented */
	}
	ck_assert_str_eq(leaders_contact(v, n, "领导小组")->people, "徐航锋 张宝庭");
	ck_assert_str_eq(leaders_contact(v, n, "交通管理组")->people, "应伟龙");
	ck_assert_str_eq(leaders_contact(v, n, "村社疫情防控工作组")->people, "");
	esc_contacts_free(v, n);
}
END_TEST

/* A desk made before the headings and the leaders' contacts gets them the
 * first time it is opened, and its chain and rows still check. */
START_TEST(older_desk_gets_them_once)
{
	struct store *old;
	struct chain_report rep;
	struct esc_contact *v;
	struct roster *r;
	struct dd_err err;
	char path[512];
	const char *name;
	int before = -1, n, seeded = 1;

	for (int i = 0; (name = store_migration_name(i)) != NULL; i++)
		if (strcmp(name, "sql/014-roster-headings.sql") == 0)
			before = i;
	ck_assert_int_gt(before, 0);
	ck_assert_msg(store_open_at_version(&old, fx_path("old.db", path), before, &err) == 0,
		      "%s", err.msg);
	ck_assert_msg(desk_seed(old, NULL, &err) == 0, "%s", err.msg);
	/* That desk had no contact for 交通管理组's leaders. */
	ck_assert_int_eq(sqlite3_exec(store_db(old), "DELETE FROM contact WHERE name = "
				      "'交通管理组组长'", NULL, NULL, NULL), SQLITE_OK);
	store_close(old);
	ck_assert_msg(desk_open(&old, path, 0, &seeded, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(seeded, 0);
	ck_assert_int_eq(roster_load(old, after_seed(), &r, &err), 0);
	ck_assert_str_eq(by_name(r, "综合协调组")->heading, "(一)综合协调组(疫情处置专班综合协调组)");
	ck_assert_str_eq(by_name(r, "疫情防控值班组")->succession,
			 "以上人员如有变动,由职能办(中心)、站办所、行政村(社区)人员自然更替。");
	roster_free(r);
	ck_assert_int_eq(escalation_contacts(old, &v, &n, &err), 0);
	ck_assert_ptr_nonnull(leaders_contact(v, n, "交通管理组"));
	esc_contacts_free(v, n);
	ck_assert_msg(chain_verify(old, &rep, &err) == 0, "%s", err.msg);
	store_close(old);
	/* Once: removed again, it stays removed. */
	ck_assert_msg(desk_open(&old, path, 0, &seeded, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sqlite3_exec(store_db(old), "DELETE FROM contact WHERE name = "
				      "'交通管理组组长'", NULL, NULL, NULL), SQLITE_OK);
	store_close(old);
	ck_assert_msg(desk_open(&old, path, 0, &seeded, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(escalation_contacts(old, &v, &n, &err), 0);
	ck_assert_ptr_null(leaders_contact(v, n, "交通管理组"));
	esc_contacts_free(v, n);
	store_close(old);
}
END_TEST

/* ---- succession ---------------------------------------------------------- */

/* Posts `name` holds in the roster `r` (task-force copies not counted). */
static int posts_of(const struct roster *r, const char *name)
{
	int n = 0;
	for (int i = 0; i < r->ngroups; i++)
		if (r->groups[i].kind != GRP_TASKFORCE)
			for (int k = 0; k < r->groups[i].nholders; k++)
				n += strcmp(r->groups[i].holders[k].name, name) == 0;
	return n;
}

static char *leads_at(const char *group, const char *at)
{
	char *s = NULL;
	struct dd_err err;

	ck_assert_msg(roster_leads_at(st, group, fx_time(at), &s, &err) == 0, "%s", err.msg);
	return s;
}

START_TEST(succession_moves_every_post)
{
	struct roster *before = load(after_seed()), *after;
	dd_time at = fx_time("2021-12-20T09:00");
	int held = posts_of(before, "何欣威"), moved = 0;
	struct dd_err err;
	struct roster_tenure *t;
	struct chain_report rep;
	long long post = 0;
	int n;

	ck_assert_int_ge(held, 4);  /* 领导小组, 综合协调组, 督导检查组, 疫情防控值班组 */
	ck_assert_msg(roster_succeed(st, &admin, "何欣威", "王建国", at, "工作调动", &moved,
				     &err) == 0, "%s", err.msg);
	ck_assert_int_eq(moved, held);
	after = load(at);
	ck_assert_int_eq(posts_of(after, "何欣威"), 0);
	ck_assert_int_eq(posts_of(after, "王建国"), held);
	ck_assert_str_eq(leads(by_name(after, "疫情处置专班综合协调组")), "L:王建国 D:周凯琳");
	roster_free(after);
	after = load(at - 1);                          /* a moment before: as it was */
	ck_assert_int_eq(posts_of(after, "何欣威"), held);
	ck_assert_int_eq(posts_of(after, "王建国"), 0);

	/* The post's history keeps both tenures. */
	post = by_name(after, "综合协调组")->holders[0].post_id;
	ck_assert_int_eq(roster_post_history(st, post, &t, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(t[0].name, "何欣威");
	ck_assert_int_eq(t[0].since, desk_seed_time());
	ck_assert_int_eq(t[0].until, at);
	ck_assert_str_eq(t[1].name, "王建国");
	ck_assert_int_eq(t[1].since, at);
	ck_assert_int_eq(t[1].until, 0);
	roster_tenures_free(t, n);
	roster_free(after);
	roster_free(before);

	/* The new person is on the roster, an operator; the act is chained. */
	ck_assert_int_eq(fx_actor(st, "王建国").access, ACCESS_OPERATOR);
	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_ne(sqlite3_exec(store_db(st), "DELETE FROM tenure", NULL, NULL, NULL),
			 SQLITE_OK);                      /* history cannot be removed */
}
END_TEST

START_TEST(leads_at_a_past_time)
{
	struct dd_err err;
	char want[256], *s;
	int moved;

	ck_assert_int_eq(roster_succeed(st, &admin, "何欣威", "王建国",
					fx_time("2021-12-20T09:00"), NULL, &moved, &err), 0);
	snprintf(want, sizeof want, "%s 何欣威; %s 周凯琳", roster_title_label(POST_LEADER),
		 roster_title_label(POST_DEPUTY));
	s = leads_at("综合协调组", "2021-12-18T10:00");
	ck_assert_str_eq(s, want);
	free(s);
	s = leads_at("疫情处置专班综合协调组", "2021-12-18T10:00");   /* the counterpart's */
	ck_assert_str_eq(s, want);
	free(s);
	snprintf(want, sizeof want, "%s 王建国; %s 周凯琳", roster_title_label(POST_LEADER),
		 roster_title_label(POST_DEPUTY));
	s = leads_at("综合协调组", "2021-12-20T09:00");
	ck_assert_str_eq(s, want);
	free(s);
	/* Two leaders of one title share the label. */
	snprintf(want, sizeof want, "%s 何欣威 周凯琳", roster_title_label(POST_LEADER));
	s = leads_at("疫情防控值班组", "2021-12-16T00:00");
	ck_assert_str_eq(s, want);
	free(s);
	s = leads_at("综合协调组", "2021-12-01T00:00");                /* before the notice */
	ck_assert_str_eq(s, "");
	free(s);
	ck_assert_int_eq(roster_leads_at(st, "卫生组", 0, &s, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
}
END_TEST

START_TEST(succession_refusals_change_nothing)
{
	struct actor sup = fx_actor(st, "何欣威");
	struct chain_report rep;
	struct dd_err err;
	long long events;
	int moved = -1;

	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", err.msg);
	events = rep.events;
	ck_assert_int_eq(roster_succeed(st, &sup, "赵娜", "王建国", 0, NULL, &moved, &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);              /* needs an admin */
	ck_assert_int_eq(roster_succeed(st, &admin, "赵娜", "赵娜", 0, NULL, &moved, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(roster_succeed(st, &admin, "无名氏", "王建国", 0, NULL, &moved, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	/* Someone who holds no post: refused, and the successor it would have
	 * added is not left behind (one transaction). */
	ck_assert_int_eq(person_add(st, &admin, "李四", NULL, ACCESS_OPERATOR, NULL, &err), 0);
	ck_assert_int_eq(roster_succeed(st, &admin, "李四", "王建国", 0, NULL, &moved, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(person_find(st, "王建国", &sup, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_int_eq(moved, -1);
	ck_assert_msg(chain_verify(st, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep.events, events + 1);           /* only 李四's addition */
}
END_TEST

START_TEST(labels)
{
	ck_assert_str_eq(roster_kind_name(GRP_STANDING), "standing");
	ck_assert_str_eq(roster_kind_name(GRP_TASKFORCE), "taskforce");
	ck_assert_str_eq(roster_kind_name((enum grp_kind)9), "?");
	ck_assert_str_ne(roster_title_label(POST_LEADER), roster_title_label(POST_DEPUTY));
	ck_assert_str_eq(roster_title_label((enum post_title)9), "?");
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"roster_load", {groups_of_the_notice, duties_per_group, task_force_mapping,
				 holders_and_units, labels}},
		{"roster_heading", {headings_as_the_notice_writes_them,
				    sub_groups_and_sentences_in_place}},
		{"roster_find_group", {find_group_by_other_names, find_group_by_heading}},
		{"desk_seed", {every_groups_leaders_are_contacts, older_desk_gets_them_once}},
		{"roster_succeed", {succession_moves_every_post, leads_at_a_past_time,
				    succession_refusals_change_nothing}},
	};

	return fx_run(fx_suite("roster", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
