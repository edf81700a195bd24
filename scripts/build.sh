#!/usr/bin/env bash
# npm run build: compile into a fresh directory, then swap it in, so that processes starting
# from dist/ while a build runs (npm start during the tests, say) never see it half written.
set -euo pipefail
cd "$(dirname "$0")/.."
next="dist.next.$$"
trap 'rm -rf "$next"' EXIT
swc apps libs bench examples scripts --out-dir "$next" --quiet --ignore '**/*.spec.ts'
if [ -d dist ]; then
  mv dist "dist.old.$$"
  mv "$next" dist
  rm -rf "dist.old.$$"
else
  mv "$next" dist
fi
