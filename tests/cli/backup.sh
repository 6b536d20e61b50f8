#!/bin/sh
# A backup of the live database while another process keeps writing to it
# (`dutydesk log add` in a loop): the backup opens, passes `check`, and holds
# every entry committed before it started.
. "$(dirname "$0")/lib.sh"

expect_status 0 dd init
desk_init
enrol 王值班
enrol 李值班
export DUTYDESK_OPERATOR=王值班
i=0
while [ $i -lt 20 ]; do
  dd log add --kind call --summary "备份前的记录 $i" >/dev/null 2>&1 || fail "log add $i"
  i=$((i + 1))
done

count() { dd "$@" log list --format csv | tail -n +2 | wc -l | tr -d ' '; }

# The writer: another operator at another terminal, recording without pause
# until told to stop.
(
  n=0
  while [ ! -e "$T/stop" ]; do
    if ! DUTYDESK_OPERATOR=李值班 dd log add --kind other --summary "后台写入 $n" \
        >/dev/null 2>>"$T/writer.err"; then
      echo "$n" >>"$T/writer.failed"
    fi
    n=$((n + 1))
  done
) &
writer=$!

# Wait until the writer is under way.
tries=0
while [ "$(count)" -lt 25 ] && [ $tries -lt 200 ]; do
  sleep 0.05
  tries=$((tries + 1))
done
[ "$(count)" -ge 25 ] || fail "the writer did not get going"

# Everything committed before the backup starts ...
dd log list --format csv | tail -n +2 | cut -d, -f1 | sort >"$T/before.ids"
expect_status 0 dd backup "$T/backup.db"
expect_grep "backed up" "$T/err"
# ... while the writer goes on a little longer.
during=$(count)
sleep 0.3
touch "$T/stop"
wait "$writer"
[ -e "$T/writer.failed" ] && fail "the writer failed: $(cat "$T/writer.err")"
after=$(count)
[ "$after" -gt "$during" ] || fail "the writer stopped during the backup ($during, $after)"

# The backup opens and passes the check: the database and the log's chain.
expect_status 0 dd --db "$T/backup.db" check
expect_grep "database: ok" "$T/out"
expect_grep "log chain: ok" "$T/out"

# It holds every entry committed before it started.
dd --db "$T/backup.db" log list --format csv | tail -n +2 | cut -d, -f1 | sort \
  >"$T/backup.ids"
missing=$(comm -23 "$T/before.ids" "$T/backup.ids" | wc -l | tr -d ' ')
expect_eq "entries missing from the backup" "0" "$missing"
[ "$(wc -l <"$T/backup.ids")" -ge 20 ] || fail "the backup holds too few entries"

# The live database is still whole too.
expect_status 0 dd check

# A backup never overwrites a file.
expect_status 2 dd backup "$T/backup.db"
expect_grep "already exists" "$T/err"

finish
