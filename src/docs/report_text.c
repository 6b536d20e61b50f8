/* report_text.c — the daily report as a document of 80 columns.
 *
 * Every section is rendered the same way: its heading with the summary, then
 * its counts in a grid of three or its items one per line, wrapped by
 * text_wrap (between Chinese characters, at the spaces between Latin words,
 * never inside one).  Widths are display widths (text.h): Chinese takes two
 * columns.  A drill's report says 演练 at its top and its bottom; a
 * correction (补报) names the document it corrects under its title. */
#include "docs/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "docs/textdoc.h"

#define GRID_COLS 3
#define GRID_LABEL 14
#define GRID_COUNT 5
#define INDENT "    "
#define LABEL_MAX 24

static void grid(FILE *f, const struct report_section *s)
{
	int col = 0;

	for (int i = 0; i < s->nlines; i++) {
		const struct report_line *l = &s->lines[i];
		char num[24], *label, *count;
		if (l->count == REPORT_NO_COUNT)
			continue;
		snprintf(num, sizeof num, "%lld", l->count);
		label = text_fit(l->label, GRID_LABEL);
		count = text_fit_right(num, GRID_COUNT);
		fprintf(f, "%s%s%s", col ? "      " : INDENT, label, count);
		free(label);
		free(count);
		if (++col == GRID_COLS) {
			fputc('\n', f);
			col = 0;
		}
	}
	if (col)
		fputc('\n', f);
}

struct wrap {
	FILE *f;
	const char *first;   /* the prefix of the first line */
	int width;           /* of the prefix, for the lines after it */
	int n;
};

static void wrap_line(const char *piece, void *ctx)
{
	struct wrap *w = ctx;
	if (w->n++ == 0)
		fprintf(w->f, "%s%s\n", w->first, piece);
	else
		fprintf(w->f, "%*s%s\n", w->width, "", piece);
}

void report_wrap(FILE *f, const char *first, const char *text)
{
	struct wrap w = {.f = f, .first = first, .width = text_width(first)};
	int cols = REPORT_WIDTH - w.width - 2;

	/* text_wrap lets closing punctuation overhang by two columns. */
	text_wrap(text, cols < 10 ? 10 : cols, wrap_line, &w);
}

static void items(FILE *f, const struct report_section *s)
{
	int lw = 0;

	for (int i = 0; i < s->nlines; i++) {
		int w = text_width(s->lines[i].label);
		if (s->lines[i].count == REPORT_NO_COUNT && w > lw)
			lw = w;
	}
	if (lw > LABEL_MAX)
		lw = LABEL_MAX;
	for (int i = 0; i < s->nlines; i++) {
		const struct report_line *l = &s->lines[i];
		char *label, *first;
		size_t n;
		if (l->count != REPORT_NO_COUNT)
			continue;
		label = text_fit(l->label, lw);
		n = strlen(label) + 16;
		first = malloc(n);
		if (!first) {
			free(label);
			return;
		}
		snprintf(first, n, "  %s %s  ", l->flag ? "*" : " ", label);
		report_wrap(f, first, l->text);
		free(first);
		free(label);
	}
	if (s->more > 0)
		fprintf(f, "%s……另有 %lld 项未列出\n", INDENT, s->more);
}

static void section(FILE *f, int i, const struct report_section *s)
{
	char first[128];

	snprintf(first, sizeof first, "%s、%s%s", textdoc_numeral(i), s->title,
		 *s->summary ? "：" : "");
	report_wrap(f, first, s->summary);
	grid(f, s);
	items(f, s);
}

#define DRILL_MARK "【演练】演练报告 · 非真实疫情 · 不报送 · 不计入统计【演练】"

static void head(FILE *f, const struct report_daily *r)
{
	char left[128], right[128], title[128];

	if (r->drill)
		textdoc_centered(f, REPORT_WIDTH, DRILL_MARK);
	snprintf(title, sizeof title, "%s疫情防控值班日报告%s", r->drill ? "【演练】" : "",
		 r->corrects.event_id ? "（补报）" : r->zero ? "（零报告）" : "");
	textdoc_rule(f, REPORT_WIDTH, '=');
	textdoc_centered(f, REPORT_WIDTH, r->town);
	textdoc_centered(f, REPORT_WIDTH, title);
	textdoc_rule(f, REPORT_WIDTH, '=');
	if (r->corrects.event_id) {
		char when[DDTIME_BUFSZ];
		char *what = report_fmt("更正 %s 报送的文本（事件 #%lld，散列 %.16s）%s%s",
					ddtime_format(r->corrects.at, DDTIME_MINUTE, when),
					r->corrects.event_id, r->corrects.hash,
					r->corrects.reason && *r->corrects.reason ? "；理由：" : "",
					r->corrects.reason ? r->corrects.reason : "");
		report_wrap(f, "补报：", what);
		free(what);
	}
	snprintf(left, sizeof left, "日期：%s（00:00 至 24:00）", r->date);
	snprintf(right, sizeof right, "截至：%s", r->as_of_text);
	textdoc_left_right(f, REPORT_WIDTH, left, right);
	fprintf(f, "模式：%s\n", r->taskforce ? "疫情处置专班（战时）" : "常态化防控");
	if (r->zero && r->corrects.event_id)
		fprintf(f, "本日无新增值班记录。\n");
	else if (r->zero)
		fprintf(f, "零报告：本日无新增值班记录，无本土初筛阳性，无重点人员。\n");
	fputc('\n', f);
}

static void foot(FILE *f, const struct report_daily *r)
{
	char when[DDTIME_BUFSZ];

	char line[160];

	textdoc_rule(f, REPORT_WIDTH, '-');
	if (!r->filing.filed)
		fprintf(f, "报送：未报送\n");
	else
		fprintf(f, "报送人：%s    报送时间：%s\n", r->filing.by,
			ddtime_format(r->filing.at, DDTIME_MINUTE, when));
	textdoc_chain_line(r->filing.chain_head, line, sizeof line);
	fprintf(f, "%s\n", line);
	if (r->drill)
		textdoc_centered(f, REPORT_WIDTH, DRILL_MARK);
}

static void write_report(FILE *f, const void *doc)
{
	const struct report_daily *r = doc;

	head(f, r);
	for (int i = 0; i < r->nsections; i++)
		section(f, i, &r->sections[i]);
	foot(f, r);
}

char *report_daily_text(const struct report_daily *r)
{
	return textdoc_string(write_report, r);
}
