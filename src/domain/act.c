/* act.c — recording a person's act: the typed text, the act's event. */
#include "domain/act.h"

#include <string.h>

#include "store/chain.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/log_internal.h"

int act_check_text(const char *what, const char *s, unsigned how, size_t max,
		   struct dd_err *err)
{
	size_t n = s ? strlen(s) : 0;
	int blank = 1;

	for (size_t i = 0; i < n; i++) {
		if ((how & ACT_ONE_LINE) && (unsigned char)s[i] < 0x20)
			return dd_fail(err, DD_EINVAL, _("%s holds a control character or a line "
							 "break"), what);
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			blank = 0;
	}
	if ((how & ACT_REQUIRED) && blank)
		return dd_fail(err, DD_EINVAL, _("%s is empty"), what);
	if (n > max)
		return dd_fail(err, DD_EINVAL, _("%s is %zu bytes long; the most is %zu"), what, n,
			       max);
	if (n && !text_valid_utf8(s, n))
		return dd_fail(err, DD_EINVAL, _("%s is not valid UTF-8"), what);
	return 0;
}

int act_event(struct store *st, const struct actor *by, const char *type, struct jsonw *body,
	      long long *id, struct dd_err *err)
{
	return act_event_at(st, by, type, ddtime_now(), body, id, err);
}

int act_event_at(struct store *st, const struct actor *by, const char *type, dd_time at,
		 struct jsonw *body, long long *id, struct dd_err *err)
{
	struct chain_event ev = {.type = type, .at = at, .actor_id = by->id};
	int rc;

	if (person_unverified(by))
		jsonw_int(body, "unverified", 1);
	ev.body = jsonw_done(body);
	rc = chain_append(st, &ev, err);
	jsonw_free(body);
	if (id)
		*id = ev.id;
	return rc;
}

int act_event_about(struct store *st, const struct actor *by, const char *type,
		    long long entry_id, struct jsonw *body, struct dd_err *err)
{
	int rc;

	if (!entry_id)
		return act_event(st, by, type, body, NULL, err);
	rc = log_event_append(st, by, entry_id, type, 0, jsonw_done(body), NULL, err);
	jsonw_free(body);
	return rc;
}
