"""Teaching aids read from ``book/teaching.yml``: rubrics, code-reading prompts, worksheets.

The file holds what only a teacher can write (what a full answer to an argue or judge-a-source
exercise contains, what to predict before reading a code exercise's output, the parts of each
lesson plan's worksheet); everything else comes from the chapters (:mod:`tipline.exercises`)
and the model. :func:`problems` checks the file against the chapters, so a renamed or added
exercise stops the build with a message instead of leaving a rubric behind, and so does a
reworded one: ``written_for`` holds, for each rubric and prompt, the digest of the statement
it was written for (``python -m tipline.teaching`` prints today's digests).

:func:`run_solution` runs the code of a code exercise's solution the way the chapter runs it
(after the chapter's imports) and returns what it prints: the output the teacher's key and
the code-reading page show.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
import yaml

from tipline.exercises import Exercise, exercises
from tipline.paths import BOOK_DIR

TEACHING_FILE = BOOK_DIR / "teaching.yml"
#: The kinds of exercise that have a rubric.
RUBRIC_KINDS = ("argue", "source")
#: The parts a worksheet can have (see ``worksheets`` in the file).
WORKSHEET_PARTS = ("prediction", "presets", "argue", "report", "debate", "exit")


class TeachingError(ValueError):
    """``book/teaching.yml`` does not match the chapters' exercises."""


@dataclass(frozen=True)
class Level:
    score: int
    name: str
    meaning: str


@dataclass(frozen=True)
class Rubric:
    """How to mark one exercise: the levels, its kind's criteria, its own points."""

    levels: tuple[Level, ...]
    criteria: tuple[str, ...]
    look_for: tuple[str, ...]


@dataclass(frozen=True)
class Worksheet:
    id: str
    title: str
    plan: str
    parts: tuple[str, ...]
    exit: str


@dataclass(frozen=True)
class SolutionRun:
    """A code exercise's solution, run: its code, the imports the chapter made before it
    that the code uses without importing, and what it printed."""

    code: str
    context: str
    output: str


@cache
def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise TeachingError(f"{path}: expected a mapping at the top level")
    return data


def load(path: Path | None = None) -> dict:
    """The teaching file as read (cached)."""
    return _load(Path(path) if path is not None else TEACHING_FILE)


def levels(data: dict | None = None) -> tuple[Level, ...]:
    data = load() if data is None else data
    return tuple(Level(int(x["score"]), str(x["name"]), str(x["meaning"])) for x in data["levels"])


def rubric(exercise: Exercise, data: dict | None = None) -> Rubric | None:
    """The rubric of an argue or judge-a-source exercise (``None`` for other kinds)."""
    data = load() if data is None else data
    if exercise.kind not in RUBRIC_KINDS:
        return None
    look_for = (data.get("look_for") or {}).get(exercise.label)
    if not look_for:
        raise TeachingError(f"{TEACHING_FILE.name}: no look_for entry for {exercise.label}")
    return Rubric(
        levels(data),
        tuple(data["criteria"][exercise.kind]),
        tuple(str(x) for x in look_for),
    )


def prediction_prompt(exercise: Exercise, data: dict | None = None) -> str:
    data = load() if data is None else data
    prompt = (data.get("predict") or {}).get(exercise.label)
    if not prompt:
        raise TeachingError(f"{TEACHING_FILE.name}: no predict entry for {exercise.label}")
    return " ".join(str(prompt).split())


def worksheets(data: dict | None = None) -> list[Worksheet]:
    data = load() if data is None else data
    return [
        Worksheet(
            str(w["id"]),
            str(w["title"]),
            str(w["plan"]),
            tuple(w["parts"]),
            " ".join(str(w["exit"]).split()),
        )
        for w in data.get("worksheets") or ()
    ]


def worksheet(sheet_id: str, data: dict | None = None) -> Worksheet:
    found = {w.id: w for w in worksheets(data)}
    if sheet_id not in found:
        raise TeachingError(f"no worksheet {sheet_id!r}; the file has {', '.join(found)}")
    return found[sheet_id]


def code_exercises(exs: list[Exercise] | None = None) -> list[Exercise]:
    """The exercises whose solution is code that runs with the chapter."""
    exs = exercises() if exs is None else exs
    return [
        e
        for e in exs
        if e.kind == "code"
        and e.solution is not None
        and any(not c.skipped for c in e.solution.code_cells)
    ]


def statement_digest(exercise: Exercise) -> str:
    """Eight hex digits that change when an exercise's title or statement is reworded
    (spacing aside): what a rubric or a prediction prompt was written for."""
    text = " ".join(f"{exercise.title} {exercise.text}".split())
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _entries(data: dict) -> set[str]:
    """The labels that have a rubric (look_for) or a prediction prompt (predict)."""
    return {*(data.get("look_for") or {}), *(data.get("predict") or {})}


