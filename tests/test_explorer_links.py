"""Shared explorer links that name what every JavaScript object inherits.

``constructor``, ``toString``, ``__proto__`` and friends are properties of every object; an
explorer that looked settings up with ``obj[name]`` would treat them as settings or years
(blanking the year control, writing onto built-in objects). Each must be an unknown setting
with the usual notice, leaving the defaults, the built-ins and the next shared link intact.
"""

from __future__ import annotations

import pytest
from test_explorer_page import open_explorer, read_state
from test_explorer_page import page as page  # noqa: F401 - the shared fixture

from tipline.model import DEFAULT_YEAR, NAMES, params_for_year

pytestmark = pytest.mark.browser

INHERITED = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "prototype"]

# Properties a polluting link would have written (all must stay undefined).
POLLUTION = """() => ({
    objectValue: typeof Object.value,
    toStringValue: typeof Object.prototype.toString.value,
    plainYear: typeof ({}).year,
    plainQuality: typeof ({}).quality,
    protoValue: typeof Object.prototype.value,
})"""


def defaults() -> dict:
    return {name: p.default for name, p in params_for_year(DEFAULT_YEAR).items()}


def assert_untouched(page, state):  # noqa: F811 - the fixture's value
    for name in NAMES:
        assert state["values"][name] == pytest.approx(defaults()[name], rel=1e-12), name
    assert state["year"] == str(DEFAULT_YEAR)
    assert set(page.evaluate(POLLUTION).values()) == {"undefined"}
    assert not page.problems, page.problems


@pytest.mark.parametrize("name", INHERITED)
def test_inherited_name_as_a_year_is_an_unknown_year(page, name):  # noqa: F811
    open_explorer(page, f"year={name}")
    state = read_state(page)
    assert state["notice"] and f"year={name}" in state["notice"], state["notice"]
    assert_untouched(page, state)


@pytest.mark.parametrize("name", INHERITED)
def test_inherited_name_as_a_setting_is_an_unknown_setting(page, name):  # noqa: F811
    open_explorer(page, f"{name}=5")
    state = read_state(page)
    assert state["notice"], f"no notice for ?{name}=5"
    assert f"{name} (not a setting of this explorer)" in state["notice"], state["notice"]
    assert_untouched(page, state)


def test_known_settings_still_apply_beside_hostile_ones(page):  # noqa: F811
    open_explorer(page, "quality=0.4&constructor=5&__proto__[quality]=0.9&toString=1")
    state = read_state(page)
    assert state["values"]["quality"] == pytest.approx(0.4)
    assert "constructor" in state["notice"] and "toString" in state["notice"]
    assert set(page.evaluate(POLLUTION).values()) == {"undefined"}


def test_the_next_shared_link_carries_a_real_year(page):  # noqa: F811
    """After ?year=constructor the year control keeps a year, so the link a reader copies
    next restores a real scenario (it once carried an empty ``year=``): the default year,
    which a short link leaves out."""
    open_explorer(page, "year=constructor")
    state = read_state(page)
    assert state["year"] == str(DEFAULT_YEAR)
    page.locator("section.tipline-explorer button[data-action=copy-link]").first.click()
    link = page.locator("section.tipline-explorer .tipline-explorer__link").first
    link.wait_for(state="visible")
    assert "year" not in link.input_value() and "constructor" not in link.input_value()
    open_explorer(page, link.input_value().partition("?")[2])
    assert read_state(page)["values"] == state["values"]
    assert not page.problems, page.problems
