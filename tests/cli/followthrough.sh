#!/bin/sh
# What the desk hands out and follows through (SPEC §6a), through the real
# binary: a meeting's decision becomes an assigned task that goes overdue and
# then stands out in `task list --overdue`, in the supervision group's view,
# in the daily report and in the handover sheet (the status line: see
# tests/tui/views.sh); a village is classified 封控区 during an outbreak, on
# the outbreak's timeline and in the task force's roster, and not outside
# one; a figure entered by one operator counts in the daily report only once
# a second one has reviewed it; units' liaisons come in with the roster.
. "$(dirname "$0")/lib.sh"

expect_status 0 dd init
desk_init
enrol 王值班
enrol 徐航锋 supervisor
for p in 赵娜 边吉; do enrol "$p"; done
export DUTYDESK_OPERATOR=王值班

# --- Meetings and their decisions -------------------------------------------
# Attendees are people on the roster; an unknown name is refused.
expect_status 3 dd meeting add --kind joint --at 2021-12-16T08:00 --title "协调联席会议" \
  --attendees "何欣威,李不在"
expect_grep "nobody called '李不在' is on the roster" "$T/err"
expect_status 2 dd meeting add --kind party --at 2021-12-16T08:00 --title x --attendees 何欣威
expect_status 2 dd meeting add --kind joint --at 2021-12-16T08:00 --title "会" \
  --attendees "何欣威、何欣威"
expect_grep "named twice" "$T/err"
m=$(dd meeting add --kind joint --at 2021-12-16T08:00 --title "疫情防控协调联席会议" \
    --attendees "何欣威、周凯琳，朱方洁" 2>"$T/err")
expect_eq "meeting id" "1" "$m"
expect_eq "decision 1" "1" "$(dd meeting decision "$m" --text "各村社落实来诸返诸人员排查" 2>/dev/null)"
expect_eq "decision 2" "2" "$(dd meeting decision "$m" --text "交通管理组今日设置外围卡点" 2>/dev/null)"
expect_status 3 dd meeting decision 9 --text x

# A decision becomes an assigned task in one action; it prints the id alone.
t1=$(dd meeting decide "$m" --decision 2 --group 交通管理组 --due 2021-12-16T17:00 \
     --assigned-by 何欣威 2>"$T/err")
expect_eq "task from decision" "1" "$t1"
expect_eq "stderr of decide" "" "$(cat "$T/err")"
t2=$(dd task add --from-meeting "$m" --decision 1 --group 村社疫情防控工作组 --due 2021-12-18 \
     2>/dev/null)
expect_eq "task add --from-meeting" "2" "$t2"
expect_status 2 dd task add --from-meeting "$m" --decision 2 --group 交通管理组 \
  --due 2021-12-17T12:00
expect_grep "already task #1" "$T/err"
expect_status 3 dd task add --from-meeting "$m" --decision 7 --group 交通管理组 --due 2021-12-17
expect_grep "has no decision 7 (it has 2)" "$T/err"
expect_status 2 dd task add --group 交通管理组 --due 2021-12-15T12:00 --summary "过期"
expect_grep "already passed" "$T/err"
expect_status 3 dd task add --group 不存在组 --due 2021-12-17 --summary x
expect_status 0 dd meeting show "$m"
expect_grep "#1 交通管理组" "$T/out"
expect_grep "何欣威、周凯琳、朱方洁" "$T/out"

# A leader's task passed on by the desk, from a log entry.
e=$(dd log add --kind instruction --summary "何欣威：督导检查组今日检查各卡点" 2>/dev/null)
t3=$(dd task add --group 督导检查组 --due 2021-12-16T20:00 --summary "检查各卡点" \
     --from-entry "$e" --assigned-by 何欣威 2>/dev/null)
expect_eq "task from entry" "3" "$t3"
expect_status 0 dd timeline "$e"
expect_grep "交办 #3 督导检查组" "$T/out"

# Not yet overdue at 09:00.
expect_status 0 dd task list --overdue --format csv
expect_eq "none overdue at 09:00" "1" "$(wc -l <"$T/out" | tr -d ' ')"
expect_status 0 dd task note "$t1" --text "已选定卡点位置"

