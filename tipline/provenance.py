"""Which sources stand behind one column of one data row, and how reliable they are.

A data row lists all its sources in ``source`` and its weakest reliability in
``confidence``; where its columns come from different sources, ``column_sources`` and
``secondary_columns`` say which (see ``data/datapackage.json``). The model's calibration and
the charts' source lines both use these two functions, so a figure is credited only to the
sources behind it.
"""

from __future__ import annotations

import pandas as pd

from tipline.bibliography import split_keys
from tipline.validation import parse_column_sources


def column_confidence(row: pd.Series, column: str) -> str:
    """Whether ``column`` of one data row is primary or secondary.

    A row's ``confidence`` describes its weakest figure; tables whose rows mix primary and
    secondary columns list the secondary ones in ``secondary_columns``.
    """
    listed = row.get("secondary_columns")
    if isinstance(listed, str) and listed.strip():
        names = {n.strip() for n in listed.replace(",", ";").split(";")}
        return "secondary" if column in names else "primary"
    return str(row["confidence"])


def column_keys(row: pd.Series, column: str) -> list[str]:
    """The bib keys behind one column of one row.

    A row lists all its sources in ``source``; where columns come from different sources,
    ``column_sources`` says which (see data/datapackage.json). A column it does not name is
    backed by the row's remaining sources.
    """
    keys = split_keys(row["source"])
    mapping = parse_column_sources(row.get("column_sources"))
    if column in mapping:
        return mapping[column]
    assigned = {key for ks in mapping.values() for key in ks}
    return [key for key in keys if key not in assigned] or keys
