#!/bin/sh
# The handover sheet printed through a real CUPS server: a private cupsd of
# this test (its own socket, spool and logs under $T) with a virtual PDF
# printer (Debian's cups-pdf).  Before a default printer is set, and with
# the server stopped, dutydesk says so; once set, the sheet comes out of
# the printer as a PDF of as many pages.  Needs root (cupsd, and cups-pdf's
# per-queue configuration lives in /etc/cups: one file of this run's name,
# removed at the end); skipped where any of it is missing.
. "$(dirname "$0")/lib.sh"
# Under AddressSanitizer: cairo's own leak on finishing a PDF is not ours.
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

skip() {
  echo "skipped: $*" >&2
  echo "ok"
  exit 0
}
. "$(dirname "$0")/../cups.sh"
queue="dutydesk-test-$$"
cups_pdf_queue "$queue" "$C/out"
cleanup() {
  cups_cleanup
  rm -rf "$T"
}
trap cleanup EXIT

expect_status 0 dd init
desk_init
enrol 何欣威 supervisor
enrol 赵娜
DUTYDESK_OPERATOR=何欣威 dd duty add --start 2021-12-16T08:00 --end 2021-12-16T16:00 \
  --on-duty 赵娜 --leader 何欣威 >/dev/null 2>&1 || fail "plan the shift"
DUTYDESK_OPERATOR=赵娜 dd log add --kind call --summary "诸暨市值班组来电：通知视频会议" \
  --at 2021-12-16T08:10 >/dev/null 2>&1 || fail "log add"

# No server: said so.
expect_status 1 dd handover --print
expect_grep "the CUPS print service is not running" "$T/err"

cups_start

# A server without printers: no default destination.
expect_status 1 dd handover --print
expect_grep "no printer is set up" "$T/err"

lpadmin -p "$queue" -E -v "cups-pdf:/$queue" -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd \
  >/dev/null 2>&1 || fail "lpadmin: add the PDF printer"
expect_status 1 dd handover --printer no-such-printer
expect_grep "CUPS has no printer called 'no-such-printer'" "$T/err"
lpadmin -d "$queue" >/dev/null 2>&1 || fail "lpadmin: make it the default"

expect_status 0 dd handover --print --output "$T/sheet.pdf"
expect_grep "went to the printer (request $queue-" "$T/err"
want=$(pdfinfo "$T/sheet.pdf" | sed -n 's/^Pages: *//p')
i=0
while [ -z "$(ls "$C/out" 2>/dev/null)" ] && [ $i -lt 150 ]; do
  sleep 0.2
  i=$((i + 1))
done
printed=$(ls "$C/out"/*.pdf 2>/dev/null | head -n1)
if [ -z "$printed" ]; then
  fail "nothing came out of the PDF printer: $(tail -n 5 "$C/log/error_log")"
else
  # cups-pdf finishes the file after it appears: wait until it reads whole.
  i=0
  until got=$(pdfinfo "$printed" 2>/dev/null | sed -n 's/^Pages: *//p') && [ -n "$got" ] ||
      [ $i -ge 150 ]; do
    sleep 0.2
    i=$((i + 1))
  done
  expect_eq "pages printed" "$want" "$got"
fi

finish
