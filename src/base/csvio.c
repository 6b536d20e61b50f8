/* csvio.c — strict, bounded CSV reading and RFC 4180 writing with libcsv. */
#include "base/csvio.h"

#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"

/* libcsv grows a field without bound: refuse growth far past the cap. */
#define PARSER_LIMIT (CSVIO_FIELD_MAX * 4)

static void *bounded_realloc(void *p, size_t n)
{
	return n > PARSER_LIMIT ? NULL : realloc(p, n);
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

void csvio_report_init(struct csvio_report *rep, const char *file)
{
	memset(rep, 0, sizeof *rep);
	rep->file = file;
}

void csvio_report_free(struct csvio_report *rep)
{
	for (int i = 0; i < rep->count && i < CSVIO_PROBLEMS_MAX; i++)
		free(rep->msg[i]);
	rep->count = 0;
}

/* A message quotes the file's text: no control characters (C0, DEL, C1) in
 * it, which would break the one-problem-a-line report or drive the terminal. */
static void defang(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*p = '?';
		} else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p[0] = p[1] = '?';
			p++;
		}
	}
}

void csvio_problem(struct csvio_report *rep, long line, int col, const char *fmt, ...)
{
	char what[512], *msg;
	const char *field = NULL;
	char colname[32];
	va_list ap;
	size_t n;

	if (rep->before_problem)
		rep->before_problem(rep->before_ctx);
	if (rep->count++ >= CSVIO_PROBLEMS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (col >= 0) {
		if (rep->header && col < rep->nheader) {
			field = rep->header[col];
		} else {
			snprintf(colname, sizeof colname, _("column %d"), col + 1);
			field = colname;
		}
	}
	n = strlen(rep->file) + strlen(what) + (field ? strlen(field) : 0) + 48;
	msg = dd_xmalloc(n);
	if (field)
		snprintf(msg, n, "%s:%ld: %s: %s", rep->file, line, field, what);
	else
		snprintf(msg, n, "%s:%ld: %s", rep->file, line, what);
	defang(msg);
	rep->msg[rep->count - 1] = msg;
}

void csvio_report_print(const struct csvio_report *rep, FILE *out)
{
	for (int i = 0; i < rep->count && i < CSVIO_PROBLEMS_MAX; i++)
		fprintf(out, "%s\n", rep->msg[i]);
	if (rep->count > CSVIO_PROBLEMS_MAX)
		fprintf(out, _("%s: … and %d more problems\n"), rep->file,
			rep->count - CSVIO_PROBLEMS_MAX);
}

struct reader {
	struct csvio_report *rep;
	csvio_row_fn fn;
	void *ctx;
	struct dd_err *err;
	char *field[CSVIO_FIELDS_MAX];
	size_t cap[CSVIO_FIELDS_MAX];  /* field[i] is kept from row to row, grown as needed */
	int n;
	int too_many;
	int bad;          /* the row has a reported problem: skip it */
	int started;      /* a row has begun */
	long start_line;
	long line;
	int stop;
};

static int formula_like(const char *s);

static void end_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
	const char *s = data ? data : "";

	if (r->stop)
		return;
	if (r->n >= CSVIO_FIELDS_MAX) {
		if (!r->too_many)
			csvio_problem(r->rep, r->start_line, -1,
				      _("more than %d fields in a row"), CSVIO_FIELDS_MAX);
		r->too_many = r->bad = 1;
		return;
	}
	if (len > CSVIO_FIELD_MAX) {
		csvio_problem(r->rep, r->start_line, r->n,
			      _("the field is %zu bytes long; the most is %d"), len,
			      CSVIO_FIELD_MAX);
		r->bad = 1;
	} else if (!text_valid_utf8(s, len)) {
		csvio_problem(r->rep, r->start_line, r->n,
			      memchr(s, 0, len) ? _("the field holds a NUL byte")
						: _("the field is not valid UTF-8 (save the "
						    "file as UTF-8)"));
		r->bad = 1;
	}
	/* The quote that writing put before a formula-like text (csvio_write_row). */
	if (len > 1 && s[0] == '\'' && !memchr(s, 0, len) && formula_like(s + 1)) {
		s++;
		len--;
	}
	if (len + 1 > r->cap[r->n]) {
		r->cap[r->n] = len + 1 > 64 ? len + 1 : 64;
		free(r->field[r->n]);
		r->field[r->n] = dd_xmalloc(r->cap[r->n]);
	}
	memcpy(r->field[r->n], s, len);
	r->field[r->n][len] = '\0';
	r->n++;
}

