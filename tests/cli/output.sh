#!/bin/sh
# Output that cannot hurt the store, text that cannot hurt the terminal or
# the spreadsheet, paths that cannot mislead: someone at the shared terminal
# with bad intent names the database as an output, stores escape sequences,
# formulas, or points the desk at a path that is not one.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')    # U+202E RIGHT-TO-LEFT OVERRIDE
CSI8=$(printf '\302\233')       # U+009B, the C1 control sequence introducer
export DUTYDESK_OPERATOR=王值班
export HOME="$T/home"     # whatever goes wrong, never the real one

# 1. Paths that cannot mislead.  Only init creates a database: any other
# command on a missing file says so, and makes nothing, not even the directory.
for cmd in mode "log list" "export log -" "backup $T/b0.db" check "task list"; do
  # shellcheck disable=SC2086
  expect_status 3 dd --db "$T/new/desk.db" $cmd
  expect_grep "dutydesk init" "$T/err"
done
[ -e "$T/new" ] && fail "a command other than init created $T/new"
expect_status 3 dd mode
[ -e "$DUTYDESK_DB" ] && fail "mode created $DUTYDESK_DB"
# No usable HOME and no DUTYDESK_DB: an error, never a path under the current
# directory.
mkdir "$T/cwd"
for home in "" "relative/home"; do
  (cd "$T/cwd" && env -u DUTYDESK_DB HOME="$home" "$DUTYDESK" init) >"$T/out" 2>"$T/err" &&
    fail "init with HOME='$home' succeeded"
  expect_grep "HOME" "$T/err"
done
(cd "$T/cwd" && env -u DUTYDESK_DB -u HOME "$DUTYDESK" init) >"$T/out" 2>"$T/err" &&
  fail "init without HOME succeeded"
(cd "$T/cwd" && env -u DUTYDESK_DB HOME="$T/home" XDG_DATA_HOME=data "$DUTYDESK" init) \
  >"$T/out" 2>"$T/err" && fail "init with a relative XDG_DATA_HOME succeeded"
expect_grep "XDG_DATA_HOME" "$T/err"
expect_eq "nothing made under the current directory" "" "$(ls -A "$T/cwd")"
[ -e "$T/home" ] && fail "a relative XDG_DATA_HOME made something under HOME"
# --db and DUTYDESK_DB take a plain path.
for bad in ":memory:" "file:$T/u.db" "file:$T/u.db?mode=memory" ""; do
  expect_status 2 dd --db "$bad" init
  expect_grep "--db" "$T/err"
  DUTYDESK_DB="$bad" expect_status 2 dd init
  expect_grep "DUTYDESK_DB" "$T/err"
done
expect_eq "no file made from a URI" "" "$(ls "$T" | grep -v '^cwd$\|^out$\|^err$\|^pin\.d$')"

# 2. Permissions: whatever the umask, what dutydesk makes is its owner's.
mode_of() { stat -c %a "$1"; }
(umask 000 && "$DUTYDESK" --db "$T/share/desk/desk.db" init >/dev/null 2>&1) || fail "init"
expect_eq "a new directory" "700" "$(mode_of "$T/share/desk")"
expect_eq "a new database" "600" "$(mode_of "$T/share/desk/desk.db")"
# The office enrols 王值班 there (lib.sh); they act with their PIN.
desk_init "$T/share/desk/desk.db"
enrol 王值班 operator "$PIN" "$T/share/desk/desk.db"
(umask 000 && as_pin "$PIN" "$DUTYDESK" --db "$T/share/desk/desk.db" log add --kind call \
  --summary "权限" >/dev/null 2>&1) || fail "log add"
for f in "$T/share/desk/desk.db-wal" "$T/share/desk/desk.db-shm"; do
  [ -e "$f" ] && expect_eq "$f" "600" "$(mode_of "$f")"
