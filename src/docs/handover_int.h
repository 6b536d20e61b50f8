/* handover_int.h — what the files of the handover sheet share (docs/ only):
 * the builders of its sections and the helpers that make their rows. */
#ifndef DUTYDESK_HANDOVER_INT_H
#define DUTYDESK_HANDOVER_INT_H

#include "docs/handover.h"
#include "domain/log.h"

struct handover_section *ho_section_add(struct handover *h, const char *key, const char *title,
					const struct handover_column *cols, int ncols);
/* Append a row; takes the cells (malloc'd strings) over: copied into the
 * section's arena (s->cells), freed. */
void ho_row_add(struct handover_section *s, long long ref, int flag, char **cells);
void ho_summary(struct handover_section *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *ho_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The strings up to a NULL, joined, malloc'd. */
char *ho_cat(const char *first, ...) __attribute__((sentinel));
/* "#123", malloc'd. */
char *ho_ref(long long id);
/* A time as "12-16 08:10" (DDTIME_SHORT), malloc'd; the same day is
 * worked out once. */
char *ho_time(dd_time t);
/* The same into `buf`. */
void ho_short_time(dd_time t, char buf[DDTIME_BUFSZ]);
/* Forget the day worked out (a sheet begins: the zone may have changed). */
void ho_time_reset(void);
/* Append "label：value" to a list of details joined by "；". */
void ho_detail(char *buf, size_t n, const char *label, const char *value);
/* The kind as the office writes it, the subkind under it. */
char *ho_kind_cell(enum log_kind k, const char *subkind);

/* The builders, each adding its section(s) (handover_rows.c, handover_more.c). */
int ho_build_entries(struct store *st, struct handover *h, struct dd_err *err);
int ho_build_open(struct store *st, struct handover *h, struct dd_err *err);
int ho_build_changes(struct store *st, struct handover *h, struct dd_err *err);
int ho_build_escalations(struct store *st, struct handover *h, struct dd_err *err);
int ho_build_tasks(struct store *st, struct handover *h, struct dd_err *err);
int ho_build_gaps(struct store *st, struct handover *h, struct dd_err *err);
void ho_build_notes(struct handover *h);

#endif
