/* exchange_contacts_write.c — writing the checked rows of a contacts file:
 * batches of new contacts and their numbers, the names the file gives twice,
 * the stored contacts it changes, and those it leaves out. */
#include "io/exchange_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "store/store_sql.h"

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

long xcontacts_line(const struct kimport *im, long long id)
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
	long before = xcontacts_line(im, id);

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

int xcontacts_id(struct store *st, const char *name, long long *id, struct dd_err *err)
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
	if (knumbers_flush(im, err) < 0 || xcontacts_id(im->x.st, k->name, &id, err) < 0)
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
		} else if (xcontacts_id(st, k.name, &id, err) < 0) {
			return -1;
		} else if (!id) {
			return dd_fail(err, DD_ESTORE, _("saving a contact: %s was not saved"),
				       k.name);
		}
		/* The first row of a name the batch added is the one that added it. */
		if (id >= first && id <= last && !xcontacts_line(im, id)) {
			if (apply_added(im, &k, id, err) < 0)
				return -1;
		} else if (knumbers_flush(im, err) < 0 || apply_named(im, &k, id, err) < 0) {
			return -1;
		}
	}
	return 0;
}

int xcontacts_flush(struct kimport *im, struct dd_err *err)
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
		if (xcontacts_line(im, sqlite3_column_int64(stmt, 0)))
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

int xcontacts_removals(void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	struct kimport *im = ctx;
	return drop_absent(im, c, err);
}

