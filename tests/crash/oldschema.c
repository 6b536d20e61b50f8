/* oldschema.c — make a database as an older dutydesk left it, for the tests
 * that upgrade one (tests/cli/crash.sh).
 *
 *   oldschema PATH VERSION ENTRIES
 *
 * creates PATH at schema VERSION with the shipped data of that version and
 * ENTRIES calls in the log, each through the real log_add, by 旧版值班员.
 * Operators of an old desk had no PINs: the desk it makes lets them act
 * without one (operator-pin optional), so that a `log add --operator
 * 旧版值班员` upgrades it.  Prints the schema version this build would
 * upgrade it to. */
#include <stdio.h>
#include <stdlib.h>

#include "desk/desk.h"
#include "domain/log.h"
#include "domain/person.h"
#include "store/store.h"
#include "store/store_sql.h"

static int die(const char *what, const struct dd_err *err)
{
	fprintf(stderr, "oldschema: %s: %s\n", what, err->msg);
	return 1;
}

int main(int argc, char **argv)
{
	struct store *st;
	struct dd_err err;
	struct actor who;
	int version, entries;

	if (argc != 4) {
		fprintf(stderr, "usage: oldschema PATH VERSION ENTRIES\n");
		return 2;
	}
	version = atoi(argv[2]);
	entries = atoi(argv[3]);
	if (store_open_at_version(&st, argv[1], version, &err) < 0)
		return die("creating the database", &err);
	if (desk_seed(st, NULL, &err) < 0 ||
	    person_add(st, NULL, "旧版值班员", NULL, ACCESS_OPERATOR, NULL, &err) < 0 ||
	    person_identify(st, "旧版值班员", &who, &err) < 0) {
		store_close(st);
		return die("loading the shipped data", &err);
	}
	who.verified = 1;   /* as old versions wrote: no unverified mark */
	if (store_meta_set(st, "setting.operator-pin", "optional", &err) < 0) {
		store_close(st);
		return die("letting operators act without a PIN", &err);
	}
	for (int i = 1; i <= entries; i++) {
		char summary[64];
		struct log_new n = {.kind = LOG_CALL, .summary = summary, .source = "旧版"};
		snprintf(summary, sizeof summary, "旧版来电 %d", i);
		if (log_add(st, &who, &n, NULL, &err) < 0) {
			store_close(st);
			return die("adding an entry", &err);
		}
	}
	if (store_schema_version(st) != version) {
		fprintf(stderr, "oldschema: the database is at schema %d, not %d\n",
			store_schema_version(st), version);
		store_close(st);
		return 1;
	}
	store_close(st);
	printf("%d\n", store_schema_latest());
	return 0;
}
