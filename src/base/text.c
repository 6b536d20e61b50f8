/* text.c — display width, clipping and wrapping of UTF-8 text by wcwidth,
 * measured on the UTF-8 itself (no wide string in between). */
#define _GNU_SOURCE /* wcwidth, fopencookie */
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/i18n.h"

#define ELLIPSIS L'\u2026'

/* wcwidth of the Basic Multilingual Plane as it is asked, plus one (0: not
 * asked yet): glibc's wcwidth is a walk through the locale's tables, and a
 * sheet measures some ten million characters.  Kept only under a multibyte
 * locale: before setlocale, wcwidth knows no Chinese (-1). */
static signed char bmp_width[0x10000];

static int width_asked(wchar_t c)
{
	int w = wcwidth(c);

	w = w < 0 ? 1 : w;
	if (c < 0x10000 && MB_CUR_MAX > 1)
		bmp_width[c] = (signed char)(w + 1);
	return w;
}

static inline int width(wchar_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (text_is_control(c))
		return 0;
	if (c < 0x10000 && bmp_width[c])
		return bmp_width[c] - 1;
	return width_asked(c);
}

int text_wcwidth(wchar_t c)
{
	return width(c);
}

int text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		wchar_t c;
		size_t n;
		if (*p < 0x80) {
			if (*p == 0)
				return 0;
			p++;
			continue;
		}
		if ((size_t)(end - p) < 4 && *p >= 0x80) {
			/* Decode from a bounded copy so we never read past `end`. */
			unsigned char tmp[5] = {0};
			memcpy(tmp, p, (size_t)(end - p));
			n = text_decode(tmp, &c);
		} else {
			n = text_decode(p, &c);
		}
		if (c == 0xfffd && !(n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] == 0xbd))
			return 0;
		p += n;
	}
	return 1;
}

wchar_t *text_to_wcs(const char *s)
{
	size_t len = strlen(s), k = 0;
	wchar_t *ws = dd_xmalloc((len + 1) * sizeof *ws);
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		wchar_t c;
		p += text_decode(p, &c);
		if (text_is_control(c) || text_is_bidi(c))
			c = L' ';
		ws[k++] = c;
	}
	ws[k] = 0;
	return ws;
}

static size_t encode(wchar_t c, char *out)
{
	unsigned v = (unsigned)c;
	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xc0 | (v >> 6));
		out[1] = (char)(0x80 | (v & 0x3f));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (char)(0xe0 | (v >> 12));
		out[1] = (char)(0x80 | ((v >> 6) & 0x3f));
		out[2] = (char)(0x80 | (v & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (v >> 18));
	out[1] = (char)(0x80 | ((v >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((v >> 6) & 0x3f));
	out[3] = (char)(0x80 | (v & 0x3f));
	return 4;
}

char *text_from_wcs(const wchar_t *ws)
{
	size_t n = wcslen(ws), k = 0;
	char *s = dd_xmalloc(n * 4 + 1);
	for (size_t i = 0; i < n; i++)
		k += encode(ws[i], s + k);
	s[k] = '\0';
	return s;
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	while (*p) {
		wchar_t c;
		p += text_decode(p, &c);
		w += width(text_is_control(c) || text_is_bidi(c) ? L' ' : c);  /* as text_to_wcs shows it */
	}
	return w;
}

size_t text_wcs_fit(const wchar_t *ws, int cols)
{
	size_t i = 0;
	int w = 0;
	for (; ws[i]; i++) {
		int cw = width(ws[i]);
		if (w + cw > cols)
			break;
		w += cw;
	}
	return i;
}

/* The character at `p` as shown: control characters and bidirectional
 * controls as spaces. */
static inline __attribute__((always_inline)) size_t next_shown(const unsigned char *p,
								  wchar_t *c)
{
	size_t n = text_decode(p, c);

	if (text_is_control(*c) || text_is_bidi(*c))
		*c = L' ';
	return n;
}

/* Straight from UTF-8 to UTF-8: a sheet of ten thousand rows fits some
 * fifty thousand cells, and each went through a wide string and back. */
size_t text_fit_into(char *out, const char *s, int cols, int right)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0, total;
	size_t k = 0;
	wchar_t c;

	if (cols < 0)
		cols = 0;
	/* Copied while measured; only a text too wide is read again, to clip. */
	for (total = 0; *p && total <= cols; total += width(c)) {
		p += next_shown(p, &c);
		k += encode(c, out + k);
	}
	if (*p || total > cols)
		total = cols + 1;
	if (total > cols) {
		p = (const unsigned char *)s;
		k = 0;
		/* Keep what fits in cols-1 columns, then the ellipsis. */
		while (*p && cols > 0) {
			size_t n = next_shown(p, &c);
			int cw = width(c);
			if (w + cw > cols - 1)
				break;
			k += encode(c, out + k);
			w += cw;
			p += n;
		}
		if (cols > 0) {
			k += encode(ELLIPSIS, out + k);
			w++;
		}
	} else {
		w = total;
	}
	if (right && w < cols) {
		size_t pad = (size_t)(cols - w);
		memmove(out + pad, out, k);
		memset(out, ' ', pad);
		k += pad;
	} else if (w < cols) {
		memset(out + k, ' ', (size_t)(cols - w));
		k += (size_t)(cols - w);
	}
	out[k] = '\0';
	return k;
}

static char *fit(const char *s, int cols, int right)
{
	char *out = dd_xmalloc(TEXT_FIT_SIZE(strlen(s), cols));

	text_fit_into(out, s, cols, right);
	return out;
}

char *text_fit(const char *s, int cols)
{
	return fit(s, cols, 0);
}

char *text_fit_right(const char *s, int cols)
{
	return fit(s, cols, 1);
}

int text_no_line_start(wchar_t c)
{
	return c && wcschr(L"。，、；：？！）》」』”’〉】〕…,.;:!?)]}", c) != NULL;
}

/* Wide opening punctuation: it never ends a line, it goes with what follows. */
static int no_line_end(wchar_t c)
{
	return c && wcschr(L"（《「『“‘〈【〔", c) != NULL;
}

/* The text as wrapped: tabs as spaces, other controls and bidirectional
 * controls left out, line breaks kept.  malloc'd. */
static char *wrap_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = dd_xmalloc(strlen(s) + 1);
	size_t k = 0;

	while (*p) {
		wchar_t c;
		size_t n = text_decode(p, &c);
		if (c == L'\t' || c == L'\n')
			out[k++] = c == L'\t' ? ' ' : '\n';
		else if (!text_is_control(c) && !text_is_bidi(c)) {
			memcpy(out + k, p, n);
			k += n;
		}
		p += n;
	}
	out[k] = '\0';
	return out;
}