# --- Overdue at 18:00 --------------------------------------------------------
export DUTYDESK_NOW=2021-12-16T18:00
expect_status 0 dd task list --overdue
expect_grep "OVERDUE by 1 h 00 min" "$T/out"
expect_grep "交通管理组今日设置外围卡点" "$T/out"
expect_no_grep "各村社落实" "$T/out"
# The supervision group sees every group's tasks, the overdue one first.
expect_status 0 dd task list --for 督导检查组 --format csv
expect_eq "supervision view, first" "1" "$(sed -n 2p "$T/out" | cut -d, -f1)"
expect_eq "supervision view, status" "overdue" "$(sed -n 2p "$T/out" | cut -d, -f5)"
expect_eq "supervision view, rows" "4" "$(wc -l <"$T/out" | tr -d ' ')"
expect_status 0 dd task list --for 督导检查组
expect_grep "督导检查组: 1 overdue of 3 listed" "$T/out"
# Another group's view is its own tasks.
expect_status 0 dd task list --for 交通管理组 --format csv
expect_eq "own view" "2" "$(wc -l <"$T/out" | tr -d ' ')"
# The daily report lists it, flagged.
expect_status 0 dd report daily
expect_grep "交办事项逾期：1 项（截至 2021-12-16 18:00）" "$T/out"
expect_grep "  * #1 限12-16 17:00  交通管理组：交通管理组今日设置外围卡点（逾期 1 h 00 min）" \
  "$T/out"
expect_eq "report width" "80" "$(wc -L <"$T/out" | tr -d ' ')"
# So does the handover sheet of the shift.
expect_status 0 dd handover
expect_grep "逾期交办事项：1 项" "$T/out"
expect_grep "交通管理组今日设置外围卡点" "$T/out"
expect_grep "逾期 1 h 00 min" "$T/out"

# Closed: off the overdue list and the report; the history keeps it all.
expect_status 0 dd task close "$t1" --resolution "外围卡点已设置"
expect_status 2 dd task close "$t1" --resolution again
expect_grep "was closed at 2021-12-16 18:00 by 王值班" "$T/err"
expect_status 2 dd task note "$t1" --text late
expect_status 0 dd task list --overdue --format csv
expect_eq "none overdue after closing" "1" "$(wc -l <"$T/out" | tr -d ' ')"
expect_status 0 dd report daily
expect_grep "交办事项逾期：无" "$T/out"
expect_status 0 dd handover
expect_no_grep "交通管理组今日设置外围卡点" "$T/out"
expect_status 0 dd task show "$t1"
expect_grep "已选定卡点位置" "$T/out"
expect_grep "外围卡点已设置" "$T/out"
expect_grep "meeting #1, decision 2" "$T/out"
expect_status 0 dd task list --all --format csv
expect_grep "1,交通管理组,交通管理组今日设置外围卡点,2021-12-16T17:00:00+08:00,closed,何欣威" "$T/out"
export DUTYDESK_NOW=2021-12-16T09:00

# --- Zones, only in an outbreak ----------------------------------------------
expect_status 4 dd zone set 平阳社区 closed --source "根据市专家组研判"
expect_grep "only in task-force mode" "$T/err"
expect_eq "refusal is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
p=$(dd log add --kind positive --summary "平阳社区报告本土初筛阳性1例" --at 2021-12-16T08:30 \
    2>/dev/null)
