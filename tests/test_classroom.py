"""tipline.classroom: the presets table, scenario links and Binder addresses of the guide."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline import classroom
from tipline.explorer.presets import presets
from tipline.model import DEFAULT_YEAR, NAMES, RANGES, evaluate, params_for_year, verdict


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
    "repository": {"url": "https://github.com/someone/some-book/", "branch": "trunk"},
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org/",
        "notebook_interface": "jupyterlab",
    },
}


def test_repository_and_binder_url_from_the_config():
    repo = classroom.repository(CONFIG)
    assert (repo["owner"], repo["name"], repo["branch"]) == ("someone", "some-book", "trunk")
    assert classroom.binder_url("book/scale.ipynb", CONFIG) == (
        "https://mybinder.org/v2/gh/someone/some-book/trunk?urlpath=lab/tree/book/scale.ipynb"
    )
    classic = {**CONFIG, "launch_buttons": {"binderhub_url": "https://hub.example"}}
    assert classroom.binder_url("book", classic).endswith("/trunk?filepath=book")


@pytest.mark.parametrize(
    "url", ["", "https://gitlab.com/a/b", "https://github.com/only-owner", "not a url"]
)
def test_repository_rejects_what_binder_cannot_launch(url):
    with pytest.raises(ValueError, match="repository.url"):
        classroom.repository({"repository": {"url": url}})


def test_binder_url_needs_a_binderhub():
    with pytest.raises(ValueError, match="binderhub_url"):
        classroom.binder_url("book", {"repository": CONFIG["repository"]})


def test_the_books_config_names_a_github_repository():
    repo = classroom.repository()
    assert repo["binderhub"].startswith("https://")
    assert classroom.binder_url().startswith(f"{repo['binderhub']}/v2/gh/{repo['owner']}/")
