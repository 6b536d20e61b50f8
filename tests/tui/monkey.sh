#!/bin/sh
# Terminal abuse: the UI survives 200 random resizes down to 1x1, then a
# monkey at the keyboard (keys, text, Chinese, control and function keys,
# more resizes) for MONKEY_SECONDS (default 40), all from MONKEY_SEED, so a
# failure replays.  At the end it is alive, draws its panes at 120x40, leaves
# cleanly on SIGTERM, and its standard error holds no sanitizer report.
#
# The monkey never types q, which leaves at once on a terminal too small for
# the panes, nor y or Y, the only yes to "Leave dutydesk?" (Ctrl-C asks it).
# The UI runs with SIGQUIT and SIGTSTP ignored, as under a duty-room wrapper,
# so that Ctrl-\ and Ctrl-Z are keys like the others rather than the
# terminal's own exits.
. "$(dirname "$0")/lib.sh"
SEED=${MONKEY_SEED:-20211216}
SECONDS_KEYS=${MONKEY_SECONDS:-40}
echo "seed $SEED, ${SECONDS_KEYS} s of keys (MONKEY_SEED=$SEED replays)"
cd "$T" || exit 1

desk_init 王值班
for s in "交接：夜班平稳" "诸暨市值班组来电：今晚视频会"; do
  "$DUTYDESK" --operator 王值班 log add --kind call --summary "$s" >/dev/null 2>&1 ||
    fail "entry"
done
"$DUTYDESK" --operator 王值班 log add --kind positive --summary "马剑村初筛阳性1例" \
  >/dev/null 2>&1 || fail "positive case"

# The shell around it ignores SIGINT too (Ctrl-C is the UI's to handle) and
# keeps its exit status.
tmux -L "$SOCK" -f /dev/null new-session -d -s m -x 120 -y 40 \
  "trap '' INT QUIT TSTP; env DUTYDESK_DB='$DUTYDESK_DB' HOME='$T' TZ=CST-8 LC_ALL=C.UTF-8 \
   '$DUTYDESK' --operator 王值班 2>'$T/ui.err'; echo \$? >'$T/ui.status'" \
  \; set-option -t m remain-on-exit on
wait_for m "TASK FORCE MODE" 10
pid=$(ps -o pid= --ppid "$(tmux -L "$SOCK" display -p -t m '#{pane_pid}')" | tr -d ' ')
[ -n "$pid" ] || fail "no UI process"
alive() { [ ! -e "$T/ui.status" ] && kill -0 "$pid" 2>/dev/null; }

# The events, from the seed: "R W H" resize, "K KEY" a named key, "L TEXT"
# literal text, "S SECONDS" a pause.
awk -v seed="$SEED" -v resizes=200 -v events=40000 '
function pick(n) { return int(rand() * n) }
function size() {
  r = rand()
  if (r < 0.15) return (1 + pick(3)) " " (1 + pick(3))
  if (r < 0.30) return (1 + pick(250)) " " (1 + pick(2))
  if (r < 0.45) return (1 + pick(2)) " " (1 + pick(80))
  if (r < 0.70) return (3 + pick(40)) " " (3 + pick(15))
  return (40 + pick(210)) " " (10 + pick(70))
}
BEGIN {
  srand(seed)
  nnamed = split("Enter Escape Tab BTab Up Down Left Right Home End PPage NPage BSpace DC " \
                 "IC F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 Space M-a M-x M-Enter", named, " ")
  ctrl = "abcdefghijklmnopqrstuvwxz\\]"
  ascii = ""
  for (c = 32; c < 127; c++) if (c != 121 && c != 89 && c != 113) ascii = ascii sprintf("%c", c)
  nzh = split("阳性 来电 综合协调组 王值班 密接 马剑村 ，。 一二三", zh, " ")
  print "R 1 1"; print "S 0.05"; print "R 1 40"; print "R 200 1"; print "R 2 2"
  for (i = 0; i < resizes; i++) {
    print "R " size()
    print "S 0.0" (1 + pick(4))
    if (rand() < 0.3) print "K " named[1 + pick(nnamed)]
  }
  print "R 120 40"; print "S 0.3"; print "M"
  for (i = 0; i < events; i++) {
    r = rand()
    if (r < 0.45) print "K " named[1 + pick(nnamed)]
    else if (r < 0.55) print "K C-" substr(ctrl, 1 + pick(length(ctrl)), 1)
    else if (r < 0.85) {
      s = ""; n = 1 + pick(6)
      for (j = 0; j < n; j++) s = s substr(ascii, 1 + pick(length(ascii)), 1)
      print "L " s
    } else if (r < 0.95) print "L " zh[1 + pick(nzh)]
    else if (r < 0.98) print "R " size()
    else print "S 0.0" pick(10)
  }
}' >"$T/events"

phase=resize nres=0 nkeys=0
start=$(date +%s)
while IFS= read -r ev; do
  kind=${ev%% *} arg=${ev#* }
  case $kind in
    R) resize m ${arg% *} ${arg#* } 2>/dev/null && nres=$((nres + 1)) ;;
    K) tmux -L "$SOCK" send-keys -t m "$arg" && nkeys=$((nkeys + 1)) ;;
    L) tmux -L "$SOCK" send-keys -t m -l -- "$arg" && nkeys=$((nkeys + 1)) ;;
    S) sleep "$arg" ;;
    M) alive || { fail "the UI died during the resizes"; break; }
       wait_for m "TASK FORCE MODE" 5 || break
       echo "$nres resizes survived in $(($(date +%s) - start)) s"
       phase=keys start=$(date +%s) ;;
  esac
  if [ "$phase" = keys ] && [ $((nkeys % 50)) = 0 ]; then
    alive || { fail "the UI died after $nkeys keys"; break; }
    [ $(($(date +%s) - start)) -ge "$SECONDS_KEYS" ] && break
  fi
done <"$T/events"
echo "$nkeys keys and texts, $nres resizes in all"

# Still there, still drawing.
if alive; then
  resize m 120 40
  keys m Escape Escape Escape C-l
  sleep 0.5
  if ! screen m | grep -q "TASK FORCE MODE"; then
    keys m Escape n Escape C-l
    wait_for m "TASK FORCE MODE" 5
  fi
  screen m | grep -q "[├┬┼│─]\|Roster\|Incident\|Escalation" ||
    fail "the panes are not drawn: $(screen m)"
  kill -TERM "$pid"
  i=0
  while [ ! -s "$T/ui.status" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  status=$(cat "$T/ui.status" 2>/dev/null)
  [ "$status" = 0 ] || fail "the UI left with status [$status] on SIGTERM"
else
  fail "the UI is gone (status $(cat "$T/ui.status" 2>/dev/null)); its standard error:" \
    "$(tail -c 3000 "$T/ui.err")"
fi
if grep -q "Sanitizer\|runtime error\|ERROR:" "$T/ui.err"; then
  fail "sanitizer report: $(head -c 3000 "$T/ui.err")"
fi
"$DUTYDESK" check >"$T/check" 2>&1 || fail "check after the monkey: $(cat "$T/check")"
finish
