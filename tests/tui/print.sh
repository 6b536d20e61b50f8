#!/bin/sh
# Printing the handover sheet from the UI through a real CUPS server: a
# private cupsd of this test (its own socket, spool and logs under $T, as
# tests/cups.sh sets it up) with two virtual PDF printers
# (Debian's cups-pdf), the second the default.  Before the server runs the
# UI says so; then `p` offers both printers, the picker on the default one,
# and the sheet comes out of the printer chosen — the other one.  Needs root
# (cupsd; cups-pdf's per-queue configuration lives in /etc/cups: one file a
# queue of this run's name, removed at the end); skipped where any of it is
# missing.
. "$(dirname "$0")/lib.sh"
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")/../cli" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

skip() {
  echo "skipped: $*" >&2
  exit 77
}
. "$(dirname "$0")/../cups.sh"
qa="dutydesk-tui-a-$$"
qb="dutydesk-tui-b-$$"
cups_pdf_queue "$qa" "$C/out-a"
cups_pdf_queue "$qb" "$C/out-b"
cleanup() {
  cups_cleanup
  tmux -L "$SOCK" kill-server 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT

export DUTYDESK_NOW=2021-12-16T07:00
desk_init 赵娜
as_admin duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 --on-duty 赵娜 ||
  fail "plan the shift"
DUTYDESK_NOW=2021-12-16T08:10 "$DUTYDESK" --operator 赵娜 log add --kind call \
  --summary "诸暨市值班组来电：通知视频会议" >/dev/null 2>&1 || fail "log add"
unset DUTYDESK_NOW

tui a 80 24 DUTYDESK_NOW=2021-12-16T15:30 CUPS_SERVER="$CUPS_SERVER" -- --operator 赵娜
wait_for a "赵娜 (operator)"
keys a H
wait_for a "交接班记录"
# No print service: the UI says so and offers nothing.
keys a p
wait_for a "the CUPS print service is not running"

cups_start
for q in "$qa" "$qb"; do
  lpadmin -p "$q" -E -v "cups-pdf:/$q" -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd \
    >/dev/null 2>&1 || fail "lpadmin: add $q"
done
lpadmin -d "$qb" >/dev/null 2>&1 || fail "lpadmin: make $qb the default"

# Both printers offered, the picker on the default; k chooses the other.
keys a p
wait_for a "Print on which printer?"
wait_for a "$qa"
wait_for a "$qb  (default)"
sel=$(tmux -L "$SOCK" capture-pane -e -p -t a | grep -F "$qb" | grep -c "$(printf '\033')\[7m")
[ "$sel" -ge 1 ] || { fail "the printer picker does not start on the default $qb"; screen a >&2; }
keys a k Enter
wait_for a "sent to the printer $qa ($qa-" 15
i=0
while [ -z "$(ls "$C/out-a" 2>/dev/null)" ] && [ $i -lt 150 ]; do
  sleep 0.2
  i=$((i + 1))
done
ls "$C/out-a"/*.pdf >/dev/null 2>&1 ||
  fail "nothing came out of $qa: $(tail -n 5 "$C/log/error_log")"
[ -z "$(ls "$C/out-b" 2>/dev/null)" ] || fail "the default printer $qb printed too"
keys a q
finish
