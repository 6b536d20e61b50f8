/* term.c — the terminal taken and given back, the same way by each screen
 * of the UI (the desk's, ui.c; the county's, county/county_ui.c). */
#include "ui/frame/ui_int.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Signals only set flags; the screens' loops act on them. */
static volatile sig_atomic_t got_quit, got_intr;
static SCREEN *screen;
static FILE *term_out;
static int curses_on;

static void on_quit(int sig)
{
	(void)sig;
	got_quit = 1;
}

static void on_intr(int sig)
{
	(void)sig;
	got_intr = 1;
}

void ui_term_end(void)
{
	if (!curses_on)
		return;
	curses_on = 0;
	endwin();
	delscreen(screen);
	fclose(term_out);
	screen = NULL;
	term_out = NULL;
}

/* Ctrl-S saves a form: take it (and Ctrl-Q) away from flow control. */
static void no_flow_control(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= (tcflag_t)~IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
}

static void colours(struct ui *ui)
{
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(CP_BANNER_NORMAL, COLOR_BLACK, COLOR_CYAN);
	init_pair(CP_BANNER_TASKFORCE, COLOR_WHITE, COLOR_RED);
	init_pair(CP_ALERT, COLOR_RED, -1);
	init_pair(CP_DIM, COLOR_BLUE, -1);
	init_pair(CP_OK, COLOR_GREEN, -1);
	init_pair(CP_DRILL, COLOR_BLACK, COLOR_YELLOW);
	ui->colors = 1;
}

int ui_term_start(struct ui *ui, unsigned flags)
{
	static int registered;
	struct sigaction sa;
	int fd;

	/* Lines drawn as Unicode box characters, not the terminal's alternate
	 * character set: a terminal whose terminfo lacks it (a minimal system's
	 * tmux) would show "lqqk" where the boxes are.  The locale is UTF-8
	 * (cli/run.c sees to it); the person's own setting wins. */
	setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	/* The terminal itself, not stdout: a command's stdout is a stream that
	 * makes control characters visible. */
	fd = dup(STDOUT_FILENO);
	term_out = fd < 0 ? NULL : fdopen(fd, "w");
	if (!term_out || !(screen = newterm(NULL, term_out, stdin))) {
		if (term_out)
			fclose(term_out);
		else if (fd >= 0)
			close(fd);
		term_out = NULL;
		return -1;
	}
	set_term(screen);
	curses_on = 1;
	if (!registered++)
		atexit(ui_term_end);
	cbreak();
	no_flow_control();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, UI_TICK_MS);
	curs_set(0);
	colours(ui);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = flags & UI_TERM_INTR_ASKS ? on_intr : on_quit;
	sigaction(SIGINT, &sa, NULL);
	return 0;
}

int ui_term_quit_asked(void)
{
	return got_quit;
}

int ui_term_take_intr(void)
{
	int was = got_intr;

	got_intr = 0;
	return was;
}
