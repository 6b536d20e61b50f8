/* test_store.c — the database file: created with dutydesk's application id
 * and the latest schema, foreign and newer files refused and left byte for
 * byte as they were, older ones upgraded in one transaction, nested
 * transactions, writers queueing, and the append-only triggers. */
#include "store/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "base/assets.h"
#include "domain/log.h"
#include "store/store_sql.h"

#define APPLICATION_ID 0x44757479 /* "Duty", as the file format says */

static void setup(void)
{
	fx_mkdir("test_store");
}

static void teardown(void)
{
	fx_cleanup();
}

/* The migrations embedded in this build, in order ("sql/001-initial.sql"...):
 * counted from the assets, not asked of the store. */
static int migration_names(const char *names[64])
{
	int n = 0;

	for (const struct asset *a = assets_table; a->name; a++)
		if (strncmp(a->name, "sql/", 4) == 0 && n < 64)
			names[n++] = a->name;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	return n;
}

/* The tables migration `name` creates, in the order it creates them. */
static int created_tables(const char *name, char tables[][64], int max)
{
	const struct asset *a = assets_find(name);
	const char *p;
	int n = 0;

	ck_assert_ptr_nonnull(a);
	for (p = (const char *)a->data; (p = strstr(p, "CREATE TABLE ")) && n < max; ) {
		size_t len;
		p += strlen("CREATE TABLE ");
		len = strcspn(p, " (\n");
		ck_assert_uint_lt(len, 64);
		memcpy(tables[n], p, len);
		tables[n++][len] = '\0';
	}
	return n;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	long long v;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
					 NULL), SQLITE_OK);
	return db;
}

static int has_table(sqlite3 *db, const char *name)
{
	sqlite3_stmt *stmt;
	int found;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE "
					    "type = 'table' AND name = ?1", -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	found = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return found;
}

/* The whole file, malloc'd. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Open `path` with `flags` and expect a refusal that leaves the file exactly
 * as it was, with no journal beside it; returns the message. */
static const char *refused_untouched(const char *path, unsigned flags, enum dd_code code)
{
	static struct dd_err err;
	struct store *st = (struct store *)1;
	char side[600];
	size_t n0, n1;
	char *before = slurp(path, &n0), *after;

	ck_assert_int_eq(store_open(&st, path, flags, &err), -1);
	ck_assert_ptr_null(st);
	ck_assert_int_eq(err.code, code);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	after = slurp(path, &n1);
	ck_assert_uint_eq(n0, n1);
	ck_assert_msg(memcmp(before, after, n0) == 0, "%s was changed", path);
	free(before);
	free(after);
	snprintf(side, sizeof side, "%s-wal", path);
	ck_assert_msg(!exists(side), "%s appeared", side);
	snprintf(side, sizeof side, "%s-journal", path);
	ck_assert_msg(!exists(side), "%s appeared", side);
	return err.msg;
}

/* ---- open ---------------------------------------------------------------- */

START_TEST(open_creates_a_dutydesk_file)
{
	const char *names[64];
	char path[512];
	struct store *st;
	struct dd_err err;
	int n = migration_names(names);
	sqlite3 *db;

	ck_assert_int_ge(n, 1);
	ck_assert_int_eq(store_schema_latest(), n);
	fx_path("sub/dir/desk.db", path);
	ck_assert_msg(store_open(&st, path, STORE_CREATE, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(store_path(st), path);
	ck_assert_int_eq(store_schema_version(st), n);
	ck_assert_int_eq(store_is_readonly(st), 0);
	ck_assert_msg(store_integrity(st, &err) == 0, "%s", err.msg);
	store_close(st);

	db = raw_open(path);
	ck_assert_int_eq(raw_int(db, "PRAGMA application_id"), APPLICATION_ID);
	ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), n);
	ck_assert(has_table(db, "entry") && has_table(db, "event") && has_table(db, "meta"));
	sqlite3_close(db);

	/* Opening again changes nothing. */
	ck_assert_msg(store_open(&st, path, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), n);
	store_close(st);
}
END_TEST

