/* zone.h — zones (封控区, 管控区, 防范区) and checkpoints (卡点) in an outbreak.
 *
 * In task-force mode each village or community (a unit of kind village) is
 * classified "根据市专家组研判" (on the city expert group's assessment): each
 * change has the time it takes effect and its source, and is an event on the
 * outbreak's timeline (the entry of its first positive case).  Outside the
 * task force a change is refused.  Standing down keeps the history; the next
 * outbreak starts from no classification.
 *
 * Checkpoints have a place, the zoned village they serve (or none: the
 * town's perimeter, 市镇外围卡点), the staff on post and the hours kept. */
#ifndef DUTYDESK_ZONE_H
#define DUTYDESK_ZONE_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

enum zone_level {
	ZONE_NONE,        /* no classification */
	ZONE_PRECAUTION,  /* 防范区 */
	ZONE_CONTROLLED,  /* 管控区 */
	ZONE_CLOSED,      /* 封控区 */
	ZONE_LEVEL_COUNT,
};

#define ZONE_PLACE_MAX 120   /* bytes of a place's name */
#define ZONE_TEXT_MAX 2000

const char *zone_level_name(enum zone_level l);  /* "closed": scripts and CSV */
const char *zone_level_word(enum zone_level l);  /* "封控区": the office's word */
/* Accepts the names, the office's words and "无" for none. */
int zone_level_parse(const char *s, enum zone_level *out, struct dd_err *err);

struct zone_set_result {
	long long change_id;
	long long outbreak;        /* the entry whose timeline got the change */
	int place_added;           /* the place was new: added as a village */
	enum zone_level previous;  /* the classification it had */
};

/* Places (村社).  A zone is set on a village or community the roster knows;
 * a name it does not know is refused, naming the nearest known ones, unless
 * the act says the place is new (ZONE_NEW_PLACE): a typo never founds a
 * village.  Front ends ask zone_place_known() before they offer to add one. */
#define ZONE_NEAREST_MAX 3
struct zone_place_match {
	int known;          /* a village or community of that name is on the roster */
	int n;              /* the nearest known names, best first (when not known) */
	char nearest[ZONE_NEAREST_MAX][ZONE_PLACE_MAX + 1];
};

/* Whether `place` (trimmed as zone_set trims it) is a village or community on
 * the roster: 1 it is, 0 it is not (m->nearest: the known names nearest to it,
 * by common prefix and edit distance in characters, at most
 * ZONE_NEAREST_MAX and only those near enough to be a typo of it), -1 on an
 * error or a name of another kind of unit (a group's office, a station:
 * never a place to classify).  `m` may be NULL. */
int zone_place_known(struct store *st, const char *place, struct zone_place_match *m,
		     struct dd_err *err);

/* The refusal of an unknown place, in one line naming the nearest known
 * ones (DD_ENOTFOUND, about DD_ABOUT_PLACE); returns -1. */
int zone_place_fail(const char *place, const struct zone_place_match *m, struct dd_err *err);

enum {
	ZONE_NEW_PLACE = 1,  /* the place is new: add it to the roster as a village */
};

/* Classify `place` (a village or community on the roster; with
 * ZONE_NEW_PLACE in `flags` a name not on it is added as one, said in
 * out->place_added) at `at` (0: now) on `source`.  Refused outside
 * task-force mode, for a place not known (unless ZONE_NEW_PLACE), for a unit
 * that is not a village, for a time before the outbreak, and when the place
 * already has that classification.  One transaction.  zone_set(): no flags. */
int zone_set_flags(struct store *st, const struct actor *by, const char *place,
		   enum zone_level level, const char *source, dd_time at, unsigned flags,
		   struct zone_set_result *out, struct dd_err *err);
int zone_set(struct store *st, const struct actor *by, const char *place, enum zone_level level,
	     const char *source, dd_time at, struct zone_set_result *out, struct dd_err *err);

