/* handover.h — the shift handover (交接班) and its sheet (交接班记录).
 *
 * At the end of a shift the outgoing operator hands over to the incoming
 * one; the sheet makes the "三清" (situation, problems and tasks all clear):
 * the mode and since when, the shift's period, both operators and the leader
 * on duty, the entries of the shift, every incident still open, the
 * escalations overdue, pending and done in the shift, the assigned tasks
 * overdue, the gaps of the duty schedule ahead, the notes, and the signature
 * lines.
 *
 * handover_build() reads the store once into a `struct handover`; the
 * renderers (text for the screen, PDF for the printer, the terminal UI) only
 * read that struct.  Its lists are sections of rows of cells, each section
 * with its columns: a renderer lays every section out the same way.  The
 * sheet is a document of the office: its text is Chinese and never
 * translated.
 *
 * Signing (handover_sign) is one event on the chain ('handover'), with both
 * operators, when, the notes and a hash of the sheet as it was signed.  A
 * period is handed over once.  A signed period's sheet describes the state at
 * the moment of signing and shows who signed and when; an unsigned one has
 * empty signature lines to sign on paper.
 *
 * Times are the desk's (ddtime.h): seconds since the epoch, shown in local
 * time.  Drill entries and notifications never appear on the sheet. */
#ifndef DUTYDESK_HANDOVER_H
#define DUTYDESK_HANDOVER_H

#include <stddef.h>
#include <stdio.h>

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/chain.h"
#include "store/store.h"

/* Width of the text sheet in display columns (Chinese counts two). */
#define HANDOVER_WIDTH 80
/* Without a shift on duty, the period is the last this many hours. */
#define HANDOVER_DEFAULT_HOURS 12
#define HANDOVER_NOTE_MAX 4000

/* A column of a section's table. */
struct handover_column {
	const char *title;   /* "编号", "时间", "内容" … */
	int width;           /* display columns on the text sheet; 0: the one column
			      * that takes the rest of the line and wraps */
	int weight;          /* its share of the PDF table's width (relative) */
	int right;           /* right-aligned */
};

/* A row of a section's table. */
struct handover_row {
	char **cells;        /* one string per column; the wrapping column's text
			      * may hold '\n' between its lines */
	int flag;            /* stands out: significant entry, overdue escalation
			      * or task (text: '*', PDF: bold with a red mark) */
	long long ref;       /* the entry, notification or task (0: none) */
};

struct handover_section {
	const char *key;     /* "entries", "open", "escalations", "tasks", "gaps",
			      * "notes": for programs */
	const char *title;   /* the heading: "本班值班记录" */
	char *summary;       /* after the heading: "共 12 条", "无" */
	int ncols;           /* 0 for a section of prose (notes) */
	const struct handover_column *cols;
	struct handover_row *rows;
	int nrows;
	char *text;          /* prose sections: the text ("" when none) */
};

/* The signatures: both operators sign at once, at the shared terminal. */
struct handover_signing {
	int done;                              /* 0: not signed: empty lines */
	long long event_id;                    /* the 'handover' event */
	dd_time at;
	char outgoing[PERSON_NAME_MAX * 4];    /* 交班人 */
	char incoming[PERSON_NAME_MAX * 4];    /* 接班人 */
};

struct handover {
	dd_time from, to;          /* the period handed over: [from, to) */
	dd_time as_of;             /* the state described: the signing, else
				    * now or the period's end if it is over */
	long long shift_id;        /* the scheduled shift it is (0: none) */
	char period_text[2 * DDTIME_BUFSZ + 8];  /* "2021-12-16 08:00 至 16:00" */
	char as_of_text[DDTIME_BUFSZ];

	int taskforce;             /* the real mode at as_of */
	dd_time mode_since;        /* 0: normal since the start */
	long long mode_trigger;    /* the entry that started the task force */

	/* As scheduled (or as signed once signed); "" when unknown. */
	char outgoing[PERSON_NAME_MAX * 4];
	char incoming[PERSON_NAME_MAX * 4];
	char leader[PERSON_NAME_MAX * 4];  /* 带班领导 of the shift */

	/* Headline figures (the UI's summary line). */
	long long entries, significant;
	long long open_incidents;
	long long esc_overdue, esc_pending, esc_done;
	long long tasks_overdue;
	long long gaps;

	char *notes;               /* 交接事项 ("" when none) */

	struct handover_section *sections;  /* in the sheet's order */
	int nsections;
	struct handover_signing signing;
	/* The chain's head as the sheet was made (before its signing, once
	 * signed), as printed: `dutydesk check --head` finds it later. */
	char chain_head[2 * CHAIN_HEAD_PRINTED + 1];
	char town[80];             /* the desk's town (domain/town.h) */
};

