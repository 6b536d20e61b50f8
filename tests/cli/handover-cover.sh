#!/bin/sh
# The handover sheet covers its shift whatever the time of signing, through
# the real binary: entries count by when they were recorded (not the time
# they claim), what is recorded after an early signature goes on the next
# sheet, one person's two shifts in a row are handed over the one that ended
# first, the sheet lists mode changes, zones, checkpoints and every positive
# case, and the drill's sheet is marked 演练 on every page.
. "$(dirname "$0")/lib.sh"
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

desk_init
enrol 赵娜 operator 1111
enrol 俞婕 operator 2222
enrol 边吉 operator 3333
enrol 何欣威 supervisor
export DUTYDESK_OPERATOR=赵娜
plan() {
  DUTYDESK_OPERATOR=何欣威 dd duty add --start "$1" --end "$2" --on-duty "$3" \
    --leader 何欣威 >/dev/null 2>"$T/plan.err" || fail "plan $*: $(cat "$T/plan.err")"
}
# add TIME ARGS: an entry recorded at TIME; prints its id.
add() {
  at=$1; shift
  DUTYDESK_NOW=$at dd log add "$@" 2>"$T/add.err" || fail "log add $*: $(cat "$T/add.err")"
}
# entries: the sheet's section of the entries of its shift (三、本班值班记录).
entries() { sed -n '/^三、/,/^四、/p' "$T/out" >"$T/entries"; }
plan 2021-12-16T08:00 2021-12-16T16:00 赵娜
plan 2021-12-16T16:00 2021-12-17T00:00 俞婕
plan 2021-12-17T00:00 2021-12-17T08:00 边吉
plan 2021-12-17T08:00 2021-12-17T16:00 边吉

# ---- recorded, not claimed: a late entry dated in the shift before ----
early=$(add 2021-12-16T09:00 --kind call --summary "卫生院来电：早班记录")
late=$(add 2021-12-16T16:30 --kind document --summary "补记：上午收到的市防控办文件" \
       --at 2021-12-16T10:00)
expect_status 0 env DUTYDESK_NOW=2021-12-16T17:00 "$DUTYDESK" handover \
  --from 2021-12-16T08:00 --to 2021-12-16T16:00
expect_grep "卫生院来电：早班记录" "$T/out"
expect_no_grep "补记：上午收到的市防控办文件" "$T/out"
expect_status 0 env DUTYDESK_NOW=2021-12-16T17:00 DUTYDESK_OPERATOR=俞婕 "$DUTYDESK" handover
expect_grep "班次：2021-12-16 16:00 至 24:00" "$T/out"
expect_grep " #$late       12-16 10:00 来文" "$T/out"
expect_grep "补记：上午收到的市防控办文件" "$T/out"
expect_grep "补记于：12-16 16:30（发生于本班之前）" "$T/out"
entries
expect_no_grep "卫生院来电：早班记录" "$T/entries"

# ---- an early signature: what comes after it goes on the next sheet ----
printf '1111\n2222\n' >"$T/pins"
expect_status 0 env DUTYDESK_NOW=2021-12-16T15:00 "$DUTYDESK" handover --sign \
  --to-operator 俞婕 --pin-stdin <"$T/pins"
expect_grep "班次：2021-12-16 08:00 至 16:00" "$T/out"
after=$(add 2021-12-16T15:30 --kind call --summary "签字后来电：塔山村返乡人员报备")
# The signed sheet stays as signed; the next shift's sheet has it.
expect_status 0 env DUTYDESK_NOW=2021-12-16T16:10 "$DUTYDESK" handover \
  --from 2021-12-16T08:00 --to 2021-12-16T16:00
expect_grep "交班人（签名）：赵娜" "$T/out"
expect_no_grep "签字后来电" "$T/out"
expect_status 0 env DUTYDESK_NOW=2021-12-16T16:10 DUTYDESK_OPERATOR=俞婕 "$DUTYDESK" handover
expect_grep "班次：2021-12-16 16:00 至 24:00" "$T/out"
expect_grep " #$after       12-16 15:30 来电         签字后来电：塔山村返乡人员报备" "$T/out"
# Nor twice: an entry recorded before the signature stays on the signed sheet.
entries
expect_no_grep "卫生院来电：早班记录" "$T/entries"
expect_grep "签字后来电" "$T/entries"

# ---- two shifts in a row: the one that ended is handed over first ----
add 2021-12-17T03:00 --operator 边吉 --kind call --summary "夜班来电：平阳社区物资" >/dev/null
printf '3333\n2222\n' >"$T/pins"
expect_status 0 env DUTYDESK_NOW=2021-12-17T08:05 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" \
  handover --sign --to-operator 俞婕 --pin-stdin <"$T/pins"
