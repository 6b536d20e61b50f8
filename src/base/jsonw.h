/* jsonw.h — a JSON object writer for event bodies (core-internal).
 *
 * Event bodies are small flat objects of strings and integers; SQLite's JSON
 * functions read them back in queries. */
#ifndef DUTYDESK_JSONW_H
#define DUTYDESK_JSONW_H

#include <stddef.h>

struct jsonw {
	char *buf;
	size_t len, cap;
	int fields;
};

void jsonw_init(struct jsonw *j);
/* A string member; NULL values are skipped. */
void jsonw_str(struct jsonw *j, const char *key, const char *val);
void jsonw_int(struct jsonw *j, const char *key, long long val);
/* The finished object ("{...}"), owned by `j`. */
const char *jsonw_done(struct jsonw *j);
void jsonw_free(struct jsonw *j);

#endif
