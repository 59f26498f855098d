"""Starting points for a discussion: named settings of every model parameter.

Each preset is computed from the year's calibrated defaults (so from ``data/``) plus one
documented change; nothing is typed here except the change itself and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tipline.data import LABELLING_COMPARABLE_FROM, load
from tipline.model import CHOICE_DEFAULTS, DEFAULT_YEAR, RANGES, params_for_year

#: How much the 2024 preset lowers p_lost: with content kept for a year instead of 90 days,
#: a report worked late is less likely to find the evidence gone. An assumption, not a
#: measurement: the REPORT Act quadrupled the preservation period; the preset only halves
#: the chance, because evidence also goes in other ways (accounts deleted by their owners).
PRESERVATION_EFFECT = 0.5


@dataclass(frozen=True)
class Preset:
    """A named setting of every parameter (``values``) and modelling choice (``choices``)."""

    id: str
    label: str
    description: str
    year: int
    values: dict
    choices: dict = field(default_factory=lambda: dict(CHOICE_DEFAULTS))


def _defaults(year: int) -> dict:
    return {name: p.default for name, p in params_for_year(year).items()}


def _clip(name: str, value: float) -> float:
    low, high = RANGES[name]
    return min(max(value, low), high)


def best_routed_quality() -> tuple[float, int]:
    """The highest actionable share of the reports NCMEC made available to ICAC task forces
    in a year with comparable labels (from :data:`tipline.data.LABELLING_COMPARABLE_FROM`),
    and that year.

    A target for "quality raised to what reporting can reach": the ICAC stream is the part of
    the U.S. reports that platforms and NCMEC already deliver at its best, so it shows a share
    the system has reached, not a hoped-for one.
    """
    rows = load("le_recipients")
    icac = rows[(rows["recipient"] == "ICAC units") & (rows["year"] >= LABELLING_COMPARABLE_FROM)]
    shares = icac["actionable"].astype(float) / icac["total"].astype(float)
    best = int(shares.to_numpy().argmax())
    return float(shares.iloc[best]), int(icac["year"].iloc[best])


def presets() -> list[Preset]:
    """The presets offered by both explorers, in display order."""
    base = _defaults(DEFAULT_YEAR)
    y2024 = _defaults(2024)
    best_quality, best_year = best_routed_quality()
    flood = dict(base)
    # Twice as many domestic reports, every added one informational: the same actionable
    # reports drowned in noise. Domestic count doubles by doubling volume at the same
    # foreign share; the actionable share halves.
    flood["volume"] = _clip("volume", base["volume"] * 2)
    flood["quality"] = base["quality"] / 2
    return [
        Preset(
            "status-quo-2023",
            f"{DEFAULT_YEAR} status quo",
            f"Every measured setting at its {DEFAULT_YEAR} value, the assumptions at their "
            "central values and the default modelling choices.",
            DEFAULT_YEAR,
            base,
        ),
        Preset(
            "after-2024",
            "2024: bundling and one-year preservation",
            "The 2024 figures (fewer reports after bundling, more investigations) and, "
            "because the REPORT Act now keeps reported content for a year instead of 90 days, "
            "half the chance that an unworked report loses its evidence (which counts for "
            "defendants only when a report is compared with the report worked in time).",
            2024,
            {**y2024, "p_lost": y2024["p_lost"] * PRESERVATION_EFFECT},
        ),
        Preset(
            "capacity-doubled",
            "Capacity doubled",
            f"Twice the {DEFAULT_YEAR} investigative capacity, everything else unchanged.",
            DEFAULT_YEAR,
            {**base, "capacity": _clip("capacity", base["capacity"] * 2)},
        ),
        Preset(
            "better-reports",
            "Quality raised to the best stream",
            f"Every U.S. report as often actionable as the reports NCMEC sent to ICAC task "
            f"forces in {best_year} ({best_quality:.0%}), the best stream on record.",
            DEFAULT_YEAR,
            {**base, "quality": best_quality},
        ),
        Preset(
            "flood",
            "A flood of non-actionable reports",
            "Twice as many domestic reports, every added one informational (for example "
            "viral material shared without intent to exploit).",
            DEFAULT_YEAR,
            flood,
        ),
    ]
