/* log.h — the incident log (值班记录): entries, follow-ups, amendments,
 * closures, notes, and each incident's timeline.
 *
 * The log is append-only (the store's triggers enforce it): an amendment
 * keeps the original, a closure is an event.  An incident is an entry
 * without a parent; its follow-ups point at it, and its status (open or
 * closed) is theirs.  Ids grow in recording order. */
#ifndef DUTYDESK_LOG_H
#define DUTYDESK_LOG_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

enum log_kind {
	LOG_CALL,        /* 来电 */
	LOG_DOCUMENT,    /* 来文 */
	LOG_REPORT,      /* 上报 */
	LOG_INSTRUCTION, /* 下达 */
	LOG_POSITIVE,    /* 本土初筛阳性 */
	LOG_KEY_PERSON,  /* 重点人员 */
	LOG_INSPECTION,  /* 督查 */
	LOG_SUPPLIES,    /* 物资 */
	LOG_OTHER,       /* 其他 */
	LOG_KIND_COUNT,
};

const char *log_kind_name(enum log_kind k);   /* "call": scripts and CSV */
const char *log_kind_label(enum log_kind k);  /* "来电": translated label */
const char *log_kind_chinese(enum log_kind k); /* "本土初筛阳性": the office's word */
/* Accepts the names ("call") and the Chinese labels ("来电"). */
int log_kind_parse(const char *s, enum log_kind *out, struct dd_err *err);

/* Key-person categories of SPEC §3 (重点人员). */
extern const char *const log_key_person_kinds[];  /* NULL-terminated */

/* The subkinds of a kind (NULL-terminated), or NULL when it has none: only
 * key-person entries have them. */
const char *const *log_subkinds(enum log_kind k);

/* Whether `subkind` (NULL or blank: none) is one of kind's; *canon (may be
 * NULL) is then the listed name, or NULL for none.  Refused in one line
 * that lists the kind's subkinds. */
int log_check_subkind(enum log_kind k, const char *subkind, const char **canon,
		      struct dd_err *err);

/* A call-back number as typed ("0575 8701-2345", "139 0575 1234",
 * "+86 139…", "12345", full-width digits too) into the form it is kept in
 * (`out`, LOG_CALLBACK_MAX bytes: "0575-87012345", "13905751234", "+86
 * 13905751234", "12345"): digits with an optional leading +, spaces and
 * hyphens between them; 3 to 20 digits; a mobile 11 starting 13 to 19, a
 * landline 7 or 8 after its area code (010, 02x, 0xxx), a service number
 * 3 to 5 (110, 120, 12345), a local number 7 or 8.  A blank number is
 * none (`out` ""); anything else is refused in one line that says why. */
#define LOG_CALLBACK_DIGITS_MAX 20
#define LOG_CALLBACK_MAX 40
int log_callback_normalize(const char *typed, char *out, size_t n, struct dd_err *err);

#define LOG_SUMMARY_MAX 8000

struct log_new {
	enum log_kind kind;
	const char *subkind;      /* key person: 密接, 次密接, ... */
	dd_time occurred_at;      /* 0: now */
	const char *source;       /* calling unit, sender, counterpart */
	const char *caller;       /* call form: who called */
	const char *callback;     /* call form: call-back number */
	int readback;             /* call form: read back to the caller */
	const char *summary;
	const char *group;        /* responsible group by name (or NULL) */
	long long group_id;       /* ... or by id (0: none) */
	long long parent_id;      /* a follow-up of this incident (0: none) */
	int significant;          /* 重要 */
	int drill;                /* 演练: never touches the real mode or figures */
};

struct log_added {
	long long id;
	long long incident;       /* the incident it belongs to (itself if none) */
	/* What recording it set off (desk/outbreak.h; 0 from log_add): */
	int mode_changed;         /* this entry switched the town into the task force */
	int notifications;        /* escalation notifications opened */
};

/* Record an entry, checked, in one transaction, and nothing else: what an
 * entry sets off (a positive case's mode change, escalations, the trace
 * investigation) is the desk's outbreak rule, and the front ends record
 * through it (outbreak_log_add). */
int log_add(struct store *st, const struct actor *by, const struct log_new *n,
	    struct log_added *out, struct dd_err *err);

/* A text of an entry as it is typed, the step of a form (a summary, a
 * reason, a resolution, a note): what every act of the log checks. */
int log_check_text(const char *what, const char *s, int required, struct dd_err *err);

/* Correct an entry's summary; the original stays. */
int log_amend(struct store *st, const struct actor *by, long long id, const char *summary,
	      const char *reason, struct dd_err *err);

/* Close an incident.  Closing another operator's incident needs a supervisor. */
int log_close(struct store *st, const struct actor *by, long long id, const char *resolution,
	      struct dd_err *err);

/* Notes on an entry: a plain note, or the call form's handling steps. */
enum log_note_type {
	LOG_NOTE,        /* 备注 */
	LOG_PROPOSAL,    /* 拟办意见 */
	LOG_INSTRUCTED,  /* 领导批示 */
	LOG_RESULT,      /* 办理结果 */
};
int log_note(struct store *st, const struct actor *by, long long id, enum log_note_type type,
	     const char *text, struct dd_err *err);
