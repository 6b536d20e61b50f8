/* timeline.c — an incident from first entry to closure: its details, its
 * escalation checklist and every event with who, when and the time elapsed;
 * follow up, amend, close and note from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/escalation.h"
#include "base/i18n.h"
#include "domain/roster.h"
#include "base/text.h"
#include "ui/views/views.h"

struct tline {
	char *text;
	attr_t attr;
	int indent;
};

struct tlview {
	long long id;            /* the incident */
	struct log_entry head;
	struct tline *lines;
	int n, cap, top;
	int width;
	int done;
	dd_time first, prev;
	long long seen;          /* ui->data_version it was built at */
	struct ui *ui;
};

static void add(struct tlview *t, int indent, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct tlview *t, int indent, attr_t attr, const char *fmt, ...)
{
	char buf[LOG_SUMMARY_MAX * 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->lines = dd_xrealloc(t->lines, (size_t)t->cap * sizeof *t->lines);
	}
	t->lines[t->n++] = (struct tline){dd_xstrdup(buf), attr, indent};
}

static void drop_lines(struct tlview *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->lines[i].text);
	t->n = 0;
}

struct wrapc {
	struct tlview *t;
	int indent;
	attr_t attr;
};

static void wrap_piece(const char *piece, void *vctx)
{
	struct wrapc *c = vctx;
	add(c->t, c->indent, c->attr, "%s", piece);
}

static void add_wrapped(struct tlview *t, int indent, attr_t attr, const char *text)
{
	struct wrapc c = {t, indent, attr};
	text_wrap(text, t->width - indent - 3 > 10 ? t->width - indent - 3 : 10, wrap_piece, &c);
}

static int add_event(const struct log_event *ev, void *vctx)
{
	struct tlview *t = vctx;
	char when[DDTIME_BUFSZ], total[DDTIME_BUFSZ], step[DDTIME_BUFSZ], what[LOG_SUMMARY_MAX * 2];

	if (!t->first)
		t->first = t->prev = ev->at;
	snprintf(what, sizeof what, "%s%s%s%s", ev->drill ? _("[drill] ") : "", ev->text,
		 *ev->detail ? "  — " : "", ev->detail);
	add(t, 1, strcmp(ev->type, "mode") == 0 ? ui_attr_alert(t->ui) : A_BOLD,
	    "%s  +%-9s %-9s %s · %s", ddtime_format(ev->at, DDTIME_SHORT, when),
	    ddtime_duration(ev->at - t->first, total), ddtime_duration(ev->at - t->prev, step),
	    log_event_label(ev->type), *ev->actor ? ev->actor : _("(system)"));
	add_wrapped(t, 6, A_NORMAL, what);
	t->prev = ev->at;
	return 0;
}

static void add_escalations(struct ui *ui, struct tlview *t)
{
	struct esc_notification *v;
	struct dd_err err;
	dd_time now = ddtime_now();
	int n;

	if (escalation_list(ui->st, ESC_ALL, t->head.drill, t->id, &v, &n, &err) < 0 || n == 0) {
		if (n == 0)
			return;
		ui_error(ui, &err);
		return;
	}
	add(t, 0, A_BOLD, _("Escalation checklist (C: continuation report, F: final report)"));
	for (int i = 0; i < n; i++) {
		char stage[64], due[DDTIME_BUFSZ], done[DDTIME_BUFSZ], span[DDTIME_BUFSZ];
		int late = !v[i].done_at && v[i].due_at < now;
		escalation_stage_label(v[i].stage, v[i].round, stage, sizeof stage);
		if (v[i].done_at)
			add(t, 1, A_NORMAL, _("✓ %s %s → %s · done %s by %s, answered by %s"), stage,
			    _(v[i].channel), v[i].contact,
			    ddtime_format(v[i].done_at, DDTIME_SHORT, done), v[i].done_by,
			    v[i].answered_by);
		else
			add(t, 1, late ? ui_attr_alert(ui) : A_NORMAL,
			    late ? _("✗ %s %s → %s · due %s · LATE by %s") : _("… %s %s → %s · due %s · in %s"),
			    stage, _(v[i].channel), v[i].contact,
			    ddtime_format(v[i].due_at, DDTIME_SHORT, due),
			    ddtime_duration(late ? now - v[i].due_at : v[i].due_at - now, span));
	}
	esc_notifications_free(v, n);
}

