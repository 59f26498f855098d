"""Charts and tables for the law chapters: where the system can help defendants (chapter 4),
competing narratives (chapter 5) and the executive summary's key numbers. The fact-check
ledger's charts and tables are in :mod:`tipline.figures.ledger_charts`.

Charts are :class:`tipline.chart.Chart` objects; tables are :class:`tipline.table.Table` objects (an
accessible HTML ``<table>`` with a ``<caption>`` and ``scope`` on every heading, plus a plain
text form). Every number in a title, caption or description is computed here from ``data/``
or from the model; nothing is typed.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography, ledger
from tipline.calibration import year_inputs
from tipline.chart import Chart
from tipline.data import load
from tipline.figures.common import mark_tilt_default
from tipline.figures.model_charts import DATA_FILES as MODEL_DATA_FILES
from tipline.figures.sources import row_sources, source_line
from tipline.model import evaluate, params_for_year
from tipline.model import verdict as verdict_of
from tipline.model.params import RANGES, check_year
from tipline.model.uncertainty import uncertainty_ranges
from tipline.style import HIGHLIGHT, INVESTIGATORS, NEUTRAL, base_layout
from tipline.table import Table

__all__ = [
    "NARRATIVES",
    "WORLDS",
    "ai_reports_table",
    "break_even",
    "court_case_findings",
    "court_cases_table",
    "framing_numbers",
    "key_numbers",
    "key_numbers_table",
    "model_outcomes",
    "model_outcomes_table",
    "narrative_chart",
    "narrative_settings",
    "narrative_table",
    "narrative_worlds",
    "reports_vs_incidents_chart",
]


def _plain(frame: pd.DataFrame, columns, caption: str) -> str:
    lines = [caption]
    for _, row in frame.iterrows():
        lines.append(" | ".join(f"{heading}: {row[col]}" for col, heading in columns))
    return "\n".join(re.sub(r"<[^>]+>", "", line) for line in lines)


def _table(frame, columns, caption, *, row_header, raw_html_columns=(), stack=True):
    """An accessible table; ``stack``: on a narrow screen each row becomes a labelled block
    (class ``tipline-stack`` and ``data-label`` cells, styled by ``tipline-ledger.css``)."""
    markup = ledger.html_table(
        frame,
        columns,
        caption,
        row_header=row_header,
        raw_html_columns=raw_html_columns,
        table_class="tipline-table tipline-law-table" + (" tipline-stack" if stack else ""),
        cell_labels=stack,
    )
    return Table(markup, _plain(frame, columns, caption))


def _wrap(label: str, width: int = 22) -> str:
    """A chart label broken into lines of at most ``width`` characters (plotly ``<br>``)."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def _links(cell: str) -> str:
    return "; ".join(bibliography.link_html(key) for key in bibliography.split_keys(cell))


# -- chapter 4: court cases ----------------------------------------------------------------

COURT_CASE_COLUMNS = (
    ("case_label", "Case"),
    ("court", "Court"),
    ("year", "Year"),
    ("issue", "Question before the court"),
    ("holding", "What the court held (our summary)"),
    ("suppressed", "Evidence suppressed in the end?"),
    ("outcome_for_defendant", "Outcome for the defendant"),
    ("sources_html", "Source"),
)


def _court_cases() -> pd.DataFrame:
    cases = load("court_cases")
    order = {"federal appellate": 0, "state appellate": 0, "federal district": 1}
    cases["level_rank"] = cases["court_level"].map(order)
    cases["appellate"] = cases["court_level"].str.endswith("appellate")
    cases["defendant"] = cases["case_name"].str.extract(r"v\. (\S+)", expand=False)
    return cases.sort_values(["level_rank", "year", "case_id"]).reset_index(drop=True)


