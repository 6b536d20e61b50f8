/* county_sync.c — sending a town's chain to the county.
 *
 * The county's copy decides where a sync starts: the desk asks for the head
 * the county holds for its town (county.claim), checks that its own event of
 * that number has the same hash (else its history diverged: restored from an
 * older backup, or recomputed), and sends what follows in batches: each read
 * in a read transaction of the desk's own (store/chain_read.h: every hash
 * recomputed on the way) and sent with COPY in one transaction of the
 * county's, whose trigger checks again that it continues the chain.  A cut
 * anywhere loses at most the batch in flight, which the next sync sends
 * again; nothing is sent twice.  The desk is never locked for the network:
 * its read transaction ends before a batch leaves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "county/county_internal.h"
#include "docs/report.h"
#include "domain/escalation.h"
#include "domain/mode.h"
#include "domain/town.h"
#include "store/chain_read.h"

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *s2 = realloc(b->s, cap);
		if (!s2)
			abort();
		b->s = s2;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* A field of COPY's text format: the four characters it gives a meaning
 * escaped, every other byte as it is; then the delimiter. */
static void put_text(struct buf *b, const char *s, char end)
{
	char e[2] = {'\\', 0};
	for (const char *p = s; *p; p++) {
		size_t run = strcspn(p, "\\\n\r\t");
		put(b, p, run);
		p += run;
		if (!*p)
			break;
		e[1] = *p == '\\' ? '\\' : *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
		put(b, e, 2);
	}
	put(b, &end, 1);
}

static void put_int(struct buf *b, long long v, int null_if_zero, char end)
{
	char n[32];
	int len = null_if_zero && !v ? snprintf(n, sizeof n, "\\N%c", end)
				     : snprintf(n, sizeof n, "%lld%c", v, end);
	put(b, n, (size_t)len);
}

static void put_hash(struct buf *b, const unsigned char *h, char end)
{
	static const char hex[] = "0123456789abcdef";
	char out[3 + 2 * CHAIN_HASH_LEN + 1];
	out[0] = '\\';
	out[1] = '\\';
	out[2] = 'x';
	for (int i = 0; i < CHAIN_HASH_LEN; i++) {
		out[3 + 2 * i] = hex[h[i] >> 4];
		out[4 + 2 * i] = hex[h[i] & 15];
	}
	out[3 + 2 * CHAIN_HASH_LEN] = end;
	put(b, out, sizeof out);
}

struct batch {
	const char *town;
	struct buf copy;
	long long last;
};

static int add_row(void *ctx, const struct chain_row *r, struct dd_err *err)
{
	struct batch *bt = ctx;

	put_text(&bt->copy, bt->town, '\t');
	put_int(&bt->copy, r->id, 0, '\t');
	put_int(&bt->copy, r->at, 0, '\t');
	put_int(&bt->copy, r->actor_id, 1, '\t');
	put_text(&bt->copy, r->type, '\t');
	put_int(&bt->copy, r->entry_id, 1, '\t');
	put(&bt->copy, r->drill ? "t\t" : "f\t", 2);
	put_text(&bt->copy, r->body, '\t');
	if (r->entry)
		put_text(&bt->copy, r->entry, '\t');
	else
		put(&bt->copy, "\\N\t", 3);
	put_hash(&bt->copy, r->prev, '\t');
	put_hash(&bt->copy, r->hash, '\n');
	bt->last = r->id;
	return 0;
}

struct sync {
	struct store *st;
	struct county *c;
	struct town town;
	long long head;            /* the county's */
	int refused;               /* the county refused the town's history */
};

static int flag(struct sync *s, const char *reason, struct dd_err *err)
{
	const char *p[] = {s->town.name, s->town.desk_id, reason};
	struct dd_err ignored;
	PGresult *res = county_exec(s->c, "SELECT county.flag($1, $2, $3)", 3, p, PGRES_TUPLES_OK,
				    _("flagging the town"), &ignored);
	if (res)
		PQclear(res);
	s->refused = 1;
	return dd_fail(err, DD_EDENIED, _("the county refused %s's history: %s"), s->town.name,
		       reason);
}

