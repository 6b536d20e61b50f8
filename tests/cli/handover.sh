#!/bin/sh
# The shift handover (交接班) through the real binary: the sheet of a seeded
# shift as text (its sections and entries, 80 columns by display width, its
# tables' columns lined up) and as PDF (pages, the Chinese text, page
# numbers, a long shift breaking pages with the header repeated), printing
# through CUPS's lp (no lp, no printer, a fake lp that records what it is
# given), and the handover signed by both operators with their PINs.
. "$(dirname "$0")/lib.sh"
# Under AddressSanitizer: cairo's own leak on finishing a PDF is not ours.
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

expect_status 0 dd init
desk_init
enrol 赵娜 operator 1111
enrol 俞婕 operator 2222
enrol 边吉
enrol 何欣威 supervisor
export DUTYDESK_OPERATOR=赵娜

# Python for the measures: the system's own where there is one (it starts in
# a tenth of the time of a version manager's shim).
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
# Display width of each line, Chinese (East Asian wide and fullwidth) as two.
widths() {
  "$PY" -c '
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
' "$1"
}
# The display column at which a match of the regular expression RE starts,
# on each line that has one.
column_of() {
  "$PY" -c '
import re, sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.search(sys.argv[2], line)
    if m:
        print(w(line[:m.start()]))
' "$1" "$2"
}

# The day shift of 赵娜 with 何欣威 leading, then 俞婕's evening shift.
DUTYDESK_OPERATOR=何欣威 dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 \
  --on-duty 赵娜 --leader 何欣威 >/dev/null 2>&1 || fail "plan the day shift"
DUTYDESK_OPERATOR=何欣威 dd duty add --start 2021-12-16T16:00 --end 2021-12-17T00:00 \
  --on-duty 俞婕 --leader 张宝庭 >/dev/null 2>&1 || fail "plan the evening shift"

add() { dd log add "$@" 2>/dev/null || fail "log add $*"; }
old=$(add --kind supplies --summary "昨日物资发放，口罩两千只待签收" --at 2021-12-15T18:00)
call=$(add --kind call --summary "诸暨市值班组来电：通知下午3点召开视频会议，请各组组长参加" \
       --source 诸暨市值班组 --caller 李明 --callback 0575-87000000 --readback \
       --at 2021-12-16T08:10)
doc=$(add --kind document --summary "收到诸暨市防控办文件，已呈领导阅批" --at 2021-12-16T08:30)
kp=$(add --kind key-person --subkind 密接 --summary "密接2人已落实集中隔离管控" \
     --group 区域协查管控专班 --at 2021-12-16T08:40)
pos=$(add --kind positive --summary "马剑村报告本土初筛阳性1例，已隔离，正在复核" --significant \
      --source 卫生院 --at 2021-12-16T08:50)
fu=$(add --kind call --parent "$pos" --summary "卫生院来电：复核样本已送检" --at 2021-12-16T08:55)
dd log add --kind call --summary "演练：模拟来电" --drill >/dev/null 2>&1 || fail "drill"
dd log close "$call" --resolution 已通知参会 >/dev/null 2>&1 || fail "close the call"
# A task assigned at 08:00, due at 08:30: overdue by the handover.
task=$(DUTYDESK_NOW=2021-12-16T08:00 dd task add --group 物资调配组 \
       --due 2021-12-16T08:30 --summary "清点隔离点物资并上报" 2>/dev/null) || fail "task add"

