/* audit.c — verifying everything the chain vouches for: the events (chain.c
 * walks them), the rows they seal beside the log (seal.c says how they are
 * sealed), the schema against what the migrations make, each AUTOINCREMENT
 * sequence against its table, and the head the program last appended
 * against the chain's.  What the file alone cannot prove is said at the top
 * of seal.c: that is for a printed head (chain_find_head). */
#include "store/chain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assets.h"
#include "base/i18n.h"
#include "store/cjkfts.h"
#include "store/seal.h"

/* ---- findings -------------------------------------------------------------- */

static void finding(struct chain_report *rep, enum chain_finding_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (rep->nfindings < CHAIN_FINDINGS) {
		struct chain_finding *f = &rep->findings[rep->nfindings];
		f->kind = kind;
		va_start(ap, fmt);
		vsnprintf(f->text, sizeof f->text, fmt, ap);
		va_end(ap);
	}
	rep->nfindings++;
	rep->nkind[kind]++;
}

/* ---- verifying, beside chain_verify's walk --------------------------------- */

struct cursor {
	sqlite3_stmt *stmt;
	int has; /* a row is current */
	long long key;
	long long mark;  /* the last key an event sealed */
	long long event; /* the event that sealed it */
};

struct audit_walk;
static void walk_free(struct audit_walk *w);

struct audit_walk {
	struct store *st;
	struct cursor cur[SEAL_NSEALED];
	char *state[SEAL_NSTATED]; /* the last record of each stated table */
	long long state_event[SEAL_NSTATED];
	int sealed, stated; /* an event sealed rows, recorded a table */
};

static int step(struct audit_walk *w, struct cursor *c, struct dd_err *err)
{
	int rc = sqlite3_step(c->stmt);
	c->has = rc == SQLITE_ROW;
	if (c->has)
		c->key = sqlite3_column_int64(c->stmt, 0);
	else if (rc != SQLITE_DONE)
		return store_fail(w->st, err, rc, _("reading the rows the chain covers"));
	return 0;
}

static struct audit_walk *walk_begin(struct store *st, struct dd_err *err)
{
	struct audit_walk *w = dd_xcalloc(1, sizeof *w);

	w->st = st;
	for (int i = 0; i < SEAL_NSEALED; i++) {
		int rc =
		    sqlite3_prepare_v2(store_db(st), seal_sealed[i].sql, -1, &w->cur[i].stmt, NULL);
		if (rc != SQLITE_OK) {
			store_fail(st, err, rc, _("reading the rows the chain covers"));
			walk_free(w);
			return NULL;
		}
		sqlite3_bind_int64(w->cur[i].stmt, 1, 0);
		if (step(w, &w->cur[i], err) < 0) {
			walk_free(w);
			return NULL;
		}
	}
	return w;
}

static void walk_free(struct audit_walk *w)
{
	if (!w)
		return;
	for (int i = 0; i < SEAL_NSEALED; i++)
		sqlite3_finalize(w->cur[i].stmt);
	for (int i = 0; i < SEAL_NSTATED; i++)
		free(w->state[i]);
	free(w);
}

/* The part of a record "table rest;table rest" at *p: the index in `v` of
 * its table (-1: none dutydesk knows), its rest and the rest's length; *p
 * moves past it. */
static int next_part(const char **p, const struct seal_table *v, int n, const char **rest,
                     size_t *len)
{
	size_t part = strcspn(*p, ";");
	const char *sp = memchr(*p, ' ', part);
	int t = -1;

	for (int i = 0; sp && i < n; i++)
		if (strlen(v[i].name) == (size_t)(sp - *p) &&
		    memcmp(v[i].name, *p, (size_t)(sp - *p)) == 0)
			t = i;
	*rest = sp ? sp + 1 : *p + part;
	*len = (size_t)(*p + part - *rest);
	*p += part + ((*p)[part] == ';');
	return t;
}

/* Rows of a sealed table before `upto` that no event sealed. */
static int unsealed(struct audit_walk *w, int t, long long upto, struct chain_report *rep,
                    struct dd_err *err)
{
	struct cursor *c = &w->cur[t];
	char text[240];

