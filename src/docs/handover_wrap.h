/* handover_wrap.h — the text sheet's own line breaking (docs/ only): in one
 * pass over a cell, its lines and their display widths, kept in one buffer
 * used again cell after cell.  Its own, beside text_wrap (base/text.h),
 * because a sheet of ten thousand rows breaks some ten thousand cells, and
 * measuring each line again after breaking it costs as much as breaking it. */
#ifndef DUTYDESK_HANDOVER_WRAP_H
#define DUTYDESK_HANDOVER_WRAP_H

#include <stddef.h>

struct ho_lines {
	char *buf;           /* the lines, each NUL-terminated */
	size_t len, cap;
	size_t *at;          /* where each line starts */
	int *width;          /* its display width */
	int n, ncap;
};

void ho_lines_reset(struct ho_lines *l);
void ho_lines_free(struct ho_lines *l);
/* Add one line of `k` bytes as it is, its width unknown (-1). */
void ho_lines_add(struct ho_lines *l, const char *s, size_t k);

/* `s` broken into lines of at most `cols` display columns (Chinese counts
 * two) at its newlines and wherever a line is full: between characters,
 * but not inside a word of Latin letters and digits that can start its own
 * line; closing punctuation (。，、；：？！）」 …) may hang up to two columns past
 * `cols` rather than start a line.  Tabs become spaces; control and
 * bidirectional characters are dropped (the text is safe on a terminal).
 * Invalid UTF-8 bytes show as U+FFFD.  Lines are added to `l` (not reset). */
void ho_wrap(const char *s, int cols, struct ho_lines *l);

#endif
