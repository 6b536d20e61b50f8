/* ui_int.h — the terminal UI's insides (front-end internal).
 *
 * The screen: a mode banner on the top line, three panes (roster, incident
 * log, escalations; panes/) and a status line (status.c).  A pane is an ops
 * struct; every key is an action declared once in the action table
 * (actions.c), which both the dispatcher and the help screen read.  An
 * action returns what it changed (enum ui_changed) and the loop re-reads
 * only that from the store.  Full-screen views (views/) and dialogs
 * (dialogs/) run nested loops on ui_getkey(), which keeps the desk alive
 * underneath them: it refreshes from the store when another terminal writes,
 * relays out on resize, locks after idle time and turns signals into keys.
 *
 * Never SQL here: everything goes through the core's modules. */
#ifndef DUTYDESK_UI_INT_H
#define DUTYDESK_UI_INT_H

#include <curses.h>
#include <signal.h>
#include <wchar.h>

#include "base/ddtime.h"
#include "base/err.h"
#include "domain/log.h"
#include "domain/mode.h"
#include "domain/person.h"
#include "store/store.h"

#define UI_MIN_COLS 64
#define UI_MIN_ROWS 16
#define UI_TICK_MS 250
#define UI_ALERT_REPEAT (5 * 60) /* seconds between alerts while overdue stays up */
#define UI_BUSY_MS 3000      /* a write that meets a lock waits this long */

/* Keys ui_getkey() makes up: they are never typed. */
enum {
	UIK_NONE = 0x110000,  /* beyond Unicode */
	UIK_INTR,             /* Ctrl-C: cancel what is open */
	UIK_QUIT,             /* SIGTERM/SIGHUP: leave now */
	UIK_REFRESHED,        /* the data changed underneath */
};

struct ui_key {
	int is_key;           /* KEY_* (function key) rather than a character */
	wint_t ch;            /* the character, the KEY_* code or a UIK_* */
};

enum ui_scope {
	SCOPE_GLOBAL,
	SCOPE_ROSTER,
	SCOPE_LOG,
	SCOPE_ESC,
	SCOPE_TIMELINE,
	SCOPE_SHEET,          /* every full-screen view below: move, leave */
	SCOPE_DUTY,
	SCOPE_TASKS,
	SCOPE_MEETINGS,
	SCOPE_ZONES,
	SCOPE_FIGURES,
	SCOPE_REPORT,
	SCOPE_HANDOVER,
	SCOPE_COUNT,
};

enum { PANE_ROSTER, PANE_LOG, PANE_ESC, NPANES };

/* What an action changed, so that the loop re-reads only that (htop's
 * Htop_Reaction).  UI_CH_CURSOR alone redraws and reads nothing. */
enum ui_changed {
	UI_CH_NONE = 0,
	UI_CH_CURSOR = 1 << 0,   /* a selection, a scroll, the focus: redraw only */
	UI_CH_LOG = 1 << 1,      /* the incident log pane's rows (or its filters) */
	UI_CH_ESC = 1 << 2,      /* open notifications and contacts */
	UI_CH_ROSTER = 1 << 3,   /* the roster, the task force's zones and checkpoints */
	UI_CH_STATUS = 1 << 4,   /* the status line: report, duty, overdue, tasks, PINs */
	UI_CH_MODE = 1 << 5,     /* the mode and the drill: the banner, the roster shown */
	UI_CH_VIEW = 1 << 6,     /* the rows of the full-screen view in front */
	UI_CH_ALL = (1 << 7) - 1,
};
/* Every change of data: a full-screen view in front rebuilds on any of them. */
#define UI_CH_DATA (UI_CH_ALL & ~UI_CH_CURSOR)

/* Colour pairs (where colour exists; everything also reads without). */
enum {
	CP_BANNER_NORMAL = 1,
	CP_BANNER_TASKFORCE,
	CP_ALERT,             /* overdue, positive */
	CP_DIM,
	CP_OK,
	CP_DRILL,
};

struct ui;
struct pane;

struct pane_ops {
	const char *title;                              /* N_("Roster") */
	enum ui_scope scope;
	unsigned reload_on;                             /* the UI_CH_* that re-read it */
	void (*load)(struct ui *ui, struct pane *p);    /* (re)read from the store */
	void (*draw)(struct ui *ui, struct pane *p);    /* into p->win */
	void (*destroy)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	WINDOW *win;
	int h, w;                /* inside the border */
	void *state;
};

/* A drawn layer above the panes (a form, the timeline, a prompt), redrawn
 * whenever the screen underneath is. */
struct ui_layer {
	void (*draw)(struct ui *ui, void *ctx);
	void *ctx;
};

#define UI_LAYERS_MAX 8

struct ui {
	struct store *st;
	struct pane panes[NPANES];
	int focus;
	int too_small;
	int colors;

