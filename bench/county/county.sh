#!/bin/sh
# county.sh DUTYDESK COUNTY-BENCH DIR — the county on PostgreSQL, measured.
#
# On a PostgreSQL 15 server of its own (as tests/pg.sh: initdb in DIR, a Unix
# socket, no TCP; as nobody when run as root), with the server's defaults
# for durability (fsync on):
#  1. one desk of COUNTY_EVENTS events (default 200,000) made by the bulk
#     writer, copied COUNTY_TOWNS times (default 25), each copy then named a
#     town of its own (`dutydesk init --town`, on its chain);
#  2. every town's `dutydesk sync` at once: the wall time, events per second,
#     each sync's time (min/median/max), the load average;
#  3. PostgreSQL's own COPY of the same rows (exported from county.events)
#     into a bare table of the same columns, no index, no trigger;
#  4. the county status read on the loaded database (COUNTY_RUNS runs);
#  5. one town's catch-up after a day offline: COUNTY_CATCHUP (2,000) new
#     events on its desk, then its sync alone.
# The desks are kept in DIR and made again when the sizes change.
set -eu
DD=$1 CB=$2 DIR=$3
TOWNS=${COUNTY_TOWNS:-25}
EVENTS=${COUNTY_EVENTS:-200000}
CATCHUP=${COUNTY_CATCHUP:-2000}
RUNS=${COUNTY_RUNS:-21}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 is not installed (postgresql-15)"; exit 77; }
export TZ=CST-8 LC_ALL=C.UTF-8 DUTYDESK_OPERATOR=
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'; }
stats() { # min/median/max of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { printf "min %s ms, median %s ms, max %s ms", v[1], v[int((NR + 1) / 2)], v[NR] }'
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

# ---- the desks ------------------------------------------------------------
# The towns' history ends three days ago, one event every 30 s.
START=$(( $(date +%s) - 3 * 86400 - EVENTS * 30 ))
stamp="$EVENTS $TOWNS v2"
if [ "$(cat "$DIR/desks.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$DIR/desks/town"* "$DIR/desks.stamp"
  mkdir -p "$DIR/desks"
  if [ "$(cat "$DIR/base.stamp" 2>/dev/null)" != "$EVENTS" ]; then
    rm -f "$DIR/desks/base.db"*
    t0=$(now)
    "$CB" gen "$DIR/desks/base.db" "$EVENTS" "$START" >/dev/null
    sqlite3 "$DIR/desks/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    echo "$EVENTS" >"$DIR/base.stamp"
    echo "one desk of $EVENTS events made in $(ms "$t0" "$(now)") ms"
  fi
  echo "copying it $TOWNS times, each named a town of its own"
  i=1
  while [ "$i" -le "$TOWNS" ]; do
    cp "$DIR/desks/base.db" "$DIR/desks/town$i.db"
    "$DD" --db "$DIR/desks/town$i.db" init --town "$(printf '测试%02d镇' "$i")" >/dev/null 2>&1
    sqlite3 "$DIR/desks/town$i.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    i=$((i + 1))
  done
  echo "$stamp" >"$DIR/desks.stamp"
fi
W=$DIR/work
rm -rf "$W"
mkdir -p "$W"
i=1
while [ "$i" -le "$TOWNS" ]; do cp "$DIR/desks/town$i.db" "$W/town$i.db"; i=$((i + 1)); done

# ---- the server -----------------------------------------------------------
PGDIR=$(mktemp -d /tmp/ddpgbench.XXXXXX)
as=""
if [ "$(id -u)" = 0 ]; then
  chown nobody "$PGDIR"
  as="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups --reset-env"
fi
chmod 755 "$PGDIR"
stop() {
  [ -f "$PGDIR/data/postmaster.pid" ] &&
    $as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$PGDIR"
}
trap stop EXIT
(cd "$PGDIR" && $as "$PGBIN/initdb" -D "$PGDIR/data" -U county --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1) || { cat "$PGDIR/initdb.log"; exit 1; }
(cd "$PGDIR" && $as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-k $PGDIR -c listen_addresses= -c max_connections=100 -c shared_buffers=256MB \
-c max_wal_size=4GB" start >/dev/null 2>&1) || { cat "$PGDIR/server.log"; exit 1; }
sql() { "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PGDIR" -U county -d county "$@"; }
"$PGBIN/psql" -X -q -h "$PGDIR" -U county -d postgres -c "CREATE DATABASE county"
URL="host=$PGDIR dbname=county user=county"
# The schema, made once before the towns arrive (by the first contact).
"$CB" status "$URL" 1 >/dev/null
sql -c "SELECT 1" >/dev/null

# ---- every town at once ---------------------------------------------------
echo "load before: $(load); $(nproc) cores"
# The load average, every 5 s while the towns sync.
( while :; do load >>"$W/loads"; sleep 5; done ) &
sampler=$!
t0=$(now)
pids=""
i=1
while [ "$i" -le "$TOWNS" ]; do
  ( s=$(now); "$DD" --db "$W/town$i.db" sync --to "$URL" >"$W/sync$i.log" 2>&1 ||
      { echo "town $i: sync failed: $(cat "$W/sync$i.log")" >&2; exit 1; }
    ms "$s" "$(now)" >"$W/time$i" ) &
  pids="$pids $!"
  i=$((i + 1))
done
failed=0
for p in $pids; do wait "$p" || failed=1; done
t1=$(now)
kill "$sampler" 2>/dev/null || true
[ "$failed" = 0 ] || exit 1
peak=$(sort -n "$W/loads" | tail -1)
total=$(sql -c "SELECT count(*) FROM county.events")
wall=$(ms "$t0" "$t1")
echo "sync: $TOWNS towns at once, $total events in $wall ms:" \
  "$(awk -v n="$total" -v w="$wall" 'BEGIN { printf "%.0f", n / (w / 1000) }') events/s"
echo "  each town's sync: $(cat "$W"/time* | stats)"
echo "  load average: highest seen while syncing (every 5 s) $peak; after $(load)"

# ---- PostgreSQL's own COPY of the same rows --------------------------------
sql -c "COPY (SELECT * FROM county.events ORDER BY town, seq) TO STDOUT" >"$W/events.copy"
sql -c "CREATE TABLE bare (LIKE county.events)"
t0=$(now)
sql -c "COPY bare FROM STDIN" <"$W/events.copy"
t1=$(now)
wall=$(ms "$t0" "$t1")
echo "COPY of the same $total rows into a bare table: $wall ms:" \
  "$(awk -v n="$total" -v w="$wall" 'BEGIN { printf "%.0f", n / (w / 1000) }') rows/s"
sql -c "DROP TABLE bare"
rm -f "$W/events.copy"
sql -c "ANALYZE" >/dev/null

# ---- the status read on the loaded database --------------------------------
echo "county status read: $("$CB" status "$URL" "$RUNS")"
echo "  load average: $(load)"

# ---- a town's catch-up after a day offline ---------------------------------
# Three towns in turn, each alone: a day's new events on its desk, then its sync.
: >"$W/catch.times"
n=0
for r in 1 2 3; do
  [ "$r" -le "$TOWNS" ] || break
  "$CB" gen "$W/town$r.db" "$CATCHUP" "$(( $(date +%s) - CATCHUP * 30 - 60 ))" >/dev/null
  s=$(now)
  "$DD" --db "$W/town$r.db" sync --to "$URL" >"$W/catch.log" 2>&1 || { cat "$W/catch.log"; exit 1; }
  ms "$s" "$(now)" >>"$W/catch.times"
  n=$(grep -o 'sent [0-9]* event' "$W/catch.log" | tr -dc '0-9')
done
echo "catch-up after a day offline ($n new events a town, $(wc -l <"$W/catch.times") towns" \
  "in turn): $(stats <"$W/catch.times") (load $(load))"
echo "county status read after it: $("$CB" status "$URL" "$RUNS")"