static void build(struct ui *ui, struct tlview *t)
{
	struct dd_err err;
	struct log_entry *e = &t->head;
	char occurred[DDTIME_BUFSZ], recorded[DDTIME_BUFSZ];

	drop_lines(t);
	log_entry_clear(e);
	t->width = COLS;
	if (log_get(ui->st, t->id, e, &err) < 0) {
		ui_error(ui, &err);
		t->done = 1;
		return;
	}
	add(t, 0, A_BOLD, _("Incident #%lld · %s%s%s · %s%s"), e->id, log_kind_label(e->kind),
	    *e->subkind ? "/" : "", e->subkind, e->closed ? _("closed") : _("OPEN"),
	    e->significant ? _(" · 重要") : "");
	add_wrapped(t, 1, A_BOLD, e->summary);
	if (e->amended) {
		char orig[LOG_SUMMARY_MAX + 64];
		snprintf(orig, sizeof orig, _("(first written: %s)"), e->original);
		add_wrapped(t, 1, ui_attr_dim(ui), orig);
	}
	add(t, 1, A_NORMAL, _("source %s · group %s · recorded by %s · happened %s · recorded %s"),
	    *e->source ? e->source : "-", *e->group ? e->group : "-", e->operator_name,
	    ddtime_format(e->occurred_at, DDTIME_MINUTE, occurred),
	    ddtime_format(e->recorded_at, DDTIME_MINUTE, recorded));
	if (ui_entry_unverified(e))
		add(t, 1, ui_attr_alert(ui), _("%s: %s did not prove who they were"),
		    ui_entry_unverified(e), e->operator_name);
	if (*e->group) {
		/* Who led the group then: a timeline reviewed later must not show
		 * today's holders. */
		char *leads = NULL;
		if (roster_leads_at(ui->st, e->group, e->occurred_at, &leads, NULL) == 0 && *leads)
			add(t, 1, ui_attr_dim(ui), _("%s was led then by %s"), e->group, leads);
		free(leads);
	}
	if (e->kind == LOG_CALL)
		add(t, 1, A_NORMAL, _("call form: caller %s · call-back %s · read back %s"),
		    *e->caller ? e->caller : "-", *e->callback ? e->callback : "-",
		    e->readback ? _("yes") : _("no"));
	if (e->drill)
		add(t, 1, ui_attr_alert(ui), "%s", _("DRILL 演练 — not part of the real log's figures"));
	add(t, 0, A_NORMAL, "%s", "");
	add_escalations(ui, t);
	add(t, 0, A_NORMAL, "%s", "");
	add(t, 0, A_BOLD, "%s", _("Timeline (when, since the first event, since the step before)"));
	t->first = t->prev = 0;
	if (log_timeline(ui->st, t->id, add_event, t, &err) < 0)
		ui_error(ui, &err);
}

static void draw_timeline(struct ui *ui, void *vctx)
{
	struct tlview *t = vctx;
	int h = LINES - 3, w = COLS;
	WINDOW *win = subwin(stdscr, h, w, 1, 0);

	if (!win)
		return;
	if (t->seen != ui->data_version || t->width != COLS) {
		/* Another terminal wrote, or the screen changed size. */
		int top = t->top;
		build(ui, t);
		t->top = top;
		t->seen = ui->data_version;
	}
	werase(win);
	box(win, 0, 0);
	draw_text_np(win, 0, 2, w - 4,
		     _("▶ Timeline ◀  f follow-up · a amend · x close · o note · g group · ? keys · "
		       "q back"), A_REVERSE | A_BOLD);
	if (t->top > t->n - (h - 2))
		t->top = t->n - (h - 2);
	if (t->top < 0)
		t->top = 0;
	for (int r = 0; r < h - 2 && t->top + r < t->n; r++) {
		const struct tline *l = &t->lines[t->top + r];
		draw_text(win, 1 + r, 1 + l->indent, w - 2 - l->indent, l->text, l->attr);
	}
	delwin(win);
}

