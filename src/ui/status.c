/* status.c — the desk as a whole in the UI: what the status line needs to
 * know beyond the mode (daily report, duty, tasks, the idle lock), and the
 * desk-wide acts: stand-down, the daily report (a sheet, as the views). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/duty.h"
#include "base/i18n.h"
#include "desk/outbreak.h"
#include "desk/outbox.h"
#include "docs/report.h"
#include "domain/settings.h"
#include "domain/task.h"
#include "domain/town.h"
#include "store/chain.h"
#include "ui/frame/ui_int.h"
#include "ui/views/views.h"

/* The bell or the flash (the `alert` setting) when the overdue count rises,
 * and again every UI_ALERT_REPEAT seconds while it stays above zero. */
static void alert_overdue(struct ui *ui, dd_time now)
{
	if (ui->overdue > 0 && (ui->overdue > ui->alerted ||
				now - ui->alerted_at >= UI_ALERT_REPEAT)) {
		if (ui->alert == SETTING_ALERT_BELL)
			beep();
		else if (ui->alert == SETTING_ALERT_FLASH)
			flash();
		ui->alerted_at = now;
	}
	ui->alerted = ui->overdue;
}

/* The town for the banner; whether the county is set, and how the sync
 * (`dutydesk sync`, started beside the chase) last went. */
void ui_county_status(struct ui *ui)
{
	struct town_sync s;
	struct town t;
	struct dd_err err;
	char *url = NULL;

	if (town_get(ui->st, &t, &err) == 0)
		snprintf(ui->town, sizeof ui->town, "%s", t.name);
	ui->county = settings_get_text(ui->st, SETTING_COUNTY_URL, &url, &err) == 0 && *url;
	free(url);
	if (town_sync_get(ui->st, &s, &err) == 0) {
		ui->county_ok_at = s.ok_at;
		ui->county_failed = s.tried_at && s.error[0];
	}
}

