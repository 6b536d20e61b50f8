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
 * What a sheet holds is what was RECORDED in its shift (the time of each
 * entry's 'created' event on the chain), whatever time an entry claims to
 * have happened: an entry written in a shift but dated before it is on the
 * sheet of the shift that wrote it, with its claimed time shown.  A sheet
 * signed before its shift ended holds what was recorded up to its signing;
 * what was recorded after goes on the next sheet (the one that begins where
 * the signed period ends, or inside it), and handover_after_signature()
 * gives it meanwhile.  Each sheet also lists what stands out: significant
 * entries and every positive case (重要情况), and the changes of mode, zones
 * and checkpoints of its shift.
 *
 * Times are the desk's (ddtime.h): seconds since the epoch, shown in local
 * time.  A real sheet never shows drill entries or notifications; the
 * drill's sheet (handover_build_drill) shows only those, marked 演练 on
 * every page. */
#ifndef DUTYDESK_HANDOVER_H
#define DUTYDESK_HANDOVER_H

#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"
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
	struct dd_arena cells;  /* where the rows' cells are kept, freed with the sheet */
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
	char period_text[2 * DDTIME_BUFSZ + 32];  /* "2021-12-16 08:00 至 16:00" */
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

	/* What the sheet holds: entries recorded from cover_from (before
	 * `from` when the sheet before it was signed early: then only those
	 * with an id above after_id) up to the period's end, of ids up to
	 * last_entry (0: any; signed: the last entry at the signing). */
	dd_time cover_from;
	long long after_id, last_entry;
	int drill;                 /* the drill's sheet */
	int continuation;          /* what was recorded after the last signature */
	long long positives;       /* positive cases recorded in the shift */
	long long changes;         /* changes of mode, zones and checkpoints */

	/* Options of the printed document (any document the PDF writer
	 * makes, see handover_wire.c): a text drawn diagonally across every
	 * page, and a marker line at the top and at the end ("" for none). */
	char watermark[64];
	char banner[256];

	struct handover_section *sections;  /* in the sheet's order */
	int nsections;
	struct handover_signing signing;
	/* The chain's head as the sheet was made (before its signing, once
	 * signed), as printed: `dutydesk check --head` finds it later. */
	char chain_head[2 * CHAIN_HEAD_PRINTED + 1];
	char town[80];             /* the desk's town (domain/town.h) */
};

/* The period handed over by default at `now`.  When `outgoing` names a
 * person (may be NULL): the earliest of their shifts that ended within the
 * last HANDOVER_DEFAULT_HOURS hours and is not signed yet (someone who
 * works two shifts in a row hands over the one that ended, not the new
 * empty one; then the next).  Else the shift on duty (duty.h) when it is
 * theirs (or nobody is named); else their own latest shift ended within
 * those hours (signed: it is shown as signed); else the shift on duty, or
 * without one the last HANDOVER_DEFAULT_HOURS hours. */
int handover_default_period(struct store *st, dd_time now, const char *outgoing,
			    dd_time *from, dd_time *to, struct dd_err *err);

/* Is [from, to) handed over (signed)? */
int handover_is_signed(struct store *st, dd_time from, dd_time to, int *yes,
		       struct dd_err *err);

/* Build the sheet of [from, to); both 0 for the default period.  A period
 * that has not begun is refused (DD_EINVAL), so is an empty one.  Entries are
 * read in one streamed pass (no paging, no OFFSET): a shift of ten thousand
 * entries costs ten thousand rows.  Free with handover_free. */
int handover_build(struct store *st, dd_time from, dd_time to, struct handover **out,
		   struct dd_err *err);

/* The drill's sheet of [from, to) (both 0: the default period): its
 * entries, its mode and notifications, with the watermark "演练 DRILL" and
 * a marker line at the top and the end.  It is never signed. */
int handover_build_drill(struct store *st, dd_time from, dd_time to, struct handover **out,
			 struct dd_err *err);

/* What was recorded after the last signature (at `now`): a sheet from the
 * last signing to now holding the entries recorded since (those not on any
 * signed sheet), marked as a continuation; *out is NULL when nothing was
 * ever signed. */
int handover_after_signature(struct store *st, dd_time now, struct handover **out,
			     struct dd_err *err);

/* The text of one section (its heading and table) as the text sheet
 * writes it, malloc'd; "" when there is no such section. */
char *handover_section_text(const struct handover *h, const char *key);

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