/* The step of naming the place, checked as it is answered (zone_set and
 * zone_checkpoint_add check it again): a name as a person may type it
 * (not empty, one line, not too long), of a village or community of the
 * roster (*known 1) or of no unit yet (*known 0); a unit of another kind
 * is refused.  *now is where the place stands now in the outbreak
 * (ZONE_NONE when unclassified, or when zones cannot be set now); the
 * name as stored, trimmed, into `clean` (ZONE_PLACE_MAX + 1 bytes) when not
 * NULL. */
int zone_check_place(struct store *st, const char *place, int *known, enum zone_level *now,
		     char *clean, struct dd_err *err);
/* Pure: a checkpoint's place as typed (not empty, one line, not too long). */
int zone_check_checkpoint_place(const char *place, struct dd_err *err);
/* Zones can be set now (task-force mode): else refused, DD_EDENIED. */
int zone_check_open(struct store *st, struct dd_err *err);
/* A village or community of the roster called `name` (a checkpoint's zone):
 * else refused, saying how a place is added. */
int zone_check_village(struct store *st, const char *name, struct dd_err *err);
/* Pure: the step of choosing the zone — refused when it is the one `place`
 * is in (`now`) at `at` already. */
int zone_check_level(const char *place, enum zone_level now, enum zone_level level, dd_time at,
		     struct dd_err *err);

/* One change, or (zone_current) where a place stands. */
struct zone_change {
	long long id;
	char *place;
	enum zone_level level;
	enum zone_level previous;
	dd_time effective_at;
	dd_time recorded_at;
	char *source;
	char *by;
	long long outbreak;
};

void zone_changes_free(struct zone_change *v, int n);

/* The outbreak zones are shown for: the current one in task-force mode,
 * else the latest there was (0 when none ever was); *active tells which. */
int zone_outbreak(struct store *st, long long *outbreak, int *active, struct dd_err *err);

/* Where each place classified during `outbreak` stands at `now`: its latest
 * change in effect, closed zones first, then controlled, then precaution;
 * places set back to none are left out. */
int zone_current(struct store *st, long long outbreak, dd_time now, struct zone_change **out,
		 int *n, struct dd_err *err);

/* Every change during `outbreak`, in the order they take effect (0: every
 * outbreak's). */
int zone_history(struct store *st, long long outbreak, struct zone_change **out, int *n,
		 struct dd_err *err);

/* Checkpoints (卡点). */
struct zone_checkpoint {
	long long id;
	char *place;
	char *zone;               /* the village it serves, "" for the perimeter */
	enum zone_level level;    /* that village's classification now */
	char *staff;              /* "赵娜、边吉" */
	char *hours;              /* "08:00-20:00" */
	dd_time opened_at;
	char *by;
	long long outbreak;       /* 0: set up outside an outbreak */
	dd_time closed_at;        /* 0: in place */
	char *closed_reason;
};

void zone_checkpoints_free(struct zone_checkpoint *v, int n);

/* Set up a checkpoint: `zone` is a village's name (one on the roster: an
 * unknown one is refused as zone_place_fail says) or NULL/"" for the
 * town's perimeter; `staff` names people on the roster; `hours` is
 * "HH:MM-HH:MM" (overnight allowed) or "24h".  *id may be NULL. */
int zone_checkpoint_add(struct store *st, const struct actor *by, const char *place,
			const char *zone, const char *staff, const char *hours, long long *id,
			struct dd_err *err);

/* Stand a checkpoint down (撤除), with a reason; it stays in the list of all. */
int zone_checkpoint_close(struct store *st, const struct actor *by, long long id,
			  const char *reason, struct dd_err *err);

/* Checkpoints in place (all: the stood-down ones too), by id. */
int zone_checkpoint_list(struct store *st, int all, dd_time now, struct zone_checkpoint **out,
			 int *n, struct dd_err *err);

/* Pure: hours as typed ("8:00-20:00", "08:00－20:00", "24h", "全天") into
 * the stored form ("08:00-20:00", "00:00-24:00"). */
int zone_parse_hours(const char *s, char *out, size_t n, struct dd_err *err);

#endif
