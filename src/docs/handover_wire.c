/* handover_wire.c — the handover sheet as a stream of fields, between
 * dutydesk and its PDF writer (dutydesk-pdf).
 *
 * The PDF is typeset in a program of its own so that the pango and cairo
 * stack is loaded only when a PDF is made, not by every command.  The sheet
 * goes to it whole on its standard input: a first line naming the format,
 * then every field the PDF shows, in a fixed order; a number is its decimal
 * digits and a newline, a string its length in bytes, a newline, its bytes
 * and a newline (so any byte may be in it).  Both ends are in this file.
 *
 * After the first line come the document's options: their number, then
 * each as a name and a value (two strings).  Any document the writer makes
 * (the handover sheet, and the daily report should it be printed) asks for
 * them the same way, by filling the struct's fields before it is written:
 *   watermark  text drawn large and diagonally across every page, light
 *              grey, under the content ("演练 DRILL" on a drill's sheet)
 *   banner     a marker line, bold and red, at the top of the first page
 *              and after the signatures (the text form has it too)
 * A name the writer does not know is read and left alone, so that a newer
 * dutydesk can ask an older writer for more. */
#include "docs/handover.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

#define WIRE_MAGIC "dutydesk-handover 2"
#define WIRE_MAGIC_1 "dutydesk-handover 1"
#define WIRE_OPTIONS_MAX 64
/* Bounds a damaged stream cannot make us allocate past. */
#define WIRE_STR_MAX (16 << 20)
#define WIRE_COUNT_MAX 10000000

/* ---- writing ---- */

static void put_num(FILE *out, long long v)
{
	fprintf(out, "%lld\n", v);
}

static void put_str(FILE *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	fprintf(out, "%zu\n", n);
	if (n)
		fwrite(s, 1, n, out);
	fputc('\n', out);
}

int handover_wire_write(const struct handover *h, FILE *out)
{
	const long long nums[] = {
		h->from, h->to, h->as_of, h->shift_id, h->taskforce, h->mode_since,
		h->mode_trigger, h->entries, h->significant, h->open_incidents, h->esc_overdue,
		h->esc_pending, h->esc_done, h->tasks_overdue, h->gaps,
	};

	fputs(WIRE_MAGIC "\n", out);
	put_num(out, 2);
	put_str(out, "watermark");
	put_str(out, h->watermark);
	put_str(out, "banner");
	put_str(out, h->banner);
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		put_num(out, nums[i]);
	put_str(out, h->period_text);
	put_str(out, h->chain_head);
	put_str(out, h->town);
	put_str(out, h->as_of_text);
	put_str(out, h->outgoing);
	put_str(out, h->incoming);
	put_str(out, h->leader);
	put_str(out, h->notes);
	put_num(out, h->signing.done);
	put_num(out, h->signing.event_id);
	put_num(out, h->signing.at);
	put_str(out, h->signing.outgoing);
	put_str(out, h->signing.incoming);
	put_num(out, h->nsections);
	for (int i = 0; i < h->nsections; i++) {
		const struct handover_section *s = &h->sections[i];
		put_str(out, s->key);
		put_str(out, s->title);
		put_str(out, s->summary);
		put_str(out, s->text);
		put_num(out, s->ncols);
		for (int c = 0; c < s->ncols; c++) {
			put_str(out, s->cols[c].title);
			put_num(out, s->cols[c].width);
			put_num(out, s->cols[c].weight);
			put_num(out, s->cols[c].right);
		}
		put_num(out, s->nrows);
		for (int r = 0; r < s->nrows; r++) {
			put_num(out, s->rows[r].flag);
			put_num(out, s->rows[r].ref);
			for (int c = 0; c < s->ncols; c++)
				put_str(out, s->rows[r].cells[c]);
		}
	}
	fflush(out);
	return ferror(out) ? -1 : 0;
}

/* ---- reading ---- */

struct reader {
	FILE *in;
	int bad;
};

static long long get_num(struct reader *r)
{
	char buf[32];
	char *end;
	long long v;

	if (r->bad || !fgets(buf, sizeof buf, r->in)) {
		r->bad = 1;
		return 0;
	}
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno || end == buf || *end != '\n')
		r->bad = 1;
	return r->bad ? 0 : v;
}

static long long get_count(struct reader *r)
{
	long long n = get_num(r);

	if (n < 0 || n > WIRE_COUNT_MAX)
		r->bad = 1;
	return r->bad ? 0 : n;
}

static char *get_str(struct reader *r)
{
	long long n = get_num(r);
	char *s;

	if (n < 0 || n > WIRE_STR_MAX)
		r->bad = 1;
	if (r->bad)
		return dd_xstrdup("");
	s = dd_xmalloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, r->in) != (size_t)n || fgetc(r->in) != '\n')
		r->bad = 1;
	s[r->bad ? 0 : n] = '\0';
	return s;
}

/* A string into a fixed buffer of the struct (cut if it does not fit). */
static void get_into(struct reader *r, char *buf, size_t size)
{
	char *s = get_str(r);

	snprintf(buf, size, "%s", s);
	free(s);
}

