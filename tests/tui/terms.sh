#!/bin/sh
# The UI on the terminals of a duty room: xterm-256color, screen, linux, and a
# vt100 without colour, where the task-force banner must still stand out
# (reverse video).  Also the idle lock's neighbour: L locks now, the log is
# hidden, the typed form survives.
. "$(dirname "$0")/lib.sh"

desk_init 王值班
"$DUTYDESK" --operator 王值班 log add --kind positive --summary "本土初筛阳性1例" >/dev/null 2>&1

for term in xterm-256color screen linux vt100; do
  tui "t-$term" 100 30 "TERM=$term" -- --operator 王值班
  wait_for "t-$term" "TASK FORCE MODE"
  wait_for "t-$term" "王值班 (operator)"
  line=$(tmux -L "$SOCK" capture-pane -e -p -t "t-$term" | head -n 1)
  case "$term" in
    vt100)
      # No colour: the banner is in reverse video and bold.
      printf '%s' "$line" | grep -q "$(printf '\033')\[[0-9;]*7[;m]" \
        || fail "vt100: the banner is not in reverse video: $line"
      printf '%s' "$line" | grep -q "$(printf '\033')\[[0-9;]*4[0-7][;m]" \
        && fail "vt100: the banner uses colour" ;;
    xterm-256color)
      printf '%s' "$line" | grep -q "$(printf '\033')\[[0-9;]*41[;m]" \
        || fail "xterm-256color: the banner is not red: $line" ;;
  esac
  keys "t-$term" q y
  wait_for "t-$term" "[exit 0]"
done

# L locks now: the log is hidden, the banner and roster stay, the form
# survives the lock.
tui l 100 30 -- --operator 王值班
wait_for l "本土初筛阳性1例"
keys l n
wait_for l "New entry"
keys l Tab Tab Tab Tab Tab Tab Tab Tab; type_text l "未保存的文字"
wait_for l "未保存的文字"
keys l Escape y
wait_gone l "New entry"
keys l L
wait_for l "the log is hidden"
wait_gone l "本土初筛阳性1例"
wait_for l "TASK FORCE MODE"
wait_for l "Roster"
keys l Enter
wait_for l "本土初筛阳性1例"
keys l q y
wait_for l "[exit 0]"
finish
