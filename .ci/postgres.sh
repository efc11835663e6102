#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: `bash .ci/postgres.sh <command> [args…]`.
#
# Installs PostgreSQL from the distribution's packages when no `initdb` is found, initialises a
# cluster in a temporary directory as a non-root user (the `postgres` user when run as root),
# starts it on a loopback port, runs the command with DATABASE_URL set, and stops the server
# and removes the directory whatever happens, the command's failure included. Exits with the
# command's status.
#
# With DATABASE_URL already set, it starts nothing and runs the command against that server.
# The cluster runs with fsync off (it is thrown away); PG_FSYNC=on measures with durable commits.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

find_bin() {
  local name=$1 found
  if found=$(command -v "$name" 2>/dev/null); then
    echo "$found"
    return
  fi
  found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && echo "$found"
}

if ! find_bin initdb >/dev/null; then
  echo "postgres.sh: installing PostgreSQL from the distribution's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)

port=${PGPORT_CI:-55432}
dir=$(mktemp -d /tmp/clerk-webhooks-pg.XXXXXX)
chmod 755 "$dir"

if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
  chown postgres "$dir"
  as_db_user() { runuser -u postgres -- "$@"; }
  db_user=postgres
else
  as_db_user() { "$@"; }
  db_user=$(id -un)
fi

stop() {
  local rc=$?
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_db_user "$pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$rc"
}
trap stop EXIT INT TERM

as_db_user "$initdb" -D "$dir/data" -U "$db_user" --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_db_user "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=${PG_FSYNC:-off} -c max_connections=200" \
  >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://$db_user@127.0.0.1:$port/postgres"
echo "postgres.sh: $("$initdb" --version) on 127.0.0.1:$port" >&2
set +e
"$@"
rc=$?
set -e
exit "$rc"
