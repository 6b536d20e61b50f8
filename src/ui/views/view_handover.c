/* view_handover.c — the shift's handover sheet (交接班记录) from one key:
 * read it as it will print, add the notes (交接事项), have the incoming
 * operator sign with the outgoing one, write it as PDF or send it to the
 * printer; the drill's sheet instead (d).  Under a signed sheet, what was
 * recorded after the last signature and is on no signed sheet yet. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docs/handover.h"
#include "base/i18n.h"
#include "ui/views/views.h"

struct hoctx {
	dd_time from, to;        /* the period handed over */
	char *notes;             /* 交接事项 typed here, NULL when none */
	char *text;              /* the sheet as last built */
	char *after;             /* what came after the last signature, as shown */
	int drill;               /* the drill's sheet */
};

/* The sheet as it stands: signed (as signed) or not (with the notes typed
 * here).  NULL, with the message shown, when it cannot be built. */
static struct handover *sheet_now(struct ui *ui, struct hoctx *c)
{
	struct handover *h = NULL;
	struct dd_err err;

	if ((c->drill ? handover_build_drill : handover_build)(ui->st, c->from, c->to, &h,
							       &err) < 0) {
		ui_error(ui, &err);
		return NULL;
	}
	if (!h->signing.done)
		handover_set_notes(h, c->notes);
	return h;
}

static int on_sheet(const struct handover *h, long long id)
{
	const struct handover_section *s = handover_section(h, "entries");

	for (int i = 0; s && i < s->nrows; i++)
		if (s->rows[i].ref == id)
			return 1;
	return 0;
}

/* The entries recorded after the last signature that the sheet shown does
 * not hold (it is signed, or another shift's): they are on no signed sheet
 * yet, and go on the next one. */
