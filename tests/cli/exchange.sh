#!/bin/sh
# CSV in and out as the office uses it: export the roster, edit it like a
# spreadsheet, import it back (all of it or nothing, every problem named by
# file, line and field), round trips of every kind, dry runs, refusals, and
# files with a BOM and CRLF line ends.
. "$(dirname "$0")/lib.sh"
DATA="$(cd "$(dirname "$0")/../data" && pwd)"

# The number of events on the chain: every import that writes adds one.
events() { dd check | sed -n 's/^log chain: ok (\([0-9]*\) events.*/\1/p'; }

expect_status 0 dd init
desk_init                         # the director of the office enrols herself
enrol 俞婕
export DUTYDESK_OPERATOR=周凯琳   # director of the office: an admin

# 1. Export: a header row, one row per post and its holder.
expect_status 0 dd export roster "$T/r0.csv"
expect_eq "roster header" \
  "group,post,seq,person,unit,access,phones,label,liaison_of,in_charge_of,group_heading,group_aliases,group_note,group_succession" \
  "$(head -n1 "$T/r0.csv")"
expect_grep "综合协调组,leader,1,何欣威,,supervisor,," "$T/r0.csv"
expect_grep "村社疫情防控工作组,leader,1,,,,,各包村领导" "$T/r0.csv"
expect_status 0 dd export roster -
cmp -s "$T/out" "$T/r0.csv" || fail "export roster - differs from the file"
ev0=$(events)

# 2. Edit it as a person would: a new leader of 综合协调组 from 党政综合办
# with a phone, a new deputy, and a few slips.
old='综合协调组,leader,1,何欣威,,supervisor,,'
new='综合协调组,leader,1,李新,党政综合办,supervisor,13800000001,'
sed "s/^$old,/$new,/" "$T/r0.csv" >"$T/fixed.csv"
# A row added by hand may leave the group's texts empty.
echo '综合协调组,deputy,2,王五,卫生院,operator,"0575-1234; 13900000002",,,,,,,' >>"$T/fixed.csv"
cp "$T/fixed.csv" "$T/bad.csv"
n=$(wc -l <"$T/bad.csv" | tr -d ' ')
g=',,,,,,'                                                   # the last six columns
{
  echo '交通管理组,deputy,1,赵六,,operator,'                  # wrong column count
  echo "不存在组,leader,1,赵六,,operator,,$g"                 # unknown group
  printf '交通管理组,deputy,2,\351\222,,operator,,%s\n' "$g"   # a bad UTF-8 byte
  echo "交通管理组,chief,1,赵六,,operator,,$g"                # unknown post title
  echo "交通管理组,deputy,3,应伟龙,,admin,,$g"                # 应伟龙 is an operator above
  echo "综合协调组,deputy,2,赵六,,operator,,$g"               # the same post twice
  echo "交通管理组,deputy,4,赵六,,boss,,$g"                   # bad access level
  echo "交通管理组,deputy,5,\"赵七,,operator,,$g"              # an unclosed quote
} >>"$T/bad.csv"
expect_status 2 dd import roster "$T/bad.csv"
cp "$T/err" "$T/bad.err"
F="$T/bad.csv"
expect_grep "$F:$((n + 1)): label: missing: the row has 7 fields; the header has 14" "$T/bad.err"
expect_grep "$F:$((n + 2)): group: no group called '不存在组'" "$T/bad.err"
expect_grep "$F:$((n + 3)): person: the field is not valid UTF-8" "$T/bad.err"
expect_grep "$F:$((n + 4)): post: 'chief' is not a post" "$T/bad.err"
expect_grep "$F:$((n + 5)): access: 应伟龙 is also on line" "$T/bad.err"
expect_grep "$F:$((n + 6)): seq: the post 综合协调组 deputy 2 is also on line $n" "$T/bad.err"
expect_grep "$F:$((n + 7)): access: 'boss' is not an access level" "$T/bad.err"
expect_grep "$F:$((n + 8)): person: a quoted field is never closed" "$T/bad.err"
expect_grep "8 problem(s); nothing was imported" "$T/bad.err"
# Every problem on a line of its own, FILE:LINE: field: what.
expect_eq "problem lines" "8" \
  "$(grep -cE "^$F:[0-9]+: (group|post|seq|person|unit|access|phones|label): " "$T/bad.err")"
