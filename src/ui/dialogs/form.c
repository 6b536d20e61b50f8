/* form.c — the new-entry form: kind, time, source, the call form's fields,
 * responsible group (completed from the roster), significance and a
 * multi-line summary.  Saving is one transaction; when it fails the form
 * stays open with what was typed and says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "desk/outbreak.h"
#include "domain/roster.h"
#include "base/text.h"
#include "ui/frame/editor.h"
#include "ui/frame/ui_int.h"

#define CTRL(c) ((c) & 0x1f)

enum fid { F_KIND, F_TIME, F_SOURCE, F_CALLER, F_CALLBACK, F_READBACK, F_SUBKIND, F_GROUP,
	   F_SIGNIFICANT, F_SUMMARY, NFIELDS };

enum ftype { T_CHOICE, T_TEXT, T_TOGGLE, T_MULTI };

struct field {
	enum ftype type;
	const char *label;
	struct editor ed;
	int choice, on;
};

struct form {
	struct field f[NFIELDS];
	int cur;
	long long parent;
	char parent_summary[256];
	int drill;
	char error[512];
	struct roster *roster;     /* for completing group names */
	int cy, cx;                /* where the cursor goes */
	unsigned changed;          /* what saving changed (UI_CH_*) */
};

static int nsubkinds(void)
{
	int n = 0;
	while (log_key_person_kinds[n])
		n++;
	return n;
}

static int visible(const struct form *fm, enum fid id)
{
	enum log_kind kind = (enum log_kind)fm->f[F_KIND].choice;
	switch (id) {
	case F_CALLER:
	case F_CALLBACK:
	case F_READBACK:
		return kind == LOG_CALL;
	case F_SUBKIND:
		return kind == LOG_KEY_PERSON;
	default:
		return 1;
	}
}

/* The first group whose name or short name starts with what was typed. */
static const char *suggest_group(const struct form *fm, const char *typed)
{
	size_t n = strlen(typed);
	if (!n || !fm->roster)
		return NULL;
	for (int i = 0; i < fm->roster->ngroups; i++) {
		const struct roster_group *g = &fm->roster->groups[i];
		if (g->kind == GRP_SUBGROUP)
			continue;
		if (strncmp(g->name, typed, n) == 0 || strncmp(g->short_name, typed, n) == 0)
			return g->name;
	}
	return NULL;
}

static void choice_text(const struct form *fm, enum fid id, char *buf, size_t n)
{
	if (id == F_KIND)
		snprintf(buf, n, "◀ %s ▶", log_kind_label((enum log_kind)fm->f[id].choice));
	else
		snprintf(buf, n, "◀ %s ▶", log_key_person_kinds[fm->f[id].choice]);
}

static int draw_field(struct ui *ui, struct form *fm, WINDOW *win, int y, int w, enum fid id,
		      int rows)
{
	struct field *f = &fm->f[id];
	int focused = fm->cur == (int)id, lw = 14, cy = 0, cx = 0;
	char buf[256];

	draw_text(win, y, 2, lw, _(f->label), focused ? A_BOLD : A_NORMAL);
	switch (f->type) {
	case T_CHOICE:
		choice_text(fm, id, buf, sizeof buf);
		draw_text(win, y, 2 + lw, w - lw - 4, buf, focused ? A_REVERSE : A_NORMAL);
		break;
	case T_TOGGLE:
		snprintf(buf, sizeof buf, "[%s]", f->on ? "x" : " ");
		draw_text(win, y, 2 + lw, 3, buf, focused ? A_REVERSE : A_NORMAL);
		break;
	case T_TEXT:
	case T_MULTI:
		editor_draw(&f->ed, win, y + (f->type == T_MULTI), 2 + (f->type == T_MULTI ? 0 : lw),
			    rows, w - 4 - (f->type == T_MULTI ? 0 : lw), focused, 0,
			    focused ? A_UNDERLINE : A_NORMAL, &cy, &cx);
		if (id == F_GROUP && focused && f->ed.cur == f->ed.len) {
			char *typed = editor_text(&f->ed);
			const char *s = suggest_group(fm, typed);
			if (s && strlen(s) > strlen(typed))
				draw_text_np(win, cy, cx, w - 2 - cx, s + strlen(typed),
					     ui_attr_dim(ui));
			free(typed);
		}
		if (focused) {
			fm->cy = getbegy(win) + cy;
			fm->cx = getbegx(win) + cx;
		}
		break;
	}
	return f->type == T_MULTI ? rows + 1 : 1;
}

