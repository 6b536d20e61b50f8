#!/bin/sh
# Operators writing at once: several processes add entries and mark
# escalation notifications done at the same time, thousands of writes in all,
# while another checks the chain over and over.  Every write succeeds (they
# queue on the busy timeout: none reports a busy database), the exact number
# of entries and done notifications arrives, ids are unique and grow in each
# writer's order, and the chain verifies, during the run and after it.
# CONC_WRITERS and CONC_ENTRIES (per writer) scale it.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }
WRITERS=${CONC_WRITERS:-4}
# Under the sanitizers every start costs several times more: fewer writes.
if ldd "$DUTYDESK" 2>/dev/null | grep -q 'libasan\|libubsan'; then
  PER=${CONC_ENTRIES:-50}
else
  PER=${CONC_ENTRIES:-300}
fi
POSITIVES=$((PER / 8 + 1))   # 7 notifications each, marked done by two more writers

q() { sqlite3 -batch -noheader "$DUTYDESK_DB" "$1"; }

expect_status 0 dd init
# Writers at once, not who they are: the operators have no PINs and may
# write unverified, so that no deliberate Argon2 hashing (64 MiB, a tenth of
# a second each) stands before thousands of writes.
desk_init
for p in 王值班 接报员0 接报员1 $(seq -f "值班员%g" "$WRITERS"); do enrol "$p" operator -; done
as_pin "$ADMIN_PIN" "$DUTYDESK" --operator "$ADMIN" config operator-pin optional 2>/dev/null ||
  fail "operator-pin optional"
for p in $(seq "$POSITIVES"); do
  dd --operator 王值班 log add --kind positive --summary "阳性 $p" >/dev/null 2>&1 ||
    fail "positive case $p"
done
q "SELECT id FROM notification ORDER BY id" >"$T/notifications"
nnotif=$(wc -l <"$T/notifications")
[ "$nnotif" -ge $((POSITIVES * 2)) ] || fail "only $nnotif notifications to mark done"
entries0=$(q "SELECT count(*) FROM entry")

# writer W: PER entries, one process each; "W I ID STATUS" per write.
writer() {
  w=$1
  for i in $(seq "$PER"); do
    id=$(dd --operator "值班员$w" log add --kind call --summary "并发 $w-$i" \
           --source "写者$w" 2>>"$T/err.$w")
    echo "$w $i ${id:-none} $?"
  done >"$T/w.$w"
}
# doer D of 2: marks every second notification done.
doer() {
  d=$1
  awk -v d="$d" 'NR % 2 == d' "$T/notifications" | while read -r n; do
    dd --operator "接报员$d" escalation done "$n" --answered-by "接报人$d" \
      >/dev/null 2>>"$T/err.d$d"
    echo "$n $?"
  done >"$T/d.$d"
}
checker() {
  while [ ! -e "$T/stop" ]; do
    dd check >/dev/null 2>>"$T/err.check"
    echo "$?"
    sleep 0.2
  done >"$T/checks"
}

start=$(date +%s)
checker &
cpid=$!
pids=""
for w in $(seq "$WRITERS"); do writer "$w" & pids="$pids $!"; done
doer 0 & pids="$pids $!"
doer 1 & pids="$pids $!"
# shellcheck disable=SC2086
wait $pids
touch "$T/stop"
wait "$cpid"
secs=$(($(date +%s) - start))
total=$((WRITERS * PER + nnotif))
echo "$total writes by $((WRITERS + 2)) processes at once in ${secs} s;" \
  "$(wc -l <"$T/checks") checks meanwhile"

# Every write succeeded; none met a busy database.
cat "$T"/w.* | awk '$4 != 0 || $3 !~ /^[0-9]+$/' >"$T/failed"
cat "$T"/d.* | awk '$2 != 0' >>"$T/failed"
[ -s "$T/failed" ] && fail "writes failed: $(head -5 "$T/failed"); $(cat "$T"/err.* | head -5)"
if grep -qi "locked\|busy" "$T"/err.*; then
  fail "a writer reported a busy database: $(grep -hi "locked\|busy" "$T"/err.* | head -3)"
fi
expect_eq "checks that failed meanwhile" "" \
  "$(grep -v '^0$' "$T/checks" | sort -u)$(sort -u "$T/err.check" | head -3)"
[ -s "$T/checks" ] || fail "no check ran during the writes"

# The exact count, ids unique, each writer's ids in its order, each id the
# entry its writer wrote.
expect_eq "entries" "$((entries0 + WRITERS * PER))" "$(q "SELECT count(*) FROM entry")"
expect_eq "distinct ids acknowledged" "$((WRITERS * PER))" \
  "$(cat "$T"/w.* | awk '{print $3}' | sort -u | wc -l | tr -d ' ')"
for w in $(seq "$WRITERS"); do
  awk '{print $3}' "$T/w.$w" >"$T/ids.$w"
  sort -n "$T/ids.$w" | cmp -s - "$T/ids.$w" || fail "writer $w: ids out of its order"
done
cat "$T"/w.* | awk '{print $3 "|并发 " $1 "-" $2}' | sort >"$T/acked"
q "SELECT id || '|' || summary FROM entry WHERE summary LIKE '并发 %'" | sort >"$T/stored"
cmp -s "$T/acked" "$T/stored" || fail "acknowledged ids and stored entries differ:
$(diff "$T/acked" "$T/stored" | head -5)"
# Each notification done once, by one 'notified' event.
expect_eq "notifications done" "$nnotif" \
  "$(q "SELECT count(DISTINCT json_extract(body, '$.notification')) FROM event
        WHERE type = 'notified'")"
expect_eq "notified events" "$nnotif" "$(q "SELECT count(*) FROM event WHERE type = 'notified'")"
expect_status 0 dd escalations --open --format csv
expect_eq "open notifications left" "1" "$(wc -l <"$T/out" | tr -d ' ')"
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"
finish