START_TEST(open_missing_without_create)
{
	char path[512];
	struct store *st = (struct store *)1;
	struct dd_err err;

	fx_path("nothing.db", path);
	ck_assert_int_eq(store_open(&st, path, 0, &err), -1);
	ck_assert_ptr_null(st);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert(!exists(path));
	ck_assert_int_eq(store_open(&st, "", STORE_CREATE, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(store_open(&st, fx_dir, STORE_CREATE, &err), -1); /* a directory */
	ck_assert_int_eq(err.code, DD_EINVAL);
}
END_TEST

START_TEST(open_refuses_a_foreign_sqlite_file)
{
	char path[512];
	const char *msg;
	sqlite3 *db;

	fx_path("other.db", path);
	db = raw_open(path);
	raw_exec(db, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('张三')");
	sqlite3_close(db);
	msg = refused_untouched(path, 0, DD_ESTORE);
	ck_assert_ptr_nonnull(strstr(msg, "not a dutydesk database"));
	refused_untouched(path, STORE_CREATE, DD_ESTORE);
	refused_untouched(path, STORE_READONLY, DD_ESTORE);

	/* Another program's application id, even without tables. */
	fx_path("app.db", path);
	db = raw_open(path);
	raw_exec(db, "PRAGMA application_id = 1234");
	sqlite3_close(db);
	refused_untouched(path, 0, DD_ESTORE);
}
END_TEST

START_TEST(open_refuses_a_file_that_is_not_sqlite)
{
	char path[512];
	FILE *f;

	fx_path("notes.db", path);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 200; i++)
		fputs("值班记录 not a database\n", f);
	fclose(f);
	refused_untouched(path, 0, DD_ESTORE);
}
END_TEST

START_TEST(open_refuses_a_newer_file)
{
	char path[512], sql[64];
	const char *msg;
	struct store *st;
	struct dd_err err;
	sqlite3 *db;

	fx_path("newer.db", path);
	ck_assert_msg(store_open(&st, path, STORE_CREATE, &err) == 0, "%s", err.msg);
	store_close(st);
	db = raw_open(path);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
	raw_exec(db, sql);
	raw_exec(db, "PRAGMA journal_mode = DELETE"); /* one file to compare */
	sqlite3_close(db);
	msg = refused_untouched(path, 0, DD_ESTORE);
	ck_assert_ptr_nonnull(strstr(msg, "newer"));
	refused_untouched(path, STORE_READONLY, DD_ESTORE);
}
END_TEST

/* ---- upgrade ------------------------------------------------------------- */

START_TEST(upgrade_an_older_file)
{
	const char *names[64];
	char tables[32][64], path[512];
	int n = migration_names(names), nt;
	struct store *st;
	struct dd_err err;
	char *v = NULL;
	sqlite3 *db;

	for (int from = 1; from < n; from++) {
		char name[32];
		snprintf(name, sizeof name, "v%d.db", from);
		fx_path(name, path);
		ck_assert_msg(store_open_at_version(&st, path, from, &err) == 0, "%s", err.msg);
		ck_assert_int_eq(store_schema_version(st), from);
		ck_assert_int_eq(store_meta_set(st, "kept", "旧数据", &err), 0);
		store_close(st);

		/* The later migrations' tables are not there yet. */
		db = raw_open(path);
		nt = created_tables(names[n - 1], tables, 32);
		for (int i = 0; i < nt; i++)
			ck_assert_msg(!has_table(db, tables[i]), "%s at v%d", tables[i], from);
		sqlite3_close(db);

		/* Read-only or no-migrate: refused, left as it was. */
		ck_assert_int_eq(store_open(&st, path, STORE_NO_MIGRATE, &err), -1);
		ck_assert_int_eq(err.code, DD_ESTORE);
		ck_assert_ptr_nonnull(strstr(err.msg, "upgrade"));
		ck_assert_int_eq(store_open(&st, path, STORE_READONLY, &err), -1);

		ck_assert_msg(store_open(&st, path, 0, &err) == 0, "%s", err.msg);
		ck_assert_int_eq(store_schema_version(st), n);
		ck_assert_int_eq(store_meta_get(st, "kept", &v, &err), 0);
		ck_assert_str_eq(v, "旧数据");
		free(v);
		ck_assert_msg(store_integrity(st, &err) == 0, "%s", err.msg);
		store_close(st);
		db = raw_open(path);
		ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), n);
		ck_assert_int_eq(raw_int(db, "PRAGMA application_id"), APPLICATION_ID);
		for (int i = 0; i < nt; i++)
			ck_assert_msg(has_table(db, tables[i]), "%s after upgrade", tables[i]);
		sqlite3_close(db);
	}
}
END_TEST