expect_status 0 dd zone set 平阳社区 closed --source "根据市专家组研判" --at 2021-12-16T08:50
expect_grep "平阳社区: 无 → 封控区, on the timeline of positive case #$p" "$T/err"
expect_status 0 dd timeline "$p"
expect_grep "平阳社区：划为封控区" "$T/out"
expect_grep "根据市专家组研判（2021-12-16 08:50 起）" "$T/out"
# A name not on the roster is refused, naming the nearest known places, and
# writes nothing; a new village needs --new-place, said on stderr; a unit of
# another kind is not one.
before=$(rows event)
expect_status 3 dd zone set 平阳社 closed --source "根据市专家组研判"
expect_grep "'平阳社' is not a village or community on the roster; did you mean 平阳社区?" "$T/err"
expect_grep "give --new-place if it is a new one" "$T/err"
expect_eq "refusal is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_status 3 dd zone set 平羊社区 closed --source "根据市专家组研判"
expect_grep "did you mean 平阳社区?" "$T/err"
expect_status 3 dd zone set 马剑村 controlled --source "根据市专家组研判"
expect_grep "'马剑村' is not a village or community on the roster, and no name on it is near" \
  "$T/err"
expect_eq "nothing written by the refusals" "$before" "$(rows event)"
expect_eq "no village added" "0" "$(sqlite3 "$DUTYDESK_DB" \
  "SELECT count(*) FROM unit WHERE name IN ('平阳社', '平羊社区', '马剑村')")"
expect_status 0 dd zone set 马剑村 controlled --source "根据市专家组研判" --new-place
expect_grep "马剑村 was not on the roster: added as a village" "$T/err"
# Known now: a typo of it is refused with it named, and --new-place is not needed.
expect_status 3 dd zone set 马箭村 closed --source x
expect_grep "did you mean 马剑村?" "$T/err"
# A checkpoint's village is checked the same way.
expect_status 3 dd checkpoint add --place "路口" --zone 平阳社 --staff 赵娜 --hours 24h
expect_grep "did you mean 平阳社区?" "$T/err"
expect_status 2 dd zone set 党政综合办 controlled --source x
expect_grep "not a village or community" "$T/err"
expect_status 2 dd zone set 平阳社区 closed --source x
expect_status 2 dd zone set 平阳社区 sealed --source x
expect_status 2 dd zone set 平阳社区 controlled --source x --at 2021-12-16T08:00
expect_grep "before the outbreak began" "$T/err"
expect_status 2 dd zone set 平阳社区 controlled
expect_status 0 dd zone list
expect_grep "平阳社区  封控区" "$T/out"
expect_grep "马剑村    管控区" "$T/out"
# Checkpoints: staff from the roster, hours checked.
k=$(dd checkpoint add --place "平阳社区东入口" --zone 平阳社区 --staff "赵娜、边吉" \
    --hours 8:00-20:00 2>/dev/null)
expect_eq "checkpoint id" "1" "$k"
expect_status 3 dd checkpoint add --place x --staff "无名氏" --hours 24h
expect_status 2 dd checkpoint add --place x --staff 赵娜 --hours "8点到20点"
expect_status 0 dd checkpoint list
expect_grep "平阳社区东入口  平阳社区 (封控区)  08:00-20:00" "$T/out"
expect_grep "赵娜、边吉" "$T/out"
# The task force's roster shows them; the timeline says what each step was.
expect_status 0 dd roster --taskforce
expect_grep "疫情处置专班社区封控组  ← 社会稳定组" "$T/out"
expect_grep "Zones in force (outbreak of positive case #$p):" "$T/out"
expect_grep "  平阳社区  封控区  since 12-16 08:50  根据市专家组研判" "$T/out"
expect_grep "  马剑村  管控区  since 12-16 09:00  根据市专家组研判" "$T/out"
expect_grep "  #1 平阳社区东入口  平阳社区 封控区  08:00-20:00  赵娜、边吉" "$T/out"
expect_status 0 dd roster --taskforce --format csv
expect_grep ",,,zone,1,平阳社区,,closed; 2021-12-16T08:50:00+08:00; 根据市专家组研判" "$T/out"
expect_grep ",,,checkpoint,1,平阳社区东入口,,平阳社区 封控区; 08:00-20:00; 赵娜、边吉" "$T/out"
expect_status 0 dd roster
expect_no_grep "Zones in force" "$T/out"
expect_status 0 dd timeline "$p"
expect_grep "zone changed" "$T/out"
expect_grep "checkpoint set up" "$T/out"
expect_grep "设卡点 #1 平阳社区东入口（平阳社区）" "$T/out"