# Nothing changed.
expect_status 0 dd export roster "$T/r1.csv" --force
cmp -s "$T/r0.csv" "$T/r1.csv" || fail "a bad file changed the roster"
expect_eq "no event for a bad file" "$ev0" "$(events)"

# 3. A dry run says what would change and writes nothing.
expect_status 0 dd import roster "$T/fixed.csv" --dry-run
expect_grep "2 person(s) added, 0 changed; 1 post(s) added, 1 changed hands, 0 vacated" "$T/err"
expect_grep "nothing was written" "$T/err"
expect_status 0 dd export roster "$T/r1.csv" --force
cmp -s "$T/r0.csv" "$T/r1.csv" || fail "a dry run changed the roster"
expect_eq "no event for a dry run" "$ev0" "$(events)"

# 4. Refused to anyone but an admin; nothing changed.
expect_status 4 dd --operator 俞婕 import roster "$T/fixed.csv"
expect_grep "needs admin rights" "$T/err"
expect_status 0 dd export roster "$T/r1.csv" --force
cmp -s "$T/r0.csv" "$T/r1.csv" || fail "a refused import changed the roster"

# 5. Fixed, it imports; the roster shows the new leader now and the old one
# before, and the history of the post is kept.
expect_status 0 dd import roster "$T/fixed.csv"
expect_grep "imported the roster" "$T/err"
expect_eq "one event for the import" "$((ev0 + 1))" "$(events)"
expect_status 0 dd roster
expect_grep "李新 ☎ 13800000001" "$T/out"
expect_grep "王五 ☎ 0575-1234; 13900000002" "$T/out"
expect_status 0 dd roster --at 2021-12-16T08:00
sed -n '/综合协调组/,/^$/p' "$T/out" >"$T/before"
expect_grep "何欣威" "$T/before"
expect_no_grep "李新" "$T/before"
expect_status 0 dd roster history 综合协调组
expect_grep "2021-12-16 09:00  何欣威" "$T/out"
expect_grep "2021-12-16 09:00  now               李新" "$T/out"
# The export now has the new post in its place, quoted only where needed.
expect_status 0 dd export roster "$T/r2.csv"
expect_eq "new post in place" "综合协调组,deputy,2,王五,卫生院,operator,0575-1234; 13900000002," \
  "$(grep -A1 '^综合协调组,deputy,1,' "$T/r2.csv" | tail -n1 | cut -d, -f1-8)"

# 6. A post left out of the file would be vacated: the import says which
# and is refused unless told to (--replace); a dry run says the same.
grep -v '^市场整治稳定组,deputy,3,' "$T/r2.csv" >"$T/less.csv"
ev=$(events)
expect_status 2 dd import roster "$T/less.csv"
expect_grep "less.csv would take people off 1 post(s) they hold now and leave them empty (市场整治稳定组 Deputy leader 邢栋材); nothing was imported (give --replace to vacate them)" "$T/err"
expect_eq "refused: one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_eq "no event for a refused import" "$ev" "$(events)"
expect_status 0 dd import roster "$T/less.csv" --dry-run
expect_grep "would take people off 1 post(s) they hold now and leave them empty (市场整治稳定组 Deputy leader 邢栋材): importing it needs --replace" "$T/err"
expect_grep "1 vacated, 0 relabelled; vacated: 市场整治稳定组 Deputy leader 邢栋材" "$T/err"
expect_status 2 dd import contacts "$T/less.csv" --replace
expect_grep "replace is for the roster" "$T/err"
# Then the post is vacated, its holder kept as a person.
expect_status 0 dd import roster "$T/less.csv" --replace
expect_grep "1 vacated" "$T/err"
expect_grep "vacated: 市场整治稳定组 Deputy leader 邢栋材" "$T/err"
expect_status 0 dd export roster "$T/r3.csv"
expect_no_grep "市场整治稳定组,deputy,3," "$T/r3.csv"
expect_grep "领导小组,member,8,邢栋材,,operator,," "$T/r3.csv"
# Nobody may be left with admin rights.
sed 's/,admin,/,operator,/' "$T/r3.csv" >"$T/noadmin.csv"
expect_status 2 dd import roster "$T/noadmin.csv"
expect_grep "nobody would be left with admin rights" "$T/err"

