/* handover_text.c — the handover sheet as text of 80 columns.
 *
 * Every table is laid out the same way: a flag column ('*' for what stands
 * out), then the section's columns one space apart, each clipped to its
 * width, except the one that takes the rest of the line and wraps.  Widths
 * are display widths (text.h): Chinese takes two columns.  Lines carry no
 * trailing spaces.
 *
 * Whatever came from the store reaches the text through ho_wrap
 * (handover_wrap.c) or text_fit_into (control and bidirectional characters
 * dropped or made spaces) or text_visible: the sheet is safe on a terminal as written, and
 * goes out without a second pass over every byte (text_guard). */
#include "docs/handover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "docs/handover_wrap.h"
#include "docs/textdoc.h"

#define INDENT 4

/* Lines as they are laid out, each without its trailing spaces, handed to
 * stdio some 32 KiB at a time (flush_lines), not a call a line. */
struct line {
	char *buf;
	size_t len, cap;
	size_t start;        /* where the line being laid out begins */
};

#define LINES_BATCH 32768

/* Room for `n` more bytes (with the NUL). */
static void room(struct line *l, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		l->buf = dd_xrealloc(l->buf, l->cap);
	}
}

static void flush_lines(FILE *f, struct line *l)
{
	if (l->len)
		fwrite(l->buf, 1, l->len, f);
	l->len = l->start = 0;
}

/* The line laid out ends. */
static void emit(FILE *f, struct line *l)
{
	while (l->len > l->start && l->buf[l->len - 1] == ' ')
		l->len--;
	room(l, 1);
	l->buf[l->len++] = '\n';
	l->start = l->len;
	if (l->len >= LINES_BATCH)
		flush_lines(f, l);
}

static int flex_col(const struct handover_section *s, int *flex)
{
	int fc = -1;

	*flex = HANDOVER_WIDTH - 1 - (s->ncols - 1);
	for (int c = 0; c < s->ncols; c++) {
		if (s->cols[c].width == 0)
			fc = c;
		*flex -= s->cols[c].width;
	}
	return fc;
}

/* The lines of a cell: the wrapping column's text wrapped to `cols` (which
 * drops control characters: each line fits, its width known), any other
 * cut at its newlines (each line is fitted when it is laid out). */
static void cell_lines(const char *text, int cols, int wraps, struct ho_lines *c)
{
	const char *s = text;

	ho_lines_reset(c);
	if (wraps) {
		/* Closing punctuation may hang two columns past the limit: it
		 * is given two fewer. */
		ho_wrap(text, cols - 2, c);
		return;
	}
	for (;;) {
		size_t k = strcspn(s, "\n");
		ho_lines_add(c, s, k);
		if (!s[k])
			break;
		s += k + 1;
	}
}

/* Prose, wrapped, after `first` on the first line and indented after. */
static void prose(FILE *f, const char *first, const char *text)
{
	int w = text_width(first);
	struct ho_lines p = {0};

	cell_lines(text, HANDOVER_WIDTH - w, 1, &p);
	for (int i = 0; i < p.n; i++)
		fprintf(f, "%*s%s%s\n", i ? w : 0, "", i ? "" : first, p.buf + p.at[i]);
	ho_lines_free(&p);
}

/* Printable ASCII only: one column a byte, nothing to make visible. */
static int plain(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p >= 0x20 && *p < 0x7f)
		p++;
	*len = (size_t)(p - (const unsigned char *)s);
	return *p == '\0';
}

/* `cell` into `w` columns of the line: the plain and the wrapped lines
 * (which fit; `known` their width, else -1) copied and padded, anything
 * else through text_fit_into. */
/* `last`: nothing after it on the line (its padding would be cut off). */
static void fit(struct line *l, const char *cell, int w, int right, int known, int last)
{
	size_t n;
	int cw = -1;

	if (known >= 0)
		cw = known, n = strlen(cell);
	else if (plain(cell, &n))
		cw = (int)n;
	if (cw < 0 || cw > w) {
		room(l, TEXT_FIT_SIZE(strlen(cell), w));
		l->len += text_fit_into(l->buf + l->len, cell, w, right);
		return;
	}
	room(l, n + (size_t)(w - cw));
	if (right) {
		memset(l->buf + l->len, ' ', (size_t)(w - cw));
		l->len += (size_t)(w - cw);
	}
	memcpy(l->buf + l->len, cell, n);
	l->len += n;
	if (!right && !last) {
		memset(l->buf + l->len, ' ', (size_t)(w - cw));
		l->len += (size_t)(w - cw);
	}
	l->buf[l->len] = '\0';
}

