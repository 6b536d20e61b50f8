/* seal.c — every table that holds history or decides who may do what answers
 * to the chain, and the file's schema and sequences answer to the program.
 *
 * The chain (chain.c) hashes each event, and a 'created' event the entry it
 * creates.  The other tables are brought under it here, in three ways that
 * follow how the program writes them:
 *
 * - Sealed tables are append-only (notification, shift, shift_change,
 *   meeting, meeting_attendee, decision, task, zone_change, checkpoint,
 *   checkpoint_staff, stat_metric, stat_figure, outbox, chase): their rows never change once
 *   written.  Each event appended seals the rows written since the event
 *   before it: its body gets "_seal": "task 7:<digest>,8:<digest>;…", a
 *   64-bit BLAKE2b digest of each new row, and the body is what the event's
 *   hash covers.  `check` walks each table beside the events and recomputes
 *   every row's digest: a row edited, removed or slipped in is named with
 *   its table and id.  Every act writes its rows before its event, so a row
 *   past the newest event's seal was written by no act.
 * - Stated tables change in place by the program's acts (person, unit, grp,
 *   grp_alias, duty, member_unit, post, tenure, phone, credential, contact,
 *   contact_number, rule and the settings in meta): every act that changes
 *   them records an event in the same transaction.  Each event appended
 *   compares each such table with what the chain last recorded of it (a
 *   digest kept in meta 'audit.state', only to spare the work) and, when it
 *   changed, records the whole table into its body: "_state": "person
 *   1:<digest>,2:<digest>,…", or, for a table of more than SEAL_LIST_ROWS
 *   rows (a big import of contacts), its count and the digest of that list
 *   alone: "contact #1000000:<digest>".  `check` compares each table as it
 *   is with the last record of it on the chain and names the rows changed,
 *   added or removed since (of a table recorded by its digest: that it
 *   changed, and its counts); and a record made by an act that does not change the
 *   table (a call logged after a person was renamed behind the program's
 *   back) names the rows changed before it.  A credential's count of wrong PINs and lock-out are
 * left out: they change without an act, and decide only when one may try again.
 * - Bound tables point at the event of their act (daily_report,
 *   stat_review): the event's body says what the row holds (the report's
 *   day, counts, chain head and the hash of its text; the figure reviewed
 *   and by whom), and `check` compares each row with its event, and each
 *   such event with its row.
 *
 * The digests take explicit columns, so that a column a later migration
 * adds does not change the digest of rows sealed before it.  The derived
 * tables (open_incident, the search index) are not records and are left out.
 *
 * Beside the rows, `check` compares the schema with what the migrations
 * make (a dropped or changed trigger lets the next edit through), each
 * AUTOINCREMENT sequence with its table (rows cut from the end leave the
 * sequence ahead; a sequence set back leaves it behind), and the head the
 * program last appended (meta 'audit.head', and the marks of 'audit.marks')
 * with the head of the chain: the newest events cut, even with the sequence
 * set back, leave the record ahead of the chain.
 *
 * What the file alone cannot prove: someone who cuts the newest events or
 * recomputes the whole chain, and rewrites these records to agree, leaves
 * a file that is consistent in itself.  Only a head kept outside it catches
 * that: the head printed on every handover sheet and daily report, checked
 * with `dutydesk check --head HEX`. */
#include "store/seal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ddtime.h"
#include "base/i18n.h"

#define SEAL_HASH_LEN 32 /* the chain's hashes */

