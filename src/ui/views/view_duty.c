/* view_duty.c — the duty schedule (值班表) in the UI: who is on duty now,
 * the shifts of yesterday, today and the next two days with their leaders
 * on duty, substitutions and swaps, and in task-force mode every gap of the
 * next 24 hours.  Planning needs a supervisor; the core says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/duty.h"
#include "base/i18n.h"
#include "domain/settings.h"
#include "ui/views/views.h"

#define DAY (24 * 3600LL)
/* A change of the schedule: the view, and who is on duty on the status line. */
#define DUTY_CHANGED (UI_CH_VIEW | UI_CH_STATUS)

static void add_now(struct ui *ui, struct sheet *s, dd_time now)
{
	struct duty_shift on;
	struct dd_err err;
	char until[DDTIME_BUFSZ];

	if (duty_on_at(ui->st, now, &on, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	if (on.id)
		sheet_add(s, 0, A_BOLD, _("On duty now: %s · leader on duty: %s · until %s"),
			  on.operator_name, *on.leader_name ? on.leader_name : _("none named"),
			  ddtime_format(on.end, DDTIME_SHORT, until));
	else
		sheet_add(s, 0, ui_attr_alert(ui), "%s", _("Nobody is on duty now."));
	duty_shift_clear(&on);
}

/* The gaps in the cover the schedule must give now (duty_required): every
 * hour of the next 24 in task-force mode. */
static void add_gaps(struct ui *ui, struct sheet *s, dd_time now)
{
	struct duty_gap *gaps = NULL;
	struct duty_cover need;
	struct dd_err err;
	int n = 0;

	if (duty_required(ui->st, now, &need, &err) < 0 ||
	    (need.round_clock && duty_gaps(ui->st, need.from, need.to, &gaps, &n, &err) < 0)) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	if (!need.round_clock)
		return;
	if (n == 0)
		sheet_add(s, 0, A_BOLD, "%s",
			  _("Task force: the next 24 hours are covered round the clock."));
	else
		sheet_add(s, 0, ui_attr_alert(ui) | A_BOLD,
			  _("Task force: %d gap(s) in the next 24 hours — nobody on duty:"), n);
	for (int i = 0; i < n; i++) {
		char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], d[DDTIME_BUFSZ];
		sheet_add(s, 0, ui_attr_alert(ui), "    %s – %s  (%s)",
			  ddtime_format(gaps[i].from, DDTIME_SHORT, a),
			  ddtime_format(gaps[i].to, DDTIME_SHORT, b),
			  ddtime_duration(gaps[i].to - gaps[i].from, d));
	}
	free(gaps);
}

static void add_shift(struct ui *ui, struct sheet *s, const struct duty_shift *sh, dd_time now)
{
	static const int w[] = {6, 22, 20, 12};
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], id[24], when[64], who[160], note[512];
	const char *cells[5];
	attr_t attr = A_NORMAL;

	snprintf(id, sizeof id, "#%lld", sh->id);
	snprintf(when, sizeof when, "%s – %s", ddtime_format(sh->start, DDTIME_SHORT, a),
		 ddtime_format(sh->end, DDTIME_CLOCK, b));
	if (strcmp(sh->planned_name, sh->operator_name) != 0)
		snprintf(who, sizeof who, "%s (%s)", sh->operator_name, sh->planned_name);
	else
		snprintf(who, sizeof who, "%s", sh->operator_name);
	snprintf(note, sizeof note, "%s%s%s", sh->cancelled ? _("CANCELLED ") : "",
		 sh->changes ? _("changed ") : "", sh->note ? sh->note : "");
	cells[0] = id;
	cells[1] = when;
	cells[2] = who;
	cells[3] = *sh->leader_name ? sh->leader_name : "—";
	cells[4] = note;
	if (sh->cancelled)
		attr = ui_attr_dim(ui);
	else if (sh->start <= now && now < sh->end)
		attr = A_BOLD;
	sheet_row(s, sh->id, attr, w, cells, 5);
}

