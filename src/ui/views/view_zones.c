/* view_zones.c — zones (封控区, 管控区, 防范区) and checkpoints (卡点) of the
 * outbreak in the UI: where each village stands, the checkpoints in place,
 * and every change with its time and source.  Classifying needs task-force
 * mode; the core says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/act.h"
#include "domain/meeting.h"
#include "domain/zone.h"
#include "ui/views/views.h"

/* A zone or a checkpoint changed: the view, and the task force's roster
 * that lists them. */
#define ZONES_CHANGED (UI_CH_VIEW | UI_CH_ROSTER)

static attr_t level_attr(struct ui *ui, enum zone_level l)
{
	return l == ZONE_CLOSED ? ui_attr_alert(ui) | A_BOLD
	       : l == ZONE_CONTROLLED ? A_BOLD : A_NORMAL;
}

static void add_zones(struct ui *ui, struct sheet *s, long long outbreak, dd_time now)
{
	static const int w[] = {14, 8, 17};
	struct zone_change *v = NULL;
	struct dd_err err;
	int n = 0;

	if (zone_current(ui->st, outbreak, now, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		char at[DDTIME_BUFSZ];
		const char *cells[] = {v[i].place, zone_level_word(v[i].level),
				       ddtime_format(v[i].effective_at, DDTIME_MINUTE, at),
				       v[i].source};
		sheet_row(s, 0, level_attr(ui, v[i].level), w, cells, 4);
	}
	if (n == 0)
		sheet_add(s, 0, ui_attr_dim(ui), "%s", _("No place is classified."));
	zone_changes_free(v, n);
}

static void add_checkpoints(struct ui *ui, struct sheet *s, dd_time now)
{
	static const int w[] = {6, 16, 10, 12, 12};
	struct zone_checkpoint *v = NULL;
	struct dd_err err;
	int n = 0;

	if (zone_checkpoint_list(ui->st, 0, now, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		char id[24];
		const char *cells[] = {id, v[i].place, *v[i].zone ? v[i].zone : _("perimeter"),
				       zone_level_word(v[i].level), v[i].hours, v[i].staff};
		snprintf(id, sizeof id, "#%lld", v[i].id);
		sheet_row(s, v[i].id, A_NORMAL, w, cells, 6);
	}
	if (n == 0)
		sheet_add(s, 0, ui_attr_dim(ui), "%s", _("No checkpoint in place: c sets one up."));
	zone_checkpoints_free(v, n);
}

static void add_history(struct ui *ui, struct sheet *s, long long outbreak)
{
	struct zone_change *v = NULL;
	struct dd_err err;
	int n = 0;

	if (zone_history(ui->st, outbreak, &v, &n, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		char at[DDTIME_BUFSZ];
		sheet_add(s, 0, A_NORMAL, "%s  %s: %s → %s  (%s · %s)",
			  ddtime_format(v[i].effective_at, DDTIME_MINUTE, at), v[i].place,
			  zone_level_word(v[i].previous), zone_level_word(v[i].level), v[i].source,
			  v[i].by);
	}
	zone_changes_free(v, n);
}

static void build(struct ui *ui, struct sheet *s)
{
	dd_time now = ddtime_now();
	long long outbreak = 0;
	struct dd_err err;
	int active = 0;

	if (zone_outbreak(ui->st, &outbreak, &active, &err) < 0) {
		sheet_add(s, 0, ui_attr_alert(ui), "%s", err.msg);
		return;
	}
	if (!outbreak) {
		sheet_add(s, 0, ui_attr_dim(ui), "%s",
			  _("Zones are set during an outbreak (task-force mode); none so far."));
	} else {
		sheet_add(s, 0, A_BOLD | A_UNDERLINE,
			  active ? _("Zones now — outbreak of entry #%lld")
				 : _("Zones when the last outbreak (entry #%lld) stood down"),
			  outbreak);
		add_zones(ui, s, outbreak, now);
	}
	sheet_add(s, 0, A_NORMAL, "%s", "");
	sheet_add(s, 0, A_BOLD | A_UNDERLINE, "%s", _("Checkpoints 卡点 in place"));
	add_checkpoints(ui, s, now);
	if (outbreak) {
		sheet_add(s, 0, A_NORMAL, "%s", "");
		sheet_add(s, 0, A_BOLD | A_UNDERLINE, "%s", _("Changes, oldest first"));
		add_history(ui, s, outbreak);
	}
}

unsigned view_zones_open(struct ui *ui)
{
	struct sheet s = {
		.title = _("Zones and checkpoints 封控区 · 管控区 · 防范区 · 卡点"),
		.scope = SCOPE_ZONES,
		.build = build,
		.footer = _(" z classify a place · c set up a checkpoint · x close the selected "
			    "checkpoint · q back"),
	};
	sheet_run(ui, &s);
	return UI_CH_CURSOR;
}

/* The place step: a village or community of the roster, or a new one
 * when the person says so (a typo never adds a village silently). */
struct place_step {
	char name[ZONE_PLACE_MAX + 1];
	int known;
	enum zone_level now;
};

static int check_place(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct place_step *p = vctx;
	char q[ZONE_PLACE_MAX + 200];

	if (zone_check_place(ui->st, answer, &p->known, &p->now, p->name, err) < 0)
		return -1;
	if (p->known)
		return 0;
	snprintf(q, sizeof q, _("'%s' is no village or community of the roster: add it as a new "
				"one?"), p->name);
	if (ui_confirm(ui, q))
		return 0;
	return dd_fail(err, DD_EINVAL, _("'%s' is not on the roster: type the village's name as "
					 "the roster writes it"), p->name);
}

/* The zone step: a menu that opens on where the place stands now (on no
 * row when unclassified); the zone it is in already is refused and the
 * menu asked again.  -1 when cancelled. */
static int ask_level(struct ui *ui, const struct place_step *p)
{
	const char *labels[ZONE_LEVEL_COUNT];
	char why[512] = "", title[ZONE_PLACE_MAX + 64];

	for (int i = 0; i < ZONE_LEVEL_COUNT; i++)
		labels[i] = i == ZONE_NONE ? _("none (lift the classification)")
					   : zone_level_word((enum zone_level)i);
	snprintf(title, sizeof title, _(" %s: classify as "), p->name);
	for (;;) {
		struct dd_err err;
		int k = ui_pick_again(ui, title, labels, ZONE_LEVEL_COUNT,
				      p->now == ZONE_NONE ? -1 : (int)p->now, *why ? why : NULL);
		if (k < 0)
			return -1;
		if (zone_check_level(p->name, p->now, (enum zone_level)k, ddtime_now(), &err) == 0)
			return k;
		snprintf(why, sizeof why, "%s", err.msg);
		ui_error(ui, &err);
	}
}

static int check_source(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return act_check_text(_("the source of the decision"), answer, ACT_REQUIRED | ACT_ONE_LINE,
			      ZONE_TEXT_MAX, err);
}

unsigned view_zones_set(struct ui *ui)
{
	unsigned changed = UI_CH_NONE;
	struct place_step p = {0};
	struct zone_set_result r;
	struct dd_err err;
	char *place, *source = NULL;
	int k = -1;

	/* Not in task-force mode: nothing to ask. */
	if (zone_check_open(ui->st, &err) < 0) {
		ui_error(ui, &err);
		return UI_CH_NONE;
	}
	if (!(place = ui_ask_checked(ui, _("Which village or community?"), NULL, 1, check_place,
				     &p)))
		return UI_CH_NONE;
	if ((k = ask_level(ui, &p)) >= 0)
		source = ui_ask_checked(ui, _("Decided on (the source, e.g. 市专家组研判):"),
					"市专家组研判", 1, check_source, NULL);
	if (source) {
		if (zone_set_flags(ui->st, &ui->who, p.name, (enum zone_level)k, source, 0,
				   p.known ? 0 : ZONE_NEW_PLACE, &r, &err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("%s: %s → %s (on the timeline of entry #%lld)"), p.name,
			       zone_level_word(r.previous), zone_level_word((enum zone_level)k),
			       r.outbreak);
			changed = ZONES_CHANGED;
		}
	}
	free(place);
	free(source);
	return changed;
}

static int check_checkpoint_place(struct ui *ui, const char *answer, void *vctx,
				  struct dd_err *err)
{
	(void)ui;
	(void)vctx;
	return zone_check_checkpoint_place(answer, err);
}

static int check_village(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	(void)vctx;
	return zone_check_village(ui->st, answer, err);
}

static int check_staff(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	struct actor *people = NULL;
	int n = 0, rc;

	(void)vctx;
	rc = meeting_people(ui->st, answer, _("the staff on post"), &people, &n, err);
	free(people);
	return rc;
}

static int check_hours(struct ui *ui, const char *answer, void *vctx, struct dd_err *err)
{
	char span[16];

	(void)ui;
	(void)vctx;
	return zone_parse_hours(answer, span, sizeof span, err);
}

/* Place, the village it serves, staff, hours: each checked as it is
 * answered and asked again alone when refused. */
unsigned view_zones_checkpoint_add(struct ui *ui)
{
	unsigned changed = UI_CH_NONE;
	char *place, *zone = NULL, *staff = NULL, *hours = NULL;
	struct dd_err err;
	long long id;

	if (!(place = ui_ask_checked(ui, _("Checkpoint — where (卡点位置)?"), NULL, 1,
				     check_checkpoint_place, NULL)))
		return UI_CH_NONE;
	zone = ui_ask_checked(ui, _("The village it serves (empty: the town's perimeter):"), NULL,
			      0, check_village, NULL);
	if (zone)
		staff = ui_ask_checked(ui, _("Staff on post (names, separated by 、):"), NULL, 1,
				       check_staff, NULL);
	if (staff)
		hours = ui_ask_checked(ui, _("Hours (08:00-20:00, or 24h):"), "24h", 1, check_hours,
				       NULL);
	if (hours) {
		if (zone_checkpoint_add(ui->st, &ui->who, place, zone, staff, hours, &id,
					&err) < 0) {
			ui_error(ui, &err);
		} else {
			ui_say(ui, _("checkpoint #%lld set up"), id);
			changed = ZONES_CHANGED;
		}
	}
	free(place);
	free(zone);
	free(staff);
	free(hours);
	return changed;
}

unsigned view_zones_checkpoint_close(struct ui *ui)
{
	long long id = sheet_selected(ui);
	unsigned changed = UI_CH_NONE;
	struct dd_err err;
	char *reason;

	if (!id) {
		ui_say(ui, _("select a checkpoint first (↑ ↓)"));
		return UI_CH_NONE;
	}
	if (!(reason = ui_ask_text(ui, _("Close the checkpoint — the reason:"), NULL, 1)))
		return UI_CH_NONE;
	if (zone_checkpoint_close(ui->st, &ui->who, id, reason, &err) < 0) {
		ui_error(ui, &err);
	} else {
		ui_say(ui, _("checkpoint #%lld closed"), id);
		changed = ZONES_CHANGED;
	}
	free(reason);
	return changed;
}
