"""Build one student notebook from a chapter notebook and the values its execution glued.

The student notebook keeps every code cell a reader needs to run the chapter top to bottom,
in order, without outputs; it drops the cells that only serve the book's tests (stored-output
checks) and the code of gated solutions; its Markdown is converted by
:mod:`tipline.student.myst`; its first cell says what it needs and checks it; its last cell
lists the sources it cites.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from tipline import __version__, bibliography, exercises
from tipline.paths import REPO_ROOT
from tipline.student import SITE_FOLDER, wheel_name
from tipline.student.myst import Book, MystError, Page, Target, convert, leftovers

BOOK_TITLE = "Who do CyberTips help?"
#: Cell tags that only steer the book's rendering; the student notebook drops them.
BOOK_TAGS = frozenset(
    {"remove-cell", "remove-input", "remove-output", "hide-cell", "hide-input", "hide-output"}
)
GLUE_IMPORT = re.compile(r"^from myst_nb import glue[ \t]*$", re.MULTILINE)
STUDENT_GLUE_IMPORT = (
    "from tipline.glue import glue  # in the book, glue writes values into the text"
)
CHECK_MARKER = "NBVAL_CHECK_OUTPUT"

_SECTION_TARGET = re.compile(r"^\((?P<label>[\w.:-]+)\)=\s*\n+#{1,6}\s+(?P<text>.+?)\s*$", re.M)
_EQUATION_LABEL = re.compile(
    r"\$\$.+?\$\$[ \t]*\((?P<dollar>[\w.:-]+)\)"
    r"|^[`:]{3,}\{(?:glue:math|math)\}[^\n]*\n(?:[ \t]*:[\w-]+:[^\n]*\n)*?"
    r"[ \t]*:(?:label|name):\s*(?P<directive>[\w.:-]+)",
    re.DOTALL | re.MULTILINE,
)


def _docname(path: Path) -> str:
    """The page's name in the book (``book/<name>``)."""
    if path.resolve().is_relative_to(REPO_ROOT):
        return path.resolve().relative_to(REPO_ROOT).with_suffix("").as_posix()
    return f"book/{path.stem}"


