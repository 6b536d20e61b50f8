/* editor.c — a small wide-character text editor for forms and prompts. */
#include "ui/frame/editor.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "base/text.h"

#define CTRL(c) ((c) & 0x1f)

static void reserve(struct editor *e, size_t n)
{
	if (n + 1 > e->cap) {
		e->cap = (n + 1) * 2;
		e->buf = dd_xrealloc(e->buf, e->cap * sizeof *e->buf);
	}
}

void editor_set(struct editor *e, const char *utf8)
{
	wchar_t *ws = text_to_wcs(utf8 ? utf8 : "");
	size_t n = 0;

	/* text_to_wcs turns newlines into spaces (for one-line display);
	 * keep the real newlines of a multi-line text. */
	if (e->multiline && utf8) {
		const char *p = utf8;
		for (size_t i = 0; ws[i]; i++) {
			if (*p == '\n')
				ws[i] = L'\n';
			/* advance p by one UTF-8 character */
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
	}
	n = wcslen(ws);
	if (n > e->max)
		n = e->max;
	reserve(e, n);
	wmemcpy(e->buf, ws, n);
	e->buf[n] = 0;
	e->len = e->cur = n;
	e->top = 0;
	e->selected = 0;
	free(ws);
}

void editor_select_all(struct editor *e)
{
	e->selected = e->len > 0;
	e->cur = e->len;
}

void editor_init(struct editor *e, const char *utf8, int multiline, size_t max)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	e->max = max ? max : 4000;
	reserve(e, 16);
	e->buf[0] = 0;
	editor_set(e, utf8);
	e->dirty = 0;
}

void editor_free(struct editor *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

char *editor_text(const struct editor *e)
{
	return text_from_wcs(e->buf);
}

int editor_blank(const struct editor *e)
{
	for (size_t i = 0; i < e->len; i++)
		if (!iswspace((wint_t)e->buf[i]))
			return 0;
	return 1;
}

static void insert(struct editor *e, wchar_t c)
{
	if (e->len >= e->max)
		return;
	reserve(e, e->len + 1);
	wmemmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur + 1);
	e->buf[e->cur++] = c;
	e->len++;
	e->dirty = 1;
}

static void cut(struct editor *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	wmemmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
	e->dirty = 1;
}

static size_t line_start(const struct editor *e, size_t i)
{
	while (i > 0 && e->buf[i - 1] != L'\n')
		i--;
	return i;
}

static size_t line_end(const struct editor *e, size_t i)
{
	while (i < e->len && e->buf[i] != L'\n')
		i++;
	return i;
}

static int is_word(wchar_t c)
{
	return !iswspace((wint_t)c) && !iswpunct((wint_t)c) &&
	       !wcschr(L"，。、；：？！“”‘’（）《》「」", c);
}

/* Columns from the start of the (logical) line to index i. */
static int column_of(const struct editor *e, size_t i)
{
	int col = 0;
	for (size_t k = line_start(e, i); k < i; k++)
		col += text_wcwidth(e->buf[k]);
	return col;
}

static size_t index_at_column(const struct editor *e, size_t start, int col)
{
	size_t i = start;
	int c = 0;
	while (i < e->len && e->buf[i] != L'\n' && c + text_wcwidth(e->buf[i]) <= col) {
		c += text_wcwidth(e->buf[i]);
		i++;
	}
	return i;
}

static int move_line(struct editor *e, int dir)
{
	size_t s = line_start(e, e->cur);
	int col = column_of(e, e->cur);

	if (dir < 0) {
		if (s == 0)
			return 0;
		e->cur = index_at_column(e, line_start(e, s - 1), col);
	} else {
		size_t end = line_end(e, e->cur);
		if (end >= e->len)
			return 0;
		e->cur = index_at_column(e, end + 1, col);
	}
	return 1;
}

static int edit_key(struct editor *e, wint_t c)
{
	size_t i;

	switch (c) {
	case CTRL('a'):
		e->cur = line_start(e, e->cur);
		return 1;
	case CTRL('e'):
		e->cur = line_end(e, e->cur);
		return 1;
	case CTRL('u'):
		cut(e, line_start(e, e->cur), e->cur);
		return 1;
	case CTRL('k'):
		cut(e, e->cur, line_end(e, e->cur));
		return 1;
	case CTRL('w'):
		i = e->cur;
		while (i > 0 && !is_word(e->buf[i - 1]) && e->buf[i - 1] != L'\n')
			i--;
		while (i > 0 && is_word(e->buf[i - 1]))
			i--;
		cut(e, i, e->cur);
		return 1;
	case CTRL('h'):
	case 127:
		if (e->cur > 0)
			cut(e, e->cur - 1, e->cur);
		return 1;
	case L'\r':
	case L'\n':
		if (!e->multiline)
			return 0;
		insert(e, L'\n');
		return 1;
	case L'\t':
		return 0;
	default:
		if (c < 0x20 || c == 0x7f || c >= UIK_NONE)
			return 0;
		insert(e, (wchar_t)c);
		return 1;
	}
}

