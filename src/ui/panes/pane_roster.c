/* pane_roster.c — the roster pane: groups in the notice's order, each
 * under its heading as the notice writes it (wrapped to the pane by
 * wcwidth), opening to its leaders, member units, numbered duties and
 * note; sub-groups under their group; the section's heading before its
 * first group and each succession sentence after the last group it covers;
 * or the task force's groups with their leads and outbreak duties. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/roster.h"
#include "base/text.h"
#include "domain/zone.h"
#include "ui/panes/panes.h"

enum rkind { RR_HEADING, RR_GROUP, RR_HOLDER, RR_TEXT };

struct rrow {
	enum rkind kind;
	int group;              /* index in the roster */
	int holder;             /* index in the group's holders */
	int indent;
	char *text;
	attr_t attr;
};

struct rosterp {
	struct roster *r;
	unsigned char open[128];  /* by group index */
	struct rrow *rows;
	int nrows, cap;
	int cur, top;
	int width;                /* the rows were built for this width */
	int view;                 /* 1: the task force */
	struct rrow *zones;       /* the task force's zones and checkpoints */
	int nzones, zcap;
};

static struct rosterp *state(struct ui *ui)
{
	struct pane *p = &ui->panes[PANE_ROSTER];
	if (!p->state)
		p->state = dd_xcalloc(1, sizeof(struct rosterp));
	return p->state;
}

static void clear_rows(struct rosterp *s)
{
	for (int i = 0; i < s->nrows; i++)
		free(s->rows[i].text);
	s->nrows = 0;
}

static void add_row(struct rosterp *s, enum rkind kind, int group, int holder, int indent,
		    const char *text, attr_t attr)
{
	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = dd_xrealloc(s->rows, (size_t)s->cap * sizeof *s->rows);
	}
	s->rows[s->nrows++] = (struct rrow){kind, group, holder, indent, dd_xstrdup(text), attr};
}

struct wrapctx {
	struct rosterp *s;
	int group, indent, first;
	const char *head;
};

static void wrap_piece(const char *piece, void *vctx)
{
	struct wrapctx *c = vctx;
	char line[2048];
	snprintf(line, sizeof line, "%s%s", c->first ? c->head : "", piece);
	add_row(c->s, RR_TEXT, c->group, -1, c->first ? c->indent : c->indent + 3, line,
		A_NORMAL);
	c->first = 0;
}

static void add_wrapped(struct rosterp *s, int group, int indent, int width, const char *head,
			const char *text)
{
	struct wrapctx c = {s, group, indent, 1, head};
	int w = width - indent - text_width(head) - 2;
	text_wrap(text, w < 8 ? 8 : w, wrap_piece, &c);
}

/* Text wrapped to the pane as rows of one attribute, continuation rows
 * indented `more` further. */
struct textctx {
	struct rosterp *s;
	enum rkind kind;
	int group, indent, more, first;
	attr_t attr;
};

static void text_piece(const char *piece, void *vctx)
{
	struct textctx *c = vctx;
	add_row(c->s, c->first ? c->kind : RR_TEXT, c->group, -1,
		c->first ? c->indent : c->indent + c->more, piece, c->attr);
	c->first = 0;
}

static void add_text(struct rosterp *s, enum rkind kind, int group, int indent, int more,
		     int width, const char *text, attr_t attr)
{
	struct textctx c = {s, kind, group, indent, more, 1, attr};
	int w = width - indent - more;
	text_wrap(text, w < 8 ? 8 : w, text_piece, &c);
}

