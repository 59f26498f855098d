"""tipline.student.edition and publish: a student notebook from a chapter notebook, its
first cell, and where the glued values come from."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest

import tipline
from tipline.glue import glue
from tipline.student import chapter_notebooks, has_student_edition, wheel_name
from tipline.student.edition import book_index, setup_cell, student_notebook
from tipline.student.myst import MystError
from tipline.student.publish import StaleBuild, glue_from_build

SITE = "https://org.github.io/book/"


def _chapter(tmp_path, cells) -> object:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    return path


def _md(text):
    return nbformat.v4.new_markdown_cell(text)


def _code(text, *tags):
    cell = nbformat.v4.new_code_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def test_student_notebook_from_a_chapter(tmp_path):
    book = book_index(SITE)
    label, number = next(iter(book.exercise_numbers.items()))
    path = _chapter(
        tmp_path,
        [
            _md("# A chapter"),
            _code("from myst_nb import glue\nglue('n', '5', display=False)", "remove-cell"),
            _md("There are {glue:text}`n` of them."),
            _code("chart()", "remove-input"),
            _md(
                f"## Exercises\n\n```{{exercise}}\n:label: {label}\nChange {{glue:text}}`n`.\n```"
                f"\n\n````{{solution-start}} {label}\n````\nThe answer's words."
            ),
            _code("answer = 42"),
            _md("````{solution-end}\n````\nAfter."),
            _code("# NBVAL_CHECK_OUTPUT\nprint(n)", "remove-cell"),
        ],
    )
    nb = student_notebook(path, {"n": {"text/plain": "'5'"}}, book)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["code", "markdown", "code", "markdown", "code", "markdown", "markdown"]
    setup, title, glue_cell, text, chart, exercises, after = nb.cells
    assert "find_spec('tipline')" in setup.source and f"{SITE}notebooks/" in setup.source
    assert title.source == "# A chapter"
    assert glue_cell.source.startswith("from tipline.glue import glue")
    assert "tags" not in glue_cell.metadata  # the book's rendering tags go
    assert text.source == "There are 5 of them."
    assert chart.source == "chart()"
    assert exercises.source == f"## Exercises\n\n### Exercise {number}\n\nChange 5."
    assert after.source == "After."
    assert "answer = 42" not in json.dumps(nb) and "The answer's words" not in json.dumps(nb)
    assert nb.metadata["tipline"]["edition"] == "student"


def test_a_solution_left_open_is_an_error(tmp_path):
    path = _chapter(tmp_path, [_md("````{solution-start} summary-ex1\n````"), _code("x = 1")])
    with pytest.raises(MystError, match="never ended"):
        student_notebook(path, {}, book_index())


def test_other_uses_of_myst_nb_in_code_are_refused(tmp_path):
    path = _chapter(tmp_path, [_code("import myst_nb\nmyst_nb.glue('a', 1)")])
    with pytest.raises(MystError, match="myst_nb"):
        student_notebook(path, {}, book_index())


def test_setup_cell_says_how_to_install_tipline_when_it_is_missing(tmp_path):
    cell = setup_cell("The model", "book/model", SITE)
    # -I -S: no site-packages, no current folder, so no tipline (nor anything else).
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", cell],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    wheel = f"{SITE}notebooks/{wheel_name(tipline.__version__)}"
    assert last.startswith("ModuleNotFoundError: The package tipline is missing")
    assert f"%pip install {wheel}" in last and "restart the kernel" in last


def test_setup_cell_passes_where_tipline_is_installed(tmp_path):
    cell = setup_cell("The model", "book/model", None)
    done = subprocess.run(
        [sys.executable, "-c", cell], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == (
        f"Ready: tipline {tipline.__version__}, Python {sys.version.split()[0]}"
    )


def test_glue_stand_in(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    glue("quiet", 1, display=False)
    assert capsys.readouterr().out == ""
    shell.run_cell("from tipline.glue import glue\nglue('shown', 'value-xyz')")
    assert "value-xyz" in capsys.readouterr().out
    with pytest.raises(ValueError, match="non-empty name"):
        glue("", 1)


def test_glue_from_a_stale_build_is_refused(tmp_path):
    book = _chapter(tmp_path, [_code("x = 1")])
    executed = tmp_path / "executed"
    executed.mkdir()
    with pytest.raises(StaleBuild, match="build the book first"):
        glue_from_build(book, executed)
    ran = nbformat.v4.new_notebook(cells=[_code("x = 2")])
    nbformat.write(ran, executed / "chapter.ipynb")
    with pytest.raises(StaleBuild, match="older than"):
        glue_from_build(book, executed)
    nbformat.write(nbformat.v4.new_notebook(cells=[_code("x = 1")]), executed / "chapter.ipynb")
    assert glue_from_build(book, executed) == {}  # runs, glues nothing
    (executed / "chapter.glue.json").write_text(
        json.dumps({"n": {"output_type": "display_data", "data": {"text/plain": "'5'"}}})
    )
    assert glue_from_build(book, executed) == {"n": {"text/plain": "'5'"}}


def test_which_pages_have_a_student_edition():
    names = [p.stem for p in chapter_notebooks()]
    assert "teachers-guide" not in names and "model" in names
    assert has_student_edition("book/model") and not has_student_edition("book/teachers-guide")
    assert not has_student_edition("index")


def _tree(root):
    for name, text in {
        "tipline/__init__.py": "x = 1\n",
        "data/t.csv": "a,b\n",
        "book/chapter.md": "# A\n",
        "_toc.yml": "root: book/chapter\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    executed = root / "_build" / "jupyter_execute" / "book"
    executed.mkdir(parents=True)
    (executed / "chapter.glue.json").write_text('{"n": {"data": {"text/plain": "5"}}}')
    return executed


def test_inputs_hash_follows_every_input(tmp_path):
    from tipline.student.publish import inputs_hash

    executed = _tree(tmp_path)
    first = inputs_hash("https://a/", executed, tmp_path)
    assert inputs_hash("https://a/", executed, tmp_path) == first
    assert inputs_hash("https://b/", executed, tmp_path) != first
    (tmp_path / "tipline" / "__pycache__").mkdir()
    (tmp_path / "tipline" / "__pycache__" / "m.pyc").write_bytes(b"\0")
    assert inputs_hash("https://a/", executed, tmp_path) == first  # bytecode is no input
    for changed in ("book/chapter.md", "data/t.csv", "tipline/__init__.py"):
        before = inputs_hash("https://a/", executed, tmp_path)
        (tmp_path / changed).write_text("changed\n")
        assert inputs_hash("https://a/", executed, tmp_path) != before, changed
    before = inputs_hash("https://a/", executed, tmp_path)
    (executed / "chapter.glue.json").write_text('{"n": {"data": {"text/plain": "6"}}}')
    assert inputs_hash("https://a/", executed, tmp_path) != before


def test_unchanged_inputs_skip_the_student_edition(tmp_path, monkeypatch, capsys):
    from tipline.student import SITE_FOLDER, publish

    calls = []

    def fake_edition(out, **kwargs):
        calls.append("edition")
        out.mkdir(parents=True, exist_ok=True)
        (out / "chapter.ipynb").write_text("{}")
        return [out / "chapter.ipynb"]

    def fake_wheel(out):
        calls.append("wheel")
        (out / "tipline.whl").write_bytes(b"")
        return out / "tipline.whl"

    digest = ["one"]
    monkeypatch.setattr(publish, "write_edition", fake_edition)
    monkeypatch.setattr(publish, "build_wheel", fake_wheel)
    monkeypatch.setattr(publish, "inputs_hash", lambda site_url: digest[0])
    site = tmp_path / "html"
    args = ["--site", str(site), "--site-url", "https://a/"]
    assert publish.main(args) == 0 and calls == ["edition", "wheel"]
    assert publish.stamp_path(site).parent == tmp_path  # not inside the published site
    assert publish.main(args) == 0 and calls == ["edition", "wheel"]  # nothing to do
    assert "unchanged" in capsys.readouterr().out
    (site / SITE_FOLDER / "tipline.whl").unlink()  # a file of the edition went missing
    assert publish.main(args) == 0 and len(calls) == 4
    digest[0] = "two"  # an input changed
    assert publish.main(args) == 0 and len(calls) == 6
    assert publish.main([*args, "--force"]) == 0 and len(calls) == 8
