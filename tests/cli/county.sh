#!/bin/sh
# The county's copy on a real PostgreSQL 15 (tests/pg.sh): two towns sync;
# a resend changes nothing; a sync killed mid-way resumes where the county's
# copy ends; a town restored from an old backup, or a second desk claiming a
# town's name, is refused and flagged; a county of another schema version, a
# county that does not answer and a refused password each say why in one
# line while the desk keeps working; county status in text and CSV.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../pg.sh"

A=$T/fengqiao.db
B=$T/majian.db
export DUTYDESK_OPERATOR=$ADMIN

pg_sql postgres -c "CREATE DATABASE county" || fail "creating the county database"
URL=$(pg_url county)

# ---- the town's name ---------------------------------------------------------
expect_status 2 "$DUTYDESK" --db "$T/x.db" init --town ""
expect_grep "the town's name is empty" "$T/err"
expect_status 2 "$DUTYDESK" --db "$T/x.db" init --town "$(printf '枫桥\t镇')"
expect_status 2 "$DUTYDESK" --db "$T/x.db" init --town "$(printf '%070d' 0)"
[ -e "$T/x.db" ] && fail "a refused town name made a database"
expect_status 0 "$DUTYDESK" --db "$A" init --town 枫桥镇
expect_grep "the desk of 枫桥镇" "$T/err"
expect_status 0 "$DUTYDESK" --db "$A" init --town 枫桥镇
expect_status 4 "$DUTYDESK" --db "$A" init --town 店口镇
expect_grep "named once" "$T/err"
desk_init "$A"
expect_status 0 "$DUTYDESK" --db "$B" init
expect_grep "the desk of 马剑镇" "$T/err"
desk_init "$B"
[ "$(sqlite3 "$A" 'SELECT desk_id FROM town')" != "$(sqlite3 "$B" 'SELECT desk_id FROM town')" ] ||
  fail "two desks got one desk id"

# The town on the papers.
dd --db "$A" report daily >"$T/report.txt" 2>&1 || fail "report daily: $(cat "$T/report.txt")"
expect_grep "枫桥镇" "$T/report.txt"
dd --db "$A" handover >"$T/sheet.txt" 2>&1 || fail "handover: $(cat "$T/sheet.txt")"
expect_grep "枫桥镇" "$T/sheet.txt"

for i in 1 2 3 4 5; do
  dd --db "$A" log add --kind call --summary "枫桥来电 $i" >/dev/null 2>&1 || fail "log add A $i"
done
dd --db "$B" log add --kind call --summary "马剑来电" >/dev/null 2>&1 || fail "log add B"

# chain DB: the desk's chain, one "seq hash" a line; county TOWN: the county's.
chain() { sqlite3 "$1" "SELECT id || ' ' || lower(hex(hash)) FROM event ORDER BY id"; }
county() {
  pg_sql county -c "SELECT seq || ' ' || encode(hash, 'hex') FROM county.events
    WHERE town = '$1' ORDER BY seq"
}
county_sum() { pg_sql county -c "SELECT md5(string_agg(town || seq || encode(hash, 'hex') ||
    body, ',' ORDER BY town, seq)) FROM county.events"; }

# ---- sync, resend ------------------------------------------------------------
expect_status 2 dd --db "$A" sync
expect_grep "config county-url" "$T/err"
expect_status 0 dd --db "$A" sync --to "$URL"
expect_grep "it holds the town's chain up to #" "$T/err"
expect_status 0 dd --db "$B" config county-url "$URL"
expect_status 0 dd --db "$B" sync
expect_eq "枫桥镇's chain at the county" "$(chain "$A")" "$(county 枫桥镇)"
expect_eq "马剑镇's chain at the county" "$(chain "$B")" "$(county 马剑镇)"
expect_eq "the entries at the county" 5 \
  "$(pg_sql county -c "SELECT count(*) FROM county.incidents WHERE town = '枫桥镇'")"
