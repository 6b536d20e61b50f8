# lib.sh — terminal-UI tests: the real binary in a private tmux server,
# driven by send-keys and read back with capture-pane.
set -u
: "${DUTYDESK:?set DUTYDESK to the dutydesk binary}"
command -v tmux >/dev/null || { echo "tmux is not installed: skipping"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dutydesk-tui.XXXXXX")
SOCK="dutydesk-tui-$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
export DUTYDESK_DB="$T/desk.db"
export TZ=CST-8
export LC_ALL=C.UTF-8
unset DUTYDESK_OPERATOR DUTYDESK_NOW
failures=0
# tui NAME … DUTYDESK_NOW=T -- …: the UI at time T (libfaketime; clock.sh).
. "$(dirname "$0")/../clock.sh"

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The office as these tests need it, enrolled through the command line as in
# tests/cli/lib.sh: the first admin (周凯琳) enrols herself with $ADMIN_PIN;
# desk_init NAME... enrols NAME... without a PIN and lets operators act
# unverified (config operator-pin optional), so that a sign-in asks no PIN
# but where a test sets one (set_pin NAME PIN).
ADMIN_PIN=2468
as_admin() {
  printf '%s\n' "$ADMIN_PIN" | "$DUTYDESK" --operator 周凯琳 "$@" --pin-stdin >/dev/null 2>&1
}
desk_init() {
  "$DUTYDESK" init >/dev/null 2>&1 || fail "init"
  printf '%s\n' "$ADMIN_PIN" | "$DUTYDESK" --operator 周凯琳 pin set 周凯琳 --pin-stdin \
    >/dev/null 2>&1 || fail "the first admin's PIN"
  enrol "$@"
}
# enrol NAME...: on the roster (unless the shipped one has them), no PIN;
# operators may act unverified.
enrol() {
  as_admin config operator-pin optional || fail "operator-pin optional"
  for n in "$@"; do
    as_admin person add "$n" || "$DUTYDESK" roster --format csv | grep -q ",$n," ||
      fail "enrol $n"
  done
}
set_pin() {
  printf '%s\n%s\n' "$ADMIN_PIN" "$2" | "$DUTYDESK" --operator 周凯琳 pin set "$1" --pin-stdin \
    >/dev/null 2>&1 || fail "PIN of $1"
}

# tui NAME COLS ROWS [ENV=VALUE...] -- ARGS: start the UI in window NAME
tui() {
  name=$1 cols=$2 rows=$3; shift 3
  envs="" ; while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
  [ "${1:-}" = "--" ] && shift
  tmux -L "$SOCK" -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" \
    "env DUTYDESK_DB='$DUTYDESK_DB' TZ=CST-8 LC_ALL=C.UTF-8 $envs '$DUTYDESK' $*; echo \"[exit \$?]\"; sleep 30"
}

keys() { n=$1; shift; tmux -L "$SOCK" send-keys -t "$n" "$@"; }
type_text() { tmux -L "$SOCK" send-keys -t "$1" -l "$2"; }
screen() { tmux -L "$SOCK" capture-pane -p -t "$1"; }
resize() { tmux -L "$SOCK" resize-window -t "$1" -x "$2" -y "$3"; }

# wait_for NAME TEXT [SECONDS]: until TEXT is on the screen (default 5 s)
wait_for() {
  n=$1 text=$2 limit=${3:-5}
  i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    if screen "$n" | grep -qF -- "$text"; then return 0; fi
    sleep 0.05; i=$((i + 1))
  done
  fail "'$text' did not appear within ${limit}s on $n; screen:"
  screen "$n" >&2
  return 1
}

# wait_gone NAME TEXT [SECONDS]
wait_gone() {
  n=$1 text=$2 limit=${3:-5}
  i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    if ! screen "$n" | grep -qF -- "$text"; then return 0; fi
    sleep 0.05; i=$((i + 1))
  done
  fail "'$text' still on $n after ${limit}s"
  return 1
}

# The widest line on screen, in columns (by East Asian width).
max_width() {
  screen "$1" | python3 -c '
import sys, unicodedata
w = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    n = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    w = max(w, n)
print(w)'
}

finish() {
  if [ "$failures" -ne 0 ]; then echo "$failures failure(s)" >&2; exit 1; fi
  echo ok; exit 0
}