const struct seal_table seal_sealed[] = {
    {"notification",
     "SELECT id, id, entry_id, contact_id, seq, stage, round, channel, "
     "required, opened_at, due_at, note, drill FROM notification WHERE id > ?1 ORDER BY id",
     12, "id entry_id contact_id seq stage round channel required opened_at due_at note drill",
     NULL},
    {"shift",
     "SELECT id, id, start_at, end_at, operator_id, leader_id, note, created_at, "
     "created_by FROM shift WHERE id > ?1 ORDER BY id",
     8, "id start_at end_at operator_id leader_id note created_at created_by", NULL},
    {"shift_change",
     "SELECT id, id, shift_id, kind, from_id, to_id, other_shift, asked_by, "
     "approved_by, reason, at, by_id FROM shift_change WHERE id > ?1 ORDER BY id",
     11, "id shift_id kind from_id to_id other_shift asked_by approved_by reason at by_id", NULL},
    {"meeting",
     "SELECT id, id, kind, held_at, title, recorded_at, recorded_by FROM meeting "
     "WHERE id > ?1 ORDER BY id",
     6, "id kind held_at title recorded_at recorded_by", NULL},
    {"meeting_attendee",
     "SELECT rowid, meeting_id, seq, person_id FROM meeting_attendee "
     "WHERE rowid > ?1 ORDER BY rowid",
     3, "meeting_id seq person_id", NULL},
    {"decision",
     "SELECT id, id, meeting_id, seq, text, recorded_at, recorded_by FROM decision "
     "WHERE id > ?1 ORDER BY id",
     6, "id meeting_id seq text recorded_at recorded_by", NULL},
    {"task",
     "SELECT id, id, summary, grp_id, due_at, assigned_by, recorded_at, recorded_by, "
     "decision_id, entry_id FROM task WHERE id > ?1 ORDER BY id",
     9, "id summary grp_id due_at assigned_by recorded_at recorded_by decision_id entry_id", NULL},
    {"zone_change",
     "SELECT id, id, unit_id, level, effective_at, source, outbreak_id, "
     "recorded_at, recorded_by FROM zone_change WHERE id > ?1 ORDER BY id",
     8, "id unit_id level effective_at source outbreak_id recorded_at recorded_by", NULL},
    {"checkpoint",
     "SELECT id, id, place, unit_id, hours, outbreak_id, opened_at, recorded_by "
     "FROM checkpoint WHERE id > ?1 ORDER BY id",
     7, "id place unit_id hours outbreak_id opened_at recorded_by", NULL},
    {"checkpoint_staff",
     "SELECT rowid, checkpoint_id, seq, person_id FROM checkpoint_staff "
     "WHERE rowid > ?1 ORDER BY rowid",
     3, "checkpoint_id seq person_id", NULL},
    {"stat_metric",
     "SELECT id, id, key, name, grp_id, unit, seq, note FROM stat_metric "
     "WHERE id > ?1 ORDER BY id",
     7, "id key name grp_id unit seq note", NULL},
    {"stat_figure",
     "SELECT id, id, metric_id, grp_id, day, day_start, value, entered_at, "
     "entered_by FROM stat_figure WHERE id > ?1 ORDER BY id",
     8, "id metric_id grp_id day day_start value entered_at entered_by", NULL},
    {"outbox",
     "SELECT id, id, kind, recipient, number, text, entry_id, created_at FROM outbox "
     "WHERE id > ?1 ORDER BY id",
     7, "id kind recipient number text entry_id created_at", NULL},
    {"chase",
     "SELECT id, id, notification_id, step, person_id, recipient, number, opened_at, "
     "due_at, drill FROM chase WHERE id > ?1 ORDER BY id",
     9, "id notification_id step person_id recipient number opened_at due_at drill", NULL},
};
_Static_assert(sizeof seal_sealed / sizeof seal_sealed[0] == SEAL_NSEALED, "SEAL_NSEALED");

