/* person.h — people at the desk: who they are and what they may do.
 *
 * Access levels: an operator (值班员) writes the log; a supervisor (带班领导,
 * 组长) also stands the task force down and closes others' incidents; an admin
 * (办公室主任) also edits the roster and others' PINs. */
#ifndef DUTYDESK_PERSON_H
#define DUTYDESK_PERSON_H

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/store.h"

const char *person_access_name(enum access a);
int person_access_parse(const char *s, enum access *out);

/* Trim and validate a person's name as typed; writes the clean name to
 * `out` (PERSON_NAME_MAX*4 bytes). */
int person_clean_name(const char *typed, char *out, struct dd_err *err);

int person_find(struct store *st, const char *name, struct actor *out, struct dd_err *err);

/* The person at the desk, who must be on the roster: nobody is added on the
 * fly (an admin enrols people), so an unknown name is refused with
 * DD_ENOTFOUND.  Not yet verified: see auth_check and auth_may_act. */
int person_identify(struct store *st, const char *name, struct actor *out, struct dd_err *err);

/* Add a person; `unit` may be NULL.  Needs an admin who proved it by PIN
 * (or, by == NULL, the desk itself: an operator). */
int person_add(struct store *st, const struct actor *by, const char *name, const char *unit,
	       enum access access, long long *id, struct dd_err *err);

/* The names of everyone with exactly `access`, in roster order; free with
 * person_names_free. */
int person_names(struct store *st, enum access access, char ***names, int *n,
		 struct dd_err *err);
void person_names_free(char **names, int n);

/* Refuse with DD_EDENIED unless `who` has at least `need`, and for supervisor
 * or admin rights proved them by PIN (who->verified); `what` names the act
 * ("standing the task force down").  auth_require says more: who can set a
 * missing PIN. */
int person_require(const struct actor *who, enum access need, const char *what,
		   struct dd_err *err);

#endif
