/* county_ui.c — the county's terminal UI: its loop, its screen, the towns.
 * county_ui.h says what it is. */
#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/text.h"
#include "ui/county/county_ui.h"
#include "ui/ui.h"

struct cui *cui_of(struct ui *ui)
{
	return (struct cui *)(void *)((char *)ui - offsetof(struct cui, ui));
}

static void say(struct cui *cui, int error, const char *msg)
{
	snprintf(cui->message, sizeof cui->message, "%s", msg);
	cui->message_error = error;
}

struct county *cui_county(struct cui *cui)
{
	struct dd_err err;

	if (!cui->c && county_open(cui->url, &cui->c, &err) < 0) {
		cui->c = NULL;
		cui->failed = 1;
		say(cui, 1, err.msg);
	}
	return cui->c;
}

void cui_failed(struct cui *cui, const struct dd_err *err)
{
	say(cui, 1, err->msg);
	cui->failed = 1;
	county_close(cui->c);
	cui->c = NULL;
}

/* The keys, for the help screen and the line under the rows. */
static const struct {
	const char *keys, *help;
} keys[] = {
	{"↑ ↓ PgUp PgDn", N_("move")},
	{"Enter", N_("open: a town's incidents, an incident's timeline")},
	{"r", N_("read the county again (it also does every 30 seconds)")},
	{"q Esc", N_("back; on the towns, leave")},
	{"?", N_("this help")},
};

static int body_rows(void)
{
	return LINES - 7 > 1 ? LINES - 7 : 1;
}

static void draw(struct cui *cui, struct cui_screen *scr)
{
	struct sheet *s = &scr->s;
	int h = LINES - 3, w = COLS, rows = body_rows();
	char head[256], at[DDTIME_BUFSZ];
	WINDOW *win;

	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		draw_text_np(stdscr, 0, 0, COLS, _("terminal too small"), A_BOLD);
		refresh();
		return;
	}
	ddtime_format(cui->read_at, DDTIME_CLOCK, at);
	snprintf(head, sizeof head, _(" The county's view · every town's desk · read at %s"),
		 cui->read_at ? at : "—");
	draw_fill(stdscr, 0, 0, COLS, A_REVERSE);
	draw_text_np(stdscr, 0, 0, COLS, head, A_REVERSE | A_BOLD);
	win = subwin(stdscr, h, w, 1, 0);
	if (win) {
		draw_box(win, s->title, 1, 0);
		for (int r = 0; r < rows && s->top + r < s->n; r++) {
			const struct sheet_line *l = &s->lines[s->top + r];
			draw_text(win, 1 + r, 1, w - 2, l->text,
				  l->attr | (s->top + r == s->sel ? A_REVERSE : 0));
		}
		if (s->n == 0)
			draw_text(win, 1, 2, w - 4, _("(nothing here yet)"), ui_attr_dim(&cui->ui));
		draw_text(win, h - 2, 1, w - 2, s->footer, ui_attr_dim(&cui->ui));
		delwin(win);
	}
	draw_text(stdscr, LINES - 2, 0, COLS, _("? keys · Enter open · r read again · q back"),
		  ui_attr_dim(&cui->ui));
	draw_text(stdscr, LINES - 1, 0, COLS, cui->message,
		  cui->message_error ? ui_attr_alert(&cui->ui) : A_NORMAL);
	refresh();
}

static void help(struct cui *cui)
{
	int y = 2;

	erase();
	draw_text_np(stdscr, 0, 0, COLS, _("The county's view: keys (read only: no key writes "
					   "anything)"), A_BOLD);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0] && y < LINES - 2; i++, y++) {
		int used = draw_text_np(stdscr, y, 2, 16, keys[i].keys, A_BOLD);
		draw_fill(stdscr, y, 2 + used, 16 - used, A_NORMAL);
		draw_text(stdscr, y, 20, COLS - 21, _(keys[i].help), A_NORMAL);
	}
	draw_text(stdscr, LINES - 1, 0, COLS, _("press any key"), ui_attr_dim(&cui->ui));
	refresh();
	while (!ui_term_quit_asked()) {
		wint_t ch;
		int rc = wget_wch(stdscr, &ch);
		if (rc != ERR && !(rc == KEY_CODE_YES && ch == KEY_RESIZE))
			break;
	}
}