# 7. Round trips of every kind.  Export then import into the same database
# changes nothing ...
dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 --on-duty 俞婕 \
  --leader 何欣威 >/dev/null 2>&1 || fail "duty add"
for k in roster contacts rules; do
  dd export "$k" "$T/$k-a.csv" 2>/dev/null || fail "export $k"
  ev=$(events)
  expect_status 0 dd import "$k" "$T/$k-a.csv"
  expect_grep "nothing changed" "$T/err"
  expect_eq "$k: no event when nothing changed" "$ev" "$(events)"
  dd export "$k" "$T/$k-a2.csv" 2>/dev/null
  cmp -s "$T/$k-a.csv" "$T/$k-a2.csv" || fail "$k: round trip into the same database"
done
# ... and export from A, import into a fresh B, export from B gives the file.
expect_status 0 dd import contacts "$DATA/contacts.csv"   # so that A differs from the shipped data
dd export contacts "$T/contacts-a.csv" --force 2>/dev/null
dd export schedule "$T/schedule-a.csv" 2>/dev/null
expect_grep "2021-12-16T08:00:00+08:00,2021-12-16T16:00:00+08:00,俞婕,何欣威," "$T/schedule-a.csv"
B="$T/b.db"
desk_init "$B"
for k in roster contacts rules schedule; do
  # A's roster has a post vacated that B's holder still holds.
  expect_status 0 dd --db "$B" import "$k" "$T/$k-a.csv" $([ "$k" = roster ] && echo --replace)
  dd --db "$B" export "$k" "$T/$k-b.csv" 2>/dev/null || fail "export $k from B"
  cmp -s "$T/$k-a.csv" "$T/$k-b.csv" ||
    fail "$k: A and B differ: $(diff "$T/$k-a.csv" "$T/$k-b.csv")"
done
expect_status 0 dd --db "$B" check
# The schedule from a file of the office's own, through duty_import_csv.
desk_init "$T/s.db"
enrol 钱少妹 operator "$PIN" "$T/s.db"
expect_status 0 dd --db "$T/s.db" import schedule "$DATA/schedule.csv" --dry-run
expect_status 0 dd --db "$T/s.db" export schedule -
expect_eq "dry run: no shifts" "1" "$(wc -l <"$T/out" | tr -d ' ')"
expect_status 0 dd --db "$T/s.db" import schedule "$DATA/schedule.csv"
expect_status 0 dd --db "$T/s.db" export schedule -
expect_grep '2021-12-16T16:00:00+08:00,2021-12-17T00:00:00+08:00,边吉,何欣威,"夜班,' "$T/out"
expect_status 4 dd --db "$T/s.db" --operator 钱少妹 import schedule "$DATA/schedule.csv"

# 8. Contacts with a BOM and CRLF line ends, unit liaisons (联络员) and the
# deputies in charge (分管领导) of units; quotes, commas and a line break in
# a note.  What is exported is the file, without BOM and CR.
expect_status 0 dd contacts
expect_grep "卫生院分管领导                    吴海军" "$T/out"
expect_grep "派出所联络员" "$T/out"
tail -c +4 "$DATA/contacts.csv" | tr -d '\r' >"$T/contacts-plain.csv"
cmp -s "$T/contacts-plain.csv" "$T/contacts-a.csv" ||
  fail "contacts: $(diff "$T/contacts-plain.csv" "$T/contacts-a.csv")"
