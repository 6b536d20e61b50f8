/* exchange_internal.h — what the CSV exchange's files share (core-internal).
 *
 * Every import goes the same way: the header row names the columns (in any
 * order; a column may be optional), each data row is checked on its own and
 * against the rows before it, and only then, inside one transaction, is the
 * database compared with the file and made to match it (xrun). */
#ifndef DUTYDESK_EXCHANGE_INTERNAL_H
#define DUTYDESK_EXCHANGE_INTERNAL_H

#include <stdint.h>

#include "io/duty_csv.h"
#include "io/exchange.h"

/* Longest text fields, in bytes. */
#define XNAME_MAX 200
#define XNOTE_MAX 2000
#define XNUMBER_MAX 40

struct xcol {
	const char *name;
	int optional;      /* the column may be left out of the file */
};

/* The file being imported: its columns and where the problems go. */
struct xfile {
	struct store *st;
	struct csvio_report *rep;
	const struct xcol *cols;
	int ncols;
	int pos[CSVIO_FIELDS_MAX];    /* logical column -> column in the file, or -1 */
	char *names[CSVIO_FIELDS_MAX]; /* the file's header, for messages */
	int nnames;
	int header_seen, header_bad;
	long header_line;
	int rows;                     /* data rows seen */
};

void xfile_init(struct xfile *x, struct store *st, struct csvio_report *rep,
		const struct xcol *cols, int ncols);
void xfile_free(struct xfile *x);

/* Feed a row: 1 when it is a data row of the right width to check, 0 when it
 * was the header or is unusable (its problem reported). */
int xfile_row(struct xfile *x, const struct csvio_row *row);

/* A logical column's field of a data row ("" when the column is left out). */
const char *xfield(const struct xfile *x, const struct csvio_row *row, int col);

