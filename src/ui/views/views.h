/* views.h — the full-screen views over the panes: an incident's timeline
 * (timeline.c), and the desk's views built on the sheet (sheet.c): duty
 * schedule, tasks, meetings, zones, figures, handover sheet (and the daily
 * report, in status.c).
 * A view opens with view_X_open() from a global key, binds its own keys in
 * the action table under its scope, and its actions return what they
 * changed (enum ui_changed); the view rebuilds its rows on any change of
 * data. */
#ifndef DUTYDESK_UI_VIEWS_H
#define DUTYDESK_UI_VIEWS_H

#include "ui/frame/ui_int.h"

/* sheet.c: a full-screen view of rows.  Rows with an id can be selected. */
struct sheet_line {
	char *text;
	attr_t attr;
	long long id;            /* 0: a heading or a note, not selectable */
};

struct sheet {
	const char *title;       /* translated */
	enum ui_scope scope;
	void (*build)(struct ui *ui, struct sheet *s);
	const char *footer;      /* the view's keys, translated */
	void *ctx;
	struct sheet_line *lines;
	int n, cap, top, sel;
	long long seen;          /* ui->data_version it was built at */
	int done;
};

void sheet_run(struct ui *ui, struct sheet *s);
void sheet_add(struct sheet *s, long long id, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Each line of `text` as a row. */
void sheet_add_text(struct sheet *s, const char *text, attr_t attr);
/* A row of cells, each fitted to its width in columns (the last one runs on). */
void sheet_row(struct sheet *s, long long id, attr_t attr, const int *widths,
	       const char *const *cells, int ncells);
struct sheet *sheet_cur(struct ui *ui);
long long sheet_selected(struct ui *ui);
unsigned sheet_move(struct ui *ui, int delta);
unsigned sheet_back(struct ui *ui);

/* timeline.c: an incident's timeline, with follow-up, amend, close, note. */
unsigned view_timeline_open(struct ui *ui, long long entry_id);
unsigned view_timeline_scroll(struct ui *ui, int delta);
unsigned view_timeline_follow_up(struct ui *ui);
unsigned view_timeline_amend(struct ui *ui);
unsigned view_timeline_close(struct ui *ui);
unsigned view_timeline_note(struct ui *ui);
unsigned view_timeline_assign(struct ui *ui);
unsigned view_timeline_continuation(struct ui *ui);
unsigned view_timeline_final(struct ui *ui);
unsigned view_timeline_back(struct ui *ui);

/* view_duty.c */
unsigned view_duty_open(struct ui *ui);
unsigned view_duty_add(struct ui *ui);
unsigned view_duty_substitute(struct ui *ui);
unsigned view_duty_swap(struct ui *ui);
unsigned view_duty_cancel(struct ui *ui);
unsigned view_duty_history(struct ui *ui);

/* view_tasks.c */
unsigned view_tasks_open(struct ui *ui);
unsigned view_tasks_add(struct ui *ui);
/* From `meeting_id`'s decision `decision` when given, else from scratch. */
unsigned view_tasks_assign(struct ui *ui, long long meeting_id, int decision);
unsigned view_tasks_note(struct ui *ui);
unsigned view_tasks_close(struct ui *ui);
unsigned view_tasks_toggle_all(struct ui *ui);

/* view_meetings.c */
unsigned view_meetings_open(struct ui *ui);
unsigned view_meetings_add(struct ui *ui);
unsigned view_meetings_decide(struct ui *ui);
unsigned view_meetings_to_task(struct ui *ui);

/* view_zones.c */
unsigned view_zones_open(struct ui *ui);
unsigned view_zones_set(struct ui *ui);
unsigned view_zones_checkpoint_add(struct ui *ui);
unsigned view_zones_checkpoint_close(struct ui *ui);

/* view_figures.c */
unsigned view_figures_open(struct ui *ui);
unsigned view_figures_add(struct ui *ui);
unsigned view_figures_review(struct ui *ui);

/* view_handover.c: the shift's handover sheet */
unsigned view_handover_open(struct ui *ui);
unsigned view_handover_notes(struct ui *ui);
unsigned view_handover_sign(struct ui *ui);
unsigned view_handover_pdf(struct ui *ui);
unsigned view_handover_print(struct ui *ui);
unsigned view_handover_drill(struct ui *ui);

#endif
