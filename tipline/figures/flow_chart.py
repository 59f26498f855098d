"""The model's flow of one year's reports as a Sankey diagram."""

from __future__ import annotations

from tipline import charts
from tipline.chart import Chart
from tipline.figures.model_common import (
    DATA_FILES,
    assumption_note,
    model_sources,
    model_year,
    round_count,
)
from tipline.flow import sankey_trace
from tipline.model import evaluate, verdict


def flow_sankey(year: int | None = None) -> Chart:
    """The model's flow of one year's domestic reports at the year's defaults (Sankey)."""
    year = model_year(year)
    r = evaluate(year=year)
    out = {k: float(v) for k, v in r.as_dict().items()}
    fig = charts.figure(height=520, xaxis={"visible": False}, yaxis={"visible": False})
    fig.add_trace(sankey_trace(out, r.choices["baseline"]))
    d, w = out["domestic"], out["worked"]
    title = (
        f"Of {d / 1e6:.1f} million domestic reports in {year}, neither side gains from "
        f"{out['neither_share']:.0%}; about {round_count(out['sound_case'])} became sound cases "
        f"against about {round_count(out['benefit_defendants'])} outcomes that help defendants"
    )
    alt = (
        f"Flow diagram of the model at the {year} defaults. {d:,.0f} domestic reports split "
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
    return Chart(
        figure=fig,
        title=title,
        source=model_sources([year], note=assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=520,
    )
