/* desk.c — first-run loading of the shipped organisation.
 *
 * The data is the CSV of assets/roster, assets/escalation and assets/stats
 * (the statistics' metrics; embedded), read with the same CSV reader as
 * imports, so a malformed asset fails the way a malformed import does: with
 * file, line and field. */
#include "desk/desk.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assets.h"
#include "domain/act.h"
#include "base/csvio.h"
#include "base/ddtime.h"
#include "base/i18n.h"
#include "base/jsonw.h"
#include "store/store_sql.h"

#define NOTICE_DATE "2021-12-15"

long long desk_seed_time(void)
{
	dd_time t = 0;
	ddtime_parse(NOTICE_DATE, &t, NULL);
	return t;
}

/* One asset file: its header and the statement that loads a row.  Each
 * `sql` binds the row's fields in header order (?1 = first column, ...). */
struct table {
	int part;                  /* index into parts[] */
	const char *asset;
	const char *const *header;
	int ncols;
	const char *sql;
	int fill;                  /* fills in what an older desk lacks: no
				    * extra rows (after_row) */
};

static const char *const h_units[] = {"name", "kind"};
static const char *const h_people[] = {"name", "unit", "access", "phones"};
static const char *const h_groups[] = {"seq", "name", "short", "kind", "parent",
				       "counterpart", "aliases", "note", "heading", "section",
				       "succession"};
static const char *const h_duties[] = {"group", "phase", "seq", "text"};
static const char *const h_members[] = {"group", "seq", "unit"};
static const char *const h_posts[] = {"group", "post", "seq", "person", "label"};
static const char *const h_contacts[] = {"name", "org", "level", "group", "person", "role",
					 "numbers", "note"};
static const char *const h_rules[] = {"kind", "seq", "contact", "stage", "channel", "minutes",
				      "required", "note"};
static const char *const h_metrics[] = {"key", "name", "group", "unit", "seq", "note"};

/* The shipped data comes in parts, each loaded once and marked in meta, so
 * that a database upgraded to a schema with a new part gets it then. */
static const struct part {
	const char *meta_key;
	int schema;      /* the schema version that brought the part */
	const char *migration;  /* or the migration that did, by name */
} parts[] = {
	{"seeded_at", 1, NULL},
	{"seeded_escalation", 2, NULL},
	{"seeded_stats", 5, NULL},
	/* The groups' headings, other names, notes and succession sentences
	 * as the notice writes them, and a contact for the leaders of every
	 * group: filled into a desk seeded before them. */
	{"seeded_headings", 0, "sql/014-roster-headings.sql"},
};
#define NPARTS ((int)(sizeof parts / sizeof parts[0]))

#define T(part, a, h, sql) {part, a, h, (int)(sizeof h / sizeof h[0]), sql, 0}
#define FILL(part, a, h, sql) {part, a, h, (int)(sizeof h / sizeof h[0]), sql, 1}