/* Read again; a failed read keeps the rows it had, and says why. */
static void rebuild(struct cui *cui, struct cui_screen *scr)
{
	struct sheet *s = &scr->s, old = *s;
	long long keep = s->sel >= 0 && s->sel < s->n ? s->lines[s->sel].id : 0;

	cui->failed = 0;
	s->lines = NULL;
	s->n = s->cap = 0;
	if (cui_county(cui))
		s->build(&cui->ui, s);
	if (cui->failed) {
		for (int i = 0; i < s->n; i++)
			free(s->lines[i].text);
		free(s->lines);
		*s = old;
		return;
	}
	for (int i = 0; i < old.n; i++)
		free(old.lines[i].text);
	free(old.lines);
	cui->read_at = ddtime_now();
	say(cui, 0, "");
	s->sel = -1;
	for (int i = 0; i < s->n; i++)
		if (s->lines[i].id && (s->sel < 0 || s->lines[i].id == keep))
			s->sel = i;
	for (int i = 0; !keep && i < s->n && s->sel >= 0; i++)
		if (s->lines[i].id) {
			s->sel = i;
			break;
		}
	if (s->sel >= 0 && s->sel >= s->top + body_rows())
		s->top = s->sel - body_rows() + 1;
	if (s->top >= s->n)
		s->top = s->n > 0 ? s->n - 1 : 0;
}

/* One key; 0 when the rows are to be read again (CUI_REFRESH_S passed
 * without a key, or the terminal was resized: the rows' layout follows its
 * width), -1 to leave now. */
