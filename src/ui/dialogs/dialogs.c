/* dialogs.c — prompts, confirmations, pickers, sign-in and the idle lock. */
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "base/i18n.h"
#include "base/text.h"
#include "ui/frame/editor.h"
#include "ui/frame/ui_int.h"

/* A centred box of `h` rows and `w` columns inside the screen. */
static WINDOW *centred(int h, int w)
{
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	if (w < 10 || h < 3)
		return NULL;
	return subwin(stdscr, h, w, (LINES - h) / 2, (COLS - w) / 2);
}

struct prompt_ctx {
	const char *question;
	const char *why;        /* why the last answer was refused, or NULL */
	struct editor ed;
	int secret;
};

static void draw_prompt(struct ui *ui, void *vctx)
{
	struct prompt_ctx *c = vctx;
	int w = COLS * 2 / 3 < 40 ? 40 : COLS * 2 / 3, cy = 0, cx = 0;
	int why = c->why && *c->why;
	WINDOW *win = centred(5 + why, w);

	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	w = getmaxx(win);
	draw_text(win, 1, 2, w - 4, c->question, A_BOLD);
	editor_draw(&c->ed, win, 2, 2, 1, w - 4, 1, c->secret, A_UNDERLINE, &cy, &cx);
	/* The reason the last answer was refused, in one line, above the keys. */
	if (why)
		draw_text(win, 3, 2, w - 4, c->why, ui_attr_alert(ui) | A_BOLD);
	draw_text_np(win, 4 + why, 2, w - 4,
		     c->ed.selected ? _(" Enter: OK · typing replaces it · Esc: cancel ")
				    : _(" Enter: OK · Esc: cancel "), A_NORMAL);
	/* Leave the cursor where typing goes. */
	wmove(stdscr, getbegy(win) + cy, getbegx(win) + cx);
	curs_set(1);
	delwin(win);
}

char *ui_prompt(struct ui *ui, const char *question, const char *initial, int secret)
{
	return ui_prompt_again(ui, question, initial, secret, NULL);
}

char *ui_prompt_again(struct ui *ui, const char *question, const char *initial, int secret,
		      const char *why)
{
	struct prompt_ctx c = {.question = question, .why = why, .secret = secret};
	char *answer = NULL;

	editor_init(&c.ed, initial, 0, 500);
	/* A prefilled answer is selected: typing replaces it, ← → Home End
	 * and Backspace keep it for editing. */
	if (!secret)
		editor_select_all(&c.ed);
	ui_push_layer(ui, draw_prompt, &c);
	for (;;) {
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (k.ch == UIK_QUIT || k.ch == UIK_INTR || (!k.is_key && k.ch == 27))
			break;
		if ((!k.is_key && (k.ch == '\r' || k.ch == '\n')) ||
		    (k.is_key && k.ch == KEY_ENTER)) {
			answer = editor_text(&c.ed);
			break;
		}
		editor_key(&c.ed, k);
	}
	ui_pop_layer(ui);
	editor_free(&c.ed);
	curs_set(0);
	return answer;
}

struct confirm_ctx {
	const char *question;
};

static void draw_confirm(struct ui *ui, void *vctx)
{
	struct confirm_ctx *c = vctx;
	int w = text_width(c->question) + 6;
	WINDOW *win = centred(4, w < 30 ? 30 : w);

	(void)ui;
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	w = getmaxx(win);
	draw_text(win, 1, 2, w - 4, c->question, A_BOLD);
	draw_text(win, 2, 2, w - 4, _("y: yes · n or Esc: no"), A_NORMAL);
	delwin(win);
}

int ui_confirm(struct ui *ui, const char *question)
{
	struct confirm_ctx c = {question};
	int yes = 0;

	ui_push_layer(ui, draw_confirm, &c);
	for (;;) {
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (k.ch == UIK_QUIT) {
			yes = 1;
			break;
		}
		if (!k.is_key && (k.ch == 'y' || k.ch == 'Y')) {
			yes = 1;
			break;
		}
		if (k.ch == UIK_INTR || (!k.is_key && (k.ch == 'n' || k.ch == 'N' || k.ch == 27)))
			break;
	}
	ui_pop_layer(ui);
	return yes;
}

int ui_require_signin(struct ui *ui)
{
	if (ui->signed_in)
		return 0;
	ui_signin(ui);
	return ui->signed_in ? 0 : -1;
}

int ui_require_access(struct ui *ui, enum access need, const char *what)
{
	struct dd_err err;

	if (ui_require_signin(ui) < 0)
		return -1;
	if (person_require(&ui->who, need, what, &err) < 0) {
		ui_error(ui, &err);
		return -1;
	}
	return 0;
}

