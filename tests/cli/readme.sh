#!/bin/sh
# readme.sh — every shell example of README.md runs as written, in order, on a
# fresh desk: as a new user would type them at a terminal (a PIN asked there
# is answered with the one README gives that person), with `dutydesk` on the
# PATH and the default database of a new account.  Blocks marked
# <!-- readme: not run (REASON) --> are left out (readme.py says which).
# Run twice: on the notice's day (DUTYDESK_NOW) and on the system clock, so
# that no example holds a date that only worked once.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || { echo "python3 is not installed: skipping"; exit 77; }
readme=$(dirname "$0")/../../README.md
mkdir -p "$T/bin"
ln -s "$DUTYDESK" "$T/bin/dutydesk"

clocks="2021-12-16T09:00 system"
# Under the sanitizers every start costs several times more: one run.
if ldd "$DUTYDESK_REAL" 2>/dev/null | grep -q 'libasan\|libubsan'; then
  clocks=system
fi
for clock in $clocks; do
  home=$T/home-$clock
  mkdir -p "$home"
  if [ "$clock" = system ]; then unset DUTYDESK_NOW; else export DUTYDESK_NOW=$clock; fi
  env -u DUTYDESK_DB -u DUTYDESK_OPERATOR -u XDG_DATA_HOME HOME="$home" \
    PATH="$T/bin:$PATH" python3 "$(dirname "$0")/readme.py" "$readme" >"$T/run.log" 2>&1 ||
    fail "README's examples ($clock clock): $(grep -A3 'FAIL' "$T/run.log" | head -c 3000)"
  [ -f "$home/.local/share/dutydesk/dutydesk.db" ] ||
    fail "README's examples ($clock clock) made no database in the default place"
done
cat "$T/run.log"

finish
