#!/bin/sh
# install.sh — `meson install` makes dutydesk a program of the system: staged
# into a directory of its own (--destdir, nothing outside it is touched), the
# installed binary runs from any directory, its man pages are found by man(1)
# where they were installed, its Chinese catalogue is read from the installed
# prefix (not from the build tree, not from the configured prefix on this
# machine), and its PDF writer is found in the installed libexec directory.
. "$(dirname "$0")/lib.sh"
# Under AddressSanitizer: cairo's own leak on finishing a PDF is not ours.
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

: "${BUILD:?set BUILD to the build directory}" "${PREFIX:?}" "${BINDIR:?}" "${MANDIR:?}"
: "${LOCALEDIR:?}" "${LIBEXECDIR:?}"
MESON=${MESON:-meson}
case $PREFIX in /*) ;; *) echo "PREFIX is not absolute"; exit 1 ;; esac
abs() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PREFIX" "$1" ;; esac; }
root=$T/root
bin=$root$(abs "$BINDIR")/dutydesk
man=$root$(abs "$MANDIR")
mo=$root$(abs "$LOCALEDIR")/zh_CN/LC_MESSAGES/dutydesk.mo
pdf=$root$(abs "$LIBEXECDIR")/dutydesk/dutydesk-pdf
county=$root$(abs "$LIBEXECDIR")/dutydesk/dutydesk-county

"$MESON" install -C "$BUILD" --no-rebuild --destdir "$root" >"$T/install.log" 2>&1 ||
  { cat "$T/install.log" >&2; fail "meson install --destdir"; finish; }
for f in "$bin" "$county" "$man/man1/dutydesk.1" "$man/man5/dutydesk-csv.5" "$mo"; do
  [ -f "$f" ] || fail "not installed: ${f#$root}"
done

# From another directory, with no build tree in reach.
cd / || exit 1
expect_status 0 "$bin" --help
expect_grep "Usage: dutydesk" "$T/out"
expect_status 0 "$bin" --version
expect_status 0 "$bin" --db "$T/installed.db" init

# man finds both pages where they were installed, and shows them.
expect_eq "man -w dutydesk" "$man/man1/dutydesk.1" "$(MANPATH=$man man -w dutydesk 2>&1)"
expect_eq "man -w dutydesk-csv" "$man/man5/dutydesk-csv.5" \
  "$(MANPATH=$man man -w dutydesk-csv 2>&1)"
MANPATH=$man MANWIDTH=200 man -P cat dutydesk-csv >"$T/csv.man" 2>&1 || fail "man dutydesk-csv"
expect_grep "amendment_reasons" "$T/csv.man"
MANPATH=$man MANWIDTH=200 man -P cat dutydesk >"$T/dd.man" 2>&1 || fail "man dutydesk"
expect_grep "zone set" "$T/dd.man"

# The Chinese catalogue comes from the installed prefix: the installed one is
# marked, and the mark is what the installed binary shows.
if command -v msgunfmt >/dev/null && command -v msgfmt >/dev/null; then
  msgunfmt "$mo" -o "$T/zh.po" || fail "msgunfmt"
  python3 - "$T/zh.po" <<'PY' || fail "marking the catalogue"
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
line = '\n"命令：\\n"\n'          # the heading of dutydesk --help's list
assert s.count(line) == 1, s.count(line)
s = s.replace(line, '\n"【已安装】命令：\\n"\n')
open(p, 'w', encoding='utf-8').write(s)
PY
  msgfmt "$T/zh.po" -o "$mo" || fail "msgfmt"
  env -u LC_MESSAGES -u DUTYDESK_LOCALEDIR LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$bin" --help \
    >"$T/zh.out" 2>&1 || fail "zh --help"
  expect_grep "【已安装】命令：" "$T/zh.out"
  # As a person sets it: LANG alone, whether or not this machine has the
  # zh_CN locale generated.
  env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u DUTYDESK_LOCALEDIR LANG=zh_CN.UTF-8 "$bin" \
    --help >"$T/zh3.out" 2>&1 || fail "LANG=zh_CN.UTF-8 --help"
  expect_grep "【已安装】命令：" "$T/zh3.out"
  # Moved elsewhere as a whole, it still finds it under its prefix.
  mkdir -p "$T/moved" && cp -a "$root$PREFIX" "$T/moved/prefix"
  env -u LC_MESSAGES -u DUTYDESK_LOCALEDIR LC_ALL=C.UTF-8 LANGUAGE=zh_CN \
    "$T/moved/prefix/${bin#$root$PREFIX/}" --help >"$T/zh2.out" 2>&1 || fail "moved --help"
  expect_grep "【已安装】命令：" "$T/zh2.out"
fi

# The PDF writer, when this build has one, is found where it was installed.
if [ -f "$pdf" ]; then
  DUTYDESK_DB=$T/installed.db
  printf '%s\n' "$ADMIN_PIN" | env -u DUTYDESK_PDF_WRITER "$bin" --operator "$ADMIN" \
    pin set "$ADMIN" --pin-stdin >/dev/null 2>&1 || fail "PIN on the installed desk"
  printf '%s\n' "$ADMIN_PIN" | env -u DUTYDESK_PDF_WRITER "$bin" --operator "$ADMIN" \
    handover --format pdf --output "$T/sheet.pdf" --pin-stdin >"$T/out" 2>"$T/err" ||
    fail "handover --format pdf with the installed writer: $(cat "$T/err")"
  expect_eq "a PDF" "%PDF" "$(head -c 4 "$T/sheet.pdf" 2>/dev/null)"
fi

# The county's program is found where it was installed: it, not dutydesk,
# says that no county database is named.
env -u DUTYDESK_COUNTY_PROGRAM "$bin" --db "$T/installed.db" sync >"$T/out" 2>"$T/err"
expect_eq "sync's status with no county named" "2" "$?"
expect_grep "no county database named" "$T/err"

finish