#define MAX_COLS 16

/* One byte more on the line. */
static void put_byte(struct line *l, char ch)
{
	room(l, 1);
	l->buf[l->len++] = ch;
}

static void row(FILE *f, struct line *l, const struct handover_section *s,
		char *const *cells, int flag, struct ho_lines *p)
{
	int flex, fc = flex_col(s, &flex), n = s->ncols < MAX_COLS ? s->ncols : MAX_COLS;
	int lines = 1;
	const char *whole[MAX_COLS];   /* a cell of one line, as it is (else NULL) */

	for (int c = 0; c < n; c++) {
		whole[c] = c != fc && !strchr(cells[c], '\n') ? cells[c] : NULL;
		if (whole[c])
			continue;
		cell_lines(cells[c], c == fc ? flex : s->cols[c].width, c == fc, &p[c]);
		if (p[c].n > lines)
			lines = p[c].n;
	}
	for (int k = 0; k < lines; k++) {
		int end = n;   /* the columns after the last one with text: nothing */
		while (end > 0 && (whole[end - 1] ? k > 0 || !*whole[end - 1]
				   : k >= p[end - 1].n || !p[end - 1].buf[p[end - 1].at[k]]))
			end--;
		put_byte(l, flag && k == 0 ? '*' : ' ');
		for (int c = 0; c < end; c++) {
			int w = c == fc ? flex : s->cols[c].width;
			const char *cell;
			int known;
			if (whole[c]) {
				cell = k == 0 ? whole[c] : "";
				known = k == 0 ? -1 : 0;
			} else {
				cell = k < p[c].n ? p[c].buf + p[c].at[k] : "";
				known = k < p[c].n ? p[c].width[k] : 0;
			}
			if (c)
				put_byte(l, ' ');
			fit(l, cell, w, s->cols[c].right, known, c == end - 1);
		}
		emit(f, l);
	}
}

static void table(FILE *f, const struct handover_section *s)
{
	char **head = dd_xmalloc((size_t)s->ncols * sizeof *head);
	struct ho_lines p[MAX_COLS];
	struct line l = {0};

	memset(p, 0, sizeof p);
	for (int c = 0; c < s->ncols; c++)
		head[c] = (char *)s->cols[c].title;
	row(f, &l, s, head, 0, p);
	free(head);
	flush_lines(f, &l);
	textdoc_rule(f, HANDOVER_WIDTH, '-');
	for (int r = 0; r < s->nrows; r++)
		row(f, &l, s, s->rows[r].cells, s->rows[r].flag, p);
	flush_lines(f, &l);
	for (int c = 0; c < MAX_COLS; c++)
		ho_lines_free(&p[c]);
	free(l.buf);
}

static void section(FILE *f, int i, const struct handover_section *s)
{
	char head[512];

	snprintf(head, sizeof head, "%s、%s%s%s", textdoc_numeral(i), s->title,
		 *s->summary ? "：" : "", s->summary);
	fputc('\n', f);
	prose(f, "", head);
	if (s->ncols > 0 && s->nrows > 0)
		table(f, s);
	else if (s->ncols == 0 && s->text && *s->text)
		prose(f, "    ", s->text);
}

static const char *or_none(const char *name)
{
	return *name ? name : "（未排班）";
}

