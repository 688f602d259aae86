#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: installs PostgreSQL from Debian when missing,
# creates a cluster in a temporary folder, starts it on a free loopback port and, when done,
# stops it and removes the folder. The server never runs as root: as root, the cluster belongs
# to Debian's `postgres` user (or a dedicated system user created for it).
#
#   scripts/pg.sh run -- COMMAND...   start, run COMMAND with VENUE_AUDIT_TEST_POSTGRES (the
#                                     URL, without password) and PGPASSFILE set, stop; exits
#                                     with COMMAND's status
#   scripts/pg.sh start               start; print the two variables as shell assignments
#   scripts/pg.sh stop DIR            stop the server whose folder is DIR and remove it
#
# The password is random, written only to the folder's password file (mode 600), never printed.
set -euo pipefail

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

install_if_missing() {
  if [ -z "$(bindir || true)" ]; then
    echo "pg.sh: installing PostgreSQL from Debian" >&2
    $SUDO apt-get update -q >&2
    # Only the server binaries: no default cluster started by the package's scripts.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql-common >&2
    $SUDO sh -c 'mkdir -p /etc/postgresql-common/createcluster.d && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/no-main.conf'
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql >&2
  fi
  [ -n "$(bindir || true)" ] || { echo "pg.sh: error: no PostgreSQL server binaries after installing" >&2; exit 2; }
}

# Who runs the server, and how to run a command as them.
as_server_user() {
  if [ "$(id -u)" != 0 ]; then
    "$@"
  else
    if ! id -u postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    runuser -u postgres -- "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  install_if_missing
  local bin dir port password
  bin=$(bindir)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/venue-audit-pg.XXXXXX")
  chmod 711 "$dir"
  mkdir -p "$dir/data" "$dir/socket"
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then
    as_server_user true
    chown postgres "$dir/data" "$dir/socket" "$dir/pwfile"
  fi
  chmod 600 "$dir/pwfile"
  as_server_user "$bin/initdb" -D "$dir/data" -U venue_audit --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 2; }
  rm -f "$dir/pwfile"
  for attempt in 1 2 3; do
    port=$(free_port)
    if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c max_connections=50" >/dev/null; then
      break
    fi
    [ "$attempt" = 3 ] && { cat "$dir/data/server.log" >&2; rm -rf "$dir"; exit 2; }
  done
  # host:port:database:user:password, for the client (the tool reads PGPASSFILE like libpq).
  ( umask 077; printf '127.0.0.1:%s:*:venue_audit:%s\n' "$port" "$password" > "$dir/pgpass" )
  echo "VENUE_AUDIT_TEST_POSTGRES=postgres://venue_audit@127.0.0.1:$port/postgres"
  echo "PGPASSFILE=$dir/pgpass"
  echo "VENUE_AUDIT_PG_DIR=$dir"
}

stop() {
  local dir=$1
  case "$dir" in "${TMPDIR:-/tmp}"/venue-audit-pg.*) ;; *) echo "pg.sh: error: $dir is not a folder pg.sh made" >&2; exit 2;; esac
  [ -d "$dir/data" ] && as_server_user "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?pg.sh stop DIR}" ;;
  run)
    shift
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || { echo "usage: scripts/pg.sh run -- COMMAND..." >&2; exit 2; }
    vars=$(start)
    dir=$(printf '%s\n' "$vars" | sed -n 's/^VENUE_AUDIT_PG_DIR=//p')
    trap 'stop "$dir"' EXIT INT TERM
    url=$(printf '%s\n' "$vars" | sed -n 's/^VENUE_AUDIT_TEST_POSTGRES=//p')
    echo "pg.sh: PostgreSQL at $url (folder $dir)" >&2
    status=0
    VENUE_AUDIT_TEST_POSTGRES="$url" PGPASSFILE="$dir/pgpass" "$@" || status=$?
    exit "$status"
    ;;
  *) echo "usage: scripts/pg.sh run -- COMMAND... | start | stop DIR" >&2; exit 2 ;;
esac
