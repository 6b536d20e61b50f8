/* task.h — assigned tasks (交办事项) and their follow-through (跟踪问效).
 *
 * Every group's last duty is "完成领导交办的其他任务", and the supervision group
 * (督导检查组) follows up what is not finished (对领导小组交办的未办结事项,实行跟踪
 * 问效).  A task has who assigned it, the responsible group, a deadline, a
 * summary and where it came from (a meeting's decision or a log entry).
 *
 * Tasks are never changed in place: a progress note and the closure are
 * events on the chain ('task-noted', 'task-closed'), with who and when; the
 * store refuses a second closure.  A task that comes from a log entry has
 * its events on that entry's timeline too.  Overdue (past its deadline and
 * not closed) tasks come first everywhere. */
#ifndef DUTYDESK_TASK_H
#define DUTYDESK_TASK_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

/* The group whose duty is to follow up unfinished tasks (notice, 一(六)4):
 * its view is every group's tasks, overdue first. */
#define TASK_SUPERVISION_GROUP "督导检查组"

#define TASK_TEXT_MAX 4000

enum task_state {
	TASK_OVERDUE,  /* open and past its deadline */
	TASK_OPEN,
	TASK_CLOSED,
};

struct task {
	long long id;
	char *summary;
	char *group;           /* the responsible group */
	dd_time due_at;
	char *assigned_by;     /* who assigned it (交办) */
	dd_time recorded_at;
	char *recorded_by;     /* who recorded it at the desk */
	long long meeting_id;  /* origin: a meeting's decision (0: none) ... */
	int decision;          /* ... its number in the meeting */
	long long entry_id;    /* origin: a log entry (0: none) */
	int notes;             /* progress notes so far */
	char *last_note;       /* the latest, "" when none */
	dd_time closed_at;     /* 0: open */
	char *closed_by;       /* "" when open */
	char *resolution;      /* "" when open */
};

void task_clear(struct task *t);
void tasks_free(struct task *v, int n);

struct task_new {
	const char *group;        /* the responsible group, by name */
	dd_time due_at;
	const char *summary;      /* NULL with a decision: the decision's text */
	const char *assigned_by;  /* a person on the roster; NULL: whoever records it */
	long long meeting_id;     /* from this meeting's decision number `decision` */
	int decision;
	long long entry_id;       /* from this log entry (not with a decision) */
};

/* Record an assigned task with its 'task-assigned' event, in one
 * transaction (or as part of the caller's).  The same decision given to the
 * same group twice is refused; so is an entry of a drill.  *id may be NULL. */
int task_add(struct store *st, const struct actor *by, const struct task_new *n, long long *id,
	     struct dd_err *err);

/* A progress note on an open task. */
int task_note(struct store *st, const struct actor *by, long long id, const char *text,
	      struct dd_err *err);

/* Close a task with its resolution (办结).  Closed once. */
int task_close(struct store *st, const struct actor *by, long long id, const char *resolution,
	       struct dd_err *err);

int task_get(struct store *st, long long id, struct task *out, struct dd_err *err);

enum task_which {
	TASK_LIST_OPEN,     /* not closed (default) */
	TASK_LIST_OVERDUE,  /* open and past the deadline */
	TASK_LIST_ALL,      /* closed ones too */
};

struct task_filter {
	enum task_which which;
	long long group_id;   /* 0: every group */
	dd_time now;          /* 0: now */
};

/* Resolve the view for `group`: the supervision group sees every group's
 * tasks; any other group sees its own (f->group_id). */
int task_filter_for(struct store *st, struct task_filter *f, const char *group,
		    struct dd_err *err);

/* Tasks in task_sort order.  Free with tasks_free. */
int task_list(struct store *st, const struct task_filter *f, struct task **out, int *n,
	      struct dd_err *err);

/* The tasks overdue at `as_of`: recorded by then, past their deadline and
 * not closed by then, most overdue first.  For the daily report and the
 * handover sheet. */
int task_overdue(struct store *st, dd_time as_of, struct task **out, int *n,
		 struct dd_err *err);

/* How many tasks are overdue at `now` (the status line). */
int task_overdue_count(struct store *st, dd_time now, long long *n, struct dd_err *err);

/* One step of a task's history. */
struct task_event {
	long long id;          /* the event on the chain */
	dd_time at;
	char *type;            /* task-assigned, task-noted, task-closed */
	char *actor;
	char *text;
};

void task_events_free(struct task_event *v, int n);

/* A task's history, oldest first. */
int task_history(struct store *st, long long id, struct task_event **out, int *n,
		 struct dd_err *err);

/* Pure: no store, no clock. */

/* Where a task stands at `now`. */
enum task_state task_state_at(const struct task *t, dd_time now);

/* Overdue first (most overdue first), then open by deadline, then closed,
 * most recently closed first; ties by id. */
int task_cmp_at(const struct task *a, const struct task *b, dd_time now);
void task_sort(struct task *v, int n, dd_time now);

/* A deadline that has not passed at `now` (0: the clock): the step of
 * assigning a task that task_add checks too. */
int task_check_due(dd_time due, dd_time now, struct dd_err *err);

/* A deadline as typed: a time (ISO 8601) or a date alone, which means the
 * end of that day (23:59:59), as the office means "限12月17日". */
int task_parse_due(const char *s, dd_time *out, struct dd_err *err);

/* "逾期 1 d 2 h", "剩 3 h 05 min", "已办结": for a sheet or the report. */
void task_status_text(const struct task *t, dd_time now, char *buf, size_t n);

#endif
