#!/bin/sh
# What a key costs: moving the cursor in every pane reads nothing from the
# store, recording an entry re-reads the log and the escalations but not the
# roster (DUTYDESK_UI_STATS holds how often each pane was read).  And where
# the core refuses, the UI says where to look: a stand-down refused while
# notifications wait, a notification marked done without who answered.
. "$(dirname "$0")/lib.sh"

# 何欣威, a supervisor, acts and signs in with her own PIN.
act() { printf '1357\n' | "$DUTYDESK" --operator 何欣威 "$@" --pin-stdin; }
desk_init
set_pin 何欣威 1357
for i in 1 2 3 4 5 6; do
  act log add --kind other --summary "记录$i" >/dev/null 2>&1 || fail "log add $i"
done
STATS="$T/stats"

tui a 120 40 DUTYDESK_UI_STATS="$STATS" -- --operator 何欣威
wait_for a "PIN for 何欣威"
reads() { sed -n "s/^$1 //p" "$STATS"; }
# The start, up to the PIN question, reads each pane, the status and the
# mode once, and draws once, after all of them: nothing is drawn before the
# first full frame.  (Signing in, once the PIN is typed, is an act of its own.)
for what in roster log esc status mode; do
  [ "$(reads $what)" = 1 ] || fail "the start read $what $(reads $what) times: $(cat "$STATS")"
done
[ "$(reads redraws)" = 0 ] || fail "the start drew before its first full frame: $(cat "$STATS")"
type_text a "1357"; keys a Enter
wait_for a "何欣威 (supervisor)"
wait_for a "记录6"

# Keys are taken in order: once the help screen has come and gone, every key
# sent before it has been acted on.
settle() {
  keys a '?'; wait_for a "Keys — Esc"
  keys a Escape; wait_gone a "Keys — Esc"
}
# press N KEY: KEY N times (names of its own: keys and wait_for set n and i)
press() { press_left=$1; while [ "$press_left" -gt 0 ]; do keys a "$2"; press_left=$((press_left - 1)); done; }

settle
roster=$(reads roster) log=$(reads log) esc=$(reads esc)
[ -n "$log" ] && [ "$log" -gt 0 ] || fail "no reads counted in $STATS"

# Twenty presses of j in each pane, and the other moving keys.
keys a 2; press 20 j
keys a 1; press 20 j; keys a k Up Down NPage PPage
keys a 3; press 20 j; keys a k
keys a Tab BTab 2 k j Home End PPage NPage
settle
[ "$(reads roster)" = "$roster" ] || fail "moving re-read the roster: $roster -> $(reads roster)"
[ "$(reads log)" = "$log" ] || fail "moving re-read the log: $log -> $(reads log)"
[ "$(reads esc)" = "$esc" ] || fail "moving re-read the escalations: $esc -> $(reads esc)"

# Back to the top of the escalation pane (it lists every group's leaders
# among the contacts, so twenty j scroll the notifications out of view).
keys a 3; press 30 k

# The moves were real: twenty j from the top of the log reach its oldest
# entry, whose timeline Enter opens.
keys a 2 Home; press 20 j; keys a Enter
wait_for a "Incident #1 "
keys a q
wait_gone a "Incident #1 "

# Recording an entry re-reads the log and the escalations, not the roster.
settle
roster=$(reads roster) log=$(reads log) esc=$(reads esc)
keys a n
wait_for a "New entry"
keys a Tab Tab; type_text a "镇卫生院"
keys a Tab Tab Tab Tab Tab Tab; type_text a "记录七：发热门诊日报"
keys a C-s
wait_for a "#7 recorded"
settle
[ "$(reads log)" -gt "$log" ] || fail "recording did not re-read the log"
[ "$(reads esc)" -gt "$esc" ] || fail "recording did not re-read the escalations"
[ "$(reads roster)" = "$roster" ] || fail "recording re-read the roster: $roster -> $(reads roster)"

# A positive case from the command line: another terminal's write, which
# this one reads in full, and the task force with its notifications.
act log add --kind positive --summary "本土初筛阳性1例" \
  >/dev/null 2>&1 || fail "positive case"
wait_for a "TASK FORCE MODE" 2
wait_for a "#8 初报 phone"
[ "$(reads roster)" -gt "$roster" ] || fail "another terminal's write did not re-read the roster"

# Standing down with notifications open: refused, and the UI points at the
# pane where they are.
resize a 200 40
keys a S
# What is still open is confirmed kind by kind first.
wait_for a "positive case(s) not closed: stand down anyway?"
keys a y
wait_for a "final report(s) (终报) not made: stand down anyway?"
keys a y
wait_for a "Stand the task force down"
type_text a "经研判解除"; keys a Enter
wait_for a "see the escalation pane (3)"
wait_for a "TASK FORCE MODE"

# Done without who answered: asked again, saying what is missing.
keys a 3; press 30 k
wait_for a "Open notifications: 7"
keys a d
wait_for a "who answered?"
keys a Enter
wait_for a "type the name of the person who took the report"
type_text a "周科长"; keys a Enter
wait_for a "What was said"
keys a Enter
wait_for a "answered by 周科长"
wait_for a "Open notifications: 6"

finish
