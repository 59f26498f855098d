"""The table form the law chapters (4, 5) and the summary share: accessible HTML that
stacks into labelled blocks on a narrow screen, plus a plain-text form."""

from __future__ import annotations

import re

import pandas as pd

from tipline import bibliography, ledger
from tipline.table import Table

__all__ = ["law_table", "links", "plain"]


def plain(frame: pd.DataFrame, columns, caption: str) -> str:
    """The table as text: the caption, then one line per row (``heading: value | ...``)."""
    lines = [caption]
    for _, row in frame.iterrows():
        lines.append(" | ".join(f"{heading}: {row[col]}" for col, heading in columns))
    return "\n".join(re.sub(r"<[^>]+>", "", line) for line in lines)


def law_table(frame, columns, caption, *, row_header, raw_html_columns=(), stack=True) -> Table:
    """An accessible table; ``stack``: on a narrow screen each row becomes a labelled block
    (class ``tipline-stack`` and ``data-label`` cells, styled by ``tipline-ledger.css``)."""
    markup = ledger.html_table(
        frame,
        columns,
        caption,
        row_header=row_header,
        raw_html_columns=raw_html_columns,
        table_class="tipline-table tipline-law-table" + (" tipline-stack" if stack else ""),
        cell_labels=stack,
    )
    return Table(markup, plain(frame, columns, caption))


def links(cell: str) -> str:
    """The sources of a ``source`` cell as links to the bibliography, separated by ``;``."""
    return "; ".join(bibliography.link_html(key) for key in bibliography.split_keys(cell))
