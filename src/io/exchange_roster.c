/* exchange_roster.c — reading the roster as a spreadsheet
 * (exchange_roster_out.c writes it): one row per post with its holder, a
 * row for a group with no post held, then one row per person who holds no
 * post.
 *
 * A person who holds several posts is on several rows, the same each time.
 * liaison_of and in_charge_of are the units the person is liaison (联络员) or
 * deputy in charge (分管领导) of: contacts of those units
 * (exchange_liaison.c).  The group_ columns are the group's texts
 * (exchange_groups.c).  All six are optional on import.
 * Importing makes the database match the file: new people are added, a
 * person's unit, access and phones are updated, a post whose holder changed
 * has the old tenure ended and a new one started now (the history stays, as
 * with succession), a post missing from the file is vacated — but only with
 * EXCHANGE_REPLACE: a file that would take people off the posts they hold,
 * leaving them empty, is refused and says which.  People are never removed:
 * the log refers to them.  Groups, units and duties are the shipped
 * organisation: only the groups' texts are part of this file. */
#include "io/exchange_internal.h"

#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "store/rows.h"
#include "store/store_sql.h"

/* Importing. */

static const char *const title_names[] = {"leader", "deputy", "member", "director",
					  "deputy_director"};
static const char *const title_zh[] = {"组长", "副组长", "组员", "主任", "副主任"};
#define NTITLES 5

struct rperson {
	char *name;
	long line;            /* where the file first names them */
	char *unit;           /* as written ("" for none) */
	long long unit_id;    /* 0: none */
	enum access access;
	char *phones;         /* canonical "a; b" */
	struct xunits units[XUNIT_ROLES]; /* liaison of, in charge of */
	long long id;         /* in the database, once known */
};

struct rpost {
	long line;
	char *group;          /* as written */
	long long grp_id;
	int title;
	int seq;
	char *label;
	int person;           /* index into people; -1: vacant */
	long long id;         /* in the database, once known */
};

struct rimport {
	struct xfile x;
	struct rperson *people;
	int npeople;
	struct rpost *posts;
	int nposts;
	struct xgroups *groups;
	unsigned flags;       /* EXCHANGE_DRY_RUN, EXCHANGE_REPLACE */
	dd_time now;
};

/* How many vacated posts a refusal or a count names. */
#define VACATED_NAMED 10

static void person_free(struct rperson *p)
{
	free(p->name);
	free(p->unit);
	free(p->phones);
	for (int r = 0; r < XUNIT_ROLES; r++)
		xunits_free(&p->units[r]);
}

static void post_free(struct rpost *p)
{
	free(p->group);
	free(p->label);
}

static int parse_title(const char *s)
{
	for (int i = 0; i < NTITLES; i++)
		if (strcmp(s, title_names[i]) == 0 || strcmp(s, title_zh[i]) == 0)
			return i;
	return -1;
}

static int check_group(struct rimport *im, long line, struct rpost *p, int post,
		       struct dd_err *err)
{
	struct xfile *x = &im->x;
	struct dd_err e;
	long long tf = 0;

	if (!*p->group) {
		xproblem(x, line, XR_GROUP, _("empty; a post belongs to a group"));
		return 0;
	}
	if (roster_find_group(x->st, p->group, &p->grp_id, &e) < 0) {
		if (e.code != DD_ENOTFOUND) {
			if (err)
				*err = e;
			return -1;
		}
		xproblem(x, line, XR_GROUP, _("no group called '%s'"), p->group);
		return 0;
	}
	if (store_query_int(x->st, "SELECT kind = 'taskforce' FROM grp WHERE id = ?1",
			    p->grp_id, &tf, err) < 0)
		return -1;
	if (tf && post)
		xproblem(x, line, XR_GROUP, _("%s is a task-force group: it is led by the leaders "
					     "of its standing group, so give the post there"),
			 p->group);
	return 0;
}

/* The post a row names: 0 when there is one (its problems reported), 1 when
 * the row names no post, 2 when it names a group alone (its texts), -1 when
 * the database failed. */
