/* actions.c — every key of the UI, declared once.
 *
 * The table below is the only place a key is bound: the dispatcher reads
 * it, and so does the help screen, so the two cannot drift.  Each row also
 * declares the most its action may change (UI_CH_*): the handler returns
 * what it did change (nothing when cancelled), and the loop re-reads that
 * much and no more.  Moving keys declare UI_CH_CURSOR: they read nothing. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "ui/panes/panes.h"
#include "ui/ui.h"
#include "ui/frame/ui_int.h"
#include "ui/views/views.h"

#define CTRL(c) ((c) & 0x1f)
#define K(c) {0, (wint_t)(c)}      /* a character */
#define F(c) {1, (wint_t)(c)}      /* a function key (KEY_*) */

enum needs {
	NEEDS_NOTHING,
	NEEDS_SIGNIN,       /* somebody must be at the desk */
	NEEDS_SUPERVISOR,
};

struct action {
	enum ui_scope scope;
	struct ui_key keys[3];
	const char *keynames;       /* as shown in help */
	const char *help;
	enum needs needs;
	unsigned may;               /* the most it changes: UI_CH_* */
	unsigned (*run)(struct ui *ui);
};

/* The sets of changes the table declares. */
#define CH_NONE UI_CH_NONE
#define CH_MOVE UI_CH_CURSOR          /* a cursor, the focus: nothing is read */
#define CH_ALL UI_CH_ALL
#define CH_VIEW UI_CH_VIEW            /* only the view in front */
#define CH_FILTER UI_CH_LOG           /* the log pane's filters */
#define CH_ENTRY UI_CH_DATA           /* a new entry: the log, escalations, the mode… */
#define CH_ENTRY_EDIT (UI_CH_VIEW | UI_CH_LOG)
#define CH_CLOSE (UI_CH_VIEW | UI_CH_LOG | UI_CH_ESC | UI_CH_STATUS)
#define CH_STAGE (UI_CH_VIEW | UI_CH_ESC | UI_CH_STATUS)
#define CH_ANSWER (UI_CH_VIEW | UI_CH_ESC | UI_CH_STATUS)
#define CH_HOLDERS (UI_CH_ROSTER | UI_CH_ESC)  /* the roster and the contacts */
#define CH_DUTY (UI_CH_VIEW | UI_CH_STATUS)   /* who is on duty */
#define CH_TASKS (UI_CH_VIEW | UI_CH_STATUS)  /* tasks overdue */
#define CH_REPORT (UI_CH_VIEW | UI_CH_STATUS) /* the report filed */
#define CH_ZONES (UI_CH_VIEW | UI_CH_ROSTER)  /* the task force's roster lists them */

static unsigned focus(struct ui *ui, int pane)
{
	ui_focus(ui, pane);
	return UI_CH_CURSOR;
}

static unsigned next_pane(struct ui *ui) { return focus(ui, (ui->focus + 1) % NPANES); }
static unsigned prev_pane(struct ui *ui) { return focus(ui, (ui->focus + NPANES - 1) % NPANES); }
static unsigned pane1(struct ui *ui) { return focus(ui, PANE_ROSTER); }
static unsigned pane2(struct ui *ui) { return focus(ui, PANE_LOG); }
static unsigned pane3(struct ui *ui) { return focus(ui, PANE_ESC); }
/* The keys of what is in front: the open view, the timeline, or the pane. */
static unsigned help(struct ui *ui)
{
	if (ui->sheet)
		actions_help(ui, ui->sheet->scope);
	else if (ui->timeline)
		actions_help(ui, SCOPE_TIMELINE);
	else
		actions_help(ui, ui->panes[ui->focus].ops->scope);
	return UI_CH_NONE;
}
static unsigned new_entry(struct ui *ui) { return form_new_entry(ui, 0, 0); }
static unsigned new_drill(struct ui *ui) { return form_new_entry(ui, 0, 1); }
static unsigned signin(struct ui *ui) { ui_signin(ui); return UI_CH_CURSOR; }
static unsigned lock(struct ui *ui) { ui_lock(ui); return UI_CH_CURSOR; }
static unsigned redraw(struct ui *ui) { clearok(curscr, TRUE); return UI_CH_ALL; }

