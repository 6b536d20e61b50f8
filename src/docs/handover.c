/* handover.c — the handover sheet's data (交接班记录), and signing it.
 *
 * The sheet is built in one read of the store: the period and who was on
 * duty, what it holds (the signing, the sheet before it), the mode at the
 * moment described, then the sections of the `builders` table
 * (handover_rows.c, handover_more.c), each filled by streamed range scans
 * (never paged with OFFSET, never a query per row that scans).  A real sheet
 * counts real entries and notifications only, the drill's sheet the drill's.
 * The renderers are in handover_text.c and handover_pdf.c. */
#include "docs/handover.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "domain/town.h"
#include "store/chain.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "base/i18n.h"
#include "domain/log.h"
#include "domain/mode.h"
#include "domain/task.h"
#include "base/text.h"
#include "base/jsonw.h"
#include "store/store_sql.h"
#include "docs/textdoc.h"
#include "docs/handover_int.h"

/* ---- the head: period, people, mode, signing ---- */

/* The signing of [from, to) (g->done 0 when not signed), the last entry it
 * held (0: not recorded, a signing before the sheet said). */
static int signing_of(struct store *st, dd_time from, dd_time to, struct handover_signing *g,
		      long long *last_entry, char **notes, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, at, coalesce(json_extract(body, '$.outgoing'), ''), "
		"coalesce(json_extract(body, '$.incoming'), ''), "
		"coalesce(json_extract(body, '$.note'), ''), "
		"coalesce(json_extract(body, '$.last_entry'), 0) FROM event WHERE type = "
		"'handover' AND drill = 0 AND json_extract(body, '$.from') = ?1 AND "
		"json_extract(body, '$.to') = ?2 ORDER BY id LIMIT 1", err);
	int rc;

	memset(g, 0, sizeof *g);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, to);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		g->done = 1;
		g->event_id = sqlite3_column_int64(stmt, 0);
		g->at = sqlite3_column_int64(stmt, 1);
		snprintf(g->outgoing, sizeof g->outgoing, "%s", sqlite3_column_text(stmt, 2));
		snprintf(g->incoming, sizeof g->incoming, "%s", sqlite3_column_text(stmt, 3));
		if (notes) {
			free(*notes);
			*notes = store_col_text(stmt, 4);
		}
		if (last_entry)
			*last_entry = sqlite3_column_int64(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the handovers"));
	return 0;
}

static int find_signing(struct store *st, struct handover *h, struct dd_err *err)
{
	if (h->drill)  /* the drill's sheet is never signed */
		return 0;
	return signing_of(st, h->from, h->to, &h->signing, &h->last_entry, &h->notes, err);
}

/* The sheet before: a signed one whose period runs up to (or past) this
 * one's start and that was signed before it.  What was recorded after its
 * signing (entries of ids above the last it held) is on this sheet. */
static int sheet_before(struct store *st, struct handover *h, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT at, coalesce(json_extract(body, '$.last_entry'), 0) FROM event "
		"WHERE type = 'handover' AND drill = 0 AND at < ?1 AND "
		"json_extract(body, '$.from') < ?1 AND json_extract(body, '$.to') >= ?1 "
		"ORDER BY at DESC, id DESC LIMIT 1", err);
	int rc;

	h->cover_from = h->from;
	h->after_id = 0;
	if (h->drill)
		return 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, h->from);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		dd_time at = sqlite3_column_int64(stmt, 0);
		long long last = sqlite3_column_int64(stmt, 1);
		/* A signing that did not note the last entry it held: by time. */
		h->cover_from = last ? at : at + 1;
		h->after_id = last;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the handovers"));
	return 0;
}

/* The real mode (or the drill's) as of the sheet. */
static int read_mode(struct store *st, struct handover *h, struct dd_err *err)
{
	struct mode_status m;

	if (mode_at(st, h->drill, h->as_of, &m, err) < 0)
		return -1;
	h->taskforce = m.state == MODE_TASKFORCE;
	h->mode_since = m.since;
	h->mode_trigger = h->taskforce ? m.trigger : 0;
	return 0;
}

/* Who is on duty: the shift that is the period (or covers its start), and
 * the one that begins at its end. */
