/* csvio.h — CSV in and out, through libcsv.
 *
 * Reading is strict and bounded: invalid UTF-8, NUL bytes, fields over
 * CSVIO_FIELD_MAX bytes and unclosed quotes are problems reported as
 * "FILE:LINE: field: what".  Spaces around unquoted fields are kept (libcsv
 * trims them by default), so that export and import round-trip.  Writing
 * quotes a field only when RFC 4180 needs it. */
#ifndef DUTYDESK_CSVIO_H
#define DUTYDESK_CSVIO_H

#include <stdio.h>

#include "base/err.h"

#define CSVIO_FIELD_MAX (64 * 1024)
#define CSVIO_FIELDS_MAX 64
#define CSVIO_PROBLEMS_MAX 50

struct csvio_row {
	const char *const *field;  /* NUL-terminated UTF-8 */
	int n;
	long line;                 /* line the row starts on, from 1 */
};

/* Problems found while reading, for a person to fix in the file. */
struct csvio_report {
	const char *file;
	const char *const *header; /* names for "field" in messages, or NULL */
	int nheader;
	int count;                 /* all problems, even past the ones kept */
	char *msg[CSVIO_PROBLEMS_MAX];
	/* Called before each problem is recorded (unless NULL): a reader that
	 * keeps rows back to write them together checks them first, so that
	 * the problems stay in the order of the lines. */
	void (*before_problem)(void *ctx);
	void *before_ctx;
};

void csvio_report_init(struct csvio_report *rep, const char *file);
void csvio_report_free(struct csvio_report *rep);
/* Record "FILE:LINE: FIELD: what"; `col` < 0 when no field applies. */
void csvio_problem(struct csvio_report *rep, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Print every problem, one per line, and a count of those not kept. */
void csvio_report_print(const struct csvio_report *rep, FILE *out);

/* Row callback: return 0 to go on, -1 to stop reading (err filled). */
typedef int (*csvio_row_fn)(const struct csvio_row *row, void *ctx, struct dd_err *err);

/* Read all rows of `in`.  A row with a bad field is reported and skipped;
 * a syntax error (unclosed quote) ends the reading.  Returns 0 when the
 * file was read to the end (check rep->count), -1 when the callback stopped
 * it or the file could not be read. */
int csvio_read(FILE *in, struct csvio_report *rep, csvio_row_fn fn, void *ctx,
	       struct dd_err *err);

/* Check a header row against the expected column names. */
int csvio_expect_header(const struct csvio_row *row, const char *const *names, int n,
			struct csvio_report *rep);

/* Writing. */
void csvio_write_row(FILE *out, const char *const *field, int n);
void csvio_write_bom(FILE *out);

#endif