static unsigned quit(struct ui *ui)
{
	if (ui_confirm(ui, _("Leave dutydesk?")))
		ui->quit = 1;
	return UI_CH_NONE;
}

static unsigned r_up(struct ui *ui) { return pane_roster_move(ui, -1); }
static unsigned r_down(struct ui *ui) { return pane_roster_move(ui, 1); }
static unsigned r_pgup(struct ui *ui) { return pane_roster_move(ui, -ui->panes[PANE_ROSTER].h); }
static unsigned r_pgdn(struct ui *ui) { return pane_roster_move(ui, ui->panes[PANE_ROSTER].h); }
static unsigned l_up(struct ui *ui) { return pane_log_move(ui, -1); }
static unsigned l_down(struct ui *ui) { return pane_log_move(ui, 1); }
static unsigned l_pgup(struct ui *ui) { return pane_log_page(ui, -1); }
static unsigned l_pgdn(struct ui *ui) { return pane_log_page(ui, 1); }
static unsigned e_up(struct ui *ui) { return pane_esc_move(ui, -1); }
static unsigned e_down(struct ui *ui) { return pane_esc_move(ui, 1); }
static unsigned t_up(struct ui *ui) { return view_timeline_scroll(ui, -1); }
static unsigned t_down(struct ui *ui) { return view_timeline_scroll(ui, 1); }
static unsigned t_pgup(struct ui *ui) { return view_timeline_scroll(ui, -(LINES - 6)); }
static unsigned t_pgdn(struct ui *ui) { return view_timeline_scroll(ui, LINES - 6); }
static unsigned s_up(struct ui *ui) { return sheet_move(ui, -1); }
static unsigned s_down(struct ui *ui) { return sheet_move(ui, 1); }
static unsigned s_pgup(struct ui *ui) { return sheet_move(ui, -(LINES - 7)); }
static unsigned s_pgdn(struct ui *ui) { return sheet_move(ui, LINES - 7); }
static unsigned s_home(struct ui *ui) { return sheet_move(ui, -1000000); }
static unsigned s_end(struct ui *ui) { return sheet_move(ui, 1000000); }