/* A character that would be inserted as it is. */
static int printable(struct ui_key k)
{
	return !k.is_key && k.ch >= 0x20 && k.ch != 0x7f && k.ch < UIK_NONE;
}

int editor_key(struct editor *e, struct ui_key k)
{
	if (e->selected) {
		e->selected = 0;
		if (printable(k)) {
			cut(e, 0, e->len);
			e->top = 0;
		}
	}
	if (!k.is_key)
		return edit_key(e, k.ch);
	switch (k.ch) {
	case KEY_LEFT:
		if (e->cur > 0)
			e->cur--;
		return 1;
	case KEY_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		return 1;
	case KEY_HOME:
		e->cur = line_start(e, e->cur);
		return 1;
	case KEY_END:
		e->cur = line_end(e, e->cur);
		return 1;
	case KEY_BACKSPACE:
		if (e->cur > 0)
			cut(e, e->cur - 1, e->cur);
		return 1;
	case KEY_DC:
		if (e->cur < e->len)
			cut(e, e->cur, e->cur + 1);
		return 1;
	case KEY_UP:
		return e->multiline && move_line(e, -1);
	case KEY_DOWN:
		return e->multiline && move_line(e, 1);
	case KEY_ENTER:
		return edit_key(e, L'\n');
	}
	return 0;
}

/* Visual lines: [start, end) index ranges, wrapped at `w` columns. */
struct vline {
	size_t start, end;
};

static int layout(const struct editor *e, int w, struct vline **out)
{
	int n = 0, cap = 8, col = 0;
	struct vline *v = dd_xmalloc((size_t)cap * sizeof *v);
	size_t s = 0;

	for (size_t i = 0; i <= e->len; i++) {
		int cw = i < e->len ? text_wcwidth(e->buf[i]) : 0;
		int brk = i == e->len || e->buf[i] == L'\n' || (col + cw > w && i > s);
		if (!brk) {
			col += cw;
			continue;
		}
		if (n == cap) {
			cap *= 2;
			v = dd_xrealloc(v, (size_t)cap * sizeof *v);
		}
		v[n].start = s;
		v[n].end = i;
		n++;
		if (i == e->len)
			break;
		if (e->buf[i] == L'\n') {
			s = i + 1;
			col = 0;
		} else {
			s = i;
			col = cw;
		}
	}
	*out = v;
	return n;
}

void editor_draw(struct editor *e, WINDOW *win, int y, int x, int h, int w, int focused,
		 int secret, attr_t attr, int *cy, int *cx)
{
	struct vline *v;
	int n, cl = 0, ccol = 0;

	if (w < 2 || h < 1)
		return;
	n = layout(e, w - 1, &v);
	for (int i = 0; i < n; i++) {
		if (e->cur >= v[i].start && (e->cur < v[i].end || i == n - 1 ||
					     (e->cur == v[i].end && v[i + 1].start > v[i].end))) {
			cl = i;
			break;
		}
	}
	for (size_t k = v[cl].start; k < e->cur && k < v[cl].end; k++)
		ccol += secret ? 1 : text_wcwidth(e->buf[k]);
	if (cl < e->top)
		e->top = cl;
	if (cl >= e->top + h)
		e->top = cl - h + 1;
	for (int r = 0; r < h; r++) {
		int li = e->top + r;
		wattrset(win, attr);
		mvwhline(win, y + r, x, ' ', w);
		if (li >= n)
			continue;
		if (secret) {
			for (size_t k = v[li].start; k < v[li].end && (int)(k - v[li].start) < w - 1;
			     k++)
				mvwaddch(win, y + r, x + (int)(k - v[li].start), '*');
		} else {
			if (e->selected)
				wattrset(win, attr | A_REVERSE);
			mvwaddnwstr(win, y + r, x, e->buf + v[li].start,
				    (int)(v[li].end - v[li].start));
		}
	}
	wattrset(win, A_NORMAL);
	if (focused && cy && cx) {
		*cy = y + (cl - e->top);
		*cx = x + ccol;
	}
	free(v);
}
