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

/* Importing contacts.
 *
 * The file streams through the checks of each row into a temporary table
 * without an index (temp.kin), with the line of each row: the memory is
 * that of one row and the page cache.  What needs the other rows (a name on
 * two lines) and the merge with the stored contacts are then a few
 * statements over the whole set, sorted by name, so that the lookups and
 * inserts into the index of the names go in its order instead of the
 * file's.  All of it is the import's one transaction: a problem anywhere
 * rolls it back. */

struct kcontact {
	long line;
	char *name, *org, *level, *role, *numbers, *note;
	long long grp_id, unit_id, person_id;
};

struct kimport {
	struct xfile x;
	struct exchange_counts *c;
	long long last_id;             /* the largest contact id before the import */
	long key[CSVIO_PROBLEMS_MAX];  /* where each kept problem stands in the file */
	int nkeyed;
	long prev_line;                /* the line of the row read last */
	int failed;                    /* the database failed: stop */
};

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
	int lv;

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
	return 0;
}

/* Run a statement of no rows and no parameters. */
static int kexec(struct store *st, const char *sql, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	return stmt ? store_exec_stmt(st, stmt, _("importing the escalation contacts"), err) : -1;
}

static void bind_id(sqlite3_stmt *stmt, int idx, long long id)
{
	if (id)
		sqlite3_bind_int64(stmt, idx, id);
	else
		sqlite3_bind_null(stmt, idx);
}

/* The numbers of a row without problems, a row each, in the order of the
 * lines (temp.knum). */
struct knumber {
	struct store *st;
	long line;
	struct dd_err *err;
};

static int stage_number(const char *number, int seq, void *ctx)
{
	struct knumber *kn = ctx;
	sqlite3_stmt *stmt = store_prepare(kn->st, "INSERT INTO temp.knum(line, seq, number) "
					   "VALUES (?1, ?2, ?3)", kn->err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, kn->line);
	sqlite3_bind_int(stmt, 2, seq);
	store_bind_text(stmt, 3, number);
	return store_exec_stmt(kn->st, stmt, _("importing the escalation contacts"), kn->err);
}

/* Keep row `k` for what is done across rows: `ok` when it has no problem.
 * A row with a problem is kept for its name only, which a row before it
 * may have named. */
static int stage_contact(struct kimport *im, const struct kcontact *k, int ok,
			 struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO temp.kin(line, ok, name, org, level, grp_id, unit_id, person_id, "
		"role, note, numbers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, k->line);
	sqlite3_bind_int(stmt, 2, ok);
	store_bind_text(stmt, 3, k->name);
	store_bind_text(stmt, 4, k->org);
	store_bind_text(stmt, 5, k->level);
	bind_id(stmt, 6, k->grp_id);
	bind_id(stmt, 7, k->unit_id);
	bind_id(stmt, 8, k->person_id);
	store_bind_text(stmt, 9, k->role);
	store_bind_text(stmt, 10, k->note);
	store_bind_text(stmt, 11, k->numbers);
	if (store_exec_stmt(st, stmt, _("importing the escalation contacts"), err) < 0)
		return -1;
	if (ok) {
		struct knumber kn = {st, k->line, err};
		return xeach_number(k->numbers, stage_number, &kn);
	}
	return 0;
}

/* Where the problems reported since the last call stand in the file, so
 * that those found later across rows go in among them in the order of the
 * lines: 2 * LINE for a problem of the row on LINE, 2 * LINE + 1 for one
 * reported after that row (the reader's, of rows it skipped). */
static void key_problems(struct kimport *im, long key)
{
	int n = im->x.rep->count < CSVIO_PROBLEMS_MAX ? im->x.rep->count : CSVIO_PROBLEMS_MAX;

	while (im->nkeyed < n)
		im->key[im->nkeyed++] = key;
}

static int contact_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct kimport *im = ctx;
	struct kcontact k = {0};
	int before, rc = 0;

	if (im->failed)
		return -1;
	key_problems(im, 2 * im->prev_line + 1);
	im->prev_line = row->line;
	before = im->x.rep->count;
	if (xfile_row(&im->x, row)) {
		if (check_contact(im, row, &k, err) < 0 ||
		    (*k.name && stage_contact(im, &k, im->x.rep->count == before, err) < 0))
			rc = -1;
		kcontact_free(&k);
	}
	key_problems(im, 2 * row->line);
	if (rc < 0)
		im->failed = 1;
	return rc;
}