done
expect_status 0 dd init
desk_init
enrol 王值班
dd log add --kind call --summary "已确认的记录" >/dev/null 2>&1 || fail "log add"
(umask 000 && "$DUTYDESK" export log "$T/log.csv" 2>/dev/null) || fail "export"
(umask 000 && "$DUTYDESK" backup "$T/copy.db" 2>/dev/null) || fail "backup"
(umask 000 && "$DUTYDESK" handover --output "$T/sheet.txt" 2>/dev/null) || fail "handover"
for f in log.csv copy.db sheet.txt; do
  expect_eq "$f" "600" "$(mode_of "$T/$f")"
done
if dd handover --format pdf --output "$T/sheet.pdf" 2>/dev/null; then
  expect_eq "sheet.pdf" "600" "$(mode_of "$T/sheet.pdf")"
fi

# 3. Output that cannot hurt the store: the database and its files, by any
# name, are refused, and the acknowledged entry stays.
dd log add --kind call --summary "确认后不可丢失" >/dev/null 2>&1 || fail "log add"
ln -s "$DUTYDESK_DB" "$T/alias.db"
ln "$DUTYDESK_DB" "$T/hardlink.db" 2>/dev/null || cp "$DUTYDESK_DB" "$T/hardlink.db"
for target in "$DUTYDESK_DB" "$DUTYDESK_DB-wal" "$DUTYDESK_DB-shm" "$DUTYDESK_DB-journal" \
    "$T/alias.db" "$T/../$(basename "$T")/desk.db" "$T/./desk.db-wal"; do
  expect_status 2 dd export log "$target" --force
  expect_grep "the database itself" "$T/err"
  expect_status 2 dd handover --output "$target" --force
  expect_grep "the database itself" "$T/err"
  expect_status 2 dd backup "$target" --force
  expect_grep "the database itself" "$T/err"
  if dd handover --format pdf --output "$T/probe.pdf" --force 2>/dev/null; then
    expect_status 2 dd handover --format pdf --output "$target" --force
  fi
done
if [ "$(stat -c %i "$T/hardlink.db")" = "$(stat -c %i "$DUTYDESK_DB")" ]; then
  expect_status 2 dd export log "$T/hardlink.db" --force
fi
expect_status 0 dd check
expect_status 0 dd log list --search 确认后不可丢失
expect_grep "确认后不可丢失" "$T/out"
[ -e "$DUTYDESK_DB-journal" ] && fail "a refused output made $DUTYDESK_DB-journal"

# An existing file is replaced only with --force (and keeps its mode).
echo "留存" >"$T/keep.txt"
chmod 640 "$T/keep.txt"
expect_status 2 dd export roster "$T/keep.txt"
expect_grep "--force" "$T/err"
expect_status 2 dd handover --output "$T/keep.txt"
expect_status 2 dd backup "$T/keep.txt"
expect_eq "an existing file is left as it was" "留存" "$(cat "$T/keep.txt")"
expect_status 0 dd handover --output "$T/keep.txt" --force
expect_grep "交接班" "$T/keep.txt"
expect_eq "a replaced file keeps its mode" "640" "$(mode_of "$T/keep.txt")"
expect_status 0 dd export roster "$T/keep.txt" --force
expect_grep "group,post,seq" "$T/keep.txt"
expect_status 0 dd backup "$T/keep.txt" --force
expect_status 0 dd --db "$T/keep.txt" check
# "-" is still standard output.
expect_status 0 dd export roster -
expect_grep "group,post,seq" "$T/out"
expect_status 0 dd handover --output -
expect_grep "交接班" "$T/out"

# A write that fails half-way (the file size limit: room for the database's
# shared memory, not for the PDF sheet) leaves the old file whole, no new one,
# and no temporary file beside them.
if dd handover --format pdf --output "$T/probe2.pdf" 2>/dev/null; then
  echo "旧的交接班记录" >"$T/old.pdf"
  (trap '' XFSZ; ulimit -f 128; "$DUTYDESK" handover --format pdf --output "$T/old.pdf" \
    --force) >/dev/null 2>"$T/err" && fail "a sheet past the size limit replaced the old one"
  expect_eq "the old sheet is whole" "旧的交接班记录" "$(cat "$T/old.pdf")"
  (trap '' XFSZ; ulimit -f 128; "$DUTYDESK" handover --format pdf --output "$T/new.pdf") \
    >/dev/null 2>"$T/err" && fail "a sheet past the size limit succeeded"
  [ -e "$T/new.pdf" ] && fail "a failed sheet left $(wc -c <"$T/new.pdf") bytes in new.pdf"
  expect_eq "no temporary file left" "" "$(ls -A "$T" | grep '^\.' | grep -v '^\.clock$' || true)"
