#!/bin/sh
# The lock opens only with the PIN of the person signed in: Enter with no PIN
# leaves it locked and counts nothing, a wrong PIN is counted, the right one
# opens it.  Sign-in refuses a name that is not on the roster and adds nobody.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }

desk_init 边吉
set_pin 边吉 1357
printf '1357\n' | "$DUTYDESK" --operator 边吉 log add --kind call --summary "只给值班员看的来电" \
  --pin-stdin >/dev/null 2>&1 || fail "log add"

tui a 100 30 -- --operator 边吉
wait_for a "PIN for 边吉"
type_text a "1357"; keys a Enter
wait_for a "边吉 (operator)"
wait_for a "只给值班员看的来电"

keys a L
wait_for a "Locked."
wait_gone a "只给值班员看的来电"
keys a Enter
wait_for a "PIN for 边吉"
keys a Enter                                   # no PIN at all
wait_for a "no PIN typed for 边吉"
keys a x
wait_for a "Locked."
screen a | grep -q "只给值班员看的来电" && fail "Enter with no PIN unlocked the screen"
keys a Enter
wait_for a "PIN for 边吉"
type_text a "9999"; keys a Enter
wait_for a "wrong PIN for 边吉 (1 of 5 tries)"
screen a | grep -q "只给值班员看的来电" && fail "a wrong PIN unlocked the screen"
keys a Enter
wait_for a "PIN for 边吉"
type_text a "1357"; keys a Enter
wait_for a "Unlocked"
wait_for a "只给值班员看的来电"

# A name not on the roster is refused, and nobody is added.
before=$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM person")
keys a s
wait_for a "Who is at the desk?"
keys a C-u; type_text a "陌生人"; keys a Enter
wait_for a "nobody called '陌生人' is on the roster"
wait_for a "an admin enrols people"
screen a | grep -q "Add as an operator" && fail "sign-in offered to add an unknown name"
after=$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM person")
[ "$before" = "$after" ] || fail "sign-in added a person ($before -> $after)"
wait_for a "边吉 (operator)"
finish
