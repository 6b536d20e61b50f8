/* exchange_log.c — the log and its timelines as CSV (dutydesk-csv(5)): every
 * entry with its whole call record, every event of an incident.  Columns are
 * only ever added at the end, so that scripts reading by position keep
 * working. */
#include "io/exchange_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/csvio.h"

const char *const exchange_log_header[EXCHANGE_LOG_COLS] = {
	"id", "incident", "occurred_at", "recorded_at", "kind", "subkind", "source", "caller",
	"callback", "readback", "summary", "original_summary", "group", "operator",
	"significant", "drill", "status", "closed_at", "unverified",
	/* The call record beyond the row (log_handling_get). */
	"notes", "proposal", "instruction", "result", "handled_by", "handled_at",
	"resolution", "closed_by", "amendment_reasons", "amended_by",
};

/* The call record both files give an entry, in their order: kind, subkind,
 * source, caller, call-back number, read back (NULL: six empty cells). */
#define CALL_CELLS 6
static void call_cells(const struct log_entry *e, const char *cells[CALL_CELLS])
{
	cells[0] = e ? log_kind_name(e->kind) : "";
	cells[1] = e ? e->subkind : "";
	cells[2] = e ? e->source : "";
	cells[3] = e ? e->caller : "";
	cells[4] = e ? e->callback : "";
	cells[5] = e ? (e->readback ? "1" : "0") : "";
}

int exchange_log_row(struct store *st, FILE *out, const struct log_entry *e,
		     struct dd_err *err)
{
	char id[24], inc[24], occ[DDTIME_BUFSZ], rec[DDTIME_BUFSZ], closed[DDTIME_BUFSZ] = "";
	char handled[DDTIME_BUFSZ] = "";
	const char *cells[EXCHANGE_LOG_COLS];
	struct log_handling h;

	if (log_handling_get(st, e, &h, err) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", e->id);
	snprintf(inc, sizeof inc, "%lld", e->incident);
	cells[0] = id;
	cells[1] = inc;
	cells[2] = ddtime_format(e->occurred_at, DDTIME_ISO, occ);
	cells[3] = ddtime_format(e->recorded_at, DDTIME_ISO, rec);
	call_cells(e, cells + 4);
	cells[10] = e->summary;
	cells[11] = e->original;
	cells[12] = e->group;
	cells[13] = e->operator_name;
	cells[14] = e->significant ? "1" : "0";
	cells[15] = e->drill ? "1" : "0";
	cells[16] = e->closed ? "closed" : "open";
	cells[17] = e->closed ? ddtime_format(e->closed_at, DDTIME_ISO, closed) : "";
	cells[18] = e->unverified ? "1" : "0";
	cells[19] = h.notes;
	cells[20] = h.proposal;
	cells[21] = h.instruction;
	cells[22] = h.result;
	cells[23] = h.handled_by;
	cells[24] = h.handled_at ? ddtime_format(h.handled_at, DDTIME_ISO, handled) : "";
	cells[25] = h.resolution;
	cells[26] = h.closed_by;
	cells[27] = h.amend_reasons;
	cells[28] = h.amended_by;
	csvio_write_row(out, cells, EXCHANGE_LOG_COLS);
	log_handling_clear(&h);
	return 0;
}

struct each {
	struct store *st;
	FILE *out;
	struct dd_err *err;
	int failed;
};

static int each_row(const struct log_entry *e, void *ctx)
{
	struct each *x = ctx;

	if (exchange_log_row(x->st, x->out, e, x->err) < 0)
		x->failed = 1;
	return x->failed;
}

int exchange_log_export(struct store *st, FILE *out, struct dd_err *err)
{
	struct each x = {st, out, err, 0};
	struct log_filter f;

	log_filter_init(&f);
	f.drill = -1;
	csvio_write_row(out, exchange_log_header, EXCHANGE_LOG_COLS);
	if (log_each(st, &f, each_row, &x, err) < 0)
		return -1;
	return x.failed ? -1 : 0;
}

const char *const exchange_timeline_header[EXCHANGE_TIMELINE_COLS] = {
	"event_id", "at", "elapsed_s", "entry_id", "type", "actor", "text", "detail", "drill",
	"unverified",
	/* The entry's call record on its 'created' row; an amendment's parts. */
	"kind", "subkind", "source", "caller", "callback", "readback", "significant",
	"reason", "previous",
};

int exchange_timeline_row(struct store *st, FILE *out, const struct log_event *ev,
			  long long elapsed, struct dd_err *err)
{
	char id[24], entry[24], when[DDTIME_BUFSZ], secs[24];
	const char *cells[EXCHANGE_TIMELINE_COLS];
	struct log_entry e = {0};
	int created = strcmp(ev->type, "created") == 0 && ev->entry_id;

	if (created && log_get(st, ev->entry_id, &e, err) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", ev->id);
	snprintf(entry, sizeof entry, "%lld", ev->entry_id);
	snprintf(secs, sizeof secs, "%lld", elapsed);
	cells[0] = id;
	cells[1] = ddtime_format(ev->at, DDTIME_ISO, when);
	cells[2] = secs;
	cells[3] = entry;
	cells[4] = ev->type;
	cells[5] = ev->actor;
	cells[6] = ev->text;
	cells[7] = ev->detail;
	cells[8] = ev->drill ? "1" : "0";
	cells[9] = ev->unverified ? "1" : "0";
	call_cells(created ? &e : NULL, cells + 10);
	cells[16] = created ? (e.significant ? "1" : "0") : "";
	cells[17] = ev->reason ? ev->reason : "";
	cells[18] = ev->previous ? ev->previous : "";
	csvio_write_row(out, cells, EXCHANGE_TIMELINE_COLS);
	log_entry_clear(&e);
	return 0;
}
