/* mode.c — the mode state machine, reading the mode and recording a change
 * of it.  What else a step sets off is the desk's (desk/outbreak.c). */
#include "domain/mode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/act.h"
#include "base/i18n.h"
#include "base/jsonw.h"
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

unsigned mode_in_force(enum mode_state s)
{
	/* 区域协查 works round the clock, and the city expert group's assessment
	 * classifies villages, for as long as the task force stands. */
	return s == MODE_TASKFORCE ? MODE_FX_DUTY24 | MODE_FX_ZONES : 0;
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
					   mode_in_force(MODE_TASKFORCE),
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
	return mode_at(st, drill, INT64_MAX, out, err);
}

int mode_at(struct store *st, int drill, dd_time t, struct mode_status *out,
	    struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT e.id, e.at, coalesce(e.entry_id, 0), coalesce(p.name, ''), "
		"json_extract(e.body, '$.to'), coalesce(json_extract(e.body, '$.reason'), ''), "
		"coalesce(json_extract(e.body, '$.outbreak'), 0) "
		"FROM event e LEFT JOIN person p ON p.id = e.actor_id "
		"WHERE e.type = 'mode' AND e.drill = ?1 AND e.at <= ?2 "
		"ORDER BY e.id DESC LIMIT 1", err);
	int rc;

	memset(out, 0, sizeof *out);
	out->drill = drill;
	if (!stmt)
		return -1;
	sqlite3_bind_int(stmt, 1, drill ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, t);
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

int mode_record(struct store *st, const struct actor *by, const struct mode_change *c,
		struct dd_err *err)
{
	struct jsonw body;
	int rc;

	jsonw_init(&body);
	jsonw_str(&body, "from", mode_name(c->from));
	jsonw_str(&body, "to", mode_name(c->to));
	jsonw_str(&body, "reason", c->reason ? c->reason : "");
	if (c->trigger)
		jsonw_int(&body, "trigger", c->trigger);
	jsonw_int(&body, "outbreak", c->outbreak);
	/* About the outbreak's entry, so on its timeline too. */
	rc = act_append(st, &(struct act_record){
		.by = by, .type = "mode", .entry_id = c->outbreak, .drill = c->drill,
		.body = jsonw_done(&body)}, NULL, err);
	jsonw_free(&body);
	return rc;
}
