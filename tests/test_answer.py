"""The book's answer in words (tipline.answer), the table of effects left out of the model
(tipline.unmodelled), and the pages that state the answer, as a reader sees them."""

from __future__ import annotations

import re

import pytest

from tipline import answer, bibliography
from tipline.model import YEARS, evaluate, share_text
from tipline.model.uncertainty import CENTRAL, choice_spread, monte_carlo
from tipline.unmodelled import DIRECTIONS, EFFECTS, SIDES


@pytest.mark.parametrize("year", YEARS)
def test_figures_are_the_models_own(year):
    f = answer.figures(year)
    r = evaluate(year=year)
    assert f["neither_share"] == float(r.neither_share)
    assert f["tilt"] == float(r.tilt)
    mc = monte_carlo(year=year)
    assert (f["median"], f["interval80"], f["interval90"]) == (
        mc.median,
        mc.interval80,
        mc.interval90,
    )
    spread = choice_spread(year)
    at_default = spread[spread["k_level"] == "default"]["tilt"]
    assert (f["choices_low"], f["choices_high"]) == (at_default.min(), at_default.max())
    assert f["n_positive"] == int((at_default > 0).sum())
    high = spread[spread["k_level"] == "high"]
    assert [t for *_, t in f["flips_at_high_k"]] == [t for t in high["tilt"] if t <= 0]


@pytest.mark.parametrize("year", YEARS)
def test_sentences_state_the_computed_numbers(year):
    f = answer.figures(year)
    head = answer.headline(year)
    assert head.startswith(f"For {share_text(f['neither_share'])} of the domestic reports")
    assert "neither side gains" in head
    text = answer.balance(year)
    signed = f"{f['tilt']:+.2f}".replace("-", "\u2212")
    assert signed in text
    for x in f["interval80"]:
        assert f"{x:+.2f}".replace("-", "\u2212") in text
    low, high = CENTRAL["interval80"]
    assert f"{high - low:.0%} of random settings" in text
    assert "on the book's assumptions" in text
    assert answer.TILT_DEFINITION in text  # the tilt is defined where it is first used
    assert answer.TILT_DEFINITION not in answer.balance(year, define_tilt=False)
    if f["n_positive"] == f["n_combinations"]:
        assert "under every combination" in text
    else:
        assert "every combination" not in text
    change = answer.what_would_change_it(year)
    for *_, t in f["flips_at_high_k"]:
        assert f"{t:+.2f}".replace("-", "\u2212") in change
    # No code identifiers in the words a reader sees.
    for sentence in (head, text, change):
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", sentence), sentence


def test_conditions_merge_a_choice_that_does_not_matter():
    both = (("no_report", "all_domestic", -0.1), ("worked_in_time", "all_domestic", -0.2))
    words = answer._conditions(both)
    assert "whatever a report is compared with" in words
    assert "every domestic report" in words
    one = answer._conditions((("worked_in_time", "icac_stream", -0.1),))
    assert "worked in time" in one and "like for like" in one and "whatever" not in one


def test_unmodelled_effects_are_sourced_and_cover_both_sides():
    known = bibliography.sources()
    for e in EFFECTS:
        assert e.side in SIDES
        assert e.direction == DIRECTIONS[e.side]
        assert e.sources or e.gap, e.effect
        for key in e.sources:
            assert key in known, key
        assert e.note.strip()
    sides = {e.side for e in EFFECTS}
    assert {"investigators", "defendants"} <= sides


# -- the pages, as built -------------------------------------------------------------------


def _prose(site_dir, page: str):
    """The reader's prose of a built page: the article without tables, charts, the explorer,
    exercises and solutions, code, and the page's own navigation."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site_dir / "book" / f"{page}.html").read_text(), "html.parser")
    article = soup.select_one("article") or soup.body
    for selector in (
        "table",
        "figure",
        "section.tipline-explorer",
        "[class*='tipline-explorer']",  # the compact explorer
        "[class*='tipline-predict']",  # predict-then-reveal questions
        ".exercise",
        ".solution",
        "div.cell_input",
        "div.highlight",
        "script",
        "style",
        "nav",
        ".headerlink",
        ".prev-next-area",
    ):
        for el in article.select(selector):
            el.decompose()
    for el in article.find_all(string=True):  # the theme's typographic apostrophes
        if "\u2019" in el:
            el.replace_with(el.replace("\u2019", "'"))
    return article


def _first_paragraph(article):
    """The page's first paragraph of argument: after the chapter's head block (reading time,
    objectives and finding, from book/chapters.yml)."""
    return next(p for p in article.select("p") if not p.find_parent(class_="tipline-chapter-head"))


@pytest.mark.browser
def test_summary_answers_first_in_at_most_600_words(site_dir):
    article = _prose(site_dir, "summary")
    words = article.get_text(" ", strip=True).split()
    assert len(words) <= 600, f"the executive summary has {len(words)} words of prose"
    text = _first_paragraph(article).get_text(" ", strip=True)
    assert text.startswith("The answer.") or text.startswith("The answer")
    assert answer.headline() in text
    assert "on the book's assumptions" in text
    # the literal question is answered before the balance, the tilt defined at first use
    assert text.index("neither side gains") < text.index("the tilt")
    assert text.index(answer.TILT_DEFINITION) == text.index("the tilt")


@pytest.mark.browser
@pytest.mark.parametrize("page", ["summary", "conclusion"])
def test_pages_that_state_the_answer_use_no_code_identifiers_in_prose(site_dir, page):
    text = _prose(site_dir, page).get_text(" ", strip=True)
    identifiers = re.findall(r"\b(?:p_[a-z]+|[a-z]+_(?:share|basis|stream|report|time))\b", text)
    assert not identifiers, identifiers


@pytest.mark.browser
def test_conclusion_leads_with_the_answer(site_dir):
    article = _prose(site_dir, "conclusion")
    first = _first_paragraph(article).get_text(" ", strip=True)
    assert first.startswith(answer.headline())
    assert "on the book's assumptions" in first
