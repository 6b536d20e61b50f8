/* exchange_liaison.c — the units' liaisons (联络员) and deputies in charge
 * (分管领导) in the roster file.
 *
 * Each is a contact of its unit (contact.unit_id, contact.role) that points
 * at a person of the roster, so that `dutydesk contacts` lists them with the
 * person's phones.  In the roster file they are two columns of the person:
 * the units they are liaison of, and the units they are in charge of.
 * Importing a file with such a column makes the unit contacts of that role
 * match it: a person named for a unit becomes (or stays) a contact of it; a
 * contact whose person the file no longer names for that unit keeps its own
 * numbers but points at nobody. */
#include "io/exchange_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "store/rows.h"
#include "store/store_sql.h"

const char *const xunit_role_words[XUNIT_ROLES] = {"联络员", "分管领导"};

void xunits_free(struct xunits *u)
{
	if (!u)
		return;
	free(u->text);
	free(u->ids);
	memset(u, 0, sizeof *u);
}

/* Length of the separator at `p` (; , 、 ； ，), or 0. */
static size_t unit_sep(const char *p)
{
	static const char *const seps[] = {";", ",", "\xe3\x80\x81", "\xef\xbc\x9b",
					   "\xef\xbc\x8c"};
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strncmp(p, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* One unit of a list: known, and not named twice.  0, or 1 with the problem
 * reported, or -1 when the database failed. */
static int add_unit(struct xfile *x, long line, int col, const char *name, struct xunits *u,
		    struct dd_err *err)
{
	long long id;

	if (rows_id(x->st, "SELECT id FROM unit WHERE name = ?1", name, &id,
		    _("reading the units"), err) < 0)
		return -1;
	if (!id) {
		xproblem(x, line, col, _("no unit called '%s' (the units are those of the notice)"),
			 name);
		return 1;
	}
	for (int i = 0; i < u->n; i++) {
		if (u->ids[i] == id) {
			xproblem(x, line, col, _("the unit %s is there twice"), name);
			return 1;
		}
	}
	u->ids = dd_xrealloc(u->ids, (size_t)(u->n + 1) * sizeof *u->ids);
	u->ids[u->n++] = id;
	return 0;
}

int xparse_units(struct xfile *x, long line, int col, const char *s, struct xunits *out,
		 struct dd_err *err)
{
	size_t cap = strlen(s) + 1, len = 0;
	const char *p = s;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->text = dd_xmalloc(cap * 2);
	out->text[0] = '\0';
	while (*p && rc == 0) {
		size_t k = 0, sep;
		char *raw, *one;
		while (p[k] && !unit_sep(p + k))
			k++;
		raw = dd_xstrndup(p, k);
		one = xtrim(raw);
		free(raw);
		if (*one && (rc = add_unit(x, line, col, one, out, err)) == 0)
			len += (size_t)snprintf(out->text + len, cap * 2 - len, "%s%s",
						len ? "; " : "", one);
		free(one);
		p += k;
		if ((sep = unit_sep(p)) > 0)
			p += sep;
	}
	if (rc != 0) {
		xunits_free(out);
		out->text = dd_xstrdup("");
	}
	return rc < 0 ? -1 : 0;
}

/* Whether the file names `person` for `unit`. */
static int wanted(const struct xholder *v, int n, long long unit, long long person)
{
	for (int i = 0; i < n; i++) {
		if (v[i].person_id != person)
			continue;
		for (int k = 0; k < v[i].units->n; k++)
			if (v[i].units->ids[k] == unit)
				return 1;
	}
	return 0;
}

static int set_person(struct store *st, long long contact, long long person, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "UPDATE contact SET person_id = ?2 WHERE id = ?1",
					   err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, contact);
	if (person)
		sqlite3_bind_int64(stmt, 2, person);
	else
		sqlite3_bind_null(stmt, 2);
	return store_exec_stmt(st, stmt, _("changing a unit's contact"), err);
}

/* The role's contacts whose person the file does not name for their unit
 * point at nobody from now on. */
static int vacate(struct xfile *x, int role, const struct xholder *v, int n, int *changed,
		  struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(x->st,
		"SELECT id, unit_id, person_id FROM contact WHERE role = ?1 AND unit_id IS NOT "
		"NULL AND person_id IS NOT NULL ORDER BY id", err);
	long long *drop = NULL;
	int ndrop = 0, rc;

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, xunit_role_words[role]);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (wanted(v, n, sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2)))
			continue;
		drop = dd_xrealloc(drop, (size_t)(ndrop + 1) * sizeof *drop);
		drop[ndrop++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(drop);
		return store_fail(x->st, err, rc, _("reading the contacts"));
	}
	for (int i = 0; i < ndrop; i++) {
		if (set_person(x->st, drop[i], 0, err) < 0) {
			free(drop);
			return -1;
		}
		(*changed)++;
	}
	free(drop);
	return 0;
}

/* A new contact of `unit` for `person`: "卫生院联络员", or, when that name is
 * taken, "卫生院联络员（王五）". */
static int insert_contact(struct xfile *x, int role, long long unit, long long person,
			  long line, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(x->st,
		"INSERT INTO contact(name, org, level, unit_id, person_id, role) SELECT "
		"CASE WHEN EXISTS (SELECT 1 FROM contact WHERE name = u.name || ?3) THEN "
		"u.name || ?3 || '（' || p.name || '）' ELSE u.name || ?3 END, u.name, 'unit', "
		"u.id, p.id, ?3 FROM unit u, person p WHERE u.id = ?1 AND p.id = ?2", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, unit);
	sqlite3_bind_int64(stmt, 2, person);
	store_bind_text(stmt, 3, xunit_role_words[role]);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		xproblem(x, line, -1, _("a contact of that name (the unit and %s) already exists "
					"for someone else; rename it in the contacts file"),
			 xunit_role_words[role]);
		return 0;
	}
	return rc == SQLITE_DONE ? 0 : store_fail(x->st, err, rc, _("adding a unit's contact"));
}

/* Make `person` a contact of `unit` in the role: already one, or the first
 * such contact that points at nobody, or a new one. */
static int assign(struct xfile *x, int role, long long unit, long long person, long line,
		  int *changed, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(x->st,
		"SELECT id, coalesce(person_id, 0) FROM contact WHERE role = ?1 AND unit_id = ?2 "
		"AND (person_id = ?3 OR person_id IS NULL) ORDER BY person_id IS NULL, id LIMIT 1",
		err);
	long long id = 0, have = 0;
	int rc;

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, xunit_role_words[role]);
	sqlite3_bind_int64(stmt, 2, unit);
	sqlite3_bind_int64(stmt, 3, person);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		have = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(x->st, err, rc, _("reading the contacts"));
	if (have == person)
		return 0;
	(*changed)++;
	if (id)
		return set_person(x->st, id, person, err);
	return insert_contact(x, role, unit, person, line, err);
}

int xunit_roles_apply(struct xfile *x, int role, const struct xholder *v, int n, int *changed,
		      struct dd_err *err)
{
	if (vacate(x, role, v, n, changed, err) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < v[i].units->n; k++)
			if (assign(x, role, v[i].units->ids[k], v[i].person_id, v[i].line,
				   changed, err) < 0)
				return -1;
	return 0;
}
