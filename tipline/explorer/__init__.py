"""The tilt explorer, one model behind two front ends.

``show()`` in a notebook gives the live ipywidgets panel when a kernel runs it (Jupyter,
Binder) and, in the built book, the kernel-free explorer: the same output carries both
forms, and each front end picks its own (the book is configured to skip widget views).
"""

from __future__ import annotations

import os

from tipline.explorer.static import explorer_config, explorer_html

#: Set by tools/build_book.py while the book is built: the static site never shows the live
#: panel, so building it (and saving megabytes of widget state) would be wasted work.
STATIC_BUILD_ENV = "TIPLINE_STATIC_BUILD"


class Explorer:
    """Displayable explorer: live panel in a kernel, static HTML in the built book."""

    def __init__(self, *, focus=None, url_state=False, live=True, year=None):
        self.html = explorer_html(url_state=url_state, focus=focus)
        self.panel = None
        if live and not os.environ.get(STATIC_BUILD_ENV):
            from tipline.explorer.live import LivePanel

            self.panel = LivePanel(year=year, focus=focus)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {
            "text/html": self.html,
            "text/plain": "Tilt explorer (open in Jupyter to use it live)",
        }
        if self.panel is not None:
            widget = self.panel.widget._repr_mimebundle_()
            bundle.update({k: v for k, v in widget.items() if k != "text/plain"})
        return bundle


def show(*, focus=None, url_state=False, live=True, year=None) -> Explorer:
    """The explorer, to display as a cell's last expression.

    ``focus``: parameters shown up front (others behind "More assumptions");
    ``url_state``: the page address holds the settings (the explore page only).
    """
    return Explorer(focus=focus, url_state=url_state, live=live, year=year)


__all__ = ["Explorer", "explorer_config", "explorer_html", "show"]