# ---- the text sheet: the current shift by default ----
expect_status 0 dd handover
s="$T/sheet.txt"
cp "$T/out" "$s"
expect_grep "疫情防控值班交接班记录" "$s"
expect_grep "三清：情况清、问题清、任务清" "$s"
expect_grep "班次：2021-12-16 08:00 至 16:00" "$s"
expect_grep "截至：2021-12-16 09:00" "$s"
expect_grep "模式：疫情处置专班（战时），自 2021-12-16 09:00 起（条目 #$pos 触发）" "$s"
expect_grep "交班人：赵娜    接班人：俞婕    带班领导：何欣威" "$s"
# Entries of the shift: everything recorded in it (at 09:00), yesterday's
# supplies too (recorded now, dated yesterday: its claimed time shown, and
# when it was recorded), the positive case's trace investigation; not the
# drill.
expect_grep "三、本班值班记录：共 7 条，其中重要 1 条、阳性病例 1 条" "$s"
expect_grep " #$old       12-15 18:00 物资         昨日物资发放，口罩两千只待签收" "$s"
expect_grep "补记于：12-16 09:00（发生于本班之前）" "$s"
# What stands out comes first: the significant positive case.
expect_grep "一、重要情况：1 条（标为重要 1 条，阳性病例 1 条）" "$s"
expect_grep "二、模式及管控区域、卡点变化：1 项" "$s"
expect_grep "启动疫情处置专班（战时）" "$s"
expect_grep " #$call       12-16 08:10 来电         诸暨市值班组来电：" "$s"
expect_grep "来源：诸暨市值班组；来电人：李明；回" "$s"
expect_grep "*#$pos       12-16 08:50 本土初筛阳性 【重要】马剑村报告本土初筛阳性1例，" "$s"
expect_grep " #$kp       12-16 08:40 重点人员     密接2人已落实集中隔离管控" "$s"
expect_grep "                      密接         责任组：区域协查管控专班" "$s"
expect_grep "〔续 #$pos〕卫生院来电：复核样本已送检" "$s"
expect_no_grep "演练" "$s"
# Everything still open, yesterday's included, the closed call not.
expect_grep "四、未办结事项：5 起（截至 2021-12-16 09:00）" "$s"
expect_grep " #$old       12-15 18:00 物资         昨日物资发放，口罩两千只待签收" "$s"
expect_grep "15 h 00 min" "$s"
if grep -q "^ #$call .*未办结" "$s"; then fail "the closed call is shown open"; fi
# Escalations: yesterday's overdue one stands out and comes first.
expect_grep "五、上报情况：逾期未报 1 项，待报 9 项，本班已报 0 项" "$s"
expect_grep "*#" "$s"
first_esc=$(sed -n '/^五、/,/^六、/p' "$s" | grep '^[* ]#' | head -n1)
case "$first_esc" in
  "*#"*" #$old "*"物资调配组组长"*"逾期 14 h 00 min") ;;
  *) fail "the overdue escalation is not first: [$first_esc]" ;;
esac
expect_grep "六、逾期交办事项：1 项" "$s"
expect_grep "*#$task       清点隔离点物资并上报" "$s"
expect_grep "逾期 30 min" "$s"
expect_grep "七、值班空档：未来 24 小时（至 12-17 09:00）有 1 段无人值班" "$s"
expect_grep "*12-17 00:00 12-17 09:00 9 h 00 min 无人值班（战时须24小时值班）" "$s"
expect_grep "八、交接事项：无" "$s"
expect_grep "交班人（签名）：____________________" "$s"
expect_grep "接班人（签名）：____________________" "$s"
expect_grep "带班领导（签名）：" "$s"
expect_grep "尚未在值班台签字交接。" "$s"

# 80 columns by display width, measured two ways; no trailing spaces.
expect_eq "widest line (python)" "80" "$(widths "$s" | sort -n | tail -n1)"
expect_eq "widest line (wc -L)" "80" "$(wc -L <"$s" | tr -d ' ')"
if grep -q ' $' "$s"; then fail "lines end in spaces"; fi
# The columns line up: in the entries' table the time starts at column 10
# and the status at column 74, on the header row as on every entry.
sed -n '/^三、/,/^四、/p' "$s" >"$T/entries"
grep '^[ *]#' "$T/entries" >"$T/rows"
expect_eq "entry rows" "7" "$(wc -l <"$T/rows" | tr -d ' ')"
expect_eq "time column" "10" "$(column_of "$T/rows" "12-16 0" | sort -u)"
expect_eq "kind column" "22" "$(column_of "$T/rows" "来电|来文|重点人员|本土|其他" | sort -u)"
expect_eq "content column" "35" \
  "$(column_of "$T/rows" "诸暨市值班组来电|收到诸暨|密接2人|【重要】|溯源调查|〔续" | sort -u)"
