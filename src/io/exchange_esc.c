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
 * The file streams through the checks into the database inside the import's
 * one transaction: nothing of a row is kept once it is written, so a file of
 * a million contacts takes the memory of one row, the page cache and four
 * bytes a row for the check across rows: the line that named each contact
 * the import wrote or found, by its id (a contact the import adds takes the
 * next id).  The same ids say, in one pass at the end, which stored contacts
 * the file leaves out.  Every row without a problem is written, even after a
 * problem elsewhere, so that a duplicate name is named whatever comes before
 * it; a problem anywhere rolls the whole transaction back. */

/* Rows without a problem wait in a batch of KBATCH and are written by one
 * statement: a statement's own work (its start, its end, the check of the
 * level) is then shared by the batch.  A problem of the file, wherever it
 * is found, first writes the rows that wait (kflush through the report's
 * before_problem), so that the problems stay in the order of the lines. */
#define KBATCH 128
#define KNBATCH 128   /* numbers written by one statement */

struct kcontact {
	long line;
	const char *name, *org, *level, *role, *numbers, *note;
	long long grp_id, unit_id, person_id;
};

/* A checked row in the batch: its texts are at these offsets of `text`. */
struct kpending {
	long line;
	size_t name, org, level, role, numbers, note;
	long long grp_id, unit_id, person_id;
};

/* A number of a new contact, waiting to be written. */
struct knumber {
	long long contact_id;
	const char *number;
	int len, seq;
};

/* A name of the roster the file gives, looked up once. */
#define KNAMES 32
struct knames {
	char *name[KNAMES];
	long long id[KNAMES];
	int n;
};

struct kimport {
	struct xfile x;
	struct exchange_counts *c;
	long long last_id;   /* the largest contact id before the import */
	int32_t *old_line;   /* [id]: the line that named stored contact id, or 0 */
	int32_t *new_line;   /* [id - last_id - 1]: the line that added contact id */
	long long nnew, capnew;
	int failed;          /* the database failed: stop */
	struct dd_err ferr;  /* why, when it failed in kflush from the report */
	char *row;           /* the current row's texts */
	size_t rowcap;
	struct kpending pend[KBATCH];
	int npend, flushing;
	char *text;          /* the texts of the rows in the batch */
	size_t tlen, tcap;
	struct knumber num[KNBATCH];
	int nnum;
	struct knames groups, units;
};

static void knames_free(struct knames *k)
{
	for (int i = 0; i < k->n; i++)
		free(k->name[i]);
	k->n = 0;
}

/* Run a statement of no rows; `what` is translated only when it failed. */
static int kstep(struct store *st, sqlite3_stmt *stmt, const char *what, struct dd_err *err)
{
	int rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, err, rc, _(what));
		sqlite3_reset(stmt);
		return -1;
	}
	sqlite3_reset(stmt);
	return 0;
}

/* Bind a text that stays as it is until the statement is reset. */
static void kbind(sqlite3_stmt *stmt, int idx, const char *s)
{
	sqlite3_bind_text(stmt, idx, s, -1, SQLITE_STATIC);
}

/* The line that named contact `id` before, or 0. */
static long kline(const struct kimport *im, long long id)
{
	if (id <= 0)
		return 0;
	if (id <= im->last_id)
		return im->old_line[id];
	return id - im->last_id - 1 < im->nnew ? im->new_line[id - im->last_id - 1] : 0;
}

/* Line `line` names contact `id`: 0, or the line that named it before. */
static long knamed(struct kimport *im, long long id, long line)
{
	long before = kline(im, id);

	if (before)
		return before;
	if (id <= im->last_id) {
		im->old_line[id] = (int32_t)line;
		return 0;
	}
	while (id - im->last_id - 1 >= im->capnew) {
		long long cap = im->capnew ? im->capnew * 2 : 1024;
		im->new_line = dd_xrealloc(im->new_line, (size_t)cap * sizeof *im->new_line);
		memset(im->new_line + im->capnew, 0, (size_t)(cap - im->capnew) *
		       sizeof *im->new_line);
		im->capnew = cap;
	}
	im->new_line[id - im->last_id - 1] = (int32_t)line;
	if (id - im->last_id > im->nnew)
		im->nnew = id - im->last_id;
	return 0;
}

