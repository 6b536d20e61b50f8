#!/bin/sh
# The roster as the notice writes it: every heading with the notice's own
# numbering and the other names in its brackets, the leadership group's full
# name, the sub-groups of 核酸采样工作组 under it with the notice's sentence,
# the notes and the succession sentences, in text and in CSV; lookups by the
# short name still work; every group's leaders are escalation contacts, with
# no number invented.  The expected lines are taken from the notice itself
# (tests/data), so that the shipped data cannot drift from it unnoticed.
. "$(dirname "$0")/lib.sh"
NOTICE="$(cd "$(dirname "$0")/../data" && pwd)/majian-2021-notice.txt"

# expect_line LINE FILE: LINE is a whole line of FILE.
expect_line() { grep -qxF -- "$1" "$2" || fail "line '$1' not in $2"; }
# line_no LINE FILE: the number of the first line of FILE that is LINE.
line_no() { grep -nxF -- "$1" "$2" | head -n1 | cut -d: -f1; }

# The notice's section 一 and its 14 headings, (一) to (十四).
sed -n '/^一、工作组组成及职责任务$/,/^三、/p' "$NOTICE" >"$T/part1"
grep '^(' "$T/part1" >"$T/headings"
expect_eq "headings in the notice" 14 "$(wc -l <"$T/headings" | tr -d ' ')"
expect_eq "the last heading" "(十四)疫情防控值班组" "$(tail -n1 "$T/headings")"

desk_init
export DUTYDESK_OPERATOR=周凯琳

# 1. Text.  Every heading as a line of its own, word for word, in the
# notice's order; nothing of the old "(1) 综合协调组".
expect_status 0 dd roster
cp "$T/out" "$T/roster.txt"
grep -xF -f "$T/headings" "$T/roster.txt" >"$T/found"
cmp -s "$T/headings" "$T/found" || fail "headings: $(diff "$T/headings" "$T/found")"
expect_line "(一)综合协调组(疫情处置专班综合协调组)" "$T/roster.txt"
expect_line "(八)区域协查管控专班(重点人员管控组、疫情处置专班区域协查组)" "$T/roster.txt"
expect_line "(十三)新冠病毒疫苗接种工作组(专班)" "$T/roster.txt"
expect_no_grep "(1) 综合协调组" "$T/roster.txt"
# The leadership group by its full name, as the preamble writes it.
full=马剑镇新型冠状病毒肺炎疫情联防联控领导小组
grep -qF "决定调整完善${full}工作体系" "$NOTICE" || fail "the notice does not name $full"
expect_eq "the leadership group first" "$full" "$(head -n1 "$T/roster.txt")"
# The office, introduced by the notice's sentence, under the group.
office=$(grep -o '领导小组下设办公室[^。]*。' "$NOTICE")
expect_eq "the office's sentence" \
  "领导小组下设办公室,由周凯琳同志兼任办公室主任,杨洁同志任办公室副主任,负责日常工作。" "$office"
expect_line "  $office" "$T/roster.txt"
expect_line "  办公室" "$T/roster.txt"
# The section heading, once, before (一).
expect_eq "the section's heading" 1 "$(grep -cxF '一、工作组组成及职责任务' "$T/roster.txt")"
[ "$(line_no '一、工作组组成及职责任务' "$T/roster.txt")" -lt \
  "$(line_no '(一)综合协调组(疫情处置专班综合协调组)' "$T/roster.txt")" ] ||
  fail "the section's heading is not before (一)"

# 2. The four sub-groups: under (十二), after the notice's sentence that
# introduces them, before (十三); never after (十四).
sentence=$(grep '^核酸检测工作组下设' "$T/part1")
expect_eq "the sentence in the notice" 1 "$(printf '%s\n' "$sentence" | wc -l | tr -d ' ')"
sed -n '/^(十二)/,/^(十三)/p' "$T/roster.txt" >"$T/g12"
expect_line "  $sentence" "$T/g12"
at=$(line_no "  $sentence" "$T/g12")
for s in 综合协调组 宣传发动组 物资保障组 后勤服务组; do
  printf '%s\n' "$sentence" | grep -qF "$s" || fail "the sentence does not name $s"
  expect_line "  $s" "$T/g12"
  [ "$(line_no "  $s" "$T/g12")" -gt "$at" ] || fail "$s is not after the sentence"
done
sed -n '/^(十四)/,$p' "$T/roster.txt" >"$T/g14"
expect_no_grep "宣传发动组" "$T/g14"

# 3. The succession sentences, each once, where the notice says them: the
# leadership group's after its office, the work groups' after (十四).
s1=$(grep -o '以上成员如有变动[^。]*。' "$NOTICE")
s2=$(grep '^以上人员如有变动' "$NOTICE")
expect_eq "s1" "以上成员如有变动,由所在办(中心)接任人员自然更替。" "$s1"
for s in "$s1" "$s2"; do
  expect_eq "once: $s" 1 "$(grep -cxF -- "$s" "$T/roster.txt")"
done
[ "$(line_no "$s1" "$T/roster.txt")" -gt "$(line_no "  办公室" "$T/roster.txt")" ] ||
  fail "the leadership group's succession sentence is not after its office"
