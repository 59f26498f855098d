"""The site's plotly.js bundles carry no attribute documentation (only Plotly.PlotSchema reads
it): tools/strip_plotly_descriptions.py drops it when tools/build_plotly_bundle.sh runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tipline.paths import STATIC_DIR

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = ("plotly-tipline.min.js",)


def _stripper():
    path = ROOT / "tools" / "strip_plotly_descriptions.py"
    spec = importlib.util.spec_from_file_location("strip_plotly_descriptions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_literal_descriptions_are_emptied_and_computed_ones_kept():
    strip = _stripper().strip
    source = (
        'a={valType:"number",description:"Sets the \\"x\\" gap.",dflt:1},'
        'b={description:["Sets","the y gap."].join(" ")},'
        'c={description:[d.description,"more"].join(" ")},e.description||""'
    )
    out = strip(source)
    assert 'a={valType:"number",description:"",dflt:1}' in out
    assert 'b={description:""}' in out
    assert 'c={description:[d.description,"more"].join(" ")}' in out
    assert strip(out) == out


def test_committed_bundles_are_stripped():
    strip = _stripper().strip
    for name in BUNDLES:
        path = STATIC_DIR / "vendor" / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            assert strip(text) == text, f"{name}: run tools/build_plotly_bundle.sh"
