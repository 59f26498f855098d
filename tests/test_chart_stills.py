"""Chart stills (tipline/chart_stills.py) without a browser: which charts a page holds, the
cache key, the picture written into each holder, and a build without Chromium."""

from __future__ import annotations

import hashlib
import re

import pytest

from tipline.chart_stills import (
    Still,
    insert_stills,
    page_figures,
    picture_html,
    render_stills,
    still_key,
    strip_stills,
    svg_size,
)
from tipline.share_cards import key_figure


def figure(fid: str, spec: str = '{"data":[],"layout":{}}') -> str:
    return (
        f'<figure class="tipline-figure" id="{fid}"><div class="tipline-figure__main">'
        f'<p class="tipline-figure__title">T</p><div class="tipline-plot" role="img" '
        f'aria-label="words" style="--height:420px"></div>'
        f'<script type="application/json" class="tipline-plot-data">{spec}</script>'
        f"</div></figure>"
    )


PAGE = (
    '<html><head><link rel="stylesheet" type="text/css" href="../_static/site-1.css" />'
    '<script defer src="../_static/a.js?v=1"></script></head><body>'
    + figure("one", '{"data":[1]}')
    + "<p>text</p>"
    + figure("two", '{"data":[2]}')
    + "</body></html>"
)
STILLS = {
    "one": {"desktop": Still("d1.svg", 688, 420), "phone": Still("p1.svg", 358, 380)},
    "two": {"desktop": Still("d2.svg", 688, 300)},
}


def test_a_page_lists_its_charts_with_their_json():
    assert page_figures(PAGE) == {"one": '{"data":[1]}', "two": '{"data":[2]}'}
    assert page_figures("<p>no chart</p>") == {}


def test_the_key_changes_with_the_chart_the_styles_the_width_and_plotly():
    base = still_key('{"data":[1]}', PAGE, "desktop", "p1")
    assert re.fullmatch(r"[0-9a-f]{16}", base)
    assert still_key('{"data":[1]}', PAGE, "desktop", "p1") == base
    others = {
        still_key('{"data":[3]}', PAGE, "desktop", "p1"),
        still_key('{"data":[1]}', PAGE.replace("site-1", "site-2"), "desktop", "p1"),
        still_key('{"data":[1]}', PAGE.replace("a.js?v=1", "a.js?v=2"), "desktop", "p1"),
        still_key('{"data":[1]}', PAGE, "phone", "p1"),
        still_key('{"data":[1]}', PAGE, "desktop", "p2"),
    }
    assert base not in others and len(others) == 5
    # the scripts the page's inline loader fetches (tipline-figures.js) count too
    loader = PAGE.replace("</head>", '<script>var s = ["../_static/f.js?v=1"];</script></head>')
    assert still_key('{"data":[1]}', loader, "desktop", "p1") != still_key(
        '{"data":[1]}', loader.replace("f.js?v=1", "f.js?v=2"), "desktop", "p1"
    )
    # the words of the page do not decide how a chart is drawn
    assert still_key('{"data":[1]}', PAGE.replace("text", "other"), "desktop", "p1") == base


def test_the_picture_shows_the_phone_still_on_a_phone_and_waits_when_far_down():
    first = picture_html(STILLS["one"], "../_static/charts/", eager=True)
    assert '<source media="(max-width: 480px)" srcset="../_static/charts/p1.svg"' in first
    assert 'width="358" height="380"' in first
    assert '<img src="../_static/charts/d1.svg" alt="" width="688" height="420"' in first
    assert 'loading="eager"' in first
    later = picture_html(STILLS["two"], "../_static/charts/", eager=False)
    assert "<source" not in later and 'loading="lazy"' in later


def test_stills_go_into_their_holders_once_and_come_out_again():
    once = insert_stills(PAGE, STILLS, "../_static/charts/")
    assert once.count('<picture class="tipline-plot__still">') == 2
    assert 'aria-label="words" style="--height:420px"><picture' in once
    assert once.index("d1.svg") < once.index("d2.svg")
    assert once.count('loading="eager"') == 1  # the page's first chart only
    assert insert_stills(once, STILLS, "../_static/charts/") == once
    assert strip_stills(once) == PAGE
    assert key_figure(once) == figure("one", '{"data":[1]}')  # the share card draws live


def test_a_chart_without_a_desktop_still_keeps_an_empty_holder():
    partial = {"one": {"phone": Still("p1.svg", 358, 380)}}
    assert insert_stills(PAGE, partial, "x/") == PAGE


@pytest.mark.parametrize(
    "svg, size",
    [
        ('<svg class="main-svg" width="688" height="420" viewBox="0 0 688 420">', (688, 420)),
        ('<svg width="357.5" height="380">', (358, 380)),
    ],
)
def test_a_still_declares_its_size(svg, size):
    assert svg_size(svg) == size


@pytest.mark.parametrize("bad", ["<svg viewBox='0 0 1 1'>", "<html>", ""])
def test_a_still_without_a_size_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="not an SVG with a width and a height"):
        svg_size(bad)


def test_without_chromium_every_chart_is_drawn_live(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPLINE_NO_STILLS", "1")
    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    (site / "_static" / "vendor").mkdir(parents=True)
    (site / "_static" / "vendor" / "plotly-tipline.min.js").write_text("/* plotly */")
    (site / "book" / "a.html").write_text(PAGE)
    (site / "book" / "b.html").write_text("<p>no chart</p>")
    counts = render_stills(site, tmp_path / "cache", log=lambda *_: None)
    assert counts == {"drawn": 0, "cached": 0, "missing": 2}
    assert (site / "book" / "a.html").read_text() == PAGE


def test_cached_stills_are_used_without_a_browser(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPLINE_NO_STILLS", "1")
    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    bundle = site / "_static" / "vendor" / "plotly-tipline.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text("/* plotly */")
    (site / "book" / "a.html").write_text(PAGE)
    cache = tmp_path / "cache"
    cache.mkdir()
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()[:16]
    for view, (w, h) in {"desktop": (688, 420), "phone": (358, 380)}.items():
        key = still_key('{"data":[1]}', PAGE, view, digest)
        (cache / f"{key}.svg").write_text(f'<svg width="{w}" height="{h}"></svg>')
    counts = render_stills(site, cache, log=lambda *_: None)
    assert counts == {"drawn": 0, "cached": 2, "missing": 1}
    out = (site / "book" / "a.html").read_text()
    assert out.count("<picture") == 1 and 'width="358" height="380"' in out
    assert len(list((site / "_static" / "charts").glob("*.svg"))) == 2
