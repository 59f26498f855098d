"""One kind of table for the whole book: accessible HTML plus a plain-text form.

Chapters display a :class:`Table` as a cell's last expression. In the built book and in
Jupyter the HTML form shows (a ``<table>`` with a ``<caption>`` and ``scope`` on every
heading); terminals, stored notebook outputs and nbval comparisons see the plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Table:
    """An accessible HTML table (``html``), its plain form (``text``) and, where the table
    shows numbers, the frame behind it (``frame``, not compared or displayed)."""

    html: str
    text: str
    frame: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text
