"""Where things live in the repository (the single place that knows the layout)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = REPO_ROOT / "data"
BOOK_DIR = REPO_ROOT / "book"
STATIC_DIR = PACKAGE_DIR / "static"
BIBLIOGRAPHY = DATA_DIR / "references.bib"