	while (c->has && (upto < 0 || c->key < upto)) {
		seal_row_text(&seal_sealed[t], c->stmt, text, sizeof text);
		finding(rep, CHAIN_FIND_ROWS,
		        _("%s #%lld is on no event of the chain: it was added behind "
		          "dutydesk's back (%s)"),
		        seal_sealed[t].name, c->key, text);
		if (step(w, c, err) < 0)
			return -1;
	}
	return 0;
}

/* One row of a seal: "id:digest". */
static int seal_row(struct audit_walk *w, int t, long long event, long long id, const char *digest,
                    struct chain_report *rep, struct dd_err *err)
{
	struct cursor *c = &w->cur[t];
	char d[SEAL_DIGEST_HEX], text[240];

	if (unsealed(w, t, id, rep, err) < 0)
		return -1;
	c->mark = id;
	c->event = event;
	if (!c->has || c->key != id) {
		finding(rep, CHAIN_FIND_ROWS,
		        _("%s #%lld, sealed by event #%lld, is missing: it was deleted "
		          "behind dutydesk's back"),
		        seal_sealed[t].name, id, event);
		return 0;
	}
	seal_row_digest(&seal_sealed[t], c->stmt, d);
	rep->rows++;
	if (strcmp(d, digest) != 0) {
		seal_row_text(&seal_sealed[t], c->stmt, text, sizeof text);
		finding(rep, CHAIN_FIND_ROWS,
		        _("%s #%lld was altered after event #%lld sealed it; it now "
		          "reads: %s"),
		        seal_sealed[t].name, id, event, text);
	}
	return step(w, c, err);
}

static int walk_seal(struct audit_walk *w, long long event, const char *seal,
                     struct chain_report *rep, struct dd_err *err)
{
	const char *p = seal, *rest;
	size_t len;

	while (*p) {
		const char *part = p;
		int t = next_part(&p, seal_sealed, SEAL_NSEALED, &rest, &len);

		if (t < 0) {
			finding(rep, CHAIN_FIND_ROWS,
			        _("event #%lld seals rows of a table dutydesk does not "
			          "know: %.40s"),
			        event, part);
		} else {
			for (const char *r = rest; r < rest + len;) {
				char *colon;
				long long id = strtoll(r, &colon, 10);
				char d[SEAL_DIGEST_HEX] = "";
				size_t rl = strcspn(r, ",;");
				if (*colon == ':')
					snprintf(d, sizeof d, "%.*s", (int)(r + rl - colon - 1),
					         colon + 1);
				if (seal_row(w, t, event, id, d, rep, err) < 0)
					return -1;
				r += rl + (r[rl] == ',');
			}
		}
	}
	return 0;
}

static const struct seal_row *find_row(const struct seal_list *l, const char *key)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

/* The rows of a stated table that differ between two lists; `when` says
 * when it happened ("after event #12 recorded it"). */
static void diff(const char *name, const struct seal_list *was, const struct seal_list *now,
                 const char *when, struct chain_report *rep)
{
	for (int i = 0; i < was->n; i++) {
		const struct seal_row *r = find_row(now, was->v[i].key);
		if (!r)
			finding(rep, CHAIN_FIND_ROWS,
			        _("%s %s was deleted behind dutydesk's "
			          "back %s"),
			        name, was->v[i].key, when);
		else if (strcmp(r->digest, was->v[i].digest) != 0)
			finding(rep, CHAIN_FIND_ROWS,
			        _("%s %s was changed behind dutydesk's "
			          "back %s%s%s"),
			        name, r->key, when, r->text ? _("; it now reads: ") : "",
			        r->text ? r->text : "");
	}
	for (int i = 0; i < now->n; i++)
		if (!find_row(was, now->v[i].key))
			finding(rep, CHAIN_FIND_ROWS,
			        _("%s %s was added behind dutydesk's back "
			          "%s%s%s"),
			        name, now->v[i].key, when, now->v[i].text ? _("; it reads: ") : "",
			        now->v[i].text ? now->v[i].text : "");
}

