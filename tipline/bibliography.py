"""The project's bibliography (``data/references.bib``): parse it, check it, label its entries.

Every table in ``data/`` points to sources by BibTeX key (column ``source``, several keys
separated by ``;``). This module is the single place that reads the ``.bib`` file; the book
formats citations through sphinxcontrib-bibtex, which uses the same file.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.database import BibliographyData, parse_file
from pybtex.richtext import Text

from tipline.paths import BIBLIOGRAPHY

KEY_SEPARATOR = ";"
REQUIRED_FIELDS = ("title", "year", "url")
PUBLISHER_FIELDS = ("publisher", "institution", "howpublished", "journal", "organization")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_TEXT_BACKEND = PlainTextBackend()
_LATEX_MARKUP = re.compile(r"[\\{}~$`']|--")


class BibliographyError(ValueError):
    """The bibliography file is missing or cannot be parsed (``path``: which file,
    ``reason``: what is wrong with it)."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Source:
    """One bibliography entry, with LaTeX markup turned into plain text."""

    key: str
    entry_type: str
    title: str
    year: str
    url: str
    author: str
    author_short: str
    publisher: str
    note: str

    @property
    def label(self) -> str:
        """Short readable label, e.g. ``Grossman et al. (2024)`` or ``NCMEC (2025)``.

        Uses the biblatex ``shortauthor`` field when present, otherwise the surname(s).
        """
        who = self.author_short or self.publisher or "Unknown author"
        return f"{who} ({self.year})"

    @property
    def citation(self) -> str:
        """One-line citation: author (year). Title. Publisher."""
        parts = [f"{self.label}. {self.title}."]
        if self.publisher and self.publisher != self.author:
            parts.append(f"{self.publisher}.")
        return " ".join(parts)


def split_keys(cell: object) -> list[str]:
    """Split a ``source`` cell such as ``"a;b"`` into ``["a", "b"]`` (empty cells give ``[]``)."""
    if cell is None or not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(KEY_SEPARATOR) if part.strip()]


def _plain(latex: str) -> str:
    """Turn a BibTeX field value into plain text (braces removed, ``\\&`` decoded)."""
    if not latex:
        return ""
    if not _LATEX_MARKUP.search(latex):
        return latex.strip()
    try:
        return Text.from_latex(latex).render(_TEXT_BACKEND).strip()
    except Exception:  # pybtex raises several error types on odd markup
        return latex.replace("{", "").replace("}", "").strip()


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError as err:
        raise BibliographyError(path, "bibliography file not found") from err
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _parse(stamp: tuple[str, int, int]) -> BibliographyData:
    path = stamp[0]
    try:
        return parse_file(path, bib_format="bibtex")
    except Exception as err:  # pybtex.scanner.PybtexSyntaxError, duplicate keys, ...
        raise BibliographyError(path, f"cannot parse BibTeX: {err}") from err


def parse(path: Path | str = BIBLIOGRAPHY) -> BibliographyData:
    """Parse the bibliography with pybtex (cached on path, modification time and size)."""
    return _parse(_stamp(Path(path)))


def _short_name(person) -> str:
    """Surname for a person, the whole name for an organisation written in braces."""
    if person.first_names or person.middle_names:
        return _plain(" ".join(person.prelast_names + person.last_names))
    return _plain(str(person))


def _short_authors(authors) -> str:
    names = [_short_name(person) for person in authors]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


def _source(key: str, entry) -> Source:
    fields = entry.fields
    authors = entry.persons.get("author", [])
    author = "; ".join(_plain(str(person)) for person in authors)
    publisher = next((_plain(fields[f]) for f in PUBLISHER_FIELDS if fields.get(f)), "")
    return Source(
        key=key,
        entry_type=entry.type,
        title=_plain(fields.get("title", "")),
        year=fields.get("year", ""),
        url=fields.get("url", ""),
        author=author,
        author_short=_plain(fields.get("shortauthor", "")) or _short_authors(authors),
        publisher=publisher,
        note=_plain(fields.get("note", "")),
    )


@functools.lru_cache(maxsize=8)
def _sources(stamp: tuple[str, int, int]) -> dict[str, Source]:
    data = _parse(stamp)
    return {key: _source(key, entry) for key, entry in data.entries.items()}


def sources(path: Path | str = BIBLIOGRAPHY) -> dict[str, Source]:
    """All entries as :class:`Source` objects, keyed by BibTeX key (cached; a fresh dict)."""
    return dict(_sources(_stamp(Path(path))))


def keys(path: Path | str = BIBLIOGRAPHY) -> frozenset[str]:
    """The set of BibTeX keys in the bibliography."""
    return frozenset(parse(path).entries.keys())


def entry_problems(path: Path | str = BIBLIOGRAPHY) -> list[str]:
    """Problems with individual entries: missing title/year/url, no author or publisher, odd
    year, an address whose host ends with a dot, a title not protected by braces.

    The year must be a plain four-digit year: ranges such as ``2020--2024`` break the sorting in
    sphinxcontrib-bibtex and belong in ``note``.
    """
    problems = []
    for key, entry in parse(path).entries.items():
        fields = entry.fields
        for name in REQUIRED_FIELDS:
            if not fields.get(name, "").strip():
                problems.append(f"entry '{key}': missing field '{name}'")
        year = fields.get("year", "").strip()
        if year and not _YEAR.match(year):
            problems.append(f"entry '{key}': year '{year}' is not a four-digit year")
        has_author = bool(entry.persons.get("author"))
        if not has_author and not any(fields.get(name, "").strip() for name in PUBLISHER_FIELDS):
            problems.append(
                f"entry '{key}': needs an author or one of {', '.join(PUBLISHER_FIELDS)}"
            )
        url = fields.get("url", "").strip()
        if url and not url.startswith(("http://", "https://")):
            problems.append(f"entry '{key}': url '{url}' is not an http(s) address")
        elif url and urlsplit(url).hostname is not None and urlsplit(url).netloc.endswith("."):
            problems.append(f"entry '{key}': url '{url}' has a host ending with a dot")
        title = fields.get("title", "").strip()
        if title and not (title.startswith("{") and title.endswith("}")):
            problems.append(
                f"entry '{key}': title must be wrapped in braces, {{{{...}}}}, so that the "
                "reference list keeps its capitals (the style lower-cases unprotected titles)"
            )
    return problems


def label(key: str, path: Path | str = BIBLIOGRAPHY) -> str:
    """Readable label for one key; raises ``KeyError`` for an unknown key."""
    return sources(path)[key].label


def link_html(key: str, path: Path | str = BIBLIOGRAPHY) -> str:
    """An HTML link to the source, with its full citation as the link's title attribute."""
    source = sources(path)[key]
    text = html.escape(source.label)
    title = html.escape(source.citation, quote=True)
    if not source.url:
        return f'<span title="{title}">{text}</span>'
    href = html.escape(source.url, quote=True)
    return f'<a href="{href}" title="{title}">{text}</a>'
