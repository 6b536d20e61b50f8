/* exchange.c — CSV in and out: the kinds, the log's columns, and what every
 * import shares (header, field checks, the transaction and its event). */
#define _GNU_SOURCE /* fopencookie */
#include "io/exchange_internal.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "domain/act.h"
#include "domain/duty.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/jsonw.h"
#include "store/store_sql.h"

static const char *const kind_names[] = {"roster", "contacts", "rules", "schedule", "log"};

const char *exchange_kind_name(enum exchange_kind k)
{
	return (unsigned)k < EXCHANGE_KIND_COUNT ? kind_names[k] : "?";
}

int exchange_kind_parse(const char *s, enum exchange_kind *out)
{
	for (int i = 0; s && i < EXCHANGE_KIND_COUNT; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum exchange_kind)i;
			return 0;
		}
	}
	return -1;
}

int exchange_can_import(enum exchange_kind k)
{
	return k == EXCHANGE_ROSTER || k == EXCHANGE_CONTACTS || k == EXCHANGE_RULES ||
	       k == EXCHANGE_SCHEDULE;
}

int exchange_export(struct store *st, enum exchange_kind kind, FILE *out, int bom,
		    struct dd_err *err)
{
	int rc;

	if (bom)
		csvio_write_bom(out);
	switch (kind) {
	case EXCHANGE_ROSTER: rc = exchange_roster_export(st, out, err); break;
	case EXCHANGE_CONTACTS: rc = exchange_contacts_export(st, out, err); break;
	case EXCHANGE_RULES: rc = exchange_rules_export(st, out, err); break;
	case EXCHANGE_SCHEDULE: rc = duty_export_csv(st, out, err); break;
	case EXCHANGE_LOG: rc = exchange_log_export(st, out, err); break;
	default: return dd_fail(err, DD_EINVAL, _("there is nothing called that to export"));
	}
	if (rc < 0)
		return -1;
	if (fflush(out) != 0 || ferror(out))
		return dd_fail(err, DD_EIO, _("writing the %s failed"), exchange_kind_name(kind));
	return 0;
}

/* The file as it is read, hashed on the way: its SHA-256 goes into the
 * counts once its end is reached, so that the event names the very bytes
 * imported. */
struct hashed {
	FILE *in;
	crypto_hash_sha256_state h;
	struct exchange_counts *c;
	int done;
};

static ssize_t hashed_read(void *cookie, char *buf, size_t size)
{
	struct hashed *hr = cookie;
	size_t n = fread(buf, 1, size, hr->in);

	if (n > 0) {
		crypto_hash_sha256_update(&hr->h, (const unsigned char *)buf, n);
	} else if (!ferror(hr->in) && !hr->done) {
		unsigned char d[crypto_hash_sha256_BYTES];
		crypto_hash_sha256_final(&hr->h, d);
		sodium_bin2hex(hr->c->sha256, sizeof hr->c->sha256, d, sizeof d);
		hr->done = 1;
	}
	return ferror(hr->in) ? -1 : (ssize_t)n;
}

static int import_kind(struct store *st, const struct actor *by, enum exchange_kind kind,
		       FILE *in, unsigned flags, struct csvio_report *rep,
		       struct exchange_counts *counts, struct dd_err *err)
{
	int rows = 0, rc, dry_run = (flags & EXCHANGE_DRY_RUN) != 0;

	switch (kind) {
	case EXCHANGE_ROSTER:
		return exchange_roster_import(st, by, in, flags, rep, counts, err);
	case EXCHANGE_CONTACTS:
		return exchange_contacts_import(st, by, in, dry_run, rep, counts, err);
	case EXCHANGE_RULES:
		return exchange_rules_import(st, by, in, dry_run, rep, counts, err);
	case EXCHANGE_SCHEDULE:
		rc = duty_import_csv(st, by, in, dry_run, rep, &rows, err);
		counts->rows = rows;
		counts->added = rows;
		return rc;
	default:
		return dd_fail(err, DD_EINVAL, _("the %s cannot be imported, only exported"),
			       exchange_kind_name(kind));
	}
}