const struct seal_table seal_stated[] = {
    {"person", "SELECT id, id, name, unit_id, access, created_at FROM person ORDER BY id", 5,
     "id name unit_id access created_at", "roster-loaded imported person-added"},
    {"unit", "SELECT id, id, name, kind FROM unit ORDER BY id", 3, "id name kind",
     "roster-loaded imported person-added unit-added"},
    {"grp",
     "SELECT id, id, name, short, kind, seq, parent_id, counterpart_id, note, heading, section, "
     "succession FROM grp ORDER BY id",
     11, "id name short kind seq parent_id counterpart_id note heading section succession",
     "roster-loaded imported"},
    {"grp_alias", "SELECT alias, alias, grp_id FROM grp_alias ORDER BY alias", 2, "alias grp_id",
     "roster-loaded imported"},
    {"duty", "SELECT id, id, grp_id, phase, seq, text FROM duty ORDER BY id", 5,
     "id grp_id phase seq text", "roster-loaded imported"},
    {"member_unit",
     "SELECT grp_id || '/' || unit_id, grp_id, unit_id, seq FROM member_unit "
     "ORDER BY grp_id, unit_id",
     3, "grp_id unit_id seq", "roster-loaded imported"},
    {"post", "SELECT id, id, grp_id, title, seq, label FROM post ORDER BY id", 5,
     "id grp_id title seq label", "roster-loaded imported"},
    {"tenure", "SELECT id, id, post_id, person_id, since, until FROM tenure ORDER BY id", 5,
     "id post_id person_id since until", "roster-loaded imported succession"},
    {"phone", "SELECT id, id, person_id, number, label FROM phone ORDER BY id", 4,
     "id person_id number label", "roster-loaded imported person-added"},
    {"credential",
     "SELECT person_id, person_id, pin_hash, set_at, set_by FROM credential "
     "ORDER BY person_id",
     4, "person_id pin_hash set_at set_by", "pin-set"},
    {"contact",
     "SELECT id, id, name, org, level, grp_id, unit_id, person_id, role, seq, note "
     "FROM contact ORDER BY id",
     10, "id name org level grp_id unit_id person_id role seq note", "roster-loaded imported"},
    {"contact_number",
     "SELECT id, id, contact_id, number, label, seq FROM contact_number "
     "ORDER BY id",
     5, "id contact_id number label seq", "roster-loaded imported"},
    {"rule",
     "SELECT id, id, kind, seq, contact_id, stage, channel, minutes, required, note "
     "FROM rule ORDER BY id",
     9, "id kind seq contact_id stage channel minutes required note", "roster-loaded imported"},
    {"settings", "SELECT key, key, value FROM meta WHERE key GLOB 'setting.*' ORDER BY key", 2,
     "key value", "setting"},
};
_Static_assert(sizeof seal_stated / sizeof seal_stated[0] == SEAL_NSTATED, "SEAL_NSTATED");

/* ---- hashing ------------------------------------------------------------- */

void seal_feed_int(crypto_generichash_state *h, long long v)
{
	unsigned char b[9];
	b[0] = 'I';
	for (int i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)((unsigned long long)v >> (8 * i));
	crypto_generichash_update(h, b, sizeof b);
}

void seal_feed_text(crypto_generichash_state *h, const unsigned char *s, size_t n)
{
	unsigned char b[9];
	b[0] = 'T';
	for (int i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)((unsigned long long)n >> (8 * i));
	crypto_generichash_update(h, b, sizeof b);
	crypto_generichash_update(h, s, n);
}

void seal_feed_null(crypto_generichash_state *h)
{
	crypto_generichash_update(h, (const unsigned char *)"N", 1);
}

void seal_feed_columns(crypto_generichash_state *h, sqlite3_stmt *stmt, int first, int n)
{
	for (int c = first; c < first + n; c++) {
		switch (sqlite3_column_type(stmt, c)) {
		case SQLITE_NULL:
			seal_feed_null(h);
			break;
		case SQLITE_INTEGER:
			seal_feed_int(h, sqlite3_column_int64(stmt, c));
			break;
		default:
			seal_feed_text(h, sqlite3_column_text(stmt, c),
			               (size_t)sqlite3_column_bytes(stmt, c));
			break;
		}
	}
}

