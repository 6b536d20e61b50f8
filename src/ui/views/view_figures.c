/* view_figures.c — statistics with review (严格统计制度) in the UI: each
 * metric's reviewed figure today and a sparkline of its last 14 days, and
 * the figures waiting for a second person's review.  Entering and reviewing
 * are refused to the same person by the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/stats.h"
#include "ui/views/views.h"

#define TREND_DAYS 14

static void add_metric(struct ui *ui, struct sheet *s, const struct stats_metric *m, dd_time now)
{
	static const int w[] = {16, 14, 10};
	struct stats_point *p = NULL;
	struct dd_err err;
	char spark[TREND_DAYS * 4 + 8], today[64], trend[160];

	if (stats_trend(ui->st, m->key, NULL, now, TREND_DAYS, &p, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s: %s", m->name, err.msg);
		return;
	}
	stats_sparkline(p, TREND_DAYS, spark, sizeof spark);
	if (p[TREND_DAYS - 1].has)
		snprintf(today, sizeof today, "%lld %s", p[TREND_DAYS - 1].value, m->unit);
	else
		snprintf(today, sizeof today, "%s", "—");
	snprintf(trend, sizeof trend, "%s  %s", spark, _("(14 days, reviewed only)"));
	{
		const char *cells[] = {m->name, m->group, today, trend};
		sheet_row(s, 0, A_NORMAL, w, cells, 4);
	}
	free(p);
}

static void add_pending(struct ui *ui, struct sheet *s)
{
	static const int w[] = {6, 10, 16, 14, 10};
	struct stats_filter f = {.pending_only = 1};
	struct stats_figure *v = NULL;
	struct dd_err err;
	int n = 0;

	if (stats_list(ui->st, &f, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	sheet_add(s, 0, n ? A_BOLD | A_UNDERLINE : A_BOLD,
		  _("Waiting for review by a second person: %d"), n);
	for (int i = 0; i < n; i++) {
		char id[24], value[64], by[160];
		const char *cells[] = {id, v[i].day, v[i].metric, v[i].group, value, by};
		snprintf(id, sizeof id, "#%lld", v[i].id);
		snprintf(value, sizeof value, "%lld %s", v[i].value, v[i].unit);
		snprintf(by, sizeof by, _("entered by %s"), v[i].entered_by);
		sheet_row(s, v[i].id, A_NORMAL, w, cells, 6);
	}
	stats_figures_free(v, n);
}

static void build(struct ui *ui, struct sheet *s)
{
	static const int w[] = {16, 14, 10};
	const char *head[] = {_("Metric"), _("Group"), _("Today"), _("Last 14 days")};
	struct stats_metric *m = NULL;
	struct dd_err err;
	dd_time now = ddtime_now();
	int n = 0;

	if (stats_metrics(ui->st, &m, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	sheet_row(s, 0, A_BOLD | A_UNDERLINE, w, head, 4);
	for (int i = 0; i < n; i++)
		add_metric(ui, s, &m[i], now);
	stats_metrics_free(m, n);
	sheet_add(s, 0, A_NORMAL, "%s", "");
	add_pending(ui, s);
}

unsigned view_figures_open(struct ui *ui)
{
	struct sheet s = {
		.title = _("Figures 统计 — counted once a second person reviews them"),
		.scope = SCOPE_FIGURES,
		.build = build,
		.footer = _(" a enter a figure · r review the selected figure · q back"),
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

unsigned view_figures_add(struct ui *ui)
{
	unsigned changed = UI_CH_NONE;
	struct stats_metric *m = NULL;
	const char **labels;
	struct dd_err err;
	long long value, id;
	dd_time day;
	int n = 0, k;

	if (stats_metrics(ui->st, &m, &n, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	labels = dd_xrealloc(NULL, (size_t)(n ? n : 1) * sizeof *labels);
	for (int i = 0; i < n; i++)
		labels[i] = m[i].name;
	k = ui_pick(ui, _(" Which metric? "), labels, n, 0);
	if (k >= 0 && ui_ask_number(ui, _("The figure:"), &value) == 0 &&
	    ui_ask_time(ui, _("For the day:"), ddtime_day_start(ddtime_now()), &day) == 0) {
		if (stats_add(ui->st, &ui->who, NULL, m[k].key, value, day, &id, &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("figure #%lld entered: it counts once someone else reviews it"),
			       id);
			changed = UI_CH_VIEW;
		}
	}
	free(labels);
	stats_metrics_free(m, n);
	return changed;
}

unsigned view_figures_review(struct ui *ui)
{
	long long id = sheet_selected(ui);
	struct dd_err err;

	if (!id) {
		ui_say(ui, _("select a figure waiting for review first (↑ ↓)"));
		return UI_CH_NONE;
	}
	if (stats_review(ui->st, &ui->who, id, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	ui_say(ui, _("figure #%lld reviewed: it counts now"), id);
	return UI_CH_VIEW;
}
