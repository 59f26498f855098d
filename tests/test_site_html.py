"""tipline.site_html: one id per element in exercise boxes, and a valid root page."""

from __future__ import annotations

import re

from tipline.site_html import root_page, unique_exercise_ids
from tipline.sphinxext import fix_page_html


def box(kind: str, box_id: str, text: str) -> str:
    return (
        f'<div class="{kind} admonition" id="{box_id}">\n\n'
        f'<p class="admonition-title"><span class="caption-number">{kind} 1 </span></p>\n'
        f'<section id="{kind}-content">\n<p>{text}</p>\n</section>\n</div>\n'
    )


PAGE = (
    box("exercise", "volume-ex1", "one")
    + box("solution", "book/volume-solution-1", "first answer")
    + box("exercise", "volume-ex2", "two")
    + box("solution", "book/volume-solution-2", "second answer")
)


def ids(page: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', page)


def test_every_exercise_and_solution_body_gets_its_own_id():
    assert len(ids(PAGE)) - len(set(ids(PAGE))) == 2  # the input repeats two ids
    fixed = unique_exercise_ids(PAGE)
    assert len(ids(fixed)) == len(set(ids(fixed)))
    assert 'id="volume-ex2-content" class="exercise-content"' in fixed
    assert 'id="book/volume-solution-1-content" class="solution-content"' in fixed
    # Only the ids change: the text is untouched, and a second pass changes nothing.
    assert re.sub(r"<[^>]+>", "", fixed) == re.sub(r"<[^>]+>", "", PAGE)
    assert unique_exercise_ids(fixed) == fixed
    assert fix_page_html(PAGE) == fixed


def test_root_page_is_a_small_valid_document():
    page = root_page("book/intro.html", "Who do <CyberTips> help?")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Who do &lt;CyberTips&gt; help?</title>" in page
    assert '<meta http-equiv="refresh" content="0; url=book/intro.html">' in page
    assert '<a href="book/intro.html">' in page