static void hexify(const unsigned char *b, int n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < n; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* What seal_feed_* give the hash, gathered to give it at once: a row is
 * some twenty short pieces, and each update of the hash has a cost of its
 * own.  The bytes hashed are the same. */
struct feed {
	crypto_generichash_state *h;
	size_t n;
	unsigned char b[1024];
};

static void feed_add(struct feed *f, const unsigned char *p, size_t n)
{
	if (f->n + n > sizeof f->b) {
		crypto_generichash_update(f->h, f->b, f->n);
		f->n = 0;
		if (n > sizeof f->b) {
			crypto_generichash_update(f->h, p, n);
			return;
		}
	}
	memcpy(f->b + f->n, p, n);
	f->n += n;
}

static void feed_tagged(struct feed *f, unsigned char tag, unsigned long long v)
{
	unsigned char b[9];
	b[0] = tag;
	for (int i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)(v >> (8 * i));
	feed_add(f, b, sizeof b);
}

/* The digest of the statement's current row of table `t`, as hex: the
 * table's name and the columns as seal_feed_text and seal_feed_columns
 * give them. */
void seal_row_digest(const struct seal_table *t, sqlite3_stmt *stmt, char out[SEAL_DIGEST_HEX])
{
	crypto_generichash_state h;
	unsigned char d[SEAL_DIGEST_LEN];
	struct feed f = {.h = &h};
	size_t len = strlen(t->name);

	crypto_generichash_init(&h, NULL, 0, SEAL_DIGEST_LEN);
	feed_tagged(&f, 'T', len);
	feed_add(&f, (const unsigned char *)t->name, len);
	for (int c = 1; c <= t->ncols; c++) {
		switch (sqlite3_column_type(stmt, c)) {
		case SQLITE_NULL:
			feed_add(&f, (const unsigned char *)"N", 1);
			break;
		case SQLITE_INTEGER:
			feed_tagged(&f, 'I', (unsigned long long)sqlite3_column_int64(stmt, c));
			break;
		default: {
			const unsigned char *s = sqlite3_column_text(stmt, c);
			size_t n = (size_t)sqlite3_column_bytes(stmt, c);
			feed_tagged(&f, 'T', n);
			feed_add(&f, s, n);
			break;
		}
		}
	}
	crypto_generichash_update(&h, f.b, f.n);
	crypto_generichash_final(&h, d, sizeof d);
	hexify(d, SEAL_DIGEST_LEN, out);
}

/* The row as a person reads it: "name=value name=value", cut short. */
void seal_row_text(const struct seal_table *t, sqlite3_stmt *stmt, char *out, size_t n)
{
	const char *name = t->cols;
	size_t len = 0;

	out[0] = '\0';
	for (int c = 1; c <= t->ncols && len + 1 < n; c++) {
		size_t nl = strcspn(name, " ");
		const unsigned char *v = sqlite3_column_text(stmt, c);
		int w = snprintf(out + len, n - len, "%s%.*s=%s", c > 1 ? " " : "", (int)nl, name,
		                 v ? (const char *)v : "NULL");
		len += w < 0 ? 0 : (size_t)w;
		if (len >= n)
			len = n - 1;
		name += nl + (name[nl] == ' ');
	}
	if (len + 1 >= n && n > 4)
		memcpy(out + n - 4, "...", 4);
}

/* ---- growing strings ------------------------------------------------------ */

void seal_buf_add(struct seal_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = dd_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void seal_buf_str(struct seal_buf *b, const char *s)
{
	seal_buf_add(b, s, strlen(s));
}

/* A key as it goes into a list: bytes other than [A-Za-z0-9._/-] as %XX,
 * so that keys never hold the list's separators or JSON's specials. */
static void sb_key(struct seal_buf *b, const char *k)
{
	while (*k) {
		size_t n = 0;
		char esc[4];
		for (unsigned char c; (c = (unsigned char)k[n]) != 0; n++)
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' ||
			      c == '-'))
				break;
		if (n) {
			seal_buf_add(b, k, n);
			k += n;
			continue;
		}
		snprintf(esc, sizeof esc, "%%%02X", (unsigned char)*k);
		seal_buf_add(b, esc, 3);
		k++;
	}
}

