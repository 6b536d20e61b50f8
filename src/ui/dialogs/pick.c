/* pick.c — choosing one of a list: the menus and pickers (kinds, groups,
 * people, zones, printers).
 *
 * A picker opens on the current value, or on no row at all when there is
 * none (Enter then chooses nothing); ↑ ↓ j k stop at the ends instead of
 * wrapping round; typing jumps to the first row whose name starts with
 * what was typed (Chinese too, and "12" finds "(十二)…"); the rows scroll,
 * and the frame says where one is and that there is more. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/roster.h"
#include "ui/frame/ui_int.h"

#define JUMP_MAX 32

struct pick_ctx {
	const char *title;
	const char *const *labels;
	int n, cur, top;          /* cur -1: no row chosen yet */
	wchar_t typed[JUMP_MAX];  /* what was typed to jump */
	int nomatch;              /* no row starts with it */
	const char *why;          /* why the last choice was refused, or NULL */
};

/* The value of a Chinese numeral of one or two digits (一 … 九十九), or -1. */
static int cn_number(const wchar_t *s, size_t n)
{
	static const wchar_t digits[] = L"零一二三四五六七八九";
	int v = 0, cur = -1;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const wchar_t *d = wcschr(digits, s[i]);
		if (s[i] == L'十') {
			v += (cur < 0 ? 1 : cur) * 10;
			cur = -1;
		} else if (d && *d) {
			if (cur >= 0)
				return -1;
			cur = (int)(d - digits);
		} else {
			return -1;
		}
	}
	return v + (cur < 0 ? 0 : cur);
}

/* A label's leading number in brackets — "(十二)", "（12）", "(3)" — as a
 * value, with *rest after it; -1 when it has none. */
static int leading_number(const wchar_t *s, const wchar_t **rest)
{
	const wchar_t *close;
	int v = 0;

	if (*s != L'(' && *s != L'（')
		return -1;
	close = wcspbrk(s + 1, L")）");
	if (!close || close == s + 1)
		return -1;
	if (iswdigit((wint_t)s[1])) {
		for (const wchar_t *p = s + 1; p < close; p++) {
			if (!iswdigit((wint_t)*p))
				return -1;
			v = v * 10 + (int)(*p - L'0');
		}
	} else if ((v = cn_number(s + 1, (size_t)(close - s - 1))) < 0) {
		return -1;
	}
	*rest = close + 1;
	while (**rest == L' ')
		(*rest)++;
	return v;
}

static int starts_with(const wchar_t *s, const wchar_t *prefix)
{
	size_t n = wcslen(prefix);
	for (size_t i = 0; i < n; i++)
		if (towlower((wint_t)s[i]) != towlower((wint_t)prefix[i]))
			return 0;
	return 1;
}

/* Does `label` start with `typed`: as written, after its number in
 * brackets, or (digits typed) by that number? */
static int label_matches(const char *label, const wchar_t *typed)
{
	wchar_t *w = text_to_wcs(label);
	const wchar_t *rest = w;
	int number = leading_number(w, &rest), ok = starts_with(w, typed);

	if (!ok && number >= 0)
		ok = starts_with(rest, typed);
	if (!ok && number >= 0 && iswdigit((wint_t)typed[0])) {
		int v = 0;
		size_t i;
		for (i = 0; typed[i] && iswdigit((wint_t)typed[i]); i++)
			v = v * 10 + (int)(typed[i] - L'0');
		ok = typed[i] == 0 && v == number;
	}
	free(w);
	return ok;
}

/* The first row that starts with what was typed, or -1. */
static int jump_target(const struct pick_ctx *c)
{
	for (int i = 0; i < c->n; i++)
		if (label_matches(c->labels[i], c->typed))
			return i;
	return -1;
}

