#!/bin/sh
# The duty schedule (值班表) through the real binary: planning, who is on duty
# and the leader on duty, substitution and swap with their history, cancel,
# gaps (in task-force mode after a positive case too), the CSV exchange.
. "$(dirname "$0")/lib.sh"

expect_status 0 dd init
desk_init
for p in 何欣威 徐航锋; do enrol "$p" supervisor; done
for p in 赵娜 俞婕 钱少妹 吴海军; do enrol "$p"; done

# Planning needs a supervisor; here --operator names who is on duty and the
# planner is $DUTYDESK_OPERATOR.
export DUTYDESK_OPERATOR=何欣威
id1=$(dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 --operator 赵娜 \
      --leader 何欣威 --note 白班 2>"$T/err")
expect_eq "first shift id" "1" "$id1"
# --on-duty names who is on duty and leaves --operator to the planner; the end
# defaults to the start plus the shift-hours setting (8).
id2=$(dd duty add --start 2021-12-16T16:00 --on-duty 俞婕 --operator 徐航锋 2>"$T/err")
expect_eq "second shift id" "2" "$id2"
id3=$(dd duty add --start 2021-12-17T00:00 --end 2021-12-17T08:00 --operator 边吉 2>"$T/err")
expect_eq "third shift id" "3" "$id3"
expect_status 0 dd duty --format csv
expect_eq "csv header" "id,start,end,operator,planned_operator,leader,changes,cancelled,note" \
  "$(head -n1 "$T/out")"
expect_grep "1,2021-12-16T08:00:00+08:00,2021-12-16T16:00:00+08:00,赵娜,赵娜,何欣威,0,0,白班" \
  "$T/out"
expect_grep "2,2021-12-16T16:00:00+08:00,2021-12-17T00:00:00+08:00,俞婕,俞婕,,0,0," "$T/out"

# Refusals: an operator cannot plan; names must be on the roster; the end
# comes after the start; one person is not on two shifts at once.
expect_status 4 dd duty add --start 2021-12-18T08:00 --on-duty 赵娜 --operator 赵娜
expect_grep "supervisor" "$T/err"
expect_status 3 dd duty add --start 2021-12-18T08:00 --operator 无名氏
expect_grep "nobody called '无名氏' is on the roster" "$T/err"
expect_status 3 dd duty add --start 2021-12-18T08:00 --operator 赵娜 --leader 不认识
expect_grep "不认识" "$T/err"
expect_status 2 dd duty add --start 2021-12-18T08:00 --end 2021-12-18T07:00 --operator 赵娜
expect_grep "before it starts" "$T/err"
expect_status 2 dd duty add --start 2021-12-16T12:00 --end 2021-12-16T20:00 --operator 赵娜
expect_grep "already on duty" "$T/err"
expect_status 2 dd duty add --end 2021-12-18T07:00 --operator 赵娜
expect_grep "--start is required" "$T/err"
expect_status 2 dd duty add --start 2021-12-18T08:00
expect_grep "--operator NAME is required" "$T/err"
expect_eq "error is one line" "2" "$(wc -l <"$T/err" | tr -d ' ')"   # + the --help hint

# Who is on duty now (09:00), and the leader on duty.
expect_status 0 dd duty now
expect_grep "On duty: 赵娜 (shift #1, 2021-12-16 08:00–16:00)" "$T/out"
expect_grep "Leader on duty: 何欣威" "$T/out"
expect_status 0 dd duty now --at 2021-12-16T17:00
expect_grep "On duty: 俞婕" "$T/out"
expect_grep "Leader on duty: none named" "$T/out"
expect_status 0 dd duty now --at 2021-12-18T12:00
expect_grep "On duty: nobody" "$T/out"

# The schedule: today's and tomorrow's shifts, aligned by display width.
expect_status 0 dd duty
expect_grep "Duty schedule 2021-12-16 – 2021-12-17" "$T/out"
expect_grep "1   12-16 08:00  16:00        赵娜     何欣威          白班" "$T/out"
expect_grep "3   12-17 00:00  08:00        边吉" "$T/out"

