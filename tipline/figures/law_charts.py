"""Charts and tables for the law chapters: where the system can help defendants (chapter 4),
competing narratives (chapter 5) and the executive summary's key numbers. The fact-check
ledger's charts and tables are in :mod:`tipline.figures.ledger_charts`.

Charts are :class:`tipline.chart.Chart` objects; tables are :class:`tipline.table.Table` objects (an
accessible HTML ``<table>`` with a ``<caption>`` and ``scope`` on every heading, plus a plain
text form). Every number in a title, caption or description is computed here from ``data/``
or from the model; nothing is typed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tipline import bibliography
from tipline.calibration import year_inputs
from tipline.data import load
from tipline.figures.law_tables import law_table as _table
from tipline.figures.law_tables import links as _links
from tipline.figures.narrative_charts import (
    NARRATIVES,
    WORLDS,
    ai_reports_table,
    framing_numbers,
    narrative_chart,
    narrative_settings,
    narrative_table,
    narrative_worlds,
    reports_vs_incidents_chart,
)
from tipline.figures.sources import row_sources
from tipline.model import evaluate
from tipline.model.params import RANGES, check_year
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

    Defined for the two assumptions that help defendants under the default modelling
    choices, ``p_alert`` (the chance an unworked report tips off its suspect) and
    ``p_compromise`` (the share of court cases weakened); the tilt falls as either rises.
    With ``tilt=0`` it is the value at which the balance tips; with ``tilt=0.1`` the edge of
    the "leans toward investigators" band. Returns ``nan`` if that tilt is not reached inside
    the parameter's valid range. Raises ``ValueError`` for another parameter or a tilt
    outside (-1, 1).
    """
    if param not in ("p_alert", "p_compromise"):
        raise ValueError(
            f"break_even is defined for 'p_alert' and 'p_compromise' only (got {param!r})"
        )
    if isinstance(tilt, bool) or not isinstance(tilt, (int, float)) or not -1 < tilt < 1:
        raise ValueError(f"tilt must be a number strictly between -1 and 1 (got {tilt!r})")
    r = evaluate(year=year)
    if param == "p_alert":
        # B_inv - B_def = tilt (B_inv + B_def)  <=>  B_def = B_inv (1 - tilt) / (1 + tilt)
        target = float(r.benefit_investigators) * (1 - tilt) / (1 + tilt)
        value = (target - float(r.compromised)) / float(r.domestic - r.worked)
    else:
        # With J cases in court and T tip-offs: (1 - k) J - k J - T = tilt (J + T)
        court, tipped = float(r.court), float(r.tipped_off)
        value = (court - tipped - tilt * (court + tipped)) / (2.0 * court)
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
            "Case weakened in court (e.g. evidence suppressed, a conviction set aside)",
            "defendants",
            r.compromised,
            "share of court cases weakened (assumption bounded by the court decisions)",
        ),
        (
            "Unworked report: suspect tipped off by something the report set in motion",
            "defendants",
            r.tipped_off,
            "chance an unworked report tips off its suspect (assumption)",
        ),
        (
            "Unworked report: evidence lost while it waited",
            "neither: the suspect is where they were without the report",
            r.lost,
            "chance an unworked report loses its evidence (assumption)",
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