before=$(county_sum)
expect_status 0 dd --db "$A" sync --to "$URL"
expect_grep "sent 0 event(s)" "$T/err"
expect_status 0 dd --db "$B" sync
expect_eq "a resend changes nothing" "$before" "$(county_sum)"
expect_eq "the sync's record" "1|" \
  "$(sqlite3 "$A" "SELECT ok_at > 0, error FROM county_sync")"

# The county's copy cannot be rewritten, nor its head moved, by hand.
pg_sql county -c "UPDATE county.events SET body = '{}' WHERE seq = 1" 2>"$T/pgerr" &&
  fail "an event at the county was updated"
expect_grep "append-only" "$T/pgerr"
pg_sql county -c "UPDATE county.towns SET head_seq = 1" 2>"$T/pgerr" &&
  fail "a town's head was moved by hand"
pg_sql county -c "INSERT INTO county.events SELECT town, seq + 1000, at, actor_id, type,
  entry_id, drill, body, entry, prev, hash FROM county.events WHERE town = '枫桥镇' AND seq = 1" \
  2>"$T/pgerr" && fail "an event from no desk was taken"
expect_grep "held by another desk" "$T/pgerr"
pg_sql county -c "BEGIN; SELECT set_config('county.desk', desk_id, true) FROM county.towns
  WHERE town = '枫桥镇'; INSERT INTO county.events SELECT town, seq + 1, at, actor_id, type,
  entry_id, drill, body, entry, prev, hash FROM county.events WHERE town = '枫桥镇'
  ORDER BY seq DESC LIMIT 1; COMMIT" >/dev/null 2>"$T/pgerr" &&
  fail "an event that does not continue the chain was taken"
expect_grep "does not continue the chain" "$T/pgerr"

# ---- a sync cut at any point resumes ------------------------------------------
cp "$A" "$T/fengqiao-old.db"      # the backup restored below
i=0
while [ $i -lt 30 ]; do
  dd --db "$A" log add --kind other --summary "断点续传 $i" >/dev/null 2>&1 || fail "log add $i"
  i=$((i + 1))
done
seed=${COUNTY_SEED:-$$}
echo "county: cut seed $seed"
# A slow county (200 ms a batch, inside its transaction), so that a kill
# lands in the middle: between batches, or with one in flight.
pg_sql county -c "CREATE FUNCTION public.slow() RETURNS trigger LANGUAGE plpgsql AS
  \$\$ BEGIN PERFORM pg_sleep(0.2); RETURN NULL; END \$\$;
  CREATE TRIGGER slow AFTER INSERT ON county.events FOR EACH STATEMENT
  EXECUTE FUNCTION public.slow()" || fail "slowing the county"
head_of() { pg_sql county -c "SELECT head_seq FROM county.towns WHERE town = '$1'"; }
total=$(chain "$A" | wc -l | tr -d ' ')
cuts=0 round=0
while [ $round -lt 8 ]; do
  round=$((round + 1))
  start=$(head_of 枫桥镇)
  DUTYDESK_SYNC_BATCH=2 "$DUTYDESK_REAL" --db "$A" sync --to "$URL" >/dev/null 2>&1 &
  pid=$!
  # Once a batch is in, a little later: between batches or in one.
  i=0
  while [ "$(head_of 枫桥镇)" = "$start" ] && [ $i -lt 200 ]; do i=$((i + 1)); done
  sleep "0.0$(( (seed + round * 7) % 9 ))"
  kill -9 $pid 2>/dev/null && cuts=$((cuts + 1))
  wait $pid 2>/dev/null
  held=$(head_of 枫桥镇)
  echo "county: cut $round: the county holds #$held of #$total"
  expect_eq "after cut $round, the county holds a whole prefix" \
    "$(chain "$A" | head -n "$held")" "$(county 枫桥镇)"
  [ "$held" = "$total" ] && break
