#!/bin/sh
# The terminal UI as an operator meets it: open, sign in, navigate, record a
# call, record a positive case and see the banner, a second terminal sees it
# within a second, search a Chinese substring, resize to 20x5 and back.
. "$(dirname "$0")/lib.sh"

desk_init 王值班 李值班
"$DUTYDESK" --operator 王值班 log add --kind other --summary "交接：夜班平稳" >/dev/null 2>&1

tui a 120 40 -- --operator 王值班
wait_for a "Normal prevention"
wait_for a "Roster"
wait_for a "交接：夜班平稳"
wait_for a "王值班 (operator)"

# The roster pane at 80x24 and at 120x40: each heading whole, as the notice
# writes it, wrapped over the pane's rows by display width; no row wider
# than the pane; the succession sentence and the section heading too.
roster_pane() {
  screen "$1" | python3 -c '
import sys, unicodedata
rows = []
for line in sys.stdin:
    parts = line.rstrip("\n").split("\u2502")
    if len(parts) > 2 and parts[0] == "":
        rows.append(parts[1])
width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
if len({width(r) for r in rows}) != 1:
    print("ROWS OF UNEQUAL WIDTH", [width(r) for r in rows])
print("".join(r.strip().lstrip("\u25b8\u25be ") for r in rows))'
}
check_roster_pane() {
  roster_pane "$1" >"$T/pane"
  for h in "马剑镇新型冠状病毒肺炎疫情联防联控领导小组" "(一)综合协调组(疫情处置专班综合协调组)" \
    "以上成员如有变动,由所在办(中心)接任人员自然更替。" "一、工作组组成及职责任务"; do
    grep -qF -- "$h" "$T/pane" || { fail "$2: '$h' is not whole in the roster pane:"; screen "$1" >&2; }
  done
  grep -q "UNEQUAL" "$T/pane" && { fail "$2: a roster row overflows: $(head -n1 "$T/pane")"; screen "$1" >&2; }
  [ "$(max_width "$1")" -le "$3" ] || fail "$2: a line is wider than the terminal"
}
tui c 80 24 -- --operator 王值班
wait_for c "Roster"
wait_for c "(一)综合协调组(疫情"
check_roster_pane c "80x24" 80
resize c 120 40
wait_for c "(一)综合协调组(疫情处置专班"
check_roster_pane c "120x40" 120
keys c q y

# Help comes from the key table of the focused pane.
keys a '?'
wait_for a "Incident log pane"
wait_for a "search (Chinese substrings too"
keys a Escape
wait_gone a "Incident log pane"

# Navigate: the roster opens a group to its leaders, units and duties.
keys a 1
keys a Down Down Enter
wait_for a "何欣威"
wait_for a "负责镇指挥中心的日常指挥"

# A call through the form.
keys a 2 n
wait_for a "New entry"
keys a Tab Tab; type_text a "诸暨市值班组"
keys a Tab; type_text a "李四"
keys a Tab; type_text a "0575-87012345"
keys a Tab Space Tab; type_text a "综合"; keys a Right
keys a Tab Tab; type_text a "通知今晚视频调度会"
keys a C-s
wait_for a "#2 recorded"
wait_for a "通知今晚视频调度会"
"$DUTYDESK" log list --format csv | grep -q "诸暨市值班组,李四,0575-87012345,1,通知今晚视频调度会,,综合协调组,王值班" \
  || fail "the call was not stored with its call-form fields"

# A second terminal on the same database.
tui b 100 30 -- --operator 李值班
wait_for b "李值班 (operator)"
wait_for b "通知今晚视频调度会"

# A positive case on a: the banner at once on a, within a second on b.
keys a n
wait_for a "New entry"
keys a Right Right Right Right Tab Tab Tab Tab Tab
type_text a "马剑村报告本土初筛阳性1例"
keys a C-s
wait_for a "TASK FORCE MODE" 2
wait_for a "Open notifications: 7"
wait_for a "社区封控组"            # the roster switched to the task force
wait_for b "TASK FORCE MODE" 1
wait_for b "马剑村报告本土初筛阳性1例" 1

# Search a two-character Chinese word, then a one-character one.
keys b 2 /
type_text b "阳性"; keys b Enter
wait_for b "search “阳性”"
wait_for b "马剑村报告本土初筛阳性1例"
wait_gone b "通知今晚视频调度会"
keys b c
wait_for b "通知今晚视频调度会"

# Resize to almost nothing and back.
resize a 20 5
wait_for a "terminal too small"
resize a 1 1
sleep 0.3
resize a 120 40
wait_for a "TASK FORCE MODE"
[ "$(max_width a)" -le 120 ] || fail "a line is wider than the terminal"

# The timeline of the positive case, and a follow-up from there.
keys a 2 Home
wait_for a "马剑村报告本土初筛阳性1例"
keys a Down Enter
wait_for a "Timeline"
wait_for a "normal → taskforce"
keys a f
wait_for a "Follow-up of #3"
# Kind, time, source, caller, call-back, read back, group, important, summary.
keys a Tab Tab Tab Tab Tab Tab Tab Tab; type_text a "卫生院回电：密接3人已管控"
keys a C-s
wait_for a "[#5] 卫生院回电：密接3人已管控"
keys a q
wait_gone a "▶ Timeline"

# Quit cleanly: the terminal is given back.
keys a q y
wait_for a "[exit 0]"
finish