static void end_row(int c, void *vr)
{
	struct reader *r = vr;
	(void)c;

	if (!r->stop && !r->bad && r->n > 0) {
		struct csvio_row row = {
			.field = (const char *const *)r->field, .n = r->n, .line = r->start_line,
		};
		if (r->fn(&row, r->ctx, r->err) < 0)
			r->stop = 1;
	}
	r->n = 0;
	r->bad = r->too_many = 0;
	r->started = 0;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

int csvio_read(FILE *in, struct csvio_report *rep, csvio_row_fn fn, void *ctx,
	       struct dd_err *err)
{
	struct csv_parser p;
	struct reader r = {.rep = rep, .fn = fn, .ctx = ctx, .err = err};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return dd_fail(err, DD_EIO, _("cannot set up the CSV reader"));
	csv_set_space_func(&p, no_space);
	csv_set_realloc_func(&p, bounded_realloc);
	while ((len = getline(&line, &cap, in)) > 0 && !r.stop) {
		char *s = line;
		r.line++;
		if (r.line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3; /* a BOM, as spreadsheets write */
			len -= 3;
		}
		/* end_field names the field that holds a NUL byte. */
		if (memchr(s, 0, (size_t)len))
			r.bad = 1;
		if (!r.started && !is_blank(s, (size_t)len)) {
			r.started = 1;
			r.start_line = r.line;
		}
		if (csv_parse(&p, s, (size_t)len, end_field, end_row, &r) != (size_t)len) {
			int e = csv_error(&p);
			/* The field being read when it failed is the r.n-th. */
			csvio_problem(rep, r.start_line ? r.start_line : r.line, r.n, "%s",
				      e == CSV_ENOMEM
					      ? _("a field is far too long (over 64 KiB)")
					      : e == CSV_EPARSE
						? _("malformed quoting (a quote inside an unquoted "
						    "field, or text after a closing quote)")
						: csv_strerror(e));
			rc = -1;
			break;
		}
	}
	free(line);
	if (ferror(in)) {
		csv_free(&p);
		for (int i = 0; i < CSVIO_FIELDS_MAX; i++)
			free(r.field[i]);
		return dd_fail(err, DD_EIO, _("%s: read error"), rep->file);
	}
	if (rc == 0 && !r.stop &&
	    csv_fini(&p, end_field, end_row, &r) != 0)
		csvio_problem(rep, r.start_line, r.n,
			      _("a quoted field is never closed (a missing \")"));
	for (int i = 0; i < CSVIO_FIELDS_MAX; i++)
		free(r.field[i]);
	csv_free(&p);
	if (r.stop)
		return -1;
	return 0;
}

int csvio_expect_header(const struct csvio_row *row, const char *const *names, int n,
			struct csvio_report *rep)
{
	rep->header = names;
	rep->nheader = n;
	if (row->n != n) {
		csvio_problem(rep, row->line, -1, _("the header has %d columns; expected %d: %s…"),
			      row->n, n, names[0]);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (strcmp(row->field[i], names[i]) != 0) {
			csvio_problem(rep, row->line, i, _("header column %d is '%s'; expected '%s'"),
				      i + 1, row->field[i], names[i]);
			return -1;
		}
	}
	return 0;
}

static int needs_quotes(const char *s)
{
	if (!*s)
		return 0;
	if (s[0] == ' ' || s[strlen(s) - 1] == ' ')
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* Whether a spreadsheet would take `s` for a formula (=, +, -, @, or a tab
 * or carriage return before one), or `s` is a quote before such a text:
 * then it is written after one more quote, which reading takes away. */
static int formula_like(const char *s)
{
	while (*s == '\'')
		s++;
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

void csvio_write_row(FILE *out, const char *const *field, int n)
{
	for (int i = 0; i < n; i++) {
		const char *s = field[i] ? field[i] : "";
		char *q = NULL;
		if (i)
			fputc(',', out);
		if (formula_like(s)) {
			q = dd_xmalloc(strlen(s) + 2);
			q[0] = '\'';
			strcpy(q + 1, s);
			s = q;
		}
		if (needs_quotes(s))
			csv_fwrite(out, s, strlen(s));
		else
			fputs(s, out);
		free(q);
	}
	fputc('\n', out);
}

void csvio_write_bom(FILE *out)
{
	fputs("\xef\xbb\xbf", out);
}
