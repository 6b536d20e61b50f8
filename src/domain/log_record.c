/* log_record.c — the whole record of an entry beyond its row: the call
 * form's handling (notes, 拟办意见, 领导批示, 办理结果), amendments' reasons
 * and the incident's closure, for the log's CSV and anyone who shows it. */
#include "domain/log.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "store/store_sql.h"

void log_handling_clear(struct log_handling *h)
{
	if (!h)
		return;
	free(h->notes);
	free(h->proposal);
	free(h->instruction);
	free(h->result);
	free(h->handled_by);
	free(h->amend_reasons);
	free(h->amended_by);
	free(h->resolution);
	free(h->closed_by);
	memset(h, 0, sizeof *h);
}

/* Append `s` to the lines of *cell ("" at first). */
static void add_line(char **cell, const char *s)
{
	size_t a = strlen(*cell), b = strlen(s);
	char *v = dd_xmalloc(a + b + 2);

	memcpy(v, *cell, a);
	if (a)
		v[a++] = '\n';
	memcpy(v + a, s, b + 1);
	free(*cell);
	*cell = v;
}

static void set(char **cell, const char *s)
{
	free(*cell);
	*cell = dd_xstrdup(s);
}

static void take(struct log_handling *h, const char *type, dd_time at, const char *who,
		 const char *text, const char *reason)
{
	if (strcmp(type, "noted") == 0) {
		add_line(&h->notes, text);
		return;
	}
	if (strcmp(type, "amended") == 0) {
		add_line(&h->amend_reasons, reason);
		add_line(&h->amended_by, who);
		return;
	}
	if (strcmp(type, "closed") == 0) {
		set(&h->resolution, text);
		set(&h->closed_by, who);
		return;
	}
	add_line(strcmp(type, "proposal") == 0 ? &h->proposal
		 : strcmp(type, "instruction") == 0 ? &h->instruction : &h->result, text);
	set(&h->handled_by, who);
	h->handled_at = at;
}

int log_handling_get(struct store *st, const struct log_entry *e, struct log_handling *out,
		     struct dd_err *err)
{
	/* The entry's own events on the index of (entry_id, type); the closure
	 * is its incident's, as its status is. */
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT ev.type, ev.at, coalesce(p.name, ''), "
		"coalesce(json_extract(ev.body, '$.text'), json_extract(ev.body, '$.resolution'), "
		"''), coalesce(json_extract(ev.body, '$.reason'), '') FROM event ev "
		"LEFT JOIN person p ON p.id = ev.actor_id WHERE (ev.entry_id = ?1 AND ev.type IN "
		"('noted', 'proposal', 'instruction', 'result', 'amended')) OR "
		"(ev.entry_id = ?2 AND ev.type = 'closed') ORDER BY ev.id", err);
	int rc;

	memset(out, 0, sizeof *out);
	out->notes = dd_xstrdup("");
	out->proposal = dd_xstrdup("");
	out->instruction = dd_xstrdup("");
	out->result = dd_xstrdup("");
	out->handled_by = dd_xstrdup("");
	out->amend_reasons = dd_xstrdup("");
	out->amended_by = dd_xstrdup("");
	out->resolution = dd_xstrdup("");
	out->closed_by = dd_xstrdup("");
	if (!stmt) {
		log_handling_clear(out);
		return -1;
	}
	sqlite3_bind_int64(stmt, 1, e->id);
	sqlite3_bind_int64(stmt, 2, e->incident ? e->incident : e->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		take(out, (const char *)sqlite3_column_text(stmt, 0), sqlite3_column_int64(stmt, 1),
		     (const char *)sqlite3_column_text(stmt, 2),
		     (const char *)sqlite3_column_text(stmt, 3),
		     (const char *)sqlite3_column_text(stmt, 4));
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		log_handling_clear(out);
		return store_fail(st, err, rc, _("reading the handling of the entry"));
	}
	return 0;
}
