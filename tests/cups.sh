# cups.sh — a private CUPS server for the print tests (sourced after their
# lib.sh, which makes $T and defines skip): its own socket, spool and logs
# under $C, with virtual PDF printers (Debian's cups-pdf).  Needs root
# (cupsd; cups-pdf's per-queue configuration lives in /etc/cups: one file a
# queue of this run's name, removed by cups_cleanup); skipped where any of
# it is missing.

[ "$(id -u)" = 0 ] || skip "not root"
for p in /usr/sbin/cupsd /usr/sbin/lpadmin /usr/bin/lp /usr/bin/lpstat \
         /usr/lib/cups/backend/cups-pdf /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd; do
  [ -e "$p" ] || skip "$p is not installed"
done
command -v pdfinfo >/dev/null || skip "pdfinfo is not installed"
getent passwd lp >/dev/null || skip "no user lp to run the filters"

C="$T/cups"
CUPS_QUEUES=""
mkdir -p "$C/spool" "$C/tmp" "$C/cache" "$C/state" "$C/log" "$C/ppd" "$C/pdfspool"
# The filters run as lp: the test's directory must let them through.
chmod 0755 "$T" "$C"
chmod 1777 "$C/tmp"
chmod 0751 "$C/pdfspool"
cat >"$C/cups-files.conf" <<EOF
ServerRoot $C
RequestRoot $C/spool
TempDir $C/tmp
CacheDir $C/cache
StateDir $C/state
AccessLog $C/log/access_log
ErrorLog $C/log/error_log
PageLog $C/log/page_log
SystemGroup root
User lp
Group lp
EOF
cat >"$C/cupsd.conf" <<EOF
Listen $C/cups.sock
LogLevel info
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
EOF
export CUPS_SERVER="$C/cups.sock"

# cups_pdf_queue NAME OUTDIR: cups-pdf's configuration for the queue NAME,
# its PDFs in OUTDIR (the queue itself is added once the server runs).
cups_pdf_queue() {
  mkdir -p "$2"
  chmod 1777 "$2"
  CUPS_QUEUES="$CUPS_QUEUES $1"
  cat >"/etc/cups/cups-pdf-$1.conf" <<EOF
Out $2
AnonDirName $2
Spool $C/pdfspool
Label 0
UserUMask 0022
Grp root
EOF
}

# cups_start: the server, running and answering (skipped when it won't).
cups_start() {
  /usr/sbin/cupsd -f -c "$C/cupsd.conf" -s "$C/cups-files.conf" >"$C/cupsd.out" 2>&1 &
  echo $! >"$C/pid"
  i=0
  until lpstat -r 2>/dev/null | grep -q "is running"; do
    i=$((i + 1))
    [ $i -gt 50 ] && skip "the private cupsd did not start: $(cat "$C/cupsd.out")"
    sleep 0.2
  done
}

# cups_cleanup: the server stopped, the queues' configuration removed.
cups_cleanup() {
  [ -f "$C/pid" ] && kill "$(cat "$C/pid")" 2>/dev/null
  for q in $CUPS_QUEUES; do rm -f "/etc/cups/cups-pdf-$q.conf"; done
}
