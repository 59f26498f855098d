"""A chart with everything a reader needs around it: title, subtitle, key, source line,
text alternative.

:class:`Chart` wraps a plotly figure. In Jupyter it displays as a normal interactive plotly
figure (``application/vnd.plotly.v1+json``, drawn by plotly's JupyterLab extension). In the
built book it displays as HTML: MyST-NB cannot render plotly's mime type, so the chart
carries its own ``text/html`` form, a ``<figure>`` holding the figure's JSON and its phone
layout (:mod:`tipline.charts.phone`). After the build the chart is drawn once more as
an SVG still for the page (:mod:`tipline.chart_stills`); the page's local
``tipline-figures.js`` draws the live chart with the site's own copy of plotly.js when the
reader reaches for it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.io as pio

from tipline.charts import state
from tipline.charts.key import key_html, key_items
from tipline.charts.layout import finish
from tipline.charts.phone import phone_patch
from tipline.charts.text import wrap
from tipline.style import NEUTRAL

#: Where the book's pages find the data folder (every chapter lives in ``book/``).
DATA_URL_PREFIX = "../data/"


def slugify(text: str) -> str:
    """A lower-case, hyphenated id made from ``text``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "chart"


def plot_html(spec_json: str, label: str, height: int, phone_height: int | None = None) -> str:
    """The drawing area of a chart: a div for plotly.js and the figure's JSON beside it.

    The div keeps the chart's height before it is drawn (no jump when charts are drawn as
    they come into view); ``--phone-height`` is the height on a phone.
    """
    spec_json = spec_json.replace("</", "<\\/")  # JSON inside <script> must not contain "</"
    phone = f";--phone-height:{phone_height}px" if phone_height else ""
    return (
        f'<div class="tipline-plot" role="img" aria-label="{html.escape(label)}"'
        f' style="--height:{height}px{phone}"></div>'
        f'<script type="application/json" class="tipline-plot-data">{spec_json}</script>'
    )


def bare_figure_html(spec_json: str) -> str:
    """A plotly figure shown without a :class:`Chart` around it (no title, source or alt).

    The book renders such output so that it is visible, but says what is missing; the
    browser tests fail on it, since every chart in the book must carry its words.
    """
    return (
        '<figure class="tipline-figure tipline-figure--bare">'
        + plot_html(spec_json, "Chart without a description", 420)
        + '<figcaption class="tipline-source">This chart was displayed without a title, '
        "source line or description (wrap it in tipline.chart.Chart).</figcaption></figure>"
    )


def source_html(source: str, data_files: Sequence[str] = ()) -> str:
    """The source line as a paragraph, with a download link for each of ``data_files``
    (file names in ``data/``): the line under every chart and under tables drawn from data."""
    links = " ".join(
        f'<a href="{DATA_URL_PREFIX}{html.escape(name)}" download>'
        f"Download the data ({html.escape(name)})</a>"
        for name in data_files
    )
    return (
        f'<p class="tipline-source"><strong>Source:</strong> {html.escape(source)}'
        + (f" {links}" if links else "")
        + "</p>"
    )