static void read_section(struct reader *r, struct handover_section *s)
{
	struct handover_column *cols;

	s->key = get_str(r);
	s->title = get_str(r);
	s->summary = get_str(r);
	s->text = get_str(r);
	s->ncols = (int)get_count(r);
	cols = dd_xcalloc((size_t)s->ncols + 1, sizeof *cols);
	s->cols = cols;
	for (int c = 0; c < s->ncols && !r->bad; c++) {
		cols[c].title = get_str(r);
		cols[c].width = (int)get_num(r);
		cols[c].weight = (int)get_num(r);
		cols[c].right = (int)get_num(r);
	}
	s->nrows = (int)get_count(r);
	s->rows = dd_xcalloc((size_t)s->nrows + 1, sizeof *s->rows);
	for (int i = 0; i < s->nrows; i++) {
		struct handover_row *row = &s->rows[i];
		row->flag = (int)get_num(r);
		row->ref = get_num(r);
		row->cells = dd_xcalloc((size_t)s->ncols + 1, sizeof *row->cells);
		for (int c = 0; c < s->ncols; c++)
			row->cells[c] = get_str(r);
		if (r->bad) {
			s->nrows = i + 1;
			return;
		}
	}
}

/* The document's options (see the head of this file). */
static void read_options(struct reader *r, struct handover *h)
{
	long long n = get_count(r);

	if (n > WIRE_OPTIONS_MAX)
		r->bad = 1;
	for (long long i = 0; i < n && !r->bad; i++) {
		char *name = get_str(r), *value = get_str(r);
		if (strcmp(name, "watermark") == 0)
			snprintf(h->watermark, sizeof h->watermark, "%s", value);
		else if (strcmp(name, "banner") == 0)
			snprintf(h->banner, sizeof h->banner, "%s", value);
		free(name);
		free(value);
	}
}

int handover_wire_read(FILE *in, struct handover **out, struct dd_err *err)
{
	struct reader r = {.in = in};
	struct handover *h = dd_xcalloc(1, sizeof *h);
	long long *nums[] = {
		&h->from, &h->to, &h->as_of, &h->shift_id, NULL, &h->mode_since,
		&h->mode_trigger, &h->entries, &h->significant, &h->open_incidents,
		&h->esc_overdue, &h->esc_pending, &h->esc_done, &h->tasks_overdue, &h->gaps,
	};
	char magic[64];

	*out = NULL;
	if (!fgets(magic, sizeof magic, in) || (strcmp(magic, WIRE_MAGIC "\n") != 0 &&
						 strcmp(magic, WIRE_MAGIC_1 "\n") != 0)) {
		free(h);
		return dd_fail(err, DD_EINVAL, _("not a handover sheet from this dutydesk"));
	}
	if (strcmp(magic, WIRE_MAGIC "\n") == 0)
		read_options(&r, h);
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		long long v = get_num(&r);
		if (nums[i])
			*nums[i] = v;
		else
			h->taskforce = (int)v;
	}
	get_into(&r, h->period_text, sizeof h->period_text);
	get_into(&r, h->chain_head, sizeof h->chain_head);
	get_into(&r, h->town, sizeof h->town);
	get_into(&r, h->as_of_text, sizeof h->as_of_text);
	get_into(&r, h->outgoing, sizeof h->outgoing);
	get_into(&r, h->incoming, sizeof h->incoming);
	get_into(&r, h->leader, sizeof h->leader);
	h->notes = get_str(&r);
	h->signing.done = (int)get_num(&r);
	h->signing.event_id = get_num(&r);
	h->signing.at = get_num(&r);
	get_into(&r, h->signing.outgoing, sizeof h->signing.outgoing);
	get_into(&r, h->signing.incoming, sizeof h->signing.incoming);
	h->nsections = (int)get_count(&r);
	h->sections = dd_xcalloc((size_t)h->nsections + 1, sizeof *h->sections);
	for (int i = 0; i < h->nsections; i++) {
		read_section(&r, &h->sections[i]);
		if (r.bad) {
			h->nsections = i + 1;
			break;
		}
	}
	if (r.bad) {
		handover_wire_free(h);
		return dd_fail(err, DD_EINVAL, _("the handover sheet came cut short or damaged"));
	}
	*out = h;
	return 0;
}

void handover_wire_free(struct handover *h)
{
	if (!h)
		return;
	for (int i = 0; i < h->nsections; i++) {
		struct handover_section *s = &h->sections[i];
		for (int r = 0; r < s->nrows; r++) {
			for (int c = 0; c < s->ncols; c++)
				free(s->rows[r].cells[c]);
			free(s->rows[r].cells);
		}
		for (int c = 0; c < s->ncols; c++)
			free((char *)s->cols[c].title);
		free((void *)s->cols);
		free(s->rows);
		free((char *)s->key);
		free((char *)s->title);
		free(s->summary);
		free(s->text);
	}
	free(h->sections);
	free(h->notes);
	free(h);
}
