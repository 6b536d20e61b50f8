#!/bin/sh
# The first run at 80x24 walks the first admin through enrolment: which admin,
# their PIN twice, then the people who will work the desk.  Each answer is
# checked as it is given; a refused one is asked again, the ones before kept.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }
q() { sqlite3 "$DUTYDESK_DB" "$1"; }

tui a 80 24
wait_for a "First run: which admin are you?"
wait_for a "杨洁"
keys a Enter                                   # the first admin: 周凯琳
wait_for a "New PIN for 周凯琳"
type_text a "12"; keys a Enter
wait_for a "The same PIN for 周凯琳 again"
type_text a "12"; keys a Enter
wait_for a "PIN"                               # too short: refused, asked again
wait_for a "New PIN for 周凯琳"
type_text a "2468"; keys a Enter
wait_for a "The same PIN for 周凯琳 again"
type_text a "2469"; keys a Enter
wait_for a "the two PINs differ"
wait_for a "New PIN for 周凯琳"
type_text a "2468"; keys a Enter
wait_for a "The same PIN for 周凯琳 again"
type_text a "2468"; keys a Enter
wait_for a "Enrol the people who will work the desk now?"
keys a y

# A name already on the roster is refused at once.
wait_for a "Enrol: the name"
type_text a "边吉"; keys a Enter
wait_for a "'边吉' is already on the roster"
wait_for a "Enrol: the name"
type_text a "王值班"; keys a Enter
wait_for a "Unit of 王值班"
type_text a "没有这个单位"; keys a Enter
wait_for a "no unit called '没有这个单位'"
wait_for a "Unit of 王值班"                     # the name is kept
keys a C-u; type_text a "党政综合办"; keys a Enter
wait_for a "Access"
keys a Enter                                   # operator
wait_for a "New PIN for 王值班"
type_text a "1357"; keys a Enter
wait_for a "The same PIN for 王值班 again"
type_text a "1357"; keys a Enter
wait_for a "Enrol: the name"

type_text a "李组长"; keys a Enter
wait_for a "Unit of 李组长"
keys a Enter                                   # no unit
wait_for a "Access"
keys a Down Enter                              # supervisor
wait_for a "New PIN for 李组长"
type_text a "8642"; keys a Enter
wait_for a "The same PIN for 李组长 again"
type_text a "8642"; keys a Enter
wait_for a "Enrol: the name"
keys a Escape
wait_for a "enrolment done: 2 enrolled"
[ "$(max_width a)" -le 80 ] || fail "wider than 80 columns"

[ "$(q "SELECT p.access || '/' || coalesce(u.name, '') FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.name = '王值班'")" = "operator/党政综合办" ] ||
  fail "王值班 not enrolled as an operator of 党政综合办"
[ "$(q "SELECT access FROM person WHERE name = '李组长'")" = "supervisor" ] ||
  fail "李组长 not enrolled as a supervisor"
[ "$(q "SELECT count(*) FROM credential c JOIN person p ON p.id = c.person_id WHERE p.name IN ('周凯琳', '王值班', '李组长')")" = 3 ] ||
  fail "not every PIN was set"
[ "$(q "SELECT count(*) FROM person WHERE name = '没有这个单位' OR name = '边吉'")" = 1 ] ||
  fail "a refused answer left a person behind"

# The PINs work: 王值班 signs in with theirs.
keys a s
wait_for a "Who is at the desk?"
type_text a "王值班"; keys a Enter
wait_for a "PIN for 王值班"
type_text a "1357"; keys a Enter
wait_for a "王值班 (operator)"
"$DUTYDESK" check >/dev/null 2>&1 || fail "check after enrolment"
finish
