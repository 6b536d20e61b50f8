/* chain.c — the hash chain over events.
 *
 * Each event's hash covers the hash before it, its own fields and body, and
 * for a 'created' event the entry it creates.  The body an event is stored
 * with also seals the rows its act wrote beside the log (seal.c says how):
 * chain_append adds the seal before hashing; chain_verify (audit.c) walks
 * those rows beside the events. */
#include "store/chain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ddtime.h"
#include "base/i18n.h"
#include "store/chain_internal.h"
#include "store/seal.h"

#define DOMAIN_TAG "dutydesk event v1"

void chain_digest_begin(crypto_generichash_state *h, const unsigned char *prev,
			const struct chain_event *ev)
{
	const char *body = ev->body ? ev->body : "{}";
	crypto_generichash_init(h, NULL, 0, CHAIN_HASH_LEN);
	crypto_generichash_update(h, (const unsigned char *)DOMAIN_TAG, sizeof DOMAIN_TAG);
	crypto_generichash_update(h, prev, CHAIN_HASH_LEN);
	seal_feed_int(h, ev->id);
	seal_feed_int(h, ev->at);
	if (ev->actor_id)
		seal_feed_int(h, ev->actor_id);
	else
		seal_feed_null(h);
	seal_feed_text(h, (const unsigned char *)ev->type, strlen(ev->type));
	if (ev->entry_id)
		seal_feed_int(h, ev->entry_id);
	else
		seal_feed_null(h);
	seal_feed_int(h, ev->drill);
	seal_feed_text(h, (const unsigned char *)body, strlen(body));
}

static int is_created(const char *type)
{
	return strcmp(type, "created") == 0;
}

static int append(struct store *st, struct chain_event *ev, struct dd_err *err);

int chain_append(struct store *st, struct chain_event *ev, struct dd_err *err)
{
	struct chain_event sealed = *ev;
	char *body = NULL;
	int rc;

	if (seal_body(st, ev->type, ev->body ? ev->body : "{}", &body, err) < 0)
		return -1;
	sealed.body = body;
	rc = append(st, &sealed, err);
	ev->id = sealed.id;
	free(body);
	return rc;
}

static int append(struct store *st, struct chain_event *ev, struct dd_err *err)
{
	unsigned char prev[CHAIN_HASH_LEN] = {0}, hash[CHAIN_HASH_LEN];
	crypto_generichash_state h;
	sqlite3_stmt *stmt;
	long long seq = 0;
	int rc;

	/* The head: the newest event's hash, and the next id (AUTOINCREMENT
	 * never reuses one, even after the newest rows were removed). */
	stmt = store_prepare(st, "SELECT hash FROM event ORDER BY id DESC LIMIT 1", err);
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == CHAIN_HASH_LEN)
		memcpy(prev, sqlite3_column_blob(stmt, 0), CHAIN_HASH_LEN);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the log's chain"));
	if (store_query_int(st, "SELECT coalesce((SELECT seq FROM sqlite_sequence "
				"WHERE name = 'event'), 0)", 0, &seq, err) < 0)
		return -1;
	ev->id = seq + 1;

	chain_digest_begin(&h, prev, ev);
	if (is_created(ev->type)) {
		stmt = store_prepare(st, "SELECT " ENTRY_COLS " FROM entry en WHERE en.id = ?1", err);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, ev->entry_id);
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(stmt);
			return rc == SQLITE_DONE
				? dd_fail(err, DD_ESTORE, _("internal error: entry %lld to chain "
					  "is not there"), ev->entry_id)
				: store_fail(st, err, rc, _("reading the new entry"));
		}
		seal_feed_columns(&h, stmt, 0, N_ENTRY_COLS);
		sqlite3_reset(stmt);
	}
	crypto_generichash_final(&h, hash, sizeof hash);

	stmt = store_prepare(st, "INSERT INTO event(id, at, actor_id, type, entry_id, drill, body, "
				 "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, ev->id);
	sqlite3_bind_int64(stmt, 2, ev->at);
	if (ev->actor_id)
		sqlite3_bind_int64(stmt, 3, ev->actor_id);
	sqlite3_bind_text(stmt, 4, ev->type, -1, SQLITE_TRANSIENT);
	if (ev->entry_id)
		sqlite3_bind_int64(stmt, 5, ev->entry_id);
	sqlite3_bind_int(stmt, 6, ev->drill);
	sqlite3_bind_text(stmt, 7, ev->body ? ev->body : "{}", -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(stmt, 8, hash, sizeof hash, SQLITE_TRANSIENT);
	if (store_exec_stmt(st, stmt, "recording an event", err) < 0)
		return -1;
	return seal_note_head(st, ev->id, hash, err);
}

void chain_hex(const unsigned char *hash, int n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < n; i++) {
		out[2 * i] = hex[hash[i] >> 4];
		out[2 * i + 1] = hex[hash[i] & 15];
	}
	out[2 * n] = '\0';
}

