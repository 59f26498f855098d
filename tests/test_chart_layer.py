"""The chart layer (tipline.charts): layout rules, phone patch, key, marks, words; the
palette; the page's meta tags and share cards."""

from __future__ import annotations

import json
import math
import re

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline import charts, sphinxext, style
from tipline.charts import state
from tipline.charts.key import key_html, key_items
from tipline.charts.layout import log_ticks
from tipline.charts.text import chars_for, lines, short_count, wrap
from tipline.share_cards import card_html, card_name, key_figure

# --- words ------------------------------------------------------------------------------------

TEXT = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14), min_size=1, max_size=30
).map(" ".join)


@given(TEXT, st.integers(min_value=8, max_value=80))
@settings(deadline=None)
def test_wrap_keeps_every_word_in_order_within_the_width(text, width):
    wrapped = wrap(text, width)
    assert " ".join(lines(wrapped)).split() == text.split()
    for line in lines(wrapped):
        longest_word = max(len(w) for w in line.split())
        assert len(line) <= max(width, longest_word)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_short_count_reads_back_close_to_the_number(n):
    text = short_count(n, 1)
    match = re.fullmatch(r"(-?[\d,]+(?:\.\d)?)([kMB]?)", text)
    assert match, text
    value = (
        float(match.group(1).replace(",", ""))
        * {"": 1, "k": 1e3, "M": 1e6, "B": 1e9}[match.group(2)]
    )
    assert value == pytest.approx(n, rel=0.06, abs=0.06)


def test_short_count_names_round_ticks_as_readers_do():
    assert [short_count(t) for t in log_ticks(1000, 1e8)] == [
        "1k",
        "10k",
        "100k",
        "1M",
        "10M",
        "100M",
    ]
    with pytest.raises(ValueError, match="finite"):
        short_count(math.inf)


def test_chars_for_never_gives_fewer_than_eight():
    assert chars_for(10, 14) == 8 and chars_for(700, 14) > 60


# --- layout -------------------------------------------------------------------------------------


def test_figure_follows_the_rules_and_carries_no_template():
    fig = charts.figure(x_title="Year", y_title="Reports (millions)")
    layout = fig.layout
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.automargin and axis.tickangle == 0 and axis.fixedrange
    assert layout.showlegend is False and layout.uniformtext.mode == "hide"
    spec, record = charts.Chart(fig, title="T 1", source="S.", alt="A 1").page_spec()
    assert "template" not in spec["layout"] and record["layer"]
    assert "meta" not in spec["layout"], "the layer's record never reaches plotly.js"


@given(
    st.floats(min_value=1, max_value=1e6),
    st.floats(min_value=1.01, max_value=1e4),
)
@settings(deadline=None)
def test_log_axis_ticks_are_powers_of_ten_inside_the_range(low, ratio):
    fig = charts.figure()
    high = low * ratio
    if not any(low <= t * 1.0001 and t <= high * 1.0001 for t in log_ticks(low, high)):
        with pytest.raises(ValueError, match="no power of ten"):
            charts.log_axis(fig, low, high)
        return
    charts.log_axis(fig, low, high)
    ticks = fig.layout.xaxis.tickvals
    assert fig.layout.xaxis.type == "log"
    assert all(low <= t * 1.0001 and t <= high * 1.0001 for t in ticks)
    assert all(math.log10(t) == round(math.log10(t)) for t in ticks)
    assert list(fig.layout.xaxis.ticktext) == [short_count(t) for t in ticks]


def test_log_ticks_rejects_a_range_it_cannot_draw():
    for low, high in ((0, 10), (10, 1), (-1, 5)):
        with pytest.raises(ValueError, match="0 < low < high"):
            log_ticks(low, high)


def test_year_axis_thins_its_ticks_on_a_phone_but_keeps_the_latest_year():
    fig = charts.figure()
    years = list(range(2010, 2026))
    charts.year_axis(fig, years)
    patch = state.get(fig)["phone"]["layout"]
    kept = patch["xaxis.tickvals"]
    assert len(kept) <= 5 and kept[-1] == 2025 and list(fig.layout.xaxis.tickvals) == years


def test_reserved_room_is_added_to_the_margins_on_each_layout():
    fig = charts.figure()
    charts.top_note(fig, "A note above the plot that wraps on a phone", 1, xref="paper")
    state.reserve(fig, "r", 40, 0)
    chart = charts.Chart(fig, title="T 1", source="S.", alt="A 1")
    spec, _ = chart.page_spec()
    assert spec["layout"]["margin"]["r"] == charts.layout.BASE_MARGIN["r"] + 40
    assert spec["phone"]["layout"]["margin.r"] == charts.layout.BASE_MARGIN["r"]
    assert spec["layout"]["margin"]["t"] > charts.layout.BASE_MARGIN["t"]


