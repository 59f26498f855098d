"""Words inside charts: wrapping to a width, readable counts for ticks and labels.

Plotly does not wrap text; it breaks lines only at ``<br>``. The layer wraps axis titles,
notes and category labels here, once for a desktop column and once for a phone, using an
average character width (a little generous, so that real text fits).
"""

from __future__ import annotations

import math
import re
import textwrap

#: Width of the chart's box in the built book (CSS px): the theme's text column at a
#: 1280 px window, and a 390 px phone.
DESKTOP_WIDTH = 688
PHONE_WIDTH = 358

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def char_width(size: float) -> float:
    """Average width of one character of the book's sans-serif at ``size`` px."""
    return 0.6 * size


def chars_for(px: float, size: float) -> int:
    """How many characters of ``size`` px fit in ``px`` pixels (at least 8)."""
    return max(8, int(px / char_width(size)))


def lines(text: str) -> list[str]:
    """The lines of a plotly text (split at ``<br>``), tags removed."""
    return [_TAG.sub("", part) for part in _BREAK.split(text or "")]


def text_width(text: str, size: float) -> float:
    """Estimated width in px of the longest line of ``text`` at ``size`` px."""
    return max((len(line) for line in lines(text)), default=0) * char_width(size)


def wrap(text: str, width: int) -> str:
    """``text`` re-wrapped at ``width`` characters with ``<br>`` (existing breaks dropped).

    Tags such as ``<b>`` are kept around whole text; a word longer than ``width`` stays
    whole rather than being split.
    """
    if not text:
        return text
    bold = text.startswith("<b>") and text.endswith("</b>")
    plain = " ".join(lines(text))
    wrapped = "<br>".join(
        textwrap.wrap(plain, width=width, break_long_words=False, break_on_hyphens=False)
    )
    return f"<b>{wrapped}</b>" if bold else wrapped


def count_lines(text: str) -> int:
    return len(lines(text)) if text else 0


def short_count(n: float, digits: int = 0) -> str:
    """A count as a phone-width label: 950, 1k, 10k, 909k, 1M, 36.2M, 1B."""
    if not math.isfinite(n):
        raise ValueError(f"short_count: not a finite number ({n!r})")
    size, suffix = next(
        ((s, x) for s, x in ((1e9, "B"), (1e6, "M"), (1e3, "k")) if abs(n) >= s), (1, "")
    )
    value = n / size
    text = f"{value:,.{digits}f}"
    if digits and text.endswith("0" * digits):  # 10.0M -> 10M
        text = text[: -(digits + 1)]
    return text + suffix
