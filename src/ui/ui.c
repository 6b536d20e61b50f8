/* ui.c — the terminal UI: setup, layout, the banner and status line, the
 * input loop that keeps the desk live and re-reads what the keys changed,
 * and the way out. */
#include "ui/ui.h"

#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "domain/auth.h"
#include "desk/desk.h"
#include "domain/escalation.h"
#include "base/i18n.h"
#include "base/text.h"
#include "ui/panes/panes.h"
#include "ui/frame/ui_int.h"

static const struct pane_ops *const pane_ops[NPANES] = {
	&pane_roster_ops, &pane_log_ops, &pane_esc_ops,
};

static void layout(struct ui *ui)
{
	int rows = LINES, cols = COLS, body, left, top;
	int geo[NPANES][4];

	for (int i = 0; i < NPANES; i++) {
		if (ui->panes[i].win)
			delwin(ui->panes[i].win);
		ui->panes[i].win = NULL;
	}
	ui->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	if (ui->too_small)
		return;
	body = rows - 3;             /* banner, hints, status */
	left = cols * 30 / 100;
	if (left < 26)
		left = 26;
	top = body * 60 / 100;
	geo[PANE_ROSTER][0] = body;
	geo[PANE_ROSTER][1] = left;
	geo[PANE_ROSTER][2] = 1;
	geo[PANE_ROSTER][3] = 0;
	geo[PANE_LOG][0] = top;
	geo[PANE_LOG][1] = cols - left;
	geo[PANE_LOG][2] = 1;
	geo[PANE_LOG][3] = left;
	geo[PANE_ESC][0] = body - top;
	geo[PANE_ESC][1] = cols - left;
	geo[PANE_ESC][2] = 1 + top;
	geo[PANE_ESC][3] = left;
	for (int i = 0; i < NPANES; i++) {
		struct pane *p = &ui->panes[i];
		p->win = subwin(stdscr, geo[i][0], geo[i][1], geo[i][2], geo[i][3]);
		p->h = geo[i][0] - 2;
		p->w = geo[i][1] - 2;
	}
}

attr_t ui_attr_alert(struct ui *ui)
{
	return ui->colors ? (attr_t)COLOR_PAIR(CP_ALERT) | A_BOLD : A_BOLD | A_UNDERLINE;
}