static void draw_form(struct ui *ui, void *vctx)
{
	struct form *fm = vctx;
	int w = COLS - 4 > 96 ? 96 : COLS - 4, h = LINES - 2 > 26 ? 26 : LINES - 2, y = 1;
	WINDOW *win = subwin(stdscr, h, w, (LINES - h) / 2, (COLS - w) / 2);
	char title[512];

	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	if (fm->parent)
		snprintf(title, sizeof title, _(" Follow-up of #%lld: %s "), fm->parent,
			 fm->parent_summary);
	else
		snprintf(title, sizeof title, "%s", _(" New entry "));
	draw_text_np(win, 0, 2, w - 4, title, A_BOLD);
	if (fm->drill)
		draw_text_np(win, 0, w - 16, 14, _(" DRILL 演练 "), A_REVERSE | A_BOLD);
	fm->cy = fm->cx = -1;
	for (int id = 0; id < NFIELDS; id++) {
		if (!visible(fm, (enum fid)id))
			continue;
		if (id == F_SUMMARY) {
			int rows = h - y - 4;
			if (rows < 1)
				rows = 1;
			y += draw_field(ui, fm, win, y, w, (enum fid)id, rows);
		} else {
			y += draw_field(ui, fm, win, y, w, (enum fid)id, 1);
		}
	}
	if (fm->error[0])
		draw_text(win, h - 3, 2, w - 4, fm->error, ui_attr_alert(ui));
	draw_text(win, h - 2, 2, w - 4,
		  _("Tab/Shift-Tab field · ←→ choose · Space tick · → accepts a group suggestion · "
		    "Ctrl-S or F2 save · Esc cancel"), ui_attr_dim(ui));
	if (fm->cy >= 0) {
		wmove(stdscr, fm->cy, fm->cx);
		curs_set(1);
	}
	delwin(win);
}

static void next_field(struct form *fm, int dir)
{
	int i = fm->cur;
	do {
		i = (i + dir + NFIELDS) % NFIELDS;
	} while (!visible(fm, (enum fid)i));
	fm->cur = i;
}

static int any_typed(const struct form *fm)
{
	for (int i = 0; i < NFIELDS; i++)
		if ((fm->f[i].type == T_TEXT || fm->f[i].type == T_MULTI) && fm->f[i].ed.dirty)
			return 1;
	return 0;
}

/* Record it.  0 when saved; else the form keeps everything. */
static int save(struct ui *ui, struct form *fm)
{
	char *when = editor_text(&fm->f[F_TIME].ed), *source = editor_text(&fm->f[F_SOURCE].ed),
	     *caller = editor_text(&fm->f[F_CALLER].ed),
	     *callback = editor_text(&fm->f[F_CALLBACK].ed),
	     *group = editor_text(&fm->f[F_GROUP].ed), *summary = editor_text(&fm->f[F_SUMMARY].ed);
	struct log_new n = {0};
	struct log_added added;
	struct dd_err err;
	int kind_call, rc = -1;

	n.kind = (enum log_kind)fm->f[F_KIND].choice;
	kind_call = n.kind == LOG_CALL;
	if (ddtime_parse(when, &n.occurred_at, &err) < 0)
		goto out;
	n.source = source;
	n.caller = kind_call ? caller : NULL;
	n.callback = kind_call ? callback : NULL;
	n.readback = kind_call && fm->f[F_READBACK].on;
	n.subkind = n.kind == LOG_KEY_PERSON ? log_key_person_kinds[fm->f[F_SUBKIND].choice] : NULL;
	n.group = *group ? group : NULL;
	n.significant = fm->f[F_SIGNIFICANT].on;
	n.summary = summary;
	n.parent_id = fm->parent;
	n.drill = fm->drill;
	if (outbreak_log_add(ui->st, &ui->who, &n, &added, &err) < 0)
		goto out;
	if (added.mode_changed && !n.drill)
		ui_say(ui, _("#%lld recorded — TASK FORCE MODE is now active; %d escalation(s) "
			     "opened"), added.id, added.notifications);
	else if (added.notifications)
		ui_say(ui, _("#%lld recorded; %d escalation(s) opened"), added.id,
		       added.notifications);
	else
		ui_say(ui, _("#%lld recorded"), added.id);
	/* An entry is in the log, may open escalations (the overdue count),
	 * goes on its incident's timeline; a positive case changes the mode,
	 * and with it the roster shown. */
	fm->changed = UI_CH_LOG | UI_CH_ESC | UI_CH_STATUS | UI_CH_VIEW;
	if (added.mode_changed)
		fm->changed |= UI_CH_MODE | UI_CH_ROSTER;
	rc = 0;
out:
	if (rc < 0)
		snprintf(fm->error, sizeof fm->error, "%s", err.msg);
	free(when);
	free(source);
	free(caller);
	free(callback);
	free(group);
	free(summary);
	return rc;
}

static void cycle(struct form *fm, int dir)
{
	struct field *f = &fm->f[fm->cur];
	int n = fm->cur == F_KIND ? LOG_KIND_COUNT : nsubkinds();
	f->choice = (f->choice + dir + n) % n;
}

