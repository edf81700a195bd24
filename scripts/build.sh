#!/usr/bin/env bash
# npm run build: compile into a fresh directory, then swap it in, so that processes starting
# from dist/ while a build runs (npm start during the tests, say) never see it half written.
# Nothing is compiled or swapped when no source changed since the last build: a process that is
# still loading from dist/ must not find it moved away by a build that changes nothing. Builds
# that finish together take turns at the swap.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=(apps libs bench examples scripts package.json .swcrc)
stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find "${sources[@]}" -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
next="dist.next.$$"
trap 'rm -rf "$next"' EXIT
mkdir -p "$next"
# Stamped before compiling: a source saved during the build is newer, and the next build runs.
touch "$next/.build-stamp"
swc apps libs bench examples scripts --out-dir "$next" --quiet --ignore '**/*.spec.ts'
if command -v flock >/dev/null; then
  exec 9>"${TMPDIR:-/tmp}/assay-build-$(pwd | cksum | cut -d' ' -f1).lock"
  flock 9
fi
if [ -d dist ]; then
  mv dist "dist.old.$$"
  mv "$next" dist
  rm -rf "dist.old.$$"
else
  mv "$next" dist
fi