fi

# 4. Text that cannot hurt the terminal: refused when typed, naming the field.
expect_status 2 dd log add --kind call --summary "标题${ESC}]52;c;aGk=${BEL}"
expect_grep "the summary" "$T/err"
expect_grep "control character" "$T/err"
expect_status 2 dd log add --kind call --summary "来电" --source "诸暨${CSI8}2J"
expect_grep "the source" "$T/err"
expect_status 2 dd log add --kind call --summary "伪装${RLO}txt.exe"
expect_grep "bidirectional" "$T/err"
expect_status 2 dd log add --kind call --summary "$(printf 'a\177b')"
expect_status 0 dd log add --kind call --summary "$(printf '第一行\n第二行')"
id=$(cat "$T/out")
expect_status 2 dd log note "$id" --text "备注${ESC}[2J"
expect_grep "the note" "$T/err"
expect_status 2 dd log amend "$id" --summary "更正" --reason "原因${RLO}"
expect_grep "the reason" "$T/err"
expect_status 2 dd log close "$id" --resolution "${ESC}[8m"
expect_status 2 dd task add --group 交通管理组 --due 2021-12-18 --summary "任务${ESC}]0;标题${BEL}"
expect_grep "the summary" "$T/err"
expect_status 2 dd --operator "坏${ESC}人" log add --kind call --summary "来电"
expect_status 2 dd zone set 平阳社区 closed --source "研判${ESC}[5m"

# What an older dutydesk stored is shown with its controls visible, in every
# text output; CSV keeps the data exact.
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: stored text untested"; finish; }
t=$(dd task add --group 交通管理组 --due 2021-12-18 --summary "待办" 2>/dev/null)
bad="旧${ESC}]52;c;aGk=${BEL}记录${CSI8}1m${RLO}反"
sqlite3 -batch "$DUTYDESK_DB" "DROP TRIGGER IF EXISTS entry_no_update;
  UPDATE entry SET summary = '$bad' WHERE id = $id;" || fail "sqlite3 entry"
sqlite3 -batch "$DUTYDESK_DB" "DROP TRIGGER IF EXISTS task_no_update;
  UPDATE task SET summary = '$bad' WHERE id = $t;" 2>"$T/sqlerr" ||
  fail "sqlite3 task: $(cat "$T/sqlerr")"
clean() {
  if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" ||
      grep -qF -e "$CSI8" -e "$RLO" "$1"; then
    fail "$2: a control character reached the output: $(od -c "$1" | head -20)"
  fi
}
expect_status 0 dd log list
clean "$T/out" "log list"
expect_grep "旧␛]52;c;aGk=␇记录" "$T/out"
expect_grep '\u{202E}' "$T/out"
expect_status 0 dd timeline "$id"
clean "$T/out" "timeline"
expect_grep "旧␛]52" "$T/out"
expect_status 0 dd task list
clean "$T/out" "task list"
expect_status 0 dd task show "$t"
clean "$T/out" "task show"
expect_grep "旧␛]52" "$T/out"
expect_status 0 dd handover --from 2021-12-16T00:00 --to 2021-12-16T23:00
clean "$T/out" "handover"
expect_status 0 dd handover --from 2021-12-16T00:00 --to 2021-12-16T23:00 \
  --output "$T/sheet2.txt"
clean "$T/sheet2.txt" "handover --output"
expect_status 0 dd report daily
clean "$T/out" "report daily"
expect_status 0 dd log list --format csv
expect_grep "$bad" "$T/out"

