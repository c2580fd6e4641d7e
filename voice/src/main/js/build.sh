#!/bin/sh
# Bundles the softphone (softphone.js and the Twilio Voice SDK) into one file, $1, for the voice module's jar.
# Without npm on the PATH it only says so: the build goes on and the phone page tells that it needs npm.
# The packages come from the npm registry at the versions package-lock.json holds; Node itself is never downloaded.
set -eu
out="$1"
if ! command -v npm >/dev/null 2>&1; then
  echo "[softphone] npm is not on the PATH: the softphone bundle is not built (the phone page will say so)"
  rm -f "$out"
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # --ignore-scripts: nothing from the registry runs at install; esbuild's binary comes as an optional package.
  # Without the registry (offline, no npm cache) the build goes on without the phone, as without npm; CI's browser
  # test requires the bundle, so there this cannot pass unseen.
  if ! npm ci --ignore-scripts --no-audit --no-fund --prefer-offline; then
    echo "[softphone] WARNING: npm ci failed (no registry?): the softphone bundle is not built"
    rm -f "$out"
    exit 0
  fi
fi
mkdir -p "$(dirname "$out")"
npx --no-install esbuild softphone.js --bundle --minify --format=iife --target=es2020 --log-level=warning \
  --outfile="$out"
echo "[softphone] bundled $(wc -c < "$out") bytes into $out"
