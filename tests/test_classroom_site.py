"""The built book as a classroom uses it, in headless Chromium.

- When the book was built for a public repository (``_build/_config.yml``, written by
  ``tools/build_book.py``), every notebook page has a Binder launch link (the rocket menu) to
  mybinder.org that opens its student notebook (the guide: the folder of them); every
  notebook page has a download link (the download menu) for its ``.ipynb`` source, served by
  the site itself. (Pages built without a repository: ``test_classroom_student.py``.)
- Exercises render with their solutions hidden until a reader opens them, with the mouse or
  with the keyboard alone.
- The teacher's guide's index links every exercise of the chapters, and its preset links
  open the explorer with the preset's settings.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlparse

import nbformat
import pytest
import yaml
from browsing import SITE_DIR, built_without_solutions

from tipline import exercises as ex
from tipline.explorer.presets import presets
from tipline.paths import BOOK_DIR, REPO_ROOT
from tipline.student import chapter_notebooks

pytestmark = pytest.mark.browser

NOTEBOOKS = [p.stem for p in ex.toc_files() if p.suffix == ".ipynb" and p.parent == BOOK_DIR]
PAGES_WITH_EXERCISES = [p.name for p in ex.book_pages() if p.exercises]
GUIDE = "book/teachers-guide.html"
STUDENT = [p.stem for p in chapter_notebooks()]


def _built_with() -> dict:
    """The configuration the site was built with (tools/build_book.py writes it)."""
    written = REPO_ROOT / "_build" / "_config.yml"
    assert written.is_file(), f"{written} is missing: build with make build"
    return yaml.safe_load(written.read_text(encoding="utf-8"))


def built_repository() -> str:
    """The repository address the site was built for ("" for none). Read when a test runs,
    not when the module is collected: collection happens before the build in ``make test``."""
    return (_built_with().get("repository") or {}).get("url", "")


def skip_if_solutions_hidden() -> None:
    """The solution tests need a build with solutions: ``make build
    TIPLINE_HIDE_SOLUTIONS=1`` leaves them out on purpose (tests/test_classroom_builds.py
    covers that build)."""
    if built_without_solutions():
        pytest.skip("built with TIPLINE_HIDE_SOLUTIONS=1: the pages hold no solutions")


def _expected_binder(path: str) -> str:
    """The launch address of ``path`` in the Binder image, from the written configuration
    alone (not from the code under test)."""
    config = _built_with()
    url = config["repository"]["url"].rstrip("/")
    owner_repo = urlparse(url).path.strip("/")
    branch = config["repository"].get("branch", "main")
    hub = config["launch_buttons"]["binderhub_url"].rstrip("/")
    assert urlparse(url).netloc == "github.com" and owner_repo.count("/") == 1, url
    return f"{hub}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{path}"


@pytest.fixture
def needs_repository() -> str:
    """The built repository address; skips the test when the site was built without one."""
    url = built_repository()
    if not url:
        pytest.skip("built without a public repository (see the *_without_* tests)")
    return url


@pytest.fixture
def needs_no_repository() -> None:
    """Skips the test when the site was built for a public repository."""
    url = built_repository()
    if url:
        pytest.skip(f"built for the repository {url}")


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = server.base
    # Nothing may leave the site: Binder and GitHub links are checked, never followed.
    host = urlparse(server.base).netloc
    pg.route(
        "**/*",
        lambda r: r.continue_() if urlparse(r.request.url).netloc == host else r.abort(),
    )
    yield pg
    context.close()


def _open(pg, rel: str):
    pg.goto(f"{pg.base}/{rel}", wait_until="load")


def test_the_book_has_notebook_pages():
    assert len(NOTEBOOKS) >= 7, NOTEBOOKS


# -- launch and download -----------------------------------------------------------------------


@pytest.mark.usefixtures("needs_repository")
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_page_launches_its_student_notebook_on_binder(page, name):
    _open(page, f"book/{name}.html")
    menu = page.locator(".dropdown-launch-buttons")
    assert menu.count() == 1, f"book/{name}.html has no launch (rocket) menu"
    link = menu.locator("a[href*='mybinder.org']")
    assert link.count() == 1, f"book/{name}.html: no Binder entry in the launch menu"
    target = f"student/{name}.ipynb" if name in STUDENT else "student"
    assert link.get_attribute("href") == _expected_binder(target)
    # The menu opens from its button and shows the entry.
    assert not link.is_visible()
    menu.locator("button.dropdown-toggle").click()
    link.wait_for(state="visible", timeout=5_000)
    assert "Binder" in link.inner_text()
    assert not page.errors, page.errors


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_page_offers_its_ipynb_for_download(page, name):
    _open(page, f"book/{name}.html")
    menu = page.locator(".dropdown-download-buttons")
    assert menu.count() == 1, f"book/{name}.html has no download menu"
    link = menu.locator("a", has_text=".ipynb")
    assert link.count() == 1, f"book/{name}.html: no .ipynb entry in the download menu"
    menu.locator("button.dropdown-toggle").click()
    link.wait_for(state="visible", timeout=5_000)
    href = link.get_attribute("href")
    target = urljoin(f"{page.base}/book/{name}.html", href)
    assert urlparse(target).netloc == urlparse(page.base).netloc, f"{href} leaves the site"
    assert urlparse(target).path.endswith(f"/{name}.ipynb"), href
    response = page.request.get(target)
    assert response.status == 200, f"{target}: HTTP {response.status}"
    served = nbformat.reads(response.text(), as_version=4)
    source = nbformat.read(BOOK_DIR / f"{name}.ipynb", as_version=4)
    assert [c.source for c in served.cells] == [c.source for c in source.cells], (
        f"the downloadable {name}.ipynb is not the book's notebook"
    )
    local = SITE_DIR / urlparse(target).path.lstrip("/")
    assert local.is_file(), f"{local} is not a file of the built site"


# -- exercises -------------------------------------------------------------------------------

SOLUTION_STATE = """label => {
    const link = document.querySelector(`.solution .admonition-title a[href="#${label}"]`);
    if (!link) return null;
    const box = link.closest('.solution');
    const body = box.querySelector('#solution-content, section');
    const button = box.querySelector('button.toggle-button');
    const shown = el => !!el && el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== 'hidden';
    return {
        hidden: box.classList.contains('toggle-hidden'),
        bodyShown: shown(body),
        button: !!button,
        expanded: button ? button.getAttribute('aria-expanded') : null,
        focused: document.activeElement === button,
    };
}"""


def _state(pg, label):
    return pg.evaluate(SOLUTION_STATE, label)


@pytest.mark.parametrize("name", PAGES_WITH_EXERCISES)
def test_solutions_are_hidden_until_opened(page, name):
    skip_if_solutions_hidden()
    page_exercises = next(p for p in ex.book_pages() if p.name == name).exercises
    _open(page, f"book/{name}.html")
    page.wait_for_function("() => document.querySelectorAll('button.toggle-button').length > 0")
    for exercise in page_exercises:
        assert page.locator(f"[id='{exercise.label}']").count() == 1, (
            f"{name}: no element with id {exercise.label} (the guide's index links to it)"
        )
        before = _state(page, exercise.label)
        assert before is not None, f"{name}: no solution linked to exercise {exercise.label}"
        assert before["button"], f"{name}: the solution to {exercise.label} has no toggle button"
        assert before["hidden"] and not before["bodyShown"], (
            f"{name}: the solution to {exercise.label} is visible before it is opened"
        )
        assert before["expanded"] == "false"
        toggle = page.locator(
            f".solution:has(.admonition-title a[href='#{exercise.label}']) .toggle-button"
        )
        toggle.click()
        after = _state(page, exercise.label)
        assert not after["hidden"] and after["bodyShown"], (
            f"{name}: the solution to {exercise.label} did not open on click"
        )
        assert after["expanded"] == "true"
        toggle.click()
        assert not _state(page, exercise.label)["bodyShown"], "a second click closes it"
    assert not page.errors, page.errors


@pytest.mark.parametrize("name", PAGES_WITH_EXERCISES)
def test_solutions_open_from_the_keyboard(page, name):
    """Tab from the solution's heading link reaches its toggle; Enter and Space operate it."""
    skip_if_solutions_hidden()
    first = next(p for p in ex.book_pages() if p.name == name).exercises[0]
    _open(page, f"book/{name}.html")
    page.wait_for_function("() => document.querySelectorAll('button.toggle-button').length > 0")
    page.locator(f".solution .admonition-title a[href='#{first.label}']").focus()
    page.keyboard.press("Tab")
    state = _state(page, first.label)
    assert state["focused"], f"{name}: Tab does not reach the toggle of {first.label}"
    page.keyboard.press("Enter")
    state = _state(page, first.label)
    assert state["bodyShown"] and state["expanded"] == "true", "Enter does not open it"
    page.keyboard.press("Space")
    state = _state(page, first.label)
    assert not state["bodyShown"] and state["expanded"] == "false", "Space does not close it"
    name_text = page.evaluate(
        """label => {
            const b = document.querySelector(`.solution .admonition-title a[href="#${label}"]`)
                .closest('.solution').querySelector('button.toggle-button');
            return b.getAttribute('aria-label') || b.textContent.trim();
        }""",
        first.label,
    )
    assert name_text, "the toggle has no accessible name"


