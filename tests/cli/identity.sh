#!/bin/sh
# Who may do what (SPEC §1, §10), through the real binary: every act names a
# person on the roster (nobody is added on the fly, and a refused act writes
# nothing); supervisor and admin acts need that person's PIN; the first admin
# enrols herself, then only an admin (PIN checked) sets others' PINs and a
# person changes their own with the current one; operator PINs relaxed by an
# admin mark what is written without one as unverified; the reviewer, the
# approver and the incoming operator sign with their own PINs; a group's
# leader (组长) closes the incidents of their own group and of no other.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }

D=$DUTYDESK
# counts: the rows a refused act must leave as they were.
counts() { sqlite3 "$DUTYDESK_DB" "SELECT (SELECT count(*) FROM person) || ' ' ||
  (SELECT count(*) FROM entry) || ' ' || (SELECT count(*) FROM event) || ' ' ||
  (SELECT count(*) FROM credential)"; }
# no_stdin CMD...: CMD with nothing on standard input and no terminal to ask on.
no_stdin() { "$@" </dev/null; }

expect_status 0 dd init

# --- Before any admin has a PIN ----------------------------------------------
# An unknown name is refused, says that an admin enrols people, writes nothing.
before=$(counts)
expect_status 3 no_stdin "$D" --operator 无名氏 log add --kind call --summary 来电
expect_grep "nobody called '无名氏' is on the roster; an admin enrols people (dutydesk person add 无名氏)" "$T/err"
expect_eq "one line" "1" "$(wc -l <"$T/err" | tr -d ' ')"
expect_status 3 env DUTYDESK_OPERATOR=无名氏 "$D" mode stand-down --reason 解除
expect_eq "nothing written for an unknown name" "$before" "$(counts)"
# A supervisor without a PIN cannot act: no admin can set one yet.
expect_status 4 no_stdin "$D" --operator 徐航锋 log add --kind positive --summary 阳性
expect_grep "徐航锋 has no PIN yet" "$T/err"
expect_grep "an admin must first enrol themself" "$T/err"
# Nobody but an admin makes the first PIN of their own.
expect_status 4 as_pin 1357 "$D" --operator 赵娜 pin set 赵娜
expect_grep "赵娜 has no PIN yet and cannot set the first one themself" "$T/err"
expect_status 4 as_pin 1357 "$D" --operator 徐航锋 pin set 徐航锋
expect_eq "nothing written before the way in" "$before" "$(counts)"
# The way in: the first admin enrols herself.
expect_status 0 as_pin "$ADMIN_PIN" "$D" --operator "$ADMIN" pin set "$ADMIN"
printf '%s\n' "$ADMIN_PIN" >"$T/pin.d/$ADMIN"
# ... and it is the only one: the second admin is enrolled by the first.
expect_status 4 as_pin 1357 "$D" --operator 杨洁 pin set 杨洁
expect_grep "an admin with a PIN sets one: 周凯琳" "$T/err"

# --- Enrolling -----------------------------------------------------------------
# Only an admin adds a person, with her PIN checked; nothing written otherwise.
enrol 赵娜 operator 1111
before=$(counts)
expect_status 4 as_pin 1111 "$D" --operator 赵娜 person add 王值班
expect_grep "adding a person to the roster needs admin rights" "$T/err"
expect_status 4 as_pin 0000 "$D" --operator "$ADMIN" person add 王值班
expect_grep "wrong PIN for 周凯琳 (1 of 5 tries)" "$T/err"
expect_eq "nothing written by a refused enrolment" "$before" "$(counts)"
expect_status 0 as_pin "$ADMIN_PIN" "$D" --operator "$ADMIN" person add 王值班 \
  --access operator
expect_eq "person add prints the id" "$(rows person)" "$(cat "$T/out")"
expect_status 2 as_pin "$ADMIN_PIN" "$D" --operator "$ADMIN" person add 王值班
expect_grep "already on the roster" "$T/err"

# --- PINs ----------------------------------------------------------------------
# Wrong PINs are refused and counted, across processes.
before=$(counts | cut -d' ' -f1-3)
expect_status 4 as_pin 9999 "$D" --operator 赵娜 log add --kind call --summary 错误
expect_grep "wrong PIN for 赵娜 (1 of 5 tries)" "$T/err"
expect_status 4 as_pin 9998 "$D" --operator 赵娜 log add --kind call --summary 错误
expect_grep "wrong PIN for 赵娜 (2 of 5 tries)" "$T/err"
expect_eq "nothing written by a wrong PIN" "$before" "$(counts | cut -d' ' -f1-3)"
# A person with a PIN gives it; without a terminal or --pin-stdin, refused.
expect_status 2 no_stdin "$D" --operator 赵娜 log add --kind call --summary 无PIN
expect_grep "use --pin-stdin" "$T/err"
# An operator enrolled without a PIN cannot act while operator PINs are required.
expect_status 4 no_stdin "$D" --operator 王值班 log add --kind call --summary 来电
expect_grep "王值班 has no PIN yet, and acts at the desk need one; an admin with a PIN sets one: 周凯琳" "$T/err"
# Only an admin sets another person's PIN, with her own PIN checked.
expect_status 4 as_pin "$(printf '1111\n2468')" "$D" --operator 赵娜 pin set 王值班
expect_grep "setting another person's PIN needs admin rights" "$T/err"
expect_status 4 as_pin "$(printf '0000\n2468')" "$D" --operator "$ADMIN" pin set 王值班
expect_grep "wrong PIN for 周凯琳" "$T/err"
expect_eq "no PIN for 王值班 yet" "0" \
  "$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM credential c JOIN person p ON p.id = c.person_id WHERE p.name = '王值班'")"