static int check_post(struct rimport *im, const struct csvio_row *row, struct rpost *p,
		      struct dd_err *err)
{
	struct xfile *x = &im->x;
	const char *post = xfield(x, row, XR_POST), *seq = xfield(x, row, XR_SEQ);
	long v = 0;

	p->line = row->line;
	p->person = -1;
	p->group = xtrim(xfield(x, row, XR_GROUP));
	p->label = dd_xstrdup(xfield(x, row, XR_LABEL));
	if (!*post && !*seq) {
		if (*p->label)
			xproblem(x, row->line, XR_LABEL, _("given, but the row names no post"));
		if (!*p->group)
			return 1;
		if (!*xfield(x, row, XR_PERSON))
			return check_group(im, row->line, p, 0, err) < 0 ? -1 : 2;
	}
	if (check_group(im, row->line, p, 1, err) < 0)
		return -1;
	if ((p->title = parse_title(post)) < 0 && !*post)
		xproblem(x, row->line, XR_POST, _("empty; give leader, deputy, member, director or "
						 "deputy_director"));
	else if (p->title < 0)
		xproblem(x, row->line, XR_POST,
			 _("'%s' is not a post: leader, deputy, member, director or "
			   "deputy_director (组长, 副组长, 组员, 主任, 副主任)"), post);
	if (xparse_int(x, row->line, XR_SEQ, seq, 1, 9999, &v) == 0)
		p->seq = (int)v;
	xcheck_text(x, row->line, XR_LABEL, p->label, XNAME_MAX, 0);
	return 0;
}

/* The person a row names: 0 when there is one, 1 when none, -1 on failure. */
static int check_person(struct rimport *im, const struct csvio_row *row, struct rperson *p,
			struct dd_err *err)
{
	struct xfile *x = &im->x;
	char clean[PERSON_NAME_MAX * 4] = "", *typed = xtrim(xfield(x, row, XR_PERSON));
	const char *access = xfield(x, row, XR_ACCESS);
	struct dd_err e;
	int none = !*typed;

	free(typed);
	if (none) {
		static const int cols_of_person[] = {XR_UNIT, XR_ACCESS, XR_PHONES, XR_LIAISON,
						     XR_IN_CHARGE};
		for (size_t i = 0; i < sizeof cols_of_person / sizeof cols_of_person[0]; i++)
			if (*xfield(x, row, cols_of_person[i]))
				xproblem(x, row->line, cols_of_person[i],
					 _("given, but the row names no person"));
		return 1;
	}
	if (person_clean_name(xfield(x, row, XR_PERSON), clean, &e) < 0)
		xproblem(x, row->line, XR_PERSON, "%s", e.msg);
	p->name = dd_xstrdup(clean);
	p->line = row->line;
	p->unit = xtrim(xfield(x, row, XR_UNIT));
	if (*p->unit) {
		if (rows_id(x->st, "SELECT id FROM unit WHERE name = ?1", p->unit, &p->unit_id,
			    _("reading the units"), err) < 0)
			return -1;
		if (!p->unit_id)
			xproblem(x, row->line, XR_UNIT, _("no unit called '%s' (the units are "
							 "those of the notice)"), p->unit);
	}
	if (!*access)
		xproblem(x, row->line, XR_ACCESS, _("empty; give operator, supervisor or admin"));
	else if (person_access_parse(access, &p->access) < 0)
		xproblem(x, row->line, XR_ACCESS, _("'%s' is not an access level: operator, "
						   "supervisor or admin"), access);
	if (xparse_numbers(x, row->line, XR_PHONES, xfield(x, row, XR_PHONES), &p->phones) < 0)
		p->phones = NULL;
	if (xparse_units(x, row->line, XR_LIAISON, xfield(x, row, XR_LIAISON),
			 &p->units[XLIAISON], err) < 0 ||
	    xparse_units(x, row->line, XR_IN_CHARGE, xfield(x, row, XR_IN_CHARGE),
			 &p->units[XIN_CHARGE], err) < 0)
		return -1;
	return 0;
}

