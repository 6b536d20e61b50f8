/* duty_internal.h — what the duty schedule's files share (core-internal). */
#ifndef DUTYDESK_DUTY_INTERNAL_H
#define DUTYDESK_DUTY_INTERNAL_H

#include "domain/duty.h"

/* The longest shift accepted: catches a mistyped day (10 days instead of
 * one) and bounds the range queries (a shift overlapping [from, to) starts
 * after from - DUTY_MAX_SECONDS). */
#define DUTY_MAX_HOURS 72
#define DUTY_MAX_SECONDS ((dd_time)DUTY_MAX_HOURS * 3600)
#define DUTY_NOTE_MAX 2000   /* a note or reason (act_check_text) */

/* SQL: the operator effectively on duty in the shift aliased `s` (the latest
 * substitution's or swap's), and whether it is cancelled. */
#define DUTY_EFFECTIVE(s)                                                              \
	"coalesce((SELECT dc.to_id FROM shift_change dc WHERE dc.shift_id = " s ".id "  \
	"AND dc.kind <> 'cancel' ORDER BY dc.id DESC LIMIT 1), " s ".operator_id)"
#define DUTY_CANCELLED(s)                                                              \
	"EXISTS (SELECT 1 FROM shift_change dx WHERE dx.shift_id = " s ".id "           \
	"AND dx.kind = 'cancel')"

/* A shift as the writing functions need it. */
struct duty_row {
	long long id;
	dd_time start, end;
	long long operator_id;   /* effective */
	long long leader_id;
	int cancelled;
};

/* A person on the roster, `role` naming them in the message when not. */
int duty_person(struct store *st, const char *name, const char *role, struct actor *out,
		struct dd_err *err);

/* Refuse (DD_EINVAL) when `person_id` is effectively on duty in a shift,
 * other than `except_a` and `except_b`, overlapping [start, end). */
int duty_check_free(struct store *st, long long person_id, dd_time start, dd_time end,
		    long long except_a, long long except_b, struct dd_err *err);

/* Insert a shift and its 'duty-planned' event inside the caller's
 * transaction; `via` ("import") goes into the event, may be NULL. */
int duty_insert(struct store *st, const struct actor *by, dd_time start, dd_time end,
		const struct actor *op, const struct actor *leader, const char *note,
		const char *via, long long *id, struct dd_err *err);

/* "2021-12-16 08:00–16:00" (the end's date only when another day). */
void duty_span_text(dd_time start, dd_time end, char *buf, size_t n);

#endif