def court_case_findings() -> dict:
    """The key finding of the court-case table, computed from ``data/court_cases.csv``.

    Returns counts of decisions (all, appellate, district), appellate decisions in which the
    defendant won a legal point (``favours`` is ``mixed`` or ``defendant``), decisions in
    which evidence was suppressed in the end, the appellate wins neutralised by the
    good-faith exception (outcome mentions it), and wins offset by a parallel prosecution of
    the same defendant on the same tip in which suppression was refused.
    """
    cases = _court_cases()
    appellate = cases[cases["appellate"]]
    wins = appellate[appellate["favours"].isin(["mixed", "defendant"])]
    suppressed = cases[cases["evidence_suppressed_in_the_end"] == "yes"]
    good_faith = wins[wins["outcome_for_defendant"].str.contains("good-faith", case=False)]
    parallel = []
    for _, row in suppressed.iterrows():
        others = cases[
            (cases["defendant"] == row["defendant"])
            & (cases["case_id"] != row["case_id"])
            & (cases["evidence_suppressed_in_the_end"] == "no")
        ]
        parallel += [(row["case_name"], other["case_name"]) for _, other in others.iterrows()]
    offset = {won for won, _ in parallel}
    neutralised = set(good_faith["case_name"]) | offset
    return {
        "decisions": len(cases),
        "appellate": len(appellate),
        "district": int((~cases["appellate"]).sum()),
        "appellate_wins": len(wins),
        "appellate_win_names": list(wins["case_name"]),
        "suppressed_in_the_end": len(suppressed),
        "suppressed_names": list(suppressed["case_name"]),
        "good_faith_names": list(good_faith["case_name"]),
        "parallel_pairs": parallel,
        "wins_neutralised": len(set(wins["case_name"]) & neutralised)
        + len(set(suppressed["case_name"]) - set(wins["case_name"])),
        "suppression_stood_unoffset": len(set(suppressed["case_name"]) - offset),
        "first_year": int(cases["year"].min()),
        "last_year": int(cases["year"].max()),
        "secondary_only": list(cases.loc[cases["confidence"] == "secondary", "case_name"]),
    }


def court_cases_table() -> Table:
    """Every decision in ``data/court_cases.csv``: appellate first, then district courts."""
    cases = _court_cases()
    cases["case_label"] = cases["case_name"] + np.where(
        cases["citation"].str.len() > 0, ", " + cases["citation"], ""
    )
    cases["suppressed"] = cases["evidence_suppressed_in_the_end"].str.capitalize()
    cases["sources_html"] = [
        f"{_links(src)} ({conf})"
        for src, conf in zip(cases["source"], cases["confidence"], strict=True)
    ]
    found = court_case_findings()
    caption = (
        f"Published decisions on how a CyberTip was produced or used, {found['first_year']}"
        f"-{found['last_year']}: {found['appellate']} appellate and {found['district']} "
        "district-court decisions. A small set found by searching, not a random sample."
    )
    return _table(
        cases,
        COURT_CASE_COLUMNS,
        caption,
        row_header="case_label",
        raw_html_columns=("sources_html",),
    )


# -- chapter 4: the model ------------------------------------------------------------------


def break_even(param: str, year: int | None = None, tilt: float = 0.0) -> float:
    """Value of ``param`` at which the tilt equals ``tilt``, other inputs at the defaults.

    Defined for the two unmeasured chances that help defendants, ``p_alert`` and
    ``p_compromise`` (the tilt falls as either rises). With ``tilt=0`` it is the value at
    which the balance tips; with ``tilt=0.1`` the edge of the "leans toward investigators"
    band. Returns ``nan`` if that tilt is not reached inside the parameter's valid range.
    Raises ``ValueError`` for another parameter or a tilt outside (-1, 1).
    """
    if param not in ("p_alert", "p_compromise"):
        raise ValueError(
            f"break_even is defined for 'p_alert' and 'p_compromise' only (got {param!r})"
        )
    if isinstance(tilt, bool) or not isinstance(tilt, (int, float)) or not -1 < tilt < 1:
        raise ValueError(f"tilt must be a number strictly between -1 and 1 (got {tilt!r})")
    r = evaluate(year=year)
    # B_inv - B_def = tilt (B_inv + B_def)  <=>  B_def = B_inv (1 - tilt) / (1 + tilt)
    target = float(r.benefit_investigators) * (1 - tilt) / (1 + tilt)
    if param == "p_alert":
        value = (target - float(r.compromised)) / float(r.domestic - r.worked)
    else:
        q = float(r.params["quality"])
        value = (target - float(r.lost_or_alerted)) / ((2.0 - q) * float(r.investigated))
    low, high = RANGES[param]
    return value if low <= value <= high else float("nan")


