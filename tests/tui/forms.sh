#!/bin/sh
# Forms and dialogs at 80x24: a prefilled answer is selected and typing
# replaces it (sign-in, a checkpoint's hours); each step of a dialog is
# checked as it is answered and a refused step is asked again alone, the
# other answers kept (a checkpoint, a zone, a task's deadline, the
# stand-down's reason); the group picker jumps by what is typed and says
# that it scrolls; the zone menu opens on the place's zone and does not
# wrap; a typo in a place never adds a village silently; the help scrolls
# and says there is more.
. "$(dirname "$0")/lib.sh"

desk_init 王值班 徐航锋
set_pin 何欣威 1357
export DUTYDESK_NOW=2021-12-16T09:00
"$DUTYDESK" --operator 王值班 log add --kind positive --summary "平阳社区报告本土初筛阳性1例" \
  >/dev/null 2>&1 || fail "log add positive"
"$DUTYDESK" --operator 王值班 zone set 平阳社区 precaution --source 市专家组研判 \
  >/dev/null 2>&1 || fail "zone set"

# The text shown in reverse video (what is selected), one run a line.
selected() {
  tmux -L "$SOCK" capture-pane -e -p -t "$1" | python3 -c '
import re, sys
for line in sys.stdin:
    on = False
    run = ""
    for part in re.split(r"(\x1b\[[0-9;]*m)", line.rstrip("\n")):
        if part.startswith("\x1b["):
            codes = part[2:-1].split(";")
            if "7" in codes:
                on = True
            elif codes in (["0"], [""], ["27"]):
                if on and run.strip():
                    print(run.strip())
                on, run = False, ""
        elif on:
            run += part
    if on and run.strip():
        print(run.strip())'
}
expect_selected() {
  # The keys just sent may not be drawn yet: look again for up to 3 s.
  n=0
  until selected "$1" | grep -xF -- "$2" >/dev/null || [ $n -ge 30 ]; do
    sleep 0.1; n=$((n + 1))
  done
  if ! selected "$1" | grep -xF -- "$2" >/dev/null; then
    fail "$3: '$2' is not what is selected; selected:"
    selected "$1" >&2
    screen "$1" >&2
  fi
}

tui a 80 24 DUTYDESK_NOW=$DUTYDESK_NOW -- --operator 王值班
wait_for a "王值班 (operator)"

# Sign-in offers who is at the desk, selected: typing a name replaces it.
keys a s
wait_for a "Who is at the desk?"
expect_selected a "王值班" "the sign-in's prefill"
type_text a "徐航锋"; keys a Enter
wait_for a "徐航锋 is at the desk"
wait_for a "徐航锋 (supervisor)"
# ← keeps a prefilled answer for editing: Backspace then takes one character.
keys a s
wait_for a "Who is at the desk?"
keys a Left End BSpace
type_text a "锋"; keys a Enter
wait_for a "徐航锋 is at the desk"

# The help at 80x24 says where it is and that there is more, and scrolls.
keys a '?'
wait_for a "Keys — Esc or q closes"
wait_for a "↓ more (j/PgDn)"
wait_for a " 1–18 of "
screen a | grep -q "│    q  *quit" && fail "the help's last line shows before scrolling"
keys a j
wait_for a " 2–19 of "
keys a PageDown
wait_for a "↑ more (k/PgUp)"
keys a End
wait_for a "quit"
wait_gone a "↓ more (j/PgDn)"
keys a k
wait_for a "↓ more (j/PgDn)"
keys a Home
wait_for a " 1–18 of "
keys a Escape
wait_gone a "Keys — Esc or q closes"

