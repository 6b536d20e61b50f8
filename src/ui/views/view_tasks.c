/* view_tasks.c — assigned tasks (交办事项, 跟踪问效) in the UI: overdue
 * first, as the supervision group (督导检查组) reads them; assign, note
 * progress, close. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/act.h"
#include "domain/task.h"
#include "ui/views/views.h"

/* A task assigned, noted or closed: the view, and the status line's count
 * of overdue tasks. */
#define TASKS_CHANGED (UI_CH_VIEW | UI_CH_STATUS)

struct tasks_ctx {
	int all;                 /* closed ones too */
};

static void add_task(struct ui *ui, struct sheet *s, const struct task *t, dd_time now)
{
	static const int w[] = {6, 8, 11, 14, 8};
	char id[24], state[64], due[DDTIME_BUFSZ], what[1024];
	const char *cells[6];
	enum task_state st = task_state_at(t, now);
	attr_t attr = st == TASK_OVERDUE ? ui_attr_alert(ui) | A_BOLD
		      : st == TASK_CLOSED ? ui_attr_dim(ui) : A_NORMAL;

	snprintf(id, sizeof id, "#%lld", t->id);
	snprintf(state, sizeof state, "%s", st == TASK_OVERDUE ? _("OVERDUE")
					    : st == TASK_CLOSED ? _("closed") : _("open"));
	if (*t->last_note)
		snprintf(what, sizeof what, "%s — %s", t->summary, t->last_note);
	else
		snprintf(what, sizeof what, "%s", t->summary);
	cells[0] = id;
	cells[1] = state;
	cells[2] = ddtime_format(t->due_at, DDTIME_SHORT, due);
	cells[3] = t->group;
	cells[4] = t->assigned_by;
	cells[5] = what;
	sheet_row(s, t->id, attr, w, cells, 6);
}

static void build(struct ui *ui, struct sheet *s)
{
	static const int w[] = {6, 8, 11, 14, 8};
	const char *head[] = {_("Task"), _("State"), _("Due"), _("Group"), _("By"),
			      _("What — latest progress")};
	struct tasks_ctx *c = s->ctx;
	struct task_filter f = {.which = c->all ? TASK_LIST_ALL : TASK_LIST_OPEN};
	dd_time now = ddtime_now();
	struct task *v = NULL;
	struct dd_err err;
	int n = 0, overdue = 0;

	if (task_list(ui->st, &f, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	task_sort(v, n, now);
	for (int i = 0; i < n; i++)
		overdue += task_state_at(&v[i], now) == TASK_OVERDUE;
	sheet_add(s, 0, overdue ? ui_attr_alert(ui) | A_BOLD : A_BOLD,
		  _("%d overdue · %d shown (%s) · overdue first, for the supervision group"),
		  overdue, n, c->all ? _("closed ones too") : _("open ones"));
	sheet_row(s, 0, A_BOLD | A_UNDERLINE, w, head, 6);
	for (int i = 0; i < n; i++)
		add_task(ui, s, &v[i], now);
	tasks_free(v, n);
}

unsigned view_tasks_open(struct ui *ui)
{
	struct tasks_ctx c = {0};
	struct sheet s = {
		.title = _("Assigned tasks 交办事项"),
		.scope = SCOPE_TASKS,
		.build = build,
		.footer = _(" a assign · o progress note · x close · A closed ones too · q back"),
		.ctx = &c,
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

unsigned view_tasks_toggle_all(struct ui *ui)
{
	struct sheet *s = sheet_cur(ui);
	if (!s || s->scope != SCOPE_TASKS)
		return UI_CH_NONE;
	((struct tasks_ctx *)s->ctx)->all ^= 1;
	return UI_CH_VIEW;
}

static int check_summary(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return act_check_text(_("the summary"), answer, ACT_REQUIRED, TASK_TEXT_MAX, err);
}

static int check_due(struct ui *ui, dd_time t, void *vctx, struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return task_check_due(t, 0, err);
}

/* Assign a task: from `meeting_id`'s decision `decision` when given (its
 * text is the summary unless changed), else from scratch.  Each step is
 * checked as it is answered and a refused one asked again alone. */
unsigned view_tasks_assign(struct ui *ui, long long meeting_id, int decision)
{
	unsigned changed = UI_CH_NONE;
	struct task_new n = {.meeting_id = meeting_id, .decision = decision};
	char *group, *by = NULL, *summary = NULL;
	struct dd_err err;
	long long id;

	if (!meeting_id && !(summary = ui_ask_checked(ui, _("The task (交办事项):"), NULL, 1,
						      check_summary, NULL)))
		return UI_CH_NONE;
	/* A task always has a group: no "(none)" to choose. */
	group = ui_pick_group_of(ui, NULL, 0);
	if (group &&
	    ui_ask_time_checked(ui, _("Deadline (办结时限):"), ddtime_now() + 24 * 3600, &n.due_at,
				check_due, NULL) == 0 &&
	    (by = ui_ask_person(ui, _("Assigned by (交办人):"), ui->who.name, 1))) {
		n.group = group;
		n.summary = summary;
		n.assigned_by = by;
		if (task_add(ui->st, &ui->who, &n, &id, &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("task #%lld assigned to %s"), id, group);
			changed = TASKS_CHANGED;
		}
	}
	free(group);
	free(by);
	free(summary);
	return changed;
}

unsigned view_tasks_add(struct ui *ui)
{
	return view_tasks_assign(ui, 0, 0);
}

static long long selected_task(struct ui *ui)
{
	long long id = sheet_selected(ui);
	if (!id)
		ui_say(ui, _("select a task first (↑ ↓)"));
	return id;
}

unsigned view_tasks_note(struct ui *ui)
{
	long long id = selected_task(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *text;

	if (!id || !(text = ui_ask_text(ui, _("Progress (进展):"), NULL, 1)))
		return UI_CH_NONE;
	if (task_note(ui->st, &ui->who, id, text, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("task #%lld: progress noted"), id);
		changed = TASKS_CHANGED;
	}
	free(text);
	return changed;
}

unsigned view_tasks_close(struct ui *ui)
{
	long long id = selected_task(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *text;

	if (!id || !(text = ui_ask_text(ui, _("Close the task — how it was done (办结情况):"),
					NULL, 1)))
		return UI_CH_NONE;
	if (task_close(ui->st, &ui->who, id, text, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("task #%lld closed"), id);
		changed = TASKS_CHANGED;
	}
	free(text);
	return changed;
}
