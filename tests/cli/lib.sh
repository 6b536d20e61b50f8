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

# The office as the tests enrol it, the way an office does (desk_init, enrol):
# the first admin (周凯琳, the office's director) enrols herself with a PIN,
# then enrols the others.  Each person's PIN is kept in $T/pin.d/NAME.
mkdir -p "$T/pin.d"
ADMIN=周凯琳
ADMIN_PIN=2468
PIN=1357                 # everyone else's, unless enrol is told another

pin_of() { cat "$T/pin.d/$1" 2>/dev/null; }

# acting ARGS: who a command line acts as: --operator, else
# $DUTYDESK_OPERATOR (`duty add` without --on-duty: --operator names who is
# on duty, and the planner is $DUTYDESK_OPERATOR).
acting() {
  who=${DUTYDESK_OPERATOR:-} flag="" prev="" onduty=0
  for a in "$@"; do
    [ "$prev" = "--operator" ] && flag=$a
    case $a in --operator=*) flag=${a#--operator=} ;; --on-duty*) onduty=1 ;; esac
    prev=$a
  done
  case " $* " in *" duty add "*) [ "$onduty" = 0 ] && flag="" ;; esac
  [ -n "$flag" ] && who=$flag
  printf '%s' "$who"
}

# with_pin CMD...: CMD (a dutydesk command line).  When the person it acts
# as has a PIN here and it holds no --pin-stdin, their PIN goes first on
# standard input with --pin-stdin, as a script at the desk gives it.
with_pin() {
  ddpin=$(pin_of "$(acting "$@")")
  case " $* " in *" --pin-stdin "*) ddpin="" ;; esac
  if [ -n "$ddpin" ]; then
    printf '%s\n' "$ddpin" | "$@" --pin-stdin
  else
    "$@"
  fi
}

# dd ARGS: the real binary, as with_pin runs it.
dd() { with_pin "$DUTYDESK" "$@"; }

# as_pin PIN CMD...: CMD with PIN as the first line of standard input and
# --pin-stdin (more lines: as_pin "$(printf '1357\n2468')" ...).
as_pin() {
  aspin=$1; shift
  printf '%s\n' "$aspin" | "$@" --pin-stdin
}

# pins NAME...: their PINs, a line each (for as_pin: who acts, then who
# signs with them).
pins() { for n in "$@"; do pin_of "$n"; done; }

# desk_init [DB]: create the database (default $DUTYDESK_DB); the first
# admin enrols herself.
desk_init() {
  edb=${1:-$DUTYDESK_DB}
  "$DUTYDESK" --db "$edb" init >/dev/null 2>"$T/init.err" || fail "init: $(cat "$T/init.err")"
  printf '%s\n' "$ADMIN_PIN" | "$DUTYDESK" --db "$edb" --operator "$ADMIN" pin set "$ADMIN" \
    --pin-stdin >/dev/null 2>"$T/init.err" || fail "the first admin's PIN: $(cat "$T/init.err")"
  printf '%s\n' "$ADMIN_PIN" >"$T/pin.d/$ADMIN"
}

# enrol NAME [ACCESS [PIN [DB]]]: the admin puts NAME on the roster (unless
# the shipped roster has them) and sets their PIN (default $PIN; "-": none).
enrol() {
  ename=$1 eaccess=${2:-operator} epin=${3:-$PIN} edb=${4:-$DUTYDESK_DB}
  printf '%s\n' "$ADMIN_PIN" | "$DUTYDESK" --db "$edb" --operator "$ADMIN" person add "$ename" \
    --access "$eaccess" --pin-stdin >/dev/null 2>"$T/enrol.err" ||
    grep -qF "already on the roster" "$T/enrol.err" ||
    fail "enrol $ename: $(cat "$T/enrol.err")"
  [ "$epin" = "-" ] && return 0
  printf '%s\n%s\n' "$ADMIN_PIN" "$epin" | "$DUTYDESK" --db "$edb" --operator "$ADMIN" \
    pin set "$ename" --pin-stdin >/dev/null 2>"$T/enrol.err" ||
    fail "PIN of $ename: $(cat "$T/enrol.err")"
  printf '%s\n' "$epin" >"$T/pin.d/$ename"
}

# rows TABLE: how many rows the database holds there (sqlite3).
rows() { sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM $1"; }

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