def test_reference_line_needs_exactly_one_position():
    fig = charts.figure()
    with pytest.raises(ValueError, match="exactly one"):
        charts.reference_line(fig)
    with pytest.raises(ValueError, match="exactly one"):
        charts.reference_line(fig, x=1, y=1)


# --- the phone patch ------------------------------------------------------------------------------


def test_phone_patch_hides_direct_labels_and_wraps_long_axis_titles():
    fig = charts.figure(x_title="A rather long axis title that cannot fit across a phone at all")
    fig.add_trace(go.Scatter(x=[1, 2], y=[1, 2], name="Series one"))
    fig.add_trace(go.Scatter(x=[1, 2], y=[2, 3], name="Series two"))
    charts.direct_labels(fig, [("Series one", 2, 2, style.GREY), ("Series two", 2, 3, style.INK)])
    spec, record = charts.Chart(fig, title="T 1", source="S.", alt="A 1").page_spec()
    patch = spec["phone"]["layout"]
    assert patch["annotations[0].visible"] is False and patch["annotations[1].visible"] is False
    assert "<br>" in patch["xaxis.title.text"]
    items = key_items(spec, record)
    assert [phone for _, _, phone in items] == [True, True], "named in the key on a phone only"
    assert "tipline-key--phone" in key_html(items)


def test_on_phone_rejects_what_the_page_could_not_apply():
    fig = charts.figure()
    with pytest.raises(ValueError, match="trace index"):
        charts.on_phone(fig, data={"0": {"text": []}})
    with pytest.raises(ValueError, match="height"):
        charts.on_phone(fig, height=50)


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=8),
    st.floats(min_value=0.5, max_value=50),
)
@settings(max_examples=200, deadline=None)
def test_label_shifts_keep_labels_apart_and_never_move_them_down(values, px):
    shifts = charts.label_shifts(values, px, gap=16)
    placed = sorted(v * px + s for v, s in zip(values, shifts, strict=True))
    assert all(b - a >= 16 - 1 for a, b in zip(placed, placed[1:], strict=False))
    assert all(s >= 0 for s in shifts)


# --- marks and key ------------------------------------------------------------------------------


def test_secondary_marks_are_outlined_and_named_in_the_key():
    marker = charts.secondary_marker(style.GREY, [False, True])
    assert marker["color"][0] == style.GREY and marker["color"][1].startswith("rgba")
    assert marker["line"]["width"] == [0, 2]
    dots = charts.secondary_marker(style.INK, [True], kind="dot", symbol="diamond")
    assert dots["symbol"] == ["diamond-open"]
    fig = charts.figure()
    fig.add_trace(go.Bar(x=[1, 2], y=[1, 2], marker=marker, name="Reports", showlegend=False))
    charts.mark_secondary(fig)
    html = charts.Chart(fig, title="T 1", source="S.", alt="A 1").to_html()
    assert "Outlined bar: figure from a secondary source" in html
    with pytest.raises(ValueError, match="kind"):
        charts.secondary_marker(style.GREY, [True], kind="pie")
    with pytest.raises(ValueError, match="2 points"):
        charts.secondary_marker([style.GREY], [True, False])


def test_a_single_series_gets_no_key():
    fig = charts.figure()
    fig.add_trace(go.Bar(x=[1], y=[1], name="Only one"))
    assert "tipline-key" not in charts.Chart(fig, title="T 1", source="S.", alt="A 1").to_html()


def test_chart_html_keeps_title_to_source_together_and_the_description_after():
    fig = charts.figure()
    html = charts.Chart(fig, title="T 1", source="S.", alt="A 1", subtitle="Sub").to_html()
    main = html.index('class="tipline-figure__main"')
    assert main < html.index("T 1") < html.index("Sub") < html.index("tipline-plot")
    assert html.index("tipline-plot") < html.index("Source:") < html.index("<figcaption>")
    assert html.index("<figcaption>") < html.index("Chart described in words")
    spec = json.loads(re.search(r'tipline-plot-data">(.*?)</script>', html).group(1))
    assert set(spec) == {"data", "layout", "phone"}


def test_chart_rejects_missing_words_and_odd_heights():
    fig = charts.figure()
    with pytest.raises(ValueError, match="title"):
        charts.Chart(fig, title=" ", source="S.", alt="A")
    with pytest.raises(ValueError, match="height"):
        charts.Chart(fig, title="T", source="S.", alt="A", height=20)


