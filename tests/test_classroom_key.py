"""The teacher's key, the code-reading forms and the worksheets, built from the chapters and
book/teaching.yml (tipline.teaching, teachers_key, code_reading, worksheets)."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from tipline import code_reading, teachers_key, teaching, worksheets
from tipline.exercises import exercises
from tipline.explorer.presets import presets
from tipline.model import VERDICT_PHRASES, evaluate, verdict_sentence

EXERCISES = exercises()
CODE = teaching.code_exercises(EXERCISES)


def test_the_teaching_file_matches_the_chapters():
    teaching.check()
    assert len(CODE) == 8
    assert {e.kind for e in CODE} == {"code"}


def test_a_missing_or_stray_entry_is_named():
    data = dict(teaching.load())
    look_for = dict(data["look_for"])
    removed = next(iter(look_for))
    del look_for[removed]
    look_for["no-such-exercise"] = ["x"]
    predict = {k: v for k, v in data["predict"].items() if k != CODE[0].label}
    found = teaching.problems({**data, "look_for": look_for, "predict": predict}, EXERCISES)
    assert any(removed in p and "no look_for" in p for p in found)
    assert any("no-such-exercise" in p for p in found)
    assert any(CODE[0].label in p and "no predict" in p for p in found)
    sheets = [{**data["worksheets"][0], "plan": "A plan nobody wrote"}]
    assert any(
        "no lesson plan" in p
        for p in teaching.problems({**data, "worksheets": sheets}, EXERCISES, "guide text")
    )


def test_a_reworded_exercise_is_named_until_its_rubric_is_checked():
    data = dict(teaching.load())
    label = next(iter(data["look_for"]))
    reworded = [
        dataclasses.replace(e, text=e.text + " And one more question.") if e.label == label else e
        for e in EXERCISES
    ]
    found = teaching.problems(data, reworded)
    now = teaching.statement_digest(next(e for e in reworded if e.label == label))
    assert [p for p in found if label in p] == [
        f"{label} was reworded after its rubric or prompt was written (written for "
        f"{data['written_for'][label]}, now {now}): check its entries, then set written_for "
        f"to {now}"
    ]
    # spacing is not rewording
    respaced = [dataclasses.replace(e, text=e.text.replace(" ", "\n ")) for e in EXERCISES]
    assert not [p for p in teaching.problems(data, respaced) if "reworded" in p]
    missing = {k: v for k, v in data["written_for"].items() if k != label}
    found = teaching.problems({**data, "written_for": missing}, EXERCISES)
    assert any(p.startswith(f"written_for has no entry for {label}") for p in found)


def test_glued_values_are_pasted_from_their_chapter():
    text = "From {glue:text}`capacity` to {glue:text}`share:.1%` and {glue:text}`other.ipynb::k`."
    assert teachers_key.pasted_from(text, "help") == (
        "From {glue:text}`help.ipynb::capacity:s` to {glue:text}`help.ipynb::share:.1%` and "
        "{glue:text}`other.ipynb::k`."
    )
    with pytest.raises(ValueError, match="cannot paste"):
        teachers_key.pasted_from("{glue:md}`x`", "help")


def test_a_solution_runs_with_only_the_chapter_imports_it_uses():
    ex = next(e for e in CODE if e.label == "narratives-ex3")
    assert teaching.context_imports(ex) == "from tipline.model import verdict_sentence"
    ex = next(e for e in CODE if e.label == "volume-ex3")
    run = teaching.run_solution(ex)
    assert verdict_sentence(evaluate(year=2024)) in run.output  # what the model says


def test_the_key_has_every_exercise_its_answer_and_the_rubrics():
    key = teachers_key.key_markdown()
    for ex in EXERCISES:
        assert f"### {teachers_key.heading(ex)}" in key
        assert f"<{ex.label}>`" in key
    assert key.count("**Model answer") == len(EXERCISES)
    rubrics = [e for e in EXERCISES if e.kind in teaching.RUBRIC_KINDS]
    assert key.count("**Rubric**") == len(rubrics) >= 10
    for ex in rubrics:
        for point in teaching.rubric(ex).look_for:
            assert f"Contains: {point}" in key
    for ex in CODE:
        assert teaching.run_solution(ex).output in key
    assert "{glue:text}`" in key and not re.search(r"\{glue:text\}`(?![\w-]+\.ipynb::)", key)


def test_each_code_exercise_has_a_form_with_a_hidden_output():
    forms = code_reading.forms_markdown()
    assert forms.count("<details") == len(CODE) == forms.count(f"```{teachers_key.CODE_LEXER}\n")
    for ex in CODE:
        run = teaching.run_solution(ex)
        assert html.escape(run.output) in forms
        assert teaching.prediction_prompt(ex) in forms
        assert f'id="output-{ex.label}"' in forms
    assert "<details open" not in forms


@pytest.mark.parametrize("sheet", [w.id for w in teaching.worksheets()])
def test_worksheets_have_their_parts(sheet):
    page = worksheets.worksheet_html(sheet)
    spec = teaching.worksheet(sheet)
    assert html.escape(spec.exit) in page
    if "presets" in spec.parts:
        for preset in presets():
            assert f'<th scope="row">{html.escape(preset.label)}</th>' in page
        assert html.escape(VERDICT_PHRASES[0]) in page
    if "prediction" in spec.parts:
        assert html.escape(worksheets.PREDICTION) in page
    assert page.count("<table") == page.count("<caption>")
    assert "<th></th>" not in page and '<th scope="col"></th>' not in page


def test_unknown_worksheet_is_named():
    with pytest.raises(teaching.TeachingError, match="no worksheet 'nope'"):
        worksheets.worksheet_html("nope")
