#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that the tests use answer on loopback.
# On Debian as root it installs and starts whatever is missing (idempotent: when both
# already answer it only checks). Elsewhere it checks and explains what to start.
set -euo pipefail

PG_PORT=5432
REDIS_PORT=6379
TEST_ROLE=assay
TEST_PASSWORD=assay

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    answers "$port" && return 0
    sleep 0.5
  done
  echo "$name did not start on 127.0.0.1:$port" >&2
  return 1
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

if [ -n "${TEST_DATABASE_URL:-}${TEST_REDIS_URL:-}" ]; then
  echo "Using TEST_DATABASE_URL / TEST_REDIS_URL as given; not touching local services."
  exit 0
fi

if answers $PG_PORT && answers $REDIS_PORT && ! can_install; then
  exit 0
fi

if ! can_install; then
  cat >&2 <<MSG
The tests need PostgreSQL on 127.0.0.1:$PG_PORT (role $TEST_ROLE, password $TEST_PASSWORD, CREATEDB CREATEROLE)
and Redis on 127.0.0.1:$REDIS_PORT. Start them with \`docker compose up -d postgres redis\`,
or point TEST_DATABASE_URL and TEST_REDIS_URL at your own servers.
MSG
  exit 1
fi

missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! answers $PG_PORT; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for PostgreSQL $PG_PORT
fi

if ! answers $REDIS_PORT; then
  redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --dir /tmp \
    --save '' --appendonly no --maxmemory-policy noeviction >/dev/null
  wait_for Redis $REDIS_PORT
fi

# The role the tests connect as: password authentication over TCP, allowed to create databases
# and the roles that row-level security switches to (assay_app, assay_system).
if command -v psql >/dev/null && id postgres >/dev/null 2>&1; then
  attributes=$(su postgres -c "psql -p $PG_PORT -tAc \"SELECT rolcreatedb AND rolcreaterole FROM pg_roles WHERE rolname = '$TEST_ROLE'\"")
  if [ -z "$attributes" ]; then
    su postgres -c "psql -p $PG_PORT -qc \"CREATE ROLE $TEST_ROLE LOGIN PASSWORD '$TEST_PASSWORD' CREATEDB CREATEROLE\""
  elif [ "$attributes" != t ]; then
    su postgres -c "psql -p $PG_PORT -qc \"ALTER ROLE $TEST_ROLE CREATEDB CREATEROLE\""
  fi
fi