int log_note_type_parse(const char *s, enum log_note_type *out);

/* Make another group responsible for an incident. */
int log_assign(struct store *st, const struct actor *by, long long id, const char *group,
	       struct dd_err *err);

/* An entry as it stands now. */
struct log_entry {
	long long id;
	long long parent_id;      /* 0 for an incident */
	long long incident;       /* parent_id, or id */
	dd_time occurred_at, recorded_at;
	enum log_kind kind;
	char *subkind, *source, *caller, *callback;
	char *summary;            /* as amended */
	char *original;           /* as first written when amended, else "" */
	char *group;              /* responsible group now ("" when none) */
	char *operator_name;
	int readback, significant, drill;
	int amended;
	int closed;               /* the incident is closed */
	dd_time closed_at;
	int followups;            /* incidents: number of follow-ups */
	int unverified;           /* written without a proven PIN (未核验) */
};

void log_entry_clear(struct log_entry *e);
void log_entries_free(struct log_entry *rows, int n);

int log_get(struct store *st, long long id, struct log_entry *out, struct dd_err *err);

enum log_status { LOG_ANY, LOG_OPEN, LOG_CLOSED };

struct log_filter {
	dd_time since, until;     /* occurred in [since, until); 0: open-ended */
	int kind;                 /* enum log_kind, or -1 for any */
	long long group_id;       /* 0: any */
	long long operator_id;    /* 0: any */
	enum log_status status;
	const char *search;       /* substrings (Chinese included), or NULL */
	int drill;                /* -1: both; 0: real entries; 1: drill only */
	int significant_only;
	int incidents_only;       /* no follow-ups */
};

void log_filter_init(struct log_filter *f); /* any, real entries */

/* Resolve a filter's group and operator by name. */
int log_filter_group(struct store *st, struct log_filter *f, const char *group,
		     struct dd_err *err);
int log_filter_operator(struct store *st, struct log_filter *f, const char *name,
			struct dd_err *err);

enum log_dir {
	LOG_OLDER,  /* ids below `from` (0: from the newest), newest first */
	LOG_NEWER,  /* ids above `from` (0: from the oldest), newest first */
};

/* One page of the log, keyset-paged on id: never reads past what it shows,
 * so the end of a million-entry log comes as quickly as the top.  Rows come
 * newest first in both directions.  Free with log_entries_free. */
int log_page(struct store *st, const struct log_filter *f, enum log_dir dir, long long from,
	     int limit, struct log_entry **rows, int *n, struct dd_err *err);

/* Every matching entry, oldest first (exports and reports). */
int log_each(struct store *st, const struct log_filter *f,
	     int (*fn)(const struct log_entry *e, void *ctx), void *ctx, struct dd_err *err);

/* Count matching entries (use a time range on large logs). */
int log_count(struct store *st, const struct log_filter *f, long long *n, struct dd_err *err);

/* What was done with an entry, as the call form has it and beyond the row
 * itself: its notes of each type, oldest first, several separated by a line
 * feed ("" when none); who recorded the latest handling step (proposal,
 * instruction or result) and when; each amendment's reason and author, a
 * line each; and its incident's closure (its resolution and who closed it). */
struct log_handling {
	char *notes;              /* 备注 */
	char *proposal;           /* 拟办意见 */
	char *instruction;        /* 领导批示 */
	char *result;             /* 办理结果 */
	char *handled_by;         /* "" when no step */
	dd_time handled_at;       /* 0 when no step */
	char *amend_reasons;
	char *amended_by;
	char *resolution;         /* "" while open */
	char *closed_by;
};

/* The handling of entry `e` (read with log_get, log_page or log_each). */
int log_handling_get(struct store *st, const struct log_entry *e, struct log_handling *out,
		     struct dd_err *err);
void log_handling_clear(struct log_handling *h);

/* One event of a timeline. */
struct log_event {
	long long id;
	dd_time at;
	long long entry_id;       /* 0: not about an entry */
	char *type;               /* created, amended, closed, noted, mode, ... */
	char *actor;              /* who ("" for the system) */
	char *text;               /* what, for a person: the summary, the new
				   * text, the resolution, the note ... */
	char *detail;             /* more: the reason, the original, ... */
	char *reason;             /* an amendment's or mode change's reason ("" else) */
	char *previous;           /* an amendment: the summary it replaced ("" else) */
	int drill;
	int unverified;           /* by a person who did not prove their PIN */
};

void log_event_clear(struct log_event *ev);

/* Every event of an incident and its follow-ups, oldest first. */
int log_timeline(struct store *st, long long id,
		 int (*fn)(const struct log_event *ev, void *ctx), void *ctx, struct dd_err *err);

/* A translated label for an event type ("created" → "Recorded"). */
const char *log_event_label(const char *type);

#endif