/* Put the problems of `more`, keyed by `mkey` in the order of the lines,
 * among those of the file, as if each had been found with its row. */
static void merge_problems(struct kimport *im, struct csvio_report *more, const long *mkey)
{
	struct csvio_report *rep = im->x.rep;
	char *msg[CSVIO_PROBLEMS_MAX];
	int n1 = rep->count < CSVIO_PROBLEMS_MAX ? rep->count : CSVIO_PROBLEMS_MAX;
	int n2 = more->count < CSVIO_PROBLEMS_MAX ? more->count : CSVIO_PROBLEMS_MAX;
	int i = 0, j = 0, o = 0;

	key_problems(im, 2 * im->prev_line + 1);
	while (o < CSVIO_PROBLEMS_MAX && (i < n1 || j < n2)) {
		if (j == n2 || (i < n1 && im->key[i] <= mkey[j]))
			msg[o++] = rep->msg[i++];
		else
			msg[o++] = more->msg[j++];
	}
	while (i < n1)
		free(rep->msg[i++]);
	while (j < n2)
		free(more->msg[j++]);
	memcpy(rep->msg, msg, (size_t)o * sizeof *msg);
	rep->count += more->count;
	more->count = 0;
}

/* A name on two lines: every row that names a contact a row without
 * problems named before it.  In one pass over the names, sorted. */
static int check_names(struct kimport *im, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"WITH f AS (SELECT name, min(CASE WHEN ok THEN line END) AS first FROM temp.kin "
		"GROUP BY name HAVING count(*) > 1 AND first IS NOT NULL) "
		"SELECT k.line, k.name, f.first FROM f JOIN temp.kin k ON k.name = f.name "
		"AND k.line > f.first ORDER BY k.line", err);
	struct csvio_report dups;
	struct xfile dx = im->x;
	long key[CSVIO_PROBLEMS_MAX];
	int rc;

	if (!stmt)
		return -1;
	csvio_report_init(&dups, im->x.rep->file);
	dups.header = im->x.rep->header;
	dups.nheader = im->x.rep->nheader;
	dx.rep = &dups;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long line = (long)sqlite3_column_int64(stmt, 0);
		if (dups.count < CSVIO_PROBLEMS_MAX)
			key[dups.count] = 2 * line;
		xproblem(&dx, line, K_NAME, _("%s is also on line %ld"),
			 (const char *)sqlite3_column_text(stmt, 1),
			 (long)sqlite3_column_int64(stmt, 2));
	}
	sqlite3_reset(stmt);
	merge_problems(im, &dups, key);
	csvio_report_free(&dups);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the contacts"));
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

/* The file's rows beside the stored contacts of their names, in the order
 * of the names: st 0 for a new name, 1 for a contact as stored, 2 for one
 * that changes; nsame when its numbers stay.  (The WHERE keeps the inner
 * query whole, so that the numbers are read once a row.) */