static const struct action actions[] = {
	{SCOPE_GLOBAL, {K('\t')}, "Tab", N_("next pane"), NEEDS_NOTHING, CH_MOVE, next_pane},
	{SCOPE_GLOBAL, {F(KEY_BTAB)}, "Shift-Tab", N_("previous pane"), NEEDS_NOTHING, CH_MOVE,
	 prev_pane},
	{SCOPE_GLOBAL, {K('1')}, "1", N_("roster pane"), NEEDS_NOTHING, CH_MOVE, pane1},
	{SCOPE_GLOBAL, {K('2')}, "2", N_("incident log pane"), NEEDS_NOTHING, CH_MOVE, pane2},
	{SCOPE_GLOBAL, {K('3')}, "3", N_("escalation pane"), NEEDS_NOTHING, CH_MOVE, pane3},
	{SCOPE_GLOBAL, {K('n')}, "n", N_("new entry (call, document, positive case…)"),
	 NEEDS_SIGNIN, CH_ENTRY, new_entry},
	{SCOPE_GLOBAL, {K('N')}, "N", N_("new DRILL entry (演练: never touches the real mode)"),
	 NEEDS_SIGNIN, CH_ENTRY, new_drill},
	{SCOPE_GLOBAL, {K('s')}, "s", N_("sign in / change who is at the desk"), NEEDS_NOTHING,
	 CH_MOVE, signin},
	{SCOPE_GLOBAL, {K('L')}, "L", N_("lock the terminal now"), NEEDS_SIGNIN, CH_MOVE, lock},
	{SCOPE_GLOBAL, {K('S')}, "S", N_("stand the task force down (supervisor)"),
	 NEEDS_SUPERVISOR, CH_ALL, ui_stand_down},
	{SCOPE_GLOBAL, {K('D')}, "D", N_("duty schedule: who is on duty, shifts, gaps (值班表)"),
	 NEEDS_SIGNIN, CH_MOVE, view_duty_open},
	{SCOPE_GLOBAL, {K('T')}, "T", N_("assigned tasks, overdue first (交办事项)"), NEEDS_SIGNIN,
	 CH_MOVE, view_tasks_open},
	{SCOPE_GLOBAL, {K('M')}, "M", N_("meetings and their decisions (联席会议)"), NEEDS_SIGNIN,
	 CH_MOVE, view_meetings_open},
	{SCOPE_GLOBAL, {K('Z')}, "Z", N_("zones and checkpoints (封控区, 卡点)"), NEEDS_SIGNIN,
	 CH_MOVE, view_zones_open},
	{SCOPE_GLOBAL, {K('F')}, "F", N_("figures with review and 14-day trends (统计)"),
	 NEEDS_SIGNIN, CH_MOVE, view_figures_open},
	{SCOPE_GLOBAL, {K('R')}, "R", N_("today's daily report: read it, file it (日报告)"),
	 NEEDS_SIGNIN, CH_MOVE, ui_daily_report},
	{SCOPE_GLOBAL, {K('H')}, "H", N_("the shift's handover sheet: sign, PDF, print (交接班)"),
	 NEEDS_SIGNIN, CH_MOVE, view_handover_open},
	{SCOPE_GLOBAL, {K('?'), F(KEY_F(1))}, "? F1", N_("the keys of this pane"), NEEDS_NOTHING,
	 CH_NONE, help},
	{SCOPE_GLOBAL, {K(CTRL('l'))}, "Ctrl-L", N_("redraw and re-read"), NEEDS_NOTHING, CH_ALL,
	 redraw},
	{SCOPE_GLOBAL, {K('q')}, "q", N_("quit"), NEEDS_NOTHING, CH_NONE, quit},

	{SCOPE_ROSTER, {F(KEY_UP), K('k')}, "↑ k", N_("move up"), NEEDS_NOTHING, CH_MOVE, r_up},
	{SCOPE_ROSTER, {F(KEY_DOWN), K('j')}, "↓ j", N_("move down"), NEEDS_NOTHING, CH_MOVE,
	 r_down},
	{SCOPE_ROSTER, {F(KEY_PPAGE)}, "PgUp", N_("page up"), NEEDS_NOTHING, CH_MOVE, r_pgup},
	{SCOPE_ROSTER, {F(KEY_NPAGE)}, "PgDn", N_("page down"), NEEDS_NOTHING, CH_MOVE, r_pgdn},
	{SCOPE_ROSTER, {K('\r'), K(' '), F(KEY_ENTER)}, "Enter Space",
	 N_("open or close a group: leaders, member units, duties"), NEEDS_NOTHING,
	 CH_MOVE, pane_roster_toggle},
	{SCOPE_ROSTER, {K('t')}, "t", N_("switch between the standing groups and the task force"),
	 NEEDS_NOTHING, CH_MOVE, pane_roster_switch},
	{SCOPE_ROSTER, {K('r')}, "r", N_("replace the selected person (自然更替, admin)"),
	 NEEDS_SIGNIN, CH_HOLDERS, pane_roster_replace},
	{SCOPE_ROSTER, {K('h')}, "h", N_("who held the selected post, and when"), NEEDS_NOTHING,
	 CH_NONE, pane_roster_history},

	{SCOPE_LOG, {F(KEY_UP), K('k')}, "↑ k", N_("newer entry"), NEEDS_SIGNIN, CH_MOVE, l_up},
	{SCOPE_LOG, {F(KEY_DOWN), K('j')}, "↓ j", N_("older entry"), NEEDS_SIGNIN, CH_MOVE, l_down},
	{SCOPE_LOG, {F(KEY_PPAGE)}, "PgUp", N_("newer page"), NEEDS_SIGNIN, CH_MOVE, l_pgup},
	{SCOPE_LOG, {F(KEY_NPAGE)}, "PgDn", N_("older page"), NEEDS_SIGNIN, CH_MOVE, l_pgdn},
	{SCOPE_LOG, {F(KEY_HOME)}, "Home", N_("the newest entries"), NEEDS_SIGNIN, CH_MOVE,
	 pane_log_home},
	{SCOPE_LOG, {F(KEY_END)}, "End", N_("the oldest entries (the end of the log)"),
	 NEEDS_SIGNIN, CH_MOVE, pane_log_end},
	{SCOPE_LOG, {K('\r'), F(KEY_ENTER)}, "Enter",
	 N_("open the incident's timeline (follow up, amend, close there)"), NEEDS_SIGNIN,
	 CH_MOVE, pane_log_open},
	{SCOPE_LOG, {K('/')}, "/", N_("search (Chinese substrings too: 阳性, 密接)"), NEEDS_SIGNIN,
	 CH_FILTER, pane_log_search},
	{SCOPE_LOG, {K('t')}, "t", N_("filter by kind"), NEEDS_SIGNIN, CH_FILTER,
	 pane_log_pick_kind},
	{SCOPE_LOG, {K('o')}, "o", N_("filter by status: open, closed, all"), NEEDS_SIGNIN,
	 CH_FILTER, pane_log_cycle_status},
	{SCOPE_LOG, {K('g')}, "g", N_("filter by responsible group"), NEEDS_SIGNIN,
	 CH_FILTER, pane_log_pick_group},
	{SCOPE_LOG, {K('b')}, "b", N_("filter by who recorded the entry"), NEEDS_SIGNIN,
	 CH_FILTER, pane_log_pick_operator},
	{SCOPE_LOG, {K('r')}, "r", N_("entries of today, yesterday, this shift or any stretch"),
	 NEEDS_SIGNIN, CH_FILTER, pane_log_pick_range},
	{SCOPE_LOG, {K('c')}, "c", N_("clear search and filters"), NEEDS_SIGNIN,
	 CH_FILTER, pane_log_clear_filters},
	{SCOPE_LOG, {K('d')}, "d", N_("show drill entries instead of real ones, or back"),
	 NEEDS_SIGNIN, CH_FILTER, pane_log_toggle_drill},

	{SCOPE_TIMELINE, {F(KEY_UP), K('k')}, "↑ k", N_("scroll up"), NEEDS_NOTHING, CH_MOVE, t_up},
	{SCOPE_TIMELINE, {F(KEY_DOWN), K('j')}, "↓ j", N_("scroll down"), NEEDS_NOTHING, CH_MOVE,
	 t_down},
	{SCOPE_TIMELINE, {F(KEY_PPAGE)}, "PgUp", N_("page up"), NEEDS_NOTHING, CH_MOVE, t_pgup},
	{SCOPE_TIMELINE, {F(KEY_NPAGE)}, "PgDn", N_("page down"), NEEDS_NOTHING, CH_MOVE, t_pgdn},
	{SCOPE_TIMELINE, {K('f')}, "f", N_("record a follow-up of this incident"), NEEDS_SIGNIN,
	 CH_ENTRY, view_timeline_follow_up},
	{SCOPE_TIMELINE, {K('a')}, "a", N_("amend an entry's summary (the original is kept)"),
	 NEEDS_SIGNIN, CH_ENTRY_EDIT, view_timeline_amend},
	{SCOPE_TIMELINE, {K('x')}, "x", N_("close the incident (with a resolution)"), NEEDS_SIGNIN,
	 CH_CLOSE, view_timeline_close},
	{SCOPE_TIMELINE, {K('o')}, "o", N_("add a note, proposed action, instruction or result"),
	 NEEDS_SIGNIN, CH_VIEW, view_timeline_note},
	{SCOPE_TIMELINE, {K('g')}, "g", N_("make another group responsible"), NEEDS_SIGNIN,
	 CH_ENTRY_EDIT, view_timeline_assign},
	{SCOPE_TIMELINE, {K('C')}, "C", N_("open the next continuation report (续报)"),
	 NEEDS_SIGNIN, CH_STAGE, view_timeline_continuation},
	{SCOPE_TIMELINE, {K('F')}, "F", N_("open the final report (终报)"), NEEDS_SIGNIN, CH_STAGE,
	 view_timeline_final},
	{SCOPE_TIMELINE, {K('q'), K(27)}, "q Esc", N_("back to the panes"), NEEDS_NOTHING,
	 CH_NONE, view_timeline_back},

	{SCOPE_SHEET, {F(KEY_UP), K('k')}, "↑ k", N_("move up"), NEEDS_NOTHING, CH_MOVE, s_up},
	{SCOPE_SHEET, {F(KEY_DOWN), K('j')}, "↓ j", N_("move down"), NEEDS_NOTHING, CH_MOVE,
	 s_down},
	{SCOPE_SHEET, {F(KEY_PPAGE)}, "PgUp", N_("page up"), NEEDS_NOTHING, CH_MOVE, s_pgup},
	{SCOPE_SHEET, {F(KEY_NPAGE)}, "PgDn", N_("page down"), NEEDS_NOTHING, CH_MOVE, s_pgdn},
	{SCOPE_SHEET, {F(KEY_HOME)}, "Home", N_("the top"), NEEDS_NOTHING, CH_MOVE, s_home},
	{SCOPE_SHEET, {F(KEY_END)}, "End", N_("the bottom"), NEEDS_NOTHING, CH_MOVE, s_end},
	{SCOPE_SHEET, {K('q'), K(27)}, "q Esc", N_("back to the panes"), NEEDS_NOTHING,
	 CH_NONE, sheet_back},

	{SCOPE_DUTY, {K('a')}, "a", N_("plan a shift: start, end, who, leader on duty"),
	 NEEDS_SUPERVISOR, CH_DUTY, view_duty_add},
	{SCOPE_DUTY, {K('s')}, "s", N_("someone else works the selected shift (替班)"),
	 NEEDS_SIGNIN, CH_DUTY, view_duty_substitute},
	{SCOPE_DUTY, {K('w')}, "w", N_("swap the operators of the selected shift and another (换班)"),
	 NEEDS_SIGNIN, CH_DUTY, view_duty_swap},
	{SCOPE_DUTY, {K('x')}, "x", N_("cancel the selected shift (kept in the history)"),
	 NEEDS_SUPERVISOR, CH_DUTY, view_duty_cancel},
	{SCOPE_DUTY, {K('h')}, "h", N_("who changed the selected shift, asked and approved"),
	 NEEDS_NOTHING, CH_MOVE, view_duty_history},

	{SCOPE_TASKS, {K('a')}, "a", N_("assign a task: group, deadline, who assigned it"),
	 NEEDS_SIGNIN, CH_TASKS, view_tasks_add},
	{SCOPE_TASKS, {K('o')}, "o", N_("note progress on the selected task"), NEEDS_SIGNIN,
	 CH_TASKS, view_tasks_note},
	{SCOPE_TASKS, {K('x')}, "x", N_("close the selected task (办结)"), NEEDS_SIGNIN, CH_TASKS,
	 view_tasks_close},
	{SCOPE_TASKS, {K('A')}, "A", N_("show closed tasks too, or only open ones"), NEEDS_NOTHING,
	 CH_VIEW, view_tasks_toggle_all},

	{SCOPE_MEETINGS, {K('a')}, "a", N_("record a meeting: kind, time, subject, attendees"),
	 NEEDS_SIGNIN, CH_VIEW, view_meetings_add},
	{SCOPE_MEETINGS, {K('d')}, "d", N_("add a decision to the selected meeting"), NEEDS_SIGNIN,
	 CH_VIEW, view_meetings_decide},
	{SCOPE_MEETINGS, {K('t')}, "t", N_("turn the selected decision into an assigned task"),
	 NEEDS_SIGNIN, CH_TASKS, view_meetings_to_task},

	{SCOPE_ZONES, {K('z')}, "z", N_("classify a village: 封控区, 管控区, 防范区 or none"),
	 NEEDS_SIGNIN, CH_ZONES, view_zones_set},
	{SCOPE_ZONES, {K('c')}, "c", N_("set up a checkpoint: place, zone, staff, hours"),
	 NEEDS_SIGNIN, CH_ZONES, view_zones_checkpoint_add},
	{SCOPE_ZONES, {K('x')}, "x", N_("close the selected checkpoint"), NEEDS_SIGNIN,
	 CH_ZONES, view_zones_checkpoint_close},

	{SCOPE_FIGURES, {K('a')}, "a", N_("enter a figure (it counts once reviewed)"), NEEDS_SIGNIN,
	 CH_VIEW, view_figures_add},
	{SCOPE_FIGURES, {K('r')}, "r", N_("review the selected figure (not your own)"),
	 NEEDS_SIGNIN, CH_VIEW, view_figures_review},

	{SCOPE_REPORT, {K('f')}, "f", N_("file today's daily report"), NEEDS_SIGNIN,
	 CH_REPORT, ui_file_report},
	{SCOPE_REPORT, {K('c')}, "c", N_("file a correction (补报) of today's filed report"),
	 NEEDS_SIGNIN, CH_REPORT, ui_correct_report},

	{SCOPE_HANDOVER, {K('n')}, "n", N_("write the notes for the next shift (交接事项)"),
	 NEEDS_SIGNIN, CH_VIEW, view_handover_notes},
	{SCOPE_HANDOVER, {K('s')}, "s", N_("hand over: the incoming operator signs with you"),
	 NEEDS_SIGNIN, CH_VIEW, view_handover_sign},
	{SCOPE_HANDOVER, {K('w')}, "w", N_("write the sheet as an A4 PDF"), NEEDS_SIGNIN,
	 CH_NONE, view_handover_pdf},
	{SCOPE_HANDOVER, {K('p')}, "p", N_("print the sheet: choose the printer (CUPS)"),
	 NEEDS_SIGNIN, CH_NONE, view_handover_print},
	{SCOPE_HANDOVER, {K('d')}, "d", N_("the drill's sheet (演练), or back to the real one"),
	 NEEDS_SIGNIN, CH_VIEW, view_handover_drill},

	{SCOPE_ESC, {F(KEY_UP), K('k')}, "↑ k", N_("move up"), NEEDS_NOTHING, CH_MOVE, e_up},
	{SCOPE_ESC, {F(KEY_DOWN), K('j')}, "↓ j", N_("move down"), NEEDS_NOTHING, CH_MOVE, e_down},
	{SCOPE_ESC, {K('d')}, "d", N_("mark the selected notification done (who answered)"),
	 NEEDS_SIGNIN, CH_ANSWER, pane_esc_done},
	{SCOPE_ESC, {K('\r'), F(KEY_ENTER)}, "Enter", N_("open the notification's incident"),
	 NEEDS_SIGNIN, CH_MOVE, pane_esc_open_entry},
};

