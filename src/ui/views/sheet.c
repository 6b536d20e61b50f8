/* sheet.c — a full-screen view of rows over the panes (the duty schedule,
 * tasks, meetings, zones, figures): a title, rows of which some can be
 * selected, a line of the view's keys.  A view builds its rows from the
 * core and binds its keys in the action table under its own scope; the
 * moving and leaving keys are shared (SCOPE_SHEET). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "ui/views/views.h"

void sheet_add(struct sheet *s, long long id, attr_t attr, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->lines = dd_xrealloc(s->lines, (size_t)s->cap * sizeof *s->lines);
	}
	s->lines[s->n++] = (struct sheet_line){dd_xstrdup(buf), attr, id};
}

void sheet_add_text(struct sheet *s, const char *text, attr_t attr)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		sheet_add(s, 0, attr, "%.*s", len, p);
		p += len + (nl != NULL);
	}
}

void sheet_row(struct sheet *s, long long id, attr_t attr, const int *widths,
	       const char *const *cells, int ncells)
{
	char line[2048];
	size_t len = 0;

	line[0] = '\0';
	for (int i = 0; i < ncells; i++) {
		char *cell = i + 1 < ncells ? text_fit(cells[i] ? cells[i] : "", widths[i])
					     : dd_xstrdup(cells[i] ? cells[i] : "");
		int k = snprintf(line + len, sizeof line - len, "%s%s", i ? "  " : "", cell);
		free(cell);
		if (k < 0 || (size_t)k >= sizeof line - len)
			break;
		len += (size_t)k;
	}
	sheet_add(s, id, attr, "%s", line);
}

static void drop(struct sheet *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->lines[i].text);
	s->n = 0;
}

static int selectable(const struct sheet *s, int i)
{
	return i >= 0 && i < s->n && s->lines[i].id != 0;
}

/* Keep the selection on a selectable row, the same id where it survived a
 * rebuild, and in sight. */
static void settle(struct sheet *s, long long keep, int rows)
{
	int found = -1;

	for (int i = 0; keep && i < s->n; i++)
		if (s->lines[i].id == keep) {
			found = i;
			break;
		}
	if (found < 0) {
		found = s->sel;
		if (!selectable(s, found))
			for (found = 0; found < s->n && !selectable(s, found); found++)
				;
	}
	s->sel = found < s->n ? found : -1;
	if (s->sel >= 0) {
		if (s->sel < s->top)
			s->top = s->sel;
		if (rows > 0 && s->sel >= s->top + rows)
			s->top = s->sel - rows + 1;
	}
	if (s->top > s->n - 1)
		s->top = s->n > 0 ? s->n - 1 : 0;
	if (s->top < 0)
		s->top = 0;
}

static void rebuild(struct ui *ui, struct sheet *s);

static int body_rows(void)
{
	return LINES - 7 > 1 ? LINES - 7 : 1;
}

static void draw_sheet(struct ui *ui, void *vctx)
{
	struct sheet *s = vctx;
	int h = LINES - 3, w = COLS, rows = body_rows();
	WINDOW *win;

	if (s->seen != ui->data_version) {
		/* Another terminal wrote, or this view did: the rows follow. */
		s->seen = ui->data_version;
		rebuild(ui, s);
	}
	if (h < 4 || w < 10)
		return;
	win = subwin(stdscr, h, w, 1, 0);
	if (!win)
		return;
	werase(win);
	draw_box(win, s->title, 1, 0);
	for (int r = 0; r < rows && s->top + r < s->n; r++) {
		const struct sheet_line *l = &s->lines[s->top + r];
		attr_t a = l->attr;
		if (s->top + r == s->sel)
			a |= A_REVERSE;
		draw_text(win, 1 + r, 1, w - 2, l->text, a);
	}
	if (s->n == 0)
		draw_text(win, 1, 2, w - 4, _("(nothing here yet)"), ui_attr_dim(ui));
	draw_text(win, h - 2, 1, w - 2, s->footer ? s->footer : "", ui_attr_dim(ui));
	delwin(win);
}

struct sheet *sheet_cur(struct ui *ui)
{
	return ui->sheet;
}

long long sheet_selected(struct ui *ui)
{
	struct sheet *s = ui->sheet;
	return s && selectable(s, s->sel) ? s->lines[s->sel].id : 0;
}

unsigned sheet_move(struct ui *ui, int delta)
{
	struct sheet *s = ui->sheet;
	int step = delta < 0 ? -1 : 1, moved = 0, i;

	if (!s)
		return UI_CH_NONE;
	if (s->sel < 0) {
		/* Nothing to select: the rows scroll. */
		s->top += delta;
		if (s->top > s->n - body_rows())
			s->top = s->n - body_rows();
		if (s->top < 0)
			s->top = 0;
		return UI_CH_CURSOR;
	}
	for (i = s->sel; moved < abs(delta);) {
		int j = i + step;
		while (j >= 0 && j < s->n && !selectable(s, j))
			j += step;
		if (j < 0 || j >= s->n)
			break;
		i = j;
		moved++;
	}
	s->sel = i;
	if (moved < abs(delta) && delta < 0)
		s->top = 0;    /* nothing selectable above: show the head */
	settle(s, 0, body_rows());
	return UI_CH_CURSOR;
}

unsigned sheet_back(struct ui *ui)
{
	if (ui->sheet)
		ui->sheet->done = 1;
	return UI_CH_NONE;
}

static void rebuild(struct ui *ui, struct sheet *s)
{
	long long keep = selectable(s, s->sel) ? s->lines[s->sel].id : 0;
	drop(s);
	s->build(ui, s);
	settle(s, keep, body_rows());
}

void sheet_run(struct ui *ui, struct sheet *s)
{
	struct sheet *outer = ui->sheet;

	s->sel = -1;
	ui->sheet = s;
	rebuild(ui, s);
	s->seen = ui->data_version;
	ui_push_layer(ui, draw_sheet, s);
	while (!s->done && !ui->quit) {
		unsigned changed = UI_CH_NONE;
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (k.ch == UIK_QUIT || k.ch == UIK_INTR)
			break;
		if (!actions_dispatch(ui, s->scope, k, &changed))
			ui_say(ui, _("that key does nothing here: press ? for the keys"));
		/* What the key wrote shows at once (data_version only moves for
		 * other connections' writes): the rows, and the panes it touched. */
		if (changed & UI_CH_DATA)
			s->seen = -1;
		ui_apply(ui, changed);
	}
	ui_pop_layer(ui);
	ui->sheet = outer;
	drop(s);
	free(s->lines);
	s->lines = NULL;
	s->cap = 0;
}
