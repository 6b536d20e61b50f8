/* settings.c — the table of known settings, stored in meta as 'setting.KEY'. */
#include "domain/settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "base/jsonw.h"
#include "store/store_sql.h"

struct setting_def {
	const char *key;
	int def, min, max;
	const char *help;
	int is_text;
	const char *const *words;
};

static const char *const pin_words[] = {"optional", "required"};
static const char *const alert_words[] = {"bell", "flash", "off"};

static const struct setting_def defs[] = {
	{SETTING_IDLE_LOCK_MINUTES, 10, 1, 240,
	 N_("minutes without a key before the terminal locks itself"), 0, NULL},
	{SETTING_REPORT_WARN_HOUR, 20, 0, 23,
	 N_("from this hour the status line warns that today's daily report is not filed"), 0, NULL},
	{SETTING_SHIFT_HOURS, 8, 1, 24, N_("default length of a planned shift, in hours"), 0, NULL},
	{SETTING_CHASE_MINUTES, 10, 1, 240,
	 N_("minutes a chased leader has before the chase of an overdue report goes higher"), 0, NULL},
	{SETTING_NOTIFY_TIMEOUT, 30, 1, 600,
	 N_("seconds the notify command may run before it is stopped"), 0, NULL},
	{SETTING_NOTIFY_COMMAND, 0, 0, 0,
	 N_("the command that sends a text message: {number} and {message} are replaced"), 1, NULL},
	{SETTING_COUNTY_URL, 0, 0, 0,
	 N_("the county database the town's history is sent to (a PostgreSQL connection "
	    "string; its password in ~/.pgpass, never here)"), 1, NULL},
	{SETTING_OPERATOR_PIN, 1, 0, 1,
	 N_("whether operator acts need the operator's PIN (required, optional: marked "
	    "unverified)"), 0, pin_words},
	{SETTING_ALERT, SETTING_ALERT_BELL, 0, 2,
	 N_("how the terminal calls attention to overdue notifications: bell, flash or off"), 0,
	 alert_words},
};
#define NDEFS ((int)(sizeof defs / sizeof defs[0]))

static const struct setting_def *find_def(const char *key, struct dd_err *err)
{
	char known[256] = "";
	size_t len = 0;

	for (int i = 0; key && i < NDEFS; i++)
		if (strcmp(key, defs[i].key) == 0)
			return &defs[i];
	for (int i = 0; i < NDEFS; i++)
		len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
					defs[i].key);
	dd_fail(err, DD_ENOTFOUND, _("'%s' is not a setting; the settings are: %s"),
		key ? key : "", known);
	return NULL;
}

/* A whole number in [min, max], as typed: digits with an optional sign. */
static int parse_value(const struct setting_def *d, const char *s, int *out, struct dd_err *err)
{
	char *end;
	long v = 0;

	if (d->words) {
		for (int i = d->min; s && i <= d->max; i++) {
			if (strcmp(s, d->words[i]) == 0) {
				*out = i;
				return 0;
			}
		}
		return dd_fail(err, DD_EINVAL, _("%s is one of %s, %s; '%s' is not"), d->key,
			       d->words[d->max], d->words[d->min], s ? s : "");
	}
	errno = 0;
	v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno == ERANGE ||
	    isspace((unsigned char)s[0]))
		return dd_fail(err, DD_EINVAL, _("%s takes a whole number from %d to %d; '%s' is "
						 "not one"), d->key, d->min, d->max, s ? s : "");
	if (v < d->min || v > d->max)
		return dd_fail(err, DD_EINVAL, _("%s must be from %d to %d; %ld is out of range"),
			       d->key, d->min, d->max, v);
	*out = (int)v;
	return 0;
}

static void meta_key(const struct setting_def *d, char *buf, size_t n)
{
	snprintf(buf, n, "setting.%s", d->key);
}

static int read_def(struct store *st, const struct setting_def *d, struct setting_info *out,
		    struct dd_err *err)
{
	char key[64], *stored = NULL;
	int v;

	meta_key(d, key, sizeof key);
	if (store_meta_get(st, key, &stored, err) < 0)
		return -1;
	out->key = d->key;
	out->help = _(d->help);
	out->def = d->def;
	out->min = d->min;
	out->max = d->max;
	out->value = d->def;
	out->is_set = 0;
	out->is_text = d->is_text;
	out->words = d->words;
	out->text[0] = '\0';
	if (d->is_text) {
		if (stored && *stored) {
			snprintf(out->text, sizeof out->text, "%s", stored);
			out->is_set = 1;
		}
	} else if (stored && parse_value(d, stored, &v, NULL) == 0) {
		out->value = v;
		out->is_set = 1;
	}
	free(stored);
	return 0;
}

