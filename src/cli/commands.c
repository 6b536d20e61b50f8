/* commands.c — the command table: each subcommand declared once. */
#include "cmds.h"
#include "county_commands.h"
#include "base/i18n.h"

const struct command cli_commands[] = {
	{"init", cmd_init, N_("[--town NAME]"),
	 N_("Create the database from the shipped data (if needed)"),
	 N_("      --town NAME       the town (or street) whose desk this is (default\n"
	    "                        马剑镇); named once, when the desk is made\n")},
	{"mode", cmd_mode, "",
	 N_("Show the mode: first line normal or taskforce, then since, by, why"), ""},
	{"mode stand-down", cmd_mode_stand_down,
	 N_("--reason TEXT [--confirm positives,zones,checkpoints,final] [--drill]"),
	 N_("Stand the task force down (supervisor only)"),
	 N_("      --reason TEXT     why the task force stands down (required)\n"
	    "      --confirm KINDS   stand down although these are still open (each one\n"
	    "                        that is must be named): positives (cases not\n"
	    "                        closed), zones (in force), checkpoints (up), final\n"
	    "                        (终报 not made); comma-separated or repeated\n"
	    "      --drill           stand the drill's task force down instead\n")},
	{"log add", cmd_log_add, N_("--kind KIND --summary TEXT [OPTIONS]"),
	 N_("Record an entry; prints its id"),
	 N_("      --kind KIND       call, document, report, instruction, positive,\n"
	    "                        key-person, inspection, supplies, other (or 来电, …)\n"
	    "      --summary TEXT    what happened (content of the call, the document…)\n"
	    "      --source TEXT     calling unit, sender or counterpart\n"
	    "      --group NAME      the responsible group (综合协调组, …)\n"
	    "      --at TIME         when it happened (default now; 2021-12-15T08:30)\n"
	    "      --parent ID       a follow-up of this incident\n"
	    "      --significant     flag it important (重要)\n"
	    "      --drill           a drill entry: never touches the real mode\n"
	    "      --subkind TEXT    key-person category (key-person entries only):\n"
	    "                        来诸返诸人员, 健康码异常, 时空伴随者, 密接, 次密接\n"
	    "      --caller NAME     call form: who called\n"
	    "      --callback NUMBER call form: the call-back number: digits, an optional\n"
	    "                        leading +, spaces or hyphens (0575-87012345,\n"
	    "                        13905751234, 12345); kept as 0575-87012345\n"
	    "      --readback        call form: read back to the caller\n")},
	{"log amend", cmd_log_amend, N_("ID --summary TEXT --reason TEXT"),
	 N_("Correct an entry's summary; the original is kept"),
	 N_("      --summary TEXT    the corrected summary\n"
	    "      --reason TEXT     why it is corrected\n")},
	{"log close", cmd_log_close, N_("ID --resolution TEXT"),
	 N_("Close an incident (another operator's needs a supervisor)"),
	 N_("      --resolution TEXT how it ended\n")},
	{"log note", cmd_log_note, N_("ID --text TEXT [--type note|proposal|instruction|result]"),
	 N_("Add a note or a handling step (拟办意见, 领导批示, 办理结果)"),
	 N_("      --text TEXT       the note\n"
	    "      --type TYPE       note (default), proposal (拟办意见), instruction\n"
	    "                        (领导批示), result (办理结果)\n")},
	{"log assign", cmd_log_assign, N_("ID --group NAME"),
	 N_("Make another group responsible for an incident"),
	 N_("      --group NAME      the group now responsible\n")},
	{"log list", cmd_log_list, N_("[--since T] [--until T] [--kind K] [--group G] [OPTIONS]"),
	 N_("List entries, oldest first"),
	 N_("      --since TIME      occurred at or after TIME\n"
	    "      --until TIME      occurred before TIME\n"
	    "      --kind KIND       of this kind\n"
	    "      --group NAME      the responsible group\n"
	    "      --by NAME         recorded by this operator\n"
	    "      --status S        open or closed\n"
	    "      --search TEXT     containing TEXT (Chinese substrings too; several\n"
	    "                        words must all be there)\n"
	    "      --significant     only entries flagged important\n"
	    "      --drill           drill entries instead of real ones\n"
	    "      --limit N         only the newest N\n"
	    "      --format F        text (default) or csv\n"
	    "      --bom             start CSV with a UTF-8 BOM (for spreadsheets)\n")},
	{"timeline", cmd_timeline, N_("ID [--format text|csv]"),
	 N_("An incident's events from first entry to closure, with elapsed times"),
	 N_("      --format F        text (default) or csv\n")},
	{"roster", cmd_roster, N_("[--taskforce] [--at TIME] [--format text|csv]"),
	 N_("The organisation as the notice writes it: headings, leaders, member units, "
	    "duties, notes, sub-groups, succession"),
	 N_("      --taskforce       the task force's groups, leads and outbreak duties\n"
	    "      --at TIME         who held the posts then\n"
	    "      --format F        text (default) or csv\n")},
	{"roster replace", cmd_roster_replace, N_("LEAVER SUCCESSOR [--at TIME] [--reason TEXT]"),
	 N_("Succession (自然更替): the successor takes all the leaver's posts (admin)"),
	 N_("      --at TIME         from when (default now)\n"
	    "      --reason TEXT     why\n")},
	{"roster history", cmd_roster_history, N_("GROUP"),
	 N_("Who held each post of a group, and when"), ""},
	{"person add", cmd_person_add, N_("NAME [--unit UNIT] [--access LEVEL]"),
	 N_("Enrol a person on the roster (admin, with their PIN); prints the id"),
	 N_("      --unit UNIT       their unit (党政综合办, …)\n"
	    "      --access LEVEL    operator (default), supervisor or admin\n")},
	{"contacts", cmd_contacts, N_("[--format text|csv]"),
	 N_("Escalation contacts with their numbers (missing ones flagged)"),
	 N_("      --format F        text (default) or csv\n")},
	{"escalations", cmd_escalations, N_("[--open] [--drill] [--format text|csv]"),
	 N_("Escalation notifications with due times, attempts and chases (催报)"),
	 N_("      --open            only those not done yet, by due time, and the\n"
	    "                        chases standing\n"
	    "      --drill           the drill's notifications\n"
	    "      --format F        text (default) or csv\n")},
	{"escalation done", cmd_escalation_done, N_("ID --answered-by NAME [--note TEXT]"),
	 N_("Mark a notification done"),
	 N_("      --answered-by NAME who took the report\n"
	    "      --note TEXT       what was said\n")},
	{"escalation attempt", cmd_escalation_attempt,
	 N_("ID --outcome answered|no-answer|busy|wrong-number|message-sent [--answered-by NAME] "
	    "[--note TEXT]"),
	 N_("Record an attempt to notify (answered: the notification is done)"),
	 N_("      --outcome O       answered, no-answer, busy, wrong-number or\n"
	    "                        message-sent (handed to a fax or text gateway)\n"
	    "      --answered-by NAME who took the report (with answered)\n"
	    "      --note TEXT       what was said or tried\n")},
	{"escalation continue", cmd_escalation_continue, N_("ID"),
	 N_("Open the next continuation report (续报) of an incident (once per round)"), ""},
	{"escalation final", cmd_escalation_final, N_("ID --outcome TEXT"),
	 N_("Open the final report (终报) of an incident, once the initial one is done"),
	 N_("      --outcome TEXT    how the incident ended\n")},
	{"duty", cmd_duty, N_("[--date DATE] [--days N] [--format text|csv]"),
	 N_("The duty schedule (值班表): today's and tomorrow's shifts, changes marked"),
	 N_("      --date DATE       the first day shown (default today)\n"
	    "      --days N          how many days (default 2: today and tomorrow)\n"
	    "      --format F        text (default) or csv\n"
	    "In task-force mode the gaps of the next 24 hours follow.\n")},
	{"duty now", cmd_duty_now, N_("[--at TIME]"),
	 N_("Who is on duty now, and the leader on duty (带班领导)"),
	 N_("      --at TIME         at another time (default now)\n")},
	{"duty add", cmd_duty_add,
	 N_("--start TIME [--end TIME] --operator NAME [--leader NAME] [--note TEXT]"),
	 N_("Plan a shift (supervisor); prints its id"),
	 N_("      --start TIME      when the shift begins (2021-12-16T08:00)\n"
	    "      --end TIME        when it ends (default: start + the shift-hours\n"
	    "                        setting)\n"
	    "      --operator NAME   who is on duty; here it names the shift's operator,\n"
	    "                        and the planner is $DUTYDESK_OPERATOR\n"
	    "      --on-duty NAME    the same, leaving --operator to name the planner\n"
	    "      --leader NAME     the leader on duty (带班领导)\n"
	    "      --note TEXT       a note\n")},
	{"duty substitute", cmd_duty_substitute,
	 N_("ID --by NAME --asked-by NAME --approved-by NAME [--reason TEXT]"),
	 N_("Substitution (替班): another person works the shift"),
	 N_("      --by NAME         who works the shift instead\n"
	    "      --asked-by NAME   who asked for the substitution\n"
	    "      --approved-by NAME who approved it (a supervisor, with their own PIN\n"
	    "                        on the line after the operator's)\n"
	    "      --reason TEXT     why\n")},
	{"duty swap", cmd_duty_swap,
	 N_("ID1 ID2 --asked-by NAME --approved-by NAME [--reason TEXT]"),
	 N_("Swap (换班): the operators of two shifts trade places"),
	 N_("      --asked-by NAME   who asked for the swap\n"
	    "      --approved-by NAME who approved it (a supervisor, with their own PIN\n"
	    "                        on the line after the operator's)\n"
	    "      --reason TEXT     why\n")},
	{"duty cancel", cmd_duty_cancel, N_("ID --reason TEXT"),
	 N_("Cancel a planned shift (supervisor); it stays in the history"),
	 N_("      --reason TEXT     why the shift is cancelled (required)\n")},
	{"duty gaps", cmd_duty_gaps, N_("[--hours N] [--from TIME] [--format text|csv]"),
	 N_("Stretches of time no shift covers (listed; the exit status stays 0)"),
	 N_("      --hours N         how far ahead to look (default: in task-force mode\n"
	    "                        the next 24 hours, else the rest of today and\n"
	    "                        tomorrow)\n"
	    "      --from TIME       from when (default now)\n"
	    "      --format F        text (default) or csv\n")},
	{"duty history", cmd_duty_history, N_("[ID] [--format text|csv]"),
	 N_("Substitutions, swaps and cancellations: who asked, who approved"),
	 N_("      --format F        text (default) or csv\n")},
	{"report daily", cmd_report_daily,
	 N_("[--date YYYY-MM-DD] [--file [--zero] | --correct [--reason TEXT]] [--drill]"),
	 N_("The daily report (日报告; 零报告 when nothing was recorded)"),
	 N_("      --date DATE       the day (default today)\n"
	    "      --file            file it: recorded with who and when, once a day;\n"
	    "                        no zero report (零报告) for a day that has entries\n"
	    "                        or during which the task force ran\n"
	    "      --zero            with --file: only as a zero report, else refused\n"
	    "      --correct         file a correction (补报): the report as it stands\n"
	    "                        now, chained after the latest filed for the day and\n"
	    "                        naming it (its number and the hash of its text)\n"
	    "      --reason TEXT     why the correction is filed (with --correct)\n"
	    "      --drill           the drill's report (演练), marked as such; never\n"
	    "                        filed\n"
	    "Once filed, the day shows the latest filed text word for word under its\n"
	    "stamp (报送时间), then the documents filed, then what was recorded for the\n"
	    "day after it, apart.\n")},
	{"report list", cmd_report_list, N_("[--from DATE] [--to DATE] [--format text|csv]"),
	 N_("The daily reports filed and their corrections (补报), in order"),
	 N_("      --from DATE       from this day (default: the first)\n"
	    "      --to DATE         to this day (default: the last)\n"
	    "      --format F        text (default) or csv\n")},
	{"handover", cmd_handover,
	 N_("[--from T --to T] [--format text|pdf] [--output FILE] [--print] [OPTIONS]"),
	 N_("The handover sheet (交接班记录): print it, and sign the handover"),
	 N_("      --from TIME       the period's start (default: the earliest of your\n"
	    "                        shifts ended in the last 12 hours and not signed;\n"
	    "                        else the shift on duty now; else the last 12 hours);\n"
	    "                        the sheet holds what was recorded in the period,\n"
	    "                        and what was recorded after the signing of the\n"
	    "                        sheet before it\n"
	    "      --to TIME         the period's end\n"
	    "      --format F        text (default; 80 columns) or pdf (A4)\n"
	    "      --output FILE     write the sheet to FILE (default standard output)\n"
	    "      --force           replace FILE if it exists\n"
	    "      --print           send the PDF sheet to the default printer (CUPS lp)\n"
	    "      --printer NAME    send it to this printer instead\n"
	    "      --note TEXT       the handover notes (交接事项) on the sheet\n"
	    "      --drill           the drill's sheet (演练): its entries, mode and\n"
	    "                        notifications, marked 演练 DRILL on every page\n"
	    "      --sign            sign the handover: the outgoing operator (--operator)\n"
	    "                        and the incoming one both sign; recorded on the log's\n"
	    "                        chain, once per period; the sheet then shows who\n"
	    "                        signed and when\n"
	    "      --to-operator NAME the incoming operator, who signs with --sign\n"
	    "With --sign and --pin-stdin, standard input holds one line per PIN asked:\n"
	    "the outgoing operator's first, then the incoming one's.  Signing just after\n"
	    "one's shift ended hands over that shift; after two shifts in a row, the\n"
	    "earlier first, then the later.\n")},
	{"config", cmd_config, N_("[KEY [VALUE]] [--format text|csv]"),
	 N_("List the settings, show one, or set one (admin)"),
	 N_("      KEY               idle-lock-minutes, report-warn-hour, shift-hours,\n"
	    "                        chase-minutes, notify-timeout-seconds, notify-command,\n"
	    "                        operator-pin, county-url\n"
	    "      VALUE             a whole number in the setting's range; for\n"
	    "                        notify-command a command line ('' clears it); for\n"
	    "                        operator-pin required (the default) or optional\n"
	    "                        (operator acts without a PIN, marked unverified)\n"
	    "      --format F        text (default) or csv, for the list\n")},
	{"notify", cmd_notify, N_("[--once | --watch]"),
	 N_("Chase what is overdue and send the queued messages through notify-command"),
	 N_("      --once            once, then exit (the default)\n"
	    "      --watch           every 30 seconds until SIGTERM or SIGINT; each round\n"
	    "                        also syncs with the county when county-url is set\n")},
	/* Run by the county's program, dutydesk-county (county_exec.c). */
	CLI_COUNTY_COMMANDS(cmd_county_exec, cmd_county_exec, cmd_county_exec),
	{"messages", cmd_messages, N_("[--format text|csv]"),
	 N_("The outbox: each message to a phone and its state"),
	 N_("      --format F        text (default) or csv\n")},
	{"import", cmd_import, N_("roster|contacts|rules|schedule FILE [--dry-run] [--replace]"),
	 N_("Import a CSV file, checked whole first: all of it or nothing"),
	 N_("      roster            posts and their holders, and people (admin)\n"
	    "      contacts          escalation contacts and unit liaisons (admin)\n"
	    "      rules             escalation rules (admin)\n"
	    "      schedule          the duty schedule (supervisor)\n"
	    "      FILE              the CSV file (UTF-8, BOM and CRLF accepted);\n"
	    "                        - reads standard input\n"
	    "      --dry-run         check the file and say what would change; write\n"
	    "                        nothing\n"
	    "      --replace         roster: take people off the posts they hold now\n"
	    "                        that the file leaves empty (refused without it,\n"
	    "                        naming the first ten and how many)\n"
	    "A file with problems is not imported at all: each problem is printed as\n"
	    "FILE:LINE: field: what, one per line, and the exit status is 2.  The\n"
	    "formats: man dutydesk-csv.\n")},
	{"export", cmd_export, N_("roster|contacts|rules|schedule|log FILE [--bom] [--force]"),
	 N_("Export to a CSV file that imports back as it is"),
	 N_("      roster, contacts, rules, schedule\n"
	    "                        in the form import reads\n"
	    "      log               every entry, drill ones too, in the columns of\n"
	    "                        log list --format csv\n"
	    "      FILE              the CSV file, written whole or not at all; - writes\n"
	    "                        standard output\n"
	    "      --bom             start with a UTF-8 BOM (for spreadsheet programs)\n"
	    "      --force           replace FILE if it exists\n"
	    "The formats: man dutydesk-csv.\n")},
	{"task add", cmd_task_add, N_("--group NAME --due TIME --summary TEXT [OPTIONS]"),
	 N_("Record an assigned task (交办事项); prints its id"),
	 N_("      --group NAME      the responsible group\n"
	    "      --due TIME        the deadline (2021-12-17T12:00; a date alone means\n"
	    "                        the end of that day)\n"
	    "      --summary TEXT    what is to be done (with a decision: its text\n"
	    "                        unless given)\n"
	    "      --assigned-by NAME who assigned it (default: the operator)\n"
	    "      --from-meeting ID --decision N\n"
	    "                        it comes from decision N of that meeting\n"
	    "      --from-entry ID   it comes from that log entry (its timeline shows\n"
	    "                        the task's steps)\n")},
	{"task list", cmd_task_list,
	 N_("[--overdue|--all] [--group NAME|--for NAME] [--format text|csv]"),
	 N_("Assigned tasks not yet closed, overdue ones first"),
	 N_("      --overdue         only those past their deadline\n"
	    "      --all             closed ones too\n"
	    "      --group NAME      the tasks of this responsible group\n"
	    "      --for NAME        the view of this group: its own tasks; the\n"
	    "                        supervision group's (督导检查组) is every group's\n"
	    "      --format F        text (default) or csv\n")},
	{"task note", cmd_task_note, N_("ID --text TEXT"),
	 N_("Add a progress note to an open task"),
	 N_("      --text TEXT       how far it has got\n")},
	{"task close", cmd_task_close, N_("ID --resolution TEXT"),
	 N_("Close a task (办结) with how it was done"),
	 N_("      --resolution TEXT what was done\n")},
	{"task show", cmd_task_show, N_("ID"), N_("A task and its history"), ""},
	{"meeting add", cmd_meeting_add,
	 N_("--kind joint|briefing --title TEXT --attendees NAMES [--at TIME]"),
	 N_("Record a meeting (联席会议, 情况通报会); prints its id"),
	 N_("      --kind KIND       joint (联席会议) or briefing (情况通报会)\n"
	    "      --title TEXT      what the meeting was\n"
	    "      --attendees NAMES people on the roster, separated by , 、 or ;\n"
	    "      --at TIME         when it was held (default now)\n")},
	{"meeting decision", cmd_meeting_decision, N_("ID --text TEXT"),
	 N_("Record a meeting's next decision; prints its number"),
	 N_("      --text TEXT       the decision\n")},
	{"meeting decide", cmd_meeting_decide,
	 N_("ID --decision N --group NAME --due TIME [OPTIONS]"),
	 N_("Make a meeting's decision an assigned task; prints the task's id"),
	 N_("      --decision N      the decision's number\n"
	    "      --group NAME      the responsible group\n"
	    "      --due TIME        the deadline (a date alone: the end of that day)\n"
	    "      --summary TEXT    the task (default: the decision's text)\n"
	    "      --assigned-by NAME who assigned it (default: the operator)\n")},
	{"meeting list", cmd_meeting_list, N_("[--format text|csv]"),
	 N_("Meetings, newest first"),
	 N_("      --format F        text (default) or csv\n")},
	{"meeting show", cmd_meeting_show, N_("ID"),
	 N_("A meeting: its attendees, its decisions and the tasks made of them"), ""},
	{"zone set", cmd_zone_set,
	 N_("PLACE closed|controlled|precaution|none --source TEXT [--at TIME] [--new-place]"),
	 N_("Classify a village or community in the outbreak (task-force mode)"),
	 N_("      PLACE             the village or community, as the roster names it\n"
	    "      closed            封控区\n"
	    "      controlled        管控区\n"
	    "      precaution        防范区\n"
	    "      none              lift its classification\n"
	    "      --source TEXT     whose assessment (根据市专家组研判) (required)\n"
	    "      --at TIME         when it takes effect (default now)\n"
	    "      --new-place       PLACE is a new village or community: add it to the\n"
	    "                        roster (without it, a name not on the roster is\n"
	    "                        refused, naming the nearest ones)\n"
	    "The change goes on the timeline of the outbreak's positive case.\n")},
	{"zone list", cmd_zone_list, N_("[--all] [--format text|csv]"),
	 N_("Zones in force in the outbreak, and their history"),
	 N_("      --all             the history of every outbreak\n"
	    "      --format F        text (default) or csv (the history)\n")},
	{"checkpoint add", cmd_checkpoint_add,
	 N_("--place TEXT --staff NAMES --hours SPAN [--zone PLACE]"),
	 N_("Set up a checkpoint (卡点); prints its id"),
	 N_("      --place TEXT      where it is\n"
	    "      --zone PLACE      the village or community it serves, one on the\n"
	    "                        roster (default: the town's perimeter)\n"
	    "      --staff NAMES     the staff on post, people on the roster\n"
	    "      --hours SPAN      08:00-20:00 (20:00-08:00 runs overnight) or 24h\n")},
	{"checkpoint list", cmd_checkpoint_list, N_("[--all] [--format text|csv]"),
	 N_("Checkpoints in place, with their zone, hours and staff"),
	 N_("      --all             the stood-down ones too\n"
	    "      --format F        text (default) or csv\n")},
	{"checkpoint close", cmd_checkpoint_close, N_("ID --reason TEXT"),
	 N_("Stand a checkpoint down; it stays in the history"),
	 N_("      --reason TEXT     why (required)\n")},
	{"stats add", cmd_stats_add, N_("--metric NAME --value N [--group NAME] [--date D]"),
	 N_("Enter a day's figure (it counts once another reviews it); prints its id"),
	 N_("      --metric NAME     the metric, by name or key (stats metric list)\n"
	    "      --value N         a whole number\n"
	    "      --group NAME      the group reporting it (default: the metric's;\n"
	    "                        its task-force group may report it too)\n"
	    "      --date D          the day (default today)\n")},
	{"stats review", cmd_stats_review, N_("ID"),
	 N_("Review a figure (审核) with your own PIN: refused to the person who entered it"),
	 ""},
	{"stats list", cmd_stats_list, N_("[--pending] [--date D] [--metric NAME] [--format F]"),
	 N_("Figures, newest day first, with who entered and who reviewed them"),
	 N_("      --pending         only figures waiting for review\n"
	    "      --date D          of this day\n"
	    "      --metric NAME     of this metric\n"
	    "      --format F        text (default) or csv\n")},
	{"stats trend", cmd_stats_trend, N_("--metric NAME [--days N] [--group NAME] [OPTIONS]"),
	 N_("A metric's reviewed figures day by day, with a sparkline"),
	 N_("      --metric NAME     the metric\n"
	    "      --days N          how many days (default 14)\n"
	    "      --group NAME      one group's figures only\n"
	    "      --date D          the last day (default today)\n"
	    "      --format F        text (default) or csv\n")},
	{"stats metric add", cmd_stats_metric_add,
	 N_("--key KEY --name NAME --group NAME [--unit TEXT] [--note TEXT]"),
	 N_("Add a metric (admin); prints its id"),
	 N_("      --key KEY         for scripts: lower-case letters, digits and -\n"
	    "      --name NAME       as the office says it (核酸采样数)\n"
	    "      --group NAME      the group that reports it\n"
	    "      --unit TEXT       人, 人次, 剂次, …\n"
	    "      --note TEXT       where the figure comes from\n")},
	{"stats metric list", cmd_stats_metric_list, N_("[--format text|csv]"),
	 N_("The metrics and the groups that report them"),
	 N_("      --format F        text (default) or csv\n")},
	{"check", cmd_check, N_("[--head HEX]"),
	 N_("Verify the database, the log's hash chain, the rows it seals, the schema and "
	    "the sequences; names what was changed behind dutydesk's back"),
	 N_("      --head HEX        fail unless the chain holds this head, as printed on a\n"
	    "                        handover sheet or daily report (16 hex digits or more)\n")},
	{"backup", cmd_backup, N_("FILE [--force]"),
	 N_("Copy the live database to FILE (others may keep writing)"),
	 N_("      --force           replace FILE if it exists\n")},
	{"pin set", cmd_pin_set, N_("NAME [--pin-stdin]"),
	 N_("Set a PIN: your own with the current one, another's as an admin"),
	 N_("With --pin-stdin: your current PIN (when you have one), then NAME's new PIN,\n"
	    "a line each.  While no admin has a PIN, an admin setting their own is the\n"
	    "one way in.\n")},
	{0, 0, 0, 0, 0},
};