static void head(FILE *f, const struct handover *h)
{
	char left[512], right[128], when[DDTIME_BUFSZ], line[1024];

	textdoc_rule(f, HANDOVER_WIDTH, '=');
	textdoc_centered(f, HANDOVER_WIDTH, h->town);
	textdoc_centered(f, HANDOVER_WIDTH, "疫情防控值班交接班记录");
	textdoc_centered(f, HANDOVER_WIDTH, "三清：情况清、问题清、任务清");
	textdoc_rule(f, HANDOVER_WIDTH, '=');
	snprintf(left, sizeof left, "班次：%s", h->period_text);
	snprintf(right, sizeof right, "截至：%s", h->as_of_text);
	textdoc_left_right(f, HANDOVER_WIDTH, left, right);
	if (h->taskforce) {
		int n = snprintf(line, sizeof line, "模式：疫情处置专班（战时），自 %s 起",
				 ddtime_format(h->mode_since, DDTIME_MINUTE, when));
		if (h->mode_trigger && n > 0 && (size_t)n < sizeof line)
			snprintf(line + n, sizeof line - (size_t)n, "（条目 #%lld 触发）",
				 h->mode_trigger);
	} else if (h->mode_since) {
		snprintf(line, sizeof line, "模式：常态化防控，自 %s 起",
			 ddtime_format(h->mode_since, DDTIME_MINUTE, when));
	} else {
		snprintf(line, sizeof line, "模式：常态化防控");
	}
	prose(f, "", line);
	snprintf(line, sizeof line, "交班人：%s    接班人：%s    带班领导：%s",
		 or_none(h->outgoing), *h->incoming ? h->incoming : "（未排班）",
		 *h->leader ? h->leader : "（未指定）");
	prose(f, "", line);
	snprintf(line, sizeof line,
		 "本班记录 %lld 条（重要 %lld 条）；未办结 %lld 起；上报逾期 %lld 项、待报 "
		 "%lld 项；交办逾期 %lld 项；值班空档 %lld 段",
		 h->entries, h->significant, h->open_incidents, h->esc_overdue, h->esc_pending,
		 h->tasks_overdue, h->gaps);
	prose(f, "概况：", line);
}

static void sign_line(FILE *f, const char *who, const char *name, dd_time at)
{
	char left[320], when[DDTIME_BUFSZ];

	if (name && *name) {
		char *shown = text_visible(name);  /* nothing of it acts on a terminal */
		snprintf(left, sizeof left, "%s（签名）：%s", who, shown);
		free(shown);
	} else
		snprintf(left, sizeof left, "%s（签名）：____________________", who);
	fprintf(f, "%s", left);
	fprintf(f, "%*s", 44 - text_width(left) > 2 ? 44 - text_width(left) : 2, "");
	if (at)
		fprintf(f, "时间：%s\n", ddtime_format(at, DDTIME_MINUTE, when));
	else
		fprintf(f, "时间：____________________\n");
}

static void foot(FILE *f, const struct handover *h)
{
	const struct handover_signing *g = &h->signing;
	char line[256], when[DDTIME_BUFSZ];

	fputc('\n', f);
	textdoc_rule(f, HANDOVER_WIDTH, '-');
	sign_line(f, "交班人", g->done ? g->outgoing : NULL, g->done ? g->at : 0);
	sign_line(f, "接班人", g->done ? g->incoming : NULL, g->done ? g->at : 0);
	sign_line(f, "带班领导", NULL, 0);
	if (g->done) {
		snprintf(line, sizeof line, "已于 %s 在值班台双方签字交接（记录 #%lld）。",
			 ddtime_format(g->at, DDTIME_MINUTE, when), g->event_id);
		prose(f, "", line);
	} else {
		prose(f, "", "尚未在值班台签字交接。");
	}
	textdoc_chain_line(h->chain_head, line, sizeof line);
	prose(f, "", line);
}

/* The marker line of a drill (any document's banner), at the top and the
 * end of the sheet. */
static void banner(FILE *f, const struct handover *h)
{
	if (!*h->banner)
		return;
	textdoc_rule(f, HANDOVER_WIDTH, '#');
	prose(f, "", h->banner);
	textdoc_rule(f, HANDOVER_WIDTH, '#');
}

int handover_write_text(const struct handover *h, FILE *out)
{
	banner(out, h);
	head(out, h);
	for (int i = 0; i < h->nsections; i++)
		section(out, i, &h->sections[i]);
	foot(out, h);
	banner(out, h);
	return ferror(out) ? -1 : 0;
}

struct one_section {
	const struct handover *h;
	const char *key;
};

static void write_section(FILE *f, const void *doc)
{
	const struct one_section *o = doc;

	for (int i = 0; i < o->h->nsections; i++)
		if (strcmp(o->h->sections[i].key, o->key) == 0)
			section(f, i, &o->h->sections[i]);
}

char *handover_section_text(const struct handover *h, const char *key)
{
	struct one_section o = {h, key};

	return textdoc_string(write_section, &o);
}

static void write_sheet(FILE *f, const void *doc)
{
	handover_write_text(doc, f);
}

char *handover_text(const struct handover *h)
{
	return textdoc_string(write_sheet, h);
}
