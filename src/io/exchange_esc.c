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

static const struct xcol contact_cols[] = {
	{"name", 0}, {"org", 0}, {"level", 0}, {"group", 0}, {"unit", 1}, {"person", 0},
	{"role", 0}, {"numbers", 0}, {"note", 0},
};

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
 * The file streams through the checks into the database inside the import's
 * one transaction: nothing of a row is kept once it is written, so a file of
 * a million contacts takes the memory of a batch of rows, the page cache and
 * four bytes a row for the check across rows: the line that named each contact
 * the import wrote or found, by its id (a contact the import adds takes the
 * next id).  The same ids say, in one pass at the end, which stored contacts
 * the file leaves out.  Every row without a problem is written, even after a
 * problem elsewhere, so that a duplicate name is named whatever comes before
 * it; a problem anywhere rolls the whole transaction back. */

static void knames_free(struct knames *k)
{
	for (int i = 0; i < k->n; i++)
		free(k->name[i]);
	k->n = 0;
}

static int one_id(struct store *st, const char *sql, const char *name, long long *id,
		  struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	*id = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the roster"));
}

/* The id of a group or unit of the roster called `name` (0: none), looked up
 * once for the import: the import does not change the roster. */
static int roster_name(struct kimport *im, struct knames *k, const char *name, long long *id,
		       struct dd_err *err)
{
	struct dd_err e;

	for (int i = 0; i < k->n; i++) {
		if (strcmp(k->name[i], name) == 0) {
			*id = k->id[i];
			return 0;
		}
	}
	if (k == &im->units) {
		if (one_id(im->x.st, "SELECT id FROM unit WHERE name = ?1", name, id, err) < 0)
			return -1;
	} else if (roster_find_group(im->x.st, name, id, &e) < 0) {
		if (e.code != DD_ENOTFOUND) {
			if (err)
				*err = e;
			return -1;
		}
		*id = 0;
	}
	if (k->n < KNAMES) {
		k->name[k->n] = dd_xstrdup(name);
		k->id[k->n++] = *id;
	}
	return 0;
}

/* group, unit and person: names of the roster. */
static int check_links(struct kimport *im, const struct csvio_row *row, struct kcontact *k,
		       const char *group, const char *unit, const char *person,
		       struct dd_err *err)
{
	struct xfile *x = &im->x;

	if (*group) {
		if (roster_name(im, &im->groups, group, &k->grp_id, err) < 0)
			return -1;
		if (!k->grp_id)
			xproblem(x, row->line, K_GROUP, _("no group called '%s'"), group);
	}
	if (*unit) {
		if (roster_name(im, &im->units, unit, &k->unit_id, err) < 0)
			return -1;
		if (!k->unit_id)
			xproblem(x, row->line, K_UNIT, _("no unit called '%s' (the units are those "
							 "of the notice)"), unit);
	}
	if (*person) {
		if (one_id(x->st, "SELECT id FROM person WHERE name = ?1", person, &k->person_id,
			   err) < 0)
			return -1;
		if (!k->person_id)
			xproblem(x, row->line, K_PERSON, _("nobody called '%s' is on the roster "
							   "(import the roster first)"), person);
	}
	if (*group && *unit)
		xproblem(x, row->line, K_UNIT, _("a contact stands for a group's leaders or for a "
						 "unit, not both"));
	if (strcmp(k->level, "unit") == 0 && !*unit)
		xproblem(x, row->line, K_UNIT, _("empty; a contact of level unit names its unit"));
	return 0;
}

/* Copy `n` bytes of `s` to *w as a string; *w moves past it. */
static const char *kput(char **w, const char *s, size_t n)
{
	char *d = *w;

	memcpy(d, s, n);
	d[n] = '\0';
	*w += n + 1;
	return d;
}

/* A field without its spaces at either end (xtrim), copied to *w. */
static const char *kput_trim(char **w, const char *s)
{
	size_t n = strlen(s);
	const char *t = xtrim_span(s, &n);
	return kput(w, t, n);
}

/* A text field with CR LF made LF (xtext), copied to *w. */
static const char *kput_text(char **w, const char *s)
{
	char *d = *w, *o = d;

	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s;
	*o++ = '\0';
	*w = o;
	return d;
}

/* Check a row into `k`, whose texts are in im->row until the next row. */
static int check_contact(struct kimport *im, const struct csvio_row *row, struct kcontact *k,
			 struct dd_err *err)
{
	struct xfile *x = &im->x;
	const char *group, *unit, *person;
	size_t need = 64;
	char *w, *nums;
	int lv, before = x->rep->count;
	long dup = 0;

	/* Every text of the row, the numbers at most twice as long. */
	for (int i = 0; i < NK; i++)
		need += strlen(xfield(x, row, i)) * (i == K_NUMBERS ? 2 : 1) + 1;
	if (need > im->rowcap) {
		free(im->row);
		im->rowcap = need * 2;
		im->row = dd_xmalloc(im->rowcap);
	}
	w = im->row;
	k->line = row->line;
	k->name = kput_trim(&w, xfield(x, row, K_NAME));
	k->org = kput(&w, xfield(x, row, K_ORG), strlen(xfield(x, row, K_ORG)));
	k->level = kput(&w, xfield(x, row, K_LEVEL), strlen(xfield(x, row, K_LEVEL)));
	k->role = kput_trim(&w, xfield(x, row, K_ROLE));
	k->note = kput_text(&w, xfield(x, row, K_NOTE));
	group = kput_trim(&w, xfield(x, row, K_GROUP));
	unit = kput_trim(&w, xfield(x, row, K_UNIT));
	person = kput_trim(&w, xfield(x, row, K_PERSON));
	nums = w;
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
	k->numbers = xparse_numbers_into(x, row->line, K_NUMBERS, xfield(x, row, K_NUMBERS),
					 nums) < 0 ? NULL : nums;
	if (check_links(im, row, k, group, unit, person, err) < 0)
		return -1;
	/* A row without problems is written, and its name checked then
	 * (xcontacts_flush); only such a row counts as the name's first.  A
	 * problem has written the rows before this one. */
	if (*k->name && x->rep->count != before) {
		long long id;
		if (xcontacts_id(x->st, k->name, &id, err) < 0)
			return -1;
		if ((dup = xcontacts_line(im, id)) > 0)
			xproblem(x, row->line, K_NAME, _("%s is also on line %ld"), k->name, dup);
	}
	return 0;
}

