/* desk.c — the desk as a whole in the UI: what the status line needs to
 * know beyond the mode (daily report, duty), and the desk-wide acts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dutydesk/i18n.h"
#include "ui_int.h"

void ui_desk_status(struct ui *ui)
{
	if (!ui->idle_minutes)
		ui->idle_minutes = 10;
}

void desk_stand_down(struct ui *ui)
{
	struct dd_err err;
	char *reason;

	if (ui->mode.state != MODE_TASKFORCE) {
		ui_say(ui, _("the task force is not active"));
		return;
	}
	reason = ui_prompt(ui, _("Stand the task force down — the reason (经研判…):"), NULL, 0);
	if (!reason)
		return;
	if (mode_stand_down(ui->st, &ui->who, reason, 0, &err) < 0)
		ui_error(ui, &err);
	else
		ui_say(ui, _("the task force stood down: back to normal prevention"));
	free(reason);
}
