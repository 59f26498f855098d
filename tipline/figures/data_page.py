"""The data page: what each table in ``data/`` holds, where its figures come from, and how
to download it.

* :func:`table_overview`, :func:`fields_table` and :func:`data_dictionary` describe a
  table (its description, size, reliability, columns with type, unit and allowed values read
  from ``datapackage.json``); :func:`sources_table` counts the rows each source backs;
  :func:`table_card` puts them together;
* :func:`files_table` links every published file; :func:`gaps_table` lists every documented
  gap; :func:`contradictions_table` the recorded disagreements between sources;
  :func:`secondary_figures_table` the figures that rest on secondary sources;
  :func:`provenance_counts` counts rows, sources and gaps for the page's prose.

Every table is a :class:`tipline.table.Table` (accessible HTML with a caption and scoped
headings, plus a plain-text form).
"""

from __future__ import annotations

import html

import pandas as pd

from tipline import bibliography
from tipline.charts import DATA_URL_PREFIX
from tipline.data import describe, fields, load, tables
from tipline.figures.common import check_table, pct, primary_keys
from tipline.ledger import html_table
from tipline.paths import DATA_DIR
from tipline.table import Table

__all__ = [
    "PUBLISHED_PATTERNS",
    "allowed_values",
    "check_text",
    "contradictions_table",
    "data_dictionary",
    "fields_table",
    "files_table",
    "gaps_table",
    "provenance_counts",
    "secondary_figures_table",
    "sources_table",
    "table_card",
    "table_overview",
]

#: The files in ``data/`` the site publishes at ``_build/html/data/`` (see
#: :func:`tipline.sphinxext.publish_data`).
PUBLISHED_PATTERNS = ("*.csv", "*.json", "*.bib")

_CONFIDENCES = ("primary", "secondary")


def fields_table(name: str) -> Table:
    """The columns of table ``name``: type, unit, whether required, and what each holds."""
    name = check_table(name)
    frame = fields(name)
    frame = frame.assign(
        required=frame["required"].map({True: "yes", False: "no"}),
        unit=frame["unit"].replace("", "—"),
    )
    columns = (
        ("name", "Column"),
        ("type", "Type"),
        ("unit", "Unit"),
        ("required", "Required"),
        ("description", "What it holds"),
    )
    caption = f"Columns of {name}.csv"
    return Table(
        html=html_table(frame, columns, caption, row_header="name"),
        text=caption + "\n" + frame[[c for c, _ in columns]].to_string(index=False),
    )


def sources_table(name: str) -> Table:
    """The sources behind table ``name``: how many rows each backs, primary and secondary."""
    name = check_table(name)
    data = load(name)
    source_columns = [c for c in data.columns if c == "source" or c.startswith("source_")]
    if not source_columns:
        raise ValueError(f"table {name!r} has no source column")
    known = bibliography.sources()
    strong = primary_keys()
    counts: dict[str, dict[str, int]] = {}
    has_conf = "confidence" in data and set(data["confidence"]) <= set(_CONFIDENCES)
    for _, row in data.iterrows():
        mixed = isinstance(row.get("secondary_columns"), str) and row["secondary_columns"].strip()
        for column in source_columns:
            for key in bibliography.split_keys(row[column]):
                if not has_conf:
                    conf = "cited"
                elif mixed:  # see column_sources: weak keys back the secondary figures
                    conf = "primary" if key in strong else "secondary"
                else:
                    conf = row["confidence"]
                counts.setdefault(key, {}).setdefault(conf, 0)
                counts[key][conf] += 1
    records = []
    for key, by_conf in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        source = known.get(key)
        records.append(
            {
                "source": bibliography.link_html(key) if source else html.escape(key),
                "key": key,
                "primary": by_conf.get("primary", 0),
                "secondary": by_conf.get("secondary", 0),
                "cited": sum(by_conf.values()),
            }
        )
    frame = pd.DataFrame(records)
    if has_conf:
        columns = (
            ("source", "Source"),
            ("key", "Key in references.bib"),
            ("primary", "Rows as primary source"),
            ("secondary", "Rows as secondary source"),
        )
    else:
        columns = (
            ("source", "Source"),
            ("key", "Key in references.bib"),
            ("cited", "Rows citing it"),
        )
    caption = f"Sources behind {name}.csv and how many rows each supports"
    return Table(
        html=html_table(frame, columns, caption, raw_html_columns=("source",)),
        text=caption + "\n" + frame.drop(columns="source").to_string(index=False),
    )


