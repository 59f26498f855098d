"""tipline.student.myst: the book's MyST Markdown as the plain Markdown of the student
edition (glued values written in, exercises as headings, no solutions, links to the site)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline.bibliography import sources
from tipline.student.myst import (
    LEFTOVERS,
    Book,
    MystError,
    Page,
    Target,
    convert,
    leftovers,
)

SITE = "https://org.github.io/book/"
SOURCES = sources()
KEY = sorted(SOURCES)[0]


def _book(site: str | None = SITE) -> Book:
    return Book(
        titles={"book/model": "The model", "book/glossary": "Glossary", "book/scale": "1 Scale"},
        targets={
            "model-ex1": Target("book/model", "Exercise 38", "model-ex1"),
            "scale-ex1": Target("book/scale", "Exercise 6", "scale-ex1"),
            "binder": Target("book/scale", "Opening the notebooks", "binder"),
            "eq-far": Target("book/scale", "(2)", "equation-eq-far"),
        },
        exercise_numbers={"model-ex1": 38, "scale-ex1": 6},
        sources=SOURCES,
        site_url=site,
    )


def _page(**glue) -> Page:
    bundles = {k: v if isinstance(v, dict) else {"text/plain": repr(v)} for k, v in glue.items()}
    return Page("book/model", bundles)


def md(text: str, book: Book | None = None, page: Page | None = None) -> str:
    return convert(book or _book(), page or _page(), text)


# -- glued values ----------------------------------------------------------------------------


def test_glued_text_is_written_in_as_the_book_prints_it():
    page = _page(n="36,210,368", share=0.91743, verdict="leans toward investigators")
    out = md(
        "Of {glue:text}`n` reports, {glue:text}`share:.1%` abroad; it {glue:text}`verdict`.",
        page=page,
    )
    assert out == "Of 36,210,368 reports, 91.7% abroad; it leans toward investigators."


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_glued_string_comes_out_whole(value):
    out = md("[{glue:text}`v`]", page=_page(v=value))
    assert out.startswith("[") and out.endswith("]")
    # Dollar signs are escaped so that JupyterLab does not start math at them.
    assert out[1:-1].replace(r"\$", "$") == value.strip() or value != value.strip()
    assert not leftovers(out)


def test_glued_markdown_and_math():
    page = _page(
        link={"text/plain": "x", "text/markdown": "[open](https://example.org)"},
        eq={"text/plain": "<Math>", "text/latex": r"$\displaystyle \tau = 0.1016$"},
    )
    out = md(
        "See {glue:md}`link`.\n\n```{glue:math} eq\n:label: eq-tau\n```\n\nBy {eq}`eq-tau`.",
        page=page,
    )
    assert "See [open](https://example.org)." in out
    assert "$$\n\\displaystyle \\tau = 0.1016 \\tag{1}\n$$" in out
    assert out.endswith("By (1).")


def test_a_missing_glued_value_is_named():
    with pytest.raises(MystError, match=r"book/model: no glued value named 'gone'"):
        md("{glue:text}`gone`")


# -- exercises and solutions ----------------------------------------------------------------


def test_exercises_become_numbered_headings_and_solutions_go():
    text = """## Exercises

```{exercise}
:label: model-ex1

Predict, then check. Double the capacity to {glue:text}`cap`.
```

