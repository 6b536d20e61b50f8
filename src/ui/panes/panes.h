/* panes.h — the three panes under the banner: the roster, the incident log
 * and the escalations.  Each is a struct pane_ops (load, draw, destroy) in
 * its own file, with the actions its keys run (actions.c binds them); an
 * action returns what it changed (enum ui_changed). */
#ifndef DUTYDESK_UI_PANES_H
#define DUTYDESK_UI_PANES_H

#include "ui/frame/ui_int.h"

extern const struct pane_ops pane_roster_ops;
extern const struct pane_ops pane_log_ops;
extern const struct pane_ops pane_esc_ops;

/* pane_roster.c */
unsigned pane_roster_move(struct ui *ui, int delta);
unsigned pane_roster_toggle(struct ui *ui);
unsigned pane_roster_switch(struct ui *ui);
unsigned pane_roster_replace(struct ui *ui);
unsigned pane_roster_history(struct ui *ui);

/* pane_log.c */
unsigned pane_log_move(struct ui *ui, int delta);
unsigned pane_log_page(struct ui *ui, int dir);
unsigned pane_log_home(struct ui *ui);
unsigned pane_log_end(struct ui *ui);
unsigned pane_log_search(struct ui *ui);
unsigned pane_log_pick_kind(struct ui *ui);
unsigned pane_log_cycle_status(struct ui *ui);
unsigned pane_log_pick_group(struct ui *ui);
unsigned pane_log_clear_filters(struct ui *ui);
unsigned pane_log_pick_operator(struct ui *ui);
unsigned pane_log_pick_range(struct ui *ui);
unsigned pane_log_open(struct ui *ui);
unsigned pane_log_toggle_drill(struct ui *ui);

/* pane_esc.c */
unsigned pane_esc_move(struct ui *ui, int delta);
unsigned pane_esc_done(struct ui *ui);
unsigned pane_esc_open_entry(struct ui *ui);

#endif
