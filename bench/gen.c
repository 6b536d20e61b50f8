/* gen.c — the benchmark's data: two years of a township duty log in
 * Chinese, and a contacts CSV.
 *
 * Everything is drawn from a fixed seed, so every run makes the same data.
 * Entries come in recording order, about one a minute and more in the last
 * shift (an outbreak night); up to a quarter follow up a recent incident;
 * incidents are closed one to 48 hours later, in time order among the
 * entries, except about one in 2,000 that stays open, and those still open
 * at the end.  About four entries in ten are of a kind whose escalation
 * rules open notifications (a document, an inspection, supplies, a key
 * person); the
 * operator marks them done five minutes to an hour and a half later, except
 * about one in 500, forgotten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

struct rng {
	uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
	/* xorshift64* */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

static int rint_(struct rng *r, int n)
{
	return (int)(rnext(r) % (uint64_t)n);
}

static double runit(struct rng *r)
{
	return (double)(rnext(r) >> 11) / 9007199254740992.0;
}

#define PICK(r, a) ((a)[rint_((r), (int)(sizeof(a) / sizeof((a)[0])))])

/* Villages and communities of a township like the notice's (平阳社区 is in it). */
static const char *const villages[] = {
	"平阳社区", "马剑村", "溪口村", "上京村", "塔山村", "下宅村", "大坞村", "青山村", "石门村",
	"岭北村", "茶园村", "新联村", "龙门村", "西坑村", "水口村",
};
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡",
	"郭", "何", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
	"曾", "蒋", "蔡", "余", "俞", "楼", "宣", "斯", "寿", "骆", "边", "钱", "应", "戚",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
	"明", "超", "秀英", "华", "建国", "国强", "海燕", "志刚", "春梅", "晓东", "丽萍", "建华",
	"文斌", "美玲", "永康", "小红", "金水", "根法", "阿三", "雪芬", "桂英", "炳荣", "少华",
};
static const char *const cities[] = {
	"上海", "杭州", "宁波", "绍兴越城区", "西安", "天津", "郑州", "广州", "深圳", "北京",
	"南京", "成都", "义乌", "温州", "金华", "瑞丽", "额济纳旗", "大连",
};
static const char *const topics[] = {
	"冷链食品管控", "进口物品消杀", "来诸返诸人员排查", "新冠病毒疫苗接种", "常态化核酸检测",
	"集中隔离点管理", "农村集体聚餐管理", "重点场所扫码测温", "节假日疫情防控",
	"发热门诊哨点监测",
};
static const char *const measures[] = {
	"居家健康监测", "集中隔离医学观察", "14天居家隔离", "三天两检", "7天居家健康监测",
};
static const char *const places[] = {
	"马剑镇农贸市场", "马剑中学", "镇卫生院发热哨点", "镇文化礼堂", "镇区超市", "客运站",
	"镇区宾馆", "镇政府大院", "集中隔离点", "核酸采样点",
};
static const char *const findings[] = {
	"扫码测温不规范", "值守人员未佩戴口罩", "登记台账不全", "消毒记录缺失", "外来人员未登记",
	"一米线未落实", "宣传标语破损",
};
static const char *const sources[] = {
	"诸暨市值班组", "绍兴市值班组", "诸暨市疾控中心", "诸暨市疫情防控领导小组综合协调组",
	"诸暨市委市政府总值班室", "镇卫生院", "派出所", "市场监管所", "群众来电", "省防控办",
};
static const char *const resolutions[] = {
	"已核实处置完毕，情况属实，相关人员已落实管控措施",
	"经核查，相关人员核酸检测结果均为阴性，解除健康监测",
	"已按要求报送，市值班组已确认收到",
	"问题已整改到位，督查组复查通过",
	"物资已发放到位，台账已登记",
	"经研判无需进一步处置，予以办结",
};

struct pending {
	dd_time at;
	long long id;
	int op;
	enum log_bulk_act act;    /* CLOSE or DONE */
};

struct recent {
	long long id;
	dd_time closes;           /* when it is closed, or NEVER */
};

#define NRECENT 256
#define NEVER ((dd_time)1 << 62)