expect_eq "status column" "74 74 74 74 74 74 74 " \
  "$(column_of "$T/rows" "[已未]办结" | tr '\n' ' ')"
expect_eq "header's status column" "74" "$(column_of "$T/entries" "状态")"
expect_eq "header's time column" "10" "$(column_of "$T/entries" "时间")"
sed -n '/^四、/,/^五、/p' "$s" >"$T/open"
expect_eq "elapsed column ends at 80" "80" \
  "$(grep ' min$' "$T/open" | widths /dev/stdin | sort -u)"

# --note puts the notes on the sheet; --output writes a file.
expect_status 0 dd handover --note "马剑村阳性复核结果预计16时反馈，请接班人员跟进。" \
  --output "$T/noted.txt"
expect_grep "八、交接事项" "$T/noted.txt"
expect_grep "    马剑村阳性复核结果预计16时反馈，请接班人员跟进。" "$T/noted.txt"

# --from/--to: an earlier stretch of the shift; the sheet is as of its end,
# and holds what was recorded in it: nothing (all was written at 09:00,
# whatever times the entries claim).
expect_status 0 dd handover --from 2021-12-16T08:00 --to 2021-12-16T08:45
expect_grep "班次：2021-12-16 08:00 至 08:45" "$T/out"
expect_grep "截至：2021-12-16 08:45" "$T/out"
expect_grep "三、本班值班记录：无" "$T/out"
expect_no_grep "马剑村报告本土初筛阳性" "$T/out"
expect_grep "模式：常态化防控" "$T/out"
# Without a shift on duty: the last 12 hours.
expect_status 0 env DUTYDESK_NOW=2021-12-18T09:00 "$DUTYDESK" handover
expect_grep "班次：2021-12-17 21:00 至 2021-12-18 09:00" "$T/out"
expect_grep "交班人：（未排班）" "$T/out"
# Bad input.
expect_status 2 dd handover --format csv
expect_status 2 dd handover --from 2021-12-16T10:00 --to 2021-12-16T09:00
expect_grep "must end after it begins" "$T/err"
expect_status 2 dd handover --from 2021-12-17T08:00 --to 2021-12-17T16:00
expect_grep "has not begun" "$T/err"
expect_status 2 dd handover --print --format text
expect_status 2 dd handover --sign
expect_grep "--to-operator" "$T/err"

# ---- the PDF sheet ----
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
  expect_status 0 dd handover --format pdf --output "$T/sheet.pdf"
  pdfinfo "$T/sheet.pdf" >"$T/info" 2>&1 || fail "pdfinfo: $(cat "$T/info")"
  expect_grep "Page size:       595.276 x 841.89 pts (A4)" "$T/info"
  pages=$(sed -n 's/^Pages: *//p' "$T/info")
  pdftotext -layout "$T/sheet.pdf" "$T/pdf.txt"
  expect_grep "疫情防控值班交接班记录" "$T/pdf.txt"
  expect_grep "马剑村报告本土初筛阳性1例" "$T/pdf.txt"
  expect_grep "清点隔离点物资并上报" "$T/pdf.txt"
  # pdftotext drops the spaces between Chinese and digits.
  tr -d ' ' <"$T/pdf.txt" >"$T/pdf-nospace.txt"
  expect_grep "第1页/共${pages}页" "$T/pdf-nospace.txt"
  expect_grep "第${pages}页/共${pages}页" "$T/pdf-nospace.txt"
  expect_grep "交班人（签名）" "$T/pdf.txt"
  if command -v pdffonts >/dev/null; then
    pdffonts "$T/sheet.pdf" >"$T/fonts"
    expect_grep "NotoSansCJK" "$T/fonts"
  fi
  # A PDF on standard output when it is not a terminal.
  dd handover --format pdf >"$T/stdout.pdf" 2>"$T/err" || fail "pdf to stdout: $(cat "$T/err")"
  expect_eq "pdf on stdout" "%PDF" "$(head -c 4 "$T/stdout.pdf")"
