"""Chapter 5 (Competing narratives): how the news framed the 2024 fall, and each side's
story read as a setting of the model.

* :func:`framing_numbers` and :func:`reports_vs_incidents_chart`: the unit behind the widely
  reported "fall" in 2024 reports; :func:`ai_reports_table`: generative-AI-related reports;
* :data:`NARRATIVES`, :func:`narrative_settings`, :func:`narrative_worlds`,
  :func:`narrative_table` and :func:`narrative_chart`: each narrative as one slider of the
  model, and all four at once as each side would set them.

Charts are :class:`tipline.charts.Chart` objects on the chart layer; tables
:class:`tipline.table.Table`. Every number in a title, caption or description is computed
here from ``data/`` or from the model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tipline import charts
from tipline.calibration import year_inputs
from tipline.charts import Chart
from tipline.data import load
from tipline.figures.law_tables import law_table as _table
from tipline.figures.law_tables import links as _links
from tipline.figures.model_charts import DATA_FILES as MODEL_DATA_FILES
from tipline.figures.sources import row_sources, source_line
from tipline.figures.tilt_axis import tint_halves
from tipline.model import evaluate, params_for_year
from tipline.model import verdict as verdict_of
from tipline.model.params import check_year
from tipline.model.uncertainty import uncertainty_ranges
from tipline.style import (
    GREY,
    INK,
    LIGHT,
    NEUTRAL,
)
from tipline.table import Table

__all__ = [
    "NARRATIVES",
    "WORLDS",
    "ai_reports_table",
    "framing_numbers",
    "narrative_chart",
    "narrative_settings",
    "narrative_table",
    "narrative_worlds",
    "reports_vs_incidents_chart",
]


# -- media framing ---------------------------------------------------------------------------


def framing_numbers() -> dict:
    """2023 and 2024 totals, the 2024 incident count, and both ways of computing the fall."""
    years = load("reports_by_year")
    preferred = years[years["preferred"]].set_index("year")
    r2023 = float(preferred.loc[2023, "total_reports"])
    r2024 = float(preferred.loc[2024, "total_reports"])
    inc2024 = float(preferred.loc[2024, "incidents_after_unbundling"])
    ap = years[(years["year"] == 2024) & (years["variant"] == "ap_reports_framing")]
    ap_value = float(ap["total_reports"].iloc[0])
    return {
        "reports_2023": r2023,
        "reports_2024": r2024,
        "incidents_2024": inc2024,
        "ap_2024": ap_value,
        "ap_fall": 1 - ap_value / r2023,
        "report_fall": 1 - r2024 / r2023,
        "incident_gap": inc2024 - r2024,
    }


def reports_vs_incidents_chart() -> Chart:
    """2023 reports, 2024 reports and 2024 incidents: the unit behind the AP's "fall"."""
    years = load("reports_by_year")
    preferred = years[years["preferred"]]
    rows = preferred[preferred["year"].isin([2023, 2024])]
    ap = years[(years["year"] == 2024) & (years["variant"] == "ap_reports_framing")]
    n = framing_numbers()
    labels = ["2023 reports", "2024 reports", "2024 incidents"]
    values = [n["reports_2023"], n["reports_2024"], n["incidents_2024"]]

    def secondary(year: int, column: str) -> bool:
        return any(c == "secondary" for _, c in row_sources(rows[rows["year"] == year], column))

    weak = [
        secondary(2023, "total_reports"),
        secondary(2024, "total_reports"),
        secondary(2024, "incidents_after_unbundling"),
    ]
    above = [
        f"{values[0] / 1e6:.1f}M",
        f"{values[1] / 1e6:.1f}M<br>{n['report_fall']:.0%} below<br>2023 reports",
        f"{values[2] / 1e6:.1f}M<br>{n['ap_fall']:.0%} below<br>2023 reports",
    ]
    fig = charts.figure(y_title="Reports or incidents (millions)", height=380)
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[v / 1e6 for v in values],
            marker=charts.secondary_marker([GREY, GREY, INK], weak),
            text=above,
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f} million<extra></extra>",
            showlegend=False,
            name="Count",
        )
    )
    fig.update_layout(yaxis_range=[0, n["reports_2023"] / 1e6 * 1.12], bargap=0.35)
    fig.update_xaxes(showgrid=False)
    charts.on_phone(
        fig,
        layout={
            "xaxis.ticktext": ["2023<br>reports", "2024<br>reports", "2024<br>incidents"],
            "xaxis.tickvals": labels,
        },
    )
    if any(weak):
        charts.mark_secondary(fig)
    title = (
        f"Counted in reports, 2024 fell {n['report_fall']:.0%} below 2023; the widely reported "
        f"{n['ap_fall']:.0%} fall set 2024 incidents against 2023 reports"
    )
    alt = (
        f"Bar chart with three bars: {n['reports_2023']:,.0f} CyberTipline reports in 2023, "
        f"{n['reports_2024']:,.0f} reports in 2024 ({n['report_fall']:.0%} fewer), and about "
        f"{n['incidents_2024']:,.0f} incidents in 2024 once bundled reports are counted "
        f"separately ({n['ap_fall']:.0%} fewer than 2023 reports). The news figure of about "
        f"{n['ap_2024'] / 1e6:.1f} million '2024 reports' is the incident count."
    )
    entries = (
        row_sources(rows, "total_reports")
        + row_sources(rows[rows["year"] == 2024], "incidents_after_unbundling")
        + row_sources(ap, "total_reports")
    )
    return Chart(
        figure=fig,
        title=title,
        subtitle=(
            "CyberTipline reports in 2023 and 2024, and 2024's incidents (bundled reports "
            "counted one by one), in millions"
        ),
        source=source_line(entries),
        alt=alt,
        data_files=("reports_by_year.csv",),
        height=380,
    )


