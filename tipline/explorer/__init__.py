"""The tilt explorer, one model behind two front ends, and the components chapters embed.

``show()`` in a notebook gives the live ipywidgets panel when a kernel runs it (Jupyter,
Binder) and, in the built book, the kernel-free explorer: the same output carries both
forms, and each front end picks its own (the book is configured to skip widget views).

Each of these is displayed as a cell's last expression:

``show(url_state=True)``
    The full explorer (the explore page; ``url_state``: the address holds the settings).
``compact(focus=("capacity",), year=None, **settings)``
    The compact explorer for a chapter: only the ``focus`` controls (parameters, or
    choices such as ``"baseline"``), the verdict in words and the balance bars, and a link
    "Open in the full explorer" carrying the same settings. ``settings`` set starting values
    by name (``capacity=250_000``, ``baseline="worked_in_time"``). See
    :mod:`tipline.explorer.chapter`.
``flow_html(result)``
    Where one year of domestic reports goes, stage by stage, as HTML bars for one
    :func:`tipline.model.evaluate` result (needs only the book's stylesheet, no script). See
    :mod:`tipline.explorer.flowbars`.
``predict(question, answer="verdict", year=None, **settings)``
    Predict, then reveal: the reader commits a guess (one of the five verdicts, or with
    ``answer="tilt"`` a mark on the tilt scale) before the model's answer at ``settings`` is
    shown beside it. See :mod:`tipline.explorer.prediction`.
"""

from __future__ import annotations

import os

from tipline.explorer.chapter import compact_html, short_query
from tipline.explorer.flowbars import flow_html
from tipline.explorer.prediction import predict_html
from tipline.explorer.static import explorer_config, explorer_html
from tipline.model import CHOICES

#: Set by tools/build_book.py while the book is built: the static site never shows the live
#: panel, so building it (and saving megabytes of widget state) would be wasted work.
STATIC_BUILD_ENV = "TIPLINE_STATIC_BUILD"


class Explorer:
    """Displayable explorer: live panel in a kernel, static HTML in the built book."""

    def __init__(self, *, focus=None, url_state=False, live=True, year=None, html=None):
        self.html = html if html is not None else explorer_html(url_state=url_state, focus=focus)
        self.panel = None
        if live and not os.environ.get(STATIC_BUILD_ENV):
            from tipline.explorer.live import LivePanel

            params = None if focus is None else tuple(n for n in focus if n not in CHOICES)
            self.panel = LivePanel(year=year, focus=params)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {
            "text/html": self.html,
            "text/plain": "Tilt explorer (open in Jupyter to use it live)",
        }
        if self.panel is not None:
            widget = self.panel.widget._repr_mimebundle_()
            bundle.update({k: v for k, v in widget.items() if k != "text/plain"})
        return bundle


class Snippet:
    """HTML shown as a cell's output (the same in a kernel and in the built book)."""

    def __init__(self, html: str, text: str):
        self.html, self.text = html, text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}


def show(*, focus=None, url_state=False, live=True, year=None) -> Explorer:
    """The explorer, to display as a cell's last expression.

    ``focus``: parameters shown up front (others behind "More assumptions");
    ``url_state``: the page address holds the settings (the explore page only).
    """
    return Explorer(focus=focus, url_state=url_state, live=live, year=year)


def compact(focus=("capacity",), *, year=None, live=True, label=None, **settings) -> Explorer:
    """The compact explorer for a chapter (see the module docstring)."""
    focus = (focus,) if isinstance(focus, str) else tuple(focus)
    html = compact_html(focus, year=year, label=label, **settings)
    return Explorer(focus=focus, live=live, year=year, html=html)


def predict(question: str, *, answer: str = "verdict", year=None, **kwargs) -> Snippet:
    """A predict-then-reveal question (see :mod:`tipline.explorer.prediction`)."""
    html = predict_html(question, answer=answer, year=year, **kwargs)
    return Snippet(html, f"Predict, then check: {question}")


__all__ = [
    "Explorer",
    "compact",
    "compact_html",
    "explorer_config",
    "explorer_html",
    "flow_html",
    "predict",
    "predict_html",
    "short_query",
    "show",
]
