#!/bin/sh
# A process killed mid-entry loses nothing acknowledged and leaves nothing
# half written.  `dutydesk log add` is killed with SIGKILL at a random moment
# of each of hundreds of runs (tests/crash/crashkill.c), then: every entry
# whose id was printed is there with its text, no entry is there without its
# event, its search row and (a positive case) its escalations, and `check`
# passes.  Then the same through a schema upgrade: an older database
# (tests/crash/oldschema.c) upgraded by a `log add` killed at random is left
# either untouched or upgraded, never in between, its entries all there.
# CRASH_RUNS and CRASH_SEED change the number of runs and replay a seed.
. "$(dirname "$0")/lib.sh"
: "${CRASHKILL:?set CRASHKILL to tests/crash/crashkill}"
: "${OLDSCHEMA:?set OLDSCHEMA to tests/crash/oldschema}"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }
# Under the sanitizers every start costs several times more: fewer runs.
if ldd "$DUTYDESK" 2>/dev/null | grep -q 'libasan\|libubsan'; then
  RUNS=${CRASH_RUNS:-60}
else
  RUNS=${CRASH_RUNS:-300}
fi
SEED=${CRASH_SEED:-20211216}
echo "seed $SEED, $RUNS runs (CRASH_SEED=$SEED replays them)"

q() { sqlite3 -batch -noheader "$1" "$2"; }

# max_time DB CMD...: the longest of three uncut runs, in microseconds.
max_time() {
  m=0
  for _ in 1 2 3; do
    t=$("$CRASHKILL" -T -- "$@" 2>>"$T/calib.err") || fail "uncut run: $*: $(cat "$T/calib.err")"
    [ "$t" -gt "$m" ] && m=$t
  done
  echo "$m"
}

