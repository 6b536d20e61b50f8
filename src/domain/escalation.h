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
};

void esc_contacts_free(struct esc_contact *c, int n);
void esc_notifications_free(struct esc_notification *v, int n);

int escalation_contacts(struct store *st, struct esc_contact **out, int *n, struct dd_err *err);

enum esc_which {
	ESC_ALL,
	ESC_OPEN,      /* not done: overdue first, then by due time */
};

/* Notifications, drill or real; `entry_id` 0 for all entries. */
int escalation_list(struct store *st, enum esc_which which, int drill, long long entry_id,
		    struct esc_notification **out, int *n, struct dd_err *err);

/* Mark a notification done: when (now), by whom, who answered, a note. */
int escalation_done(struct store *st, const struct actor *by, long long id,
		    const char *answered_by, const char *note, struct dd_err *err);

/* Open the notifications of the rules of entry `entry_id`'s kind (initial
 * stage), inside the caller's transaction.  *opened may be NULL. */
int escalation_open_for_entry(struct store *st, long long entry_id, int *opened,
			      struct dd_err *err);

/* Open the next stage for an incident: a continuation (续报, numbered) or the
 * final report (终报), per the rules of its kind.  Its own transaction. */
int escalation_open_stage(struct store *st, const struct actor *by, long long entry_id,
			  const char *stage, int *opened, struct dd_err *err);

/* Required notifications not done, opened at or after `since`. */
int escalation_pending(struct store *st, int drill, dd_time since, long long *n,
		       struct dd_err *err);

/* Notifications not done and past due at `now`. */
int escalation_overdue(struct store *st, int drill, dd_time now, long long *n,
		       struct dd_err *err);

/* "初报", "续报二", "终报" — a stage as the duty room says it. */
void escalation_stage_label(const char *stage, int round, char *buf, size_t n);

#endif