/* The same person on several rows must be the same each time.  Takes `p`;
 * returns the person's index, or -1 when the rows disagree. */
static int merge_person(struct rimport *im, struct rperson *p)
{
	struct xfile *x = &im->x;
	int before = x->rep->count;

	for (int i = 0; i < im->npeople; i++) {
		const struct rperson *o = &im->people[i];
		if (strcmp(o->name, p->name) != 0)
			continue;
		if (strcmp(o->unit, p->unit) != 0)
			xproblem(x, p->line, XR_UNIT, _("%s is also on line %ld, with unit '%s': "
						       "one person, one unit"), p->name, o->line,
				 o->unit);
		if (o->access != p->access)
			xproblem(x, p->line, XR_ACCESS, _("%s is also on line %ld, with access "
							 "'%s'"), p->name, o->line,
				 person_access_name(o->access));
		if (strcmp(o->phones, p->phones) != 0)
			xproblem(x, p->line, XR_PHONES, _("%s is also on line %ld, with phones "
							 "'%s'"), p->name, o->line, o->phones);
		for (int r = 0; r < XUNIT_ROLES; r++)
			if (strcmp(o->units[r].text, p->units[r].text) != 0)
				xproblem(x, p->line, r == XLIAISON ? XR_LIAISON : XR_IN_CHARGE,
					 _("%s is also on line %ld, with '%s'"), p->name, o->line,
					 o->units[r].text);
		person_free(p);
		return x->rep->count == before ? i : -1;
	}
	im->people = dd_xrealloc(im->people, (size_t)(im->npeople + 1) * sizeof *im->people);
	im->people[im->npeople] = *p;
	return im->npeople++;
}

/* Takes `p`. */
static void add_post(struct rimport *im, struct rpost *p)
{
	for (int i = 0; i < im->nposts; i++) {
		const struct rpost *o = &im->posts[i];
		if (o->grp_id == p->grp_id && o->title == p->title && o->seq == p->seq) {
			xproblem(&im->x, p->line, XR_SEQ, _("the post %s %s %d is also on line %ld"),
				 p->group, title_names[p->title], p->seq, o->line);
			post_free(p);
			return;
		}
	}
	im->posts = dd_xrealloc(im->posts, (size_t)(im->nposts + 1) * sizeof *im->posts);
	im->posts[im->nposts++] = *p;
}

static int on_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct rimport *im = ctx;
	struct rpost post = {0};
	struct rperson person = {0};
	int before, no_post, no_person = 1;

	if (!xfile_row(&im->x, row))
		return 0;
	before = im->x.rep->count;
	no_post = check_post(im, row, &post, err);
	if (no_post >= 0)
		no_person = check_person(im, row, &person, err);
	if (no_post < 0 || no_person < 0) {
		post_free(&post);
		person_free(&person);
		return -1;
	}
	if (no_post == 1 && no_person)
		xproblem(&im->x, row->line, -1, _("the row names neither a post (group, post, "
						  "seq) nor a person"));
	if (no_post == 1) {
		static const int group_cols[] = {XR_HEADING, XR_ALIASES, XR_NOTE, XR_SUCCESSION};
		for (size_t i = 0; i < sizeof group_cols / sizeof group_cols[0]; i++)
			if (*xfield(&im->x, row, group_cols[i]))
				xproblem(&im->x, row->line, group_cols[i],
					 _("given, but the row names no group"));
	} else if (post.grp_id) {
		xgroups_row(&im->x, im->groups, row, post.grp_id, post.group);
	}
	if (im->x.rep->count != before) {
		post_free(&post);
		person_free(&person);
		return 0;
	}
	if (!no_person)
		post.person = merge_person(im, &person);
	if (no_post == 0 && (no_person || post.person >= 0))
		add_post(im, &post);
	else
		post_free(&post);
	return 0;
}

/* Applying, inside the transaction. */

struct phone_ctx {
	struct store *st;
	long long person_id;
	struct dd_err *err;
};