expect_status 0 as_pin "$(printf '%s\n2468' "$ADMIN_PIN")" "$D" --operator "$ADMIN" pin set 王值班
printf '2468\n' >"$T/pin.d/王值班"
# One's own PIN changes with the current one; the old one stops working.
expect_status 4 as_pin "$(printf '0000\n8642')" "$D" --operator 王值班 pin set 王值班
expect_grep "wrong PIN for 王值班" "$T/err"
expect_status 0 as_pin "$(printf '2468\n8642')" "$D" --operator 王值班 pin set 王值班
expect_status 4 as_pin 2468 "$D" --operator 王值班 log add --kind call --summary 旧PIN
expect_status 0 as_pin 8642 "$D" --operator 王值班 log add --kind call --summary 新PIN
printf '8642\n' >"$T/pin.d/王值班"
# The PIN comes first on standard input, then a file read from it.
dd export roster "$T/roster.csv" 2>/dev/null || fail "export roster"
expect_status 0 sh -c "{ echo '$ADMIN_PIN'; cat '$T/roster.csv'; } |
  '$D' --operator '$ADMIN' import roster - --pin-stdin"
expect_grep "0 person(s) added, 0 changed" "$T/err"

# --- Supervisors ---------------------------------------------------------------
# A positive case; the escalations acknowledged so that a stand-down can go.
pos=$(dd --operator 王值班 log add --kind positive --summary "马剑村初筛阳性1例" 2>/dev/null)
for n in $(dd escalations --open --format csv | tail -n +2 | cut -d, -f1); do
  dd --operator 王值班 escalation done "$n" --answered-by 值班员甲 >/dev/null 2>&1 ||
    fail "escalation done $n"
done
# A supervisor without a PIN is refused, told who can set one; nothing written.
before=$(counts)
expect_status 4 no_stdin "$D" --operator 徐航锋 mode stand-down --reason 经研判解除 \
  --confirm positives,final
