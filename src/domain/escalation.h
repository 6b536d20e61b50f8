/* escalation.h — reporting up (上报): contacts, rules and the notifications
 * they open, each with a due time; overdue ones stand out everywhere.
 *
 * Stages: initial (初报), numbered continuations (续报一、二…) and final (终报).
 * Done-ness is an event on the chain (who, when, who answered, a note). */
#ifndef DUTYDESK_ESCALATION_H
#define DUTYDESK_ESCALATION_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

struct esc_contact {
	long long id;
	char *name;
	char *org;
	char *level;      /* province, city, county, town, unit */
	char *role;       /* 联络员, 分管领导, ... or "" */
	char *numbers;    /* "; "-separated; "" when none is known */
	char *people;     /* for a group's leaders: who they are now */
	char *note;
};

struct esc_notification {
	long long id;
	long long entry_id;
	char *summary;         /* the entry's */
	char *kind;            /* the entry's kind name */
	char *contact;
	char *level;
	char *numbers;
	char *stage;           /* initial, continuation, final */
	int round;
	char *channel;         /* phone, written, any */
	int required;
	dd_time opened_at, due_at;
	dd_time done_at;       /* 0: not done */
	char *done_by, *answered_by, *note;
	int drill;
	int attempts;          /* attempts on the chain, the answered one included */
	char *last_outcome;    /* of the last attempt: answered, no-answer, busy,
				* wrong-number; "" when none was made */
};

void esc_contacts_free(struct esc_contact *c, int n);
void esc_notifications_free(struct esc_notification *v, int n);

int escalation_contacts(struct store *st, struct esc_contact **out, int *n, struct dd_err *err);

enum esc_which {
	ESC_ALL,
	ESC_OPEN,      /* not done: overdue first, then by due time */
	ESC_OPEN_LIST, /* the same with what a list of them shows: the entry's summary
			* and kind, the attempts and their outcome left empty (a
			* notification not done has no done_* yet) */
};

/* Notifications, drill or real; `entry_id` 0 for all entries. */
int escalation_list(struct store *st, enum esc_which which, int drill, long long entry_id,
		    struct esc_notification **out, int *n, struct dd_err *err);

/* Mark a notification done: when (now), by whom, who answered, a note. */
int escalation_done(struct store *st, const struct actor *by, long long id,
		    const char *answered_by, const char *note, struct dd_err *err);

/* The outcome of an attempt to reach a contact. */
enum esc_outcome {
	ESC_ANSWERED,       /* a person took the report: the notification is done */
	ESC_NO_ANSWER,
	ESC_BUSY,
	ESC_WRONG_NUMBER,
	ESC_MESSAGE_SENT,   /* a message handed to a gateway (fax, text): nobody reached yet */
};

/* "answered", "no-answer", "busy", "wrong-number", "message-sent"; -1 when
 * `s` is none of them. */
int escalation_outcome_parse(const char *s);
const char *escalation_outcome_name(enum esc_outcome o);

/* Record an attempt on notification `id`: who (by), when (now), the outcome,
 * a note.  ESC_ANSWERED needs `answered_by` and is escalation_done.  Refused
 * on a notification already done.  Its own transaction. */
int escalation_attempt(struct store *st, const struct actor *by, long long id,
		       enum esc_outcome outcome, const char *answered_by, const char *note,
		       struct dd_err *err);

/* Open the notifications of the rules of entry `entry_id`'s kind (initial
 * stage), inside the caller's transaction, as a consequence of `by`'s act
 * (recording the entry: the escalation is as verified as that act).  *opened
 * may be NULL. */
int escalation_open_for_entry(struct store *st, const struct actor *by, long long entry_id,
			      int *opened, struct dd_err *err);

/* Open the next stage for an incident: a continuation (续报, numbered) or the
 * final report (终报), per the rules of its kind.  Its own transaction.
 * A continuation while the latest round still has notifications not done
 * opens nothing (*opened 0): pressed twice, it opens one round.  The final
 * report needs the outcome: use escalation_open_final. */
int escalation_open_stage(struct store *st, const struct actor *by, long long entry_id,
			  const char *stage, int *opened, struct dd_err *err);

/* Open the final report (终报) with the incident's outcome; refused while the
 * initial report (初报) is not done, or when it is open already. */
int escalation_open_final(struct store *st, const struct actor *by, long long entry_id,
			  const char *outcome, int *opened, struct dd_err *err);

/* Open every continuation due at `now` by its rule's cadence (the least
 * minutes of the kind's continuation rules, counted from the case, then from
 * the last round) for the open positive cases from entry `outbreak` (the one
 * that stood the task force up) on, until their final report; inside the
 * caller's transaction; how many rounds in *rounds. */
int escalation_continue_due(struct store *st, int drill, long long outbreak, dd_time now,
			    int *rounds, struct dd_err *err);

/* Of the outbreak that entry `outbreak` started (drill or real): positive
 * cases not closed, and positive cases whose final report (终报) is not
 * open (when the rules ask for one). */
int escalation_outbreak_open(struct store *st, int drill, long long outbreak,
			     long long *positives_open, long long *no_final, struct dd_err *err);

/* Required notifications of the initial report of entry `entry_id` not done,
 * and whether its final report is open. */
int escalation_stage_state(struct store *st, long long entry_id, long long *initial_undone,
			   long long *final_opened, struct dd_err *err);

/* Required notifications not done, opened at or after `since`. */
int escalation_pending(struct store *st, int drill, dd_time since, long long *n,
		       struct dd_err *err);

/* Notifications not done and past due at `now`. */
int escalation_overdue(struct store *st, int drill, dd_time now, long long *n,
		       struct dd_err *err);

/* "初报", "续报二", "终报" — a stage as the duty room says it. */
void escalation_stage_label(const char *stage, int round, char *buf, size_t n);

#endif
