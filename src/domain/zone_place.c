/* zone_place.c — whether a place is a village or community the roster knows,
 * and the known names nearest to one it does not: a typo in a zone's place
 * is refused with what was probably meant, never made a new village. */
#include "domain/zone.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/zone_internal.h"
#include "store/store_sql.h"

#define PLACE_CHARS (ZONE_PLACE_MAX + 1)

/* The characters (code points) of valid UTF-8 `s`; at most PLACE_CHARS. */
static int chars_of(const char *s, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	while (*p && n < PLACE_CHARS) {
		uint32_t c = *p++;
		int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		if (more)
			c &= 0x3fu >> more;
		while (more-- > 0 && (*p & 0xc0) == 0x80)
			c = c << 6 | (*p++ & 0x3fu);
		out[n++] = c;
	}
	return n;
}

/* Levenshtein distance between a[0..na) and b[0..nb), in characters. */
static int distance(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int row[PLACE_CHARS + 1];

	for (int j = 0; j <= nb; j++)
		row[j] = j;
	for (int i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= nb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

static int common_prefix(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int k = 0;

	while (k < na && k < nb && a[k] == b[k])
		k++;
	return k;
}

struct candidate {
	int dist, prefix;
};

/* Whether candidate x ranks before y: nearer, then the longer shared start. */
static int before(const struct candidate *x, const struct candidate *y)
{
	return x->dist != y->dist ? x->dist < y->dist : x->prefix > y->prefix;
}

/* Keep `name` among the nearest of `m` if it ranks there. */
static void consider(struct zone_place_match *m, struct candidate *ranks, const char *name,
		     struct candidate c)
{
	int at = m->n;

	while (at > 0 && before(&c, &ranks[at - 1]))
		at--;
	if (at >= ZONE_NEAREST_MAX)
		return;
	if (m->n < ZONE_NEAREST_MAX)
		m->n++;
	for (int k = m->n - 1; k > at; k--) {
		ranks[k] = ranks[k - 1];
		memcpy(m->nearest[k], m->nearest[k - 1], sizeof m->nearest[k]);
	}
	ranks[at] = c;
	snprintf(m->nearest[at], sizeof m->nearest[at], "%s", name);
}

/* The villages near `name`: within half its length in edits (one at least),
 * or sharing its first two characters, or one the start of the other. */
static int nearest(struct store *st, const char *name, struct zone_place_match *m,
		   struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT name FROM unit WHERE kind = 'village' "
					       "ORDER BY id", err);
	struct candidate ranks[ZONE_NEAREST_MAX];
	uint32_t a[PLACE_CHARS], b[PLACE_CHARS];
	int na = chars_of(name, a), rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *known = (const char *)sqlite3_column_text(stmt, 0);
		int nb, lim = na / 2 > 1 ? na / 2 : 1;
		struct candidate c;
		if (!known || strlen(known) > ZONE_PLACE_MAX)
			continue;
		nb = chars_of(known, b);
		c.dist = distance(a, na, b, nb);
		c.prefix = common_prefix(a, na, b, nb);
		if (c.dist <= lim || c.prefix >= 2 || (c.prefix > 0 && (c.prefix == na ||
									c.prefix == nb)))
			consider(m, ranks, known, c);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("looking up the places"));
}

int zone_place_known(struct store *st, const char *place, struct zone_place_match *m,
		     struct dd_err *err)
{
	struct zone_place_match local;
	char name[ZONE_PLACE_MAX + 1], kind[32] = "";
	sqlite3_stmt *stmt;
	int rc;

	if (!m)
		m = &local;
	memset(m, 0, sizeof *m);
	if (zone_clean_text(_("the place"), place, ZONE_PLACE_MAX, name, err) < 0)
		return -1;
	stmt = store_prepare(st, "SELECT kind FROM unit WHERE name = ?1", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(kind, sizeof kind, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("looking up a place"));
	if (rc == SQLITE_ROW && strcmp(kind, "village") != 0)
		return dd_fail(err, DD_EINVAL,
			       _("%s is a unit of the roster (%s), not a village or community"),
			       name, kind);
	if (rc == SQLITE_ROW)
		return m->known = 1;
	return nearest(st, name, m, err);
}

int zone_place_fail(const char *place, const struct zone_place_match *m, struct dd_err *err)
{
	char names[ZONE_NEAREST_MAX * (ZONE_PLACE_MAX + 8)] = "";
	size_t len = 0;

	for (int i = 0; m && i < m->n && len < sizeof names; i++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? "、" : "",
					m->nearest[i]);
	if (!*names)
		return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_PLACE,
				     _("'%s' is not a village or community on the roster, and no "
				       "name on it is near"), place);
	return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_PLACE,
			     _("'%s' is not a village or community on the roster; did you mean "
			       "%s?"), place, names);
}