static struct tlview *cur(struct ui *ui)
{
	return ui->timeline;
}

unsigned view_timeline_scroll(struct ui *ui, int delta)
{
	struct tlview *t = cur(ui);
	if (!t)
		return UI_CH_NONE;
	t->top += delta;
	if (t->top < 0)
		t->top = 0;
	return UI_CH_CURSOR;
}

unsigned view_timeline_back(struct ui *ui)
{
	if (cur(ui))
		cur(ui)->done = 1;
	return UI_CH_NONE;
}

unsigned view_timeline_follow_up(struct ui *ui)
{
	struct tlview *t = cur(ui);
	if (!t)
		return UI_CH_NONE;
	if (t->head.closed) {
		ui_say(ui, _("incident #%lld is closed: record a new entry that mentions it"), t->id);
		return UI_CH_NONE;
	}
	return form_new_entry(ui, t->id, t->head.drill);
}

/* The steps of amending, closing and noting: the log's own check. */
static int check_summary(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	return log_check_text(vctx, answer, 1, err);
}

/* Which entry: one of this incident's. */
static int check_which(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct tlview *t = cur(ui);
	long long *id = vctx;
	struct log_entry e;
	char *end;

	*id = strtoll(answer[0] == '#' ? answer + 1 : answer, &end, 10);
	if (*end || *id <= 0)
		return dd_fail(err, DD_EINVAL, _("'%s' is not an entry's number such as #12"),
			       answer);
	if (log_get(ui->st, *id, &e, err) < 0)
		return -1;
	if (t && e.incident != t->id)
		dd_fail(err, DD_EINVAL, _("#%lld is not part of incident #%lld"), *id, t->id);
	log_entry_clear(&e);
	return t && e.incident != t->id ? -1 : 0;
}

