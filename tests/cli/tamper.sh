#!/bin/sh
# Tamper evidence: someone with the stock sqlite3 tool drops the append-only
# triggers and edits, deletes, reorders or truncates the log.  `dutydesk
# check` finds every case, exits 6 and names the first broken event; edits to
# the tables beside the log (people, groups, rights, tasks, figures, filed
# reports, notifications, shifts, settings) and to the schema are named by
# table and row; a cut tail or a recomputed chain is caught by a printed head.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }

q() { sqlite3 -batch -noheader "$1" "$2"; }

# A log with some history: calls, a positive case with its escalations, a
# notification done, an amendment, a closure, a follow-up.
expect_status 0 dd init
desk_init
enrol 王值班
enrol 何欣威     # plans the shift
enrol 赵娜       # reviews the figure
export DUTYDESK_OPERATOR=王值班
for i in 1 2 3 4 5; do
  dd log add --kind call --summary "来电 $i" --source "单位 $i" >/dev/null 2>&1 || fail "entry $i"
done
pos=$(dd log add --kind positive --summary "初筛阳性" 2>/dev/null)
dd escalation done 1 --answered-by 张三 2>/dev/null || fail "escalation done"
dd log amend 2 --summary "来电 2（更正）" --reason 笔误 2>/dev/null || fail "amend"
dd log add --kind call --summary "卫生院回电" --parent "$pos" >/dev/null 2>&1 || fail "follow-up"
dd log close 1 --resolution 已办结 2>/dev/null || fail "close"
# The tables beside the log: a shift, a task, a figure reviewed by another,
# a setting, a filed daily report.
DUTYDESK_OPERATOR=何欣威 dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 \
  --on-duty 王值班 >/dev/null 2>&1 || fail "shift"
dd task add --group 交通管理组 --due 2021-12-17T12:00 --summary "设置外围卡点" >/dev/null 2>&1 ||
  fail "task"
fig=$(dd stats add --group 核酸采样工作组 --metric 核酸采样数 --value 1200 2>/dev/null)
dd stats review "$fig" --operator 赵娜 2>/dev/null || fail "review"
dd config shift-hours 12 --operator 周凯琳 2>/dev/null || fail "setting"
dd report daily --date 2021-12-15 --file >/dev/null 2>&1 || fail "filing"
dd log add --kind call --summary "最后一条" >/dev/null 2>&1 || fail "last entry"
BASE="$DUTYDESK_DB"
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"
expect_grep "schema: ok" "$T/out"
expect_grep "rows: ok" "$T/out"
expect_grep "sequences: ok" "$T/out"

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

# --- The tables beside the log ----------------------------------------------
# altered NAME WHAT SQL: on a copy, SQL; check exits 6, the chain itself holds,
# and the finding names WHAT (the table, the row and what it now reads).
altered() {
  name=$1 what=$2 sql=$3 db="$T/$1.db"
  dd backup "$db" 2>/dev/null || fail "$name: backup"
  q "$db" "$sql" || fail "$name: the tampering itself failed"
  expect_status 6 dd --db "$db" check
  expect_grep "log chain: ok" "$T/out"
  expect_grep "$what" "$T/out"
  expect_grep "dutydesk: " "$T/err"
  echo "$name: $(grep -F -- "$what" "$T/out" | head -1 | sed 's/^ *//')"
}
pid() { q "$BASE" "SELECT id FROM person WHERE name = '$1'"; }
me=$(pid 王值班)
gid=$(q "$BASE" "SELECT id FROM grp WHERE name = '交通管理组'")

# A trigger dropped, another changed: the next edit would go through.
altered drop-trigger "trigger task_no_update is missing" "DROP TRIGGER task_no_update"
expect_grep "schema: CHANGED:" "$T/out"
altered change-trigger "trigger shift_no_delete is not as dutydesk made it" \
  "DROP TRIGGER shift_no_delete; CREATE TRIGGER shift_no_delete BEFORE DELETE ON shift
   WHEN 0 BEGIN SELECT RAISE(ABORT, 'no'); END"
# Renamed: a person, a group.  Rights: a person's access, a PIN's hash.
altered rename-person "person $me was changed behind dutydesk's back" \
  "UPDATE person SET name = '王五' WHERE id = $me"
expect_grep "name=王五" "$T/out"
altered rename-group "grp $gid was changed" "UPDATE grp SET name = '改名组' WHERE id = $gid"
expect_grep "name=改名组" "$T/out"
altered access "person $me was changed" "UPDATE person SET access = 'admin' WHERE id = $me"
expect_grep "access=admin" "$T/out"
altered add-person "was added behind dutydesk's back" \
  "INSERT INTO person(name, access, created_at) VALUES ('冒名', 'admin', 0)"