def _markdown_cells(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return [c.source for c in nb.cells if c.cell_type == "markdown"]
    return [path.read_text(encoding="utf-8")]


def equation_labels(markdown: list[str]) -> list[str]:
    """The labelled equations of a page, in the order the book numbers them."""
    labels = []
    for text in markdown:
        for match in _EQUATION_LABEL.finditer(text):
            label = match.group("dollar") or match.group("directive")
            if label not in labels:
                labels.append(label)
    return labels


def book_index(site_url: str | None = None) -> Book:
    """Titles, labels and exercise numbers of every page of the book (``_toc.yml``)."""
    titles: dict[str, str] = {}
    targets: dict[str, Target] = {}
    numbers: dict[str, int] = {}
    for page in exercises.book_pages():
        docname = _docname(page.path)
        titles[docname] = exercises.plain(page.title)
        markdown = _markdown_cells(page.path)
        for text in markdown:
            for match in _SECTION_TARGET.finditer(text):
                label = match.group("label")
                targets[label] = Target(docname, exercises.plain(match.group("text")), label)
        for number, label in enumerate(equation_labels(markdown), start=1):
            targets[label] = Target(docname, f"({number})", f"equation-{label}")
        for ex in page.exercises:
            if ex.number is not None:
                numbers[ex.label] = ex.number
                targets[ex.label] = Target(docname, f"Exercise {ex.number}", ex.anchor)
    return Book(titles, targets, numbers, bibliography.sources(), site_url)


SETUP_CELL = """\
# Student notebook of the chapter '{title}'{page}
# of the book '{book}'. Run the cells in order from the top (Run > Run All
# Cells), then do the exercises in new cells below them.
# It needs Python 3.11 or newer and the book's package tipline {version}, a wheel on the
# book's site beside this notebook: pip install {wheel}
# (on Binder it is installed). This cell checks both.
import importlib.util
import sys

if sys.version_info < (3, 11):
    raise RuntimeError(f"This notebook needs Python 3.11 or newer, not {{sys.version}}")
if importlib.util.find_spec('tipline') is None:
    raise ModuleNotFoundError(
        "The package tipline is missing: run  %pip install {wheel}  in a cell "
        "(or pip install in a terminal), then restart the kernel."
    )
import tipline

if tipline.__version__ != "{version}":
    print(f"Note: tipline {{tipline.__version__}} is installed; this notebook was made with")
    print("{version}, so some numbers may differ from the text.")
print(f"Ready: tipline {{tipline.__version__}}, Python {{sys.version.split()[0]}}")
"""


def setup_cell(title: str, docname: str, site_url: str | None) -> str:
    """The first cell: what the notebook needs, and a check that says how to get it."""
    wheel = wheel_name(__version__)
    return SETUP_CELL.format(
        title=title,
        page=f" ({site_url}{docname}.html)" if site_url else "",
        book=BOOK_TITLE,
        version=__version__,
        wheel=f"{site_url}{SITE_FOLDER}/{wheel}" if site_url else wheel,
    ).rstrip("\n")


def references_cell(book: Book, keys: list[str]) -> str:
    """A Markdown list of the sources a notebook cites, sorted as the book's list is."""
    lines = ["## Sources cited", ""]
    for key in sorted(keys, key=lambda k: (book.sources[k].author_short.lower(), k)):
        source = book.sources[key]
        entry = source.citation
        lines.append(f"- {entry} <{source.url}>" if source.url else f"- {entry}")
    return "\n".join(lines)


def _code_source(page: Page, source: str) -> str:
    source = GLUE_IMPORT.sub(STUDENT_GLUE_IMPORT, source)
    if "myst_nb" in source:
        raise MystError(
            f"{page.where()}: a code cell uses myst_nb beyond 'from myst_nb import glue', "
            "which the student edition cannot run without the book's build tools"
        )
    return source


def student_notebook(path: Path, glue: dict[str, dict], book: Book) -> nbformat.NotebookNode:
    """The student edition of the notebook at ``path``; ``glue`` holds what its execution
    glued (name -> mime bundle)."""
    source = nbformat.read(path, as_version=4)
    docname = _docname(path)
    page = Page(docname, glue)
    title = book.titles.get(docname, path.stem)
    cells = [nbformat.v4.new_code_cell(setup_cell(title, docname, book.site_url))]
    for cell in source.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type == "markdown":
            text = convert(book, page, cell.source)
            left = leftovers(text)
            if left:
                raise MystError(f"{docname}: MyST left in a Markdown cell: {', '.join(left)}")
            if text:
                cells.append(nbformat.v4.new_markdown_cell(text))
        elif cell.cell_type == "code":
            if page.skipping is not None:
                continue  # the code of a gated solution
            if "remove-cell" in tags and CHECK_MARKER in cell.source:
                continue  # prints that the book's tests compare, nothing for a reader
            kept = sorted(tags - BOOK_TAGS)
            new = nbformat.v4.new_code_cell(_code_source(page, cell.source))
            if kept:
                new.metadata["tags"] = kept
            cells.append(new)
    if page.skipping is not None:
        raise MystError(f"{docname}: the solution to {page.skipping!r} is never ended")
    if page.cited:
        cells.append(nbformat.v4.new_markdown_cell(references_cell(book, page.cited)))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = source.metadata.get(
        "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
    )
    if "language_info" in source.metadata:
        nb.metadata["language_info"] = {"name": source.metadata["language_info"].get("name")}
    nb.metadata["tipline"] = {
        "edition": "student",
        "source": f"{docname}.ipynb",
        "tipline_version": __version__,
    }
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{path.stem}-{index}"
    nbformat.validate(nb)
    return nb