@dataclass(frozen=True)
class Chart:
    """A plotly figure plus the words around it.

    Parameters
    ----------
    figure:
        The plotly figure, built on :func:`tipline.charts.figure`; its own title is left
        empty (the title is part of the page).
    title:
        A sentence stating the finding, e.g. "Reports fell by 43% in 2024 ...".
    source:
        The source line, naming the sources and whether each is primary or secondary.
    alt:
        A text alternative: what the chart shows, in words, with its key numbers.
    data_files:
        CSV files in ``data/`` behind the chart, offered for download.
    subtitle:
        What is measured: unit, population, years (optional).
    height:
        Height of the plot in px on a desktop; the phone height is set with
        :func:`tipline.charts.on_phone` (default: the same).
    """

    figure: go.Figure
    title: str
    source: str
    alt: str
    data_files: tuple[str, ...] = ()
    height: int = 420
    key: str = field(default="")
    subtitle: str = ""

    def __post_init__(self):
        for name in ("title", "source", "alt"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"Chart {name} must be a non-empty string (got {value!r})")
        if not isinstance(self.subtitle, str):
            raise ValueError(f"Chart subtitle must be a string (got {self.subtitle!r})")
        if not isinstance(self.height, int) or self.height < 200:
            raise ValueError(f"Chart height must be a whole number of px >= 200 ({self.height!r})")
        if not self.key:
            object.__setattr__(self, "key", slugify(self.title)[:60])

    # -- the words -------------------------------------------------------------------------

    def source_html(self) -> str:
        return source_html(self.source, self.data_files)

    def page_spec(self) -> tuple[dict, dict]:
        """The figure as plotly.js draws it on the page (``{"data", "layout", "phone"}``)
        and the layer's record for it (key entries, reserved room)."""
        spec = json.loads(pio.to_json(self._figure_for_page(), validate=False))
        record = state.pop(spec)
        if record.get("layer"):  # an empty template: charts on the layer set every style
            spec["layout"].pop("template", None)
        spec["phone"] = phone_patch(spec, record, self.height)
        return spec, record

    def to_html(self) -> str:
        """The chart as the book's HTML ``<figure>``; plotly.js is loaded by the page."""
        ident = f"chart-{self.key}"
        spec, record = self.page_spec()
        phone_height = spec["phone"]["height"]
        subtitle = (
            f'<p class="tipline-figure__subtitle">{html.escape(self.subtitle)}</p>'
            if self.subtitle
            else ""
        )
        return (
            f'<figure class="tipline-figure" id="{ident}" aria-labelledby="{ident}-title"'
            + (' data-layer="true">' if record.get("layer") else ">")
            # the chart from title to source line: kept on one page in print
            + '<div class="tipline-figure__main">'
            + f'<p class="tipline-figure__title" id="{ident}-title">{html.escape(self.title)}</p>'
            + subtitle
            + (key_html(key_items(spec, record)) if record.get("layer") else "")
            + plot_html(
                json.dumps(spec, separators=(",", ":")),
                self.alt,
                self.height,
                phone_height if phone_height != self.height else None,
            )
            + self.source_html()
            + "</div><figcaption>"
            f'<details class="tipline-alt"><summary>Chart described in words</summary>'
            f"<p>{html.escape(self.alt)}</p></details></figcaption></figure>"
        )

    def text(self) -> str:
        """Plain-text form: title, subtitle, description and source."""
        head = f"{self.title}\n{self.subtitle}" if self.subtitle else self.title
        return f"{head}\n\n{self.alt}\n\nSource: {self.source}"

    # -- display -----------------------------------------------------------------------------

    def _figure_for_page(self) -> go.Figure:
        fig = finish(self.figure)
        fig.update_layout(height=self.height, title=None)
        return fig

    def figure_with_caption(self, width: int = 700) -> go.Figure:
        """The figure with title, subtitle, key and source drawn inside it (for Jupyter and
        image export), laid out to fit ``width`` px or more: the words wrapped to that width,
        each block given its own band (title, subtitle, key one entry per line, plot, axis,
        source), so that none sits on another whatever the notebook's width."""
        fig = finish(self.figure)
        record = state.get(fig)
        fig.layout.meta = None
        spec = json.loads(pio.to_json(fig, validate=False))
        # Characters per line at each size (about 0.62 em a character in the fallback sans
        # face), over the width the words start from (the plot's left edge) to the right edge.
        # The y axis's labels push the plot's left edge in: at least 90 px, more for the
        # category labels of a chart with horizontal bars (about 7 px a character).
        labels = [
            str(v)
            for trace in spec.get("data", [])
            for v in (trace.get("y") or [])
            if isinstance(v, str) and trace.get("yaxis", "y") == "y"
        ] + [str(v) for v in (fig.layout.yaxis.ticktext or [])]
        widest = max((len(v) for v in labels), default=0)
        left = max(fig.layout.margin.l or 0, 90, 7 * widest + 24)
        room = max(width - left - 12, 240)
        title_size, small = 16, 12

        def fit(text: str, size: int) -> str:
            return wrap(text, int(room / (size * 0.62)))

        title = fit(self.title, title_size)
        subtitle = fit(self.subtitle, small) if self.subtitle else ""
        source = fit(f"Source: {self.source}", 11)
        n_title, n_source = title.count("<br>") + 1, source.count("<br>") + 1
        n_sub = subtitle.count("<br>") + 1 if subtitle else 0
        entries = key_items(spec, record)
        legend = len(entries) >= 2
        # Notes the chart itself sets just above its plot keep a band of their own.
        above = any(
            (a.yref or "paper") == "paper" and a.y is not None and a.y >= 1
            for a in fig.layout.annotations
        )
        band = 34 if above else 0
        title_h = 8 + n_title * round(title_size * 1.35)
        sub_h = n_sub * round(small * 1.45) + (8 if subtitle else 0)
        key = len(entries) * 21 + 6 if legend else 0
        has_x_title = bool(fig.layout.xaxis.title.text)
        axis = max(fig.layout.margin.b or 0, 30) + (26 if has_x_title else 0)
        foot = n_source * 15 + 12
        top = title_h + sub_h + key + band + 8
        total = self.height + top + foot
        fig.update_layout(
            height=total,
            title=None,
            margin={"t": top, "b": axis + foot},
            showlegend=legend,
            legend={
                "orientation": "v",
                "x": 0,
                "xanchor": "left",
                "y": 1 - (title_h + sub_h + 4) / total,
                "yref": "container",
                "yanchor": "top",
                "tracegroupgap": 0,
                "bgcolor": "rgba(0,0,0,0)",
            },
        )

        # The title and subtitle as notes above the plot, each anchored at its foot (plotly's
        # own title misplaces a title of several lines); the source below the axis.
        def words(text: str, y: int, yshift: int, anchor: str, font: dict) -> None:
            fig.add_annotation(
                text=text,
                xref="paper",
                yref="paper",
                x=0,
                y=y,
                yshift=yshift,
                xanchor="left",
                yanchor=anchor,
                align="left",
                showarrow=False,
                font=font,
            )

        words(title, 1, key + band + 8 + sub_h, "bottom", {"size": title_size})
        if subtitle:
            words(subtitle, 1, key + band + 8, "bottom", {"size": small, "color": NEUTRAL})
        words(source, 0, -axis, "top", {"size": 11, "color": NEUTRAL})
        return fig

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "application/vnd.plotly.v1+json": json.loads(
                pio.to_json(self.figure_with_caption(), validate=False)
            ),
            "text/html": self.to_html(),
            "text/plain": self.text(),
        }