# -- the teacher's guide ---------------------------------------------------------------------


def _ids(rel: str) -> set[str]:
    text = (SITE_DIR / rel).read_text(encoding="utf-8")
    return set(re.findall(r'\sid="([^"]+)"', text))


def _exercise_numbers(rel: str) -> dict[str, str]:
    """The number each exercise on a built page shows in its title, by label."""
    text = (SITE_DIR / rel).read_text(encoding="utf-8")
    found = re.findall(
        r'<div class="exercise[^"]*" id="([^"]+)">\s*<p class="admonition-title">'
        r'<span class="caption-number">Exercise (\d+)',
        text,
    )
    return dict(found)


def test_guide_index_links_every_exercise_to_its_anchor(page):
    _open(page, GUIDE)
    links = page.eval_on_selector_all(
        "table.tipline-exercise-index td a", "els => els.map(a => a.getAttribute('href'))"
    )
    expected = {f"{e.page}.html#{e.label}" for e in ex.exercises()}
    assert set(links) == expected, (
        "the guide's index does not match the chapters (stale build? run make rebuild): "
        f"missing {sorted(expected - set(links))}, extra {sorted(set(links) - expected)}"
    )
    texts = page.eval_on_selector_all(
        "table.tipline-exercise-index td a", "els => els.map(a => a.textContent.trim())"
    )
    for href, text in zip(links, texts, strict=True):
        file, anchor = href.split("#", 1)
        assert anchor in _ids(f"book/{file}"), f"{href}: no such anchor"
        shown = _exercise_numbers(f"book/{file}").get(anchor)
        assert shown == text, f"{href}: the index says {text}, the page says Exercise {shown}"
    assert page.locator("table.tipline-exercise-index caption").count() == 1


