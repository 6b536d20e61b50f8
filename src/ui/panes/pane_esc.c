/* pane_esc.c — the escalation pane: open notifications with their
 * countdowns (overdue first), then the contacts and their numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/escalation.h"
#include "domain/escalation_chase.h"
#include "base/i18n.h"
#include "base/text.h"
#include "ui/panes/panes.h"
#include "ui/views/views.h"

struct escp {
	struct esc_notification *open;
	int nopen;
	struct esc_contact *contacts;
	int ncontacts;
	struct esc_chase *chases;   /* standing chases (催报) of overdue ones */
	int nchases;
	int cur, top;       /* over notifications then contacts */
};

static struct escp *state(struct ui *ui)
{
	struct pane *p = &ui->panes[PANE_ESC];
	if (!p->state)
		p->state = dd_xcalloc(1, sizeof(struct escp));
	return p->state;
}

static void load(struct ui *ui, struct pane *p)
{
	struct escp *s = state(ui);
	struct dd_err err;
	(void)p;

	esc_notifications_free(s->open, s->nopen);
	esc_contacts_free(s->contacts, s->ncontacts);
	esc_chases_free(s->chases, s->nchases);
	s->open = NULL;
	s->contacts = NULL;
	s->chases = NULL;
	s->nopen = s->ncontacts = s->nchases = 0;
	if (escalation_list(ui->st, ESC_OPEN_LIST, 0, 0, &s->open, &s->nopen, &err) < 0 ||
	    esc_chase_list(ui->st, 1, 0, &s->chases, &s->nchases, &err) < 0 ||
	    escalation_contacts(ui->st, &s->contacts, &s->ncontacts, &err) < 0)
		ui_error(ui, &err);
	if (s->cur >= s->nopen + s->ncontacts)
		s->cur = s->nopen + s->ncontacts - 1;
	if (s->cur < 0)
		s->cur = 0;
}

/* " · 催报 step 2 → 徐航锋 (due 09:35)": the furthest chase standing for
 * notification `id`, or "". */
static void chase_note(const struct escp *s, long long id, char *out, size_t n)
{
	const struct esc_chase *c = NULL;
	char when[DDTIME_BUFSZ];

	out[0] = '\0';
	for (int i = 0; i < s->nchases; i++)
		if (s->chases[i].notification_id == id && (!c || s->chases[i].step > c->step))
			c = &s->chases[i];
	if (c)
		snprintf(out, n, _(" · chased (催报), step %d → %s (due %s)"), c->step,
			 c->recipient, ddtime_format(c->due_at, DDTIME_CLOCK, when));
}

static void draw_notification(struct ui *ui, WINDOW *win, int y, int w,
			      const struct esc_notification *v, int sel)
{
	struct escp *s = state(ui);
	char stage[64], when[DDTIME_BUFSZ], span[DDTIME_BUFSZ], line[1024], chased[512];
	dd_time now = ddtime_now();
	int late = v->due_at < now;
	attr_t attr = sel ? A_REVERSE : late ? ui_attr_alert(ui) : A_NORMAL;

	escalation_stage_label(v->stage, v->round, stage, sizeof stage);
	chase_note(s, v->id, chased, sizeof chased);
	snprintf(line, sizeof line,
		 late ? _("LATE %s · #%lld %s %s → %s (due %s) · %s")
		      : _("in %s · #%lld %s %s → %s (due %s) · %s"),
		 ddtime_duration(late ? now - v->due_at : v->due_at - now, span), v->entry_id,
		 stage, strcmp(v->channel, "written") == 0 ? _("written") : _("phone"),
		 v->contact, ddtime_format(v->due_at, DDTIME_CLOCK, when),
		 *v->numbers ? v->numbers : _("☎? no number"));
	if (*chased && strlen(line) + strlen(chased) < sizeof line)
		strcat(line, chased);
	draw_fill(win, y, 1, w, attr);
	draw_text(win, y, 1, w, line, attr);
}

static void draw_contact(struct ui *ui, WINDOW *win, int y, int w, const struct esc_contact *c,
			 int sel)
{
	char line[1024];
	attr_t attr = sel ? A_REVERSE : A_NORMAL;

	snprintf(line, sizeof line, "%-8s %s%s%s · %s", _(c->level), c->name,
		 *c->people ? " " : "", c->people,
		 *c->numbers ? c->numbers : _("☎? no number on file"));
	draw_text(win, y, 1, w, line, !*c->numbers && !sel ? A_NORMAL : attr);
}