static void build(struct ui *ui, struct sheet *s)
{
	static const int w[] = {6, 22, 20, 12};
	/* "Duty leader", not "Leader": that word is the roster's post (组长). */
	const char *head[] = {_("Shift"), _("Time"), _("On duty (planned)"), _("Duty leader"),
			      _("Note")};
	dd_time now = ddtime_now(), day = ddtime_day_start(now);
	struct duty_shift *v = NULL;
	struct dd_err err;
	int n = 0;

	add_now(ui, s, now);
	add_gaps(ui, s, now);
	sheet_add(s, 0, A_NORMAL, "%s", "");
	if (duty_list(ui->st, day - DAY, day + 3 * DAY, 1, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	sheet_row(s, 0, A_BOLD | A_UNDERLINE, w, head, 5);
	for (int i = 0; i < n; i++)
		add_shift(ui, s, &v[i], now);
	if (n == 0)
		sheet_add(s, 0, ui_attr_dim(ui), "%s",
			  _("No shifts planned from yesterday to the day after tomorrow: a adds one."));
	duty_shifts_free(v, n);
}

unsigned view_duty_open(struct ui *ui)
{
	struct sheet s = {
		.title = _("Duty schedule 值班表"),
		.scope = SCOPE_DUTY,
		.build = build,
		.footer = _(" a add shift · s substitute (替班) · w swap (换班) · x cancel · "
			    "h history · q back"),
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

/* The end of the latest shift so far, or the next hour: where a new one
 * most likely starts. */
static dd_time next_start(struct ui *ui)
{
	dd_time now = ddtime_now(), start = now - now % 3600 + 3600;
	struct duty_shift *v = NULL;
	struct dd_err err;
	int n = 0;

	if (duty_list(ui->st, now, now + 7 * DAY, 0, &v, &n, &err) == 0)
		for (int i = 0; i < n; i++)
			if (v[i].end > start)
				start = v[i].end;
	duty_shifts_free(v, n);
	return start;
}

static int check_end(struct ui *ui, dd_time t, void *vctx, struct dd_err *err)
{
	(void)ui;
	return duty_check_span(*(dd_time *)vctx, t, err);
}

/* The operator step: on the roster and not on duty already then. */
static int check_operator(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	const dd_time *span = vctx;
	return duty_check_operator(ui->st, answer, span[0], span[1], err);
}

static int check_note(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	return duty_check_text(vctx ? _("the reason") : _("the note"), answer, vctx != NULL, err);
}

/* Start, end, who, leader, note: each checked as it is answered and a
 * refused one asked again alone. */
unsigned view_duty_add(struct ui *ui)
{
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	dd_time start, end, span[2];
	int hours = 12;
	char *op = NULL, *leader = NULL, *note = NULL;
	long long id;

	if (settings_get_int(ui->st, SETTING_SHIFT_HOURS, &hours, &err) < 0 || hours <= 0)
		hours = 12;
	if (ui_ask_time(ui, _("Shift starts (2021-12-16 08:00):"), next_start(ui), &start) < 0 ||
	    ui_ask_time_checked(ui, _("Shift ends:"), start + hours * 3600LL, &end, check_end,
				&start) < 0)
		return UI_CH_NONE;
	span[0] = start;
	span[1] = end;
	op = ui_ask_checked(ui, _("Who is on duty (值班人员)?"), NULL, 1, check_operator, span);
	if (!op)
		return UI_CH_NONE;
	leader = ui_ask_person(ui, _("Leader on duty (带班领导; empty for none):"), NULL, 0);
	if (leader)
		note = ui_ask_checked(ui, _("Note (optional):"), NULL, 0, check_note, NULL);
	if (leader && note) {
		if (duty_add(ui->st, &ui->who, start, end, op, *leader ? leader : NULL, note, &id,
			     &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("shift #%lld planned"), id);
			changed = DUTY_CHANGED;
		}
	}
	free(op);
	free(leader);
	free(note);
	return changed;
}

/* The approver step: a supervisor of the roster. */
static int check_approver(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct actor who;

	(void)vctx;
	if (person_find(ui->st, answer, &who, err) < 0)
		return -1;
	/* The rights only: the PIN that proves them is asked after the reason. */
	who.verified = 1;
	return person_require(&who, ACCESS_SUPERVISOR, _("approving a change of the schedule"),
			      err);
}

/* Who asked and who approved a change of the schedule, and why: each
 * checked as it is answered. */
static int ask_change(struct ui *ui, char **asked, char **approved, char **reason)
{
	static int required = 1;

	*asked = *approved = *reason = NULL;
	*asked = ui_ask_person(ui, _("Who asked for it?"), ui->who.name, 1);
	if (*asked)
		*approved = ui_ask_checked(ui, _("Approved by (a supervisor):"), NULL, 1,
					   check_approver, NULL);
	if (*approved)
		*reason = ui_ask_checked(ui, _("Reason:"), NULL, 1, check_note, &required);
	if (*reason)
		return 0;
	free(*asked);
	free(*approved);
	return -1;
}

static long long selected_shift(struct ui *ui)
{
	long long id = sheet_selected(ui);
	if (!id)
		ui_say(ui, _("select a shift first (↑ ↓)"));
	return id;
}

/* The approver signs with their own PIN (four eyes). */
static int approver(struct ui *ui, const char *name, struct actor *appr)
{
	struct dd_err err;

	if (person_identify(ui->st, name, appr, &err) < 0) {
		ui_error(ui, &err);
		return -1;
	}
	return ui_check_pin(ui, appr);
}

unsigned view_duty_substitute(struct ui *ui)
{
	long long id = selected_shift(ui);
	char *sub, *asked, *approved, *reason;
	struct actor appr;
	unsigned changed = UI_CH_NONE;
	struct dd_err err;

	if (!id || !(sub = ui_ask_person(ui, _("Who works this shift instead (替班)?"), NULL, 1)))
		return UI_CH_NONE;
	if (ask_change(ui, &asked, &approved, &reason) == 0) {
		if (approver(ui, approved, &appr) < 0)
			;
		else if (duty_substitute(ui->st, &ui->who, id, sub, asked, &appr, reason, &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("shift #%lld: %s works it instead"), id, sub);
			changed = DUTY_CHANGED;
		}
		free(asked);
		free(approved);
		free(reason);
	}
	free(sub);
	return changed;
}

unsigned view_duty_swap(struct ui *ui)
{
	long long a = selected_shift(ui), b;
	char *asked, *approved, *reason;
	struct actor appr;
	unsigned changed = UI_CH_NONE;
	struct dd_err err;

	if (!a || ui_ask_number(ui, _("Swap with which shift (its number)?"), &b) < 0)
		return UI_CH_NONE;
	if (ask_change(ui, &asked, &approved, &reason) < 0)
		return UI_CH_NONE;
	if (approver(ui, approved, &appr) < 0)
		;
	else if (duty_swap(ui->st, &ui->who, a, b, asked, &appr, reason, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("shifts #%lld and #%lld swapped their operators"), a, b);
		changed = DUTY_CHANGED;
	}
	free(asked);
	free(approved);
	free(reason);
	return changed;
}

unsigned view_duty_cancel(struct ui *ui)
{
	long long id = selected_shift(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *reason;

	if (!id || !(reason = ui_ask_text(ui, _("Cancel this shift — the reason:"), NULL, 1)))
		return UI_CH_NONE;
	if (duty_cancel(ui->st, &ui->who, id, reason, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("shift #%lld cancelled (kept in the history)"), id);
		changed = DUTY_CHANGED;
	}
	free(reason);
	return changed;
}

static void build_history(struct ui *ui, struct sheet *s)
{
	long long id = *(long long *)s->ctx;
	struct duty_change *v = NULL;
	struct dd_err err;
	int n = 0;

	if (duty_changes(ui->st, id, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		char at[DDTIME_BUFSZ];
		sheet_add(s, 0, A_BOLD, "%s  #%lld  %s  %s → %s",
			  ddtime_format(v[i].at, DDTIME_MINUTE, at), v[i].shift_id, v[i].kind,
			  v[i].from_name, v[i].to_name);
		sheet_add(s, 0, A_NORMAL, _("    asked by %s · approved by %s · recorded by %s · %s"),
			  v[i].asked_by, v[i].approved_by, v[i].by, v[i].reason);
	}
	if (n == 0)
		sheet_add(s, 0, ui_attr_dim(ui), "%s", _("No substitutions, swaps or cancellations."));
	duty_changes_free(v, n);
}

unsigned view_duty_history(struct ui *ui)
{
	long long id = sheet_selected(ui);
	struct sheet s = {
		.title = id ? _("Changes of the shift") : _("Changes of the schedule"),
		.scope = SCOPE_SHEET,
		.build = build_history,
		.footer = _(" ↑ ↓ scroll · q back"),
		.ctx = &id,
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}