START_TEST(upgrade_is_one_transaction)
{
	const char *names[64];
	char tables[32][64], path[512], sql[160];
	int n = migration_names(names), v, nt = 0;
	struct store *st;
	struct dd_err err;
	sqlite3 *db;

	/* The newest migration that creates two tables or more: make its last
	 * one collide, so that it fails after the first one was created. */
	for (v = n; v >= 1; v--)
		if ((nt = created_tables(names[v - 1], tables, 32)) >= 2)
			break;
	ck_assert_int_ge(v, 2);
	fx_path("half.db", path);
	ck_assert_msg(store_open_at_version(&st, path, v - 1, &err) == 0, "%s", err.msg);
	store_close(st);
	db = raw_open(path);
	snprintf(sql, sizeof sql, "CREATE TABLE %s(x)", tables[nt - 1]);
	raw_exec(db, sql);
	sqlite3_close(db);

	ck_assert_int_eq(store_open(&st, path, 0, &err), -1);
	ck_assert_int_eq(err.code, DD_ESTORE);
	db = raw_open(path);
	ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), v - 1);
	ck_assert_msg(!has_table(db, tables[0]), "%s was left behind", tables[0]);
	snprintf(sql, sizeof sql, "DROP TABLE %s", tables[nt - 1]);
	raw_exec(db, sql);
	sqlite3_close(db);

	ck_assert_msg(store_open(&st, path, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), n);
	store_close(st);
}
END_TEST

