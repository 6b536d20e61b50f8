/* exchange_groups.c — a group's texts in the roster file: its heading as the
 * notice writes it (group_heading), its other names (group_aliases, "a; b"),
 * its note and its succession sentence.  Every row that names the group
 * carries them; rows of one group must agree, but a row may leave a text
 * empty (a row added by hand).  Importing gives each group
 * named in the file the file's texts, for the columns the file has. */
#include "io/exchange_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "store/store_sql.h"

/* The texts of the group columns, in their order. */
static const int text_cols[] = {XR_HEADING, XR_ALIASES, XR_NOTE, XR_SUCCESSION};
#define NTEXTS 4

struct xgroup {
	long long id;
	long line;            /* where the file first names it */
	char *name;
	char *text[NTEXTS];   /* NULL: the column is not in the file; aliases
			       * canonical ("a; b") */
};

struct xgroups {
	struct xgroup *v;
	int n;
};

struct xgroups *xgroups_new(void)
{
	return dd_xcalloc(1, sizeof(struct xgroups));
}

static void group_free(struct xgroup *g)
{
	free(g->name);
	for (int i = 0; i < NTEXTS; i++)
		free(g->text[i]);
}

void xgroups_free(struct xgroups *gs)
{
	if (!gs)
		return;
	for (int i = 0; i < gs->n; i++)
		group_free(&gs->v[i]);
	free(gs->v);
	free(gs);
}

/* Length of an alias separator at `s`: ; or ；. */
static size_t alias_sep(const char *s)
{
	if (*s == ';')
		return 1;
	return strncmp(s, "\xef\xbc\x9b", 3) == 0 ? 3 : 0;
}

/* Other names separated by ; (or ；), each one line, named once, in canonical
 * form "a; b"; NULL with the problem reported. */
static char *parse_aliases(struct xfile *x, long line, const char *s)
{
	size_t cap = strlen(s) * 2 + 1, len = 0;
	char *buf = dd_xmalloc(cap);

	buf[0] = '\0';
	while (*s) {
		size_t k = 0;
		char *raw, *one;
		while (s[k] && !alias_sep(s + k))
			k++;
		raw = dd_xstrndup(s, k);
		one = xtrim(raw);
		free(raw);
		s += k;
		s += alias_sep(s);
		if (!*one) {
			free(one);
			continue;
		}
		if (xcheck_text(x, line, XR_ALIASES, one, XNAME_MAX, 0) < 0) {
			free(one);
			free(buf);
			return NULL;
		}
		for (const char *p = buf; *p;) {
			const char *e = strstr(p, "; ");
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n == strlen(one) && strncmp(p, one, n) == 0) {
				xproblem(x, line, XR_ALIASES, _("'%s' is there twice"), one);
				free(one);
				free(buf);
				return NULL;
			}
			p += n + (e ? 2 : 0);
		}
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? "; " : "", one);
		free(one);
	}
	return buf;
}

/* The text of column `col` as the file gives it, checked; NULL when the
 * column is not in the file or the text has a problem (reported). */
static char *read_text(struct xfile *x, const struct csvio_row *row, int col, int *bad)
{
	const char *f = xfield(x, row, col);
	char *t;

	if (x->pos[col] < 0)
		return NULL;
	if (col == XR_ALIASES) {
		t = parse_aliases(x, row->line, f);
		*bad |= !t;
		return t;
	}
	t = col == XR_HEADING ? xtrim(f) : xtext(f);
	if (xcheck_text(x, row->line, col, t, col == XR_HEADING ? XNAME_MAX : XNOTE_MAX,
			col != XR_HEADING) < 0) {
		*bad = 1;
		free(t);
		return NULL;
	}
	return t;
}

void xgroups_row(struct xfile *x, struct xgroups *gs, const struct csvio_row *row,
		 long long grp_id, const char *name)
{
	struct xgroup g = {.id = grp_id, .line = row->line};
	int bad = 0, any = 0;

	for (int i = 0; i < NTEXTS; i++)
		any |= x->pos[text_cols[i]] >= 0;
	if (!any)
		return;
	for (int i = 0; i < NTEXTS; i++)
		g.text[i] = read_text(x, row, text_cols[i], &bad);
	/* A row may leave a text empty: the group's is what its other rows
	 * give (empty when none does). */
	for (int k = 0; !bad && k < gs->n; k++) {
		struct xgroup *o = &gs->v[k];
		if (o->id != grp_id)
			continue;
		for (int i = 0; i < NTEXTS; i++) {
			if (!o->text[i] || !*g.text[i])
				continue;
			if (!*o->text[i]) {
				free(o->text[i]);
				o->text[i] = g.text[i];
				g.text[i] = NULL;
			} else if (strcmp(o->text[i], g.text[i]) != 0) {
				xproblem(x, row->line, text_cols[i],
					 _("%s is also on line %ld, with '%s': the rows of one group "
					   "say the same"), name, o->line, o->text[i]);
			}
		}
		bad = 1;  /* known already */
		break;
	}
	if (bad) {
		group_free(&g);
		return;
	}
	g.name = dd_xstrdup(name);
	gs->v = dd_xrealloc(gs->v, (size_t)(gs->n + 1) * sizeof *gs->v);
	gs->v[gs->n++] = g;
}