/* ---- the current state of a stated table ---------------------------------- */

void seal_list_free(struct seal_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].text);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void slist_push(struct seal_list *l, char *key, const char *digest, char *text)
{
	l->v = dd_xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	l->v[l->n].key = key;
	snprintf(l->v[l->n].digest, SEAL_DIGEST_HEX, "%s", digest);
	l->v[l->n].text = text;
	l->n++;
}

/* Read table `t` as it is now into `l` (with the rows' text when `texts`),
 * its digest and count into `s`, and its list ("key:digest,key:digest") into
 * s->list while it has at most `max_rows` rows (-1: however many).  The
 * digest is that of the whole list, streamed: a table too big to list is
 * never held in memory. */
int seal_state_read(struct store *st, const struct seal_table *t, int texts, struct seal_list *l,
                    long long max_rows, struct seal_state *s, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, t->sql, err);
	crypto_generichash_state h;
	struct seal_buf spare = {0};
	unsigned char dg[SEAL_DIGEST_LEN];
	int rc;

	memset(s, 0, sizeof *s);
	if (!stmt)
		return -1;
	crypto_generichash_init(&h, NULL, 0, SEAL_DIGEST_LEN);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* Without a list to keep them, one buffer serves every row's key. */
		struct seal_buf key = {0};
		char d[SEAL_DIGEST_HEX], text[240];
		const unsigned char *k = sqlite3_column_text(stmt, 0);

		if (!l) {
			key = spare;
			key.len = 0;
			if (key.s)
				key.s[0] = '\0';
		}
		sb_key(&key, k ? (const char *)k : "");
		if (!key.s)
			seal_buf_str(&key, "");
		seal_row_digest(t, stmt, d);
		{
			/* ",key:digest" at once, as for the row (struct feed). */
			struct feed f = {.h = &h};
			if (s->rows)
				feed_add(&f, (const unsigned char *)",", 1);
			feed_add(&f, (const unsigned char *)key.s, key.len);
			feed_add(&f, (const unsigned char *)":", 1);
			feed_add(&f, (const unsigned char *)d, strlen(d));
			crypto_generichash_update(&h, f.b, f.n);
		}
		if (max_rows < 0 || s->rows < max_rows) {
			if (s->rows)
				seal_buf_str(&s->list, ",");
			seal_buf_str(&s->list, key.s);
			seal_buf_str(&s->list, ":");
			seal_buf_str(&s->list, d);
		} else if (s->list.s) {
			free(s->list.s);
			memset(&s->list, 0, sizeof s->list);
		}
		s->rows++;
		if (texts)
			seal_row_text(t, stmt, text, sizeof text);
		if (l)
			slist_push(l, key.s, d, texts ? dd_xstrdup(text) : NULL);
		else
			spare = key;
	}
	free(spare.s);
	sqlite3_reset(stmt);
	crypto_generichash_final(&h, dg, sizeof dg);
	hexify(dg, SEAL_DIGEST_LEN, s->digest);
	s->whole = max_rows < 0 || s->rows <= max_rows;
	if (rc != SQLITE_DONE) {
		seal_state_free(s);
		return store_fail(st, err, rc, _("reading the rows the chain covers"));
	}
	return 0;
}

void seal_state_free(struct seal_state *s)
{
	free(s->list.s);
	memset(&s->list, 0, sizeof s->list);
}

int seal_record_digest(const char *rec, size_t n, long long *rows, char digest[SEAL_DIGEST_HEX])
{
	unsigned char d[SEAL_DIGEST_LEN];

	if (n > 0 && rec[0] == '#') {
		const char *colon = memchr(rec, ':', n);
		*rows = strtoll(rec + 1, NULL, 10);
		snprintf(digest, SEAL_DIGEST_HEX, "%.*s",
		         colon ? (int)(rec + n - colon - 1) : 0, colon ? colon + 1 : "");
		return 1;
	}
	*rows = 0;
	for (size_t i = 0; i < n; i++)
		*rows += rec[i] == ',';
	*rows += n > 0;
	crypto_generichash(d, sizeof d, (const unsigned char *)rec, n, NULL, 0);
	hexify(d, SEAL_DIGEST_LEN, digest);
	return 0;
}