	struct actor who;
	int signed_in;
	int locked;
	int lock_base;           /* layers from here up are drawn while locked */
	dd_time last_input;
	int idle_minutes;

	struct mode_status mode, drill;
	long long overdue, unprotected;
	int report_filed;
	int report_warn;
	char on_duty[128];
	long long unsent;        /* messages in the outbox not carried out yet */
	char town[80];           /* the desk's town, in the banner */
	int county;              /* county-url is set: `dutydesk sync` runs with the chase */
	dd_time county_ok_at;    /* the last sync that succeeded (0: none) */
	int county_failed;       /* the last try failed */
	int alert;               /* the `alert` setting: SETTING_ALERT_* */
	long long alerted;       /* the overdue count last rung for */
	dd_time alerted_at;      /* when it was last rung */

	int chain_broken;        /* the hash chain did not verify (ui_verify_chain) */
	char chain_problem[512]; /* what the verification said */

	long long data_version;
	int roster_taskforce;    /* the roster pane shows the task force */

	char message[512];
	int message_error;
	dd_time message_at;

	void *timeline;          /* the open timeline view, if any (timeline.c) */
	struct sheet *sheet;     /* the open full-screen view, if any (sheet.c) */
	long long tasks_overdue;

	struct ui_layer layers[UI_LAYERS_MAX];
	int nlayers;
	int quit;

	/* How often each pane, the status and the mode were read from the
	 * store; written to $DUTYDESK_UI_STATS when it names a file. */
	long loads[NPANES], status_loads, mode_loads, redraws;
	const char *stats_path;
};

/* ui.c */
struct ui_key ui_getkey(struct ui *ui);
void ui_redraw(struct ui *ui);                 /* everything, layers included */
void ui_reload(struct ui *ui);                 /* re-read everything, redraw */
/* Re-read what `changed` (UI_CH_*) says changed, then redraw. */
void ui_apply(struct ui *ui, unsigned changed);
void ui_push_layer(struct ui *ui, void (*draw)(struct ui *, void *), void *ctx);
void ui_pop_layer(struct ui *ui);
void ui_say(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const struct dd_err *err);
/* After the message shown, what to do about it here (a key, a pane). */
void ui_hint(struct ui *ui, const char *hint);
void ui_focus(struct ui *ui, int pane);

/* term.c — the terminal taken and given back, as every screen wants it:
 * curses on a copy of stdout (a command's stdout may be a guarded stream),
 * Unicode lines, no flow control, the keypad, the tick, the colours; SIGTERM
 * and SIGHUP end the screen, SIGINT too unless UI_TERM_INTR_ASKS (then it
 * asks).  The terminal is given back on every way out (atexit).  -1 when
 * there is no terminal to take. */
enum { UI_TERM_INTR_ASKS = 1 };
int ui_term_start(struct ui *ui, unsigned flags);
void ui_term_end(void);
int ui_term_quit_asked(void);   /* SIGTERM, SIGHUP (SIGINT without INTR_ASKS) */
int ui_term_take_intr(void);    /* SIGINT came since the last call */

/* draw.c — wide characters, measured by wcwidth (dutydesk/text.h). */
/* Draw UTF-8 `s` at (y, x) in exactly `w` columns: clipped with "…", padded. */
void draw_text(WINDOW *win, int y, int x, int w, const char *s, attr_t attr);
/* Draw without padding; returns the columns used. */
int draw_text_np(WINDOW *win, int y, int x, int w, const char *s, attr_t attr);
/* Wrap `s` into lines of `w` columns from row y; at most `maxrows` rows;
 * returns the rows used (or that would be used, when win is NULL). */
int draw_wrapped(WINDOW *win, int y, int x, int w, int maxrows, const char *s, attr_t attr);
void draw_box(WINDOW *win, const char *title, int focused, int number);
void draw_fill(WINDOW *win, int y, int x, int w, attr_t attr);
attr_t ui_attr_alert(struct ui *ui);
attr_t ui_attr_dim(struct ui *ui);
/* The mark ("unverified", 未核验) of an entry recorded by a person whose
 * identity was not verified, or NULL: the log pane's rows and the timeline
 * show it beside the entry. */
const char *ui_entry_unverified(const struct log_entry *e);

/* actions.c */
/* Run the action bound to `k` in `scope` (then the global ones). Returns 1
 * when one ran, with what it changed in *changed; 0 when the key means
 * nothing there. */
int actions_dispatch(struct ui *ui, enum ui_scope scope, struct ui_key k, unsigned *changed);
/* What the action bound to `k` in `scope` may change at most (UI_CH_*), or
 * -1 when the key means nothing there. */
long actions_may_change(enum ui_scope scope, struct ui_key k);
/* The help screen of a scope, from the same table. */
void actions_help(struct ui *ui, enum ui_scope scope);
/* Check the table: every action has keys, help and a handler, and no key is
 * bound twice in one scope.  0, or -1 with the problem. */
