"""The book's exercises, read from its sources (fast; no build, no browser).

The issue asks for exercises a teacher can use without preparation: at least 25 in all and
at least three per chapter, of several kinds, each with a solution hidden until asked for,
and code exercises whose solutions run, and are tested, with the notebook. The first part
checks the book; the second checks the reader (:mod:`tipline.exercises`) on small pages
written here, so that a broken parser cannot make the book's checks pass.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import nbformat
import pytest
import yaml

from tipline import exercises as ex
from tipline.paths import BOOK_DIR, REPO_ROOT

MIN_TOTAL = 25
MIN_PER_CHAPTER = 3
MIN_CHAPTERS_WITH_CODE = 3
#: Tags that hide a solution's code from the reader of the built page.
HIDING_TAGS = {"remove-cell", "remove-input", "hide-cell", "hide-input"}


@pytest.fixture(scope="module")
def pages():
    return ex.book_pages()


@pytest.fixture(scope="module")
def all_exercises(pages):
    return [e for page in pages for e in page.exercises]


@pytest.fixture(scope="module")
def all_solutions(pages):
    return [s for page in pages for s in page.solutions]


def _where(item) -> str:
    return f"{item.page}: {item.label or '(no label)'}"


# -- the book ----------------------------------------------------------------------------------


def test_every_chapter_is_in_the_book(pages):
    names = {p.name for p in pages}
    missing = [c for c in ex.CHAPTERS if c not in names]
    assert not missing, f"chapters missing from _toc.yml or book/: {missing}"


def test_sources_parse_cleanly(pages):
    problems = [problem for page in pages for problem in page.problems]
    assert not problems, problems


def test_at_least_25_exercises(all_exercises):
    assert len(all_exercises) >= MIN_TOTAL, (
        f"the book has {len(all_exercises)} exercises; the issue asks for at least {MIN_TOTAL}"
    )


@pytest.mark.parametrize("chapter", ex.CHAPTERS)
def test_at_least_three_exercises_per_chapter(pages, chapter):
    page = next((p for p in pages if p.name == chapter), None)
    assert page is not None, f"book/{chapter} is not in the book"
    assert len(page.exercises) >= MIN_PER_CHAPTER, (
        f"book/{chapter} has {len(page.exercises)} exercises; at least {MIN_PER_CHAPTER} needed"
    )


def test_labels_are_present_and_unique(all_exercises):
    unlabelled = [e.page for e in all_exercises if not e.label]
    assert not unlabelled, f"exercises without a :label: on {unlabelled}"
    counts = Counter(e.label for e in all_exercises)
    duplicates = {label: n for label, n in counts.items() if n > 1}
    assert not duplicates, f"exercise labels used more than once: {duplicates}"


def test_labels_do_not_clash_with_other_targets(all_exercises):
    """A label is an HTML id on its page and a Sphinx target for the whole book."""
    for e in all_exercises:
        assert e.label.replace("-", "").replace("_", "").isalnum(), (
            f"{_where(e)}: use letters, digits, '-' and '_' in labels"
        )


def test_every_exercise_has_exactly_one_solution(all_exercises):
    without = [_where(e) for e in all_exercises if not e.solutions]
    several = [_where(e) for e in all_exercises if len(e.solutions) > 1]
    assert not without, f"exercises without a solution: {without}"
    assert not several, f"exercises with more than one solution: {several}"


def test_every_solution_solves_an_exercise_on_its_page(pages):
    orphans = []
    for page in pages:
        labels = {e.label for e in page.exercises}
        orphans += [_where(s) for s in page.solutions if s.label not in labels]
    assert not orphans, f"solutions whose exercise label is not on the same page: {orphans}"


def test_every_solution_is_hidden_until_asked_for(all_solutions):
    shown = [_where(s) for s in all_solutions if not s.hidden]
    assert not shown, f"solutions without ':class: dropdown' (shown at once): {shown}"


def test_gated_solutions_are_closed(all_solutions):
    open_ = [_where(s) for s in all_solutions if s.gated and not s.closed]
    assert not open_, f"solution-start without solution-end: {open_}"


def test_code_solutions_in_several_chapters(pages):
    with_code = [
        p.name
        for p in pages
        if p.name in ex.CHAPTERS and any(s.gated and s.code_cells for s in p.solutions)
    ]
    assert len(with_code) >= MIN_CHAPTERS_WITH_CODE, (
        f"gated code solutions in {with_code}; at least {MIN_CHAPTERS_WITH_CODE} chapters "
        "should have one"
    )


def test_code_exercises_have_code_solutions(all_exercises):
    """A "change the model in code" exercise is checkable: its solution is code that runs."""
    unchecked = [
        _where(e)
        for e in all_exercises
        if e.kind == "code" and not (e.solution and e.solution.gated and e.solution.code_cells)
    ]
    assert not unchecked, (
        "code exercises whose solution is not a gated solution-start/solution-end around a "
        f"code cell: {unchecked}"
    )


def test_solution_code_runs_with_the_notebook(all_solutions):
    """The solution's code is an ordinary cell: nbval and the book's execution run it, and
    a failure fails the tests."""
    skipped, hidden = [], []
    for s in all_solutions:
        for cell in s.code_cells:
            if cell.skipped:
                skipped.append(f"{_where(s)} (tags {list(cell.tags)})")
            if HIDING_TAGS.intersection(cell.tags):
                hidden.append(f"{_where(s)} (tags {list(cell.tags)})")
            assert cell.source.strip(), f"{_where(s)}: an empty code cell in the solution"
    assert not skipped, f"solution code that the notebook tests skip or let fail: {skipped}"
    assert not hidden, f"solution code removed or hidden from the page: {hidden}"


def test_notebooks_with_code_solutions_are_executed(pages):
    """Neither the book's configuration nor the notebook turns execution off."""
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    execute = config.get("execute") or {}
    assert execute.get("execute_notebooks", "auto") != "off"
    excluded = [str(p) for p in execute.get("exclude_patterns") or ()]
    for page in pages:
        if not any(s.code_cells for s in page.solutions) or page.path.suffix != ".ipynb":
            continue
        rel = page.path.relative_to(REPO_ROOT).as_posix()
        assert not any(Path(rel).match(pattern) for pattern in excluded), (
            f"{rel} is excluded from execution"
        )
        nb = nbformat.read(page.path, as_version=4)
        mode = nb.metadata.get("mystnb", {}).get("execution_mode")
        assert mode != "off", f"{rel} turns execution off in its metadata"


