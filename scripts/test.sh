#!/usr/bin/env bash
# npm test: make sure PostgreSQL and Redis answer, then run every test tier.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh
exec node --experimental-vm-modules node_modules/jest/bin/jest.js "$@"