altered setting "settings setting.shift-hours was changed" \
  "UPDATE meta SET value = '24' WHERE key = 'setting.shift-hours'"
# Whom an overdue report is chased to: the chase's steps decide who is told.
altered chase-step "trigger chase_step_no_update is missing" \
  "DROP TRIGGER chase_step_no_update; UPDATE chase_step SET target = 'duty-leader'
   WHERE step = 2"
# Edited with the append-only triggers out of the way: a task, a figure, a
# notification's due time, a shift, a filed daily report; a review removed.
altered task "task #1 was altered after event" \
  "DROP TRIGGER task_no_update; UPDATE task SET due_at = due_at + 86400 WHERE id = 1"
altered figure "stat_figure #$fig was altered" \
  "DROP TRIGGER stat_figure_no_update; UPDATE stat_figure SET value = 12000 WHERE id = $fig"
expect_grep "value=12000" "$T/out"
altered notification-due "notification #1 was altered" \
  "DROP TRIGGER notification_no_update; UPDATE notification SET due_at = due_at + 3600
   WHERE id = 1"
# The open notifications, derived from the chain: one hidden from the pane
# and the overdue count, one made due later, one done shown as open.
[ "$(q "$BASE" "SELECT count(*) FROM open_notification")" -gt 0 ] ||
  fail "the desk has no open notification to hide"
altered open-hidden "open_notification lacks it: a row was deleted" \
  "DELETE FROM open_notification WHERE notification_id =
     (SELECT min(notification_id) FROM open_notification)"
altered open-later "open_notification's row of notification" \
  "UPDATE open_notification SET due_at = due_at + 86400 WHERE notification_id =
     (SELECT min(notification_id) FROM open_notification)"
altered open-elsewhere "open_notification's row of notification" \
  "UPDATE open_notification SET contact_id = (SELECT max(id) FROM contact) WHERE
     notification_id = (SELECT min(notification_id) FROM open_notification)"
altered open-done "open_notification's row of notification" \
  "INSERT INTO open_notification (notification_id, drill, due_at, required, opened_at)
     SELECT n.id, n.drill, n.due_at, n.required, n.opened_at FROM notification n
     WHERE n.id NOT IN (SELECT notification_id FROM open_notification) LIMIT 1"
altered shift "shift #1 was altered" \
  "DROP TRIGGER shift_no_update; UPDATE shift SET operator_id = 1 WHERE id = 1"
altered report "daily_report #1 (2021-12-15): its text is not the text filed" \
  "DROP TRIGGER daily_report_no_update;
   UPDATE daily_report SET text = replace(text, '零报告', '日报告') WHERE id = 1"
altered review "has lost its row" \
  "DROP TRIGGER stat_review_no_delete; DELETE FROM stat_review"
altered task-forged "task #2 is on no event of the chain" \
  "INSERT INTO task(summary, grp_id, due_at, assigned_by, recorded_at, recorded_by)
   SELECT '补交办', grp_id, due_at, assigned_by, recorded_at, recorded_by FROM task"
altered sequence "the sequence of task stands at 0 but the table holds #1" \
  "UPDATE sqlite_sequence SET seq = 0 WHERE name = 'task'"

# --- What only a printed head can catch --------------------------------------
# The handover sheet printed now carries the head; check finds it.
expect_status 0 dd handover --from 2021-12-16T08:00 --to 2021-12-16T09:00
printed=$(sed -n 's/^链头 \([0-9a-f]\{16\}\) · 核验: dutydesk check --head \1$/\1/p' "$T/out")
[ -n "$printed" ] || fail "the handover sheet has no head line"
expect_status 0 dd check --head "$printed"
expect_grep "printed head $printed: found" "$T/out"
expect_status 2 dd check --head 0f11
expect_status 6 dd check --head 0123456789abcdef
expect_grep "NOT FOUND" "$T/out"

# The newest act cut off, sequences set back: the sequences left and the
# record of the head catch it.
elast=$(q "$BASE" "SELECT max(id) FROM entry")
CUT="DROP TRIGGER entry_no_delete; DROP TRIGGER event_no_delete;
     DROP TRIGGER notification_no_delete;
     DELETE FROM event WHERE id >= (SELECT id FROM event WHERE type = 'created'
                                    AND entry_id = $elast);
     DELETE FROM notification WHERE entry_id = $elast;
     DELETE FROM open_incident WHERE entry_id = $elast;
     DELETE FROM entry WHERE id = $elast;
     UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM event) WHERE name = 'event';
     UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM entry) WHERE name = 'entry';
     UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM notification)
       WHERE name = 'notification';"