/* Which entry, its corrected summary, why: each checked as answered. */
unsigned view_timeline_amend(struct ui *ui)
{
	unsigned changed = UI_CH_NONE;
	struct tlview *t = cur(ui);
	char *which, *summary = NULL, *reason = NULL, q[128], initial[24];
	struct log_entry e;
	struct dd_err err;
	long long id;

	if (!t)
		return UI_CH_NONE;
	snprintf(q, sizeof q, _("Amend which entry? (#%lld or one of its follow-ups)"), t->id);
	snprintf(initial, sizeof initial, "%lld", t->id);
	which = ui_ask_checked(ui, q, initial, 1, check_which, &id);
	if (!which)
		return UI_CH_NONE;
	free(which);
	if (log_get(ui->st, id, &e, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	summary = ui_ask_checked(ui, _("Corrected summary:"), e.summary, 1, check_summary,
				 (void *)_("the new summary"));
	log_entry_clear(&e);
	if (summary)
		reason = ui_ask_checked(ui, _("Why is it corrected?"), NULL, 1, check_summary,
					(void *)_("the reason"));
	if (summary && reason) {
		if (log_amend(ui->st, &ui->who, id, summary, reason, &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("#%lld amended; the original is kept"), id);
			changed = UI_CH_VIEW | UI_CH_LOG;
		}
	}
	free(summary);
	free(reason);
	return changed;
}

unsigned view_timeline_close(struct ui *ui)
{
	struct tlview *t = cur(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *res;

	if (!t)
		return UI_CH_NONE;
	res = ui_ask_checked(ui, _("Close the incident — how did it end? (resolution)"), NULL, 1,
			     check_summary, (void *)_("the resolution"));
	if (!res)
		return UI_CH_NONE;
	if (log_close(ui->st, &ui->who, t->id, res, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("incident #%lld closed"), t->id);
		changed = UI_CH_VIEW | UI_CH_LOG | UI_CH_ESC | UI_CH_STATUS;
	}
	free(res);
	return changed;
}

unsigned view_timeline_note(struct ui *ui)
{
	static const char *const types[] = {N_("note"), N_("proposed action (拟办意见)"),
					    N_("leader's instruction (领导批示)"),
					    N_("result (办理结果)")};
	const char *labels[4];
	struct tlview *t = cur(ui);
	struct dd_err err;
	char *text;
	int i;

	if (!t)
		return UI_CH_NONE;
	for (i = 0; i < 4; i++)
		labels[i] = _(types[i]);
	i = ui_pick(ui, _(" Add "), labels, 4, 0);
	if (i < 0)
		return UI_CH_NONE;
	text = ui_ask_checked(ui, labels[i], NULL, 1, check_summary, (void *)_("the note"));
	if (!text)
		return UI_CH_NONE;
	i = log_note(ui->st, &ui->who, t->id, (enum log_note_type)i, text, &err);
	free(text);
	if (i < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	return UI_CH_VIEW;
}

unsigned view_timeline_assign(struct ui *ui)
{
	struct tlview *t = cur(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *g;

	if (!t)
		return UI_CH_NONE;
	g = ui_pick_group(ui, t->head.group);
	if (g && *g) {
		if (log_assign(ui->st, &ui->who, t->id, g, &err) < 0)
			ui_error(ui, &err);
		else
			changed = UI_CH_VIEW | UI_CH_LOG;
	}
	free(g);
	return changed;
}

static unsigned stage(struct ui *ui, const char *which)
{
	struct tlview *t = cur(ui);
	struct dd_err err;
	int opened = 0;

	if (!t)
		return UI_CH_NONE;
	if (strcmp(which, "final") == 0) {
		/* The final report (终报) says how the incident ended. */
		char *outcome = ui_prompt(ui, _("Final report (终报): the incident's outcome?"), NULL,
					  0);
		int rc;

		if (!outcome)
			return UI_CH_NONE;
		rc = escalation_open_final(ui->st, &ui->who, t->id, outcome, &opened, &err);
		free(outcome);
		if (rc < 0) {
			ui_error(ui, &err);
			return UI_CH_NONE;
		}
	} else if (escalation_open_stage(ui->st, &ui->who, t->id, which, &opened, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	ui_say(ui, _("%d notification(s) opened"), opened);
	return UI_CH_VIEW | UI_CH_ESC | UI_CH_STATUS;
}

unsigned view_timeline_continuation(struct ui *ui)
{
	return stage(ui, "continuation");
}

unsigned view_timeline_final(struct ui *ui)
{
	return stage(ui, "final");
}

unsigned view_timeline_open(struct ui *ui, long long entry_id)
{
	struct tlview t;
	struct log_entry e;
	struct dd_err err;
	void *outer = ui->timeline;

	memset(&t, 0, sizeof t);
	t.ui = ui;
	if (log_get(ui->st, entry_id, &e, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	t.id = e.incident;
	log_entry_clear(&e);
	ui->timeline = &t;
	build(ui, &t);
	t.seen = ui->data_version;
	ui_push_layer(ui, draw_timeline, &t);
	while (!t.done && !ui->quit) {
		unsigned changed = UI_CH_NONE;
		struct ui_key k;
		ui_redraw(ui);
		k = ui_getkey(ui);
		if (k.ch == UIK_QUIT || k.ch == UIK_INTR)
			break;
		if (!actions_dispatch(ui, SCOPE_TIMELINE, k, &changed))
			ui_say(ui, _("that key does nothing here: press ? for the keys"));
		/* What this view wrote shows at once (another terminal's writes
		 * rebuild it as it is drawn). */
		if (!t.done && (changed & UI_CH_DATA)) {
			int top = t.top;
			build(ui, &t);
			t.top = top;
		}
		ui_apply(ui, changed);
	}
	ui_pop_layer(ui);
	ui->timeline = outer;
	drop_lines(&t);
	free(t.lines);
	log_entry_clear(&t.head);
	return UI_CH_CURSOR;
}