#define NACTIONS ((int)(sizeof actions / sizeof actions[0]))

static int matches(const struct action *a, struct ui_key k)
{
	for (int i = 0; i < 3; i++) {
		if (a->keys[i].ch == 0)
			break;
		if (a->keys[i].is_key == k.is_key && a->keys[i].ch == k.ch)
			return 1;
	}
	return 0;
}

static int allowed(struct ui *ui, const struct action *a)
{
	switch (a->needs) {
	case NEEDS_NOTHING:
		return 1;
	case NEEDS_SIGNIN:
		return ui_require_signin(ui) == 0;
	case NEEDS_SUPERVISOR:
		return ui_require_access(ui, ACCESS_SUPERVISOR, _(a->help)) == 0;
	}
	return 0;
}

/* The scopes a key is looked up in, in order: the view's own, the keys
 * every full-screen view shares, then the global ones. */
static int scope_chain(enum ui_scope scope, enum ui_scope chain[3])
{
	int n = 0;
	chain[n++] = scope;
	if (scope > SCOPE_SHEET)
		chain[n++] = SCOPE_SHEET;
	if (scope != SCOPE_GLOBAL)
		chain[n++] = SCOPE_GLOBAL;
	return n;
}

/* The action `k` runs in `scope`, or NULL. */
static const struct action *lookup(enum ui_scope scope, struct ui_key k)
{
	enum ui_scope chain[3];
	int n = scope_chain(scope, chain);

	/* Enter from the keypad and Return are the same key. */
	if (k.is_key && k.ch == KEY_ENTER)
		k = (struct ui_key){0, L'\r'};
	for (int pass = 0; pass < n; pass++)
		for (int i = 0; i < NACTIONS; i++)
			if (actions[i].scope == chain[pass] && matches(&actions[i], k))
				return &actions[i];
	return NULL;
}

