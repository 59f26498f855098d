"""Printable worksheets, one per lesson plan of the teacher's guide.

A worksheet is one or two printed pages a student fills in by hand during the lesson: a
prediction grid, a log of the explorer's presets (one row per preset, named as the buttons
name them, from :func:`tipline.explorer.presets.presets`), a grid for reporting back or for
the debate, and an exit ticket. Which parts a lesson's worksheet has, and its exit question,
are in ``book/teaching.yml``; the pages ``book/worksheet-*.md`` show them through the
``{worksheet}`` directive (:mod:`tipline.classroom_pages`). The parts are HTML tables with
empty cells to write in, styled for paper by ``tipline-classroom.css``.
"""

from __future__ import annotations

import html

from tipline import teaching
from tipline.explorer.presets import presets
from tipline.model import VERDICT_PHRASES

#: The question the lesson opens with (the book's introduction asks it).
PREDICTION = (
    "Out of every hundred U.S. reports to the CyberTipline, how many does an investigator "
    "ever work on?"
)


def _table(caption: str, headings: list[str], rows: list[list[str]], css: str) -> str:
    out = [f'<table class="tipline-ws-grid {css}"><caption>{html.escape(caption)}</caption>']
    out.append("<thead><tr>")
    out += [f'<th scope="col">{html.escape(h)}</th>' for h in headings]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>'] + [f"<td>{cell}</td>" for cell in row[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _lines(n: int) -> str:
    return '<span class="tipline-ws-line"></span>' * n


def name_line() -> str:
    return (
        '<p class="tipline-ws-name">Name: <span class="tipline-ws-blank"></span> '
        'Date: <span class="tipline-ws-blank tipline-ws-blank--short"></span></p>'
    )


def prediction_grid() -> str:
    rows = [
        ["My guess", "", ""],
        ["My partner's guess", "", ""],
        ["The book's answer (after the reveal)", "", ""],
    ]
    return (
        f"<p><strong>{html.escape(PREDICTION)}</strong> Write a number before anyone "
        "says one.</p>"
        + _table(
            "Prediction grid",
            ["Who", "Out of 100", "Why (one line)"],
            rows,
            "tipline-ws-prediction",
        )
    )


def preset_log() -> str:
    choices = " / ".join(html.escape(p) for p in VERDICT_PHRASES)
    rows = [
        [html.escape(p.label), f'<span class="tipline-ws-choices">{choices}</span>', "", ""]
        for p in presets()
    ]
    rows.append(["My own setting:" + _lines(1), "", "", ""])
    return (
        "<p>Before pressing each preset on the explore page, circle the verdict you expect. "
        "Then press it and write down the tilt and the verdict the page gives.</p>"
        + _table(
            "Preset tilt log",
            ["Preset", "I predict (circle one)", "Tilt shown", "Verdict shown"],
            rows,
            "tipline-ws-presets",
        )
    )


def argue_notes() -> str:
    rows = [
        ["Our side (one sentence)", ""],
        ["Fact 1 and where it is in the book", ""],
        ["Fact 2 and where it is in the book", ""],
        ["Our scenario link or preset", ""],
        ["The fact that weakens our side most", ""],
    ]
    return _table("Argue both sides", ["Prompt", "Notes"], rows, "tipline-ws-notes")


def report_grid() -> str:
    rows = [
        ["The document's claim", ""],
        ["The ledger's verdict on it", ""],
        ["The strongest evidence (primary or secondary?)", ""],
        ["A source we would not rely on alone, and why", ""],
        ["Where two sources disagree, and the value the book uses", ""],
    ]
    return "<p>Chapter my group read: <span class='tipline-ws-blank'></span></p>" + _table(
        "Report back", ["Prompt", "Notes"], rows, "tipline-ws-notes"
    )


def debate_notes() -> str:
    rows = [
        ["Case", "", ""],
        ["Rebuttal", "", ""],
        ["Summary", "", ""],
        ["Claims resting on figures nobody measures", "", ""],
    ]
    return _table("Structured debate", ["Round", "Side A", "Side B"], rows, "tipline-ws-debate")


def exit_ticket(question: str) -> str:
    return (
        '<div class="tipline-ws-exit">'
        f"<p><strong>Exit ticket.</strong> {html.escape(question)}</p>" + _lines(4) + "</div>"
    )


_PARTS = {
    "prediction": ("Predict", prediction_grid),
    "presets": ("Presets", preset_log),
    "argue": ("Argue", argue_notes),
    "report": ("Report back", report_grid),
    "debate": ("Debate", debate_notes),
}


def worksheet_html(sheet_id: str) -> str:
    """The worksheet of one lesson plan, as HTML (its parts in order)."""
    sheet = teaching.worksheet(sheet_id)
    out = ['<div class="tipline-worksheet">', name_line()]
    for part in sheet.parts:
        if part == "exit":
            out.append(exit_ticket(sheet.exit))
            continue
        title, make = _PARTS[part]
        out.append(f'<section class="tipline-ws-part"><h2>{html.escape(title)}</h2>')
        out.append(make())
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)