static int one_id(struct store *st, const char *sql, const char *name, long long *id,
		  struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	*id = 0;
	if (!stmt)
		return -1;
	kbind(stmt, 1, name);
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

static int contact_id(struct store *st, const char *name, long long *id, struct dd_err *err);

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
	 * (kflush); only such a row counts as the name's first.  A problem
	 * has written the rows before this one (kflush). */
	if (*k->name && x->rep->count != before) {
		long long id;
		if (contact_id(x->st, k->name, &id, err) < 0)
			return -1;
		if ((dup = kline(im, id)) > 0)
			xproblem(x, row->line, K_NAME, _("%s is also on line %ld"), k->name, dup);
	}
	return 0;
}

/* Keep checked row `k` in the batch; a full batch is written. */
static int kflush(struct kimport *im, struct dd_err *err);

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
	return im->npend == KBATCH ? kflush(im, err) : 0;
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

	if (!im->failed && !im->flushing && im->npend && kflush(im, &im->ferr) < 0)
		im->failed = 1;
}

static void bind_id(sqlite3_stmt *stmt, int idx, long long id)
{
	if (id)
		sqlite3_bind_int64(stmt, idx, id);
	else
		sqlite3_bind_null(stmt, idx);
}

static int insert_number(struct store *st, long long contact_id, const char *number, int len,
			 int seq, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO contact_number(contact_id, "
					   "number, seq) VALUES (?1, ?2, ?3)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, contact_id);
	sqlite3_bind_text(stmt, 2, number, len, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, seq);
	return kstep(st, stmt, N_("saving a number"), err);
}

/* Write the numbers that wait: KNBATCH by one statement, the rest alone. */
static int knumbers_flush(struct kimport *im, struct dd_err *err)
{
	static char sql[64 + KNBATCH * 12];
	struct store *st = im->x.st;
	int i = 0;

	if (im->nnum == KNBATCH) {
		sqlite3_stmt *stmt;
		if (!sql[0]) {
			size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO contact_number("
						    "contact_id, number, seq) VALUES ");
			for (int j = 0; j < KNBATCH; j++)
				n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(?,?,?)",
						      j ? "," : "");
		}
		if (!(stmt = store_prepare(st, sql, err)))
			return -1;
		for (int j = 0; j < KNBATCH; j++) {
			sqlite3_bind_int64(stmt, 3 * j + 1, im->num[j].contact_id);
			sqlite3_bind_text(stmt, 3 * j + 2, im->num[j].number, im->num[j].len,
					  SQLITE_STATIC);
			sqlite3_bind_int(stmt, 3 * j + 3, im->num[j].seq);
		}
		if (kstep(st, stmt, N_("saving a number"), err) < 0)
			return -1;
		i = KNBATCH;
	}
	for (; i < im->nnum; i++)
		if (insert_number(st, im->num[i].contact_id, im->num[i].number, im->num[i].len,
				  im->num[i].seq, err) < 0)
			return -1;
	im->nnum = 0;
	return 0;
}

/* Each number of the canonical list `numbers` for contact `id`; `queue`:
 * they may wait (numbers_flush), for a new contact whose numbers nothing
 * else writes before. */
static int knumbers(struct kimport *im, long long id, const char *numbers, int queue,
		    struct dd_err *err)
{
	const char *p = numbers;
	int seq = 0;

	while (*p) {
		const char *e = strstr(p, "; ");
		int k = (int)(e ? (size_t)(e - p) : strlen(p));
		if (!queue) {
			if (insert_number(im->x.st, id, p, k, ++seq, err) < 0)
				return -1;
		} else {
			im->num[im->nnum++] = (struct knumber){id, p, k, ++seq};
			if (im->nnum == KNBATCH && knumbers_flush(im, err) < 0)
				return -1;
		}
		p += k;
		if (e)
			p += 2;
	}
	return 0;
}

static int clear_numbers(struct store *st, long long id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "DELETE FROM contact_number WHERE contact_id = ?1",
					   err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return kstep(st, stmt, N_("changing a contact's numbers"), err);
}

/* Whether stored contact `id` has the canonical numbers `numbers`. */
static int numbers_same(struct store *st, long long id, const char *numbers, int *same,
			struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " NUMBERS_OF("c") " = ?2 FROM contact c "
					   "WHERE c.id = ?1", err);
	int rc;

	*same = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	kbind(stmt, 2, numbers);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*same = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the contacts"));
}