expect_grep '派出所联络员,派出所,unit,,派出所,,联络员,0575-87011110 转 8001,"所长说:""先打座机""' \
  "$T/contacts-a.csv"
# The shipped file (no unit column) imports as it is.
desk_init "$T/c.db"
expect_status 0 dd --db "$T/c.db" import contacts "$DATA/../../assets/escalation/contacts.csv"
expect_grep "nothing changed" "$T/err"
# A contact left out is removed, unless rules or the log use it: then kept.
dd --db "$T/c.db" export contacts - 2>/dev/null | grep -v '^诸暨市值班组,\|^省防控办,' \
  >"$T/c-less.csv"
expect_status 0 dd --db "$T/c.db" import contacts "$T/c-less.csv"
expect_grep "1 removed; 1 not in the file kept because rules or the log refer to them" "$T/err"
expect_grep "refer to them (诸暨市值班组)" "$T/err"
expect_status 0 dd --db "$T/c.db" contacts
expect_no_grep "省防控办" "$T/out"
expect_grep "诸暨市值班组" "$T/out"
# A unit contact names a unit of the roster.
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  echo '甲,,unit,,没有的单位,无名氏,联络员,12,'
} >"$T/c-bad.csv"
expect_status 2 dd import contacts "$T/c-bad.csv"
expect_grep "c-bad.csv:2: unit: no unit called '没有的单位'" "$T/err"
expect_grep "c-bad.csv:2: person: nobody called '无名氏'" "$T/err"
expect_grep "c-bad.csv:2: numbers: '12' is not a phone number" "$T/err"
# Numbers: spaces (ASCII or full-width) around each dropped, any separator
# made "; ", one number twice refused however it is spaced, one the start of
# another is not the same; C1 and bidirectional controls refused in any text.
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  printf '戊,,town,,,,,"\343\200\200 0575-1111111 \357\274\233 0575-11111112\343\200\201 0575-3333333 ",\n'
} >"$T/c-num.csv"
desk_init "$T/cn.db"
expect_status 0 dd --db "$T/cn.db" import contacts "$T/c-num.csv"
dd --db "$T/cn.db" export contacts - 2>/dev/null >"$T/c-num-out.csv"
expect_grep '戊,,town,,,,,0575-1111111; 0575-11111112; 0575-3333333,' "$T/c-num-out.csv"
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  printf '己,,town,,,,,"0575-1111111;\343\200\200 0575-1111111",\n'
  printf '庚,,town,,,,,,abc\342\200\256def\n'
  printf '辛,x\302\205y,town,,,,,,\n'
  printf '壬,,town,,,,,,a\342\200\231b\302\251c\n'
} >"$T/c-ctl.csv"
expect_status 2 dd --db "$T/cn.db" import contacts "$T/c-ctl.csv"
expect_grep "c-ctl.csv:2: numbers: the number 0575-1111111 is there twice" "$T/err"
expect_grep "c-ctl.csv:3: note: holds a control character that would act on the screen" "$T/err"
expect_grep "c-ctl.csv:4: org: holds a control character that would act on the screen" "$T/err"
expect_no_grep "c-ctl.csv:5:" "$T/err"
# A name twice: the second row names the first; a first row with a problem
# of its own does not count as the name's first.
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  echo '乙,,nowhere,,,,,,'
  echo '乙,,town,,,,,,'
  echo '乙,,town,,,,,,'
} >"$T/c-dup.csv"
expect_status 2 dd import contacts "$T/c-dup.csv"
expect_grep "c-dup.csv:2: level: 'nowhere' is not a level" "$T/err"
expect_grep "c-dup.csv:4: name: 乙 is also on line 3" "$T/err"
expect_no_grep "c-dup.csv:3:" "$T/err"
# The names are checked across the whole file at the end, and yet each
# problem stands in the order of the lines, among the first 50 shown.
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  echo '丙,,town,,,,,,'
  echo '丙,,nowhere,,,,,,'
  for i in $(seq 1 60); do echo "丁$i,,nowhere,,,,,,"; done
  echo '丙,,town,,,,,,'
} >"$T/c-order.csv"
expect_status 2 dd import contacts "$T/c-order.csv"
expect_eq "problems in the order of the lines" \
  "c-order.csv:3: level c-order.csv:3: name c-order.csv:4: level" \
  "$(grep -o 'c-order.csv:[0-9]*: [a-z]*' "$T/err" | head -3 | tr '\n' ' ' | sed 's/ $//')"
