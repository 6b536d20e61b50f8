/* outbreak.c — the outbreak rule: an entry and everything it sets off, the
 * stand-down and its guard. */
#include "desk/outbreak.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jsonw.h"
#include "domain/act.h"
#include "domain/auth.h"
#include "domain/escalation.h"
#include "domain/log_internal.h"
#include "domain/roster.h"
#include "domain/zone.h"

/* 溯源调查: the leadership group organises a trace investigation of every
 * outbreak (notice, 三(四)).  It is an incident of its own, open until the
 * investigation is closed, and the positive case's timeline points at it. */
static int open_trace(struct store *st, const struct actor *by, long long entry_id, int drill,
		      dd_time at, struct dd_err *err)
{
	char summary[256];
	long long trace = 0, grp = 0;
	struct log_new n = {.kind = LOG_OTHER, .drill = drill, .occurred_at = at};
	struct jsonw body;
	int rc;

	/* Records are kept in the office's language, whatever the screen's. */
	snprintf(summary, sizeof summary, "溯源调查：本土初筛阳性 #%lld", entry_id);
	n.summary = summary;
	n.source = "领导小组";
	if (roster_find_group(st, "领导小组", &grp, NULL) == 0)
		n.group_id = grp;
	if (log_insert(st, by, &n, &trace, err) < 0)
		return -1;
	jsonw_init(&body);
	jsonw_str(&body, "text", summary);
	jsonw_int(&body, "trace", trace);
	rc = log_event_append(st, by, entry_id, "noted", drill, jsonw_done(&body), NULL, err);
	jsonw_free(&body);
	return rc;
}

/* A positive case was just recorded as `id`: the machine's step for it, each
 * of its effects applied, and what they were in `res`. */
static int on_positive(struct store *st, const struct actor *by, const struct log_new *n,
		       long long id, struct log_added *res, struct dd_err *err)
{
	struct mode_status cur;
	struct mode_guards g = {.access = by->access, .has_reason = 1};
	struct mode_step step;
	char reason[64];

	if (mode_current(st, n->drill, &cur, err) < 0)
		return -1;
	step = mode_transition(cur.state, MODE_EV_POSITIVE, &g);
	if (step.effects & MODE_FX_TRANSITION) {
		struct mode_change c = {.drill = n->drill, .from = cur.state, .to = step.next,
					.reason = reason, .trigger = id, .outbreak = id};
		snprintf(reason, sizeof reason, "本土初筛阳性 #%lld", id);
		if (mode_record(st, by, &c, err) < 0)
			return -1;
		res->mode_changed = 1;
	}
	if ((step.effects & MODE_FX_ESCALATE) &&
	    escalation_open_for_entry(st, by, id, &res->notifications, err) < 0)
		return -1;
	if ((step.effects & MODE_FX_TRACE) &&
	    open_trace(st, by, id, n->drill, n->occurred_at, err) < 0)
		return -1;
	/* MODE_FX_DUTY24 and MODE_FX_ZONES hold for as long as the task force
	 * stands (mode_in_force): the change of mode just recorded is what
	 * duty_required() and zone_set() read, so they need nothing stored. */
	return 0;
}

int outbreak_log_add(struct store *st, const struct actor *by, const struct log_new *n,
		     struct log_added *out, struct dd_err *err)
{
	struct log_added res;