static void draw(struct ui *ui, struct pane *p)
{
	struct escp *s = state(ui);
	int lines = 2 + s->nopen + s->ncontacts;
	/* Display lines: a heading, the notifications, a heading, the contacts. */
	int cur_line = s->cur < s->nopen ? 1 + s->cur : 2 + s->cur;
	char head[128];

	if (cur_line - 1 < s->top)
		s->top = cur_line - 1 < 0 ? 0 : cur_line - 1;
	if (cur_line >= s->top + p->h)
		s->top = cur_line - p->h + 1;
	if (s->nopen)
		snprintf(head, sizeof head, _("Open notifications: %d — d marks one done"),
			 s->nopen);
	else
		snprintf(head, sizeof head, "%s", _("No open notifications"));
	for (int r = 0; r < p->h && s->top + r < lines; r++) {
		int li = s->top + r, y = 1 + r;
		if (li == 0)
			draw_text(p->win, y, 1, p->w, head, s->nopen ? A_BOLD : ui_attr_dim(ui));
		else if (li <= s->nopen)
			draw_notification(ui, p->win, y, p->w, &s->open[li - 1],
					  ui->focus == PANE_ESC && s->cur == li - 1);
		else if (li == s->nopen + 1)
			draw_text(p->win, y, 1, p->w, _("Contacts (上报联系人)"), A_BOLD);
		else
			draw_contact(ui, p->win, y, p->w, &s->contacts[li - s->nopen - 2],
				     ui->focus == PANE_ESC && s->cur == li - 2);
	}
}

static void destroy(struct pane *p)
{
	struct escp *s = p->state;
	if (!s)
		return;
	esc_notifications_free(s->open, s->nopen);
	esc_contacts_free(s->contacts, s->ncontacts);
	esc_chases_free(s->chases, s->nchases);
	free(s);
	p->state = NULL;
}

const struct pane_ops pane_esc_ops = {
	.title = N_("Escalation"),
	.scope = SCOPE_ESC,
	.reload_on = UI_CH_ESC,
	.load = load,
	.draw = draw,
	.destroy = destroy,
};

unsigned pane_esc_move(struct ui *ui, int delta)
{
	struct escp *s = state(ui);
	int total = s->nopen + s->ncontacts;
	s->cur += delta;
	if (s->cur >= total)
		s->cur = total - 1;
	if (s->cur < 0)
		s->cur = 0;
	return UI_CH_CURSOR;
}

/* Who answered, asked until there is a name: the record of a report names
 * the person who took it.  NULL when cancelled. */
static char *ask_who_answered(struct ui *ui, const char *contact)
{
	char question[512];

	snprintf(question, sizeof question, _("%s took the report: who answered?"), contact);
	for (;;) {
		char *who = ui_prompt(ui, question, NULL, 0);
		if (!who || who[strspn(who, " \t")] != '\0')
			return who;
		free(who);
		ui_say(ui, _("who answered? type the name of the person who took the report "
			     "(Esc cancels)"));
		ui->message_error = 1;
	}
}

unsigned pane_esc_done(struct ui *ui)
{
	struct escp *s = state(ui);
	unsigned changed = UI_CH_NONE;
	char *who, *note;
	struct dd_err err;
	long long id;

	if (s->cur >= s->nopen) {
		ui_say(ui, _("select an open notification first"));
		return UI_CH_NONE;
	}
	id = s->open[s->cur].id;
	if (!(who = ask_who_answered(ui, s->open[s->cur].contact)))
		return UI_CH_NONE;
	note = ui_prompt(ui, _("What was said (optional):"), NULL, 0);
	if (escalation_done(ui->st, &ui->who, id, who, note, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("notification #%lld done: answered by %s"), id, who);
		/* The overdue count, and the timeline of its incident. */
		changed = UI_CH_ESC | UI_CH_STATUS | UI_CH_VIEW;
	}
	free(who);
	free(note);
	return changed;
}

unsigned pane_esc_open_entry(struct ui *ui)
{
	struct escp *s = state(ui);
	if (s->cur >= s->nopen)
		return UI_CH_NONE;
	return view_timeline_open(ui, s->open[s->cur].entry_id);
}
