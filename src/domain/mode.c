/* mode.c — the mode state machine and its store side. */
#include "domain/mode.h"

#include <stdio.h>
#include <string.h>

#include "domain/auth.h"
#include "store/chain.h"
#include "domain/escalation.h"
#include "base/i18n.h"
#include "domain/log.h"
#include "domain/roster.h"
#include "base/jsonw.h"
#include "domain/log_internal.h"
#include "store/store_sql.h"

static const char *const names[] = {"normal", "taskforce"};
static const char *const labels[] = {N_("Normal prevention (常态化防控)"),
				     N_("TASK FORCE (疫情处置专班)")};

const char *mode_name(enum mode_state s)
{
	return (unsigned)s < MODE_STATE_COUNT ? names[s] : "?";
}

const char *mode_label(enum mode_state s)
{
	return (unsigned)s < MODE_STATE_COUNT ? _(labels[s]) : "?";
}

const char *mode_refusal_text(enum mode_refusal r)
{
	switch (r) {
	case MODE_OK:
		return _("allowed");
	case MODE_REFUSE_NOT_SUPERVISOR:
		return _("only a supervisor can stand the task force down");
	case MODE_REFUSE_NO_REASON:
		return _("standing down needs a stated reason");
	case MODE_REFUSE_OPEN_ESCALATIONS:
		return _("escalations of the outbreak are not yet acknowledged");
	case MODE_REFUSE_NOT_IN_TASKFORCE:
		return _("the task force is not active");
	}
	return "?";
}

static struct mode_step refuse(enum mode_state state, enum mode_refusal why)
{
	return (struct mode_step){.next = state, .effects = 0, .refusal = why};
}

struct mode_step mode_transition(enum mode_state state, enum mode_event event,
				 const struct mode_guards *g)
{
	switch (event) {
	case MODE_EV_POSITIVE:
		/* Every positive case is escalated; only the first one of an
		 * outbreak switches the town into the task force. */
		if (state == MODE_NORMAL)
			return (struct mode_step){
				.next = MODE_TASKFORCE,
				.effects = MODE_FX_TRANSITION | MODE_FX_ESCALATE | MODE_FX_TRACE |
					   MODE_FX_DUTY24,
			};
		return (struct mode_step){.next = state, .effects = MODE_FX_ESCALATE};
	case MODE_EV_STAND_DOWN:
		if (state != MODE_TASKFORCE)
			return refuse(state, MODE_REFUSE_NOT_IN_TASKFORCE);
		if (!g || g->access < ACCESS_SUPERVISOR)
			return refuse(state, MODE_REFUSE_NOT_SUPERVISOR);
		if (!g->has_reason)
			return refuse(state, MODE_REFUSE_NO_REASON);
		if (g->unacknowledged > 0)
			return refuse(state, MODE_REFUSE_OPEN_ESCALATIONS);
		return (struct mode_step){.next = MODE_NORMAL, .effects = MODE_FX_TRANSITION};
	case MODE_EVENT_COUNT:
		break;
	}
	return refuse(state, MODE_OK);
}

int mode_current(struct store *st, int drill, struct mode_status *out, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.at, coalesce(e.entry_id, 0), coalesce(p.name, ''), "
		"json_extract(e.body, '$.to'), coalesce(json_extract(e.body, '$.reason'), ''), "
		"coalesce(json_extract(e.body, '$.outbreak'), 0) "
		"FROM event e LEFT JOIN person p ON p.id = e.actor_id "
		"WHERE e.type = 'mode' AND e.drill = ?1 ORDER BY e.id DESC LIMIT 1", err);
	int rc;

	memset(out, 0, sizeof *out);
	out->drill = drill;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *to = (const char *)sqlite3_column_text(stmt, 4);
		out->event_id = sqlite3_column_int64(stmt, 0);
		out->since = sqlite3_column_int64(stmt, 1);
		out->trigger = sqlite3_column_int64(stmt, 2);
		snprintf(out->by, sizeof out->by, "%s", sqlite3_column_text(stmt, 3));
		out->state = to && strcmp(to, "taskforce") == 0 ? MODE_TASKFORCE : MODE_NORMAL;
		snprintf(out->reason, sizeof out->reason, "%s", sqlite3_column_text(stmt, 5));
		out->outbreak = sqlite3_column_int64(stmt, 6);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the mode"));
	return 0;
}

