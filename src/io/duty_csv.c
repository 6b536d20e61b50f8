/* duty_csv.c — the duty schedule as CSV: start,end,operator,leader,note.
 *
 * Export writes the schedule as it stands (cancelled shifts left out, the
 * operator effectively on duty), so that importing it into another desk gives
 * the same schedule.  Import checks the whole file first, against the roster
 * and the schedule, and writes all of it in one transaction or nothing. */
#include "io/duty_csv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/act.h"
#include "base/i18n.h"
#include "domain/duty_internal.h"

static const char *const header[] = {"start", "end", "operator", "leader", "note"};
#define NCOLS ((int)(sizeof header / sizeof header[0]))
enum { COL_START, COL_END, COL_OPERATOR, COL_LEADER, COL_NOTE };

int duty_export_csv(struct store *st, FILE *out, struct dd_err *err)
{
	struct duty_shift *v;
	int n;

	if (duty_list(st, 0, (dd_time)1 << 62, 0, &v, &n, err) < 0)
		return -1;
	csvio_write_row(out, header, NCOLS);
	for (int i = 0; i < n; i++) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ];
		const char *cells[] = {ddtime_format(v[i].start, DDTIME_ISO, a),
				       ddtime_format(v[i].end, DDTIME_ISO, b), v[i].operator_name,
				       v[i].leader_name, v[i].note};
		csvio_write_row(out, cells, NCOLS);
	}
	duty_shifts_free(v, n);
	if (fflush(out) != 0 || ferror(out))
		return dd_fail(err, DD_EIO, _("writing the duty schedule failed"));
	return 0;
}

struct irow {
	long line;
	dd_time start, end;
	struct actor op, lead;
	char *note;
};

struct importer {
	struct store *st;
	struct csvio_report *rep;
	int header_seen, header_bad;
	int rows;
	struct irow *v;
	int n;
};

static int parse_time(const char *s, dd_time *out, struct dd_err *err)
{
	/* A file holds times, not words such as "now". */
	if (!isdigit((unsigned char)s[0]))
		return dd_fail(err, DD_EINVAL, _("'%s' is not a time: write it as "
						 "2021-12-15T08:30 (local time)"), s);
	return ddtime_parse(s, out, err);
}

/* The same person twice at once in the file itself. */
static void check_file_overlap(struct importer *im, const struct irow *r)
{
	for (int i = 0; i < im->n; i++) {
		const struct irow *o = &im->v[i];
		char span[96];
		if (o->op.id != r->op.id || o->start >= r->end || o->end <= r->start)
			continue;
		duty_span_text(o->start, o->end, span, sizeof span);
		csvio_problem(im->rep, r->line, COL_OPERATOR,
			      _("%s is also on duty %s (line %ld); one person cannot be on two "
				"shifts at once"), r->op.name, span, o->line);
		return;
	}
}

/* 0: the row is good; 1: its problems are reported; -1: the store failed. */
static int check_row(struct importer *im, const struct csvio_row *row, struct irow *r,
		     struct dd_err *err)
{
	const char *const *f = row->field;
	struct dd_err e;
	int before = im->rep->count, times = 1;

	if (parse_time(f[COL_START], &r->start, &e) < 0) {
		csvio_problem(im->rep, row->line, COL_START, "%s", e.msg);
		times = 0;
	}
	if (parse_time(f[COL_END], &r->end, &e) < 0) {
		csvio_problem(im->rep, row->line, COL_END, "%s", e.msg);
		times = 0;
	}
	if (times && duty_check_span(r->start, r->end, &e) < 0)
		csvio_problem(im->rep, row->line, COL_END, "%s", e.msg);
	if (person_find(im->st, f[COL_OPERATOR], &r->op, &e) < 0)
		csvio_problem(im->rep, row->line, COL_OPERATOR, "%s", e.msg);
	if (*f[COL_LEADER] && person_find(im->st, f[COL_LEADER], &r->lead, &e) < 0)
		csvio_problem(im->rep, row->line, COL_LEADER, "%s", e.msg);
	if (act_check_text(_("the note"), f[COL_NOTE], 0, DUTY_NOTE_MAX, &e) < 0)
		csvio_problem(im->rep, row->line, COL_NOTE, "%s", e.msg);
	if (im->rep->count != before)
		return 1;
	check_file_overlap(im, r);
	if (duty_check_free(im->st, r->op.id, r->start, r->end, 0, 0, &e) < 0) {
		if (e.code != DD_EINVAL) {
			if (err)
				*err = e;
			return -1;
		}
		csvio_problem(im->rep, row->line, COL_OPERATOR, "%s", e.msg);
	}
	return im->rep->count != before ? 1 : 0;
}

static int on_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct importer *im = ctx;
	struct irow r;
	int rc;

	if (!im->header_seen) {
		im->header_seen = 1;
		if (csvio_expect_header(row, header, NCOLS, im->rep) < 0)
			im->header_bad = 1;
		return 0;
	}
	if (im->header_bad)
		return 0;
	im->rows++;
	if (row->n != NCOLS) {
		csvio_problem(im->rep, row->line, -1,
			      _("the row has %d fields; expected %d (start,end,operator,leader,"
				"note)"), row->n, NCOLS);
		return 0;
	}
	memset(&r, 0, sizeof r);
	r.line = row->line;
	rc = check_row(im, row, &r, err);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	r.note = dd_xstrdup(row->field[COL_NOTE]);
	im->v = dd_xrealloc(im->v, (size_t)(im->n + 1) * sizeof *im->v);
	im->v[im->n++] = r;
	return 0;
}

static int write_all(struct importer *im, const struct actor *by, struct dd_err *err)
{
	if (store_begin(im->st, err) < 0)
		return -1;
	for (int i = 0; i < im->n; i++) {
		const struct irow *r = &im->v[i];
		/* The store may have changed since the check: check again. */
		if (duty_check_free(im->st, r->op.id, r->start, r->end, 0, 0, err) < 0 ||
		    duty_insert(im->st, by, r->start, r->end, &r->op, &r->lead, r->note, "import",
				NULL, err) < 0) {
			store_rollback(im->st);
			return dd_prefix(err, _("%s:%ld: nothing was imported"), im->rep->file,
					 r->line);
		}
	}
	return store_commit(im->st, err);
}

int duty_import_csv(struct store *st, const struct actor *by, FILE *in, int dry_run,
		    struct csvio_report *rep, int *rows, struct dd_err *err)
{
	struct importer im = {.st = st, .rep = rep};
	int rc = 0;

	if (rows)
		*rows = 0;
	if (!dry_run && auth_require(st, by, ACCESS_SUPERVISOR, _("importing the duty schedule"),
				       err) < 0)
		return -1;
	if (csvio_read(in, rep, on_row, &im, err) < 0)
		rc = -1;
	else if (!im.header_seen)
		csvio_problem(rep, 1, -1, _("the file is empty; it needs the header row "
					    "start,end,operator,leader,note"));
	if (rows)
		*rows = im.rows;
	if (rc == 0 && rep->count > 0)
		rc = dd_fail(err, DD_EINVAL, _("%s: %d problem(s) in the duty schedule; nothing "
					       "was imported"), rep->file, rep->count);
	if (rc == 0 && !dry_run)
		rc = write_all(&im, by, err);
	for (int i = 0; i < im.n; i++)
		free(im.v[i].note);
	free(im.v);
	return rc;
}
