#!/bin/sh
# The daily report (日报告、零报告) and the settings through the real binary:
# a day without entries is a zero report and is filed as one; a day with
# entries counts them by kind (drill entries never); filing twice is refused.
. "$(dirname "$0")/lib.sh"

expect_status 0 dd init
desk_init
enrol 王值班
enrol 何欣威 supervisor
export DUTYDESK_OPERATOR=王值班

# A day with no entries: a zero report, which says so, and can be filed.
expect_status 0 dd report daily --date 2021-12-15
expect_grep "疫情防控值班日报告（零报告）" "$T/out"
expect_grep "零报告：本日无新增值班记录" "$T/out"
expect_grep "日期：2021-12-15（00:00 至 24:00）" "$T/out"
expect_grep "截至：2021-12-15 24:00" "$T/out"
expect_grep "一、值班记录：无" "$T/out"
expect_grep "报送：未报送" "$T/out"
expect_status 0 dd report daily --date 2021-12-15 --file
expect_grep "零报告" "$T/out"
expect_grep "报送人：王值班    报送时间：2021-12-16 09:00" "$T/out"
# The head the filing stands on, and how to check a printout against it.
grep -q "^链头 [0-9a-f]\{16\} · 核验: dutydesk check --head [0-9a-f]\{16\}$" "$T/out" ||
  fail "no head line in the filed report: $(tail -3 "$T/out")"
expect_grep "zero report (零报告) of 2021-12-15 is filed" "$T/err"
# Filing twice is refused, naming who filed it and when.
expect_status 4 dd report daily --date 2021-12-15 --file
expect_grep "already filed at 2021-12-16 09:00 by 王值班" "$T/err"
expect_eq "refusal is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_status 0 dd report daily --date 2021-12-15
expect_grep "报送人：王值班" "$T/out"

# Drill entries never count: today is still a zero report.
dd log add --kind positive --summary "演练：初筛阳性" --drill >/dev/null 2>&1 || fail "drill"
expect_status 0 dd report daily
expect_grep "零报告：本日无新增值班记录" "$T/out"
expect_grep "模式：常态化防控" "$T/out"

# A day with entries: counted by kind, key persons by category.
add() { dd log add "$@" >/dev/null 2>&1 || fail "log add $*"; }
call=$(dd log add --kind call --summary "诸暨市值班组来电：通知视频会议" --at 2021-12-16T08:10 \
       2>/dev/null)
add --kind call --summary "卫生院来电：核酸采样安排" --at 2021-12-16T08:20
add --kind document --summary "收到诸暨市防控办文件" --at 2021-12-16T08:30
add --kind key-person --subkind 密接 --summary "密接2人已落实管控" --at 2021-12-16T08:40
add --kind key-person --subkind 密接 --summary "密接1人" --at 2021-12-16T08:41
add --kind key-person --subkind 次密接 --summary "次密接1人" --at 2021-12-16T08:42
supplies=$(dd log add --kind supplies --summary "昨日物资发放" --at 2021-12-15T18:00 2>/dev/null)
id=$(dd log add --kind positive --summary "马剑村报告本土初筛阳性1例，已隔离" --significant \
     --source 卫生院 --at 2021-12-16T08:50 2>/dev/null)
dd log close "$call" --resolution "已通知参会" >/dev/null 2>&1 || fail "close"
dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 --operator 赵娜 --leader 何欣威 \
  >/dev/null 2>"$T/err" && fail "an operator planned a shift"
DUTYDESK_OPERATOR=何欣威 dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 \
  --operator 赵娜 --leader 何欣威 >/dev/null 2>&1 || fail "plan a shift"

expect_status 0 dd report daily --date 2021-12-16
out="$T/out"
expect_no_grep "零报告" "$out"
expect_grep "模式：疫情处置专班（战时）" "$out"
# 7 entries of the day + the positive case's trace investigation (溯源调查);
# the drill entry and yesterday's supplies are not counted.
expect_grep "一、值班记录：共 8 条" "$out"
expect_grep "    来电              2      来文              1      上报              0" "$out"
expect_grep "    下达              0      本土初筛阳性      1      重点人员          3" "$out"
expect_grep "    督查              0      物资              0      其他              1" "$out"
expect_grep "二、重要情况：1 条" "$out"
expect_grep "  * #$id 08:50  本土初筛阳性 马剑村报告本土初筛阳性1例，已隔离 — 卫生院" "$out"
expect_grep "三、本土初筛阳性：1 例" "$out"
expect_grep "四、重点人员：共 3 人次" "$out"
expect_grep "    密接              2      次密接            1" "$out"
# Open: every real incident but the closed call, yesterday's supplies included.
expect_grep "五、未办结事项：8 起（截至 2021-12-16 09:00）" "$out"
expect_no_grep "#$call 12-16 08:10" "$out"
expect_grep "#$supplies 12-15 18:00   物资 昨日物资发放" "$out"
expect_grep "六、上报情况：本日开启" "$out"
expect_grep "逾期未完成 1 项" "$out"
expect_grep "条目 #$supplies 初报 → 物资调配组组长，限 12-15 19:00，逾期 14 h 00 min" "$out"
expect_grep "七、值班安排：1 班" "$out"
expect_grep "08:00–16:00  值班员 赵娜  带班领导 何欣威" "$out"
expect_no_grep "演练" "$out"
# 80 columns of display width, Chinese counted as two.
expect_eq "report width" "80" "$(wc -L <"$out" | tr -d ' ')"