def model_outcomes(year: int | None = None) -> pd.DataFrame:
    """The model's domestic outcomes at ``year``'s defaults, with whom each one serves.

    Columns: ``outcome``, ``serves``, ``reports`` (float), ``set_by``. Separates what helps
    investigators, what helps defendants, and value that helps nobody (unrealised).
    """
    year = check_year(year)
    r = evaluate(year=year)
    rows = [
        (
            "Sound case or identified victim",
            "investigators",
            r.sound_case,
            "chance of a sound case (measured proxy)",
        ),
        (
            "Compromised case (e.g. evidence suppressed, weakened by a summary or an "
            "unviewed file)",
            "defendants",
            r.compromised,
            "chance of a compromised case (assumption)",
        ),
        (
            "Unworked report: suspect alerted or evidence lost",
            "defendants",
            r.lost_or_alerted,
            "chance an unworked report helps a suspect (assumption)",
        ),
        (
            "Investigated, no result either way",
            "neither",
            r.no_result,
            "the rest of the investigated actionable reports",
        ),
        (
            "Actionable report never reached (unrealised value)",
            "neither: value nobody used",
            r.unrealised,
            "capacity and triage",
        ),
        (
            "Informational report worked or left idle",
            "neither",
            r.informational_worked + r.idle_informational,
            "quality and capacity",
        ),
    ]
    return pd.DataFrame(
        {
            "outcome": [row[0] for row in rows],
            "serves": [row[1] for row in rows],
            "reports": [float(row[2]) for row in rows],
            "set_by": [row[3] for row in rows],
        }
    )


def _round2(x: float) -> str:
    if x < 10:
        return f"{x:,.0f}"
    return f"{float(f'{x:.2g}'):,.0f}"


def model_outcomes_table(year: int | None = None) -> Table:
    """:func:`model_outcomes` as an accessible table (counts rounded to two figures)."""
    year = check_year(year)
    frame = model_outcomes(year)
    frame["reports_text"] = frame["reports"].map(_round2)
    total = evaluate(year=year).domestic
    caption = (
        f"Where the model sends about {_round2(float(total))} U.S.-domestic reports of {year} at "
        "its default settings, and whom each outcome serves"
    )
    columns = (
        ("outcome", "Outcome in the model"),
        ("serves", "Whom it serves"),
        ("reports_text", "Reports (rounded)"),
        ("set_by", "Driven by"),
    )
    return _table(frame, columns, caption, row_header="outcome")


# -- chapter 5: media framing --------------------------------------------------------------


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
    labels = ["2023<br>reports", "2024<br>reports", "2024 incidents<br>(reports<br>unbundled)"]
    values = [n["reports_2023"], n["reports_2024"], n["incidents_2024"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[v / 1e6 for v in values],
            marker={
                "color": [INVESTIGATORS, INVESTIGATORS, HIGHLIGHT],
                "pattern": {"shape": ["", "", "/"]},
            },
            text=[f"{v / 1e6:.1f} million" for v in values],
            textposition="outside",
            customdata=[label.replace("<br>", " ") for label in labels],
            hovertemplate="%{customdata}: %{y:.1f} million<extra></extra>",
            showlegend=False,
        )
    )
    for target, fall, shift in (
        (n["reports_2024"], n["report_fall"], -1),
        (n["incidents_2024"], n["ap_fall"], 1),
    ):
        fig.add_annotation(
            x=labels[1] if shift < 0 else labels[2],
            y=target / 1e6 / 2,
            text=f"{fall:.0%} below<br>2023<br>reports",
            showarrow=False,
            font={"color": "white" if shift < 0 else "#222222", "size": 12},
        )
    fig.update_layout(
        base_layout(margin={"l": 70, "r": 20, "t": 30, "b": 60}),
        yaxis={
            "title": "Reports or incidents (millions)",
            "range": [0, n["reports_2023"] / 1e6 * 1.2],
        },
        xaxis={"title": "", "tickangle": 0},
    )
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
        source=source_line(entries),
        alt=alt,
        data_files=("reports_by_year.csv",),
        height=400,
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


