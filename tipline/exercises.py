"""The book's exercises, read from its sources.

Used by the exercise tests (``tests/test_exercises.py``) and by the teacher's guide, whose
index of exercises by chapter and kind is built from the chapters when the book is built,
so it cannot drift from them.

An exercise is a MyST ``{exercise}`` directive (or the gated ``{exercise-start}`` /
``{exercise-end}`` pair) with a ``:label:``; its solution is a ``{solution} <label>``
directive, or the gated ``{solution-start} <label>`` / ``{solution-end}`` pair around one or
more code cells, which then run whenever the notebook runs. Both directive forms are found
with backtick or colon fences, at any depth inside other directives.

The *kind* of an exercise (reading a chart or table, predicting then checking in the
explorer, changing the model in code, judging a source, arguing the other side) is read
from the opening words of its task ("Predict, then check. ...", "Judge a source. ...") or
from a ``kind-<id>`` class on the exercise (``:class: kind-code``); see :func:`classify`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import nbformat
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

from tipline.paths import BOOK_DIR, REPO_ROOT
from tipline.table import Table

#: The kinds of exercise the book offers, in the order the index shows them.
KINDS: dict[str, str] = {
    "read": "Read a chart or table",
    "predict": "Predict, then check in the explorer",
    "code": "Change the model in code",
    "source": "Judge a source",
    "argue": "Argue the other side",
}
#: The kind of an exercise that matches none of :data:`KINDS`.
OTHER = "other"

#: The seven chapters that follow the examined document, by file name.
CHAPTERS = ("summary", "scale", "volume", "help", "defendants", "narratives", "conclusion")

#: Cell tags and comment markers that stop a code cell from running (or let it fail) under
#: the notebook tests (nbval) or the book's execution (MyST-NB).
SKIP_TAGS = frozenset(
    {"skip-execution", "raises-exception", "nbval-skip", "nbval-raises-exception"}
)
SKIP_MARKERS = ("NBVAL_SKIP", "NBVAL_RAISES_EXCEPTION")


def _compiled(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, pattern) pairs with each pattern compiled, case-insensitive."""
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in patterns)


# The verbs that open a task of each kind ("Read the table ...", "Judge a source. ...").
_KIND_OPENINGS: tuple[tuple[str, re.Pattern], ...] = _compiled(
    (
        ("predict", r"^(predict|guess)\b"),
        ("code", r"^((change|modify|edit|extend|rewrite|run)\b.*\b(code|binder|python)\b|code\b)"),
        ("source", r"^judge\b"),
        ("argue", r"^argue\b"),
        ("read", r"^read\b"),
    )
)
# The words that mark a task of each kind anywhere, tried in this order (first match wins).
_KIND_PATTERNS: tuple[tuple[str, re.Pattern], ...] = _compiled(
    (
        ("predict", r"\bpredict|\bguess\b"),
        ("code", r"\bin code\b|\bcode\b|\bbinder\b|\bnotebook\b|\bpython\b"),
        ("source", r"\bjudge\b|\bsources?\b|\bprimary\b|\bsecondary\b|\bcontradict"),
        ("argue", r"\bargue\b|\bother side\b|\bdevil|\brebut|\bdebate\b"),
        ("read", r"\bread\b|\bchart\b|\btable\b|\bfigure\b|\bgraph\b|\bdiagram\b"),
    )
)

_DIRECTIVE = re.compile(r"^\{([a-zA-Z][\w:-]*)\}\s*(.*)$")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^`]*>)?`")


@dataclass(frozen=True)
class CodeCell:
    """A notebook code cell (inside a gated solution)."""

    source: str
    tags: tuple[str, ...] = ()

    @property
    def skipped(self) -> bool:
        """True if the notebook tests would not run this cell, or would let it fail."""
        if SKIP_TAGS.intersection(self.tags):
            return True
        return any(marker in self.source for marker in SKIP_MARKERS)


@dataclass(frozen=True)
class Solution:
    """A solution directive: the label of the exercise it solves and how it is shown."""

    page: str
    label: str
    classes: tuple[str, ...] = ()
    gated: bool = False
    closed: bool = True
    code_cells: tuple[CodeCell, ...] = ()
    text: str = ""

    @property
    def hidden(self) -> bool:
        """Hidden until the reader opens it (``:class: dropdown``)."""
        return "dropdown" in self.classes


