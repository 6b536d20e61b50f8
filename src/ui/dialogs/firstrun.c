/* firstrun.c — the first run walks the first admin through enrolment: which
 * of the shipped admins they are, their PIN (twice), then the operators who
 * will work the desk.  Each answer is checked by the domain as it is given
 * (an act tried and rolled back); a refused answer is asked again and the
 * answers before it are kept. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/auth.h"
#include "ui/frame/ui_int.h"

static void wipe(char *s)
{
	if (s) {
		memset(s, 0, strlen(s));
		free(s);
	}
}

/* Whether the domain would take this person (name, unit, access), without
 * keeping them: 0, or -1 with the reason shown. */
static int would_add(struct ui *ui, const struct actor *admin, const char *name,
		     const char *unit, enum access access)
{
	struct dd_err err;
	int rc = -1;

	if (store_begin(ui->st, &err) == 0) {
		rc = person_add(ui->st, admin, name, unit, access, NULL, &err);
		store_rollback(ui->st);
	}
	if (rc < 0)
		ui_error(ui, &err);
	return rc;
}

/* Ask a PIN twice for `name` until the domain takes it; `keep` runs the act
 * that uses it (0 done, -1 refused: ask again).  -1 when cancelled. */
static int ask_pin(struct ui *ui, const char *name,
		   int (*keep)(struct ui *, void *, const char *, struct dd_err *), void *ctx)
{
	char question[400];

	for (;;) {
		struct dd_err err;
		char *pin, *again;

		snprintf(question, sizeof question, _("New PIN for %s (%d to %d characters):"), name,
			 AUTH_PIN_MIN, AUTH_PIN_MAX);
		if (!(pin = ui_prompt(ui, question, NULL, 1)))
			return -1;
		snprintf(question, sizeof question, _("The same PIN for %s again:"), name);
		if (!(again = ui_prompt(ui, question, NULL, 1))) {
			wipe(pin);
			return -1;
		}
		if (strcmp(pin, again) != 0) {
			ui_say(ui, _("the two PINs differ: type it again"));
		} else if (keep(ui, ctx, pin, &err) < 0) {
			ui_error(ui, &err);
		} else {
			wipe(pin);
			wipe(again);
			return 0;
		}
		wipe(pin);
		wipe(again);
		ui_redraw(ui);
	}
}

static int keep_admin_pin(struct ui *ui, void *ctx, const char *pin, struct dd_err *err)
{
	struct actor *admin = ctx;

	/* The PIN just set, typed twice, proves the admin for the enrolment
	 * that follows (adding people needs admin rights proved by PIN). */
	if (auth_set_pin(ui->st, admin, admin->name, pin, err) < 0)
		return -1;
	return auth_check(ui->st, admin, pin, err);
}

struct enrolee {
	const struct actor *admin;
	char name[PERSON_NAME_MAX * 4];
	char *unit;
	enum access access;
};

/* The person and their PIN, one act: both or neither. */
static int keep_enrolee(struct ui *ui, void *ctx, const char *pin, struct dd_err *err)
{
	struct enrolee *e = ctx;

	if (store_begin(ui->st, err) < 0)
		return -1;
	if (person_add(ui->st, e->admin, e->name, e->unit, e->access, NULL, err) < 0 ||
	    auth_set_pin(ui->st, e->admin, e->name, pin, err) < 0) {
		store_rollback(ui->st);
		return -1;
	}
	return store_commit(ui->st, err);
}

/* One person: 1 enrolled, 0 not (cancelled), -1 when the walk ends. */
static int enrol_one(struct ui *ui, const struct actor *admin)
{
	static const char *const levels[] = {N_("operator"), N_("supervisor"), N_("admin")};
	const char *labels[3];
	struct enrolee e = {.admin = admin};
	struct dd_err err;
	char *typed;
	int i;

	for (;;) {   /* the name: on nobody's roster yet */
		typed = ui_prompt(ui, _("Enrol: the name of a person who works the desk "
					"(Esc: done):"), NULL, 0);
		if (!typed || !*typed) {
			free(typed);
			return -1;
		}
		i = person_clean_name(typed, e.name, &err);
		free(typed);
		if (i < 0)
			ui_error(ui, &err);
		else if (would_add(ui, admin, e.name, NULL, ACCESS_OPERATOR) == 0)
			break;
		ui_redraw(ui);
	}
	for (;;) {   /* the unit: one the roster knows, or none */
		char question[400];
		snprintf(question, sizeof question, _("Unit of %s (Enter: none):"), e.name);
		if (!(e.unit = ui_prompt(ui, question, NULL, 0)))
			return 0;
		if (!*e.unit || would_add(ui, admin, e.name, e.unit, ACCESS_OPERATOR) == 0)
			break;
		free(e.unit);
		ui_redraw(ui);
	}
	for (i = 0; i < 3; i++)
		labels[i] = _(levels[i]);
	i = ui_pick(ui, _(" Access "), labels, 3, 0);
	e.access = i == 1 ? ACCESS_SUPERVISOR : i == 2 ? ACCESS_ADMIN : ACCESS_OPERATOR;
	if (i < 0 || ask_pin(ui, e.name, keep_enrolee, &e) < 0) {
		free(e.unit);
		return 0;
	}
	ui_say(ui, _("%s enrolled as %s, with a PIN"), e.name, labels[i]);
	free(e.unit);
	return 1;
}

void ui_first_run(struct ui *ui)
{
	struct dd_err err;
	struct actor admin;
	char **admins;
	int n = 0, i, enrolled = 0;

	if (person_names(ui->st, ACCESS_ADMIN, &admins, &n, &err) < 0 || n == 0) {
		if (n == 0)
			return;
		ui_error(ui, &err);
		return;
	}
	i = ui_pick(ui, _(" First run: which admin are you? (Esc: later) "),
		    (const char *const *)admins, n, 0);
	if (i < 0 || person_find(ui->st, admins[i], &admin, &err) < 0) {
		person_names_free(admins, n);
		ui_say(ui, _("no admin has a PIN yet: dutydesk pin set NAME sets one"));
		return;
	}
	person_names_free(admins, n);
	if (ask_pin(ui, admin.name, keep_admin_pin, &admin) < 0) {
		ui_say(ui, _("no admin has a PIN yet: dutydesk pin set NAME sets one"));
		return;
	}
	ui_say(ui, _("PIN set for %s"), admin.name);
	if (!ui_confirm(ui, _("Enrol the people who will work the desk now?")))
		return;
	while ((i = enrol_one(ui, &admin)) >= 0) {
		enrolled += i;
		ui_redraw(ui);
	}
	ui_say(ui, _("enrolment done: %d enrolled; s signs in"), enrolled);
}
