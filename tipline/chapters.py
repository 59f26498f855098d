"""What each chapter sets out to do: ``book/chapters.yml``, read, checked and rendered.

``book/chapters.yml`` is the one place that holds, per chapter page (its file name without
the extension), the chapter's ``finding`` (one sentence, shown above its key chart), its
``objectives`` (top of the page) and its ``key_points`` (foot of the page, before the
exercises). The chapter pages get them from :mod:`tipline.chapter_pages` at build time; the
teacher's guide and the tests read them here::

    from tipline import chapters

    book = chapters.load()                 # {stem: Chapter}, in the file's order
    book["volume"].objectives              # ('Separate the foreign reports ...', ...)
    chapters.as_markdown("volume")         # the blocks as plain Markdown, for a notebook

The text is plain sentences: no numbers (they come from ``data/`` or the model, glued into
the chapters: a number typed here could not follow the data), no Markdown and no code
names. :func:`load` checks all of that and raises a :class:`~tipline.problems.DataError`
that names the file, the chapter and the field.

Reading time is computed from the words of the built page (:func:`count_words`,
:func:`reading_minutes`), never typed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tipline.ledger_text import typed_numbers
from tipline.paths import BOOK_DIR
from tipline.problems import DataError, Problem

__all__ = [
    "CHAPTERS_FILE",
    "Chapter",
    "WORDS_PER_MINUTE",
    "as_markdown",
    "count_words",
    "load",
    "reading_minutes",
    "reading_time_text",
]

CHAPTERS_FILE = BOOK_DIR / "chapters.yml"
#: A steady reading pace for dense non-fiction with figures (words per minute).
WORDS_PER_MINUTE = 200
FIELDS = ("finding", "objectives", "key_points")
#: How many objectives or key points a chapter lists: enough to say something, few enough
#: to read at a glance.
LIST_LENGTH = (2, 5)
#: Characters that would be Markdown, MyST or code in a plain sentence.
_MARKUP = re.compile(r"[`*_{}\[\]<>#|\\]")
_STEM = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Chapter:
    """One chapter's finding, objectives and key points."""

    stem: str
    finding: str
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]


def _where(path: Path) -> str:
    try:
        return str(path.relative_to(BOOK_DIR.parent))
    except ValueError:
        return str(path)


def _check_sentence(where: str, stem: str, field: str, text, problems: list) -> None:
    column = f"{stem}.{field}"
    if not isinstance(text, str) or not text.strip():
        problems.append(Problem(where, None, column, "must be a non-empty sentence"))
        return
    if _MARKUP.search(text):
        found = "".join(sorted(set(_MARKUP.findall(text))))
        problems.append(
            Problem(
                where,
                None,
                column,
                f"plain text only, no Markdown or code ({found!r} found): {text!r}",
            )
        )
    numbers = typed_numbers(text)
    if numbers:
        problems.append(
            Problem(
                where,
                None,
                column,
                f"typed number(s) {numbers}: numbers belong in the chapter, glued from "
                f"data/ or the model ({text!r})",
            )
        )


def load(path: Path | str | None = None) -> dict[str, Chapter]:
    """Every chapter of ``path`` (``book/chapters.yml`` by default), checked, in file order.

    Raises :class:`~tipline.problems.DataError` listing every problem: a chapter with no
    page in ``book/``, a missing or unknown field, a list of the wrong length, markup, code
    or a typed number in the text.
    """
    path = Path(path) if path is not None else CHAPTERS_FILE
    where = _where(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(Problem(where, None, None, "file not found")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError(Problem(where, line, None, f"not valid YAML: {exc}")) from None
    if not isinstance(raw, dict) or not raw:
        raise DataError(
            Problem(where, None, None, "must map each chapter's file name to its fields")
        )
    problems: list[Problem] = []
    book: dict[str, Chapter] = {}
    pages = path.parent
    for stem, fields in raw.items():
        if not isinstance(stem, str) or not _STEM.match(stem):
            problems.append(Problem(where, None, str(stem), "not a page name"))
            continue
        if not any((pages / f"{stem}{ext}").exists() for ext in (".ipynb", ".md")):
            problems.append(
                Problem(where, None, stem, f"no page {stem}.ipynb or {stem}.md in {pages.name}/")
            )
        if not isinstance(fields, dict):
            problems.append(Problem(where, None, stem, f"must hold the fields {', '.join(FIELDS)}"))
            continue
        unknown = sorted(set(fields) - set(FIELDS))
        missing = [f for f in FIELDS if f not in fields]
        if unknown:
            problems.append(
                Problem(where, None, stem, f"unknown field(s) {unknown}; allowed: {FIELDS}")
            )
        if missing:
            problems.append(Problem(where, None, stem, f"missing field(s) {missing}"))
            continue
        _check_sentence(where, stem, "finding", fields["finding"], problems)
        lists = {}
        for field in ("objectives", "key_points"):
            items = fields[field]
            low, high = LIST_LENGTH
            if not isinstance(items, list) or not low <= len(items) <= high:
                problems.append(
                    Problem(
                        where,
                        None,
                        f"{stem}.{field}",
                        f"must be a list of {low} to {high} sentences",
                    )
                )
                continue
            for i, item in enumerate(items, start=1):
                _check_sentence(where, stem, f"{field}[{i}]", item, problems)
            lists[field] = tuple(str(item).strip() for item in items)
        if len(lists) == 2:
            book[stem] = Chapter(
                stem=stem,
                finding=str(fields["finding"]).strip(),
                objectives=lists["objectives"],
                key_points=lists["key_points"],
            )
    if problems:
        raise DataError(problems)
    return book


# --- reading time ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_](?:[\w'’.,−-]*[^\W_])?")


def count_words(text: str) -> int:
    """The words in ``text``: runs of letters or digits (``2,990,341``, ``+0.66`` and
    ``task-force`` are one word each); punctuation alone is not a word."""
    return len(_WORD.findall(text))


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes to read ``words`` words at ``per_minute`` (rounded up, at least 1)."""
    if isinstance(words, bool) or not isinstance(words, int) or words < 0:
        raise ValueError(f"words must be a whole number of at least 0, not {words!r}")
    if isinstance(per_minute, bool) or not isinstance(per_minute, int) or per_minute <= 0:
        raise ValueError(f"per_minute must be a positive whole number, not {per_minute!r}")
    return max(1, math.ceil(words / per_minute))


def reading_time_text(words: int) -> str:
    """The line shown under a chapter's title, e.g. 'About 9 minutes to read (1,730 words,
    exercises aside).'"""
    minutes = reading_minutes(words)
    unit = "minute" if minutes == 1 else "minutes"
    return f"About {minutes} {unit} to read ({words:,} words, exercises aside)."


# --- plain Markdown, for notebooks -------------------------------------------------------


def as_markdown(stem: str, book: dict[str, Chapter] | None = None) -> str:
    """A chapter's finding, objectives and key points as plain Markdown (for a notebook
    such as the teacher's guide). Raises ``KeyError`` naming the chapters there are."""
    book = load() if book is None else book
    if stem not in book:
        raise KeyError(f"no chapter {stem!r} in {_where(CHAPTERS_FILE)}; there are {list(book)}")
    chapter = book[stem]
    lines = [f"**Finding.** {chapter.finding}", "", "**In this chapter you will:**", ""]
    lines += [f"- {item}" for item in chapter.objectives]
    lines += ["", "**Key points:**", ""]
    lines += [f"- {item}" for item in chapter.key_points]
    return "\n".join(lines)
