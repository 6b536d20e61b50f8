/* exchange_roster_out.c — writing the roster file: one row per post with its
 * holder, a row for each group that has none, then one row per person who
 * holds no post.
 *
 *	group,post,seq,person,unit,access,phones,label,liaison_of,in_charge_of,
 *	group_heading,group_aliases,group_note,group_succession
 *
 * A person who holds several posts is on several rows, the same each time;
 * so is a group on the rows of its posts: its heading as the notice writes
 * it, its other names, its note and its succession sentence.  A group none
 * of whose posts is held or described (a task-force group, a sub-group) has
 * a row of its own with only those, so that the file carries every group's
 * texts and imports back as it is. */
#include "io/exchange_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "store/store_sql.h"

const struct xcol xroster_cols[XR_NCOLS] = {
	{"group", 0}, {"post", 0}, {"seq", 0}, {"person", 0}, {"unit", 0}, {"access", 0},
	{"phones", 0}, {"label", 0}, {"liaison_of", 1}, {"in_charge_of", 1},
	{"group_heading", 1}, {"group_aliases", 1}, {"group_note", 1}, {"group_succession", 1},
};

/* The units whose contact in role ?2 or ?3 (联络员, 分管领导) person `p` is. */
#define UNITS_OF(p, role)                                                                \
	"coalesce((SELECT group_concat(name, '; ') FROM (SELECT u2.name FROM contact k " \
	"JOIN unit u2 ON u2.id = k.unit_id WHERE k.person_id = " p ".id AND k.role = "   \
	role " ORDER BY u2.id)), '')"

/* The tenure of post `p` in effect at ?1. */
#define TENURE_NOW(p)                                                                    \
	"(SELECT tn.id FROM tenure tn WHERE tn.post_id = " p ".id AND tn.since <= ?1 AND " \
	"(tn.until IS NULL OR tn.until > ?1) ORDER BY tn.since DESC, tn.id DESC LIMIT 1)"

/* Group g's texts, the file's last four columns. */
#define GROUP_TEXTS "g.heading, " XALIASES_OF("g") ", g.note, g.succession"

/* The groups in the notice's order, each group under the one it is part of
 * (pg: the sub-groups under 核酸采样工作组): keys k1 … k5. */
#define GROUP_ORDER                                                                      \
	"CASE coalesce(pg.kind, g.kind) WHEN 'leadership' THEN 0 WHEN 'office' THEN 1 "  \
	"WHEN 'standing' THEN 2 WHEN 'taskforce' THEN 3 ELSE 4 END AS k1, "               \
	"coalesce(pg.seq, g.seq) AS k2, coalesce(pg.id, g.id) AS k3, "                    \
	"pg.id IS NOT NULL AS k4, g.seq AS k5, g.id AS k6"

/* Write each row of `stmt`, which selects the file's columns in order, with
 * ?1 the moment and ?2, ?3 the unit roles bound. */
static int export_rows(struct store *st, sqlite3_stmt *stmt, FILE *out, dd_time now,
		       struct dd_err *err)
{
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, now);
	store_bind_text(stmt, 2, xunit_role_words[XLIAISON]);
	store_bind_text(stmt, 3, xunit_role_words[XIN_CHARGE]);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *cells[XR_NCOLS];
		for (int i = 0; i < XR_NCOLS; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, i);
		csvio_write_row(out, cells, XR_NCOLS);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, _("reading the roster"));
}

/* The posts held or described now, and the groups with none of them. */
static int export_posts(struct store *st, FILE *out, dd_time now, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT * FROM (SELECT g.name, p.title, p.seq, coalesce(pe.name, ''), "
		"coalesce(u.name, ''), coalesce(pe.access, ''), CASE WHEN pe.id IS NULL THEN '' "
		"ELSE " XPHONES_OF("pe") " END, p.label, CASE WHEN pe.id IS NULL THEN '' ELSE "
		UNITS_OF("pe", "?2") " END, CASE WHEN pe.id IS NULL THEN '' ELSE "
		UNITS_OF("pe", "?3") " END, " GROUP_TEXTS ", " GROUP_ORDER ", CASE p.title WHEN "
		"'leader' THEN 0 WHEN 'deputy' THEN 1 WHEN 'director' THEN 2 WHEN "
		"'deputy_director' THEN 3 ELSE 4 END AS k7, p.seq AS k8, p.id AS k9 "
		"FROM post p JOIN grp g ON g.id = p.grp_id LEFT JOIN grp pg ON pg.id = g.parent_id "
		"LEFT JOIN tenure t ON t.id = " TENURE_NOW("p") " "
		"LEFT JOIN person pe ON pe.id = t.person_id "
		"LEFT JOIN unit u ON u.id = pe.unit_id WHERE pe.id IS NOT NULL OR p.label <> '' "
		"UNION ALL SELECT g.name, '', '', '', '', '', '', '', '', '', " GROUP_TEXTS ", "
		GROUP_ORDER ", -1, 0, 0 FROM grp g LEFT JOIN grp pg ON pg.id = g.parent_id "
		"WHERE NOT EXISTS (SELECT 1 FROM post p WHERE p.grp_id = g.id AND (p.label <> '' "
		"OR " TENURE_NOW("p") " IS NOT NULL))) "
		"ORDER BY k1, k2, k3, k4, k5, k6, k7, k8, k9", err);

	return export_rows(st, stmt, out, now, err);
}

/* People without a post: no group, post, seq or label. */
static int export_people(struct store *st, FILE *out, dd_time now, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT '', '', '', pe.name, coalesce(u.name, ''), pe.access, " XPHONES_OF("pe")
		", '', " UNITS_OF("pe", "?2") ", " UNITS_OF("pe", "?3") ", '', '', '', '' "
		"FROM person pe LEFT JOIN unit u ON u.id = pe.unit_id WHERE NOT EXISTS "
		"(SELECT 1 FROM tenure t WHERE t.person_id = pe.id AND t.since <= ?1 AND "
		"(t.until IS NULL OR t.until > ?1)) ORDER BY pe.id", err);

	return export_rows(st, stmt, out, now, err);
}

int exchange_roster_export(struct store *st, FILE *out, struct dd_err *err)
{
	const char *header[XR_NCOLS];
	dd_time now = ddtime_now();

	for (int i = 0; i < XR_NCOLS; i++)
		header[i] = xroster_cols[i].name;
	csvio_write_row(out, header, XR_NCOLS);
	if (export_posts(st, out, now, err) < 0 || export_people(st, out, now, err) < 0)
		return -1;
	return 0;
}