# restore DB TRIGGER...: put triggers back on DB as the migrations wrote them.
restore() {
  db=$1; shift
  names=$(printf "'%s'," "$@")
  q "$db" "$(q "$BASE" "SELECT sql || ';' FROM sqlite_schema WHERE name IN (${names%,})")" ||
    fail "putting triggers back"
}
nbefore=$(q "$BASE" "SELECT max(id) FROM notification")
dd backup "$T/cut.db" 2>/dev/null || fail "cut: backup"
q "$T/cut.db" "$CUT" || fail "cutting the tail"
restore "$T/cut.db" entry_no_delete event_no_delete notification_no_delete
expect_status 6 dd --db "$T/cut.db" check
expect_grep "log chain: ok" "$T/out"
expect_grep "its newest events were cut" "$T/out"
# ... and when the records are rewritten to agree, only the printed head can.
q "$T/cut.db" "UPDATE meta SET value = 'id=' || (SELECT max(id) FROM event) || ' hash=' ||
                 lower(hex((SELECT hash FROM event ORDER BY id DESC LIMIT 1)))
               WHERE key = 'audit.head';
               UPDATE meta SET value = replace(value, 'notification=$nbefore',
                 'notification=' || (SELECT max(id) FROM notification))
               WHERE key = 'audit.marks'" || fail "rewriting the records"
expect_status 0 dd --db "$T/cut.db" check
expect_grep "not provable from the file alone" "$T/out"
expect_status 6 dd --db "$T/cut.db" check --head "$printed"
expect_grep "printed head $printed: NOT FOUND" "$T/out"
expect_grep "dutydesk: the chain does not hold the printed head $printed" "$T/err"
echo "cut tail: $(grep NOT "$T/out")"

# The whole chain recomputed after an edit: every hash and the record of the
# head agree again; the printed head is gone.
if command -v python3 >/dev/null; then
  dd backup "$T/rehashed.db" 2>/dev/null || fail "rehash: backup"
  q "$T/rehashed.db" "$NOTRIG UPDATE entry SET summary = '来电 3（改）' WHERE id = 3" ||
    fail "rehash: the edit"
  python3 - "$T/rehashed.db" <<'PY' || fail "rehash: recomputing the chain"
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
def feed(h, v):
    if v is None:
        h.update(b"N")
    elif isinstance(v, int):
        h.update(b"I" + struct.pack("<q", v))
    else:
        b = v.encode() if isinstance(v, str) else v
        h.update(b"T" + struct.pack("<Q", len(b)) + b)
cols = ("id, occurred_at, recorded_at, operator_id, kind, subkind, source, caller, callback, "
        "readback, summary, grp_id, parent_id, significant, drill")
prev = bytes(32)
for (i, at, actor, typ, entry, drill, body) in db.execute(
        "SELECT id, at, actor_id, type, entry_id, drill, body FROM event ORDER BY id").fetchall():
    h = hashlib.blake2b(digest_size=32)
    h.update(b"dutydesk event v1\0" + prev)
    for v in (i, at, actor, typ, entry, drill, body):
        feed(h, v)
    if typ == "created":
        for v in db.execute("SELECT " + cols + " FROM entry WHERE id = ?", (entry,)).fetchone():
            feed(h, v)
    prev = h.digest()
    db.execute("UPDATE event SET hash = ? WHERE id = ?", (prev, i))
db.execute("UPDATE meta SET value = 'id=' || (SELECT max(id) FROM event) || ' hash=' || ? "
           "WHERE key = 'audit.head'", (prev.hex(),))
db.commit()
PY
  restore "$T/rehashed.db" entry_no_update entry_no_delete event_no_update event_no_delete
  # The daily report filed after the edited entry stood on the old chain.
  expect_status 6 dd --db "$T/rehashed.db" check
  expect_grep "log chain: ok" "$T/out"
  expect_grep "or the chain before it was recomputed" "$T/out"
  expect_status 6 dd --db "$T/rehashed.db" check --head "$printed"
  expect_grep "printed head $printed: NOT FOUND" "$T/out"
  echo "rehashed: $(grep NOT "$T/out")"
fi

# Untouched, the original still checks out.
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"
finish