/* Ask `who`'s PIN if they have one; 0 when they proved it (who->verified)
 * or have none. */
int ui_check_pin(struct ui *ui, struct actor *who)
{
	struct dd_err err;
	char question[400], *pin;
	int has = 0, rc;

	if (auth_has_pin(ui->st, who->id, &has, &err) < 0) {
		ui_error(ui, &err);
		return -1;
	}
	if (!has)
		return 0;
	snprintf(question, sizeof question, _("PIN for %s:"), who->name);
	pin = ui_prompt(ui, question, NULL, 1);
	if (!pin)
		return -1;
	if (!*pin) {
		/* Enter alone is no try at a PIN: nothing is counted. */
		free(pin);
		ui_say(ui, _("no PIN typed for %s: nothing counted"), who->name);
		return -1;
	}
	rc = auth_check(ui->st, who, pin, &err);
	memset(pin, 0, strlen(pin));
	free(pin);
	if (rc < 0) {
		ui_error(ui, &err);
		return -1;
	}
	return 0;
}

/* Only a person on the roster signs in: the desk never adds a name typed at
 * it (an admin enrols people). */
static void sign_in_as(struct ui *ui, const char *name)
{
	struct actor who;
	struct dd_err err;

	/* Nobody is added on the fly: an admin enrols people. */
	if (person_identify(ui->st, name, &who, &err) < 0) {
		ui_error(ui, &err);
		if (err.code == DD_ENOTFOUND)
			ui_hint(ui, _("an admin enrols people: dutydesk person add NAME "
				      "--access operator"));
		return;
	}
	if (ui_check_pin(ui, &who) < 0)
		return;
	/* Without a proven PIN only while operator PINs are optional. */
	if (auth_may_act(ui->st, &who, &err) < 0) {
		ui_error(ui, &err);
		return;
	}
	ui->who = who;
	ui->signed_in = 1;
	ui->locked = 0;
	ui->last_input = ddtime_now();
	ui_say(ui, _("%s is at the desk"), who.name);
	ui_reload(ui);
}

void ui_signin(struct ui *ui)
{
	char *name = ui_prompt(ui, _("Who is at the desk? (your name as on the roster)"),
			       ui->signed_in ? ui->who.name : NULL, 0);
	char clean[PERSON_NAME_MAX * 4];
	struct dd_err err;

	if (!name)
		return;
	if (person_clean_name(name, clean, &err) < 0)
		ui_error(ui, &err);
	else
		sign_in_as(ui, clean);
	free(name);
}

int ui_signin_quietly(struct ui *ui, const char *name)
{
	struct actor who;
	struct dd_err err;
	int has = 1;

	if (!name || !*name || person_find(ui->st, name, &who, &err) < 0 ||
	    auth_has_pin(ui->st, who.id, &has, &err) < 0 || has)
		return 0;
	ui->who = who;
	ui->signed_in = 1;
	ui->last_input = ddtime_now();
	ui_say(ui, _("%s is at the desk"), who.name);
	return 1;
}

void ui_first_signin(struct ui *ui, const char *name)
{
	if (name && *name)
		sign_in_as(ui, name);
	else if (!ui->message[0])
		ui_say(ui, _("Press s to sign in: the log is shown to the person at the desk"));
}

/* The lock hides the log and whatever was being typed (it is kept), and
 * leaves the banner, the roster and the contacts in view. */
void ui_lock(struct ui *ui)
{
	int base = ui->nlayers;

	if (!ui->signed_in || ui->locked)
		return;
	ui->locked = 1;
	ui->lock_base = base;
	ui_say(ui, _("Locked. Enter: unlock with the PIN of %s · s: somebody else signs in"),
	       ui->who.name);
	while (ui->locked) {
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (k.ch == UIK_QUIT)
			break;
		if ((!k.is_key && (k.ch == '\r' || k.ch == '\n')) ||
		    (k.is_key && k.ch == KEY_ENTER)) {
			/* Only the PIN of the person signed in opens it; Enter
			 * alone only for a person who has none. */
			if (ui_check_pin(ui, &ui->who) == 0) {
				ui->locked = 0;
				ui_say(ui, _("Unlocked"));
			}
		} else if (!k.is_key && k.ch == 's') {
			ui_signin(ui);
		} else {
			ui_say(ui, _("Locked. Enter: unlock with the PIN of %s · s: somebody else "
				     "signs in"), ui->who.name);
		}
	}
	ui->locked = 0;
	ui->last_input = ddtime_now();
}