int exchange_import(struct store *st, const struct actor *by, enum exchange_kind kind,
		    FILE *in, unsigned flags, struct csvio_report *rep,
		    struct exchange_counts *counts, struct dd_err *err)
{
	struct hashed hr = {.in = in, .c = counts};
	cookie_io_functions_t io = {.read = hashed_read};
	FILE *f;
	int rc;

	memset(counts, 0, sizeof *counts);
	crypto_hash_sha256_init(&hr.h);
	if (!(f = fopencookie(&hr, "r", io)))
		return dd_fail(err, DD_EIO, _("cannot set up the CSV reader"));
	rc = import_kind(st, by, kind, f, flags, rep, counts, err);
	fclose(f);
	return rc;
}

int exchange_counts_any(const struct exchange_counts *c)
{
	return c->added || c->changed || c->removed || c->posts_added || c->handovers ||
	       c->vacated || c->relabelled || c->liaisons || c->groups;
}

char *exchange_counts_text(enum exchange_kind kind, const struct exchange_counts *c)
{
	char buf[2048];
	size_t n;

	if (kind == EXCHANGE_ROSTER)
		n = (size_t)snprintf(buf, sizeof buf,
				     _("%d row(s): %d person(s) added, %d changed; %d post(s) "
				       "added, %d changed hands, %d vacated, %d relabelled"),
				     c->rows, c->added, c->changed, c->posts_added, c->handovers,
				     c->vacated, c->relabelled);
	else if (kind == EXCHANGE_SCHEDULE)
		n = (size_t)snprintf(buf, sizeof buf, _("%d shift(s)"), c->rows);
	else
		n = (size_t)snprintf(buf, sizeof buf,
				     _("%d row(s): %d added, %d changed, %d removed"), c->rows,
				     c->added, c->changed, c->removed);
	if (kind == EXCHANGE_ROSTER && c->liaisons && n < sizeof buf)
		n += (size_t)snprintf(buf + n, sizeof buf - n,
				      _("; %d unit liaison(s) or deputies in charge changed"),
				      c->liaisons);
	if (kind == EXCHANGE_ROSTER && c->groups && n < sizeof buf)
		n += (size_t)snprintf(buf + n, sizeof buf - n,
				      _("; %d group(s) with a new heading, other names, note or "
					"succession sentence"), c->groups);
	if (kind == EXCHANGE_ROSTER && c->vacated && n < sizeof buf)
		n += (size_t)snprintf(buf + n, sizeof buf - n, _("; vacated: %s"),
				      c->vacated_names);
	if (c->kept && n < sizeof buf)
		snprintf(buf + n, sizeof buf - n,
			 _("; %d not in the file kept because rules or the log refer to them "
			   "(%s)"), c->kept, c->kept_names);
	return dd_xstrdup(buf);
}

/* Reading a file. */

void xfile_init(struct xfile *x, struct store *st, struct csvio_report *rep,
		const struct xcol *cols, int ncols)
{
	memset(x, 0, sizeof *x);
	x->st = st;
	x->rep = rep;
	x->cols = cols;
	x->ncols = ncols;
	for (int i = 0; i < CSVIO_FIELDS_MAX; i++)
		x->pos[i] = -1;
}

void xfile_free(struct xfile *x)
{
	if (x->rep && x->rep->header == (const char *const *)x->names) {
		x->rep->header = NULL;
		x->rep->nheader = 0;
	}
	for (int i = 0; i < x->nnames; i++)
		free(x->names[i]);
	x->nnames = 0;
}

static void expected_columns(const struct xfile *x, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < x->ncols && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "," : "", x->cols[i].name);
}