int actions_dispatch(struct ui *ui, enum ui_scope scope, struct ui_key k, unsigned *changed)
{
	const struct action *a = lookup(scope, k);

	*changed = UI_CH_NONE;
	if (!a)
		return 0;
	/* No more than the row declares is re-read. */
	if (allowed(ui, a))
		*changed = a->run(ui) & a->may;
	return 1;
}

long actions_may_change(enum ui_scope scope, struct ui_key k)
{
	const struct action *a = lookup(scope, k);
	return a ? (long)a->may : -1;
}

struct help_ctx {
	enum ui_scope scope;
	int top;
};

static const char *scope_title(enum ui_scope s)
{
	static const char *const t[] = {
		N_("Everywhere"), N_("Roster pane"), N_("Incident log pane"),
		N_("Escalation pane"), N_("Timeline"), N_("Every full-screen view"),
		N_("Duty schedule"), N_("Assigned tasks"), N_("Meetings"),
		N_("Zones and checkpoints"), N_("Figures"), N_("Daily report"),
		N_("Handover sheet")};
	_Static_assert(sizeof t / sizeof t[0] == SCOPE_COUNT, "a title for every scope");
	return (unsigned)s < SCOPE_COUNT ? _(t[s]) : "";
}

/* The help's rows: a title per scope, its keys, a blank line between.
 * With `win`, those from `top` on are drawn in rows [1, 1 + h); returns
 * how many there are in all. */
