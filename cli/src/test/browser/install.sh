#!/bin/sh
# Installs the pinned npm packages of this folder (package.json + package-lock.json: playwright-core)
# and the browser test script into DIR with `npm ci`; the cli build runs it at
# generate-test-resources with DIR = cli/target/browser. playwright-core downloads no browser: the
# test drives Debian's chromium (bin/test installs it).
# Skips the install when DIR already holds this exact lock file's packages. It does not fail the
# build: when npm is missing or the install fails, it writes DIR/INSTALL-FAILED.txt with the reason
# and the fix, and DashboardBrowserIT fails with that text.
#   usage: install.sh DIR
set -u
src=$(cd "$(dirname "$0")" && pwd)
dir=$1
mkdir -p "$dir"
rm -f "$dir/INSTALL-FAILED.txt"
cp "$src/package.json" "$src/package-lock.json" "$src"/*.mjs "$dir/"
if cmp -s "$src/package-lock.json" "$dir/node_modules/.kubeherd-installed-lock"; then
  exit 0
fi
fail() {
  {
    echo "$1"
    echo "Fix: install Node.js 20+ and npm (Debian: apt-get install -y nodejs npm) with access to"
    echo "the npm registry, then rebuild: bin/build verify -pl cli -am (bin/test does both)."
  } >"$dir/INSTALL-FAILED.txt"
  echo "WARNING: $1; DashboardBrowserIT will fail" >&2
  exit 0
}
command -v npm >/dev/null 2>&1 || fail "npm is not on the PATH"
command -v node >/dev/null 2>&1 || fail "node is not on the PATH"
(cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) ||
  fail "npm ci in $dir failed (its output is above in the build log)"
cp "$src/package-lock.json" "$dir/node_modules/.kubeherd-installed-lock"
