/* log_bulk.c — recording a long history of the log at once.
 *
 * Each item goes through the log's own inner writers (log_insert_at,
 * log_event_append_at): the same rows, the same hash chain, the same search
 * index as log_add and log_close.  Only the transaction is shared by a batch
 * of items, which is what makes a million entries take minutes, not hours. */
#include "domain/log_bulk.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "base/jsonw.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

static int check_text(const char *what, const char *s, int required, struct dd_err *err)
{
	size_t n = s ? strlen(s) : 0;

	if (required && n == 0)
		return dd_fail(err, DD_EINVAL, _("%s is empty"), what);
	if (n > LOG_SUMMARY_MAX)
		return dd_fail(err, DD_EINVAL, _("%s is %zu bytes long; the most is %d"), what, n,
			       LOG_SUMMARY_MAX);
	if (n && !text_valid_utf8(s, n))
		return dd_fail(err, DD_EINVAL, _("%s is not valid UTF-8"), what);
	return text_check_typed(what, s, TEXT_LINES, err);
}

static int record_entry(struct store *st, const struct log_bulk_item *it, long long *id,
			struct dd_err *err)
{
	struct log_new n = it->entry;
	const struct log_new *e = &it->entry;
	struct log_known p;

	if ((unsigned)e->kind >= LOG_KIND_COUNT)
		return dd_fail(err, DD_EINVAL, _("unknown kind of entry"));
	if (e->kind == LOG_POSITIVE)
		return dd_fail(err, DD_EINVAL, _("a positive case sets off the task force: record "
						 "it as it happens, not in bulk"));
	if (check_text(_("the summary"), e->summary, 1, err) < 0 ||
	    check_text(_("the source"), e->source, 0, err) < 0 ||
	    check_text(_("the caller"), e->caller, 0, err) < 0 ||
	    check_text(_("the call-back number"), e->callback, 0, err) < 0 ||
	    check_text(_("the key-person category"), e->subkind, 0, err) < 0)
		return -1;
	if (!n.occurred_at)
		n.occurred_at = it->at;
	if (n.occurred_at > it->at + 600)
		return dd_fail(err, DD_EINVAL, _("an entry cannot happen after it was recorded"));
	if (e->parent_id) {
		long long incident;
		if (log_known_entry(st, e->parent_id, &p, err) < 0)
			return -1;
		incident = p.parent_id ? p.parent_id : p.id;
		if (p.drill != (e->drill ? 1 : 0) || p.closed)
			return dd_fail(err, DD_EINVAL, _("incident #%lld is closed or of the other "
							 "kind (drill or real)"), incident);
		n.parent_id = incident;
	}
	return log_insert_at(st, it->by, &n, it->at, id, err);
}

static int record_closure(struct store *st, const struct log_bulk_item *it,
			  struct dd_err *err)
{
	struct jsonw body;
	struct log_known k;
	int rc;

	if (check_text(_("the resolution"), it->resolution, 1, err) < 0 ||
	    log_known_entry(st, it->incident, &k, err) < 0)
		return -1;
	if (k.parent_id || k.closed)
		return dd_fail(err, DD_EINVAL, _("entry #%lld is a follow-up or already closed"),
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
		  dd_time *last_at, long long *id, struct dd_err *err)
{
	*id = 0;
	if (!it->by || it->by->id <= 0)
		return dd_fail(err, DD_EINVAL, _("every item needs the person who recorded it"));
	if (it->at < *last_at)
		return dd_fail(err, DD_EINVAL, _("items must come in the order they were "
						 "recorded"));
	if (it->at > latest)
		return dd_fail(err, DD_EINVAL, _("an item is in the future"));
	*last_at = it->at;
	if (it->act == LOG_BULK_CLOSE)
		return record_closure(st, it, err);
	if (it->act != LOG_BULK_ENTRY)
		return dd_fail(err, DD_EINVAL, _("unknown kind of item"));
	return record_entry(st, it, id, err);
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
		if (record(st, &it, latest, &last_at, &last_id, err) < 0) {
			store_rollback(st);
			return -1;
		}
		pending.entries += it.act == LOG_BULK_ENTRY;
		pending.closures += it.act == LOG_BULK_CLOSE;
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