@pytest.mark.usefixtures("needs_repository")
def test_guide_links_binder_from_the_config(page):
    _open(page, GUIDE)
    hrefs = page.eval_on_selector_all(
        "article a[href*='mybinder.org']", "els => els.map(a => a.getAttribute('href'))"
    )
    assert _expected_binder("student") in hrefs, hrefs
    for name in STUDENT:
        assert _expected_binder(f"student/{name}.ipynb") in hrefs, name


@pytest.mark.parametrize("preset", presets(), ids=lambda p: p.id)
def test_guide_preset_links_open_the_explorer_with_the_preset(page, preset):
    _open(page, GUIDE)
    row = page.locator("table.tipline-presets-table tbody tr").filter(
        has=page.locator("th", has_text=preset.label)
    )
    assert row.count() == 1, f"the guide's preset table has no row for {preset.label!r}"
    link = row.locator("a")
    href = link.get_attribute("href")
    assert href.startswith("explore.html"), href
    link.click()
    page.wait_for_url("**/explore.html*")
    page.wait_for_function(
        "() => { const el = document.querySelector('section.tipline-explorer');"
        " return el && el.classList.contains('tipline-explorer--live'); }",
        timeout=10_000,
    )
    shown = page.evaluate(
        """() => {
            const root = document.querySelector('section.tipline-explorer');
            const values = {};
            root.querySelectorAll('input[data-param]')
                .forEach(i => values[i.name] = Number(i.value));
            return {values, year: root.querySelector('select[name=year]').value,
                    noticeHidden: root.querySelector('.tipline-explorer__notice').hidden};
        }"""
    )
    assert shown["noticeHidden"], "the explorer ignored part of the preset link"
    assert shown["year"] == str(preset.year)
    for name, value in preset.values.items():
        assert shown["values"][name] == pytest.approx(value, rel=1e-9, abs=1e-12), name
    assert json.dumps(shown)  # plain data
