"""The Sphinx extension's page rewrites and script selection."""

import pytest

from tipline import sphinxext

SEARCH = (
    '<button class="btn search-button-field search-button__button pst-js-only" '
    'aria-label="Search" data-bs-placement="bottom">'
    '<span class="search-button__default-text">Search</span></button>'
)
THEME = (
    '<button class="btn btn-sm nav-link pst-navbar-icon theme-switch-button pst-js-only" '
    'aria-label="Color mode" data-bs-title="Color mode">'
)
THEBE = (
    '<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"; '
    'const thebe_selector = ".thebe,.cell"</script>\n'
    '<script async="async" src="../_static/sphinx-thebe.js?v=c100c467"></script>\n'
)
CITATIONS = '<div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">'


def test_search_button_takes_its_name_from_its_visible_text():
    fixed = sphinxext.fix_page_html(SEARCH)
    assert "aria-label" not in fixed
    assert "Search</span>" in fixed


def test_thebe_leftovers_are_removed():
    fixed = sphinxext.fix_page_html("<head>" + THEBE + "</head>")
    assert "THEBE" not in fixed and "thebe" not in fixed


def test_citation_entries_become_list_items():
    fixed = sphinxext.fix_page_html(CITATIONS)
    assert 'role="listitem"' in fixed and "doc-biblioentry" not in fixed


def test_saved_widget_state_is_dropped():
    page = (
        '<body><p>x</p><script type="application/vnd.jupyter.widget-state+json">'
        '{"state": {"a": 1}}\n</script>\n<p>y</p></body>'
    )
    fixed = sphinxext.fix_page_html(page)
    assert "widget-state" not in fixed and "<p>x</p>" in fixed and "<p>y</p>" in fixed


def test_rewrites_are_idempotent():
    page = SEARCH + THEME + THEBE + CITATIONS
    once = sphinxext.fix_page_html(page)
    assert sphinxext.fix_page_html(once) == once


def test_scripts_only_for_what_the_page_holds():
    assert sphinxext.scripts_for_page("<p>text only</p>") == []
    chart = '<figure class="tipline-figure" id="x">'
    explorer = '<section class="tipline-explorer tipline-explorer--x">'
    assert sphinxext.scripts_for_page(chart) == list(sphinxext.FIGURE_SCRIPTS)
    both = sphinxext.scripts_for_page(chart + explorer)
    assert both.count(sphinxext.PLOTLY_BUNDLE) == 1
    assert set(both) == set(sphinxext.FIGURE_SCRIPTS) | set(sphinxext.EXPLORER_SCRIPTS)
    assert both.index(sphinxext.PLOTLY_BUNDLE) == 0


def test_one_plotly_bundle_and_a_trace_it_cannot_draw_stops_the_build():
    chart = '<figure class="tipline-figure" id="x">'
    sankey_figure = chart + '<script type="application/json">{"data":[{"type": "sankey"}]}'
    with pytest.raises(ValueError, match="'sankey' trace.*only 'scatter' and 'bar'"):
        sphinxext.scripts_for_page(sankey_figure)
    escaped = chart + "<div>{&quot;type&quot;: &quot;pie&quot;}</div>"
    with pytest.raises(ValueError, match="'pie' trace"):
        sphinxext.scripts_for_page(escaped)
    # axis and shape types share the key and are fine
    drawn = chart + '{"data":[{"type":"scatter"},{"type": "bar"}],"xaxis":{"type":"log"},'
    drawn += '"shapes":[{"type":"line"},{"type":"rect"}]}'
    assert sphinxext.scripts_for_page(drawn)[0] == sphinxext.PLOTLY_BUNDLE
    # the explorers draw their flow in HTML: no plotly.js at all
    explorer = '<section class="tipline-explorer"><div class="tipline-flow">'
    assert not [s for s in sphinxext.scripts_for_page(explorer) if "plotly" in s]


HEAD = (
    '<script src="../_static/documentation_options.js?v=9eb32ce0"></script>\n'
    '<script src="../_static/doctools.js?v=9a2dae69"></script>\n'
    "<script>let toggleHintShow = 'Click to show';</script>\n"
    '<script async="async" src="../_static/a.js"></script>\n'
    '<script type="module" src="../_static/m.js"></script>\n'
    '<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\n'
    '<script data-x="1" src="../_static/design-tabs.js?v=fcb327ea"></script>\n'
    '<script src="../_static/searchtools.js"></script>\n'
    '<script src="../_static/language_data.js"></script>\n'
    '<script src="../searchindex.js"></script>\n'
)


def test_scripts_are_deferred_but_the_one_inline_code_reads():
    out = sphinxext.defer_scripts(HEAD)
    assert '<script src="../_static/documentation_options.js?v=9eb32ce0">' in out
    assert '<script defer src="../_static/doctools.js?v=9a2dae69">' in out
    assert '<script defer data-x="1" src="../_static/design-tabs.js' in out
    assert "<script>let toggleHintShow" in out  # inline scripts untouched
    assert '<script async="async" src="../_static/a.js">' in out  # already non-blocking
    assert '<script type="module" src="../_static/m.js">' in out
    assert sphinxext.defer_scripts(out) == out


def test_the_search_index_loads_only_on_the_search_page():
    page = sphinxext.lighten_page_html(HEAD)
    assert "searchindex" not in page and "searchtools" not in page and "language_data" not in page
    assert "fontawesome.js" not in page
    search = sphinxext.lighten_page_html(HEAD, is_search=True)
    for name in ("searchtools.js", "language_data.js", "searchindex.js"):
        assert (
            f'<script defer src="../{"" if name == "searchindex.js" else "_static/"}{name}"'
            in search
        )
    assert sphinxext.lighten_page_html(page) == page


def test_math_becomes_mathml():
    assert sphinxext._to_mathml(r"\frac{a}{b}", "inline").startswith("<math")


def test_publish_data_copies_every_table(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x\n1\n")
    (data / "references.bib").write_text("@misc{k, title={t}}\n")
    (data / "notes.txt").write_text("not published")
    copied = sphinxext.publish_data(tmp_path / "site", data)
    names = sorted(p.name for p in copied)
    assert names == ["a.csv", "references.bib"]
    assert (tmp_path / "site" / "data" / "a.csv").read_text() == "x\n1\n"


def test_page_scripts_load_in_order_after_the_first_paint():
    loader = sphinxext.page_loader(["../_static/vendor/p.js?v=1", "../_static/f.js?v=2"])
    assert '["../_static/vendor/p.js?v=1", "../_static/f.js?v=2"]' in loader
    assert "s.async = false" in loader  # fetched together, run in insertion order
    assert "window.tiplinePageScripts = new Promise" in loader
    assert "first-contentful-paint" in loader and 'addEventListener("load"' in loader


def test_plotly_is_offered_on_demand():
    chart = '<figure class="tipline-figure" id="x">'
    scripts, plotly = sphinxext.split_plotly(sphinxext.scripts_for_page(chart))
    assert plotly == sphinxext.PLOTLY_BUNDLE
    assert scripts == ["tipline-figures.js"]
    loader = sphinxext.page_loader(scripts, "../_static/vendor/p.js?v=1")
    assert 'plotly = "../_static/vendor/p.js?v=1"' in loader
    assert "window.tiplinePlotly = function" in loader
    assert sphinxext.split_plotly([]) == ([], None)
    assert "plotly = null" in sphinxext.page_loader(["../_static/f.js"])