static int insert_phone(const char *number, int seq, void *vctx)
{
	struct phone_ctx *pc = vctx;
	sqlite3_stmt *stmt = store_prepare(pc->st, "INSERT INTO phone(person_id, number) "
						   "VALUES (?1, ?2)", pc->err);
	(void)seq;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, pc->person_id);
	store_bind_text(stmt, 2, number);
	return store_exec_stmt(pc->st, stmt, _("saving a phone number"), pc->err);
}

static int set_phones(struct store *st, long long person_id, const char *phones,
		      struct dd_err *err)
{
	struct phone_ctx pc = {st, person_id, err};
	sqlite3_stmt *stmt = store_prepare(st, "DELETE FROM phone WHERE person_id = ?1", err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, person_id);
	if (store_exec_stmt(st, stmt, _("changing phone numbers"), err) < 0)
		return -1;
	return xeach_number(phones, insert_phone, &pc);
}

static void bind_unit(sqlite3_stmt *stmt, int idx, long long unit)
{
	if (unit)
		sqlite3_bind_int64(stmt, idx, unit);
	else
		sqlite3_bind_null(stmt, idx);
}

static int add_person(struct rimport *im, struct rperson *p, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO person(name, unit_id, access, "
					       "created_at) VALUES (?1, ?2, ?3, ?4)", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, p->name);
	bind_unit(stmt, 2, p->unit_id);
	store_bind_text(stmt, 3, person_access_name(p->access));
	sqlite3_bind_int64(stmt, 4, im->now);
	if (store_exec_stmt(st, stmt, _("adding a person"), err) < 0)
		return -1;
	p->id = sqlite3_last_insert_rowid(store_db(st));
	return set_phones(st, p->id, p->phones, err);
}

static int update_person(struct rimport *im, struct rperson *p, int phones,
			 struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st, "UPDATE person SET unit_id = ?2, access = ?3 "
					       "WHERE id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, p->id);
	bind_unit(stmt, 2, p->unit_id);
	store_bind_text(stmt, 3, person_access_name(p->access));
	if (store_exec_stmt(st, stmt, _("changing a person"), err) < 0)
		return -1;
	return phones ? set_phones(st, p->id, p->phones, err) : 0;
}

static int apply_people(struct rimport *im, struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;

	for (int i = 0; i < im->npeople; i++) {
		struct rperson *p = &im->people[i];
		sqlite3_stmt *stmt = store_prepare(st,
			"SELECT id, coalesce(unit_id, 0), access, " XPHONES_OF("pe") " FROM "
			"person pe WHERE name = ?1", err);
		int rc, same_unit = 0, same_access = 0, same_phones = 0;

		if (!stmt)
			return -1;
		store_bind_text(stmt, 1, p->name);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			p->id = sqlite3_column_int64(stmt, 0);
			same_unit = sqlite3_column_int64(stmt, 1) == p->unit_id;
			same_access = strcmp((const char *)sqlite3_column_text(stmt, 2),
					     person_access_name(p->access)) == 0;
			same_phones = strcmp((const char *)sqlite3_column_text(stmt, 3),
					     p->phones) == 0;
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(st, err, rc, _("reading the roster"));
		if (rc == SQLITE_DONE) {
			if (add_person(im, p, err) < 0)
				return -1;
			c->added++;
		} else if (!same_unit || !same_access || !same_phones) {
			if (update_person(im, p, !same_phones, err) < 0)
				return -1;
			c->changed++;
		}
	}
	return 0;
}