expect_grep "c-order.csv:51: level" "$T/err"
expect_no_grep "c-order.csv:52:" "$T/err"
expect_grep "c-order.csv: … and 13 more problems" "$T/err"
# Rows are written in batches (of 128): a name twice within a batch, across
# batches and before a problem of the file is named all the same, in the
# order of the lines; a file of whole batches imports, and imports again as
# a change.
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  for i in $(seq 1 10); do echo "批$i,,town,,,,,0575-$((1000000 + i)),"; done
  echo '批3,,town,,,,,,'
  for i in $(seq 11 300); do echo "批$i,,town,,,,,0575-$((1000000 + i)),"; done
  echo '批5,,town,,,,,,'
  echo '批270,,town,,,,,,'
  for i in $(seq 301 340); do echo "批$i,,town,,,,,,"; done
  echo '批320,,nowhere,,,,,,'
} >"$T/c-batch.csv"
expect_status 2 dd import contacts "$T/c-batch.csv"
expect_eq "batched problems in the order of the lines" \
  "c-batch.csv:12: name: 批3 is also on line 4|c-batch.csv:303: name: 批5 is also on line 6|c-batch.csv:304: name: 批270 is also on line 272|c-batch.csv:345: level: 'nowhere' is not a level: province, city, county, town or unit|c-batch.csv:345: name: 批320 is also on line 324" \
  "$(grep -o 'c-batch.csv:[0-9].*' "$T/err" | tr '\n' '|' | sed 's/|$//')"
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  for i in $(seq 1 256); do echo "批$i,,town,,,,,0575-$((1000000 + i)),"; done
} >"$T/c-batch-ok.csv"
desk_init "$T/cb.db"
expect_status 0 dd --db "$T/cb.db" import contacts "$T/c-batch-ok.csv"
expect_grep "256 row(s): 256 added, 0 changed" "$T/err"
dd --db "$T/cb.db" export contacts - 2>/dev/null >"$T/cb-out.csv"
expect_grep '批256,,town,,,,,0575-1000256,' "$T/cb-out.csv"
sed 's/^批40,,town,,,,,0575-1000040,/批40,,town,,,,,0575-1000040; 0575-2000040,/' \
  "$T/c-batch-ok.csv" >"$T/c-batch-2.csv"
expect_status 0 dd --db "$T/cb.db" import contacts "$T/c-batch-2.csv"
expect_grep "256 row(s): 0 added, 1 changed, 0 removed" "$T/err"
dd --db "$T/cb.db" export contacts - 2>/dev/null >"$T/cb-out.csv"
expect_grep '批40,,town,,,,,0575-1000040; 0575-2000040,' "$T/cb-out.csv"
# One contact added, one changed in a field, one in its numbers alone, the
# rest as they were; the numbers end as the file gives them.
dd --db "$T/c.db" export contacts - 2>/dev/null >"$T/c-same.csv"
awk -F, 'NR == 2 { $2 = $2 "改" } NR == 3 { $8 = "0575-1234567; 0575-7654321" } 1' OFS=, \
  "$T/c-same.csv" >"$T/c-edit.csv"