static int help_rows(const struct help_ctx *c, WINDOW *win, int top, int h, int w)
{
	enum ui_scope chain[3];
	int n = scope_chain(c->scope, chain), row = 0;

	for (int pass = 0; pass < n; pass++) {
		enum ui_scope want = chain[pass];
		if (pass)
			row++;
		if (win && row - top >= 0 && row - top < h)
			draw_text(win, 1 + row - top, 2, w - 4, scope_title(want), A_BOLD);
		row++;
		for (int i = 0; i < NACTIONS; i++) {
			if (actions[i].scope != want)
				continue;
			if (win && row - top >= 0 && row - top < h) {
				draw_text(win, 1 + row - top, 4, 14, actions[i].keynames, A_BOLD);
				draw_text(win, 1 + row - top, 19, w - 21, _(actions[i].help),
					  A_NORMAL);
			}
			row++;
		}
	}
	return row;
}

/* The help's box: its rows inside the border. */
static int help_height(void)
{
	return LINES - 4 - 2;
}

static void draw_help(struct ui *ui, void *vctx)
{
	struct help_ctx *c = vctx;
	int h = LINES - 4, w = COLS - 8, total, rows = h - 2;
	WINDOW *win;
	char where[128];

	(void)ui;
	if (h < 4 || w < 24 || !(win = subwin(stdscr, h, w, 2, 4)))
		return;
	total = help_rows(c, NULL, 0, rows, w);
	if (c->top > total - rows)
		c->top = total - rows > 0 ? total - rows : 0;
	werase(win);
	box(win, 0, 0);
	draw_text_np(win, 0, 2, w - 4, _(" Keys — Esc or q closes "), A_BOLD);
	help_rows(c, win, c->top, rows, w);
	if (total > rows) {
		/* Nothing is cut off silently: where one is, and what is left. */
		snprintf(where, sizeof where, _(" %d–%d of %d "), c->top + 1,
			 c->top + rows < total ? c->top + rows : total, total);
		draw_text_np(win, 0, w - 2 - text_width(where), text_width(where), where, A_BOLD);
		if (c->top + rows < total)
			draw_text_np(win, h - 1, 2, w - 4, _(" ↓ more (j/PgDn) "), A_BOLD | A_REVERSE);
		if (c->top > 0) {
			const char *up = _(" ↑ more (k/PgUp) ");
			draw_text_np(win, h - 1, w - 2 - text_width(up), text_width(up), up, A_BOLD);
		}
	}
	delwin(win);
}

