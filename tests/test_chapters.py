"""book/chapters.yml (tipline.chapters): read, checked, rendered; reading time from words."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from tipline import answer, chapters
from tipline.chapter_pages import FOOT_CLASS, HEAD_CLASS, decorate, prose_words
from tipline.paths import BOOK_DIR
from tipline.problems import DataError

GOOD = """
volume:
  finding: Volume outruns capacity.
  objectives: [Read a chart., Use the model.]
  key_points: [Capacity binds., Quality matters less.]
"""


def _write(tmp_path, text: str, pages=("volume",)):
    for page in pages:
        (tmp_path / f"{page}.ipynb").write_text("{}")
    path = tmp_path / "chapters.yml"
    path.write_text(text)
    return path


def test_the_book_file_is_valid_and_covers_every_chapter_of_the_argument():
    book = chapters.load()
    for stem in ("summary", "scale", "volume", "help", "defendants", "narratives", "conclusion"):
        assert stem in book, stem
        assert (BOOK_DIR / f"{stem}.ipynb").exists()
        chapter = book[stem]
        assert chapter.finding and chapter.objectives and chapter.key_points


def test_the_summary_finding_agrees_with_the_model():
    # the finding says that for most domestic reports neither side gains
    assert "neither side gains" in chapters.load()["summary"].finding
    assert answer.figures()["neither_share"] > 0.5


def test_a_good_file_loads(tmp_path):
    book = chapters.load(_write(tmp_path, GOOD))
    assert book["volume"].objectives == ("Read a chart.", "Use the model.")
    assert book["volume"].key_points[0] == "Capacity binds."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("volume:", "nowhere:"), "no page nowhere.ipynb"),
        (GOOD.replace("  finding: Volume outruns capacity.\n", ""), "missing field(s) ['finding']"),
        (GOOD + "  extra: 1\n", "unknown field(s) ['extra']"),
        (GOOD.replace("[Read a chart., Use the model.]", "[Only one.]"), "list of 2 to 5"),
        (GOOD.replace("Volume outruns", "About 20 in 100 outrun"), "typed number(s) ['20'"),
        (GOOD.replace("Read a chart.", "Set `p_alert`."), "no Markdown or code"),
        (GOOD.replace("Volume outruns capacity.", "''"), "non-empty sentence"),
        ("volume: [1, 2]\n", "must hold the fields"),
        ("- a list\n", "must map each chapter"),
        ("volume: {finding: [\n", "not valid YAML"),
    ],
)
def test_bad_files_are_refused_with_the_place_and_the_reason(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        chapters.load(path)
    assert message in str(caught.value)
    assert "chapters.yml" in str(caught.value)


def test_every_problem_is_listed_at_once(tmp_path):
    text = GOOD.replace("Read a chart.", "Read 3 charts.").replace("Capacity binds.", "see p_alert")
    with pytest.raises(DataError) as caught:
        chapters.load(_write(tmp_path, text))
    assert len(caught.value.problems) == 2
    assert "volume.objectives[1]" in str(caught.value)
    assert "volume.key_points[1]" in str(caught.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        chapters.load(tmp_path / "chapters.yml")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Volume outruns capacity.", 3),
        ("About 2,990,341 domestic reports, tilt +0.66 (task-force work).", 8),
        ("— : ;", 0),
        ("Meta's reports fell by 20%.", 5),
    ],
)
def test_words_are_counted_as_a_reader_counts_them(text, words):
    assert chapters.count_words(text) == words


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1999, 10)])
def test_reading_minutes_round_up(words, minutes):
    assert chapters.reading_minutes(words) == minutes


@pytest.mark.parametrize("bad", [-1, 1.5, "10", True, None])
def test_reading_minutes_refuses_what_is_not_a_count(bad):
    with pytest.raises(ValueError, match="words"):
        chapters.reading_minutes(bad)


def test_reading_time_text_says_minutes_and_words():
    assert chapters.reading_time_text(1730) == (
        "About 9 minutes to read (1,730 words, exercises aside)."
    )
    assert chapters.reading_time_text(150).startswith("About 1 minute to read")


def test_as_markdown_holds_every_item_and_names_unknown_chapters():
    book = chapters.load()
    text = chapters.as_markdown("volume", book)
    for item in (book["volume"].finding, *book["volume"].objectives, *book["volume"].key_points):
        assert item in text
    with pytest.raises(KeyError, match="no chapter 'nowhere'"):
        chapters.as_markdown("nowhere", book)


# --- the blocks on a page ----------------------------------------------------------------


def _doctree(rst: str) -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("<test>", settings)
    Parser().parse(rst, document)
    return document


PAGE = """
Volume
======

One two three four.

.. code-block:: python

   not counted at all here

.. container:: cell

   Nor this output of a code cell.

Argument
--------

Five six seven.

Exercises
---------

Eight nine ten eleven twelve.
"""


def test_reading_time_counts_prose_only_and_blocks_go_in_their_places():
    chapter = chapters.load()["volume"]
    doctree = _doctree(PAGE)
    section = next(iter(doctree.findall(nodes.section)))
    # title (1) + four + argument title (1) + three + exercises title (0: skipped)
    assert prose_words(section) == 9
    assert decorate(doctree, chapter) == 9
    head = section[1]
    assert HEAD_CLASS in head["classes"]
    text = head.astext()
    assert text.startswith("About 1 minute to read (9 words")
    assert text.index("In this chapter you will") < text.index(chapter.finding)
    foot_index = next(i for i, c in enumerate(section.children) if FOOT_CLASS in c["classes"])
    assert section[foot_index + 1][0].astext() == "Exercises"
    assert all(point in section[foot_index].astext() for point in chapter.key_points)


def test_a_page_without_exercises_gets_its_key_points_at_the_end():
    chapter = chapters.load()["volume"]
    doctree = _doctree(PAGE.split("Exercises")[0])
    decorate(doctree, chapter)
    section = next(iter(doctree.findall(nodes.section)))
    assert FOOT_CLASS in section[-1]["classes"]
