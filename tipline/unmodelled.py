"""Effects the book documents but its model does not count, and which way each would move
the tilt if it were counted.

The model counts only what a domestic report does in the year it is made: a sound case or
identified victim for investigators, a weakened case or a tipped-off suspect for defendants.
Several documented effects fall outside that: some would add to the investigators' side,
some to the defendants', and one falls on neither. Listing them keeps the benefits counted
evenly: a reader can see that leaving them out does not favour one side by construction.

Each entry of :data:`EFFECTS` gives the effect, the side it helps (``"investigators"``,
``"defendants"`` or ``"neither"``), the direction it would move the tilt if counted, the bib
keys of the sources that document it (``data/references.bib``) and a note on why the model
leaves it out. Nothing here is a number: the sources describe the effects, none measures
them per report.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DIRECTIONS", "EFFECTS", "SIDES", "Effect"]

SIDES = ("investigators", "defendants", "neither")
"""The sides an effect can help."""

DIRECTIONS = {
    "investigators": "up (toward investigators)",
    "defendants": "down (toward defendants)",
    "neither": "none (outside both sides' benefits)",
}
"""The direction an effect would move the tilt, by the side it helps."""


@dataclass(frozen=True)
class Effect:
    """One effect. ``sources`` are bib keys; ``gap`` names where the book records the effect
    as a gap in its own data when no source documents it directly."""

    effect: str
    side: str
    sources: tuple[str, ...]
    note: str
    gap: str = ""

    @property
    def direction(self) -> str:
        return DIRECTIONS[self.side]


EFFECTS = (
    Effect(
        "NCMEC's hash list of confirmed material, shared with platforms so that known files "
        "are blocked or reported on upload",
        "investigators",
        ("ncmec_transparency_cy2023",),
        "A benefit of the reports as a whole (each confirmed file becomes a hash), not of any "
        "one report in the year it is made.",
    ),
    Effect(
        "Children identified by NCMEC's victim identification work without an arrest",
        "investigators",
        ("ncmec_transparency_cy2023",),
        "The chance that a report reaches court is calibrated from arrests, so victims "
        "identified without one are missed.",
    ),
    Effect(
        "Cases brought by federal agencies (FBI, Homeland Security Investigations) from the "
        "reports made available to them",
        "investigators",
        ("ncmec_transparency_cy2023",),
        "No published count. The like-for-like reading of capacity assumes these agencies work "
        "their reports at the task forces' rate; the other reading assumes they work none.",
    ),
    Effect(
        "The intelligence value of informational reports: linking accounts, spotting trends, "
        "adding files to the hash list",
        "investigators",
        ("grossman_2024_sio", "ncmec_transparency_cy2023"),
        "The model counts an informational report as helping nobody, whether worked or not.",
    ),
    Effect(
        "The rule from the Wilson decision: no warrantless viewing of files the platform did not "
        "view, which adds work to many reports",
        "defendants",
        ("wilson_2021", "grossman_2024_sio"),
        "Enters only indirectly, through the measured arrests per investigation, which already "
        "reflect the extra work per report; it counts among weakened cases only where evidence "
        "was suppressed.",
    ),
    Effect(
        "Charges dropped or pleas struck on legal advice because of how a report was handled, "
        "which leave no published decision",
        "defendants",
        (),
        "The share of weakened cases is bounded from published decisions only; unpublished "
        "outcomes could make it larger.",
        gap="data/court_cases.csv holds published decisions only",
    ),
    Effect(
        "Defence challenges to how reliable a platform's automated matching is",
        "defendants",
        ("garrett_2025_cybertips", "wilson_2021"),
        "Counted only when a court weakened a case. One source is a defence-forensics vendor, "
        "which has an interest in such challenges.",
    ),
    Effect(
        "People reported by mistake, for example for images shared for a medical consultation",
        "neither",
        ("hill_2022_google_dad",),
        "A cost to the wrongly reported and to investigators' time, a gain to no defendant; "
        "outside both sides of the tilt.",
    ),
)
"""The effects documented in the book's sources but left out of the model."""
