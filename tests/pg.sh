# pg.sh — a PostgreSQL 15 server of the test's own, for the county's tests.
#
# Sourced by a command-line test after lib.sh (T set): initdb and pg_ctl in
# a temporary directory, the server listening on a Unix socket there and on
# no TCP port, run as an unprivileged user when the test runs as root
# (PostgreSQL refuses root); stopped, and its directory removed, on exit.
# Gives PGDIR (the socket's directory), PGSU (its superuser) and pg_sql
# (psql as the superuser: pg_sql DB SQL...).  Without PostgreSQL 15 the
# test is skipped (77).
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  echo "PostgreSQL 15 is not installed (Debian: postgresql-15; scripts/install-deps --test)"
  exit 77
fi
PGSU=county
PGDIR=$(mktemp -d /tmp/ddpg.XXXXXX)
pg_as=""
if [ "$(id -u)" = 0 ]; then
  pg_user=nobody
  chown "$pg_user" "$PGDIR"
  pg_as="setpriv --reuid=$pg_user --regid=$(id -g "$pg_user") --clear-groups --reset-env"
fi
chmod 755 "$PGDIR"

pg_stop() {
  [ -f "$PGDIR/data/postmaster.pid" ] &&
    $pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PGDIR"
}
# A test stopped by a signal (meson's timeout) stops its server too.
trap 'exit 143' TERM INT HUP
# After the server, what the test's own library cleans up (tui/lib.sh: cleanup).
if command -v cleanup >/dev/null 2>&1; then
  trap 'pg_stop; cleanup' EXIT
else
  trap 'pg_stop; rm -rf "$T"' EXIT
fi

# Trust on the socket, but for the role pwtown, which must give its password.
(cd "$PGDIR" && $pg_as "$PGBIN/initdb" -D "$PGDIR/data" -U "$PGSU" --auth=trust \
  -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1) ||
  { echo "initdb failed:"; cat "$PGDIR/initdb.log"; exit 1; }
printf 'local all pwtown scram-sha-256\nlocal all all trust\n' | $pg_as sh -c "cat >'$PGDIR/data/pg_hba.conf'"
(cd "$PGDIR" && $pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-k $PGDIR -c listen_addresses= -c fsync=off -c synchronous_commit=off" start \
  >/dev/null 2>&1) || { echo "the PostgreSQL server did not start:"; cat "$PGDIR/server.log"; exit 1; }

# pg_sql DB SQL...: psql as the superuser, quiet, unaligned, tuples only.
pg_sql() {
  pgdb=$1; shift
  "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PGDIR" -U "$PGSU" -d "$pgdb" "$@"
}
# pg_url DB [USER]: the connection string of a database on this server.
pg_url() { printf 'host=%s dbname=%s user=%s' "$PGDIR" "$1" "${2:-$PGSU}"; }
