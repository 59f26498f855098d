"""The student edition on the built site (``_build/html/notebooks/``), and the buttons that
depend on the repository the book was built for.

- Every chapter notebook (not the teacher's guide) has a student notebook: a first cell that
  checks what it needs, no MyST left in any Markdown cell, the exercises as headings with the
  numbers the book shows, no solution (text or code), and the chapter's code otherwise whole.
- The wheel beside them carries the data exactly as ``data/`` holds it.
- Each chapter page's download menu offers its student notebook; the guide links them all.
- Built without a public repository, no page has a launch or repository button and the guide
  says how to publish; built with one, the repository button names it.
"""

from __future__ import annotations

import re
import zipfile
from urllib.parse import urljoin, urlparse

import nbformat
import pytest
from browsing import SITE_DIR
from test_classroom_site import (
    GUIDE,
    NOTEBOOKS,
    STUDENT,
    _open,
    built_repository,
    needs_no_repository,  # noqa: F401 - the fixture
    needs_repository,  # noqa: F401 - the fixture
    page,  # noqa: F401 - the fixture
)

import tipline
from tipline import exercises as ex
from tipline.paths import BOOK_DIR, DATA_DIR
from tipline.student import EXCLUDED, wheel_name
from tipline.student.myst import leftovers

pytestmark = pytest.mark.browser

FOLDER = SITE_DIR / "notebooks"
PAGES = {p.name: p for p in ex.book_pages()}


def _student(name: str):
    path = FOLDER / f"{name}.ipynb"
    assert path.is_file(), f"no student notebook {path} (build with make build)"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_a_student_notebook_for_every_chapter_and_none_for_teachers():
    assert sorted(p.stem for p in FOLDER.glob("*.ipynb")) == sorted(STUDENT)
    assert set(EXCLUDED).isdisjoint(STUDENT) and set(EXCLUDED) <= {
        p.stem for p in BOOK_DIR.glob("*.ipynb")
    }


@pytest.mark.parametrize("name", STUDENT)
def test_student_notebook_reads_as_plain_markdown(name):
    nb = _student(name)
    assert nb.metadata["tipline"]["source"] == f"book/{name}.ipynb"
    first = nb.cells[0]
    assert first.cell_type == "code" and "find_spec('tipline')" in first.source
    assert wheel_name(tipline.__version__) in first.source
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not leftovers(cell.source), f"{name}: {leftovers(cell.source)} in a cell"
            assert not re.search(r"\{[\w:-]+\}`", cell.source), f"{name}: a role is left"
        else:
            assert not cell.outputs and "myst_nb" not in cell.source


@pytest.mark.parametrize("name", [n for n in STUDENT if PAGES[n].exercises])
def test_exercises_are_headings_and_solutions_are_gone(name):
    nb = _student(name)
    text = _markdown(nb)
    numbers = [int(n) for n in re.findall(r"^#{2,6} Exercise (\d+)", text, re.MULTILINE)]
    assert numbers == [e.number for e in PAGES[name].exercises if e.number is not None]
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for solution in PAGES[name].solutions:
        # Every stretch of plain words of the solution long enough to be its own.
        for line in solution.text.splitlines():
            words = re.sub(r"\{[\w:-]+\}`[^`]*`|\$[^$]*\$|[*_`]", "", line).strip()
            if len(words) >= 40:
                assert words not in text, f"{name}: solution text shows: {words!r}"
        for cell in solution.code_cells:
            assert cell.source.strip() not in code, f"{name}: solution code shows"


@pytest.mark.parametrize("name", STUDENT)
def test_the_chapters_code_is_all_there(name):
    """Apart from gated solutions and the test-only output checks, every code cell of the
    chapter is in the student notebook, in order."""
    source = nbformat.read(BOOK_DIR / f"{name}.ipynb", as_version=4)
    solution_code = {c.source for s in PAGES[name].solutions for c in s.code_cells}

    def glue_import(code: str) -> str:  # the one line that differs, on purpose
        code = re.sub(r"^from myst_nb import glue$", "GLUE", code, flags=re.MULTILINE)
        return re.sub(r"^from tipline\.glue import glue\b.*$", "GLUE", code, flags=re.MULTILINE)

    expected = [
        glue_import(c.source)
        for c in source.cells
        if c.cell_type == "code"
        and c.source not in solution_code
        and not ("NBVAL_CHECK_OUTPUT" in c.source and "remove-cell" in c.metadata.get("tags", []))
    ]
    got = [glue_import(c.source) for c in _student(name).cells[1:] if c.cell_type == "code"]
    assert got == expected


