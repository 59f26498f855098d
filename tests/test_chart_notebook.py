"""Every chart as a notebook shows it (JupyterLab, Binder, a downloaded student notebook):
the plotly figure with its title, subtitle, key and source drawn inside it
(:meth:`tipline.charts.Chart.figure_with_caption`), drawn by the site's own plotly.js in
Chromium at the widths a notebook's output area has, and measured as the book's pages are
(``test_chart_layout``): no two text labels overlap and none sticks out of the figure.
"""

from __future__ import annotations

import json

import plotly.io as pio
import pytest
from test_chart_layout import text_problems
from test_chart_meanings import chart_functions

from tipline.paths import STATIC_DIR

pytestmark = pytest.mark.browser

WIDTHS = (700, 980)  # px: a notebook's output area on a laptop and on a wide screen

_DRAW = """async ([specs, width]) => {
  const out = [];
  for (const [name, spec] of Object.entries(specs)) {
    const div = document.createElement('div');
    div.style.width = width + 'px';
    document.body.appendChild(div);
    spec.layout.width = width;
    await Plotly.newPlot(div, spec.data, spec.layout, {staticPlot: true});
    const svg = div.querySelector('.main-svg').getBoundingClientRect();
    const texts = [...div.querySelectorAll('svg text')]
      .filter(t => t.textContent.trim())
      .map(t => { const r = t.getBoundingClientRect();
        return {text: t.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })
      .filter(r => r.x1 - r.x0 > 0 && r.y1 - r.y0 > 0);
    out.push({name, box: {x0: svg.left, y0: svg.top, x1: svg.right, y1: svg.bottom}, texts});
    div.remove();
  }
  return out;
}"""


@pytest.fixture(scope="module")
def drawn(browser):
    specs = {
        name: json.loads(pio.to_json(fn().figure_with_caption(), validate=False))
        for name, fn in chart_functions().items()
    }
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_content("<!doctype html><html><body style='margin:0'></body></html>")
    page.add_script_tag(path=str(STATIC_DIR / "vendor" / "plotly-tipline.min.js"))
    results = {w: page.evaluate(_DRAW, [specs, w]) for w in WIDTHS}
    page.close()
    return results


@pytest.mark.parametrize("width", WIDTHS)
def test_notebook_charts_keep_their_words_apart_and_inside(drawn, width):
    found = []
    for chart in drawn[width]:
        assert any(t["text"].startswith("Source:") for t in chart["texts"]), chart["name"]
        found += text_problems(chart["name"], chart["texts"], chart["box"])
    assert not found, "\n".join(found)


def test_every_chart_is_drawn(drawn):
    assert len(drawn[WIDTHS[0]]) == len(chart_functions()) >= 15
