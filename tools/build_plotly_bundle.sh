#!/usr/bin/env bash
# Rebuild the partial plotly.js bundle the site serves (tipline/static/vendor/plotly-tipline.min.js).
#
# The book needs only three trace types (scatter, bar, sankey); plotly's full bundle is
# 4.8 MB (1.4 MB gzipped), this one about a quarter of that. The plotly.js version must match
# the one the Python `plotly` package bundles, so figures built in Python draw the same here:
# tests/test_assets.py checks the banner below against plotly's own copy.
#
# Needs Node.js and npm (registry access); run it only when plotly is upgraded. The built
# file is committed, so building the book needs neither Node nor the network.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version=$("$here/.venv/bin/python" - <<'PY'
import re, plotly, pathlib
src = (pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()[:200]
print(re.search(r"plotly\.js v(\d+\.\d+\.\d+)", src).group(1))
PY
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund "plotly.js@$version" esbuild@0.25 >/dev/null
cat > entry.js <<'JS'
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/sankey')]);
module.exports = Plotly;
JS
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
  --define:global=window --define:define.amd=false --legal-comments=none \
  --banner:js="/* plotly.js v$version partial bundle (scatter, bar, sankey) for tipline. MIT licence, (c) Plotly, Inc. Built by tools/build_plotly_bundle.sh */" \
  --outfile=plotly-tipline.min.js >/dev/null
cp plotly-tipline.min.js "$here/tipline/static/vendor/plotly-tipline.min.js"
cp node_modules/plotly.js/LICENSE "$here/tipline/static/vendor/plotly-LICENSE.txt"
echo "wrote tipline/static/vendor/plotly-tipline.min.js (plotly.js v$version)"