/* What cannot be parted: a run of spaces; a Latin word or a number (a run
 * of narrow characters, marks included); one wide character with its marks,
 * after any opening punctuation.  Closing punctuation that follows hangs on
 * it (`hang` columns of its width `w`). */
enum wrap_kind { WRAP_END, WRAP_NEWLINE, WRAP_SPACE, WRAP_TEXT };

struct wrap_tok {
	enum wrap_kind kind;
	const unsigned char *p;
	size_t n;
	int w, hang;
};

/* Past the marks (zero width) that go with the character before `p`. */
static const unsigned char *wrap_marks(const unsigned char *p)
{
	wchar_t c;
	size_t n;

	while (*p && (n = text_decode(p, &c)) && c != L'\n' && c != L' ' && width(c) == 0)
		p += n;
	return p;
}

static struct wrap_tok wrap_next(const unsigned char *p)
{
	struct wrap_tok t = {WRAP_TEXT, p, 0, 0, 0};
	const unsigned char *q = p;
	wchar_t c;
	size_t n;
	int cw;

	if (!*p)
		return (struct wrap_tok){WRAP_END, p, 0, 0, 0};
	n = text_decode(q, &c);
	if (c == L'\n')
		return (struct wrap_tok){WRAP_NEWLINE, p, 1, 0, 0};
	if (c == L' ') {
		while (*q == ' ')
			q++;
		return (struct wrap_tok){WRAP_SPACE, p, (size_t)(q - p), (int)(q - p), 0};
	}
	/* Opening punctuation, then the character it opens. */
	while (no_line_end(c)) {
		t.w += width(c);
		q += n;
		if (!*q || *q == '\n' || *q == ' ')
			goto done;
		n = text_decode(q, &c);
	}
	cw = width(c);
	if (cw >= 2) {
		t.w += cw;
		q = wrap_marks(q + n);
	} else {
		/* A word: narrow characters up to a space, a line break or a
		 * wide character. */
		while (*q) {
			n = text_decode(q, &c);
			cw = width(c);
			if (c == L'\n' || c == L' ' || cw >= 2)
				break;
			t.w += cw;
			q += n;
		}
	}
	/* Closing punctuation hangs on what it closes. */
	while (*q) {
		n = text_decode(q, &c);
		if (!text_no_line_start(c))
			break;
		cw = width(c);
		t.w += cw;
		t.hang += cw;
		q = wrap_marks(q + n);
	}
done:
	t.n = (size_t)(q - p);
	return t;
}