static void after_signature(struct ui *ui, struct sheet *s, struct hoctx *c,
			    const struct handover *shown)
{
	const struct handover_section *e;
	struct handover *a = NULL;
	struct dd_err err;
	int missing = 0;

	if (handover_after_signature(ui->st, ddtime_now(), &a, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	e = a ? handover_section(a, "entries") : NULL;
	for (int i = 0; e && i < e->nrows; i++)
		missing += !on_sheet(shown, e->rows[i].ref);
	if (missing) {
		char when[DDTIME_BUFSZ];
		sheet_add(s, 0, A_NORMAL, "%s", "");
		sheet_add(s, 0, ui_attr_alert(ui) | A_BOLD,
			  _("Recorded after the last signature (%s), on no signed sheet yet: "
			    "%lld entries; they go on the next sheet"),
			  ddtime_format(a->from, DDTIME_MINUTE, when), a->entries);
		free(c->after);
		c->after = handover_section_text(a, "entries");
		sheet_add_text(s, c->after, A_NORMAL);
	}
	handover_free(a);
}

static void build(struct ui *ui, struct sheet *s)
{
	struct hoctx *c = s->ctx;
	struct handover *h = sheet_now(ui, c);

	if (!h) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", ui->message);
		return;
	}
	if (h->signing.done)
		sheet_add(s, 0, A_BOLD, _("Handed over: signed by %s and %s"), h->signing.outgoing,
			  h->signing.incoming);
	else
		sheet_add(s, 0, h->esc_overdue || h->tasks_overdue ? ui_attr_alert(ui) | A_BOLD
								    : A_BOLD,
			  _("Not signed yet · %lld entries · %lld open · %lld escalations overdue · "
			    "%lld tasks overdue · %lld duty gaps"),
			  h->entries, h->open_incidents, h->esc_overdue, h->tasks_overdue, h->gaps);
	sheet_add(s, 0, A_NORMAL, "%s", "");
	free(c->text);
	c->text = handover_text(h);
	sheet_add_text(s, c->text, A_NORMAL);
	if (!h->drill)
		after_signature(ui, s, c, h);
	handover_free(h);
}

unsigned view_handover_open(struct ui *ui)
{
	struct hoctx c = {0};
	struct dd_err err;
	struct sheet s = {
		.title = _("Handover sheet 交接班记录"),
		.scope = SCOPE_HANDOVER,
		.build = build,
		.footer = _(" n notes (交接事项) · s sign: the incoming operator takes over · "
			    "w write PDF · p print · d drill's sheet · q back"),
		.ctx = &c,
	};

	if (handover_default_period(ui->st, ddtime_now(), ui->who.name, &c.from, &c.to,
				    &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	sheet_run(ui, &s);
	free(c.notes);
	free(c.text);
	free(c.after);
	return UI_CH_CURSOR;
}

static struct hoctx *ctx(struct ui *ui)
{
	struct sheet *s = sheet_cur(ui);
	return s && s->scope == SCOPE_HANDOVER ? s->ctx : NULL;
}

unsigned view_handover_notes(struct ui *ui)
{
	struct hoctx *c = ctx(ui);
	char *note;

	if (!c || !(note = ui_ask_text(ui, _("Notes for the next shift (交接事项):"), c->notes, 0)))
		return UI_CH_NONE;
	free(c->notes);
	c->notes = note;
	ui_say(ui, _("notes kept: they go on the sheet under 交接事项 (End shows them)"));
	return UI_CH_VIEW;
}

/* The drill's sheet (演练), or back to the real one. */
unsigned view_handover_drill(struct ui *ui)
{
	struct hoctx *c = ctx(ui);

	if (!c)
		return UI_CH_NONE;
	c->drill = !c->drill;
	ui_say(ui, c->drill ? _("the drill's sheet (演练): d goes back to the real one")
			    : _("the real handover sheet"));
	return UI_CH_VIEW;
}

/* Both sign: the outgoing operator is the one at the desk; the incoming
 * one names themself and gives their PIN if they have one. */
unsigned view_handover_sign(struct ui *ui)
{
	struct hoctx *c = ctx(ui);
	unsigned changed = UI_CH_NONE;
	struct actor incoming;
	struct dd_err err;
	char *name;

	if (c && c->drill) {
		ui_say(ui, _("a drill's sheet is practice: it is not signed (d: the real one)"));
		ui->message_error = 1;
		return UI_CH_NONE;
	}
	if (!c || !(name = ui_ask_person(ui, _("Who takes over (接班人)?"), NULL, 1)))
		return UI_CH_NONE;
	if (person_find(ui->st, name, &incoming, &err) < 0)
		ui_error(ui, &err);
	else if (ui_check_pin(ui, &ui->who) == 0 && ui_check_pin(ui, &incoming) == 0) {
		if (handover_sign(ui->st, &ui->who, &incoming, c->from, c->to, c->notes, NULL,
				  &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("handed over to %s: both signed"), incoming.name);
			changed = UI_CH_VIEW;
		}
	}
	free(name);
	return changed;
}

static int pdf_available(struct ui *ui)
{
	if (handover_pdf_available())
		return 1;
	ui_say(ui, _("this dutydesk was built without PDF support (cairo and pango)"));
	ui->message_error = 1;
	return 0;
}

static int write_pdf(struct ui *ui, struct hoctx *c, const char *path)
{
	struct handover *h = sheet_now(ui, c);
	struct dd_err err;
	int rc;

	if (!h)
		return -1;
	rc = handover_write_pdf(h, path, &err);
	handover_free(h);
	if (rc < 0)
		ui_error(ui, &err);
	return rc;
}

unsigned view_handover_pdf(struct ui *ui)
{
	struct hoctx *c = ctx(ui);
	char seed[1024], stamp[DDTIME_BUFSZ], *path;
	const char *home = getenv("HOME");

	if (!c || !pdf_available(ui))
		return UI_CH_NONE;
	ddtime_format(c->from, DDTIME_DATE, stamp);
	snprintf(seed, sizeof seed, "%s/交接班记录-%s.pdf", home && *home ? home : ".", stamp);
	if (!(path = ui_ask_text(ui, _("Write the PDF to:"), seed, 1)))
		return UI_CH_NONE;
	if (write_pdf(ui, c, path) == 0)
		ui_say(ui, _("handover sheet written to %s"), path);
	free(path);
	return UI_CH_NONE;
}

/* The printer to print on, picked from those CUPS knows, the picker on the
 * default one (on none when there is no default).  malloc'd, or NULL (said
 * why, or cancelled). */
static char *pick_printer(struct ui *ui)
{
	char **names = NULL, *chosen = NULL, **labels;
	struct dd_err err;
	int n = 0, def = -1, k;

	if (handover_printers(&names, &n, &def, &err) < 0) {
		ui_error(ui, &err);
		return NULL;
	}
	if (n == 0) {
		ui_say(ui, "%s", _("cannot print: CUPS has no printer (an administrator adds one "
				   "with lpadmin)"));
		ui->message_error = 1;
		return NULL;
	}
	labels = dd_xcalloc((size_t)n, sizeof *labels);
	for (int i = 0; i < n; i++) {
		if (i == def) {
			labels[i] = dd_xmalloc(strlen(names[i]) + 64);
			sprintf(labels[i], "%s  %s", names[i], _("(default)"));
		} else {
			labels[i] = dd_xstrdup(names[i]);
		}
	}
	k = ui_pick(ui, _(" Print on which printer? "), (const char *const *)labels, n, def);
	if (k >= 0)
		chosen = dd_xstrdup(names[k]);
	for (int i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	handover_printers_free(names, n);
	return chosen;
}

unsigned view_handover_print(struct ui *ui)
{
	struct hoctx *c = ctx(ui);
	char path[] = "/tmp/dutydesk-handover-XXXXXX.pdf", job[128] = "", *printer;
	struct dd_err err;
	int fd;

	if (!c || !pdf_available(ui) || !(printer = pick_printer(ui)))
		return UI_CH_NONE;
	if ((fd = mkstemps(path, 4)) < 0) {
		ui_say(ui, _("cannot make a temporary file for printing: %s"), strerror(errno));
		ui->message_error = 1;
		free(printer);
		return UI_CH_NONE;
	}
	close(fd);
	if (write_pdf(ui, c, path) == 0) {
		if (handover_print(path, printer, job, sizeof job, &err) < 0)
			ui_error(ui, &err);
		else
			ui_say(ui, _("sent to the printer %s (%s)"), printer, *job ? job : "lp");
	}
	unlink(path);
	free(printer);
	return UI_CH_NONE;
}
