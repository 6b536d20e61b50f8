/* view_report.c — today's daily report (日报告, 零报告) from one key: read it
 * as it will be filed, or as it was filed, and file it. */
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "docs/report.h"
#include "ui/views/views.h"

static void build_report(struct ui *ui, struct sheet *s)
{
	struct report_daily r;
	struct dd_err err;
	char *text;

	if (report_daily_build(ui->st, ddtime_now(), &r, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	if (r.filing.filed && report_daily_filed_text(ui->st, r.day, &text, &err) == 0) {
		sheet_add(s, 0, A_BOLD, "%s", _("Filed — as it was filed, word for word:"));
	} else {
		text = report_daily_text(&r);
		sheet_add(s, 0, ui->report_warn ? ui_attr_alert(ui) | A_BOLD : A_BOLD, "%s",
			  r.zero ? _("NOT filed yet — a zero report (零报告): f files it")
				 : _("NOT filed yet — f files it as it stands"));
	}
	sheet_add(s, 0, A_NORMAL, "%s", "");
	sheet_add_text(s, text, A_NORMAL);
	free(text);
	report_daily_clear(&r);
}

unsigned view_report_open(struct ui *ui)
{
	struct sheet s = {
		.title = _("Today's daily report 日报告"),
		.scope = SCOPE_REPORT,
		.build = build_report,
		.footer = _(" f file today's report · ↑ ↓ scroll · q back"),
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

unsigned view_report_file(struct ui *ui)
{
	struct dd_err err;

	if (!ui_confirm(ui, _("File today's daily report now? It is kept as filed.")))
		return UI_CH_NONE;
	if (report_daily_file(ui->st, &ui->who, ddtime_now(), NULL, NULL, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	ui_say(ui, _("today's daily report is filed"));
	return UI_CH_VIEW | UI_CH_STATUS;
}
