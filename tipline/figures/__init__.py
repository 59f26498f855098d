"""Every chart in the book, each built by one function from ``data/`` or the model.

Each function returns a :class:`tipline.chart.Chart`: the plotly figure, a title that states
the finding, a source line (bib keys resolved to readable labels, primary or secondary),
and a text alternative with the key numbers. Chapters call these functions; they hold no
plotting code of their own.
"""

from tipline.figures.data_charts import reports_per_year

__all__ = ["reports_per_year"]
