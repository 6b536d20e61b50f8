/* auth.h — PINs at the shared terminal.
 *
 * A PIN is stored only as an Argon2id hash (libsodium crypto_pwhash_str,
 * interactive limits).  Five wrong PINs in a row, counted in the database
 * across processes, lock the person out for AUTH_LOCKOUT_SECONDS.
 *
 * Who may do what: every act names a person on the roster (person_identify).
 * Acts that need supervisor or admin rights always need that person's PIN,
 * checked (auth_require); ordinary operator acts need it too unless an admin
 * set operator-pin to optional (auth_may_act), and then what is written
 * without a proven PIN is marked unverified.  While no admin has a PIN, an
 * admin setting their own is the one way in.  Nothing here reads a terminal:
 * front ends ask, this verifies. */
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

/* Set `name`'s PIN.  Another person's: an admin who proved their PIN.  One's
 * own: with the current PIN proved (by->verified); a first PIN of one's own
 * only for an admin while no admin has a PIN (the way in). */
int auth_set_pin(struct store *st, const struct actor *by, const char *name, const char *pin,
		 struct dd_err *err);

/* Check `who`'s PIN: 0 when right (the failure count is reset), -1 with
 * DD_EDENIED when wrong (counted) or while locked out. */
int auth_verify(struct store *st, const struct actor *who, const char *pin, struct dd_err *err);

/* How many supervisors and admins have no PIN yet. */
int auth_unprotected(struct store *st, long long *n, struct dd_err *err);

/* Prove `who` by `pin`: 0 with who->verified set when right.  DD_EDENIED when
 * wrong (counted), while locked out, or when `who` has no PIN (the message
 * says who can set one). */
int auth_check(struct store *st, struct actor *who, const char *pin, struct dd_err *err);

/* May `who` act as an operator as they stand?  0 when they proved their PIN,
 * or when they have none and operator PINs are optional (what they write is
 * then marked unverified); DD_EDENIED saying why otherwise. */
int auth_may_act(struct store *st, const struct actor *who, struct dd_err *err);

/* Are operator acts allowed without a PIN (config operator-pin optional)? */
int auth_operator_pin_optional(struct store *st, int *optional, struct dd_err *err);

/* Refuse with DD_EDENIED unless `who` has `need` rights, proved by their PIN
 * for supervisor and admin rights; `what` names the act.  The message of a
 * supervisor or admin without a PIN names the admins who can set one, or says
 * that an admin must first enrol themself. */
int auth_require(struct store *st, const struct actor *who, enum access need,
		 const char *what, struct dd_err *err);

/* Does `person_id` hold the leader post (组长) of group `grp_id` now? */
int auth_leads_group(struct store *st, long long person_id, long long grp_id, int *leads,
		     struct dd_err *err);

/* Supervisor rights over the incidents of group `grp_id` (0: none): a
 * supervisor's, or those of the group's leader (组长), proved by PIN. */
int auth_require_group(struct store *st, const struct actor *who, long long grp_id,
		       const char *what, struct dd_err *err);

#endif