/* One key; returns 1 when the form is finished (saved or cancelled). */
static int form_key(struct ui *ui, struct form *fm, struct ui_key k)
{
	struct field *f = &fm->f[fm->cur];

	if (k.ch == UIK_QUIT)
		return 1;
	if (k.ch == UIK_INTR || (!k.is_key && k.ch == 27))
		return !any_typed(fm) || ui_confirm(ui, _("Throw away what was typed?"));
	if ((!k.is_key && k.ch == CTRL('s')) || (k.is_key && k.ch == KEY_F(2))) {
		if (save(ui, fm) == 0)
			return 1;
		beep();
		return 0;
	}
	if ((!k.is_key && k.ch == '\t') || (k.is_key && k.ch == KEY_BTAB)) {
		next_field(fm, k.is_key ? -1 : 1);
		return 0;
	}
	if (f->type != T_MULTI && k.is_key && (k.ch == KEY_DOWN || k.ch == KEY_UP)) {
		next_field(fm, k.ch == KEY_DOWN ? 1 : -1);
		return 0;
	}
	if (f->type != T_MULTI && ((!k.is_key && k.ch == '\r') || (k.is_key && k.ch == KEY_ENTER))) {
		if (fm->cur == F_GROUP) {
			char *cur = editor_text(&f->ed), *g = ui_pick_group(ui, cur);
			if (g)
				editor_set(&f->ed, g);
			f->ed.dirty = 1;
			free(g);
			free(cur);
		} else {
			next_field(fm, 1);
		}
		return 0;
	}
	switch (f->type) {
	case T_CHOICE:
		if (k.is_key && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT))
			cycle(fm, k.ch == KEY_LEFT ? -1 : 1);
		else if (!k.is_key && k.ch == ' ')
			cycle(fm, 1);
		break;
	case T_TOGGLE:
		if (!k.is_key && (k.ch == ' ' || k.ch == 'x'))
			f->on = !f->on;
		break;
	case T_TEXT:
	case T_MULTI:
		if (fm->cur == F_GROUP && k.is_key && k.ch == KEY_RIGHT && f->ed.cur == f->ed.len) {
			char *typed = editor_text(&f->ed);
			const char *s = suggest_group(fm, typed);
			if (s) {
				editor_set(&f->ed, s);
				f->ed.dirty = 1;
			}
			free(typed);
			break;
		}
		editor_key(&f->ed, k);
		break;
	}
	return 0;
}

static void form_init(struct ui *ui, struct form *fm, long long parent, int drill)
{
	static const struct {
		enum ftype type;
		const char *label;
	} spec[NFIELDS] = {
		{T_CHOICE, N_("Kind")}, {T_TEXT, N_("Time")}, {T_TEXT, N_("Source/unit")},
		{T_TEXT, N_("Caller")}, {T_TEXT, N_("Call-back no.")}, {T_TOGGLE, N_("Read back")},
		{T_CHOICE, N_("Category")}, {T_TEXT, N_("Group")}, {T_TOGGLE, N_("Important")},
		{T_MULTI, N_("Summary")},
	};
	char now[DDTIME_BUFSZ];
	struct dd_err err;

	memset(fm, 0, sizeof *fm);
	for (int i = 0; i < NFIELDS; i++) {
		fm->f[i].type = spec[i].type;
		fm->f[i].label = spec[i].label;
		editor_init(&fm->f[i].ed, NULL, spec[i].type == T_MULTI,
			    spec[i].type == T_MULTI ? LOG_SUMMARY_MAX / 4 : 200);
	}
	editor_set(&fm->f[F_TIME].ed, ddtime_format(ddtime_now(), DDTIME_MINUTE, now));
	/* Prefilled, so selected: a time typed replaces it. */
	editor_select_all(&fm->f[F_TIME].ed);
	fm->parent = parent;
	fm->drill = drill;
	if (roster_load(ui->st, 0, &fm->roster, &err) < 0)
		fm->roster = NULL;
	if (parent) {
		struct log_entry e;
		if (log_get(ui->st, parent, &e, &err) == 0) {
			snprintf(fm->parent_summary, sizeof fm->parent_summary, "%s", e.summary);
			editor_set(&fm->f[F_GROUP].ed, e.group);
			editor_select_all(&fm->f[F_GROUP].ed);
			fm->drill = e.drill;
			log_entry_clear(&e);
		}
	}
	fm->cur = F_KIND;
}

unsigned form_new_entry(struct ui *ui, long long parent, int drill)
{
	struct form *fm = dd_xmalloc(sizeof *fm);
	unsigned changed;

	form_init(ui, fm, parent, drill);
	ui_push_layer(ui, draw_form, fm);
	for (;;) {
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (form_key(ui, fm, k))
			break;
	}
	ui_pop_layer(ui);
	curs_set(0);
	for (int i = 0; i < NFIELDS; i++)
		editor_free(&fm->f[i].ed);
	roster_free(fm->roster);
	changed = fm->changed;
	free(fm);
	return changed;
}