static int people(struct store *st, struct handover *h, struct dd_err *err)
{
	struct duty_shift cur, next;

	if (duty_on_at(st, h->from, &cur, err) < 0)
		return -1;
	if (duty_on_at(st, h->to, &next, err) < 0) {
		duty_shift_clear(&cur);
		return -1;
	}
	if (cur.id && cur.start == h->from && cur.end == h->to)
		h->shift_id = cur.id;
	snprintf(h->outgoing, sizeof h->outgoing, "%s", cur.operator_name);
	snprintf(h->leader, sizeof h->leader, "%s", cur.leader_name);
	if (next.id != cur.id)
		snprintf(h->incoming, sizeof h->incoming, "%s", next.operator_name);
	duty_shift_clear(&cur);
	duty_shift_clear(&next);
	if (h->signing.done) {
		snprintf(h->outgoing, sizeof h->outgoing, "%s", h->signing.outgoing);
		snprintf(h->incoming, sizeof h->incoming, "%s", h->signing.incoming);
	}
	return 0;
}

static void period_text(struct handover *h)
{
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];

	ddtime_format(h->from, DDTIME_MINUTE, a);
	/* The end's date only where it is another day. */
	if (ddtime_day_start(h->to - 1) == ddtime_day_start(h->from)) {
		if (h->to == ddtime_day_start(ddtime_day_start(h->from) + 36 * 3600))
			snprintf(b, sizeof b, "24:00");
		else
			ddtime_format(h->to, DDTIME_CLOCK, b);
	} else {
		ddtime_format(h->to, DDTIME_MINUTE, b);
	}
	if (h->continuation)
		snprintf(h->period_text, sizeof h->period_text, "%s 签字交接后至 %s", a, b);
	else
		snprintf(h->period_text, sizeof h->period_text, "%s 至 %s", a, b);
	ddtime_format(h->as_of, DDTIME_MINUTE, h->as_of_text);
}

typedef int (*builder_fn)(struct store *st, struct handover *h, struct dd_err *err);

/* The sheet's tables as they are read.  A later list is one more builder
 * here, and a place in `order`. */
static const builder_fn builders[] = {
	ho_build_entries, ho_build_changes, ho_build_open, ho_build_escalations,
	ho_build_tasks, ho_build_gaps,
};
/* The sections in the sheet's order: what stands out first. */
static const char *const order[] = {
	"significant", "changes", "entries", "open", "escalations", "tasks", "gaps", "notes",
};

static int rank(const char *key)
{
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (strcmp(order[i], key) == 0)
			return (int)i;
	return (int)(sizeof order / sizeof order[0]);
}

static void sort_sections(struct handover *h)
{
	for (int i = 1; i < h->nsections; i++) {
		struct handover_section s = h->sections[i];
		int j = i;
		while (j > 0 && rank(h->sections[j - 1].key) > rank(s.key)) {
			h->sections[j] = h->sections[j - 1];
			j--;
		}
		h->sections[j] = s;
	}
}

/* The last entry there is: what a sheet signed now holds at most. */
static int last_entry_now(struct store *st, long long *id, struct dd_err *err)
{
	return store_query_int(st, "SELECT coalesce(max(id), 0) FROM entry", 0, id, err);
}

static void drill_marks(struct handover *h)
{
	if (!h->drill)
		return;
	snprintf(h->watermark, sizeof h->watermark, "演练 DRILL");
	snprintf(h->banner, sizeof h->banner,
		 "【演练 DRILL】本交接班记录为演练记录，不作为正式值班交接记录");
}

/* While a sheet is read, a page cache of this many KiB instead of SQLite's
 * 2000: a night shift of an outbreak and its open incidents are some ten
 * MiB of pages, each read once instead of again after being pushed out. */
#define HANDOVER_CACHE_KIB 32768

static int cache(struct store *st, int kib, struct dd_err *err)
{
	sqlite3_stmt *stmt = kib == 2000
		? store_prepare(st, "PRAGMA main.cache_size = -2000", err)
		: store_prepare(st, "PRAGMA main.cache_size = -32768", err);

	return stmt ? store_exec_stmt(st, stmt, _("reading the handovers"), err) : -1;
}

