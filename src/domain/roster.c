/* roster.c — reading the organisation as of a time, and succession. */
#include "domain/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "domain/auth.h"
#include "store/chain.h"
#include "base/i18n.h"
#include "base/jsonw.h"
#include "store/store_sql.h"

static const char *const kind_names[] = {"leadership", "office", "standing", "taskforce",
					 "subgroup"};
static const char *const title_names[] = {"leader", "deputy", "member", "director",
					  "deputy_director"};
static const char *const title_labels[] = {N_("Leader"), N_("Deputy leader"), N_("Member"),
					   N_("Director"), N_("Deputy director")};

const char *roster_kind_name(enum grp_kind k)
{
	return (unsigned)k < 5 ? kind_names[k] : "?";
}

const char *roster_title_label(enum post_title t)
{
	return (unsigned)t < 5 ? _(title_labels[t]) : "?";
}

const char *roster_heading(const struct roster_group *g)
{
	return g->heading && *g->heading ? g->heading : g->name;
}

static int parse_name(const char *s, const char *const *names, int n)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return 0;
}

const struct roster_group *roster_group(const struct roster *r, long long id)
{
	for (int i = 0; i < r->ngroups; i++)
		if (r->groups[i].id == id)
			return &r->groups[i];
	return NULL;
}

static struct roster_group *group_mut(struct roster *r, long long id)
{
	return (struct roster_group *)roster_group(r, id);
}

void roster_free(struct roster *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->ngroups; i++) {
		struct roster_group *g = &r->groups[i];
		free(g->name);
		free(g->short_name);
		free(g->heading);
		free(g->section);
		free(g->note);
		free(g->succession);
		for (int k = 0; k < g->naliases; k++)
			free(g->aliases[k]);
		free(g->aliases);
		for (int k = 0; k < g->nholders; k++) {
			free(g->holders[k].name);
			free(g->holders[k].phones);
		}
		free(g->holders);
		for (int k = 0; k < g->nmembers; k++)
			free(g->members[k]);
		free(g->members);
		for (int k = 0; k < g->nduties; k++)
			free(g->duties[k].text);
		free(g->duties);
	}
	free(r->groups);
	free(r->order);
	free(r);
}

static int load_groups(struct store *st, struct roster *r, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, kind, seq, name, short, note, coalesce(parent_id, 0), "
		"coalesce(counterpart_id, 0), heading, section, succession FROM grp ORDER BY CASE kind "
		"WHEN 'leadership' THEN 0 WHEN 'office' THEN 1 WHEN 'standing' THEN 2 "
		"WHEN 'taskforce' THEN 3 ELSE 4 END, seq, id", err);
	int rc, cap = 0;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct roster_group *g;
		if (r->ngroups == cap) {
			cap = cap ? cap * 2 : 32;
			r->groups = dd_xrealloc(r->groups, (size_t)cap * sizeof *r->groups);
		}
		g = &r->groups[r->ngroups++];
		memset(g, 0, sizeof *g);
		g->id = sqlite3_column_int64(stmt, 0);
		g->kind = (enum grp_kind)parse_name((const char *)sqlite3_column_text(stmt, 1),
						    kind_names, 5);
		g->seq = sqlite3_column_int(stmt, 2);
		g->name = store_col_text(stmt, 3);
		g->short_name = store_col_text(stmt, 4);
		g->note = store_col_text(stmt, 5);
		g->parent_id = sqlite3_column_int64(stmt, 6);
		g->counterpart_id = sqlite3_column_int64(stmt, 7);
		g->heading = store_col_text(stmt, 8);
		g->section = store_col_text(stmt, 9);
		g->succession = store_col_text(stmt, 10);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the roster"));
}

static void add_holder(struct roster_group *g, const struct roster_holder *h)
{
	g->holders = dd_xrealloc(g->holders, (size_t)(g->nholders + 1) * sizeof *g->holders);
	g->holders[g->nholders++] = *h;
}

