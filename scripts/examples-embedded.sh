#!/usr/bin/env bash
# The example journeys against a fresh embedded `npm start`, as a newcomer would run them: no
# DATABASE_URL or REDIS_URL (PGlite, jobs in process, emails as .eml files), a new data directory,
# sign-up on. Stops the server (its whole process group) however the examples end.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir="$(mktemp -d "${TMPDIR:-/tmp}/assay-examples.XXXXXX")"
port="$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
server=""

stop() {
  local status=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$data_dir/server.log" ]; then
    echo "--- the last lines npm start wrote ---" >&2
    tail -n 40 "$data_dir/server.log" >&2
  fi
  rm -rf "$data_dir"
  exit "$status"
}
trap stop EXIT

# setsid: the server gets a process group of its own (npm, node and anything they start).
env -u DATABASE_URL -u REDIS_URL -u QUEUE_BACKEND -u SMTP_URL -u PUBLIC_URL \
  ASSAY_ENV_FILE=/dev/null ASSAY_DATA_DIR="$data_dir" PORT="$port" HOST=127.0.0.1 \
  SIGNUP_ENABLED=true LOG_LEVEL=warn SHUTDOWN_TIMEOUT_MS=5000 \
  setsid npm start --silent >"$data_dir/server.log" 2>&1 &
server=$!

# Building, starting PGlite and migrating a new database take a while on a slow machine.
deadline=$((SECONDS + 180))
until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
  "http://127.0.0.1:$port/health/ready"; do
  kill -0 "$server" 2>/dev/null || { echo "npm start exited before it was ready" >&2; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "npm start was not ready within 180 s" >&2; exit 1; }
  sleep 0.2
done

node --enable-source-maps dist/examples/run.js "http://127.0.0.1:$port/graphql" --data-dir "$data_dir"
