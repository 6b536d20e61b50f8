/* jsonw.c — a JSON object writer for event bodies. */
#include "base/jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

static void put(struct jsonw *j, const char *s, size_t n)
{
	if (j->len + n + 2 > j->cap) {
		j->cap = (j->len + n + 2) * 2;
		j->buf = dd_xrealloc(j->buf, j->cap);
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void put_string(struct jsonw *j, const char *s)
{
	put(j, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char esc[8];
		switch (*p) {
		case '"':  put(j, "\\\"", 2); break;
		case '\\': put(j, "\\\\", 2); break;
		case '\n': put(j, "\\n", 2); break;
		case '\r': put(j, "\\r", 2); break;
		case '\t': put(j, "\\t", 2); break;
		default:
			if (*p < 0x20) {
				snprintf(esc, sizeof esc, "\\u%04x", *p);
				put(j, esc, 6);
			} else {
				put(j, (const char *)p, 1);
			}
		}
	}
	put(j, "\"", 1);
}

static void key(struct jsonw *j, const char *k)
{
	if (j->fields++ > 0)
		put(j, ",", 1);
	put_string(j, k);
	put(j, ":", 1);
}

void jsonw_init(struct jsonw *j)
{
	memset(j, 0, sizeof *j);
	put(j, "{", 1);
}

void jsonw_str(struct jsonw *j, const char *k, const char *val)
{
	if (!val)
		return;
	key(j, k);
	put_string(j, val);
}

void jsonw_int(struct jsonw *j, const char *k, long long val)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%lld", val);
	key(j, k);
	put(j, num, (size_t)n);
}

const char *jsonw_done(struct jsonw *j)
{
	put(j, "}", 1);
	return j->buf;
}

void jsonw_free(struct jsonw *j)
{
	free(j->buf);
	memset(j, 0, sizeof *j);
}
