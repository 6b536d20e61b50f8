/* store.c — opening, validating, upgrading and transacting on the database.
 *
 * The file is refused, untouched, when it is not a dutydesk database or when
 * a newer dutydesk made it.  An older schema is upgraded in one transaction by
 * the numbered migrations embedded from src/store/sql.  Durability: WAL with
 * synchronous=FULL, so an entry acknowledged to an operator survives a power
 * cut.  The WAL file persists and a closing one-shot process does not
 * checkpoint, which keeps `dutydesk log add` at the cost of one commit (see
 * FIELD-NOTES); a process that closes with a WAL of more than a few MiB folds
 * it in and empties it (truncate_big_wal). */
#include "store/store_sql.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/assets.h"
#include "base/outfile.h"
#include "store/cjkfts.h"
#include "base/i18n.h"

#define APPLICATION_ID 0x44757479 /* "Duty" */
#define CACHE_MAX 160

struct cached {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	int depth;   /* nesting of store_begin */
	int doomed;  /* an inner level rolled back */
	int ncache;
	struct cached cache[CACHE_MAX];
	store_plan_fn *plan_fn; /* store_watch_plans */
	void *plan_ctx;
};

/* The migrations, in order; each is an embedded asset. */
static const char *const migrations[] = {
	"sql/001-initial.sql",
	"sql/002-escalation.sql",
	"sql/003-auth.sql",
	"sql/004-duty.sql",
	"sql/005-followthrough.sql",
	"sql/006-handover.sql",
	"sql/007-indexes.sql",
	"sql/008-outbox.sql",
	"sql/009-chase.sql",
	"sql/010-identity.sql",
	"sql/011-leaner-entry.sql",
	"sql/012-town.sql",
	"sql/013-open-notification.sql",
	"sql/014-roster-headings.sql",
	"sql/015-entry-recorded.sql",
	"sql/016-open-notification-due.sql",
	"sql/017-open-notification-list.sql",
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_schema_latest(void)
{
	return NMIGRATIONS;
}

const char *store_migration_name(int i)
{
	return i >= 0 && i < NMIGRATIONS ? migrations[i] : NULL;
}

/* A path a person gave for the database: a plain file name, never one of
 * SQLite's special names. */
static int plain_path(const char *path, const char *from, struct dd_err *err)
{
	if (!*path)
		return dd_fail(err, DD_EINVAL, _("%s is empty: give the database's path"), from);
	if (strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
		return dd_fail(err, DD_EINVAL, _("%s is '%s': give the database as a plain "
						 "file path, not an SQLite name or URI"), from,
			       path);
	return 0;
}

int store_resolve_path(const char *given, char **out, struct dd_err *err)
{
	const char *env = getenv("DUTYDESK_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char buf[4096];

	*out = NULL;
	if (given || env) {
		if (plain_path(given ? given : env, given ? "--db" : "DUTYDESK_DB", err) < 0)
			return -1;
		*out = dd_xstrdup(given ? given : env);
		return 0;
	}
	if (xdg && *xdg && *xdg != '/')
		return dd_fail(err, DD_EINVAL, _("XDG_DATA_HOME is '%s', not an absolute path: "
						 "fix it, or give the database with --db or "
						 "DUTYDESK_DB"), xdg);
	if ((!xdg || !*xdg) && (!home || *home != '/'))
		return dd_fail(err, DD_EINVAL, _("HOME is not an absolute path ('%s'), so there "
						 "is no default database: set HOME (or "
						 "XDG_DATA_HOME) to one, or give the database "
						 "with --db or DUTYDESK_DB"), home ? home : "");
	if (xdg && *xdg)
		snprintf(buf, sizeof buf, "%s/dutydesk/dutydesk.db", xdg);
	else
		snprintf(buf, sizeof buf, "%s/.local/share/dutydesk/dutydesk.db", home);
	*out = dd_xstrdup(buf);
	return 0;
}

char *store_default_path(void)
{
	char *path;
	store_resolve_path(NULL, &path, NULL);
	return path;
}

int store_is_own_file(const struct store *st, const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	size_t n = strlen(st->path) + 16;
	char *name = dd_xmalloc(n);
	int own = 0;

	for (int i = 0; i < 4 && !own; i++) {
		snprintf(name, n, "%s%s", st->path, suffixes[i]);
		own = outfile_same_file(path, name);
	}
	free(name);
	return own;
}

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_is_readonly(struct store *st)
{
	return sqlite3_db_readonly(st->db, "main") == 1;
}

void store_set_busy_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms);
}

/* Whether SQLite's error `rc` is a write refused for want of room: a full
 * disk or quota, or the file size limit (*limit set).  SQLite reports only
 * ENOSPC as SQLITE_FULL; the rest are I/O errors, and by the time they are
 * reported errno may be another call's. */
static int no_room(struct store *st, int rc, int *limit)
{
	int sys = st && st->db ? sqlite3_system_errno(st->db) : 0;
	struct rlimit rl;

	*limit = 0;
	if ((rc & 0xff) == SQLITE_FULL)
		return 1;
	if ((rc & 0xff) != SQLITE_IOERR)
		return 0;
	if (sys == ENOSPC || sys == EDQUOT)
		return 1;
	if (sys == EFBIG || ((rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_SHMSIZE) &&
			     getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY))
		return *limit = 1;
	return 0;
}

int store_fail(struct store *st, struct dd_err *err, int rc, const char *what)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	const char *path = st && st->path ? st->path : "the database";
	int limit = 0;

	if (no_room(st, rc, &limit))
		return limit ? dd_fail(err, DD_ESTORE,
				       _("%s: %s cannot grow past the file size limit (ulimit -f); "
				       "nothing was written"), what, path)
			     : dd_fail(err, DD_ESTORE,
				       _("%s: the disk holding %s is full; nothing was written "
				       "(free some space and try again)"), what, path);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return dd_fail(err, DD_EBUSY,
			       _("%s: %s is locked by another dutydesk; gave up after waiting "
			       "(try again)"), what, path);
	case SQLITE_READONLY:
		return dd_fail(err, DD_ESTORE,
			       _("%s: %s is read-only (check the file's permissions and "
			       "those of its directory)"), what, path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return dd_fail(err, DD_ESTORE,
			       _("%s: %s is damaged (%s); restore it from a backup"), what, path,
			       msg);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return dd_fail(err, DD_ESTORE, _("%s: cannot read or write %s (%s)"), what, path,
			       msg);
	case SQLITE_CONSTRAINT:
		return dd_fail(err, DD_EDENIED, _("%s: %s"), what, msg);
	default:
		return dd_fail(err, DD_ESTORE, _("%s: %s"), what, msg);
	}
}

