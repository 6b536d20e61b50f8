/* outbox.c — consequences of an act carried out after it commits. */
#include "desk/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jsonw.h"
#include "domain/act.h"
#include "store/store_sql.h"

#define KIND_MAX 32
#define RECIPIENT_MAX 256
#define NUMBER_MAX 64
#define TEXT_MAX 2000

static const char *const state_names[] = {"queued", "retry", "sent", "failed"};

const char *outbox_state_name(enum outbox_state s)
{
	return (unsigned)s < sizeof state_names / sizeof state_names[0] ? state_names[s] : "?";
}

void outbox_items_free(struct outbox_item *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].kind);
		free(rows[i].recipient);
		free(rows[i].number);
		free(rows[i].text);
		free(rows[i].reason);
	}
	free(rows);
}

int outbox_add(struct store *st, const char *kind, const char *recipient, const char *number,
	       const char *text, long long entry_id, long long *id, struct dd_err *err)
{
	sqlite3_stmt *stmt;

	if (act_check_text(_("the kind of message"), kind, ACT_REQUIRED | ACT_ONE_LINE, KIND_MAX,
			   err) < 0 ||
	    act_check_text(_("the recipient"), recipient, ACT_REQUIRED | ACT_ONE_LINE,
			   RECIPIENT_MAX, err) < 0 ||
	    act_check_text(_("the number"), number, ACT_REQUIRED | ACT_ONE_LINE, NUMBER_MAX,
			   err) < 0 ||
	    act_check_text(_("the message"), text, ACT_REQUIRED, TEXT_MAX, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	stmt = store_prepare(st, "INSERT INTO outbox(kind, recipient, number, text, entry_id, "
				 "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!stmt)
		goto fail;
	store_bind_text(stmt, 1, kind);
	store_bind_text(stmt, 2, recipient);
	store_bind_text(stmt, 3, number);
	store_bind_text(stmt, 4, text);
	if (entry_id)
		sqlite3_bind_int64(stmt, 5, entry_id);
	sqlite3_bind_int64(stmt, 6, ddtime_now());
	if (store_exec_stmt(st, stmt, _("queueing a message"), err) < 0)
		goto fail;
	if (id)
		*id = sqlite3_last_insert_rowid(store_db(st));
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

/* Minutes to wait after the `failures`-th failure: 1, 2, 4 … at most
 * OUTBOX_BACKOFF_MAX. */
static int backoff_minutes(int failures)
{
	int m = 1;

	while (--failures > 0 && m < OUTBOX_BACKOFF_MAX)
		m *= 2;
	return m < OUTBOX_BACKOFF_MAX ? m : OUTBOX_BACKOFF_MAX;
}

/* Each item with its attempts: how many, and the last one (found through
 * the index event_outbox, one lookup per item). */
#define ITEM_SELECT \
	"SELECT o.id, o.kind, o.recipient, o.number, o.text, coalesce(o.entry_id, 0), " \
	"o.created_at, (SELECT count(*) FROM event a WHERE a.type = 'outbox' AND " \
	"json_extract(a.body, '$.outbox') = +o.id), l.at, json_extract(l.body, '$.result'), " \
	"coalesce(json_extract(l.body, '$.reason'), '') FROM outbox o LEFT JOIN event l ON " \
	"l.id = (SELECT max(a.id) FROM event a WHERE a.type = 'outbox' AND " \
	"json_extract(a.body, '$.outbox') = +o.id) "
#define PENDING "coalesce(json_extract(l.body, '$.result'), 'failed') = 'failed'"

static void read_item(sqlite3_stmt *stmt, struct outbox_item *it)
{
	const char *result = (const char *)sqlite3_column_text(stmt, 9);

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(stmt, 0);
	it->kind = store_col_text(stmt, 1);
	it->recipient = store_col_text(stmt, 2);
	it->number = store_col_text(stmt, 3);
	it->text = store_col_text(stmt, 4);
	it->entry_id = sqlite3_column_int64(stmt, 5);
	it->created_at = sqlite3_column_int64(stmt, 6);
	it->attempts = sqlite3_column_int(stmt, 7);
	it->last_at = sqlite3_column_int64(stmt, 8);
	if (!result) {
		it->state = OUTBOX_QUEUED;
		it->next_at = it->created_at;
	} else if (strcmp(result, "sent") == 0) {
		it->state = OUTBOX_SENT;
	} else if (strcmp(result, "failed") == 0) {
		it->state = OUTBOX_RETRY;
		it->next_at = it->last_at + 60LL * backoff_minutes(it->attempts);
	} else {
		it->state = OUTBOX_FAILED;
	}
	it->reason = it->state == OUTBOX_SENT ? dd_xstrdup("") : store_col_text(stmt, 10);
}

int outbox_list(struct store *st, int pending_only, struct outbox_item **rows, int *n,
		struct dd_err *err)
{
	sqlite3_stmt *stmt = pending_only
		? store_prepare(st, ITEM_SELECT "WHERE " PENDING " ORDER BY o.id", err)
		: store_prepare(st, ITEM_SELECT "ORDER BY o.id", err);
	int rc, cap = 0;

	*rows = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*rows = dd_xrealloc(*rows, (size_t)cap * sizeof **rows);
		}
		read_item(stmt, &(*rows)[(*n)++]);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		outbox_items_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the outbox"));
	}
	return 0;
}

int outbox_pending(struct store *st, long long *n, struct dd_err *err)
{
	return store_query_int(st, "SELECT count(*) FROM outbox o LEFT JOIN event l ON l.id = "
			       "(SELECT max(a.id) FROM event a WHERE a.type = 'outbox' AND "
			       "json_extract(a.body, '$.outbox') = +o.id) WHERE " PENDING, 0, n, err);
}

/* The attempt made at `now` on `it`, on the chain: failed when `why` is not
 * NULL, given up when it was the last try. */
static int record(struct store *st, const struct outbox_item *it, dd_time now, const char *why,
		  const char **result, struct dd_err *err)
{
	struct jsonw body;

	*result = !why ? "sent" : it->attempts + 1 >= OUTBOX_TRIES ? "given-up" : "failed";
	jsonw_init(&body);
	jsonw_int(&body, "outbox", it->id);
	jsonw_str(&body, "kind", it->kind);
	jsonw_str(&body, "recipient", it->recipient);
	jsonw_str(&body, "number", it->number);
	jsonw_str(&body, "text", it->text);
	if (it->entry_id)
		jsonw_int(&body, "entry", it->entry_id);
	jsonw_int(&body, "attempt", it->attempts + 1);
	jsonw_str(&body, "result", *result);
	jsonw_str(&body, "reason", why);
	if (store_begin(st, err) < 0) {
		jsonw_free(&body);
		return -1;
	}
	if (act_event_at(st, NULL, "outbox", now, &body, NULL, err) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

static const struct outbox_handler *handler_for(const struct outbox_handler *h,
						const char *kind)
{
	for (; h && h->kind; h++)
		if (strcmp(h->kind, kind) == 0)
			return h;
	return NULL;
}

/* Carry out one due item and record what came of it. */
static int carry_out(struct store *st, const struct outbox_handler *h,
		     const struct outbox_item *it, dd_time now, struct outbox_counts *c,
		     struct dd_err *err)
{
	struct dd_err why;
	const char *result;
	int ok;

	dd_clear(&why);
	ok = h->run(h->ctx, it, &why) == 0;
	if (!ok && !why.msg[0])
		dd_fail(&why, DD_EIO, _("the handler gave no reason"));
	if (record(st, it, now, ok ? NULL : why.msg, &result, err) < 0)
		return -1;
	if (ok)
		c->sent++;
	else if (strcmp(result, "given-up") == 0)
		c->given_up++;
	else
		c->failed++;
	return 0;
}

int outbox_run(struct store *st, dd_time now, const struct outbox_handler *handlers,
	       struct outbox_counts *counts, struct dd_err *err)
{
	struct outbox_counts c = {0};
	struct outbox_item *rows;
	int n, rc = 0;

	if (counts)
		*counts = c;
	if (!sqlite3_get_autocommit(store_db(st)))
		return dd_fail(err, DD_EINVAL, _("internal error: the outbox runs only after the "
						 "act that filled it has committed"));
	if (outbox_list(st, 1, &rows, &n, err) < 0)
		return -1;
	for (int i = 0; i < n && rc == 0; i++) {
		const struct outbox_handler *h = handler_for(handlers, rows[i].kind);

		if (!h)
			c.unhandled++;
		else if (rows[i].state == OUTBOX_RETRY && rows[i].next_at > now)
			c.waiting++;
		else
			rc = carry_out(st, h, &rows[i], now, &c, err);
	}
	outbox_items_free(rows, n);
	if (counts)
		*counts = c;
	return rc;
}