echo '新联系人,某单位,town,,,,,13800000000,' >>"$T/c-edit.csv"
expect_status 0 dd --db "$T/c.db" import contacts "$T/c-edit.csv"
expect_grep "1 added, 2 changed, 0 removed" "$T/err"
dd --db "$T/c.db" export contacts - 2>/dev/null >"$T/c-after.csv"
expect_grep '新联系人,某单位,town,,,,,13800000000,' "$T/c-after.csv"
expect_grep '0575-1234567; 0575-7654321' "$T/c-after.csv"
expect_status 0 dd --db "$T/c.db" import contacts "$T/c-edit.csv"
expect_grep "nothing changed" "$T/err"

# 9. Rules: every problem of a bad file, then an edit that imports.
expect_status 2 dd import rules "$DATA/rules-bad.csv"
R="$DATA/rules-bad.csv"
expect_grep "$R:3: seq: rule positive 1 is also on line 2" "$T/err"
for f in kind contact stage channel minutes required; do
  expect_grep "$R:4: $f: " "$T/err"
done
sed 's/^positive,1,诸暨市值班组,initial,phone,15,/positive,1,诸暨市值班组,initial,phone,10,/' \
  "$T/rules-a.csv" >"$T/rules-e.csv"
expect_status 0 dd import rules "$T/rules-e.csv" --dry-run
expect_grep "0 added, 1 changed, 0 removed" "$T/err"
expect_status 0 dd import rules "$T/rules-e.csv"
dd export rules - | grep -q '^positive,1,诸暨市值班组,initial,phone,10,1,' ||
  fail "rule not changed"

# 10. BOM and CRLF for the roster too, and export --bom for spreadsheets.
dd export roster "$T/r4.csv" --bom 2>/dev/null
expect_eq "BOM" "efbbbf" "$(head -c 3 "$T/r4.csv" | od -An -tx1 | tr -d ' \n')"
sed 's/$/\r/' "$T/r4.csv" >"$T/r4-crlf.csv"
expect_status 0 dd import roster "$T/r4-crlf.csv"
expect_grep "nothing changed" "$T/err"

# 11. The log: every entry, drill ones too, in the columns of log list.
dd log add --kind call --summary '来电,含逗号和"引号"
及换行' --source 卫生院 >/dev/null 2>&1
dd log add --kind other --summary 演练记录 --drill >/dev/null 2>&1
expect_status 0 dd export log "$T/log.csv"
dd log list --format csv >"$T/list.csv"
expect_eq "log header" "$(head -n1 "$T/list.csv")" "$(head -n1 "$T/log.csv")"
expect_grep '"来电,含逗号和""引号""' "$T/log.csv"
expect_grep '演练记录' "$T/log.csv"
grep -v '演练记录' "$T/log.csv" >"$T/log-real.csv"
cmp -s "$T/log-real.csv" "$T/list.csv" || fail "export log differs from log list --format csv"
expect_status 0 dd timeline 1 --format csv
expect_eq "timeline header" "event_id,at,elapsed_s,entry_id,type,actor,text,detail,drill,unverified,kind,subkind,source,caller,callback,readback,significant,reason,previous" \
  "$(head -n1 "$T/out")"

# 12. Usage: what cannot be imported, a missing file, an empty file.
expect_status 2 dd import log "$T/log.csv"
expect_status 1 dd import roster "$T/no-such.csv"
: >"$T/empty.csv"
expect_status 2 dd import roster "$T/empty.csv"
expect_grep "empty.csv:1: the file is empty" "$T/err"

# 13. Bytes no spreadsheet should write: a NUL byte, a field over 64 KiB, a
# field with a terminal escape and a line break.  Each is named, the report
# stays one problem a line, and nothing is imported.
dd export roster "$T/r5.csv" 2>/dev/null
pad=$(head -n1 "$T/r5.csv" | sed 's/[^,]//g; s/^,,,//')   # the columns after person
{
  cat "$T/r5.csv"
  printf '交通管理组,deputy,7,王\000五%s\n' "$pad"
  printf '交通管理组,deputy,8,%s%s\n' "$(head -c 70000 /dev/zero | tr '\0' A)" "$pad"
  printf '"交通\033[2J\n管理组",deputy,9,赵六%s\n' "$pad"
} >"$T/bytes.csv"
expect_status 2 dd import roster "$T/bytes.csv"
expect_grep "person: the field holds a NUL byte" "$T/err"
expect_grep "person: the field is 70000 bytes long; the most is 65536" "$T/err"
expect_grep "group: no group called '交通?[2J?管理组'" "$T/err"
expect_eq "lines that are not a problem or the summary" "" \
  "$(grep -v "^$T/bytes.csv:[0-9]*: \|^dutydesk: " "$T/err")"