void store_watch_plans(struct store *st, store_plan_fn *fn, void *ctx)
{
	st->plan_fn = fn;
	st->plan_ctx = ctx;
}

/* Hand each line of the query plan of `sql` to the watcher. */
static void show_plan(struct store *st, const char *sql)
{
	char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *stmt = NULL;

	if (eqp && sqlite3_prepare_v2(st->db, eqp, -1, &stmt, NULL) == SQLITE_OK) {
		while (sqlite3_step(stmt) == SQLITE_ROW)
			st->plan_fn(st->plan_ctx, sql, (const char *)sqlite3_column_text(stmt, 3));
	}
	sqlite3_finalize(stmt);
	sqlite3_free(eqp);
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	for (int i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, err, rc, _("preparing a query"));
		return NULL;
	}
	if (st->plan_fn)
		show_plan(st, sql);
	if (st->ncache < CACHE_MAX) {
		st->cache[st->ncache].sql = sql;
		st->cache[st->ncache].stmt = stmt;
		st->ncache++;
	} else {
		/* Cache full (more distinct queries than expected): replace the
		 * oldest rather than leak. */
		sqlite3_finalize(st->cache[0].stmt);
		memmove(st->cache, st->cache + 1, (CACHE_MAX - 1) * sizeof st->cache[0]);
		st->cache[CACHE_MAX - 1].sql = sql;
		st->cache[CACHE_MAX - 1].stmt = stmt;
	}
	return stmt;
}

