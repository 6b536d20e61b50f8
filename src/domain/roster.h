/* roster.h — the organisation (花名册): groups, posts and who holds them,
 * member units, numbered duties, the task force; and succession.
 *
 * The roster is small (a few dozen groups), so it is read whole into a
 * snapshot "as of" a time: a timeline reviewed later shows who was leader
 * then, not today. */
#ifndef DUTYDESK_ROSTER_H
#define DUTYDESK_ROSTER_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

enum grp_kind {
	GRP_LEADERSHIP,
	GRP_OFFICE,
	GRP_STANDING,
	GRP_TASKFORCE,
	GRP_SUBGROUP,
};

enum post_title {
	POST_LEADER,          /* 组长 */
	POST_DEPUTY,          /* 副组长 */
	POST_MEMBER,          /* 组员 (a person) */
	POST_DIRECTOR,        /* 主任 */
	POST_DEPUTY_DIRECTOR, /* 副主任 */
};

struct roster_holder {
	long long post_id;
	enum post_title title;
	long long person_id;  /* 0: nobody named (see label) or vacant */
	char *name;           /* the person, or the label (各包村领导), or "" */
	int has_phone;
	char *phones;         /* "; "-separated, "" when none */
	dd_time since;
};

struct roster_duty {
	int seq;
	int outbreak;         /* an outbreak duty of the task force */
	char *text;
};

struct roster_group {
	long long id;
	enum grp_kind kind;
	int seq;
	char *name;           /* unique: 疫情处置专班综合协调组 */
	char *short_name;     /* as said in context: 综合协调组 */
	char *heading;        /* as the notice writes it, its numbering and the
			       * other names in its brackets included:
			       * "(一)综合协调组(疫情处置专班综合协调组)"; else
			       * the name (roster_heading) */
	char *section;        /* the part of the notice it is in:
			       * "一、工作组组成及职责任务" */
	char *note;           /* the notice's sentence about the group; for a
			       * group with sub-groups, the one that introduces
			       * them */
	char *succession;     /* who succeeds its people: "以上成员如有变动,…" */
	char **aliases;       /* other names the notice gives it */
	int naliases;
	long long parent_id;
	long long counterpart_id;  /* task force: its standing group */
	struct roster_holder *holders;  /* task force: the counterpart's leads */
	int nholders;
	char **members;       /* member units */
	int nmembers;
	struct roster_duty *duties;     /* standing duties; task force: outbreak */
	int nduties;
	/* Where it stands in the notice's order (roster->order): */
	int depth;            /* 1: shown under its parent (the office, a sub-group) */
	int opens_section;    /* the first group of its section: the section's
			       * heading comes before it */
	int closes_succession; /* the last group its succession sentence covers:
				* the sentence comes after it (and its
				* sub-groups) */
};

struct roster {
	dd_time at;
	struct roster_group *groups;   /* leadership, office, standing 1–14,
					* task force, sub-groups */
	int ngroups;
	int *order;           /* indexes into groups in the notice's order: each
			       * group followed by the groups under it (the office
			       * under the leadership group, the four sub-groups
			       * under 核酸采样工作组) */
};

/* The roster as of `at` (0: now). */
int roster_load(struct store *st, dd_time at, struct roster **out, struct dd_err *err);
void roster_free(struct roster *r);

const struct roster_group *roster_group(const struct roster *r, long long id);

const char *roster_title_label(enum post_title t); /* translated: 组长 / Leader */

/* The group's heading as the notice writes it, else its name. */
const char *roster_heading(const struct roster_group *g);
const char *roster_kind_name(enum grp_kind k);     /* "standing" */

/* Find a group by its name, short name, alias or heading ("综合协调组" is the
 * standing group; "疫情处置专班综合协调组" or "专班综合协调组" the task force's;
 * "(一)综合协调组(疫情处置专班综合协调组)" the standing group again). */
int roster_find_group(struct store *st, const char *name, long long *id, struct dd_err *err);

/* Who led group `name` at `at`: "组长 何欣威; 副组长 周凯琳" (labels
 * translated), for timelines reviewed later.  A task-force group is led by
 * its counterpart's leaders.  *out is malloc'd ("" when nobody). */
int roster_leads_at(struct store *st, const char *name, dd_time at, char **out,
		    struct dd_err *err);

/* 自然更替: `successor` takes every post `leaver` holds now, from `at`, in one
 * transaction; the leaver's tenures end then and stay in the history.  A
 * successor not yet on the roster is added in the leaver's unit.  Needs an
 * admin.  *moved is the number of posts that changed hands. */
int roster_succeed(struct store *st, const struct actor *by, const char *leaver,
		   const char *successor, dd_time at, const char *reason, int *moved,
		   struct dd_err *err);

/* Who held a post, oldest first. */
struct roster_tenure {
	long long person_id;
	char *name;
	dd_time since, until;  /* until 0: holds it now */
};
int roster_post_history(struct store *st, long long post_id, struct roster_tenure **out,
			int *n, struct dd_err *err);
void roster_tenures_free(struct roster_tenure *t, int n);

#endif
