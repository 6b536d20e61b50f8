#!/bin/sh
# Escalation that chases and messages that leave the desk, against the real
# gateway: gammu-smsd's files service takes gammu-smsd-inject without a
# modem.  A positive case's notifications pass their due time undone; the
# desk chases them to the leader on duty (带班领导), then to the leadership
# group's 组长; the messages wait in the outbox until a notify command hands
# them over; a command that fails, does not exist or hangs leaves them queued
# with the reason shown; attempts go on the chain; `notify --watch` stops on
# SIGTERM.
. "$(dirname "$0")/lib.sh"
command -v gammu-smsd-inject >/dev/null 2>&1 || { echo "gammu-smsd-inject is missing"; exit 77; }

mkdir -p "$T/outbox" "$T/inbox" "$T/sent" "$T/error"
cat >"$T/smsdrc" <<RC
[gammu]
device = /dev/null
connection = at

[smsd]
service = files
inboxpath = $T/inbox/
outboxpath = $T/outbox/
sentsmspath = $T/sent/
errorsmspath = $T/error/
logfile = $T/smsd.log
RC

# The office (lib.sh): the director 周凯琳, an admin, acts with her PIN; the
# operator 赵娜 and the leader on duty 何欣威 are enrolled with theirs.
desk_init
enrol 赵娜
enrol 何欣威
export DUTYDESK_OPERATOR=$ADMIN   # director of the office: an admin

# Phones on file: the leader on duty 何欣威 and the leadership group's 组长 徐航锋.
expect_status 0 dd export roster "$T/r.csv"
sed -e 's/^\([^,]*,[^,]*,[^,]*\),徐航锋,\([^,]*\),\([^,]*\),,/\1,徐航锋,\2,\3,13800000009,/' \
    -e 's/^\([^,]*,[^,]*,[^,]*\),何欣威,\([^,]*\),\([^,]*\),,/\1,何欣威,\2,\3,13800000001,/' \
    "$T/r.csv" >"$T/r2.csv"
expect_status 0 dd import roster "$T/r2.csv"
expect_status 0 dd --operator 何欣威 duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 \
  --operator 赵娜 --leader 何欣威

# The positive case: the act succeeds at once, whatever becomes of messages.
expect_status 0 dd --operator 赵娜 log add --kind positive --summary 本土初筛阳性1例
expect_eq "entry id" "1" "$(cat "$T/out")"

# Nothing is overdue yet: nothing chased, nothing queued.
expect_status 0 dd notify --once
expect_status 0 dd messages
expect_grep "0 message(s) not sent" "$T/out"

# 09:16: the phone notifications (due 09:15) are overdue; no command is set,
# so the chase's messages stay queued, and the desk says so.
export DUTYDESK_NOW=2021-12-16T09:16
expect_status 0 dd notify --once
expect_grep "5 overdue notification(s) chased, 5 message(s) queued" "$T/err"
expect_grep "no notify command is configured" "$T/err"
expect_status 0 dd escalations --open
expect_grep "Chases of overdue notifications" "$T/out"
expect_grep "何欣威 13800000001" "$T/out"
# However often it runs, each overdue notification is chased once.
expect_status 0 dd notify --once
expect_no_grep "chased" "$T/err"
expect_status 0 dd messages --format csv
expect_eq "queued messages" "5" "$(grep -c ',queued,' "$T/out")"
expect_grep "【马剑镇值班台】催报：条目#1 本土初筛阳性 初报 向诸暨市值班组 限12-16 09:15 已逾期，请督促。" \
  "$T/out"

# A command that fails: the messages stay, to be tried again, the reason shown.
expect_status 0 dd config notify-command false
expect_status 0 dd notify --once
expect_grep "5 message(s) failed" "$T/err"
expect_status 0 dd messages
expect_grep "5 message(s) not sent" "$T/out"
expect_grep "exit status 1" "$T/out"

# A command that does not exist (tried again after the backoff's minute).
export DUTYDESK_NOW=2021-12-16T09:18
expect_status 0 dd config notify-command "/nonexistent/sms-gateway {number} {message}"
expect_status 0 dd notify --once
expect_grep "5 message(s) failed" "$T/err"
expect_status 0 dd messages
expect_grep "cannot run the notify command '/nonexistent/sms-gateway'" "$T/out"
expect_grep "5 message(s) not sent" "$T/out"