/* `signing`: the sheet is being signed, and describes this moment. */
static int build_in(struct store *st, struct handover *h, int signing, struct dd_err *err)
{
	dd_time now = ddtime_now();

	if (h->to <= h->from)
		return dd_fail(err, DD_EINVAL, _("the handover's period is empty: it must end "
						 "after it begins"));
	if (h->from > now)
		return dd_fail(err, DD_EINVAL, _("the handover's period has not begun yet"));
	if (!h->notes)
		h->notes = dd_xstrdup("");
	ho_time_reset();
	drill_marks(h);
	if (!h->continuation && (find_signing(st, h, err) < 0 || sheet_before(st, h, err) < 0))
		return -1;
	if (chain_head_hex(st, h->signing.done ? h->signing.event_id : 0, CHAIN_HEAD_PRINTED,
			   h->chain_head, err) < 0 || town_name_of(st, h->town, sizeof h->town, err) < 0)
		return -1;
	if (h->signing.done)
		h->as_of = h->signing.at;
	else
		h->as_of = signing || now < h->to ? now : h->to;
	if (signing && last_entry_now(st, &h->last_entry, err) < 0)
		return -1;
	period_text(h);
	if (read_mode(st, h, err) < 0 || people(st, h, err) < 0)
		return -1;
	if (cache(st, HANDOVER_CACHE_KIB, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof builders / sizeof builders[0]; i++)
		if (builders[i](st, h, err) < 0) {
			cache(st, 2000, NULL);
			return -1;
		}
	if (cache(st, 2000, err) < 0)
		return -1;
	ho_build_notes(h);
	sort_sections(h);
	return 0;
}

/* A sheet read for showing, in one read transaction (unless one is open):
 * one snapshot of the file for all its sections, and the write-ahead log's
 * read lock taken once, not again for each of its hundreds of statements. */
static int build_read(struct store *st, struct handover *h, struct dd_err *err)
{
	int own = sqlite3_get_autocommit(store_db(st)), rc;
	sqlite3_stmt *stmt;

	if (own && (!(stmt = store_prepare(st, "BEGIN", err)) ||
		    store_exec_stmt(st, stmt, _("reading the handovers"), err) < 0))
		return -1;
	rc = build_in(st, h, 0, err);
	if (own && (stmt = store_prepare(st, "COMMIT", NULL)))
		store_exec_stmt(st, stmt, _("reading the handovers"), NULL);
	return rc;
}

int handover_is_signed(struct store *st, dd_time from, dd_time to, int *yes,
		       struct dd_err *err)
{
	struct handover_signing g;

	if (signing_of(st, from, to, &g, NULL, NULL, err) < 0)
		return -1;
	*yes = g.done;
	return 0;
}

/* The earliest shift of `who` ended in the last hours and not signed. */
static int unsigned_ended(struct store *st, dd_time now, const char *who, dd_time *from,
			  dd_time *to, int *found, struct dd_err *err)
{
	struct duty_shift *v = NULL;
	int n = 0, rc = 0;

	*found = 0;
	if (duty_list(st, now - HANDOVER_DEFAULT_HOURS * 3600, now, 0, &v, &n, err) < 0)
		return -1;
	for (int i = 0; i < n && rc == 0 && !*found; i++) {
		int yes = 0;
		if (v[i].end > now || v[i].end <= now - HANDOVER_DEFAULT_HOURS * 3600 ||
		    strcmp(v[i].operator_name, who) != 0)
			continue;
		rc = handover_is_signed(st, v[i].start, v[i].end, &yes, err);
		if (rc == 0 && !yes) {
			*from = v[i].start;
			*to = v[i].end;
			*found = 1;
		}
	}
	duty_shifts_free(v, n);
	return rc;
}

int handover_default_period(struct store *st, dd_time now, const char *outgoing,
			    dd_time *from, dd_time *to, struct dd_err *err)
{
	struct duty_shift cur, *v = NULL;
	int n = 0, mine = 0, found = 0;

	if (outgoing && *outgoing &&
	    unsigned_ended(st, now, outgoing, from, to, &found, err) < 0)
		return -1;
	if (found)
		return 0;
	if (duty_on_at(st, now, &cur, err) < 0)
		return -1;
	*from = now - HANDOVER_DEFAULT_HOURS * 3600;
	*to = now;
	if (cur.id) {
		*from = cur.start;
		*to = cur.end;
		mine = !outgoing || strcmp(outgoing, cur.operator_name) == 0;
	}
	if (outgoing && *outgoing && !mine) {
		/* Their own shift, ended within the last hours: the latest one. */
		if (duty_list(st, now - HANDOVER_DEFAULT_HOURS * 3600, now, 0, &v, &n, err) < 0) {
			duty_shift_clear(&cur);
			return -1;
		}
		for (int i = n - 1; i >= 0; i--) {
			if (v[i].end <= now && strcmp(v[i].operator_name, outgoing) == 0) {
				*from = v[i].start;
				*to = v[i].end;
				break;
			}
		}
		duty_shifts_free(v, n);
	}
	duty_shift_clear(&cur);
	return 0;
}

static int build(struct store *st, dd_time from, dd_time to, int drill, struct handover **out,
		 struct dd_err *err)
{
	struct handover *h;

	*out = NULL;
	if (!from && !to && handover_default_period(st, ddtime_now(), NULL, &from, &to, err) < 0)
		return -1;
	h = dd_xcalloc(1, sizeof *h);
	h->from = from;
	h->to = to;
	h->drill = drill;
	if (build_read(st, h, err) < 0) {
		handover_free(h);
		return -1;
	}
	*out = h;
	return 0;
}

int handover_build(struct store *st, dd_time from, dd_time to, struct handover **out,
		   struct dd_err *err)
{
	return build(st, from, to, 0, out, err);
}

int handover_build_drill(struct store *st, dd_time from, dd_time to, struct handover **out,
			 struct dd_err *err)
{
	return build(st, from, to, 1, out, err);
}

int handover_after_signature(struct store *st, dd_time now, struct handover **out,
			     struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT at, coalesce(json_extract(body, '$.last_entry'), 0) FROM event "
		"WHERE type = 'handover' AND drill = 0 ORDER BY id DESC LIMIT 1", err);
	struct handover *h;
	dd_time at = 0;
	long long last = 0;
	int rc;

	*out = NULL;
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		at = sqlite3_column_int64(stmt, 0);
		last = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the handovers"));
	if (rc == SQLITE_DONE)
		return 0;
	h = dd_xcalloc(1, sizeof *h);
	h->continuation = 1;
	h->from = h->cover_from = last ? at : at + 1;
	h->to = now > h->from ? now + 1 : h->from + 1;
	h->after_id = last;
	if (build_read(st, h, err) < 0) {
		handover_free(h);
		return -1;
	}
	*out = h;
	return 0;
}

