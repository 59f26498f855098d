"""tipline.classroom: the presets table, scenario links, Binder addresses and the student
notebooks table of the teacher's guide."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tipline
from tipline import classroom
from tipline.exercises import book_pages
from tipline.explorer.presets import presets
from tipline.model import DEFAULT_YEAR, NAMES, RANGES, evaluate, params_for_year, verdict
from tipline.student import chapter_notebooks, wheel_name


def _query(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}


@given(
    st.dictionaries(
        st.sampled_from(NAMES),
        st.floats(min_value=0, max_value=1e8, allow_nan=False, allow_infinity=False),
        max_size=4,
    )
)
def test_scenario_query_round_trips(values):
    parsed = _query("explore.html?" + classroom.scenario_query(values, year=DEFAULT_YEAR))
    assert parsed.pop("year") == str(DEFAULT_YEAR)
    assert set(parsed) == set(values)
    for name, value in values.items():
        assert float(parsed[name]) == pytest.approx(value, rel=1e-11, abs=1e-300)


def test_scenario_link_without_settings_is_the_page():
    assert classroom.scenario_link() == "explore.html"
    assert classroom.scenario_link({"quality": 0.4}, base="../book/") == (
        "../book/explore.html?quality=0.4"
    )


def test_preset_outcomes_follow_the_model_and_the_presets():
    rows = classroom.preset_outcomes()
    assert [r["id"] for r in rows] == [p.id for p in presets()]
    for row, preset in zip(rows, presets(), strict=True):
        tilt = float(evaluate(**preset.values).tilt)
        assert row["tilt"] == pytest.approx(tilt)
        assert row["verdict"] == verdict(tilt)
        # The link restores the preset: year's measured settings plus the changes.
        query = _query(row["link"])
        assert int(query.pop("year")) == preset.year
        restored = {n: p.default for n, p in params_for_year(preset.year).items()}
        restored.update({k: float(v) for k, v in query.items()})
        for name in NAMES:
            assert restored[name] == pytest.approx(preset.values[name], rel=1e-11), name
            low, high = RANGES[name]
            assert low <= restored[name] <= high


def test_changed_settings_lists_only_changes():
    by_id = {p.id: p for p in presets()}
    assert classroom.changed_settings(by_id["status-quo-2023"]) == {}
    doubled = classroom.changed_settings(by_id["capacity-doubled"])
    assert set(doubled) == {"capacity"}
    assert doubled["capacity"] == pytest.approx(
        2 * params_for_year(DEFAULT_YEAR)["capacity"].default
    )


def test_presets_table_is_accessible():
    table = classroom.presets_table()
    assert table.html.count("<caption>") == 1
    assert table.html.count('scope="col"') == 6
    assert table.html.count('scope="row"') == len(presets())
    for preset in presets():
        assert preset.label in table.text
    assert table.html.count('href="explore.html') == len(presets())
    assert "aria-label=" in table.html


CONFIG = {
    "repository": {"branch": "trunk"},
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org/",
        "notebook_interface": "jupyterlab",
    },
}


@pytest.fixture
def published(monkeypatch):
    """A build for the public repository someone/some-book."""
    monkeypatch.setenv("TIPLINE_REPOSITORY", "someone/some-book")
    monkeypatch.delenv("TIPLINE_REPOSITORY_BRANCH", raising=False)


def test_binder_url_opens_the_student_edition(published):
    repo = classroom.repository(CONFIG)
    assert (repo.owner, repo.name, repo.branch) == ("someone", "some-book", "trunk")
    assert classroom.binder_url(config=CONFIG) == (
        "https://mybinder.org/v2/gh/someone/some-book/trunk?urlpath=lab/tree/student"
    )
    assert classroom.binder_url("student/scale.ipynb", CONFIG).endswith(
        "?urlpath=lab/tree/student/scale.ipynb"
    )
    classic = {**CONFIG, "launch_buttons": {"binderhub_url": "https://hub.example"}}
    assert classroom.binder_url("student", classic).endswith("/trunk?filepath=student")


def test_no_binder_without_a_repository_or_a_hub(monkeypatch, published):
    assert classroom.binder_url(config={"repository": {}}) is None  # no BinderHub
    monkeypatch.setenv("TIPLINE_REPOSITORY", "none")
    assert classroom.repository(CONFIG) is None
    assert classroom.binder_url(config=CONFIG) is None


def _table_rows(table):
    return re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table.html)


def test_student_notebooks_table_lists_every_chapter_and_the_wheel(monkeypatch):
    monkeypatch.setenv("TIPLINE_REPOSITORY", "none")
    table = classroom.student_notebooks_table()
    rows = _table_rows(table)
    expected = {p.name for p in chapter_notebooks()}
    found = {re.search(r'href="\.\./notebooks/([^"]+)"', cells).group(1) for _, cells in rows}
    assert found == expected
    assert "teachers-guide.ipynb" not in table.html
    assert "mybinder" not in table.html  # no repository: no Binder column
    assert table.html.count('scope="col"') == 2 and "<caption>" in table.html
    assert f'href="../notebooks/{wheel_name(tipline.__version__)}"' in table.html
    order = [p.path.name for p in book_pages() if p.path.name in expected]
    listed = [re.search(r'notebooks/([^"]+)"', cells).group(1) for _, cells in rows]
    assert listed == order, "not in reading order"


def test_student_notebooks_table_with_binder(published):
    table = classroom.student_notebooks_table()
    rows = _table_rows(table)
    assert table.html.count('scope="col"') == 3
    for title, cells in rows:
        name = re.search(r'notebooks/([^"]+)"', cells).group(1)
        assert f"lab/tree/student/{name}" in cells
        label = re.search(r'aria-label="([^"]+)"', cells).group(1)
        assert label.startswith("Open") and title in label


@pytest.mark.parametrize(
    ("value", "hidden"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_solutions_hidden_follows_the_build_option(monkeypatch, value, hidden):
    monkeypatch.setenv("TIPLINE_HIDE_SOLUTIONS", value)
    assert classroom.solutions_hidden() is hidden
