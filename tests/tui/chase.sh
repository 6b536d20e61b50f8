#!/bin/sh
# The open desk chases and sends: a positive case recorded an hour ago has
# its reports overdue; within half a minute the desk, on the real clock,
# opens the chase to the leadership group's 组长 (nobody is on duty), shows
# it beside the late notification in the escalation pane, and hands the
# message to notify-command — a process of its own, so the screen never
# waits on the gateway.
. "$(dirname "$0")/lib.sh"

desk_init 王值班
# 徐航锋, 组长 of the leadership group, has a mobile number on file.
"$DUTYDESK" export roster "$T/r.csv" >/dev/null 2>&1 || fail "export roster"
sed -e 's/^\([^,]*,[^,]*,[^,]*\),徐航锋,\([^,]*\),\([^,]*\),,/\1,徐航锋,\2,\3,13800000009,/' \
  "$T/r.csv" >"$T/r2.csv"
as_admin import roster "$T/r2.csv" || fail "import roster"
# The gateway: a script that keeps what it was handed.
printf '#!/bin/sh\nprintf "%%s|%%s\\n" "$1" "$2" >>"%s/sent"\n' "$T" >"$T/gw"
chmod +x "$T/gw"
as_admin config notify-command "$T/gw {number} {message}" || fail "notify-command"
at=$(date -d '-1 hour' +%Y-%m-%dT%H:%M)
"$DUTYDESK" --operator 王值班 log add --kind positive --summary "本土初筛阳性1例" --at "$at" \
  >/dev/null 2>&1 || fail "log add"

tui a 160 40 -- --operator 王值班
wait_for a "王值班 (operator)"
wait_for a "chased (催报), step 1 → 徐航锋" 45
i=0
while [ "$i" -lt 200 ] && ! grep -q 13800000009 "$T/sent" 2>/dev/null; do
  sleep 0.2; i=$((i + 1))
done
grep -q "^13800000009|.*催报" "$T/sent" 2>/dev/null ||
  fail "no chase message handed to the gateway: $(cat "$T/sent" 2>/dev/null)"
keys a q
finish