keys a Z
wait_for a "Zones and checkpoints"
# A typo in the place: asked whether to add a new village; no asks again,
# the typo kept (selected) for correcting.
keys a z
wait_for a "Which village or community?"
type_text a "平阳社"; keys a Enter
wait_for a "'平阳社' is no village or community of the roster: add it as a new one?"
keys a n
wait_for a "'平阳社' is not on the roster"
wait_for a "Which village or community?"
expect_selected a "平阳社" "the refused place"
type_text a "平阳社区"; keys a Enter
# The menu opens on the zone the place is in now.
wait_for a "平阳社区: classify as"
expect_selected a "防范区" "the zone menu's start"
# That zone again is refused in the menu, which opens again on it.
keys a Enter
wait_for a "平阳社区 is already in that zone at"
expect_selected a "防范区" "the zone menu asked again"
# j at the bottom stays at the bottom: never round to "none".
keys a j j j j j j
expect_selected a "封控区" "the zone menu after j j j j j j"
keys a Enter
wait_for a "Decided on"
keys a Enter
wait_for a "平阳社区: 防范区 → 封控区"
# No village 平阳社 was added: a checkpoint cannot serve it.
"$DUTYDESK" --operator 王值班 checkpoint add --place 路口 --staff 王值班 --hours 24h \
  --zone 平阳社 >/dev/null 2>"$T/err" && fail "the typo 平阳社 was added as a village"
grep -q "'平阳社' is not a village or community on the roster" "$T/err" || fail "checkpoint: $(cat "$T/err")"

# A checkpoint: each step checked as answered; a refused one asked again
# alone, the others kept; the hours' "24h" replaced by what is typed.
keys a c
wait_for a "Checkpoint — where"
type_text a "马剑村口卡点"; keys a Enter
wait_for a "The village it serves"
type_text a "平阳"; keys a Enter
wait_for a "'平阳' is not a village"
wait_for a "The village it serves"
type_text a "平阳社区"; keys a Enter
wait_for a "Staff on post"
type_text a "无此人"; keys a Enter
wait_for a "无此人"
wait_for a "Staff on post"
screen a | grep -q "Hours (08:00" && fail "the hours were asked after a refused staff"
keys a C-u; type_text a "徐航锋"; keys a Enter
wait_for a "Hours (08:00-20:00, or 24h)"
expect_selected a "24h" "the hours' prefill"
type_text a "25:00-26:00"; keys a Enter
wait_for a "'25:00-26:00' is not a span of hours"
type_text a "08:00-20:00"; keys a Enter
wait_for a "checkpoint #1 set up"
wait_for a "马剑村口卡点"
wait_for a "08:00-20:00"
keys a q
wait_gone a "x close the selected checkpoint"

# A task: the group picker jumps by what is typed ("12" is (十二)); a
# deadline already passed is refused and asked again alone.
keys a T
wait_for a "Assigned tasks"
keys a a
wait_for a "The task"
type_text a "布置核酸采样点"; keys a Enter
wait_for a "Responsible group"
wait_for a "type to jump"
wait_for a "/22 ↓"
type_text a "12"
expect_selected a "(十二)核酸采样工作组" "the group picker after typing 12"
keys a BSpace BSpace
type_text a "交通"
expect_selected a "(三)交通管理组" "the group picker after typing 交通"
keys a Enter
wait_for a "Deadline"
type_text a "2021-12-15 12:00"; keys a Enter
wait_for a "has already passed"
wait_for a "Deadline"
type_text a "2021-12-17 12:00"; keys a Enter
wait_for a "Assigned by"
expect_selected a "徐航锋" "who assigned it, prefilled"
keys a Enter
wait_for a "task #1 assigned to 交通管理组"
"$DUTYDESK" task list 2>/dev/null | grep -q "布置核酸采样点" || fail "the task is not recorded"
keys a q

# The stand-down's reason: empty is refused in the box, asked again.
keys a s
wait_for a "Who is at the desk?"
type_text a "何欣威"; keys a Enter
wait_for a "PIN for 何欣威"
type_text a "1357"; keys a Enter
wait_for a "何欣威 (supervisor)"
keys a S
i=0
while [ $i -lt 6 ] && ! screen a | grep -q "the reason (经研判"; do
  screen a | grep -q "stand down anyway?" && keys a y
  sleep 0.3; i=$((i + 1))
done
wait_for a "the reason (经研判"
keys a Enter
wait_for a "this cannot be empty (Esc cancels)"
wait_for a "the reason (经研判"
keys a Escape
wait_gone a "the reason (经研判"

# At 120x40 the log pane's keys and the global ones still need two screens.
resize a 120 40
keys a 2 '?'
wait_for a "Keys — Esc or q closes"
wait_for a " 1–34 of "
wait_for a "↓ more (j/PgDn)"
keys a PageDown
wait_gone a "↓ more (j/PgDn)"
wait_for a "quit"
keys a q
keys a q
wait_for a "Leave dutydesk?"
keys a y
finish
