"""Where things live (the single place that knows the layout).

In the repository (a checkout, or an editable install of it) the data are the repository's
``data/`` folder. In an installed wheel they are the package's own copy, ``tipline/_data``,
which the wheel's build copies from ``data/`` (see ``setup.py``). ``REPO_ROOT`` and
``BOOK_DIR`` mean something only in a checkout (:data:`IN_REPOSITORY`).
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
#: True when this package is the ``tipline/`` folder of a checkout of the book.
IN_REPOSITORY = (REPO_ROOT / "data" / "references.bib").is_file() and (
    REPO_ROOT / "_toc.yml"
).is_file()
PACKAGED_DATA_DIR = PACKAGE_DIR / "_data"
DATA_DIR = REPO_ROOT / "data" if IN_REPOSITORY else PACKAGED_DATA_DIR
BOOK_DIR = REPO_ROOT / "book"
STATIC_DIR = PACKAGE_DIR / "static"
BIBLIOGRAPHY = DATA_DIR / "references.bib"