static const struct table tables[] = {
	T(0, "roster/units.csv", h_units, "INSERT INTO unit(name, kind) VALUES (?1, ?2)"),
	T(0, "roster/people.csv", h_people,
	  "INSERT INTO person(name, unit_id, access, created_at) VALUES "
	  "(?1, (SELECT id FROM unit WHERE name = nullif(?2, '')), ?3, ?5)"),
	T(0, "roster/groups.csv", h_groups,
	  "INSERT INTO grp(seq, name, short, kind, note) VALUES (?1, ?2, ?3, ?4, ?8)"),
	/* Second pass over groups: links and aliases, now that all exist. */
	T(0, "roster/groups.csv", h_groups,
	  "UPDATE grp SET parent_id = (SELECT id FROM grp WHERE name = nullif(?5, '')), "
	  "counterpart_id = (SELECT id FROM grp WHERE name = nullif(?6, '')) WHERE name = ?2"),
	T(0, "roster/duties.csv", h_duties,
	  "INSERT INTO duty(grp_id, phase, seq, text) VALUES "
	  "((SELECT id FROM grp WHERE name = ?1), ?2, ?3, ?4)"),
	T(0, "roster/members.csv", h_members,
	  "INSERT INTO member_unit(grp_id, seq, unit_id) VALUES "
	  "((SELECT id FROM grp WHERE name = ?1), ?2, (SELECT id FROM unit WHERE name = ?3))"),
	T(0, "roster/posts.csv", h_posts,
	  "INSERT INTO post(grp_id, title, seq, label) VALUES "
	  "((SELECT id FROM grp WHERE name = ?1), ?2, ?3, ?5)"),
	T(1, "escalation/contacts.csv", h_contacts,
	  "INSERT INTO contact(name, org, level, grp_id, person_id, role, note) VALUES "
	  "(?1, ?2, ?3, (SELECT id FROM grp WHERE name = nullif(?4, '')), "
	  "(SELECT id FROM person WHERE name = nullif(?5, '')), ?6, ?8)"),
	T(1, "escalation/rules.csv", h_rules,
	  "INSERT INTO rule(kind, seq, contact_id, stage, channel, minutes, required, note) "
	  "VALUES (?1, ?2, (SELECT id FROM contact WHERE name = ?3), ?4, ?5, ?6, ?7, ?8)"),
	T(2, "stats/metrics.csv", h_metrics,
	  "INSERT INTO stat_metric(key, name, grp_id, unit, seq, note) VALUES "
	  "(?1, ?2, (SELECT id FROM grp WHERE name = ?3), ?4, ?5, ?6)"),
	/* A group whose heading is set has been seen to already. */
	FILL(3, "roster/groups.csv", h_groups,
	     "UPDATE grp SET heading = ?9, section = ?10, succession = ?11, note = ?8 "
	     "WHERE name = ?2 AND heading = ''"),
	/* A contact for a group's leaders, unless one stands for them already. */
	FILL(3, "escalation/contacts.csv", h_contacts,
	     "INSERT INTO contact(name, org, level, grp_id, person_id, role, note) "
	     "SELECT ?1, ?2, ?3, (SELECT id FROM grp WHERE name = nullif(?4, '')), "
	     "(SELECT id FROM person WHERE name = nullif(?5, '')), ?6, ?8 "
	     "WHERE NOT EXISTS (SELECT 1 FROM contact WHERE name = ?1) AND (?4 = '' OR NOT "
	     "EXISTS (SELECT 1 FROM contact c JOIN grp g ON g.id = c.grp_id WHERE g.name = ?4))"),
};

#define NTABLES ((int)(sizeof tables / sizeof tables[0]))

struct loader {
	struct store *st;
	const struct table *t;
	struct csvio_report *rep;
	sqlite3_stmt *stmt;
	int rows;
	int header_seen;
};

static int bind_row(sqlite3_stmt *stmt, const struct csvio_row *row)
{
	int nparam = sqlite3_bind_parameter_count(stmt);
	for (int i = 0; i < row->n && i < nparam; i++) {
		const char *f = row->field[i];
		char *end;
		long long v = strtoll(f, &end, 10);
		/* Numbers bind as integers (STRICT tables want them so). */
		if (*f && *end == '\0' && (isdigit((unsigned char)f[0]) || f[0] == '-'))
			sqlite3_bind_int64(stmt, i + 1, v);
		else
			sqlite3_bind_text(stmt, i + 1, f, -1, SQLITE_TRANSIENT);
	}
	return 0;
}

/* Extra rows a table row implies: aliases, tenures of posts, phones. */
static int after_row(struct loader *l, const struct csvio_row *row, struct dd_err *err);

static int load_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct loader *l = ctx;
	int rc;

	if (!l->header_seen) {
		l->header_seen = 1;
		return csvio_expect_header(row, l->t->header, l->t->ncols, l->rep) < 0 ? -1 : 0;
	}
	if (row->n != l->t->ncols) {
		csvio_problem(l->rep, row->line, -1, _("%d fields; expected %d"), row->n,
			      l->t->ncols);
		return 0;
	}
	bind_row(l->stmt, row);
	if (l->t->header == h_people)
		sqlite3_bind_int64(l->stmt, 5, desk_seed_time());
	rc = sqlite3_step(l->stmt);
	sqlite3_reset(l->stmt);
	sqlite3_clear_bindings(l->stmt);
	if (rc != SQLITE_DONE) {
		csvio_problem(l->rep, row->line, -1, "%s", sqlite3_errmsg(store_db(l->st)));
		return 0;
	}
	l->rows++;
	return l->t->fill ? 0 : after_row(l, row, err);
}

