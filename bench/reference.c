/* reference.c — the reference measurements: what SQLite itself does with the
 * same work, without dutydesk.  The only file of the benchmark that talks to
 * SQLite directly; dutydesk's own figures go through its public headers. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"

static int fail(sqlite3 *db, const char *what, char *why, size_t whysz)
{
	snprintf(why, whysz, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_close(db);
	return -1;
}

struct ref_insert {
	sqlite3 *db;
	sqlite3_stmt *ins;
	long long i;
	struct wal_frames frames;
};

static int on_commit(void *ctx, sqlite3 *db, const char *name, int n)
{
	struct wal_frames *f = ctx;

	f->pages += n >= f->last ? n - f->last : n;   /* after a restart, from 0 */
	f->commits++;
	f->last = n;
	if (n >= 1000)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

void bench_watch_frames(void *db, struct wal_frames *f)
{
	sqlite3_wal_hook(db, on_commit, f);
}

struct wal_frames *ref_insert_frames(struct ref_insert *r)
{
	return &r->frames;
}

/* One prepared INSERT in its own transaction. */
static int insert_one(struct ref_insert *r)
{
	int ok = sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;

	sqlite3_bind_int64(r->ins, 1, r->i++);
	sqlite3_bind_text(r->ins, 2, "诸暨市值班组来电：核实时空伴随者一名，已通知村里落实管控", -1,
			  SQLITE_STATIC);
	ok = ok && sqlite3_step(r->ins) == SQLITE_DONE;
	sqlite3_reset(r->ins);
	return ok && sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
}

struct ref_insert *ref_insert_open(const char *path, char *why, size_t whysz)
{
	struct ref_insert *r = dd_xcalloc(1, sizeof *r);
	char wal[4096];
	int ok = 1;

	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(path);
	unlink(wal);
	if (sqlite3_open(path, &r->db) != SQLITE_OK ||
	    sqlite3_exec(r->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
				"CREATE TABLE t(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, "
				"summary TEXT NOT NULL)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "INSERT INTO t(at, summary) VALUES (?1, ?2)", -1, &r->ins,
			       NULL) != SQLITE_OK)
		ok = 0;
	bench_watch_frames(r->db, &r->frames);
	/* Untimed, as for dutydesk's entries: grow the log first. */
	while (ok && !bench_wal_grown(path) && r->i < 100000)
		ok = insert_one(r);
	if (!ok) {
		snprintf(why, whysz, "the bare INSERT: %s", sqlite3_errmsg(r->db));
		ref_insert_close(r);
		return NULL;
	}
	return r;
}

double ref_insert_time(struct ref_insert *r, char *why, size_t whysz)
{
	double t0 = bench_now_ms();

	if (!insert_one(r)) {
		snprintf(why, whysz, "the bare INSERT: %s", sqlite3_errmsg(r->db));
		return -1;
	}
	return bench_now_ms() - t0;
}

void ref_insert_close(struct ref_insert *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->ins);
	sqlite3_close(r->db);
	free(r);
}

int ref_like(const char *path, const char *word, int n, double *median_ms, int *matches,
	     long long ids[50], char *why, size_t whysz)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	double *t = dd_xcalloc((size_t)n, sizeof *t);
	char pattern[256];

	snprintf(pattern, sizeof pattern, "%%%s%%", word);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT id FROM entry WHERE summary LIKE ?1 "
			       "ORDER BY id DESC LIMIT 50", -1, &q, NULL) != SQLITE_OK) {
		free(t);
		return fail(db, "LIKE", why, whysz);
	}
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();
		int rows = 0, rc;
		sqlite3_bind_text(q, 1, pattern, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW && rows < 50)
			ids[rows++] = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		t[i] = bench_now_ms() - t0;
		*matches = rows;
		if (rc != SQLITE_DONE) {
			free(t);
			sqlite3_finalize(q);
			return fail(db, "LIKE", why, whysz);
		}
	}
	*median_ms = bench_median(t, n);
	free(t);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return 0;
}

void ref_sqlite3_argv(char **argv, const char *sqlite3, const char *path, const char *sql)
{
	argv[0] = (char *)sqlite3;
	argv[1] = (char *)path;
	argv[2] = (char *)sql;
	argv[3] = NULL;
}

const char *ref_sqlite_version(void)
{
	return sqlite3_libversion();
}