/* The period handed over by default at `now`: the shift on duty (duty.h),
 * else the last HANDOVER_DEFAULT_HOURS hours.  When `outgoing` names a
 * person (may be NULL) and the shift on duty is not theirs, their own shift
 * that ended within the last HANDOVER_DEFAULT_HOURS hours is taken instead:
 * an operator who signs just after the end of their shift hands over that
 * shift, not the next one. */
int handover_default_period(struct store *st, dd_time now, const char *outgoing,
			    dd_time *from, dd_time *to, struct dd_err *err);

/* Build the sheet of [from, to); both 0 for the default period.  A period
 * that has not begun is refused (DD_EINVAL), so is an empty one.  Entries are
 * read in one streamed pass (no paging, no OFFSET): a shift of ten thousand
 * entries costs ten thousand rows.  Free with handover_free. */
int handover_build(struct store *st, dd_time from, dd_time to, struct handover **out,
		   struct dd_err *err);

/* Put the notes (交接事项) on a sheet that is not signed (the signed one keeps
 * those signed with).  `note` may be NULL or "". */
void handover_set_notes(struct handover *h, const char *note);

/* Sign the handover of [from, to) (both 0: the default period of the
 * outgoing operator): build the sheet, record the 'handover' event with both
 * operators and `note`, in one transaction.  The incoming operator must have
 * proved their own PIN (auth_check: incoming->verified); the outgoing one is
 * who acts, marked unverified when they did not.  Refused (DD_EDENIED) when
 * the two are the same person, or when the period is already handed over
 * (naming who signed and when).  *out (may be NULL) receives the signed sheet. */
int handover_sign(struct store *st, const struct actor *outgoing, const struct actor *incoming,
		  dd_time from, dd_time to, const char *note, struct handover **out,
		  struct dd_err *err);

/* The section called `key`, or NULL. */
const struct handover_section *handover_section(const struct handover *h, const char *key);

void handover_free(struct handover *h);

/* The sheet as text of HANDOVER_WIDTH display columns (every line fits,
 * Chinese counted as two; tables' columns line up).  Returns 0, or -1 when
 * writing failed (errno tells). */
int handover_write_text(const struct handover *h, FILE *out);
/* The same as a malloc'd string. */
char *handover_text(const struct handover *h);

/* 1 when this dutydesk can write PDF (built with cairo and pango). */
int handover_pdf_available(void);

/* The sheet as an A4 PDF at `path` (replaced whole, mode 0600): typeset with pango in Noto
 * Sans/Serif CJK SC, its tables ruled, their header rows repeated on every
 * page, "第 N 页 / 共 M 页" at the foot of each page, and the signature lines
 * on the last.  Made by the PDF writer, dutydesk-pdf, a program of its own
 * started without a shell (so that only it loads pango and cairo).  DD_EIO
 * when the file cannot be written or the writer is not installed, DD_EINVAL
 * when PDF support is not built in. */
int handover_write_pdf(const struct handover *h, const char *path, struct dd_err *err);
/* The same to `out`; `name` names it in messages. */
int handover_write_pdf_to(const struct handover *h, FILE *out, const char *name,
			  struct dd_err *err);

/* The sheet as the PDF writer (dutydesk-pdf) reads it on its standard
 * input: every field the PDF shows.  handover_wire_write returns -1 when
 * writing failed.  A sheet read back is freed with handover_wire_free (its
 * columns and keys are its own, not the builder's). */
int handover_wire_write(const struct handover *h, FILE *out);
int handover_wire_read(FILE *in, struct handover **out, struct dd_err *err);
void handover_wire_free(struct handover *h);

/* Send the PDF at `pdf_path` to the printer with CUPS's `lp` (spawned, no
 * shell): to `printer`, or the default destination when NULL.  `job`
 * (may be NULL) receives lp's request id ("pdf-12").  Fails with DD_EIO and
 * a message that says what is missing: no `lp` command (CUPS not
 * installed), the print service not running, no default printer, or no
 * printer of that name; else lp's own words. */
int handover_print(const char *pdf_path, const char *printer, char *job, size_t jobsz,
		   struct dd_err *err);

/* The printers CUPS knows (`lpstat -e`, spawned, no shell), in its order,
 * into *names (free with handover_printers_free); *def is the index of the
 * default destination (`lpstat -d`), -1 when there is none.  No printer at
 * all is not an error (*n 0).  DD_EIO, saying what is missing, when CUPS is
 * not installed or its print service is not running. */
int handover_printers(char ***names, int *n, int *def, struct dd_err *err);
void handover_printers_free(char **names, int n);

#endif
