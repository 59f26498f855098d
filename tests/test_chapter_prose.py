"""The chapters' prose: numbers glued, never typed; no code identifiers where a reader reads.

Every chapter notebook (all of ``book/*.ipynb`` but the explorer and the teacher's guide,
which other tests cover) states its numbers through glue, so that they follow ``data/`` and
the model. And the rendered prose names the model's inputs in words ("the chance that an
unworked report tips off its suspect"), not as code (``p_alert``, ``triage=0.5``); code stays
in code cells and in the exercises that ask the reader to write code.
"""

from __future__ import annotations

import re

import pytest

from tipline import chapters
from tipline.paths import BOOK_DIR

CHAPTER_NOTEBOOKS = sorted(
    p.name for p in BOOK_DIR.glob("*.ipynb") if p.stem not in {"explore", "teachers-guide"}
)

# Numbers that may be typed in prose: years and fiscal years, statute details (90 days, the
# 118th Congress, § 2258A), case reporters' volumes and pages, the small counts and units
# "per 100" / "per 1,000", and ordinals of a list.
_ALLOWED_NUMBERS = re.compile(r"^(?:19\d\d|20\d\d|FY20\d\d|90|118|2258A|0|1|2|3|4|5|100|1,000)$")
#: Legal citations: reporters ("831 F.3d 1292"), statutes ("18 U.S.C.", "Public Law 118-59").
_CITATIONS = re.compile(
    r"\b\d{1,4} (?:F\. ?(?:Supp\. ?)?(?:2d|3d|4th)|U\.S\.|S\. ?Ct\."
    r"|Cal\. ?App\. ?\d(?:st|nd|rd|th)) \d{1,5}\b"
    r"|\bPublic Law \d{2,3}-\d{1,3}\b|\b\d{1,2} U\.S\.C\.|§ ?\d+[A-Za-z]?"
)


def typed_numbers(markdown: str) -> list[str]:
    """Numbers typed into a notebook's Markdown rather than glued (see ``_ALLOWED_NUMBERS``)."""
    text = re.sub(r"(?m)^(?:`{3,}.*|:[a-z-]+:.*)$", " ", markdown)  # directive fences, options
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", " ", text)  # glue, cite, term, doc, ref roles
    text = re.sub(r"`[^`]*`", " ", text)  # inline code
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)  # display math
    text = re.sub(r"\$[^$]*\$", " ", text)  # inline math
    text = re.sub(
        r"\b\d{1,2} (?=(?:January|February|March|April|May|June|July|August|September"
        r"|October|November|December) )",
        " ",
        text,
    )  # dates
    text = re.sub(r"(?m)^\s*\d+\. ", " ", text)  # numbered lists
    text = re.sub(r"(?m)^#+ \d+ ", " ", text)  # chapter numbers in titles
    text = _CITATIONS.sub(" ", text)
    text = re.sub(r"\b[CK]\d{2}[a-z]?\b", " ", text)  # claim and contradiction ids
    text = re.sub(r"\[\d{1,2}\]|\bmarkers? \d{1,2}\b", " ", text)  # the document's markers
    return [
        n
        for n in re.findall(r"(?:FY)?\d[\d,.]*\d|\d", text)
        if not _ALLOWED_NUMBERS.match(n.rstrip(".,"))
    ]


def test_typed_numbers_are_found():
    assert typed_numbers("about 2,990,341 reports and 36% of them") == ["2,990,341", "36"]
    assert typed_numbers("in 2023, per 100 tips, {glue:text}`n_42`, `x = 7`, 831 F.3d 1292") == []


@pytest.mark.parametrize("page", CHAPTER_NOTEBOOKS)
def test_prose_numbers_are_glued(page, page_markdown):
    typed = typed_numbers(page_markdown(page))
    assert not typed, f"{page}: numbers typed into prose instead of glued: {typed}"


# --- code identifiers in the rendered prose -----------------------------------------------

#: What reads as code: a snake_case name (p_alert, foreign_share, capacity_basis), a keyword
#: argument (triage=0.5), a call (evaluate()), or a dotted module path (tipline.model).
IDENTIFIER = re.compile(
    r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b[a-z_]+=\S+|\b[a-z_]+\(\)|\btipline\.[a-z_.]+"
)


def identifiers(text: str) -> list[str]:
    return IDENTIFIER.findall(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the chance p_alert is assumed", ["p_alert"]),
        ("set triage=0.5 and run evaluate()", ["triage=0.5", "evaluate()"]),
        ("see tipline.model.evaluate", ["tipline.model.evaluate"]),
        ("the chance that an unworked report tips off its suspect", []),
        ("task-force investigations, U.S. reports, e.g. a report", []),
    ],
)
def test_identifiers_are_recognised(text, found):
    assert identifiers(text) == found


def _reader_prose(site_dir, page: str) -> str:
    """The text a reader reads on a built chapter page, code cells, charts, tables and the
    explorer aside; exercises keep their words but not their code."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site_dir / "book" / f"{page}.html").read_text(), "html.parser")
    article = soup.select_one("article") or soup.body
    for selector in (
        "div.cell",  # code cells: input and output
        "div.highlight",
        "pre",
        "table",
        "figure",
        "[class*='tipline-explorer']",
        "script",
        "style",
        "nav",
        ".headerlink",
        ".prev-next-area",
        ".exercise code",
        ".solution code",
        "a.reference.external",  # addresses
    ):
        for el in article.select(selector):
            el.decompose()
    return article.get_text(" ", strip=True)


#: The chapters of the argument and the model (book/chapters.yml). The data page and the
#: ledger describe files and their columns, which they name as such.
ARGUMENT = list(chapters.load())


@pytest.mark.browser
@pytest.mark.parametrize("page", ARGUMENT)
def test_rendered_prose_uses_no_code_identifiers(site_dir, page):
    found = identifiers(_reader_prose(site_dir, page))
    assert not found, f"{page}: code identifiers in prose (use the plain name): {found}"
