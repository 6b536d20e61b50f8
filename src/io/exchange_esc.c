/* exchange_esc.c — escalation contacts and rules as CSV.
 *
 *	name,org,level,group,unit,person,role,numbers,note
 *	kind,seq,contact,stage,channel,minutes,required,note
 *
 * The shipped assets/escalation files are in these formats (contacts.csv
 * without the optional unit column), so they import as they are.  A contact
 * is known by its name, a rule by its kind and seq.  Importing makes the
 * database match the file; a contact the file leaves out is removed unless
 * a rule or a notification of the log refers to it: then it is kept, and
 * said so. */
#include "io/exchange_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "store/store_sql.h"

/* Marked for translation: the escalation pane and `contacts` show them through _(). */
static const char *const levels[] = {N_("province"), N_("city"), N_("county"), N_("town"),
				     N_("unit")};
#define NLEVELS 5

#define LEVEL_ORDER(c)                                                                   \
	"CASE " c ".level WHEN 'province' THEN 0 WHEN 'city' THEN 1 WHEN 'county' THEN 2 "  \
	"WHEN 'town' THEN 3 ELSE 4 END"
#define NUMBERS_OF(c)                                                                    \
	"coalesce((SELECT group_concat(number, '; ') FROM (SELECT number FROM "          \
	"contact_number WHERE contact_id = " c ".id ORDER BY seq, id)), '')"

static const struct xcol contact_cols[] = {
	{"name", 0}, {"org", 0}, {"level", 0}, {"group", 0}, {"unit", 1}, {"person", 0},
	{"role", 0}, {"numbers", 0}, {"note", 0},
};
enum { K_NAME, K_ORG, K_LEVEL, K_GROUP, K_UNIT, K_PERSON, K_ROLE, K_NUMBERS, K_NOTE, NK };

static int write_rows(struct store *st, sqlite3_stmt *stmt, FILE *out, int ncols,
		      struct dd_err *err)
{
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *cells[CSVIO_FIELDS_MAX];
		for (int i = 0; i < ncols; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, i);
		csvio_write_row(out, cells, ncols);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the escalation data"));
}

static void write_header(FILE *out, const struct xcol *cols, int n)
{
	const char *h[CSVIO_FIELDS_MAX];
	for (int i = 0; i < n; i++)
		h[i] = cols[i].name;
	csvio_write_row(out, h, n);
}

int exchange_contacts_export(struct store *st, FILE *out, struct dd_err *err)
{
	write_header(out, contact_cols, NK);
	return write_rows(st, store_prepare(st,
		"SELECT c.name, c.org, c.level, coalesce(g.name, ''), coalesce(u.name, ''), "
		"coalesce(p.name, ''), c.role, " NUMBERS_OF("c") ", c.note FROM contact c "
		"LEFT JOIN grp g ON g.id = c.grp_id LEFT JOIN unit u ON u.id = c.unit_id "
		"LEFT JOIN person p ON p.id = c.person_id "
		"ORDER BY " LEVEL_ORDER("c") ", c.seq, c.id", err), out, NK, err);
}

/* Importing contacts. */

struct kcontact {
	long line;
	char *name, *org, *level, *role, *numbers, *note;
	long long grp_id, unit_id, person_id;
};

/* The file's contacts by name, for the checks that would otherwise compare
 * every row with every other (a file of many rows took hours): an open
 * addressing table of indices into kimport.v. */
struct kindex {
	int *slot;          /* index into v, or -1 */
	size_t cap;         /* a power of two, at least twice the names */
};

struct kimport {
	struct xfile x;
	struct kcontact *v;
	int n, cap;
	struct kindex by_name;
};

static size_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;  /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 32));
}

/* The row of the file's contact called `name`, or -1. */
static int kindex_find(const struct kimport *im, const char *name)
{
	const struct kindex *ix = &im->by_name;
	if (!ix->cap)
		return -1;
	for (size_t i = name_hash(name) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		if (ix->slot[i] < 0)
			return -1;
		if (strcmp(im->v[ix->slot[i]].name, name) == 0)
			return ix->slot[i];
	}
}

