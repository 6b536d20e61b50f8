/* auth.h — PINs at the shared terminal.
 *
 * A PIN is stored only as an Argon2id hash (libsodium crypto_pwhash_str,
 * interactive limits).  Five wrong PINs in a row, counted in the database
 * across processes, lock the person out for AUTH_LOCKOUT_SECONDS.  A person
 * without a PIN may still sign in; the desk warns while a supervisor or admin
 * has none.  Nothing here reads a terminal: front ends ask, this verifies. */
#ifndef DUTYDESK_AUTH_H
#define DUTYDESK_AUTH_H

#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

#define AUTH_MAX_FAILURES 5
#define AUTH_LOCKOUT_SECONDS (15 * 60)
#define AUTH_PIN_MIN 4
#define AUTH_PIN_MAX 64

int auth_has_pin(struct store *st, long long person_id, int *has, struct dd_err *err);

/* Set `name`'s PIN.  Setting another person's needs an admin. */
int auth_set_pin(struct store *st, const struct actor *by, const char *name, const char *pin,
		 struct dd_err *err);

/* Check `who`'s PIN: 0 when right (the failure count is reset), -1 with
 * DD_EDENIED when wrong (counted) or while locked out. */
int auth_verify(struct store *st, const struct actor *who, const char *pin, struct dd_err *err);

/* How many supervisors and admins have no PIN yet. */
int auth_unprotected(struct store *st, long long *n, struct dd_err *err);

#endif