/* A table recorded by its digest alone (seal.h) differs from `now`: say so,
 * with the counts, since the rows cannot be named. */
static int digest_differs(const char *name, const char *was, size_t wn, long long now_rows,
                          const char *now_digest, const char *when, struct chain_report *rep)
{
	char d[SEAL_DIGEST_HEX];
	long long rows;

	seal_record_digest(was, wn, &rows, d);
	if (strcmp(d, now_digest) == 0)
		return 0;
	finding(rep, CHAIN_FIND_ROWS,
	        _("%s was changed behind dutydesk's back %s: %lld rows were recorded, %lld are "
	          "there now (too many rows to name each)"),
	        name, when, rows, now_rows);
	return 1;
}

/* A new record of table `t` at event `id` of `type`: an act that does not
 * change the table records what was changed behind the program's back
 * before it. */
static void restate(struct audit_walk *w, int t, long long id, const char *type, const char *list,
                    size_t n, struct chain_report *rep)
{
	if (w->state[t] && !seal_changes(&seal_stated[t], type)) {
		struct seal_list was = {0}, now = {0};
		char when[160], d[SEAL_DIGEST_HEX];
		long long rows;
		snprintf(when, sizeof when,
		         _("before event #%lld (%s), an act that does not change "
		           "it"),
		         id, type);
		if (seal_record_digest(list, n, &rows, d) || w->state[t][0] == '#') {
			digest_differs(seal_stated[t].name, w->state[t], strlen(w->state[t]), rows, d,
			               when, rep);
		} else {
			seal_list_parse(&was, w->state[t], strlen(w->state[t]));
			seal_list_parse(&now, list, n);
			diff(seal_stated[t].name, &was, &now, when, rep);
		}
		seal_list_free(&was);
		seal_list_free(&now);
	}
	free(w->state[t]);
	w->state[t] = dd_xstrndup(list, n);
	w->state_event[t] = id;
}

static void walk_state(struct audit_walk *w, long long event, const char *type, const char *state,
                       struct chain_report *rep)
{
	const char *p = state, *rest;
	size_t len;

	while (*p) {
		const char *part = p;
		int t = next_part(&p, seal_stated, SEAL_NSTATED, &rest, &len);

		if (t < 0)
			finding(rep, CHAIN_FIND_ROWS,
			        _("event #%lld records a table dutydesk does not know: "
			          "%.40s"),
			        event, part);
		else
			restate(w, t, event, type, rest, len, rep);
	}
}

static int walk_event(void *ctx, long long id, const char *type, const char *seal,
                      const char *state, struct chain_report *rep, struct dd_err *err)
{
	struct audit_walk *w = ctx;

	if (seal && walk_seal(w, id, seal, rep, err) < 0)
		return -1;
	if (state)
		walk_state(w, id, type, state, rep);
	w->sealed |= seal != NULL;
	w->stated |= state != NULL;
	return 0;
}

/* Each stated table as it is, against the last record of it. */
static int check_states(struct audit_walk *w, struct chain_report *rep, struct dd_err *err)
{
	for (int t = 0; t < SEAL_NSTATED; t++) {
		struct seal_list now = {0}, was = {0};
		struct seal_state s;
		int by_digest = w->state[t] && w->state[t][0] == '#';
		char when[96];

		if (seal_state_read(w->st, &seal_stated[t], !by_digest, by_digest ? NULL : &now, 0, &s,
		                    err) < 0) {
			seal_list_free(&now);
			return -1;
		}
		rep->rows += s.rows;
		if (w->state_event[t])
			snprintf(when, sizeof when, _("after event #%lld recorded it"),
			         w->state_event[t]);
		else
			snprintf(when, sizeof when, _("(no event records the table)"));
		if (by_digest) {
			digest_differs(seal_stated[t].name, w->state[t], strlen(w->state[t]), s.rows,
			               s.digest, when, rep);
		} else {
			if (w->state[t])
				seal_list_parse(&was, w->state[t], strlen(w->state[t]));
			diff(seal_stated[t].name, &was, &now, when, rep);
		}
		seal_state_free(&s);
		seal_list_free(&now);
		seal_list_free(&was);
	}
	return 0;
}

