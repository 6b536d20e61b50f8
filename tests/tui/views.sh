#!/bin/sh
# The full-screen views: the duty schedule (plan a shift, see who is on
# duty), a meeting's decision turned into a task that goes overdue (status
# line, tasks view), a figure entered by one person and reviewed by another
# (never by the same one), a village classified during an outbreak (on the
# timeline), and today's daily report filed from the UI.
. "$(dirname "$0")/lib.sh"
# cairo's and fontconfig's own leaks in the PDF writer (cli/lsan.supp).
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")/../cli" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

# 何欣威 plans and approves, 周凯琳 approves and reviews, 赵娜 signs the
# handover as the incoming operator: each with their own PIN.
desk_init 边吉
set_pin 何欣威 1357
set_pin 赵娜 1111
dd() { printf '1357\n' | DUTYDESK_NOW=2021-12-16T09:00 "$DUTYDESK" "$@" --pin-stdin; }

tui a 120 40 DUTYDESK_NOW=2021-12-16T09:00 -- --operator 何欣威
wait_for a "PIN for 何欣威"
type_text a "1357"; keys a Enter
wait_for a "何欣威 (supervisor)"
wait_for a "nobody on duty"

# Duty: plan 09:00-17:00 for 赵娜 with 何欣威 as leader on duty.
keys a D
wait_for a "Duty schedule"
wait_for a "Nobody is on duty now."
keys a a
wait_for a "Shift starts"
keys a C-u; type_text a "2021-12-16 09:00"; keys a Enter
wait_for a "Shift ends"
keys a C-u; type_text a "2021-12-16 17:00"; keys a Enter
wait_for a "Who is on duty"
type_text a "赵娜"; keys a Enter
wait_for a "Leader on duty"
type_text a "何欣威"; keys a Enter
wait_for a "Note (optional)"
keys a Enter
wait_for a "shift #1 planned"
wait_for a "On duty now: 赵娜 · leader on duty: 何欣威"
wait_for a "duty: 赵娜"
# A substitution names who asked and a supervisor who approved.
keys a s
wait_for a "instead"
type_text a "边吉"; keys a Enter
wait_for a "Who asked"
keys a Enter
wait_for a "Approved by"
type_text a "周凯琳"; keys a Enter
wait_for a "Reason"
type_text a "病假"; keys a Enter
wait_for a "PIN for 周凯琳"
type_text a "$ADMIN_PIN"; keys a Enter
wait_for a "边吉 works it instead"
wait_for a "边吉 (赵娜)"
keys a q
wait_gone a "Duty schedule"

# A meeting, its decision, and the decision as a task with a deadline.
keys a M
wait_for a "Meetings"
keys a a
wait_for a "Which meeting?"
keys a Enter
wait_for a "Held at"
keys a Enter
wait_for a "Subject"
type_text a "疫情防控部署会"; keys a Enter
wait_for a "Attendees"
keys a C-u; type_text a "何欣威、周凯琳"; keys a Enter
wait_for a "meeting #1 recorded"
keys a d
wait_for a "The decision"
type_text a "各村卡点落实24小时值守"; keys a Enter
wait_for a "1. 各村卡点落实24小时值守"
keys a j t
wait_for a "Responsible group"
keys a Down Down Down Down Down Enter   # past (none): 交通管理组
wait_for a "Deadline"
keys a C-u; type_text a "2021-12-16 12:00"; keys a Enter
wait_for a "Assigned by"
keys a Enter
wait_for a "assigned to 交通管理组"
wait_for a "→ tasks #1"
keys a q

# A figure entered by 何欣威 is not his to review.
keys a F
wait_for a "Figures"
keys a a
wait_for a "Which metric?"
keys a Enter
wait_for a "The figure"
type_text a "120"; keys a Enter
wait_for a "For the day"
keys a Enter
wait_for a "it counts once someone else reviews it"
wait_for a "Waiting for review by a second person: 1"
keys a j r
wait_for a "review"
screen a | grep -q "reviewed: it counts now" && fail "a figure was reviewed by who entered it"
keys a q
keys a q
wait_for a "Leave dutydesk?"
keys a y

# Four hours later: the task is overdue in the status line and first in
# the tasks view; 周凯琳 reviews the figure.
tui b 120 40 DUTYDESK_NOW=2021-12-16T13:00 -- --operator 周凯琳
wait_for b "PIN for 周凯琳"
type_text b "$ADMIN_PIN"; keys b Enter
wait_for b "tasks overdue: 1"
keys b T
wait_for b "1 overdue"
wait_for b "OVERDUE"
keys b q
keys b F
wait_for b "Waiting for review by a second person: 1"
keys b j r
wait_for b "reviewed: it counts now"
wait_for b "Waiting for review by a second person: 0"
keys b q