void ui_desk_status(struct ui *ui)
{
	struct duty_shift on;
	struct dd_err err;
	dd_time now = ddtime_now();
	int minutes = 10, alert = SETTING_ALERT_BELL;

	if (settings_get_int(ui->st, SETTING_IDLE_LOCK_MINUTES, &minutes, &err) == 0)
		ui->idle_minutes = minutes;   /* 0: never */
	else if (!ui->idle_minutes)
		ui->idle_minutes = 10;
	if (settings_get_int(ui->st, SETTING_ALERT, &alert, &err) == 0)
		ui->alert = alert;
	alert_overdue(ui, now);
	if (outbox_pending(ui->st, &ui->unsent, &err) < 0 ||
	    report_daily_due(ui->st, now, &ui->report_filed, &ui->report_warn, &err) < 0 ||
	    task_overdue_count(ui->st, now, &ui->tasks_overdue, &err) < 0 ||
	    duty_on_at(ui->st, now, &on, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	ui_county_status(ui);
	if (on.id)
		snprintf(ui->on_duty, sizeof ui->on_duty, "%s", on.operator_name);
	else
		ui->on_duty[0] = '\0';
	duty_shift_clear(&on);
}

void ui_verify_chain(struct ui *ui)
{
	struct chain_report rep;
	struct dd_err err;

	if (chain_verify_since(ui->st, &rep, &err) == 0) {
		ui->chain_broken = 0;
	} else if (err.code == DD_ETAMPER) {
		ui->chain_broken = 1;
		snprintf(ui->chain_problem, sizeof ui->chain_problem, "%s",
			 rep.problem[0] ? rep.problem : err.msg);
	} else {
		ui_error(ui, &err);
	}
	/* It leaves the store's default; the UI waits less for a lock. */
	store_set_busy_timeout(ui->st, UI_BUSY_MS);
}

int ui_current_shift(struct ui *ui, dd_time *start, dd_time *end)
{
	struct duty_shift on;
	struct dd_err err;
	int rc = -1;

	if (duty_on_at(ui->st, ddtime_now(), &on, &err) < 0) {
		ui_error(ui, &err);
		return -1;
	}
	if (on.id) {
		*start = on.start;
		*end = on.end;
		rc = 0;
	}
	duty_shift_clear(&on);
	return rc;
}

/* What is still open in the outbreak, each kind confirmed by the supervisor
 * (the rule refuses a stand-down that leaves any unconfirmed): the mask of
 * OUTBREAK_* confirmed in *confirmed, -1 when one was declined. */
static int confirm_kind(struct ui *ui, const char *question, unsigned bit,
			unsigned *confirmed)
{
	if (!ui_confirm(ui, question))
		return -1;
	*confirmed |= bit;
	return 0;
}

static int confirm_open(struct ui *ui, unsigned *confirmed)
{
	struct outbreak_open o;
	struct dd_err err;
	char q[256];

	if (outbreak_still_open(ui->st, 0, &o, &err) < 0) {
		ui_error(ui, &err);
		return -1;
	}
	if (o.positives) {
		snprintf(q, sizeof q, _("%lld positive case(s) not closed: stand down anyway?"),
			 o.positives);
		if (confirm_kind(ui, q, OUTBREAK_POSITIVES, confirmed) < 0)
			return -1;
	}
	if (o.zones) {
		snprintf(q, sizeof q, _("%lld zone(s) still in force: stand down anyway?"), o.zones);
		if (confirm_kind(ui, q, OUTBREAK_ZONES, confirmed) < 0)
			return -1;
	}
	if (o.checkpoints) {
		snprintf(q, sizeof q, _("%lld checkpoint(s) still up: stand down anyway?"),
			 o.checkpoints);
		if (confirm_kind(ui, q, OUTBREAK_CHECKPOINTS, confirmed) < 0)
			return -1;
	}
	if (o.no_final) {
		snprintf(q, sizeof q, _("%lld final report(s) (终报) not made: stand down anyway?"),
			 o.no_final);
		if (confirm_kind(ui, q, OUTBREAK_FINAL, confirmed) < 0)
			return -1;
	}
	return 0;
}

static int check_reason(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return outbreak_check_reason(answer, err);
}

/* Ask why and stand the task force down; *outcome is what came of it: the
 * core's code (DD_OK when it stood down), or -1 when nothing was tried. */
static void stand_down(struct ui *ui, int *outcome)
{
	struct dd_err err = {.code = DD_OK};
	unsigned confirmed = 0;
	char *reason;

	*outcome = -1;
	if (ui->mode.state != MODE_TASKFORCE) {
		ui_say(ui, _("the task force is not active"));
		return;
	}
	if (confirm_open(ui, &confirmed) < 0)
		return;
	reason = ui_ask_checked(ui, _("Stand the task force down — the reason (经研判…):"), NULL, 1,
				check_reason, NULL);
	if (!reason)
		return;
	if (outbreak_stand_down_confirmed(ui->st, &ui->who, reason, 0, confirmed, NULL, NULL,
					  &err) < 0)
		ui_error(ui, &err);
	else
		ui_say(ui, _("the task force stood down: back to normal prevention"));
	free(reason);
	*outcome = (int)err.code;
}

unsigned ui_stand_down(struct ui *ui)
{
	int outcome;

	stand_down(ui, &outcome);
	if (outcome == DD_OK)
		return UI_CH_ALL;
	if (outcome == DD_EDENIED) {
		/* Refused while notifications wait: they are in the pane. */
		ui_hint(ui, _("see the escalation pane (3)"));
		ui_focus(ui, PANE_ESC);
		return UI_CH_CURSOR;
	}
	return UI_CH_NONE;
}

/* The daily report as the core shows it (report_daily_view: once filed, the
 * filed text under its stamp and, apart, what came after), under a line that
 * says where it stands and what the keys do; whether it may be filed is the
 * core's rule (report_daily_may_file). */
static void build_report(struct ui *ui, struct sheet *s)
{
	struct report_daily r;
	struct dd_err err, why;
	char *text, line[512];

	if (report_daily_view(ui->st, ddtime_now(), 0, &text, &r, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	if (r.filing.filed) {
		sheet_add(s, 0, A_BOLD, "%s",
			  _("Filed — the text as filed, word for word; below it, apart, what was "
			    "recorded since (c files a correction, 补报)"));
	} else if (report_daily_may_file(&r, 0, &why) < 0) {
		snprintf(line, sizeof line, _("NOT filed — it may not be filed now: %s"), why.msg);
		sheet_add(s, 0, ui_attr_alert(ui) | A_BOLD, "%s", line);
	} else {
		sheet_add(s, 0, ui->report_warn ? ui_attr_alert(ui) | A_BOLD : A_BOLD, "%s",
			  r.zero ? _("NOT filed yet — a zero report (零报告): f files it")
				 : _("NOT filed yet — f files it as it stands"));
	}
	sheet_add(s, 0, A_NORMAL, "%s", "");
	sheet_add_text(s, text, A_NORMAL);
	free(text);
	report_daily_clear(&r);
}

unsigned ui_daily_report(struct ui *ui)
{
	struct sheet s = {
		.title = _("Today's daily report 日报告"),
		.scope = SCOPE_REPORT,
		.build = build_report,
		.footer = _(" f file today's report · c correction (补报) · ↑ ↓ scroll · q back"),
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

/* Whether today's report may be filed (`correction`: corrected) by the
 * core's rule, said when it may not: before anything is asked. */
static int may_file(struct ui *ui, int correction)
{
	struct report_daily r;
	struct dd_err err;
	int rc;

	if (report_daily_build(ui->st, ddtime_now(), &r, &err) < 0) {
		ui_error(ui, &err);
		return 0;
	}
	rc = report_daily_may_file(&r, correction, &err);
	report_daily_clear(&r);
	if (rc < 0)
		ui_error(ui, &err);
	return rc == 0;
}

unsigned ui_file_report(struct ui *ui)
{
	struct dd_err err;

	if (!may_file(ui, 0) ||
	    !ui_confirm(ui, _("File today's daily report now? It is kept as filed.")))
		return UI_CH_NONE;
	if (report_daily_file(ui->st, &ui->who, ddtime_now(), NULL, NULL, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	ui_say(ui, _("today's daily report is filed"));
	return UI_CH_VIEW | UI_CH_STATUS;
}

unsigned ui_correct_report(struct ui *ui)
{
	struct dd_err err;
	char *reason;

	if (!may_file(ui, 1))
		return UI_CH_NONE;
	reason = ui_prompt(ui, _("Correction (补报) of today's report — the reason (may be empty):"),
			   NULL, 0);
	if (!reason)
		return UI_CH_NONE;
	if (!ui_confirm(ui, _("File the report as it stands now as a correction (补报)?"))) {
		free(reason);
		return UI_CH_NONE;
	}
	if (report_daily_correct(ui->st, &ui->who, ddtime_now(), reason, NULL, NULL, NULL,
				 &err) < 0) {
		ui_error(ui, &err);
		free(reason);
		return UI_CH_NONE;
	}
	free(reason);
	ui_say(ui, _("the correction (补报) of today's report is filed"));
	return UI_CH_VIEW | UI_CH_STATUS;
}
