#!/bin/sh
# Faults of the disk and the file: a full disk (the file size limit, and a
# small tmpfs where a user namespace allows one), a read-only database, a
# database locked by another program past the busy timeout, a damaged file,
# a file from a newer dutydesk.  Each gets a clear message and the right exit
# status, and loses nothing already written: the log is the same before and
# after, and `check` passes once the fault is gone.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: skipping"; exit 77; }
export DUTYDESK_OPERATOR=王值班

q() { sqlite3 -batch -noheader "$DUTYDESK_DB" "$1"; }
add() { dd log add --kind "${2:-call}" --summary "$1" --source 卫生院 2>/dev/null; }

expect_status 0 dd init
# The faults are the disk's and the file's, not who is at the desk: 王值班
# has no PIN and the admin lets operators write unverified, so that no
# deliberate Argon2 hashing stands before each write (a tmpfs is filled
# entry by entry).
desk_init
enrol 王值班 operator -
as_pin "$ADMIN_PIN" "$DUTYDESK" --operator "$ADMIN" config operator-pin optional 2>/dev/null ||
  fail "operator-pin optional"
add 来电 >/dev/null || fail "first entry"
for i in $(seq 30); do add "来电 $i" >/dev/null || fail "entry $i"; done
add 阳性 positive >/dev/null || fail "positive case"

# snapshot NAME: what has been written so far; same NAME: it is all still
# there (the whole log as CSV, plus its events), and check passes.
snapshot() {
  dd export log "$T/$1.csv" 2>/dev/null || fail "$1: export"
  q "SELECT count(*) FROM event" >"$T/$1.events"
}
same() {
  dd export log "$T/$1.now.csv" 2>/dev/null || fail "$1: export after"
  cmp -s "$T/$1.csv" "$T/$1.now.csv" || fail "$1: the log changed:
$(diff "$T/$1.csv" "$T/$1.now.csv" | head -5)"
  expect_eq "$1: events" "$(cat "$T/$1.events")" "$(q "SELECT count(*) FROM event")"
  expect_status 0 dd check
  expect_grep "log chain: ok" "$T/out"
}

# limited BLOCKS CMD...: run CMD with files limited to BLOCKS of 512 bytes and
# SIGXFSZ ignored, so that a write past it fails with EFBIG; its output goes
# through a pipe (the limit would stop it too), its status on the last line.
limited() {
  blocks=$1; shift
  ( trap '' XFSZ; ulimit -f "$blocks"; "$@" 2>&1; echo "status $?" ) | cat
}

# 1. A full disk, by the file size limit: no file may grow at all, then only
# a little past the log's write-ahead file, so that a commit fails halfway.
snapshot full
limited 0 "$DUTYDESK" log add --kind positive --summary 满盘 >"$T/lim"
expect_grep "status 1" "$T/lim"
expect_grep "cannot grow past the file size limit (ulimit -f); nothing was written" "$T/lim"
same full
ok=0 refused=0
for k in 0 4 16 32 64 128 256; do
  wal=$(stat -c %s "$DUTYDESK_DB-wal" 2>/dev/null || echo 0)
  limited $((wal / 512 + k)) "$DUTYDESK" log add --kind positive --summary "满盘 $k" >"$T/lim"
  if grep -q "^status 0" "$T/lim"; then
    ok=$((ok + 1))
    id=$(grep -E '^[0-9]+$' "$T/lim")
    expect_eq "full $k: entry #$id" "满盘 $k" "$(q "SELECT summary FROM entry WHERE id = '$id'")"
  else
    refused=$((refused + 1))
    expect_grep "status 1" "$T/lim"
    expect_grep "nothing was written" "$T/lim"
    expect_eq "full $k: no entry" "" "$(q "SELECT id FROM entry WHERE summary = '满盘 $k'")"
  fi
done
echo "file size limit: $refused commits refused, $ok fitted"
[ "$refused" -gt 0 ] || fail "no commit ran into the file size limit"
expect_status 0 dd check
add "限额之后" >/dev/null || fail "writing after the limit is lifted"

