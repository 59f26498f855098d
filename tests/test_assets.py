"""The scripts the site serves are the ones the Python side expects."""

import re
from pathlib import Path

import plotly

from tipline.paths import STATIC_DIR


def _version(js_head: str) -> str:
    return re.search(r"plotly\.js v(\d+\.\d+\.\d+)", js_head).group(1)


def test_partial_plotly_bundle_matches_pythons_plotly_js():
    ours = (STATIC_DIR / "vendor" / "plotly-tipline.min.js").read_text()[:300]
    theirs = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()[:300]
    assert _version(ours) == _version(theirs), "rebuild with tools/build_plotly_bundle.sh"


def test_partial_bundle_is_much_lighter_than_the_full_one():
    ours = (STATIC_DIR / "vendor" / "plotly-tipline.min.js").stat().st_size
    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").stat().st_size
    assert ours < full / 3


def test_bundle_does_not_register_with_requirejs():
    # An anonymous define() beside RequireJS throws "mismatched anonymous define()".
    text = (STATIC_DIR / "vendor" / "plotly-tipline.min.js").read_text()
    assert "define.amd" not in text