static int broken(struct chain_report *rep, struct dd_err *err, long long id, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));

static int broken(struct chain_report *rep, struct dd_err *err, long long id, const char *fmt,
		  ...)
{
	va_list ap;
	rep->first_bad = id;
	va_start(ap, fmt);
	vsnprintf(rep->problem, sizeof rep->problem, fmt, ap);
	va_end(ap);
	return dd_fail(err, DD_ETAMPER, _("%s"), rep->problem);
}

/* Entries that no 'created' event covers (inserted behind the program's back,
 * or whose event was removed). */
static int check_orphans(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	long long orphan = 0;
	if (store_query_int(st, "SELECT coalesce(min(en.id), 0) FROM entry en WHERE NOT EXISTS "
				"(SELECT 1 FROM event ev WHERE ev.entry_id = en.id AND "
				"ev.type = 'created')", 0, &orphan, err) < 0)
		return -1;
	if (orphan)
		return broken(rep, err, 0, _("entry #%lld has no 'created' event in the chain: it "
			      "was added or its event removed outside dutydesk"), orphan);
	return 0;
}

static int check_tail(struct store *st, struct chain_report *rep, long long last,
		      struct dd_err *err);
int chain_check_ends(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	if (check_tail(st, rep, rep->head_id, err) < 0)
		return -1;
	return check_orphans(st, rep, err);
}

static int check_tail(struct store *st, struct chain_report *rep, long long last,
		      struct dd_err *err)
{
	long long seq = 0, eseq = 0, emax = 0;
	if (store_query_int(st, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE "
				"name = 'event'), 0)", 0, &seq, err) < 0 ||
	    store_query_int(st, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE "
				"name = 'entry'), 0)", 0, &eseq, err) < 0 ||
	    store_query_int(st, "SELECT coalesce(max(id), 0) FROM entry", 0, &emax, err) < 0)
		return -1;
	if (seq > last)
		return broken(rep, err, last + 1, _("events #%lld to #%lld were removed from the end "
			      "of the log (the last one left is #%lld)"), last + 1, seq, last);
	if (eseq > emax)
		return broken(rep, err, 0, _("entries #%lld to #%lld were removed from the end of "
			      "the log"), emax + 1, eseq);
	return 0;
}

