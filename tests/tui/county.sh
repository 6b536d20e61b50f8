#!/bin/sh
# The open desk syncs with the county: with county-url set, the UI starts
# `dutydesk sync` in a process of its own beside the chase; the county then
# holds the desk's whole chain, and the status line says how long ago the
# sync succeeded.  The banner names the town.  A county that goes away makes
# the status line say the sync failed, and the desk keeps working.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../pg.sh"

"$DUTYDESK" init --town 枫桥镇 >/dev/null 2>&1 || fail "init"
desk_init 王值班
pg_sql postgres -c "CREATE DATABASE county" || fail "creating the county database"
as_admin config county-url "$(pg_url county)" || fail "county-url"

tui a 160 40 -- --operator 王值班
wait_for a "枫桥镇 · dutydesk"
wait_for a "county synced" 40
chain=$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM event")
held=$(pg_sql county -c "SELECT head_seq FROM county.towns WHERE town = '枫桥镇'")
[ "$held" -ge $((chain - 1)) ] || fail "the county holds #$held of $chain events"

# The county goes away: the next round says so; the desk works on.
as_admin config county-url "host=$T/gone dbname=county" || fail "county-url gone"
wait_for a "FAILED" 45
"$DUTYDESK" --operator 王值班 log add --kind call --summary "县里连不上" >/dev/null 2>&1 ||
  fail "log add while the county is away"
keys a q
finish