else
  echo "skipped the PDF checks: poppler-utils is not installed" >&2
fi
# Only the PDF writer loads pango, cairo and fontconfig, not every command.
if command -v ldd >/dev/null; then
  ldd "$DUTYDESK_REAL" >"$T/ldd" 2>&1
  if grep -E "pango|cairo|fontconfig" "$T/ldd" >/dev/null; then
    fail "dutydesk itself links the PDF stack: $(cat "$T/ldd")"
  fi
fi

# ---- printing with lp ----
mkdir -p "$T/nolp" "$T/fakelp" "$T/nodest" "$T/nocups"
expect_status 1 env PATH="$T/nolp" "$DUTYDESK" handover --print
expect_grep "there is no CUPS here (no 'lp' command" "$T/err"
expect_grep "the sheet was not printed; it is in " "$T/err"
cat >"$T/nodest/lp" <<'EOF'
#!/bin/sh
echo "lp: Error - No default destination." >&2
exit 1
EOF
cp "$T/nodest/lp" "$T/nocups/lp"
cat >"$T/nocups/lpstat" <<'EOF'
#!/bin/sh
echo "scheduler is not running"
exit 1
EOF
cat >"$T/fakelp/lp" <<EOF
#!/bin/sh
PATH=/usr/bin:/bin
for a in "\$@"; do printf '%s\n' "\$a"; done >"$T/lp-args"
for last in "\$@"; do :; done
cp "\$last" "$T/printed.pdf"
echo "request id is handover-7 (1 file(s))"
EOF
chmod +x "$T/nodest/lp" "$T/nocups/lp" "$T/nocups/lpstat" "$T/fakelp/lp"
expect_status 1 env PATH="$T/nodest" "$DUTYDESK" handover --print
expect_grep "no printer is set up (CUPS has no default printer" "$T/err"
expect_status 1 env PATH="$T/nocups" "$DUTYDESK" handover --print
expect_grep "the CUPS print service is not running" "$T/err"
expect_status 0 env PATH="$T/fakelp" "$DUTYDESK" handover --print
expect_grep "went to the printer (request handover-7)" "$T/err"
expect_eq "lp's first argument" "-t" "$(head -n1 "$T/lp-args")"
printed=$(tail -n1 "$T/lp-args")
case "$printed" in *.pdf) ;; *) fail "lp was not given a PDF: $printed" ;; esac
[ -e "$printed" ] && fail "the temporary PDF was left behind: $printed"
expect_eq "what lp got" "%PDF" "$(head -c 4 "$T/printed.pdf")"
expect_status 0 env PATH="$T/fakelp" "$DUTYDESK" handover --printer 值班室 \
  --output "$T/kept.pdf"
expect_eq "named printer" "-d 值班室 -t" "$(head -n3 "$T/lp-args" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "printed the kept file" "$T/kept.pdf" "$(tail -n1 "$T/lp-args")"
expect_eq "the kept file" "%PDF" "$(head -c 4 "$T/kept.pdf")"

# ---- both sign, each with their own PIN (赵娜 1111, 俞婕 2222) ----
# A wrong PIN of the incoming operator, or of the outgoing one, is refused.
printf '1111\n9999\n' >"$T/pins"
expect_status 4 dd handover --sign --to-operator 俞婕 --pin-stdin <"$T/pins"
expect_grep "PIN" "$T/err"
printf '0000\n2222\n' >"$T/pins"
expect_status 4 dd handover --sign --to-operator 俞婕 --pin-stdin <"$T/pins"
printf '1111\n' >"$T/pins"
expect_status 2 dd handover --sign --to-operator 赵娜 --pin-stdin <"$T/pins"
expect_status 0 dd handover
expect_grep "尚未在值班台签字交接。" "$T/out"
# Both right: signed, on the chain, with the notes.
printf '1111\n2222\n' >"$T/pins"
expect_status 0 dd handover --sign --to-operator 俞婕 --pin-stdin <"$T/pins" \
  --note "阳性复核结果请跟进"