dd export roster "$T/r6.csv" 2>/dev/null
cmp -s "$T/r5.csv" "$T/r6.csv" || fail "a file with bad bytes changed the roster"

# expect_line LINE FILE: LINE is a whole line of FILE.
expect_line() { grep -qxF -- "$1" "$2" || fail "line '$1' not in $2"; }

# 14. A file of one row would take 40 of the 41 posts held now from the
# people who hold them.  Refused, naming the first ten and how many, and
# nothing is written; --dry-run names the same; --replace goes through.
V="$T/v.db"
desk_init "$V"
dd --db "$V" export roster "$T/v0.csv" 2>/dev/null
head -n2 "$T/v0.csv" >"$T/one.csv"
expect_eq "one row" "领导小组,leader,1,徐航锋" "$(sed -n 2p "$T/one.csv" | cut -d, -f1-4)"
expect_status 2 dd --db "$V" import roster "$T/one.csv"
expect_grep "one.csv would take people off 40 post(s) they hold now and leave them empty (领导小组 Leader 张宝庭; 领导小组 Deputy leader 何欣威; 领导小组 Deputy leader 周凯琳; 领导小组 Member 陈兴均;" "$T/err"
expect_grep "领导小组 Member 吴海军 … and 30 more); nothing was imported (give --replace to vacate them)" "$T/err"
expect_eq "ten named" "10" "$(tr ';' '\n' <"$T/err" | grep -c ' Leader \| Deputy leader \| Member ')"
dd --db "$V" export roster "$T/v1.csv" 2>/dev/null
cmp -s "$T/v0.csv" "$T/v1.csv" || fail "a refused one-row import changed the roster"
expect_status 0 dd --db "$V" import roster "$T/one.csv" --dry-run
expect_grep "40 vacated, 0 relabelled; vacated: 领导小组 Leader 张宝庭; 领导小组 Deputy leader 何欣威;" "$T/err"
expect_grep "and 30 more): importing it needs --replace" "$T/err"
dd --db "$V" export roster "$T/v1.csv" 2>/dev/null
cmp -s "$T/v0.csv" "$T/v1.csv" || fail "a dry run changed the roster"
expect_status 0 dd --db "$V" import roster "$T/one.csv" --replace
expect_grep "40 vacated" "$T/err"
expect_status 0 dd --db "$V" roster
expect_grep "Leader          徐航锋" "$T/out"
expect_no_grep "张宝庭" "$T/out"
expect_status 0 dd --db "$V" check

# 15. The groups' texts: every row of a group carries its heading as the
# notice writes it, its other names, its note and its succession sentence;
# a group with no post held has a row of its own (the sub-groups, under
# 核酸采样工作组).  Edited, they import; exported again, the file is the same.
expect_status 0 dd export roster "$T/g0.csv"
expect_line '区域协查管控专班,leader,1,朱方洁,,operator,,,,,(八)区域协查管控专班(重点人员管控组、疫情处置专班区域协查组),重点人员管控组,,"以上人员如有变动,由职能办(中心)、站办所、行政村(社区)人员自然更替。"' "$T/g0.csv"
expect_eq "sub-groups after 核酸采样工作组" \
  "核酸采样工作组 核酸采样工作组综合协调组 核酸采样工作组宣传发动组 核酸采样工作组物资保障组 核酸采样工作组后勤服务组 新冠病毒疫苗接种工作组" \
  "$(cut -d, -f1 "$T/g0.csv" | uniq | grep -A5 '^核酸采样工作组$' | tr '\n' ' ' | sed 's/ $//')"
