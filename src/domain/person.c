/* person.c — people at the desk and their access. */
#include "domain/person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/jsonw.h"
#include "store/store_sql.h"

/* Marked for translation: shown through _() where a person reads them. */
static const char *const access_names[] = {N_("operator"), N_("supervisor"), N_("admin")};

const char *person_access_name(enum access a)
{
	return (unsigned)a < 3 ? access_names[a] : "?";
}

int person_access_parse(const char *s, enum access *out)
{
	for (int i = 0; i < 3; i++) {
		if (strcmp(s, access_names[i]) == 0) {
			*out = (enum access)i;
			return 0;
		}
	}
	return -1;
}

/* Skip ASCII white space and U+3000 (ideographic space). */
static const char *skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if ((unsigned char)p[0] == 0xe3 && (unsigned char)p[1] == 0x80 &&
			 (unsigned char)p[2] == 0x80)
			p += 3;
		else
			return p;
	}
}

int person_clean_name(const char *typed, char *out, struct dd_err *err)
{
	const char *b = skip_space(typed ? typed : "");
	size_t n = strlen(b);

	/* Trim the end: ASCII spaces and U+3000. */
	while (n > 0) {
		if (b[n - 1] == ' ' || b[n - 1] == '\t')
			n--;
		else if (n >= 3 && memcmp(b + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	if (n == 0)
		return dd_fail(err, DD_EINVAL, _("a person's name is empty"));
	if (n >= PERSON_NAME_MAX * 4 || !text_valid_utf8(b, n))
		return dd_fail(err, DD_EINVAL, _("'%.*s' is not a usable name (too long, or not "
						 "UTF-8)"), (int)(n > 60 ? 60 : n), b);
	memcpy(out, b, n);
	out[n] = '\0';
	return text_check_typed(_("a person's name"), out, 0, err);
}

int person_find(struct store *st, const char *name, struct actor *out, struct dd_err *err)
{
	char clean[PERSON_NAME_MAX * 4];
	sqlite3_stmt *stmt;
	int rc;

	if (person_clean_name(name, clean, err) < 0)
		return -1;
	stmt = store_prepare(st, "SELECT id, access, name FROM person WHERE name = ?1", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, clean);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(stmt, 0);
		out->verified = 0;
		if (person_access_parse((const char *)sqlite3_column_text(stmt, 1), &out->access))
			out->access = ACCESS_OPERATOR;
		snprintf(out->name, sizeof out->name, "%s", sqlite3_column_text(stmt, 2));
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("nobody called '%s' is on the roster"), clean);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("looking up a person"));
	return 0;
}

int person_require(const struct actor *who, enum access need, const char *what,
		   struct dd_err *err)
{
	if (who && who->access >= need && (need == ACCESS_OPERATOR || who->verified))
		return 0;
	if (who && who->access >= need)
		return dd_fail(err, DD_EDENIED, _("%s needs %s rights proved by %s's own PIN"),
			       what, _(person_access_name(need)), who->name);
	return dd_fail(err, DD_EDENIED, _("%s needs %s rights; %s has %s rights"), what,
		       _(person_access_name(need)), who ? who->name : "?",
		       who ? _(person_access_name(who->access)) : "?");
}

static int unit_id(struct store *st, const char *unit, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT id FROM unit WHERE name = ?1", err);
	int rc;

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, unit);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("no unit called '%s'"), unit);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("looking up a unit"));
}

int person_add(struct store *st, const struct actor *by, const char *name, const char *unit,
	       enum access access, long long *id, struct dd_err *err)
{
	char clean[PERSON_NAME_MAX * 4];
	long long uid = 0, exists = 0, pid;
	struct actor self = {0};
	struct jsonw body;
	sqlite3_stmt *stmt;

	if (person_clean_name(name, clean, err) < 0)
		return -1;
	if (by && person_require(by, ACCESS_ADMIN, _("adding a person to the roster"), err) < 0)
		return -1;
	if (!by && access != ACCESS_OPERATOR)
		return dd_fail(err, DD_EDENIED, _("only an admin can add a supervisor or admin"));
	if (store_begin(st, err) < 0)
		return -1;
	if (unit && *unit && unit_id(st, unit, &uid, err) < 0)
		goto fail;
	stmt = store_prepare(st, "SELECT count(*) FROM person WHERE name = ?1", err);
	if (!stmt)
		goto fail;
	store_bind_text(stmt, 1, clean);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		exists = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (exists) {
		dd_fail(err, DD_EINVAL, _("'%s' is already on the roster"), clean);
		goto fail;
	}
	stmt = store_prepare(st, "INSERT INTO person(name, unit_id, access, created_at) "
				 "VALUES (?1, ?2, ?3, ?4)", err);
	if (!stmt)
		goto fail;
	store_bind_text(stmt, 1, clean);
	if (uid)
		sqlite3_bind_int64(stmt, 2, uid);
	store_bind_text(stmt, 3, person_access_name(access));
	sqlite3_bind_int64(stmt, 4, ddtime_now());
	if (store_exec_stmt(st, stmt, _("adding a person"), err) < 0)
		goto fail;
	pid = sqlite3_last_insert_rowid(store_db(st));

	jsonw_init(&body);
	jsonw_int(&body, "person_id", pid);
	jsonw_str(&body, "name", clean);
	jsonw_str(&body, "unit", uid ? unit : NULL);
	jsonw_str(&body, "access", person_access_name(access));
	/* A person adding themselves is the actor of their own enrolment. */
	self.id = pid;
	if (act_event(st, by ? by : &self, "person-added", &body, NULL, err) < 0)
		goto fail;
	if (store_commit(st, err) < 0)
		return -1;
	if (id)
		*id = pid;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int person_identify(struct store *st, const char *name, struct actor *out, struct dd_err *err)
{
	struct dd_err e2;

	if (!name || !*name)
		return dd_fail_about(err, DD_EINVAL, DD_ABOUT_OPERATOR, _("who is writing?"));
	if (person_find(st, name, out, &e2) == 0)
		return 0;
	if (e2.code == DD_ENOTFOUND)
		return dd_fail(err, DD_ENOTFOUND, _("nobody called '%s' is on the roster; an admin "
						    "enrols people"), name);
	if (err)
		*err = e2;
	return -1;
}

int person_names(struct store *st, enum access access, char ***names, int *n,
		 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT name FROM person WHERE access = ?1 "
					       "ORDER BY id", err);
	int rc;

	*names = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, person_access_name(access));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*names = dd_xrealloc(*names, (size_t)(*n + 1) * sizeof **names);
		(*names)[(*n)++] = store_col_text(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		person_names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the roster"));
	}
	return 0;
}

void person_names_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
