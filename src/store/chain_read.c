/* chain_read.c — reading the chain out, event by event, for the county. */
#include "store/chain_read.h"

#include <string.h>

#include "base/i18n.h"
#include "store/chain_internal.h"
#include "store/seal.h"
#include "store/store_sql.h"

#define ENTRY_JSON                                                                  \
	"json_object('id', en.id, 'occurred_at', en.occurred_at, 'recorded_at', "    \
	"en.recorded_at, 'operator_id', en.operator_id, 'kind', en.kind, 'subkind', " \
	"en.subkind, 'source', en.source, 'caller', en.caller, 'callback', "          \
	"en.callback, 'readback', en.readback, 'summary', en.summary, 'grp_id', "     \
	"en.grp_id, 'parent_id', en.parent_id, 'significant', en.significant, "       \
	"'drill', en.drill)"

static int hash_of(struct store *st, long long id, unsigned char out[CHAIN_HASH_LEN],
		   struct dd_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(out, 0, CHAIN_HASH_LEN);
	if (id == 0)
		return 0;
	stmt = store_prepare(st, "SELECT hash FROM event WHERE id = ?1", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == CHAIN_HASH_LEN)
		memcpy(out, sqlite3_column_blob(stmt, 0), CHAIN_HASH_LEN);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("event #%lld is not in this desk's chain"), id);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the log's chain"));
}

static int row_of(sqlite3_stmt *stmt, const unsigned char *prev, struct chain_row *r,
		  struct dd_err *err)
{
	struct chain_event ev;
	crypto_generichash_state h;
	int created;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(stmt, 0);
	r->at = sqlite3_column_int64(stmt, 1);
	r->actor_id = sqlite3_column_int64(stmt, 2);
	r->type = (const char *)sqlite3_column_text(stmt, 3);
	r->entry_id = sqlite3_column_int64(stmt, 4);
	r->drill = sqlite3_column_int(stmt, 5);
	r->body = (const char *)sqlite3_column_text(stmt, 6);
	if (!r->type)
		r->type = "";
	if (!r->body)
		r->body = "{}";
	created = strcmp(r->type, "created") == 0;
	r->entry = created ? (const char *)sqlite3_column_text(stmt, 8) : NULL;
	if (created && !r->entry)
		return dd_fail(err, DD_ETAMPER, _("event #%lld created entry #%lld, which is "
						  "missing"), r->id, r->entry_id);
	ev = (struct chain_event){.id = r->id, .at = r->at, .actor_id = r->actor_id,
				  .entry_id = r->entry_id, .type = r->type, .drill = r->drill,
				  .body = r->body};
	memcpy(r->prev, prev, CHAIN_HASH_LEN);
	chain_digest_begin(&h, prev, &ev);
	if (created)
		seal_feed_columns(&h, stmt, 9, N_ENTRY_COLS);
	crypto_generichash_final(&h, r->hash, CHAIN_HASH_LEN);
	if (sqlite3_column_bytes(stmt, 7) != CHAIN_HASH_LEN ||
	    memcmp(r->hash, sqlite3_column_blob(stmt, 7), CHAIN_HASH_LEN) != 0)
		return dd_fail(err, DD_ETAMPER, _("event #%lld does not match its hash: the "
						  "desk's chain is broken (dutydesk check)"), r->id);
	return 0;
}

static long long read_rows(struct store *st, long long after, unsigned char prev[CHAIN_HASH_LEN],
			   long long limit, chain_row_fn *fn, void *ctx, struct dd_err *err)
{
	unsigned char last[CHAIN_HASH_LEN];
	sqlite3_stmt *stmt;
	long long n = 0, expect = after + 1;
	int rc;

	if (hash_of(st, after, prev, err) < 0)
		return -1;
	memcpy(last, prev, CHAIN_HASH_LEN);
	stmt = store_prepare(st, "SELECT ev.id, ev.at, ev.actor_id, ev.type, ev.entry_id, "
				 "ev.drill, ev.body, ev.hash, " ENTRY_JSON ", " ENTRY_COLS
				 " FROM event ev LEFT JOIN entry en ON ev.type = 'created' AND "
				 "en.id = ev.entry_id WHERE ev.id > ?1 ORDER BY ev.id LIMIT ?2",
			     err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, after);
	sqlite3_bind_int64(stmt, 2, limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct chain_row r;
		if (sqlite3_column_int64(stmt, 0) != expect) {
			sqlite3_reset(stmt);
			return dd_fail(err, DD_ETAMPER, _("event #%lld is missing from the desk's "
							  "chain (dutydesk check)"), expect);
		}
		if (row_of(stmt, last, &r, err) < 0 || (fn && fn(ctx, &r, err) < 0)) {
			sqlite3_reset(stmt);
			return -1;
		}
		memcpy(last, r.hash, CHAIN_HASH_LEN);
		expect++;
		n++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the log's chain"));
	return n;
}

long long chain_read(struct store *st, long long after, unsigned char prev_out[CHAIN_HASH_LEN],
		     long long limit, chain_row_fn *fn, void *ctx, struct dd_err *err)
{
	sqlite3 *db = store_db(st);
	int own = sqlite3_get_autocommit(db), rc;
	long long n;

	if (own && (rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		return store_fail(st, err, rc, _("reading the log's chain"));
	n = read_rows(st, after, prev_out, limit, fn, ctx, err);
	if (own)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return n;
}

int chain_last_id(struct store *st, long long *id, struct dd_err *err)
{
	return store_query_int(st, "SELECT coalesce(max(id), 0) FROM event", 0, id, err);
}