# An outbreak: a village becomes 封控区, and the change is on the timeline.
pos=$(dd --operator 何欣威 log add --kind positive --summary "枫桥村初筛阳性1例" 2>/dev/null)
wait_for b "TASK FORCE MODE" 3
keys b Z
wait_for b "Zones and checkpoints"
keys b z
wait_for b "Which village"
type_text b "枫桥村"; keys b Enter
# Not on the roster: added only when the operator says so.
wait_for b "'枫桥村' is no village or community of the roster: add it as a new one?"
keys b y
wait_for b "枫桥村: classify as"
keys b End Enter                      # unclassified: no row chosen; End is 封控区
wait_for b "Decided on"
keys b Enter
wait_for b "枫桥村: 无 → 封控区" 3 || wait_for b "枫桥村:"
keys b q
dd timeline "$pos" > "$T/tl" 2>&1
grep -q "封控区" "$T/tl" || { fail "the zone change is not on the outbreak's timeline"; cat "$T/tl" >&2; }

# Today's daily report, filed from the UI.
keys b R
wait_for b "NOT filed yet"
keys b f
wait_for b "File today's daily report now?"
keys b y
wait_for b "today's daily report is filed"
wait_for b "report filed │"
# Filed: the filed text under its stamp; a correction (补报) from the view.
wait_for b "Filed — the text as filed"
keys b c
wait_for b "Correction (补报) of today's report"
type_text b "补报漏报来电"; keys b Enter
wait_for b "File the report as it stands now as a correction"
keys b y
wait_for b "the correction (补报) of today's report is filed"
wait_for b "疫情防控值班日报告（补报）"
keys b q
dd report list --format csv > "$T/rl" 2>&1
grep -q ",correction,.*,补报漏报来电$" "$T/rl" || { fail "the correction is not listed"; cat "$T/rl" >&2; }

# Reviewing a day or a shift: the log filtered by who recorded and by range.
keys b 2
wait_for b "枫桥村初筛阳性1例"
keys b b
wait_for b "Recorded by whom"
type_text b "周凯琳"; keys b Enter
wait_for b "by: 周凯琳"
wait_gone b "枫桥村初筛阳性1例"
keys b b
keys b C-u; type_text b "何欣威"; keys b Enter
wait_for b "枫桥村初筛阳性1例"
keys b r
wait_for b "Entries of"
keys b Down Down Enter                # yesterday
wait_for b "12-15 00:00 – 12-16 00:00"
wait_gone b "枫桥村初筛阳性1例"
keys b r Down Enter                   # today
wait_for b "枫桥村初筛阳性1例"
# At the end of the log, only what arrives afterwards counts as new.
i=0
while [ $i -lt 40 ]; do
  dd --operator 何欣威 log add --kind call --summary "来电 $i" >/dev/null 2>&1; i=$((i + 1))
done
keys b c Home
wait_for b "来电 39"
keys b End
wait_for b "WHEN"
screen b | grep -q "new entr" && fail "entries counted as new that were there before"
dd --operator 何欣威 log add --kind call --summary "晚到的来电" >/dev/null 2>&1
wait_for b "1 new entr(ies) above"
keys b q
wait_for b "Leave dutydesk?"
keys b y

# The handover sheet from one key: notes, both sign, a PDF, the printer
# chosen of those CUPS lists (a stand-in lp that records what it was given,
# a stand-in lpstat with two printers, pdf the default; tui/print.sh prints
# through a real CUPS).
mkdir -p "$T/bin"
cat >"$T/bin/lp" <<EOF
#!/bin/sh
echo "\$@" >"$T/lp.args"
echo "request id is pdf-7 (1 file(s))"
EOF
cat >"$T/bin/lpstat" <<'EOF'
#!/bin/sh
case "$1" in
-e) printf 'office-laser\npdf\n' ;;
-d) echo "system default destination: pdf" ;;
-r) echo "scheduler is running" ;;
esac
EOF
chmod +x "$T/bin/lp" "$T/bin/lpstat"
tui c 120 40 DUTYDESK_NOW=2021-12-16T16:50 PATH="$T/bin:$PATH" HOME="$T" -- --operator 边吉
wait_for c "边吉 (operator)"
keys c H
wait_for c "疫情防控值班交接班记录"
wait_for c "Not signed yet"
wait_for c "交班人：边吉"
keys c n
wait_for c "Notes for the next shift"
type_text c "枫桥村卡点夜间加强巡查"; keys c Enter
wait_for c "notes kept"
keys c s
wait_for c "Who takes over"
type_text c "赵娜"; keys c Enter
wait_for c "PIN for 赵娜"
type_text c "1111"; keys c Enter
wait_for c "handed over to 赵娜: both signed"
wait_for c "Handed over: signed by 边吉 and 赵娜"
keys c w
wait_for c "Write the PDF to"
keys c C-u; type_text c "$T/sheet.pdf"; keys c Enter
wait_for c "handover sheet written to"
if command -v pdftotext >/dev/null; then
  pdftotext "$T/sheet.pdf" - 2>/dev/null | grep -q "枫桥村卡点夜间加强巡查" ||
    fail "the PDF does not hold the notes"
fi
keys c p
wait_for c "Print on which printer?"
wait_for c "office-laser"
keys c Enter
wait_for c "sent to the printer pdf (pdf-7)"
grep -q "\.pdf" "$T/lp.args" 2>/dev/null || fail "lp was not given the PDF"
grep -q -- "-d pdf " "$T/lp.args" 2>/dev/null || fail "lp was not sent to the default, pdf"
keys c q
finish
