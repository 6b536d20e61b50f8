/* outbreak.h — the outbreak rule: the one place that reacts to what is
 * recorded (SPEC §4, §5).
 *
 * The log records, the mode reads and records the town's mode, escalation
 * opens notifications; none of them calls another to learn what an act sets
 * off.  Here an entry is recorded and, in the same transaction, every
 * consequence the mode machine (mode_transition) gives for it is applied: for
 * a local positive case the change of mode, the escalations, the trace
 * investigation (溯源调查) and what the task force holds while it stands
 * (the 24-hour duty cover, zones: mode_in_force, asked through
 * duty_required and zone_set); for the other kinds their escalation rules.
 * The stand-down goes through here too, for its guard on unacknowledged
 * escalations. */
#ifndef DUTYDESK_OUTBREAK_H
#define DUTYDESK_OUTBREAK_H

#include "base/err.h"
#include "domain/log.h"
#include "domain/mode.h"
#include "domain/person.h"
#include "store/store.h"

/* Record entry `n` (as log_add checks it) with everything it sets off, in
 * one transaction.  `out` (may be NULL) says what that was: the change of
 * mode and the notifications opened come from the step of the rule. */
int outbreak_log_add(struct store *st, const struct actor *by, const struct log_new *n,
		     struct log_added *out, struct dd_err *err);

/* What is still open of an outbreak when it is stood down: each kind must
 * be confirmed by the supervisor before the task force stands down. */
enum outbreak_open_kind {
	OUTBREAK_POSITIVES = 1,     /* positive cases not closed */
	OUTBREAK_ZONES = 2,         /* zones in force */
	OUTBREAK_CHECKPOINTS = 4,   /* checkpoints up */
	OUTBREAK_FINAL = 8,         /* positive cases with no final report (终报) */
	OUTBREAK_ALL = 15,
};

struct outbreak_open {
	long long positives, zones, checkpoints, no_final;
};

/* "positives", "zones", "checkpoints", "final"; parse a comma-separated list
 * of them into a mask (-1 with the reason when a word is none of them). */
const char *outbreak_open_name(enum outbreak_open_kind k);
int outbreak_open_parse(const char *list, unsigned *mask, struct dd_err *err);

/* What of the task force (or the drill's) is still open now. */
int outbreak_still_open(struct store *st, int drill, struct outbreak_open *open,
			struct dd_err *err);

/* The reason given for standing down, checked as it is typed: present,
 * one line of text a person may type, not too long. */
#define OUTBREAK_REASON_MAX 2000
int outbreak_check_reason(const char *reason, struct dd_err *err);

/* Stand the task force (or the drill's) down: a supervisor's act with a
 * reason, refused while escalations of the outbreak are unacknowledged, and
 * while anything of it is still open (outbreak_still_open) that the
 * supervisor has not confirmed in `confirmed` (a mask of enum
 * outbreak_open_kind): the refusal names each kind and how many.  Its own
 * transaction.  On a refusal *why (may be NULL) says which guard of the mode
 * refused (MODE_OK when it was what is still open), for the front end's own
 * hint; *open (may be NULL) what is still open. */
int outbreak_stand_down_confirmed(struct store *st, const struct actor *by, const char *reason,
				  int drill, unsigned confirmed, struct outbreak_open *open,
				  enum mode_refusal *why, struct dd_err *err);

/* The same with nothing confirmed. */
int outbreak_stand_down(struct store *st, const struct actor *by, const char *reason,
			int drill, enum mode_refusal *why, struct dd_err *err);

#endif
