"""A chart with everything a reader needs around it: title, subtitle, key, source line,
text alternative.

:class:`Chart` wraps a plotly figure. In Jupyter it displays as a normal interactive plotly
figure (``application/vnd.plotly.v1+json``, drawn by plotly's JupyterLab extension). In the
built book it displays as HTML: MyST-NB cannot render plotly's mime type, so the chart
carries its own ``text/html`` form, a ``<figure>`` holding the figure's JSON and its phone
layout (:mod:`tipline.charts.phone`), which the page's local ``tipline-figures.js`` draws
with the site's own copy of plotly.js when the chart comes near the screen.
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

    def figure_with_caption(self) -> go.Figure:
        """The figure with title, subtitle, legend and source drawn inside it (for Jupyter
        and image export)."""
        fig = finish(self.figure)
        record = state.get(fig)
        fig.layout.meta = None
        heading = wrap(self.title, 90)
        if self.subtitle:
            heading += f"<br><span style='font-size:12px'>{wrap(self.subtitle, 100)}</span>"
        lines = heading.count("<br>") + 1
        spec = json.loads(pio.to_json(fig, validate=False))
        legend = len(key_items(spec, record)) >= 2
        top = 30 + 20 * lines + (30 if legend else 0)
        bottom = (fig.layout.margin.b or 10) + 70
        fig.update_layout(
            height=self.height + top + 60,
            title={"text": heading, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top"},
            margin={"t": top, "b": bottom},
            showlegend=legend,
            legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        )
        fig.add_annotation(
            text=f"Source: {wrap(self.source, 120)}",
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-bottom + 6,
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": 11, "color": NEUTRAL},
        )
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