# A real full disk: a 1 MiB tmpfs in a private mount namespace, filled with
# entries until one is refused.
if unshare -rm true 2>/dev/null; then
  mkdir "$T/mnt"
  cat >"$T/full.sh" <<'EOF'
mount -t tmpfs -o size=1m tmpfs "$MNT" || exit 9
dd() { "$DUTYDESK" "$@"; }
dd backup "$MNT/d.db" 2>/dev/null || exit 8
export DUTYDESK_DB="$MNT/d.db"
before=$(dd log list --format csv | wc -l)
i=0 acked=0
while [ "$i" -lt 2000 ]; do
  i=$((i + 1))
  dd log add --kind positive --summary "满盘 $i" >/dev/null 2>"$T/enospc"
  rc=$?
  [ "$rc" -ne 0 ] && break
  acked=$((acked + 1))
done
echo "status $rc after $i: $(cat "$T/enospc")"
after=$(dd log list --format csv | wc -l)
echo "rows before $before acked $acked after $after"
dd check >/dev/null 2>&1; echo "check $?"
EOF
  T="$T" MNT="$T/mnt" unshare -rm sh "$T/full.sh" >"$T/tmpfs" 2>&1
  cat "$T/tmpfs"
  expect_grep "status 1 after" "$T/tmpfs"
  expect_grep "is full; nothing was written (free some space and try again)" "$T/tmpfs"
  read -r _ _ before _ acked _ after <<EOF2
$(grep '^rows before' "$T/tmpfs")
EOF2
  expect_eq "tmpfs: rows after a full disk" "$((before + acked))" "$after"
  expect_grep "check 0" "$T/tmpfs"
else
  echo "no user namespace here: the tmpfs case is left out"
fi

# 2. A read-only database: its files and directory not writable.  As root,
# permissions do not bind: run dutydesk as nobody then.
ro="$T/ro"
mkdir "$ro"
cp "$DUTYDESK_DB" "$DUTYDESK_DB-wal" "$DUTYDESK_DB-shm" "$ro/" 2>/dev/null
as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
  chmod 755 "$T"
