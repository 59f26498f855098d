#!/usr/bin/env bash
# Rebuild the partial plotly.js bundle the site serves (tipline/static/vendor/):
#
#   plotly-tipline.min.js         scatter and bar: every chart page (the flow of reports is
#                                 HTML, tipline.explorer.flow_html; no page draws a Sankey)
#
# plotly's full bundle is 4.8 MB (1.4 MB gzipped). The bundle here starts from plotly.js's
# own core (src/core.js) but registers only the trace types and components the book's
# figures use (annotations, shapes for reference lines, legend, hover, colour bars and error
# bars that scatter needs, the mode bar that plotting expects even when hidden): no update
# menus, sliders, range sliders or selectors, images or selections; and without the attribute
# descriptions only Plotly.PlotSchema reads (tools/strip_plotly_descriptions.py, a tenth of
# the bytes). tipline/sphinxext.py stops the build if a figure names a trace type the
# bundle leaves out. The plotly.js
# version must match the one the Python `plotly` package bundles, so figures built in
# Python draw the same here: tests/test_assets.py checks the banners against plotly's copy.
#
# Needs Node.js and npm (registry access); run it only when plotly is upgraded or a figure
# needs another trace type or component. The built files are committed, so building the
# book needs neither Node nor the network.
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
echo "installing plotly.js@$version and esbuild ..."
npm install --no-audit --no-fund "plotly.js@$version" esbuild@0.25 >/dev/null

# plotly.js's src/core.js with only the components the figures use.
core() {
  cat <<'JS'
exports.version = require('plotly.js/src/version').version;
require('native-promise-only');
require('plotly.js/build/plotcss');
var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;
var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== '_') exports[name] = plotApi[name];
  register({moduleType: 'apiMethod', name: name, fn: plotApi[name]});
});
register(require('plotly.js/src/traces/scatter'));
register([
  require('plotly.js/src/components/annotations'),
  require('plotly.js/src/components/shapes'),
  require('plotly.js/src/components/errorbars'),
  require('plotly.js/src/components/colorscale'),
  require('plotly.js/src/components/colorbar'),
  require('plotly.js/src/components/legend'),
  require('plotly.js/src/components/fx'),
  require('plotly.js/src/components/modebar')
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
exports.Plots = {resize: require('plotly.js/src/plots/plots').resize};
JS
}

bundle() {  # bundle NAME "TRACES (for the banner)" MODULE...
  local name=$1 traces=$2
  shift 2
  { core; for m in "$@"; do echo "register(require('plotly.js/lib/$m'));"; done; } > "$name.entry.js"
  npx esbuild "$name.entry.js" --bundle --minify --format=iife --global-name=Plotly \
    --target=es2016 --define:global=window --define:define.amd=false --legal-comments=none \
    --banner:js="/* plotly.js v$version partial bundle ($traces) for tipline. MIT licence, (c) Plotly, Inc. Built by tools/build_plotly_bundle.sh */" \
    --outfile="$name" --log-level=warning
  "$here/.venv/bin/python" "$here/tools/strip_plotly_descriptions.py" "$name" >/dev/null
  cp "$name" "$here/tipline/static/vendor/$name"
  echo "wrote tipline/static/vendor/$name ($traces; $(wc -c < "$name") bytes, $(gzip -6 -c "$name" | wc -c) gzip)"
}
bundle plotly-tipline.min.js "scatter, bar" bar
cp node_modules/plotly.js/LICENSE "$here/tipline/static/vendor/plotly-LICENSE.txt"