int store_exec_stmt(struct store *st, sqlite3_stmt *stmt, const char *what, struct dd_err *err)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, err, rc, what);
		sqlite3_reset(stmt);
		return -1;
	}
	sqlite3_reset(stmt);
	return 0;
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

char *store_col_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);
	return dd_xstrdup(s ? (const char *)s : "");
}

int store_query_int(struct store *st, const char *sql, long long arg, long long *out,
		    struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	int rc;

	if (!stmt)
		return -1;
	if (sqlite3_bind_parameter_count(stmt) > 0)
		sqlite3_bind_int64(stmt, 1, arg);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		return 0;
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE) {
		*out = 0;
		return 0;
	}
	return store_fail(st, err, rc, _("reading the database"));
}

int store_meta_get(struct store *st, const char *key, char **value, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT value FROM meta WHERE key = ?1", err);
	int rc;

	*value = NULL;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, key);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*value = store_col_text(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading settings"));
	return 0;
}

int store_meta_set(struct store *st, const char *key, const char *value, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(
		st, "INSERT INTO meta(key, value) VALUES (?1, ?2) "
		    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, key);
	store_bind_text(stmt, 2, value);
	return store_exec_stmt(st, stmt, "saving a setting", err);
}

static int exec(struct store *st, const char *sql, const char *what, struct dd_err *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	if (rc != SQLITE_OK)
		return store_fail(st, err, rc, what);
	return 0;
}