def test_exercises_of_every_kind(all_exercises):
    kinds = Counter(e.kind for e in all_exercises)
    missing = [label for kind, label in ex.KINDS.items() if not kinds[kind]]
    assert not missing, f"no exercise of these kinds yet: {missing} (found {dict(kinds)})"


def test_the_index_lists_every_exercise(pages, all_exercises):
    table = ex.index_table(pages)
    for e in all_exercises:
        assert f'href="{e.page}.html#{e.label}"' in table.html, _where(e)
    assert f"<td>{len(all_exercises)}</td></tr></tbody>" in table.html


def test_no_stray_teachers_guide_markdown():
    """The guide is a notebook (it computes its index); a .md twin would shadow it."""
    assert not (
        (BOOK_DIR / "teachers-guide.md").exists() and (BOOK_DIR / "teachers-guide.ipynb").exists()
    )


# -- the reader, on pages written here --------------------------------------------------------


def _notebook(tmp_path: Path, cells: list, name: str = "chapter") -> Path:
    nb = nbformat.v4.new_notebook()
    for kind, source, *tags in cells:
        make = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        cell = make(source)
        if tags:
            cell.metadata["tags"] = tags[0]
        nb.cells.append(cell)
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def test_reads_exercises_solutions_and_gated_code(tmp_path):
    path = _notebook(
        tmp_path,
        [
            ("md", "# 9 A chapter\n\nText."),
            ("code", "x = 1", ["remove-cell"]),
            (
                "md",
                "## Exercises\n\n```{exercise}\n:label: c-ex1\n\nRead the table. How many?\n```\n\n"
                "```{solution} c-ex1\n:class: dropdown\n\nThree.\n```\n\n"
                ":::{exercise} A title\n:label: c-ex2\n:class: kind-argue\n\nWrite a case.\n:::\n\n"
                "::::{solution} c-ex2\n:class: dropdown\n\nOne case.\n::::\n\n"
                "```{exercise}\n:label: c-ex3\n\nChange the model in code. Do it.\n```\n\n"
                "````{solution-start} c-ex3\n:class: dropdown\n````",
            ),
            ("code", "print(evaluate(year=2024).tilt)"),
            ("code", "y = 2", ["nbval-skip"]),
            ("md", "Why it works.\n\n````{solution-end}\n````"),
            ("code", "z = 3"),
        ],
    )
    page = ex.read_page(path)
    assert page.title == "9 A chapter"
    assert not page.problems
    assert [e.label for e in page.exercises] == ["c-ex1", "c-ex2", "c-ex3"]
    assert [e.number for e in page.exercises] == [1, 2, 3]
    assert [e.kind for e in page.exercises] == ["read", "argue", "code"]
    assert page.exercises[1].title == "A title"
    assert all(s.hidden for s in page.solutions)
    gated = page.exercises[2].solution
    assert gated.gated and gated.closed
    assert [c.source for c in gated.code_cells] == [
        "print(evaluate(year=2024).tilt)",
        "y = 2",
    ]
    assert [c.skipped for c in gated.code_cells] == [False, True]
    # Code before the solution and after its end is not part of it.
    assert page.exercises[0].solution.code_cells == ()