static int start_tenure(struct rimport *im, long long post, long long person,
			struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(im->x.st, "INSERT INTO tenure(post_id, person_id, "
						     "since) VALUES (?1, ?2, ?3)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, post);
	sqlite3_bind_int64(stmt, 2, person);
	sqlite3_bind_int64(stmt, 3, im->now);
	return store_exec_stmt(im->x.st, stmt, _("starting a tenure"), err);
}

static int end_tenure(struct rimport *im, long long tenure, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(im->x.st, "UPDATE tenure SET until = ?2 "
						     "WHERE id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, tenure);
	sqlite3_bind_int64(stmt, 2, im->now);
	return store_exec_stmt(im->x.st, stmt, _("ending a tenure"), err);
}

/* Who holds post `post` now (*tenure 0: nobody), and whether it is fixed: a
 * handover is already planned for later (roster replace --at), so that it
 * cannot change hands now without rewriting that plan. */
static int holder_now(struct rimport *im, long long post, long long *tenure,
		      long long *person, int *fixed, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(im->x.st,
		"SELECT tn.id, tn.person_id, tn.until IS NOT NULL OR EXISTS (SELECT 1 FROM "
		"tenure tf WHERE tf.post_id = ?1 AND tf.since > ?2) FROM tenure tn WHERE "
		"tn.post_id = ?1 AND tn.since <= ?2 AND (tn.until IS NULL OR tn.until > ?2) "
		"UNION ALL SELECT 0, 0, EXISTS (SELECT 1 FROM tenure tf WHERE tf.post_id = ?1 "
		"AND tf.since > ?2) ORDER BY 1 DESC LIMIT 1", err);
	int rc;

	*tenure = *person = 0;
	*fixed = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, post);
	sqlite3_bind_int64(stmt, 2, im->now);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*tenure = sqlite3_column_int64(stmt, 0);
		*person = sqlite3_column_int64(stmt, 1);
		*fixed = sqlite3_column_int(stmt, 2);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(im->x.st, err, rc, _("reading who holds a post"));
}

/* Count post `post`, held by `person` until now, among those the import
 * leaves empty, and name the first VACATED_NAMED of them: "综合协调组 组长
 * 何欣威". */
static int note_vacated(struct rimport *im, long long post, long long person,
			struct exchange_counts *c, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	size_t len = strlen(c->vacated_names);
	int rc;

	if (++c->vacated > VACATED_NAMED)
		return 0;
	stmt = store_prepare(im->x.st, "SELECT g.name, p.title, (SELECT name FROM person WHERE "
				       "id = ?2) FROM post p JOIN grp g ON g.id = p.grp_id WHERE "
				       "p.id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, post);
	sqlite3_bind_int64(stmt, 2, person);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && len < sizeof c->vacated_names) {
		int t = parse_title((const char *)sqlite3_column_text(stmt, 1));
		snprintf(c->vacated_names + len, sizeof c->vacated_names - len, "%s%s %s %s",
			 len ? "; " : "", sqlite3_column_text(stmt, 0),
			 t >= 0 ? roster_title_label((enum post_title)t) : "?",
			 sqlite3_column_text(stmt, 2) ? (const char *)sqlite3_column_text(stmt, 2)
						      : "");
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(im->x.st, err, rc, _("reading the posts"));
}

/* After the posts: say how many more were vacated than named, and refuse
 * to vacate any unless the caller said to (a dry run says what it would). */
static int vacated_done(struct rimport *im, struct exchange_counts *c, struct dd_err *err)
{
	size_t len = strlen(c->vacated_names);

	if (c->vacated > VACATED_NAMED && len < sizeof c->vacated_names)
		snprintf(c->vacated_names + len, sizeof c->vacated_names - len,
			 _(" … and %d more"), c->vacated - VACATED_NAMED);
	if (!c->vacated || (im->flags & (EXCHANGE_REPLACE | EXCHANGE_DRY_RUN)))
		return 0;
	return dd_fail_about(err, DD_EINVAL, DD_ABOUT_VACATES,
			     _("%s would take people off %d post(s) they hold now and leave them "
			       "empty (%s); nothing was imported"),
			     im->x.rep->file, c->vacated, c->vacated_names);
}

/* Give post `p` (in the database as p->id) to the file's holder. */
static int hand_over(struct rimport *im, const struct rpost *p, struct exchange_counts *c,
		     struct dd_err *err)
{
	long long tenure, have, want = p->person >= 0 ? im->people[p->person].id : 0;
	int fixed;

	if (holder_now(im, p->id, &tenure, &have, &fixed, err) < 0)
		return -1;
	if (have == want)
		return 0;
	if (fixed) {
		xproblem(&im->x, p->line, XR_PERSON, _("a handover of this post is already "
						       "planned for later (a succession with a later "
						       "date); import after it"));
		return 0;
	}
	if (tenure && end_tenure(im, tenure, err) < 0)
		return -1;
	if (want && start_tenure(im, p->id, want, err) < 0)
		return -1;
	if (want)
		c->handovers++;
	else if (note_vacated(im, p->id, have, c, err) < 0)
		return -1;
	return 0;
}

static int add_new_post(struct rimport *im, struct rpost *p, struct exchange_counts *c,
			struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt;

	/* A post nobody holds and nothing describes is no post: left out. */
	if (p->person < 0 && !*p->label)
		return 0;
	stmt = store_prepare(st, "INSERT INTO post(grp_id, title, seq, label) VALUES (?1, ?2, "
				 "?3, ?4)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, p->grp_id);
	store_bind_text(stmt, 2, title_names[p->title]);
	sqlite3_bind_int(stmt, 3, p->seq);
	store_bind_text(stmt, 4, p->label);
	if (store_exec_stmt(st, stmt, _("adding a post"), err) < 0)
		return -1;
	p->id = sqlite3_last_insert_rowid(store_db(st));
	c->posts_added++;
	if (p->person >= 0)
		return start_tenure(im, p->id, im->people[p->person].id, err);
	return 0;
}

static int apply_posts(struct rimport *im, struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;

	for (int i = 0; i < im->nposts; i++) {
		struct rpost *p = &im->posts[i];
		sqlite3_stmt *stmt = store_prepare(st, "SELECT id, label = ?4 FROM post WHERE "
						       "grp_id = ?1 AND title = ?2 AND seq = ?3 "
						       "ORDER BY id LIMIT 1", err);
		int rc, same_label = 1;

		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, p->grp_id);
		store_bind_text(stmt, 2, title_names[p->title]);
		sqlite3_bind_int(stmt, 3, p->seq);
		store_bind_text(stmt, 4, p->label);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			p->id = sqlite3_column_int64(stmt, 0);
			same_label = sqlite3_column_int(stmt, 1);
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(st, err, rc, _("reading the posts"));
		if (rc == SQLITE_DONE) {
			if (add_new_post(im, p, c, err) < 0)
				return -1;
			continue;
		}
		if (!same_label) {
			stmt = store_prepare(st, "UPDATE post SET label = ?2 WHERE id = ?1", err);
			if (!stmt)
				return -1;
			sqlite3_bind_int64(stmt, 1, p->id);
			store_bind_text(stmt, 2, p->label);
			if (store_exec_stmt(st, stmt, _("changing a post"), err) < 0)
				return -1;
			c->relabelled++;
		}
		if (hand_over(im, p, c, err) < 0)
			return -1;
	}
	return 0;
}

static int in_file(const struct rimport *im, long long post)
{
	for (int i = 0; i < im->nposts; i++)
		if (im->posts[i].id == post)
			return 1;
	return 0;
}

/* Posts held now (or later) that the file leaves out are vacated. */
static int vacate_absent(struct rimport *im, struct exchange_counts *c, struct dd_err *err)
{
	struct store *st = im->x.st;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT p.id, t.id, t.until IS NULL AND t.since <= ?1, g.name, p.title, p.seq, "
		"t.person_id FROM post p JOIN grp g ON g.id = p.grp_id JOIN tenure t ON "
		"t.post_id = p.id WHERE t.until IS NULL OR t.until > ?1 ORDER BY p.id, t.id", err);
	struct {
		long long tenure, post, person;
	} *ends = NULL;
	long long last_bad = 0;
	int n = 0, rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->now);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long post = sqlite3_column_int64(stmt, 0);
		if (in_file(im, post))
			continue;
		if (sqlite3_column_int(stmt, 2)) {
			ends = dd_xrealloc(ends, (size_t)(n + 1) * sizeof *ends);
			ends[n].tenure = sqlite3_column_int64(stmt, 1);
			ends[n].post = post;
			ends[n++].person = sqlite3_column_int64(stmt, 6);
		} else if (post != last_bad) {
			last_bad = post;
			xproblem(&im->x, im->x.header_line, -1,
				 _("the post %s %s %d is not in the file, but a handover of it is "
				   "planned for later (a succession with a later date); keep its "
				   "row"),
				 sqlite3_column_text(stmt, 3), sqlite3_column_text(stmt, 4),
				 sqlite3_column_int(stmt, 5));
		}
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(ends);
		return store_fail(st, err, rc, _("reading the posts"));
	}
	for (int i = 0; i < n; i++) {
		if (end_tenure(im, ends[i].tenure, err) < 0 ||
		    note_vacated(im, ends[i].post, ends[i].person, c, err) < 0) {
			free(ends);
			return -1;
		}
	}
	free(ends);
	return 0;
}

