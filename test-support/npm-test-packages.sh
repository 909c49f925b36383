#!/bin/sh
# Installs the pinned npm packages of a test folder (package.json + package-lock.json, plus its
# *.mjs scripts) into DIR with `npm ci`. The cli (browser test: playwright-core, which downloads no
# browser; bin/test installs Debian's chromium) and gateway (@octokit webhook fixtures) builds run
# it at generate-test-resources.
# Skips the install when DIR already holds this exact lock file's packages. It does not fail the
# build: when npm is missing or the install fails, it writes DIR/INSTALL-FAILED.txt with the reason
# and the fix, and the tests that need the packages fail with that text (others still run).
#   usage: npm-test-packages.sh SRC DIR MODULE WHAT-FAILS
set -u
src=$(cd "$1" && pwd)
dir=$2
module=$3
needs=$4
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
    echo "the npm registry, then rebuild: bin/build verify -pl $module -am (bin/test does both)."
  } >"$dir/INSTALL-FAILED.txt"
  echo "WARNING: $1; $needs will fail" >&2
  exit 0
}
command -v npm >/dev/null 2>&1 || fail "npm is not on the PATH"
command -v node >/dev/null 2>&1 || fail "node is not on the PATH"
(cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) ||
  fail "npm ci in $dir failed (its output is above in the build log)"
cp "$src/package-lock.json" "$dir/node_modules/.kubeherd-installed-lock"
