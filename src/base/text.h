/* text.h — display width of text, measured once, by wcwidth.
 *
 * Chinese characters take two columns, ASCII one; columns of names, groups
 * and summaries line up only if every clip and pad goes through here.  Nothing
 * else in dutydesk counts bytes as columns.  Needs setlocale(LC_ALL, "") with
 * a UTF-8 locale (C.UTF-8 is enough) before use. */
#ifndef DUTYDESK_TEXT_H
#define DUTYDESK_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include "base/err.h"

/* Columns a wide character takes: 0 for combining and control characters
 * (which are never drawn raw), 2 for wide ones, else 1. */
int text_wcwidth(wchar_t c);

/* One UTF-8 sequence of `s`: its length (>= 1), the character in *out;
 * U+FFFD, one byte consumed, for an invalid sequence.  Inline: the papers
 * decode some ten million characters. */
static inline __attribute__((always_inline)) size_t text_decode(const unsigned char *s,
								  wchar_t *out)
{
	unsigned c = s[0];
	size_t n;
	unsigned v;

	if (c < 0x80) {
		*out = (wchar_t)c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		*out = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*out = 0xfffd;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff)) {
		*out = 0xfffd;
		return 1;
	}
	*out = (wchar_t)v;
	return n;
}

/* C0, DEL and C1 (U+0080–U+009F): never drawn raw, a terminal would act on
 * them. */
static inline int text_is_control(wchar_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/* Bidirectional embeddings, overrides and isolates: they reorder what
 * follows them on screen, so that text reads otherwise than it is stored. */
static inline int text_is_bidi(wchar_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Punctuation that must not start a line (kinsoku: 。，、；：？！）》」 …): it
 * hangs at the end of the line before, as every wrapping of the papers
 * does. */
int text_no_line_start(wchar_t c);

/* Columns the UTF-8 string takes on a terminal.  Invalid bytes count as one
 * column each (they are shown as U+FFFD). */
int text_width(const char *s);

/* Decode UTF-8 into a malloc'd wide string, invalid bytes as U+FFFD and
 * control characters (including newlines) as spaces. */
wchar_t *text_to_wcs(const char *s);

/* Encode a wide string as malloc'd UTF-8. */
char *text_from_wcs(const wchar_t *ws);

/* The number of wide characters of `ws` that fit in `cols` columns. */
size_t text_wcs_fit(const wchar_t *ws, int cols);

/* Fit UTF-8 `s` into exactly `cols` columns: clipped at a character boundary
 * with "…" when too wide (never half a character), padded with spaces when
 * narrower.  Returns a malloc'd string. */
char *text_fit(const char *s, int cols);

/* Like text_fit, but right-aligned. */
char *text_fit_right(const char *s, int cols);

/* text_fit (`right`: text_fit_right) into `out`, which holds at least
 * TEXT_FIT_SIZE(strlen(s), cols) bytes; returns the length written (without
 * the NUL).  For a table of many cells, without a malloc each. */
#define TEXT_FIT_SIZE(len, cols) ((len) * 3 + (size_t)((cols) > 0 ? (cols) : 0) + 8)
size_t text_fit_into(char *out, const char *s, int cols, int right);

/* Wrap UTF-8 `s` into lines of at most `cols` columns (display width) and at
 * its newlines.  Chinese breaks between any two characters; Latin words and
 * numbers (runs of narrow characters: "35", "min", "#12") break only at
 * spaces, and the spaces at a break are dropped; only a word wider than the
 * line is cut, between characters.  Closing punctuation (，。、）」…) never
 * starts a line: it hangs past `cols` by at most two columns (give two fewer
 * to keep inside a margin); opening punctuation (（「《“) never ends one.
 * Marks stay with their base.  Tabs show as a space, other controls not at
 * all.  Calls `line` for each line with a NUL-terminated piece; returns the
 * number of lines (1 for ""). */
int text_wrap(const char *s, int cols, void (*line)(const char *piece, void *ctx), void *ctx);

/* Valid UTF-8 without NUL bytes? */
int text_valid_utf8(const char *s, size_t len);

/* What text_check_typed lets through besides printable text. */
enum {
	TEXT_LINES = 1,  /* line breaks */
	TEXT_TABS = 2,   /* tabs and carriage returns (a file's multi-line field) */
};

/* Text a person typed, as every field of the desk takes it: no control
 * character (C0, DEL, C1; but what `allow` says), no bidirectional
 * override or isolate (U+202A–U+202E, U+2066–U+2069).  The message names
 * the field `what` ("the summary"). */
int text_check_typed(const char *what, const char *s, unsigned allow, struct dd_err *err);

/* `s` with what text_check_typed refuses made visible: C0 and DEL as their
 * control pictures (ESC as ␛), C1 and bidirectional controls as \u{202E};
 * line breaks and tabs stay.  Returns a malloc'd string. */
char *text_visible(const char *s);

/* A stream that writes what it is given to `under` as text_visible shows it
 * (however the writes cut the UTF-8 sequences); closing it flushes `under`.
 * `*handle` (unless NULL) switches it to raw: data (CSV) goes through
 * exactly. */
struct text_guard;
FILE *text_guard_open(FILE *under, struct text_guard **handle);
/* From now on (after flushing `f`, the guard's stream), pass bytes as they
 * are (`raw`) or guarded. */
void text_guard_raw(struct text_guard *g, FILE *f, int raw);

#endif