def table_overview(name: str) -> Table:
    """What table ``name`` holds: description, size, primary/secondary rows, documented gaps,
    and links to download it and its description."""
    name = check_table(name)
    spec = describe(name)
    data = load(name)
    n_rows, n_cols = data.shape
    parts = [f"<p>{html.escape(spec.get('description', ''))}</p>", "<ul>"]
    parts.append(f"<li><strong>Size:</strong> {n_rows:,} rows, {n_cols} columns.</li>")
    text = [spec.get("description", ""), f"Size: {n_rows:,} rows, {n_cols} columns."]
    if "confidence" in data and set(data["confidence"]) <= set(_CONFIDENCES):
        primary = int((data["confidence"] == "primary").sum())
        secondary = int((data["confidence"] == "secondary").sum())
        line = (
            f"{primary:,} rows rest on primary sources and {secondary:,} on secondary sources "
            "(a row is marked by its weakest figure)."
        )
        parts.append(f"<li><strong>Reliability:</strong> {html.escape(line)}</li>")
        text.append("Reliability: " + line)
    key = spec["schema"].get("primaryKey")
    if key:
        keys = ", ".join(key if isinstance(key, list) else [key])
        parts.append(f"<li><strong>One row per:</strong> {html.escape(keys)}.</li>")
        text.append(f"One row per: {keys}.")
    path = spec["path"]
    parts.append(
        f'<li><strong>Download:</strong> <a href="{DATA_URL_PREFIX}{html.escape(path)}" download>'
        f"{html.escape(path)}</a> (CSV, UTF-8); its description in "
        f'<a href="{DATA_URL_PREFIX}datapackage.json" download>datapackage.json</a>.</li>'
    )
    text.append(f"Download: {DATA_URL_PREFIX}{path}")
    parts.append("</ul>")
    gaps = spec.get("gaps", [])
    if gaps:
        parts.append("<p><strong>Known gaps and caveats:</strong></p><ul>")
        parts += [f"<li>{html.escape(g)}</li>" for g in gaps]
        parts.append("</ul>")
        text += ["Known gaps and caveats:"] + [f"- {g}" for g in gaps]
    return Table(html="\n".join(parts), text="\n".join(text))


