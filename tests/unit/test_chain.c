/* test_chain.c — the hash chain over events: every event's hash covers the
 * one before it, and verification (what `dutydesk check` runs) passes on a
 * good chain and names the first broken event after an edit, a removal, a
 * reordering or an entry added behind the program's back.  Tampering needs
 * the append-only triggers out of the way: the tests drop them first. */
#include "store/chain.h"

#include "fixture.h"

#include "domain/log.h"
#include "store/store_sql.h"

static void setup(void)
{
	fx_mkdir("test_chain");
}

static void teardown(void)
{
	fx_cleanup();
}

static struct store *open_bare(const char *name)
{
	char path[512];
	struct store *st;
	struct dd_err err;

	ck_assert_msg(store_open(&st, fx_path(name, path), STORE_CREATE, &err) == 0, "%s",
		      err.msg);
	return st;
}

/* Append events with these bodies, at fixed times, in one transaction. */
static void append(struct store *st, const char *const *bodies, int n)
{
	struct dd_err err;
	dd_time t0 = fx_time("2021-12-15T08:00");

	ck_assert_int_eq(store_begin(st, &err), 0);
	for (int i = 0; i < n; i++) {
		struct chain_event ev = {.at = t0 + 60 * i, .type = "noted", .body = bodies[i]};
		ck_assert_msg(chain_append(st, &ev, &err) == 0, "%s", err.msg);
		ck_assert_int_eq(ev.id, i + 1);
	}
	ck_assert_int_eq(store_commit(st, &err), 0);
}

/* The stored hash of event `id`, as hex. */
static const char *hash_of(struct store *st, long long id)
{
	static char hex[2][2 * CHAIN_HASH_LEN + 1];
	static int k;
	sqlite3_stmt *stmt;
	char *out = hex[k++ % 2];

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT hash FROM event WHERE id = ?1",
					    -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_int64(stmt, 1, id);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_bytes(stmt, 0), CHAIN_HASH_LEN);
	chain_hex(sqlite3_column_blob(stmt, 0), CHAIN_HASH_LEN, out);
	sqlite3_finalize(stmt);
	return out;
}