attr_t ui_attr_dim(struct ui *ui)
{
	return ui->colors ? (attr_t)COLOR_PAIR(CP_DIM) : A_DIM;
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
	if (ui->chain_broken) {
		/* Above the mode, in red, until the chain verifies again. */
		char mode[sizeof text];
		snprintf(mode, sizeof mode, "%s", tf ? _("TASK FORCE MODE 疫情处置专班 · ") : "");
		snprintf(text, sizeof text, _("%s■ THE RECORD WAS ALTERED ■ %s (dutydesk check)"),
			 mode, ui->chain_problem);
		attr = ui->colors ? (attr_t)COLOR_PAIR(CP_BANNER_TASKFORCE) | A_BOLD
				  : A_REVERSE | A_BOLD | A_BLINK;
	}
	{	/* the town first: a county's screen may show several */
		char line[sizeof text + sizeof ui->town + 8];
		snprintf(line, sizeof line, " %s · %s", ui->town, text + (text[0] == ' '));
		draw_text(stdscr, 0, 0, COLS, line, attr);
	}
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
	if (ui->unsent > 0)
		SEG(alert, narrow ? _("%lld unsent") : _("%lld messages not sent"), ui->unsent);
	if (ui->county) {
		char age[DDTIME_BUFSZ];
		ddtime_duration(ddtime_now() - ui->county_ok_at, age);
		if (!ui->county_ok_at)
			SEG(ui->county_failed ? alert : A_REVERSE, "%s", ui->county_failed
			    ? _("county sync FAILED (dutydesk sync)") : _("county: not synced yet"));
		else if (ui->county_failed)
			SEG(alert, narrow ? _("county: FAILED, %s ago") : _("county sync FAILED; "
			    "last synced %s ago"), age);
		else
			SEG(A_REVERSE, narrow ? _("county %s ago") : _("county synced %s ago"), age);
	}
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

static void draw_too_small(void)
{
	const char *msg = _("terminal too small");
	char need[64];
	erase();
	snprintf(need, sizeof need, "%dx%d+", UI_MIN_COLS, UI_MIN_ROWS);
	if (COLS > 0 && LINES > 0) {
		draw_text_np(stdscr, 0, 0, COLS, msg, A_BOLD);
		if (LINES > 1)
			draw_text_np(stdscr, 1, 0, COLS, need, A_NORMAL);
	}
}

void ui_redraw(struct ui *ui)
{
	ui->redraws++;
	curs_set(0);
	erase();
	if (ui->too_small) {
		draw_too_small();
		refresh();
		return;
	}
	draw_banner(ui);
	for (int i = 0; i < NPANES; i++) {
		struct pane *p = &ui->panes[i];
		werase(p->win);
		draw_box(p->win, _(p->ops->title), ui->focus == i, i + 1);
		p->ops->draw(ui, p);
	}
	draw_hints(ui);
	draw_status(ui);
	for (int i = ui->locked ? ui->lock_base : 0; i < ui->nlayers; i++)
		ui->layers[i].draw(ui, ui->layers[i].ctx);
	refresh();
}

static void load_mode(struct ui *ui)
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

static void load_status(struct ui *ui)
{
	struct dd_err err;

	ui->status_loads++;
	if (escalation_overdue(ui->st, 0, ddtime_now(), &ui->overdue, &err) < 0 ||
	    auth_unprotected(ui->st, &ui->unprotected, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	ui_desk_status(ui);
}

/* DUTYDESK_UI_STATS names a file that always holds how often each pane,
 * the status line and the mode were read from the store: a test sees
 * what a key cost. */
static void write_stats(struct ui *ui)
{
	char tmp[4096];
	FILE *f;

	/* Whole or not at all: a reader never sees half a file. */
	if (!ui->stats_path ||
	    snprintf(tmp, sizeof tmp, "%s.new", ui->stats_path) >= (int)sizeof tmp ||
	    !(f = fopen(tmp, "w")))
		return;
	fprintf(f, "roster %ld\nlog %ld\nesc %ld\nstatus %ld\nmode %ld\nredraws %ld\n",
		ui->loads[PANE_ROSTER], ui->loads[PANE_LOG], ui->loads[PANE_ESC],
		ui->status_loads, ui->mode_loads, ui->redraws);
	if (fclose(f) == 0)
		rename(tmp, ui->stats_path);
}

void ui_apply(struct ui *ui, unsigned changed)
{
	if (changed & UI_CH_MODE)
		load_mode(ui);
	if (changed & (UI_CH_STATUS | UI_CH_MODE))
		load_status(ui);
	for (int i = 0; i < NPANES; i++) {
		if (changed & ui->panes[i].ops->reload_on) {
			ui->loads[i]++;
			ui->panes[i].ops->load(ui, &ui->panes[i]);
		}
	}
	if (changed & UI_CH_DATA)
		write_stats(ui);
	ui_redraw(ui);
}

void ui_reload(struct ui *ui)
{
	/* Only a full read catches up with data_version: a partial one could
	 * miss what another terminal wrote meanwhile. */
	ui->data_version = store_data_version(ui->st);
	ui_apply(ui, UI_CH_ALL);
}

void ui_push_layer(struct ui *ui, void (*draw)(struct ui *, void *), void *ctx)
{
	if (ui->nlayers < UI_LAYERS_MAX) {
		ui->layers[ui->nlayers].draw = draw;
		ui->layers[ui->nlayers].ctx = ctx;
		ui->nlayers++;
	}
}

void ui_pop_layer(struct ui *ui)
{
	if (ui->nlayers > 0)
		ui->nlayers--;
}

void ui_say(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_error = 0;
	ui->message_at = ddtime_now();
}

void ui_error(struct ui *ui, const struct dd_err *err)
{
	snprintf(ui->message, sizeof ui->message, "%s", err->msg);
	ui->message_error = 1;
	ui->message_at = ddtime_now();
	beep();
}

void ui_hint(struct ui *ui, const char *hint)
{
	size_t len = strlen(ui->message);
	snprintf(ui->message + len, sizeof ui->message - len, " — %s", hint);
}

void ui_focus(struct ui *ui, int pane)
{
	if (pane >= 0 && pane < NPANES)
		ui->focus = pane;
}

/* Background work between keys: another terminal's writes, the clock, the
 * idle lock. */
/* While the desk is open it chases and sends as `dutydesk notify --once`
 * does, in a process of its own started every half minute: an overdue
 * report opens its chase to the leader on duty, a continuation falls due on
 * its cadence, and queued messages go to notify-command, without a
 * gateway that hangs ever holding up the screen.  Whoever runs first does
 * it (the notify lock beside the database keeps one sender at a time);
 * running it again changes nothing. */
#define CHASE_SECONDS 30

static pid_t sender, syncer;
static time_t last_chase;  /* 0: at the first tick */

/* Start `dutydesk --db PATH WORD ARG` in `*pid`, unless the last is still
 * at work. */
static void start(struct ui *ui, pid_t *pid, char *word, char *arg)
{
	posix_spawn_file_actions_t fa;
	char exe[PATH_MAX];
	char *argv[] = {exe, "--db", (char *)store_path(ui->st), word, arg, NULL};
	ssize_t n;

	if (*pid > 0 && waitpid(*pid, NULL, WNOHANG) == 0)
		return;  /* the last round is still at work */
	*pid = 0;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(pid, exe, &fa, NULL, argv, environ) != 0)
		*pid = 0;
	posix_spawn_file_actions_destroy(&fa);
}

/* The county's copy too, when county-url is set: `dutydesk sync` in a
 * process of its own (the UI never talks to the county), which records how
 * it went in the desk for the status line. */
static void chase(struct ui *ui)
{
	start(ui, &sender, "notify", "--once");
	if (ui->county)
		start(ui, &syncer, "sync", NULL);
}

static void tick(struct ui *ui, time_t *last_second)
{
	time_t now = time(NULL);

	if (store_data_version(ui->st) != ui->data_version) {
		ui_verify_chain(ui);   /* only what was appended since */
		ui_reload(ui);
	} else if (now != *last_second) {
		*last_second = now;
		if (now - last_chase >= CHASE_SECONDS || now < last_chase) {
			last_chase = now;   /* a slow second never skips a round */
			chase(ui);
		}
		if (!ui->too_small)
			load_status(ui);
		ui_redraw(ui);   /* the clock and the countdowns move */
	}
	if (ui->signed_in && !ui->locked && ui->idle_minutes > 0 &&
	    ddtime_now() - ui->last_input >= (dd_time)ui->idle_minutes * 60)
		ui_lock(ui);
}

struct ui_key ui_getkey(struct ui *ui)
{
	static time_t last_second;

	for (;;) {
		wint_t ch;
		int rc;

		if (ui_term_quit_asked() || ui->quit) {
			ui->quit = 1;
			return (struct ui_key){0, UIK_QUIT};
		}
		if (ui_term_take_intr()) {
			ui->last_input = ddtime_now();
			return (struct ui_key){0, UIK_INTR};
		}
		rc = wget_wch(stdscr, &ch);
		if (rc == ERR) {
			tick(ui, &last_second);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout(ui);
			ui_redraw(ui);
			continue;
		}
		ui->last_input = ddtime_now();
		if (ui->too_small) {
			if (ch == 'q' && !rc)
				ui->quit = 1;
			continue;
		}
		return (struct ui_key){rc == KEY_CODE_YES, ch};
	}
}

static void main_loop(struct ui *ui)
{
	while (!ui->quit) {
		struct ui_key k = ui_getkey(ui);
		if (k.ch == UIK_QUIT)
			break;
		if (k.ch == UIK_INTR) {
			if (ui_confirm(ui, _("Leave dutydesk?")))
				break;
			ui_redraw(ui);
			continue;
		}
		unsigned changed = UI_CH_NONE;
		if (!actions_dispatch(ui, ui->panes[ui->focus].ops->scope, k, &changed))
			ui_say(ui, _("that key does nothing here: press ? for the keys"));
		/* Our own writes do not move PRAGMA data_version: re-read what the
		 * key says it changed, and only that. */
		ui_apply(ui, changed);
	}
}

int ui_main(const struct ui_options *o)
{
	struct ui ui;
	struct dd_err err;
	char *path = o->db_path ? NULL : store_default_path();
	int seeded = 0, asked = 0;

	memset(&ui, 0, sizeof ui);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("dutydesk: the terminal UI needs a terminal; for scripts use the "
				  "subcommands (dutydesk --help)\n"));
		free(path);
		return 2;
	}
	if (desk_open(&ui.st, o->db_path ? o->db_path : path, 1, &seeded, &err) < 0) {
		fprintf(stderr, "dutydesk: %s\n", err.msg);
		free(path);
		return dd_exit_status(err.code);
	}
	free(path);
	/* A write that meets a lock waits this long, then says so. */
	store_set_busy_timeout(ui.st, UI_BUSY_MS);
	ui.focus = PANE_LOG;
	ui.stats_path = getenv("DUTYDESK_UI_STATS");
	if (ui.stats_path && !*ui.stats_path)
		ui.stats_path = NULL;
	ui.last_input = ddtime_now();
	for (int i = 0; i < NPANES; i++)
		ui.panes[i].ops = pane_ops[i];
	if (ui_term_start(&ui, UI_TERM_INTR_ASKS) < 0) {
		fprintf(stderr, _("dutydesk: cannot start the terminal UI: is this a terminal?\n"));
		store_close(ui.st);
		return 1;
	}
	layout(&ui);
	/* Everything the first frame depends on before it is read, so that the
	 * store is read once and the screen drawn once: the mode (in the task
	 * force the escalations come to the front) and who is at the desk, when
	 * that takes no question. */
	ui_verify_chain(&ui);
	ui.mode.state = MODE_NORMAL;
	load_mode(&ui);
	ui.roster_taskforce = ui.mode.state == MODE_TASKFORCE;
	if (ui.roster_taskforce)
		ui.focus = PANE_ESC;
	if (seeded) {
		ui_say(&ui, _("New database: the organisation of the notice is loaded"));
	} else if (o->operator_name && *o->operator_name) {
		asked = ui_signin_quietly(&ui, o->operator_name);
	} else {
		ui_first_signin(&ui, NULL);  /* says how to sign in */
		asked = 1;
	}
	ui.data_version = store_data_version(ui.st);
	ui_apply(&ui, UI_CH_ALL & ~UI_CH_MODE);
	if (seeded)
		ui_first_run(&ui);
	if (!asked)
		ui_first_signin(&ui, o->operator_name);
	main_loop(&ui);
	ui_term_end();
	write_stats(&ui);
	for (int i = 0; i < NPANES; i++)
		if (ui.panes[i].ops->destroy)
			ui.panes[i].ops->destroy(&ui.panes[i]);
	store_close(ui.st);
	return 0;
}