/* Report a problem on a logical column (-1: the row as a whole). */
void xproblem(struct xfile *x, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A malloc'd copy of `s` without spaces (ASCII or U+3000) at either end. */
char *xtrim(const char *s);

/* `s`, `*n` bytes, without spaces (ASCII or U+3000) at either end: where
 * it starts, and its length in `*n`. */
const char *xtrim_span(const char *s, size_t *n);

/* A malloc'd copy of a text field with CR LF line ends made LF, as the desk
 * writes them (a spreadsheet on Windows writes CR LF inside a cell). */
char *xtext(const char *s);

/* Check a text field: no control characters (newlines and tabs allowed when
 * `multiline`), at most `max` bytes.  0, or -1 with the problem reported. */
int xcheck_text(struct xfile *x, long line, int col, const char *s, size_t max,
		int multiline);

/* A whole number in [min, max]; -1 with the problem reported. */
int xparse_int(struct xfile *x, long line, int col, const char *s, long min, long max,
	       long *out);

/* Phone numbers separated by ; , 、 (half- or full-width), each checked,
 * into canonical form "a; b" (malloc'd, "" for none).  -1 with the problem
 * reported. */
int xparse_numbers(struct xfile *x, long line, int col, const char *s, char **out);
/* The same into `buf`, of at least strlen(s) * 2 + 1 bytes. */
int xparse_numbers_into(struct xfile *x, long line, int col, const char *s, char *buf);

/* Run `each` for each number of a canonical list. */
int xeach_number(const char *canon, int (*each)(const char *number, int seq, void *ctx),
		 void *ctx);

/* After the reading: report a file without a header, or without a row. */
void xempty(struct xfile *x);

/* Compare the database with the file and make it match: `apply` runs inside
 * a transaction and may report problems; the transaction is kept only when
 * it found none, the import is not dry and something changed, and then one
 * 'imported' event with the counts goes on the chain. */
typedef int (*xapply_fn)(void *ctx, struct exchange_counts *c, struct dd_err *err);
int xrun(struct xfile *x, const struct actor *by, enum exchange_kind kind, int dry_run,
	 xapply_fn apply, void *ctx, struct exchange_counts *c, struct dd_err *err);

/* The units' liaisons and deputies in charge: contacts of a unit with one of
 * these roles, pointing at a person (exchange_liaison.c). */
enum { XLIAISON, XIN_CHARGE, XUNIT_ROLES };
extern const char *const xunit_role_words[XUNIT_ROLES];  /* 联络员, 分管领导 */

/* Units as a person lists them. */
struct xunits {
	char *text;        /* canonical "卫生院; 马剑村", "" for none */
	long long *ids;
	int n;
};
void xunits_free(struct xunits *u);

/* Units separated by ; , 、 (half- or full-width), each one of the roster's
 * and named once, into `out` (always filled; "" when the field has a
 * problem, which is reported).  -1 only when the database failed. */
int xparse_units(struct xfile *x, long line, int col, const char *s, struct xunits *out,
		 struct dd_err *err);

/* Whom the file names for a role: a person and their units. */
struct xholder {
	long long person_id;
	const struct xunits *units;
	long line;
};

/* Inside the import's transaction: make the contacts of `role` (XLIAISON,
 * XIN_CHARGE) match `v`; *changed counts the contacts set or vacated. */
int xunit_roles_apply(struct xfile *x, int role, const struct xholder *v, int n, int *changed,
		      struct dd_err *err);

/* The roster file's columns: read by exchange_roster.c, written by
 * exchange_roster_out.c.  The group's texts came last (exchange_groups.c). */
enum {
	XR_GROUP, XR_POST, XR_SEQ, XR_PERSON, XR_UNIT, XR_ACCESS, XR_PHONES, XR_LABEL,
	XR_LIAISON, XR_IN_CHARGE, XR_HEADING, XR_ALIASES, XR_NOTE, XR_SUCCESSION, XR_NCOLS
};
extern const struct xcol xroster_cols[XR_NCOLS];

/* A person's phones, "a; b" in the order they were given ("" for none). */
#define XPHONES_OF(p)                                                                    \
	"coalesce((SELECT group_concat(number, '; ') FROM (SELECT number FROM phone "    \
	"WHERE person_id = " p ".id ORDER BY id)), '')"

/* A group's other names, "a; b" in the order they were given. */
#define XALIASES_OF(g)                                                                   \
	"coalesce((SELECT group_concat(alias, '; ') FROM (SELECT alias FROM grp_alias "  \
	"WHERE grp_id = " g ".id ORDER BY rowid)), '')"

/* The groups' texts a roster file gives: heading, other names, note and
 * succession sentence, on every row that names the group (exchange_groups.c). */
struct xgroups;
struct xgroups *xgroups_new(void);
void xgroups_free(struct xgroups *gs);
/* Read the texts of group `grp_id` (called `name`) on `row`, if the file has
 * their columns; the same group on several rows must say the same. */
void xgroups_row(struct xfile *x, struct xgroups *gs, const struct csvio_row *row,
		 long long grp_id, const char *name);
/* Inside the import's transaction: give each group the file's texts;
 * *changed counts the groups changed.  An other name that is another
 * group's is a problem of the file. */
int xgroups_apply(struct xfile *x, struct xgroups *gs, int *changed, struct dd_err *err);

/* The per-kind halves (exchange_roster.c, exchange_esc.c). */
int exchange_roster_export(struct store *st, FILE *out, struct dd_err *err);
int exchange_roster_import(struct store *st, const struct actor *by, FILE *in, unsigned flags,
			   struct csvio_report *rep, struct exchange_counts *c,
			   struct dd_err *err);
int exchange_contacts_export(struct store *st, FILE *out, struct dd_err *err);
int exchange_contacts_import(struct store *st, const struct actor *by, FILE *in, int dry_run,
			     struct csvio_report *rep, struct exchange_counts *c,
			     struct dd_err *err);
int exchange_rules_export(struct store *st, FILE *out, struct dd_err *err);

/* Every entry of the log, drill ones included, oldest first (exchange_log.c). */
int exchange_log_export(struct store *st, FILE *out, struct dd_err *err);
int exchange_rules_import(struct store *st, const struct actor *by, FILE *in, int dry_run,
			  struct csvio_report *rep, struct exchange_counts *c,
			  struct dd_err *err);

/* ---- the contacts import's two halves: reading and checking the rows
 * (exchange_esc.c), writing them (exchange_contacts_write.c) ---- */

/* The contacts file's columns. */
enum { K_NAME, K_ORG, K_LEVEL, K_GROUP, K_UNIT, K_PERSON, K_ROLE, K_NUMBERS, K_NOTE, NK };

/* A contact's numbers as the file gives them, "a; b". */
#define NUMBERS_OF(c)                                                                    \
	"coalesce((SELECT group_concat(number, '; ') FROM (SELECT number FROM "          \
	"contact_number WHERE contact_id = " c ".id ORDER BY seq, id)), '')"

/* Rows without a problem wait in a batch of KBATCH and are written by one
 * statement: a statement's own work (its start and end, its cursors) is then
 * shared by the batch.  A problem of the file, wherever it is found, first
 * writes the rows that wait (xcontacts_flush through the report's
 * before_problem), so that the problems stay in the order of the lines. */
#define KBATCH 128
#define KNBATCH 128   /* numbers written by one statement */

struct kcontact {
	long line;
	const char *name, *org, *level, *role, *numbers, *note;
	long long grp_id, unit_id, person_id;
};

/* A checked row in the batch: its texts are at these offsets of `text`. */
struct kpending {
	long line;
	size_t name, org, level, role, numbers, note;
	long long grp_id, unit_id, person_id;
};

/* A number of a new contact, waiting to be written. */
struct knumber {
	long long contact_id;
	const char *number;
	int len, seq;
};

/* A name of the roster the file gives, looked up once. */
#define KNAMES 32
struct knames {
	char *name[KNAMES];
	long long id[KNAMES];
	int n;
};

struct kimport {
	struct xfile x;
	struct exchange_counts *c;
	long long last_id;   /* the largest contact id before the import */
	int32_t *old_line;   /* [id]: the line that named stored contact id, or 0 */
	int32_t *new_line;   /* [id - last_id - 1]: the line that added contact id */
	long long nnew, capnew;
	int failed;          /* the database failed: stop */
	struct dd_err ferr;  /* why, when it failed in xcontacts_flush from the report */
	char *row;           /* the current row's texts */
	size_t rowcap;
	struct kpending pend[KBATCH];
	int npend, flushing;
	char *text;          /* the texts of the rows in the batch */
	size_t tlen, tcap;
	struct knumber num[KNBATCH];
	int nnum;
	struct knames groups, units;
};

/* Write the rows that wait in the batch (every KBATCH rows, before any
 * problem is reported, and at the end of the file). */
int xcontacts_flush(struct kimport *im, struct dd_err *err);

/* The line that named contact `id` before, or 0. */
long xcontacts_line(const struct kimport *im, long long id);

/* The stored id of the contact called `name`, or 0. */
int xcontacts_id(struct store *st, const char *name, long long *id, struct dd_err *err);

/* Once the file is read, inside xrun: the contacts the file leaves out,
 * removed unless rules or the log use them. */
int xcontacts_removals(void *ctx, struct exchange_counts *c, struct dd_err *err);

#endif
