#!/bin/sh
# The handover view (H) after an early signature: the signed sheet stays as
# it was signed, and under it the entries recorded after the signature, on
# no signed sheet yet; d shows the drill's sheet, marked 演练.
. "$(dirname "$0")/lib.sh"

desk_init 赵娜 俞婕
set_pin 赵娜 1111
set_pin 俞婕 2222
set_pin 何欣威 1357
at() { now=$1; pin=$2; shift 2; printf '%s\n' "$pin" | DUTYDESK_NOW=$now "$DUTYDESK" "$@" --pin-stdin; }
at 2021-12-16T07:00 1357 --operator 何欣威 duty add --start 2021-12-16T08:00 \
  --end 2021-12-16T16:00 --on-duty 赵娜 --leader 何欣威 >/dev/null 2>&1 || fail "plan"
at 2021-12-16T09:00 1111 --operator 赵娜 log add --kind call --summary "签字前来电：马剑村物资" \
  >/dev/null 2>&1 || fail "entry before"
printf '1111\n2222\n' | DUTYDESK_NOW=2021-12-16T15:00 "$DUTYDESK" --operator 赵娜 handover \
  --sign --to-operator 俞婕 --pin-stdin >/dev/null 2>&1 || fail "sign at 15:00"
at 2021-12-16T15:30 2222 --operator 俞婕 log add --kind call \
  --summary "签字后来电：塔山村返乡人员报备" >/dev/null 2>&1 || fail "entry after"
at 2021-12-16T15:35 1111 --operator 赵娜 log add --kind call --drill \
  --summary "演练：模拟来电" >/dev/null 2>&1 || fail "drill entry"

tui a 120 40 DUTYDESK_NOW=2021-12-16T15:40 -- --operator 赵娜
wait_for a "PIN for 赵娜"
type_text a "1111"; keys a Enter
wait_for a "赵娜 (operator)"
keys a H
wait_for a "疫情防控值班交接班记录"
wait_for a "Handed over: signed by 赵娜 and 俞婕"
keys a End
wait_for a "Recorded after the last signature (2021-12-16 15:00), on no signed sheet yet: 1"
wait_for a "签字后来电：塔山村返乡人员报备"
keys a d
wait_for a "【演练 DRILL】"
wait_for a "演练：模拟来电"
keys a d
wait_for a "the real handover sheet"
keys a q
finish
