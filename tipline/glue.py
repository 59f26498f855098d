"""Stand-in for ``myst_nb.glue`` in the student notebooks.

In the book, ``glue(name, value)`` hands a computed value to the text around it, which the
book's build writes into the page. The student edition has the values written into its text
already and runs without the book's build tools, so there ``glue`` only shows the value when
asked to (``display=True``), as ``myst_nb.glue`` does in a notebook.
"""

from __future__ import annotations

from typing import Any


def glue(name: str, variable: Any, display: bool = True) -> None:
    """Show ``variable`` if ``display`` is true; ``name`` is kept for the book's build."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"glue needs a non-empty name (a str), not {name!r}")
    if display:
        from IPython.display import display as show

        show(variable)