def ai_reports_table() -> Table:
    """Generative-AI-related report counts and the one-company stream behind the 2025 rise."""
    types = load("incident_types")
    ai = types[types["incident_type"] == "generative_ai"].copy()
    ai["what"] = np.where(
        ai["period"] == "H1",
        "Generative-AI-related reports, January to June",
        "Generative-AI-related reports, whole year",
    )
    ai["count"] = [
        ("more than " if "lower bound" in note.lower() else "about " if approx else "")
        + f"{int(n):,}"
        for n, approx, note in zip(ai["reports"], ai["approximate"], ai["notes"], strict=True)
    ]
    platforms = load("reports_by_platform")
    amazon = platforms[
        (platforms["parent_company"] == "Amazon")
        & platforms["platform"].str.contains("AI", regex=False)
        & platforms["year"].isin(ai["year"])
    ].copy()
    amazon["what"] = "From " + amazon["platform"] + " alone (one company)"
    amazon["count"] = ["about " + f"{int(n):,}" for n in amazon["reports"]]
    amazon["period"] = "CY"
    frame = pd.concat(
        [
            ai[["year", "period", "what", "count", "source", "confidence"]],
            amazon[["year", "period", "what", "count", "source", "confidence"]],
        ]
    ).sort_values(["period", "year"], ascending=[False, True], kind="stable")
    frame["label"] = frame["year"].astype(str)
    frame["sources_html"] = frame["source"].map(_links)
    columns = (
        ("label", "Year"),
        ("what", "What is counted"),
        ("count", "Reports"),
        ("confidence", "Primary or secondary"),
        ("sources_html", "Source"),
    )
    caption = (
        "Reports NCMEC classed as related to generative AI. Half-year counts are NCMEC's own; "
        "whole-year counts and the one-company figure come from secondary reporting."
    )
    return _table(frame, columns, caption, row_header="label", raw_html_columns=("sources_html",))


# -- each narrative as a slider setting -------------------------------------------------------