static void draw_footer(struct ui *ui, struct pick_ctx *c, WINDOW *win, int h, int w)
{
	char where[96], jump[160];
	int rows = h - 2;

	if (c->typed[0]) {
		char *t = text_from_wcs(c->typed);
		snprintf(jump, sizeof jump, c->nomatch ? _(" no row starts with %s ") : _(" ⇥ %s "),
			 t);
		free(t);
		draw_text_np(win, h - 1, 2, w - 4, jump,
			     c->nomatch ? ui_attr_alert(ui) | A_BOLD : A_BOLD);
	} else if (c->n > rows) {
		draw_text_np(win, h - 1, 2, w - 4, _(" type to jump "), A_NORMAL);
	}
	if (c->n <= rows)
		return;
	/* Where one is, and that there is more above or below. */
	snprintf(where, sizeof where, " %s%d–%d/%d%s ", c->top > 0 ? "↑ " : "", c->top + 1,
		 c->top + rows < c->n ? c->top + rows : c->n, c->n,
		 c->top + rows < c->n ? " ↓" : "");
	draw_text_np(win, h - 1, w - 2 - text_width(where), text_width(where), where, A_BOLD);
}

static void draw_pick(struct ui *ui, void *vctx)
{
	struct pick_ctx *c = vctx;
	int why = c->why && *c->why;
	int h = c->n + 2 + why > LINES - 4 ? LINES - 4 : c->n + 2 + why, w = 36;
	WINDOW *win;

	if (text_width(c->title) + 4 > w)
		w = text_width(c->title) + 4;
	for (int i = 0; i < c->n; i++) {
		int lw = text_width(c->labels[i]) + 6;
		if (lw > w)
			w = lw;
	}
	if (w > COLS - 2)
		w = COLS - 2;
	if (h < 3 || w < 10)
		return;
	win = subwin(stdscr, h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (!win)
		return;
	h -= why;   /* the rows' box; the reason goes under them */
	if (c->cur >= 0 && c->cur < c->top)
		c->top = c->cur;
	if (c->cur >= c->top + h - 2)
		c->top = c->cur - (h - 3);
	werase(win);
	box(win, 0, 0);
	draw_text_np(win, 0, 2, w - 4, c->title, A_BOLD);
	for (int r = 0; r < h - 2 && c->top + r < c->n; r++) {
		int i = c->top + r;
		draw_text(win, 1 + r, 1, w - 2, c->labels[i], i == c->cur ? A_REVERSE : A_NORMAL);
	}
	if (why) {
		/* The row above the bottom border. */
		draw_text(win, h - 1, 2, w - 4, c->why, ui_attr_alert(ui) | A_BOLD);
		draw_footer(ui, c, win, h + 1, w);
	} else {
		draw_footer(ui, c, win, h, w);
	}
	delwin(win);
}

static void move_to(struct pick_ctx *c, int to)
{
	if (to < 0)
		to = 0;
	if (to > c->n - 1)
		to = c->n - 1;
	c->cur = to;
	c->typed[0] = 0;
	c->nomatch = 0;
}

/* Typing to jump: one more character, or one less (Backspace). */
static void jump_key(struct pick_ctx *c, wint_t ch)
{
	size_t n = wcslen(c->typed);
	int to;

	if (ch == 0) {
		if (n == 0)
			return;
		c->typed[n - 1] = 0;
		if (n == 1) {
			c->nomatch = 0;
			return;
		}
	} else if (n + 1 < JUMP_MAX) {
		c->typed[n] = (wchar_t)ch;
		c->typed[n + 1] = 0;
	}
	to = jump_target(c);
	c->nomatch = to < 0;
	if (to >= 0)
		c->cur = to;
}

/* One key: 1 when the picker is done (*chosen set), else 0. */
static int pick_key(struct ui *ui, struct pick_ctx *c, struct ui_key k, int *chosen)
{
	int page = LINES - 6 > 1 ? LINES - 6 : 1;

	if (k.ch == UIK_QUIT || k.ch == UIK_INTR || (!k.is_key && k.ch == 27))
		return 1;
	if ((!k.is_key && (k.ch == '\r' || k.ch == '\n')) || (k.is_key && k.ch == KEY_ENTER)) {
		if (c->cur >= 0) {
			*chosen = c->cur;
			return 1;
		}
		ui_say(ui, _("nothing chosen yet: ↑ ↓ or type the start of a name (Esc cancels)"));
		return 0;
	}
	/* j and k move while nothing is typed; after a character they are
	 * part of the name being typed. */
	if ((k.is_key && k.ch == KEY_UP) || (!k.is_key && k.ch == 'k' && !c->typed[0]))
		move_to(c, c->cur < 0 ? 0 : c->cur - 1);
	else if ((k.is_key && k.ch == KEY_DOWN) || (!k.is_key && k.ch == 'j' && !c->typed[0]))
		move_to(c, c->cur + 1);
	else if (k.is_key && k.ch == KEY_PPAGE)
		move_to(c, c->cur - page);
	else if (k.is_key && k.ch == KEY_NPAGE)
		move_to(c, c->cur < 0 ? page - 1 : c->cur + page);
	else if (k.is_key && k.ch == KEY_HOME)
		move_to(c, 0);
	else if (k.is_key && k.ch == KEY_END)
		move_to(c, c->n - 1);
	else if ((k.is_key && k.ch == KEY_BACKSPACE) || (!k.is_key && (k.ch == 127 || k.ch == 8)))
		jump_key(c, 0);
	else if (!k.is_key && k.ch > ' ' && k.ch < UIK_NONE && k.ch != 0x7f)
		jump_key(c, k.ch);
	return 0;
}

int ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int current)
{
	return ui_pick_again(ui, title, labels, n, current, NULL);
}