done
pg_sql county -c "DROP TRIGGER slow ON county.events" || fail "the county at speed again"
[ $cuts -ge 3 ] || fail "only $cuts sync(s) were cut"
# A connection that fails: the desk notes why and keeps working.
expect_status 1 dd --db "$A" sync --to "host=$T/nowhere dbname=county"
expect_grep "cannot reach the county database" "$T/err"
[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line: $(cat "$T/err")"
sqlite3 "$A" "SELECT error FROM county_sync" | grep -q "cannot reach" ||
  fail "the failed sync is not recorded in the desk"
expect_status 0 dd --db "$A" log add --kind call --summary "县里连不上也照常记录"
expect_status 0 dd --db "$A" sync --to "$URL"
expect_eq "after $cuts cut(s), 枫桥镇's whole chain" "$(chain "$A")" "$(county 枫桥镇)"

# ---- the state of each town, and county status ---------------------------------
expect_status 0 dd --db "$B" log add --kind positive --summary "马剑村初筛阳性1例"
expect_status 0 dd --db "$B" sync
expect_status 0 dd --db "$A" county status --url "$URL" --format csv
expect_eq "the CSV's header" "town,mode,since,open,overdue,report,last_sync" "$(head -n 1 "$T/out")"
grep -q '^马剑镇,taskforce,2021-12-16T09:00:00+08:00,[1-9][0-9]*,0,missing,20' "$T/out" ||
  fail "马剑镇 in task force: $(cat "$T/out")"
grep -q '^枫桥镇,normal,,0,0,missing,20' "$T/out" || fail "枫桥镇: $(cat "$T/out")"
expect_status 0 dd --db "$B" county status
expect_grep "TOWN" "$T/out"
expect_grep "LAST SYNC" "$T/out"
grep "马剑镇" "$T/out" | grep -q "task force" || fail "text status: $(cat "$T/out")"

# ---- divergence: a town restored from an old backup -----------------------------
A2=$T/fengqiao-old.db
dd --db "$A2" log add --kind call --summary "恢复备份后的另一条记录" >/dev/null 2>&1 ||
  fail "log add on the restored desk"
before=$(county_sum)
expect_status 4 dd --db "$A2" sync --to "$URL"
expect_grep "the county refused 枫桥镇's history" "$T/err"
[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line: $(cat "$T/err")"
expect_eq "a refused town sends nothing" "$before" "$(county_sum)"
expect_eq "flagged at the county" "t" \
  "$(pg_sql county -c "SELECT diverged_at IS NOT NULL FROM county.towns WHERE town = '枫桥镇'")"
expect_status 0 dd --db "$A2" log add --kind call --summary "被拒后照常记录"
expect_status 0 dd --db "$A" county status --url "$URL" --format csv
grep -q '^枫桥镇,diverged,' "$T/out" || fail "diverged in CSV: $(cat "$T/out")"
expect_status 0 dd --db "$A" county status --url "$URL"
expect_grep "DIVERGED" "$T/out"
expect_grep "restored from an older backup" "$T/out"

# ---- a second desk claiming a town's name ---------------------------------------
pg_sql postgres -c "CREATE DATABASE claims" || fail "creating a second county"
CURL=$(pg_url claims)
expect_status 0 dd --db "$B" sync --to "$CURL"
C=$T/impostor.db
"$DUTYDESK" --db "$C" init >/dev/null 2>&1 || fail "init C"
expect_status 4 "$DUTYDESK" --db "$C" sync --to "$CURL"
expect_grep "another desk" "$T/err"
expect_eq "nothing of the second desk taken" "$(chain "$B" | wc -l | tr -d ' ')" \
  "$(pg_sql claims -c "SELECT count(*) FROM county.events")"
expect_eq "the name flagged" "t" \
  "$(pg_sql claims -c "SELECT diverged_at IS NOT NULL FROM county.towns WHERE town = '马剑镇'")"

# ---- a county of another schema version ------------------------------------------
pg_sql claims -c "UPDATE county.version SET version = 99" || fail "the version row"
expect_status 4 dd --db "$B" sync --to "$CURL"
expect_grep "schema version 99" "$T/err"
expect_status 4 dd --db "$B" county status --url "$CURL"

# ---- a county that does not answer ------------------------------------------------
mkdir "$T/mute"
python3 - "$T/mute/.s.PGSQL.5432" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(5)
conns = []
while True:
    c, _ = s.accept()     # accepts, and never says a word
    conns.append(c)
PY
mute=$!
i=0
while [ ! -S "$T/mute/.s.PGSQL.5432" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t0=$(date +%s)
expect_status 1 dd --db "$A" sync --to "host=$T/mute dbname=county connect_timeout=2"
t1=$(date +%s)
kill $mute 2>/dev/null
expect_grep "cannot reach the county database" "$T/err"
[ $((t1 - t0)) -le 10 ] || fail "a county that does not answer held the sync $((t1 - t0)) s"
expect_status 0 dd --db "$A" log add --kind call --summary "县里不应答也照常记录"

# ---- a password refused; a town's own role --------------------------------------
pg_sql county -c "CREATE ROLE pwtown LOGIN PASSWORD 'right-one';
  GRANT CONNECT ON DATABASE county TO pwtown; GRANT USAGE ON SCHEMA county TO pwtown;
  GRANT SELECT ON ALL TABLES IN SCHEMA county TO pwtown;
  GRANT INSERT ON county.events TO pwtown;" || fail "the town's role"
D=$T/diankou.db
"$DUTYDESK" --db "$D" init --town 店口镇 >/dev/null 2>&1 || fail "init D"
desk_init "$D"
expect_status 2 dd --db "$D" config county-url "$(pg_url county pwtown) password=right-one"
expect_grep "password file" "$T/err"
expect_status 1 dd --db "$D" sync --to "$(pg_url county pwtown) password=wrong"
expect_grep "password authentication failed" "$T/err"
[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line: $(cat "$T/err")"
printf '*:*:county:pwtown:right-one\n' >"$T/pgpass"
chmod 600 "$T/pgpass"
expect_status 0 dd --db "$D" config county-url "$(pg_url county pwtown)"
PGPASSFILE=$T/pgpass expect_status 0 dd --db "$D" sync
expect_eq "店口镇's chain, sent as its own role" "$(chain "$D")" "$(county 店口镇)"
pg_sql county -c "SET ROLE pwtown; UPDATE county.events SET body = '{}'" 2>/dev/null &&
  fail "the town's role updated the county's copy"

# ---- notify --watch syncs each round -----------------------------------------------
expect_status 0 dd --db "$B" log add --kind call --summary "值守进程同步"
expect_status 0 dd --db "$B" config county-url "$URL"
"$DUTYDESK" --db "$B" notify --watch >/dev/null 2>"$T/watch.err" &
watch=$!
i=0
while [ "$(chain "$B")" != "$(county 马剑镇)" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill $watch; wait $watch 2>/dev/null
expect_eq "notify --watch synced 马剑镇" "$(chain "$B")" "$(county 马剑镇)"
expect_grep " event(s) to the county" "$T/watch.err"
# A round with nothing to send says nothing.
expect_status 0 dd --db "$B" sync --quiet
[ -s "$T/err" ] && fail "sync --quiet with nothing to send said: $(cat "$T/err")"

# ---- the county's program ------------------------------------------------------------
# Only dutydesk-county links libpq (and TLS, Kerberos, LDAP behind it): every
# other command starts without them.
if command -v ldd >/dev/null; then
  ldd "$DUTYDESK_REAL" >"$T/ldd" 2>&1
  grep -E "libpq|libssl|libgssapi|libldap" "$T/ldd" >/dev/null &&
    fail "dutydesk itself links libpq: $(cat "$T/ldd")"
  ldd "$(dirname "$DUTYDESK_REAL")/dutydesk-county" | grep -q libpq ||
    fail "dutydesk-county does not link libpq"
fi
# Missing, it is named in one line, and nothing else fails.
DUTYDESK_COUNTY_PROGRAM=$T/nowhere expect_status 1 dd --db "$B" sync
expect_grep "county's program is not installed" "$T/err"
[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line: $(cat "$T/err")"
DUTYDESK_COUNTY_PROGRAM=$T/nowhere expect_status 0 dd --db "$B" log add --kind call \
  --summary "县里程序不在也照常记录"
# The options every command shares reach it wherever they stand, and its
# exit status and messages are its own.
expect_status 0 dd county status --format csv --db "$B"   # B's county-url
expect_grep "马剑镇,taskforce," "$T/out"

finish
