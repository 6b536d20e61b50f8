/* zone.c — classifying villages and communities in an outbreak (封控区,
 * 管控区, 防范区), and the checkpoints (卡点) set up around them. */
#include "domain/zone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "domain/meeting.h"
#include "domain/mode.h"
#include "domain/zone_internal.h"
#include "base/text.h"
#include "store/rows.h"
#include "store/store_sql.h"

/* How far ahead a change may take effect ("from 18:00 tonight"). */
#define ZONE_AHEAD_MAX (24 * 3600)
#define CHECKPOINT_PLACE_MAX 300

static const char *const level_names[] = {"none", "precaution", "controlled", "closed"};
static const char *const level_words[] = {"无", "防范区", "管控区", "封控区"};

const char *zone_level_name(enum zone_level l)
{
	return (unsigned)l < ZONE_LEVEL_COUNT ? level_names[l] : "?";
}

const char *zone_level_word(enum zone_level l)
{
	return (unsigned)l < ZONE_LEVEL_COUNT ? level_words[l] : "?";
}

static enum zone_level level_of(const char *s)
{
	for (int i = 0; s && i < ZONE_LEVEL_COUNT; i++)
		if (strcmp(s, level_names[i]) == 0)
			return (enum zone_level)i;
	return ZONE_NONE;
}

int zone_level_parse(const char *s, enum zone_level *out, struct dd_err *err)
{
	for (int i = 0; s && i < ZONE_LEVEL_COUNT; i++) {
		if (strcmp(s, level_names[i]) == 0 || strcmp(s, level_words[i]) == 0) {
			*out = (enum zone_level)i;
			return 0;
		}
	}
	/* 交通管理组's duty 1 writes 防控区 for 防范区. */
	if (s && strcmp(s, "防控区") == 0) {
		*out = ZONE_PRECAUTION;
		return 0;
	}
	return dd_fail(err, DD_EINVAL, _("'%s' is not a zone; use closed (封控区), controlled "
					 "(管控区), precaution (防范区) or none"), s ? s : "");
}

static void clear_change(void *row)
{
	struct zone_change *z = row;

	free(z->place);
	free(z->source);
	free(z->by);
}

void zone_changes_free(struct zone_change *v, int n)
{
	rows_free(v, n, sizeof *v, clear_change);
}

static void clear_checkpoint(void *row)
{
	struct zone_checkpoint *k = row;

	free(k->place);
	free(k->zone);
	free(k->staff);
	free(k->hours);
	free(k->by);
	free(k->closed_reason);
}

void zone_checkpoints_free(struct zone_checkpoint *v, int n)
{
	rows_free(v, n, sizeof *v, clear_checkpoint);
}

/* A name or text as typed: trimmed of spaces (U+3000 too) into `out`,
 * present, UTF-8 without control characters, at most `max` bytes. */
int zone_clean_text(const char *what, const char *typed, size_t max, char *out,
		    struct dd_err *err)
{
	const char *b = typed ? typed : "";
	size_t n;

	for (;;) {
		if (*b == ' ' || *b == '\t')
			b++;
		else if (strncmp(b, "\xe3\x80\x80", 3) == 0)
			b += 3;
		else
			break;
	}
	n = strlen(b);
	while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t' ||
			 (n >= 3 && memcmp(b + n - 3, "\xe3\x80\x80", 3) == 0)))
		n -= b[n - 1] == ' ' || b[n - 1] == '\t' ? 1 : 3;
	if (n == 0)
		return dd_fail(err, DD_EINVAL, _("%s is empty"), what);
	if (n > max)
		return dd_fail(err, DD_EINVAL, _("%s is %zu bytes long; the most is %zu"), what, n,
			       max);
	if (!text_valid_utf8(b, n))
		return dd_fail(err, DD_EINVAL, _("%s is not valid UTF-8"), what);
	memcpy(out, b, n);
	out[n] = '\0';
	return text_check_typed(what, out, 0, err);
}

