/* chase.c — chase the overdue, open the continuations due. */
#include "desk/chase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "desk/outbox.h"
#include "domain/duty.h"
#include "domain/escalation.h"
#include "domain/escalation_chase.h"
#include "domain/log.h"
#include "domain/mode.h"
#include "domain/settings.h"
#include "store/store_sql.h"

void chase_message(long long entry_id, const char *entry_kind, const char *stage, int round,
		   const char *contact, dd_time due_at, char *buf, size_t n)
{
	enum log_kind k;
	char label[32], due[DDTIME_BUFSZ];

	escalation_stage_label(stage, round, label, sizeof label);
	snprintf(buf, n, "【%s值班台】催报：条目#%lld %s %s 向%s 限%s 已逾期，请督促。", CHASE_TOWN,
		 entry_id, log_kind_parse(entry_kind, &k, NULL) == 0 ? log_kind_chinese(k)
								    : entry_kind,
		 label, contact, ddtime_format(due_at, DDTIME_SHORT, due));
}

/* Whom step `d` chases: the leader on duty at `now` (else, as for
 * group-leader, the leadership group's 组长); the person, the name, a phone. */
static int target(struct store *st, const struct esc_chase_due *d, dd_time now,
		  long long *person, char **name, char **number, struct dd_err *err)
{
	*person = 0;
	*name = NULL;
	*number = NULL;
	if (strcmp(d->target, "duty-leader") == 0) {
		struct duty_shift *s = dd_xcalloc(1, sizeof *s);

		if (duty_on_at(st, now, s, err) < 0) {
			free(s);
			return -1;
		}
		if (s->leader_id) {
			*person = s->leader_id;
			*name = dd_xstrdup(s->leader_name);
		}
		duty_shifts_free(s, 1);
	}
	if (!*person) {
		free(*name);
		*name = NULL;
		if (esc_chase_group_leader(st, person, name, err) < 0)
			return -1;
	}
	if (*person)
		return esc_chase_phone(st, *person, number, err);
	*number = dd_xstrdup("");
	return 0;
}

static int chase_one(struct store *st, const struct esc_chase_due *d, dd_time now, int minutes,
		     struct chase_counts *c, struct dd_err *err)
{
	long long person;
	char *name, *number, text[1024];
	int opened = 0, rc = -1;

	if (target(st, d, now, &person, &name, &number, err) < 0)
		return -1;
	if (esc_chase_open(st, d, person, name, number, now + 60LL * minutes, 0, &opened,
			   err) < 0)
		goto out;
	rc = 0;
	if (!opened)
		goto out;
	c->chased++;
	if (!*number) {
		c->no_number++;
		goto out;
	}
	chase_message(d->entry_id, d->entry_kind, d->stage, d->round, d->contact, d->due_at, text,
		      sizeof text);
	rc = outbox_add(st, "sms", name, number, text, d->entry_id, NULL, err);
	if (rc == 0)
		c->queued++;
out:
	free(name);
	free(number);
	return rc;
}

int chase_status(struct store *st, dd_time now, struct chase_status *out, struct dd_err *err)
{
	char *cmd = NULL;

	memset(out, 0, sizeof *out);
	if (escalation_overdue(st, 0, now, &out->overdue, err) < 0 ||
	    esc_chase_standing(st, 0, &out->chases, err) < 0 ||
	    outbox_pending(st, &out->unsent, err) < 0 ||
	    settings_get_text(st, SETTING_NOTIFY_COMMAND, &cmd, err) < 0) {
		free(cmd);
		return -1;
	}
	out->sender_configured = cmd[0] != '\0';
	free(cmd);
	return 0;
}

int chase_run(struct store *st, dd_time now, struct chase_counts *counts, struct dd_err *err)
{
	struct chase_counts c = {0};
	struct esc_chase_due *due = NULL;
	struct mode_status mode;
	int n = 0, minutes = 10;

	if (counts)
		*counts = c;
	if (store_begin(st, err) < 0)
		return -1;
	if (settings_get_int(st, SETTING_CHASE_MINUTES, &minutes, err) < 0 ||
	    mode_current(st, 0, &mode, err) < 0)
		goto fail;
	if (mode.state == MODE_TASKFORCE && mode.outbreak &&
	    escalation_continue_due(st, 0, mode.outbreak, now, &c.continuations, err) < 0)
		goto fail;
	if (esc_chase_due_list(st, 0, now, &due, &n, err) < 0)
		goto fail;
	for (int i = 0; i < n; i++)
		if (chase_one(st, &due[i], now, minutes, &c, err) < 0)
			goto fail;
	esc_chase_due_free(due, n);
	if (store_commit(st, err) < 0)
		return -1;
	if (counts)
		*counts = c;
	return 0;
fail:
	esc_chase_due_free(due, n);
	store_rollback(st);
	return -1;
}