expect_line "$s2" "$T/g14"

# 4. The roster's CSV: a heading row for every group, other names, notes,
# succession sentences; the sub-groups with their parent, right after it.
expect_status 0 dd roster --format csv
cp "$T/out" "$T/roster.csv"
expect_eq "header" "group,group_kind,counterpart,item,seq,name,phones,text,parent,section" \
  "$(head -n1 "$T/roster.csv")"
grep ',standing,,heading,1,' "$T/roster.csv" | cut -d, -f6 >"$T/csv-headings"
cmp -s "$T/headings" "$T/csv-headings" || fail "CSV headings: $(diff "$T/headings" "$T/csv-headings")"
expect_line "领导小组,leadership,,heading,1,$full,,,," "$T/roster.csv"
expect_line "区域协查管控专班,standing,,alias,1,重点人员管控组,,,,一、工作组组成及职责任务" "$T/roster.csv"
expect_line "核酸采样工作组,standing,,note,1,,,\"$sentence\",,一、工作组组成及职责任务" "$T/roster.csv"
expect_line "领导小组,leadership,,note,1,,,\"$office\",," "$T/roster.csv"
expect_line "领导小组,leadership,,succession,1,,,\"$s1\",," "$T/roster.csv"
expect_line "疫情防控值班组,standing,,succession,1,,,\"$s2\",,一、工作组组成及职责任务" "$T/roster.csv"
expect_line "核酸采样工作组宣传发动组,subgroup,,heading,1,宣传发动组,,,核酸采样工作组,一、工作组组成及职责任务" \
  "$T/roster.csv"
expect_eq "sub-groups right after 核酸采样工作组" \
  "核酸采样工作组 核酸采样工作组综合协调组 核酸采样工作组宣传发动组 核酸采样工作组物资保障组 核酸采样工作组后勤服务组 新冠病毒疫苗接种工作组" \
  "$(cut -d, -f1 "$T/roster.csv" | uniq | grep -A5 '^核酸采样工作组$' | tr '\n' ' ' | sed 's/ $//')"
# The task force's groups under the notice's name of the task force.
expect_status 0 dd roster --taskforce
expect_line "疫情现场处置工作专班(简称“疫情处置专班”)" "$T/out"
grep -qF "成立疫情现场处置工作专班(简称“疫情处置专班”)" "$NOTICE" || fail "the task force's name"
expect_line "疫情处置专班社区封控组  ← 社会稳定组" "$T/out"

# 5. Lookups: by the short name, by another name, by the heading.
expect_status 0 dd log add --kind other --summary 甲 --group 综合协调组
expect_status 0 dd log add --kind other --summary 乙 --group 重点人员管控组
expect_status 0 dd log add --kind other --summary 丙 --group "(一)综合协调组(疫情处置专班综合协调组)"
expect_status 0 dd log add --kind other --summary 丁 --group "$full"
expect_status 0 dd log list --format csv
expect_grep ",甲,,综合协调组," "$T/out"
expect_grep ",乙,,区域协查管控专班," "$T/out"
expect_grep ",丙,,综合协调组," "$T/out"
expect_grep ",丁,,领导小组," "$T/out"

# 6. Every group's leaders (组长) are contacts at the town level, with the
# group in the name and its leaders now; no number is invented.
expect_status 0 dd contacts --format csv
cp "$T/out" "$T/contacts.csv"
for g in 领导小组 综合协调组 市场整治稳定组 交通管理组 宣传舆情组 物资调配组 督导检查组 社会稳定组 \
  区域协查管控专班 转运隔离组 高风险冷链食品物防组 村社疫情防控工作组 核酸采样工作组 \
  新冠病毒疫苗接种工作组 疫情防控值班组; do
  expect_grep "${g}组长,马剑镇,town,,," "$T/contacts.csv"
done
expect_line "综合协调组组长,马剑镇,town,,,何欣威," "$T/contacts.csv"
expect_line "督导检查组组长,马剑镇,town,,,陈兴均 何欣威 赵娜," "$T/contacts.csv"
expect_line "村社疫情防控工作组组长,马剑镇,town,,,,组长:各包村领导" "$T/contacts.csv"
expect_eq "town contacts" 16 "$(grep -c ',马剑镇,town,' "$T/contacts.csv")"
expect_status 0 dd contacts
expect_grep "交通管理组组长" "$T/out"
grep '交通管理组组长' "$T/out" | grep -qF '应伟龙' || fail "交通管理组组长 is not 应伟龙"
grep '交通管理组组长' "$T/out" | grep -qF '(no number on file)' ||
  fail "a missing number is not shown as missing"
# A successor is the group's leader, and so the contact, from then on.
expect_status 0 dd roster replace 应伟龙 王建国 --reason 调动
expect_status 0 dd contacts --format csv
expect_line "交通管理组组长,马剑镇,town,,,王建国," "$T/out"
# The rules of the escalation chain are those shipped, untouched.
expect_status 0 dd export rules "$T/rules.csv"
expect_eq "rules" 13 "$(($(wc -l <"$T/rules.csv") - 1))"

expect_status 0 dd check
finish