static void add_group_detail(struct ui *ui, struct rosterp *s, int gi, int width)
{
	const struct roster_group *g = &s->r->groups[gi];
	const struct roster_group *cp = roster_group(s->r, g->counterpart_id);
	int in = 2 * g->depth;
	char line[1024];

	if (cp) {
		snprintf(line, sizeof line, _("corresponds to %s"), cp->name);
		add_text(s, RR_TEXT, gi, in + 3, 2, width, line, ui_attr_dim(ui));
	}
	for (int k = 0; k < g->nholders; k++) {
		const struct roster_holder *h = &g->holders[k];
		snprintf(line, sizeof line, "%s  %s%s", roster_title_label(h->title), h->name,
			 h->person_id && !h->has_phone ? " ☎?" : "");
		add_row(s, RR_HOLDER, gi, k, in + 3, line, A_NORMAL);
	}
	if (g->nmembers) {
		size_t len = 0;
		char units[2048] = "";
		for (int k = 0; k < g->nmembers && len < sizeof units - 64; k++)
			len += (size_t)snprintf(units + len, sizeof units - len, "%s%s",
						k ? "、" : "", g->members[k]);
		snprintf(line, sizeof line, "%s: ", _("Units"));
		add_wrapped(s, gi, in + 3, width, line, units);
	}
	for (int k = 0; k < g->nduties; k++) {
		char head[32];
		snprintf(head, sizeof head, g->duties[k].outbreak ? "★ " : "%d. ",
			 g->duties[k].seq);
		add_wrapped(s, gi, in + 3, width, head, g->duties[k].text);
	}
	if (*g->note)
		add_wrapped(s, gi, in + 3, width, "※ ", g->note);
}

static void add_zone_row(struct rosterp *s, const char *text, attr_t attr)
{
	if (s->nzones == s->zcap) {
		s->zcap = s->zcap ? s->zcap * 2 : 16;
		s->zones = dd_xrealloc(s->zones, (size_t)s->zcap * sizeof *s->zones);
	}
	s->zones[s->nzones++] = (struct rrow){RR_TEXT, -1, -1, 1, dd_xstrdup(text), attr};
}

static void clear_zones(struct rosterp *s)
{
	for (int i = 0; i < s->nzones; i++)
		free(s->zones[i].text);
	s->nzones = 0;
}

/* The outbreak's zones and the checkpoints in place, for the task-force
 * view (read at load time; build() lays them out). */
static int load_zones(struct ui *ui, struct rosterp *s, struct dd_err *err)
{
	struct zone_change *z = NULL;
	struct zone_checkpoint *c = NULL;
	long long outbreak = 0;
	int nz = 0, nc = 0, active = 0;
	char line[512];

	clear_zones(s);
	if (zone_outbreak(ui->st, &outbreak, &active, err) < 0 ||
	    (active && zone_current(ui->st, outbreak, ddtime_now(), &z, &nz, err) < 0) ||
	    zone_checkpoint_list(ui->st, 0, ddtime_now(), &c, &nc, err) < 0)
		return -1;
	if (nz || nc)
		add_zone_row(s, _("Zones and checkpoints (Z)"), A_BOLD);
	for (int i = 0; i < nz; i++) {
		snprintf(line, sizeof line, "%s  %s", zone_level_word(z[i].level), z[i].place);
		add_zone_row(s, line, z[i].level == ZONE_CLOSED ? ui_attr_alert(ui) : A_NORMAL);
	}
	for (int i = 0; i < nc; i++) {
		snprintf(line, sizeof line, "卡点 %s · %s · %s", c[i].place, c[i].hours,
			 c[i].staff);
		add_zone_row(s, line, A_NORMAL);
	}
	zone_changes_free(z, nz);
	zone_checkpoints_free(c, nc);
	return 0;
}