/* The group's texts in the database, aliases canonical. */
static int current(struct store *st, long long id, char *now[NTEXTS], struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT g.heading, " XALIASES_OF("g")
					       ", g.note, g.succession FROM grp g WHERE g.id = ?1",
					   err);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	for (int i = 0; i < NTEXTS; i++)
		now[i] = rc == SQLITE_ROW ? store_col_text(stmt, i) : dd_xstrdup("");
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the groups"));
}

static int set_texts(struct store *st, const struct xgroup *g, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "UPDATE grp SET heading = coalesce(?2, heading), "
					       "note = coalesce(?3, note), succession = "
					       "coalesce(?4, succession) WHERE id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, g->id);
	store_bind_text(stmt, 2, g->text[0]);
	store_bind_text(stmt, 3, g->text[2]);
	store_bind_text(stmt, 4, g->text[3]);
	return store_exec_stmt(st, stmt, _("changing a group"), err);
}

static int clear_aliases(struct store *st, long long id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "DELETE FROM grp_alias WHERE grp_id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return store_exec_stmt(st, stmt, _("changing a group"), err);
}

/* Give group `g` its other names, once each group's old ones are gone: one
 * that is another group's name or other name is a problem of the file. */
static int add_aliases(struct xfile *x, const struct xgroup *g, struct dd_err *err)
{
	const char *p = g->text[1];

	while (*p) {
		const char *e = strstr(p, "; ");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *one = dd_xstrndup(p, n);
		sqlite3_stmt *stmt = store_prepare(x->st,
			"SELECT (SELECT name FROM grp WHERE name = ?1 AND id <> ?2), (SELECT g.name "
			"FROM grp_alias a JOIN grp g ON g.id = a.grp_id WHERE a.alias = ?1)", err);
		int rc, taken = 0;

		if (!stmt) {
			free(one);
			return -1;
		}
		store_bind_text(stmt, 1, one);
		sqlite3_bind_int64(stmt, 2, g->id);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW && (sqlite3_column_type(stmt, 0) != SQLITE_NULL ||
					 sqlite3_column_type(stmt, 1) != SQLITE_NULL)) {
			taken = 1;
			xproblem(x, g->line, XR_ALIASES, _("'%s' is already the name of %s"), one,
				 sqlite3_column_type(stmt, 0) != SQLITE_NULL
				 ? (const char *)sqlite3_column_text(stmt, 0)
				 : (const char *)sqlite3_column_text(stmt, 1));
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW) {
			free(one);
			return store_fail(x->st, err, rc, _("reading the groups"));
		}
		if (!taken) {
			stmt = store_prepare(x->st, "INSERT INTO grp_alias(grp_id, alias) VALUES "
						    "(?1, ?2)", err);
			if (!stmt) {
				free(one);
				return -1;
			}
			sqlite3_bind_int64(stmt, 1, g->id);
			store_bind_text(stmt, 2, one);
			if (store_exec_stmt(x->st, stmt, _("changing a group"), err) < 0) {
				free(one);
				return -1;
			}
		}
		free(one);
		p += n + (e ? 2 : 0);
	}
	return 0;
}

int xgroups_apply(struct xfile *x, struct xgroups *gs, int *changed, struct dd_err *err)
{
	int *renamed = dd_xcalloc((size_t)gs->n + 1, sizeof *renamed), rc = 0;

	for (int k = 0; rc == 0 && k < gs->n; k++) {
		const struct xgroup *g = &gs->v[k];
		char *now[NTEXTS];
		int texts = 0;

		if (current(x->st, g->id, now, err) < 0) {
			rc = -1;
			break;
		}
		for (int i = 0; i < NTEXTS; i++)
			if (g->text[i] && strcmp(g->text[i], now[i]) != 0)
				texts |= 1 << i;
		for (int i = 0; i < NTEXTS; i++)
			free(now[i]);
		renamed[k] = (texts & 2) != 0;
		if (texts)
			++*changed;
		if ((texts & ~2) && set_texts(x->st, g, err) < 0)
			rc = -1;
		if (rc == 0 && renamed[k])
			rc = clear_aliases(x->st, g->id, err);
	}
	for (int k = 0; rc == 0 && k < gs->n; k++)
		if (renamed[k])
			rc = add_aliases(x, &gs->v[k], err);
	free(renamed);
	return rc;
}