/* Run `sql` with ?1, ?2 text and ?3 an integer. */
static int exec_bound(struct store *st, const char *sql, const char *a, const char *b,
		      long long n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, a);
	store_bind_text(stmt, 2, b);
	sqlite3_bind_int64(stmt, 3, n);
	return store_exec_stmt(st, stmt, _("loading the shipped roster"), err);
}

/* Run a ;-separated list through `sql` as ?2, with `key` as ?1. */
static int exec_list(struct store *st, const char *sql, const char *key, const char *list,
		     struct dd_err *err)
{
	char *copy = dd_xstrdup(list), *save = NULL;
	int rc = 0;
	for (char *a = strtok_r(copy, ";", &save); a && rc == 0; a = strtok_r(NULL, ";", &save))
		rc = exec_bound(st, sql, key, a, 0, err);
	free(copy);
	return rc;
}

static int after_row(struct loader *l, const struct csvio_row *row, struct dd_err *err)
{
	if (l->t == &tables[3] && *row->field[6])
		return exec_list(l->st, "INSERT INTO grp_alias(grp_id, alias) VALUES "
					"((SELECT id FROM grp WHERE name = ?1), ?2)",
				 row->field[1], row->field[6], err);
	if (l->t->header == h_people && *row->field[3])
		return exec_list(l->st, "INSERT INTO phone(person_id, number) VALUES "
					"((SELECT id FROM person WHERE name = ?1), ?2)",
				 row->field[0], row->field[3], err);
	if (l->t->header == h_contacts) {
		long long found = 0;
		if (*row->field[3] && (store_query_int(l->st, "SELECT count(*) FROM grp WHERE "
					"id = (SELECT grp_id FROM contact WHERE id = ?1)",
					sqlite3_last_insert_rowid(store_db(l->st)), &found, err) < 0
				       || !found))
			csvio_problem(l->rep, row->line, 3, _("no group called '%s'"), row->field[3]);
		if (*row->field[4] && (store_query_int(l->st, "SELECT count(*) FROM person WHERE "
					"id = (SELECT person_id FROM contact WHERE id = ?1)",
					sqlite3_last_insert_rowid(store_db(l->st)), &found, err) < 0
				       || !found))
			csvio_problem(l->rep, row->line, 4, _("nobody called '%s'"), row->field[4]);
		return *row->field[6] ? exec_list(l->st, "INSERT INTO contact_number(contact_id, "
						  "number) VALUES ((SELECT id FROM contact WHERE "
						  "name = ?1), ?2)", row->field[0], row->field[6], err)
				      : 0;
	}
	if (l->t->header == h_posts && *row->field[3]) {
		/* The holder's tenure starts with the notice. */
		long long post = sqlite3_last_insert_rowid(store_db(l->st));
		sqlite3_stmt *stmt = store_prepare(
			l->st, "INSERT INTO tenure(post_id, person_id, since) VALUES "
			       "(?1, (SELECT id FROM person WHERE name = ?2), ?3)", err);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, post);
		store_bind_text(stmt, 2, row->field[3]);
		sqlite3_bind_int64(stmt, 3, desk_seed_time());
		if (sqlite3_step(stmt) != SQLITE_DONE)
			csvio_problem(l->rep, row->line, 3, "%s", sqlite3_errmsg(store_db(l->st)));
		sqlite3_reset(stmt);
	}
	return 0;
}

static int load_table(struct store *st, const struct table *t, struct csvio_report *rep,
		      struct dd_err *err)
{
	const struct asset *a = assets_find(t->asset);
	struct loader l = {.st = st, .t = t, .rep = rep};
	FILE *f;
	int rc;

	if (!a)
		return dd_fail(err, DD_ESTORE, _("%s is missing from this build"), t->asset);
	rep->file = t->asset;
	rep->header = NULL;
	if (sqlite3_prepare_v2(store_db(st), t->sql, -1, &l.stmt, NULL) != SQLITE_OK)
		return store_fail(st, err, sqlite3_errcode(store_db(st)), t->asset);
	f = fmemopen((void *)a->data, a->size, "r");
	if (!f) {
		sqlite3_finalize(l.stmt);
		return dd_fail(err, DD_EIO, _("cannot read %s"), t->asset);
	}
	rc = csvio_read(f, rep, load_row, &l, err);
	fclose(f);
	sqlite3_finalize(l.stmt);
	return rc;
}

