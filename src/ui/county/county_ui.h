/* county_ui.h — the county's terminal UI (`dutydesk county`), inside.
 *
 * Every town the county database holds, one row each (county_ui.c); Enter
 * opens a town's incidents, and Enter on an incident its timeline
 * (county_views.c).  Each screen is a sheet (views/sheet.c's rows, drawn
 * here full screen) that re-reads the county on r and every
 * CUI_REFRESH_S seconds.  Read only: no key writes anything, and the reads
 * are county/county_read.h's; never SQL here.  Includes frame/ and views/,
 * which never include it. */
#ifndef DUTYDESK_UI_COUNTY_H
#define DUTYDESK_UI_COUNTY_H

#include "county/county_read.h"
#include "ui/views/views.h"

#define CUI_REFRESH_S 30

struct cui {
	struct ui ui;              /* the frame's colours and attributes */
	struct county *c;          /* NULL after a failed read: reopened on the next */
	const char *url;
	char message[512];
	int message_error;
	dd_time read_at;           /* the last read that succeeded */
	int failed;                /* set by a build whose read failed */
};

/* A screen: its sheet, what Enter does on a selected row (NULL: nothing). */
struct cui_screen {
	struct sheet s;
	void (*enter)(struct cui *cui, struct cui_screen *scr, long long id);
};

struct cui *cui_of(struct ui *ui);
/* The county connection, reopened after a failure; NULL (message set) when
 * it does not answer. */
struct county *cui_county(struct cui *cui);
/* A read failed: say why, and reopen the connection next time. */
void cui_failed(struct cui *cui, const struct dd_err *err);
/* Run a screen until q or Esc. */
void cui_run(struct cui *cui, struct cui_screen *scr);

/* county_views.c */
void cui_incidents_open(struct cui *cui, const char *town);

#endif