def test_reports_broken_markup(tmp_path):
    path = _notebook(
        tmp_path,
        [
            ("md", "```{exercise}\nNo label here.\n```"),
            ("md", "````{solution-start} x\n:class: dropdown\n````"),
            ("code", "pass"),
        ],
    )
    page = ex.read_page(path)
    assert any("without a :label:" in p for p in page.problems)
    assert any("never ended" in p for p in page.problems)
    assert not page.solutions[0].closed


def test_solution_without_dropdown_is_not_hidden(tmp_path):
    path = _notebook(
        tmp_path,
        [("md", "```{exercise}\n:label: a\n\nRead it.\n```\n\n```{solution} a\n\nShown.\n```")],
    )
    (solution,) = ex.read_page(path).solutions
    assert not solution.hidden


def test_nested_and_yaml_options(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(
        "# Page\n\n"
        "`````{admonition} Try these\n"
        "````{exercise}\n---\nlabel: p-ex1\nclass: kind-source\n---\nWhich source?\n````\n"
        "`````\n\n"
        "```{solution} p-ex1\n:class: dropdown\n\nThe first.\n```\n",
        encoding="utf-8",
    )
    page = ex.read_page(path)
    assert [e.label for e in page.exercises] == ["p-ex1"]
    assert page.exercises[0].kind == "source"
    assert page.exercises[0].solution.hidden


def test_markdown_page_with_code_cells(tmp_path):
    path = tmp_path / "nb.md"
    path.write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
        "  name: python3\n  display_name: Python 3\n---\n\n# T\n\n"
        "```{exercise}\n:label: m-ex1\n\nWrite Python code that changes the year.\n```\n\n"
        "````{solution-start} m-ex1\n:class: dropdown\n````\n\n"
        "```{code-cell} ipython3\n:tags: [raises-exception]\n\n1 / 0\n```\n\n"
        "````{solution-end}\n````\n",
        encoding="utf-8",
    )
    page = ex.read_page(path)
    (solution,) = page.solutions
    assert solution.code_cells[0].tags == ("raises-exception",)
    assert solution.code_cells[0].skipped
    assert page.exercises[0].kind == "code"


def test_nonumber_exercises_are_not_counted(tmp_path):
    path = _notebook(
        tmp_path,
        [
            (
                "md",
                "```{exercise}\n:label: a\n:nonumber:\n\nRead.\n```\n\n"
                "```{exercise}\n:label: b\n\nRead.\n```",
            )
        ],
    )
    assert [e.number for e in ex.read_page(path).exercises] == [None, 1]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Read the chart of reports per year. Which year ...", "read"),
        ("Read the table of report sources. Who files most?", "read"),
        ("Predict, then check. Double the capacity.", "predict"),
        ("Change the model in code. For 2024, find ...", "code"),
        ("In Binder, run the notebook with a new assumption.", "code"),
        ("Judge a source. Which rows rest on secondary sources?", "source"),
        ("Judge a contradiction. Two sources disagree.", "source"),
        ("Argue the other side. Write the strongest paragraph.", "argue"),
        ("Which of these sources is primary?", "source"),
        ("Look at the chart again. What is missing?", "read"),
        ("Derive the limit from the equations.", ex.OTHER),
    ],
)
def test_classify(text, kind):
    assert ex.classify("", text) == kind