static int seeded(struct store *st, const char *key, int *yes, struct dd_err *err)
{
	char *v = NULL;
	if (store_meta_get(st, key, &v, err) < 0)
		return -1;
	*yes = v != NULL;
	free(v);
	return 0;
}

static int chain_loaded(struct store *st, const char *what, struct dd_err *err)
{
	struct jsonw body;
	long long groups = 0, people = 0, duties = 0, contacts = 0, rules = 0;

	if (store_query_int(st, "SELECT count(*) FROM grp", 0, &groups, err) < 0 ||
	    store_query_int(st, "SELECT count(*) FROM person", 0, &people, err) < 0 ||
	    store_query_int(st, "SELECT count(*) FROM duty", 0, &duties, err) < 0 ||
	    store_query_int(st, "SELECT count(*) FROM contact", 0, &contacts, err) < 0 ||
	    store_query_int(st, "SELECT count(*) FROM rule", 0, &rules, err) < 0)
		return -1;
	jsonw_init(&body);
	jsonw_str(&body, "source", "majian-2021-notice");
	jsonw_str(&body, "part", what);
	jsonw_int(&body, "groups", groups);
	jsonw_int(&body, "people", people);
	jsonw_int(&body, "duties", duties);
	jsonw_int(&body, "contacts", contacts);
	jsonw_int(&body, "rules", rules);
	return act_event(st, NULL, "roster-loaded", &body, NULL, err);
}

/* The schema version that brought part `p`: named by its migration, so that
 * renumbering the migrations does not move it; a migration this build does
 * not have never brings it. */
static int part_schema(const struct part *p)
{
	const char *name;

	if (!p->migration)
		return p->schema;
	for (int i = 0; (name = store_migration_name(i)) != NULL; i++)
		if (strcmp(name, p->migration) == 0)
			return i + 1;
	return 1 << 30;
}

/* Load one part, unless it is there already.  Inside a transaction. */
static int seed_part(struct store *st, int part, int *loaded, struct dd_err *err)
{
	struct csvio_report rep;
	char now[DDTIME_BUFSZ];
	int yes = 0;

	*loaded = 0;
	if (store_schema_version(st) < part_schema(&parts[part]))
		return 0;
	if (seeded(st, parts[part].meta_key, &yes, err) < 0)
		return -1;
	if (yes)
		return 0;
	csvio_report_init(&rep, "");
	for (int i = 0; i < NTABLES; i++) {
		if (tables[i].part != part)
			continue;
		if (load_table(st, &tables[i], &rep, err) < 0 || rep.count > 0) {
			if (rep.count > 0)
				dd_fail(err, DD_ESTORE, _("the shipped data is broken: %s"),
					rep.msg[0]);
			csvio_report_free(&rep);
			return -1;
		}
	}
	csvio_report_free(&rep);
	if (chain_loaded(st, parts[part].meta_key, err) < 0 ||
	    store_meta_set(st, parts[part].meta_key,
			   ddtime_format(ddtime_now(), DDTIME_ISO, now), err) < 0)
		return -1;
	*loaded = 1;
	return 0;
}

int desk_seed(struct store *st, int *seeded_now, struct dd_err *err)
{
	int missing = 0, yes, any = 0;

	if (seeded_now)
		*seeded_now = 0;
	for (int p = 0; p < NPARTS; p++) {
		if (seeded(st, parts[p].meta_key, &yes, err) < 0)
			return -1;
		missing += !yes && store_schema_version(st) >= part_schema(&parts[p]);
	}
	if (!missing)
		return 0;
	if (store_begin(st, err) < 0)
		return -1;
	/* Another process may be loading too: seed_part looks again under
	 * the write lock. */
	for (int p = 0; p < NPARTS; p++) {
		int loaded;
		if (seed_part(st, p, &loaded, err) < 0) {
			store_rollback(st);
			return -1;
		}
		any |= loaded;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (seeded_now)
		*seeded_now = any && missing == NPARTS;
	return 0;
}

int desk_open(struct store **out, const char *path, int create, int *seeded_now,
	      struct dd_err *err)
{
	struct store *st;

	if (store_open(&st, path, create ? STORE_CREATE : 0, err) < 0)
		return -1;
	if (!store_is_readonly(st) && desk_seed(st, seeded_now, err) < 0) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}
