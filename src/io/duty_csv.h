/* duty_csv.h — the duty schedule as CSV: start,end,operator,leader,note. */
#ifndef DUTYDESK_DUTY_CSV_H
#define DUTYDESK_DUTY_CSV_H

#include <stdio.h>

#include "base/csvio.h"
#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

/* The schedule as CSV (see dutydesk-csv(5)): export every shift, and import
 * a file of shifts, validated whole before anything is written (problems go
 * to `rep` as FILE:LINE: field: what), all or nothing, or only checked when
 * `dry_run`.  *rows counts the shifts the file holds. */
int duty_export_csv(struct store *st, FILE *out, struct dd_err *err);
int duty_import_csv(struct store *st, const struct actor *by, FILE *in, int dry_run,
		    struct csvio_report *rep, int *rows, struct dd_err *err);

#endif