@dataclass(frozen=True)
class Exercise:
    """An exercise directive on one page of the book."""

    page: str
    label: str
    title: str = ""
    text: str = ""
    classes: tuple[str, ...] = ()
    number: int | None = None
    gated: bool = False
    solutions: tuple[Solution, ...] = field(default=(), compare=False)

    @property
    def solution(self) -> Solution | None:
        return self.solutions[0] if self.solutions else None

    @property
    def kind(self) -> str:
        return classify(self.title, self.text, self.classes, self.solution)

    @property
    def lead(self) -> str:
        """The task's opening sentence, as plain text."""
        return lead_sentence(" ".join(part for part in (self.title, self.text) if part))

    @property
    def anchor(self) -> str:
        """The HTML id of the exercise on its page (sphinx-exercise uses the label)."""
        return self.label


@dataclass(frozen=True)
class Page:
    """The exercises and solutions found in one source file of the book."""

    name: str
    path: Path
    title: str
    exercises: tuple[Exercise, ...]
    solutions: tuple[Solution, ...]
    problems: tuple[str, ...] = ()


# -- reading the sources -------------------------------------------------------------------


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(colon_fence_plugin)


def _split_options(content: str) -> tuple[dict[str, str], str]:
    """MyST directive options (``:key: value`` lines or a ``---`` YAML block) and the body."""
    lines = content.splitlines()
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            return options, content
        loaded = yaml.safe_load("\n".join(lines[1:end])) or {}
        options = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
        return options, "\n".join(lines[end + 1 :]).strip()
    index = 0
    for index, line in enumerate(lines):  # noqa: B007 - index used after the loop
        match = re.match(r"^:([\w-]+):\s*(.*)$", line)
        if not match:
            break
        options[match.group(1)] = match.group(2).strip()
    else:
        index = len(lines)
    return options, "\n".join(lines[index:]).strip()


def _directives(markdown: str) -> Iterable[tuple[str, str, dict[str, str], str]]:
    """Every directive in a Markdown text, in order, nested ones included:
    ``(name, argument, options, body)``."""
    for token in _parser().parse(markdown):
        if token.type not in ("fence", "colon_fence"):
            continue
        match = _DIRECTIVE.match(token.info.strip())
        if not match:
            continue
        name, argument = match.group(1), match.group(2).strip()
        options, body = _split_options(token.content)
        yield name, argument, options, body
        if name not in ("code-cell", "code", "code-block", "math"):
            yield from _directives(body)


def _classes(options: dict[str, str]) -> tuple[str, ...]:
    return tuple(options.get("class", "").split())


def _cells(path: Path) -> list[dict]:
    """The page's cells as dicts with ``cell_type``, ``source`` and ``tags``."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return [
            {
                "cell_type": c.cell_type,
                "source": c.source,
                "tags": tuple(c.get("metadata", {}).get("tags", ())),
            }
            for c in nb.cells
        ]
    text = path.read_text(encoding="utf-8")
    if re.search(r"^```\{code-cell\}", text, re.MULTILINE):
        import jupytext

        nb = jupytext.reads(text, fmt="md:myst")
        return [
            {
                "cell_type": c.cell_type,
                "source": c.source,
                "tags": tuple(c.get("metadata", {}).get("tags", ())),
            }
            for c in nb.cells
        ]
    return [{"cell_type": "markdown", "source": text, "tags": ()}]


def _title(cells: list[dict], fallback: str) -> str:
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        match = re.search(r"^#\s+(.+?)\s*$", cell["source"], re.MULTILINE)
        if match:
            return match.group(1)
    return fallback


def read_page(path: Path | str) -> Page:
    """The exercises and solutions in one notebook (``.ipynb``) or MyST page (``.md``)."""
    path = Path(path)
    name = path.stem
    cells = _cells(path)
    exercises: list[dict] = []
    solutions: list[dict] = []
    problems: list[str] = []
    open_solution: dict | None = None
    open_exercise: dict | None = None
    number = 0
    for cell in cells:
        if cell["cell_type"] == "code":
            if open_solution is not None:
                open_solution["code_cells"].append(CodeCell(cell["source"], cell["tags"]))
            continue
        if cell["cell_type"] != "markdown":
            continue
        for directive, argument, options, body in _directives(cell["source"]):
            if directive in ("exercise", "exercise-start"):
                label = options.get("label", "")
                if not label:
                    problems.append(f"{path.name}: an exercise without a :label:")
                numbered = "nonumber" not in options
                number += numbered
                record = {
                    "page": name,
                    "label": label,
                    "title": argument,
                    "text": body,
                    "classes": _classes(options),
                    "number": number if numbered else None,
                    "gated": directive == "exercise-start",
                }
                exercises.append(record)
                if directive == "exercise-start":
                    open_exercise = record
            elif directive == "exercise-end":
                if open_exercise is None:
                    problems.append(f"{path.name}: exercise-end without exercise-start")
                open_exercise = None
            elif directive in ("solution", "solution-start"):
                if open_solution is not None:
                    problems.append(
                        f"{path.name}: solution-start for {open_solution['label']!r} is never ended"
                    )
                record = {
                    "page": name,
                    "label": argument,
                    "classes": _classes(options),
                    "gated": directive == "solution-start",
                    "closed": directive == "solution",
                    "code_cells": [],
                    "text": body,
                }
                solutions.append(record)
                open_solution = record if directive == "solution-start" else None
            elif directive == "solution-end":
                if open_solution is None:
                    problems.append(f"{path.name}: solution-end without solution-start")
                else:
                    open_solution["closed"] = True
                open_solution = None
    if open_solution is not None:
        problems.append(
            f"{path.name}: solution-start for {open_solution['label']!r} is never ended"
        )
    if open_exercise is not None:
        problems.append(f"{path.name}: exercise-start for {open_exercise['label']!r} never ended")
    sols = tuple(Solution(**{**s, "code_cells": tuple(s["code_cells"])}) for s in solutions)
    by_label: dict[str, list[Solution]] = {}
    for s in sols:
        by_label.setdefault(s.label, []).append(s)
    exs = tuple(Exercise(**e, solutions=tuple(by_label.get(e["label"], ()))) for e in exercises)
    return Page(name, path, _title(cells, name), exs, sols, tuple(problems))


def toc_files(root: Path | None = None) -> list[Path]:
    """The book's source files in the order of ``_toc.yml`` (root page first)."""
    root = Path(root) if root is not None else REPO_ROOT
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names: list[str] = [toc["root"]]

    def walk(entries):
        for entry in entries or ():
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts") or ():
        walk(part.get("chapters"))
    files = []
    for name in names:
        for suffix in (".ipynb", ".md"):
            candidate = root / f"{name}{suffix}"
            if candidate.exists():
                files.append(candidate)
                break
    return files


