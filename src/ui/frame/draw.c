/* draw.c — putting UTF-8 text on the screen as wide characters.
 *
 * Every width comes from dutydesk/text.h (wcwidth); nothing here counts
 * bytes as columns, and a clipped Chinese character is never cut in half. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "ui/frame/ui_int.h"

void draw_fill(WINDOW *win, int y, int x, int w, attr_t attr)
{
	if (w <= 0)
		return;
	wattrset(win, attr);
	mvwhline(win, y, x, ' ', w);
	wattrset(win, A_NORMAL);
}

void draw_text(WINDOW *win, int y, int x, int w, const char *s, attr_t attr)
{
	char *fit;
	wchar_t *ws;

	if (w <= 0)
		return;
	fit = text_fit(s ? s : "", w);
	ws = text_to_wcs(fit);
	wattrset(win, attr);
	mvwaddwstr(win, y, x, ws);
	wattrset(win, A_NORMAL);
	free(ws);
	free(fit);
}

int draw_text_np(WINDOW *win, int y, int x, int w, const char *s, attr_t attr)
{
	char *fit;
	wchar_t *ws;
	int used;

	if (w <= 0)
		return 0;
	used = text_width(s ? s : "");
	if (used > w)
		used = w;
	fit = text_fit(s ? s : "", used);
	ws = text_to_wcs(fit);
	wattrset(win, attr);
	mvwaddwstr(win, y, x, ws);
	wattrset(win, A_NORMAL);
	free(ws);
	free(fit);
	return used;
}

struct wrap_ctx {
	WINDOW *win;
	int y, x, w, maxrows, rows;
	attr_t attr;
};

static void wrap_line(const char *piece, void *vctx)
{
	struct wrap_ctx *c = vctx;
	if (c->rows < c->maxrows && c->win)
		draw_text(c->win, c->y + c->rows, c->x, c->w, piece, c->attr);
	c->rows++;
}

int draw_wrapped(WINDOW *win, int y, int x, int w, int maxrows, const char *s, attr_t attr)
{
	struct wrap_ctx c = {win, y, x, w, maxrows, 0, attr};
	if (w < 2 || maxrows <= 0)
		return 0;
	/* Leave room for hanging punctuation (see text_wrap). */
	text_wrap(s ? s : "", w > 4 ? w - 2 : w, wrap_line, &c);
	return c.rows < maxrows || !win ? c.rows : maxrows;
}

void draw_box(WINDOW *win, const char *title, int focused, int number)
{
	char head[256];
	int w = getmaxx(win);

	wattrset(win, focused ? A_BOLD : A_NORMAL);
	box(win, 0, 0);
	/* The focused pane is visible without colour: its title is in reverse
	 * video between arrows. */
	if (number > 0)
		snprintf(head, sizeof head, focused ? "▶ %d %s ◀" : " %d %s ", number, title);
	else
		snprintf(head, sizeof head, focused ? "▶ %s ◀" : " %s ", title);
	draw_text_np(win, 0, 2, w - 4, head, focused ? A_REVERSE | A_BOLD : A_NORMAL);
	wattrset(win, A_NORMAL);
}

const char *ui_entry_unverified(const struct log_entry *e)
{
	/* Written while operator PINs were optional, by someone who did not
	 * prove who they were (未核验). */
	return e && e->unverified ? _("unverified") : NULL;
}