# Substitution (替班): who asked, who approved (a supervisor), each with their
# own PIN: who records it, then the approver.
expect_status 4 as_pin "$(pins 赵娜 俞婕)" "$DUTYDESK" duty substitute 1 --by 应伟龙 \
  --asked-by 赵娜 --approved-by 俞婕 --operator 赵娜
expect_grep "approving a substitution needs supervisor rights" "$T/err"
expect_status 3 dd duty substitute 1 --by 无名氏 --asked-by 赵娜 --approved-by 何欣威
expect_status 2 dd duty substitute 1 --by 应伟龙 --asked-by 赵娜
expect_status 0 as_pin "$(pins 赵娜 何欣威)" "$DUTYDESK" duty substitute 1 --by 应伟龙 \
  --asked-by 赵娜 --approved-by 何欣威 --reason 病假 --operator 赵娜
expect_status 2 dd duty substitute 1 --by 应伟龙 --asked-by 赵娜 --approved-by 何欣威
expect_grep "already on duty in shift #1" "$T/err"
expect_status 0 dd duty now
expect_grep "On duty: 应伟龙 (instead of 赵娜; shift #1" "$T/out"
expect_grep "Leader on duty: 何欣威" "$T/out"
expect_status 0 dd duty
expect_grep "changed (planned: 赵娜)" "$T/out"

# Swap (换班) of shifts 2 and 3.
expect_status 0 as_pin "$(pins 何欣威 徐航锋)" "$DUTYDESK" duty swap 2 3 --asked-by 俞婕 \
  --approved-by 徐航锋 --reason 家中有事
expect_status 0 dd duty --format csv
expect_grep "2,2021-12-16T16:00:00+08:00,2021-12-17T00:00:00+08:00,边吉,俞婕,,1,0," "$T/out"
expect_grep "3,2021-12-17T00:00:00+08:00,2021-12-17T08:00:00+08:00,俞婕,边吉,,1,0," "$T/out"
expect_status 2 as_pin "$(pins 何欣威 徐航锋)" "$DUTYDESK" duty swap 2 2 --asked-by 俞婕 \
  --approved-by 徐航锋
expect_grep "two different shifts" "$T/err"
expect_status 3 as_pin "$(pins 何欣威 徐航锋)" "$DUTYDESK" duty swap 2 99 --asked-by 俞婕 \
  --approved-by 徐航锋

# The history: who asked, who approved, who recorded it.
expect_status 0 dd duty history --format csv
expect_eq "history header" "id,shift,at,kind,from,to,asked_by,approved_by,recorded_by,reason" \
  "$(head -n1 "$T/out")"
expect_grep "1,1,2021-12-16T09:00:00+08:00,substitute,赵娜,应伟龙,赵娜,何欣威,赵娜,病假" "$T/out"
expect_grep "2,2,2021-12-16T09:00:00+08:00,swap,俞婕,边吉,俞婕,徐航锋,何欣威,家中有事" "$T/out"
expect_grep "3,3,2021-12-16T09:00:00+08:00,swap,边吉,俞婕,俞婕,徐航锋,何欣威,家中有事" "$T/out"
expect_status 0 dd duty history 1
expect_grep "substitute (替班)" "$T/out"
expect_no_grep "swap" "$T/out"
expect_status 3 dd duty history 42

# Cancel: a supervisor's act with a reason; kept in the history.
expect_status 4 dd duty cancel 3 --reason 调整 --operator 赵娜
expect_status 2 dd duty cancel 3
expect_grep "--reason is required" "$T/err"
expect_status 0 dd duty cancel 3 --reason 人员调整
expect_status 2 dd duty cancel 3 --reason 人员调整
expect_grep "was cancelled" "$T/err"
expect_status 0 dd duty
expect_grep "CANCELLED" "$T/out"
expect_status 0 dd duty history 3 --format csv
expect_grep ",cancel,俞婕,,,,何欣威,人员调整" "$T/out"

# Gaps: in normal times the rest of today and tomorrow.
expect_status 0 dd duty gaps
expect_grep "2021-12-17 00:00  2021-12-18 00:00  1 d 0 h" "$T/out"
expect_no_grep "TASK FORCE" "$T/out"
expect_status 0 dd duty gaps --hours 8
expect_grep "No gaps" "$T/out"

