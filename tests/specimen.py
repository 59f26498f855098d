"""A specimen page for the explorer components' browser tests.

Chapters choose where (and whether) they embed compact explorers and predictions, so the
tests do not depend on them: they open a real built chapter page whose article starts with
the components this module writes (two compact explorers, two predictions), served at
``book/specimen.html`` through Playwright's routing. The page keeps the chapter's theme,
stylesheets and script loader, so heights and behaviour are those of a chapter.
"""

from __future__ import annotations

import json
import re

from tipline.explorer.chapter import compact_html
from tipline.explorer.prediction import predict_html
from tipline.model import DEFAULT_YEAR, params_for_year

BASE_PAGE = "book/help.html"
PATH = "book/specimen.html"
SCRIPTS = ("tipline-model.js", "tipline-explorer.js", "tipline-predict.js")

CAPACITY = params_for_year(DEFAULT_YEAR)["capacity"].default

#: (kind, keyword arguments) of each component, in page order.
COMPONENTS = (
    ("compact", {"focus": ("capacity",)}),
    ("compact", {"focus": ("quality", "baseline"), "year": 2024, "capacity": 250_000}),
    (
        "predict",
        {
            "question": "With half the investigative capacity, what is the verdict?",
            "answer": "verdict",
            "capacity": CAPACITY / 2,
        },
    ),
    (
        "predict",
        {
            "question": "With a tenth of the capacity, where does the tilt land?",
            "answer": "tilt",
            "capacity": CAPACITY / 10,
        },
    ),
)


def components_html() -> str:
    """The components' HTML, with ids far from those a chapter's own components take."""
    import itertools

    from tipline.explorer import prediction, static

    static._ids = itertools.count(901)
    prediction._ids = itertools.count(901)
    parts = []
    for kind, kwargs in COMPONENTS:
        if kind == "compact":
            parts.append(compact_html(**kwargs))
        else:
            kwargs = dict(kwargs)
            parts.append(predict_html(kwargs.pop("question"), **kwargs))
    return "".join(parts)


def specimen_page(chapter_html: str) -> str:
    """``chapter_html`` with the components after its title and every script they need in
    its loader."""
    body = components_html()
    head, article = chapter_html.split("<article", 1)
    article, n = re.subn(r"(</h1>)", lambda m: m.group(1) + body, article, count=1)
    assert n == 1, "the base page's article has no <h1>"
    html = head + "<article" + article

    def scripts(m: re.Match) -> str:
        urls = json.loads(m.group(1))
        for name in SCRIPTS:
            if not any(f"/{name}" in u for u in urls):
                urls.append(f"../_static/{name}")
        return f"var scripts = {json.dumps(urls)}"

    html, n = re.subn(r"var scripts = (\[[^\]]*\])", scripts, html, count=1)
    assert n == 1, "the base page has no script loader"
    return html


def open_specimen(page, base: str, site_dir) -> None:
    """Open the specimen page in ``page`` and wait until every component has started."""
    text = specimen_page((site_dir / BASE_PAGE).read_text(encoding="utf-8"))
    page.route(
        f"{base}/{PATH}",
        lambda route: route.fulfill(body=text, content_type="text/html; charset=utf-8"),
    )
    page.goto(f"{base}/{PATH}")
    page.wait_for_function(
        """() => window.tiplinePredictions && window.tiplineExplorers &&
            [...document.querySelectorAll('section.tipline-predict')]
              .every(s => s.classList.contains('tipline-predict--live')) &&
            [...document.querySelectorAll('section.tipline-explorer')]
              .every(s => s.classList.contains('tipline-explorer--live')
                          && s.dataset.drawnTilt === s.dataset.tilt)""",
        timeout=15_000,
    )
