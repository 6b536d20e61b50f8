/* duty.h — the duty schedule (值班表): shifts, who is on duty now, the leader
 * on duty (带班领导), swaps and substitutions (换班, 替班) with who asked and
 * who approved, and the gaps a round-the-clock schedule must not have.
 *
 * A shift's planned operator never changes in place: a substitution or swap
 * is a change record, and the effective operator is the latest change's.
 * In task-force mode the next 24 hours must be covered (区域协查 works round
 * the clock: duty_required()); duty_gaps() says where they are not. */
#ifndef DUTYDESK_DUTY_H
#define DUTYDESK_DUTY_H

#include <stdio.h>

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

struct duty_shift {
	long long id;
	dd_time start, end;            /* [start, end) */
	long long operator_id;         /* effective now */
	char *operator_name;
	char *planned_name;            /* as first planned (== operator_name if unchanged) */
	long long leader_id;           /* 0: none named */
	char *leader_name;             /* "" when none */
	int changes;                   /* substitutions and swaps applied */
	int cancelled;
	char *note;
};

struct duty_change {
	long long id, shift_id;
	char *kind;                    /* substitute, swap, cancel */
	char *from_name, *to_name;
	char *asked_by, *approved_by, *reason;
	dd_time at;
	char *by;                      /* who recorded it */
};

struct duty_gap {
	dd_time from, to;
};

void duty_shift_clear(struct duty_shift *s);
void duty_shifts_free(struct duty_shift *v, int n);
void duty_changes_free(struct duty_change *v, int n);

/* The steps of planning a shift, checked as each is answered (duty_add
 * checks them all again): a span that ends after it starts and is not
 * longer than the most; an operator on the roster and not already on duty
 * in [start, end). */
int duty_check_span(dd_time start, dd_time end, struct dd_err *err);
int duty_check_operator(struct store *st, const char *name, dd_time start, dd_time end,
			struct dd_err *err);
/* A note, or the reason of a change of the schedule (`required`). */
int duty_check_text(const char *what, const char *text, int required, struct dd_err *err);

/* Plan a shift.  Overlapping shifts are allowed (two operators at once);
 * `leader` may be NULL.  Needs a supervisor.  *id may be NULL. */
int duty_add(struct store *st, const struct actor *by, dd_time start, dd_time end,
	     const char *operator_name, const char *leader, const char *note, long long *id,
	     struct dd_err *err);

/* 替班: `substitute` works shift `shift_id` instead.  `asked_by` is a person
 * on the roster; `approver` a supervisor who proved their own PIN
 * (auth_check): four eyes, each with their own PIN. */
int duty_substitute(struct store *st, const struct actor *by, long long shift_id,
		    const char *substitute, const char *asked_by, const struct actor *approver,
		    const char *reason, struct dd_err *err);

/* 换班: the operators of two shifts trade places; approved as above. */
int duty_swap(struct store *st, const struct actor *by, long long shift_a, long long shift_b,
	      const char *asked_by, const struct actor *approver, const char *reason,
	      struct dd_err *err);

/* Cancel a planned shift (kept in the history). */
int duty_cancel(struct store *st, const struct actor *by, long long shift_id,
		const char *reason, struct dd_err *err);

/* Shifts overlapping [from, to), by start; cancelled ones only if asked. */
int duty_list(struct store *st, dd_time from, dd_time to, int with_cancelled,
	      struct duty_shift **out, int *n, struct dd_err *err);

/* The shift covering `t` (the latest-starting one if several); out->id is 0
 * when nobody is on duty. */
int duty_on_at(struct store *st, dd_time t, struct duty_shift *out, struct dd_err *err);

/* Stretches of [from, to) that no shift covers. */
int duty_gaps(struct store *st, dd_time from, dd_time to, struct duty_gap **out, int *n,
	      struct dd_err *err);

/* What the schedule must cover, asked at `t`: while the town is in the task
 * force at t (mode_at; its MODE_FX_DUTY24), every hour of the next
 * DUTY_ROUND_CLOCK_HOURS from t, [from, to); otherwise nothing (round_clock
 * 0, from == to == t). */
#define DUTY_ROUND_CLOCK_HOURS 24
struct duty_cover {
	int round_clock;
	dd_time from, to;
};
int duty_required(struct store *st, dd_time t, struct duty_cover *out, struct dd_err *err);

/* The change history of a shift (or of all shifts when shift_id is 0). */
int duty_changes(struct store *st, long long shift_id, struct duty_change **out, int *n,
		 struct dd_err *err);

#endif
