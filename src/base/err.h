/* err.h — errors as values: a status code and a message a person can act on.
 *
 * Every fallible function in the core takes a `struct dd_err *` (which may be
 * NULL when the caller does not care about the message) and returns 0 on
 * success or -1 on failure after filling it.  The front end decides whether the
 * message becomes a line on standard error or a line in the status bar. */
#ifndef DUTYDESK_ERR_H
#define DUTYDESK_ERR_H

#include <stddef.h>

enum dd_code {
	DD_OK = 0,
	DD_EINVAL,     /* bad input: a value the user can correct */
	DD_ENOTFOUND,  /* a named thing does not exist */
	DD_EDENIED,    /* refused: permission, guard or rule */
	DD_EBUSY,      /* the database stayed locked past the busy timeout */
	DD_ESTORE,     /* the database failed: full, read-only, corrupt, newer */
	DD_EIO,        /* a file or device outside the database failed */
	DD_ETAMPER,    /* integrity check found altered or missing records */
};

struct dd_err {
	enum dd_code code;
	char msg[512];
};

/* Fill `err` (if not NULL) with `code` and a printf-style message; returns -1
 * so that callers can write `return dd_fail(err, DD_EINVAL, "...")`. */
int dd_fail(struct dd_err *err, enum dd_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix an existing message with more context ("importing roster: ..."). */
int dd_prefix(struct dd_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void dd_clear(struct dd_err *err);

/* Exit status for a code, as documented in dutydesk(1). */
int dd_exit_status(enum dd_code code);

/* Allocation that cannot fail quietly: aborts with a message on exhaustion,
 * which is the only sane reaction in a program of this size. */
void *dd_xmalloc(size_t n);
void *dd_xcalloc(size_t n, size_t size);
void *dd_xrealloc(void *p, size_t n);
char *dd_xstrdup(const char *s);
char *dd_xstrndup(const char *s, size_t n);

#endif