static int load_holders(struct store *st, struct roster *r, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT p.id, p.grp_id, p.title, p.label, coalesce(t.person_id, 0), "
		"coalesce(pe.name, ''), coalesce(t.since, 0), "
		"(SELECT group_concat(number, '; ') FROM phone WHERE person_id = pe.id) "
		"FROM post p "
		"LEFT JOIN tenure t ON t.post_id = p.id AND t.since <= ?1 "
		"  AND (t.until IS NULL OR t.until > ?1) "
		"LEFT JOIN person pe ON pe.id = t.person_id "
		"ORDER BY p.grp_id, CASE p.title WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 "
		"WHEN 'director' THEN 2 WHEN 'deputy_director' THEN 3 ELSE 4 END, p.seq, p.id",
		err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, r->at);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct roster_group *g = group_mut(r, sqlite3_column_int64(stmt, 1));
		struct roster_holder h = {0};
		if (!g)
			continue;
		h.post_id = sqlite3_column_int64(stmt, 0);
		h.title = (enum post_title)parse_name(
			(const char *)sqlite3_column_text(stmt, 2), title_names, 5);
		h.person_id = sqlite3_column_int64(stmt, 4);
		h.name = store_col_text(stmt, h.person_id ? 5 : 3);
		h.since = sqlite3_column_int64(stmt, 6);
		h.phones = store_col_text(stmt, 7);
		h.has_phone = h.phones[0] != '\0';
		add_holder(g, &h);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the roster"));
}

/* A list of names a group has (its member units, its other names), from
 * `sql` giving (grp_id, name) in order; `aliases` chooses which list. */
static int load_names(struct store *st, struct roster *r, const char *sql, int aliases,
		      struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct roster_group *g = group_mut(r, sqlite3_column_int64(stmt, 0));
		char ***list;
		int *n;
		if (!g)
			continue;
		list = aliases ? &g->aliases : &g->members;
		n = aliases ? &g->naliases : &g->nmembers;
		*list = dd_xrealloc(*list, (size_t)(*n + 1) * sizeof(char *));
		(*list)[(*n)++] = store_col_text(stmt, 1);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the roster"));
}

static int load_members(struct store *st, struct roster *r, struct dd_err *err)
{
	return load_names(st, r, "SELECT m.grp_id, u.name FROM member_unit m "
			  "JOIN unit u ON u.id = m.unit_id ORDER BY m.grp_id, m.seq", 0, err);
}

static int load_aliases(struct store *st, struct roster *r, struct dd_err *err)
{
	return load_names(st, r, "SELECT grp_id, alias FROM grp_alias ORDER BY grp_id, rowid", 1,
			  err);
}

static int load_duties(struct store *st, struct roster *r, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT grp_id, phase = 'outbreak', seq, text FROM duty "
		"ORDER BY grp_id, phase DESC, seq", err);
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct roster_group *g = group_mut(r, sqlite3_column_int64(stmt, 0));
		struct roster_duty *d;
		if (!g)
			continue;
		g->duties = dd_xrealloc(g->duties, (size_t)(g->nduties + 1) * sizeof *g->duties);
		d = &g->duties[g->nduties++];
		d->outbreak = sqlite3_column_int(stmt, 1);
		d->seq = sqlite3_column_int(stmt, 2);
		d->text = store_col_text(stmt, 3);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the roster"));
}

/* A task-force group is led by its standing counterpart's leaders and
 * deputies: copy them so that every view shows the same people. */
static void lead_task_force(struct roster *r)
{
	for (int i = 0; i < r->ngroups; i++) {
		struct roster_group *g = &r->groups[i];
		const struct roster_group *c;
		if (g->kind != GRP_TASKFORCE || !(c = roster_group(r, g->counterpart_id)))
			continue;
		for (int k = 0; k < c->nholders; k++) {
			struct roster_holder h = c->holders[k];
			if (h.title != POST_LEADER && h.title != POST_DEPUTY)
				continue;
			h.name = dd_xstrdup(h.name);
			h.phones = dd_xstrdup(h.phones);
			add_holder(g, &h);
		}
	}
}

/* Put group `i` and the groups under it into r->order from *n. */
static void place(struct roster *r, int i, int depth, int *n)
{
	if (r->groups[i].depth >= 0)
		return;  /* placed already (parents in a loop) */
	r->groups[i].depth = depth;
	r->order[(*n)++] = i;
	for (int k = 0; depth < 4 && k < r->ngroups; k++)
		if (r->groups[k].parent_id == r->groups[i].id)
			place(r, k, depth + 1, n);
}

/* The notice's order, and where each section begins and each succession
 * sentence is said: after the last group it covers, sub-groups (which have
 * none) not counting. */
