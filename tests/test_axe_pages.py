"""Every page of the built book under axe-core as Lighthouse runs it: phone, desktop, dark mode.

``test_site`` holds every page to axe's default rules (serious and critical findings). This
module adds what Lighthouse's accessibility score also counts: the WCAG 2.2 *target size*
rule (off in axe by default; a control smaller than 24 by 24 CSS pixels needs room around it),
checked at Lighthouse's mobile viewport (412 by 823, a touch screen) where the book's tables
and controls are tightest, at a desktop width, and on the phone in the theme's dark mode
(which Lighthouse never tries: the theme's colours change, and the book's own must follow).
Every finding counts here, whatever its impact: a table cell without a header is "minor" to
axe but leaves a screen reader's user hearing numbers with no column or row to place them in.
"""

from __future__ import annotations

import pytest
from browsing import AXE_SCRIPT, SITE_DIR, site_pages

pytestmark = pytest.mark.browser

PAGES = site_pages() if SITE_DIR.exists() else ["<no built site: run make build>"]

PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
#: Lighthouse's mobile emulation (a mid-range phone), a desktop window, and the phone with the
#: theme's dark mode chosen (Lighthouse does not try it; readers do).
VIEWPORTS = {
    "phone": PHONE,
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone-dark": {**PHONE, "color_scheme": "dark"},
}
#: The theme keeps the reader's choice of mode in local storage (pydata-sphinx-theme).
DARK_MODE = "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"

#: axe's rules as Lighthouse runs them: the defaults, with the target-size rule switched on.
OPTIONS = {"rules": {"target-size": {"enabled": True}}}

#: Findings left alone on purpose, by rule id, with the reason (none today).
ALLOWED: dict[str, str] = {}


@pytest.fixture(scope="module", params=sorted(VIEWPORTS))
def context(request, browser):
    ctx = browser.new_context(**VIEWPORTS[request.param])
    dark = request.param.endswith("-dark")
    if dark:
        ctx.add_init_script(DARK_MODE)
    yield ctx, dark
    ctx.close()


def axe_findings(page, options: dict = OPTIONS) -> list[str]:
    """axe-core's violations on ``page``, one line each: rule, impact, the first elements."""
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): "
        f"{[n['target'] for n in v['nodes'][:3]]} {v['help']}; first: "
        + " ".join(v["nodes"][0].get("failureSummary", "").split())[:300]
        for v in result["violations"]
        if v["id"] not in ALLOWED
    ]


@pytest.mark.parametrize("rel", PAGES)
def test_page_has_no_axe_finding(context, server, rel):
    ctx, dark = context
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/{rel}", wait_until="load")
        page.wait_for_timeout(200)
        theme = page.evaluate("document.documentElement.dataset.theme")
        assert theme == ("dark" if dark else "light"), f"{rel}: the page is in {theme} mode"
        found = axe_findings(page)
    finally:
        page.close()
    assert not found, f"{rel}: " + "; ".join(found)


#: Pages showing highlighted code (in the chapters, inside solutions that open on demand).
CODE_PAGES = [
    rel
    for rel in PAGES
    if SITE_DIR.exists() and '<span class="k">' in (SITE_DIR / rel).read_text(encoding="utf-8")
]

#: Opens every solution and disclosure, so that axe sees the code a reader would open.
OPEN_ALL = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
}"""


def test_some_pages_show_highlighted_code():
    assert {"book/read-the-code.html", "book/teachers-key.html"} <= set(CODE_PAGES), CODE_PAGES


@pytest.mark.parametrize("rel", CODE_PAGES)
def test_code_colours_read_on_their_background(context, server, rel):
    """Every token of highlighted code at 4.5:1 or more, solutions opened, in light and dark
    mode (Sphinx's default code colours, which once reached the site's stylesheet instead of
    the theme's, were under it in both)."""
    ctx, _dark = context
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/{rel}", wait_until="load")
        page.evaluate(OPEN_ALL)
        page.wait_for_timeout(100)
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
        result = page.evaluate(
            "() => axe.run({include: [['div.highlight']]}, {runOnly: ['color-contrast']})"
        )
        checked = sum(len(r["nodes"]) for r in result["passes"])
    finally:
        page.close()
    found = [
        " ".join(n.get("failureSummary", "").split())[:200]
        for v in result["violations"]
        for n in v["nodes"]
    ]
    assert checked, f"{rel}: axe checked no code (were the solutions opened?)"
    assert not found, f"{rel}: {len(found)} code tokens under 4.5:1; first: {found[0]}"