int chain_walk(struct store *st, long long from, const unsigned char start[CHAIN_HASH_LEN],
	       chain_each_fn *each, void *ctx, struct chain_report *rep, struct dd_err *err)
{
	unsigned char prev[CHAIN_HASH_LEN], hash[CHAIN_HASH_LEN];
	sqlite3_stmt *stmt;
	long long expect = from + 1;
	int rc;

	memcpy(prev, start, CHAIN_HASH_LEN);
	rc = sqlite3_prepare_v2(store_db(st),
		"SELECT ev.id, ev.at, ev.actor_id, ev.type, ev.entry_id, ev.drill, ev.body, "
		"ev.hash, en.id IS NOT NULL, json_extract(ev.body, '$._seal'), "
		"json_extract(ev.body, '$._state'), " ENTRY_COLS " FROM event ev "
		"LEFT JOIN entry en ON ev.type = 'created' AND en.id = ev.entry_id "
		"WHERE ev.id > ?1 ORDER BY ev.id", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, err, rc, _("reading the log's chain"));
	sqlite3_bind_int64(stmt, 1, from);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct chain_event ev = {
			.id = sqlite3_column_int64(stmt, 0),
			.at = sqlite3_column_int64(stmt, 1),
			.actor_id = sqlite3_column_int64(stmt, 2),
			.type = (const char *)sqlite3_column_text(stmt, 3),
			.entry_id = sqlite3_column_int64(stmt, 4),
			.drill = sqlite3_column_int(stmt, 5),
			.body = (const char *)sqlite3_column_text(stmt, 6),
		};
		crypto_generichash_state h;
		char when[DDTIME_BUFSZ];

		if (!ev.type)
			ev.type = "";
		ddtime_format(ev.at, DDTIME_MINUTE, when);
		if (ev.id != expect) {
			sqlite3_finalize(stmt);
			return broken(rep, err, expect, expect + 1 == ev.id
				? _("event #%lld is missing: the chain jumps from #%lld to #%lld")
				: _("events from #%lld are missing: the chain jumps from #%lld to #%lld"),
				expect, expect - 1, ev.id);
		}
		if (is_created(ev.type) && !sqlite3_column_int(stmt, 8)) {
			sqlite3_finalize(stmt);
			return broken(rep, err, ev.id, _("event #%lld (created, %s) created entry "
				      "#%lld, which is missing"), ev.id, when, ev.entry_id);
		}
		chain_digest_begin(&h, prev, &ev);
		if (is_created(ev.type))
			seal_feed_columns(&h, stmt, 11, N_ENTRY_COLS);
		crypto_generichash_final(&h, hash, sizeof hash);
		if (sqlite3_column_bytes(stmt, 7) != CHAIN_HASH_LEN ||
		    memcmp(hash, sqlite3_column_blob(stmt, 7), CHAIN_HASH_LEN) != 0) {
			long long id = ev.id, entry = ev.entry_id;
			char type[32];
			snprintf(type, sizeof type, "%s", ev.type);
			sqlite3_finalize(stmt);
			return broken(rep, err, id,
				      _("event #%lld (%s, entry #%lld, %s) does not match its hash: "
				      "the event%s was altered, or events were reordered"),
				      id, type, entry, when,
				      is_created(type) ? " or the entry it created" : "");
		}
		if (each && each(ctx, ev.id, ev.type, (const char *)sqlite3_column_text(stmt, 9),
				 (const char *)sqlite3_column_text(stmt, 10), rep, err) < 0) {
			sqlite3_finalize(stmt);
			return -1;
		}
		memcpy(prev, sqlite3_column_blob(stmt, 7), CHAIN_HASH_LEN);
		rep->events++;
		if (is_created(ev.type))
			rep->entries++;
		expect++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the log's chain"));
	memcpy(rep->head, prev, CHAIN_HASH_LEN);
	rep->head_id = expect - 1;
	return 0;
}

/* In one read transaction: one snapshot of the file, so that an event
 * another process appends meanwhile is neither missed by the walk nor
 * counted by the tail check (which would look like events removed). */
int chain_snapshot(struct store *st, int (*fn)(struct store *, struct chain_report *,
						struct dd_err *),
		   struct chain_report *rep, struct dd_err *err)
{
	sqlite3 *db = store_db(st);
	int own = sqlite3_get_autocommit(db), rc;