static void order_groups(struct roster *r)
{
	int n = 0;

	r->order = dd_xcalloc((size_t)r->ngroups + 1, sizeof *r->order);
	for (int i = 0; i < r->ngroups; i++)
		r->groups[i].depth = -1;
	for (int i = 0; i < r->ngroups; i++)
		if (!roster_group(r, r->groups[i].parent_id))
			place(r, i, 0, &n);
	for (int i = 0; i < r->ngroups; i++)
		place(r, i, 0, &n);  /* what a loop of parents left out */
	for (int k = 0; k < n; k++) {
		struct roster_group *g = &r->groups[r->order[k]];
		const struct roster_group *prev = k ? &r->groups[r->order[k - 1]] : NULL;
		int j;
		g->opens_section = *g->section && (!prev || strcmp(prev->section, g->section) != 0);
		for (j = k + 1; j < n && !*r->groups[r->order[j]].succession; j++)
			;
		g->closes_succession = *g->succession &&
			(j == n || strcmp(r->groups[r->order[j]].succession, g->succession) != 0 ||
			 strcmp(r->groups[r->order[j]].section, g->section) != 0);
	}
}

int roster_load(struct store *st, dd_time at, struct roster **out, struct dd_err *err)
{
	struct roster *r = dd_xcalloc(1, sizeof *r);

	r->at = at ? at : ddtime_now();
	if (load_groups(st, r, err) < 0 || load_holders(st, r, err) < 0 ||
	    load_members(st, r, err) < 0 || load_duties(st, r, err) < 0 ||
	    load_aliases(st, r, err) < 0) {
		roster_free(r);
		*out = NULL;
		return -1;
	}
	lead_task_force(r);
	order_groups(r);
	*out = r;
	return 0;
}

static int find_by(struct store *st, const char *sql, const char *name, long long *id,
		   int *count, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	*count = 0;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((*count)++ == 0)
			*id = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("looking up a group"));
}

int roster_find_group(struct store *st, const char *name, long long *id, struct dd_err *err)
{
	static const char *const queries[] = {
		"SELECT id FROM grp WHERE name = ?1",
		"SELECT grp_id FROM grp_alias WHERE alias = ?1",
		"SELECT id FROM grp WHERE heading = ?1 AND kind <> 'subgroup'",
		"SELECT id FROM grp WHERE kind IN ('standing', 'leadership', 'office') "
		"AND short = ?1",
		"SELECT id FROM grp WHERE kind = 'taskforce' AND "
		"(short = ?1 OR '疫情处置' || ?1 = name)",
		"SELECT id FROM grp WHERE short = ?1",
	};
	char buf[512];
	int count;

	if (!name || !*name)
		return dd_fail(err, DD_EINVAL, _("no group named"));
	snprintf(buf, sizeof buf, "%s", name);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		if (find_by(st, queries[i], buf, id, &count, err) < 0)
			return -1;
		if (count == 1)
			return 0;
	}
	return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_GROUP, _("no group called '%s'"), name);
}

/* Move every open tenure of `from` to `to` (another person: the caller
 * checks) at `at`, however many posts they hold; returns the count. */
static int move_tenures(struct store *st, long long from, long long to, dd_time at,
			struct dd_err *err)
{
	static const char *const steps[] = {
		"SELECT count(*) FROM tenure WHERE person_id = ?1 AND until IS NULL "
		"AND since <= ?2",
		"INSERT INTO tenure(post_id, person_id, since) SELECT post_id, ?3, ?2 "
		"FROM tenure WHERE person_id = ?1 AND until IS NULL AND since <= ?2",
		"UPDATE tenure SET until = ?2 WHERE person_id = ?1 AND until IS NULL "
		"AND since <= ?2",
	};
	long long n = 0;

	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *stmt = store_prepare(st, steps[i], err);
		int rc;
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, from);
		sqlite3_bind_int64(stmt, 2, at);
		if (i > 0)
			sqlite3_bind_int64(stmt, 3, to);
		rc = sqlite3_step(stmt);
		if (i == 0 && rc == SQLITE_ROW)
			n = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			return store_fail(st, err, rc, _("moving the posts to the successor"));
	}
	return (int)n;
}

static int unit_of(struct store *st, long long person, char **unit, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT u.name FROM person p JOIN unit u "
					       "ON u.id = p.unit_id WHERE p.id = ?1", err);
	int rc;

	*unit = NULL;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, person);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*unit = store_col_text(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
						     : store_fail(st, err, rc, _("reading a unit"));
}

int roster_succeed(struct store *st, const struct actor *by, const char *leaver,
		   const char *successor, dd_time at, const char *reason, int *moved,
		   struct dd_err *err)
{
	struct actor old, new;
	struct jsonw body;
	char *old_unit = NULL, *new_unit = NULL;
	struct dd_err e2;
	int n;

