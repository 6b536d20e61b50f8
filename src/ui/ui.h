/* ui.h — the terminal UI's entry point. */
#ifndef DUTYDESK_UI_H
#define DUTYDESK_UI_H

#include <stdio.h>

struct ui_options {
	const char *db_path;        /* NULL: the default */
	const char *operator_name;  /* pre-filled at sign-in, or NULL */
};

/* Run the terminal UI until the operator quits; returns the exit status. */
int ui_main(const struct ui_options *o);

/* The county's view (`dutydesk county`): every town the county database at
 * `url` holds, over the connection `c` (opened by the caller, closed here),
 * read only, until the person leaves; returns the exit status. */
struct county;
int ui_county_main(struct county *c, const char *url);

/* The keys of every pane, as troff for the man page. */
void ui_man_keys(FILE *out);

#endif
