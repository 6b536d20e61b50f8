/* store.h — the one SQLite file that holds the roster, the log and the desk.
 *
 * Front ends see an opaque handle; only core modules (through the private
 * src/store/store_sql.h) see the SQLite connection.  Opening validates the file
 * (a dutydesk database, not from a newer version), switches it to WAL with
 * synchronous=FULL, and upgrades older schemas in one transaction. */
#ifndef DUTYDESK_STORE_H
#define DUTYDESK_STORE_H

#include "base/err.h"

struct store;

enum store_flags {
	STORE_CREATE = 1 << 0,     /* create the file (and its directory) if missing */
	STORE_READONLY = 1 << 1,   /* never write: no WAL switch, no migration */
	STORE_NO_MIGRATE = 1 << 2, /* refuse an older schema instead of upgrading */
};

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_latest(void);

/* The database's path: `given` (--db), else $DUTYDESK_DB, else
 * $XDG_DATA_HOME/dutydesk/dutydesk.db, else ~/.local/share/dutydesk/dutydesk.db.
 * A given path must be a plain file name (not empty, ":memory:" or a
 * "file:" URI); the default needs an absolute XDG_DATA_HOME or HOME (never
 * a path under the current directory).  *out is malloc'd. */
int store_resolve_path(const char *given, char **out, struct dd_err *err);
/* The same without --db; NULL when there is none. */
char *store_default_path(void);

int store_open(struct store **out, const char *path, unsigned flags, struct dd_err *err);
/* Open and upgrade only up to `version` (tests of the migration runner). */
int store_open_at_version(struct store **out, const char *path, int version, struct dd_err *err);
void store_close(struct store *st);

const char *store_path(const struct store *st);
int store_schema_version(struct store *st);
int store_is_readonly(struct store *st);

/* Write transactions: BEGIN IMMEDIATE (waits up to the busy timeout for other
 * writers), COMMIT, ROLLBACK.  They nest: only the outermost level talks to
 * SQLite, and a rollback at any level dooms the whole transaction. */
int store_begin(struct store *st, struct dd_err *err);
int store_commit(struct store *st, struct dd_err *err);
void store_rollback(struct store *st);

/* A number that changes whenever another connection commits (PRAGMA
 * data_version): the terminal UI polls it to refresh what it shows. */
long long store_data_version(struct store *st);

/* Busy timeout in milliseconds (default STORE_BUSY_MS). */
#define STORE_BUSY_MS 5000
void store_set_busy_timeout(struct store *st, int ms);

/* SQLite's own checks: PRAGMA integrity_check and foreign_key_check.
 * Returns 0 when both pass; -1 with the first problems in `err`. */
int store_integrity(struct store *st, struct dd_err *err);

/* Whether `path` is the database or one of its -wal, -shm, -journal files
 * (through symbolic links and other names of the same file). */
int store_is_own_file(const struct store *st, const char *path);
/* A path named for output: refused (DD_EINVAL, nothing written) when it is
 * one of the database's own files. */
int store_check_output(const struct store *st, const char *path, struct dd_err *err);

/* Copy the live database to `dest` with SQLite's online backup: a whole copy
 * or none (written beside `dest`, then renamed), mode 0600; an existing
 * `dest` is replaced only when `force`. */
int store_backup(struct store *st, const char *dest, int force, struct dd_err *err);

#endif
