"""The table form the law chapters (4, 5) and the summary share: accessible HTML that
stacks into labelled blocks on a narrow screen, plus a plain-text form."""

from __future__ import annotations

from tipline import bibliography, ledger
from tipline.table import Table

__all__ = ["law_table", "links", "plain"]


#: The table as text: the caption, then one line per row (``heading: value | ...``).
plain = ledger.plain_text


def law_table(frame, columns, caption, *, row_header, raw_html_columns=(), stack=True) -> Table:
    """An accessible table; ``stack``: on a narrow screen each row becomes a labelled block
    (class ``tipline-stack`` and ``data-label`` cells, styled by ``tipline-ledger.css``)."""
    table = ledger.table(
        frame,
        columns,
        caption,
        row_header=row_header,
        kind="tipline-law-table",
        raw_html_columns=raw_html_columns,
        stack=stack,
    )
    return Table(table.html, table.text)


def links(cell: str) -> str:
    """The sources of a ``source`` cell as links to the bibliography, separated by ``;``."""
    return "; ".join(bibliography.link_html(key) for key in bibliography.split_keys(cell))