expect_grep "徐航锋 has no PIN yet" "$T/err"
expect_grep "an admin with a PIN sets one: 周凯琳" "$T/err"
expect_eq "nothing written by a supervisor without a PIN" "$before" "$(counts)"
enrol 徐航锋 supervisor 5555
expect_status 4 as_pin 5556 "$D" --operator 徐航锋 mode stand-down --reason 经研判解除 \
  --confirm positives,final
expect_grep "wrong PIN for 徐航锋" "$T/err"
expect_status 0 as_pin 5555 "$D" --operator 徐航锋 mode stand-down --reason 经研判解除 \
  --confirm positives,final
expect_status 0 dd mode
expect_eq "stood down" "normal" "$(head -n1 "$T/out")"

# --- Four eyes, each with their own PIN --------------------------------------
# The reviewer of a figure signs with her own PIN.
f=$(dd --operator 王值班 stats add --metric samples --value 1200 2>/dev/null)
expect_status 4 as_pin 0000 "$D" --operator 赵娜 stats review "$f"
expect_status 0 dd stats list --pending --format csv
expect_grep "$f," "$T/out"
expect_status 0 as_pin 1111 "$D" --operator 赵娜 stats review "$f"
# The approver of a substitution: the next line after the one who records it.
enrol 何欣威 supervisor 7777
shift=$(dd --operator 何欣威 duty add --start 2021-12-17T08:00 --end 2021-12-17T16:00 \
  --on-duty 赵娜 2>/dev/null)
before=$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM shift_change")
expect_status 4 as_pin "$(printf '1111\n7776')" "$D" --operator 赵娜 duty substitute "$shift" \
  --by 王值班 --asked-by 赵娜 --approved-by 何欣威
expect_grep "wrong PIN for 何欣威" "$T/err"
expect_status 2 as_pin 1111 "$D" --operator 赵娜 duty substitute "$shift" \
  --by 王值班 --asked-by 赵娜 --approved-by 何欣威
expect_grep "no PIN on standard input" "$T/err"
expect_status 4 as_pin 1111 "$D" --operator 赵娜 duty substitute "$shift" \
  --by 王值班 --asked-by 赵娜 --approved-by 张宝庭
expect_grep "张宝庭 has no PIN yet" "$T/err"
expect_eq "no change without the approver's PIN" "$before" \
  "$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM shift_change")"
expect_status 0 as_pin "$(printf '1111\n7777')" "$D" --operator 赵娜 duty substitute "$shift" \
  --by 王值班 --asked-by 赵娜 --approved-by 何欣威
# The incoming operator of a handover signs with her own PIN.
enrol 俞婕 operator 2222
expect_status 4 as_pin "$(printf '1111\n2223')" "$D" --operator 赵娜 handover --sign \
  --to-operator 俞婕
expect_grep "wrong PIN for 俞婕" "$T/err"
expect_status 4 as_pin 1111 "$D" --operator 赵娜 handover --sign --to-operator 边吉
expect_grep "边吉 has no PIN yet" "$T/err"
expect_status 3 as_pin 1111 "$D" --operator 赵娜 handover --sign --to-operator 无名氏
expect_grep "an admin enrols people" "$T/err"
expect_eq "not signed" "0" "$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM event WHERE type = 'handover'")"
expect_status 0 as_pin "$(printf '1111\n2222')" "$D" --operator 赵娜 handover --sign \
  --to-operator 俞婕

# --- Group leaders (组长) supervise their own group's incidents -------------------
# 应伟龙, an operator, leads 交通管理组; 宣传舆情组 is 俞婕's.
enrol 应伟龙 operator 3333
own=$(dd --operator 王值班 log add --kind call --summary "交通卡点来电" --group 交通管理组 2>/dev/null)
other=$(dd --operator 王值班 log add --kind call --summary "舆情来电" --group 宣传舆情组 2>/dev/null)
expect_status 4 as_pin 3333 "$D" --operator 应伟龙 log close "$other" --resolution 已处理
expect_grep "closing another operator's incident needs supervisor rights" "$T/err"
expect_status 0 as_pin 3333 "$D" --operator 应伟龙 log close "$own" --resolution 已处理
# A reassignment moves the leader's rights with the incident.
expect_status 0 dd --operator 王值班 log assign "$other" --group 交通管理组
expect_status 0 as_pin 3333 "$D" --operator 应伟龙 log close "$other" --resolution 已处理