def book_pages(book_dir: Path | None = None) -> list[Page]:
    """Every page of the book that is built (``_toc.yml``), in reading order.

    With ``book_dir``, every ``.ipynb`` and ``.md`` file in that folder instead (sorted by
    name).
    """
    if book_dir is None:
        files = [f for f in toc_files() if f.parent == BOOK_DIR]
    else:
        files = sorted(p for p in Path(book_dir).iterdir() if p.suffix in (".ipynb", ".md"))
    return number_across(read_page(f) for f in files)


def number_across(pages: Iterable[Page]) -> list[Page]:
    """Number the exercises of ``pages`` in one sequence, as the built book does.

    Sphinx numbers exercises through the whole book in the order of the table of contents
    (the toctree is not numbered), so the first exercise of a chapter shows the number
    after the last exercise of the chapter before it.
    """
    out, offset = [], 0
    for page in pages:
        renumbered = []
        for e in page.exercises:
            if e.number is not None:
                offset += 1
                e = replace(e, number=offset)
            renumbered.append(e)
        out.append(replace(page, exercises=tuple(renumbered)))
    return out


def exercises(book_dir: Path | None = None) -> list[Exercise]:
    """Every exercise of the book, in reading order."""
    return [e for page in book_pages(book_dir) for e in page.exercises]


# -- kinds -----------------------------------------------------------------------------------


def plain(text: str) -> str:
    """MyST source as plain words: roles keep their text, markup and breaks go."""
    text = _ROLE.sub(lambda m: m.group(1), text)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def lead_sentence(text: str) -> str:
    """The opening sentence of a task (up to the first full stop, colon or question mark)."""
    words = plain(text)
    match = re.match(r"(.+?[.:?!])(\s|$)", words)
    return (match.group(1) if match else words).rstrip(".:")


def classify(
    title: str, text: str, classes: Iterable[str] = (), solution: Solution | None = None
) -> str:
    """The kind of an exercise: one of :data:`KINDS` or :data:`OTHER`.

    A ``kind-<id>`` class decides. Otherwise the opening sentence of the title and task
    decides: first its opening verb ("Predict, then check.", "Change the model in code.",
    "Judge a source.", "Argue the other side.", "Read the table ..."), then the first kind
    whose words it contains. Failing that, a solution with code makes it a code exercise,
    and then the first kind whose words appear anywhere in the task.
    """
    for klass in classes:
        if klass.startswith("kind-") and klass[5:] in KINDS:
            return klass[5:]
    lead = lead_sentence(" ".join(part for part in (title, text) if part))
    for patterns in (_KIND_OPENINGS, _KIND_PATTERNS):
        for kind, pattern in patterns:
            if pattern.search(lead):
                return kind
    if solution is not None and solution.code_cells:
        return "code"
    words = plain(f"{title} {text}")
    for kind, pattern in _KIND_PATTERNS:
        if kind != "code" and pattern.search(words):
            return kind
    return OTHER