def test_classify_by_class_and_by_code_solution():
    assert ex.classify("", "Read the table.", ("kind-predict",)) == "predict"
    coded = ex.Solution(page="p", label="x", code_cells=(ex.CodeCell("pass"),))
    assert ex.classify("", "Compute the tilt for 2024.", (), coded) == "code"
    assert ex.classify("", "Compute the tilt for 2024.") == ex.OTHER


def test_lead_sentence_strips_roles_and_markup():
    text = "Read *the* {term}`CyberTip <CyberTip>` table: then answer."
    assert ex.lead_sentence(text) == "Read the CyberTip table"
    assert ex.plain("{glue:text}`tilt` is **high**") == "tilt is high"


def test_index_table_is_accessible_and_links_each_exercise(tmp_path):
    a = _notebook(
        tmp_path,
        [
            (
                "md",
                "# 1 First\n\n```{exercise}\n:label: f-ex1\n\nRead the chart.\n```\n"
                "```{solution} f-ex1\n:class: dropdown\n\nA.\n```\n"
                "```{exercise}\n:label: f-ex2\n\nArgue the other side.\n```\n"
                "```{solution} f-ex2\n:class: dropdown\n\nB.\n```",
            )
        ],
        name="first",
    )
    b = _notebook(tmp_path, [("md", "# Empty\n\nNo exercises.")], name="second")
    pages = [ex.read_page(a), ex.read_page(b)]
    table = ex.index_table(pages, base="../book/")
    assert "<caption>" in table.html
    assert table.html.count('scope="col"') == len(ex.KINDS) + 2
    assert '<th scope="row"><a href="../book/first.html">1 First</a></th>' in table.html
    assert 'href="../book/first.html#f-ex1"' in table.html
    assert 'href="../book/first.html#f-ex2"' in table.html
    assert "Empty" not in table.html  # pages without exercises are left out
    assert "Other" not in table.html  # no column for a kind nobody uses
    assert "1 First | 1 | - | - | - | 2 | 2" in table.text
    assert ex.summary(pages)["total"] == 2
    assert ex.counts(pages) == {"first": {"read": 1, "argue": 1}}


def test_numbers_run_through_the_book_as_sphinx_numbers_them(tmp_path):
    one = _notebook(
        tmp_path,
        [("md", "```{exercise}\n:label: a\n\nRead.\n```\n```{exercise}\n:label: b\n\nRead.\n```")],
        name="a1",
    )
    two = _notebook(
        tmp_path,
        [
            (
                "md",
                "```{exercise}\n:label: c\n:nonumber:\n\nRead.\n```\n"
                "```{exercise}\n:label: d\n\nRead.\n```",
            )
        ],
        name="a2",
    )
    assert [e.number for e in ex.read_page(two).exercises] == [None, 1]
    pages = ex.book_pages(tmp_path)
    assert [(e.label, e.number) for p in pages for e in p.exercises] == [
        ("a", 1),
        ("b", 2),
        ("c", None),
        ("d", 3),
    ]
    assert one.exists()


def test_book_numbers_are_consecutive(all_exercises):
    numbers = [e.number for e in all_exercises if e.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))


def test_toc_files_follow_the_toc(tmp_path):
    (tmp_path / "book").mkdir()
    for name in ("intro.md", "a.ipynb", "b.md"):
        (tmp_path / "book" / name).write_text("", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nparts:\n  - caption: X\n    chapters:\n"
        "      - file: book/b\n      - file: book/a\n        sections:\n          - file: book/c\n",
        encoding="utf-8",
    )
    assert [p.name for p in ex.toc_files(tmp_path)] == ["intro.md", "b.md", "a.ipynb"]
