/* err.c — error values and checked allocation. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(struct dd_err *err, enum dd_code code, enum dd_about about, const char *fmt,
		 va_list ap) __attribute__((format(printf, 4, 0)));

static void fill(struct dd_err *err, enum dd_code code, enum dd_about about, const char *fmt,
		 va_list ap)
{
	if (err) {
		err->code = code;
		err->about = about;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	}
}

int dd_fail(struct dd_err *err, enum dd_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fill(err, code, DD_ABOUT_NOTHING, fmt, ap);
	va_end(ap);
	return -1;
}

int dd_fail_about(struct dd_err *err, enum dd_code code, enum dd_about about, const char *fmt,
		  ...)
{
	va_list ap;

	va_start(ap, fmt);
	fill(err, code, about, fmt, ap);
	va_end(ap);
	return -1;
}

int dd_prefix(struct dd_err *err, const char *fmt, ...)
{
	if (err) {
		char head[256];
		size_t h, room = sizeof err->msg;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(head, sizeof head, fmt, ap);
		va_end(ap);
		/* "head: old message", cut to fit. */
		h = strlen(head);
		if (h + 2 >= room)
			h = room - 3;
		memmove(err->msg + h + 2, err->msg, room - h - 2);
		err->msg[room - 1] = '\0';
		memcpy(err->msg, head, h);
		err->msg[h] = ':';
		err->msg[h + 1] = ' ';
	}
	return -1;
}

void dd_clear(struct dd_err *err)
{
	if (err) {
		err->code = DD_OK;
		err->about = DD_ABOUT_NOTHING;
		err->msg[0] = '\0';
	}
}

int dd_exit_status(enum dd_code code)
{
	switch (code) {
	case DD_OK:        return 0;
	case DD_EINVAL:    return 2;
	case DD_ENOTFOUND: return 3;
	case DD_EDENIED:   return 4;
	case DD_EBUSY:     return 5;
	case DD_ETAMPER:   return 6;
	case DD_ESTORE:
	case DD_EIO:       return 1;
	}
	return 1;
}

static void *oom(size_t n)
{
	fprintf(stderr, "dutydesk: out of memory (%zu bytes)\n", n);
	abort();
}

void *dd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

void *dd_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom(n * size);
}

void *dd_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *dd_xstrdup(const char *s)
{
	return dd_xstrndup(s, strlen(s));
}

char *dd_xstrndup(const char *s, size_t n)
{
	char *p = dd_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