/* The stored id of the contact called `name`, or 0. */
static int contact_id(struct store *st, const char *name, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT id FROM contact WHERE name = ?1", err);
	int rc;

	*id = 0;
	if (!stmt)
		return -1;
	kbind(stmt, 1, name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the contacts"));
}

static void bind_contact(sqlite3_stmt *stmt, int at, const struct kcontact *k)
{
	kbind(stmt, at + 1, k->name);
	kbind(stmt, at + 2, k->org);
	kbind(stmt, at + 3, k->level);
	bind_id(stmt, at + 4, k->grp_id);
	bind_id(stmt, at + 5, k->unit_id);
	bind_id(stmt, at + 6, k->person_id);
	kbind(stmt, at + 7, k->role);
	kbind(stmt, at + 8, k->note);
}

/* Insert contact `k` when its name is new: 1 when it was, 0 when the name
 * is taken.  A plain INSERT of one row needs no statement journal, where an
 * INSERT ... ON CONFLICT DO UPDATE opens one for every row; a taken name
 * fails it before anything is written.  A new contact's id is above every
 * id stored before the import. */
static int insert_contact(struct kimport *im, const struct kcontact *k, long long *id,
			  struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO contact(name, org, level, grp_id, unit_id, person_id, role, note) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	int rc;

	if (!stmt)
		return -1;
	bind_contact(stmt, 0, k);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE) {
		*id = sqlite3_last_insert_rowid(store_db(st));
		return 1;
	}
	if (sqlite3_extended_errcode(store_db(st)) == SQLITE_CONSTRAINT_UNIQUE)
		return 0;
	return store_fail(st, err, rc, _("saving a contact"));
}

/* Update stored contact `id` to `k` where it differs: *changed says whether
 * it did. */
static int update_contact(struct store *st, long long id, const struct kcontact *k,
			  int *changed, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"UPDATE contact SET org = ?2, level = ?3, grp_id = ?4, unit_id = ?5, "
		"person_id = ?6, role = ?7, note = ?8 WHERE id = ?10 AND name = ?1 AND NOT "
		"(org = ?2 AND level = ?3 AND grp_id IS ?4 AND unit_id IS ?5 AND person_id IS ?6 "
		"AND role = ?7 AND note = ?8 AND " NUMBERS_OF("contact") " = ?9)", err);

	*changed = 0;
	if (!stmt)
		return -1;
	bind_contact(stmt, 0, k);
	kbind(stmt, 9, k->numbers);
	sqlite3_bind_int64(stmt, 10, id);
	if (kstep(st, stmt, N_("saving a contact"), err) < 0)
		return -1;
	*changed = sqlite3_changes(store_db(st)) > 0;
	return 0;
}

/* Contact `k` names contact `id`, which it did not add: a name twice in
 * the file, or a stored contact to update where it differs. */
static int apply_named(struct kimport *im, const struct kcontact *k, long long id,
		       struct dd_err *err)
{
	struct store *st = im->x.st;
	int same_numbers, changed;
	long dup;

	/* The name was there: stored before, or named by an earlier line. */
	if ((dup = knamed(im, id, k->line)) > 0) {
		xproblem(&im->x, k->line, K_NAME, _("%s is also on line %ld"), k->name, dup);
		return 0;
	}
	if (update_contact(st, id, k, &changed, err) < 0)
		return -1;
	if (!changed)
		return 0;                       /* the same as stored */
	im->c->changed++;
	if (numbers_same(st, id, k->numbers, &same_numbers, err) < 0)
		return -1;
	if (same_numbers)
		return 0;
	if (clear_numbers(st, id, err) < 0)
		return -1;
	return knumbers(im, id, k->numbers, 0, err);
}

/* Contact `k` was added as contact `id`. */
static int apply_added(struct kimport *im, const struct kcontact *k, long long id,
		       struct dd_err *err)
{
	knamed(im, id, k->line);
	im->c->added++;
	return knumbers(im, id, k->numbers, 1, err);
}

/* Insert contact `k`, or update the stored one of its name where it
 * differs. */
static int apply_contact(struct kimport *im, const struct kcontact *k, struct dd_err *err)
{
	long long id = 0;
	int added;

	if ((added = insert_contact(im, k, &id, err)) < 0)
		return -1;
	if (added)
		return apply_added(im, k, id, err);
	/* Its numbers after those of the contacts before it, as the rows go. */
	if (knumbers_flush(im, err) < 0 || contact_id(im->x.st, k->name, &id, err) < 0)
		return -1;
	return apply_named(im, k, id, err);
}

