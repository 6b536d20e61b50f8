/* actor.h — who is acting: a person of the roster and what they may do.
 *
 * On its own so that recording an act (act.h) needs nothing of the roster,
 * and the roster can record its own acts. */
#ifndef DUTYDESK_ACTOR_H
#define DUTYDESK_ACTOR_H

enum access {
	ACCESS_OPERATOR,
	ACCESS_SUPERVISOR,
	ACCESS_ADMIN,
};

#define PERSON_NAME_MAX 64

/* Who is acting.  id 0 is the system itself (the shipped data).  `verified`
 * says that this person proved who they are by their PIN for this act
 * (auth_check sets it; person_find leaves it 0). */
struct actor {
	long long id;
	enum access access;
	char name[PERSON_NAME_MAX * 4];
	int verified;
};

/* An act of a person who did not prove who they are (operator PINs relaxed):
 * what they write is marked unverified (未核验).  Never the system's. */
static inline int person_unverified(const struct actor *a)
{
	return a && a->id && !a->verified;
}

#endif