START_TEST(open_at_version_bounds)
{
	char path[512];
	struct store *st;
	struct dd_err err;

	fx_path("x.db", path);
	ck_assert_int_eq(store_open_at_version(&st, path, -1, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(store_open_at_version(&st, path, store_schema_latest() + 1, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert(!exists(path));
}
END_TEST

/* ---- transactions -------------------------------------------------------- */

static struct store *open_plain(const char *name)
{
	char path[512];
	struct store *st;
	struct dd_err err;

	ck_assert_msg(store_open(&st, fx_path(name, path), STORE_CREATE, &err) == 0, "%s",
		      err.msg);
	return st;
}

/* The value of meta `key` as `st` sees it ("" when absent). */
static const char *meta(struct store *st, const char *key)
{
	static char buf[128];
	struct dd_err err;
	char *v = NULL;

	ck_assert_msg(store_meta_get(st, key, &v, &err) == 0, "%s", err.msg);
	snprintf(buf, sizeof buf, "%s", v ? v : "");
	free(v);
	return buf;
}

static long long wal_size(const char *name)
{
	char path[512], wal[600];
	struct stat sb;

	snprintf(wal, sizeof wal, "%s-wal", fx_path(name, path));
	return stat(wal, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* A process that closes with a WAL of a few pages leaves it (the next commit
 * costs one commit); one that closes with more than 2 MiB folds it into the
 * database and empties it, so that the next process, which reads every
 * frame of it to open the file, stays quick. */
START_TEST(close_folds_a_long_wal_in)
{
	struct store *a = open_plain("w.db");
	struct dd_err err;
	char key[32], value[4097];

	memset(value, 'x', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	ck_assert_int_eq(store_meta_set(a, "k", "1", &err), 0);
	store_close(a);
	ck_assert_int_gt(wal_size("w.db"), 0);
	a = open_plain("w.db");
	for (int i = 0; i < 700; i++) {      /* a commit each: more than 2 MiB of frames */
		snprintf(key, sizeof key, "k%d", i);
		ck_assert_int_eq(store_meta_set(a, key, value, &err), 0);
	}
	ck_assert_int_gt(wal_size("w.db"), 2 << 20);
	store_close(a);
	ck_assert_int_eq(wal_size("w.db"), 0);
	a = open_plain("w.db");
	ck_assert_msg(strncmp(meta(a, "k699"), "xxxxxxxx", 8) == 0, "the last commit was lost");
	store_close(a);
}
END_TEST

START_TEST(nested_commit)
{
	struct store *a = open_plain("t.db"), *b = open_plain("t.db");
	struct dd_err err;

	ck_assert_int_eq(store_begin(a, &err), 0);
	ck_assert_int_eq(store_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_set(a, "k", "1", &err), 0);
	ck_assert_int_eq(store_commit(a, &err), 0);      /* inner: nothing saved yet */
	ck_assert_str_eq(meta(a, "k"), "1");
	ck_assert_str_eq(meta(b, "k"), "");
	ck_assert_int_eq(store_meta_set(a, "k2", "2", &err), 0);
	ck_assert_int_eq(store_commit(a, &err), 0);      /* outer: saved */
	ck_assert_str_eq(meta(b, "k"), "1");
	ck_assert_str_eq(meta(b, "k2"), "2");
	ck_assert_int_eq(store_commit(a, &err), -1);     /* no transaction left */
	ck_assert_int_eq(err.code, DD_ESTORE);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(nested_rollback_dooms_the_whole)
{
	struct store *a = open_plain("t.db");
	struct dd_err err;

	ck_assert_int_eq(store_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_set(a, "outer", "1", &err), 0);
	ck_assert_int_eq(store_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_set(a, "inner", "1", &err), 0);
	store_rollback(a);                               /* inner gives up */
	ck_assert_int_eq(store_commit(a, &err), -1);     /* outer cannot save */
	ck_assert_int_eq(err.code, DD_ESTORE);
	ck_assert_ptr_nonnull(strstr(err.msg, "nothing was saved"));
	ck_assert_str_eq(meta(a, "outer"), "");
	ck_assert_str_eq(meta(a, "inner"), "");

	/* The next transaction starts clean. */
	ck_assert_int_eq(store_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_set(a, "after", "1", &err), 0);
	ck_assert_int_eq(store_commit(a, &err), 0);
	ck_assert_str_eq(meta(a, "after"), "1");

	/* An outer rollback; a rollback with none open does nothing. */
	ck_assert_int_eq(store_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_set(a, "gone", "1", &err), 0);
	store_rollback(a);
	store_rollback(a);
	ck_assert_str_eq(meta(a, "gone"), "");
	ck_assert_str_eq(meta(a, "after"), "1");
	store_close(a);
}
END_TEST

START_TEST(writers_queue_then_give_up_busy)
{
	struct store *a = open_plain("t.db"), *b = open_plain("t.db");
	long long v0 = store_data_version(b);
	struct dd_err err;

	ck_assert_int_eq(store_begin(a, &err), 0);
	store_set_busy_timeout(b, 50);
	ck_assert_int_eq(store_begin(b, &err), -1);      /* BEGIN IMMEDIATE waits, then busy */
	ck_assert_int_eq(err.code, DD_EBUSY);
	ck_assert_int_eq(store_commit(b, &err), -1);     /* the failed begin left no level */
	ck_assert_int_eq(store_meta_set(a, "k", "a", &err), 0);
	ck_assert_int_eq(store_commit(a, &err), 0);
	ck_assert_int_ne(store_data_version(b), v0);     /* b notices a's commit */
	ck_assert_int_eq(store_begin(b, &err), 0);
	ck_assert_int_eq(store_meta_set(b, "k", "b", &err), 0);
	ck_assert_int_eq(store_commit(b, &err), 0);
	ck_assert_str_eq(meta(a, "k"), "b");
	store_close(a);
	store_close(b);
}
END_TEST

/* ---- append-only --------------------------------------------------------- */

/* `sql` must fail with the trigger's message and change nothing. */
static void rejected(sqlite3 *db, const char *sql)
{
	long long entries = raw_int(db, "SELECT count(*) FROM entry");
	long long events = raw_int(db, "SELECT count(*) FROM event");
	long long sum = raw_int(db, "SELECT total(length(summary)) FROM entry");
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK, "%s succeeded", sql);
	ck_assert_msg(msg && strstr(msg, "append-only"), "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM entry"), entries);
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM event"), events);
	ck_assert_int_eq(raw_int(db, "SELECT total(length(summary)) FROM entry"), sum);
}

START_TEST(append_only_log_and_events)
{
	struct store *st = fx_desk("desk.db");
	struct actor op = fx_actor(st, "赵娜");
	struct log_new n = {.kind = LOG_CALL, .summary = "诸暨市值班组来电询问密接排查",
			    .occurred_at = fx_time("2021-12-15T08:30")};
	struct log_added out;
	struct dd_err err;
	sqlite3 *db = store_db(st);

	ck_assert_msg(log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	ck_assert_msg(log_close(st, &op, out.id, "已答复", &err) == 0, "%s", err.msg);
	rejected(db, "UPDATE entry SET summary = '改写'");
	rejected(db, "UPDATE entry SET occurred_at = occurred_at + 1 WHERE id = 1");
	rejected(db, "DELETE FROM entry");
	rejected(db, "UPDATE event SET body = '{}' WHERE type = 'closed'");
	rejected(db, "UPDATE event SET at = 0");
	rejected(db, "DELETE FROM event WHERE type = 'closed'");
	rejected(db, "DELETE FROM event");
	/* Inside a transaction of the program too. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	rejected(db, "DELETE FROM entry WHERE id = 1");
	store_rollback(st);
	store_close(st);
}
END_TEST

/* ---- integrity ----------------------------------------------------------- */

START_TEST(integrity_names_a_dangling_reference)
{
	struct store *st = fx_desk("desk.db");
	struct dd_err err;
	sqlite3 *db = store_db(st);

	ck_assert_msg(store_integrity(st, &err) == 0, "%s", err.msg);
	/* An INSERT behind the program's back, with the checks off. */
	raw_exec(db, "PRAGMA foreign_keys = OFF");
	raw_exec(db, "INSERT INTO phone(person_id, number) VALUES (9999, '110')");
	ck_assert_int_eq(store_integrity(st, &err), -1);
	ck_assert_int_eq(err.code, DD_ESTORE);
	ck_assert_ptr_nonnull(strstr(err.msg, "phone"));
	ck_assert_ptr_nonnull(strstr(err.msg, "person"));
	store_close(st);
}
END_TEST

/* ---- backup and paths ---------------------------------------------------- */

START_TEST(backup_is_a_dutydesk_file)
{
	struct store *st = open_plain("live.db"), *copy;
	char path[512];
	struct dd_err err;

	ck_assert_int_eq(store_meta_set(st, "k", "值", &err), 0);
	fx_path("copy.db", path);
	ck_assert_msg(store_backup(st, path, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_backup(st, path, 0, &err), -1);  /* never overwrites */
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_msg(store_open(&copy, path, STORE_READONLY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(copy), store_schema_latest());
	ck_assert_str_eq(meta(copy, "k"), "值");
	ck_assert_int_eq(store_is_readonly(copy), 1);
	store_close(copy);
	store_close(st);
}
END_TEST

/* The database's own files are never an output; a backup is whole, the
 * owner's alone, and replaces a file only when forced. */
START_TEST(backup_never_hurts_the_store)
{
	mode_t old = umask(0);   /* the database is the owner's alone whatever the umask */
	struct store *st = open_plain("own.db");
	char path[512], other[600];
	struct stat sb;
	struct dd_err err;

	ck_assert_int_eq(store_meta_set(st, "k", "值", &err), 0);
	ck_assert_int_eq(stat(store_path(st), &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	for (int i = 0; i < 4; i++) {
		static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
		snprintf(other, sizeof other, "%s%s", store_path(st), sfx[i]);
		ck_assert_int_eq(store_is_own_file(st, other), 1);
		ck_assert_int_eq(store_backup(st, other, 1, &err), -1);
		ck_assert_int_eq(err.code, DD_EINVAL);
	}
	snprintf(other, sizeof other, "%s/../%s/own.db", fx_dir, strrchr(fx_dir, '/') + 1);
	ck_assert_int_eq(store_is_own_file(st, other), 1);
	fx_path("own-link.db", path);
	ck_assert_int_eq(symlink(store_path(st), path), 0);
	ck_assert_int_eq(store_is_own_file(st, path), 1);
	ck_assert_int_eq(store_backup(st, path, 1, &err), -1);
	fx_path("copy2.db", path);
	ck_assert_int_eq(store_is_own_file(st, path), 0);
	ck_assert_msg(store_backup(st, path, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(chmod(path, 0640), 0);   /* a shared desk's mode is kept */
	ck_assert_msg(store_backup(st, path, 1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0640);
	umask(old);
	store_close(st);
}
END_TEST

START_TEST(default_path)
{
	struct dd_err err;
	char *p;

	setenv("HOME", "/home/zhaona", 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("DUTYDESK_DB");
	p = store_default_path();
	ck_assert_str_eq(p, "/home/zhaona/.local/share/dutydesk/dutydesk.db");
	free(p);
	setenv("XDG_DATA_HOME", "/data", 1);
	p = store_default_path();
	ck_assert_str_eq(p, "/data/dutydesk/dutydesk.db");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1);   /* not absolute: an error, not ./relative */
	ck_assert_int_eq(store_resolve_path(NULL, &p, &err), -1);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(err.msg, "XDG_DATA_HOME"));
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");                         /* no HOME: never under the current directory */
	ck_assert_int_eq(store_resolve_path(NULL, &p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "HOME"));
	ck_assert_ptr_null(store_default_path());
	setenv("HOME", "", 1);
	ck_assert_int_eq(store_resolve_path(NULL, &p, &err), -1);
	setenv("HOME", "home/zhaona", 1);
	ck_assert_int_eq(store_resolve_path(NULL, &p, &err), -1);
	setenv("DUTYDESK_DB", "/srv/desk.db", 1);
	p = store_default_path();
	ck_assert_str_eq(p, "/srv/desk.db");
	free(p);
	/* A plain path, never one of SQLite's special names. */
	ck_assert_int_eq(store_resolve_path(":memory:", &p, &err), -1);
	ck_assert_int_eq(store_resolve_path("file:/srv/desk.db?mode=memory", &p, &err), -1);
	ck_assert_int_eq(store_resolve_path("", &p, &err), -1);
	setenv("DUTYDESK_DB", "file:desk.db", 1);
	ck_assert_int_eq(store_resolve_path(NULL, &p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "DUTYDESK_DB"));
	ck_assert_int_eq(store_resolve_path("./file:x.db", &p, &err), 0);
	ck_assert_str_eq(p, "./file:x.db");
	free(p);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"open", {open_creates_a_dutydesk_file, open_missing_without_create,
			  open_refuses_a_foreign_sqlite_file,
			  open_refuses_a_file_that_is_not_sqlite,
			  open_refuses_a_newer_file}},
		{"upgrade", {upgrade_an_older_file, upgrade_is_one_transaction,
			     open_at_version_bounds}},
		{"transactions", {nested_commit, nested_rollback_dooms_the_whole,
				  writers_queue_then_give_up_busy, close_folds_a_long_wal_in}},
		{"append_only", {append_only_log_and_events,
				 integrity_names_a_dangling_reference}},
		{"backup", {backup_is_a_dutydesk_file, backup_never_hurts_the_store, default_path}},
	};

	return fx_run(fx_suite("store", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