static void read_header(struct xfile *x, const struct csvio_row *row)
{
	char cols[512];
	int missing = 0;

	x->header_seen = 1;
	x->header_line = row->line;
	for (int i = 0; i < row->n; i++)
		x->names[x->nnames++] = xtrim(row->field[i]);
	x->rep->header = (const char *const *)x->names;
	x->rep->nheader = x->nnames;
	expected_columns(x, cols, sizeof cols);
	for (int i = 0; i < x->nnames; i++) {
		int k;
		for (k = 0; k < x->ncols; k++)
			if (strcmp(x->names[i], x->cols[k].name) == 0)
				break;
		if (k == x->ncols) {
			csvio_problem(x->rep, row->line, i, _("no such column; the columns are %s"),
				      cols);
			x->header_bad = 1;
		} else if (x->pos[k] >= 0) {
			csvio_problem(x->rep, row->line, i, _("the column is there twice"));
			x->header_bad = 1;
		} else {
			x->pos[k] = i;
		}
	}
	for (int k = 0; k < x->ncols; k++)
		missing += x->pos[k] < 0 && !x->cols[k].optional;
	if (missing > 2) {
		/* Another kind of file, most likely: say it once. */
		csvio_problem(x->rep, row->line, -1, _("this is not the header of this kind of "
						       "file; its columns are %s"), cols);
		x->header_bad = 1;
		return;
	}
	for (int k = 0; k < x->ncols; k++) {
		if (x->pos[k] < 0 && !x->cols[k].optional) {
			csvio_problem(x->rep, row->line, -1, _("%s: missing from the header; the "
							       "columns are %s"), x->cols[k].name,
				      cols);
			x->header_bad = 1;
		}
	}
}

int xfile_row(struct xfile *x, const struct csvio_row *row)
{
	if (!x->header_seen) {
		read_header(x, row);
		return 0;
	}
	if (x->header_bad)
		return 0;
	x->rows++;
	if (row->n < x->nnames) {
		/* Name the first column the row lacks. */
		csvio_problem(x->rep, row->line, row->n, _("missing: the row has %d fields; the "
							   "header has %d"), row->n, x->nnames);
		return 0;
	}
	if (row->n > x->nnames) {
		csvio_problem(x->rep, row->line, x->nnames, _("extra field: the row has %d fields; "
							      "the header has %d (a comma inside "
							      "a field needs quotes)"),
			      row->n, x->nnames);
		return 0;
	}
	return 1;
}

void xempty(struct xfile *x)
{
	char cols[512];

	if (x->header_seen && !x->header_bad && x->rows == 0)
		/* Surely a slip: it would empty the table. */
		csvio_problem(x->rep, x->header_line, -1, _("the file has a header but no rows; "
							    "importing it would remove every one"));
	if (x->header_seen)
		return;
	expected_columns(x, cols, sizeof cols);
	csvio_problem(x->rep, 1, -1, _("the file is empty; it needs the header row %s"), cols);
}

const char *xfield(const struct xfile *x, const struct csvio_row *row, int col)
{
	int p = x->pos[col];
	return p >= 0 && p < row->n ? row->field[p] : "";
}

void xproblem(struct xfile *x, long line, int col, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	int p = col >= 0 ? x->pos[col] : -1;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (col >= 0 && p < 0) {
		/* The column is not in the file: name it all the same. */
		csvio_problem(x->rep, line, -1, "%s: %s", x->cols[col].name, what);
		return;
	}
	csvio_problem(x->rep, line, p, "%s", what);
}