expect_grep "赵娜 handed over to 俞婕: 2021-12-16 08:00 至 16:00" "$T/err"
expect_grep "交班人（签名）：赵娜" "$T/out"
expect_grep "接班人（签名）：俞婕" "$T/out"
expect_grep "时间：2021-12-16 09:00" "$T/out"
expect_grep "已于 2021-12-16 09:00 在值班台双方签字交接（记录 #" "$T/out"
expect_grep "    阳性复核结果请跟进" "$T/out"
expect_eq "signed sheet width" "80" "$(wc -L <"$T/out" | tr -d ' ')"
expect_status 0 dd check
# Once per period.
expect_status 4 dd handover --sign --to-operator 俞婕 --pin-stdin <"$T/pins"
expect_grep "already handed over by 赵娜 to 俞婕 at 2021-12-16 09:00" "$T/err"
# The sheet shows the signing from then on; just after the shift, the
# outgoing operator's default is still her own shift.
expect_status 0 env DUTYDESK_NOW=2021-12-16T16:05 "$DUTYDESK" handover
expect_grep "班次：2021-12-16 08:00 至 16:00" "$T/out"
expect_grep "交班人（签名）：赵娜" "$T/out"
expect_grep "截至：2021-12-16 09:00" "$T/out"
expect_status 0 env DUTYDESK_NOW=2021-12-16T16:05 DUTYDESK_OPERATOR=俞婕 "$DUTYDESK" \
  handover
expect_grep "班次：2021-12-16 16:00 至 24:00" "$T/out"
expect_grep "交班人：俞婕    接班人：（未排班）    带班领导：张宝庭" "$T/out"

# ---- a long shift: pages break, the table's header comes again ----
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
  i=0
  while [ $i -lt 60 ]; do
    DUTYDESK_NOW=2021-12-16T17:00 DUTYDESK_OPERATOR=边吉 dd log add --kind call \
      --at 2021-12-16T16:30 \
      --summary "第${i}号来电：村社卡点报告返乡人员情况，已登记并通知社区网格员上门核查健康码" \
      >/dev/null 2>&1 || fail "entry $i"
    i=$((i + 1))
  done
  expect_status 0 env DUTYDESK_NOW=2021-12-16T17:00 DUTYDESK_OPERATOR=俞婕 "$DUTYDESK" \
    handover --format pdf --output "$T/long.pdf"
  pages=$(pdfinfo "$T/long.pdf" | sed -n 's/^Pages: *//p')
  [ "${pages:-0}" -ge 3 ] || fail "60 entries on $pages pages"
  pdftotext -f 2 -l 2 -layout "$T/long.pdf" "$T/p2.txt"
  expect_grep "本班值班记录（续）" "$T/p2.txt"
  expect_grep "编号" "$T/p2.txt"
  expect_grep "第2页/共${pages}页" "$(tr -d ' ' <"$T/p2.txt" >"$T/p2n.txt"; echo "$T/p2n.txt")"
  pdftotext -layout "$T/long.pdf" "$T/long.txt"
  expect_grep "第59号来电" "$T/long.txt"
  expect_status 0 env DUTYDESK_NOW=2021-12-16T17:00 DUTYDESK_OPERATOR=俞婕 "$DUTYDESK" \
    handover
  expect_grep "三、本班值班记录：共 60 条" "$T/out"
  expect_eq "long sheet width" "80" "$(wc -L <"$T/out" | tr -d ' ')"
fi

finish