fi
chmod 444 "$ro"/*
chmod 555 "$ro"
if as_user "$DUTYDESK" --version >/dev/null 2>&1; then
  snapshot ro
  cp "$ro/desk.db" "$T/ro-copy.db"
  expect_status 1 as_user "$DUTYDESK" --db "$ro/desk.db" log add --kind call --summary 只读
  expect_grep "is read-only (check the file's permissions and those of its directory)" "$T/err"
  expect_status 0 as_user "$DUTYDESK" --db "$ro/desk.db" log list --limit 1
  expect_grep "卫生院" "$T/out"
  cmp -s "$ro/desk.db" "$T/ro-copy.db" || fail "read-only: the file changed"
  # Only the database file, no write-ahead files, and they cannot be made.
  mkdir "$T/ro2"
  dd backup "$T/ro2/desk.db" 2>/dev/null || fail "backup for read-only"
  chmod 444 "$T/ro2/desk.db"
  chmod 555 "$T/ro2"
  expect_status 1 as_user "$DUTYDESK" --db "$T/ro2/desk.db" log add --kind call --summary 只读
  expect_grep "is read-only" "$T/err"
  expect_status 1 as_user "$DUTYDESK" --db "$T/ro2/desk.db" check
  expect_grep "is read-only" "$T/err"
  chmod 755 "$ro" "$T/ro2"
  chmod 644 "$ro"/* "$T/ro2/desk.db"
  expect_eq "read-only copy: rows" "$(dd log list --format csv | wc -l)" \
    "$(dd --db "$ro/desk.db" log list --format csv | wc -l)"
  same ro
else
  chmod 755 "$ro"
  echo "cannot run dutydesk as another user here: the read-only case is left out"
fi
chmod 700 "$T"

# 3. Locked: another program holds the write lock longer than the busy
# timeout (5 s).  The writer gives up with exit 5; readers go on.
snapshot locked
# (The holder waits for the lock itself, in case a probe below holds it.)
{ echo ".timeout 5000"; echo "BEGIN EXCLUSIVE;"; sleep 7; echo "ROLLBACK;"; } |
  sqlite3 -batch "$DUTYDESK_DB" >"$T/holder" 2>&1 &
holder=$!
i=0
while sleep 0.1 && q "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
do
  [ "$i" -lt 50 ] || { fail "locked: the lock was never taken: $(cat "$T/holder")"; break; }
  i=$((i + 1))
done
t0=$(date +%s)
expect_status 5 dd log add --kind call --summary 锁住
waited=$(($(date +%s) - t0))
expect_grep "is locked by another" "$T/err"
expect_grep "gave up after waiting (try again)" "$T/err"
[ "$waited" -ge 4 ] || fail "locked: gave up after ${waited} s, before the busy timeout"
expect_status 0 dd log list --limit 1
expect_grep "卫生院" "$T/out"
wait "$holder"
same locked
id=$(add "解锁之后") || fail "writing after the lock is released"
expect_eq "after the lock" "解锁之后" "$(q "SELECT summary FROM entry WHERE id = '$id'")"

# 4. A damaged file: garbage over pages in the middle.  check says so (exit
# 1); every command either works or says the file is damaged, and one that
# fails writes nothing.
long=$(printf '%0300d' 0 | sed 's/0/长摘要/g')
for i in $(seq 40); do add "$i $long" >/dev/null || fail "long entry $i"; done
snapshot corrupt
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$DUTYDESK_DB" "$T/good.db"
pages=$(($(stat -c %s "$DUTYDESK_DB") / 4096))
[ "$pages" -ge 40 ] || fail "corrupt: only $pages pages"
# Three pages of data from the middle of the file; not the schema's pages,
# whose damage makes the file unreadable as a whole (tested above).
data=$(q "SELECT pageno FROM dbstat WHERE name <> 'sqlite_schema' AND pageno > $((pages / 2))
          ORDER BY pageno LIMIT 3")
[ "$(echo "$data" | wc -w)" -eq 3 ] || fail "corrupt: no data pages past the middle"
for p in $data; do
  printf '\336\255\276\357%.0s' $(seq 1024) |
    command dd of="$DUTYDESK_DB" bs=4096 seek="$((p - 1))" count=1 conv=notrunc 2>/dev/null
done 2>/dev/null
cp "$DUTYDESK_DB" "$T/bad.db"
expect_status 1 dd check
expect_grep "database: FAILED" "$T/out"
expect_grep "is damaged" "$T/err"
for cmd in "log add --kind call --summary 坏了" "log list --search 长摘要" "export log -" \
           "log list --limit 3" "escalations" "mode"; do
  # shellcheck disable=SC2086
  dd $cmd >"$T/out" 2>"$T/err"
  rc=$?
  case $rc in
    0) ;;
    1) expect_grep "is damaged" "$T/err"
       cmp -s "$DUTYDESK_DB" "$T/bad.db" || fail "corrupt: '$cmd' failed but wrote" ;;
    *) fail "corrupt: '$cmd' exited $rc: $(cat "$T/err")" ;;
  esac
done
# Restored from the copy made before, it is all there.
cp "$T/good.db" "$DUTYDESK_DB"
rm -f "$DUTYDESK_DB-wal" "$DUTYDESK_DB-shm"
same corrupt

# 5. A file from a newer dutydesk: refused untouched, reading or writing.
snapshot newer
latest=$(q "PRAGMA user_version")
q "PRAGMA user_version = $((latest + 1))"
cp "$DUTYDESK_DB" "$T/newer.db"
expect_status 1 dd log add --kind call --summary 新版
expect_grep "was written by a newer dutydesk (schema $((latest + 1)); this one knows up to" "$T/err"
expect_grep "knows up to $latest)" "$T/err"
expect_grep "it was left untouched: upgrade dutydesk" "$T/err"
expect_status 1 dd log list
expect_grep "newer dutydesk" "$T/err"
expect_status 1 dd check
cmp -s "$DUTYDESK_DB" "$T/newer.db" || fail "newer: the file changed"
expect_eq "newer: schema kept" "$((latest + 1))" "$(q "PRAGMA user_version")"
q "PRAGMA user_version = $latest"
same newer
finish
