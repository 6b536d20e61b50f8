/* escalation_chase.h — the chase (催报) of an overdue notification: the
 * records (table chase, steps in chase_step) and what reads them.
 *
 * A notification past due and not done is chased: step 1 goes to the leader
 * on duty (带班领导), further steps (chase_step: after how long, to whom) to
 * the leadership group's leader (组长) while the one before goes unanswered.
 * One chase per notification and step, whoever opens it and however often;
 * a chase stands while the notification it chases is not done.  Whom to
 * chase and what to send is the desk's (desk/chase.h): here chases are
 * recorded and read. */
#ifndef DUTYDESK_ESCALATION_CHASE_H
#define DUTYDESK_ESCALATION_CHASE_H

#include "base/ddtime.h"
#include "base/err.h"
#include "store/store.h"

/* A chase looks back this far: notifications due longer ago than this, with
 * no chase yet, are left to the overdue list (a desk upgraded with old undone
 * notifications does not message the leaders about last year's). */
#define ESC_CHASE_LOOKBACK (24 * 3600)

/* A step of a chase due now, for a notification. */
struct esc_chase_due {
	long long notification_id;
	long long entry_id;
	int step;
	char *target;         /* duty-leader, group-leader */
	/* what the message says */
	char *entry_kind;     /* the entry's kind name: positive, … */
	char *contact;        /* whom the notification was to */
	char *stage;
	int round;
	dd_time due_at;       /* the notification's */
};

void esc_chase_due_free(struct esc_chase_due *v, int n);

/* The steps due at `now`: for each notification not done, past due within
 * ESC_CHASE_LOOKBACK, the next step of chase_step whose time has come. */
int esc_chase_due_list(struct store *st, int drill, dd_time now, struct esc_chase_due **out,
		       int *n, struct dd_err *err);

/* Record step `step` of the chase of notification `notification_id`, to
 * `recipient` (person `person_id`, 0: nobody found) at `number` ("" when none
 * is on file), due at `due_at`, with a 'chased' event on the entry's
 * timeline.  Inside the caller's transaction.  *opened is 0 when the step was
 * open already (it is not opened twice). */
int esc_chase_open(struct store *st, const struct esc_chase_due *d, long long person_id,
		   const char *recipient, const char *number, dd_time due_at, int drill,
		   int *opened, struct dd_err *err);

struct esc_chase {
	long long id;
	long long notification_id;
	long long entry_id;
	int step;
	char *recipient;
	char *number;
	dd_time opened_at, due_at;
	int done;             /* the notification it chases is done: the chase ended */
};

void esc_chases_free(struct esc_chase *v, int n);

/* Chases, oldest first; only those standing (their notification not done)
 * when `open_only`. */
int esc_chase_list(struct store *st, int open_only, int drill, struct esc_chase **out, int *n,
		   struct dd_err *err);

/* How many chases stand (their notification not done). */
int esc_chase_standing(struct store *st, int drill, long long *n, struct dd_err *err);

/* The person who leads the leadership group (领导小组's first 组长) now:
 * *person_id 0 when nobody does; *name malloc'd. */
int esc_chase_group_leader(struct store *st, long long *person_id, char **name,
			   struct dd_err *err);

/* The first mobile number on file for `person_id`, which a text message can
 * reach (a landline cannot): "" when there is none; malloc'd. */
int esc_chase_phone(struct store *st, long long person_id, char **number, struct dd_err *err);

#endif
