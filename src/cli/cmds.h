/* cmds.h — the subcommand handlers (front-end internal). */
#ifndef DUTYDESK_CLI_CMDS_H
#define DUTYDESK_CLI_CMDS_H

#include "cli.h"

int cmd_init(struct cli *c, int argc, char **argv);
/* sync, county, county status: run by the county's program (main_county.c;
 * cmd_county.c, cmd_county_ui.c), which dutydesk starts in its place with the
 * same arguments (county_exec.c). */
int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_county_status(struct cli *c, int argc, char **argv);
int cmd_county_ui(struct cli *c, int argc, char **argv);
int cmd_county_exec(struct cli *c, int argc, char **argv);
/* The county database's URL: `given` (the command's `option`) checked as
 * typed, else the desk's county-url setting; *url malloc'd.  0, or the
 * exit status after saying why. */
int cli_county_url(struct cli *c, const char *given, const char *option, char **url);
/* A round of notify --watch: sync with the county when county-url is set
 * (`dutydesk-county sync --quiet`, waited for), saying only what was sent or
 * why it failed. */
void sync_round(struct cli *c);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_pin_set(struct cli *c, int argc, char **argv);
int cmd_mode(struct cli *c, int argc, char **argv);
int cmd_mode_stand_down(struct cli *c, int argc, char **argv);
int cmd_log_add(struct cli *c, int argc, char **argv);
int cmd_log_amend(struct cli *c, int argc, char **argv);
int cmd_log_close(struct cli *c, int argc, char **argv);
int cmd_log_note(struct cli *c, int argc, char **argv);
int cmd_log_assign(struct cli *c, int argc, char **argv);
int cmd_log_list(struct cli *c, int argc, char **argv);
int cmd_timeline(struct cli *c, int argc, char **argv);
int cmd_roster(struct cli *c, int argc, char **argv);
int cmd_roster_replace(struct cli *c, int argc, char **argv);
int cmd_roster_history(struct cli *c, int argc, char **argv);
int cmd_person_add(struct cli *c, int argc, char **argv);
int cmd_contacts(struct cli *c, int argc, char **argv);
int cmd_escalations(struct cli *c, int argc, char **argv);
int cmd_escalation_done(struct cli *c, int argc, char **argv);
int cmd_escalation_attempt(struct cli *c, int argc, char **argv);
int cmd_notify(struct cli *c, int argc, char **argv);
int cmd_messages(struct cli *c, int argc, char **argv);
int cmd_escalation_continue(struct cli *c, int argc, char **argv);
int cmd_escalation_final(struct cli *c, int argc, char **argv);
int cmd_duty(struct cli *c, int argc, char **argv);
int cmd_duty_now(struct cli *c, int argc, char **argv);
int cmd_duty_add(struct cli *c, int argc, char **argv);
int cmd_duty_substitute(struct cli *c, int argc, char **argv);
int cmd_duty_swap(struct cli *c, int argc, char **argv);
int cmd_duty_cancel(struct cli *c, int argc, char **argv);
int cmd_duty_gaps(struct cli *c, int argc, char **argv);
int cmd_duty_history(struct cli *c, int argc, char **argv);
int cmd_report_daily(struct cli *c, int argc, char **argv);
int cmd_report_list(struct cli *c, int argc, char **argv);
int cmd_handover(struct cli *c, int argc, char **argv);
int cmd_config(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_task_add(struct cli *c, int argc, char **argv);
int cmd_task_list(struct cli *c, int argc, char **argv);
int cmd_task_note(struct cli *c, int argc, char **argv);
int cmd_task_close(struct cli *c, int argc, char **argv);
int cmd_task_show(struct cli *c, int argc, char **argv);
int cmd_meeting_add(struct cli *c, int argc, char **argv);
int cmd_meeting_decision(struct cli *c, int argc, char **argv);
int cmd_meeting_decide(struct cli *c, int argc, char **argv);
int cmd_meeting_list(struct cli *c, int argc, char **argv);
int cmd_meeting_show(struct cli *c, int argc, char **argv);
int cmd_zone_set(struct cli *c, int argc, char **argv);
int cmd_zone_list(struct cli *c, int argc, char **argv);
int cmd_checkpoint_add(struct cli *c, int argc, char **argv);
int cmd_checkpoint_list(struct cli *c, int argc, char **argv);
int cmd_checkpoint_close(struct cli *c, int argc, char **argv);
int cmd_stats_add(struct cli *c, int argc, char **argv);
int cmd_stats_review(struct cli *c, int argc, char **argv);
int cmd_stats_list(struct cli *c, int argc, char **argv);
int cmd_stats_trend(struct cli *c, int argc, char **argv);
int cmd_stats_metric_add(struct cli *c, int argc, char **argv);
int cmd_stats_metric_list(struct cli *c, int argc, char **argv);

#endif