def contradictions_table(ids: tuple[str, ...] | list[str] | None = None) -> Table:
    """Recorded disagreements between sources, the value the book uses, and why.

    ``ids`` (e.g. ``("K04",)``) keeps only those contradictions, in the order given; the
    default shows them all. Raises ``ValueError`` for an id not in ``contradictions.csv``.
    """
    data = load("contradictions")
    if ids is not None:
        if isinstance(ids, str) or not ids:
            raise ValueError(
                f"contradictions_table: ids must be a non-empty list of ids (got {ids!r})"
            )
        known_ids = list(data["contradiction_id"])
        unknown = [i for i in ids if i not in known_ids]
        if unknown:
            raise ValueError(
                f"contradictions_table: unknown id(s) {unknown}; known: {', '.join(known_ids)}"
            )
        data = data.set_index("contradiction_id").loc[list(ids)].reset_index()
    known = bibliography.sources()

    def cite(cell: str) -> str:
        links = [
            bibliography.link_html(k) if k in known else html.escape(k)
            for k in bibliography.split_keys(cell)
        ]
        return "; ".join(links)

    frame = data.assign(
        value_a=[
            f"{html.escape(v)} ({cite(s)})"
            for v, s in zip(data["value_a"], data["source_a"], strict=True)
        ],
        value_b=[
            f"{html.escape(v)} ({cite(s)})"
            for v, s in zip(data["value_b"], data["source_b"], strict=True)
        ],
    )
    columns = (
        ("contradiction_id", "Id"),
        ("topic", "Topic"),
        ("value_a", "One value (source)"),
        ("value_b", "The other value (source)"),
        ("book_uses", "What the book uses"),
        ("reason", "Why"),
    )
    caption = (
        f"Where sources disagree: {len(data)} recorded contradictions, the value the book uses "
        "and why"
        if ids is None
        else f"Where sources disagree ({', '.join(ids)}): the value the book uses and why"
    )
    plain = data[["contradiction_id", "topic", "book_uses"]].to_string(index=False)
    return Table(
        html=html_table(
            frame,
            columns,
            caption,
            row_header="contradiction_id",
            raw_html_columns=("value_a", "value_b"),
        ),
        text=caption + "\n" + plain,
    )


def secondary_figures_table() -> Table:
    """How many rows of each table rest on secondary sources only."""
    records = []
    for name in tables():
        data = load(name)
        if "confidence" not in data or not set(data["confidence"]) <= set(_CONFIDENCES):
            continue
        secondary = data[data["confidence"] == "secondary"]
        keys = sorted({k for cell in secondary["source"] for k in bibliography.split_keys(cell)})
        records.append(
            {
                "table": name,
                "rows": f"{len(data):,}",
                "secondary": f"{len(secondary):,}",
                "share": pct(len(secondary) / len(data)) if len(data) else "—",
                "sources": "; ".join(bibliography.link_html(k) for k in keys) or "none",
            }
        )
    frame = pd.DataFrame(records)
    columns = (
        ("table", "Table"),
        ("rows", "Rows"),
        ("secondary", "Rows resting on a secondary source"),
        ("share", "Share"),
        ("sources", "Secondary sources used"),
    )
    caption = "Figures that could not be checked in a primary document, table by table"
    return Table(
        html=html_table(frame, columns, caption, row_header="table", raw_html_columns=("sources",)),
        text=caption + "\n" + frame.drop(columns="sources").to_string(index=False),
    )


def _number(x, grouping: bool = True) -> str:
    value = float(x)
    if value.is_integer():
        return f"{int(value):,}" if grouping else str(int(value))
    return f"{value:g}"


def allowed_values(field: dict) -> str:
    """The values a ``datapackage.json`` field allows, in words.

    A range (``1998 to 2025``, ``at least 0``), a list (``one of: a; b``), a pattern, the two
    booleans, bibliography keys, or "any" for free text.
    """
    constraints = field.get("constraints", {})
    kind = field.get("type", "string")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    grouping = field.get("unit") != "year"  # years read 1998, not 1,998
    if "enum" in constraints:
        return "one of: " + "; ".join(str(v) for v in constraints["enum"])
    if low is not None and high is not None:
        return f"{_number(low, grouping)} to {_number(high, grouping)}"
    if low is not None:
        return f"at least {_number(low, grouping)}"
    if high is not None:
        return f"at most {_number(high, grouping)}"
    if kind == "boolean":
        return "true or false"
    if field.get("bibkeys"):
        extra = field.get("extraValues", [])
        text = f"keys in references.bib, separated by '{field.get('separator', ';')}'"
        return text + (f" (or: {', '.join(extra)})" if extra else "")
    if field.get("tableList"):
        return f"table names, separated by '{field.get('separator', ';')}'"
    if field.get("columnList"):
        return f"column names, separated by '{field.get('separator', ';')}'"
    if field.get("columnSources"):
        return "column=key pairs, separated by '|'"
    if "pattern" in constraints:
        return f"text matching {constraints['pattern']}"
    return "any " + ("text" if kind == "string" else kind)