struct wrap_out {
	char *buf;
	size_t k;
	int w, lines;
	void (*line)(const char *piece, void *ctx);
	void *ctx;
};

static void wrap_emit(struct wrap_out *o)
{
	o->buf[o->k] = '\0';
	o->line(o->buf, o->ctx);
	o->lines++;
	o->k = 0;
	o->w = 0;
}

static void wrap_put(struct wrap_out *o, const unsigned char *p, size_t n, int w)
{
	memcpy(o->buf + o->k, p, n);
	o->k += n;
	o->w += w;
}

/* A piece too wide for any line: cut between characters (never parting a
 * mark from its base; closing punctuation hangs up to two columns). */
static void wrap_cut(struct wrap_out *o, const struct wrap_tok *t, int cols)
{
	const unsigned char *p = t->p, *end = t->p + t->n;

	while (p < end) {
		wchar_t c;
		size_t n = text_decode(p, &c);
		const unsigned char *q = wrap_marks(p + n);
		int cw = width(c);
		if (o->w > 0 && o->w + cw > cols && !(text_no_line_start(c) && o->w + cw <= cols + 2))
			wrap_emit(o);
		wrap_put(o, p, (size_t)(q - p), cw);
		p = q;
	}
}

int text_wrap(const char *s, int cols, void (*line)(const char *piece, void *ctx), void *ctx)
{
	char *clean = wrap_clean(s);
	const unsigned char *p = (const unsigned char *)clean;
	struct wrap_out o = {dd_xmalloc(strlen(clean) + 1), 0, 0, 0, line, ctx};
	struct wrap_tok space = {WRAP_END, NULL, 0, 0, 0};
	int fresh = 1;  /* at the start of the text or of one of its lines */

	if (cols < 2)
		cols = 2;
	for (;;) {
		struct wrap_tok t = wrap_next(p);
		p += t.n;
		if (t.kind == WRAP_END)
			break;
		if (t.kind == WRAP_NEWLINE) {
			wrap_emit(&o);
			space.kind = WRAP_END;
			fresh = 1;
			continue;
		}
		if (t.kind == WRAP_SPACE) {
			if (fresh)  /* indentation the text has: kept */
				wrap_put(&o, t.p, t.n, t.w);
			else if (o.k > 0)
				space = t;  /* a break, or kept if what follows fits */
			continue;
		}
		fresh = 0;
		int sw = space.kind == WRAP_SPACE ? space.w : 0;
		if (o.w + sw + t.w - t.hang <= cols && o.w + sw + t.w <= cols + 2) {
			if (sw)
				wrap_put(&o, space.p, space.n, space.w);
		} else if (o.k > 0) {
			wrap_emit(&o);
		}
		space.kind = WRAP_END;
		if (o.w + t.w - t.hang > cols)
			wrap_cut(&o, &t, cols);
		else
			wrap_put(&o, t.p, t.n, t.w);
	}
	if (o.k > 0 || o.lines == 0)
		wrap_emit(&o);
	free(o.buf);
	free(clean);
	return o.lines;
}

/* ---- text that cannot hurt a terminal ---- */

int text_check_typed(const char *what, const char *s, unsigned allow, struct dd_err *err)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		wchar_t c;
		p += text_decode(p, &c);
		if ((c == L'\n' && (allow & TEXT_LINES)) ||
		    ((c == L'\t' || c == L'\r') && (allow & TEXT_TABS)))
			continue;
		if (c == L'\n')
			return dd_fail(err, DD_EINVAL, _("%s holds a line break; it is one line"),
				       what);
		if (text_is_control(c))
			return dd_fail(err, DD_EINVAL, _("%s holds a control character (U+%04X); "
							 "type it without"), what, (unsigned)c);
		if (text_is_bidi(c))
			return dd_fail(err, DD_EINVAL, _("%s holds a bidirectional control "
							 "character (U+%04X), which would reorder "
							 "the text on screen; type it without"),
				       what, (unsigned)c);
	}
	return 0;
}

/* How `c` is shown: its control picture (␛ for ESC, ␡ for DEL), \\u{...}
 * for C1 and bidirectional controls; NULL to show it as it is. */
static const char *visible_form(wchar_t c, char buf[16])
{
	if (c == L'\n' || c == L'\t' || !(text_is_control(c) || text_is_bidi(c)))
		return NULL;
	if (c < 0x20 || c == 0x7f) {
		size_t n = encode(c == 0x7f ? 0x2421 : 0x2400 + c, buf);
		buf[n] = '\0';
	} else {
		snprintf(buf, 16, "\\u{%04X}", (unsigned)c);
	}
	return buf;
}