/* The daily reports and the reviews against the events of their acts. */
static int check_bound(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(
	    st,
	    "SELECT r.id, r.day, r.text, e.id IS NULL, coalesce(e.type = 'report-filed', 0), "
	    "e.at IS r.filed_at AND e.actor_id IS r.filed_by, "
	    "json_extract(e.body, '$.day') IS r.day AND json_extract(e.body, '$.zero') IS r.zero "
	    "AND json_extract(e.body, '$.entries') IS r.entries AND "
	    "json_extract(e.body, '$.chain_head') IS r.chain_head AND r.chain_head = "
	    "coalesce((SELECT lower(hex(p.hash)) FROM event p WHERE p.id < e.id ORDER BY p.id "
	    "DESC LIMIT 1), ''), "
	    "coalesce(json_extract(e.body, '$.text_hash'), ''), r.event_id "
	    "FROM daily_report r LEFT JOIN event e ON e.id = r.event_id ORDER BY r.id",
	    err);
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(stmt, 0), ev = sqlite3_column_int64(stmt, 8);
		const char *day = (const char *)sqlite3_column_text(stmt, 1);
		const unsigned char *text = sqlite3_column_text(stmt, 2);
		unsigned char h[CHAIN_HASH_LEN];
		char hex[2 * CHAIN_HASH_LEN + 1];

		crypto_generichash(h, sizeof h, text ? text : (const unsigned char *)"",
		                   (size_t)sqlite3_column_bytes(stmt, 2), NULL, 0);
		chain_hex(h, CHAIN_HASH_LEN, hex);
		rep->rows++;
		if (sqlite3_column_int(stmt, 3) || !sqlite3_column_int(stmt, 4))
			finding(rep, CHAIN_FIND_ROWS,
			        _("daily_report #%lld (%s) points at event #%lld, which "
			          "did not file it"),
			        id, day ? day : "", ev);
		else if (!sqlite3_column_int(stmt, 5))
			finding(rep, CHAIN_FIND_ROWS,
			        _("daily_report #%lld (%s): when or by whom it was filed "
			          "differs from its event #%lld"),
			        id, day ? day : "", ev);
		else if (!sqlite3_column_int(stmt, 6))
			finding(rep, CHAIN_FIND_ROWS,
			        _("daily_report #%lld (%s): its day, counts or chain head "
			          "differ from its event #%lld, or the chain before it was "
			          "recomputed"),
			        id, day ? day : "", ev);
		else if (strcmp(hex, (const char *)sqlite3_column_text(stmt, 7)) != 0)
			finding(rep, CHAIN_FIND_ROWS,
			        _("daily_report #%lld (%s): its text is not the text "
			          "filed (event #%lld holds the hash of that)"),
			        id, day ? day : "", ev);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the filed daily reports"));

	stmt = store_prepare(
	    st,
	    "SELECT r.figure_id, r.event_id, e.id IS NOT NULL AND e.type = 'stats-reviewed' AND "
	    "json_extract(e.body, '$.figure') IS r.figure_id AND e.actor_id IS r.reviewed_by "
	    "AND r.reviewed_at BETWEEN e.at AND e.at + 1 "
	    "FROM stat_review r LEFT JOIN event e ON e.id = r.event_id ORDER BY r.figure_id",
	    err);
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		rep->rows++;
		if (!sqlite3_column_int(stmt, 2))
			finding(rep, CHAIN_FIND_ROWS,
			        _("stat_review of figure #%lld differs from the review "
			          "its event #%lld records"),
			        (long long)sqlite3_column_int64(stmt, 0),
			        (long long)sqlite3_column_int64(stmt, 1));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the reviews"));

	/* Each act's event has its row (NOT IN: each list is read once). */
	stmt = store_prepare(
	    st,
	    "SELECT e.id, e.type FROM event e WHERE (e.type = 'report-filed' AND e.id NOT IN "
	    "(SELECT event_id FROM daily_report)) OR (e.type = 'stats-reviewed' AND e.id NOT IN "
	    "(SELECT event_id FROM stat_review)) ORDER BY e.id",
	    err);
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		finding(rep, CHAIN_FIND_ROWS,
		        _("event #%lld (%s) has lost its row: it was deleted behind "
		          "dutydesk's back"),
		        (long long)sqlite3_column_int64(stmt, 0), sqlite3_column_text(stmt, 1));
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the log's chain"));
	return 0;
}