static void raw(struct store *st, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(store_db(st), sql, NULL, NULL, &msg);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

static void drop_triggers(struct store *st)
{
	raw(st, "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete; "
		"DROP TRIGGER entry_no_update; DROP TRIGGER entry_no_delete");
}

static void verify_ok(struct store *st, struct chain_report *rep)
{
	struct dd_err err;

	ck_assert_msg(chain_verify(st, rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep->first_bad, 0);
	ck_assert_str_eq(rep->problem, "");
}

typedef int verify_fn(struct store *st, struct chain_report *rep, struct dd_err *err);

/* Verification by `fn` fails as tampering, at `first_bad`; returns the
 * problem. */
static const char *broken_by(verify_fn *fn, struct store *st, long long first_bad)
{
	static struct chain_report rep;
	struct dd_err err;

	ck_assert_int_eq(fn(st, &rep, &err), -1);
	ck_assert_int_eq(err.code, DD_ETAMPER);
	ck_assert_int_eq(rep.first_bad, first_bad);
	ck_assert_str_eq(err.msg, rep.problem);
	return rep.problem;
}

static const char *verify_broken(struct store *st, long long first_bad)
{
	return broken_by(chain_verify, st, first_bad);
}

static const char *const bodies[] = {
	"{\"text\":\"一\"}", "{\"text\":\"二\"}", "{\"text\":\"三\"}",
	"{\"text\":\"四\"}", "{\"text\":\"五\"}",
};

/* ---- append -------------------------------------------------------------- */

START_TEST(empty_chain_verifies)
{
	struct store *st = open_bare("a.db");
	struct chain_report rep;
	unsigned char zero[CHAIN_HASH_LEN] = {0};

	verify_ok(st, &rep);
	ck_assert_int_eq(rep.events, 0);
	ck_assert_int_eq(rep.entries, 0);
	ck_assert_mem_eq(rep.head, zero, CHAIN_HASH_LEN);
	store_close(st);
}
END_TEST

START_TEST(hashes_are_linked)
{
	struct store *a = open_bare("a.db"), *b = open_bare("b.db"), *c = open_bare("c.db");
	const char *other[5] = {"{\"text\":\"壹\"}", bodies[1], bodies[2], bodies[3], bodies[4]};
	struct chain_report rep;
	char head[2 * CHAIN_HASH_LEN + 1];

	append(a, bodies, 5);
	append(b, bodies, 5);
	append(c, other, 5);
	/* The same events give the same hashes; each event's hash differs. */
	for (int i = 1; i <= 5; i++) {
		ck_assert_str_eq(hash_of(a, i), hash_of(b, i));
		for (int j = 1; j < i; j++)
			ck_assert_str_ne(hash_of(a, i), hash_of(a, j));
	}
	/* A different first event changes every later hash, although the
	 * later events themselves are identical: each covers the one before. */
	for (int i = 1; i <= 5; i++)
		ck_assert_str_ne(hash_of(a, i), hash_of(c, i));

	verify_ok(a, &rep);
	ck_assert_int_eq(rep.events, 5);
	chain_hex(rep.head, CHAIN_HASH_LEN, head);
	ck_assert_str_eq(head, hash_of(a, 5));
	store_close(a);
	store_close(b);
	store_close(c);
}
END_TEST

START_TEST(created_event_covers_its_entry)
{
	struct store *st = fx_desk("desk.db");
	struct actor op = fx_actor(st, "赵娜");
	struct log_new n = {.kind = LOG_CALL, .summary = "绍兴市值班组来电",
			    .occurred_at = fx_time("2021-12-15T09:00")};
	struct log_added out;
	struct chain_report before, after;
	struct dd_err err;

	verify_ok(st, &before);
	ck_assert_int_ge(before.events, 1);             /* the roster was loaded on the chain */
	ck_assert_int_eq(before.entries, 0);
	ck_assert_msg(log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	ck_assert_msg(log_amend(st, &op, out.id, "绍兴市值班组来电询问", "补充", &err) == 0, "%s",
		      err.msg);
	verify_ok(st, &after);
	ck_assert_int_eq(after.events, before.events + 2);
	ck_assert_int_eq(after.entries, 1);
	ck_assert_mem_ne(after.head, before.head, CHAIN_HASH_LEN);

	/* 'created' needs its entry in the same transaction. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	{
		struct chain_event ev = {.at = 1, .type = "created", .entry_id = 999};
		ck_assert_int_eq(chain_append(st, &ev, &err), -1);
		ck_assert_int_eq(err.code, DD_ESTORE);
	}
	store_rollback(st);
	store_close(st);
}
END_TEST

START_TEST(hex)
{
	const unsigned char h[4] = {0x00, 0x0f, 0xa5, 0xff};
	char out[9];

	chain_hex(h, 4, out);
	ck_assert_str_eq(out, "000fa5ff");
	chain_hex(h, 0, out);
	ck_assert_str_eq(out, "");
}
END_TEST

/* ---- verify -------------------------------------------------------------- */

START_TEST(edited_body_is_named)
{
	struct store *st = open_bare("a.db");
	const char *problem;

	append(st, bodies, 5);
	drop_triggers(st);
	raw(st, "UPDATE event SET body = '{\"text\":\"改\"}' WHERE id = 3");
	problem = verify_broken(st, 3);
	ck_assert_ptr_nonnull(strstr(problem, "#3"));
	ck_assert_ptr_nonnull(strstr(problem, "altered"));
	/* Putting it back restores the chain; the triggers stay missing. */
	raw(st, "UPDATE event SET body = '{\"text\":\"三\"}' WHERE id = 3");
	{
		struct chain_report rep;
		struct dd_err err;
		ck_assert_int_eq(chain_verify(st, &rep, &err), -1);
		ck_assert_int_eq(err.code, DD_ETAMPER);
		ck_assert_int_eq(rep.first_bad, 0);
		ck_assert_int_eq(rep.events, 5);
		ck_assert_int_eq(rep.nfindings, 4);
		ck_assert_int_eq(rep.nkind[CHAIN_FIND_SCHEMA], 4);
		ck_assert_ptr_nonnull(strstr(rep.problem, "trigger entry_no_delete is missing"));
	}
	store_close(st);
}
END_TEST

START_TEST(first_of_several_edits_is_named)
{
	struct store *st = open_bare("a.db");

	append(st, bodies, 5);
	drop_triggers(st);
	raw(st, "UPDATE event SET at = at + 60 WHERE id = 4");
	raw(st, "UPDATE event SET type = 'closed' WHERE id = 2");
	verify_broken(st, 2);
	store_close(st);
}
END_TEST

START_TEST(rehashed_event_breaks_the_next)
{
	struct store *st = open_bare("a.db");

	append(st, bodies, 5);
	drop_triggers(st);
	/* Whoever edits event 2 and gives it a fresh, well-formed hash still
	 * breaks event 3, whose hash covered the old one. */
	raw(st, "UPDATE event SET body = '{\"text\":\"改\"}', hash = zeroblob(32) WHERE id = 2");
	verify_broken(st, 2);
	raw(st, "UPDATE event SET hash = (SELECT hash FROM event WHERE id = 5) WHERE id = 2");
	verify_broken(st, 2);
	store_close(st);
}
END_TEST

START_TEST(reordered_events)
{
	struct store *st = open_bare("a.db");

	append(st, bodies, 5);
	drop_triggers(st);
	raw(st, "UPDATE event SET id = 100 WHERE id = 2; UPDATE event SET id = 2 WHERE id = 3; "
		"UPDATE event SET id = 3 WHERE id = 100");
	verify_broken(st, 2);
	store_close(st);
}
END_TEST

START_TEST(removed_events)
{
	struct store *st = open_bare("a.db");
	const char *problem;

	append(st, bodies, 5);
	drop_triggers(st);
	raw(st, "DELETE FROM event WHERE id = 3");
	problem = verify_broken(st, 3);
	ck_assert_ptr_nonnull(strstr(problem, "missing"));
	store_close(st);

	st = open_bare("b.db");
	append(st, bodies, 5);
	drop_triggers(st);
	raw(st, "DELETE FROM event WHERE id >= 4");     /* truncated at the end */
	problem = verify_broken(st, 4);
	ck_assert_ptr_nonnull(strstr(problem, "#4"));
	ck_assert_ptr_nonnull(strstr(problem, "#5"));
	store_close(st);

	st = open_bare("c.db");
	append(st, bodies, 5);
	drop_triggers(st);
	raw(st, "DELETE FROM event WHERE id = 1");      /* the very first */
	verify_broken(st, 1);
	store_close(st);
}
END_TEST

/* A desk with three entries; returns the id of the second one's 'created'
 * event in *created. */
static struct store *desk_with_entries(long long ids[3], long long *created)
{
	struct store *st = fx_desk("desk.db");
	struct actor op = fx_actor(st, "俞婕");
	static const char *const summaries[] = {"来电一", "来文二", "上报三"};
	struct dd_err err;

	for (int i = 0; i < 3; i++) {
		struct log_new n = {.kind = LOG_OTHER, .summary = summaries[i],
				    .occurred_at = fx_time("2021-12-15T10:00") + 60 * i};
		struct log_added out;
		ck_assert_msg(log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
		ids[i] = out.id;
	}
	ck_assert_int_eq(store_query_int(st, "SELECT id FROM event WHERE type = 'created' AND "
					 "entry_id = ?1", ids[1], created, &err), 0);
	ck_assert_int_gt(*created, 0);
	return st;
}

START_TEST(edited_entry_is_named)
{
	long long ids[3], created;
	struct store *st = desk_with_entries(ids, &created);
	const char *problem;
	char sql[128];

	drop_triggers(st);
	snprintf(sql, sizeof sql, "UPDATE entry SET summary = '来文二（改）' WHERE id = %lld",
		 ids[1]);
	raw(st, sql);
	problem = verify_broken(st, created);
	ck_assert_ptr_nonnull(strstr(problem, "entry"));
	store_close(st);
}
END_TEST

START_TEST(removed_entry_is_named)
{
	long long ids[3], created;
	struct store *st = desk_with_entries(ids, &created);
	const char *problem;
	char sql[128], want[32];

	drop_triggers(st);
	raw(st, "PRAGMA foreign_keys = OFF");
	snprintf(sql, sizeof sql, "DELETE FROM entry WHERE id = %lld", ids[1]);
	raw(st, sql);
	problem = verify_broken(st, created);
	snprintf(want, sizeof want, "#%lld", ids[1]);
	ck_assert_ptr_nonnull(strstr(problem, want));
	ck_assert_ptr_nonnull(strstr(problem, "missing"));
	store_close(st);

	/* The newest entry, with its events: caught by the sequences. */
	fx_cleanup();
	fx_mkdir("test_chain");
	st = desk_with_entries(ids, &created);
	{
		struct dd_err err;
		ck_assert_int_eq(store_query_int(st, "SELECT min(id) FROM event WHERE "
						 "entry_id = ?1", ids[2], &created, &err), 0);
	}
	drop_triggers(st);
	raw(st, "PRAGMA foreign_keys = OFF");
	snprintf(sql, sizeof sql, "DELETE FROM event WHERE entry_id = %lld", ids[2]);
	raw(st, sql);
	snprintf(sql, sizeof sql, "DELETE FROM entry WHERE id = %lld", ids[2]);
	raw(st, sql);
	problem = verify_broken(st, created);
	ck_assert_ptr_nonnull(strstr(problem, "removed"));
	store_close(st);
}
END_TEST

START_TEST(entry_behind_the_programs_back)
{
	long long ids[3], created;
	struct store *st = desk_with_entries(ids, &created);
	const char *problem;
	char want[32];

	/* An INSERT is not stopped by any trigger: the chain catches it. */
	raw(st, "INSERT INTO entry(occurred_at, recorded_at, operator_id, kind, summary) "
		"VALUES (1639526400, 1639526400, 1, 'other', '补录')");
	problem = verify_broken(st, 0);
	snprintf(want, sizeof want, "#%lld", ids[2] + 1);
	ck_assert_ptr_nonnull(strstr(problem, want));
	store_close(st);
}
END_TEST

/* ---- the rows beside the log ---------------------------------------------- */

/* Append one event of `type` in its own transaction, after `sql`. */
static long long act_as(struct store *st, const char *type, const char *sql)
{
	struct chain_event ev = {.at = fx_time("2021-12-15T09:00"), .type = type};
	struct dd_err err;

	ck_assert_int_eq(store_begin(st, &err), 0);
	if (sql)
		raw(st, sql);
	ck_assert_msg(chain_append(st, &ev, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_commit(st, &err), 0);
	return ev.id;
}

static long long act(struct store *st, const char *sql)
{
	return act_as(st, "noted", sql);
}

START_TEST(rows_beside_the_log_are_sealed)
{
	struct store *st = open_bare("a.db");
	struct chain_report rep;
	struct dd_err err;
	long long ev;

	act_as(st, "person-added", "INSERT INTO person(name, created_at) VALUES ('王值班', 0)");
	act(st, NULL);
	verify_ok(st, &rep);
	ck_assert_int_eq(rep.rows, 1);
	/* Renamed behind the program's back: named, with what it now reads. */
	raw(st, "UPDATE person SET name = '王五' WHERE id = 1");
	ck_assert_int_eq(chain_verify(st, &rep, &err), -1);
	ck_assert_int_eq(err.code, DD_ETAMPER);
	ck_assert_int_eq(rep.first_bad, 0);
	ck_assert_int_eq(rep.nkind[CHAIN_FIND_ROWS], 1);
	ck_assert_ptr_nonnull(strstr(rep.findings[0].text, "person 1 was changed"));
	ck_assert_ptr_nonnull(strstr(rep.findings[0].text, "name=王五"));
	ck_assert_str_eq(rep.problem, rep.findings[0].text);
	/* An act that does not change people leaves the record as it was. */
	act(st, NULL);
	ck_assert_int_eq(chain_verify(st, &rep, &err), -1);
	ck_assert_int_eq(rep.nfindings, 1);
	ck_assert_ptr_nonnull(strstr(rep.findings[0].text, "after event #1 recorded it"));
	/* Without the record of its digest (a cache, not evidence), the next act
	 * records the table as it finds it; it is not an act that changes
	 * people, so the change before it is still named. */
	raw(st, "DELETE FROM meta WHERE key = 'audit.state'");
	ev = act(st, NULL);
	ck_assert_int_eq(chain_verify(st, &rep, &err), -1);
	ck_assert_int_eq(rep.nfindings, 1);
	ck_assert_ptr_nonnull(strstr(rep.findings[0].text, "person 1 was changed"));
	ck_assert_ptr_nonnull(strstr(rep.findings[0].text, "(noted), an act that does not"));
	ck_assert_int_eq(ev, 4);
	/* An act that adds a person changes the table as it may. */
	raw(st, "UPDATE person SET name = '王值班' WHERE id = 1");
	act_as(st, "person-added", "INSERT INTO person(name, created_at) VALUES ('赵娜', 0)");
	ck_assert_int_eq(chain_verify(st, &rep, &err), -1); /* event 4 still says so */
	ck_assert_int_eq(rep.nfindings, 1);
	store_close(st);
}
END_TEST

/* ---- from the last verified event ------------------------------------------ */

static void since_ok(struct store *st, long long events)
{
	struct chain_report rep;
	struct dd_err err;

	ck_assert_msg(chain_verify_since(st, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep.events, events);
}

static const char *since_broken(struct store *st, long long first_bad)
{
	return broken_by(chain_verify_since, st, first_bad);
}

START_TEST(since_verifies_only_what_is_new)
{
	struct store *st = open_bare("a.db");
	const char *problem;

	since_ok(st, 0);
	append(st, bodies, 5);
	since_ok(st, 5);
	since_ok(st, 0);
	act(st, NULL);
	act(st, NULL);
	since_ok(st, 2);
	/* An edit after the point is caught when it is walked. */
	act(st, NULL);
	drop_triggers(st);
	raw(st, "UPDATE event SET at = at + 60 WHERE id = 8");
	problem = since_broken(st, 8);
	ck_assert_ptr_nonnull(strstr(problem, "does not match its hash"));
	store_close(st);
}
END_TEST

START_TEST(since_catches_a_recomputed_or_cut_chain)
{
	struct store *st = open_bare("a.db");
	const char *problem;

	append(st, bodies, 5);
	since_ok(st, 5);
	drop_triggers(st);
	/* Before the point, beyond the walk: the remembered hash catches it. */
	raw(st, "UPDATE event SET hash = randomblob(32) WHERE id = 5");
	problem = since_broken(st, 5);
	ck_assert_ptr_nonnull(strstr(problem, "recomputed"));
	raw(st, "DELETE FROM event WHERE id >= 4; UPDATE sqlite_sequence SET seq = 3 "
		"WHERE name = 'event'");
	problem = since_broken(st, 5);
	ck_assert_ptr_nonnull(strstr(problem, "is gone"));
	store_close(st);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"chain_append", {empty_chain_verifies, hashes_are_linked,
				  created_event_covers_its_entry, hex}},
		{"chain_verify", {edited_body_is_named, first_of_several_edits_is_named,
				  rehashed_event_breaks_the_next, reordered_events, removed_events,
				  edited_entry_is_named, removed_entry_is_named,
				  entry_behind_the_programs_back}},
		{"chain_rows", {rows_beside_the_log_are_sealed}},
		{"chain_verify_since", {since_verifies_only_what_is_new,
					since_catches_a_recomputed_or_cut_chain}},
	};

	return fx_run(fx_suite("chain", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