NARRATIVES = (
    (
        "rescue",
        "Tips rescue children and build cases",
        "NCMEC and police",
        "p_success",
        "high",
    ),
    (
        "noise",
        "Most reports are noise",
        "researchers and platforms",
        "quality",
        "low",
    ),
    (
        "capacity",
        "Investigators are overwhelmed",
        "researchers, task forces and advocates of more funding",
        "capacity",
        "low",
    ),
    (
        "lost",
        "Unworked reports let evidence slip away",
        "the Stanford researchers and Congress, behind the longer preservation period",
        "p_lost",
        "high",
    ),
)
"""The competing narratives of chapter 5, each read as a claim about one model parameter:
``(id, narrative, told mainly by, parameter, end of its uncertainty range the story points
to)``. The end is the narrative's content, not a number; every value comes from
:func:`tipline.model.uncertainty.uncertainty_ranges`."""

WORLDS = {
    "defenders": "Every story as the system's defenders would set it",
    "critics": "Every story as the system's critics would set it",
}
"""The two combined settings of :func:`narrative_worlds`."""


def _param_text(name: str, value: float, year: int) -> str:
    spec = params_for_year(year)[name].format
    if spec.endswith("f") and abs(value) >= 1000:
        spec = ",.0f"
    return format(value, spec)


def _tilt_phrase(tilt: float) -> str:
    return f"{tilt:+.2f}, {verdict_of(tilt)}"


def narrative_settings(year: int | None = None) -> pd.DataFrame:
    """Each narrative of :data:`NARRATIVES` as a setting of its parameter.

    One row per narrative, in :data:`NARRATIVES` order. Columns: ``id``, ``narrative``,
    ``told_by``, ``param``, ``label`` (the parameter's label), ``default`` (the year's
    default), ``story_value`` (the end of the parameter's uncertainty range the story points
    to), ``other_value`` (the other end), ``tilt_default``, ``tilt_story``, ``tilt_other``
    (the model's tilt with only that parameter changed), ``verdict_story`` and
    ``verdict_other`` (the verdicts in words). ``attrs["year"]`` holds the year.
    """
    year = check_year(year)
    params = params_for_year(year)
    bounds = uncertainty_ranges(year)
    tilt_default = float(evaluate(year=year).tilt)
    rows = []
    for ident, narrative, told_by, name, end in NARRATIVES:
        low, high = bounds[name]
        story, other = (high, low) if end == "high" else (low, high)
        tilts = evaluate(year=year, **{name: np.array([story, other])}).tilt
        rows.append(
            {
                "id": ident,
                "narrative": narrative,
                "told_by": told_by,
                "param": name,
                "label": params[name].label,
                "default": params[name].default,
                "story_value": story,
                "other_value": other,
                "tilt_default": tilt_default,
                "tilt_story": float(tilts[0]),
                "tilt_other": float(tilts[1]),
                "verdict_story": verdict_of(float(tilts[0])),
                "verdict_other": verdict_of(float(tilts[1])),
            }
        )
    frame = pd.DataFrame(rows)
    frame.attrs["year"] = year
    return frame


def narrative_worlds(year: int | None = None) -> dict:
    """All four narratives' parameters at once: as the defenders and as the critics say.

    For each parameter of :data:`NARRATIVES` the *defenders'* setting is whichever end of
    its uncertainty range gives investigators the higher tilt, the *critics'* setting the
    other end; every other parameter stays at the year's default. Returns ``{"defenders":
    {...}, "critics": {...}, "default": {...}}``, each with ``values`` (parameter -> value),
    ``tilt`` and ``verdict``.
    """
    year = check_year(year)
    settings = narrative_settings(year)
    friendly, hostile = {}, {}
    for _, row in settings.iterrows():
        story_better = row["tilt_story"] >= row["tilt_other"]
        best, worst = (
            (row["story_value"], row["other_value"])
            if story_better
            else (row["other_value"], row["story_value"])
        )
        friendly[row["param"]], hostile[row["param"]] = float(best), float(worst)
    out = {}
    for key, values in (("defenders", friendly), ("critics", hostile), ("default", {})):
        tilt = float(evaluate(year=year, **values).tilt)
        out[key] = {"values": values, "tilt": tilt, "verdict": verdict_of(tilt)}
    return out