expect_grep "边吉 handed over to 俞婕: 2021-12-17 00:00 至 08:00" "$T/err"
expect_grep "夜班来电：平阳社区物资" "$T/out"
add 2021-12-17T09:00 --operator 边吉 --kind call --summary "白班来电：马剑中学测温" >/dev/null
# At 16:05 the night shift is signed, the day shift is the one that ended.
expect_status 0 env DUTYDESK_NOW=2021-12-17T16:05 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" handover
expect_grep "班次：2021-12-17 08:00 至 16:00" "$T/out"
entries
expect_grep "白班来电：马剑中学测温" "$T/entries"
expect_no_grep "夜班来电" "$T/entries"
expect_grep "尚未在值班台签字交接。" "$T/out"

# ---- mode, zones, checkpoints and every positive case ----
pos=$(add 2021-12-17T10:00 --operator 边吉 --kind positive \
      --summary "马剑村报告本土初筛阳性1例，已隔离")
expect_status 0 env DUTYDESK_NOW=2021-12-17T10:10 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" \
  --pin-stdin zone set 马剑村 closed --new-place --source 根据市专家组研判 <<EOF2
3333
EOF2
ck=$(DUTYDESK_NOW=2021-12-17T10:20 DUTYDESK_OPERATOR=边吉 dd checkpoint add \
     --place 马剑村东口 --zone 马剑村 --staff 边吉 --hours 24h 2>"$T/ck.err") ||
  fail "checkpoint add: $(cat "$T/ck.err")"
expect_status 0 env DUTYDESK_NOW=2021-12-17T11:00 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" handover
s="$T/changes.txt"
cp "$T/out" "$s"
expect_grep "一、重要情况：1 条（标为重要 0 条，阳性病例 1 条）" "$s"
expect_grep "*#$pos       12-17 10:00 本土初筛阳性 【阳性】马剑村报告本土初筛阳性1例" "$s"
expect_grep "二、模式及管控区域、卡点变化：3 项" "$s"
expect_grep "*12-17 10:00 模式     启动疫情处置专班（战时）" "$s"
expect_grep "由条目 #$pos 本土初筛阳性触发" "$s"
expect_grep " 12-17 10:10 管控区域 马剑村：划为封控区" "$s"
expect_grep "根据市专家组研判" "$s"
expect_grep " 12-17 10:20 卡点     设卡点 #$ck 马剑村东口（马剑村）" "$s"
expect_eq "widest line" "80" "$(wc -L <"$s" | tr -d ' ')"

# ---- the drill's sheet: marked 演练 at the top and the end, and on every
# page of its PDF ----
d1=$(add 2021-12-17T11:10 --operator 边吉 --kind call --summary "演练：模拟来电" --drill)
i=0
while [ $i -lt 40 ]; do
  add 2021-12-17T11:20 --operator 边吉 --kind call --drill \
    --summary "演练第${i}号来电：村社卡点报告返乡人员情况，已登记并通知社区网格员上门核查" \
    >/dev/null
  i=$((i + 1))
done
expect_status 0 env DUTYDESK_NOW=2021-12-17T11:30 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" \
  handover --drill
expect_eq "first line" "################################################################################" \
  "$(head -n1 "$T/out")"
expect_eq "marker at the top" "【演练 DRILL】本交接班记录为演练记录，不作为正式值班交接记录" \
  "$(sed -n 2p "$T/out")"
expect_eq "marker at the end" "【演练 DRILL】本交接班记录为演练记录，不作为正式值班交接记录" \
  "$(tail -n 2 "$T/out" | head -n 1)"
expect_grep "#$d1 " "$T/out"
expect_grep "三、本班值班记录：共 41 条" "$T/out"
entries
expect_no_grep "白班来电" "$T/entries"
# The real sheet has no drill in it, and no marker.
expect_status 0 env DUTYDESK_NOW=2021-12-17T11:30 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" handover
expect_no_grep "演练" "$T/out"
expect_status 2 env DUTYDESK_NOW=2021-12-17T11:30 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" \
  handover --drill --sign --to-operator 俞婕
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
  expect_status 0 env DUTYDESK_NOW=2021-12-17T11:30 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" \
    handover --drill --format pdf --output "$T/drill.pdf"
  pages=$(pdfinfo "$T/drill.pdf" | sed -n 's/^Pages: *//p')
  [ "${pages:-0}" -ge 2 ] || fail "the drill's sheet on $pages page(s)"
  p=1
  while [ $p -le "${pages:-0}" ]; do
    # The watermark runs diagonally: pdftotext -raw gives it a character a line.
    pdftotext -raw -f $p -l $p "$T/drill.pdf" - | tr -d ' \n' >"$T/page"
    grep -q "演练DRILL" "$T/page" || fail "page $p of $pages has no watermark"
    p=$((p + 1))
  done
  # The real sheet's PDF has none.
  expect_status 0 env DUTYDESK_NOW=2021-12-17T11:30 DUTYDESK_OPERATOR=边吉 "$DUTYDESK" \
    handover --format pdf --output "$T/real.pdf"
  pdftotext -raw "$T/real.pdf" - | tr -d ' \n' >"$T/real"
  if grep -q "DRILL" "$T/real"; then fail "the real sheet is watermarked"; fi
else
  echo "skipped the PDF checks: poppler-utils is not installed" >&2
fi

finish