/* The open notifications (013, 016, 017), derived from the chain: a row for
 * each notification without a 'notified' event, with its notification's
 * drill, due time, required, opening, entry, contact, stage, round and
 * channel.  A row deleted or changed by hand
 * hides a notification from the pane and the overdue count; one added
 * shows a done one as open. */
static int check_open_notifications(struct store *st, struct chain_report *rep,
				    struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(
	    st,
	    "SELECT o.notification_id, 0 FROM open_notification o "
	    "LEFT JOIN notification n ON n.id = o.notification_id WHERE n.id IS NULL OR "
	    "o.drill IS NOT n.drill OR o.due_at IS NOT n.due_at OR "
	    "o.required IS NOT n.required OR o.opened_at IS NOT n.opened_at OR "
	    "o.entry_id IS NOT n.entry_id OR o.contact_id IS NOT n.contact_id OR "
	    "o.stage IS NOT n.stage OR o.round IS NOT n.round OR "
	    "o.channel IS NOT n.channel OR EXISTS "
	    "(SELECT 1 FROM event d WHERE d.type = 'notified' AND "
	    "json_extract(d.body, '$.notification') = +o.notification_id) "
	    "UNION ALL SELECT n.id, 1 FROM notification n WHERE n.id NOT IN "
	    "(SELECT notification_id FROM open_notification) AND NOT EXISTS "
	    "(SELECT 1 FROM event d WHERE d.type = 'notified' AND "
	    "json_extract(d.body, '$.notification') = +n.id) ORDER BY 1",
	    err);
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(stmt, 0);
		if (sqlite3_column_int(stmt, 1))
			finding(rep, CHAIN_FIND_ROWS,
			        _("notification #%lld is not done, and open_notification "
			          "lacks it: a row was deleted behind dutydesk's back"),
			        id);
		else
			finding(rep, CHAIN_FIND_ROWS,
			        _("open_notification's row of notification #%lld is not "
			          "that notification as it stands: changed behind "
			          "dutydesk's back"),
			        id);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the open notifications"));
	return 0;
}

/* Every AUTOINCREMENT table's sequence against its rows. */
static int check_sequences(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	/* Every AUTOINCREMENT table of the schema (check_schema sees that it
	 * has no other). */
	sqlite3_stmt *stmt = store_prepare(st,
	    "SELECT t.name, coalesce(s.seq, 0), t.max FROM ("
	    "SELECT 'checkpoint' AS name, (SELECT coalesce(max(id), 0) FROM checkpoint) AS max "
	    "UNION ALL "
	    "SELECT 'daily_report', (SELECT coalesce(max(id), 0) FROM daily_report) UNION ALL "
	    "SELECT 'decision', (SELECT coalesce(max(id), 0) FROM decision) UNION ALL "
	    "SELECT 'entry', (SELECT coalesce(max(id), 0) FROM entry) UNION ALL "
	    "SELECT 'event', (SELECT coalesce(max(id), 0) FROM event) UNION ALL "
	    "SELECT 'meeting', (SELECT coalesce(max(id), 0) FROM meeting) UNION ALL "
	    "SELECT 'notification', (SELECT coalesce(max(id), 0) FROM notification) UNION ALL "
	    "SELECT 'shift', (SELECT coalesce(max(id), 0) FROM shift) UNION ALL "
	    "SELECT 'shift_change', (SELECT coalesce(max(id), 0) FROM shift_change) UNION ALL "
	    "SELECT 'stat_figure', (SELECT coalesce(max(id), 0) FROM stat_figure) UNION ALL "
	    "SELECT 'task', (SELECT coalesce(max(id), 0) FROM task) UNION ALL "
	    "SELECT 'zone_change', (SELECT coalesce(max(id), 0) FROM zone_change)"
	    ") AS t LEFT JOIN sqlite_sequence s ON s.name = t.name ORDER BY t.name",
	    err);
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		long long seq = sqlite3_column_int64(stmt, 1), max = sqlite3_column_int64(stmt, 2);

		if (seq < max)
			finding(rep, CHAIN_FIND_RECORDS,
			        _("the sequence of %s stands at %lld but the table holds "
			          "#%lld: it was set back behind dutydesk's back"),
			        name, seq, max);
		else if (seq > max)
			finding(rep, CHAIN_FIND_RECORDS,
			        _("%s #%lld to #%lld were removed from the end of the "
			          "table"),
			        name, max + 1, seq);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the sequences"));
	return 0;
}

