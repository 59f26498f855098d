"""The model's flow of one year's reports, stage by stage, as HTML bars.

The bars are the explorer's (:func:`tipline.explorer.flow_html`): each stage has its own
bar, scaled to that stage's total, and every part is named with its count and share, so
the small branches that decide the verdict stay readable on a phone and on paper. The
chapter's figure adds the words every chart carries (title, source line, description); it
needs no plotly.js.
"""

from __future__ import annotations

from tipline import charts
from tipline.explorer import flow_html
from tipline.figures.model_common import (
    DATA_FILES,
    assumption_note,
    model_sources,
    model_year,
    round_count,
)
from tipline.model import evaluate, verdict


def flow_figure(year: int | None = None) -> charts.HtmlFigure:
    """The model's flow of one year's domestic reports at the year's defaults, stage by
    stage (HTML bars)."""
    year = model_year(year)
    r = evaluate(year=year)
    out = {k: float(v) for k, v in r.as_dict().items()}
    d, w = out["domestic"], out["worked"]
    title = (
        f"Of {d / 1e6:.1f} million domestic reports in {year}, neither side gains from "
        f"{out['neither_share']:.0%}; about {round_count(out['sound_case'])} became sound cases "
        f"against about {round_count(out['benefit_defendants'])} outcomes that help defendants"
    )
    alt = (
        f"Bars of the model's flow at the {year} defaults, stage by stage. {d:,.0f} domestic "
        f"reports split "
        f"into {out['actionable']:,.0f} actionable and {out['informational']:,.0f} "
        f"informational. {w:,.0f} reports are worked, {out['investigated']:,.0f} of them "
        f"actionable. Helps investigators: {out['sound_case']:,.0f} sound cases or identified "
        f"victims. Helps defendants: {out['compromised']:,.0f} cases weakened in court and "
        f"{out['tipped_off']:,.0f} suspects tipped off by an unworked report. Neither side "
        f"gains ({out['neither']:,.0f} reports, {out['neither_share']:.1%}): "
        f"{out['no_result']:,.0f} investigated with no result, {out['unrealised']:,.0f} "
        f"actionable reports never reached, {out['lost']:,.0f} whose evidence was lost while "
        f"they waited (against the same report never made, that helps nobody), "
        f"{out['informational_worked']:,.0f} informational reports worked with little to find "
        f"and {out['idle_informational']:,.0f} not worked. Tilt {out['tilt']:+.2f}: "
        f"{verdict(out['tilt'])}."
    )
    return charts.HtmlFigure(
        body=flow_html(r),
        title=title,
        source=model_sources([year], note=assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
    )
