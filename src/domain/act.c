/* act.c — recording a person's act: the typed text, the act's event. */
#include "domain/act.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/chain.h"
#include "base/i18n.h"
#include "base/text.h"

int act_check_text(const char *what, const char *s, unsigned how, size_t max,
		   struct dd_err *err)
{
	size_t n = s ? strlen(s) : 0;
	int blank = 1;

	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			blank = 0;
	if ((how & ACT_REQUIRED) && blank)
		return dd_fail(err, DD_EINVAL, _("%s is empty"), what);
	if (n > max)
		return dd_fail(err, DD_EINVAL, _("%s is %zu bytes long; the most is %zu"), what, n,
			       max);
	if (n && !text_valid_utf8(s, n))
		return dd_fail(err, DD_EINVAL, _("%s is not valid UTF-8"), what);
	return text_check_typed(what, s, how & ACT_ONE_LINE ? 0 : TEXT_LINES, err);
}

int act_event(struct store *st, const struct actor *by, const char *type, struct jsonw *body,
	      long long *id, struct dd_err *err)
{
	return act_event_at(st, by, type, ddtime_now(), body, id, err);
}

int act_append(struct store *st, const struct act_record *r, long long *id,
	       struct dd_err *err)
{
	struct chain_event ev = {
		.type = r->type, .at = r->at ? r->at : ddtime_now(),
		.actor_id = r->by ? r->by->id : 0, .entry_id = r->entry_id, .drill = r->drill,
		.body = r->body,
	};
	char *marked = NULL;
	int rc;

	/* An act without a proven PIN says so on the chain: {"unverified":1, …}. */
	if (person_unverified(r->by)) {
		const char *rest = r->body && *r->body == '{' ? r->body + 1 : "}";
		size_t n = strlen(rest) + 32;

		marked = dd_xmalloc(n);
		snprintf(marked, n, "{\"unverified\":1%s%s", *rest == '}' ? "" : ",", rest);
		ev.body = marked;
	}
	rc = chain_append(st, &ev, err);
	free(marked);

	if (id)
		*id = ev.id;
	return rc;
}

/* An act's event with a body still being written: finished here, and freed. */
static int append(struct store *st, const struct actor *by, const char *type, dd_time at,
		  long long entry_id, struct jsonw *body, long long *id, struct dd_err *err)
{
	struct act_record r = {.by = by, .type = type, .at = at, .entry_id = entry_id};
	int rc;

	r.body = jsonw_done(body);
	rc = act_append(st, &r, id, err);
	jsonw_free(body);
	return rc;
}

int act_event_at(struct store *st, const struct actor *by, const char *type, dd_time at,
		 struct jsonw *body, long long *id, struct dd_err *err)
{
	return append(st, by, type, at, 0, body, id, err);
}

int act_event_about(struct store *st, const struct actor *by, const char *type,
		    long long entry_id, struct jsonw *body, struct dd_err *err)
{
	return append(st, by, type, ddtime_now(), entry_id, body, NULL, err);
}