void actions_help(struct ui *ui, enum ui_scope scope)
{
	struct help_ctx c = {scope, 0};

	ui_push_layer(ui, draw_help, &c);
	for (;;) {
		struct ui_key k;
		int page = help_height() > 1 ? help_height() - 1 : 1;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (k.ch == UIK_QUIT || k.ch == UIK_INTR ||
		    (!k.is_key && (k.ch == 27 || k.ch == 'q' || k.ch == '?')))
			break;
		/* draw_help keeps top within the rows. */
		if ((k.is_key && k.ch == KEY_DOWN) || (!k.is_key && k.ch == 'j'))
			c.top++;
		else if (((k.is_key && k.ch == KEY_UP) || (!k.is_key && k.ch == 'k')) && c.top > 0)
			c.top--;
		else if ((k.is_key && k.ch == KEY_NPAGE) || (!k.is_key && k.ch == ' '))
			c.top += page;
		else if (k.is_key && k.ch == KEY_PPAGE)
			c.top = c.top > page ? c.top - page : 0;
		else if (k.is_key && k.ch == KEY_HOME)
			c.top = 0;
		else if (k.is_key && k.ch == KEY_END)
			c.top = 1 << 20;
	}
	ui_pop_layer(ui);
}

void ui_man_keys(FILE *out)
{
	static const char *const scopes[] = {
		"Everywhere", "Roster pane", "Incident log pane", "Escalation pane", "Timeline",
		"Every full-screen view", "Duty schedule (D)", "Assigned tasks (T)",
		"Meetings (M)", "Zones and checkpoints (Z)", "Figures (F)", "Daily report (R)",
		"Handover sheet (H)"};
	_Static_assert(sizeof scopes / sizeof scopes[0] == SCOPE_COUNT, "a name for every scope");
	for (int sc = 0; sc < SCOPE_COUNT; sc++) {
		fprintf(out, ".SS %s\n", scopes[sc]);
		for (int i = 0; i < NACTIONS; i++) {
			if (actions[i].scope != (enum ui_scope)sc)
				continue;
			fprintf(out, ".TP\n.B %s\n", actions[i].keynames);
			for (const char *p = actions[i].help; *p; p++) {
				if (*p == '-' || *p == '\\')
					fputc('\\', out);
				fputc(*p == '\\' ? 'e' : *p, out);
			}
			fputs("\n", out);
		}
	}
}

int actions_validate(char *problem, size_t n)
{
	for (int i = 0; i < NACTIONS; i++) {
		const struct action *a = &actions[i];
		if (!a->keynames || !*a->keynames || !a->help || !*a->help || !a->run ||
		    a->keys[0].ch == 0) {
			snprintf(problem, n, "action %d has no key, name, help or handler", i);
			return -1;
		}
		for (int j = i + 1; j < NACTIONS; j++) {
			if (actions[j].scope != a->scope)
				continue;
			for (int k = 0; k < 3 && a->keys[k].ch; k++) {
				if (matches(&actions[j], a->keys[k])) {
					snprintf(problem, n, "'%s' is bound twice in one scope: %s / %s",
						 a->keynames, a->help, actions[j].help);
					return -1;
				}
			}
		}
	}
	return 0;
}

int actions_count(enum ui_scope scope)
{
	int n = 0;
	for (int i = 0; i < NACTIONS; i++)
		n += actions[i].scope == scope;
	return n;
}
