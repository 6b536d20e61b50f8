#!/bin/sh
# The chain is verified when the UI opens and again when another process
# writes: a clean desk shows no warning; an event altered before the UI opens,
# or cut from the chain while it is open, puts the red banner up.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }

NOTRIG="DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;"
# 边吉 acts and signs in with her own PIN.
act() { printf '1357\n' | "$DUTYDESK" --operator 边吉 "$@" --pin-stdin; }
signin() { wait_for "$1" "PIN for 边吉" && type_text "$1" "1357" && keys "$1" Enter; }
desk_init 边吉
set_pin 边吉 1357
for i in 1 2 3; do
  act log add --kind call --summary "来电 $i" >/dev/null 2>&1 || fail "log add"
done

# A clean desk: no warning.
tui a 100 30 -- --operator 边吉
signin a
wait_for a "边吉 (operator)"
wait_for a "来电 3"
screen a | grep -q "RECORD WAS ALTERED" && fail "a clean desk shows the tamper banner"

# The last event cut behind the UI's back: seen when the file changes.
sqlite3 "$DUTYDESK_DB" "$NOTRIG DELETE FROM event WHERE id = (SELECT max(id) FROM event);" ||
  fail "sqlite3 delete"
wait_for a "THE RECORD WAS ALTERED" 3
wait_for a "is gone"

# Another desk, an old event edited before the UI ever opened it, at 80x24.
export DUTYDESK_DB="$T/b.db"
desk_init 边吉
set_pin 边吉 1357
act log add --kind call --summary "来电" >/dev/null 2>&1 || fail "log add b"
act log add --kind call --summary "再来电" >/dev/null 2>&1 || fail "log add b"
e=$(sqlite3 "$DUTYDESK_DB" "SELECT min(id) FROM event WHERE type = 'created'")
sqlite3 "$DUTYDESK_DB" "$NOTRIG UPDATE event SET at = at - 3600 WHERE id = $e;" || fail "sqlite3 edit"
tui b 80 24 -- --operator 边吉
wait_for b "THE RECORD WAS ALTERED"
signin b
wait_for b "边吉 (operator)"
finish
