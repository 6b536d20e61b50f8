#!/bin/sh
# records.sh — a call record is checked as it is written (its key-person
# category, its call-back number) and comes out whole in the log's CSV
# (export log, log list --format csv) and in the timeline's: every note of
# the call form, the resolution, the amendments' reasons, who and when.
. "$(dirname "$0")/lib.sh"
# Refused lines are refused before a PIN is asked: that is what keeps this
# test quick (each PIN checked is a tenth of a second on purpose).

desk_init
enrol 王值班
enrol 徐航锋 supervisor
export DUTYDESK_OPERATOR=王值班

# field FILE ROW COLUMN: the cell of data row ROW (1 = the first after the
# header) under COLUMN, parsed as RFC 4180 (line feeds inside cells too).
field() {
  python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
sys.stdout.write(rows[int(sys.argv[2]) - 1][sys.argv[3]])
PY
}

# row_of FILE ID: the data row of entry ID.
row_of() {
  python3 -c "import csv, sys; print([r['id'] for r in csv.DictReader(open(sys.argv[1], \
newline='', encoding='utf-8'))].index(sys.argv[2]) + 1)" "$1" "$2"
}

# --- Subkinds: one of the kind's, and only key persons have them --------------
before=$(rows event)
expect_status 2 dd log add --kind key-person --subkind 密切 --summary "密接2人"
expect_grep "'密切' is not a key-person category; use one of: 来诸返诸人员, 健康码异常, 时空伴随者, 密接, 次密接" "$T/err"
expect_eq "one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_status 2 dd log add --kind call --subkind 密接 --summary "来电"
expect_grep "an entry of kind call has no subkind" "$T/err"
# --- Call-back numbers: digits, kept in one form -------------------------------
for bad in abc 0575-1234 1390575123 13905751234转 "1+2" 23 123456789012345678901; do
  expect_status 2 dd log add --kind call --summary "来电" --callback "$bad"
  expect_grep "the call-back number '$bad'" "$T/err"
  expect_eq "refusal of $bad is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
done
expect_eq "refusals write nothing" "$before" "$(rows event)"
expect_eq "no entry" "0" "$(rows entry)"
n=0
for pair in "0575 8701 2345=0575-87012345" "139-0575-1234=13905751234" "12345=12345"; do
  n=$((n + 1))
  id=$(dd log add --kind call --summary "来电$n" --callback "${pair%%=*}" 2>"$T/err") ||
    fail "callback ${pair%%=*}: $(cat "$T/err")"
  expect_eq "callback ${pair%%=*} kept" "${pair#*=}" \
    "$(sqlite3 "$DUTYDESK_DB" "SELECT callback FROM entry WHERE id = $id")"
done
kp=$(dd log add --kind key-person --subkind " 次密接" --summary "次密接1人" 2>/dev/null)
expect_eq "subkind kept" "次密接" "$(sqlite3 "$DUTYDESK_DB" "SELECT subkind FROM entry WHERE id = $kp")"

# --- The whole call record in the log's CSV -----------------------------------
DUTYDESK_NOW=2021-12-16T09:10
c=$(dd log add --kind call --source 诸暨市值班组 --caller 李科长 --callback "0575 8701 2345" \
    --readback --significant --group 综合协调组 --summary "询问密接排查进展" \
    --at 2021-12-16T09:05 2>/dev/null)
f=$(dd log add --kind call --parent "$c" --summary "卫生院回电：已排查" 2>/dev/null)
DUTYDESK_NOW=2021-12-16T09:20 dd log note "$c" --type proposal --text "请综合协调组核实后回复" \
  || fail "proposal"
DUTYDESK_NOW=2021-12-16T09:30 dd --operator 徐航锋 log note "$c" --type instruction \
  --text "同意，抓紧落实" || fail "instruction"
DUTYDESK_NOW=2021-12-16T09:40 dd log note "$c" --text "已电话告知来电人" || fail "note"
DUTYDESK_NOW=2021-12-16T09:50 dd log note "$c" --type result --text "已回复诸暨市值班组" \
  || fail "result"
DUTYDESK_NOW=2021-12-16T09:55 dd log note "$f" --text "回电人：张医生" || fail "note on follow-up"
DUTYDESK_NOW=2021-12-16T10:00 dd log amend "$c" --summary "询问密接人员排查进展" \
  --reason "补全摘要" || fail "amend"
DUTYDESK_NOW=2021-12-16T10:05 dd --operator 徐航锋 log amend "$c" \
  --summary "诸暨市值班组询问密接人员排查进展" --reason "写明来电单位" || fail "amend 2"
