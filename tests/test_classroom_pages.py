"""The classroom pages of the built book: worksheets on paper (Chromium's own PDF, A4 and
Letter), the code-reading page used from the keyboard, the teacher's key and its links."""

from __future__ import annotations

import io

import pytest
from browsing import built_without_solutions
from test_print import normal

from tipline import teaching, worksheets
from tipline.explorer.presets import presets

pytestmark = pytest.mark.browser

SHEETS = [w.id for w in teaching.worksheets()]
MAX_SHEETS = 2
# Parts of a worksheet wider than the printed page, or cut by it.
OVERFLOW = """() => {
  const sheet = document.querySelector('.tipline-worksheet');
  const width = sheet.getBoundingClientRect().right;
  return [...sheet.querySelectorAll('table, th, td, p, .tipline-ws-exit')]
    .filter(el => el.scrollWidth > el.clientWidth + 1
                  || el.getBoundingClientRect().right > width + 1)
    .map(el => el.outerHTML.slice(0, 80));
}"""


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("sheet", SHEETS)
def test_worksheet_prints_whole_on_at_most_two_pages(browser, server, sheet, paper):
    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.base}/book/worksheet-{sheet}.html", wait_until="load")
    page.emulate_media(media="print")
    assert page.evaluate(OVERFLOW) == []
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
    context.close()
    text = [normal(p.extract_text()) for p in pdf.pages]
    assert 1 <= len(text) <= MAX_SHEETS, f"{sheet} prints on {len(text)} {paper} pages"
    whole = "".join(text)
    spec = teaching.worksheet(sheet)
    assert normal(spec.exit) in whole  # the exit ticket is printed, not cut off
    assert normal("Name:") in whole
    if "presets" in spec.parts:
        for preset in presets():
            assert normal(preset.label) in whole
    if "prediction" in spec.parts:
        assert normal(worksheets.PREDICTION[:40]) in whole
    assert normal("Print one copy") not in whole  # the screen's introduction stays off paper
    assert normal("Search") not in text[0][:200]  # no site header on paper


def test_code_reading_outputs_open_from_the_keyboard(browser, server):
    if built_without_solutions():
        pytest.skip("a copy without solutions leaves the code-reading page out")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server.base}/book/read-the-code.html", wait_until="load")
    code = teaching.code_exercises()
    details = page.locator("details.tipline-reveal")
    assert details.count() == len(code)
    for ex in code:
        box = page.locator(f"details#output-{ex.label}")
        assert box.evaluate("d => d.open") is False
        output = box.locator("pre")
        assert not output.is_visible()
        box.locator("summary").focus()
        page.keyboard.press("Enter")
        assert box.evaluate("d => d.open") is True
        shown = output.inner_text()
        assert normal(shown) == normal(teaching.run_solution(ex).output)
    context.close()


def test_teachers_key_links_each_exercise_to_its_page(browser, server):
    if built_without_solutions():
        pytest.skip("a copy without solutions leaves the key out")
    from tipline.exercises import exercises

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.base}/book/teachers-key.html", wait_until="load")
    hrefs = page.eval_on_selector_all("article a.reference.internal", "as => as.map(a => a.href)")
    for ex in exercises():
        assert any(h.endswith(f"{ex.page}.html#{ex.label}") for h in hrefs), ex.label
    body = page.inner_text("article")
    assert "{glue" not in body and "{ref}" not in body
    context.close()


def test_guide_links_the_key_worksheets_and_code_reading(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.base}/book/teachers-guide.html", wait_until="load")
    hrefs = page.eval_on_selector_all("article a", "as => as.map(a => a.getAttribute('href'))")
    for name in ["teachers-key", "read-the-code", *(f"worksheet-{s}" for s in SHEETS)]:
        assert f"{name}.html" in hrefs, name
    assert page.locator("#static-only").count() == 1
    context.close()


def test_guide_states_each_chapters_objectives_from_the_one_list(browser, server, page_markdown):
    from tipline import chapters

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.base}/book/teachers-guide.html", wait_until="load")
    text = normal(page.inner_text("article").replace("\u2019", "'"))
    context.close()
    source = page_markdown("teachers-guide")
    for stem, chapter in chapters.load().items():
        for objective in chapter.objectives:
            assert normal(objective.replace("\u2019", "'")) in text, (stem, objective)
            assert objective not in source  # read from book/chapters.yml, not typed twice