# Standing down keeps the history; then zones are refused again.
for n in $(dd escalations --open --format csv | tail -n +2 | cut -d, -f1); do
  dd escalation done "$n" --answered-by "值班员甲" >/dev/null 2>&1 || fail "escalation done $n"
done
expect_status 4 dd mode stand-down --reason "经研判解除" --operator 徐航锋 --confirm positives,final
expect_grep "still open: 2 zone(s) in force; 1 checkpoint(s) up; confirm each" "$T/err"
expect_status 0 dd mode stand-down --reason "经研判解除" --operator 徐航锋 \
  --confirm positives,final --confirm zones,checkpoints
# The day's report says it in the handover sheet's words.
expect_status 0 dd report daily
expect_grep "疫情处置专班撤销，恢复常态化防控，原因：经研判解除；徐航锋 记录" "$T/out"
expect_status 0 dd zone list --format csv
expect_grep ",平阳社区,closed,none,2021-12-16T08:50:00+08:00,根据市专家组研判," "$T/out"
expect_status 0 dd zone list
expect_grep "stood down; the last outbreak was positive case #$p" "$T/out"
expect_status 4 dd zone set 平阳社区 none --source "解除封控"
expect_status 0 dd roster --taskforce
expect_grep "Zones in force: none (the task force is not active)" "$T/out"
expect_grep "#1 平阳社区东入口" "$T/out"
expect_status 0 dd checkpoint close "$k" --reason "解除封控"
expect_status 2 dd checkpoint close "$k" --reason again
expect_status 0 dd checkpoint list --all --format csv
expect_grep "1,平阳社区东入口,平阳社区,closed,赵娜、边吉,08:00-20:00," "$T/out"
expect_status 0 dd timeline "$p"
expect_grep "checkpoint stood down" "$T/out"

# --- Statistics: counted only once another person has reviewed them ----------
f=$(dd stats add --group 核酸采样工作组 --metric 核酸采样数 --value 1200 2>"$T/err")
expect_eq "figure id" "1" "$f"
expect_grep "waits for review" "$T/err"
expect_status 0 dd report daily
expect_grep "统计数据（已审核）：已审核 0 项；待审核 1 项，不计入" "$T/out"
expect_no_grep "1200" "$T/out"
# The one who entered it cannot review it.
expect_status 4 dd stats review "$f"
expect_grep "entered by 王值班: another person reviews it" "$T/err"
expect_status 0 dd stats list --pending --format csv
expect_eq "pending" "2" "$(wc -l <"$T/out" | tr -d ' ')"
expect_status 0 dd stats list --format csv
expect_eq "stats csv header" \
  "id,day,metric,metric_key,group,value,unit,entered_by,entered_at,reviewed_by,reviewed_at,status" \
  "$(head -1 "$T/out")"
expect_grep "1,2021-12-16,核酸采样数,samples,核酸采样工作组,1200,人次,王值班,2021-12-16T09:00:00+08:00,,,pending" "$T/out"
expect_status 0 dd stats review "$f" --operator 赵娜
expect_status 0 dd stats list --format csv
expect_grep ",1200,人次,王值班,2021-12-16T09:00:00+08:00,赵娜,2021-12-16T09:00:00+08:00,reviewed" "$T/out"
expect_status 2 dd stats review "$f" --operator 边吉
expect_grep "already reviewed by 赵娜" "$T/err"
expect_status 0 dd report daily
expect_grep "核酸采样数  1200 人次（核酸采样工作组；王值班 填报，赵娜 审核）" "$T/out"
expect_status 0 dd stats trend --metric samples --days 3 --format csv
expect_grep "2021-12-16,1200,1" "$T/out"
expect_grep "2021-12-15,,0" "$T/out"
# A metric is reported by its group; metrics are data an admin adds to.
expect_status 2 dd stats add --group 交通管理组 --metric 核酸采样数 --value 3
expect_grep "reported by 核酸采样工作组, not by 交通管理组" "$T/err"
expect_status 3 dd stats add --metric 不存在 --value 3
expect_status 2 dd stats add --metric samples --value -3
expect_status 4 dd stats metric add --key checkpoints --name 卡点登记数 --group 交通管理组 --unit 人次
expect_status 0 dd stats metric add --key checkpoints --name 卡点登记数 --group 交通管理组 \
  --unit 人次 --operator 周凯琳
