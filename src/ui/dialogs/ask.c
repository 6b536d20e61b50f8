/* ask.c — the questions the views ask: a time, a person, a number.  Each
 * asks again, saying why, until the answer is good or the person cancels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "ui/frame/ui_int.h"

int ui_ask_time(struct ui *ui, const char *question, dd_time initial, dd_time *out)
{
	char buf[DDTIME_BUFSZ];
	char *seed = dd_xstrdup(initial ? ddtime_format(initial, DDTIME_MINUTE, buf) : "");

	for (;;) {
		struct dd_err err;
		char *a = ui_prompt(ui, question, seed, 0);
		free(seed);
		if (!a)
			return -1;
		if (ddtime_parse(a, out, &err) == 0) {
			free(a);
			return 0;
		}
		ui_error(ui, &err);
		seed = a;
	}
}

int ui_ask_number(struct ui *ui, const char *question, long long *out)
{
	char *seed = NULL;

	for (;;) {
		char *a = ui_prompt(ui, question, seed, 0), *end;
		long long v;
		free(seed);
		if (!a)
			return -1;
		v = strtoll(a, &end, 10);
		if (end != a && *end == '\0' && v >= 0) {
			free(a);
			*out = v;
			return 0;
		}
		ui_say(ui, _("'%s' is not a number such as 12"), a);
		ui->message_error = 1;
		seed = a;
	}
}

char *ui_ask_text(struct ui *ui, const char *question, const char *initial, int required)
{
	char *seed = initial ? dd_xstrdup(initial) : NULL;

	for (;;) {
		char *a = ui_prompt(ui, question, seed, 0);
		free(seed);
		if (!a || !required || a[strspn(a, " \t")] != '\0')
			return a;
		ui_say(ui, _("this cannot be empty (Esc cancels)"));
		ui->message_error = 1;
		seed = a;
	}
}

char *ui_ask_person(struct ui *ui, const char *question, const char *initial, int required)
{
	char *seed = initial ? dd_xstrdup(initial) : NULL;

	for (;;) {
		struct dd_err err;
		struct actor who;
		char *a = ui_ask_text(ui, question, seed, required);
		free(seed);
		if (!a || !*a || person_find(ui->st, a, &who, &err) == 0)
			return a;
		ui_error(ui, &err);
		seed = a;
	}
}