void handover_set_notes(struct handover *h, const char *note)
{
	struct handover_section *s;

	if (h->signing.done)
		return;
	free(h->notes);
	h->notes = dd_xstrdup(note ? note : "");
	for (int i = 0; i < h->nsections; i++) {
		s = &h->sections[i];
		if (strcmp(s->key, "notes") == 0) {
			free(s->text);
			s->text = dd_xstrdup(h->notes);
			ho_summary(s, "%s", *h->notes ? "" : "无");
		}
	}
}

const struct handover_section *handover_section(const struct handover *h, const char *key)
{
	for (int i = 0; i < h->nsections; i++)
		if (strcmp(h->sections[i].key, key) == 0)
			return &h->sections[i];
	return NULL;
}

void handover_free(struct handover *h)
{
	if (!h)
		return;
	for (int i = 0; i < h->nsections; i++) {
		struct handover_section *s = &h->sections[i];
		dd_arena_free(&s->cells);   /* the rows' cells */
		free(s->rows);
		free(s->summary);
		free(s->text);
	}
	free(h->sections);
	free(h->notes);
	free(h);
}

/* ---- signing ---- */

static int record_signing(struct store *st, const struct actor *outgoing,
			  const struct actor *incoming, struct handover *h, struct dd_err *err)
{
	char hex[2 * CHAIN_HASH_LEN + 1], what[1024];
	char *text = handover_text(h);
	struct jsonw body;

	textdoc_hash(text, hex);
	free(text);
	snprintf(what, sizeof what, "交接班：%s → %s（%s）", outgoing->name, incoming->name,
		 h->period_text);
	jsonw_init(&body);
	jsonw_int(&body, "from", h->from);
	jsonw_int(&body, "to", h->to);
	jsonw_int(&body, "shift", h->shift_id);
	jsonw_str(&body, "outgoing", outgoing->name);
	jsonw_int(&body, "outgoing_id", outgoing->id);
	jsonw_str(&body, "incoming", incoming->name);
	jsonw_int(&body, "incoming_id", incoming->id);
	jsonw_str(&body, "note", h->notes);
	jsonw_int(&body, "last_entry", h->last_entry);
	jsonw_int(&body, "entries", h->entries);
	jsonw_int(&body, "open", h->open_incidents);
	jsonw_int(&body, "escalations_overdue", h->esc_overdue);
	jsonw_int(&body, "tasks_overdue", h->tasks_overdue);
	jsonw_str(&body, "sheet_hash", hex);
	jsonw_str(&body, "text", what);
	if (act_event_at(st, outgoing, "handover", h->as_of, &body, &h->signing.event_id,
			 err) < 0)
		return -1;
	h->signing.done = 1;
	h->signing.at = h->as_of;
	snprintf(h->signing.outgoing, sizeof h->signing.outgoing, "%s", outgoing->name);
	snprintf(h->signing.incoming, sizeof h->signing.incoming, "%s", incoming->name);
	snprintf(h->outgoing, sizeof h->outgoing, "%s", outgoing->name);
	snprintf(h->incoming, sizeof h->incoming, "%s", incoming->name);
	return 0;
}

