/* exchange_rules.c — escalation rules as CSV:
 *
 *	kind,seq,contact,stage,channel,minutes,required,note
 *
 * A rule is known by its kind and seq.  Importing makes the rules match the
 * file: rules are added, changed and removed (nothing refers to a rule: a
 * notification copies what it needs when it is opened). */
#include "io/exchange_internal.h"

#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "base/i18n.h"
#include "domain/log.h"
#include "store/rows.h"
#include "store/store_sql.h"

static const struct xcol cols[] = {
	{"kind", 0}, {"seq", 0}, {"contact", 0}, {"stage", 0}, {"channel", 0},
	{"minutes", 0}, {"required", 0}, {"note", 0},
};
enum { R_KIND, R_SEQ, R_CONTACT, R_STAGE, R_CHANNEL, R_MINUTES, R_REQUIRED, R_NOTE, NR };

/* The longest deadline: thirty days. */
#define MINUTES_MAX (30 * 24 * 60)

static const char *const stages[] = {"initial", "continuation", "final"};
static const char *const stages_zh[] = {"初报", "续报", "终报"};
static const char *const channels[] = {"phone", "written", "any"};
static const char *const channels_zh[] = {"电话", "书面", "任意"};

int exchange_rules_export(struct store *st, FILE *out, struct dd_err *err)
{
	const char *h[NR];
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT r.kind, r.seq, c.name, r.stage, r.channel, r.minutes, r.required, "
		"r.note FROM rule r JOIN contact c ON c.id = r.contact_id ORDER BY CASE r.kind "
		"WHEN 'call' THEN 0 WHEN 'document' THEN 1 WHEN 'report' THEN 2 "
		"WHEN 'instruction' THEN 3 WHEN 'positive' THEN 4 WHEN 'key-person' THEN 5 "
		"WHEN 'inspection' THEN 6 WHEN 'supplies' THEN 7 ELSE 8 END, r.seq, r.id", err);
	int rc;

	for (int i = 0; i < NR; i++)
		h[i] = cols[i].name;
	csvio_write_row(out, h, NR);
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *cells[NR];
		for (int i = 0; i < NR; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, i);
		csvio_write_row(out, cells, NR);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the rules"));
}

struct rrule {
	long line;
	enum log_kind kind;
	int seq;
	long long contact_id;
	int stage, channel, required;
	long minutes;
	char *note;
	long long id;        /* in the database, once known */
};

struct rimport {
	struct xfile x;
	struct rrule *v;
	int n;
};

static int pick(const char *s, const char *const *names, const char *const *zh, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0 || strcmp(s, zh[i]) == 0)
			return i;
	return -1;
}

static int check_rule(struct rimport *im, const struct csvio_row *row, struct rrule *r,
		      struct dd_err *err)
{
	struct xfile *x = &im->x;
	const char *kind = xfield(x, row, R_KIND), *req = xfield(x, row, R_REQUIRED);
	char *contact = xtrim(xfield(x, row, R_CONTACT));
	long seq = 0;

	r->line = row->line;
	r->note = xtext(xfield(x, row, R_NOTE));
	if (log_kind_parse(kind, &r->kind, NULL) < 0)
		xproblem(x, row->line, R_KIND, _("'%s' is not a kind: call, document, report, "
						 "instruction, positive, key-person, inspection, "
						 "supplies or other"), kind);
	if (xparse_int(x, row->line, R_SEQ, xfield(x, row, R_SEQ), 1, 9999, &seq) == 0)
		r->seq = (int)seq;
	if (!*contact) {
		xproblem(x, row->line, R_CONTACT, _("empty; a rule names whom to notify"));
	} else {
		if (rows_id(x->st, "SELECT id FROM contact WHERE name = ?1", contact,
			    &r->contact_id, _("reading the contacts"), err) < 0) {
			free(contact);
			return -1;
		}
		if (!r->contact_id)
			xproblem(x, row->line, R_CONTACT, _("no contact called '%s': import the "
							    "contacts first"), contact);
	}
	free(contact);
	if ((r->stage = pick(xfield(x, row, R_STAGE), stages, stages_zh, 3)) < 0)
		xproblem(x, row->line, R_STAGE, _("'%s' is not a stage: initial, continuation or "
						  "final"), xfield(x, row, R_STAGE));
	if ((r->channel = pick(xfield(x, row, R_CHANNEL), channels, channels_zh, 3)) < 0)
		xproblem(x, row->line, R_CHANNEL, _("'%s' is not a channel: phone, written or "
						    "any"), xfield(x, row, R_CHANNEL));
	xparse_int(x, row->line, R_MINUTES, xfield(x, row, R_MINUTES), 0, MINUTES_MAX,
		   &r->minutes);
	if (strcmp(req, "1") != 0 && strcmp(req, "0") != 0)
		xproblem(x, row->line, R_REQUIRED, _("'%s' is neither 1 (required) nor 0"), req);
	r->required = strcmp(req, "1") == 0;
	xcheck_text(x, row->line, R_NOTE, r->note, XNOTE_MAX, 1);
	return 0;
}