def narrative_table(year: int | None = None) -> Table:
    """:func:`narrative_settings` as an accessible table: each story, its slider, the
    setting it implies and the verdict there, against the other end of the range."""
    year = check_year(year)
    frame = narrative_settings(year)
    frame["slider"] = frame["label"]
    frame["default_text"] = [
        f"{_param_text(n, v, year)} (tilt {_tilt_phrase(t)})"
        for n, v, t in zip(frame["param"], frame["default"], frame["tilt_default"], strict=True)
    ]
    frame["story_text"] = [
        f"{_param_text(n, v, year)}: tilt {_tilt_phrase(t)}"
        for n, v, t in zip(frame["param"], frame["story_value"], frame["tilt_story"], strict=True)
    ]
    frame["other_text"] = [
        f"{_param_text(n, v, year)}: tilt {_tilt_phrase(t)}"
        for n, v, t in zip(frame["param"], frame["other_value"], frame["tilt_other"], strict=True)
    ]
    columns = (
        ("narrative", "Narrative"),
        ("told_by", "Told mainly by"),
        ("slider", "Model slider"),
        ("default_text", f"{year} default"),
        ("story_text", "If the story is right"),
        ("other_text", "Other end of the range"),
    )
    caption = (
        f"Each competing narrative read as one slider of the model ({year}); every other "
        "setting stays at its default. The two ends are the ends of the parameter's "
        "documented uncertainty range."
    )
    return _table(frame, columns, caption, row_header="narrative")


def _model_sources(year: int) -> list[tuple[str, str]]:
    """(bib key, primary/secondary) of the figures behind the model's measured defaults."""
    from tipline.figures.law_charts import key_numbers  # the summary's figures, one source

    pairs = []
    for name, figure in key_numbers(year)["sources"].items():
        if name != "urgent":  # not a model input
            pairs += figure
    entry = year_inputs(year)["p_success"]
    confidence = "secondary" if "secondary" in entry["confidence"] else "primary"
    return pairs + [(key, confidence) for key in entry["sources"]]


