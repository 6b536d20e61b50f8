/* ddtime.c — parsing and formatting the desk's times. */
#include "base/ddtime.h"
#include "base/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Whether `t` falls in the years parse_iso accepts, in local time: what is
 * accepted with an offset (1970-01-01T00:00+15:00) must print as a local time
 * that reads back. */
static int in_calendar(dd_time t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	return localtime_r(&tt, &tm) && tm.tm_year >= 70 && tm.tm_year <= 9999 - 1900;
}

/* Parse without "now" words: the grammar of ddtime.h. */
static int parse_iso(const char *s, dd_time *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 0, has_off = 0;
	size_t n = strlen(s);
	const char *p;
	struct tm tm;

	if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == ' ') {
		if (digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi))
			return -1;
		p += 6;
		if (*p == ':') {
			if (digits(p + 1, 2, &sec))
				return -1;
			p += 3;
		}
		if (*p == 'Z') {
			has_off = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			int sign = *p == '-' ? -1 : 1;
			if (digits(p + 1, 2, &oh))
				return -1;
			p += 3;
			if (*p == ':')
				p++;
			if (digits(p, 2, &om))
				return -1;
			p += 2;
			if (oh > 23 || om > 59)
				return -1;
			off = sign * (oh * 3600 + om * 60);
			has_off = 1;
		}
	}
	if (*p != '\0')
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return -1;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (has_off) {
		*out = (dd_time)timegm(&tm) - off;
	} else {
		tm.tm_isdst = -1;
		time_t t = mktime(&tm);
		if (t == (time_t)-1)
			return -1;
		*out = (dd_time)t;
	}
	return in_calendar(*out) ? 0 : -1;
}

static dd_time fixed_now;

void ddtime_fix_now(dd_time t)
{
	fixed_now = t;
}

dd_time ddtime_now(void)
{
	return fixed_now ? fixed_now : (dd_time)time(NULL);
}

dd_time ddtime_day_start(dd_time t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (dd_time)mktime(&tm);
}

int ddtime_parse(const char *s, dd_time *out, struct dd_err *err)
{
	if (!s || !*s)
		return dd_fail(err, DD_EINVAL, _("no time given"));
	if (strcmp(s, "now") == 0) {
		*out = ddtime_now();
		return 0;
	}
	if (strcmp(s, "today") == 0) {
		*out = ddtime_day_start(ddtime_now());
		return 0;
	}
	if (strcmp(s, "yesterday") == 0) {
		*out = ddtime_day_start(ddtime_day_start(ddtime_now()) - 12 * 3600);
		return 0;
	}
	if (parse_iso(s, out) < 0)
		return dd_fail(err, DD_EINVAL,
			       _("'%s' is not a time: write it as 2021-12-15T08:30 (local time), "
			       "optionally with seconds and an offset such as +08:00"), s);
	return 0;
}

char *ddtime_format(dd_time t, enum ddtime_fmt fmt, char buf[DDTIME_BUFSZ])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm))
		memset(&tm, 0, sizeof tm); /* out of the calendar: not left undefined */
	switch (fmt) {
	case DDTIME_ISO: {
		int off = (int)(tm.tm_gmtoff % 86400);
		char sign = off < 0 ? '-' : '+';
		if (off < 0)
			off = -off;
		snprintf(buf, DDTIME_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
			 (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100,
			 tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100, sign, off / 3600,
			 (off % 3600) / 60);
		break;
	}
	case DDTIME_MINUTE:
		strftime(buf, DDTIME_BUFSZ, "%Y-%m-%d %H:%M", &tm);
		break;
	case DDTIME_SHORT:
		strftime(buf, DDTIME_BUFSZ, "%m-%d %H:%M", &tm);
		break;
	case DDTIME_DATE:
		strftime(buf, DDTIME_BUFSZ, "%Y-%m-%d", &tm);
		break;
	case DDTIME_CLOCK:
		strftime(buf, DDTIME_BUFSZ, "%H:%M", &tm);
		break;
	}
	return buf;
}

/* The decimal digits of v (at least `width`, zeros before) after p; where
 * they end. */
static char *put_num(char *p, unsigned long long v, int width)
{
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* Written out by hand, not by snprintf: a sheet gives one a row. */
char *ddtime_duration(long long seconds, char buf[DDTIME_BUFSZ])
{
	/* The magnitude unsigned: -LLONG_MIN does not fit a long long. */
	unsigned long long s = seconds < 0 ? 0ULL - (unsigned long long)seconds
					   : (unsigned long long)seconds;
	char *p = buf;   /* at most "-" and 20 + 5 + 2 + 4 characters: fits */

	if (seconds < 0)
		*p++ = '-';
	if (s < 60) {
		p = put_str(put_num(p, s, 1), " s");
	} else if (s < 3600) {
		p = put_str(put_num(p, s / 60, 1), " min");
	} else if (s < 86400) {
		p = put_str(put_num(p, s / 3600, 1), " h ");
		p = put_str(put_num(p, (s % 3600) / 60, 2), " min");
	} else {
		p = put_str(put_num(p, s / 86400, 1), " d ");
		p = put_str(put_num(p, (s % 86400) / 3600, 1), " h");
	}
	*p = '\0';
	return buf;
}
