/* handover_rows.c — the rows of the handover sheet's sections about
 * entries: 重要情况 (significant entries and every positive case), 本班值班
 * 记录 (everything recorded in the shift) and 未办结事项 (every incident still
 * open), with the helpers every section's rows are made with.
 *
 * Both lists are read in range scans (handover_entries.c): never a query a
 * row.  The sheet is a document of the office: its text is Chinese and
 * never translated. */
#include "docs/handover_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/handover_entries.h"
#include "docs/textdoc.h"

/* The columns of each table.  Text widths add up, with the flag column and
 * one space between columns, to HANDOVER_WIDTH with the wrapping column. */
static const struct handover_column entry_cols[] = {
	{"编号", 8, 9, 0}, {"时间", 11, 13, 0}, {"类别", 12, 13, 0},
	{"内容", 0, 52, 0}, {"状态", 6, 8, 0},
};
static const struct handover_column open_cols[] = {
	{"编号", 8, 9, 0}, {"发生时间", 11, 13, 0}, {"类别", 12, 13, 0},
	{"内容", 0, 50, 0}, {"已历时", 11, 11, 1},
};
#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- helpers ---- */

struct handover_section *ho_section_add(struct handover *h, const char *key, const char *title,
					const struct handover_column *cols, int ncols)
{
	struct handover_section *s;

	h->sections = dd_xrealloc(h->sections, (size_t)(h->nsections + 1) * sizeof *h->sections);
	s = &h->sections[h->nsections++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->title = title;
	s->cols = cols;
	s->ncols = ncols;
	s->summary = dd_xstrdup("");
	return s;
}

void ho_row_add(struct handover_section *s, long long ref, int flag, char **cells)
{
	struct handover_row *r;
	size_t total = (size_t)s->ncols * sizeof *r->cells;
	char *p;

	/* The capacity is the next power of two: grown at each power of two. */
	if ((s->nrows & (s->nrows - 1)) == 0 || s->nrows < 16)
		s->rows = dd_xrealloc(s->rows, (size_t)(s->nrows < 16 ? 16 : s->nrows * 2) *
						       sizeof *s->rows);
	r = &s->rows[s->nrows++];
	r->ref = ref;
	r->flag = flag;
	for (int c = 0; c < s->ncols; c++)
		total += strlen(cells[c]) + 1;
	p = dd_arena_alloc(&s->cells, total);   /* not two allocations a cell */
	r->cells = (char **)(void *)p;
	p += (size_t)s->ncols * sizeof *r->cells;
	for (int c = 0; c < s->ncols; c++) {
		size_t n = strlen(cells[c]) + 1;
		memcpy(p, cells[c], n);
		r->cells[c] = p;
		p += n;
		free(cells[c]);
	}
}

void ho_summary(struct handover_section *s, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(s->summary);
	s->summary = dd_xstrdup(buf);
}

/* Formatted once into a buffer on the stack; a cell longer than it (rare)
 * is formatted again into one its size. */
char *ho_printf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	char *s;
	int n;

	if (!fmt)  /* never: but the compiler cannot know it of an extern function */
		return dd_xstrdup("");
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof buf)
		return dd_xstrndup(buf, (size_t)n);
	s = dd_xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* The local days of the times last formatted: [from, to), a day of 24
 * hours (none of a change of the clocks), and its "12-16 ".  A shift's
 * entries come in time order and its open incidents from a few days; a row
 * of the escalations has its deadline and when it was done, often two days:
 * localtime_r and strftime once a day, not once a row. */
#define DAYS 4

static struct {
	dd_time from, to;
	char date[8];
} days[DAYS];
static int next_day;

void ho_time_reset(void)
{
	for (int i = 0; i < DAYS; i++) {
		days[i].from = 1;
		days[i].to = 0;
	}
	next_day = 0;
}

void ho_short_time(dd_time t, char buf[DDTIME_BUFSZ])
{
	int d = 0;
	long long s;

	while (d < DAYS && (t < days[d].from || t >= days[d].to))
		d++;
	if (d == DAYS) {
		dd_time from, to;
		ddtime_format(t, DDTIME_SHORT, buf);
		from = ddtime_day_start(t);
		to = ddtime_day_start(from + 36 * 3600);
		if (to - from == 86400 && from <= t && t < to && strlen(buf) == 11 &&
		    buf[5] == ' ') {
			days[next_day].from = from;
			days[next_day].to = to;
			memcpy(days[next_day].date, buf, 6);
			next_day = (next_day + 1) % DAYS;
		}
		return;
	}
	s = t - days[d].from;
	memcpy(buf, days[d].date, 6);
	buf[6] = (char)('0' + s / 36000);
	buf[7] = (char)('0' + s / 3600 % 10);
	buf[8] = ':';
	buf[9] = (char)('0' + s / 600 % 6);
	buf[10] = (char)('0' + s / 60 % 10);
	buf[11] = '\0';
}

