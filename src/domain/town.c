/* town.c — the desk's town and the record of its last sync. */
#include "domain/town.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jsonw.h"
#include "domain/act.h"
#include "store/store_sql.h"

int town_check_name(const char *name, struct dd_err *err)
{
	if (act_check_text(_("the town's name"), name, ACT_REQUIRED | ACT_ONE_LINE,
			   TOWN_NAME_MAX, err) < 0)
		return -1;
	if (name[0] == ' ' || name[strlen(name) - 1] == ' ')
		return dd_fail(err, DD_EINVAL, _("the town's name '%s' begins or ends with a "
						 "space"), name);
	return 0;
}

int town_get(struct store *st, struct town *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT name, desk_id, named FROM town "
					       "WHERE one = 1", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(out->name, sizeof out->name, "%s",
			 (const char *)sqlite3_column_text(stmt, 0));
		snprintf(out->desk_id, sizeof out->desk_id, "%s",
			 (const char *)sqlite3_column_text(stmt, 1));
		out->named = sqlite3_column_int(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ESTORE, _("the desk's town is not recorded"));
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the desk's town"));
}

int town_name_of(struct store *st, char *out, size_t n, struct dd_err *err)
{
	struct town t;

	if (town_get(st, &t, err) < 0)
		return -1;
	snprintf(out, n, "%s", t.name);
	return 0;
}

static int name_it(struct store *st, const struct town *t, const char *name,
		   struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "UPDATE town SET name = ?1, named = 1 "
					       "WHERE one = 1", err);
	struct jsonw body;

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, name);
	if (store_exec_stmt(st, stmt, _("naming the desk's town"), err) < 0)
		return -1;
	jsonw_init(&body);
	jsonw_str(&body, "town", name);
	jsonw_str(&body, "desk", t->desk_id);
	return act_event(st, NULL, "town", &body, NULL, err);
}

int town_name(struct store *st, const char *name, struct dd_err *err)
{
	struct town t;

	if (town_check_name(name, err) < 0 || store_begin(st, err) < 0)
		return -1;
	if (town_get(st, &t, err) < 0)
		goto fail;
	if (strcmp(t.name, name) == 0 && t.named) {
		store_rollback(st);
		return 0;
	}
	if (t.named) {
		dd_fail(err, DD_EDENIED, _("this desk is %s's: a desk's town is named once, when "
					   "it is made"), t.name);
		goto fail;
	}
	if (name_it(st, &t, name, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

int town_sync_get(struct store *st, struct town_sync *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT tried_at, ok_at, county_seq, error "
					       "FROM county_sync WHERE one = 1", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->tried_at = sqlite3_column_int64(stmt, 0);
		out->ok_at = sqlite3_column_int64(stmt, 1);
		out->county_seq = sqlite3_column_int64(stmt, 2);
		snprintf(out->error, sizeof out->error, "%s",
			 (const char *)sqlite3_column_text(stmt, 3));
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the county sync's record"));
}

int town_sync_note(struct store *st, dd_time now, long long county_seq, const char *error,
		   struct dd_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	store_set_busy_timeout(st, 2000);
	if (store_begin(st, err) < 0) {
		store_set_busy_timeout(st, STORE_BUSY_MS);
		return -1;
	}
	stmt = error
		? store_prepare(st, "UPDATE county_sync SET tried_at = ?1, error = ?3 "
				    "WHERE one = 1", err)
		: store_prepare(st, "UPDATE county_sync SET tried_at = ?1, ok_at = ?1, "
				    "county_seq = ?2, error = '' WHERE one = 1", err);
	rc = -1;
	if (stmt) {
		sqlite3_bind_int64(stmt, 1, now);
		if (!error)
			sqlite3_bind_int64(stmt, 2, county_seq);
		else
			store_bind_text(stmt, 3, error);
		rc = store_exec_stmt(st, stmt, _("recording the county sync"), err);
	}
	if (rc == 0)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	store_set_busy_timeout(st, STORE_BUSY_MS);
	return rc;
}