def test_the_wheel_carries_the_data_as_it_is():
    wheel = FOLDER / wheel_name(tipline.__version__)
    assert wheel.is_file(), f"no wheel at {wheel}"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for path in DATA_DIR.iterdir():
            if path.suffix in (".csv", ".bib", ".json"):
                inside = f"tipline/_data/{path.name}"
                assert inside in names, f"{path.name} is not in the wheel"
                assert zf.read(inside) == path.read_bytes(), f"{path.name} differs in the wheel"
        assert "tipline/student/myst.py" in names and "tipline/glue.py" in names
        metadata = zf.read(f"tipline-{tipline.__version__}.dist-info/METADATA").decode()
        assert "Requires-Dist: numpy" in metadata and "Requires-Dist: plotly" in metadata


# -- in the browser ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", STUDENT)
def test_download_menu_offers_the_student_notebook(page, name):  # noqa: F811
    _open(page, f"book/{name}.html")
    menu = page.locator(".dropdown-download-buttons")
    link = menu.locator("a", has_text="Student notebook")
    assert link.count() == 1, f"book/{name}.html: no student notebook in the download menu"
    menu.locator("button.dropdown-toggle").click()
    link.wait_for(state="visible", timeout=5_000)
    target = urljoin(f"{page.base}/book/{name}.html", link.get_attribute("href"))
    assert urlparse(target).netloc == urlparse(page.base).netloc
    response = page.request.get(target)
    assert response.status == 200, f"{target}: HTTP {response.status}"
    served = nbformat.reads(response.text(), as_version=4)
    assert served.metadata["tipline"]["source"] == f"book/{name}.ipynb"
    assert not page.errors, page.errors


def test_guide_links_every_student_notebook_and_the_wheel(page):  # noqa: F811
    _open(page, GUIDE)
    hrefs = page.eval_on_selector_all(
        "table.tipline-student-table a[download], article p a[download]",
        "els => els.map(a => a.getAttribute('href'))",
    )
    expected = {f"../notebooks/{n}.ipynb" for n in STUDENT}
    expected.add(f"../notebooks/{wheel_name(tipline.__version__)}")
    assert set(hrefs) == expected, hrefs
    for href in hrefs:
        response = page.request.get(urljoin(f"{page.base}/{GUIDE}", href))
        assert response.status == 200, f"{href}: HTTP {response.status}"


@pytest.mark.usefixtures("needs_no_repository")
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_without_a_repository_no_page_has_its_buttons(page, name):  # noqa: F811
    _open(page, f"book/{name}.html")
    assert page.locator(".dropdown-launch-buttons").count() == 0, "a launch menu"
    assert page.locator(".article-header-buttons a[href*='github.com']").count() == 0
    assert "executablebooks" not in page.content()


@pytest.mark.usefixtures("needs_no_repository")
def test_without_a_repository_the_guide_says_how_to_publish(page):  # noqa: F811
    _open(page, GUIDE)
    text = page.locator("article").inner_text()
    assert "built without a public GitHub repository" in text
    assert "GitHub Actions" in text and ".github/workflows/pages.yml" in text
    assert page.locator("article a[href*='mybinder.org']").count() == 0


@pytest.mark.usefixtures("needs_repository")
def test_with_a_repository_the_repository_button_names_it(page):  # noqa: F811
    _open(page, "book/model.html")
    links = page.eval_on_selector_all(
        ".article-header-buttons a[href^='https://github.com']",
        "els => els.map(a => a.getAttribute('href'))",
    )
    assert built_repository() in links, links