/* The units' liaisons and deputies in charge, for each role whose column the
 * file has: a file without them leaves those contacts as they are. */
static int apply_unit_roles(struct rimport *im, struct exchange_counts *c, struct dd_err *err)
{
	static const int col_of[XUNIT_ROLES] = {XR_LIAISON, XR_IN_CHARGE};
	struct xholder *v = dd_xcalloc((size_t)im->npeople + 1, sizeof *v);
	int rc = 0;

	for (int r = 0; r < XUNIT_ROLES && rc == 0; r++) {
		if (im->x.pos[col_of[r]] < 0)
			continue;
		for (int i = 0; i < im->npeople; i++) {
			v[i].person_id = im->people[i].id;
			v[i].units = &im->people[i].units[r];
			v[i].line = im->people[i].line;
		}
		rc = xunit_roles_apply(&im->x, r, v, im->npeople, &c->liaisons, err);
	}
	free(v);
	return rc;
}

static int apply(void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	struct rimport *im = ctx;
	long long admins = 0;

	if (apply_people(im, c, err) < 0 || apply_posts(im, c, err) < 0 ||
	    vacate_absent(im, c, err) < 0 ||
	    xgroups_apply(&im->x, im->groups, &c->groups, err) < 0 ||
	    apply_unit_roles(im, c, err) < 0 ||
	    store_query_int(im->x.st, "SELECT count(*) FROM person WHERE access = 'admin'", 0,
			    &admins, err) < 0)
		return -1;
	if (admins == 0)
		xproblem(&im->x, im->x.header_line, -1,
			 _("nobody would be left with admin rights: keep at least one admin"));
	/* A file with problems says so first. */
	return im->x.rep->count ? 0 : vacated_done(im, c, err);
}

int exchange_roster_import(struct store *st, const struct actor *by, FILE *in, unsigned flags,
			   struct csvio_report *rep, struct exchange_counts *c,
			   struct dd_err *err)
{
	struct rimport im = {.now = ddtime_now(), .flags = flags};
	int rc = 0, dry_run = (flags & EXCHANGE_DRY_RUN) != 0;

	if (!dry_run && auth_require(st, by, ACCESS_ADMIN, _("importing the roster"), err) < 0)
		return -1;
	im.groups = xgroups_new();
	xfile_init(&im.x, st, rep, xroster_cols, XR_NCOLS);
	if (csvio_read(in, rep, on_row, &im, err) < 0)
		rc = -1;
	else
		xempty(&im.x);
	if (rc == 0)
		rc = xrun(&im.x, by, EXCHANGE_ROSTER, dry_run, apply, &im, c, err);
	for (int i = 0; i < im.npeople; i++)
		person_free(&im.people[i]);
	for (int i = 0; i < im.nposts; i++)
		post_free(&im.posts[i]);
	free(im.people);
	free(im.posts);
	xgroups_free(im.groups);
	xfile_free(&im.x);
	return rc;
}
