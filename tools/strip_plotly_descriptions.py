"""Drop the attribute descriptions from a built plotly.js bundle.

    python tools/strip_plotly_descriptions.py FILE...   (tools/build_plotly_bundle.sh runs it)

plotly.js carries the documentation of every attribute it knows (``description:"..."`` or
``description:["...", "..."].join(" ")`` in its attribute tables), about a tenth of a
partial bundle. Only ``Plotly.PlotSchema`` reads it, to describe the schema; drawing never
does, and the site never asks for the schema. Each description made only of string literals
becomes ``""``; anything else (a description computed from another) is left as it is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_STRING = r'"(?:[^"\\]|\\.)*"'
DESCRIPTION = re.compile(
    rf"description:(?:{_STRING}|\[(?:{_STRING},?)*\]\.join\({_STRING}\))(?=[,}}])"
)


def strip(source: str) -> str:
    """``source`` with every literal attribute description emptied (idempotent)."""
    return DESCRIPTION.sub('description:""', source)


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        after = strip(before)
        path.write_text(after, encoding="utf-8")
        print(f"{name}: {len(before):,} -> {len(after):,} bytes (descriptions dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