expect_line '核酸采样工作组宣传发动组,,,,,,,,,,宣传发动组,,,' "$T/g0.csv"
sed -e 's/,重点人员管控组,,"以上人员/,重点人员管控组; 重点人员组,每日通报。,"以上人员/' \
  "$T/g0.csv" >"$T/g1.csv"
expect_status 0 dd import roster "$T/g1.csv" --dry-run
expect_grep "1 group(s) with a new heading, other names, note or succession sentence" "$T/err"
expect_status 0 dd import roster "$T/g1.csv"
expect_status 0 dd roster --format csv
expect_line '区域协查管控专班,standing,,alias,2,重点人员组,,,,一、工作组组成及职责任务' "$T/out"
expect_line '区域协查管控专班,standing,,note,1,,,每日通报。,,一、工作组组成及职责任务' "$T/out"
expect_status 0 dd log add --kind key-person --summary 密接1人 --group 重点人员组
expect_status 0 dd export roster "$T/g2.csv"
cmp -s "$T/g1.csv" "$T/g2.csv" || fail "group texts: $(diff "$T/g1.csv" "$T/g2.csv")"
# Rows of one group that disagree, and another group's name as an alias.
sed -e '/^区域协查管控专班,leader,1,/s/,每日通报。,/,另一说法,/' "$T/g2.csv" >"$T/g3.csv"
expect_status 2 dd import roster "$T/g3.csv"
expect_grep "g3.csv:34: group_note: 区域协查管控专班 is also on line 33, with '另一说法'" "$T/err"
sed -e 's/^\(交通管理组,leader,1,.*,(三)交通管理组\),,,"/\1,综合协调组,,"/' \
  "$T/g2.csv" >"$T/g4.csv"
expect_status 2 dd import roster "$T/g4.csv"
expect_grep "group_aliases: '综合协调组' is already the name of 综合协调组" "$T/err"
dd export roster "$T/g5.csv" 2>/dev/null
cmp -s "$T/g2.csv" "$T/g5.csv" || fail "a refused file changed the groups"

expect_status 0 dd check

# 14. A big import goes on the chain as a digest, not a copy: the event names
# the file by its SHA-256 and holds the counts, the contacts table is recorded
# by its count and digest, and a contact changed behind dutydesk's back is
# still found, by the table's digest.
{
  echo 'name,org,level,group,unit,person,role,numbers,note'
  seq 1 6000 | awk '{ printf "联络员%05d,马剑镇人民政府,town,,,,联络员,1390575%04d,\n", $1, $1 }'
} >"$T/big.csv"
expect_status 0 dd import contacts "$T/big.csv"
expect_grep "6000 added" "$T/err"
body=$(sqlite3 "$DUTYDESK_DB" "SELECT body FROM event WHERE type = 'imported' ORDER BY id DESC LIMIT 1")
expect_eq "the file's SHA-256 in the event" "$(sha256sum "$T/big.csv" | cut -c1-64)" \
  "$(printf '%s' "$body" | sed -n 's/.*"sha256":"\([0-9a-f]*\)".*/\1/p')"
case "$body" in
  *'contact #'[0-9]*':'*) ;;
  *) fail "the contacts are not recorded by their digest: ${body%%\"_state*}" ;;
esac
[ "${#body}" -lt 4000 ] || fail "the event of a 6,000-contact import is ${#body} bytes long"
expect_status 0 dd check
sqlite3 "$DUTYDESK_DB" "PRAGMA foreign_keys = OFF; UPDATE contact SET org = '改过' WHERE name = '联络员03000'"
expect_status 6 dd check
expect_grep "contact was changed behind dutydesk's back after event #" "$T/out"
expect_grep "6009 rows were recorded, 6009 are there now" "$T/out"
finish
