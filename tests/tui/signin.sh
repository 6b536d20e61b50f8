#!/bin/sh
# First run sets an admin's PIN; signing in with a PIN; wrong PINs are
# refused and counted; the database holds no PIN in clear; an operator is
# refused a supervisor's act.
. "$(dirname "$0")/lib.sh"
# Letters in the PIN: digits alone could turn up in a stored time and make
# the check below for a PIN kept in clear see one that is not there.
ADMIN_PIN=Pin-2468

tui a 110 32
wait_for a "First run: which admin are you?"
keys a Enter                        # the first admin: 周凯琳
wait_for a "New PIN for 周凯琳"
type_text a "$ADMIN_PIN"; keys a Enter
wait_for a "The same PIN for 周凯琳 again"
type_text a "$ADMIN_PIN"; keys a Enter
wait_for a "PIN set for 周凯琳"
wait_for a "Enrol the people who will work the desk now?"
keys a n
if grep -q "$ADMIN_PIN" "$DUTYDESK_DB" "$DUTYDESK_DB-wal" 2>/dev/null; then
  fail "the PIN is in the database in clear"
fi

# Sign in as 周凯琳: a wrong PIN is refused and counted, the right one works.
keys a s
wait_for a "Who is at the desk?"
type_text a "周凯琳"; keys a Enter
wait_for a "PIN for 周凯琳"
type_text a "1111"; keys a Enter
wait_for a "wrong PIN for 周凯琳 (1 of 5 tries)"
keys a s
type_text a "周凯琳"; keys a Enter
wait_for a "PIN for 周凯琳"
type_text a "$ADMIN_PIN"; keys a Enter
wait_for a "周凯琳 (admin)"

# An operator may not stand the task force down.
enrol 王值班
"$DUTYDESK" --operator 王值班 log add --kind positive --summary "初筛阳性" >/dev/null 2>&1
wait_for a "TASK FORCE MODE" 2
keys a s
wait_for a "Who is at the desk?"
keys a C-u; type_text a "王值班"; keys a Enter
wait_for a "王值班 (operator)"
keys a S
wait_for a "needs supervisor rights"
finish