static void kindex_put(struct kindex *ix, const struct kcontact *v, int k)
{
	size_t i = name_hash(v[k].name) & (ix->cap - 1);
	while (ix->slot[i] >= 0)
		i = (i + 1) & (ix->cap - 1);
	ix->slot[i] = k;
}

/* Index contact im->v[k] under its name. */
static void kindex_add(struct kimport *im, int k)
{
	struct kindex *ix = &im->by_name;

	if ((size_t)(im->n + 1) * 2 > ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 64;
		free(ix->slot);
		ix->slot = dd_xmalloc(ix->cap * sizeof *ix->slot);
		memset(ix->slot, 0xff, ix->cap * sizeof *ix->slot);   /* all -1 */
		for (int i = 0; i < k; i++)
			kindex_put(ix, im->v, i);
	}
	kindex_put(ix, im->v, k);
}

static void kcontact_free(struct kcontact *k)
{
	free(k->name);
	free(k->org);
	free(k->level);
	free(k->role);
	free(k->numbers);
	free(k->note);
}

static int one_id(struct store *st, const char *sql, const char *name, long long *id,
		  struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	*id = 0;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the roster"));
}

/* group, unit and person: names of the roster. */
static int check_links(struct kimport *im, const struct csvio_row *row, struct kcontact *k,
		       struct dd_err *err)
{
	struct xfile *x = &im->x;
	char *group = xtrim(xfield(x, row, K_GROUP)), *unit = xtrim(xfield(x, row, K_UNIT));
	char *person = xtrim(xfield(x, row, K_PERSON));
	struct dd_err e;
	int rc = -1;

	if (*group && roster_find_group(x->st, group, &k->grp_id, &e) < 0) {
		if (e.code != DD_ENOTFOUND) {
			if (err)
				*err = e;
			goto out;
		}
		xproblem(x, row->line, K_GROUP, _("no group called '%s'"), group);
	}
	if (*unit) {
		if (one_id(x->st, "SELECT id FROM unit WHERE name = ?1", unit, &k->unit_id,
			   err) < 0)
			goto out;
		if (!k->unit_id)
			xproblem(x, row->line, K_UNIT, _("no unit called '%s' (the units are those "
							 "of the notice)"), unit);
	}
	if (*person) {
		if (one_id(x->st, "SELECT id FROM person WHERE name = ?1", person, &k->person_id,
			   err) < 0)
			goto out;
		if (!k->person_id)
			xproblem(x, row->line, K_PERSON, _("nobody called '%s' is on the roster "
							   "(import the roster first)"), person);
	}
	if (*group && *unit)
		xproblem(x, row->line, K_UNIT, _("a contact stands for a group's leaders or for a "
						 "unit, not both"));
	if (strcmp(k->level, "unit") == 0 && !*unit)
		xproblem(x, row->line, K_UNIT, _("empty; a contact of level unit names its unit"));
	rc = 0;
out:
	free(group);
	free(unit);
	free(person);
	return rc;
}

static int check_contact(struct kimport *im, const struct csvio_row *row, struct kcontact *k,
			 struct dd_err *err)
{
	struct xfile *x = &im->x;
	int lv, dup;

	k->line = row->line;
	k->name = xtrim(xfield(x, row, K_NAME));
	k->org = dd_xstrdup(xfield(x, row, K_ORG));
	k->level = dd_xstrdup(xfield(x, row, K_LEVEL));
	k->role = xtrim(xfield(x, row, K_ROLE));
	k->note = xtext(xfield(x, row, K_NOTE));
	if (!*k->name)
		xproblem(x, row->line, K_NAME, _("empty; every contact has a name"));
	xcheck_text(x, row->line, K_NAME, k->name, XNAME_MAX, 0);
	xcheck_text(x, row->line, K_ORG, k->org, XNAME_MAX, 0);
	xcheck_text(x, row->line, K_ROLE, k->role, XNAME_MAX, 0);
	xcheck_text(x, row->line, K_NOTE, k->note, XNOTE_MAX, 1);
	for (lv = 0; lv < NLEVELS; lv++)
		if (strcmp(k->level, levels[lv]) == 0)
			break;
	if (lv == NLEVELS && !*k->level)
		xproblem(x, row->line, K_LEVEL, _("empty; give province, city, county, town or "
						  "unit"));
	else if (lv == NLEVELS)
		xproblem(x, row->line, K_LEVEL, _("'%s' is not a level: province, city, county, "
						  "town or unit"), k->level);
	if (xparse_numbers(x, row->line, K_NUMBERS, xfield(x, row, K_NUMBERS), &k->numbers) < 0)
		k->numbers = NULL;
	if (check_links(im, row, k, err) < 0)
		return -1;
	if (*k->name && (dup = kindex_find(im, k->name)) >= 0)
		xproblem(x, row->line, K_NAME, _("%s is also on line %ld"), k->name,
			 im->v[dup].line);
	return 0;
}