/* The county's head for the town, and whether it continues from the desk's. */
static int claim(struct sync *s, struct dd_err *err)
{
	const char *p[] = {s->town.name, s->town.desk_id};
	unsigned char mine[CHAIN_HASH_LEN];
	char reason[256];
	long long last = 0;
	size_t hlen = 0;
	unsigned char *held;
	PGresult *res = county_exec(s->c, "SELECT held_by, head_seq, head_hash FROM "
				    "county.claim($1, $2)", 2, p, PGRES_TUPLES_OK,
				    _("asking the county for the town's head"), err);
	int same;

	if (!res)
		return -1;
	if (strcmp(PQgetvalue(res, 0, 0), s->town.desk_id) != 0) {
		dd_fail(err, DD_EDENIED, _("the county refused the sync: another desk (%.8s…) "
					   "holds the name %s; this desk is %.8s… (the county "
					   "sorts out which is the town's)"),
			PQgetvalue(res, 0, 0), s->town.name, s->town.desk_id);
		s->refused = 1;
		PQclear(res);
		return -1;
	}
	s->head = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	held = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 2), &hlen);
	PQclear(res);
	if (!held)
		return dd_fail(err, DD_EIO, _("the county's head could not be read"));
	if (chain_last_id(s->st, &last, err) < 0) {
		PQfreemem(held);
		return -1;
	}
	if (s->head > last) {
		PQfreemem(held);
		snprintf(reason, sizeof reason, _("the county holds events up to #%lld, the desk "
						  "only up to #%lld: restored from an older backup?"),
			 s->head, last);
		return flag(s, reason, err);
	}
	if (chain_read(s->st, s->head, mine, 0, NULL, NULL, err) < 0) {
		PQfreemem(held);
		return -1;
	}
	same = hlen == CHAIN_HASH_LEN && memcmp(held, mine, CHAIN_HASH_LEN) == 0;
	PQfreemem(held);
	if (!same) {
		snprintf(reason, sizeof reason, _("event #%lld differs from the county's copy: the "
						  "desk was restored from an older backup, or its "
						  "history recomputed"), s->head);
		return flag(s, reason, err);
	}
	return 0;
}

