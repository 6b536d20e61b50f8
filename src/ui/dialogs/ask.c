/* ask.c — the questions the views ask: a time, a person, a number, a text,
 * each a step of a dialog.  Each step is checked as it is answered (by the
 * core's rule, given as `check`) and asks again, saying why in the box and
 * keeping the answer for editing, until the answer is good or the person
 * cancels: one bad value never throws away the steps answered before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "ui/frame/ui_int.h"

/* Ask again after a refusal: the reason is shown in the box and on the
 * status line. */
static void refused(struct ui *ui, const char *why, char *msg, size_t n)
{
	snprintf(msg, n, "%s", why);
	ui_say(ui, "%s", why);
	ui->message_error = 1;
}

static int blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

char *ui_ask_checked(struct ui *ui, const char *question, const char *initial, int required,
		     ui_check_text check, void *ctx)
{
	char *seed = initial ? dd_xstrdup(initial) : NULL, why[512] = "";

	for (;;) {
		struct dd_err err;
		char *a = ui_prompt_again(ui, question, seed, 0, *why ? why : NULL);
		free(seed);
		if (!a)
			return NULL;
		if (required && blank(a)) {
			refused(ui, _("this cannot be empty (Esc cancels)"), why, sizeof why);
		} else if (check && !(!required && blank(a)) && check(ui, a, ctx, &err) < 0) {
			refused(ui, err.msg, why, sizeof why);
		} else {
			return a;
		}
		seed = a;
	}
}

struct time_step {
	dd_time *out;
	ui_check_time check;
	void *ctx;
};

static int check_time(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct time_step *t = vctx;
	dd_time at;

	if (ddtime_parse(answer, &at, err) < 0 || (t->check && t->check(ui, at, t->ctx, err) < 0))
		return -1;
	*t->out = at;
	return 0;
}

int ui_ask_time_checked(struct ui *ui, const char *question, dd_time initial, dd_time *out,
			ui_check_time check, void *ctx)
{
	char buf[DDTIME_BUFSZ];
	struct time_step t = {out, check, ctx};
	char *a = ui_ask_checked(ui, question, initial ? ddtime_format(initial, DDTIME_MINUTE, buf)
						       : NULL,
				 1, check_time, &t);

	if (!a)
		return -1;
	free(a);
	return 0;
}

int ui_ask_time(struct ui *ui, const char *question, dd_time initial, dd_time *out)
{
	return ui_ask_time_checked(ui, question, initial, out, NULL, NULL);
}

static int check_number(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	long long *out = vctx, v;
	char *end;

	(void)ui;
	v = strtoll(answer, &end, 10);
	if (end == answer || *end != '\0' || v < 0)
		return dd_fail(err, DD_EINVAL, _("'%s' is not a number such as 12"), answer);
	*out = v;
	return 0;
}

int ui_ask_number(struct ui *ui, const char *question, long long *out)
{
	char *a = ui_ask_checked(ui, question, NULL, 1, check_number, out);

	if (!a)
		return -1;
	free(a);
	return 0;
}

char *ui_ask_text(struct ui *ui, const char *question, const char *initial, int required)
{
	return ui_ask_checked(ui, question, initial, required, NULL, NULL);
}

struct person_step {
	ui_check_text check;
	void *ctx;
};

static int check_person(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct person_step *p = vctx;
	struct actor who;

	if (person_find(ui->st, answer, &who, err) < 0)
		return -1;
	return p->check ? p->check(ui, answer, p->ctx, err) : 0;
}

char *ui_ask_person_checked(struct ui *ui, const char *question, const char *initial,
			    int required, ui_check_text check, void *ctx)
{
	struct person_step p = {check, ctx};
	return ui_ask_checked(ui, question, initial, required, check_person, &p);
}

char *ui_ask_person(struct ui *ui, const char *question, const char *initial, int required)
{
	return ui_ask_person_checked(ui, question, initial, required, NULL, NULL);
}
