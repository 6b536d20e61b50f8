/* mode.h — the town's mode: normal (常态化防控) or task force (疫情处置专班).
 *
 * The rules are a pure function, mode_transition(), of the state, the event
 * and its guards, giving the next state, the effects to apply and, when
 * refused, why.  This module reads the mode (now, or at any time) and records
 * a change of it; applying the other effects of a step is the desk's outbreak
 * rule (desk/outbreak.h), which knows the log and the escalations.
 *
 * A drill (演练) runs the same machine on a state of its own: drill entries
 * never touch the real mode. */
#ifndef DUTYDESK_MODE_H
#define DUTYDESK_MODE_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

enum mode_state {
	MODE_NORMAL,
	MODE_TASKFORCE,
	MODE_STATE_COUNT,
};

enum mode_event {
	MODE_EV_POSITIVE,    /* a local preliminary positive case is recorded */
	MODE_EV_STAND_DOWN,  /* a supervisor stands the task force down */
	MODE_EVENT_COUNT,
};

enum mode_effect {
	MODE_FX_TRANSITION = 1 << 0, /* record the change of mode */
	MODE_FX_ESCALATE   = 1 << 1, /* open the escalation checklist */
	MODE_FX_TRACE      = 1 << 2, /* open the trace investigation (溯源调查) */
	MODE_FX_DUTY24     = 1 << 3, /* a 24-hour duty schedule is now required */
	MODE_FX_ZONES      = 1 << 4, /* villages may be classified into zones */
};

/* The effects that last as long as the state does: what holds while the town
 * is in `s` (MODE_FX_DUTY24, MODE_FX_ZONES in the task force).  Pure. */
unsigned mode_in_force(enum mode_state s);

enum mode_refusal {
	MODE_OK,
	MODE_REFUSE_NOT_SUPERVISOR,
	MODE_REFUSE_NO_REASON,
	MODE_REFUSE_OPEN_ESCALATIONS,
	MODE_REFUSE_NOT_IN_TASKFORCE,
};

struct mode_guards {
	enum access access;      /* of the person acting */
	int has_reason;          /* a reason was stated */
	long long unacknowledged; /* escalations of the outbreak not yet done */
};

struct mode_step {
	enum mode_state next;
	unsigned effects;        /* enum mode_effect bits */
	enum mode_refusal refusal;
};

/* The rules, pure: no store, no clock. */
struct mode_step mode_transition(enum mode_state state, enum mode_event event,
				 const struct mode_guards *guards);

const char *mode_name(enum mode_state s);          /* "normal", "taskforce" */
const char *mode_label(enum mode_state s);         /* translated, for screens */
const char *mode_refusal_text(enum mode_refusal r); /* translated */

struct mode_status {
	enum mode_state state;
	int drill;
	dd_time since;           /* 0: never changed (normal since the start) */
	long long event_id;      /* the 'mode' event that set it */
	long long trigger;       /* the entry that triggered it */
	long long outbreak;      /* task force: the first positive case's entry */
	char by[PERSON_NAME_MAX * 4];
	char reason[512];
};

/* The mode now. */
int mode_current(struct store *st, int drill, struct mode_status *out, struct dd_err *err);

/* The mode the town (or the drill) was in at time `t`: set by the latest
 * change recorded at or before t. */
int mode_at(struct store *st, int drill, dd_time t, struct mode_status *out,
	    struct dd_err *err);

/* A change of mode as it is recorded: an event on the chain, and on the
 * timeline of the outbreak's first positive case. */
struct mode_change {
	int drill;
	enum mode_state from, to;
	const char *reason;
	long long trigger;       /* the entry that set it off (0: a stand-down) */
	long long outbreak;      /* the outbreak's first positive case */
};

/* Record `c` now, by `by`, inside the caller's write transaction. */
int mode_record(struct store *st, const struct actor *by, const struct mode_change *c,
		struct dd_err *err);

#endif
