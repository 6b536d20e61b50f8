#!/bin/sh
# The county's view (`dutydesk county`) on a real PostgreSQL 15 (tests/pg.sh):
# two towns synced, one of them in the task force after a positive case; the
# table shows both with their modes, open escalations and last significant
# entry; Enter opens a town's incidents, Enter on an incident its timeline
# with the entry's summary; q goes back; r reads again and shows what a town
# synced since; a diverged town is flagged with its reason; no line is wider
# than 80 columns; zh_CN speaks the office's words; a county that does not
# answer says so in one line and exits non-zero, and one that goes away while
# the view is open says why and keeps the rows it showed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../pg.sh"
trap 'cleanup; pg_stop' EXIT
trap 'exit 1' INT TERM

A=$T/fengqiao.db
B=$T/majian.db
pg_sql postgres -c "CREATE DATABASE county" || fail "creating the county database"
URL=$(pg_url county)
export DUTYDESK_NOW=2021-12-16T09:00

"$DUTYDESK" --db "$A" init --town 枫桥镇 >/dev/null 2>&1 || fail "init A"
"$DUTYDESK" --db "$B" init >/dev/null 2>&1 || fail "init B"
for db in "$A" "$B"; do
  DUTYDESK_DB=$db
  desk_init 王值班
done
dd() { "$DUTYDESK" --operator 王值班 "$@" >/dev/null 2>&1; }
dd --db "$A" log add --kind call --summary "枫桥镇来电：返乡人员登记" || fail "log add A"
dd --db "$A" log add --kind report --significant --summary "枫桥镇上报：核酸检测全部阴性" ||
  fail "log add A significant"
dd --db "$B" log add --kind call --summary "马剑村来电：询问健康码" || fail "log add B"
dd --db "$B" log add --kind positive --significant --summary "马剑村初筛阳性1例，已转运" ||
  fail "positive B"
dd --db "$A" sync --to "$URL" || fail "sync A"
dd --db "$B" sync --to "$URL" || fail "sync B"

# A county that does not answer: one line, non-zero, no screen.
"$DUTYDESK" county --url "host=$T/nowhere dbname=county" >"$T/out" 2>"$T/err" &&
  fail "county with no server exited 0"
[ "$(wc -l <"$T/err")" = 1 ] || { fail "not one line:"; cat "$T/err" >&2; }
grep -q "cannot reach the county database" "$T/err" || { fail "no reason:"; cat "$T/err" >&2; }

check_width() {
  w=$(max_width "$1")
  [ "$w" -le "$2" ] || { fail "$3: a line is $w columns wide at $2 columns:"; screen "$1" >&2; }
}

# ---- 80x24, C.UTF-8 ---------------------------------------------------------
tui c 80 24 -- county --url "'$URL'"
wait_for c "Every town"
wait_for c "Town"
screen c | grep "^│枫桥镇" | grep -q "Normal" || { fail "枫桥镇 not normal:"; screen c >&2; }
screen c | grep "^│马剑镇" | grep -q "Task force" || { fail "马剑镇 not in the task force:"; screen c >&2; }
# The task force in red (SGR 31), the town in normal mode not.
colours() { tmux -L "$SOCK" capture-pane -e -p -t "$1"; }
colours c | grep "马剑镇 *.*Task force" | grep -q "\[[0-9;]*31m" ||
  { fail "马剑镇's row not red:"; colours c | cat -v >&2; }
colours c | grep "枫桥镇 *.*Normal" | grep -q "31m" && fail "枫桥镇's row red"
# At 80 columns a town's last significant entry is on the line under it.
screen c | grep -A1 "^│马剑镇" | grep -q "★ 12-16 09:00 马剑村初筛阳性" ||
  { fail "马剑镇's last significant entry:"; screen c >&2; }
screen c | grep -A1 "^│枫桥镇" | grep -q "★ 12-16 09:00 枫桥镇上报：核酸检测" ||
  { fail "枫桥镇's last significant entry:"; screen c >&2; }