static void build(struct ui *ui, struct rosterp *s, int width)
{
	clear_rows(s);
	s->width = width;
	s->view = ui->roster_taskforce;
	if (!s->r)
		return;
	add_row(s, RR_HEADING, -1, -1, 0,
		s->view ? _("Task force 疫情处置专班 (t: standing)")
			: _("Standing groups (t: task force)"),
		A_BOLD);
	for (int k = 0; k < s->r->ngroups; k++) {
		int i = s->r->order[k], in;
		const struct roster_group *g = &s->r->groups[i];
		char line[1024];
		if ((g->kind == GRP_TASKFORCE) != s->view)
			continue;
		in = 2 * g->depth;
		if (g->opens_section)
			add_text(s, RR_TEXT, -1, 0, 2, width, g->section, A_BOLD);
		/* The heading whole, over as many rows as it takes. */
		snprintf(line, sizeof line, "%s %s", s->open[i] ? "▾" : "▸", roster_heading(g));
		add_text(s, RR_GROUP, i, in, 2, width, line, g->depth ? A_NORMAL : A_BOLD);
		if (s->open[i])
			add_group_detail(ui, s, i, width);
		if (g->closes_succession)
			add_text(s, RR_TEXT, -1, 1, 2, width, g->succession, ui_attr_dim(ui));
	}
	for (int i = 0; s->view && i < s->nzones; i++)
		add_row(s, RR_TEXT, -1, -1, s->zones[i].indent, s->zones[i].text, s->zones[i].attr);
	if (s->cur >= s->nrows)
		s->cur = s->nrows - 1;
	if (s->cur < 1 || s->rows[s->cur].kind == RR_TEXT) {
		/* On the first row that can be acted on. */
		int c = s->cur < 1 ? 1 : s->cur;
		while (c < s->nrows - 1 && s->rows[c].kind == RR_TEXT)
			c++;
		s->cur = c < s->nrows ? c : 0;
	}
}

static void load(struct ui *ui, struct pane *p)
{
	struct rosterp *s = state(ui);
	struct dd_err err;

	roster_free(s->r);
	s->r = NULL;
	if (roster_load(ui->st, 0, &s->r, &err) < 0 || load_zones(ui, s, &err) < 0)
		ui_error(ui, &err);
	build(ui, s, p->w);
}

static void draw(struct ui *ui, struct pane *p)
{
	struct rosterp *s = state(ui);
	int h = p->h - 1;  /* the last row explains the marks */

	if (s->width != p->w || s->view != ui->roster_taskforce)
		build(ui, s, p->w);
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + h)
		s->top = s->cur - h + 1;
	for (int r = 0; r < h && s->top + r < s->nrows; r++) {
		const struct rrow *row = &s->rows[s->top + r];
		int sel = ui->focus == PANE_ROSTER && s->top + r == s->cur;
		attr_t attr = sel ? A_REVERSE : row->attr;
		if (!sel && row->kind == RR_HOLDER && strstr(row->text, "☎?"))
			attr = A_NORMAL;
		draw_fill(p->win, 1 + r, 1, p->w, sel ? A_REVERSE : A_NORMAL);
		draw_text(p->win, 1 + r, 1 + row->indent, p->w - row->indent, row->text, attr);
	}
	draw_text(p->win, p->h, 1, p->w, _("☎? no phone number on file"), ui_attr_dim(ui));
}

static void destroy(struct pane *p)
{
	struct rosterp *s = p->state;
	if (!s)
		return;
	clear_rows(s);
	free(s->rows);
	clear_zones(s);
	free(s->zones);
	roster_free(s->r);
	free(s);
	p->state = NULL;
}

const struct pane_ops pane_roster_ops = {
	.title = N_("Roster"),
	.scope = SCOPE_ROSTER,
	.reload_on = UI_CH_ROSTER,
	.load = load,
	.draw = draw,
	.destroy = destroy,
};

unsigned pane_roster_move(struct ui *ui, int delta)
{
	struct rosterp *s = state(ui);
	int step = delta > 0 ? 1 : -1, n = delta > 0 ? delta : -delta;

	for (int k = 0; k < n; k++) {
		int i = s->cur + step;
		/* Skip what cannot be acted on. */
		while (i > 0 && i < s->nrows && s->rows[i].kind == RR_TEXT && n == 1)
			i += step;
		if (i < 1 || i >= s->nrows)
			break;
		s->cur = i;
	}
	return UI_CH_CURSOR;
}