	if (auth_require(st, by, ACCESS_ADMIN, _("changing who holds a post"), err) < 0)
		return -1;
	if (!at)
		at = ddtime_now();
	if (store_begin(st, err) < 0)
		return -1;
	if (person_find(st, leaver, &old, err) < 0 || unit_of(st, old.id, &old_unit, err) < 0)
		goto fail;
	if (person_find(st, successor, &new, &e2) < 0) {
		if (e2.code != DD_ENOTFOUND) {
			if (err)
				*err = e2;
			goto fail;
		}
		if (person_add(st, by, successor, old_unit, ACCESS_OPERATOR, NULL, err) < 0 ||
		    person_find(st, successor, &new, err) < 0)
			goto fail;
	}
	if (new.id == old.id) {
		dd_fail(err, DD_EINVAL, _("%s cannot succeed themselves"), old.name);
		goto fail;
	}
	if (unit_of(st, new.id, &new_unit, err) < 0)
		goto fail;
	if (old_unit && new_unit && strcmp(old_unit, new_unit) != 0) {
		dd_fail(err, DD_EINVAL, _("%s is in %s but %s is in %s: a successor comes from "
					  "the same unit"), old.name, old_unit, new.name, new_unit);
		goto fail;
	}
	n = move_tenures(st, old.id, new.id, at, err);
	if (n < 0)
		goto fail;
	if (n == 0) {
		dd_fail(err, DD_EINVAL, _("%s holds no post now; nothing to hand over"), old.name);
		goto fail;
	}
	jsonw_init(&body);
	jsonw_int(&body, "leaver_id", old.id);
	jsonw_str(&body, "leaver", old.name);
	jsonw_int(&body, "successor_id", new.id);
	jsonw_str(&body, "successor", new.name);
	jsonw_int(&body, "posts", n);
	jsonw_int(&body, "effective", at);
	jsonw_str(&body, "reason", reason && *reason ? reason : NULL);
	if (act_event(st, by, "succession", &body, NULL, err) < 0)
		goto fail;
	free(old_unit);
	free(new_unit);
	if (store_commit(st, err) < 0)
		return -1;
	if (moved)
		*moved = n;
	return 0;
fail:
	free(old_unit);
	free(new_unit);
	store_rollback(st);
	return -1;
}

int roster_post_history(struct store *st, long long post_id, struct roster_tenure **out,
			int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT t.person_id, p.name, t.since, coalesce(t.until, 0) FROM tenure t "
		"JOIN person p ON p.id = t.person_id WHERE t.post_id = ?1 ORDER BY t.since, t.id",
		err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, post_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct roster_tenure *t;
		*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		t = &(*out)[(*n)++];
		t->person_id = sqlite3_column_int64(stmt, 0);
		t->name = store_col_text(stmt, 1);
		t->since = sqlite3_column_int64(stmt, 2);
		t->until = sqlite3_column_int64(stmt, 3);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		roster_tenures_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading a post's history"));
	}
	return 0;
}

void roster_tenures_free(struct roster_tenure *t, int n)
{
	for (int i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}

int roster_leads_at(struct store *st, const char *name, dd_time at, char **out,
		    struct dd_err *err)
{
	sqlite3_stmt *stmt;
	long long gid;
	char buf[1024] = "";
	size_t len = 0;
	int rc, last_title = -1;

	*out = NULL;
	if (roster_find_group(st, name, &gid, err) < 0)
		return -1;
	stmt = store_prepare(st,
		"SELECT po.title, pe.name FROM post po "
		"JOIN tenure t ON t.post_id = po.id AND t.since <= ?2 "
		"  AND (t.until IS NULL OR t.until > ?2) "
		"JOIN person pe ON pe.id = t.person_id "
		"WHERE po.grp_id = coalesce((SELECT counterpart_id FROM grp WHERE id = ?1 AND "
		"kind = 'taskforce'), ?1) AND po.title IN ('leader', 'deputy') "
		"ORDER BY po.title = 'deputy', po.seq", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, gid);
	sqlite3_bind_int64(stmt, 2, at);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && len < sizeof buf - 128) {
		int title = parse_name((const char *)sqlite3_column_text(stmt, 0), title_names, 5);
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%s",
					title == last_title ? " " : (len ? "; " : ""),
					title == last_title ? "" : roster_title_label((enum post_title)title),
					"");
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
					title == last_title ? "" : " ", sqlite3_column_text(stmt, 1));
		last_title = title;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("reading who led the group"));
	*out = dd_xstrdup(buf);
	return 0;
}