struct gen {
	struct gen_plan p;
	struct rng rng;
	long long made;
	struct pending *heap;
	int nheap, capheap;
	struct recent recent[NRECENT];
	int nrecent;
	/* The entry given last, to learn its id. */
	int last_was_incident, last_notifies, last_op;
	dd_time last_at;
	dd_time next_at;          /* when the next entry is recorded */
	int next_known;
	double t0;
	char summary[1024], caller[64], callback[32], source[256];
};

struct gen *gen_new(const struct gen_plan *plan)
{
	struct gen *g = dd_xcalloc(1, sizeof *g);
	g->p = *plan;
	g->rng.s = 0x9e3779b97f4a7c15ULL;
	g->t0 = bench_now_ms();
	return g;
}

void gen_free(struct gen *g)
{
	if (g) {
		free(g->heap);
		free(g);
	}
}

static void heap_push(struct gen *g, struct pending v)
{
	int i;
	if (g->nheap == g->capheap) {
		g->capheap = g->capheap ? g->capheap * 2 : 1024;
		g->heap = dd_xrealloc(g->heap, (size_t)g->capheap * sizeof *g->heap);
	}
	i = g->nheap++;
	while (i > 0 && g->heap[(i - 1) / 2].at > v.at) {
		g->heap[i] = g->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	g->heap[i] = v;
}

static struct pending heap_pop(struct gen *g)
{
	struct pending top = g->heap[0], last = g->heap[--g->nheap];
	int i = 0;

	for (;;) {
		int c = 2 * i + 1;
		if (c >= g->nheap)
			break;
		if (c + 1 < g->nheap && g->heap[c + 1].at < g->heap[c].at)
			c++;
		if (g->heap[c].at >= last.at)
			break;
		g->heap[i] = g->heap[c];
		i = c;
	}
	if (g->nheap > 0)
		g->heap[i] = last;
	return top;
}

/* When entry i is recorded: evenly spread with jitter, in order. */
static dd_time entry_time(struct gen *g, long long i)
{
	long long before = g->p.entries - g->p.shift_entries;
	double u = runit(&g->rng), span;

	if (i < before) {
		span = (double)(g->p.shift_start - g->p.start);
		return g->p.start + (dd_time)(((double)i + u) * span / (double)before);
	}
	span = (double)(g->p.end - g->p.shift_start);
	return g->p.shift_start + (dd_time)(((double)(i - before) + u) * span /
					    (double)g->p.shift_entries);
}

static void person(struct gen *g, char *out, size_t n)
{
	snprintf(out, n, "%s%s", PICK(&g->rng, surnames), PICK(&g->rng, given));
}

static void phone_into(struct rng *r, char *out, size_t n)
{
	if (rint_(r, 4) == 0)
		snprintf(out, n, "0575-87%06d", rint_(r, 1000000));
	else
		snprintf(out, n, "1%d%d%08d", 3 + rint_(r, 6), rint_(r, 10), rint_(r, 100000000));
}

static void phone(struct gen *g, char *out, size_t n)
{
	phone_into(&g->rng, out, n);
}

static void day(dd_time t, char *out, size_t n)
{
	char buf[DDTIME_BUFSZ];
	ddtime_format(t, DDTIME_DATE, buf);
	/* 2021-12-15 -> 12月15日 */
	snprintf(out, n, "%d月%d日", atoi(buf + 5), atoi(buf + 8));
}

/* Summaries as duty operators write them.  In a template, {x} stands for:
 * v a village, p a person, c a city, m a measure, t a topic, l a place,
 * f a finding, k the key-person category, d a date soon after, a an age,
 * s a sex, n a number from 1 to 30, h hundreds. */
static const struct {
	enum log_kind kind;
	const char *text;
} templates[] = {
	{LOG_CALL, "{v}干部来电：{p}等{n}人自{c}返诸，已落实{m}，需镇里安排核酸检测"},
	{LOG_CALL, "来电要求{d}前报送{v}重点人员排查情况，已通知区域协查管控专班"},
	{LOG_CALL, "群众{p}来电反映{v}有人员聚集办酒，请求核实处置"},
	{LOG_CALL, "{v}来电：核酸采样点排队人数较多，请求增派采样人员{n}名"},
	{LOG_CALL, "来电通报：{p}为时空伴随者，现居{v}，请落实管控并反馈"},
	{LOG_DOCUMENT, "收到文件《关于进一步加强{t}工作的通知》，已呈领导阅示，拟转相关工作组办理"},
	{LOG_DOCUMENT, "收到明传电报，部署{t}工作，要求各镇于三日内报送落实情况"},
	{LOG_REPORT, "向诸暨市值班组报送{d}重点人员管控日报：在管{h}人，新增{n}人，解除{n}人"},
	{LOG_REPORT, "续报：{v}{p}健康码异常核查情况，已完成两次核酸检测，结果均为阴性"},
	{LOG_INSTRUCTION, "向各行政村(社区)下达通知：即日起落实{t}，{d}前报送落实情况"},
	{LOG_INSTRUCTION, "通知区域协查管控专班：{t}需于{d}前完成排查并报送名单"},
	{LOG_KEY_PERSON, "{k}：{p}，{s}，{a}岁，住{v}，{d}自{c}返诸，已落实{m}"},
	{LOG_KEY_PERSON, "{k}：{p}，{s}，{a}岁，住{v}，经排查已落实{m}，每日两次测温"},
	{LOG_KEY_PERSON, "{k}{p}（{v}）第{n}次核酸检测结果阴性，继续落实{m}"},
	{LOG_INSPECTION, "督查组到{l}检查：{f}，已要求立即整改，明日复查"},
	{LOG_INSPECTION, "督查组到{v}卡点检查：{f}，已要求立即整改，明日复查"},
	{LOG_SUPPLIES, "物资调配组发放N95口罩{h}个、防护服{n}套、消毒液{n}箱，用于{v}核酸采样"},
	{LOG_OTHER, "{v}报告：{t}宣传已入户{h}户，发放告知书{h}份"},
	{LOG_OTHER, "{v}报告：镇疫苗接种点今日接种{h}剂次，其中加强针{h}剂次"},
};

/* What {x} stands for, drawn now. */
static void slot(struct gen *g, char x, const struct log_new *e, dd_time t, char *out,
		 size_t n)
{
	struct rng *r = &g->rng;

	switch (x) {
	case 'v': snprintf(out, n, "%s", PICK(r, villages)); break;
	case 'p': person(g, out, n); break;
	case 'c': snprintf(out, n, "%s", PICK(r, cities)); break;
	case 'm': snprintf(out, n, "%s", PICK(r, measures)); break;
	case 't': snprintf(out, n, "%s", PICK(r, topics)); break;
	case 'l': snprintf(out, n, "%s", PICK(r, places)); break;
	case 'f': snprintf(out, n, "%s", PICK(r, findings)); break;
	case 'k': snprintf(out, n, "%s", e->subkind ? e->subkind : ""); break;
	case 'd': day(t + 86400 * rint_(r, 3), out, n); break;
	case 'a': snprintf(out, n, "%d", 18 + rint_(r, 60)); break;
	case 's': snprintf(out, n, "%s", rint_(r, 2) ? "男" : "女"); break;
	case 'n': snprintf(out, n, "%d", 1 + rint_(r, 30)); break;
	default: snprintf(out, n, "%d", 100 * (1 + rint_(r, 30))); break;
	}
}

static void text_for(struct gen *g, struct log_new *e, dd_time t)
{
	const int ntpl = (int)(sizeof templates / sizeof templates[0]);
	const char *p = NULL;
	size_t len = 0;
	int count = 0, k;

	if (e->kind == LOG_KEY_PERSON)
		e->subkind = log_key_person_kinds[rint_(&g->rng, 5)];
	for (int i = 0; i < ntpl; i++)
		count += templates[i].kind == e->kind;
	k = rint_(&g->rng, count);
	for (int i = 0; i < ntpl && !p; i++)
		if (templates[i].kind == e->kind && k-- == 0)
			p = templates[i].text;
	for (; *p && len + 1 < sizeof g->summary; p++) {
		char part[128];
		if (p[0] != '{' || !p[1] || p[2] != '}') {
			g->summary[len++] = *p;
			continue;
		}
		slot(g, p[1], e, t, part, sizeof part);
		len += (size_t)snprintf(g->summary + len, sizeof g->summary - len, "%s", part);
		if (len >= sizeof g->summary)
			len = sizeof g->summary - 1;
		p += 2;
	}
	g->summary[len] = '\0';
}

/* Four in ten of a kind whose shipped rules open notifications. */
static const enum log_kind kinds[] = {
	LOG_CALL, LOG_CALL, LOG_CALL, LOG_CALL, LOG_CALL, LOG_DOCUMENT, LOG_DOCUMENT,
	LOG_DOCUMENT, LOG_INSPECTION, LOG_INSPECTION, LOG_SUPPLIES, LOG_SUPPLIES,
	LOG_KEY_PERSON, LOG_REPORT, LOG_REPORT, LOG_INSTRUCTION, LOG_INSTRUCTION, LOG_OTHER,
	LOG_OTHER, LOG_OTHER,
};

static int notifies(enum log_kind k)
{
	return k == LOG_DOCUMENT || k == LOG_INSPECTION || k == LOG_SUPPLIES ||
	       k == LOG_KEY_PERSON;
}

/* A recent incident still open at `t` to follow up, or 0. */
static long long open_incident(struct gen *g, dd_time t)
{
	struct recent *c;
	if (g->nrecent == 0)
		return 0;
	c = &g->recent[rint_(&g->rng, g->nrecent)];
	return c->closes > t ? c->id : 0;
}

static void make_entry(struct gen *g, struct log_bulk_item *it)
{
	struct log_new *e = &it->entry;
	dd_time t = g->next_at;
	int op = (int)(((t - g->p.start) / (8 * 3600)) % g->p.nops);

	it->act = LOG_BULK_ENTRY;
	it->at = t;
	it->by = &g->p.ops[op];
	e->kind = PICK(&g->rng, kinds);
	e->occurred_at = t - rint_(&g->rng, 1200);
	if (e->occurred_at < g->p.start)
		e->occurred_at = g->p.start;
	text_for(g, e, t);
	if (g->made % (g->p.entries / 10) == g->p.entries / 20) {
		/* The rare word: ten callers in the whole log. */
		size_t n = strlen(g->summary);
		snprintf(g->summary + n, sizeof g->summary - n, "（来电人%s）", GEN_RARE_WORD);
		snprintf(g->caller, sizeof g->caller, "%s", GEN_RARE_WORD);
	} else {
		person(g, g->caller, sizeof g->caller);
	}
	e->summary = g->summary;
	snprintf(g->source, sizeof g->source, "%s", rint_(&g->rng, 3)
		 ? PICK(&g->rng, sources) : PICK(&g->rng, villages));
	e->source = g->source;
	if (e->kind == LOG_CALL) {
		phone(g, g->callback, sizeof g->callback);
		e->caller = g->caller;
		e->callback = g->callback;
		e->readback = rint_(&g->rng, 2);
	}
	e->group_id = g->p.groups[rint_(&g->rng, g->p.ngroups)];
	e->significant = rint_(&g->rng, 33) == 0;
	e->parent_id = rint_(&g->rng, 4) == 0 ? open_incident(g, t) : 0;
	g->last_was_incident = e->parent_id == 0;
	g->last_notifies = notifies(e->kind);
	g->last_op = op;
	g->last_at = t;
	g->made++;
	g->next_known = 0;
}

/* The entry given last got `id`: plan its closure if it is an incident. */
static void learn(struct gen *g, long long id)
{
	dd_time closes = NEVER;

	if (id && g->last_notifies && rint_(&g->rng, 500) != 0) {
		dd_time done = g->last_at + 300 + rint_(&g->rng, 85 * 60);
		if (done < g->p.end)
			heap_push(g, (struct pending){done, id, g->last_op, LOG_BULK_DONE});
	}
	g->last_notifies = 0;
	if (!id || !g->last_was_incident)
		return;
	g->last_was_incident = 0;
	if (rint_(&g->rng, 2000) != 0)
		closes = g->last_at + 3600 + rint_(&g->rng, 47 * 3600);
	if (closes < g->p.end)
		heap_push(g, (struct pending){closes, id, g->last_op, LOG_BULK_CLOSE});
	else
		closes = NEVER;
	if (g->nrecent < NRECENT)
		g->recent[g->nrecent++] = (struct recent){id, closes};
	else
		g->recent[id % NRECENT] = (struct recent){id, closes};
}

static void progress(struct gen *g)
{
	double s = (bench_now_ms() - g->t0) / 1000.0;
	fprintf(stderr, "  generating: %lld of %lld entries, %.0f s, %.0f entries/s\n", g->made,
		g->p.entries, s, s > 0 ? (double)g->made / s : 0.0);
}

int gen_next(void *ctx, long long last_id, struct log_bulk_item *it, struct dd_err *err)
{
	struct gen *g = ctx;
	dd_time next;

	(void)err;
	learn(g, last_id);
	if (!g->next_known) {
		g->next_at = g->made < g->p.entries ? entry_time(g, g->made) : g->p.end;
		g->next_known = 1;
	}
	next = g->next_at;
	if (g->nheap > 0 && g->heap[0].at <= next) {
		struct pending c = heap_pop(g);
		it->act = c.act;
		it->at = c.at;
		it->by = &g->p.ops[c.op];
		it->incident = c.id;
		if (c.act == LOG_BULK_DONE) {
			person(g, g->caller, sizeof g->caller);
			it->resolution = g->caller;   /* who took the report */
		} else {
			it->resolution = resolutions[c.id % (long long)(sizeof resolutions /
								       sizeof resolutions[0])];
		}
		return 1;
	}
	if (g->made >= g->p.entries)
		return 0;
	make_entry(g, it);
	if (g->made % 50000 == 0)
		progress(g);
	return 1;
}

/* The contacts CSV. */

static const char *const roles[] = {"联络员", "分管领导", "村支书", "网格员", "值班员", "主任"};
static const char *const levels[] = {"town", "town", "town", "town", "county", "county",
				     "city", "province", "unit", "unit"};

static void csv_field(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

int gen_contacts_csv(const char *path, long long rows, const char *const *units, int nunits,
		     const char *const *groups, int ngroups)
{
	struct rng r = {0x2545f4914f6cdd1dULL};
	FILE *f = fopen(path, "w");
	static char buf[1 << 16];

	if (!f)
		return -1;
	setvbuf(f, buf, _IOFBF, sizeof buf);
	fputs("name,org,level,group,unit,person,role,numbers,note\n", f);
	for (long long i = 0; i < rows; i++) {
		char name[640], org[256], numbers[96], a[32], b[32], note[256], who[64];
		const char *level = PICK(&r, levels), *grp = "", *unit = "";
		const char *role = PICK(&r, roles), *where = PICK(&r, cities);

		snprintf(who, sizeof who, "%s%s", PICK(&r, surnames), PICK(&r, given));
		if (strcmp(level, "unit") == 0) {
			unit = units[rint_(&r, nunits)];
			snprintf(org, sizeof org, "马剑镇%s", unit);
		} else if (strcmp(level, "town") == 0) {
			snprintf(org, sizeof org, "马剑镇%s", rint_(&r, 2) ? "人民政府" : "卫生院");
			if (rint_(&r, 10) == 0)
				grp = groups[rint_(&r, ngroups)];
		} else {
			snprintf(org, sizeof org, "%s疫情防控领导小组办公室", where);
		}
		snprintf(name, sizeof name, "%s%s%s（%07lld）", *unit ? unit : org, role, who, i);
		phone_into(&r, a, sizeof a);
		if (rint_(&r, 3) == 0) {
			do
				phone_into(&r, b, sizeof b);
			while (strcmp(a, b) == 0);
			snprintf(numbers, sizeof numbers, "%s; %s", a, b);
		} else {
			snprintf(numbers, sizeof numbers, "%s", a);
		}
		if (rint_(&r, 4) == 0)
			snprintf(note, sizeof note, "负责%s工作，节假日值班请先拨打手机",
				 PICK(&r, topics));
		else
			note[0] = '\0';
		csv_field(f, name, 0);
		csv_field(f, org, 0);
		csv_field(f, level, 0);
		csv_field(f, grp, 0);
		csv_field(f, unit, 0);
		csv_field(f, "", 0);
		csv_field(f, role, 0);
		csv_field(f, numbers, 0);
		csv_field(f, note, 1);
	}
	return fclose(f) == 0 ? 0 : -1;
}