# A command that hangs is stopped after the timeout.
export DUTYDESK_NOW=2021-12-16T09:20
expect_status 0 dd config notify-timeout-seconds 1
expect_status 0 dd config notify-command "sleep 600"
expect_status 0 dd notify --once
expect_grep "5 message(s) failed" "$T/err"
expect_status 0 dd messages
expect_grep "did not finish within 1 seconds" "$T/out"
expect_grep "5 message(s) not sent" "$T/out"
[ -z "$(ls "$T/outbox")" ] || fail "a message reached the gateway before it was sent"

# One sender at a time: while another holds the desk's sender lock, nothing
# is sent here (no message goes out twice).
export DUTYDESK_NOW=2021-12-16T09:24
expect_status 0 dd config notify-command \
  "gammu-smsd-inject -c $T/smsdrc TEXT {number} -unicode -text {message}"
if command -v flock >/dev/null 2>&1; then
  expect_status 0 flock "$DUTYDESK_DB-notify.lock" "$DUTYDESK" notify --once
  expect_grep "another process is sending the messages" "$T/err"
  [ -z "$(ls "$T/outbox")" ] || fail "sent while another sender held the lock"
fi

# The real gateway: each message lands in gammu's outbox with its number and
# its Chinese text; every attempt is on the chain.
export DUTYDESK_NOW=2021-12-16T09:24
expect_status 0 dd config notify-command \
  "gammu-smsd-inject -c $T/smsdrc TEXT {number} -unicode -text {message}"
expect_status 0 dd notify --once
expect_grep "5 message(s) sent" "$T/err"
expect_eq "files in gammu's outbox" "5" "$(ls "$T/outbox" | wc -l | tr -d ' ')"
cat "$T/outbox"/* >"$T/landed"
expect_grep 'Number = "13800000001"' "$T/landed"
# Each file holds its text as UCS-2 in hexadecimal, over lines Text00, Text01 …
for f in "$T/outbox"/*; do
  sed -n 's/^Text[0-9][0-9] = //p' "$f" | tr -d '\r\n'
  echo
done >"$T/texts"
msg="【马剑镇值班台】催报：条目#1 本土初筛阳性 初报 向诸暨市值班组 限12-16 09:15 已逾期，请督促。"
hex=$(printf '%s' "$msg" | iconv -f UTF-8 -t UCS-2BE | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
grep -qx "$hex" "$T/texts" || fail "the chase's message is not in gammu's outbox: $(cat "$T/texts")"
expect_status 0 dd messages
expect_grep "0 message(s) not sent" "$T/out"
expect_status 0 dd messages --format csv
expect_eq "sent messages" "5" "$(grep -c ',sent,4,' "$T/out")"

# Attempts: no answer, then answered; the chase of a done notification ends.
expect_status 0 dd --operator 赵娜 escalation attempt 1 --outcome no-answer --note 无人接听
expect_status 0 dd escalations --format csv
expect_grep ",overdue,1,no-answer" "$T/out"
expect_status 2 dd --operator 赵娜 escalation attempt 1 --outcome answered
expect_grep "--answered-by" "$T/err"
expect_status 2 dd --operator 赵娜 escalation attempt 1 --outcome maybe
expect_status 0 dd --operator 赵娜 escalation attempt 1 --outcome answered --answered-by 钱主任
expect_status 0 dd escalations --format csv
expect_grep ",done,2,answered" "$T/out"
expect_status 0 dd timeline 1
expect_grep "诸暨市值班组：无人接听（无人接听）" "$T/out"
expect_grep "催报（第1步）" "$T/out"
expect_status 0 dd escalations --open
expect_no_grep "#1  " "$T/out"

# 09:27: the chases (due 09:26) went unanswered: the second step goes to the
# leadership group's 组长, for the four still not done.
export DUTYDESK_NOW=2021-12-16T09:27
expect_status 0 dd notify --once
expect_grep "4 overdue notification(s) chased, 4 message(s) queued" "$T/err"
expect_grep "4 message(s) sent" "$T/err"
cat "$T/outbox"/* >"$T/landed"
expect_grep 'Number = "13800000009"' "$T/landed"

# --watch runs until SIGTERM, and stops on it.
"$DUTYDESK" notify --watch >"$T/watch.out" 2>"$T/watch.err" &
pid=$!
sleep 2
kill -TERM "$pid"
wait "$pid"
expect_eq "notify --watch exit status on SIGTERM" "0" "$?"

expect_status 2 dd notify --once --watch
finish
