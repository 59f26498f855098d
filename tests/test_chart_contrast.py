"""The words around every chart read in both colour modes: subtitle, key, source line,
download links and the text alternative reach WCAG AA contrast (4.5:1) against what is
actually behind them, measured in Chromium with the theme's light and dark modes."""

from __future__ import annotations

import pytest
from browsing import built_pages_with

pytestmark = pytest.mark.browser

AA = 4.5
SELECTORS = (
    ".tipline-figure__title",
    ".tipline-figure__subtitle",
    ".tipline-key__item span",
    ".tipline-source",
    ".tipline-source a",
    "details.tipline-alt summary",
    "details.tipline-alt p",
)


#: Contrast of each element's text against the first opaque background behind it.
_CONTRAST = """selectors => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (let n = el; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll('figure.tipline-figure ' + sel)) {
      const fg = lum(rgb(getComputedStyle(el).color).slice(0, 3));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      out.push({sel, ratio, text: el.textContent.trim().slice(0, 40)});
    }
  }
  return out;
}"""


def contrasts(browser, server, rel: str, mode: str) -> list[dict]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    # the theme reads the reader's choice from localStorage before it draws the page
    page.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page.goto(f"{server.base}/{rel}", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    found = page.evaluate(_CONTRAST, list(SELECTORS))
    context.close()
    return found


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("rel", built_pages_with('class="tipline-figure"'))
def test_words_around_charts_reach_aa_contrast(browser, server, rel, mode):
    found = contrasts(browser, server, rel, mode)
    assert found, f"{rel}: no chart text measured"
    low = [f"{f['sel']} {f['ratio']:.2f}:1 ({f['text']!r})" for f in found if f["ratio"] < AA]
    assert not low, f"{rel} in {mode} mode: " + "; ".join(low[:6])