expect_status 0 dd stats metric list --format csv
expect_grep "checkpoints,卡点登记数,交通管理组,人次,7," "$T/out"

# --- Unit liaisons (联络员) and deputies in charge (分管领导) ------------------
# They are contacts of their unit, kept in the roster file.
# The roster file has their columns, empty while nobody is one.
expect_status 0 dd export roster "$T/roster.csv"
expect_eq "roster header" \
  "group,post,seq,person,unit,access,phones,label,liaison_of,in_charge_of,group_heading,group_aliases,group_note,group_succession" \
  "$(head -1 "$T/roster.csv")"
awk -F, 'BEGIN { OFS = "," }
  NR == 1 { print; next }
  { $9 = ""; $10 = "" }
  $4 == "赵娜" { $5 = "卫生院"; $7 = "13905751234"; $9 = "卫生院" }
  $4 == "吴海军" { $10 = "卫生院；平阳社区" }
  { print }' "$T/roster.csv" >"$T/liaisons.csv"
expect_status 4 dd import roster "$T/liaisons.csv"
expect_status 0 dd import roster "$T/liaisons.csv" --operator 周凯琳
expect_grep "3 unit liaison(s) or deputies in charge changed" "$T/err"
expect_status 0 dd contacts --format csv
expect_grep "卫生院联络员,卫生院,unit,联络员,13905751234,赵娜," "$T/out"
expect_grep "卫生院分管领导,卫生院,unit,分管领导,,吴海军," "$T/out"
expect_grep "平阳社区分管领导,平阳社区,unit,分管领导,,吴海军," "$T/out"
# Exported as imported; importing it again changes nothing.
expect_status 0 dd export roster "$T/again.csv"
expect_eq "roster header now" \
  "group,post,seq,person,unit,access,phones,label,liaison_of,in_charge_of,group_heading,group_aliases,group_note,group_succession" \
  "$(head -1 "$T/again.csv")"
expect_grep ",赵娜,卫生院,operator,13905751234,,卫生院," "$T/again.csv"
expect_grep ",吴海军,,operator,,,,卫生院; 平阳社区" "$T/again.csv"
expect_status 0 dd import roster "$T/again.csv" --operator 周凯琳 --dry-run
expect_grep "0 person(s) added, 0 changed" "$T/err"
expect_no_grep "liaison" "$T/err"
# An unknown unit, or a role on a row without a person, is a problem of the file.
sed 's/,卫生院；平阳社区,/,卫生院；不存在村,/' "$T/liaisons.csv" >"$T/bad.csv"
printf ',,,,,,,,卫生院,,,,,\n' >>"$T/bad.csv"
expect_status 2 dd import roster "$T/bad.csv" --operator 周凯琳
expect_grep "in_charge_of: no unit called '不存在村'" "$T/err"
expect_grep "liaison_of: given, but the row names no person" "$T/err"
# Nobody named for a unit any more: its contact stays, naming nobody.
awk -F, 'BEGIN { OFS = "," } $4 == "吴海军" { $10 = "" } { print }' "$T/again.csv" \
  >"$T/none.csv"
expect_status 0 dd import roster "$T/none.csv" --operator 周凯琳
expect_grep "2 unit liaison(s) or deputies in charge changed" "$T/err"
expect_status 0 dd contacts --format csv
expect_grep "卫生院分管领导,卫生院,unit,分管领导,,," "$T/out"
expect_grep "卫生院联络员,卫生院,unit,联络员,13905751234,赵娜," "$T/out"
# A file without the two columns leaves them as they are.
cut -d, -f1-8 "$T/again.csv" >"$T/old-form.csv"
expect_status 0 dd import roster "$T/old-form.csv" --operator 周凯琳 --dry-run
expect_no_grep "liaison" "$T/err"

# Every act above is on the chain, and nothing can be changed in place.
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"

finish