# --- Operator PINs relaxed: what is written without one is marked ---------------
expect_status 4 as_pin 1111 "$D" --operator 赵娜 config operator-pin optional
expect_grep "changing a setting needs admin rights" "$T/err"
expect_status 0 as_pin "$ADMIN_PIN" "$D" --operator "$ADMIN" config operator-pin optional
expect_status 0 dd config operator-pin
expect_eq "operator-pin" "optional" "$(cat "$T/out")"
enrol 边吉 operator -          # on the roster, no PIN
u=$(no_stdin "$D" --operator 边吉 log add --kind call --summary "未核验的来电" 2>"$T/err") ||
  fail "an operator without a PIN, PINs optional: $(cat "$T/err")"
v=$(as_pin 1111 "$D" --operator 赵娜 log add --kind call --summary "核验过的来电" 2>/dev/null)
expect_status 0 dd log list
expect_grep "边吉 (unverified)" "$T/out"
expect_no_grep "赵娜 (unverified)" "$T/out"
# What recording an entry sets off is as verified as the act itself: the
# document's escalation, recorded with a PIN, is not marked.
w=$(as_pin 1111 "$D" --operator 赵娜 log add --kind document --summary "核验过的来文" 2>/dev/null)
expect_eq "escalations of the verified entry" "1" "$(sqlite3 "$DUTYDESK_DB" "SELECT count(*)
  FROM event WHERE type = 'escalated' AND entry_id = $w")"
expect_eq "none of them marked unverified" "0" "$(sqlite3 "$DUTYDESK_DB" "SELECT count(*)
  FROM event WHERE entry_id = $w AND json_extract(body, '$.unverified') = 1")"
expect_status 0 dd log list --format csv
expect_grep ",边吉,0,0,open,,1" "$T/out"
expect_grep ",赵娜,0,0,open,,0" "$T/out"
expect_status 0 dd timeline "$u"
expect_grep "边吉 (unverified)" "$T/out"
expect_status 0 dd timeline "$u" --format csv
expect_grep ",created,边吉,未核验的来电,,0,1" "$T/out"
# What an unverified operator does to an entry is marked too, on the chain.
expect_status 0 no_stdin "$D" --operator 边吉 log note "$v" --text "边吉补充"
expect_status 0 dd timeline "$v"
expect_grep "边吉 (unverified)" "$T/out"
expect_eq "marked on the chain" "1" "$(sqlite3 "$DUTYDESK_DB" "SELECT count(*) FROM event
  WHERE type = 'noted' AND json_extract(body, '$.unverified') = 1")"
expect_status 0 env DUTYDESK_NOW=2021-12-16T09:30 "$D" --operator 赵娜 handover
expect_grep "记录人：边吉（未核验）" "$T/out"
expect_status 0 dd report daily
expect_grep "未核验" "$T/out"
# Four eyes and supervisor rights still need the PIN.
f2=$(dd --operator 王值班 stats add --metric samples --value 1300 2>/dev/null)
expect_status 4 no_stdin "$D" --operator 边吉 stats review "$f2"
expect_grep "needs the reviewer's own PIN" "$T/err"
expect_status 4 no_stdin "$D" --operator 张宝庭 log close "$v" --resolution 办结
expect_grep "张宝庭 has no PIN yet" "$T/err"
# Back to required: the operator without a PIN is refused again.
expect_status 0 as_pin "$ADMIN_PIN" "$D" --operator "$ADMIN" config operator-pin required
expect_status 4 no_stdin "$D" --operator 边吉 log add --kind call --summary 来电
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"

finish