char *text_visible(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = strlen(s) * 3 + 1, k = 0;
	char *out = dd_xmalloc(cap), buf[16];

	while (*p) {
		wchar_t c;
		size_t n = text_decode(p, &c);
		const char *v = visible_form(c, buf);
		size_t vn = v ? strlen(v) : n;
		if (k + vn + 1 > cap) {
			cap = cap * 2 + vn;
			out = dd_xrealloc(out, cap);
		}
		memcpy(out + k, v ? v : (const char *)p, vn);
		k += vn;
		p += n;
	}
	out[k] = '\0';
	return out;
}

/* A stream that writes to `under`, making controls visible, unless raw. */
struct text_guard {
	FILE *under;
	int raw;
	unsigned char pend[4];  /* the start of a UTF-8 sequence cut by a write */
	size_t npend;
};

/* Bytes of the sequence that starts with `b` (1 for a byte that starts none). */
static size_t seq_len(unsigned char b)
{
	return b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
}

static int guard_put(struct text_guard *g, const unsigned char *p, size_t n)
{
	char buf[16];
	unsigned char one[5] = {0};
	wchar_t c;
	const char *v;

	memcpy(one, p, n);
	if (text_decode(one, &c) != n)
		c = 0xfffd;  /* not one sequence: passed as it is, never a control */
	v = c == 0xfffd ? NULL : visible_form(c, buf);
	if (v)
		return fputs(v, g->under) < 0 ? -1 : 0;
	return fwrite(p, 1, n, g->under) == n ? 0 : -1;
}

/* The end of the run from `p` of whole sequences that show as they are. */
static const unsigned char *safe_run(const unsigned char *p, const unsigned char *end)
{
	char buf[16];

	while (p < end) {
		wchar_t c;
		size_t n = seq_len(*p);
		if (*p < 0x80 ? (*p < 0x20 || *p == 0x7f) && *p != '\n' && *p != '\t'
			      : (size_t)(end - p) < n || text_decode(p, &c) != n ||
					visible_form(c, buf) != NULL)
			break;
		p += n;
	}
	return p;
}

static ssize_t guard_write(void *cookie, const char *data, size_t size)
{
	struct text_guard *g = cookie;
	const unsigned char *p = (const unsigned char *)data, *end = p + size;

	if (g->raw)
		return fwrite(data, 1, size, g->under) == size && fflush(g->under) == 0
			       ? (ssize_t)size : -1;
	while (p < end) {
		if (g->npend) {
			size_t want = seq_len(g->pend[0]);
			while (g->npend < want && p < end && (*p & 0xc0) == 0x80)
				g->pend[g->npend++] = *p++;
			if (g->npend < want && p == end)
				break;
			if (guard_put(g, g->pend, g->npend) < 0)
				return -1;
			g->npend = 0;
			continue;
		}
		size_t n = seq_len(*p);
		if ((size_t)(end - p) < n) {
			memcpy(g->pend, p, (size_t)(end - p));
			g->npend = (size_t)(end - p);
			break;
		}
		/* The common case: a run of text that shows as it is. */
		const unsigned char *q = safe_run(p, end);
		if (q > p) {
			if (fwrite(p, 1, (size_t)(q - p), g->under) != (size_t)(q - p))
				return -1;
			p = q;
			continue;
		}
		if (guard_put(g, p, n) < 0)
			return -1;
		p += n;
	}
	/* Written through: a flush of the guard is a flush of what is under it. */
	return fflush(g->under) == 0 ? (ssize_t)size : -1;
}

static int guard_close(void *cookie)
{
	struct text_guard *g = cookie;
	int rc = 0;

	if (g->npend && fwrite(g->pend, 1, g->npend, g->under) != g->npend)
		rc = -1;
	if (fflush(g->under) != 0)
		rc = -1;
	free(g);
	return rc;
}

FILE *text_guard_open(FILE *under, struct text_guard **handle)
{
	static const cookie_io_functions_t io = {.write = guard_write, .close = guard_close};
	struct text_guard *g = dd_xcalloc(1, sizeof *g);
	FILE *f;

	g->under = under;
	f = fopencookie(g, "w", io);
	if (!f)
		free(g);
	if (handle)
		*handle = f ? g : NULL;
	return f;
}

void text_guard_raw(struct text_guard *g, FILE *f, int raw)
{
	if (!g)
		return;
	fflush(f);  /* what came before is text, and goes out guarded */
	g->raw = raw;
}