/* The village called `name`: its id, or 0 when there is no unit of that
 * name.  Another kind of unit is refused. */
static int find_village(struct store *st, const char *name, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT id, kind FROM unit WHERE name = ?1", err);
	char kind[32] = "";
	int rc;

	*id = 0;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		snprintf(kind, sizeof kind, "%s", sqlite3_column_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("looking up a place"));
	if (*id && strcmp(kind, "village") != 0)
		return dd_fail(err, DD_EINVAL,
			       _("%s is a unit of the roster (%s), not a village or community"),
			       name, kind);
	return 0;
}


/* A new village or community, on the roster and on the chain. */
static int add_village(struct store *st, const struct actor *by, const char *name,
		       long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO unit(name, kind) "
					       "VALUES (?1, 'village')", err);
	struct jsonw body;
	char text[ZONE_PLACE_MAX + 64];

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	if (store_exec_stmt(st, stmt, _("adding the place to the roster"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	snprintf(text, sizeof text, "新增村社：%s", name);
	jsonw_init(&body);
	jsonw_int(&body, "unit", *id);
	jsonw_str(&body, "name", name);
	jsonw_str(&body, "kind", "village");
	jsonw_str(&body, "text", text);
	return act_event(st, by, "unit-added", &body, NULL, err);
}

/* The classification of a village in an outbreak at `at`. */
static int level_at(struct store *st, long long unit, long long outbreak, dd_time at,
		    enum zone_level *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT level FROM zone_change WHERE unit_id = ?1 AND outbreak_id = ?2 AND "
		"effective_at <= ?3 ORDER BY effective_at DESC, id DESC LIMIT 1", err);
	int rc;

	*out = ZONE_NONE;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, unit);
	sqlite3_bind_int64(stmt, 2, outbreak);
	sqlite3_bind_int64(stmt, 3, at);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = level_of((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the zones"));
}

/* The outbreak whose zones may be set now: the mode the town is in allows
 * them (mode_in_force: the task force's MODE_FX_ZONES).  *outbreak is 0 when
 * none may be. */
static int zones_open(struct store *st, long long *outbreak, struct dd_err *err)
{
	struct mode_status m;

	*outbreak = 0;
	if (mode_current(st, 0, &m, err) < 0)
		return -1;
	if (mode_in_force(m.state) & MODE_FX_ZONES)
		*outbreak = m.outbreak;
	return 0;
}

/* Zones may be set now, and `at` within the outbreak.  Fills the outbreak. */
static int check_outbreak(struct store *st, dd_time at, long long *outbreak, struct dd_err *err)
{
	long long began = 0;
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];

	if (zones_open(st, outbreak, err) < 0)
		return -1;
	if (!*outbreak)
		return dd_fail(err, DD_EDENIED,
			       _("zones are set only in task-force mode (疫情处置专班), on the "
				 "city expert group's assessment; the town is in normal mode"));
	if (store_query_int(st, "SELECT occurred_at FROM entry WHERE id = ?1", *outbreak, &began,
			    err) < 0)
		return -1;
	if (at < began)
		return dd_fail(err, DD_EINVAL,
			       _("%s is before the outbreak began (positive case #%lld at %s)"),
			       ddtime_format(at, DDTIME_MINUTE, a), *outbreak,
			       ddtime_format(began, DDTIME_MINUTE, b));
	if (at > ddtime_now() + ZONE_AHEAD_MAX)
		return dd_fail(err, DD_EINVAL, _("%s is more than a day ahead: is the date "
						 "mistyped?"), ddtime_format(at, DDTIME_MINUTE, a));
	return 0;
}

static int insert_change(struct store *st, const struct actor *by, long long unit,
			 enum zone_level level, dd_time at, const char *source, long long outbreak,
			 long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO zone_change(unit_id, level, effective_at, source, outbreak_id, "
		"recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, unit);
	store_bind_text(stmt, 2, level_names[level]);
	sqlite3_bind_int64(stmt, 3, at);
	store_bind_text(stmt, 4, source);
	sqlite3_bind_int64(stmt, 5, outbreak);
	sqlite3_bind_int64(stmt, 6, ddtime_now());
	sqlite3_bind_int64(stmt, 7, by->id);
	if (store_exec_stmt(st, stmt, _("recording the zone"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

static int chain_zone(struct store *st, const struct actor *by, const char *place,
		      enum zone_level level, const struct zone_set_result *r, dd_time at,
		      const char *source, struct dd_err *err)
{
	char text[ZONE_PLACE_MAX + 128], *detail, when[DDTIME_BUFSZ], iso[DDTIME_BUFSZ];
	size_t n = strlen(source) + 64;
	struct jsonw body;
	int rc;

	ddtime_format(at, DDTIME_MINUTE, when);
	/* Records are kept in the office's language, whatever the screen's. */
	if (level == ZONE_NONE)
		snprintf(text, sizeof text, "%s：解除%s", place, level_words[r->previous]);
	else if (r->previous == ZONE_NONE)
		snprintf(text, sizeof text, "%s：划为%s", place, level_words[level]);
	else
		snprintf(text, sizeof text, "%s：%s → %s", place, level_words[r->previous],
			 level_words[level]);
	detail = dd_xmalloc(n);
	snprintf(detail, n, "%s（%s 起）", source, when);
	jsonw_init(&body);
	jsonw_int(&body, "zone_change", r->change_id);
	jsonw_str(&body, "place", place);
	jsonw_str(&body, "level", level_names[level]);
	jsonw_str(&body, "previous", level_names[r->previous]);
	jsonw_str(&body, "effective", ddtime_format(at, DDTIME_ISO, iso));
	jsonw_str(&body, "source", source);
	jsonw_str(&body, "text", text);
	jsonw_str(&body, "detail", detail);
	/* On the outbreak's timeline. */
	rc = act_event_about(st, by, "zone", r->outbreak, &body, err);
	free(detail);
	return rc;
}

int zone_check_place(struct store *st, const char *place, int *known, enum zone_level *now,
		     char *clean, struct dd_err *err)
{
	char name[ZONE_PLACE_MAX + 1];
	long long id = 0, outbreak = 0;
	dd_time at = ddtime_now();

	*known = 0;
	*now = ZONE_NONE;
	if (zones_open(st, &outbreak, err) < 0 ||
	    zone_clean_text(_("the place"), place, ZONE_PLACE_MAX, name, err) < 0 ||
	    find_village(st, name, &id, err) < 0 ||
	    (id && outbreak && level_at(st, id, outbreak, at, now, err) < 0))
		return -1;
	*known = id != 0;
	if (clean)
		memcpy(clean, name, strlen(name) + 1);
	return 0;
}

int zone_check_checkpoint_place(const char *place, struct dd_err *err)
{
	char where[CHECKPOINT_PLACE_MAX + 1];
	return zone_clean_text(_("the checkpoint's place"), place, CHECKPOINT_PLACE_MAX, where, err);
}

int zone_check_open(struct store *st, struct dd_err *err)
{
	long long outbreak = 0;
	return check_outbreak(st, ddtime_now(), &outbreak, err);
}

/* The village `name` (clean), its id in *unit; refused when there is none. */
static int village_of(struct store *st, const char *name, long long *unit, struct dd_err *err)
{
	if (find_village(st, name, unit, err) < 0)
		return -1;
	if (!*unit) {
		struct zone_place_match m;
		if (zone_place_known(st, name, &m, err) == 0)
			zone_place_fail(name, &m, err);
		return -1;
	}
	return 0;
}

int zone_check_village(struct store *st, const char *name, struct dd_err *err)
{
	char village[ZONE_PLACE_MAX + 1];
	long long unit = 0;

	if (zone_clean_text(_("the zone"), name, ZONE_PLACE_MAX, village, err) < 0)
		return -1;
	return village_of(st, village, &unit, err);
}

int zone_check_level(const char *place, enum zone_level now, enum zone_level level, dd_time at,
		     struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if ((unsigned)level >= ZONE_LEVEL_COUNT)
		return dd_fail(err, DD_EINVAL, _("unknown zone"));
	if (now == level)
		return dd_fail(err, DD_EINVAL, level == ZONE_NONE
			       ? _("%s has no zone to lift at %s")
			       : _("%s is already in that zone at %s"), place,
			       ddtime_format(at, DDTIME_MINUTE, when));
	return 0;
}

static int set_in(struct store *st, const struct actor *by, const char *place,
		  enum zone_level level, const char *source, dd_time at, unsigned flags,
		  struct zone_set_result *r, struct dd_err *err)
{
	long long unit = 0;

	if (check_outbreak(st, at, &r->outbreak, err) < 0 ||
	    find_village(st, place, &unit, err) < 0)
		return -1;
	if (!unit && !(flags & ZONE_NEW_PLACE)) {
		/* A typo must not found a village: a new place is said to be new. */
		struct zone_place_match m;
		if (zone_place_known(st, place, &m, err) < 0)
			return -1;
		return zone_place_fail(place, &m, err);
	}
	if (!unit) {
		if (add_village(st, by, place, &unit, err) < 0)
			return -1;
		r->place_added = 1;
	}
	if (level_at(st, unit, r->outbreak, at, &r->previous, err) < 0)
		return -1;
	if (zone_check_level(place, r->previous, level, at, err) < 0)
		return -1;
	if (insert_change(st, by, unit, level, at, source, r->outbreak, &r->change_id, err) < 0)
		return -1;
	return chain_zone(st, by, place, level, r, at, source, err);
}

int zone_set(struct store *st, const struct actor *by, const char *place, enum zone_level level,
	     const char *source, dd_time at, struct zone_set_result *out, struct dd_err *err)
{
	return zone_set_flags(st, by, place, level, source, at, 0, out, err);
}

int zone_set_flags(struct store *st, const struct actor *by, const char *place,
		   enum zone_level level, const char *source, dd_time at, unsigned flags,
		   struct zone_set_result *out, struct dd_err *err)
{
	char name[ZONE_PLACE_MAX + 1], src[ZONE_TEXT_MAX + 1];
	struct zone_set_result r = {0};

	if ((unsigned)level >= ZONE_LEVEL_COUNT)
		return dd_fail(err, DD_EINVAL, _("unknown zone"));
	if (zone_clean_text(_("the place"), place, ZONE_PLACE_MAX, name, err) < 0 ||
	    zone_clean_text(_("the source of the decision"), source, ZONE_TEXT_MAX, src, err) < 0)
		return -1;
	if (!at)
		at = ddtime_now();
	if (store_begin(st, err) < 0)
		return -1;
	if (set_in(st, by, name, level, src, at, flags, &r, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (out)
		*out = r;
	return 0;
}

int zone_outbreak(struct store *st, long long *outbreak, int *active, struct dd_err *err)
{
	struct mode_status m;

	*outbreak = 0;
	*active = 0;
	if (mode_current(st, 0, &m, err) < 0)
		return -1;
	*outbreak = m.outbreak;
	*active = (mode_in_force(m.state) & MODE_FX_ZONES) != 0;
	return 0;
}

/* A change's columns, `z` the change; the level before it in its outbreak. */
#define ZONE_COLS                                                                       \
	"z.id, u.name, z.level, coalesce((SELECT y.level FROM zone_change y WHERE "     \
	"y.outbreak_id = z.outbreak_id AND y.unit_id = z.unit_id AND (y.effective_at < " \
	"z.effective_at OR (y.effective_at = z.effective_at AND y.id < z.id)) ORDER BY " \
	"y.effective_at DESC, y.id DESC LIMIT 1), 'none'), z.effective_at, z.recorded_at, " \
	"z.source, p.name, z.outbreak_id FROM zone_change z JOIN unit u ON u.id = z.unit_id " \
	"JOIN person p ON p.id = z.recorded_by "

static void read_change(sqlite3_stmt *stmt, void *row)
{
	struct zone_change *z = row;

	z->id = sqlite3_column_int64(stmt, 0);
	z->place = store_col_text(stmt, 1);
	z->level = level_of((const char *)sqlite3_column_text(stmt, 2));
	z->previous = level_of((const char *)sqlite3_column_text(stmt, 3));
	z->effective_at = sqlite3_column_int64(stmt, 4);
	z->recorded_at = sqlite3_column_int64(stmt, 5);
	z->source = store_col_text(stmt, 6);
	z->by = store_col_text(stmt, 7);
	z->outbreak = sqlite3_column_int64(stmt, 8);
}

static int read_changes(struct store *st, sqlite3_stmt *stmt, struct zone_change **out, int *n,
			struct dd_err *err)
{
	void *v;

	if (rows_read(st, stmt, sizeof **out, read_change, clear_change, &v, n,
		      _("reading the zones"), err) < 0)
		return -1;
	*out = v;
	return 0;
}

int zone_current(struct store *st, long long outbreak, dd_time now, struct zone_change **out,
		 int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " ZONE_COLS
		"WHERE z.outbreak_id = ?1 AND z.effective_at <= ?2 AND z.level <> 'none' AND "
		"NOT EXISTS (SELECT 1 FROM zone_change x WHERE x.outbreak_id = z.outbreak_id AND "
		"x.unit_id = z.unit_id AND x.effective_at <= ?2 AND (x.effective_at > "
		"z.effective_at OR (x.effective_at = z.effective_at AND x.id > z.id))) "
		"ORDER BY CASE z.level WHEN 'closed' THEN 0 WHEN 'controlled' THEN 1 ELSE 2 END, "
		"u.id", err);

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, outbreak);
	sqlite3_bind_int64(stmt, 2, now);
	return read_changes(st, stmt, out, n, err);
}

int zone_history(struct store *st, long long outbreak, struct zone_change **out, int *n,
		 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " ZONE_COLS
		"WHERE ?1 = 0 OR z.outbreak_id = ?1 ORDER BY z.outbreak_id, z.effective_at, z.id",
		err);

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, outbreak);
	return read_changes(st, stmt, out, n, err);
}

/* "8:00" or "08:00" (and "24:00" when `end`) into minutes; the rest in *rest. */
static int clock_minutes(const char *s, int end, int *out, const char **rest)
{
	int h = 0, m = 0, digits = 0;

	while (*s >= '0' && *s <= '9' && digits < 2) {
		h = h * 10 + (*s++ - '0');
		digits++;
	}
	if (!digits || (*s != ':' && strncmp(s, "\xef\xbc\x9a", 3) != 0))
		return -1;
	s += *s == ':' ? 1 : 3;
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'))
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m || !end)))
		return -1;
	*out = h * 60 + m;
	*rest = s + 2;
	return 0;
}

int zone_parse_hours(const char *s, char *out, size_t n, struct dd_err *err)
{
	static const char *const dashes[] = {"-", "~", "\xe2\x80\x93", "\xef\xbd\x9e",
					     "\xef\xbc\x8d", "\xe8\x87\xb3"};
	const char *p = s ? s : "";
	int a, b;
	size_t d;

	if (strcmp(p, "24h") == 0 || strcmp(p, "24小时") == 0 || strcmp(p, "全天") == 0) {
		snprintf(out, n, "00:00-24:00");
		return 0;
	}
	if (clock_minutes(p, 0, &a, &p) < 0)
		goto bad;
	for (d = 0; d < sizeof dashes / sizeof dashes[0]; d++)
		if (strncmp(p, dashes[d], strlen(dashes[d])) == 0)
			break;
	if (d == sizeof dashes / sizeof dashes[0])
		goto bad;
	p += strlen(dashes[d]);
	if (clock_minutes(p, 1, &b, &p) < 0 || *p != '\0' || a == b)
		goto bad;
	snprintf(out, n, "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
	return 0;
bad:
	return dd_fail(err, DD_EINVAL, _("'%s' is not a span of hours: write it as 08:00-20:00 "
					 "(20:00-08:00 runs overnight) or 24h"), s ? s : "");
}

/* The staff's rows and the checkpoint's event, inside the transaction. */
static int checkpoint_in(struct store *st, const struct actor *by, const char *place,
			 long long unit, const char *zone, const struct actor *staff, int nstaff,
			 const char *hours, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	long long outbreak;
	struct jsonw body;
	char text[CHECKPOINT_PLACE_MAX + ZONE_PLACE_MAX + 64], names[MEETING_PEOPLE_MAX * 40] = "";
	size_t len = 0;

	if (zones_open(st, &outbreak, err) < 0)
		return -1;
	stmt = store_prepare(st, "INSERT INTO checkpoint(place, unit_id, hours, outbreak_id, "
				 "opened_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, place);
	if (unit)
		sqlite3_bind_int64(stmt, 2, unit);
	store_bind_text(stmt, 3, hours);
	if (outbreak)
		sqlite3_bind_int64(stmt, 4, outbreak);
	sqlite3_bind_int64(stmt, 5, ddtime_now());
	sqlite3_bind_int64(stmt, 6, by->id);
	if (store_exec_stmt(st, stmt, _("recording the checkpoint"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	for (int i = 0; i < nstaff; i++) {
		stmt = store_prepare(st, "INSERT INTO checkpoint_staff(checkpoint_id, seq, "
					 "person_id) VALUES (?1, ?2, ?3)", err);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, *id);
		sqlite3_bind_int(stmt, 2, i + 1);
		sqlite3_bind_int64(stmt, 3, staff[i].id);
		if (store_exec_stmt(st, stmt, _("recording the staff on post"), err) < 0)
			return -1;
		if (len < sizeof names - 1)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						i ? "、" : "", staff[i].name);
	}
	snprintf(text, sizeof text, "设卡点 #%lld %s（%s）", *id, place, unit ? zone : "市镇外围");
	jsonw_init(&body);
	jsonw_int(&body, "checkpoint", *id);
	jsonw_str(&body, "place", place);
	jsonw_str(&body, "zone", unit ? zone : NULL);
	jsonw_str(&body, "staff", names);
	jsonw_str(&body, "hours", hours);
	jsonw_str(&body, "text", text);
	snprintf(text, sizeof text, "%s，%s", names, hours);
	jsonw_str(&body, "detail", text);
	return act_event_about(st, by, "checkpoint-opened", outbreak, &body, err);
}

int zone_checkpoint_add(struct store *st, const struct actor *by, const char *place,
			const char *zone, const char *staff, const char *hours, long long *id,
			struct dd_err *err)
{
	char where[CHECKPOINT_PLACE_MAX + 1], village[ZONE_PLACE_MAX + 1] = "", span[16];
	struct actor *people = NULL;
	long long unit = 0, cid = 0;
	int n = 0;

	if (zone_clean_text(_("the checkpoint's place"), place, CHECKPOINT_PLACE_MAX, where, err) < 0 ||
	    (zone && *zone && zone_clean_text(_("the zone"), zone, ZONE_PLACE_MAX, village, err) < 0) ||
	    zone_parse_hours(hours, span, sizeof span, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (*village && village_of(st, village, &unit, err) < 0)
		goto fail;
	if (meeting_people(st, staff, _("the staff on post"), &people, &n, err) < 0 ||
	    checkpoint_in(st, by, where, unit, village, people, n, span, &cid, err) < 0)
		goto fail;
	free(people);
	if (store_commit(st, err) < 0)
		return -1;
	if (id)
		*id = cid;
	return 0;
fail:
	free(people);
	store_rollback(st);
	return -1;
}

#define CHECKPOINT_COLS                                                                 \
	"k.id, k.place, coalesce(u.name, ''), coalesce((SELECT z.level FROM zone_change z " \
	"WHERE z.unit_id = k.unit_id AND z.outbreak_id = k.outbreak_id AND z.effective_at " \
	"<= ?2 ORDER BY z.effective_at DESC, z.id DESC LIMIT 1), 'none'), "              \
	"coalesce((SELECT group_concat(name, '、') FROM (SELECT p.name FROM checkpoint_staff " \
	"s JOIN person p ON p.id = s.person_id WHERE s.checkpoint_id = k.id ORDER BY "   \
	"s.seq)), ''), k.hours, k.opened_at, r.name, coalesce(k.outbreak_id, 0), "       \
	"coalesce(c.at, 0), coalesce(json_extract(c.body, '$.detail'), '') FROM checkpoint k " \
	"LEFT JOIN unit u ON u.id = k.unit_id JOIN person r ON r.id = k.recorded_by "     \
	"LEFT JOIN event c ON c.type = 'checkpoint-closed' AND "                          \
	"json_extract(c.body, '$.checkpoint') = +k.id "

static void read_checkpoint(sqlite3_stmt *stmt, void *row)
{
	struct zone_checkpoint *k = row;

	k->id = sqlite3_column_int64(stmt, 0);
	k->place = store_col_text(stmt, 1);
	k->zone = store_col_text(stmt, 2);
	k->level = level_of((const char *)sqlite3_column_text(stmt, 3));
	k->staff = store_col_text(stmt, 4);
	k->hours = store_col_text(stmt, 5);
	k->opened_at = sqlite3_column_int64(stmt, 6);
	k->by = store_col_text(stmt, 7);
	k->outbreak = sqlite3_column_int64(stmt, 8);
	k->closed_at = sqlite3_column_int64(stmt, 9);
	k->closed_reason = store_col_text(stmt, 10);
}

int zone_checkpoint_list(struct store *st, int all, dd_time now, struct zone_checkpoint **out,
			 int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " CHECKPOINT_COLS
					   "WHERE ?1 = 1 OR c.id IS NULL ORDER BY k.id", err);
	void *v;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, all ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, now ? now : ddtime_now());
	if (rows_read(st, stmt, sizeof **out, read_checkpoint, clear_checkpoint, &v, n,
		      _("reading the checkpoints"), err) < 0)
		return -1;
	*out = v;
	return 0;
}

static int close_in(struct store *st, const struct actor *by, long long id, const char *reason,
		    struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT k.place, coalesce(k.outbreak_id, 0), c.id IS NOT NULL FROM checkpoint k "
		"LEFT JOIN event c ON c.type = 'checkpoint-closed' AND "
		"json_extract(c.body, '$.checkpoint') = +k.id WHERE k.id = ?1", err);
	char text[CHECKPOINT_PLACE_MAX + 64] = "";
	long long outbreak = 0;
	struct jsonw body;
	int rc, closed = 0;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(text, sizeof text, "撤除卡点 #%lld %s", id, sqlite3_column_text(stmt, 0));
		outbreak = sqlite3_column_int64(stmt, 1);
		closed = sqlite3_column_int(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("there is no checkpoint #%lld"), id);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, rc, _("reading the checkpoints"));
	if (closed)
		return dd_fail(err, DD_EINVAL, _("checkpoint #%lld is already stood down"), id);
	jsonw_init(&body);
	jsonw_int(&body, "checkpoint", id);
	jsonw_str(&body, "text", text);
	jsonw_str(&body, "detail", reason);
	return act_event_about(st, by, "checkpoint-closed", outbreak, &body, err);
}

int zone_checkpoint_close(struct store *st, const struct actor *by, long long id,
			  const char *reason, struct dd_err *err)
{
	char why[ZONE_TEXT_MAX + 1];

	if (zone_clean_text(_("the reason"), reason, ZONE_TEXT_MAX, why, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (close_in(st, by, id, why, err) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}