static int record_mode(struct store *st, const struct actor *by, enum mode_state from,
		       enum mode_state to, const char *reason, long long trigger,
		       long long outbreak, int drill, struct dd_err *err)
{
	struct chain_event ev = {.type = "mode", .drill = drill};
	struct jsonw body;
	int rc;

	jsonw_init(&body);
	jsonw_str(&body, "from", mode_name(from));
	jsonw_str(&body, "to", mode_name(to));
	jsonw_str(&body, "reason", reason);
	if (trigger)
		jsonw_int(&body, "trigger", trigger);
	jsonw_int(&body, "outbreak", outbreak);
	ev.at = ddtime_now();
	ev.actor_id = by ? by->id : 0;
	ev.entry_id = outbreak;
	ev.body = jsonw_done(&body);
	rc = chain_append(st, &ev, err);
	jsonw_free(&body);
	return rc;
}

/* 溯源调查: the leadership group organises a trace investigation of every
 * outbreak (notice, 三(四)).  It is an incident of its own, open until the
 * investigation is closed, and the positive case's timeline points at it. */
static int open_trace(struct store *st, const struct actor *by, long long entry_id, int drill,
		      dd_time at, struct dd_err *err)
{
	char summary[256];
	long long trace = 0, grp = 0;
	struct log_new n = {.kind = LOG_OTHER, .drill = drill, .occurred_at = at};
	struct chain_event ev = {.type = "noted", .drill = drill};
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
	ev.at = ddtime_now();
	ev.actor_id = by->id;
	ev.entry_id = entry_id;
	ev.body = jsonw_done(&body);
	rc = chain_append(st, &ev, err);
	jsonw_free(&body);
	return rc;
}

int mode_on_positive(struct store *st, const struct actor *by, long long entry_id, int drill,
		     dd_time at, struct dd_err *err)
{
	struct mode_status cur;
	struct mode_guards g = {.access = by->access, .has_reason = 1};
	struct mode_step step;
	char reason[160];

	if (mode_current(st, drill, &cur, err) < 0)
		return -1;
	step = mode_transition(cur.state, MODE_EV_POSITIVE, &g);
	if (step.effects & MODE_FX_TRANSITION) {
		snprintf(reason, sizeof reason, "本土初筛阳性 #%lld", entry_id);
		if (record_mode(st, by, cur.state, step.next, reason, entry_id, entry_id, drill,
				err) < 0)
			return -1;
	}
	if ((step.effects & MODE_FX_ESCALATE) &&
	    escalation_open_for_entry(st, entry_id, NULL, err) < 0)
		return -1;
	if ((step.effects & MODE_FX_TRACE) && open_trace(st, by, entry_id, drill, at, err) < 0)
		return -1;
	/* MODE_FX_DUTY24 changes what the duty schedule requires; nothing to
	 * store: the schedule checks the mode. */
	return 0;
}

int mode_stand_down(struct store *st, const struct actor *by, const char *reason, int drill,
		    struct dd_err *err)
{
	struct mode_status cur;
	struct mode_guards g = {.access = by->access, .has_reason = reason && *reason};
	struct mode_step step;

	if (store_begin(st, err) < 0)
		return -1;
	if (mode_current(st, drill, &cur, err) < 0 ||
	    escalation_pending(st, drill, cur.since, &g.unacknowledged, err) < 0)
		goto fail;
	step = mode_transition(cur.state, MODE_EV_STAND_DOWN, &g);
	if (step.refusal != MODE_OK) {
		if (step.refusal == MODE_REFUSE_OPEN_ESCALATIONS)
			dd_fail(err, DD_EDENIED,
				_("cannot stand down: %lld escalation(s) of the outbreak are not "
				  "yet acknowledged (see `dutydesk escalations --open`)"),
				g.unacknowledged);
		else
			dd_fail(err, step.refusal == MODE_REFUSE_NO_REASON ? DD_EINVAL : DD_EDENIED,
				_("cannot stand down: %s"), mode_refusal_text(step.refusal));
		goto fail;
	}
	if (auth_require(st, by, ACCESS_SUPERVISOR, _("standing the task force down"), err) < 0 ||
	    record_mode(st, by, cur.state, step.next, reason, 0, cur.outbreak, drill, err) < 0)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}