# verify_runs RESULTS DB: each run that printed an id left that entry; none
# but a killed run left an entry it did not acknowledge; no run failed.
verify_runs() {
  res=$1 db=$2
  awk -F '\t' '$2 != "killed" && $2 != "exit=0"' "$res" >"$T/bad-runs"
  [ -s "$T/bad-runs" ] &&
    fail "runs that failed: $(head -5 "$T/bad-runs"); stderr: $(tail -5 "$T/kill.err")"
  awk -F '\t' '$3 ~ /^[0-9]+$/ {print $3 "|崩溃测试 " $1}' "$res" | sort >"$T/printed"
  q "$db" "SELECT id || '|' || summary FROM entry WHERE summary LIKE '崩溃测试 %'" |
    sort >"$T/stored"
  comm -23 "$T/printed" "$T/stored" >"$T/lost"
  [ -s "$T/lost" ] && fail "acknowledged entries missing or changed: $(head -5 "$T/lost")"
  # Stored but not acknowledged: only a run killed between its commit and
  # its printout may leave one.
  comm -13 "$T/printed" "$T/stored" | sed 's/.*|崩溃测试 //' >"$T/unacked"
  while read -r run; do
    awk -F '\t' -v r="$run" '$1 == r && $2 == "killed" {f = 1} END {exit !f}' "$res" ||
      fail "entry of run $run is stored but was not acknowledged, and the run was not killed"
  done <"$T/unacked"
  dups=$(q "$db" "SELECT summary FROM entry WHERE summary LIKE '崩溃测试 %'
                  GROUP BY summary HAVING count(*) > 1 LIMIT 3")
  expect_eq "entries stored twice" "" "$dups"
}

# whole DB: no entry is half there, and the database and its chain check out.
whole() {
  db=$1
  # Its search row (contentless FTS5: one docsize row per indexed text;
  # rowid = id * 1024 for the entry itself).
  expect_eq "entries without a search row" "" \
    "$(q "$db" "SELECT id FROM entry e WHERE NOT EXISTS (SELECT 1 FROM entry_fts_docsize d
                WHERE d.id = e.id * 1024) LIMIT 5")"
  expect_eq "entries without a created event" "" \
    "$(q "$db" "SELECT id FROM entry e WHERE NOT EXISTS (SELECT 1 FROM event v
                WHERE v.entry_id = e.id AND v.type = 'created') LIMIT 5")"
  expect_eq "positive cases without escalations" "" \
    "$(q "$db" "SELECT id FROM entry e WHERE kind = 'positive' AND (NOT EXISTS
                (SELECT 1 FROM notification n WHERE n.entry_id = e.id) OR NOT EXISTS
                (SELECT 1 FROM event v WHERE v.entry_id = e.id AND v.type = 'escalated'))
                LIMIT 5")"
  # Search through the program finds every one of them.
  n=$(q "$db" "SELECT count(*) FROM entry WHERE summary LIKE '崩溃测试 %' AND drill = 0")
  expect_status 0 dd --db "$db" log list --search 崩溃测试 --format csv
  expect_eq "entries found by search" "$n" "$(($(wc -l <"$T/out") - 1))"
  expect_status 0 dd --db "$db" check
  expect_grep "log chain: ok" "$T/out"
}

# 1. Hundreds of entries, each process killed at a random moment: calls,
# positive cases (mode change and escalations in the same transaction),
# follow-ups.
expect_status 0 dd init
# What is proved here is the log's, not who is at the desk: 王值班 has no PIN
# and operators may write unverified, so that the kills fall on the writing,
# not on a deliberate Argon2 hashing before it.
desk_init
enrol 王值班 operator -
as_pin "$ADMIN_PIN" "$DUTYDESK" --operator "$ADMIN" config operator-pin optional 2>/dev/null ||
  fail "operator-pin optional"
export DUTYDESK_OPERATOR=王值班
dd log add --kind call --summary 来电 >/dev/null 2>&1 || fail "first entry"
max=$(max_time "$DUTYDESK" log add --summary 校准 --kind positive)
max=$((max + max / 5))
echo "an uncut log add takes up to ${max} µs (with a fifth more)"
batch=$((RUNS / 3))
first=1
for kind in call positive "call --parent 1 --source 卫生院 --caller 李四"; do
  # shellcheck disable=SC2086
  "$CRASHKILL" -n "$batch" -m "$max" -s "$((SEED + first))" -f "$first" -- \
    "$DUTYDESK" log add --summary "崩溃测试 @N@" --kind $kind >>"$T/runs" 2>>"$T/kill.err"
  first=$((first + batch))
done
killed=$(grep -c '	killed	' "$T/runs")
acked=$(awk -F '\t' '$3 ~ /^[0-9]+$/' "$T/runs" | wc -l)
echo "log add: $((first - 1)) runs, $killed killed, $acked acknowledged an entry"
[ "$killed" -ge $((RUNS / 4)) ] || fail "only $killed of $RUNS runs were killed: timing is off"
[ "$acked" -ge $((RUNS / 20)) ] || fail "only $acked runs acknowledged an entry: timing is off"
verify_runs "$T/runs" "$DUTYDESK_DB"
whole "$DUTYDESK_DB"
# The next writer is not hindered by what the killed ones left.
expect_status 0 dd log add --kind call --summary "崩溃测试 after"

# 2. An upgrade killed at random: an older database with entries, copied
# afresh for each run, upgraded by a `log add` (migrations, then the entry)
# of its operator (tests/crash/oldschema.c).
export DUTYDESK_OPERATOR=旧版值班员
: >"$T/kill.err"
latest=$("$OLDSCHEMA" "$T/old.db" 2 30 2>"$T/err") || fail "oldschema: $(cat "$T/err")"
cp_old() { rm -f "$1" "$1-wal" "$1-shm"; cp "$T/old.db" "$1"; cp "$T/old.db-wal" "$1-wal"; }
up="$T/up.db"
m=0
for _ in 1 2 3; do
  cp_old "$up"
  t=$("$CRASHKILL" -T -- "$DUTYDESK" --db "$up" log add --kind positive --summary x) ||
    fail "uncut upgrade failed"
  [ "$t" -gt "$m" ] && m=$t
done
expect_eq "schema after an uncut upgrade" "$latest" "$(q "$up" 'PRAGMA user_version')"
URUNS=$((RUNS / 10 > 16 ? RUNS / 10 : 16))
old_left=0 upgraded=0
i=1
while [ "$i" -le "$URUNS" ]; do
  cp_old "$up"
  "$CRASHKILL" -n 1 -m "$((m + m / 5))" -s "$((SEED + 1000 + i))" -f "$i" -- \
    "$DUTYDESK" --db "$up" log add --kind positive --summary "崩溃测试 @N@" \
    >"$T/urun" 2>>"$T/kill.err"
  v=$(q "$up" 'PRAGMA user_version')
  case "$v" in
    2) old_left=$((old_left + 1)) ;;
    "$latest") upgraded=$((upgraded + 1)) ;;
    *) fail "run $i left schema $v: neither the old 2 nor the new $latest" ;;
  esac
  verify_runs "$T/urun" "$up"
  expect_eq "run $i: old entries" "30" \
    "$(q "$up" "SELECT count(*) FROM entry WHERE summary LIKE '旧版来电 %'")"
  whole "$up"
  expect_eq "run $i: schema after check" "$latest" "$(q "$up" 'PRAGMA user_version')"
  i=$((i + 1))
done
echo "upgrade: $URUNS runs, $old_left left at schema 2, $upgraded upgraded to $latest"
[ "$old_left" -gt 0 ] && [ "$upgraded" -gt 0 ] ||
  fail "the kills did not fall on both sides of the upgrade: timing is off"
finish
