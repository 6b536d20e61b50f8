/* exchange_contacts.h — the contacts import's two halves (core-internal):
 * reading and checking the rows (exchange_esc.c), writing them
 * (exchange_contacts_write.c). */
#ifndef DUTYDESK_EXCHANGE_CONTACTS_H
#define DUTYDESK_EXCHANGE_CONTACTS_H

#include <stdint.h>

#include "io/exchange_internal.h"

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