def _when(when) -> str:
    return " and ".join(f"{k} is {v}" for k, v in dict(when).items())


def check_text(check: dict) -> str:
    """One table-level check of ``datapackage.json`` in words (its own description if any)."""
    if check.get("description"):
        return str(check["description"])
    kind = check.get("type")
    if kind == "sum":
        return f"{' + '.join(check['parts'])} equals {check['total']}."
    if kind == "at_most":
        return f"{check['column']} is never larger than {check['limit']}."
    if kind == "empty_when":
        return f"{check['column']} is empty when {_when(check['when'])}."
    if kind == "ratio":
        return f"{check['column']} equals {check['numerator']} / {check['denominator']}."
    if kind == "required_rows":
        return f"The table has each of {len(check['rows'])} required rows."
    if kind == "required_when":
        return f"{', '.join(check['columns'])} are given when {_when(check['when'])}."
    if kind == "unique_within":
        return f"{check['column']} does not repeat within a {', '.join(check['group_by'])}."
    if kind == "year_of_date":
        return f"{check['column']} is the year of {check['date']}."
    if kind == "min_rows":
        return f"The table has at least {check['count']} rows."
    if kind == "covers":
        values = ", ".join(str(v) for v in check["values"])
        return f"Every one of these values of {check['column']} appears: {values}."
    details = ", ".join(f"{k}={v}" for k, v in check.items() if k != "type")
    return f"{kind} check ({details})."


def data_dictionary(name: str) -> Table:
    """The columns of table ``name``: type, unit, allowed values, required, meaning."""
    name = check_table(name)
    records = []
    for field in describe(name)["schema"]["fields"]:
        constraints = field.get("constraints", {})
        records.append(
            {
                "name": field["name"],
                "type": field.get("type", "string"),
                "unit": field.get("unit", "") or "\u2014",
                "allowed": allowed_values(field),
                "required": "yes" if constraints.get("required") else "no",
                "description": field.get("description", ""),
            }
        )
    frame = pd.DataFrame(records)
    columns = (
        ("name", "Column"),
        ("type", "Type"),
        ("unit", "Unit"),
        ("allowed", "Allowed values"),
        ("required", "Required"),
        ("description", "What it holds"),
    )
    caption = f"Columns of {name}.csv: type, unit and allowed values"
    text = [caption] + [
        f"{r['name']} | {r['type']} | {r['unit']} | {r['allowed']} | {r['required']}"
        for r in records
    ]
    return Table(
        html=html_table(frame, columns, caption, row_header="name"),
        text="\n".join(text),
        frame=frame,
    )


def table_card(name: str) -> Table:
    """Everything the data page shows about table ``name``: its overview (description, size,
    reliability, download link, gaps), the checks run on every load, then its columns and
    its sources, each in a disclosure the reader opens."""
    name = check_table(name)
    overview = table_overview(name)
    dictionary = data_dictionary(name)
    sources = sources_table(name)
    n_fields = len(describe(name)["schema"]["fields"])
    checks = [check_text(c) for c in describe(name).get("checks", [])]
    parts = [
        f'<div class="tipline-table-card" id="table-{html.escape(name)}">',
        overview.html,
    ]
    if checks:
        parts.append("<p><strong>Checked every time the table is loaded:</strong></p><ul>")
        parts += [f"<li>{html.escape(c)}</li>" for c in checks]
        parts.append("</ul>")
    parts += [
        f"<details><summary>The {n_fields} columns of {html.escape(name)}.csv</summary>",
        dictionary.html,
        "</details>",
        f"<details><summary>The sources behind {html.escape(name)}.csv</summary>",
        sources.html,
        "</details>",
        "</div>",
    ]
    checked = "Checked every time the table is loaded:\n" + "\n".join(f"- {c}" for c in checks)
    text = "\n\n".join(
        [overview.text] + ([checked] if checks else []) + [dictionary.text, sources.text]
    )
    return Table(html="\n".join(parts), text=text)


