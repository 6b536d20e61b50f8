#!/bin/sh
# Saving while another process holds the write lock: the UI waits out the busy
# timeout, says so, keeps the form with what was typed; once the lock is gone
# the same form saves.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }

"$DUTYDESK" init >/dev/null 2>&1 || fail "init"
"$DUTYDESK" --operator 周凯琳 person add 王值班 --access operator >/dev/null 2>&1 || fail "person add"
tui a 110 32 -- --operator 王值班
wait_for a "王值班 (operator)"
keys a n
wait_for a "New entry"
keys a Tab Tab Tab Tab Tab Tab Tab Tab; type_text a "锁住时输入的来电内容"

# Another process takes the write lock for 8 seconds.
(echo "BEGIN IMMEDIATE;"; sleep 8; echo "COMMIT;") | sqlite3 "$DUTYDESK_DB" &
holder=$!
sleep 0.5
start=$(date +%s)
keys a C-s
wait_for a "locked by another dutydesk" 6
took=$(( $(date +%s) - start ))
[ "$took" -le 5 ] || fail "the UI froze ${took}s (busy timeout is 3 s)"
wait_for a "锁住时输入的来电内容"     # the form is still open with the text
wait_for a "New entry"
wait "$holder"
keys a C-s
wait_for a "#1 recorded"
"$DUTYDESK" log list --format csv | grep -q "锁住时输入的来电内容" || fail "not stored after retry"
finish
