"""Valid HTML for the built site (the Nu Html Checker finds no error on any page).

Two things Jupyter Book's stack writes are not valid HTML, and are fixed here (used by
:mod:`tipline.sphinxext`):

* sphinx-exercise gives the body of every exercise and solution the same id
  (``exercise-content``, ``solution-content``): a page with five exercises has five elements
  with one id. Each body gets an id made from its own box's id instead (and keeps the old
  name as a class).
* The site's root ``index.html`` is a bare ``<meta http-equiv="Refresh">`` line (written by
  sphinx-external-toc): no doctype, title or language, no link for a reader whose browser
  does not follow the refresh, and browsers' request for ``/favicon.ico`` was a 404.
  It is replaced by a small valid page, and the book's icon is served as ``/favicon.ico``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

# An exercise or solution box and the id of its body, which sphinx-exercise repeats.
_EXERCISE_BODY = re.compile(
    r'(<div class="(?:exercise|solution)[^"]*" id="(?P<box>[^"]+)">\s*'
    r'<p class="admonition-title">.*?</p>\s*<section) id="(?P<kind>exercise|solution)-content">',
    re.DOTALL,
)


def unique_exercise_ids(page: str) -> str:
    """Give every exercise and solution body an id of its own (``<box id>-content``)."""

    def rename(match: re.Match) -> str:
        kind, box = match["kind"], match["box"]
        return f'{match[1]} id="{box}-content" class="{kind}-content">'

    return _EXERCISE_BODY.sub(rename, page)


ROOT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body>
<p><a href="{target}">Go to the book: {title}</a></p>
</body>
</html>
"""


def root_page(target: str, title: str) -> str:
    """A valid page that sends the reader on to ``target`` (and links to it).

    It names no icon: the browser leaves it at once, and would abandon the icon's download
    half-way; browsers ask for ``/favicon.ico`` by default, which the site serves.
    """
    return ROOT_PAGE.format(target=html.escape(target, quote=True), title=html.escape(title))


def write_root_page(app, exception) -> None:
    """``build-finished``: replace the bare redirect ``index.html`` by :func:`root_page`."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    out = Path(app.outdir)
    favicon = app.config.html_favicon or ""
    target = f"{app.config.root_doc}.html"
    title = app.config.html_title or app.config.project
    (out / "index.html").write_text(root_page(target, title), encoding="utf-8")
    # Browsers and tools that do not read the page's icon link ask for /favicon.ico: serve
    # the book's icon there too (made from the SVG by tools/make_favicon_ico.py).
    ico = (Path(app.confdir) / favicon).with_suffix(".ico") if favicon else None
    if ico is not None and ico.is_file():
        (out / "favicon.ico").write_bytes(ico.read_bytes())