	if (own && (rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		return store_fail(st, err, rc, _("reading the log's chain"));
	rc = fn(st, rep, err);
	if (own)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* ---- from where the last verification stopped ---------------------------- */

#define VERIFIED_KEY "chain.verified"

static int verify_since(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	unsigned char prev[CHAIN_HASH_LEN] = {0};
	char *rec = NULL, hex[2 * CHAIN_HASH_LEN + 1] = "";
	long long from = 0;
	sqlite3_stmt *stmt;
	int rc;

	memset(rep, 0, sizeof *rep);
	if (store_meta_get(st, VERIFIED_KEY, &rec, err) < 0)
		return -1;
	if (rec && sscanf(rec, "%lld %64s", &from, hex) != 2)
		from = 0;
	free(rec);
	if (from > 0) {
		char have[2 * CHAIN_HASH_LEN + 1] = "";
		stmt = store_prepare(st, "SELECT hash FROM event WHERE id = ?1", err);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, from);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == CHAIN_HASH_LEN) {
			memcpy(prev, sqlite3_column_blob(stmt, 0), CHAIN_HASH_LEN);
			chain_hex(prev, CHAIN_HASH_LEN, have);
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(st, err, rc, _("reading the log's chain"));
		if (rc == SQLITE_DONE)
			return broken(rep, err, from,
				      _("event #%lld, verified before, is gone: the chain was cut "
					"back behind dutydesk's back"), from);
		if (strcmp(have, hex) != 0)
			return broken(rep, err, from, _("event #%lld no longer has the hash it had "
				      "when it was verified (%.16s, now %.16s): the chain was "
				      "recomputed behind dutydesk's back"), from, hex, have);
	}
	if (chain_walk(st, from, prev, NULL, NULL, rep, err) < 0 ||
	    check_tail(st, rep, rep->head_id, err) < 0)
		return -1;
	return 0;
}

int chain_verify_since(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	char rec[64 + 2 * CHAIN_HASH_LEN], hex[2 * CHAIN_HASH_LEN + 1];
	struct dd_err ignored;

	if (chain_snapshot(st, verify_since, rep, err) < 0)
		return -1;
	if (!rep->events || store_is_readonly(st))
		return 0;
	chain_hex(rep->head, CHAIN_HASH_LEN, hex);
	snprintf(rec, sizeof rec, "%lld %s", rep->head_id, hex);
	/* Never wait for another writer: a terminal starting up does not queue
	 * behind one; the next start verifies a little more instead. */
	store_set_busy_timeout(st, 0);
	if (store_begin(st, &ignored) == 0) {
		if (store_meta_set(st, VERIFIED_KEY, rec, &ignored) == 0)
			store_commit(st, &ignored);
		else
			store_rollback(st);
	}
	store_set_busy_timeout(st, STORE_BUSY_MS);
	return 0;
}

/* ---- heads ------------------------------------------------------------------- */

int chain_head_hex(struct store *st, long long before, int n, char *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT hash FROM event WHERE ?1 = 0 OR id < ?1 "
					       "ORDER BY id DESC LIMIT 1", err);
	int rc;

	out[0] = '\0';
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, before);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == CHAIN_HASH_LEN)
		chain_hex(sqlite3_column_blob(stmt, 0), n, out);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? 0 : store_fail(st, err, rc, _("reading the log's chain"));
}

int chain_head_parse(const char *hex, struct dd_err *err)
{
	size_t n = strlen(hex);

	if (n < 2 * CHAIN_HEAD_PRINTED || n > 2 * CHAIN_HASH_LEN ||
	    strspn(hex, "0123456789abcdefABCDEF") != n)
		return dd_fail(err, DD_EINVAL, _("'%s' is not a head as printed: give its %d hex "
						 "digits or more"), hex, 2 * CHAIN_HEAD_PRINTED);
	return 0;
}

int chain_find_head(struct store *st, const char *hex, long long *id, long long *at,
		    struct dd_err *err)
{
	size_t n = strlen(hex);
	char want[2 * CHAIN_HASH_LEN + 1];
	sqlite3_stmt *stmt;
	int rc;

	*id = *at = 0;
	if (chain_head_parse(hex, err) < 0)
		return -1;
	for (size_t i = 0; i <= n; i++)
		want[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 'a' + 'A' : hex[i]);
	stmt = store_prepare(st, "SELECT id, at FROM event WHERE substr(hex(hash), 1, ?2) = ?1 "
				 "ORDER BY id LIMIT 1", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, want);
	sqlite3_bind_int64(stmt, 2, (long long)n);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		*at = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the log's chain"));
	return rc == SQLITE_ROW;
}