# Filing today: once.
expect_status 0 dd report daily --file
expect_grep "the daily report of 2021-12-16 is filed" "$T/err"
expect_grep "报送人：王值班" "$T/out"
expect_status 4 dd report daily --file
expect_grep "already filed" "$T/err"

# A day that has not begun has nothing to report.
expect_status 2 dd report daily --date 2021-12-17
expect_status 2 dd report daily --date 2021-13-01

expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"

# Settings: listed with defaults; set by an admin only, in range.
expect_status 0 dd config
expect_grep "idle-lock-minutes       10" "$T/out"
expect_grep "report-warn-hour        20" "$T/out"
expect_grep "shift-hours             8" "$T/out"
expect_grep "chase-minutes           10" "$T/out"
expect_grep "notify-command          (not set)" "$T/out"
expect_status 0 dd config report-warn-hour
expect_eq "default warn hour" "20" "$(cat "$T/out")"
expect_status 4 dd config report-warn-hour 18
expect_grep "needs admin rights" "$T/err"
expect_status 0 dd config report-warn-hour 18 --operator 周凯琳
expect_status 0 dd config report-warn-hour
expect_eq "warn hour" "18" "$(cat "$T/out")"
expect_status 2 dd config report-warn-hour 24 --operator 周凯琳
expect_grep "from 0 to 23" "$T/err"
expect_status 2 dd config idle-lock-minutes soon --operator 周凯琳
expect_status 3 dd config no-such-setting
expect_grep "idle-lock-minutes, report-warn-hour, shift-hours" "$T/err"
expect_status 0 dd config idle-lock-minutes 15 --operator 周凯琳
expect_status 0 dd config --format csv
expect_grep "idle-lock-minutes,15,10,1,240," "$T/out"
expect_grep "report-warn-hour,18,20,0,23," "$T/out"
expect_status 0 dd check