/* Keep checked row `k` in the batch; a full batch is written. */

static size_t kkeep(struct kimport *im, const char *s)
{
	size_t n = strlen(s) + 1, at = im->tlen;

	if (im->tlen + n > im->tcap) {
		im->tcap = (im->tlen + n) * 2 > 4096 ? (im->tlen + n) * 2 : 4096;
		im->text = dd_xrealloc(im->text, im->tcap);
	}
	memcpy(im->text + at, s, n);
	im->tlen += n;
	return at;
}

static int kpend(struct kimport *im, const struct kcontact *k, struct dd_err *err)
{
	struct kpending *p = &im->pend[im->npend++];

	p->line = k->line;
	p->name = kkeep(im, k->name);
	p->org = kkeep(im, k->org);
	p->level = kkeep(im, k->level);
	p->role = kkeep(im, k->role);
	p->numbers = kkeep(im, k->numbers);
	p->note = kkeep(im, k->note);
	p->grp_id = k->grp_id;
	p->unit_id = k->unit_id;
	p->person_id = k->person_id;
	return im->npend == KBATCH ? xcontacts_flush(im, err) : 0;
}

static int contact_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct kimport *im = ctx;
	struct kcontact k = {0};
	int before = im->x.rep->count;

	if (im->failed)
		goto failed;
	if (!xfile_row(&im->x, row)) {
		if (im->failed)
			goto failed;
		return 0;
	}
	if (check_contact(im, row, &k, err) < 0) {
		im->failed = 1;
		return -1;
	}
	if (im->failed)
		goto failed;
	if (im->x.rep->count == before && kpend(im, &k, err) < 0) {
		im->failed = 1;
		return -1;
	}
	return 0;
failed:
	if (err)
		*err = im->ferr;
	return -1;
}

/* The report is about to take a problem: write the rows that wait first. */
static void before_problem(void *ctx)
{
	struct kimport *im = ctx;

	if (!im->failed && !im->flushing && im->npend && xcontacts_flush(im, &im->ferr) < 0)
		im->failed = 1;
}

/* Run a statement of no rows and no parameters. */
static int kexec(struct store *st, const char *sql, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	return stmt ? store_exec_stmt(st, stmt, _("importing the escalation contacts"), err) : -1;
}

/* For the import's transaction, a page cache of 32 MiB instead of SQLite's 2:
 * the name index of a million contacts stays in memory instead of going to
 * the disk for each row; and the journal of each statement (what a batch
 * of rows would undo, kflush_batch) in memory instead of a temporary file.
 * While the rows are written, the table's CHECKs are left to check_contact,
 * which applies each of them to every row before it is written (a name,
 * one of the five levels, numbers that are not empty): SQLite would build
 * a table of the five levels for every row a statement writes.  They hold
 * again for the rest (once the file is read), and `check` verifies them on the
 * whole file (PRAGMA integrity_check).  Then SQLite's own again. */
static int import_begin(struct kimport *im, struct dd_err *err)
{
	struct store *st = im->x.st;

	if (kexec(st, "PRAGMA main.cache_size = -32768", err) < 0 ||
	    kexec(st, "PRAGMA temp_store = MEMORY", err) < 0 ||
	    kexec(st, "PRAGMA ignore_check_constraints = ON", err) < 0 || store_begin(st, err) < 0)
		return -1;
	if (store_query_int(st, "SELECT coalesce(max(id), 0) FROM contact", 0, &im->last_id,
			    err) < 0) {
		store_rollback(st);
		return -1;
	}
	im->old_line = dd_xcalloc((size_t)im->last_id + 1, sizeof *im->old_line);
	return 0;
}

static void import_end(struct kimport *im)
{
	kexec(im->x.st, "PRAGMA main.cache_size = -2000", NULL);
	kexec(im->x.st, "PRAGMA temp_store = DEFAULT", NULL);
	kexec(im->x.st, "PRAGMA ignore_check_constraints = OFF", NULL);
	free(im->old_line);
	free(im->new_line);
	free(im->row);
	free(im->text);
	knames_free(&im->groups);
	knames_free(&im->units);
	im->x.rep->before_problem = NULL;
	im->x.rep->before_ctx = NULL;
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
	rep->before_problem = before_problem;
	rep->before_ctx = &im;
	if (csvio_read(in, rep, contact_row, &im, err) < 0) {
		rc = -1;
	} else if (im.failed || xcontacts_flush(&im, err) < 0) {
		if (im.failed && err)
			*err = im.ferr;
		rc = -1;
	} else if (kexec(st, "PRAGMA ignore_check_constraints = OFF", err) < 0) {
		rc = -1;
	} else {
		xempty(&im.x);
	}
	if (rc == 0)
		rc = xrun(&im.x, by, EXCHANGE_CONTACTS, dry_run, xcontacts_removals, &im, c, err);
	/* xrun kept its part (its commit) only for a change to keep: the same here. */
	if (rc == 0 && !dry_run && exchange_counts_any(c))
		rc = store_commit(st, err);
	else
		store_rollback(st);
	import_end(&im);
	xfile_free(&im.x);
	return rc;
}
