/* auth.c — PIN hashes and the lockout after wrong PINs. */
#include "domain/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "base/jsonw.h"
#include "store/store_sql.h"

int auth_has_pin(struct store *st, long long person_id, int *has, struct dd_err *err)
{
	long long n = 0;
	if (store_query_int(st, "SELECT count(*) FROM credential WHERE person_id = ?1",
			    person_id, &n, err) < 0)
		return -1;
	*has = n > 0;
	return 0;
}

static int check_pin(const char *pin, struct dd_err *err)
{
	size_t n = pin ? strlen(pin) : 0;
	if (n < AUTH_PIN_MIN || n > AUTH_PIN_MAX)
		return dd_fail(err, DD_EINVAL, _("a PIN has %d to %d characters"), AUTH_PIN_MIN,
			       AUTH_PIN_MAX);
	return 0;
}

int auth_set_pin(struct store *st, const struct actor *by, const char *name, const char *pin,
		 struct dd_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct actor who;
	struct jsonw body;
	sqlite3_stmt *stmt;

	if (check_pin(pin, err) < 0)
		return -1;
	if (person_find(st, name, &who, err) < 0)
		return -1;
	if (who.id != by->id &&
	    person_require(by, ACCESS_ADMIN, _("setting another person's PIN"), err) < 0)
		return -1;
	if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return dd_fail(err, DD_EIO, _("not enough memory to hash the PIN"));
	if (store_begin(st, err) < 0)
		return -1;
	stmt = store_prepare(st,
		"INSERT INTO credential(person_id, pin_hash, set_at, set_by) VALUES "
		"(?1, ?2, ?3, ?4) ON CONFLICT(person_id) DO UPDATE SET pin_hash = excluded.pin_hash, "
		"set_at = excluded.set_at, set_by = excluded.set_by, failures = 0, "
		"locked_until = 0", err);
	if (!stmt)
		goto fail;
	sqlite3_bind_int64(stmt, 1, who.id);
	store_bind_text(stmt, 2, hash);
	sqlite3_bind_int64(stmt, 3, ddtime_now());
	sqlite3_bind_int64(stmt, 4, by->id);
	if (store_exec_stmt(st, stmt, _("saving the PIN"), err) < 0)
		goto fail;
	/* The chain records that a PIN was set, never the PIN or its hash. */
	jsonw_init(&body);
	jsonw_int(&body, "person_id", who.id);
	jsonw_str(&body, "text", who.name);
	if (act_event(st, by, "pin-set", &body, NULL, err) < 0)
		goto fail;
	sodium_memzero(hash, sizeof hash);
	return store_commit(st, err);
fail:
	sodium_memzero(hash, sizeof hash);
	store_rollback(st);
	return -1;
}

int auth_verify(struct store *st, const struct actor *who, const char *pin, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	char hash[crypto_pwhash_STRBYTES] = "";
	long long failures = 0, locked_until = 0;
	dd_time now = ddtime_now();
	int rc, ok;

	if (store_begin(st, err) < 0)
		return -1;
	stmt = store_prepare(st, "SELECT pin_hash, failures, locked_until FROM credential "
				 "WHERE person_id = ?1", err);
	if (!stmt)
		goto fail;
	sqlite3_bind_int64(stmt, 1, who->id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(hash, sizeof hash, "%s", sqlite3_column_text(stmt, 0));
		failures = sqlite3_column_int64(stmt, 1);
		locked_until = sqlite3_column_int64(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE) {
		store_rollback(st);
		return 0; /* no PIN set: nothing to verify */
	}
	if (rc != SQLITE_ROW) {
		store_fail(st, err, rc, _("reading the PIN"));
		goto fail;
	}
	if (locked_until > now) {
		char when[DDTIME_BUFSZ];
		dd_fail(err, DD_EDENIED, _("%s is locked out after %d wrong PINs until %s"),
			who->name, AUTH_MAX_FAILURES, ddtime_format(locked_until, DDTIME_MINUTE, when));
		goto fail;
	}
	ok = pin && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	sodium_memzero(hash, sizeof hash);
	stmt = store_prepare(st, "UPDATE credential SET failures = ?2, locked_until = ?3 "
				 "WHERE person_id = ?1", err);
	if (!stmt)
		goto fail;
	failures = ok ? 0 : failures + 1;
	sqlite3_bind_int64(stmt, 1, who->id);
	sqlite3_bind_int64(stmt, 2, failures >= AUTH_MAX_FAILURES ? 0 : failures);
	sqlite3_bind_int64(stmt, 3, failures >= AUTH_MAX_FAILURES ? now + AUTH_LOCKOUT_SECONDS : 0);
	if (store_exec_stmt(st, stmt, _("counting PIN attempts"), err) < 0 ||
	    store_commit(st, err) < 0)
		return -1;
	if (ok)
		return 0;
	if (failures >= AUTH_MAX_FAILURES)
		return dd_fail(err, DD_EDENIED, _("wrong PIN for %s; after %d wrong PINs in a row "
						  "%s is locked out for %d minutes"),
			       who->name, AUTH_MAX_FAILURES, who->name, AUTH_LOCKOUT_SECONDS / 60);
	return dd_fail(err, DD_EDENIED, _("wrong PIN for %s (%lld of %d tries)"), who->name,
		       failures, AUTH_MAX_FAILURES);
fail:
	sodium_memzero(hash, sizeof hash);
	store_rollback(st);
	return -1;
}

int auth_unprotected(struct store *st, long long *n, struct dd_err *err)
{
	return store_query_int(st, "SELECT count(*) FROM person p WHERE p.access IN "
				   "('supervisor', 'admin') AND NOT EXISTS (SELECT 1 FROM "
				   "credential c WHERE c.person_id = p.id)", 0, n, err);
}