char *ho_time(dd_time t)
{
	char buf[DDTIME_BUFSZ];

	ho_short_time(t, buf);
	return dd_xstrdup(buf);
}

/* Append `s` to buf (of n bytes, holding len) as far as it fits. */
static size_t append(char *buf, size_t n, size_t len, const char *s)
{
	size_t k = strlen(s);

	if (len + 1 >= n)
		return len;
	if (k > n - 1 - len)
		k = n - 1 - len;
	memcpy(buf + len, s, k);
	buf[len + k] = '\0';
	return len + k;
}

void ho_detail(char *buf, size_t n, const char *label, const char *value)
{
	size_t len = strlen(buf);
	if (!value || !*value || len >= n)
		return;
	if (len)
		len = append(buf, n, len, "；");
	len = append(buf, n, len, label);
	append(buf, n, len, value);
}

char *ho_cat(const char *first, ...)
{
	size_t total = 0, k = 0;
	const char *s;
	va_list ap;
	char *out;

	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *))
		total += strlen(s);
	va_end(ap);
	out = dd_xmalloc(total + 1);
	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *)) {
		size_t n = strlen(s);
		memcpy(out + k, s, n);
		k += n;
	}
	va_end(ap);
	out[k] = '\0';
	return out;
}

char *ho_ref(long long id)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long v = id < 0 ? 0 : (unsigned long long)id;

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	*--p = '#';
	return dd_xstrdup(p);
}

char *ho_kind_cell(enum log_kind k, const char *subkind)
{
	return subkind && *subkind ? ho_cat(textdoc_kind_word(k), "\n", subkind, (char *)NULL)
				   : dd_xstrdup(textdoc_kind_word(k));
}

/* ---- 重要情况, 本班值班记录 ---- */

struct entries_ctx {
	struct handover *h;
	int entries, significant;   /* the sections' indexes */
};

/* The details under an entry's summary. */
static void entry_details(const struct handover *h, const struct log_entry *e, char *more,
			  size_t n)
{
	char callback[160] = "", when[DDTIME_BUFSZ], note[64];

	/* Dated outside the shift that recorded it: when it was recorded. */
	if (e->occurred_at < h->from || e->occurred_at >= h->to) {
		snprintf(note, sizeof note, "%s（发生于本班%s）",
			 ddtime_format(e->recorded_at, DDTIME_SHORT, when),
			 e->occurred_at < h->from ? "之前" : "之后");
		ho_detail(more, n, "补记于：", note);
	}
	ho_detail(more, n, "来源：", e->source);
	ho_detail(more, n, "来电人：", e->caller);
	if (*e->callback)
		snprintf(callback, sizeof callback, "%s%s", e->callback,
			 e->readback ? "（已复述）" : "");
	ho_detail(more, n, "回电：", callback);
	ho_detail(more, n, "责任组：", e->group);
	/* Who recorded it, where that is not the operator handing over, or
	 * where they did not prove it by PIN. */
	if (e->unverified) {
		char who[PERSON_NAME_MAX * 4 + 32];
		snprintf(who, sizeof who, "%s（未核验）", e->operator_name);
		ho_detail(more, n, "记录人：", who);
	} else if (strcmp(e->operator_name, h->outgoing) != 0) {
		ho_detail(more, n, "记录人：", e->operator_name);
	}
}

static void entry_cells(const struct handover *h, const struct log_entry *e, char **cells)
{
	char more[1024] = "", parent[40] = "";
	int positive = e->kind == LOG_POSITIVE;
	int closed = e->closed && e->closed_at <= h->as_of;

	if (e->parent_id) {
		char *ref = ho_ref(e->parent_id);
		snprintf(parent, sizeof parent, "〔续 %s〕", ref);
		free(ref);
	}
	entry_details(h, e, more, sizeof more);
	cells[0] = ho_ref(e->id);
	cells[1] = ho_time(e->occurred_at);
	cells[2] = ho_kind_cell(e->kind, e->subkind);
	cells[3] = ho_cat(h->drill ? "【演练】" : "",
			  e->significant ? "【重要】" : positive ? "【阳性】" : "", parent, e->summary,
			  e->amended ? "（已更正）" : "", *more ? "\n" : "", more, (char *)NULL);
	cells[4] = dd_xstrdup(closed ? "已办结" : "未办结");
}