	if (store_begin(st, err) < 0)
		return -1;
	if (log_add(st, by, n, &res, err) < 0)
		goto fail;
	if (n->kind == LOG_POSITIVE) {
		if (on_positive(st, by, n, res.id, &res, err) < 0)
			goto fail;
	} else if (escalation_open_for_entry(st, by, res.id, &res.notifications, err) < 0) {
		goto fail;
	}
	if (store_commit(st, err) < 0)
		return -1;
	if (out)
		*out = res;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

static const char *const open_names[] = {"positives", "zones", "checkpoints", "final"};

const char *outbreak_open_name(enum outbreak_open_kind k)
{
	for (int i = 0; i < 4; i++)
		if ((unsigned)k == 1u << i)
			return open_names[i];
	return "?";
}

int outbreak_open_parse(const char *list, unsigned *mask, struct dd_err *err)
{
	const char *p = list ? list : "";

	*mask = 0;
	while (*p) {
		size_t k = strcspn(p, ",");
		int found = 0;

		for (int i = 0; i < 4; i++)
			if (strlen(open_names[i]) == k && strncmp(p, open_names[i], k) == 0) {
				*mask |= 1u << i;
				found = 1;
			}
		if (!found && k > 0)
			return dd_fail(err, DD_EINVAL, _("'%.*s' is not something to confirm: "
							 "positives, zones, checkpoints or final"),
				       (int)k, p);
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

int outbreak_still_open(struct store *st, int drill, struct outbreak_open *open,
			struct dd_err *err)
{
	struct mode_status cur;

	memset(open, 0, sizeof *open);
	if (mode_current(st, drill, &cur, err) < 0)
		return -1;
	if (cur.state != MODE_TASKFORCE || !cur.outbreak)
		return 0;
	if (escalation_outbreak_open(st, drill, cur.outbreak, &open->positives, &open->no_final,
				     err) < 0)
		return -1;
	if (!drill) {
		struct zone_change *z;
		struct zone_checkpoint *k;
		int n;

		if (zone_current(st, cur.outbreak, ddtime_now(), &z, &n, err) < 0)
			return -1;
		open->zones = n;
		zone_changes_free(z, n);
		if (zone_checkpoint_list(st, 0, ddtime_now(), &k, &n, err) < 0)
			return -1;
		open->checkpoints = n;
		zone_checkpoints_free(k, n);
	}
	return 0;
}

/* The refusal for what is open and not confirmed: each kind, how many. */
static int refuse_open(const struct outbreak_open *o, unsigned confirmed, struct dd_err *err)
{
	char what[512] = "";
	size_t len = 0;

#define OPEN_PART(kind, count, fmt)                                                     \
	if ((count) > 0 && !(confirmed & (kind))) {                                      \
		if (len)                                                                 \
			len += (size_t)snprintf(what + len, sizeof what - len, "; ");     \
		len += (size_t)snprintf(what + len, sizeof what - len, fmt, (count));    \
	}
	OPEN_PART(OUTBREAK_POSITIVES, o->positives, _("%lld positive case(s) not closed"))
	OPEN_PART(OUTBREAK_ZONES, o->zones, _("%lld zone(s) in force"))
	OPEN_PART(OUTBREAK_CHECKPOINTS, o->checkpoints, _("%lld checkpoint(s) up"))
	OPEN_PART(OUTBREAK_FINAL, o->no_final, _("%lld final report(s) (终报) not made"))
#undef OPEN_PART
	if (!len)
		return 0;
	return dd_fail(err, DD_EDENIED, _("cannot stand down: still open: %s; confirm each to "
					  "stand down anyway"), what);
}

int outbreak_stand_down(struct store *st, const struct actor *by, const char *reason,
			int drill, enum mode_refusal *why, struct dd_err *err)
{
	return outbreak_stand_down_confirmed(st, by, reason, drill, 0, NULL, why, err);
}

int outbreak_check_reason(const char *reason, struct dd_err *err)
{
	return act_check_text(_("the reason for standing down"), reason,
			      ACT_REQUIRED | ACT_ONE_LINE, OUTBREAK_REASON_MAX, err);
}

int outbreak_stand_down_confirmed(struct store *st, const struct actor *by, const char *reason,
				  int drill, unsigned confirmed, struct outbreak_open *open,
				  enum mode_refusal *why, struct dd_err *err)
{
	struct mode_status cur;
	struct mode_guards g = {.access = by->access, .has_reason = reason && *reason};
	struct mode_step step;
	struct outbreak_open o;

	if (why)
		*why = MODE_OK;
	if (open)
		memset(open, 0, sizeof *open);
	if (store_begin(st, err) < 0)
		return -1;
	if (mode_current(st, drill, &cur, err) < 0 ||
	    escalation_pending(st, drill, cur.since, &g.unacknowledged, err) < 0)
		goto fail;
	step = mode_transition(cur.state, MODE_EV_STAND_DOWN, &g);
	if (step.refusal != MODE_OK) {
		if (why)
			*why = step.refusal;
		if (step.refusal == MODE_REFUSE_OPEN_ESCALATIONS)
			dd_fail(err, DD_EDENIED,
				_("cannot stand down: %lld escalation(s) of the outbreak are not "
				  "yet acknowledged"), g.unacknowledged);
		else
			dd_fail(err, step.refusal == MODE_REFUSE_NO_REASON ? DD_EINVAL : DD_EDENIED,
				_("cannot stand down: %s"), mode_refusal_text(step.refusal));
		goto fail;
	}
	if (outbreak_still_open(st, drill, &o, err) < 0)
		goto fail;
	if (open)
		*open = o;
	if (refuse_open(&o, confirmed, err) < 0 ||
	    auth_require(st, by, ACCESS_SUPERVISOR, _("standing the task force down"), err) < 0)
		goto fail;
	if (step.effects & MODE_FX_TRANSITION) {
		struct mode_change c = {.drill = drill, .from = cur.state, .to = step.next,
					.reason = reason, .outbreak = cur.outbreak};
		if (mode_record(st, by, &c, err) < 0)
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}