static void kpending_contact(const struct kimport *im, const struct kpending *p,
			     struct kcontact *k)
{
	*k = (struct kcontact){
		.line = p->line, .name = im->text + p->name, .org = im->text + p->org,
		.level = im->text + p->level, .role = im->text + p->role,
		.numbers = im->text + p->numbers, .note = im->text + p->note,
		.grp_id = p->grp_id, .unit_id = p->unit_id, .person_id = p->person_id,
	};
}

/* A full batch by one INSERT OR IGNORE: a row whose name is taken (stored,
 * or by an earlier row of the batch) is left out, and only such a row, as
 * the rows are checked before.  The rows added take the next ids in their
 * order; when some were left out, each row's name says which. */
static int kflush_batch(struct kimport *im, struct dd_err *err)
{
	static char sql[160 + KBATCH * 20];
	struct store *st = im->x.st;
	sqlite3 *db = store_db(st);
	sqlite3_stmt *stmt;
	struct kcontact k;
	long long last, first, id;
	int rc, changes;

	if (!sql[0]) {
		size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO contact(name, "
					    "org, level, grp_id, unit_id, person_id, role, note) "
					    "VALUES ");
		for (int j = 0; j < KBATCH; j++)
			n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(?,?,?,?,?,?,?,?)",
					      j ? "," : "");
	}
	if (!(stmt = store_prepare(st, sql, err)))
		return -1;
	for (int i = 0; i < KBATCH; i++) {
		kpending_contact(im, &im->pend[i], &k);
		bind_contact(stmt, 8 * i, &k);
	}
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE) {
		store_fail(st, err, rc, _("saving a contact"));
		sqlite3_reset(stmt);
		return -1;
	}
	changes = sqlite3_changes(db);
	last = sqlite3_last_insert_rowid(db);
	sqlite3_reset(stmt);
	first = changes > 0 ? last - changes + 1 : last + 1;
	for (int i = 0; i < KBATCH; i++) {
		kpending_contact(im, &im->pend[i], &k);
		if (changes == KBATCH) {
			id = first + i;
		} else if (contact_id(st, k.name, &id, err) < 0) {
			return -1;
		} else if (!id) {
			return dd_fail(err, DD_ESTORE, _("saving a contact: %s was not saved"),
				       k.name);
		}
		/* The first row of a name the batch added is the one that added it. */
		if (id >= first && id <= last && !kline(im, id)) {
			if (apply_added(im, &k, id, err) < 0)
				return -1;
		} else if (knumbers_flush(im, err) < 0 || apply_named(im, &k, id, err) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Write the rows that wait. */
static int kflush(struct kimport *im, struct dd_err *err)
{
	struct kcontact k;
	int rc = 0;

	if (im->flushing || !im->npend)
		return 0;
	im->flushing = 1;
	if (im->npend == KBATCH) {
		rc = kflush_batch(im, err);
	} else {
		for (int i = 0; rc == 0 && i < im->npend; i++) {
			kpending_contact(im, &im->pend[i], &k);
			rc = apply_contact(im, &k, err);
		}
	}
	if (rc == 0)
		rc = knumbers_flush(im, err);
	im->npend = 0;
	im->tlen = 0;
	im->flushing = 0;
	return rc;
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

/* Contacts the file leaves out, in one pass: removed, unless rules or the
 * log use them. */
static int drop_absent(struct kimport *im, struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT c.id, c.name, EXISTS (SELECT 1 FROM rule r WHERE r.contact_id = c.id) OR "
		"EXISTS (SELECT 1 FROM notification n WHERE n.contact_id = c.id) FROM contact c "
		"WHERE c.id <= ?1 ORDER BY c.id", err);
	long long *drop = NULL;
	int n = 0, cap = 0, rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->last_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (kline(im, sqlite3_column_int64(stmt, 0)))
			continue;                       /* in the file */
		if (sqlite3_column_int(stmt, 2)) {
			note_kept(c, (const char *)sqlite3_column_text(stmt, 1));
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			drop = dd_xrealloc(drop, (size_t)cap * sizeof *drop);
		}
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

/* The rows are in already (contact_row); what is left is the removals. */
static int apply_contacts(void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	struct kimport *im = ctx;
	return drop_absent(im, c, err);
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
	} else if (im.failed || kflush(&im, err) < 0) {
		if (im.failed && err)
			*err = im.ferr;
		rc = -1;
	} else if (kexec(st, "PRAGMA ignore_check_constraints = OFF", err) < 0) {
		rc = -1;
	} else {
		xempty(&im.x);
	}
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