```{solution} model-ex1
:class: dropdown

The tilt rises to {glue:text}`secret`.
```
"""
    out = md(text, page=_page(cap="369,400", secret="+0.40"))
    assert out == (
        "## Exercises\n\n### Exercise 38\n\nPredict, then check. Double the capacity to 369,400."
    )


def test_exercise_with_a_title_under_a_deeper_heading():
    out = md("#### Deep\n\n:::{exercise} A title\n:label: model-ex1\nDo it.\n:::")
    assert "##### Exercise 38: A title\n\nDo it." in out


def test_gated_solution_is_removed_across_cells():
    page = _page()
    first = md(
        "Before.\n\n````{solution-start} model-ex1\n:class: dropdown\n````\n\nHidden.", page=page
    )
    assert first == "Before." and page.skipping == "model-ex1"
    middle = md("More hidden text with {glue:text}`never_looked_up`.", page=page)
    assert middle == ""
    last = md("Hidden too.\n\n````{solution-end}\n````\n\nAfter.", page=page)
    assert last == "After." and page.skipping is None


def test_solution_end_without_start_is_an_error():
    with pytest.raises(MystError, match="solution-end"):
        md("```{solution-end}\n```")


# -- references, citations, terms ------------------------------------------------------------


def test_cross_references_link_to_the_site():
    out = md(
        "{doc}`glossary`, {doc}`the chapter <scale>`, {ref}`binder`, "
        "{ref}`that exercise <scale-ex1>`, {ref}`model-ex1`, {eq}`eq-far`."
    )
    assert out == (
        f"[Glossary]({SITE}book/glossary.html), [the chapter]({SITE}book/scale.html), "
        f"[Opening the notebooks]({SITE}book/scale.html#binder), "
        f"[that exercise]({SITE}book/scale.html#scale-ex1), Exercise 38, "
        f"[(2)]({SITE}book/scale.html#equation-eq-far)."
    )


def test_without_the_sites_address_references_are_plain_text():
    out = md("{doc}`glossary` and {ref}`binder`", book=_book(site=None))
    assert out == "Glossary and Opening the notebooks"


def test_unknown_targets_are_named():
    with pytest.raises(MystError, match="'nowhere'"):
        md("{ref}`nowhere`")
    with pytest.raises(MystError, match="not a page"):
        md("{doc}`missing`")


def test_citations_are_author_year_and_collected():
    source = SOURCES[KEY]
    who = source.author_short or source.publisher
    page = _page()
    out = md(f"As shown {{cite:p}}`{KEY}`; {{cite:t}}`{KEY}` says so.", page=page)
    assert f"([{who}, {source.year}]({source.url}))" in out
    assert f"[{who}]({source.url}) ({source.year}) says so." in out
    assert page.cited == [KEY]
    with pytest.raises(MystError, match="not in references.bib"):
        md("{cite:p}`no-such-key`")


def test_terms_are_plain_words():
    assert md("A {term}`CyberTip` and {term}`reports <report>`.") == "A CyberTip and reports."


# -- other MyST ------------------------------------------------------------------------------


def test_admonitions_targets_deflists_and_comments():
    text = """(a-label)=
## Section

% a MyST comment

```{admonition} Predict, then check
:class: tip
Guess first.
```

:::{note}
Careful.
:::

supported
: The evidence matches.
"""
    out = md(text)
    assert out == (
        "## Section\n\n> **Predict, then check**\n>\n> Guess first.\n\n"
        "> **Note**\n>\n> Careful.\n\n- **supported**: The evidence matches."
    )


def test_labelled_display_math_is_numbered_in_order():
    page = _page()
    out = md("$$\na = b\n$$ (eq-a)\n\n$$\nc = d\n$$ (eq-c)\n\nSee {eq}`eq-c`.", page=page)
    assert "a = b \\tag{1}" in out and "c = d \\tag{2}" in out and out.endswith("See (2).")


def test_list_table_becomes_a_markdown_table():
    text = """```{list-table} Plan
:header-rows: 1

* - Minutes
  - Activity
* - 0–5
  - **Predict** with {glue:text}`n`
```"""
    out = md(text, page=_page(n="7"))
    assert out == "**Plan**\n\n| Minutes | Activity |\n|---|---|\n| 0–5 | **Predict** with 7 |"


def test_code_is_left_alone():
    text = "Run `{glue:text}` here:\n\n```python\nprint('{doc}`x`')\n```"
    assert md(text) == text


def test_unsupported_syntax_is_named_with_what_is_supported():
    with pytest.raises(MystError, match=r"\{figure\}.*supported directives: exercise"):
        md("```{figure} a.png\n```")
    with pytest.raises(MystError, match=r"\{download\}.*supported roles: glue"):
        md("{download}`a.csv`")


@given(
    st.lists(
        st.sampled_from(
            [
                "Plain words.",
                "{glue:text}`n`",
                "{term}`tilt`",
                f"{{cite:p}}`{KEY}`",
                "{doc}`glossary`",
                "{ref}`model-ex1`",
                "```{exercise}\n:label: model-ex1\nDo {glue:text}`n`.\n```",
                "```{solution} model-ex1\nSecret {glue:text}`n`.\n```",
                ":::{tip}\nA {term}`tip`.\n:::",
                "````{solution-start} model-ex1\n````\nhidden\n````{solution-end}\n````",
            ]
        ),
        max_size=8,
    )
)
def test_no_myst_is_left_whatever_the_mix(parts):
    out = md("\n\n".join(parts), page=_page(n="5"))
    assert not leftovers(out), out
    assert "Secret" not in out and "hidden" not in out
    assert not re.search(r"\{[\w:-]+\}`", out)
    assert set(LEFTOVERS) >= {"{glue", "```{", ":::{"}