# -- chapter 5: each narrative as a slider setting ------------------------------------------

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
        "defence practitioners and critics; the reasoning behind longer preservation",
        "p_alert",
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
    pairs = []
    for name, figure in key_numbers(year)["sources"].items():
        if name != "urgent":  # not a model input
            pairs += figure
    entry = year_inputs(year)["p_success"]
    confidence = "secondary" if "secondary" in entry["confidence"] else "primary"
    return pairs + [(key, confidence) for key in entry["sources"]]


def narrative_chart(year: int | None = None) -> Chart:
    """Where each narrative, set on its slider, puts the tilt; and all four at once.

    A dot chart with one row per narrative: a marker at the tilt the story implies and one
    at the other end of the parameter's range, joined by a line; then two rows for
    :func:`narrative_worlds`. Each row's label is written above it (so that the chart keeps
    its width on a phone). Lines mark zero and the tilt at the year's defaults.
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
    fig = go.Figure()
    for y, story, other in zip(rows, frame["tilt_story"], frame["tilt_other"], strict=True):
        fig.add_trace(
            go.Scatter(
                x=[story, other],
                y=[y, y],
                mode="lines",
                line={"color": NEUTRAL, "width": 2},
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
            marker={"symbol": "circle-open", "size": 13, "color": NEUTRAL, "line": {"width": 2}},
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
            marker={
                "symbol": "diamond",
                "size": 14,
                "color": HIGHLIGHT,
                "line": {"width": 1, "color": "#222222"},
            },
            text=[f"{t:+.2f}" for t in frame["tilt_story"]],
            # the number sits beside the marker, on the side away from the other end
            textposition=[
                "middle left" if s < o else "middle right"
                for s, o in zip(frame["tilt_story"], frame["tilt_other"], strict=True)
            ],
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
            marker={"symbol": "square", "size": 13, "color": INVESTIGATORS},
            text=[f"{t:+.2f}" for t in world_tilts],
            textposition=["middle left" if t > 0 else "middle right" for t in world_tilts],
            customdata=world_names,
            hovertemplate="%{customdata}: tilt %{x:+.2f}<extra></extra>",
        )
    )
    world_labels = [f"<b>{_wrap(name, 40)}</b>" for name in world_names]
    for y, text in zip(rows + world_rows, labels + world_labels, strict=True):
        fig.add_annotation(
            x=-1.05,
            y=y + 0.3,
            text=text,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 12},
            bgcolor="rgba(255, 255, 255, 0.85)",
        )
    mark_tilt_default(fig, default, font={"size": 12})
    fig.update_layout(
        base_layout(
            margin={"l": 20, "r": 20, "t": 30, "b": 60},
            legend={"orientation": "h", "y": -0.16},
        ),
        xaxis={
            "title": "Tilt: below 0 favours defendants,<br>above 0 favours investigators",
            "range": [-1.05, 1.05],
            "dtick": 0.5,
            "tickangle": 0,
            "zeroline": False,
        },
        yaxis={"visible": False, "range": [-0.6, k + 1.7]},
    )
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
        source=source_line(
            _model_sources(year),
            note="The model's chance of a sound case is a rough proxy and the chance that an "
            "unworked report helps a suspect an assumption; the ranges are the book's.",
        ),
        alt=alt,
        data_files=MODEL_DATA_FILES,
        height=640,
    )


# -- the executive summary: the numbers that matter ----------------------------------------


def key_numbers(year: int | None = None) -> dict:
    """The executive summary's key figures for ``year``, from ``data/`` and the model.

    ``reports`` (all reports), ``foreign_share`` (user location abroad), ``us_located`` and
    ``unknown_location`` (reports), ``domestic`` (the model's domestic reports: U.S. or
    unknown location), ``quality`` (actionable share of reports made available to U.S. law
    enforcement), ``actionable`` (the model's actionable domestic reports), ``capacity``
    (ICAC investigations, the model's proxy), ``worked_share`` (capacity / domestic) and
    ``worked_share_actionable`` (capacity / actionable), ``urgent`` (urgent escalations, or
    ``None`` where none is recorded), ``sources`` (parameter -> (bib key, primary/secondary)
    pairs of the figure).
    """
    year = check_year(year)
    years = load("reports_by_year")
    row = years[(years["year"] == year) & years["preferred"]].iloc[0]
    inputs = year_inputs(year)
    r = evaluate(year=year)
    domestic, actionable = float(r.domestic), float(r.actionable)
    capacity = inputs["capacity"]["value"]
    urgent = row["urgent_escalations"]
    frame = row.to_frame().T
    sources = {
        "reports": row_sources(frame, "total_reports"),
        "foreign_share": row_sources(frame, "international_user_location_reports"),
        "quality": [
            (k, "secondary" if "secondary" in inputs["quality"]["confidence"] else "primary")
            for k in inputs["quality"]["sources"]
        ],
        "capacity": [
            (k, "secondary" if "secondary" in inputs["capacity"]["confidence"] else "primary")
            for k in inputs["capacity"]["sources"]
        ],
        "urgent": row_sources(frame, "urgent_escalations"),
    }
    return {
        "year": year,
        "reports": inputs["volume"]["value"],
        "foreign_share": inputs["foreign_share"]["value"],
        "us_located": float(row["us_user_location_reports"]),
        "unknown_location": float(row["unknown_location_reports"]),
        "domestic": domestic,
        "quality": inputs["quality"]["value"],
        "actionable": actionable,
        "capacity": capacity,
        "worked_share": min(capacity, domestic) / domestic,
        "worked_share_actionable": min(capacity, actionable) / actionable,
        "urgent": None if pd.isna(urgent) else float(urgent),
        "sources": sources,
    }


def _source_cell(pairs) -> str:
    grouped: dict[str, set[str]] = {}
    for key, confidence in pairs:
        grouped.setdefault(key, set()).add(confidence)
    return "; ".join(
        f"{bibliography.link_html(key)} ({'/'.join(sorted(conf))})" for key, conf in grouped.items()
    )


def key_numbers_table(year: int | None = None) -> Table:
    """The four numbers that matter most (reports, foreign share, actionable share, reports
    investigators can work), with how each is measured and its sources."""
    n = key_numbers(year)
    year = n["year"]
    rows = [
        (
            "Reports to the CyberTipline",
            f"{n['reports']:,.0f}",
            "Every report received in the calendar year, from platforms and the public.",
            n["sources"]["reports"],
        ),
        (
            "Share whose user was abroad",
            f"{n['foreign_share']:.1%}",
            f"User location resolved outside the U.S. The other {n['domestic']:,.0f} reports "
            f"({n['us_located']:,.0f} located in the U.S., {n['unknown_location']:,.0f} "
            "unknown) count as domestic here.",
            n["sources"]["foreign_share"],
        ),
        (
            "Share of U.S. referrals labelled actionable",
            f"{n['quality']:.0%}",
            "Actionable among reports NCMEC made available to U.S. law enforcement (ICAC "
            "units, federal and local agencies); a report sent to several agencies counts "
            "once per agency.",
            n["sources"]["quality"],
        ),
        (
            "Reports investigators can work (proxy)",
            f"{n['capacity']:,.0f}",
            f"ICAC task-force investigations in fiscal {year}: about "
            f"{n['worked_share']:.0%} of domestic reports, {n['worked_share_actionable']:.0%} "
            "of actionable ones. Includes non-CyberTip work; leaves out federal agencies.",
            n["sources"]["capacity"],
        ),
    ]
    frame = pd.DataFrame(rows, columns=["what", "value", "how", "pairs"])
    frame["sources_html"] = frame["pairs"].map(_source_cell)
    columns = (
        ("what", "What"),
        ("value", str(year)),
        ("how", "How it is measured"),
        ("sources_html", "Source (primary or secondary)"),
    )
    caption = f"The four numbers that matter most for the question, {year}"
    return _table(frame, columns, caption, row_header="what", raw_html_columns=("sources_html",))