static int on_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct rimport *im = ctx;
	struct rrule r = {0};
	int before = im->x.rep->count;

	if (!xfile_row(&im->x, row))
		return 0;
	if (check_rule(im, row, &r, err) < 0) {
		free(r.note);
		return -1;
	}
	for (int i = 0; im->x.rep->count == before && i < im->n; i++)
		if (im->v[i].kind == r.kind && im->v[i].seq == r.seq)
			xproblem(&im->x, row->line, R_SEQ, _("rule %s %d is also on line %ld"),
				 log_kind_name(r.kind), r.seq, im->v[i].line);
	if (im->x.rep->count != before) {
		free(r.note);
		return 0;
	}
	im->v = dd_xrealloc(im->v, (size_t)(im->n + 1) * sizeof *im->v);
	im->v[im->n++] = r;
	return 0;
}

static void bind_rule(sqlite3_stmt *stmt, const struct rrule *r)
{
	store_bind_text(stmt, 2, log_kind_name(r->kind));
	sqlite3_bind_int(stmt, 3, r->seq);
	sqlite3_bind_int64(stmt, 4, r->contact_id);
	store_bind_text(stmt, 5, stages[r->stage]);
	store_bind_text(stmt, 6, channels[r->channel]);
	sqlite3_bind_int64(stmt, 7, r->minutes);
	sqlite3_bind_int(stmt, 8, r->required);
	store_bind_text(stmt, 9, r->note);
}

static int apply_rule(struct rimport *im, struct rrule *r, struct exchange_counts *c,
		      struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, contact_id = ?4 AND stage = ?5 AND channel = ?6 AND minutes = ?7 AND "
		"required = ?8 AND note = ?9 FROM rule WHERE kind = ?2 AND seq = ?3 "
		"ORDER BY id LIMIT 1", err);
	int rc, same = 0, found;

	if (!stmt)
		return -1;
	bind_rule(stmt, r);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(stmt, 0);
		same = sqlite3_column_int(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the rules"));
	if (same)
		return 0;
	found = r->id != 0;
	stmt = r->id
		? store_prepare(st, "UPDATE rule SET contact_id = ?4, stage = ?5, channel = ?6, "
				    "minutes = ?7, required = ?8, note = ?9 WHERE id = ?1 AND "
				    "kind = ?2 AND seq = ?3", err)
		: store_prepare(st, "INSERT INTO rule(kind, seq, contact_id, stage, channel, "
				    "minutes, required, note) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, "
				    "?9)", err);
	if (!stmt)
		return -1;
	if (r->id)
		sqlite3_bind_int64(stmt, 1, r->id);
	bind_rule(stmt, r);
	if (store_exec_stmt(st, stmt, _("saving a rule"), err) < 0)
		return -1;
	if (!r->id)
		r->id = sqlite3_last_insert_rowid(store_db(st));
	if (found)
		c->changed++;
	else
		c->added++;
	return 0;
}

static int kept(const struct rimport *im, long long id)
{
	for (int i = 0; i < im->n; i++)
		if (im->v[i].id == id)
			return 1;
	return 0;
}

static int apply(void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	struct rimport *im = ctx;
	struct store *st = im->x.st;
	sqlite3_stmt *stmt;
	long long *drop = NULL;
	int n = 0, rc;

	for (int i = 0; i < im->n; i++)
		if (apply_rule(im, &im->v[i], c, err) < 0)
			return -1;
	stmt = store_prepare(st, "SELECT id FROM rule ORDER BY id", err);
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(stmt, 0);
		if (kept(im, id))
			continue;
		drop = dd_xrealloc(drop, (size_t)(n + 1) * sizeof *drop);
		drop[n++] = id;
	}
	sqlite3_reset(stmt);
	for (int i = 0; rc == SQLITE_DONE && i < n; i++) {
		if (!(stmt = store_prepare(st, "DELETE FROM rule WHERE id = ?1", err))) {
			free(drop);
			return -1;
		}
		sqlite3_bind_int64(stmt, 1, drop[i]);
		if (store_exec_stmt(st, stmt, _("removing a rule"), err) < 0) {
			free(drop);
			return -1;
		}
		c->removed++;
	}
	free(drop);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the rules"));
}

int exchange_rules_import(struct store *st, const struct actor *by, FILE *in, int dry_run,
			  struct csvio_report *rep, struct exchange_counts *c,
			  struct dd_err *err)
{
	struct rimport im = {0};
	int rc = 0;

	if (!dry_run && auth_require(st, by, ACCESS_ADMIN, _("importing the escalation rules"),
				       err) < 0)
		return -1;
	xfile_init(&im.x, st, rep, cols, NR);
	if (csvio_read(in, rep, on_row, &im, err) < 0)
		rc = -1;
	else
		xempty(&im.x);
	if (rc == 0)
		rc = xrun(&im.x, by, EXCHANGE_RULES, dry_run, apply, &im, c, err);
	for (int i = 0; i < im.n; i++)
		free(im.v[i].note);
	free(im.v);
	xfile_free(&im.x);
	return rc;
}