def _written_for(data: dict, by_label: dict[str, Exercise]) -> list[str]:
    """Each rubric and prediction prompt against the statement it was written for."""
    written = data.get("written_for") or {}
    entries = _entries(data)
    out = []
    for label in sorted(entries & set(by_label)):  # unknown labels are named elsewhere
        now = statement_digest(by_label[label])
        if label not in written:
            out.append(f"written_for has no entry for {label} (its statement is now {now})")
        elif str(written[label]) != now:
            out.append(
                f"{label} was reworded after its rubric or prompt was written (written for "
                f"{written[label]}, now {now}): check its entries, then set written_for to {now}"
            )
    out += [
        f"written_for names {label!r}, which has no entry"
        for label in written
        if label not in entries
    ]
    return out


def problems(
    data: dict | None = None, exs: list[Exercise] | None = None, guide: str | None = None
) -> list[str]:
    """Everything in the teaching file that does not match the chapters (empty: all good)."""
    data = load() if data is None else data
    exs = exercises() if exs is None else exs
    by_label = {e.label: e for e in exs}
    out = _written_for(data, by_label)
    look_for = data.get("look_for") or {}
    for e in exs:
        if e.kind in RUBRIC_KINDS and not look_for.get(e.label):
            out.append(f"{e.label} ({e.kind}) has no look_for entry")
    for label in look_for:
        if label not in by_label:
            out.append(f"look_for names {label!r}, which is no exercise of the book")
        elif by_label[label].kind not in RUBRIC_KINDS:
            out.append(f"look_for names {label!r}, a {by_label[label].kind} exercise")
    predict = data.get("predict") or {}
    code = {e.label for e in code_exercises(exs)}
    out += [f"{label} (code) has no predict entry" for label in sorted(code - set(predict))]
    out += [
        f"predict names {label!r}, which is no code exercise"
        for label in predict
        if label not in code
    ]
    for kind in RUBRIC_KINDS:
        if not (data.get("criteria") or {}).get(kind):
            out.append(f"no criteria for {kind}")
    for sheet in data.get("worksheets") or ():
        unknown = set(sheet.get("parts", ())) - set(WORKSHEET_PARTS)
        if unknown:
            out.append(f"worksheet {sheet.get('id')}: unknown parts {sorted(unknown)}")
        if guide is not None and sheet.get("plan") not in guide:
            out.append(
                f"worksheet {sheet.get('id')}: the guide has no lesson plan {sheet.get('plan')!r}"
            )
    return out


def check(data: dict | None = None, exs: list[Exercise] | None = None) -> None:
    """Raise :class:`TeachingError` listing every problem of the teaching file."""
    guide = BOOK_DIR / "teachers-guide.ipynb"
    text = "\n".join(
        c.source for c in nbformat.read(guide, as_version=4).cells if c.cell_type == "markdown"
    )
    found = problems(data, exs, text)
    if found:
        raise TeachingError(
            f"{TEACHING_FILE.name} does not match the book:\n- " + "\n- ".join(found)
        )


# -- running a code solution ---------------------------------------------------------------


def _imports(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax (magics) holds no import the solution needs
        return []
    return [
        ast.unparse(node)
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.ImportFrom) and node.module == "myst_nb")
    ]


def _used_names(code: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)}


def _bound_names(statement: str) -> set[str]:
    node = ast.parse(statement).body[0]
    return {(a.asname or a.name).split(".")[0] for a in node.names}


def context_imports(exercise: Exercise) -> str:
    """The imports the chapter made before the solution that its code uses without importing
    them itself (one statement a line)."""
    code = exercise.solution.code_cells[0].source
    nb = nbformat.read(BOOK_DIR / f"{exercise.page}.ipynb", as_version=4)
    before = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.source == code:
            break
        before += _imports(cell.source)
    own = set()
    for statement in _imports(code):
        own |= _bound_names(statement)
    needed = _used_names(code) - own
    chosen = []
    for statement in before:
        node = ast.parse(statement).body[0]
        node.names = [a for a in node.names if (a.asname or a.name).split(".")[0] in needed]
        if node.names and ast.unparse(node) not in chosen:
            chosen.append(ast.unparse(node))
            needed -= _bound_names(ast.unparse(node))
    return "\n".join(chosen)


@cache
def run_solution(exercise: Exercise) -> SolutionRun:
    """Run a code exercise's solution after the chapter's imports; what it prints (once per
    process: the key and the code-reading page show the same run)."""
    cells = [c for c in exercise.solution.code_cells if not c.skipped]
    code = "\n\n".join(c.source for c in cells)
    context = context_imports(exercise)
    namespace: dict = {"__name__": f"tipline_solution_{exercise.label.replace('-', '_')}"}
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(context, f"<{exercise.page} imports>", "exec"), namespace)  # noqa: S102
            exec(compile(code, f"<solution to {exercise.label}>", "exec"), namespace)  # noqa: S102
    except Exception as err:
        raise RuntimeError(
            f"the solution to {exercise.label} ({exercise.page}) failed when run for the "
            f"teacher's key: {type(err).__name__}: {err}"
        ) from err
    return SolutionRun(code, context, printed.getvalue().rstrip())


if __name__ == "__main__":
    # Today's statement digests, for written_for after a rubric or prompt has been checked.
    entries = _entries(load())
    for ex in exercises():
        if ex.label in entries:
            print(f'  {ex.label}: "{statement_digest(ex)}"')
