/* auth.c — PIN hashes and the lockout after wrong PINs. */
#include "domain/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/act.h"
#include "store/chain.h"
#include "domain/settings.h"
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

/* Who can set a missing PIN, as the end of a message: the admins who have
 * a PIN, or that an admin must first enrol themself. */
static int who_sets_pins(struct store *st, char *buf, size_t n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT p.name FROM person p JOIN credential c ON c.person_id = p.id "
		"WHERE p.access = 'admin' ORDER BY p.id", err);
	char names[PERSON_NAME_MAX * 16] = "";
	size_t len = 0;
	int rc, k = 0;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && len < sizeof names - 1) {
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", k++ ? "、" : "",
					sqlite3_column_text(stmt, 0));
		if (len >= sizeof names)
			len = sizeof names - 1;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading who has a PIN"));
	if (k)
		snprintf(buf, n, _("an admin with a PIN sets one: %s"), names);
	else
		snprintf(buf, n, "%s", _("no admin has a PIN yet: an admin must first enrol "
					 "themself by setting their own"));
	return 0;
}

static int admins_with_pin(struct store *st, long long *n, struct dd_err *err)
{
	return store_query_int(st, "SELECT count(*) FROM person p JOIN credential c ON "
				   "c.person_id = p.id WHERE p.access = 'admin'", 0, n, err);
}

/* May `by` set `who`'s PIN (see auth.h)? */
static int may_set(struct store *st, const struct actor *by, const struct actor *who,
		   struct dd_err *err)
{
	char sets[PERSON_NAME_MAX * 16 + 200];
	long long admins = 0;
	int has = 0;

	if (who->id != by->id)
		return auth_require(st, by, ACCESS_ADMIN, _("setting another person's PIN"), err);
	if (auth_has_pin(st, who->id, &has, err) < 0)
		return -1;
	if (has)
		return by->verified ? 0 : dd_fail(err, DD_EDENIED, _("changing %s's PIN needs "
					"the current one"), who->name);
	if (admins_with_pin(st, &admins, err) < 0)
		return -1;
	if (admins == 0 && by->access == ACCESS_ADMIN)
		return 0;   /* the first admin enrols themself: the way in */
	if (who_sets_pins(st, sets, sizeof sets, err) < 0)
		return -1;
	return dd_fail(err, DD_EDENIED, _("%s has no PIN yet and cannot set the first one "
					  "themself; %s"), who->name, sets);
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
	if (may_set(st, by, &who, err) < 0)
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

int auth_check(struct store *st, struct actor *who, const char *pin, struct dd_err *err)
{
	char sets[PERSON_NAME_MAX * 16 + 200];
	int has = 0;

	if (auth_has_pin(st, who->id, &has, err) < 0)
		return -1;
	if (!has) {
		if (who_sets_pins(st, sets, sizeof sets, err) < 0)
			return -1;
		return dd_fail(err, DD_EDENIED, _("%s has no PIN yet; %s"), who->name, sets);
	}
	if (auth_verify(st, who, pin, err) < 0)
		return -1;
	who->verified = 1;
	return 0;
}

int auth_operator_pin_optional(struct store *st, int *optional, struct dd_err *err)
{
	int required = 1;

	if (settings_get_int(st, SETTING_OPERATOR_PIN, &required, err) < 0)
		return -1;
	*optional = !required;
	return 0;
}

int auth_may_act(struct store *st, const struct actor *who, struct dd_err *err)
{
	char sets[PERSON_NAME_MAX * 16 + 200];
	int has = 0, optional = 0;

	if (!who || !who->id)
		return dd_fail(err, DD_EDENIED, _("who is writing? give --operator NAME or set "
						  "DUTYDESK_OPERATOR"));
	if (who->verified)
		return 0;
	if (auth_has_pin(st, who->id, &has, err) < 0)
		return -1;
	if (has)
		return dd_fail(err, DD_EDENIED, _("%s has a PIN: give it to act"), who->name);
	if (auth_operator_pin_optional(st, &optional, err) < 0)
		return -1;
	if (optional)
		return 0;
	if (who_sets_pins(st, sets, sizeof sets, err) < 0)
		return -1;
	return dd_fail(err, DD_EDENIED, _("%s has no PIN yet, and acts at the desk need one; %s"),
		       who->name, sets);
}

int auth_require(struct store *st, const struct actor *who, enum access need,
		 const char *what, struct dd_err *err)
{
	char sets[PERSON_NAME_MAX * 16 + 200];
	int has = 0;

	if (person_require(who, need, what, err) == 0)
		return 0;
	if (!who || who->access < need || !who->id)
		return -1;  /* not the rights: person_require said so */
	if (auth_has_pin(st, who->id, &has, err) < 0)
		return -1;
	if (has)
		return dd_fail(err, DD_EDENIED, _("%s needs %s rights proved by %s's own PIN"),
			       what, _(person_access_name(need)), who->name);
	if (who_sets_pins(st, sets, sizeof sets, err) < 0)
		return -1;
	return dd_fail(err, DD_EDENIED, _("%s needs %s rights proved by a PIN, and %s has no PIN "
					  "yet; %s"), what, _(person_access_name(need)), who->name,
		       sets);
}

int auth_leads_group(struct store *st, long long person_id, long long grp_id, int *leads,
		     struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT EXISTS (SELECT 1 FROM post p JOIN tenure t ON t.post_id = p.id "
		"WHERE p.grp_id = ?1 AND p.title = 'leader' AND t.person_id = ?2 "
		"AND t.until IS NULL)", err);
	int rc;

	*leads = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, grp_id);
	sqlite3_bind_int64(stmt, 2, person_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*leads = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading who leads the group"));
}

int auth_require_group(struct store *st, const struct actor *who, long long grp_id,
		       const char *what, struct dd_err *err)
{
	struct actor leader;
	int leads = 0;

	if (!who || who->access >= ACCESS_SUPERVISOR || !grp_id)
		return auth_require(st, who, ACCESS_SUPERVISOR, what, err);
	if (auth_leads_group(st, who->id, grp_id, &leads, err) < 0)
		return -1;
	if (!leads)
		return auth_require(st, who, ACCESS_SUPERVISOR, what, err);
	/* The group's leader (组长) acts as its supervisor, with the same proof. */
	leader = *who;
	leader.access = ACCESS_SUPERVISOR;
	return auth_require(st, &leader, ACCESS_SUPERVISOR, what, err);
}
