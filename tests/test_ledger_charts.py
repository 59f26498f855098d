"""The fact-check ledger's charts and tables (tipline.figures.ledger_charts): both rating axes
shown everywhere, every number computed from data/claims.csv."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tipline import ledger
from tipline.chart import Chart
from tipline.data import load
from tipline.figures import ledger_charts as lc
from tipline.paths import DATA_DIR
from tipline.table import Table

CHARTS = {
    "ratings_overview_chart": lc.ratings_overview_chart,
    "accuracy_chart": lc.accuracy_chart,
}

TABLES = {
    "rating_counts_table": lc.rating_counts_table,
    "crosstab_table": lc.crosstab_table,
    "seed_markers_table": lc.seed_markers_table,
    **{
        f"ledger_part_table[{part}]": (lambda p=part: lc.ledger_part_table(p))
        for part in ledger.PARTS
    },
}


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.caption, self._in_caption = [], "", False
        self.col_headers = self.row_headers = self.cells = self.labelled = 0
        self.ratings: list[str] = []
        self._in_rating = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append(a)
        self._in_caption = tag == "caption"
        self._in_rating = tag == "span" and "rating" in a.get("class", "").split()
        if tag == "th" and a.get("scope") == "col":
            self.col_headers += 1
        if tag == "td" or (tag == "th" and a.get("scope") == "row"):
            self.cells += 1
            self.labelled += "data-label" in a
        if tag == "th" and a.get("scope") == "row":
            self.row_headers += 1

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        if tag == "span":
            self._in_rating = False

    def handle_data(self, data):
        if self._in_caption:
            self.caption += data
        if self._in_rating:
            self.ratings.append(data)


def _parse(markup: str) -> _Structure:
    parsed = _Structure()
    parsed.feed(markup)
    return parsed


@pytest.mark.parametrize("name", CHARTS)
def test_charts_carry_their_words(name):
    chart = CHARTS[name]()
    assert isinstance(chart, Chart)
    assert chart.data_files == ("claims.csv",) and (DATA_DIR / "claims.csv").exists()
    assert "(count)" in chart.figure.layout.xaxis.title.text
    assert "Chart described in words" in chart.to_html()
    n = len(load("claims"))
    assert f"{n} claims" in chart.alt
    assert "[" not in chart.source  # no raw bibliography keys in the source line


def test_overview_chart_shows_both_axes_each_adding_up_to_every_claim():
    chart = lc.ratings_overview_chart()
    counts = ledger.rating_counts()
    n = counts["claims"]
    by_bar: dict[str, int] = {}
    for trace in chart.figure.data:
        by_bar[trace.y[0]] = by_bar.get(trace.y[0], 0) + int(trace.x[0])
    assert by_bar == {"Accuracy": n, "Evidence strength": n}
    for axis in ledger.AXES:
        for word, count in counts[axis].items():
            assert f"{count} {word}" in chart.alt
    assert f"{counts['accuracy']['supported']} of {n} claims are supported" in chart.title
    assert f"{counts['evidence_strength']['secondary only']} on secondary sources" in chart.title


def test_accuracy_chart_matches_the_ledger_part_by_part():
    chart = lc.accuracy_chart()
    counts = ledger.rating_counts()["accuracy"]
    n = sum(counts.values())
    assert f"{counts['supported']} of {n} claims supported" in chart.title
    assert f"{counts['contradicted']} contradicted" in chart.title
    for part in ledger.PARTS.values():
        assert part in chart.alt
    assert sum(int(sum(trace.x)) for trace in chart.figure.data) == n
    assert [t.name.rsplit(" (", 1)[0] for t in chart.figure.data] == list(ledger.ACCURACY)


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_accessible(name):
    table = TABLES[name]()
    assert isinstance(table, Table)
    parsed = _parse(table.html)
    assert len(parsed.tables) == 1
    assert parsed.caption.strip() and parsed.col_headers >= 2 and parsed.row_headers >= 1
    assert "tipline-stack" in parsed.tables[0]["class"].split()
    assert parsed.labelled == parsed.cells  # every cell labelled for the narrow layout
    assert table.text.startswith(parsed.caption.strip()[:40].replace("&#x27;", "'"))


@pytest.mark.parametrize("part", ledger.PARTS)
def test_part_tables_write_both_ratings_in_words(part):
    table = lc.ledger_part_table(part)
    claims = lc.part_ratings(part)
    parsed = _parse(table.html)
    pairs = zip(claims["accuracy"], claims["evidence_strength"], strict=True)
    assert parsed.ratings == [word for pair in pairs for word in pair]
    assert "Accuracy; evidence strength</th>" in table.html
    assert "Part</th>" not in table.html  # the caption names the part instead
    assert f"({len(claims)} claims)" in table.html
    assert "{" not in table.html  # every number filled in


def test_part_ratings_cover_every_claim_once_and_reject_unknown_parts():
    claims = load("claims")
    frames = [lc.part_ratings(part) for part in ledger.PARTS]
    assert sum(len(f) for f in frames) == len(claims)
    assert sorted(c for f in frames for c in f["claim_id"]) == sorted(claims["claim_id"])
    for frame in frames:
        assert set(frame["accuracy"]) <= set(ledger.ACCURACY)
        assert set(frame["evidence_strength"]) <= set(ledger.EVIDENCE_STRENGTH)
    for func in (lc.ledger_part_table, lc.part_ratings):
        with pytest.raises(ValueError, match="unknown part"):
            func("epilogue")


@pytest.mark.parametrize("axis", ["accuracy", "evidence_strength"])
def test_definitions_come_from_the_data_description(axis):
    definitions = lc.rating_definitions(axis)
    assert list(definitions) == list(ledger.AXES[axis])
    assert all(len(text) > 10 and not text.endswith(".") for text in definitions.values())
    with pytest.raises(ValueError, match="unknown axis"):
        lc.rating_definitions("verdict")


def test_rating_counts_table_totals_both_axes():
    table = lc.rating_counts_table()
    counts = ledger.rating_counts()
    last = table.text.rstrip().splitlines()[-1]
    assert last.startswith("Part of the document: All parts")
    for axis, prefix in (("accuracy", "Accuracy"), ("evidence_strength", "Evidence")):
        for word, n in counts[axis].items():
            assert f"{prefix}: {word}: {n} |" in last
    assert last.endswith(f"All claims: {counts['claims']}")


def test_crosstab_table_adds_up():
    table = lc.crosstab_table()
    crosstab = ledger.crosstab()
    for accuracy, row in crosstab.iterrows():
        assert f"Accuracy: {accuracy} | " in table.text
        assert f"Evidence: all: {int(row.sum())}" in table.text


def test_seed_markers_table_lists_every_marker_with_its_reason():
    table = lc.seed_markers_table()
    markers = ledger.seed_markers()
    for marker in range(1, 11):
        assert f"Marker: [{marker}]" in table.text
    assert table.text.count("Why this source: ") == len(markers)
    assert all(len(r) > 40 for r in markers["reasoning"])
    assert "{" not in table.text
    unknown = int((markers["source"] == "unknown").sum())
    assert f"({unknown} markers could not be tied" in table.text
