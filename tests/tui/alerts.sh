#!/bin/sh
# The status line counts messages not sent (short at 80 columns, absent at
# none) and overdue notifications; a rise in the overdue count rings the
# terminal's bell unless the `alert` setting says otherwise.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }
dd() { DUTYDESK_NOW=2021-12-16T09:00 "$DUTYDESK" "$@"; }
# act PIN ARGS: a command line acting with PIN.
act() { p=$1; shift; printf '%s\n' "$p" | dd "$@" --pin-stdin; }
# signin WINDOW: 边吉 types her PIN.
signin() { wait_for "$1" "PIN for 边吉" && type_text "$1" "1357" && keys "$1" Enter; }
bell() { tmux -L "$SOCK" display-message -p -t "$1" '#{window_bell_flag}'; }

desk_init 边吉
set_pin 边吉 1357
act 1357 --operator 边吉 log add --kind positive --summary "马剑村初筛阳性1例" >/dev/null 2>&1 ||
  fail "log add positive"

# Nothing waiting to be sent: no count at all (the long forms, on a wide terminal).
tui a 160 40 DUTYDESK_NOW=2021-12-16T09:00 -- --operator 边吉
signin a
wait_for a "边吉 (operator)"
wait_for a "overdue: 0"
screen a | grep -q "not sent" && fail "a count of messages not sent with none waiting"

# A text message queued for a leader (no act queues one from the UI yet).
sqlite3 "$DUTYDESK_DB" "INSERT INTO outbox(kind, recipient, number, text, created_at)
  VALUES ('sms', '何欣威', '13800000000', '马剑村初筛阳性1例，请回电', strftime('%s', '2021-12-16 01:00'))" ||
  fail "sqlite3 insert"
wait_for a "1 messages not sent" 3
[ "$(bell a)" = 0 ] || fail "the bell rang with nothing overdue"

# Hours later, on a second window at 80 columns: overdue, the short form, the bell.
tui b 80 24 DUTYDESK_NOW=2021-12-16T13:00 -- --operator 边吉
signin b
wait_for b "边吉 (operator)"
wait_for b "1 unsent"
screen b | grep -q "overdue: [1-9]" || { fail "nothing overdue four hours on"; screen b >&2; }
sleep 0.5
[ "$(bell b)" = 1 ] || fail "the overdue count rose and the bell did not ring"

# alert off: the count is shown, nothing rings.
act "$ADMIN_PIN" --operator 周凯琳 config alert loud >/dev/null 2>&1 && fail "config alert took a word it does not know"
act "$ADMIN_PIN" --operator 周凯琳 config alert off >/dev/null 2>&1 || fail "config alert off"
[ "$(dd config alert 2>/dev/null)" = off ] || fail "alert off does not read back as off"
tui c 80 24 DUTYDESK_NOW=2021-12-16T13:00 -- --operator 边吉
signin c
wait_for c "1 unsent"
screen c | grep -q "overdue: [1-9]" || fail "nothing overdue on c"
sleep 0.5
[ "$(bell c)" = 0 ] || fail "alert off and the bell rang"
finish
