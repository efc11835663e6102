#!/usr/bin/env bash
# Runs a command with a throwaway MariaDB server: `bash .ci/mariadb.sh <command> [args…]`.
#
# Installs MariaDB from the distribution's packages when no `mariadbd` is found, initialises a
# data directory in a temporary directory with `mariadb-install-db` (owned by the `mysql` user
# when run as root), starts `mariadbd` on a free loopback port with its socket and pid file in
# that directory, creates a database `ledger` and a user `ledger` without password, runs the
# command with MYSQL_URL set, and stops the server and removes the directory whatever happens,
# the command's failure included. Exits with the command's status.
#
# With MYSQL_URL already set, it starts nothing and runs the command against that server.
# The server runs without durable flushes (it is thrown away).
set -euo pipefail

if [ -n "${MYSQL_URL:-}" ]; then
  exec "$@"
fi

find_bin() {
  local name found
  for name in "$@"; do
    if found=$(command -v "$name" 2>/dev/null); then
      echo "$found"
      return
    fi
    for found in /usr/sbin/"$name" /usr/bin/"$name"; do
      if [ -x "$found" ]; then
        echo "$found"
        return
      fi
    done
  done
  return 1
}

if ! find_bin mariadbd >/dev/null || ! find_bin mariadb-install-db >/dev/null; then
  echo "mariadb.sh: installing MariaDB from the distribution's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The package's own service is not wanted: this script runs its own server.
  apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >/dev/null
fi
mariadbd=$(find_bin mariadbd mysqld)
install_db=$(find_bin mariadb-install-db mysql_install_db)
client=$(find_bin mariadb mysql)
admin=$(find_bin mariadb-admin mysqladmin)

# A free loopback port: MARIADB_PORT_CI, or the first from 53306 on where nothing listens.
port=${MARIADB_PORT_CI:-53306}
if [ -z "${MARIADB_PORT_CI:-}" ]; then
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
fi
dir=$(mktemp -d /tmp/clerk-webhooks-mariadb.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/data" "$dir/run"

if [ "$(id -u)" = 0 ]; then
  id mysql >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /usr/sbin/nologin mysql
  chown -R mysql "$dir/data" "$dir/run"
  db_user=mysql
else
  db_user=$(id -un)
fi

server_pid=
stop() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    "$admin" --no-defaults --socket="$dir/run/mariadb.sock" -u root shutdown >/dev/null 2>&1 \
      || kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
  exit "$rc"
}
trap stop EXIT INT TERM

"$install_db" --no-defaults --user="$db_user" --datadir="$dir/data" --auth-root-authentication-method=normal \
  --skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }

"$mariadbd" --no-defaults --user="$db_user" --datadir="$dir/data" \
  --socket="$dir/run/mariadb.sock" --pid-file="$dir/run/mariadb.pid" \
  --bind-address=127.0.0.1 --port="$port" --skip-name-resolve \
  --max-connections=300 --innodb-flush-log-at-trx-commit=0 --sync-binlog=0 \
  --log-error="$dir/run/server.log" 2>>"$dir/run/stderr.log" &
server_pid=$!

for _ in $(seq 1 300); do
  if "$admin" --no-defaults --socket="$dir/run/mariadb.sock" -u root ping >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$dir/run/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
"$admin" --no-defaults --socket="$dir/run/mariadb.sock" -u root ping >/dev/null 2>&1 \
  || { echo "mariadb.sh: the server did not start" >&2; cat "$dir/run/server.log" >&2; exit 1; }

"$client" --no-defaults --socket="$dir/run/mariadb.sock" -u root <<'SQL'
CREATE DATABASE ledger;
CREATE USER 'ledger'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'ledger'@'127.0.0.1';
SQL

export MYSQL_URL="mysql://ledger@127.0.0.1:$port/ledger"
echo "mariadb.sh: $("$mariadbd" --version | head -n 1) on 127.0.0.1:$port" >&2
set +e
"$@"
rc=$?
set -e
exit "$rc"