static const char kx_sql[] =
	"CREATE TEMP TABLE kx AS WITH k AS MATERIALIZED (SELECT * FROM temp.kin ORDER BY name) "
	"SELECT *, CASE WHEN cid IS NULL THEN 0 WHEN same AND nsame "
	"THEN 1 ELSE 2 END AS st FROM (SELECT k.line, k.name, k.org, k.level, k.grp_id, "
	"k.unit_id, k.person_id, k.role, k.note, k.numbers, c.id AS cid, "
	"c.org = k.org AND c.level = k.level AND c.grp_id IS k.grp_id AND "
	"c.unit_id IS k.unit_id AND c.person_id IS k.person_id AND c.role = k.role AND "
	"c.note = k.note AS same, CASE WHEN c.id IS NULL THEN 0 ELSE " NUMBERS_OF("c")
	" = k.numbers END AS nsame FROM k LEFT JOIN main.contact c ON c.name = k.name "
	"LIMIT -1) WHERE line > 0";

/* New contacts take the ids after the stored ones in the order of the file
 * (the order among contacts of a level): temp.kid, by line. */
static const char kid_sql[] =
	"INSERT INTO temp.kid(line, id) SELECT line, ?1 + row_number() OVER (ORDER BY line) "
	"FROM temp.kx WHERE st = 0";

/* They go into the index of the names in its order (kx's rows are in that
 * order). */
static const char insert_sql[] =
	"INSERT INTO main.contact(id, name, org, level, grp_id, unit_id, person_id, role, "
	"note) SELECT i.id, x.name, x.org, x.level, x.grp_id, x.unit_id, x.person_id, x.role, "
	"x.note FROM temp.kx x JOIN temp.kid i ON i.line = x.line ORDER BY x.rowid";

static const char update_sql[] =
	"UPDATE main.contact SET org = x.org, level = x.level, grp_id = x.grp_id, "
	"unit_id = x.unit_id, person_id = x.person_id, role = x.role, note = x.note "
	"FROM temp.kx AS x WHERE x.st = 2 AND x.cid = contact.id";

/* Their numbers, and those of changed contacts whose numbers change. */
static const char numbers_sql[] =
	"INSERT INTO main.contact_number(contact_id, number, seq) SELECT i.id, n.number, n.seq "
	"FROM temp.kid i JOIN temp.knum n ON n.line = i.line ORDER BY i.line, n.seq";
static const char renumber_sql[] =
	"INSERT INTO main.contact_number(contact_id, number, seq) SELECT x.cid, n.number, "
	"n.seq FROM temp.kx x JOIN temp.knum n ON n.line = x.line WHERE x.st = 2 AND "
	"NOT x.nsame ORDER BY x.cid, n.seq";

/* Stored contacts the file leaves out, and whether rules or the log use
 * them. */
#define ABSENT(c)                                                                        \
	c ".id <= ?1 AND " c ".id NOT IN (SELECT cid FROM temp.kx WHERE cid IS NOT NULL)"
#define USED(c)                                                                          \
	"(EXISTS (SELECT 1 FROM main.rule r WHERE r.contact_id = " c ".id) OR EXISTS "     \
	"(SELECT 1 FROM main.notification n WHERE n.contact_id = " c ".id))"