/* Parse a list "key:digest,key:digest" of `n` bytes into `l`. */
void seal_list_parse(struct seal_list *l, const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *item_end = comma ? comma : end;
		const char *colon = memchr(s, ':', (size_t)(item_end - s));
		char d[SEAL_DIGEST_HEX] = "";

		if (colon) {
			snprintf(d, sizeof d, "%.*s", (int)(item_end - colon - 1), colon + 1);
			slist_push(l, dd_xstrndup(s, (size_t)(colon - s)), d, NULL);
		}
		s = item_end + 1;
	}
}

/* ---- meta records --------------------------------------------------------- */

/* The value of `name=value` in a record "a=1 b=2" (0 / "" when absent). */
long long seal_rec_int(const char *rec, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = rec; p && *p; p = strchr(p, ' '), p = p ? p + 1 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return strtoll(p + n + 1, NULL, 10);
	return 0;
}

void seal_rec_str(const char *rec, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	out[0] = '\0';
	for (const char *p = rec; p && *p; p = strchr(p, ' '), p = p ? p + 1 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			snprintf(out, size, "%.*s", (int)strcspn(p + n + 1, " "), p + n + 1);
			return;
		}
}

/* ---- sealing, at every append --------------------------------------------- */

static int seal_table(struct store *st, const struct seal_table *t, long long *mark,
                      struct seal_buf *seal, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, t->sql, err);
	int rc, first = 1;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, *mark);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char d[SEAL_DIGEST_HEX], id[32];
		*mark = sqlite3_column_int64(stmt, 0);
		seal_row_digest(t, stmt, d);
		snprintf(id, sizeof id, "%lld:", *mark);
		if (first) {
			if (seal->len)
				seal_buf_str(seal, ";");
			seal_buf_str(seal, t->name);
			seal_buf_str(seal, " ");
			first = 0;
		} else {
			seal_buf_str(seal, ",");
		}
		seal_buf_str(seal, id);
		seal_buf_str(seal, d);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("sealing the rows of the act"));
	return 0;
}

int seal_changes(const struct seal_table *t, const char *type)
{
	size_t tl = strlen(type);

	for (const char *p = t->acts; p && *p; p += strcspn(p, " "), p += *p == ' ')
		if (strcspn(p, " ") == tl && strncmp(p, type, tl) == 0)
			return 1;
	return 0;
}

/* Only an act that changes a table reads it again: another finds it as the
 * last record left it (the record of its digest, 'audit.state', says so),
 * unless someone changed it behind the program's back, which `check` finds
 * against that record. */
static int state_tables(struct store *st, const char *type, const char *cache,
                        struct seal_buf *state, struct seal_buf *newcache, struct dd_err *err)
{
	for (int i = 0; i < SEAL_NSTATED; i++) {
		struct seal_state now;
		char d[SEAL_DIGEST_HEX], was[SEAL_DIGEST_HEX];

		seal_rec_str(cache ? cache : "", seal_stated[i].name, was, sizeof was);
		if (cache && !seal_changes(&seal_stated[i], type)) {
			if (was[0]) {
				if (newcache->len)
					seal_buf_str(newcache, " ");
				seal_buf_str(newcache, seal_stated[i].name);
				seal_buf_str(newcache, "=");
				seal_buf_str(newcache, was);
			}
			continue;
		}
		if (seal_state_read(st, &seal_stated[i], 0, NULL, SEAL_LIST_ROWS, &now, err) < 0)
			return -1;
		snprintf(d, sizeof d, "%s", now.digest);
		/* A table never recorded and still empty needs no record. */
		if (strcmp(d, was) != 0 && (was[0] || now.rows)) {
			char whole[64];
			if (state->len)
				seal_buf_str(state, ";");
			seal_buf_str(state, seal_stated[i].name);
			seal_buf_str(state, " ");
			if (!now.whole) {
				snprintf(whole, sizeof whole, "#%lld:%s", now.rows, now.digest);
				seal_buf_str(state, whole);
			} else if (now.list.len) {
				seal_buf_str(state, now.list.s);
			}
		}
		if (was[0] || now.rows) {
			if (newcache->len)
				seal_buf_str(newcache, " ");
			seal_buf_str(newcache, seal_stated[i].name);
			seal_buf_str(newcache, "=");
			seal_buf_str(newcache, d);
		}
		seal_state_free(&now);
	}
	return 0;
}