static size_t space_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if ((unsigned char)s[0] == 0xe3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

char *xtrim(const char *s)
{
	size_t n, k;

	while ((k = space_at(s)) > 0)
		s += k;
	n = strlen(s);
	for (;;) {
		if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return dd_xstrndup(s, n);
}

char *xtext(const char *s)
{
	char *out = dd_xstrdup(s), *w = out;

	for (const char *r = s; *r; r++)
		if (!(r[0] == '\r' && r[1] == '\n'))
			*w++ = *r;
	*w = '\0';
	return out;
}

int xcheck_text(struct xfile *x, long line, int col, const char *s, size_t max,
		int multiline)
{
	size_t n = strlen(s);
	int wide_control = 0;

	if (n > max) {
		xproblem(x, line, col, _("%zu bytes long; the most is %zu"), n, max);
		return -1;
	}
	/* One pass over the bytes: C0 and DEL here; C1 (U+0080-U+009F: C2 80-9F)
	 * and the bidirectional controls (U+202A-U+202E, U+2066-U+2069: E2 80 AA-AE,
	 * E2 81 A6-A9) only begin with C2 or E2, so that text_check_typed is asked
	 * only of a text that holds one of these bytes. */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != 0x7f) {
			wide_control |= ch == 0xc2 || ch == 0xe2;
			continue;
		}
		if (!(multiline && (ch == '\n' || ch == '\r' || ch == '\t'))) {
			xproblem(x, line, col, multiline
				 ? _("holds a control character (byte 0x%02x)")
				 : _("holds a line break or another control character (byte "
				     "0x%02x); this field is one line"), ch);
			return -1;
		}
	}
	if (wide_control &&
	    text_check_typed("", s, multiline ? TEXT_LINES | TEXT_TABS : 0, NULL) < 0) {
		/* What is left: C1 and bidirectional controls. */
		xproblem(x, line, col, _("holds a control character that would act on the "
					 "screen (C1 or a bidirectional override)"));
		return -1;
	}
	return 0;
}