static int sign_in(struct store *st, const struct actor *outgoing, const struct actor *incoming,
		   const char *note, struct handover *h, struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if (build_in(st, h, 1, err) < 0)
		return -1;
	if (h->signing.done)
		return dd_fail(err, DD_EDENIED,
			       _("the shift %s was already handed over by %s to %s at %s; a "
				 "period is handed over once"), h->period_text, h->signing.outgoing,
			       h->signing.incoming,
			       ddtime_format(h->signing.at, DDTIME_MINUTE, when));
	handover_set_notes(h, note);
	return record_signing(st, outgoing, incoming, h, err);
}

int handover_sign(struct store *st, const struct actor *outgoing, const struct actor *incoming,
		  dd_time from, dd_time to, const char *note, struct handover **out,
		  struct dd_err *err)
{
	struct handover *h;

	if (out)
		*out = NULL;
	if (!outgoing || !outgoing->id)
		return dd_fail_about(err, DD_EDENIED, DD_ABOUT_OPERATOR,
				     _("who is handing over?"));
	if (!incoming || !incoming->id)
		return dd_fail(err, DD_EDENIED, _("who is taking over?"));
	if (outgoing->id == incoming->id)
		return dd_fail(err, DD_EDENIED, _("%s cannot hand over to themselves: the incoming "
						  "operator signs too"), outgoing->name);
	if (!incoming->verified)
		return dd_fail(err, DD_EDENIED, _("the incoming operator %s signs with their own "
						  "PIN"), incoming->name);
	if (note && strlen(note) > HANDOVER_NOTE_MAX)
		return dd_fail(err, DD_EINVAL, _("the handover notes are too long (at most %d "
						 "bytes)"), HANDOVER_NOTE_MAX);
	if (note && !text_valid_utf8(note, strlen(note)))
		return dd_fail(err, DD_EINVAL, _("the handover notes are not valid UTF-8"));
	if (!from && !to &&
	    handover_default_period(st, ddtime_now(), outgoing->name, &from, &to, err) < 0)
		return -1;
	h = dd_xcalloc(1, sizeof *h);
	h->from = from;
	h->to = to;
	if (store_begin(st, err) < 0) {
		handover_free(h);
		return -1;
	}
	if (sign_in(st, outgoing, incoming, note, h, err) < 0 || store_commit(st, err) < 0) {
		store_rollback(st);
		handover_free(h);
		return -1;
	}
	if (out)
		*out = h;
	else
		handover_free(h);
	return 0;
}
