# lib.sh — shared by the command-line tests: a fresh database per test, the
# real binary ($DUTYDESK; DUTYDESK_REAL unwrapped), and assertions that say what differed.
set -u
: "${DUTYDESK:?set DUTYDESK to the dutydesk binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/dutydesk-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export DUTYDESK_DB="$T/desk.db"
export TZ=CST-8          # China Standard Time, without needing tzdata
export LC_ALL=C.UTF-8
export DUTYDESK_NOW=2021-12-16T09:00
unset DUTYDESK_OPERATOR XDG_DATA_HOME
failures=0

# $DUTYDESK runs the real binary at DUTYDESK_NOW (through libfaketime), and
# under valgrind when DUTYDESK_VALGRIND="valgrind OPTIONS" is set: finish()
# then fails on any report.
. "$(dirname "$0")/../clock.sh"

dd() { "$DUTYDESK" "$@"; }

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" != "$3" ]; then
    fail "$1: expected [$2], got [$3]"
  fi
}

# expect_status CODE CMD...: run CMD, check its exit status; stderr to $T/err
expect_status() {
  want=$1; shift
  "$@" >"$T/out" 2>"$T/err"
  got=$?
  if [ "$got" != "$want" ]; then
    fail "$* exited $got, expected $want; stderr: $(cat "$T/err")"
  fi
}

# expect_grep PATTERN FILE: a fixed string must be in FILE
expect_grep() {
  if ! grep -qF -- "$1" "$2"; then
    fail "'$1' not found in $2: $(head -c 2000 "$2")"
  fi
}

expect_no_grep() {
  if grep -qF -- "$1" "$2"; then
    fail "'$1' unexpectedly found in $2"
  fi
}

finish() {
  for log in "$T"/valgrind.*.log; do
    [ -s "$log" ] && fail "valgrind: $(head -c 3000 "$log")"
  done
  if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  echo "ok"
  exit 0
}