int settings_list(struct store *st, struct setting_info **out, int *n, struct dd_err *err)
{
	struct setting_info *v = dd_xcalloc(NDEFS, sizeof *v);

	for (int i = 0; i < NDEFS; i++) {
		if (read_def(st, &defs[i], &v[i], err) < 0) {
			free(v);
			*out = NULL;
			*n = 0;
			return -1;
		}
	}
	*out = v;
	*n = NDEFS;
	return 0;
}

int settings_get(struct store *st, const char *key, struct setting_info *out,
		 struct dd_err *err)
{
	const struct setting_def *d = find_def(key, err);
	return d ? read_def(st, d, out, err) : -1;
}

int settings_get_int(struct store *st, const char *key, int *out, struct dd_err *err)
{
	struct setting_info info;

	if (settings_get(st, key, &info, err) < 0)
		return -1;
	*out = info.value;
	return 0;
}

int settings_get_text(struct store *st, const char *key, char **out, struct dd_err *err)
{
	struct setting_info info;

	*out = NULL;
	if (settings_get(st, key, &info, err) < 0)
		return -1;
	*out = dd_xstrdup(info.text);
	return 0;
}

/* A text setting changed: old and new text on the chain. */
int settings_url_has_password(const char *url)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");

	for (const char *p = url; *p; p++)
		if (strncasecmp(p, "password", 8) == 0)
			return 1;
	/* postgresql://user:secret@host: a colon between the scheme and the @ */
	return scheme && at && at > scheme && memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
}

static int set_text(struct store *st, const struct actor *by, const struct setting_def *d,
		    const char *value, struct dd_err *err)
{
	struct setting_info cur;
	struct jsonw body;
	char mkey[64], text[2 * SETTING_TEXT_MAX + 64];

	if (act_check_text(d->key, value, ACT_ONE_LINE, SETTING_TEXT_MAX - 1, err) < 0)
		return -1;
	/* A setting's values go on the chain, and the chain to the county. */
	if (strcmp(d->key, SETTING_COUNTY_URL) == 0 && settings_url_has_password(value))
		return dd_fail(err, DD_EINVAL, _("%s holds a password, which would be recorded on "
						 "the chain: keep it in the password file "
						 "(~/.pgpass, PGPASSFILE)"), d->key);
	if (store_begin(st, err) < 0)
		return -1;
	if (read_def(st, d, &cur, err) < 0)
		goto fail;
	if (strcmp(cur.text, value) == 0)
		return store_commit(st, err);
	meta_key(d, mkey, sizeof mkey);
	snprintf(text, sizeof text, "%s：%s → %s", d->key, cur.text, value);
	jsonw_init(&body);
	jsonw_str(&body, "key", d->key);
	jsonw_str(&body, "from", cur.text);
	jsonw_str(&body, "to", value);
	jsonw_str(&body, "text", text);
	if (store_meta_set(st, mkey, value, err) < 0 ||
	    act_event(st, by, "setting", &body, NULL, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

const char *settings_value_text(const struct setting_info *s, int v, char *buf, size_t n)
{
	if (s->words && v >= s->min && v <= s->max)
		return s->words[v];
	snprintf(buf, n, "%d", v);
	return buf;
}

static int record(struct store *st, const struct actor *by, const struct setting_def *d,
		  int from, int to, struct dd_err *err)
{
	struct jsonw body;
	char text[160];

	if (d->words)
		snprintf(text, sizeof text, "%s：%s → %s", d->key, d->words[from], d->words[to]);
	else
		snprintf(text, sizeof text, "%s：%d → %d", d->key, from, to);
	jsonw_init(&body);
	jsonw_str(&body, "key", d->key);
	jsonw_int(&body, "from", from);
	jsonw_int(&body, "to", to);
	jsonw_str(&body, "text", text);
	return act_event(st, by, "setting", &body, NULL, err);
}

int settings_set(struct store *st, const struct actor *by, const char *key, const char *value,
		 struct dd_err *err)
{
	const struct setting_def *d = find_def(key, err);
	struct setting_info cur;
	char mkey[64], num[24];
	int v;

	if (!d)
		return -1;
	if (person_require(by, ACCESS_ADMIN, _("changing a setting"), err) < 0)
		return -1;
	if (d->is_text)
		return set_text(st, by, d, value ? value : "", err);
	if (parse_value(d, value, &v, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	if (read_def(st, d, &cur, err) < 0)
		goto fail;
	if (cur.is_set && cur.value == v)
		return store_commit(st, err);
	meta_key(d, mkey, sizeof mkey);
	snprintf(num, sizeof num, "%s", d->words ? d->words[v] : "");
	if (!d->words)
		snprintf(num, sizeof num, "%d", v);
	if (store_meta_set(st, mkey, num, err) < 0 || record(st, by, d, cur.value, v, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}
