"""The book's one chart layer: every figure goes through it.

A chart function builds its figure on :func:`figure` and states only what is particular to
its chart; the layer owns the rules every chart shares:

* the words around the plot (:class:`Chart`): a title that states the finding, a subtitle
  that says what is measured, a key, a source line with download links, a text
  alternative; all HTML, so they wrap at any width and print;
* the plot's layout (:mod:`tipline.charts.layout`): white card, readable type, margins that
  grow to fit ticks and axis titles, no rotated ticks, no zoom, bar labels hidden rather
  than shrunk, readable year and log axes (:func:`year_axis`, :func:`log_axis`);
* a phone layout (:mod:`tipline.charts.phone`) the page switches to at 480 px and less
  without a rebuild: smaller type, wrapped axis titles, fewer ticks, direct labels
  replaced by the key, plus whatever the chart adds with :func:`on_phone`;
* marks with fixed meanings (:mod:`tipline.charts.marks`, colours in :mod:`tipline.style`):
  outlined marks for figures from a secondary source, series labelled at their ends,
  notes offset from the marks they name.

Example::

    fig = charts.figure(x_title="Calendar year", y_title="Reports (millions)")
    fig.add_trace(go.Bar(x=years, y=values, marker=charts.secondary_marker(GREY, weak)))
    charts.year_axis(fig, years)
    charts.mark_secondary(fig)
    return charts.Chart(fig, title=..., subtitle=..., source=..., alt=...)
"""

from tipline.charts.chart import (
    DATA_URL_PREFIX,
    Chart,
    HtmlFigure,
    bare_figure_html,
    slugify,
    source_html,
)
from tipline.charts.layout import axis, figure, finish, log_axis, reference_line, year_axis
from tipline.charts.marks import (
    direct_labels,
    label_shifts,
    mark_secondary,
    note,
    secondary_marker,
    top_note,
)
from tipline.charts.phone import on_phone
from tipline.charts.state import reserve
from tipline.charts.text import short_count, text_width, wrap

__all__ = [
    "DATA_URL_PREFIX",
    "Chart",
    "HtmlFigure",
    "axis",
    "bare_figure_html",
    "direct_labels",
    "figure",
    "label_shifts",
    "finish",
    "log_axis",
    "mark_secondary",
    "note",
    "on_phone",
    "reference_line",
    "reserve",
    "secondary_marker",
    "short_count",
    "slugify",
    "source_html",
    "text_width",
    "top_note",
    "wrap",
    "year_axis",
]