static int contact_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct kimport *im = ctx;
	struct kcontact k = {0};
	int before = im->x.rep->count;

	if (!xfile_row(&im->x, row))
		return 0;
	if (check_contact(im, row, &k, err) < 0) {
		kcontact_free(&k);
		return -1;
	}
	if (im->x.rep->count != before) {
		kcontact_free(&k);
		return 0;
	}
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->v = dd_xrealloc(im->v, (size_t)im->cap * sizeof *im->v);
	}
	im->v[im->n] = k;
	kindex_add(im, im->n);
	im->n++;
	return 0;
}

static void bind_id(sqlite3_stmt *stmt, int idx, long long id)
{
	if (id)
		sqlite3_bind_int64(stmt, idx, id);
	else
		sqlite3_bind_null(stmt, idx);
}

struct number_ctx {
	struct store *st;
	long long contact_id;
	struct dd_err *err;
};

static int insert_number(const char *number, int seq, void *vctx)
{
	struct number_ctx *nc = vctx;
	sqlite3_stmt *stmt = store_prepare(nc->st, "INSERT INTO contact_number(contact_id, "
						   "number, seq) VALUES (?1, ?2, ?3)", nc->err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, nc->contact_id);
	store_bind_text(stmt, 2, number);
	sqlite3_bind_int(stmt, 3, seq);
	return store_exec_stmt(nc->st, stmt, _("saving a number"), nc->err);
}

static int clear_numbers(struct store *st, long long id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "DELETE FROM contact_number WHERE contact_id = ?1",
					   err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return store_exec_stmt(st, stmt, _("changing a contact's numbers"), err);
}

/* Insert (id 0) or update contact `k`; its numbers too when `numbers`. */
static int save_contact(struct store *st, const struct kcontact *k, long long id, int numbers,
			struct dd_err *err)
{
	struct number_ctx nc = {st, id, err};
	sqlite3_stmt *stmt = id
		? store_prepare(st, "UPDATE contact SET org = ?2, level = ?3, grp_id = ?4, "
				    "unit_id = ?5, person_id = ?6, role = ?7, note = ?8 WHERE "
				    "id = ?1 AND name = ?9", err)
		: store_prepare(st, "INSERT INTO contact(name, org, level, grp_id, unit_id, "
				    "person_id, role, note) VALUES (?9, ?2, ?3, ?4, ?5, ?6, ?7, "
				    "?8)", err);
	if (!stmt)
		return -1;
	if (id)
		sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, k->org);
	store_bind_text(stmt, 3, k->level);
	bind_id(stmt, 4, k->grp_id);
	bind_id(stmt, 5, k->unit_id);
	bind_id(stmt, 6, k->person_id);
	store_bind_text(stmt, 7, k->role);
	store_bind_text(stmt, 8, k->note);
	store_bind_text(stmt, 9, k->name);
	if (store_exec_stmt(st, stmt, _("saving a contact"), err) < 0)
		return -1;
	if (!id)
		nc.contact_id = sqlite3_last_insert_rowid(store_db(st));
	else if (numbers && clear_numbers(st, id, err) < 0)
		return -1;
	return numbers || !id ? xeach_number(k->numbers, insert_number, &nc) : 0;
}