# 5. CSV that never opens as a formula, and imports back exactly.
export DUTYDESK_OPERATOR=$ADMIN   # director of the office: an admin
dd log add --kind call --summary "=HYPERLINK(\"http://x\")" >/dev/null 2>&1 || fail "log add ="
expect_status 0 dd log list --format csv
expect_grep "\"'=HYPERLINK(\"\"http://x\"\")\"" "$T/out"
awk -F, 'NR > 1 && ($0 ~ /,=/ || $0 ~ /,\+/ || $0 ~ /,@/) { print }' "$T/out" >"$T/formulas"
expect_eq "no cell of log list starts a formula" "" "$(cat "$T/formulas")"
# Every kind the desk imports: cells that start with =, +, -, @, a tab, or
# really start with a quote before one of them (written with one more).
dd export roster "$T/roster.csv" 2>/dev/null || fail "export roster"
awk -F, 'BEGIN { OFS = "," } NR == 2 { $7 = "+8613800000001"; $8 = "=1+1" } { print }' \
  "$T/roster.csv" >"$T/roster-f.csv"
printf '%s\n' 'name,org,level,group,unit,person,role,numbers,note' \
  "=cmd|calc,-5,town,,,,@SUM(A1),+86 575 8701 1110,''=已有引号" \
  "'''-已有两个引号,@org,town,,,,,-0575 1,\"	制表符开头\"" >"$T/contacts-f.csv"
printf '%s\n' 'kind,seq,contact,stage,channel,minutes,required,note' \
  'call,1,=cmd|calc,initial,phone,15,1,-5' 'call,2,=cmd|calc,initial,phone,15,1,+1' \
  >"$T/rules-f.csv"
printf '%s\n' 'start,end,operator,leader,note' \
  '2021-12-16T08:00,2021-12-16T16:00,俞婕,何欣威,=1+1' \
  '2021-12-16T16:00,2021-12-17T00:00,边吉,何欣威,@白班' >"$T/schedule-f.csv"
desk_init "$T/b.db"
for k in roster contacts rules schedule; do
  expect_status 0 dd import "$k" "$T/$k-f.csv"
  expect_status 0 dd export "$k" "$T/$k-a.csv"
  awk -F, 'NR > 1 && ($0 ~ /(^|,)[=+@-]/ || $0 ~ /(^|,)"[=+@-]/) { print }' "$T/$k-a.csv" \
    >"$T/formulas"
  expect_eq "$k: no exported cell starts a formula" "" "$(cat "$T/formulas")"
  expect_status 0 dd --db "$T/b.db" import "$k" "$T/$k-a.csv"
  expect_status 0 dd --db "$T/b.db" export "$k" "$T/$k-b.csv"
  cmp -s "$T/$k-a.csv" "$T/$k-b.csv" || fail "$k: $(diff "$T/$k-a.csv" "$T/$k-b.csv")"
done
expect_grep "'+8613800000001,'=1+1" "$T/roster-a.csv"
expect_grep "'=cmd|calc,'-5,town" "$T/contacts-a.csv"
expect_grep "'@SUM(A1),'+86 575 8701 1110,''=已有引号" "$T/contacts-a.csv"
expect_grep "'''-已有两个引号" "$T/contacts-a.csv"
expect_grep "'-0575 1," "$T/contacts-a.csv"
expect_grep "'	制表符开头" "$T/contacts-a.csv"
expect_grep ",'-5" "$T/rules-a.csv"
expect_grep ",'=1+1" "$T/schedule-a.csv"
# What is stored is the text as typed, without the added quote.
expect_status 0 dd contacts --format csv
expect_grep "'=cmd|calc,'-5" "$T/out"
expect_status 0 dd --db "$T/b.db" contacts
expect_grep "=cmd|calc" "$T/out"
expect_no_grep "'=cmd|calc" "$T/out"
expect_grep "''-已有两个引号" "$T/out"
expect_no_grep "'''-已有两个引号" "$T/out"
finish
