/* log_check.c — the call form's fields as the office writes them: a
 * key-person category (subkind) from the notice's list, and a call-back
 * number that can be dialled.  Pure; log_add checks every entry through
 * them, and a front end may ask them as each field is answered. */
#include "domain/log.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

const char *const *log_subkinds(enum log_kind k)
{
	return k == LOG_KEY_PERSON ? log_key_person_kinds : NULL;
}

/* The list of `v` as "a, b, c". */
static void list_of(const char *const *v, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; v && v[i] && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", v[i]);
}

int log_check_subkind(enum log_kind k, const char *subkind, const char **canon,
		      struct dd_err *err)
{
	const char *const *v = log_subkinds(k);
	char names[256];
	size_t b = 0, e;

	if (canon)
		*canon = NULL;
	if (!subkind)
		return 0;
	while (subkind[b] == ' ' || subkind[b] == '\t')
		b++;
	e = strlen(subkind);
	while (e > b && (subkind[e - 1] == ' ' || subkind[e - 1] == '\t'))
		e--;
	if (e == b)
		return 0;
	list_of(log_subkinds(LOG_KEY_PERSON), names, sizeof names);
	if (!v)
		return dd_fail(err, DD_EINVAL,
			       _("an entry of kind %s has no subkind; only key-person entries "
				 "have one (%s)"), log_kind_name(k), names);
	for (int i = 0; v[i]; i++) {
		if (strlen(v[i]) == e - b && memcmp(v[i], subkind + b, e - b) == 0) {
			if (canon)
				*canon = v[i];
			return 0;
		}
	}
	return dd_fail(err, DD_EINVAL, _("'%.*s' is not a key-person category; use one of: %s"),
		       (int)(e - b), subkind + b, names);
}

/* The next character of a typed number: a digit ('0'..'9', full-width
 * too), '+', or ' ' for a separator (space, hyphen, their full-width
 * forms); 0 for anything else.  Advances *p past it. */
static char next_char(const char **p, size_t *width)
{
	const unsigned char *s = (const unsigned char *)*p;

	*width = 1;
	if (*s >= '0' && *s <= '9')
		return (char)*s;
	if (*s == '+')
		return '+';
	if (*s == ' ' || *s == '-' || *s == '\t')
		return ' ';
	if (s[0] == 0xef && s[1] == 0xbc && s[2] >= 0x90 && s[2] <= 0x99) {  /* ０..９ */
		*width = 3;
		return (char)('0' + s[2] - 0x90);
	}
	if (s[0] == 0xef && s[1] == 0xbc && (s[2] == 0x8b || s[2] == 0x8d)) {  /* ＋ － */
		*width = 3;
		return s[2] == 0x8b ? '+' : ' ';
	}
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) {  /* U+3000 */
		*width = 3;
		return ' ';
	}
	/* The width of the character we refuse, for the message. */
	*width = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : *s >= 0xc0 ? 2 : 1;
	return 0;
}

/* A domestic number (no '+'): its digits `d` (`n` of them) checked and
 * written to `out` in the form the office writes it. */
static int domestic(const char *typed, const char *d, int n, char *out, size_t size,
		    struct dd_err *err)
{
	if (d[0] == '0' && d[1] == '0') {  /* 00: an international prefix */
		if (n < 5)
			goto short_number;
		snprintf(out, size, "%s", d);
		return 0;
	}
	if (d[0] == '0') {  /* an area code: 010, 02x, then 0xxx */
		int area = d[1] == '1' || d[1] == '2' ? 3 : 4;
		if (n - area < 7 || n - area > 8)
			return dd_fail(err, DD_EINVAL,
				       _("the call-back number '%s' has %d digits; with its area "
					 "code a landline has 10 to 12 (0575-87012345)"), typed, n);
		snprintf(out, size, "%.*s-%s", area, d, d + area);
		return 0;
	}
	if (d[0] == '1') {  /* a mobile, or a service number: 110, 120, 12345 */
		if (n >= 3 && n <= 5) {
			snprintf(out, size, "%s", d);
			return 0;
		}
		if (n != 11 || d[1] < '3')
			return dd_fail(err, DD_EINVAL,
				       _("the call-back number '%s' has %d digits; a mobile number "
					 "has 11, starting 13 to 19 (13905751234), a service number "
					 "3 to 5 (110, 12345)"), typed, n);
		snprintf(out, size, "%s", d);
		return 0;
	}
	if ((n >= 7 && n <= 8) || (n == 5 && d[0] == '9') ||
	    (n == 10 && (strncmp(d, "400", 3) == 0 || strncmp(d, "800", 3) == 0))) {
		snprintf(out, size, "%s", d);  /* local, 95xxx, 400 and 800 numbers */
		return 0;
	}
	if (n < 7)
		goto short_number;
	return dd_fail(err, DD_EINVAL,
		       _("the call-back number '%s' has %d digits; a local number has 7 or 8, "
			 "with its area code 10 to 12 (0575-87012345)"), typed, n);
short_number:
	return dd_fail(err, DD_EINVAL, _("the call-back number '%s' is too short (%d digits)"),
		       typed, n);
}

int log_callback_normalize(const char *typed, char *out, size_t size, struct dd_err *err)
{
	char d[LOG_CALLBACK_DIGITS_MAX + 2];
	const char *p = typed ? typed : "";
	int n = 0, plus = 0, any = 0;

	out[0] = '\0';
	while (*p) {
		size_t w;
		char c = next_char(&p, &w);
		if (!c)
			return dd_fail(err, DD_EINVAL,
				       _("the call-back number '%s' holds '%.*s': digits only, with "
					 "an optional leading +, spaces and hyphens"), typed, (int)w,
				       p);
		if (c == '+' && (any || plus))
			return dd_fail(err, DD_EINVAL, _("the call-back number '%s' has a + that "
							 "is not at its start"), typed);
		if (c == '+')
			plus = 1;
		else if (c != ' ' && n <= LOG_CALLBACK_DIGITS_MAX)
			d[n++] = c;
		any |= c != ' ';
		p += w;
	}
	d[n] = '\0';
	if (!any)
		return 0;  /* none given */
	if (n > LOG_CALLBACK_DIGITS_MAX)
		return dd_fail(err, DD_EINVAL, _("the call-back number '%s' is too long: at most "
						 "%d digits"), typed, LOG_CALLBACK_DIGITS_MAX);
	if (n < 3)
		return dd_fail(err, DD_EINVAL, _("the call-back number '%s' is too short (%d "
						 "digits)"), typed, n);
	if (!plus)
		return domestic(typed, d, n, out, size, err);
	if (strncmp(d, "86", 2) == 0) {  /* China: the rest as at home, without its 0 */
		char home[LOG_CALLBACK_MAX];
		char rest[LOG_CALLBACK_DIGITS_MAX + 2];
		snprintf(rest, sizeof rest, "%s%s", d[2] == '1' ? "" : "0", d + 2);
		if (n - 2 < 3 || domestic(typed, rest, (int)strlen(rest), home, sizeof home,
					  err) < 0)
			return n - 2 < 3 ? dd_fail(err, DD_EINVAL, _("the call-back number '%s' "
					  "is too short (%d digits)"), typed, n) : -1;
		snprintf(out, size, "+86 %s", home[0] == '0' ? home + 1 : home);
		return 0;
	}
	snprintf(out, size, "+%s", d);
	return 0;
}
