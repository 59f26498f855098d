"""Code exercises without a kernel: "read the code, predict the output".

Each code exercise of the book ("change the model in code") needs Python to be done as set.
For a class that has only the static site, the page ``book/read-the-code.md`` turns each into
a reading exercise: the exercise's statement, the code of its solution (the chapter's own
cell, with the imports it relies on from earlier in the chapter), a question to answer before
looking, and what the code prints, revealed on demand. The code and the output are the
chapter's, run when the book is built (:func:`tipline.teaching.run_solution`); only the
question is written for this page (``predict`` in ``book/teaching.yml``).
"""

from __future__ import annotations

import html

from tipline import teaching
from tipline.exercises import Exercise, exercises
from tipline.teachers_key import CODE_LEXER, _fence, heading, pasted_from


def _reveal(ex: Exercise, output: str) -> str:
    """A disclosure (keyboard-operable without a script) holding what the code prints."""
    return "\n".join(
        [
            "````{raw} html",
            f'<details class="tipline-reveal" id="output-{html.escape(ex.label)}">',
            f"<summary>Show what the code of exercise {ex.number} prints</summary>",
            f'<pre class="tipline-reveal-output">{html.escape(output)}</pre>',
            "</details>",
            "````",
        ]
    )


def form_markdown(ex: Exercise) -> str:
    run = teaching.run_solution(ex)
    code = f"{run.context}\n\n{run.code}" if run.context else run.code
    statement = pasted_from("\n\n".join(x for x in (ex.title, ex.text) if x), ex.page)
    return "\n".join(
        [
            f"## {heading(ex)}",
            "",
            f"From {{ref}}`exercise {ex.number} in its chapter <{ex.label}>`:",
            "",
            "\n".join(f"> {line}" if line.strip() else ">" for line in statement.splitlines()),
            "",
            "One way to do it, in the chapter's own code:",
            "",
            _fence(code, CODE_LEXER),
            "",
            f"**Predict before you look.** {teaching.prediction_prompt(ex)} Write your answer "
            "down, with a reason, then open the output.",
            "",
            _reveal(ex, run.output),
        ]
    )


def forms_markdown(exs: list[Exercise] | None = None) -> str:
    """Every code exercise of the book as a read-the-code form, in reading order."""
    teaching.check()
    chosen = teaching.code_exercises(exercises() if exs is None else exs)
    return "\n\n".join(form_markdown(ex) for ex in chosen) + "\n"
