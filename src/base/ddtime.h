/* ddtime.h — the desk's times: seconds since the epoch, shown in local time.
 *
 * Input is ISO 8601 (2021-12-15T08:30, local time unless an offset is given).
 * "Now" is the system clock: recorded times, deadlines, PIN lockouts and the
 * idle lock all take it, and nothing in the environment moves it (the tests
 * fix it from outside the program, with libfaketime). */
#ifndef DUTYDESK_DDTIME_H
#define DUTYDESK_DDTIME_H

#include "base/err.h"

typedef long long dd_time;

enum ddtime_fmt {
	DDTIME_ISO,     /* 2021-12-15T08:30:00+08:00  (CSV, scripts) */
	DDTIME_MINUTE,  /* 2021-12-15 08:30           (screens, sheets) */
	DDTIME_SHORT,   /* 12-15 08:30                (narrow columns) */
	DDTIME_DATE,    /* 2021-12-15 */
	DDTIME_CLOCK,   /* 08:30 */
};

#define DDTIME_BUFSZ 40

dd_time ddtime_now(void);
/* For unit tests that link the core: make ddtime_now() return `t` until
 * called again (0: the system clock).  No input reaches it. */
void ddtime_fix_now(dd_time t);

/* Accepts YYYY-MM-DD[(T| )HH:MM[:SS]][Z|(+|-)HH[:]MM], "now", "today" and
 * "yesterday" (midnight).  A date alone is midnight local time. */
int ddtime_parse(const char *s, dd_time *out, struct dd_err *err);

/* Local midnight at the start of the day containing `t`. */
dd_time ddtime_day_start(dd_time t);

char *ddtime_format(dd_time t, enum ddtime_fmt fmt, char buf[DDTIME_BUFSZ]);

/* "3 h 05 min", "45 s", "2 d 4 h": a duration for elapsed-time columns. */
char *ddtime_duration(long long seconds, char buf[DDTIME_BUFSZ]);

#endif
