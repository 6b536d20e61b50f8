/* settings.h — the desk's few settings, with their defaults and ranges.
 *
 * The known settings are a fixed table (settings.c); a value is stored in the
 * meta table only once an admin sets it, and reading falls back to the
 * default.  Changing one is an admin's act, validated against its range and
 * recorded on the chain with who, when, the old and the new value. */
#ifndef DUTYDESK_SETTINGS_H
#define DUTYDESK_SETTINGS_H

#include "base/err.h"
#include "domain/person.h"
#include "store/store.h"

/* The terminal locks itself after this many idle minutes. */
#define SETTING_IDLE_LOCK_MINUTES "idle-lock-minutes"
/* From this hour (local) the status line warns that today's daily report is
 * not filed. */
#define SETTING_REPORT_WARN_HOUR "report-warn-hour"
/* The default length of a planned shift, in hours. */
#define SETTING_SHIFT_HOURS "shift-hours"
/* Minutes the leader chased about an overdue notification has before the
 * next step of the chase. */
#define SETTING_CHASE_MINUTES "chase-minutes"
/* Seconds the notify command may take before it is killed. */
#define SETTING_NOTIFY_TIMEOUT "notify-timeout-seconds"
/* The command that hands a text message to the gateway (a text setting):
 * {number} and {message} become whole arguments. */
#define SETTING_NOTIFY_COMMAND "notify-command"
#define SETTING_TEXT_MAX 1024
/* The county database the sync sends the town's history to (a text
 * setting: a libpq connection string, without a password). */
#define SETTING_COUNTY_URL "county-url"
/* Whether a connection string holds a password ("password=", or a
 * postgresql://user:secret@ URI): refused for county-url. */
int settings_url_has_password(const char *url);
/* Whether ordinary operator acts need the operator's PIN: "required" (1, the
 * default) or "optional" (0: acts without a proven PIN are marked
 * unverified).  Supervisor and admin acts always need it. */
#define SETTING_OPERATOR_PIN "operator-pin"
/* How the terminal calls attention to overdue notifications: a word, read as
 * its number. */
#define SETTING_ALERT "alert"
enum { SETTING_ALERT_BELL, SETTING_ALERT_FLASH, SETTING_ALERT_OFF };

struct setting_info {
	const char *key;         /* "idle-lock-minutes" */
	const char *help;        /* translated, one line */
	int value;               /* in force: stored, else the default */
	int def, min, max;
	int is_set;              /* stored (not the default) */
	int is_text;             /* a text setting: its value is `text`, not `value` */
	char text[SETTING_TEXT_MAX]; /* a text setting's value ("" unless set) */
	const char *const *words; /* a setting of words: words[v] names value v
				   * (min..max), else NULL for a number */
};

/* A setting's value as shown and typed: its word, or the number. */
const char *settings_value_text(const struct setting_info *s, int v, char *buf, size_t n);

/* The known settings, in table order.  *out is malloc'd (its strings are
 * static): free it with free(). */
int settings_list(struct store *st, struct setting_info **out, int *n, struct dd_err *err);

/* One setting; an unknown key is DD_ENOTFOUND with the known ones named. */
int settings_get(struct store *st, const char *key, struct setting_info *out,
		 struct dd_err *err);

/* The value in force.  A stored value that is not a number in range (the
 * file was edited by hand) reads as the default. */
int settings_get_int(struct store *st, const char *key, int *out, struct dd_err *err);

/* A text setting's value in force ("" unless set); *out malloc'd. */
int settings_get_text(struct store *st, const char *key, char **out, struct dd_err *err);

/* Set `key` to `value` (a whole number, or one of its words, as typed, or a text
 * setting's one line of text: "" clears it).  Needs an admin; the value
 * must be in range.  Setting the value in force changes nothing.  Its own
 * transaction (or part of the caller's). */
int settings_set(struct store *st, const struct actor *by, const char *key, const char *value,
		 struct dd_err *err);

#endif
