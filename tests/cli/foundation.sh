#!/bin/sh
# The foundation as a new user meets it: init, a call, a positive case, the
# mode, the task-force roster, a timeline, CSV, search, check, refusals.
. "$(dirname "$0")/lib.sh"

# Before init: the core says what is wrong, the command line what to type.
expect_status 3 dd log list
expect_grep "there is no database at $DUTYDESK_DB (run \`dutydesk init\` to create it)" "$T/err"
sqlite3 "$T/other.db" "CREATE TABLE t(a)"
expect_status 1 dd --db "$T/other.db" log list
expect_grep "not a dutydesk database; it was left untouched (give another path with --db)" "$T/err"

expect_status 0 dd init
expect_grep "$DUTYDESK_DB" "$T/out"
expect_status 0 dd init           # idempotent
expect_status 0 dd mode
expect_eq "mode before" "normal" "$(head -n1 "$T/out")"

# Writing needs somebody at the desk.
expect_status 2 dd log add --kind call --summary x
expect_grep "who is writing? (give --operator NAME or set DUTYDESK_OPERATOR)" "$T/err"

# The office enrols who works at the desk: the director first (lib.sh).
desk_init
enrol 王值班
enrol 徐航锋

export DUTYDESK_OPERATOR=王值班
id1=$(dd log add --kind call --summary "诸暨市值班组来电：通知今晚视频会议" \
      --source 诸暨市值班组 --group 综合协调组 --caller 李四 --callback 0575-87001234 --readback \
      --at 2021-12-16T08:40 2>"$T/err")
expect_eq "first id" "1" "$id1"

id2=$(dd log add --kind positive --summary "马剑村报告本土初筛阳性1例，已隔离" --source 卫生院 \
      --significant 2>"$T/err")
expect_eq "positive id" "2" "$id2"
expect_grep "TASK FORCE" "$T/err"
expect_status 0 dd mode
expect_eq "mode after" "taskforce" "$(head -n1 "$T/out")"
expect_grep "by: 王值班" "$T/out"
expect_grep "trigger: 2" "$T/out"

# A second positive case does not transition again.
id3=$(dd log add --kind positive --summary "第二例初筛阳性" 2>"$T/err")
expect_no_grep "TASK FORCE" "$T/err"
expect_status 0 dd mode
expect_grep "trigger: 2" "$T/out"

# The task-force roster names the task force's groups with their leads.
expect_status 0 dd roster --taskforce
expect_grep "疫情处置专班社区封控组  ← 社会稳定组" "$T/out"
expect_grep "朱方洁" "$T/out"
expect_no_grep "市场整治稳定组" "$T/out"

# The timeline of the positive case shows the mode change and escalation.
expect_status 0 dd timeline "$id2"
expect_grep "normal → taskforce" "$T/out"
expect_grep "本土初筛阳性 #2" "$T/out"
expect_grep "溯源调查" "$T/out"

# Follow-up, amendment (original kept), closure.
id4=$(dd log add --kind call --summary "卫生院回电：密接3人已管控" --parent "$id2")
expect_status 0 dd log amend "$id4" --summary "卫生院回电：密接4人已管控" --reason "人数更正"
expect_status 0 dd timeline "$id2"
expect_grep "密接4人" "$T/out"
expect_grep "人数更正 | 卫生院回电：密接3人已管控" "$T/out"
expect_status 2 dd log close "$id4" --resolution x
expect_grep "follow-up of incident #2" "$T/err"
expect_status 0 dd log close "$id1" --resolution "已通知领导参会"
expect_status 2 dd log close "$id1" --resolution again
expect_grep "already closed" "$T/err"