check_width c 80 "the towns"
# Down to 马剑镇 (the second town, by name), its incidents, the positive case's timeline.
keys c Down
keys c Enter
wait_for c "马剑镇: incidents, newest first"
wait_for c "马剑村初筛阳性1例"
screen c | grep -q "枫桥镇来电" && fail "another town's incident in 马剑镇's"
check_width c 80 "the incidents"
# Newest first, at one time the later first: the positive case's trace
# investigation (溯源调查, #3), the positive case (#2), the call (#1).
screen c | grep -n "溯源调查\|初筛阳性1例\|询问健康码" | cut -d: -f1 | tr '\n' ' ' >"$T/order"
[ "$(awk '{ print ($1 < $2 && $2 < $3) }' "$T/order")" = 1 ] ||
  { fail "the incidents not newest first:"; screen c >&2; }
keys c Down
keys c Enter
wait_for c "马剑镇: incident #"
wait_for c "马剑村初筛阳性1例，已转运"
wait_for c "recorded"
check_width c 80 "the timeline"
keys c q
wait_for c "马剑镇: incidents, newest first"
keys c Escape
wait_for c "Every town"
# Read only: a key that would write elsewhere does nothing here.
keys c n
wait_for c "that key does nothing here"
# r reads again: 枫桥镇 syncs a new significant entry meanwhile.
(DUTYDESK_NOW=2021-12-16T10:00; export DUTYDESK_NOW
  dd --db "$A" log add --kind instruction --significant --summary "枫桥镇下达：明日全员核酸") ||
  fail "log add A 2"
dd --db "$A" sync --to "$URL" || fail "sync A 2"
keys c r
wait_for c "明日全员核酸"
# A diverged town is flagged, with its reason.
pg_sql county -c "UPDATE county.towns SET diverged_at = now(), reason = '从旧备份恢复' WHERE town = '枫桥镇'" ||
  fail "flagging a town"
keys c r
wait_for c "Diverged"
wait_for c "从旧备份恢复"
check_width c 80 "a diverged town"
# 120x40 too.
resize c 120 40
wait_for c "Last significant entry"
screen c | grep "^│马剑镇" | grep -q "12-16 09:00 马剑村初筛阳性" ||
  { fail "at 120 columns, 马剑镇's last significant entry on its line:"; screen c >&2; }
check_width c 120 "at 120 columns"
keys c '?'
wait_for c "no key writes anything"
keys c x
wait_for c "Every town"
keys c q
wait_for c "[exit 0]"

# ---- zh_CN ----------------------------------------------------------------------
if command -v localedef >/dev/null && [ -e /usr/share/i18n/locales/zh_CN ]; then
  mkdir -p "$T/loc"
  localedef -i zh_CN -f UTF-8 "$T/loc/zh_CN.UTF-8" >"$T/localedef.log" 2>&1
  if [ -e "$T/loc/zh_CN.UTF-8/LC_MESSAGES" ]; then
    ZH="LC_ALL= LANGUAGE= LC_MESSAGES= DUTYDESK_LOCALEDIR= LANG=zh_CN.UTF-8 LOCPATH=$T/loc"
    tui z 80 24 $ZH -- county --url "'$URL'"
    wait_for z "全县各镇"
    wait_for z "镇街"
    screen z | grep "马剑镇" | grep -q "专班" || { fail "zh: 马剑镇 not 专班:"; screen z >&2; }
    screen z | grep -q "已分叉" || { fail "zh: the diverged town:"; screen z >&2; }
    screen z | grep -q "Town\|Task force\|Every town\|Diverged" && { fail "English left:"; screen z >&2; }
    check_width z 80 "zh: the towns"
    keys z Down
    keys z Enter
    wait_for z "马剑镇：事件，新的在前"
    check_width z 80 "zh: the incidents"
    keys z Down
    keys z Enter
    wait_for z "马剑村初筛阳性1例"
    check_width z 80 "zh: the timeline"
    keys z q
    keys z q
    keys z q
    wait_for z "[exit 0]"
  else
    echo "localedef failed: zh_CN part skipped"
  fi
fi
# ---- the county goes away while the view is open ------------------------------
tui g 80 24 -- county --url "'$URL'"
wait_for g "马剑镇"
$pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || fail "stopping the server"
# The connection it had ends; the next read cannot connect again.
keys g r
wait_for g "the county database" 15
keys g r
wait_for g "cannot reach the county database" 15
screen g | grep -q "^│马剑镇" || { fail "the rows went with the county:"; screen g >&2; }
keys g q
wait_for g "[exit 0]"
finish
