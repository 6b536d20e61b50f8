/* pane_log.c — the incident log pane: newest first, keyset-paged from the
 * store (a page at a time, never the whole log), with search and filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/roster.h"
#include "base/text.h"
#include "ui/panes/panes.h"
#include "ui/views/views.h"

struct logp {
	struct log_filter f;
	char search[256];
	char group[256];
	char by[256];            /* the operator filter's name */
	char range[128];         /* the time range, as shown */
	long long from;          /* the page holds ids below this (0: the newest) */
	struct log_entry *rows;
	int n;
	int cur;
	long long newest;        /* the newest id when we last were at the top */
	int unseen;              /* entries newer than the page, when scrolled away */
	int searched;            /* a new search: say so when nothing matches */
};

static struct logp *state(struct ui *ui)
{
	struct pane *p = &ui->panes[PANE_LOG];
	if (!p->state) {
		struct logp *l = dd_xcalloc(1, sizeof *l);
		log_filter_init(&l->f);
		p->state = l;
	}
	return p->state;
}

static int page_rows(struct ui *ui)
{
	int h = ui->panes[PANE_LOG].h - 1; /* one row for the column heads */
	return h < 1 ? 1 : h;
}

static void fetch(struct ui *ui, struct logp *l, enum log_dir dir, long long from)
{
	struct log_entry *rows;
	struct dd_err err;
	int n;

	if (log_page(ui->st, &l->f, dir, from, page_rows(ui), &rows, &n, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	log_entries_free(l->rows, l->n);
	l->rows = rows;
	l->n = n;
	/* Keep "ids below from" as the page's definition. */
	l->from = dir == LOG_NEWER && n > 0 ? rows[0].id + 1 : (dir == LOG_OLDER ? from : 0);
	if (l->cur >= n)
		l->cur = n > 0 ? n - 1 : 0;
}

/* The page of the newest entries: whatever was unseen is in sight now. */
static void read_top(struct ui *ui, struct logp *l)
{
	fetch(ui, l, LOG_OLDER, 0);
	if (l->n > 0) {
		l->newest = l->rows[0].id;
		l->unseen = 0;
	}
}

static void load(struct ui *ui, struct pane *p)
{
	struct logp *l = state(ui);
	(void)p;
	if (!ui->signed_in)
		return;
	if (l->from == 0)
		read_top(ui, l);
	else
		fetch(ui, l, LOG_OLDER, l->from);
	if (l->searched && *l->search && l->n == 0)
		ui_say(ui, _("nothing in the log contains “%s”"), l->search);
	l->searched = 0;
	if (l->from != 0) {
		/* Scrolled away: count what arrived since the top was last seen,
		 * cheaply (one page). */
		struct log_entry *rows;
		int n;
		if (l->newest > 0 &&
		    log_page(ui->st, &l->f, LOG_NEWER, l->newest, 100, &rows, &n, NULL) == 0) {
			l->unseen = n;
			log_entries_free(rows, n);
		}
	}
}

static const char *status_word(const struct log_entry *e)
{
	return e->closed ? _("closed") : _("open");
}

/* "[unverified]" after the summary of an entry whose author was not
 * verified (ui_entry_unverified), else "". */
static const char *unverified_mark(const struct log_entry *e)
{
	static char mark[64];
	const char *m = ui_entry_unverified(e);

	if (!m)
		return "";
	snprintf(mark, sizeof mark, "[%s]", m);
	return mark;
}

static void draw_row(struct ui *ui, WINDOW *win, int y, int w, const struct log_entry *e,
		     int selected)
{
	char when[DDTIME_BUFSZ], mark[16], summary[LOG_SUMMARY_MAX + 300];
	attr_t attr = selected ? A_REVERSE : A_NORMAL;
	int x = 1, sw;

	if (!selected && e->kind == LOG_POSITIVE)
		attr = ui_attr_alert(ui);
	else if (!selected && e->significant)
		attr = A_BOLD;
	draw_fill(win, y, 1, w, attr);
	snprintf(mark, sizeof mark, "%s%s", e->significant ? "!" : " ", e->parent_id ? "↳" : " ");
	draw_text(win, y, x, 11, ddtime_format(e->occurred_at, DDTIME_SHORT, when), attr);
	x += 12;
	draw_text(win, y, x, 2, mark, attr);
	x += 3;
	draw_text(win, y, x, 8, log_kind_label(e->kind), attr);
	x += 9;
	if (w >= 70) {
		draw_text(win, y, x, 12, e->group, attr);
		x += 13;
	}
	draw_text(win, y, x, 6, status_word(e), attr);
	x += 7;
	/* The mark after the text, so that a narrow pane still shows how the
	 * summary begins. */
	snprintf(summary, sizeof summary, "%s%s%s%s%s%s", e->drill ? _("[drill] ") : "",
		 e->summary, *e->source ? " — " : "", e->source,
		 *unverified_mark(e) ? " " : "", unverified_mark(e));
	sw = w + 1 - x;
	if (sw > 0)
		draw_text(win, y, x, sw, summary, attr);
}

static void draw_heads(struct ui *ui, struct logp *l, WINDOW *win, int w)
{
	char filt[600];
	int k = 0;

	filt[0] = '\0';
	if (*l->search)
		k += snprintf(filt + k, sizeof filt - (size_t)k, _("search “%s” "), l->search);
	if (l->f.kind >= 0 && k < (int)sizeof filt)
		k += snprintf(filt + k, sizeof filt - (size_t)k, _("kind: %s "),
			      log_kind_label((enum log_kind)l->f.kind));
	if (l->f.status != LOG_ANY && k < (int)sizeof filt)
		k += snprintf(filt + k, sizeof filt - (size_t)k, "%s ",
			      l->f.status == LOG_OPEN ? _("open only") : _("closed only"));
	if (*l->group && k < (int)sizeof filt)
		k += snprintf(filt + k, sizeof filt - (size_t)k, _("group: %s "), l->group);
	if (*l->by && k < (int)sizeof filt)
		k += snprintf(filt + k, sizeof filt - (size_t)k, _("by: %s "), l->by);
	if (*l->range && k < (int)sizeof filt)
		k += snprintf(filt + k, sizeof filt - (size_t)k, "%s ", l->range);
	if (l->f.drill == 1 && k < (int)sizeof filt)
		k += snprintf(filt + k, sizeof filt - (size_t)k, "%s", _("DRILL entries "));
	if (k > 0) {
		char line[700];
		snprintf(line, sizeof line, _("Filtered: %s(c clears)"), filt);
		draw_text(win, 1, 1, w, line, A_BOLD | A_UNDERLINE);
		return;
	}
	if (l->unseen > 0) {
		char line[128];
		snprintf(line, sizeof line, _("%d new entr(ies) above — Home shows them"), l->unseen);
		draw_text(win, 1, 1, w, line, ui_attr_alert(ui));
		return;
	}
	draw_text(win, 1, 1, w, w >= 70 ? _("WHEN         KIND      GROUP        STATUS SUMMARY")
				       : _("WHEN         KIND      STATUS SUMMARY"),
		  ui_attr_dim(ui));
}

static void draw(struct ui *ui, struct pane *p)
{
	struct logp *l = state(ui);
	int w = p->w;

	if (!ui->signed_in || ui->locked) {
		draw_wrapped(p->win, 2, 2, w - 2, p->h - 1,
			     ui->locked ? _("The terminal is locked; the log is hidden. Press Enter "
					    "to unlock.")
					: _("The log is shown to the person at the desk: press s to "
					    "sign in."),
			     A_BOLD);
		return;
	}
	draw_heads(ui, l, p->win, w);
	if (l->n == 0) {
		draw_text(p->win, 2, 2, w - 2,
			  *l->search || l->f.kind >= 0 || l->f.status != LOG_ANY || *l->group
				  ? _("Nothing matches.")
				  : _("The log is empty. Press n to record the first entry."),
			  A_NORMAL);
		return;
	}
	for (int i = 0; i < l->n && i < p->h - 1; i++)
		draw_row(ui, p->win, 2 + i, w, &l->rows[i], ui->focus == PANE_LOG && i == l->cur);
}

static void destroy(struct pane *p)
{
	struct logp *l = p->state;
	if (!l)
		return;
	log_entries_free(l->rows, l->n);
	free(l);
	p->state = NULL;
}

const struct pane_ops pane_log_ops = {
	.title = N_("Incident log"),
	.scope = SCOPE_LOG,
	.reload_on = UI_CH_LOG,
	.load = load,
	.draw = draw,
	.destroy = destroy,
};

/* The cursor moves within the page it holds; past its edges the page
 * slides, a fetch of its own (not a reload of the pane). */
unsigned pane_log_move(struct ui *ui, int delta)
{
	struct logp *l = state(ui);

	if (l->n == 0)
		return UI_CH_NONE;
	if (delta > 0 && l->cur + 1 >= l->n) {
		/* Past the bottom: the page slides one entry older. */
		if (l->n < page_rows(ui))
			return UI_CH_NONE;
		fetch(ui, l, LOG_OLDER, l->rows[0].id);
		l->cur = l->n - 1;
		return UI_CH_CURSOR;
	}
	if (delta < 0 && l->cur == 0) {
		/* Past the top: the page slides to the next newer entry. */
		struct log_entry *up;
		int n;
		long long from;
		if (l->from == 0 ||
		    log_page(ui->st, &l->f, LOG_NEWER, l->rows[0].id, 1, &up, &n, NULL) < 0)
			return UI_CH_NONE;
		from = n > 0 ? up[0].id + 1 : 0;
		log_entries_free(up, n);
		fetch(ui, l, LOG_OLDER, from);
		l->cur = 0;
		return UI_CH_CURSOR;
	}
	l->cur += delta > 0 ? 1 : -1;
	return UI_CH_CURSOR;
}

unsigned pane_log_page(struct ui *ui, int dir)
{
	struct logp *l = state(ui);

	if (l->n == 0)
		return UI_CH_NONE;
	if (dir > 0) {
		if (l->n < page_rows(ui)) {
			l->cur = l->n - 1;
			return UI_CH_CURSOR;
		}
		fetch(ui, l, LOG_OLDER, l->rows[l->n - 1].id);
		if (l->n == 0)
			pane_log_end(ui);
		l->cur = 0;
		return UI_CH_CURSOR;
	}
	if (l->from == 0) {
		l->cur = 0;
		return UI_CH_CURSOR;
	}
	fetch(ui, l, LOG_NEWER, l->rows[0].id);
	l->cur = 0;
	if (l->n < page_rows(ui))
		read_top(ui, l);    /* less than a page newer: that is the top */
	return UI_CH_CURSOR;
}

/* The newest entries: the cursor goes up when the page is the top already,
 * else the page slides there. */
unsigned pane_log_home(struct ui *ui)
{
	struct logp *l = state(ui);
	l->cur = 0;
	if (l->from != 0)
		read_top(ui, l);
	return UI_CH_CURSOR;
}

unsigned pane_log_end(struct ui *ui)
{
	struct logp *l = state(ui);
	/* The oldest page: read from the start of the log, shown newest
	 * first; as quick as the top, whatever the log's length. */
	fetch(ui, l, LOG_NEWER, 0);
	l->cur = l->n > 0 ? l->n - 1 : 0;
	return UI_CH_CURSOR;
}

/* A filter changed: the pane reads its first page again. */
static unsigned refilter(struct logp *l)
{
	l->from = 0;
	l->cur = 0;
	return UI_CH_LOG;
}

unsigned pane_log_search(struct ui *ui)
{
	struct logp *l = state(ui);
	char *s = ui_prompt(ui, _("Search the log (several words: all must be there):"),
			    l->search, 0);

	if (!s)
		return UI_CH_NONE;
	snprintf(l->search, sizeof l->search, "%s", s);
	free(s);
	l->f.search = *l->search ? l->search : NULL;
	l->searched = 1;
	return refilter(l);
}

unsigned pane_log_pick_kind(struct ui *ui)
{
	struct logp *l = state(ui);
	const char *labels[LOG_KIND_COUNT + 1];
	int i;

	labels[0] = _("(any kind)");
	for (i = 0; i < LOG_KIND_COUNT; i++)
		labels[i + 1] = log_kind_label((enum log_kind)i);
	i = ui_pick(ui, _(" Show entries of kind "), labels, LOG_KIND_COUNT + 1, l->f.kind + 1);
	if (i < 0)
		return UI_CH_NONE;
	l->f.kind = i - 1;
	return refilter(l);
}

unsigned pane_log_cycle_status(struct ui *ui)
{
	struct logp *l = state(ui);
	l->f.status = l->f.status == LOG_ANY ? LOG_OPEN
					     : l->f.status == LOG_OPEN ? LOG_CLOSED : LOG_ANY;
	return refilter(l);
}

unsigned pane_log_pick_group(struct ui *ui)
{
	struct logp *l = state(ui);
	struct dd_err err;
	char *g = ui_pick_group(ui, l->group);

	if (!g)
		return UI_CH_NONE;
	l->f.group_id = 0;
	l->group[0] = '\0';
	if (*g && roster_find_group(ui->st, g, &l->f.group_id, &err) < 0)
		ui_error(ui, &err);
	else
		snprintf(l->group, sizeof l->group, "%s", g);
	free(g);
	return refilter(l);
}

unsigned pane_log_clear_filters(struct ui *ui)
{
	struct logp *l = state(ui);
	int drill = l->f.drill;
	log_filter_init(&l->f);
	l->f.drill = drill;
	l->search[0] = l->group[0] = l->by[0] = l->range[0] = '\0';
	return refilter(l);
}

unsigned pane_log_pick_operator(struct ui *ui)
{
	struct logp *l = state(ui);
	struct dd_err err;
	char *name = ui_ask_person(ui, _("Recorded by whom (empty: anyone)?"), l->by, 0);

	if (!name)
		return UI_CH_NONE;
	l->f.operator_id = 0;
	l->by[0] = '\0';
	if (*name && log_filter_operator(ui->st, &l->f, name, &err) < 0)
		ui_error(ui, &err);
	else
		snprintf(l->by, sizeof l->by, "%s", name);
	free(name);
	return refilter(l);
}

/* A day, the shift on duty now, or any stretch: for reviewing how a day or
 * a shift went. */
unsigned pane_log_pick_range(struct ui *ui)
{
	static const char *const labels[] = {N_("any time"), N_("today"), N_("yesterday"),
					     N_("the shift on duty now"), N_("from … to …")};
	const char *shown[5];
	struct logp *l = state(ui);
	dd_time now = ddtime_now(), day = ddtime_day_start(now), a = 0, b = 0;
	char fa[DDTIME_BUFSZ], fb[DDTIME_BUFSZ];
	int k;

	for (int i = 0; i < 5; i++)
		shown[i] = _(labels[i]);
	k = ui_pick(ui, _(" Entries of "), shown, 5, 0);
	if (k < 0)
		return UI_CH_NONE;
	if (k == 1 || k == 2) {
		a = k == 1 ? day : ddtime_day_start(day - 1);
		b = k == 1 ? 0 : day;
	} else if (k == 3 && ui_current_shift(ui, &a, &b) < 0) {
		ui_say(ui, _("nobody is on duty now: no shift to show"));
		return UI_CH_NONE;
	} else if (k == 4 && (ui_ask_time(ui, _("From:"), day, &a) < 0 ||
			      ui_ask_time(ui, _("To:"), now, &b) < 0)) {
		return UI_CH_NONE;
	}
	l->f.since = a;
	l->f.until = b;
	if (k == 0)
		l->range[0] = '\0';
	else
		snprintf(l->range, sizeof l->range, "%s – %s", ddtime_format(a, DDTIME_SHORT, fa),
			 b ? ddtime_format(b, DDTIME_SHORT, fb) : _("now"));
	return refilter(l);
}

unsigned pane_log_toggle_drill(struct ui *ui)
{
	struct logp *l = state(ui);
	l->f.drill = l->f.drill == 1 ? 0 : 1;
	ui_say(ui, l->f.drill ? _("showing DRILL entries (d: back to the real log)")
			      : _("showing the real log"));
	return refilter(l);
}

unsigned pane_log_open(struct ui *ui)
{
	struct logp *l = state(ui);
	if (l->n == 0 || l->cur >= l->n)
		return UI_CH_NONE;
	return view_timeline_open(ui, l->rows[l->cur].id);
}
