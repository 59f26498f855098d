"""The model chapter's charts and tables, and the executive summary's and conclusion's,
under one name (the notebooks import them from here).

Each lives in a module of its own kind:

* :mod:`tipline.figures.model_common`: data files, symbols, value formatting, source
  lines, :func:`monte_carlo_run` and :func:`threshold`;
* :mod:`tipline.figures.tilt_charts`: charts on the tilt axis (the tornado, the Monte Carlo
  histogram, the spread over the modelling choices);
* :mod:`tipline.figures.frontier_chart`: where the tilt crosses zero (break-even capacity);
* :mod:`tipline.figures.flow_chart`: the model's flow of reports (HTML bars);
* :mod:`tipline.figures.worked_example`: the worked example, step by step;
* :mod:`tipline.figures.model_tables`: the tables.

Every chart is a :class:`tipline.chart.Chart` drawn on the chart layer
(:mod:`tipline.charts`); every table is a :class:`Table`. All numbers come from ``data/``
through the model (:mod:`tipline.model`, :mod:`tipline.model.uncertainty`); none is typed
here.
"""

from tipline.figures.flow_chart import flow_figure
from tipline.figures.frontier_chart import frontier_chart
from tipline.figures.model_common import (
    DATA_FILES,
    SYMBOLS,
    assumptions,
    choice_label,
    monte_carlo_run,
    round_count,
    threshold,
)
from tipline.figures.model_tables import (
    FLIP_PARAMS,
    choice_spread_table,
    model_choices,
    model_choices_table,
    monte_carlo_table,
    parameter_table,
    summary_table,
    thresholds_table,
    uncertainty_table,
    unmodelled_table,
    verdict_bands_table,
)
from tipline.figures.tilt_charts import choice_spread_chart, monte_carlo_histogram, tornado_chart
from tipline.figures.worked_example import Step, worked_example
from tipline.model.uncertainty import uncertainty_ranges
from tipline.table import Table

__all__ = [
    "DATA_FILES",
    "FLIP_PARAMS",
    "SYMBOLS",
    "Step",
    "Table",
    "assumptions",
    "choice_label",
    "choice_spread_chart",
    "choice_spread_table",
    "flow_figure",
    "frontier_chart",
    "model_choices",
    "model_choices_table",
    "monte_carlo_histogram",
    "monte_carlo_run",
    "monte_carlo_table",
    "parameter_table",
    "round_count",
    "summary_table",
    "threshold",
    "thresholds_table",
    "tornado_chart",
    "uncertainty_ranges",
    "uncertainty_table",
    "unmodelled_table",
    "verdict_bands_table",
    "worked_example",
]