def narrative_chart(year: int | None = None) -> Chart:
    """Where each narrative, set on its slider, puts the tilt; and all four at once.

    A dot chart with one row per narrative: a diamond at the tilt the story implies and a
    dot at the other end of the parameter's range, joined by a line; then two rows for
    :func:`narrative_worlds`. Each row's label is written above it (so that the chart keeps
    its width on a phone). The half of the axis that favours each side is tinted in its
    colour; lines mark zero and the tilt at the year's defaults.
    """
    year = check_year(year)
    frame = narrative_settings(year)
    worlds = narrative_worlds(year)
    default = float(frame["tilt_default"].iloc[0])
    k = len(frame)
    rows = list(range(k + 1, 1, -1))  # narratives from the top; the two worlds below
    world_rows = [1, 0]
    labels = [
        f"<b>{n}</b><br>slider: {lab.lower()}"
        for n, lab in zip(frame["narrative"], frame["label"], strict=True)
    ]
    height = 600
    fig = charts.figure(
        x_title="Tilt: below 0 favours defendants, above 0 favours investigators", height=height
    )
    tint_halves(fig, (-1.05, 1.05))
    for y, story, other in zip(rows, frame["tilt_story"], frame["tilt_other"], strict=True):
        fig.add_trace(
            go.Scatter(
                x=[story, other],
                y=[y, y],
                mode="lines",
                line={"color": LIGHT, "width": 3},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=frame["tilt_other"],
            y=rows,
            mode="markers",
            name="Other end of the range",
            marker={"symbol": "circle", "size": 10, "color": GREY},
            customdata=frame["narrative"],
            hovertemplate="%{customdata}: other end, tilt %{x:+.2f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame["tilt_story"],
            y=rows,
            mode="markers+text",
            name="As the story says",
            marker={"symbol": "diamond", "size": 14, "color": INK},
            text=[f"{t:+.2f}" for t in frame["tilt_story"]],
            # the number sits beside the marker, on the side away from the other end
            textposition=[
                "middle left" if s < o else "middle right"
                for s, o in zip(frame["tilt_story"], frame["tilt_other"], strict=True)
            ],
            cliponaxis=False,
            customdata=frame["narrative"],
            hovertemplate="%{customdata}: as the story says, tilt %{x:+.2f}<extra></extra>",
        )
    )
    world_names = [WORLDS["defenders"], WORLDS["critics"]]
    world_tilts = [worlds["defenders"]["tilt"], worlds["critics"]["tilt"]]
    fig.add_trace(
        go.Scatter(
            x=world_tilts,
            y=world_rows,
            mode="markers+text",
            name="All four sliders at once",
            marker={"symbol": "square", "size": 13, "color": INK},
            text=[f"{t:+.2f}" for t in world_tilts],
            textposition=["middle left" if t > 0 else "middle right" for t in world_tilts],
            cliponaxis=False,
            customdata=world_names,
            hovertemplate="%{customdata}: tilt %{x:+.2f}<extra></extra>",
        )
    )
    world_labels = [f"<b>{charts.wrap(name, 40)}</b>" for name in world_names]
    for y, text in zip(rows + world_rows, labels + world_labels, strict=True):
        fig.add_annotation(
            x=-1.05,
            y=y + 0.28,
            text=text,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 12},
        )
    charts.reference_line(fig, x=0, dash="solid", colour=INK, width=1.5)
    charts.reference_line(fig, x=default, dash="dot", colour=NEUTRAL)
    # The note reads away from the nearer edge, so it stays inside the chart on a phone.
    anchor = "left" if default < 0.5 else "right"
    charts.top_note(fig, f"defaults: {default:+.2f}", default, xanchor=anchor, colour=INK)
    fig.update_layout(
        xaxis={
            "range": [-1.05, 1.05],
            "tickvals": [-1, -0.5, 0, 0.5, 1],
            "ticktext": ["\u22121", "\u22120.5", "0", "+0.5", "+1"],
            "showgrid": True,
        },
        yaxis={"visible": False, "range": [-0.6, k + 1.75]},
    )
    charts.on_phone(fig, height=640)
    flips = frame[(frame["tilt_story"] > 0) != (default > 0)]
    low, high = float(frame["tilt_story"].min()), float(frame["tilt_story"].max())
    other = "defendants" if default > 0 else "investigators"
    title = (
        f"Set on its own slider, each side's story puts the tilt between {low:+.2f} and "
        f"{high:+.2f}; {len(flips)} of {len(frame)} stories tip it to {other} alone, and all "
        f"four range from {worlds['critics']['tilt']:+.2f} to {worlds['defenders']['tilt']:+.2f}"
    )
    parts = []
    for _, row in frame.iterrows():
        story = _param_text(row["param"], row["story_value"], year)
        other_end = _param_text(row["param"], row["other_value"], year)
        parts.append(
            f"{row['narrative']} ({row['label'].lower()} {story}): tilt "
            f"{_tilt_phrase(row['tilt_story'])}; at the other end ({other_end}) "
            f"{_tilt_phrase(row['tilt_other'])}"
        )
    alt = (
        f"Dot chart for {year}. At the defaults the tilt is {default:+.2f} "
        f"({verdict_of(default)}). Each narrative moves one slider to an end of its documented "
        "uncertainty range: " + "; ".join(parts) + ". With all four sliders set as the "
        f"system's critics would set them the tilt is {_tilt_phrase(worlds['critics']['tilt'])}; "
        f"as its defenders would set them, {_tilt_phrase(worlds['defenders']['tilt'])}."
    )
    return Chart(
        figure=fig,
        title=title,
        subtitle=(
            f"The model's tilt in {year} with one slider moved to the end of its range each "
            "story points to, every other input at its default; the last two rows move all four"
        ),
        source=source_line(
            _model_sources(year),
            note="The model's chance that a case reaches court is a rough proxy and the chances "
            "that an unworked report tips off its suspect or loses its evidence are assumptions; "
            "the ranges are the book's.",
        ),
        alt=alt,
        data_files=MODEL_DATA_FILES,
        height=height,
    )