# --- What may be filed when; a filed report is what is shown under its stamp;
# corrections (补报); the task force in the report; wrapping. --------------
export DUTYDESK_DB="$T/rules.db"
desk_init
enrol 王值班
enrol 徐航锋 supervisor
export DUTYDESK_OPERATOR=王值班
# The chain as it stands: its events (count and last id) and the reports filed.
state() { sqlite3 "$DUTYDESK_DB" \
  "SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || (SELECT count(*) FROM daily_report)
   FROM event"; }
# A positive case not ticked significant starts the task force on 12-15;
# a zone and a checkpoint are set.
export DUTYDESK_NOW=2021-12-15T14:05
p=$(dd log add --kind positive --summary "马剑村报告本土初筛阳性1例" --source 卫生院 \
    --at 2021-12-15T14:00 2>/dev/null)
expect_status 0 dd zone set 马剑村 closed --source "根据市专家组研判" --at 2021-12-15T14:05 \
  --new-place
k=$(dd checkpoint add --place "马剑村东入口" --zone 马剑村 --staff "赵娜、边吉" --hours 24h \
    2>/dev/null)
export DUTYDESK_NOW=2021-12-15T23:00
expect_status 0 dd report daily
out="$T/out"
expect_grep "二、重要情况：1 条" "$out"
expect_grep "  * #$p 14:00  本土初筛阳性 马剑村报告本土初筛阳性1例 — 卫生院" "$out"
expect_grep "十、疫情处置专班：本日启动 1 次，撤销 0 次" "$out"
expect_grep "14:05  启动疫情处置专班（战时），由条目 #$p 本土初筛阳性触发；王值班 记录" "$out"
expect_grep "十一、封控区、管控区、防范区：本日调整 1 处；截至 2021-12-15 23:00 划定 1 处" "$out"
expect_grep "马剑村：未划定 → 封控区（根据市专家组研判；王值班 记录）" "$out"
expect_grep "  * 封控区  马剑村（12-15 14:05 起；根据市专家组研判）" "$out"
expect_grep "十二、卡点：本日设立 1 个、撤除 0 个；截至 2021-12-15 23:00 在岗 1 个" "$out"
expect_grep "#$k 在岗  马剑村东入口（马剑村；00:00-24:00；值守 赵娜、边吉），14:05 设立" "$out"

# 01:15 the next day, in the task force, nothing recorded yet: no zero report.
export DUTYDESK_NOW=2021-12-16T01:15
before=$(state)
expect_status 4 dd report daily --file
expect_grep "no zero report (零报告) for 2021-12-16: the task force (疫情处置专班) ran that day (started 2021-12-15 14:05)" "$T/err"
expect_eq "refusal is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_eq "nothing written in the task force" "$before" "$(state)"
expect_status 0 dd report daily
expect_grep "十、疫情处置专班：全天运行（2021-12-15 14:05 启动）" "$T/out"
expect_grep "报送：未报送" "$T/out"
# A day with entries is no zero report either, even asked for as one.
expect_status 4 dd report daily --date 2021-12-15 --file --zero
expect_grep "no zero report (零报告) for 2021-12-15: the day has 2 entries" "$T/err"
expect_eq "refusal is one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_eq "nothing written for a day with entries" "$before" "$(state)"
# Nothing to correct before it is filed.
expect_status 4 dd report daily --correct
expect_grep "not filed yet" "$T/err"
expect_eq "nothing written" "$before" "$(state)"

# A drill's report says so at its top and its bottom, and is never filed.
dd log add --kind positive --summary "演练：初筛阳性" --drill >/dev/null 2>&1 || fail "drill"
expect_status 0 dd report daily --drill
expect_eq "drill mark at the top" "【演练】演练报告 · 非真实疫情 · 不报送 · 不计入统计【演练】" \
  "$(head -n 1 "$T/out" | sed 's/^ *//')"
expect_eq "drill mark at the bottom" "【演练】演练报告 · 非真实疫情 · 不报送 · 不计入统计【演练】" \
  "$(tail -n 1 "$T/out" | sed 's/^ *//')"
expect_grep "【演练】疫情防控值班日报告" "$T/out"
expect_grep "演练：初筛阳性" "$T/out"
expect_status 2 dd report daily --drill --file
expect_status 0 dd report daily
expect_no_grep "演练" "$T/out"

# Filed at 09:00; an entry recorded at 10:30 is shown apart, never under the stamp.
export DUTYDESK_NOW=2021-12-16T09:00
dd log add --kind call --summary "诸暨市值班组来电：通知视频会议" --at 2021-12-16T08:10 \
  >/dev/null 2>&1 || fail "log add"
expect_status 0 dd report daily --file
head_filed=$(sed -n 's/^链头 \([0-9a-f]*\) .*/\1/p' "$T/out")
cp "$T/out" "$T/filed.txt"
first=$(sqlite3 "$DUTYDESK_DB" "SELECT event_id FROM daily_report WHERE day = '2021-12-16'")
export DUTYDESK_NOW=2021-12-16T10:30
late=$(dd log add --kind call --summary "Zhuji duty group reports a close contact at the school" \
       --at 2021-12-16T10:20 2>/dev/null)
expect_status 0 dd checkpoint close "$k" --reason "并入村口卡点"
expect_status 0 dd report daily
sed '/^~~~~/,$d' "$T/out" >"$T/shown.txt"
sed -n '/^~~~~/,$p' "$T/out" >"$T/apart.txt"
expect_eq "the filed text, word for word" "$(cat "$T/filed.txt")" "$(sed '$d' "$T/shown.txt")"
expect_grep "报送人：王值班    报送时间：2021-12-16 09:00" "$T/shown.txt"
expect_grep "一、值班记录：共 1 条" "$T/shown.txt"
expect_no_grep "close contact" "$T/shown.txt"
expect_grep "以下不属于上面已报送的文本（报送时间 2021-12-16 09:00）" "$T/apart.txt"
expect_grep "报送后新增（截至 2021-12-16 10:30，未报送；如需报送，补报）：" "$T/apart.txt"
expect_grep "#$late 新增 来电（王值班）Zhuji duty group reports a close contact" "$T/apart.txt"
expect_grep "事件 #$first  2021-12-16 09:00  日报告  王值班" "$T/apart.txt"
expect_grep "撤除卡点 #$k 马剑村东入口（王值班）" "$T/apart.txt"
expect_grep "#$k 在岗  马剑村东入口" "$T/shown.txt"
# Filing again is refused, with the way to correct.
before=$(state)
expect_status 4 dd report daily --file
expect_grep "report daily --correct" "$T/err"
expect_eq "nothing written" "$before" "$(state)"

# A correction (补报): its own document on the chain, naming the one it corrects.
export DUTYDESK_NOW=2021-12-16T11:00
expect_status 0 dd report daily --correct --reason "补报10:20来电"
expect_grep "疫情防控值班日报告（补报）" "$T/out"
expect_grep "close contact" "$T/out"
expect_grep "#$k 已撤除  马剑村东入口（马剑村；00:00-24:00；值守 赵娜、边吉）" "$T/out"
expect_grep "并入村口卡点" "$T/out"
expect_grep "报送人：王值班    报送时间：2021-12-16 11:00" "$T/out"
hash1=$(sqlite3 "$DUTYDESK_DB" "SELECT json_extract(body, '\$.text_hash') FROM event WHERE id = $first")
expect_grep "补报：更正 2021-12-16 09:00 报送的文本（事件 #$first，散列 $(echo "$hash1" | cut -c1-16)）" "$T/out"
expect_grep "补报10:20来电" "$T/out"
expect_grep "it corrects #$first" "$T/err"
second=$(sqlite3 "$DUTYDESK_DB" "SELECT max(id) FROM event WHERE type = 'report-corrected'")
expect_status 0 dd report list --format csv
expect_grep "$first,2021-12-16,report,2021-12-16T09:00:00+08:00,王值班,1,$hash1,,," "$T/out"
expect_grep "$second,2021-12-16,correction,2021-12-16T11:00:00+08:00,王值班,2," "$T/out"
expect_grep ",$first,$hash1," "$T/out"
expect_grep "补报10:20来电" "$T/out"
# A second correction corrects the first; the day shows the latest and the history.
expect_status 0 dd report daily --date 2021-12-16 --file --correct
expect_grep "it corrects #$second" "$T/err"
expect_status 0 dd report list
expect_grep "补报 correction" "$T/out"
expect_grep "#$second " "$T/out"
expect_status 0 dd report daily
expect_grep "疫情防控值班日报告（补报）" "$T/out"
expect_grep "报送记录（3 份，后者更正前者）：" "$T/out"
expect_grep "补报（更正事件 #$first，其散列 $(echo "$hash1" | cut -c1-16)）" "$T/out"
expect_grep "补报（更正事件 #$second，" "$T/out"
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"
expect_status 0 dd check --head "$head_filed"

# Wrapping at 80 columns: never inside a Latin word or a number with its unit.
long="Zhuji duty group called: a close contact of the case at Majian primary school was traced by the community team, quarantined at home, sampled twice and found negative; follow up with 12 h 30 min checks"
dd log add --kind call --summary "$long" --significant --at 2021-12-14T10:40 >/dev/null 2>&1 ||
  fail "log add long"
expect_status 0 dd report daily --date 2021-12-14
expect_eq "report width" "80" "$(wc -L <"$T/out" | tr -d ' ')"
# Each item's lines joined again with a space (where the wrapping took one):
# the text is whole, in 重要情况 and under 未办结事项 alike.
awk '/^  [* ] [^ ]/ { if (cur != "") print cur; cur = $0; next }
     /^        +[^ ]/ && cur != "" { sub(/^ +/, ""); cur = cur " " $0; next }
     { if (cur != "") print cur; cur = ""; print }
     END { if (cur != "") print cur }' "$T/out" >"$T/joined"
expect_eq "the long summary whole, twice" "2" "$(grep -c -F -- "$long" "$T/joined")"

# The same in Chinese (zh_CN): the refusal speaks the office's language.
if command -v localedef >/dev/null && [ -e /usr/share/i18n/locales/zh_CN ]; then
  mkdir -p "$T/loc"
  localedef -i zh_CN -f UTF-8 "$T/loc/zh_CN.UTF-8" >"$T/localedef.log" 2>&1
  zh() { with_pin env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u DUTYDESK_LOCALEDIR \
         LOCPATH="$T/loc" LANG=zh_CN.UTF-8 "$DUTYDESK" "$@"; }
  if [ -e "$T/loc/zh_CN.UTF-8/LC_MESSAGES" ]; then
    export DUTYDESK_DB="$T/zh.db" DUTYDESK_NOW=2021-12-16T01:15
    desk_init
    enrol 王值班
    dd log add --kind positive --summary "马剑村报告本土初筛阳性1例" --at 2021-12-16T01:00 \
      >/dev/null 2>&1 || fail "positive"
    export DUTYDESK_NOW=2021-12-17T01:15
    before=$(state)
    expect_status 4 zh report daily --file
    expect_grep "不得报送零报告" "$T/err"
    expect_grep "疫情处置专班" "$T/err"
    expect_eq "nothing written (zh)" "$before" "$(state)"
    expect_status 0 zh report daily --date 2021-12-16 --file
    expect_status 0 zh report daily --date 2021-12-16 --correct --reason "补报"
    expect_grep "补报" "$T/err"
    expect_grep "疫情防控值班日报告（补报）" "$T/out"
    expect_status 0 zh report list
    expect_grep "补报" "$T/out"
    expect_status 0 zh check
  fi
fi

finish
