#!/usr/bin/env bash
# Refresh the axe-core copy the browser tests inject (tests/vendor/axe.min.js).
# axe-playwright-python bundles an older axe-core that misses some rules (e.g. it does not
# report the theme's label-content-name-mismatch); the tests use the newest release instead.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund "axe-core@${1:-latest}" >/dev/null
cp node_modules/axe-core/axe.min.js "$here/tests/vendor/axe.min.js"
cp node_modules/axe-core/LICENSE "$here/tests/vendor/axe-core-LICENSE.txt"
head -c 40 "$here/tests/vendor/axe.min.js"; echo