static int copy_in(struct sync *s, const struct buf *b, struct dd_err *err)
{
	PGresult *res = PQexec(s->c->conn, "COPY county.events (town, seq, at, actor_id, type, "
			       "entry_id, drill, body, entry, prev, hash) FROM STDIN");
	int ok;

	if (PQresultStatus(res) != PGRES_COPY_IN)
		return county_fail(s->c, res, DD_EIO, _("sending the events"), err);
	PQclear(res);
	ok = PQputCopyData(s->c->conn, b->s, (int)b->len) == 1 &&
	     PQputCopyEnd(s->c->conn, NULL) == 1;
	res = PQgetResult(s->c->conn);
	if (!ok || PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *state = county_state(res);
		if (strcmp(state, "DDC02") == 0 || strcmp(state, "DDC01") == 0) {
			char why[300];
			snprintf(why, sizeof why, "%s",
				 PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
			PQclear(res);
			while ((res = PQgetResult(s->c->conn)))
				PQclear(res);
			PQclear(PQexec(s->c->conn, "ROLLBACK"));
			return flag(s, why, err);
		}
		county_fail(s->c, res, DD_EIO, _("sending the events"), err);
		while ((res = PQgetResult(s->c->conn)))
			PQclear(res);
		return -1;
	}
	PQclear(res);
	while ((res = PQgetResult(s->c->conn)))
		PQclear(res);
	return 0;
}

/* One batch in one transaction of the county's. */
static int send_batch(struct sync *s, const struct buf *b, struct dd_err *err)
{
	const char *p[] = {s->town.desk_id};
	PGresult *res;

	if (!(res = county_exec(s->c, "BEGIN", 0, NULL, PGRES_COMMAND_OK, _("sending the events"),
			       err)))
		return -1;
	PQclear(res);
	if (!(res = county_exec(s->c, "SELECT set_config('county.desk', $1, true)", 1, p,
			       PGRES_TUPLES_OK, _("sending the events"), err)))
		return -1;
	PQclear(res);
	if (copy_in(s, b, err) < 0)
		return -1;
	if (!(res = county_exec(s->c, "COMMIT", 0, NULL, PGRES_COMMAND_OK, _("sending the events"),
			       err)))
		return -1;
	PQclear(res);
	return 0;
}

/* The town's state as its desk sees it now, stamped with the head it sent. */
static int report(struct sync *s, struct dd_err *err)
{
	struct mode_status m;
	long long open = 0, overdue = 0;
	dd_time now = ddtime_now();
	int filed = 0, warn = 0;
	char seq[24], at[24], since[24], o[24], od[24], day[DDTIME_BUFSZ];
	PGresult *res;

	if (mode_current(s->st, 0, &m, err) < 0 ||
	    escalation_pending(s->st, 0, 0, &open, err) < 0 ||
	    escalation_overdue(s->st, 0, now, &overdue, err) < 0 ||
	    report_daily_due(s->st, now, &filed, &warn, err) < 0)
		return -1;
	snprintf(seq, sizeof seq, "%lld", s->head);
	snprintf(at, sizeof at, "%lld", (long long)now);
	snprintf(since, sizeof since, "%lld", (long long)m.since);
	snprintf(o, sizeof o, "%lld", open);
	snprintf(od, sizeof od, "%lld", overdue);
	ddtime_format(now, DDTIME_DATE, day);
	{
		const char *p[] = {s->town.name, s->town.desk_id, seq, at, mode_name(m.state),
				   since, o, od, day, filed ? "t" : "f"};
		res = county_exec(s->c, "SELECT county.report($1, $2, $3, $4, $5, $6, $7, $8, $9, "
				  "$10)", 10, p, PGRES_TUPLES_OK, _("sending the town's state"),
				  err);
	}
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static int run(struct sync *s, long long batch, struct county_sync_result *res,
	       struct dd_err *err)
{
	struct batch bt = {.town = s->town.name};
	unsigned char prev[CHAIN_HASH_LEN];
	long long n;
	int rc = 0;

	if (claim(s, err) < 0)
		return -1;
	for (;;) {
		bt.copy.len = 0;
		n = chain_read(s->st, s->head, prev, batch, add_row, &bt, err);
		if (n <= 0) {
			rc = (int)n;
			break;
		}
		if (send_batch(s, &bt.copy, err) < 0) {
			rc = -1;
			break;
		}
		s->head = bt.last;
		res->sent += n;
		res->batches++;
	}
	free(bt.copy.s);
	res->head = s->head;
	if (rc < 0)
		return -1;
	return report(s, err);
}

int county_sync(struct store *st, const char *url, long long batch,
		struct county_sync_result *res, struct dd_err *err)
{
	struct sync s = {.st = st};
	struct dd_err ignored;
	const char *env = getenv("DUTYDESK_SYNC_BATCH");
	int rc;

	memset(res, 0, sizeof *res);
	if (batch <= 0)
		batch = env && atoll(env) > 0 ? atoll(env) : COUNTY_BATCH;
	if (town_get(st, &s.town, err) < 0)
		return -1;
	rc = county_open(url, &s.c, err);
	if (rc == 0)
		rc = run(&s, batch, res, err);
	county_close(s.c);
	if (rc == 0)
		return town_sync_note(st, ddtime_now(), res->head, NULL, err);
	town_sync_note(st, ddtime_now(), 0, err->msg, &ignored);
	return -1;
}