# -- the index in the teacher's guide -------------------------------------------------------


def counts(pages: list[Page] | None = None) -> dict[str, dict[str, int]]:
    """Exercises per page and kind: ``{page: {kind: n}}`` (pages with exercises only)."""
    pages = book_pages() if pages is None else pages
    table: dict[str, dict[str, int]] = {}
    for page in pages:
        for ex in page.exercises:
            row = table.setdefault(page.name, {})
            row[ex.kind] = row.get(ex.kind, 0) + 1
    return table


def _kinds_used(pages: list[Page]) -> list[str]:
    used = {ex.kind for page in pages for ex in page.exercises}
    return list(KINDS) + ([OTHER] if OTHER in used else [])


def _link_text(ex: Exercise) -> str:
    return f"{ex.number}" if ex.number is not None else ex.label


def index_table(pages: list[Page] | None = None, base: str = "") -> Table:
    """The index of exercises by chapter (rows) and kind (columns), as an accessible table.

    Each cell links to the exercises of that kind on that chapter's page, by their number
    (see :func:`number_across`); ``base`` is the path from the page showing the table to
    the chapters.
    """
    pages = book_pages() if pages is None else pages
    pages = [p for p in pages if p.exercises]
    kinds = _kinds_used(pages)
    headings = [KINDS.get(k, "Other") for k in kinds]
    caption = (
        "Exercises by chapter and kind. Each number is the exercise's number as the "
        "chapter's page shows it, and links to it."
    )
    out = ['<table class="tipline-table tipline-exercise-index">']
    out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append('<thead><tr><th scope="col">Chapter</th>')
    out += [f'<th scope="col">{html.escape(h)}</th>' for h in headings]
    out.append('<th scope="col">All</th></tr></thead><tbody>')
    text = [caption, " | ".join(["Chapter", *headings, "All"])]
    totals = dict.fromkeys(kinds, 0)
    for page in pages:
        href = f"{base}{page.name}.html"
        out.append(
            f'<tr><th scope="row"><a href="{html.escape(href, quote=True)}">'
            f"{html.escape(page.title)}</a></th>"
        )
        row_text = [page.title]
        for kind in kinds:
            chosen = [ex for ex in page.exercises if ex.kind == kind]
            totals[kind] += len(chosen)
            links = ", ".join(
                f'<a href="{html.escape(f"{href}#{ex.anchor}", quote=True)}"'
                f' aria-label="{html.escape(page.title, quote=True)}, exercise '
                f'{html.escape(_link_text(ex), quote=True)}">{html.escape(_link_text(ex))}</a>'
                for ex in chosen
            )
            out.append(f"<td>{links}</td>")
            row_text.append(", ".join(_link_text(ex) for ex in chosen) or "-")
        out.append(f"<td>{len(page.exercises)}</td></tr>")
        row_text.append(str(len(page.exercises)))
        text.append(" | ".join(row_text))
    total = sum(totals.values())
    out.append('<tr><th scope="row">All chapters</th>')
    out += [f"<td>{totals[k]}</td>" for k in kinds]
    out.append(f"<td>{total}</td></tr></tbody></table>")
    text.append(" | ".join(["All chapters", *(str(totals[k]) for k in kinds), str(total)]))
    return Table("\n".join(out), "\n".join(text))


def summary(pages: list[Page] | None = None) -> dict:
    """Plain facts about the exercises (for the guide's prose and its checked output)."""
    pages = book_pages() if pages is None else pages
    exs = [e for page in pages for e in page.exercises]
    by_kind = {k: sum(e.kind == k for e in exs) for k in [*KINDS, OTHER]}
    return {
        "total": len(exs),
        "pages": sum(1 for p in pages if p.exercises),
        "by_kind": by_kind,
        "code_solutions": sum(1 for e in exs if e.solution is not None and e.solution.code_cells),
    }


def as_json(pages: list[Page] | None = None) -> str:
    """Every exercise as JSON lines (page, label, number, kind, lead), for inspection."""
    pages = book_pages() if pages is None else pages
    return "\n".join(
        json.dumps(
            {"page": e.page, "label": e.label, "number": e.number, "kind": e.kind, "lead": e.lead}
        )
        for page in pages
        for e in page.exercises
    )
