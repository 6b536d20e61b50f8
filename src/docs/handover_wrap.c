/* handover_wrap.c — breaking a cell of the text sheet into lines by display
 * width, in one pass: each line is copied once, with its width. */
#include "docs/handover_wrap.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/err.h"
#include "base/text.h"

static void room(struct ho_lines *l, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2 + 64;
		l->buf = dd_xrealloc(l->buf, l->cap);
	}
}

static void start_line(struct ho_lines *l)
{
	if (l->n == l->ncap) {
		l->ncap = l->ncap ? 2 * l->ncap : 8;
		l->at = dd_xrealloc(l->at, (size_t)l->ncap * sizeof *l->at);
		l->width = dd_xrealloc(l->width, (size_t)l->ncap * sizeof *l->width);
	}
	l->at[l->n] = l->len;
	l->width[l->n] = 0;
	l->n++;
}

static void end_line(struct ho_lines *l)
{
	l->buf[l->len++] = '\0';
}

void ho_lines_reset(struct ho_lines *l)
{
	l->len = 0;
	l->n = 0;
}

void ho_lines_free(struct ho_lines *l)
{
	free(l->buf);
	free(l->at);
	free(l->width);
	memset(l, 0, sizeof *l);
}

void ho_lines_add(struct ho_lines *l, const char *s, size_t k)
{
	room(l, k);
	start_line(l);
	memcpy(l->buf + l->len, s, k);
	l->len += k;
	l->width[l->n - 1] = -1;
	end_line(l);
}

/* Display width: the common Chinese ranges (CJK ideographs, CJK
 * punctuation, fullwidth forms: wide in every locale's wcwidth) without a
 * call; the rest as text.h measures it. */
static inline int width(wchar_t c)
{
	if (c < 0x7f)
		return 1;
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303e) ||
	    (c >= 0xff01 && c <= 0xff60))
		return 2;
	return text_wcwidth(c);
}

static int word_char(wchar_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == '@' || c == '/';
}

/* Where a cell's breaking stands. */
struct at {
	size_t word;          /* where the word in progress starts (0: none) */
	int wordw;            /* the line's width before it */
	int w;                /* the line's width */
	int prev_word;        /* the last character was a word's */
};

/* The common characters, as the general way (ho_wrap) would take them:
 * printable ASCII that fits; a CJK ideograph; CJK and fullwidth
 * punctuation that fits.  The bytes taken, 0 for any other. */
static size_t common(struct ho_lines *l, int cols, const unsigned char *p, struct at *a)
{
	/* Printable ASCII that fits: one column. */
	if (*p >= 0x20 && *p < 0x7f && a->w < cols) {
		int is_word = word_char(*p);
		if (is_word && !a->prev_word) {
			a->word = l->len;
			a->wordw = a->w;
		}
		a->prev_word = is_word;
		l->buf[l->len++] = (char)*p;
		a->w++;
		return 1;
	}
	/* A CJK ideograph (U+4E00 to U+9FFF): two columns, no word's, never
	 * hanging: past the line, it starts the next. */
	if (*p >= 0xe4 && *p <= 0xe9 && (*p > 0xe4 || p[1] >= 0xb8) &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		if (a->w + 2 > cols) {
			l->width[l->n - 1] = a->w;
			end_line(l);
			start_line(l);
			a->w = 0, a->word = 0;
		}
	} else if (!(a->w + 2 <= cols &&
		     ((p[0] == 0xe3 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0xbe) ||
		      (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x81 && p[2] <= 0xbf) ||
		      (p[0] == 0xef && p[1] == 0xbd && p[2] >= 0x80 && p[2] <= 0xa0)))) {
		/* Not CJK or fullwidth punctuation (U+3000 to U+303E, U+FF01
		 * to U+FF60) that fits (where it does not, it may hang). */
		return 0;
	}
	a->prev_word = 0;
	memcpy(l->buf + l->len, p, 3);
	l->len += 3;
	a->w += 2;
	return 3;
}

void ho_wrap(const char *s, int cols, struct ho_lines *l)
{
	const unsigned char *p = (const unsigned char *)s;
	struct at a = {0, 0, 0, 0};
	size_t first = l->n;  /* the cell's first line */

	if (cols < 2)
		cols = 2;
	/* Each byte makes at most three (U+FFFD) and one line's end. */
	room(l, strlen(s) * 4 + 8);
	start_line(l);
	while (*p) {
		wchar_t c;
		size_t n;
		int cw, is_word;

		if ((n = common(l, cols, p, &a)) > 0) {
			p += n;
			continue;
		}
		n = text_decode(p, &c);
		if (c == L'\n') {
			l->width[l->n - 1] = a.w;
			end_line(l);
			start_line(l);
			a.w = 0, a.word = 0, a.prev_word = 0;
			p += n;
			continue;
		}
		if (c == L'\t')
			c = L' ';
		if (text_is_control(c) || text_is_bidi(c)) {
			p += n;
			continue;
		}
		cw = width(c);
		is_word = word_char(c) && c < 0x7f;
		if (a.w + cw > cols && !(text_no_line_start(c) && a.w + cw <= cols + 2)) {
			if (is_word && a.prev_word && a.word > l->at[l->n - 1]) {
				/* Not inside the word: it goes to the next line whole. */
				size_t k = l->len - a.word;
				memmove(l->buf + a.word + 1, l->buf + a.word, k);
				l->buf[a.word] = '\0';
				l->width[l->n - 1] = a.wordw;
				l->len = a.word + 1;
				start_line(l);
				l->len += k;
				a.w -= a.wordw;
				a.word = l->at[l->n - 1];
				a.wordw = 0;
			} else {
				l->width[l->n - 1] = a.w;
				end_line(l);
				start_line(l);
				a.w = 0, a.word = 0;
			}
		}
		if (is_word && !a.prev_word) {
			a.word = l->len;
			a.wordw = a.w;
		}
		a.prev_word = is_word;
		if (c == 0xfffd && n == 1) {
			memcpy(l->buf + l->len, "\xef\xbf\xbd", 3);
			l->len += 3;
		} else {
			char *o = l->buf + l->len;
			switch (n) {  /* a character's bytes, without a call */
			case 4: o[3] = (char)p[3]; /* fall through */
			case 3: o[2] = (char)p[2]; /* fall through */
			case 2: o[1] = (char)p[1]; /* fall through */
			default: o[0] = (char)p[0];
			}
			l->len += n;
		}
		a.w += cw;
		p += n;
	}
	l->width[l->n - 1] = a.w;
	end_line(l);
	/* A text that ends its last line: no empty line after it. */
	if ((size_t)l->n > first + 1 && l->buf[l->at[l->n - 1]] == '\0') {
		l->len = l->at[l->n - 1];
		l->n--;
	}
}
