/* log_bulk.c — recording a long history of the log at once, for the
 * benchmark's million entries.
 *
 * Each item goes through the log's own inner writers (log_insert_at,
 * log_event_append_at): the same rows, the same hash chain, the same search
 * index as log_add and log_close.  Only the transaction is shared by a batch
 * of items, which is what makes a million entries take minutes, not hours.
 * Texts are checked as a person's typed texts are (act_check_text): what
 * log_add refuses is refused here. */
#include "log_bulk.h"

#include <string.h>

#include "base/jsonw.h"
#include "domain/act.h"
#include "domain/escalation.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

static int record_entry(struct store *st, const struct log_bulk_item *it, long long *id,
			int *opened, struct dd_err *err)
{
	struct log_new n = it->entry;
	const struct log_new *e = &it->entry;
	const struct { const char *what, *text; unsigned how; } texts[] = {
		{"the summary", e->summary, ACT_REQUIRED},
		{"the source", e->source, 0},
		{"the caller", e->caller, 0},
		{"the call-back number", e->callback, 0},
		{"the key-person category", e->subkind, 0},
	};
	struct log_known p;

	if ((unsigned)e->kind >= LOG_KIND_COUNT)
		return dd_fail(err, DD_EINVAL, "unknown kind of entry");
	if (e->kind == LOG_POSITIVE)
		return dd_fail(err, DD_EINVAL, "a positive case sets off the task force: record "
				"it as it happens, not in bulk");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (act_check_text(texts[i].what, texts[i].text, texts[i].how, LOG_SUMMARY_MAX,
				   err) < 0)
			return -1;
	if (!n.occurred_at)
		n.occurred_at = it->at;
	if (n.occurred_at > it->at + 600)
		return dd_fail(err, DD_EINVAL, "an entry cannot happen after it was recorded");
	if (e->parent_id) {
		long long incident;
		if (log_known_entry(st, e->parent_id, &p, err) < 0)
			return -1;
		incident = p.parent_id ? p.parent_id : p.id;
		if (p.drill != (e->drill ? 1 : 0) || p.closed)
			return dd_fail(err, DD_EINVAL, "incident #%lld is closed or of the other "
				       "kind (drill or real)", incident);
		n.parent_id = incident;
	}
	if (log_insert_at(st, it->by, &n, it->at, id, err) < 0)
		return -1;
	/* What outbreak_log_add sets off for a kind other than a positive case:
	 * the notifications of its escalation rules. */
	return n.drill ? 0 : escalation_open_for_entry(st, it->by, *id, opened, err);
}

/* The notifications of the entry not yet done, marked done as the desk
 * does: escalation_done, at the item's time. */
static int record_done(struct store *st, const struct log_bulk_item *it, int *done,
		       struct dd_err *err)
{
	/* The open ones, as the desk finds them (open_notification): asking
	 * the 'notified' events of each made the history quadratic to make. */
	sqlite3_stmt *q = store_prepare(st, "SELECT n.id FROM notification n WHERE n.entry_id = ?1 "
					"AND n.id IN (SELECT notification_id FROM "
					"open_notification) ORDER BY n.id", err);
	long long ids[64];
	int n = 0, rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, it->incident);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && n < 64)
		ids[n++] = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, "reading the notifications of an entry");
	for (int i = 0; i < n; i++) {
		if (escalation_done(st, it->by, ids[i], it->resolution, NULL, err) < 0)
			return -1;
		(*done)++;
	}
	return 0;
}

static int record_closure(struct store *st, const struct log_bulk_item *it,
			  struct dd_err *err)
{
	struct jsonw body;
	struct log_known k;
	int rc;

	if (act_check_text("the resolution", it->resolution, ACT_REQUIRED, LOG_SUMMARY_MAX,
			   err) < 0 ||
	    log_known_entry(st, it->incident, &k, err) < 0)
		return -1;
	if (k.parent_id || k.closed)
		return dd_fail(err, DD_EINVAL, "entry #%lld is a follow-up or already closed",
			       it->incident);
	jsonw_init(&body);
	jsonw_str(&body, "resolution", it->resolution);
	rc = log_event_append_at(st, it->by, it->incident, "closed", k.drill, jsonw_done(&body),
				 it->resolution, it->at, err);
	jsonw_free(&body);
	return rc;
}

/* One item, checked against the clock (`latest`) and the item before it. */
static int record(struct store *st, const struct log_bulk_item *it, dd_time latest,
		  dd_time *last_at, long long *id, struct log_bulk_done *n, struct dd_err *err)
{
	int opened = 0, done = 0, rc;

	*id = 0;
	if (!it->by || it->by->id <= 0)
		return dd_fail(err, DD_EINVAL, "every item needs the person who recorded it");
	if (it->at < *last_at)
		return dd_fail(err, DD_EINVAL, "items must come in the order they were "
				"recorded");
	if (it->at > latest)
		return dd_fail(err, DD_EINVAL, "an item is in the future");
	*last_at = it->at;
	ddtime_fix_now(it->at);
	if (it->act == LOG_BULK_CLOSE)
		rc = record_closure(st, it, err);
	else if (it->act == LOG_BULK_DONE)
		rc = record_done(st, it, &done, err);
	else if (it->act == LOG_BULK_ENTRY)
		rc = record_entry(st, it, id, &opened, err);
	else
		rc = dd_fail(err, DD_EINVAL, "unknown kind of item");
	ddtime_fix_now(0);
	n->entries += rc == 0 && it->act == LOG_BULK_ENTRY;
	n->closures += rc == 0 && it->act == LOG_BULK_CLOSE;
	n->notifications += opened;
	n->done += done;
	return rc;
}

int log_bulk_record(struct store *st, int batch, log_bulk_next_fn next, void *ctx,
		    struct log_bulk_done *done, struct dd_err *err)
{
	struct log_bulk_done pending = {0};
	long long last_id = 0;
	dd_time last_at = 0, latest = ddtime_now() + 600;
	int in_batch = 0, more;

	memset(done, 0, sizeof *done);
	if (batch < 1)
		batch = 1;
	for (;;) {
		struct log_bulk_item it;

		memset(&it, 0, sizeof it);
		more = next(ctx, last_id, &it, err);
		if (more <= 0)
			break;
		if (in_batch == 0 && store_begin(st, err) < 0)
			return -1;
		if (record(st, &it, latest, &last_at, &last_id, &pending, err) < 0) {
			store_rollback(st);
			return -1;
		}
		if (++in_batch == batch) {
			in_batch = 0;
			if (store_commit(st, err) < 0)
				return -1;
			*done = pending;
		}
	}
	if (in_batch > 0) {
		if (more < 0) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st, err) < 0)
			return -1;
		*done = pending;
	}
	if (more < 0)
		return -1;
	/* Leave the write-ahead log empty: the next process to open the file
	 * alone would otherwise read every page of it back (SQLite rebuilds
	 * its index of the log at the first open).  Busy readers only leave
	 * it as it is. */
	sqlite3_wal_checkpoint_v2(store_db(st), "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return 0;
}