DUTYDESK_NOW=2021-12-16T10:10 dd log close "$c" --resolution "已按要求回复，办结" || fail "close"

expect_status 0 dd export log "$T/log.csv"
dd log list --format csv >"$T/list.csv" || fail "log list --format csv"
cmp -s "$T/log.csv" "$T/list.csv" || fail "export log differs from log list --format csv"
row=$(row_of "$T/log.csv" "$c")
frow=$(row_of "$T/log.csv" "$f")
# The columns that were there keep their place.
expect_eq "first columns" "id,incident,occurred_at,recorded_at,kind,subkind,source,caller,callback,readback,summary,original_summary,group,operator,significant,drill,status,closed_at,unverified" \
  "$(head -n1 "$T/log.csv" | cut -d, -f1-19)"
for col_want in "kind=call" "source=诸暨市值班组" "caller=李科长" "callback=0575-87012345" \
    "readback=1" "significant=1" "operator=王值班" "unverified=0" \
    "summary=诸暨市值班组询问密接人员排查进展" "original_summary=询问密接排查进展" \
    "status=closed" "closed_at=2021-12-16T10:10:00+08:00" \
    "proposal=请综合协调组核实后回复" "instruction=同意，抓紧落实" \
    "result=已回复诸暨市值班组" "notes=已电话告知来电人" "handled_by=王值班" \
    "handled_at=2021-12-16T09:50:00+08:00" "resolution=已按要求回复，办结" "closed_by=王值班"; do
  col=${col_want%%=*}
  expect_eq "incident $col" "${col_want#*=}" "$(field "$T/log.csv" "$row" "$col")"
done
expect_eq "amendment reasons" "补全摘要
写明来电单位" "$(field "$T/log.csv" "$row" amendment_reasons)"
expect_eq "amended by" "王值班
徐航锋" "$(field "$T/log.csv" "$row" amended_by)"
# A follow-up: its own notes; its incident's closure.
expect_eq "follow-up notes" "回电人：张医生" "$(field "$T/log.csv" "$frow" notes)"
expect_eq "follow-up proposal" "" "$(field "$T/log.csv" "$frow" proposal)"
expect_eq "follow-up resolution" "已按要求回复，办结" "$(field "$T/log.csv" "$frow" resolution)"
expect_eq "key person subkind" "次密接" "$(field "$T/log.csv" "$(row_of "$T/log.csv" "$kp")" subkind)"

# An unverified entry is marked so.
printf '2468\n' | "$DUTYDESK" --operator 周凯琳 config operator-pin optional --pin-stdin \
  >/dev/null 2>&1 || fail "operator-pin optional"
enrol 边吉 operator -          # on the roster, no PIN
u=$("$DUTYDESK" --operator 边吉 log add --kind call --summary "无PIN来电" </dev/null 2>"$T/err") ||
  fail "unverified entry: $(cat "$T/err")"
dd log list --format csv >"$T/list2.csv"
expect_eq "unverified" "1" "$(field "$T/list2.csv" "$(row_of "$T/list2.csv" "$u")" unverified)"
expect_eq "verified" "0" "$(field "$T/list2.csv" "$(row_of "$T/list2.csv" "$c")" unverified)"

# --- The timeline's CSV: each step on its row, the call record on 'created' ----
expect_status 0 dd timeline "$f" --format csv
cp "$T/out" "$T/tl.csv"
python3 - "$T/tl.csv" "$c" "$f" >"$T/tl.txt" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')):
    print('|'.join([r['entry_id'], r['type'], r['actor'], r['text'], r['kind'], r['source'],
                    r['caller'], r['callback'], r['readback'], r['significant'], r['reason'],
                    r['previous']]))
PY
expect_grep "$c|created|王值班|询问密接排查进展|call|诸暨市值班组|李科长|0575-87012345|1|1||" "$T/tl.txt"
expect_grep "$f|created|王值班|[#$f] 卫生院回电：已排查|call||||0|0||" "$T/tl.txt"
expect_grep "$c|proposal|王值班|请综合协调组核实后回复||||||||" "$T/tl.txt"
expect_grep "$c|instruction|徐航锋|同意，抓紧落实|" "$T/tl.txt"
expect_grep "$c|result|王值班|已回复诸暨市值班组|" "$T/tl.txt"
expect_grep "$c|amended|王值班|询问密接人员排查进展|||||||补全摘要|询问密接排查进展" "$T/tl.txt"
expect_grep "$c|amended|徐航锋|诸暨市值班组询问密接人员排查进展|||||||写明来电单位|询问密接人员排查进展" "$T/tl.txt"
expect_grep "$c|closed|王值班|已按要求回复，办结|" "$T/tl.txt"

finish
