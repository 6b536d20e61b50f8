#!/bin/sh
# Tamper evidence: someone with the stock sqlite3 tool drops the append-only
# triggers and edits, deletes, reorders or truncates the log.  `dutydesk
# check` finds every case, exits 6 and names the first broken event.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }

q() { sqlite3 -batch -noheader "$1" "$2"; }

# A log with some history: calls, a positive case with its escalations, a
# notification done, an amendment, a closure, a follow-up.
expect_status 0 dd init
desk_init
enrol 王值班
export DUTYDESK_OPERATOR=王值班
for i in 1 2 3 4 5; do
  dd log add --kind call --summary "来电 $i" --source "单位 $i" >/dev/null 2>&1 || fail "entry $i"
done
pos=$(dd log add --kind positive --summary "初筛阳性" 2>/dev/null)
dd escalation done 1 --answered-by 张三 2>/dev/null || fail "escalation done"
dd log amend 2 --summary "来电 2（更正）" --reason 笔误 2>/dev/null || fail "amend"
dd log add --kind call --summary "卫生院回电" --parent "$pos" >/dev/null 2>&1 || fail "follow-up"
dd log close 1 --resolution 已办结 2>/dev/null || fail "close"
dd log add --kind call --summary "最后一条" >/dev/null 2>&1 || fail "last entry"
BASE="$DUTYDESK_DB"
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"

# The triggers refuse the plain edit.
q "$BASE" "UPDATE entry SET summary = '改' WHERE id = 1" 2>"$T/sqlerr" &&
  fail "the append-only trigger let an UPDATE of entry through"
expect_grep "append-only" "$T/sqlerr"
q "$BASE" "DELETE FROM event WHERE id = (SELECT max(id) FROM event)" 2>"$T/sqlerr" &&
  fail "the append-only trigger let a DELETE of event through"

NOTRIG="DROP TRIGGER entry_no_update; DROP TRIGGER entry_no_delete;
        DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;"
# The id of the event of TYPE on entry ENTRY.
ev() { q "$BASE" "SELECT id FROM event WHERE type = '$1' AND entry_id = $2"; }
last=$(q "$BASE" "SELECT max(id) FROM event")

# tampered NAME FIRST_BAD SQL: on a copy, SQL; check exits 6 naming FIRST_BAD.
tampered() {
  name=$1 first=$2 sql=$3 db="$T/$1.db"
  [ -n "$first" ] || fail "$name: no event to expect"
  dd backup "$db" 2>/dev/null || fail "$name: backup"
  q "$db" "$NOTRIG $sql" || fail "$name: the tampering itself failed"
  expect_status 6 dd --db "$db" check
  expect_grep "log chain: BROKEN at event #$first:" "$T/out"
  expect_grep "dutydesk: " "$T/err"
  echo "$name: $(sed -n 's/^log chain: //p' "$T/out")"
}

# Edits: an entry's text, an event's body, an event's time, who recorded an
# entry.
e3=$(ev created 3)
tampered edit-entry "$e3" "UPDATE entry SET summary = '来电 3（改）' WHERE id = 3"
expect_grep "entry #3" "$T/out"
n1=$(q "$BASE" "SELECT min(id) FROM event WHERE type = 'notified'")
tampered edit-event "$n1" "UPDATE event SET body = json_set(body, '$.answered_by', '李四')
                           WHERE id = $n1"
a2=$(ev amended 2)
tampered edit-time "$a2" "UPDATE event SET at = at - 3600 WHERE id = $a2"
e4=$(ev created 4)
tampered edit-operator "$e4" "UPDATE entry SET operator_id = 1 WHERE id = 4"

# Deletions: an event in the middle, an entry with its event, an entry alone.
c1=$(ev closed 1)
tampered delete-event "$c1" "DELETE FROM event WHERE id = $c1"
expect_grep "is missing" "$T/out"
tampered delete-entry-and-event "$e3" "DELETE FROM event WHERE entry_id = 3;
                                       DELETE FROM entry WHERE id = 3"
e5=$(ev created 5)
tampered delete-entry "$e5" "DELETE FROM entry WHERE id = 5"
expect_grep "entry #5, which is missing" "$T/out"

# Reordering: two events swap ids (each keeps its hash), two entries swap
# their texts, two events swap their bodies.
tampered swap-ids "$e3" "UPDATE event SET id = -1 WHERE id = $e3;
                         UPDATE event SET id = $e3 WHERE id = $e4;
                         UPDATE event SET id = $e4 WHERE id = -1"
tampered swap-entries "$e3" "UPDATE entry SET summary = CASE id WHEN 3 THEN '来电 4'
                             ELSE '来电 3' END WHERE id IN (3, 4)"
tampered swap-bodies "$a2" "UPDATE event SET body = CASE id WHEN $a2 THEN
                              (SELECT body FROM event WHERE id = $c1)
                            ELSE (SELECT body FROM event WHERE id = $a2) END
                            WHERE id IN ($a2, $c1)"

# Truncation: the last events removed, with the entries they created.
tampered truncate-events "$((last - 1))" "DELETE FROM event WHERE id >= $((last - 1))"
expect_grep "removed from the end" "$T/out"
elast=$(q "$BASE" "SELECT max(id) FROM entry")
tampered truncate-entries "$(ev created "$elast")" \
  "DELETE FROM event WHERE id >= (SELECT id FROM event WHERE type = 'created'
                                  AND entry_id = $elast);
   DELETE FROM entry WHERE id = $elast"

# An entry slipped in behind the program's back: no event, so no event to
# name, but check still exits 6 and names the entry.
dd backup "$T/forged.db" 2>/dev/null
q "$T/forged.db" "INSERT INTO entry(occurred_at, recorded_at, operator_id, kind, summary)
                  SELECT occurred_at, recorded_at, operator_id, kind, '补录' FROM entry
                  WHERE id = 1" || fail "forging an entry"
expect_status 6 dd --db "$T/forged.db" check
expect_grep "has no 'created' event" "$T/out"

# Untouched, the original still checks out.
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"
finish