# --- the palette -------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def f(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_palette_text_colours_read_on_white_and_dark_text_on_the_dark_theme():
    for name in ("investigators-text", "defendants-text", "neutral", "ink", "text"):
        assert contrast(style.PALETTE[name], "#FFFFFF") >= 4.5, name
    for name, colour in style.DARK_TEXT.items():
        assert contrast(colour, "#14181E") >= 4.5, name  # the theme's dark background


def test_css_variables_carry_every_colour_once():
    css = style.css_variables()
    for name, value in style.PALETTE.items():
        assert css.count(f"--tipline-{name}: {value};") == 1
    assert 'html[data-theme="dark"]' in css


def test_tint_checks_its_input():
    assert style.tint("#0072B2", 0.5) == "rgba(0, 114, 178, 0.5)"
    with pytest.raises(ValueError, match="RRGGBB"):
        style.tint("blue", 0.5)
    with pytest.raises(ValueError, match="alpha"):
        style.tint("#0072B2", 2)


# --- meta tags and share cards ----------------------------------------------------------------


def test_one_viewport_tag_is_kept():
    page = (
        "<head>\n<meta charset='utf-8'>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n</head>'
    )
    fixed = sphinxext.one_viewport(page)
    assert fixed.count('name="viewport"') == 1 and "initial-scale=1.0" in fixed
    assert sphinxext.one_viewport(fixed) == fixed


def test_page_description_is_the_first_paragraph_of_prose_cut_at_a_word():
    body = (
        '<p class="x">short</p><p>Tiny.</p>'
        "<p>The <a href='#'>document</a> opens by describing what the CyberTipline is for, "
        + "and then goes on at length " * 20
        + "</p>"
    )
    text = sphinxext.page_description(body)
    assert text.startswith("The document opens") and len(text) <= 200 and text.endswith("\u2026")
    assert sphinxext.page_description("<p>none</p>") == ""


def test_site_url_from_the_base_url_or_a_github_repository():
    class Config:
        html_baseurl = ""
        html_theme_options = {"repository_url": "https://github.com/Some-Org/the-book"}

    assert sphinxext.site_url(Config) == "https://some-org.github.io/the-book/"
    Config.html_baseurl = "https://example.org/book"
    assert sphinxext.site_url(Config) == "https://example.org/book/"
    Config.html_baseurl = ""
    Config.html_theme_options = {"repository_url": "https://gitlab.com/a/b"}
    assert sphinxext.site_url(Config) == ""


def test_share_tags_escape_their_words():
    tags = sphinxext.share_tags('A "quoted" <title>', "Desc & more", "https://x/card.png")
    assert "&quot;quoted&quot; &lt;title&gt;" in tags and "Desc &amp; more" in tags
    assert 'property="og:image" content="https://x/card.png"' in tags
    assert 'name="twitter:card" content="summary_large_image"' in tags


def test_share_card_holds_the_key_figure_resized():
    fig = charts.figure()
    fig.add_trace(go.Bar(x=[1], y=[1], name="Reports"))
    html = charts.Chart(fig, title="T 1", source="S.", alt="A 1").to_html()
    figure = key_figure(f"<p>prose</p>{html}<p>more</p>{html}")
    assert figure == html
    card = card_html(figure, "Book")
    spec = json.loads(re.search(r'tipline-plot-data">(.*?)</script>', card).group(1))
    assert spec["layout"]["height"] == 400 and "phone" not in spec
    assert card_name("book/scale") == "book-scale.png"
    assert key_figure("<p>no chart</p>") is None


def test_an_html_figure_carries_the_words_of_a_chart():
    fig = charts.HtmlFigure(
        body='<div class="bars">3 &lt; 4</div>', title="A & B", source="S.", alt="Words."
    )
    html = fig.to_html()
    assert html.startswith('<figure class="tipline-figure tipline-figure--html" id="chart-a-b"')
    assert '<p class="tipline-figure__title" id="chart-a-b-title">A &amp; B</p>' in html
    assert '<div class="bars">3 &lt; 4</div>' in html and "tipline-plot" not in html
    assert "<strong>Source:</strong> S." in html and "<p>Words.</p></details>" in html
    assert fig._repr_mimebundle_()["text/plain"].startswith("A & B\n\nWords.")
    with pytest.raises(ValueError, match="HtmlFigure body must be a non-empty string"):
        charts.HtmlFigure(body=" ", title="T", source="S", alt="A")
