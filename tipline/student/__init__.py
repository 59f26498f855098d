"""The student edition of the book's notebooks.

Every chapter notebook in ``book/`` (all but the teacher's guide) is also published as a
*student notebook*: the same code, with the text as plain Markdown that JupyterLab renders
(glued values written in, exercises as numbered headings, no solutions) and a first cell that
checks what the notebook needs. The book's notebooks stay the only source; the student edition
is generated:

- by the book's build (``tools/build_book.py``), with the glued values of that build, into
  ``_build/html/notebooks/<name>.ipynb``, beside the ``tipline`` wheel the notebooks need;
- by Binder's ``postBuild``, which runs the notebooks to get the values, into ``student/``
  (where the launch buttons point).

:mod:`tipline.student.myst` converts the Markdown, :mod:`tipline.student.edition` builds a
notebook, :mod:`tipline.student.publish` writes the files, :mod:`tipline.student.site` links
them from the pages. This module imports nothing heavy.
"""

from __future__ import annotations

from pathlib import Path

#: Notebooks of ``book/`` that have no student edition (they are for teachers).
EXCLUDED = ("teachers-guide",)
#: Where the student notebooks are on the built site (relative to its root).
SITE_FOLDER = "notebooks"
#: Where Binder's ``postBuild`` writes them in the repository's image.
BINDER_FOLDER = "student"


def chapter_notebooks(book_dir: Path | None = None) -> list[Path]:
    """The notebooks that have a student edition, sorted by name."""
    from tipline.paths import BOOK_DIR

    folder = Path(book_dir) if book_dir is not None else BOOK_DIR
    return sorted(p for p in folder.glob("*.ipynb") if p.stem not in EXCLUDED)


def has_student_edition(docname: str) -> bool:
    """Whether the page ``docname`` (e.g. ``book/model``) has a student notebook."""
    folder, _, name = docname.rpartition("/")
    return folder == "book" and name not in EXCLUDED


def wheel_name(version: str) -> str:
    """The file name of the ``tipline`` wheel of ``version``."""
    return f"tipline-{version}-py3-none-any.whl"
