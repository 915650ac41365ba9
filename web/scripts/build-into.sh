#!/bin/sh
# Builds the web UI into the directory given as $1 (used by src/Mastro.Server/Mastro.Server.csproj, which
# embeds the result). Builds with different artifacts paths may run at once and share web/node_modules:
# one lock serialises installing and building.
#
# `npm install --no-save` rather than `npm ci`: it installs exactly the locked versions too, but tolerates a
# lock file without the other platforms' optional packages (rollup's and esbuild's native binaries), which is
# what a registry mirror serving only this platform produces.
set -eu
out=$1
cd "$(dirname "$0")/.."
exec 9>node_modules.lock
flock 9
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error
  # npm leaves its record untouched when nothing changed; mark this install as the one matching the lock.
  touch node_modules/.package-lock.json
fi
npm run --silent build -- --outDir "$out" --emptyOutDir --logLevel warn
