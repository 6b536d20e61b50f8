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

/* The person at the desk.  An unknown name is added as an operator when
 * `add_unknown` is set (*added tells), else refused. */
int person_identify(struct store *st, const char *name, int add_unknown, struct actor *out,
		    int *added, struct dd_err *err);

/* Add a person; `unit` may be NULL.  Needs an admin unless the person adds
 * themselves as an operator (by == NULL: the desk's first write). */
int person_add(struct store *st, const struct actor *by, const char *name, const char *unit,
	       enum access access, long long *id, struct dd_err *err);

/* The names of everyone with exactly `access`, in roster order; free with
 * person_names_free. */
int person_names(struct store *st, enum access access, char ***names, int *n,
		 struct dd_err *err);
void person_names_free(char **names, int n);

/* Refuse with DD_EDENIED unless `who` has at least `need`; `what` names the
 * act ("standing the task force down"). */
int person_require(const struct actor *who, enum access need, const char *what,
		   struct dd_err *err);

#endif
