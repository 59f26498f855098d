"""Chapters 1-3 and the data page, at their old address.

The charts and tables now live by chapter: :mod:`tipline.figures.scale_charts` (chapter 1),
:mod:`tipline.figures.volume_charts` (chapter 2), :mod:`tipline.figures.help_charts`
(chapter 3) and :mod:`tipline.figures.data_page`. This module keeps the names the chapters
and tests import from it.
"""

from tipline.data import LABELLING_COMPARABLE_FROM
from tipline.figures.common import column_sources
from tipline.figures.data_page import (
    contradictions_table,
    fields_table,
    secondary_figures_table,
    sources_table,
    table_overview,
)
from tipline.figures.help_charts import icac_tips_and_outcomes, victims_identified
from tipline.figures.scale_charts import (
    PRIORITY_METRICS,
    escalation_scale,
    priority_levels,
    priority_levels_table,
    recipients_table,
    report_sources_table,
    reports_per_year,
)
from tipline.figures.volume_charts import (
    bundling_comparison,
    bundling_table,
    icac_informational_share,
    location_shares,
    platform_concentration,
    us_count_comparison,
)
from tipline.table import Table

__all__ = [
    "LABELLING_COMPARABLE_FROM",
    "PRIORITY_METRICS",
    "Table",
    "bundling_comparison",
    "bundling_table",
    "column_sources",
    "contradictions_table",
    "escalation_scale",
    "fields_table",
    "icac_informational_share",
    "icac_tips_and_outcomes",
    "location_shares",
    "platform_concentration",
    "priority_levels",
    "priority_levels_table",
    "recipients_table",
    "report_sources_table",
    "reports_per_year",
    "secondary_figures_table",
    "sources_table",
    "table_overview",
    "us_count_comparison",
    "victims_identified",
]