@dataclass(frozen=True)
class HtmlFigure:
    """A figure drawn in HTML and CSS rather than plotly (for example the flow of reports as
    stacked bars), with the same words around it as a :class:`Chart`: title, subtitle,
    source line, text alternative. It needs no script and prints as it shows.

    ``body`` is the figure's HTML, trusted (built by the book's own code, never from data
    text without escaping).
    """

    body: str
    title: str
    source: str
    alt: str
    data_files: tuple[str, ...] = ()
    key: str = field(default="")
    subtitle: str = ""

    def __post_init__(self):
        for name in ("body", "title", "source", "alt"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"HtmlFigure {name} must be a non-empty string (got {value!r})")
        if not self.key:
            object.__setattr__(self, "key", slugify(self.title)[:60])

    def to_html(self) -> str:
        ident = f"chart-{self.key}"
        subtitle = (
            f'<p class="tipline-figure__subtitle">{html.escape(self.subtitle)}</p>'
            if self.subtitle
            else ""
        )
        return (
            f'<figure class="tipline-figure tipline-figure--html" id="{ident}"'
            f' aria-labelledby="{ident}-title"><div class="tipline-figure__main">'
            f'<p class="tipline-figure__title" id="{ident}-title">{html.escape(self.title)}</p>'
            + subtitle
            + self.body
            + source_html(self.source, self.data_files)
            + "</div><figcaption>"
            '<details class="tipline-alt"><summary>Chart described in words</summary>'
            f"<p>{html.escape(self.alt)}</p></details></figcaption></figure>"
        )

    def text(self) -> str:
        head = f"{self.title}\n{self.subtitle}" if self.subtitle else self.title
        return f"{head}\n\n{self.alt}\n\nSource: {self.source}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.to_html(), "text/plain": self.text()}
