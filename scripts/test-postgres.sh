#!/usr/bin/env bash
# Starts the throw-away PostgreSQL cluster of one test run (fsync off) and prints its connection string.
# Usage: scripts/test-postgres.sh start DIR   |   scripts/test-postgres.sh stop DIR
set -euo pipefail
action=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql-15" >&2; exit 1; }
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_server "$bin/initdb" -D "$dir/pgdata" -U onestop --auth=trust -E UTF8 --locale C.UTF-8 --no-instructions >/dev/null
    as_server "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=onestop;Database=postgres"
    ;;
  stop)
    as_server "$bin/pg_ctl" -D "$dir/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