int store_begin(struct store *st, struct dd_err *err)
{
	if (st->depth++ > 0)
		return 0;
	st->doomed = 0;
	if (exec(st, "BEGIN IMMEDIATE", "starting a write", err) < 0) {
		st->depth = 0;
		return -1;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (st->depth <= 0)
		return;
	if (--st->depth > 0) {
		st->doomed = 1;
		return;
	}
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_commit(struct store *st, struct dd_err *err)
{
	if (st->depth <= 0)
		return dd_fail(err, DD_ESTORE, _("internal error: commit without a transaction"));
	if (--st->depth > 0)
		return 0;
	if (st->doomed) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return dd_fail(err, DD_ESTORE, _("the write was abandoned; nothing was saved"));
	}
	if (exec(st, "COMMIT", "saving", err) < 0) {
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

long long store_data_version(struct store *st)
{
	long long v = 0;
	store_query_int(st, "PRAGMA data_version", 0, &v, NULL);
	return v;
}

int store_schema_version(struct store *st)
{
	long long v = 0;
	store_query_int(st, "PRAGMA user_version", 0, &v, NULL);
	return (int)v;
}

/* A new database, readable by its owner alone whatever the umask: SQLite
 * gives its -wal and -shm the database's mode. */
static int create_file(const char *path, struct dd_err *err)
{
	int fd;

	if (outfile_make_dirs(path, err) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 0;  /* another dutydesk made it meanwhile */
	if (fd < 0 || fchmod(fd, 0600) < 0) {
		dd_fail(err, DD_EIO, _("cannot create %s: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Refuse, without writing anything, a file that is not ours or is newer. */
static int validate(struct store *st, struct dd_err *err)
{
	long long app = 0, ver = 0, tables = 0;

	if (store_query_int(st, "PRAGMA application_id", 0, &app, err) < 0 ||
	    store_query_int(st, "PRAGMA user_version", 0, &ver, err) < 0 ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_schema", 0, &tables, err) < 0) {
		int rc = sqlite3_errcode(st->db) & 0xff;
		/* Locked, full or unreadable: `err` says so already. */
		if (rc != SQLITE_NOTADB && rc != SQLITE_CORRUPT)
			return -1;
		return dd_fail(err, DD_ESTORE,
			       _("%s is not a dutydesk database (it is not an SQLite file, or "
			       "it is damaged); it was left untouched"), st->path);
	}
	if (app != APPLICATION_ID && (app != 0 || tables > 0 || ver != 0))
		return dd_fail_about(err, DD_ESTORE, DD_ABOUT_FOREIGN_DB,
				     _("%s is an SQLite file but not a dutydesk database; it was "
				       "left untouched"), st->path);
	if (ver > NMIGRATIONS)
		return dd_fail(err, DD_ESTORE,
			       _("%s was written by a newer dutydesk (schema %lld; this one "
			       "knows up to %d); it was left untouched: upgrade dutydesk"),
			       st->path, ver, NMIGRATIONS);
	return 0;
}

static int migrate(struct store *st, int target, struct dd_err *err)
{
	int ver;
	char pragma[64];

	if (store_begin(st, err) < 0)
		return dd_prefix(err, _("upgrading the database"));
	/* Another process may have upgraded it while we waited for the lock. */
	ver = store_schema_version(st);
	for (int v = ver + 1; v <= target; v++) {
		const struct asset *a = assets_find(migrations[v - 1]);
		if (!a) {
			store_rollback(st);
			return dd_fail(err, DD_ESTORE, _("migration %s is missing from this build"),
				       migrations[v - 1]);
		}
		if (exec(st, (const char *)a->data, migrations[v - 1], err) < 0) {
			store_rollback(st);
			return dd_prefix(err, _("upgrading the database to schema %d"), v);
		}
	}
	if (ver < target) {
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", target);
		if (exec(st, pragma, "upgrading the database", err) < 0) {
			store_rollback(st);
			return -1;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", APPLICATION_ID);
		if (exec(st, pragma, "upgrading the database", err) < 0) {
			store_rollback(st);
			return -1;
		}
	}
	return store_commit(st, err);
}

static int memstatus_set; /* SQLite's count of memory turned off (open_at) */

static int open_at(struct store **out, const char *path, unsigned flags, int target,
		   struct dd_err *err)
{
	struct store *st;
	struct stat sb;
	int oflags, rc, persist = 1;
	char tokerr[256];

	*out = NULL;
	if (sodium_init() < 0)
		return dd_fail(err, DD_ESTORE, _("cannot initialise libsodium"));
	if (!path || !*path)
		return dd_fail(err, DD_EINVAL, _("no database path given"));
	if (stat(path, &sb) < 0) {
		if (errno == ENOENT && !(flags & STORE_CREATE))
			return dd_fail_about(err, DD_ENOTFOUND, DD_ABOUT_NO_DATABASE,
					     _("there is no database at %s"), path);
		if (errno != ENOENT)
			return dd_fail(err, DD_EIO, _("cannot open %s: %s"), path,
				       strerror(errno));
		if (create_file(path, err) < 0)
			return -1;
	} else if (!S_ISREG(sb.st_mode)) {
		return dd_fail(err, DD_EINVAL, _("%s is not a regular file"), path);
	}

	st = dd_xcalloc(1, sizeof *st);
	st->path = dd_xstrdup(path);
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
					  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	/* No thread of the program shares a connection, and none asks SQLite how
	 * much memory it holds: no lock around each call, nor around each of its
	 * allocations (a bulk import makes some eighty calls a row).  The
	 * second is set before SQLite starts, or not at all. */
	if (!memstatus_set) {
		memstatus_set = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, err, rc, _("opening the database"));
		store_close(st);
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if (cjkfts_register(st->db, tokerr, sizeof tokerr) < 0) {
		dd_fail(err, DD_ESTORE, _("setting up search: %s"), tokerr);
		store_close(st);
		return -1;
	}
	if (validate(st, err) < 0) {
		store_close(st);
		return -1;
	}
	if (!(flags & STORE_READONLY) && !store_is_readonly(st)) {
		sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		if (exec(st, "PRAGMA journal_mode = WAL", "opening the database", err) < 0) {
			store_close(st);
			return -1;
		}
	}
	if (exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
		 "opening the database", err) < 0) {
		store_close(st);
		return -1;
	}
	if (store_schema_version(st) < target) {
		if ((flags & (STORE_READONLY | STORE_NO_MIGRATE)) || store_is_readonly(st)) {
			dd_fail(err, DD_ESTORE,
				_("%s has schema %d and needs an upgrade to %d, which needs write "
				"access"), path, store_schema_version(st), target);
			store_close(st);
			return -1;
		}
		if (migrate(st, target, err) < 0) {
			store_close(st);
			return -1;
		}
	}
	*out = st;
	return 0;
}

int store_open(struct store **out, const char *path, unsigned flags, struct dd_err *err)
{
	return open_at(out, path, flags, NMIGRATIONS, err);
}

int store_open_at_version(struct store **out, const char *path, int version,
			  struct dd_err *err)
{
	if (version < 0 || version > NMIGRATIONS)
		return dd_fail(err, DD_EINVAL, _("no schema version %d"), version);
	return open_at(out, path, STORE_CREATE, version, err);
}

/* Above this, the WAL is folded into the database and emptied on close.  The
 * first process to open the file alone rebuilds the WAL's index by reading
 * every frame, and it forgets what the last checkpoint copied, so the WAL of
 * one-shot processes never restarts and only grows: `log add` took 27 ms on
 * a fresh WAL and 69 ms once it held 15,000 frames, and a million-row import
 * left 287 MB.  A few hundred frames are cheap to read; folding them in costs
 * one checkpoint every few dozen entries. */
#define STORE_WAL_TRUNCATE_BYTES (2LL << 20)

static void truncate_big_wal(struct store *st)
{
	char wal[PATH_MAX];
	struct stat sb;

	if (!st->path || snprintf(wal, sizeof wal, "%s-wal", st->path) >= (int)sizeof wal ||
	    stat(wal, &sb) != 0 || sb.st_size < STORE_WAL_TRUNCATE_BYTES)
		return;
	/* Best effort: a reader in another terminal keeps it for later. */
	sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	if (st->db) {
		truncate_big_wal(st);
		sqlite3_close(st->db);
	}
	free(st->path);
	free(st);
}

/* Copy every page into the empty file `path`. */
static int backup_into(struct store *st, const char *path, struct dd_err *err)
{
	sqlite3 *out = NULL;
	sqlite3_backup *bk;
	int rc;

	rc = sqlite3_open_v2(path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		dd_fail(err, DD_EIO, _("cannot create %s: %s"), path, sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	bk = sqlite3_backup_init(out, "main", st->db, "main");
	if (!bk) {
		dd_fail(err, DD_EIO, _("cannot start the backup: %s"), sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	/* One step copies every page inside one read transaction: in WAL mode
	 * that is a consistent snapshot, and writers go on meanwhile (a stepwise
	 * copy would restart each time another process commits). */
	do {
		rc = sqlite3_backup_step(bk, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		dd_fail(err, DD_EIO, _("backup to %s failed: %s"), path, sqlite3_errstr(rc));
		sqlite3_close(out);
		return -1;
	}
	rc = sqlite3_close(out);
	if (rc != SQLITE_OK)
		return dd_fail(err, DD_EIO, _("closing %s failed: %s"), path, sqlite3_errstr(rc));
	return 0;
}

int store_check_output(const struct store *st, const char *path, struct dd_err *err)
{
	if (path && store_is_own_file(st, path))
		return dd_fail(err, DD_EINVAL, _("%s is the database itself or one of its files; "
						 "it was left untouched (choose another file)"),
			       path);
	return 0;
}

int store_backup(struct store *st, const char *dest, int force, struct dd_err *err)
{
	struct outfile o;

	if (store_check_output(st, dest, err) < 0 || outfile_open(&o, dest, force, err) < 0)
		return -1;
	if (backup_into(st, o.tmp, err) < 0) {
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, err);
}

int store_integrity(struct store *st, struct dd_err *err)
{
	sqlite3_stmt *stmt;
	char problems[400] = "";
	size_t len = 0;
	int rc, bad = 0;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check(20)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, err, rc, _("checking the database"));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 0);
		if (line && strcmp(line, "ok") != 0 && len + 4 < sizeof problems) {
			len += (size_t)snprintf(problems + len, sizeof problems - len, "%s%s",
						bad ? "; " : "", line);
			bad = 1;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("checking the database"));
	if (bad)
		return dd_fail(err, DD_ESTORE, _("the database is damaged: %s"), problems);

	rc = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, err, rc, _("checking the database"));
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		dd_fail(err, DD_ESTORE, _("row %lld of table %s points at a missing row of %s"),
			(long long)sqlite3_column_int64(stmt, 1), sqlite3_column_text(stmt, 0),
			sqlite3_column_text(stmt, 2));
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("checking the database"));
	return 0;
}