# A positive case: task-force mode wants the next 24 hours covered; the gaps
# are listed and the exit status stays 0.
dd log add --kind positive --summary "本土初筛阳性1例" >/dev/null 2>&1 || fail "positive case"
expect_status 0 dd duty gaps
expect_grep "TASK FORCE" "$T/out"
expect_grep "2021-12-17 00:00  2021-12-17 09:00  9 h 00 min" "$T/out"
expect_status 0 dd duty gaps --format csv
expect_eq "gaps csv" "from,to,seconds
2021-12-17T00:00:00+08:00,2021-12-17T09:00:00+08:00,32400" "$(cat "$T/out")"
expect_status 0 dd duty
expect_grep "TASK FORCE" "$T/out"
dd duty add --start 2021-12-17T00:00 --end 2021-12-17T12:00 --operator 吴海军 >/dev/null 2>&1 ||
  fail "plan the night"
expect_status 0 dd duty gaps
expect_grep "No gaps" "$T/out"

# The shift-hours setting gives the default length.
expect_status 0 dd config shift-hours 12 --operator 周凯琳
id=$(dd duty add --start 2021-12-18T08:00 --operator 钱少妹 2>"$T/err")
expect_status 0 dd duty --date 2021-12-18 --days 1 --format csv
expect_grep "$id,2021-12-18T08:00:00+08:00,2021-12-18T20:00:00+08:00,钱少妹" "$T/out"

# Every act is on the chain, and the chain holds.
expect_status 0 dd check
expect_grep "log chain: ok" "$T/out"

# The CSV exchange, through import/export schedule when they are wired in
# (the format itself is covered by the unit test test_duty either way).
if dd import schedule --help >/dev/null 2>&1 && dd export schedule --help >/dev/null 2>&1; then
  expect_status 0 dd export schedule "$T/schedule.csv"
  expect_eq "schedule header" "start,end,operator,leader,note" "$(head -n1 "$T/schedule.csv")"
  expect_grep "2021-12-16T08:00:00+08:00,2021-12-16T16:00:00+08:00,应伟龙,何欣威,白班" \
    "$T/schedule.csv"
  # The schedule as it stands: cancelled shifts are not part of it.
  dd duty --date 2021-12-16 --days 3 --format csv | awk -F, 'NR == 1 || $8 == 0' |
    cut -d, -f2-4,6,9 >"$T/before"
  fresh="$T/fresh.db"
  desk_init "$fresh"
  enrol 何欣威 supervisor "$PIN" "$fresh"
  expect_status 0 dd --db "$fresh" import schedule "$T/schedule.csv"
  DUTYDESK_DB="$fresh" dd duty --date 2021-12-16 --days 3 --format csv |
    awk -F, 'NR == 1 || $8 == 0' | cut -d, -f2-4,6,9 >"$T/after"
  expect_eq "round trip" "$(cat "$T/before")" "$(cat "$T/after")"

  printf '%s\n' "start,end,operator,leader,note" \
    "2021-12-20T08:00,2021-12-20T16:00,赵娜,,ok" \
    "2021-12-20T16:00,2021-12-20T15:00,俞婕,," \
    "2021-12-21T08:00,2021-12-21T16:00,无名氏,," \
    "2021-12-2x,2021-12-21T16:00,边吉,," \
    "2021-12-22T08:00,2021-12-22T16:00,边吉" >"$T/bad.csv"
  fresh2="$T/fresh2.db"
  desk_init "$fresh2"
  enrol 何欣威 supervisor "$PIN" "$fresh2"
  dd --db "$fresh2" import schedule "$T/bad.csv" >"$T/out" 2>"$T/err" &&
    fail "a bad schedule was imported"
  expect_grep "bad.csv:3: end: " "$T/err"
  expect_grep "bad.csv:4: operator: nobody called '无名氏'" "$T/err"
  expect_grep "bad.csv:5: start: " "$T/err"
  expect_grep "bad.csv:6: " "$T/err"
  expect_eq "nothing imported" "1" \
    "$(DUTYDESK_DB="$fresh2" dd duty --date 2021-12-20 --days 3 --format csv | wc -l | tr -d ' ')"
else
  echo "note: import/export schedule are not wired in yet; CSV covered by unit-duty" >&2
fi

finish