/* The head and marks the program last wrote against the chain's. */
static int check_records(struct audit_walk *w, long long last_id, const unsigned char *last_hash,
                         struct chain_report *rep, struct dd_err *err)
{
	char *head = NULL, *marks = NULL, hex[2 * CHAIN_HASH_LEN + 1], was[2 * CHAIN_HASH_LEN + 1];
	long long id;

	if (store_meta_get(w->st, "audit.head", &head, err) < 0 ||
	    store_meta_get(w->st, "audit.marks", &marks, err) < 0) {
		free(head);
		return -1;
	}
	chain_hex(last_hash, CHAIN_HASH_LEN, hex);
	/* Once the chain seals rows, the program keeps both records. */
	if ((!head && (w->sealed || w->stated)) || (!marks && w->sealed))
		finding(rep, CHAIN_FIND_RECORDS,
		        _("the record of the chain's head or of the rows "
		          "it sealed was removed behind dutydesk's back"));
	id = seal_rec_int(head, "id");
	seal_rec_str(head ? head : "", "hash", was, sizeof was);
	if (id > last_id)
		finding(rep, CHAIN_FIND_RECORDS,
		        _("event #%lld (head %.16s) was appended, but the chain ends at "
		          "#%lld: its newest events were cut"),
		        id, was, last_id);
	else if (id == last_id && id && strcmp(was, hex) != 0)
		finding(rep, CHAIN_FIND_RECORDS,
		        _("event #%lld was appended with head %.16s, but the chain's "
		          "event #%lld has head %.16s: the chain was recomputed"),
		        id, was, id, hex);
	for (int t = 0; t < SEAL_NSEALED; t++) {
		long long m = seal_rec_int(marks, seal_sealed[t].name);
		if (m > w->cur[t].mark)
			finding(rep, CHAIN_FIND_RECORDS,
			        _("%s was sealed up to #%lld, but the chain seals it only "
			          "up to #%lld: its newest events were cut"),
			        seal_sealed[t].name, m, w->cur[t].mark);
	}
	free(head);
	free(marks);
	return 0;
}

static int walk_end(struct audit_walk *w, long long last_id, const unsigned char *last_hash,
                    struct chain_report *rep, struct dd_err *err)
{
	/* Every act writes its rows before its event: a row past the newest
	 * event's seal was written by no act. */
	for (int t = 0; t < SEAL_NSEALED; t++)
		if (unsealed(w, t, -1, rep, err) < 0)
			return -1;
	if (check_states(w, rep, err) < 0 || check_bound(w->st, rep, err) < 0 ||
	    check_open_notifications(w->st, rep, err) < 0 ||
	    check_sequences(w->st, rep, err) < 0 ||
	    check_records(w, last_id, last_hash, rep, err) < 0)
		return -1;
	return 0;
}

/* ---- the schema ------------------------------------------------------------ */

struct schema_obj {
	char *type, *name, *sql;
};

static void schema_free(struct schema_obj *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].type);
		free(v[i].name);
		free(v[i].sql);
	}
	free(v);
}

/* Every table, index, trigger and view of `db` but SQLite's own, by type
 * and name. */
