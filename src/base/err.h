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

/* What a failure is about, when a front end has advice of its own for it:
 * the message says what is wrong; where to look or what to type is the
 * front end's to say (the command line names its commands and options). */
enum dd_about {
	DD_ABOUT_NOTHING = 0,
	DD_ABOUT_OPERATOR,    /* nobody said who is at the desk */
	DD_ABOUT_GROUP,       /* no work group of that name */
	DD_ABOUT_TASK,        /* no task of that id */
	DD_ABOUT_MEETING,     /* no meeting of that id */
	DD_ABOUT_METRIC,      /* no metric of that name */
	DD_ABOUT_NO_DATABASE, /* the database file is not there */
	DD_ABOUT_FOREIGN_DB,  /* the file is not a dutydesk database */
	DD_ABOUT_NO_PDF,      /* this build writes no PDF */
	DD_ABOUT_PRINTER,     /* no printer named, and no default one */
	DD_ABOUT_EXISTS,      /* an output file is there already */
	DD_ABOUT_PLACE,       /* no village or community of that name */
	DD_ABOUT_VACATES,     /* an import would take people off the posts they hold */
};

struct dd_err {
	enum dd_code code;
	enum dd_about about;
	char msg[512];
};

/* Fill `err` (if not NULL) with `code` and a printf-style message; returns -1
 * so that callers can write `return dd_fail(err, DD_EINVAL, "...")`. */
int dd_fail(struct dd_err *err, enum dd_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, saying what the failure is about. */
int dd_fail_about(struct dd_err *err, enum dd_code code, enum dd_about about, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));

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