int actions_validate(char *problem, size_t n);
int actions_count(enum ui_scope scope);

/* Who is at the desk (dialogs/dialogs.c). */
int ui_require_signin(struct ui *ui);          /* 0 when someone is signed in */
int ui_require_access(struct ui *ui, enum access need, const char *what);

/* dialogs/dialogs.c */
/* A one-line prompt; returns a malloc'd answer or NULL when cancelled.
 * `secret` hides what is typed; `initial` may be NULL. */
char *ui_prompt(struct ui *ui, const char *question, const char *initial, int secret);
/* The same, asked again: `why` (may be NULL) says in one line in the box
 * why the last answer was refused; `initial` is that answer, kept. */
char *ui_prompt_again(struct ui *ui, const char *question, const char *initial, int secret,
		      const char *why);
int ui_confirm(struct ui *ui, const char *question);     /* 1 yes, 0 no */
void ui_signin(struct ui *ui);
/* Ask `who`'s PIN when they have one: 0 when proved (or none to give). */
int ui_check_pin(struct ui *ui, struct actor *who);
void ui_first_signin(struct ui *ui, const char *name);
/* Sign `name` (may be NULL) in before anything is shown, when that asks
 * nothing: on the roster and without a PIN.  1 when signed in. */
int ui_signin_quietly(struct ui *ui, const char *name);
void ui_lock(struct ui *ui);
/* dialogs/ask.c: ask until the answer is good; -1 or NULL when cancelled.  A person
 * must be on the roster; `required` refuses an empty answer. */
int ui_ask_time(struct ui *ui, const char *question, dd_time initial, dd_time *out);
int ui_ask_number(struct ui *ui, const char *question, long long *out);
char *ui_ask_text(struct ui *ui, const char *question, const char *initial, int required);
char *ui_ask_person(struct ui *ui, const char *question, const char *initial, int required);
/* One step of a dialog of several: ask until `check` (may be NULL) takes
 * the answer; a refused answer is asked again with the reason in the box
 * and the answer kept for editing, the other steps' answers untouched.
 * NULL when cancelled. */
typedef int (*ui_check_text)(struct ui *ui, const char *answer, void *ctx, struct dd_err *err);
typedef int (*ui_check_time)(struct ui *ui, dd_time t, void *ctx, struct dd_err *err);
char *ui_ask_checked(struct ui *ui, const char *question, const char *initial, int required,
		     ui_check_text check, void *ctx);
int ui_ask_time_checked(struct ui *ui, const char *question, dd_time initial, dd_time *out,
			ui_check_time check, void *ctx);
/* A person of the roster, with `check` on top (NULL: none). */
char *ui_ask_person_checked(struct ui *ui, const char *question, const char *initial,
			    int required, ui_check_text check, void *ctx);
/* Pick one of `n` labels; returns the index or -1 (cancelled).  It opens
 * on `current`, or on no row when that is -1 (Enter then chooses nothing);
 * the ends stop ↑ ↓ (no wrapping); typing jumps to the first label that
 * starts with what was typed ("12" also finds "(十二)…"). */
int ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int current);
/* The same, asked again: `why` says in the box why the last choice was
 * refused. */
int ui_pick_again(struct ui *ui, const char *title, const char *const *labels, int n,
		  int current, const char *why);
/* Pick a group of the roster (standing and task force); malloc'd name or NULL. */
char *ui_pick_group(struct ui *ui, const char *current);
/* The same, `with_none` 0: without the row "(none)" (a group is needed). */
char *ui_pick_group_of(struct ui *ui, const char *current, int with_none);

/* dialogs/firstrun.c: the first run's walk through an admin's PIN and enrolment. */
void ui_first_run(struct ui *ui);

/* dialogs/form.c: the new-entry form; parent 0 for a new incident.  Returns what
 * was recorded (UI_CH_NONE when the form was cancelled). */
unsigned form_new_entry(struct ui *ui, long long parent, int drill);

/* status.c: what the status line shows beyond the mode (daily report,
 * duty, tasks, the idle lock), and the desk-wide acts: standing the task
 * force down, today's daily report (read it, file it). */
void ui_desk_status(struct ui *ui);
/* The town, and the county sync's last outcome (status.c). */
void ui_county_status(struct ui *ui);
unsigned ui_stand_down(struct ui *ui);
unsigned ui_daily_report(struct ui *ui);
unsigned ui_file_report(struct ui *ui);
unsigned ui_correct_report(struct ui *ui);
/* The shift on duty now: 0 with its [start, end), or -1 when nobody is. */
int ui_current_shift(struct ui *ui, dd_time *start, dd_time *end);
/* Verify the chain from where it was last verified (chain_verify_since):
 * at start and whenever another terminal wrote.  A broken chain stays in the
 * banner until it verifies again. */
void ui_verify_chain(struct ui *ui);

#endif
