/* view_meetings.c — meetings (联席会议, 情况通报会) in the UI: the latest
 * meetings with their attendees and numbered decisions, and the tasks made
 * of them; one key turns the selected decision into an assigned task. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/act.h"
#include "domain/meeting.h"
#include "ui/views/views.h"

/* A row's id: the meeting in the high bits, the decision's number (0 for
 * the meeting itself) in the low ones. */
#define ROW(m, seq) ((m) * 1024 + (seq))
#define ROW_MEETING(id) ((id) / 1024)
#define ROW_SEQ(id) ((int)((id) % 1024))
#define MEETINGS_SHOWN 20

static void add_meeting(struct ui *ui, struct sheet *s, long long id)
{
	struct meeting m;
	struct dd_err err;
	char at[DDTIME_BUFSZ];

	if (meeting_get(ui->st, id, &m, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	sheet_add(s, ROW(m.id, 0), A_BOLD, "#%lld  %s  %s  %s", m.id,
		  ddtime_format(m.held_at, DDTIME_MINUTE, at), meeting_kind_word(m.kind), m.title);
	sheet_add(s, 0, ui_attr_dim(ui), _("      attended: %s"), m.attendees);
	for (int i = 0; i < m.ndecisions; i++) {
		const struct meeting_decision *d = &m.decisions[i];
		sheet_add(s, ROW(m.id, d->seq), A_NORMAL, "   %d. %s%s%s", d->seq, d->text,
			  *d->tasks ? _("  → tasks ") : "", d->tasks);
	}
	if (m.ndecisions == 0)
		sheet_add(s, 0, ui_attr_dim(ui), "%s", _("      no decisions recorded yet: d adds one"));
	meeting_clear(&m);
}

static void build(struct ui *ui, struct sheet *s)
{
	struct meeting *v = NULL;
	struct dd_err err;
	int n = 0;

	if (meeting_list(ui->st, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	for (int i = 0; i < n && i < MEETINGS_SHOWN; i++) {
		if (i)
			sheet_add(s, 0, A_NORMAL, "%s", "");
		add_meeting(ui, s, v[i].id);
	}
	if (n > MEETINGS_SHOWN)
		sheet_add(s, 0, ui_attr_dim(ui), _("… and %d earlier meetings (dutydesk meeting list)"),
			  n - MEETINGS_SHOWN);
	meetings_free(v, n);
}

unsigned view_meetings_open(struct ui *ui)
{
	struct sheet s = {
		.title = _("Meetings 联席会议 · 情况通报会"),
		.scope = SCOPE_MEETINGS,
		.build = build,
		.footer = _(" a record a meeting · d add a decision · t decision → assigned task · "
			    "q back"),
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

static int check_title(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return act_check_text(_("the subject"), answer, ACT_REQUIRED | ACT_ONE_LINE,
			      MEETING_TITLE_MAX, err);
}

static int check_attendees(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct actor *people = NULL;
	int n = 0, rc;

	(void)vctx;
	rc = meeting_people(ui->st, answer, _("the attendees"), &people, &n, err);
	free(people);
	return rc;
}

static int check_decision(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return act_check_text(_("the decision"), answer, ACT_REQUIRED, MEETING_DECISION_MAX, err);
}

/* Kind, time, subject, attendees: each checked as it is answered. */
unsigned view_meetings_add(struct ui *ui)
{
	static const char *const kinds[] = {"联席会议", "情况通报会"};
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	dd_time at;
	char *title = NULL, *who = NULL;
	long long id;
	int k = ui_pick(ui, _(" Which meeting? "), kinds, 2, 0);

	if (k < 0 || ui_ask_time(ui, _("Held at:"), ddtime_now(), &at) < 0 ||
	    !(title = ui_ask_checked(ui, _("Subject:"), NULL, 1, check_title, NULL)))
		return UI_CH_NONE;
	who = ui_ask_checked(ui, _("Attendees (names from the roster, separated by 、 or ,):"),
			     ui->who.name, 1, check_attendees, NULL);
	if (who) {
		if (meeting_add(ui->st, &ui->who, k == 0 ? MEETING_JOINT : MEETING_BRIEFING, at,
				title, who, &id, &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("meeting #%lld recorded: d adds its decisions"), id);
			changed = UI_CH_VIEW;
		}
	}
	free(title);
	free(who);
	return changed;
}

unsigned view_meetings_decide(struct ui *ui)
{
	long long row = sheet_selected(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *text;
	int seq;

	if (!row) {
		ui_say(ui, _("select a meeting first (↑ ↓)"));
		return UI_CH_NONE;
	}
	if (!(text = ui_ask_checked(ui, _("The decision (议定事项):"), NULL, 1, check_decision,
				    NULL)))
		return UI_CH_NONE;
	if (meeting_add_decision(ui->st, &ui->who, ROW_MEETING(row), text, &seq, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("decision %d of meeting #%lld recorded: t makes it a task"), seq,
		       ROW_MEETING(row));
		changed = UI_CH_VIEW;
	}
	free(text);
	return changed;
}

unsigned view_meetings_to_task(struct ui *ui)
{
	long long row = sheet_selected(ui);

	if (!row || ROW_SEQ(row) == 0) {
		ui_say(ui, _("select a decision first (↑ ↓)"));
		return UI_CH_NONE;
	}
	return view_tasks_assign(ui, ROW_MEETING(row), ROW_SEQ(row));
}