static int entry_row(const struct log_entry *e, void *vctx)
{
	struct entries_ctx *ctx = vctx;
	struct handover *h = ctx->h;
	int stands_out = e->significant || e->kind == LOG_POSITIVE;
	char *cells[5];

	entry_cells(h, e, cells);
	ho_row_add(&h->sections[ctx->entries], e->id, stands_out, cells);
	if (stands_out) {
		entry_cells(h, e, cells);
		ho_row_add(&h->sections[ctx->significant], e->id, 1, cells);
	}
	h->entries++;
	h->significant += e->significant;
	h->positives += e->kind == LOG_POSITIVE;
	return 0;
}

int ho_build_entries(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_span sp = {
		/* Without the last entry of the sheet before (or without one):
		 * everything recorded since cover_from. */
		.lo = h->cover_from, .hi = h->to, .from = h->after_id ? h->from : h->cover_from,
		.after_id = h->after_id,
		.max_id = h->last_entry, .drill = h->drill, .as_of = h->as_of,
	};
	struct handover_section *s, *g;
	struct entries_ctx ctx = {h, 0, 0};

	/* What a signed sheet holds is what there was at its signing. */
	if (h->signing.done && !h->last_entry && h->signing.at + 1 < sp.hi)
		sp.hi = h->signing.at + 1;
	if (h->continuation && h->after_id)
		sp.from = sp.hi;  /* only what came after the signature (after_id) */
	ctx.significant = h->nsections;
	ho_section_add(h, "significant", "重要情况", entry_cols, NCOLS(entry_cols));
	ctx.entries = h->nsections;
	ho_section_add(h, "entries", h->continuation ? "签字交接后记录" : "本班值班记录",
		       entry_cols, NCOLS(entry_cols));
	if (handover_entries_each(st, &sp, entry_row, &ctx, err) < 0)
		return -1;
	s = &h->sections[ctx.entries];
	g = &h->sections[ctx.significant];
	if (h->entries == 0)
		ho_summary(s, "无");
	else if (h->significant || h->positives)
		ho_summary(s, "共 %lld 条，其中重要 %lld 条、阳性病例 %lld 条", h->entries,
			   h->significant, h->positives);
	else
		ho_summary(s, "共 %lld 条", h->entries);
	if (g->nrows == 0)
		ho_summary(g, "无（本班无标为重要的记录，无阳性病例）");
	else
		ho_summary(g, "%d 条（标为重要 %lld 条，阳性病例 %lld 条）", g->nrows,
			   h->significant, h->positives);
	return 0;
}

/* ---- 未办结事项 ---- */

static int open_row(const struct log_entry *e, void *vctx)
{
	struct handover *h = vctx;
	struct handover_section *s = &h->sections[h->nsections - 1];
	char more[768] = "", num[32] = "", dur[DDTIME_BUFSZ], *cells[5];
	int positive = e->kind == LOG_POSITIVE;

	ho_detail(more, sizeof more, "来源：", e->source);
	ho_detail(more, sizeof more, "责任组：", e->group);
	if (e->followups > 0)
		snprintf(num, sizeof num, "%d 条", e->followups);
	ho_detail(more, sizeof more, "后续记录：", num);
	cells[0] = ho_ref(e->id);
	cells[1] = ho_time(e->occurred_at);
	cells[2] = ho_kind_cell(e->kind, e->subkind);
	cells[3] = ho_cat(e->significant ? "【重要】" : positive ? "【阳性】" : "", e->summary,
			  *more ? "\n" : "", more, (char *)NULL);
	cells[4] = dd_xstrdup(ddtime_duration(h->as_of > e->occurred_at ? h->as_of - e->occurred_at
									 : 0, dur));
	ho_row_add(s, e->id, e->significant || positive, cells);
	h->open_incidents++;
	return 0;
}

int ho_build_open(struct store *st, struct handover *h, struct dd_err *err)
{
	struct handover_section *s;

	ho_section_add(h, "open", "未办结事项", open_cols, NCOLS(open_cols));
	if (handover_open_each(st, h->as_of, h->drill, open_row, h, err) < 0)
		return -1;
	s = &h->sections[h->nsections - 1];
	if (h->open_incidents)
		ho_summary(s, "%lld 起（截至 %s）", h->open_incidents, h->as_of_text);
	else
		ho_summary(s, "无（截至 %s）", h->as_of_text);
	return 0;
}