static int apply_contact(struct kimport *im, const struct kcontact *k,
			 struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT c.id, c.org = ?2 AND c.level = ?3 AND coalesce(c.grp_id, 0) = ?4 AND "
		"coalesce(c.unit_id, 0) = ?5 AND coalesce(c.person_id, 0) = ?6 AND c.role = ?7 "
		"AND c.note = ?8, " NUMBERS_OF("c") " = ?9 FROM contact c WHERE c.name = ?1", err);
	long long id = 0;
	int rc, same = 0, same_numbers = 0;

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, k->name);
	store_bind_text(stmt, 2, k->org);
	store_bind_text(stmt, 3, k->level);
	sqlite3_bind_int64(stmt, 4, k->grp_id);
	sqlite3_bind_int64(stmt, 5, k->unit_id);
	sqlite3_bind_int64(stmt, 6, k->person_id);
	store_bind_text(stmt, 7, k->role);
	store_bind_text(stmt, 8, k->note);
	store_bind_text(stmt, 9, k->numbers);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		same = sqlite3_column_int(stmt, 1);
		same_numbers = sqlite3_column_int(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the contacts"));
	if (id && same && same_numbers)
		return 0;
	if (save_contact(st, k, id, !same_numbers, err) < 0)
		return -1;
	if (id)
		c->changed++;
	else
		c->added++;
	return 0;
}

static void note_kept(struct exchange_counts *c, const char *name)
{
	size_t len = strlen(c->kept_names);
	if (len + strlen(name) + 8 < sizeof c->kept_names)
		snprintf(c->kept_names + len, sizeof c->kept_names - len, "%s%s", len ? "; " : "",
			 name);
	else if (len + 4 < sizeof c->kept_names && !strstr(c->kept_names, "…"))
		snprintf(c->kept_names + len, sizeof c->kept_names - len, "; …");
	c->kept++;
}

/* Contacts the file leaves out: removed, unless rules or the log use them. */
static int drop_absent(struct kimport *im, struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT c.id, c.name, EXISTS (SELECT 1 FROM rule r WHERE r.contact_id = c.id) OR "
		"EXISTS (SELECT 1 FROM notification n WHERE n.contact_id = c.id) FROM contact c "
		"ORDER BY c.id", err);
	long long *drop = NULL;
	int n = 0, rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 1);
		if (kindex_find(im, name) >= 0)
			continue;
		if (sqlite3_column_int(stmt, 2)) {
			note_kept(c, name);
			continue;
		}
		drop = dd_xrealloc(drop, (size_t)(n + 1) * sizeof *drop);
		drop[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	for (int i = 0; rc == SQLITE_DONE && i < n; i++) {
		if (clear_numbers(st, drop[i], err) < 0 ||
		    !(stmt = store_prepare(st, "DELETE FROM contact WHERE id = ?1", err))) {
			free(drop);
			return -1;
		}
		sqlite3_bind_int64(stmt, 1, drop[i]);
		if (store_exec_stmt(st, stmt, _("removing a contact"), err) < 0) {
			free(drop);
			return -1;
		}
		c->removed++;
	}
	free(drop);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the contacts"));
}

static int apply_contacts(void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	struct kimport *im = ctx;

	for (int i = 0; i < im->n; i++)
		if (apply_contact(im, &im->v[i], c, err) < 0)
			return -1;
	return drop_absent(im, c, err);
}

int exchange_contacts_import(struct store *st, const struct actor *by, FILE *in, int dry_run,
			     struct csvio_report *rep, struct exchange_counts *c,
			     struct dd_err *err)
{
	struct kimport im = {0};
	int rc = 0;

	if (!dry_run && auth_require(st, by, ACCESS_ADMIN, _("importing the escalation contacts"),
				       err) < 0)
		return -1;
	xfile_init(&im.x, st, rep, contact_cols, NK);
	if (csvio_read(in, rep, contact_row, &im, err) < 0)
		rc = -1;
	else
		xempty(&im.x);
	if (rc == 0)
		rc = xrun(&im.x, by, EXCHANGE_CONTACTS, dry_run, apply_contacts, &im, c, err);
	for (int i = 0; i < im.n; i++)
		kcontact_free(&im.v[i]);
	free(im.v);
	free(im.by_name.slot);
	xfile_free(&im.x);
	return rc;
}
