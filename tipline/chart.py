"""A chart with everything a reader needs around it: title, source line, text alternative.

:class:`Chart` wraps a plotly figure. In Jupyter it displays as a normal interactive plotly
figure (``application/vnd.plotly.v1+json``, drawn by plotly's JupyterLab extension). In the
built book it displays as HTML: MyST-NB cannot render plotly's mime type, so the chart
carries its own ``text/html`` form, a ``<figure>`` holding the figure's JSON, which the
page's local ``tipline-figures.js`` draws with the site's own copy of plotly.js.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.io as pio

from tipline.style import NEUTRAL

#: Where the book's pages find the data folder (every chapter lives in ``book/``).
DATA_URL_PREFIX = "../data/"


def slugify(text: str) -> str:
    """A lower-case, hyphenated id made from ``text``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "chart"


def plot_html(spec_json: str, label: str, height: int) -> str:
    """The drawing area of a chart: a div for plotly.js and the figure's JSON beside it."""
    spec_json = spec_json.replace("</", "<\\/")  # JSON inside <script> must not contain "</"
    return (
        f'<div class="tipline-plot" role="img" aria-label="{html.escape(label)}"'
        f' style="min-height:{height}px"></div>'
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
        The plotly figure; its own title is left empty (the title is part of the page).
    title:
        A sentence stating the finding, e.g. "Reports fell by 43% in 2024 ...".
    source:
        The source line, naming the sources and whether each is primary or secondary.
    alt:
        A text alternative: what the chart shows, in words, with its key numbers.
    data_files:
        CSV files in ``data/`` behind the chart, offered for download.
    """

    figure: go.Figure
    title: str
    source: str
    alt: str
    data_files: tuple[str, ...] = ()
    height: int = 420
    key: str = field(default="")

    def __post_init__(self):
        for name in ("title", "source", "alt"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"Chart {name} must be a non-empty string (got {value!r})")
        if not self.key:
            object.__setattr__(self, "key", slugify(self.title)[:60])

    # -- the words -------------------------------------------------------------------------

    def source_html(self) -> str:
        return source_html(self.source, self.data_files)

    def to_html(self) -> str:
        """The chart as the book's HTML ``<figure>``; plotly.js is loaded by the page."""
        ident = f"chart-{self.key}"
        spec = pio.to_json(self._figure_for_page(), validate=False)
        return (
            f'<figure class="tipline-figure" id="{ident}" aria-labelledby="{ident}-title">'
            f'<p class="tipline-figure__title" id="{ident}-title">{html.escape(self.title)}</p>'
            + plot_html(spec, self.alt, self.height)
            + f"<figcaption>{self.source_html()}"
            f'<details class="tipline-alt"><summary>Chart described in words</summary>'
            f"<p>{html.escape(self.alt)}</p></details></figcaption></figure>"
        )

    def text(self) -> str:
        """Plain-text form: title, description and source."""
        return f"{self.title}\n\n{self.alt}\n\nSource: {self.source}"

    # -- display -----------------------------------------------------------------------------

    def _figure_for_page(self) -> go.Figure:
        fig = go.Figure(self.figure)
        fig.update_layout(height=self.height, title=None)
        return fig

    def figure_with_caption(self) -> go.Figure:
        """The figure with title and source drawn inside it (for Jupyter and image export)."""
        fig = go.Figure(self.figure)
        bottom = (fig.layout.margin.b or 60) + 40
        fig.update_layout(
            height=self.height + 80,
            title={"text": self.title, "x": 0, "xanchor": "left", "font": {"size": 15}},
            margin={"t": 60, "b": bottom},
        )
        fig.add_annotation(
            text=f"Source: {self.source}",
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-bottom + 10,
            xanchor="left",
            yanchor="bottom",
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