def _published_files() -> list:
    files = []
    for pattern in PUBLISHED_PATTERNS:
        files += sorted(DATA_DIR.glob(pattern))
    return files


def files_table() -> Table:
    """Every file the site publishes from ``data/``, what it holds, and a download link."""
    by_path = {describe(n)["path"]: n for n in tables()}
    package = describe(tables()[0])  # any resource: to reach the package's bibliography name
    bib_name = package.get("bibliography", "references.bib")
    records = []
    for path in _published_files():
        if path.name in by_path:
            name = by_path[path.name]
            spec = describe(name)
            n_rows = len(load(name))
            what = spec.get("title") or spec.get("description", "")
            size = f"{n_rows:,} rows"
        elif path.suffix == ".json":
            what = "Description of every table: columns, types, units, allowed values, checks, gaps"
            size = f"{len(tables())} tables described"
        elif path.suffix == ".bib":
            what = "Every source the book cites, once (BibTeX)"
            size = f"{len(bibliography.sources(path)):,} sources"
        else:
            what, size = "", ""
        href = f"{DATA_URL_PREFIX}{html.escape(path.name)}"
        records.append(
            {
                "file": path.name,
                "link": f'<a href="{href}" download>{html.escape(path.name)}</a>',
                "what": what,
                "size": size,
            }
        )
    frame = pd.DataFrame(records)
    columns = (("link", "File"), ("what", "What it holds"), ("size", "Size"))
    caption = "Every data file the book publishes, with a download link"
    text = [caption] + [f"{r['file']} | {r['what']} | {r['size']}" for r in records]
    if bib_name not in frame["file"].tolist():
        raise ValueError(f"the bibliography {bib_name} is not among the published files")
    return Table(
        html=html_table(frame, columns, caption, row_header="link", raw_html_columns=("link",)),
        text="\n".join(text),
        frame=frame.drop(columns=["link"]),
    )


def gaps_table() -> Table:
    """Every gap and caveat documented in ``datapackage.json``, table by table."""
    records = []
    for name in tables():
        for gap in describe(name).get("gaps", []):
            records.append({"table": f"{name}.csv", "gap": gap})
    frame = pd.DataFrame(records, columns=["table", "gap"])
    columns = (("table", "Table"), ("gap", "What is missing or does not add up"))
    caption = f"Documented gaps and caveats: {len(frame)} across {frame['table'].nunique()} tables"
    text = [caption] + [f"{r['table']} | {r['gap']}" for r in records]
    return Table(html=html_table(frame, columns, caption), text="\n".join(text), frame=frame)


def provenance_counts() -> dict:
    """Counts the data page quotes: tables, rows, primary and secondary rows, sources cited,
    sources in the bibliography, contradictions and documented gaps."""
    n_rows = primary = secondary = 0
    cited: set[str] = set()
    with_confidence = 0
    for name in tables():
        data = load(name)
        n_rows += len(data)
        if "confidence" in data and set(data["confidence"]) <= {"primary", "secondary"}:
            with_confidence += 1
            primary += int((data["confidence"] == "primary").sum())
            secondary += int((data["confidence"] == "secondary").sum())
        for field in describe(name)["schema"]["fields"]:
            if field.get("bibkeys"):
                for cell in data[field["name"]].dropna():
                    cited.update(bibliography.split_keys(cell))
    known = bibliography.sources()
    cited &= set(known)
    return {
        "tables": len(tables()),
        "rows": n_rows,
        "tables_with_confidence": with_confidence,
        "primary_rows": primary,
        "secondary_rows": secondary,
        "sources": len(known),
        "sources_cited_in_tables": len(cited),
        "contradictions": len(load("contradictions")),
        "gaps": sum(len(describe(n).get("gaps", [])) for n in tables()),
        "files": len(_published_files()),
    }