int ui_pick_again(struct ui *ui, const char *title, const char *const *labels, int n,
		  int current, const char *why)
{
	struct pick_ctx c = {.title = title, .labels = labels, .n = n,
			     .cur = current < 0 || current >= n ? -1 : current, .why = why};
	int chosen = -1;

	if (n <= 0)
		return -1;
	ui_push_layer(ui, draw_pick, &c);
	for (;;) {
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (pick_key(ui, &c, k, &chosen))
			break;
	}
	ui_pop_layer(ui);
	return chosen;
}

/* "(十二)核酸采样工作组": a standing group as the notice numbers it. */
static char *group_label(const struct roster_group *g)
{
	static const char *const cn[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	char num[32], *s;
	int v = g->seq;

	if (g->kind != GRP_STANDING || v <= 0 || v > 99)
		return dd_xstrdup(g->name);
	snprintf(num, sizeof num, "%s%s%s", v >= 20 ? cn[v / 10] : "", v >= 10 ? "十" : "",
		 cn[v % 10]);
	s = dd_xmalloc(strlen(num) + strlen(g->name) + 3);
	sprintf(s, "(%s)%s", num, g->name);
	return s;
}

char *ui_pick_group(struct ui *ui, const char *current)
{
	return ui_pick_group_of(ui, current, 1);
}

char *ui_pick_group_of(struct ui *ui, const char *current, int with_none)
{
	struct roster *r;
	struct dd_err err;
	char **labels;
	const char **names;
	int n = 0, cur = -1, i;
	char *chosen = NULL;

	if (roster_load(ui->st, 0, &r, &err) < 0) {
		ui_error(ui, &err);
		return NULL;
	}
	labels = dd_xcalloc((size_t)r->ngroups + 1, sizeof *labels);
	names = dd_xcalloc((size_t)r->ngroups + 1, sizeof *names);
	if (with_none) {
		names[n] = "";
		labels[n++] = dd_xstrdup(_("(none)"));
	}
	for (i = 0; i < r->ngroups; i++) {
		if (r->groups[i].kind == GRP_SUBGROUP)
			continue;
		if (current && strcmp(current, r->groups[i].name) == 0)
			cur = n;
		names[n] = r->groups[i].name;
		labels[n++] = group_label(&r->groups[i]);
	}
	/* On the group given, else on (none) when the answer was empty, else
	 * on the first group that starts with what was typed (the form). */
	if (cur < 0 && with_none && current && !*current)
		cur = 0;
	if (cur < 0 && current && *current) {
		wchar_t *typed = text_to_wcs(current);
		for (int k = 0; k < n && cur < 0; k++)
			if (label_matches(labels[k], typed))
				cur = k;
		free(typed);
	}
	i = ui_pick(ui, _(" Responsible group "), (const char *const *)labels, n, cur);
	if (i >= 0)
		chosen = dd_xstrdup(names[i]);
	for (int k = 0; k < n; k++)
		free(labels[k]);
	free(labels);
	free(names);
	roster_free(r);
	return chosen;
}
