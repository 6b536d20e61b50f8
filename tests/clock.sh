# clock.sh — the desk's clock in the command-line and terminal-UI tests.
#
# dutydesk takes the system clock and nothing else.  A test fixes "now" by
# setting DUTYDESK_NOW (2021-12-16T09:00, local time); $DUTYDESK is then a
# small script that starts the real binary under libfaketime at that time,
# frozen, as Debian's faketime(1) does.  Without DUTYDESK_NOW the binary runs
# on the real clock.  Sourced after T (the test's directory) is set; it also
# puts valgrind in front of the binary when DUTYDESK_VALGRIND is set.
LIBFAKETIME=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
[ -n "$LIBFAKETIME" ] || { echo "libfaketime is not installed (Debian: faketime)" >&2; exit 1; }
DUTYDESK_REAL=$DUTYDESK
vg=""
[ -n "${DUTYDESK_VALGRIND:-}" ] && vg="$DUTYDESK_VALGRIND --log-file=$T/valgrind.%p.log"
mkdir -p "$T/.clock"
cat >"$T/.clock/dutydesk" <<WRAP
#!/bin/sh
if [ -n "\${DUTYDESK_NOW:-}" ]; then
  now="\${DUTYDESK_NOW%%T*} \${DUTYDESK_NOW#*T}"
  case \$now in *:*:*) ;; *) now="\$now:00" ;; esac
  LD_PRELOAD="$LIBFAKETIME\${LD_PRELOAD:+:\$LD_PRELOAD}" FAKETIME="\$now"
  FAKETIME_DONT_FAKE_MONOTONIC=1
  # libfaketime makes shared memory named after the process, which keeps
  # this pid (exec below), and removes it at exit; a process killed on
  # purpose (the crash proof) leaves it behind for a later one of the same
  # pid to trip over.
  rm -f /dev/shm/faketime_shm_\$\$ /dev/shm/sem.faketime_sem_\$\$
  # libfaketime comes before the sanitizers' runtime in the library list.
  ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}verify_asan_link_order=0"
  export LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC ASAN_OPTIONS
fi
exec $vg "$DUTYDESK_REAL" "\$@"
WRAP
chmod +x "$T/.clock/dutydesk"
DUTYDESK="$T/.clock/dutydesk"
