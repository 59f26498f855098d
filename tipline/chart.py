"""The chart class, kept at its old address: see :mod:`tipline.charts` (the chart layer)."""

from tipline.charts.chart import (
    DATA_URL_PREFIX,
    Chart,
    bare_figure_html,
    plot_html,
    slugify,
    source_html,
)

__all__ = ["DATA_URL_PREFIX", "Chart", "bare_figure_html", "plot_html", "slugify", "source_html"]
