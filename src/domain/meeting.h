/* meeting.h — meetings (联席会议, 情况通报会) and their numbered decisions.
 *
 * "根据需要不定期召开协调联席会议和联防联控情况通报会议" (notice, 三(二)): a
 * meeting has a time, a kind, a title, attendees who are people on the
 * roster (an unknown name is refused) and decisions numbered from 1.  A
 * decision becomes an assigned task in one action (task_add with
 * meeting_id and decision).  Meetings and decisions are append-only and
 * each is an event on the chain. */
#ifndef DUTYDESK_MEETING_H
#define DUTYDESK_MEETING_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

enum meeting_kind {
	MEETING_JOINT,     /* 联席会议 (协调联席会议) */
	MEETING_BRIEFING,  /* 情况通报会 (联防联控情况通报会议) */
	MEETING_KIND_COUNT,
};

#define MEETING_TITLE_MAX 500
#define MEETING_DECISION_MAX 4000
#define MEETING_PEOPLE_MAX 100

const char *meeting_kind_name(enum meeting_kind k);  /* "joint": scripts and CSV */
const char *meeting_kind_word(enum meeting_kind k);  /* "联席会议": the office's word */
/* Accepts the names and the office's words (联席会议, 情况通报会). */
int meeting_kind_parse(const char *s, enum meeting_kind *out, struct dd_err *err);

struct meeting_decision {
	int seq;
	char *text;
	dd_time recorded_at;
	char *recorded_by;
	char *tasks;          /* the tasks made of it: "#3 交通管理组; #4 …", "" */
};

struct meeting {
	long long id;
	enum meeting_kind kind;
	dd_time held_at;
	char *title;
	char *attendees;      /* "何欣威、周凯琳" */
	int nattendees;
	dd_time recorded_at;
	char *recorded_by;
	int ndecisions;
	struct meeting_decision *decisions;  /* meeting_get only */
};

void meeting_clear(struct meeting *m);
void meetings_free(struct meeting *v, int n);

/* Record a meeting.  `attendees` is a list of names as people type it
 * ("何欣威,周凯琳", "何欣威、周凯琳", "何欣威，周凯琳").  *id may be NULL. */
int meeting_add(struct store *st, const struct actor *by, enum meeting_kind kind,
		dd_time held_at, const char *title, const char *attendees, long long *id,
		struct dd_err *err);

/* Add the meeting's next decision; *seq gets its number (may be NULL). */
int meeting_add_decision(struct store *st, const struct actor *by, long long meeting_id,
			 const char *text, int *seq, struct dd_err *err);

/* A meeting with its decisions and the tasks made of them. */
int meeting_get(struct store *st, long long id, struct meeting *out, struct dd_err *err);

/* Every meeting, newest first, without their decisions' texts. */
int meeting_list(struct store *st, struct meeting **out, int *n, struct dd_err *err);

/* Decision `seq` of meeting `meeting_id`: its row id and text (malloc'd;
 * `text` may be NULL).  For task_add. */
int meeting_decision_find(struct store *st, long long meeting_id, int seq, long long *id,
			  char **text, struct dd_err *err);

/* Split a list of names as people type it (separated by commas, full-width
 * commas, 、 or semicolons) and find each on the roster; an unknown name or the
 * same name twice is refused, naming it.  Also a checkpoint's staff.  Free
 * *out with free(); `what` names the list in messages ("the attendees"). */
int meeting_people(struct store *st, const char *list, const char *what, struct actor **out,
		   int *n, struct dd_err *err);

#endif
