/* report_int.h — what the daily report's files share (report.c builds,
 * report_more.c the later sections, report_file.c files, report_text.c
 * renders).  Core-internal. */
#ifndef DUTYDESK_REPORT_INT_H
#define DUTYDESK_REPORT_INT_H

#include <stdio.h>

#include "docs/report.h"

void report_add_line(struct report_section *s, long long ref, dd_time at, const char *label,
		     long long count, const char *text, int flag);
/* The summary after a heading: "无" when `n` is 0, else the formatted text. */
void report_set_summary(struct report_section *s, long long n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The formatted text, whole (never cut inside a character), malloc'd. */
char *report_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sections of report_more.c: the mode's changes, the zones, the checkpoints. */
int report_build_mode(struct store *st, struct report_daily *r, struct report_section *s,
		      struct dd_err *err);
int report_build_zones(struct store *st, struct report_daily *r, struct report_section *s,
		       struct dd_err *err);
int report_build_checkpoints(struct store *st, struct report_daily *r,
			     struct report_section *s, struct dd_err *err);

/* Build into `r` (cleared first; on failure the caller clears it). */
int report_build_in(struct store *st, dd_time day, int drill, struct report_daily *r,
		    struct dd_err *err);

/* What was recorded for the day after the document of event `after` was
 * filed: written to `f` as the lines of a section apart ("  无" when
 * nothing). */
int report_since(struct store *st, const struct report_daily *r, long long after, FILE *f,
		 struct dd_err *err);

/* `text` after `first` on a line of REPORT_WIDTH columns, wrapped by
 * text_wrap (never inside a Latin word), the lines after it indented as wide
 * as `first`. */
void report_wrap(FILE *f, const char *first, const char *text);

#endif