static int schema_read(sqlite3 *db, struct schema_obj **out, int *n)
{
	sqlite3_stmt *stmt;
	int rc =
	    sqlite3_prepare_v2(db,
	                       "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
	                       "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
	                       -1, &stmt, NULL);

	*out = NULL;
	*n = 0;
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		(*out)[*n].type = store_col_text(stmt, 0);
		(*out)[*n].name = store_col_text(stmt, 1);
		(*out)[*n].sql = store_col_text(stmt, 2);
		(*n)++;
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return SQLITE_OK;
	schema_free(*out, *n);
	*out = NULL;
	*n = 0;
	return rc;
}

/* The schema the migrations make, in a database in memory. */
static int schema_expected(struct schema_obj **out, int *n, struct dd_err *err)
{
	sqlite3 *db = NULL;
	char tokerr[256], *msg = NULL;
	int rc = sqlite3_open(":memory:", &db);

	if (rc != SQLITE_OK || cjkfts_register(db, tokerr, sizeof tokerr) < 0) {
		sqlite3_close(db);
		return dd_fail(err, DD_ESTORE, _("cannot make the schema to compare with"));
	}
	for (int v = 0; v < store_schema_latest() && rc == SQLITE_OK; v++) {
		const struct asset *a = assets_find(store_migration_name(v));
		rc = a ? sqlite3_exec(db, (const char *)a->data, NULL, NULL, &msg) : SQLITE_ERROR;
	}
	if (rc == SQLITE_OK)
		rc = schema_read(db, out, n);
	if (rc != SQLITE_OK)
		dd_fail(err, DD_ESTORE, _("cannot make the schema to compare with: %s"),
		        msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int check_schema(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	struct schema_obj *want = NULL, *have = NULL;
	int nwant = 0, nhave = 0, i = 0, j = 0, rc;

	if (schema_expected(&want, &nwant, err) < 0)
		return -1;
	rc = schema_read(store_db(st), &have, &nhave);
	if (rc != SQLITE_OK) {
		schema_free(want, nwant);
		schema_free(have, nhave);
		return store_fail(st, err, rc, _("reading the schema"));
	}
	rep->schema_objects = nhave;
	while (i < nwant || j < nhave) {
		int c = i == nwant ? 1 : j == nhave ? -1 : strcmp(want[i].type, have[j].type);
		if (c == 0)
			c = strcmp(want[i].name, have[j].name);
		if (c < 0) {
			finding(rep, CHAIN_FIND_SCHEMA,
			        _("%s %s is missing: it was dropped behind "
			          "dutydesk's back"),
			        want[i].type, want[i].name);
			i++;
		} else if (c > 0) {
			finding(rep, CHAIN_FIND_SCHEMA,
			        _("%s %s is not dutydesk's: it was added behind its "
			          "back"),
			        have[j].type, have[j].name);
			j++;
		} else {
			if (strcmp(want[i].sql, have[j].sql) != 0)
				finding(rep, CHAIN_FIND_SCHEMA,
				        _("%s %s is not as dutydesk made it: it was "
				          "changed behind its back"),
				        have[j].type, have[j].name);
			i++;
			j++;
		}
	}
	schema_free(want, nwant);
	schema_free(have, nhave);
	return 0;
}

/* ---- the whole of it ----------------------------------------------------------- */

static int verify(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	static const unsigned char zero[CHAIN_HASH_LEN];
	struct audit_walk *w;
	int rc;

	memset(rep, 0, sizeof *rep);
	if (check_schema(st, rep, err) < 0 || !(w = walk_begin(st, err)))
		return -1;
	rc = chain_walk(st, 0, zero, walk_event, w, rep, err);
	if (rc == 0)
		rc = chain_check_ends(st, rep, err);
	if (rc == 0)
		rc = walk_end(w, rep->head_id, rep->head, rep, err);
	walk_free(w);
	if (rc < 0)
		return -1;
	if (!rep->nfindings)
		return 0;
	/* The events hold: the first finding is the problem. */
	snprintf(rep->problem, sizeof rep->problem, "%s", rep->findings[0].text);
	return dd_fail(err, DD_ETAMPER, "%s", rep->problem);
}

int chain_verify(struct store *st, struct chain_report *rep, struct dd_err *err)
{
	return chain_snapshot(st, verify, rep, err);
}