/* Open or close the selected group: its rows are built again from the
 * roster read at load time. */
unsigned pane_roster_toggle(struct ui *ui)
{
	struct rosterp *s = state(ui);
	int gi;

	if (s->cur < 0 || s->cur >= s->nrows || (gi = s->rows[s->cur].group) < 0 ||
	    gi >= (int)sizeof s->open)
		return UI_CH_NONE;
	s->open[gi] = !s->open[gi];
	build(ui, s, s->width);
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].kind == RR_GROUP && s->rows[i].group == gi)
			s->cur = i;
	return UI_CH_CURSOR;
}

unsigned pane_roster_switch(struct ui *ui)
{
	struct rosterp *s = state(ui);
	ui->roster_taskforce = !ui->roster_taskforce;
	s->cur = 1;
	s->top = 0;
	build(ui, s, s->width);
	return UI_CH_CURSOR;
}

static const struct roster_holder *selected_holder(struct ui *ui)
{
	struct rosterp *s = state(ui);
	const struct rrow *row;

	if (s->cur < 0 || s->cur >= s->nrows)
		return NULL;
	row = &s->rows[s->cur];
	if (row->kind != RR_HOLDER)
		return NULL;
	return &s->r->groups[row->group].holders[row->holder];
}

/* A post holder's successor takes all their posts: the roster and the
 * escalation contacts (the same people) change. */
unsigned pane_roster_replace(struct ui *ui)
{
	const struct roster_holder *h = selected_holder(ui);
	char question[512], *successor, *reason, *leaver;
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	int moved = 0;

	if (!h || !h->person_id) {
		ui_say(ui, _("select a person in an open group first (Enter opens a group)"));
		return UI_CH_NONE;
	}
	if (ui_require_access(ui, ACCESS_ADMIN, _("changing who holds a post")) < 0)
		return UI_CH_NONE;
	leaver = dd_xstrdup(h->name);
	snprintf(question, sizeof question,
		 _("Successor of %s (takes all %s's posts; same unit):"), leaver, leaver);
	successor = ui_prompt(ui, question, NULL, 0);
	if (!successor || !*successor) {
		free(successor);
		free(leaver);
		return UI_CH_NONE;
	}
	reason = ui_prompt(ui, _("Reason (optional):"), NULL, 0);
	if (roster_succeed(ui->st, &ui->who, leaver, successor, 0, reason, &moved, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("%s takes over %d post(s) from %s"), successor, moved, leaver);
		changed = UI_CH_ROSTER | UI_CH_ESC;
	}
	free(reason);
	free(successor);
	free(leaver);
	return changed;
}

unsigned pane_roster_history(struct ui *ui)
{
	const struct roster_holder *h = selected_holder(ui);
	struct roster_tenure *t;
	struct dd_err err;
	const char **labels;
	int n;

	if (!h) {
		ui_say(ui, _("select a post holder first (Enter opens a group)"));
		return UI_CH_NONE;
	}
	if (roster_post_history(ui->st, h->post_id, &t, &n, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	labels = dd_xcalloc((size_t)n + 1, sizeof *labels);
	for (int i = 0; i < n; i++) {
		char from[DDTIME_BUFSZ], until[DDTIME_BUFSZ], line[512];
		snprintf(line, sizeof line, "%s → %s  %s", ddtime_format(t[i].since, DDTIME_DATE, from),
			 t[i].until ? ddtime_format(t[i].until, DDTIME_DATE, until) : _("now"),
			 t[i].name);
		labels[i] = dd_xstrdup(line);
	}
	ui_pick(ui, roster_title_label(h->title), labels, n, n - 1);
	for (int i = 0; i < n; i++)
		free((char *)labels[i]);
	free(labels);
	roster_tenures_free(t, n);
	return UI_CH_NONE;
}