static int kquery(struct store *st, const char *sql, long long arg, int *out,
		  struct dd_err *err)
{
	long long v = 0;
	if (store_query_int(st, sql, arg, &v, err) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int kexec_id(struct store *st, const char *sql, long long arg, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, arg);
	return store_exec_stmt(st, stmt, _("importing the escalation contacts"), err);
}

/* Contacts the file leaves out: removed, unless rules or the log use them;
 * those kept are named in the order of their ids. */
static int drop_absent(struct kimport *im, struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st, "SELECT c.name FROM main.contact c WHERE "
					   ABSENT("c") " AND " USED("c") " ORDER BY c.id", err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->last_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		note_kept(c, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the contacts"));
	if (kexec_id(st, "DELETE FROM main.contact_number WHERE contact_id IN (SELECT c.id "
		     "FROM main.contact c WHERE " ABSENT("c") " AND NOT " USED("c") ")",
		     im->last_id, err) < 0 ||
	    kexec_id(st, "DELETE FROM main.contact WHERE id IN (SELECT c.id FROM main.contact c "
		     "WHERE " ABSENT("c") " AND NOT " USED("c") ")", im->last_id, err) < 0)
		return -1;
	c->removed = sqlite3_changes(store_db(st));
	return 0;
}

/* Make the stored contacts match the file, set-wise. */
static int apply_contacts(void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	struct kimport *im = ctx;
	struct store *st = im->x.st;

	if (kexec(st, kx_sql, err) < 0 ||
	    kquery(st, "SELECT count(*) FROM temp.kx WHERE st = 0", 0, &c->added, err) < 0 ||
	    kquery(st, "SELECT count(*) FROM temp.kx WHERE st = 2", 0, &c->changed, err) < 0)
		return -1;
	if (c->changed &&
	    (kexec(st, update_sql, err) < 0 ||
	     kexec(st, "DELETE FROM main.contact_number WHERE contact_id IN "
		   "(SELECT cid FROM temp.kx WHERE st = 2 AND NOT nsame)", err) < 0 ||
	     kexec(st, renumber_sql, err) < 0))
		return -1;
	if (c->added &&
	    (kexec_id(st, kid_sql, im->last_id, err) < 0 || kexec(st, insert_sql, err) < 0 ||
	     kexec(st, numbers_sql, err) < 0))
		return -1;
	return drop_absent(im, c, err);
}

static void drop_temp(struct store *st)
{
	kexec(st, "DROP TABLE IF EXISTS temp.kin", NULL);
	kexec(st, "DROP TABLE IF EXISTS temp.kx", NULL);
	kexec(st, "DROP TABLE IF EXISTS temp.knum", NULL);
	kexec(st, "DROP TABLE IF EXISTS temp.kid", NULL);
}

/* For the import's transaction, a page cache of 32 MiB instead of SQLite's 2,
 * for the sorts and the merge.  Then SQLite's own again. */
static int import_begin(struct kimport *im, struct dd_err *err)
{
	struct store *st = im->x.st;

	drop_temp(st);
	if (kexec(st, "PRAGMA main.cache_size = -32768", err) < 0 ||
	    kexec(st, "PRAGMA temp.cache_size = -16384", err) < 0 || store_begin(st, err) < 0)
		return -1;
	if (store_query_int(st, "SELECT coalesce(max(id), 0) FROM contact", 0, &im->last_id,
			    err) < 0 ||
	    kexec(st, "CREATE TEMP TABLE kin(line INTEGER PRIMARY KEY, ok INTEGER, name TEXT, "
		  "org TEXT, level TEXT, grp_id INTEGER, unit_id INTEGER, person_id INTEGER, "
		  "role TEXT, note TEXT, numbers TEXT)", err) < 0 ||
	    kexec(st, "CREATE TEMP TABLE knum(line INTEGER, seq INTEGER, number TEXT, "
		  "PRIMARY KEY (line, seq)) WITHOUT ROWID", err) < 0 ||
	    kexec(st, "CREATE TEMP TABLE kid(line INTEGER PRIMARY KEY, id INTEGER)", err) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

static void import_end(struct kimport *im)
{
	drop_temp(im->x.st);
	kexec(im->x.st, "PRAGMA main.cache_size = -2000", NULL);
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
	im.c = c;
	if (import_begin(&im, err) < 0) {
		import_end(&im);
		xfile_free(&im.x);
		return -1;
	}
	if (csvio_read(in, rep, contact_row, &im, err) < 0 || check_names(&im, err) < 0)
		rc = -1;
	else
		xempty(&im.x);
	if (rc == 0)
		rc = xrun(&im.x, by, EXCHANGE_CONTACTS, dry_run, apply_contacts, &im, c, err);
	/* xrun kept its part (its commit) only for a change to keep: the same here. */
	if (rc == 0 && !dry_run && exchange_counts_any(c))
		rc = store_commit(st, err);
	else
		store_rollback(st);
	import_end(&im);
	xfile_free(&im.x);
	return rc;
}