int xparse_int(struct xfile *x, long line, int col, const char *s, long min, long max,
	       long *out)
{
	char *end;
	long v;

	if (!*s) {
		xproblem(x, line, col, _("empty; give a number from %ld to %ld"), min, max);
		return -1;
	}
	v = strtol(s, &end, 10);
	if (*end || s[0] == '+' || s[0] == ' ' || v < min || v > max) {
		xproblem(x, line, col, _("'%s' is not a number from %ld to %ld"), s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Length of a separator between numbers at `s`: ; , 、 ； ， or a newline. */
static size_t number_sep(const char *s)
{
	static const char *const seps[] = {";", ",", "\n", "\r", "\xe3\x80\x81", "\xef\xbc\x9b",
					   "\xef\xbc\x8c"};
	unsigned char c = (unsigned char)*s;

	if (c != ';' && c != ',' && c != '\n' && c != '\r' && c != 0xe3 && c != 0xef)
		return 0;       /* what most bytes are: no separator begins with them */
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strncmp(s, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* Digits, + - ( ) # * spaces, and an extension after x or 转. */
static int number_ok(const char *s, size_t n)
{
	int digits = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= '0' && ch <= '9')
			digits++;
		else if (strchr("+-()#* xX", ch) && ch)
			;
		else if (i + 3 <= n && memcmp(s + i, "\xe8\xbd\xac", 3) == 0) /* 转 */
			i += 2;
		else
			return 0;
	}
	return digits >= 3;
}

/* Is `one` a number of the canonical list of the first `len` bytes of
 * `canon`? */
static int number_in_len(const char *canon, size_t len, const char *one)
{
	size_t n = strlen(one);

	for (const char *p = canon; p + n <= canon + len; p++) {
		if (memcmp(p, one, n) != 0)
			continue;
		if ((p == canon || (p - canon >= 2 && p[-2] == ';')) &&
		    (p + n == canon + len || p[n] == ';'))
			return 1;
	}
	return 0;
}

int xparse_numbers(struct xfile *x, long line, int col, const char *s, char **out)
{
	char *buf = dd_xmalloc(strlen(s) * 2 + 1);

	if (xparse_numbers_into(x, line, col, s, buf) < 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

const char *xtrim_span(const char *s, size_t *n)
{
	size_t k;

	while (*n > 0 && (k = space_at(s)) > 0 && k <= *n) {
		s += k;
		*n -= k;
	}
	for (;;) {
		if (*n >= 1 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
			(*n)--;
		else if (*n >= 3 && memcmp(s + *n - 3, "\xe3\x80\x80", 3) == 0)
			*n -= 3;
		else
			return s;
	}
}

int xparse_numbers_into(struct xfile *x, long line, int col, const char *s, char *buf)
{
	size_t len = 0;
	const char *p = s;

	buf[0] = '\0';
	while (*p) {
		size_t k = 0, n, sep;
		const char *one;
		while (p[k] && !number_sep(p + k))
			k++;
		n = k;
		one = xtrim_span(p, &n);
		if (n && (n > XNUMBER_MAX || !number_ok(one, n))) {
			char *t = dd_xstrndup(one, n);
			xproblem(x, line, col, _("'%s' is not a phone number (digits, with + - ( ) "
						 "and spaces; several separated by ;)"), t);
			free(t);
			return -1;
		}
		if (n) {
			/* The number as the list's next item, then whether it was there. */
			char *item = buf + len + (len ? 2 : 0);
			memmove(item, one, n);
			item[n] = '\0';
			if (number_in_len(buf, len, item)) {
				xproblem(x, line, col, _("the number %s is there twice"), item);
				buf[len] = '\0';
				return -1;
			}
			if (len)
				memcpy(buf + len, "; ", 2);
			len += n + (len ? 2 : 0);
		}
		p += k;
		if ((sep = number_sep(p)) > 0)
			p += sep;
	}
	return 0;
}

int xeach_number(const char *canon, int (*each)(const char *number, int seq, void *ctx),
		 void *ctx)
{
	const char *p = canon;
	int seq = 0;

	while (*p) {
		const char *e = strstr(p, "; ");
		size_t k = e ? (size_t)(e - p) : strlen(p);
		char *one = dd_xstrndup(p, k);
		int rc = each(one, ++seq, ctx);
		free(one);
		if (rc < 0)
			return -1;
		p += k;
		if (e)
			p += 2;
	}
	return 0;
}

/* Applying. */

static int fail_problems(struct xfile *x, struct dd_err *err)
{
	return dd_fail(err, DD_EINVAL, _("%s: %d problem(s); nothing was imported"),
		       x->rep->file, x->rep->count);
}

static int record(struct store *st, const struct actor *by, enum exchange_kind kind,
		  const char *file, const struct exchange_counts *c, struct dd_err *err)
{
	struct jsonw body;
	char *text = exchange_counts_text(kind, c);
	int rc;

	jsonw_init(&body);
	jsonw_str(&body, "what", exchange_kind_name(kind));
	jsonw_str(&body, "file", file);
	if (c->sha256[0])
		jsonw_str(&body, "sha256", c->sha256);
	jsonw_int(&body, "rows", c->rows);
	jsonw_int(&body, "added", c->added);
	jsonw_int(&body, "changed", c->changed);
	jsonw_int(&body, "removed", c->removed);
	jsonw_int(&body, "kept", c->kept);
	if (kind == EXCHANGE_ROSTER) {
		jsonw_int(&body, "posts_added", c->posts_added);
		jsonw_int(&body, "handovers", c->handovers);
		jsonw_int(&body, "vacated", c->vacated);
		jsonw_int(&body, "relabelled", c->relabelled);
		jsonw_int(&body, "liaisons", c->liaisons);
		jsonw_int(&body, "groups", c->groups);
	}
	jsonw_str(&body, "text", text);
	rc = act_event(st, by, "imported", &body, NULL, err);
	free(text);
	return rc;
}

int xrun(struct xfile *x, const struct actor *by, enum exchange_kind kind, int dry_run,
	 xapply_fn apply, void *ctx, struct exchange_counts *c, struct dd_err *err)
{
	c->rows = x->rows;
	if (x->rep->count > 0)
		return fail_problems(x, err);
	if (store_begin(x->st, err) < 0)
		return -1;
	if (apply(ctx, c, err) < 0) {
		store_rollback(x->st);
		return -1;
	}
	if (x->rep->count > 0) {
		store_rollback(x->st);
		return fail_problems(x, err);
	}
	if (dry_run || !exchange_counts_any(c)) {
		/* Nothing to keep: a dry run, or the database matches already. */
		store_rollback(x->st);
		return 0;
	}
	if (record(x->st, by, kind, x->rep->file, c, err) < 0) {
		store_rollback(x->st);
		return -1;
	}
	return store_commit(x->st, err);
}
