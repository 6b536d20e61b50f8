#!/bin/sh
# The terminal UI under a Chinese locale (LANG=zh_CN.UTF-8, nothing else set):
# the banner, the panes, the hints and the status line speak the office's
# Chinese, so does the help screen (?), and at 80x24 no line is wider than
# the terminal, a CJK character counted as two columns.
. "$(dirname "$0")/lib.sh"

command -v localedef >/dev/null || { echo "localedef is not installed: skipping"; exit 77; }
[ -e /usr/share/i18n/locales/zh_CN ] || { echo "no zh_CN locale source (package locales): skipping"; exit 77; }
mkdir -p "$T/loc"
localedef -i zh_CN -f UTF-8 "$T/loc/zh_CN.UTF-8" >"$T/localedef.log" 2>&1
[ -e "$T/loc/zh_CN.UTF-8/LC_MESSAGES" ] || { cat "$T/localedef.log"; echo "localedef failed: skipping"; exit 77; }

desk_init 王值班 李值班
"$DUTYDESK" --operator 王值班 log add --kind call --summary "诸暨市值班组来电：通知今晚视频调度会" \
  >/dev/null 2>&1 || fail "log add"

# Empty LC_ALL, LANGUAGE and LC_MESSAGES count as unset: LANG decides.
ZH="LC_ALL= LANGUAGE= LC_MESSAGES= DUTYDESK_LOCALEDIR= LANG=zh_CN.UTF-8 LOCPATH=$T/loc"

check_width() {
  w=$(max_width "$1")
  [ "$w" -le 80 ] || { fail "$2: a line is $w columns wide at 80x24:"; screen "$1" >&2; }
}

tui a 80 24 $ZH -- --operator 王值班
wait_for a "联防联控值班台 · 常态化防控"
wait_for a "花名册"
wait_for a "值班记录"
wait_for a "诸暨市值班组来电"
# The status line at 80 columns, in its short forms: mode, who (with the
# access level), the daily report, overdue escalations, who is on duty.
wait_for a "常态化 │ 王值班 (值班员) │ 未报送 │ 超时：0 │ 无人值班"
# The hints come back once the sign-in message has had its 8 seconds.
wait_for a "n 新建 · / 检索 · Enter 时间线 · s 签到 · L 锁屏 · ? 按键 · q 退出" 12
screen a | grep -q "Normal prevention\|operator)\|NO report" && { fail "English left on the screen:"; screen a >&2; }
check_width a "the panes"
# Wider, its long forms, the help key included.
resize a 120 30
wait_for a "│ 日报告未报送 │"
wait_for a "│ ? 帮助"
resize a 80 24
wait_for a "│ 未报送 │"

# Help: the keys of the focused pane (the log), then those of everywhere.
keys a '?'
wait_for a "按键 — Esc 或 q 关闭"
wait_for a "值班记录窗格"
wait_for a "检索（中文片段亦可：阳性、密接）"
wait_for a "全局"
screen a | grep -q "Incident log pane\|search (Chinese" && { fail "English in the help:"; screen a >&2; }
check_width a "the help screen"
# At 80x24 the help says in Chinese where it is and that there is more.
wait_for a "↓ 下面还有（j/PgDn）"
wait_for a " 第 1–18 行，共 "
keys a End
wait_for a "↑ 上面还有（k/PgUp）"
wait_gone a "↓ 下面还有（j/PgDn）"
check_width a "the help screen scrolled"
keys a Escape
wait_gone a "按键 — Esc 或 q 关闭"

# A positive case recorded elsewhere: the banner and the status line switch.
"$DUTYDESK" --operator 李值班 log add --kind positive --summary "马剑村报告本土初筛阳性1例" \
  >/dev/null 2>&1 || fail "log add positive"
wait_for a "■ 疫情处置专班已启动 ■"
wait_for a "专班启动 │ 王值班 (值班员) │"
wait_for a "待办上报：7 项"
check_width a "the task-force screen"

# The roster pane's help, and the new-entry form.
keys a 1 '?'
wait_for a "花名册窗格"
wait_for a "展开或收起工作组：组长、成员单位、职责"
check_width a "the roster's help"
keys a q
keys a n
wait_for a "新记录"
wait_for a "回电号码"
check_width a "the new-entry form"
keys a Escape
wait_gone a "回电号码"

# The same UI under C.UTF-8 stays English.
tui b 80 24 LC_ALL= LANGUAGE= LC_MESSAGES= DUTYDESK_LOCALEDIR= LANG=C.UTF-8 -- --operator 王值班
wait_for b "TASK FORCE MODE"
wait_for b "王值班 (operator)"

keys a q y
wait_for a "[exit 0]"

# A fresh desk in Chinese: the first run's walk-through, and a record altered
# behind the UI's back, each within 80 columns.
export DUTYDESK_DB="$T/fresh.db"
tui f 80 24 $ZH
wait_for f "首次运行：您是哪位管理员？"
check_width f "the first run's picker"
keys f Enter
wait_for f "周凯琳 的新 PIN"
type_text f "2468"; keys f Enter
wait_for f "再次输入 周凯琳 的 PIN"
type_text f "2468"; keys f Enter
wait_for f "现在登记值班人员吗？"
keys f y
wait_for f "登记：值班人员姓名"
check_width f "the enrolment prompt"
keys f Escape
wait_for f "登记完成"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$DUTYDESK_DB" "DROP TRIGGER event_no_delete;
    DELETE FROM event WHERE id = (SELECT max(id) FROM event);" || fail "sqlite3"
  wait_for f "记录已被篡改"
  check_width f "the altered-record banner"
fi
finish
