/* fuzz_csv.c — libFuzzer target: the CSV import path (csvio.c and the
 * checks of every importable kind) on an in-memory database with the
 * shipped data.
 *
 * The first byte picks the kind (roster, contacts, rules, schedule); the
 * rest is the file.  Every import is a dry run, so the database is the same
 * for every input.  Besides the sanitizers, it holds that a file is either
 * imported without a problem or refused with its problems, each a valid
 * UTF-8 line naming the file, and never leaves a transaction open. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ddtime.h"
#include "desk/desk.h"
#include "io/exchange.h"
#include "domain/person.h"
#include "base/text.h"
#include "store/store_sql.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static struct actor admin;

static void die(const char *what, const struct dd_err *err)
{
	fprintf(stderr, "fuzz_csv: %s: %s\n", what, err->msg);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct dd_err err;

	(void)argc;
	(void)argv;
	setenv("TZ", "CST-8", 1);
	ddtime_fix_now(1639616400);  /* 2021-12-16T09:00+08:00 */
	if (desk_open(&st, ":memory:", 1, NULL, &err) < 0)
		die("opening an in-memory database", &err);
	if (person_find(st, "周凯琳", &admin, &err) < 0)
		die("finding the office's director", &err);
	return 0;
}

static const enum exchange_kind kinds[] = {
	EXCHANGE_ROSTER, EXCHANGE_CONTACTS, EXCHANGE_RULES, EXCHANGE_SCHEDULE,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvio_report rep;
	struct exchange_counts counts;
	struct dd_err err = {0};
	enum exchange_kind kind;
	FILE *in;
	int rc;

	if (size < 1)
		return 0;
	kind = kinds[data[0] % (sizeof kinds / sizeof kinds[0])];
	/* fmemopen refuses a zero-sized buffer: an empty file is /dev/null. */
	in = size > 1 ? fmemopen((void *)(data + 1), size - 1, "r") : fopen("/dev/null", "r");
	if (!in)
		abort();
	csvio_report_init(&rep, "fuzz.csv");
	rc = exchange_import(st, &admin, kind, in, 1, &rep, &counts, &err);
	fclose(in);
	if (rc == 0 && rep.count != 0)
		abort(); /* imported although problems were found */
	for (int i = 0; i < rep.count && i < CSVIO_PROBLEMS_MAX; i++) {
		const unsigned char *m = (const unsigned char *)rep.msg[i];
		if (!text_valid_utf8(rep.msg[i], strlen(rep.msg[i])) ||
		    strncmp(rep.msg[i], "fuzz.csv:", 9) != 0)
			abort(); /* a message a terminal would garble, or unplaced */
		for (; *m; m++)
			if (*m < 0x20 || *m == 0x7f ||
			    (m[0] == 0xc2 && m[1] >= 0x80 && m[1] <= 0x9f))
				abort(); /* a control character: two lines, or terminal codes */
	}
	if (rc < 0 && !err.msg[0])
		abort(); /* refused without saying why */
	csvio_report_free(&rep);
	if (!sqlite3_get_autocommit(store_db(st)))
		abort(); /* a transaction was left open */
	return 0;
}