static int key(struct cui *cui, struct ui_key *k)
{
	for (;;) {
		wint_t ch;
		int rc;

		if (ui_term_quit_asked())
			return -1;
		rc = wget_wch(stdscr, &ch);
		if (rc == ERR) {
			if (ddtime_now() - cui->read_at >= CUI_REFRESH_S)
				return 0;
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			return 0;
		*k = (struct ui_key){rc == KEY_CODE_YES, ch};
		return 1;
	}
}

void cui_run(struct cui *cui, struct cui_screen *scr)
{
	struct sheet *outer = cui->ui.sheet;

	scr->s.sel = -1;
	rebuild(cui, scr);
	for (;;) {
		struct ui_key k;
		int rc, page = body_rows();

		cui->ui.sheet = &scr->s;
		draw(cui, scr);
		rc = key(cui, &k);
		if (rc < 0)
			break;
		if (rc == 0 || (!k.is_key && (k.ch == 'r' || k.ch == 'R'))) {
			rebuild(cui, scr);
			continue;
		}
		if (!k.is_key && (k.ch == 'q' || k.ch == 27))
			break;
		if (k.is_key ? k.ch == KEY_UP : k.ch == 'k')
			sheet_move(&cui->ui, -1);
		else if (k.is_key ? k.ch == KEY_DOWN : k.ch == 'j')
			sheet_move(&cui->ui, 1);
		else if (k.is_key && k.ch == KEY_PPAGE)
			sheet_move(&cui->ui, -page);
		else if (k.is_key && k.ch == KEY_NPAGE)
			sheet_move(&cui->ui, page);
		else if (k.is_key && k.ch == KEY_HOME)
			sheet_move(&cui->ui, -scr->s.n);
		else if (k.is_key && k.ch == KEY_END)
			sheet_move(&cui->ui, scr->s.n);
		else if (!k.is_key && k.ch == '?')
			help(cui);
		else if ((k.is_key && k.ch == KEY_ENTER) || (!k.is_key && (k.ch == '\r' ||
									k.ch == '\n'))) {
			long long id = sheet_selected(&cui->ui);
			if (scr->enter && id) {
				scr->enter(cui, scr, id);
				if (ui_term_quit_asked())
					break;
				rebuild(cui, scr);
			}
		} else
			say(cui, 0, _("that key does nothing here: press ? for the keys"));
	}
	for (int i = 0; i < scr->s.n; i++)
		free(scr->s.lines[i].text);
	free(scr->s.lines);
	scr->s.lines = NULL;
	scr->s.n = scr->s.cap = 0;
	cui->ui.sheet = outer;
}

/* ---- the towns -------------------------------------------------------------- */

struct towns {
	struct county_row *v;
	int n;
};

static const char *mode_word(const struct county_town *t)
{
	if (t->diverged)
		return _("Diverged");
	if (!*t->mode)
		return "—";
	return strcmp(t->mode, "taskforce") == 0 ? _("Task force") : _("Normal");
}

/* town, mode, since, open, overdue, report, last sync (and, when the
 * screen is wide enough, the last significant entry on the same line) */
static const int town_widths[] = {10, 10, 11, 4, 4, 9, 10, 0};
#define WIDE_COLS 100

static void town_row(struct ui *ui, struct sheet *s, const struct county_row *r, long long id)
{
	char since[DDTIME_BUFSZ] = "—", open[24], overdue[24], age[DDTIME_BUFSZ];
	char sig[600] = "—", at[DDTIME_BUFSZ];
	const struct county_town *t = &r->t;
	const char *report;
	int wide = COLS >= WIDE_COLS;
	attr_t a = A_NORMAL;

	if (t->since)
		ddtime_format(t->since, DDTIME_SHORT, since);
	snprintf(open, sizeof open, "%lld", t->open);
	snprintf(overdue, sizeof overdue, "%lld", t->overdue);
	report = t->report == COUNTY_REPORT_UNKNOWN ? _("Unknown")
		 : t->report == COUNTY_REPORT_FILED ? _("Filed") : _("Not filed");
	if (t->last_sync)
		ddtime_duration(t->last_age, age);
	else
		snprintf(age, sizeof age, "%s", _("Never"));
	if (r->sig_id)
		snprintf(sig, sizeof sig, "%s %s", ddtime_format(r->sig_at, DDTIME_SHORT, at),
			 r->sig_summary);
	const char *cells[] = {t->town, mode_word(t), since, open, overdue, report, age, sig};
	if (t->diverged)
		a = ui_attr_alert(ui) | A_BOLD;
	else if (strcmp(t->mode, "taskforce") == 0)
		a = ui_attr_alert(ui);
	sheet_row(s, id, a, town_widths, cells, wide ? 8 : 7);
	if (!wide && r->sig_id)
		sheet_add(s, 0, A_NORMAL, "  ★ %s", sig);
	if (t->diverged)
		sheet_add(s, 0, ui_attr_alert(ui) | A_BOLD, _("  ⚠ %s diverged from the county's "
							    "copy: %s"), t->town, t->reason);
}

static void towns_build(struct ui *ui, struct sheet *s)
{
	struct cui *cui = cui_of(ui);
	struct towns *tw = s->ctx;
	struct dd_err err;

	struct county_row *v;
	int n;

	/* A failed read keeps the rows shown, and what Enter finds under them. */
	if (county_read_status(cui->c, &v, &n, &err) < 0) {
		cui_failed(cui, &err);
		return;
	}
	free(tw->v);
	tw->v = v;
	tw->n = n;
	const char *head[] = {_("Town"), _("Mode"), _("Since"), _("Open"), _("Late"),
			      _("Report"), _("Synced"), _("Last significant entry")};
	sheet_row(s, 0, A_BOLD, town_widths, head, COLS >= WIDE_COLS ? 8 : 7);
	for (int i = 0; i < tw->n; i++)
		town_row(ui, s, &tw->v[i], i + 1);
}

static void towns_enter(struct cui *cui, struct cui_screen *scr, long long id)
{
	struct towns *tw = scr->s.ctx;
	char town[sizeof tw->v[0].t.town];

	if (id < 1 || id > tw->n)
		return;
	snprintf(town, sizeof town, "%s", tw->v[id - 1].t.town);
	cui_incidents_open(cui, town);
}

int ui_county_main(struct county *c, const char *url)
{
	struct cui *cui = dd_xcalloc(1, sizeof *cui);
	struct towns tw = {0};
	struct cui_screen scr = {
		.s = {.title = _("Every town"), .build = towns_build, .ctx = &tw,
		      .footer = _("task force in red · ★ the last significant entry · Synced: "
				  "how long ago")},
		.enter = towns_enter,
	};

	cui->c = c;
	cui->url = url;
	if (ui_term_start(&cui->ui, 0) < 0) {
		fprintf(stderr, _("dutydesk: cannot start the terminal UI: is this a terminal?\n"));
		county_close(cui->c);
		free(cui);
		return 1;
	}
	cui_run(cui, &scr);
	ui_term_end();
	free(tw.v);
	county_close(cui->c);
	free(cui);
	return 0;
}
