"""The teacher's key: every exercise with its model answer, code solutions with what they
print, and a rubric for each argue and judge-a-source exercise, as MyST Markdown.

Everything is read from the chapters when the book is built (:mod:`tipline.exercises`): the
statements and solutions are the chapters' own text, with each glued value pasted from the
chapter that glued it (``{glue:text}`scale.ipynb::key```), so the key cannot drift from the
pages students read. The rubrics come from ``book/teaching.yml`` (:mod:`tipline.teaching`).
The page ``book/teachers-key.md`` shows it through the ``{teachers-key}`` directive
(:mod:`tipline.classroom_pages`).
"""

from __future__ import annotations

import re

from tipline import teaching
from tipline.exercises import CHAPTERS, KINDS, Exercise, Page, book_pages

#: How code is shown: highlighted as Python, in the theme's code colours (each 4.5:1 or more
#: on its background, in light and dark mode; see :mod:`tipline.theme_pygments`).
CODE_LEXER = "python"

_GLUE_ROLE = re.compile(r"\{glue(?P<kind>:[\w]*)?\}`(?P<key>[^`]+)`")
#: Glue roles that paste from another page (MyST-NB supports ``path::key`` for these only).
_PASTABLE = ("", ":", ":any", ":text")


def pasted_from(text: str, page: str) -> str:
    """MyST text of page ``page`` with each glued value pasted from that page."""

    def paste(match: re.Match) -> str:
        kind, key = match.group("kind") or "", match.group("key")
        if "::" in key:
            return match.group(0)
        if kind not in _PASTABLE:
            raise ValueError(
                f"{page}: the teacher's key cannot paste {{glue{kind}}}`{key}` from another page; "
                "use {glue:text} in exercises and solutions"
            )
        if kind == ":text" and ":" not in key:
            key += ":s"  # the role reads the text after the last colon as a format
        return f"{{glue{kind}}}`{page}.ipynb::{key}`"

    return _GLUE_ROLE.sub(paste, text)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def _fence(text: str, info: str) -> str:
    ticks = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return f"{ticks}{info}\n{text}\n{ticks}"


def heading(ex: Exercise) -> str:
    """'Exercise 6: Read the chart of reports per year' (the number the pages show)."""
    number = f"Exercise {ex.number}" if ex.number is not None else "Exercise"
    return f"{number}: {ex.lead}"


def rubric_markdown(rubric: teaching.Rubric) -> str:
    marks = " / ".join(str(level.score) for level in rubric.levels)
    rows = [f"| {c} | {marks} |" for c in rubric.criteria]
    rows += [f"| Contains: {point} | {marks} |" for point in rubric.look_for]
    top = sum(max(level.score for level in rubric.levels) for _ in rows)
    return "\n".join(
        [
            f"**Rubric** (out of {top}).",
            "",
            "| What a full answer does | Marks |",
            "|---|---|",
            *rows,
        ]
    )


def exercise_markdown(ex: Exercise) -> str:
    """One exercise of the key: statement, model answer, code output, rubric."""
    parts = [f"### {heading(ex)}", ""]
    where = f"Exercise {ex.number} on its page" if ex.number is not None else "On its page"
    parts.append(f"*{KINDS.get(ex.kind, 'Other')}.* {{ref}}`{where} <{ex.label}>`.")
    parts.append("")
    statement = "\n\n".join(x for x in (ex.title, ex.text) if x)
    parts += [_quoted(pasted_from(statement, ex.page)), ""]
    sol = ex.solution
    if sol is None:
        parts.append("*This exercise has no solution in its chapter.*")
    elif ex in teaching.code_exercises([ex]):
        run = teaching.run_solution(ex)
        code = f"{run.context}\n\n{run.code}" if run.context else run.code
        parts += ["**Model answer** (the chapter's code):", "", _fence(code, CODE_LEXER), ""]
        if sol.text:
            parts += [pasted_from(sol.text, ex.page), ""]
        parts += ["What it prints when the book is built:", "", _fence(run.output, "text")]
    else:
        parts += ["**Model answer.** " + pasted_from(sol.text, ex.page)]
    rubric = teaching.rubric(ex)
    if rubric is not None:
        parts += ["", rubric_markdown(rubric)]
    return "\n".join(parts)


def levels_markdown() -> str:
    items = [f"**{lv.score}** ({lv.name}): {lv.meaning}" for lv in teaching.levels()]
    return "Each row of a rubric is marked " + "; ".join(items) + "."


def key_markdown(pages: list[Page] | None = None) -> str:
    """The whole key: one section per page with exercises, in reading order."""
    teaching.check()
    pages = book_pages() if pages is None else pages
    order = [p for p in pages if p.name in CHAPTERS] + [p for p in pages if p.name not in CHAPTERS]
    out = [levels_markdown()]
    for page in order:
        if not page.exercises:
            continue
        out += ["", f"## {page.title}", ""]
        out += ["\n\n".join(exercise_markdown(ex) for ex in page.exercises)]
    return "\n".join(out) + "\n"