# CSV: header, RFC 4180, Chinese as UTF-8.
dd log add --kind other --summary '含逗号,和"引号"的
两行摘要' >/dev/null
expect_status 0 dd log list --format csv
expect_eq "csv header" "id,incident,occurred_at,recorded_at,kind,subkind,source,caller,callback,readback,summary,original_summary,group,operator,significant,drill,status,closed_at,unverified,notes,proposal,instruction,result,handled_by,handled_at,resolution,closed_by,amendment_reasons,amended_by" "$(head -n1 "$T/out")"
expect_grep '1,1,2021-12-16T08:40:00+08:00,2021-12-16T09:00:00+08:00,call,,诸暨市值班组,李四,0575-87001234,1,诸暨市值班组来电：通知今晚视频会议,,综合协调组,王值班,0,0,closed,2021-12-16T09:00:00+08:00' "$T/out"
expect_grep '"含逗号,和""引号""的' "$T/out"

# Search: two-character Chinese words are found, and substrings of them.
expect_status 0 dd log list --search 密接
expect_grep "卫生院回电" "$T/out"
expect_status 0 dd log list --search 阳性 --format csv
expect_eq "阳性 rows" "3" "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')"
expect_status 0 dd log list --status open --kind positive --format csv
expect_eq "open positives" "3" "$(wc -l <"$T/out" | tr -d ' ')"

# Stand-down: refused to an operator, refused while escalations are open.
expect_status 4 dd mode stand-down --reason "解除"
expect_grep "supervisor" "$T/err"
expect_status 4 dd mode stand-down --reason "解除" --operator 徐航锋
expect_grep "not yet acknowledged (see \`dutydesk escalations --open\`)" "$T/err"
for n in $(dd escalations --open --format csv | tail -n +2 | cut -d, -f1); do
  dd escalation done "$n" --answered-by "值班员甲" || fail "escalation done $n"
done
expect_status 2 dd mode stand-down --operator 徐航锋
expect_status 4 dd mode stand-down --reason "经研判解除" --operator 徐航锋
expect_grep "still open: 2 positive case(s) not closed; 2 final report(s) (终报) not made" "$T/err"
expect_grep "--confirm positives,zones,checkpoints,final" "$T/err"
expect_status 0 dd mode stand-down --reason "经研判解除" --operator 徐航锋 --confirm positives,final
expect_status 0 dd mode
expect_eq "mode after stand-down" "normal" "$(head -n1 "$T/out")"
expect_grep "why: 经研判解除" "$T/out"

# Drill entries never touch the real mode.
expect_status 0 dd log add --kind positive --summary "演练：初筛阳性" --drill
expect_status 0 dd mode
expect_eq "real mode untouched by a drill" "normal" "$(head -n1 "$T/out")"
expect_grep "drill task force is active" "$T/out"

expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"

# Bad input: one line on stderr, non-zero, nothing written.
expect_status 2 dd log add --kind nonsense --summary x
expect_status 2 dd log add --kind call --summary "   "
expect_status 3 dd log add --kind call --summary x --group 不存在组
expect_status 2 dd log add --kind call --summary x --at 2021-13-45
expect_status 3 dd timeline 999
expect_eq "error is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"

# One clock: nothing in the environment moves the program's "now" (the tests
# fix it from outside, clock.sh).  A forged DUTYDESK_NOW is ignored: the entry
# is recorded, and its deadlines counted, at the real time.
before=$(date +%s)
id=$(as_pin "$PIN" env DUTYDESK_NOW=2001-01-01T00:00 "$DUTYDESK_REAL" log add --kind positive \
  --drill --summary "演练：时钟")
after=$(date +%s)
rec=$(sqlite3 "$DUTYDESK_DB" "SELECT recorded_at FROM entry WHERE id = '$id'")
[ -n "$rec" ] && [ "$rec" -ge "$before" ] && [ "$rec" -le "$after" ] ||
  fail "DUTYDESK_NOW moved the clock: recorded at [$rec], real time $before..$after"
due=$(sqlite3 "$DUTYDESK_DB" "SELECT min(opened_at) FROM notification WHERE entry_id = '$id'")
[ -n "$due" ] && [ "$due" -ge "$before" ] ||
  fail "DUTYDESK_NOW moved the deadlines: opened at [$due], real time $before"

finish
