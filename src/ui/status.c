/* status.c — the desk as a whole on the screen: the mode banner, the hint
 * line and the status line, the figures they show beyond the mode (daily
 * report, duty, overdue notifications and tasks, the idle lock), and the
 * desk-wide act of standing the task force down. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "docs/report.h"
#include "domain/auth.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "domain/settings.h"
#include "domain/task.h"
#include "ui/ui_int.h"

static void load_desk(struct ui *ui)
{
	struct duty_shift on;
	struct dd_err err;
	dd_time now = ddtime_now();
	int minutes = 10;

	if (settings_get_int(ui->st, SETTING_IDLE_LOCK_MINUTES, &minutes, &err) == 0)
		ui->idle_minutes = minutes;   /* 0: never */
	else if (!ui->idle_minutes)
		ui->idle_minutes = 10;
	if (report_daily_due(ui->st, now, &ui->report_filed, &ui->report_warn, &err) < 0 ||
	    task_overdue_count(ui->st, now, &ui->tasks_overdue, &err) < 0 ||
	    duty_on_at(ui->st, now, &on, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	if (on.id)
		snprintf(ui->on_duty, sizeof ui->on_duty, "%s", on.operator_name);
	else
		ui->on_duty[0] = '\0';
	duty_shift_clear(&on);
}

void ui_mode_load(struct ui *ui)
{
	struct dd_err err;
	enum mode_state before = ui->mode.state;

	ui->mode_loads++;
	if (mode_current(ui->st, 0, &ui->mode, &err) < 0 ||
	    mode_current(ui->st, 1, &ui->drill, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	if (before != ui->mode.state) {
		/* Into the task force: the roster shows the task force, and the
		 * escalation checklist comes to the front. */
		ui->roster_taskforce = ui->mode.state == MODE_TASKFORCE;
		if (ui->mode.state == MODE_TASKFORCE)
			ui->focus = PANE_ESC;
	}
}

void ui_status_load(struct ui *ui)
{
	struct dd_err err;

	ui->status_loads++;
	if (escalation_overdue(ui->st, 0, ddtime_now(), &ui->overdue, &err) < 0 ||
	    auth_unprotected(ui->st, &ui->unprotected, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	load_desk(ui);
}

static void draw_banner(struct ui *ui)
{
	char text[1024], when[DDTIME_BUFSZ];
	int tf = ui->mode.state == MODE_TASKFORCE;
	attr_t attr;

	if (tf) {
		/* Impossible to miss: red where colour exists, reverse video and
		 * bold where it does not. */
		attr = ui->colors ? (attr_t)COLOR_PAIR(CP_BANNER_TASKFORCE) | A_BOLD
				  : A_REVERSE | A_BOLD;
		snprintf(text, sizeof text, _("■ TASK FORCE MODE 疫情处置专班 ■ since %s · triggered by "
					      "positive case #%lld · %s"),
			 ddtime_format(ui->mode.since, DDTIME_MINUTE, when), ui->mode.trigger,
			 ui->mode.by);
	} else {
		attr = ui->colors ? (attr_t)COLOR_PAIR(CP_BANNER_NORMAL) : A_REVERSE;
		snprintf(text, sizeof text, _(" dutydesk · 联防联控值班台 · Normal prevention "
					      "(常态化防控)"));
	}
	draw_text(stdscr, 0, 0, COLS, text, attr);
	if (ui->drill.state == MODE_TASKFORCE) {
		const char *mark = _(" DRILL 演练 in progress ");
		int w = text_width(mark);
		draw_text(stdscr, 0, COLS - w, w, mark,
			  ui->colors ? (attr_t)COLOR_PAIR(CP_DRILL) | A_BOLD : A_BOLD | A_BLINK);
	}
}

struct status_seg {
	char text[PERSON_NAME_MAX * 4 + 64];
	attr_t attr;
};

/* The status line's pieces, most important first; `narrow` gives the short
 * forms for a terminal that cannot hold the long ones. */
static int status_segs(struct ui *ui, int narrow, struct status_seg *seg)
{
	attr_t alert = ui_attr_alert(ui);
	char clock[DDTIME_BUFSZ];
	int n = 0;

#define SEG(attr_, ...) (snprintf(seg[n].text, sizeof seg[n].text, __VA_ARGS__), \
			 seg[n++].attr = (attr_))
	SEG(A_REVERSE, "%s", ui->mode.state == MODE_TASKFORCE ? _("TASK FORCE") : _("normal"));
	if (!ui->signed_in)
		SEG(A_REVERSE, "%s", _("nobody signed in — press s"));
	else
		SEG(A_REVERSE, "%s (%s)", ui->who.name, _(person_access_name(ui->who.access)));
	if (!narrow)
		SEG(A_REVERSE, "%s", ddtime_format(ddtime_now(), DDTIME_MINUTE, clock));
	SEG(ui->report_warn ? alert : A_REVERSE, "%s",
	    ui->report_filed ? (narrow ? _("report filed") : _("daily report filed"))
			     : (narrow ? _("NO report") : _("daily report NOT filed")));
	SEG(ui->overdue ? alert : A_REVERSE, _("overdue: %lld"), ui->overdue);
	if (ui->tasks_overdue)
		SEG(alert, _("tasks overdue: %lld"), ui->tasks_overdue);
	if (ui->on_duty[0])
		SEG(A_REVERSE, narrow ? _("duty: %s") : _("on duty: %s"), ui->on_duty);
	else
		SEG(A_REVERSE, "%s", _("nobody on duty"));
	if (ui->unprotected)
		SEG(A_REVERSE, narrow ? _("%lld no PIN") : _("%lld without PIN"), ui->unprotected);
	if (narrow)
		SEG(A_REVERSE, "%s", ddtime_format(ddtime_now(), DDTIME_CLOCK, clock));
	SEG(A_REVERSE, "%s", _("? help"));
#undef SEG
	return n;
}

static void draw_status(struct ui *ui)
{
	struct status_seg seg[16];
	int n = status_segs(ui, 0, seg), x = 0, width = 1;

	for (int i = 0; i < n; i++)
		width += text_width(seg[i].text) + 3;
	if (width > COLS)
		n = status_segs(ui, 1, seg);
	draw_fill(stdscr, LINES - 1, 0, COLS, A_REVERSE);
	for (int i = 0; i < n && x < COLS; i++) {
		x += draw_text_np(stdscr, LINES - 1, x, COLS - x, i ? " │ " : " ", A_REVERSE);
		x += draw_text_np(stdscr, LINES - 1, x, COLS - x, seg[i].text, seg[i].attr);
	}
}

static void draw_hints(struct ui *ui)
{
	dd_time now = ddtime_now();
	if (ui->message[0] && now - ui->message_at < 8) {
		draw_text(stdscr, LINES - 2, 0, COLS, ui->message,
			  ui->message_error ? ui_attr_alert(ui) : A_BOLD);
		return;
	}
	draw_text(stdscr, LINES - 2, 0, COLS,
		  _(" Tab/1-3 pane · n new entry · / search · Enter timeline · s sign in · "
		    "L lock · ? keys · q quit"), ui_attr_dim(ui));
}

void ui_status_draw(struct ui *ui)
{
	draw_banner(ui);
	draw_hints(ui);
	draw_status(ui);
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

unsigned ui_stand_down(struct ui *ui)
{
	struct dd_err err;
	unsigned changed = UI_CH_NONE;
	char *reason;

	if (ui->mode.state != MODE_TASKFORCE) {
		ui_say(ui, _("the task force is not active"));
		return UI_CH_NONE;
	}
	reason = ui_prompt(ui, _("Stand the task force down — the reason (经研判…):"), NULL, 0);
	if (!reason)
		return UI_CH_NONE;
	if (mode_stand_down(ui->st, &ui->who, reason, 0, &err) < 0) {
		/* Refused while notifications wait: they are in the pane. */
		if (err.code == DD_EDENIED) {
			ui_error_hint(ui, &err, _("see the escalation pane (3)"));
			ui_focus(ui, PANE_ESC);
			changed = UI_CH_CURSOR;
		} else {
			ui_error(ui, &err);
		}
	} else {
		ui_say(ui, _("the task force stood down: back to normal prevention"));
		changed = UI_CH_ALL;
	}
	free(reason);
	return changed;
}
