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

finish
