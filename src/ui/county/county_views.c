/* county_views.c — a town's incidents and an incident's timeline, as the
 * county holds them (read only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/log.h"
#include "ui/county/county_ui.h"

static const char *kind_label(const char *name)
{
	enum log_kind k;
	struct dd_err err;

	return log_kind_parse(name, &k, &err) == 0 ? log_kind_label(k) : name;
}

/* ---- an incident's timeline --------------------------------------------- */

struct timeline {
	const char *town;
	struct county_incident inc;  /* its summary borrowed from the incidents' list */
};

struct wrap {
	struct sheet *s;
	attr_t attr;
};

static void wrap_line(const char *piece, void *vctx)
{
	struct wrap *w = vctx;
	sheet_add(w->s, 0, w->attr, "  %s", piece);
}

static void timeline_build(struct ui *ui, struct sheet *s)
{
	static const int widths[] = {11, 18, 0};
	struct cui *cui = cui_of(ui);
	struct timeline *tl = s->ctx;
	struct county_event *v;
	char at[DDTIME_BUFSZ];
	struct wrap w = {s, A_BOLD};
	struct dd_err err;
	int n;

	if (county_read_timeline(cui->c, tl->town, tl->inc.entry_id, &v, &n, &err) < 0) {
		cui_failed(cui, &err);
		return;
	}
	sheet_add(s, 0, A_NORMAL, _("%s · #%lld · %s · %s · %s"), tl->town, tl->inc.entry_id,
		  kind_label(tl->inc.kind), ddtime_format(tl->inc.occurred_at, DDTIME_MINUTE, at),
		  tl->inc.closed_at ? _("closed") : _("open"));
	if (*tl->inc.source)
		sheet_add(s, 0, A_NORMAL, _("source: %s"), tl->inc.source);
	text_wrap(tl->inc.summary, COLS > 12 ? COLS - 8 : 4, wrap_line, &w);
	sheet_add(s, 0, A_NORMAL, "%s", "");
	const char *head[] = {_("When"), _("What"), _("Said")};
	sheet_row(s, 0, A_BOLD, widths, head, 3);
	for (int i = 0; i < n; i++) {
		char label[256];
		snprintf(label, sizeof label, "%s%s", log_event_label(v[i].type),
			 v[i].drill ? _(" (drill)") : "");
		const char *cells[] = {ddtime_format(v[i].at, DDTIME_SHORT, at), label, v[i].text};
		sheet_row(s, v[i].seq, A_NORMAL, widths, cells, 3);
	}
	county_events_free(v, n);
}

static void timeline_open(struct cui *cui, const char *town, const struct county_incident *inc)
{
	struct timeline tl = {town, *inc};
	char title[256];
	struct cui_screen scr = {
		.s = {.title = title, .build = timeline_build, .ctx = &tl,
		      .footer = _("the events as the county holds them, in the chain's order")},
	};

	snprintf(title, sizeof title, _("%s: incident #%lld"), town, inc->entry_id);
	cui_run(cui, &scr);
}

/* ---- a town's incidents ---------------------------------------------------- */

struct incidents {
	const char *town;
	struct county_incident *v;
	int n;
};

static void incidents_build(struct ui *ui, struct sheet *s)
{
	static const int widths[] = {11, 10, 6, 0};
	struct cui *cui = cui_of(ui);
	struct incidents *in = s->ctx;
	struct dd_err err;

	struct county_incident *v;
	int n;

	/* A failed read keeps the rows shown, and what Enter finds under them. */
	if (county_read_incidents(cui->c, in->town, &v, &n, &err) < 0) {
		cui_failed(cui, &err);
		return;
	}
	county_incidents_free(in->v, in->n);
	in->v = v;
	in->n = n;
	const char *head[] = {_("When"), _("Kind"), _("State"), _("Summary")};
	sheet_row(s, 0, A_BOLD, widths, head, 4);
	for (int i = 0; i < in->n; i++) {
		const struct county_incident *e = &in->v[i];
		char at[DDTIME_BUFSZ], summary[1024];
		snprintf(summary, sizeof summary, "%s%s%s%s", e->parent_id ? "↳ " : "",
			 e->significant ? "★ " : "", e->drill ? _("(drill) ") : "", e->summary);
		const char *cells[] = {ddtime_format(e->occurred_at, DDTIME_SHORT, at),
				       kind_label(e->kind), e->closed_at ? _("closed") : _("OPEN"),
				       summary};
		sheet_row(s, e->entry_id, e->closed_at ? A_NORMAL : A_BOLD, widths, cells, 4);
	}
}

static void incidents_enter(struct cui *cui, struct cui_screen *scr, long long id)
{
	struct incidents *in = scr->s.ctx;

	for (int i = 0; i < in->n; i++)
		if (in->v[i].entry_id == id) {
			struct county_incident inc = in->v[i];
			inc.summary = dd_xstrdup(in->v[i].summary);
			timeline_open(cui, in->town, &inc);
			free(inc.summary);
			return;
		}
}

void cui_incidents_open(struct cui *cui, const char *town)
{
	struct incidents in = {town, NULL, 0};
	char title[256];
	struct cui_screen scr = {
		.s = {.title = title, .build = incidents_build, .ctx = &in,
		      .footer = _("newest first; OPEN in bold, ★ significant, ↳ a follow-up")},
		.enter = incidents_enter,
	};

	snprintf(title, sizeof title, _("%s: incidents, newest first"), town);
	cui_run(cui, &scr);
	county_incidents_free(in.v, in.n);
}
