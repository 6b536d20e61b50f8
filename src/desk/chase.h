/* chase.h — the desk's periodic duty: chase what is overdue, open the
 * continuations (续报) the cadence asks for (SPEC §5).
 *
 * chase_run is called by every front end periodically (the UI's tick,
 * `dutydesk notify`) and after each act on escalations.  In one transaction
 * it opens each chase step due (domain/escalation_chase.h: to the leader on
 * duty, 带班领导, else the leadership group's 组长; the further steps of
 * chase_step), and queues a text message (outbox kind "sms") to the person
 * chased where a phone is on file; and, while the task force stands, the
 * continuation rounds due.  Whoever runs it, however often, each step and
 * each round is opened once.  Drills are not chased: no drill reaches a
 * phone. */
#ifndef DUTYDESK_CHASE_H
#define DUTYDESK_CHASE_H

#include "base/ddtime.h"
#include "base/err.h"
#include "store/store.h"

/* The town named in messages sent to phones. */
#define CHASE_TOWN "马剑镇"

struct chase_counts {
	int chased;          /* chase steps opened by this run */
	int queued;          /* messages queued for them */
	int no_number;       /* chased people with no phone on file (no message) */
	int continuations;   /* continuation rounds opened */
};

/* Run the chase and the cadence at `now`, one transaction. */
int chase_run(struct store *st, dd_time now, struct chase_counts *counts, struct dd_err *err);

/* What a front end shows of it: the status line's "2 overdue, 2 chased,
 * 3 messages not sent (no notify command)". */
struct chase_status {
	long long overdue;         /* notifications past due, not done (escalation_overdue) */
	long long chases;          /* chases standing (their notification not done) */
	long long unsent;          /* messages not sent yet (outbox_pending) */
	int sender_configured;     /* a notify command is set: else they stay queued */
};

/* The real desk's at `now`; reads only. */
int chase_status(struct store *st, dd_time now, struct chase_status *out, struct dd_err *err);

/* The message sent to a chased leader's phone, in the office's Chinese:
 * "【马剑镇值班台】催报：条目#12 本土初筛阳性 初报 向诸暨市值班组 限12-16 09:15
 * 已逾期，请督促。" */
void chase_message(long long entry_id, const char *entry_kind, const char *stage, int round,
		   const char *contact, dd_time due_at, char *buf, size_t n);

#endif