int seal_body(struct store *st, const char *type, const char *body, char **out,
              struct dd_err *err)
{
	struct seal_buf seal = {0}, state = {0}, marks = {0}, cache = {0}, b = {0};
	char *oldmarks = NULL, *oldcache = NULL;
	size_t blen = strlen(body);
	int rc = -1;

	*out = NULL;
	/* Only a test makes an older schema's events (the tables may not be
	 * there yet): the first event after the upgrade seals what they wrote. */
	if (store_schema_version(st) < store_schema_latest()) {
		*out = dd_xstrdup(body);
		return 0;
	}
	if (store_meta_get(st, "audit.marks", &oldmarks, err) < 0 ||
	    store_meta_get(st, "audit.state", &oldcache, err) < 0)
		goto done;
	for (int i = 0; i < SEAL_NSEALED; i++) {
		long long mark = seal_rec_int(oldmarks, seal_sealed[i].name);
		char m[96];
		if (seal_table(st, &seal_sealed[i], &mark, &seal, err) < 0)
			goto done;
		if (mark) {
			snprintf(m, sizeof m, "%s%s=%lld", marks.len ? " " : "",
			         seal_sealed[i].name, mark);
			seal_buf_str(&marks, m);
		}
	}
	if (state_tables(st, type, oldcache, &state, &cache, err) < 0)
		goto done;
	if (marks.len && (!oldmarks || strcmp(marks.s, oldmarks) != 0) &&
	    store_meta_set(st, "audit.marks", marks.s, err) < 0)
		goto done;
	if (cache.len && (!oldcache || strcmp(cache.s, oldcache) != 0) &&
	    store_meta_set(st, "audit.state", cache.s, err) < 0)
		goto done;

	/* The body: the caller's object, then the seal and the state. */
	if (blen < 2 || body[blen - 1] != '}') {
		dd_fail(err, DD_ESTORE, _("internal error: an event's body is not an object"));
		goto done;
	}
	seal_buf_add(&b, body, blen - 1);
	if (seal.len) {
		seal_buf_str(&b, blen > 2 ? ",\"_seal\":\"" : "\"_seal\":\"");
		seal_buf_str(&b, seal.s);
		seal_buf_str(&b, "\"");
	}
	if (state.len) {
		seal_buf_str(&b, blen > 2 || seal.len ? ",\"_state\":\"" : "\"_state\":\"");
		seal_buf_str(&b, state.s);
		seal_buf_str(&b, "\"");
	}
	seal_buf_str(&b, "}");
	*out = b.s;
	b.s = NULL;
	rc = 0;
done:
	free(seal.s);
	free(state.s);
	free(marks.s);
	free(cache.s);
	free(b.s);
	free(oldmarks);
	free(oldcache);
	return rc;
}

int seal_note_head(struct store *st, long long id, const unsigned char hash[32], struct dd_err *err)
{
	char rec[64 + 2 * SEAL_HASH_LEN];
	char hex[2 * SEAL_HASH_LEN + 1];

	hexify(hash, SEAL_HASH_LEN, hex);
	snprintf(rec, sizeof rec, "id=%lld hash=%s", id, hex);
	return store_meta_set(st, "audit.head", rec, err);
}
