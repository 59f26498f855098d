"""The fact-check ledger (data/claims.csv, data/seed_markers.csv) and tipline.ledger."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from tipline import bibliography, data, ledger
from tipline.paths import REPO_ROOT

PARTS = {"summary", "scale", "volume", "help", "defendants", "narratives", "conclusion"}

# Fingerprints of every 8-word sequence of the examined document: 4-byte BLAKE2b digests of
# the lower-cased words joined by single spaces. They let this test check that no paraphrase
# repeats the document's wording without keeping any of its text in the repository.
SEED_8GRAM_FINGERPRINTS = (
    "ANvxMwDxMS8A9f4XAT8yXQF1wV8BqARVAcg5wQKEa2cDdI+7BIxjPwTKP3ME0PquBQVjigU7oDgFeaBsBabU/wYs"
    "r7kGUo8tBlPyHAZdtDQGYb2jBm64bAb5LOsHCmS4B5jHYQgSQIkIHhD2CHyAHQi/BckJKHcsCWqBuglwtFIJivM3"
    "Cc2JvwnXd6oJ9EsGCfrJyQoyaQkKVllhCoWV8gqcDjcLTZawC70xvQxIdXsM/drkDRn4GA0vXa0NUMg1DWNsyg18"
    "oTwOJhCPDkmJqQ6IeQ0OoDu6Dx5TNw9ASyUPpqF3ECvUJxCGRn4Q2auvEdCamBIR3SISYLJcEqzJvRKtrEsTNdLs"
    "FITCdRUMRBsVWi8sFopujxaUct0WqZgKFq0WrhbSpNkW/QmwF5N/fheyCrEX1Q9fGYrHWBobu18aRbfnGnduGRrk"
    "6R4bP1xxG0iCHxtxvE4bpzM1G923oxv7n3AcIsgdHCmVkBxILuEcU3cVHIHmOBzbVQgc7MyQHn5J5h601LEe8Ant"
    "Hx0iiB9OaBUfWvA9IHXo2SCDctsgkt+nIJ/D0CCxT2Mg+7GUIbHRFiJOD+QiZrHTIn9MBCKZY74iojHTIs8e/iMl"
    "MkojdfmlI7hARyPEhNQjxIsHJDsxtiRCxCokVuXoJMq3QyTrdUklQHeCJaJjUiXlMMol8lkjJk1T8CZcrKQmikQO"
    "Jzayjyf3HN0oBXc0KBL/JikZR8opOHmgKfXngyn7C4Aqhj1zKva/XCsHXDsrKxKXKz3yjitDJeYrma9nLAiUjiwQ"
    "skosHsVtLF6XVi2u1W0t4lWCLk5Wcy5+LkMujITgL32eii+hZvkvv2o4MCJw8zCIltkwo0z7MOuBJTF3SFYxgI7Y"
    "MYE9HjH2N0YyGBb+Mn5MYjLHh+E0CeyuNA8ITTQ35vE0PcnPNLYDjTTHASU02ZqINgZj+Dbwn9s3HG/CNx0oDTc8"
    "Z/k3Yq5UN6lbHTeyXeM32wZ1ODEknTg8lVQ4jaXiOJFTbDkGabg5KaBROS0v+jlNdBw5UbAXOYr0QTmcLTw6cSVr"
    "OnJ6vDp0Qy87IAVYO3zSjzvfPRY79B4MPFTBNTxy8j88jkw2PNp1mj0Nqgk9SN9TPcAQzT3TLfo+EFd9Plw1JT7c"
    "dWs+6rYWP2Ziaj/EfClAB6tBQQGZ2EFxMzNBrYddQbXTaEG3xNlCBIc0QifcqkJzEJpDX25SQ3tlJUN+JZJDuDMu"
    "RPWTV0W6jpZGyZS7Rul7LUosHwZKoNOwSrxzxUrp329LS+n8S1kWJ0vJnV9L7coxTAXp80yMX9FM/csYTTwcmk3S"
    "cp1OH+lXTiRmEk51AnlOpTzITq2hw09lgGxPbCMPT8qMaFBFhyZQbk8+UJo02VCkypZQz4BYUNRpI1FWyW9RcY53"
    "UXku9lHsXn1SFrbiUmvsf1Kh4XBTE4XFU+DPOlRZLxRVF2YYVTSjKFYhQZxXBSmOVyyoXlc4ZexXRTGoWMDx2VkD"
    "+blZDmsaWaOTp1my2SBZ0PjIWdaafVn5+j1a35gIWzO1IVtCJX5bgstmW60D3lxfUXFeLO6mXnkF616zjk9ew0+n"
    "Xu3E61+BRi1fgoWCX9C5ymAuDoRgckSZYLw4sWEvpUdiVcjTY82D52QyEW1kWRwFZF7I7mSSsjlk7DWVZan0m2YG"
    "Z89maDxGZnikaWaXZIJmy6ufZ0aOJmdmYR1n2t4bZ+BYRGhmRg5ozdmsaXqb5Wq5WT5rB4HFa3ZBYWuEtdJrkEl9"
    "a/hJ1WwP1KVsfwddbsAK3m7lvdZu+oMwbwBNsm8itGlvmNkXb5vUKm/6wsFwCZCncDcdZHBwms1wh/2ScMfHNnD8"
    "+pFybjkBcnII/HJ3WfJzG9sBcyh1/XQG3UJ0WINzdGHyLnViC5J1w8jkddveSXa2RrZ2uNx/dsAN2nbqEF93Hjzk"
    "d7U/iHfzDDx4Lhx8eSnW9Xm9WL95zrkyedC0V3py0SZ6cxtIe57hDXu5COl8PiSYfSJzJH1mHxF94KCVfiVnZX45"
    "VNp+ZMEJfqw6O398ooR/3uX0f+srnIBc/66CwwZQg3NiAoPKe7CD8TvEhMfknIWzD7WF93uOhm8UDoan+n+HAGaQ"
    "h1pVrod2bw6HeDywh9l8k4ja9JqJh0eViq5pzYrBLl+K8/9ji1rd4IvU8J6L1o5zi+R1DYzKSKCM+2J7jQ00x42e"
    "uiWN7ydxjll2/45bOFKOgGTujrQDOY61XF2OwhoujsQhio76OTyPFvHIj0LYtY+BEwaP0JI/kAWyrZB0CF+QgUsa"
    "kSicqZGr8q+Rw785kchIUJHT4i+SEY6tkkf9eZJS+oSSt9mgk7mgvZQNusiVA+OLlT4+y5WrAJeVuI2TlfUR4paA"
    "5UyWhMDTl34Ld5fa19SX7Abpl/uIuZoHgh6aHCCvmiy5yZo8jByasCftmrwWYZs6fNGbQ92Ym3C5Ipt57AecBavr"
    "nA+srZwP1lKc4791nVRsAJ19wjedzZo/nj2fGJ6rWqaezZHun4gTzJ/BBg6gBbu9oExViaB5+P6g6f4SoSor6qIS"
    "IeSiLrKvomtw66L3K6+jVstgo2CTMKN4TCOjft39o5LFhaOYXbuj3WmxpIj1bKUoP1ilWRiNpXzml6V9Fs6l8P4c"
    "pltjOabGBJ6m5bgOpupPo6buprunDGkMpx9SRqdMHD6oT+fvqJCzz6i3zX+phmNNqaFZXKnSGPeqecLbqqkmGqt3"
    "tUmrmRCirA2MwKwYjNisPGF2rP4QYq0nNU6tPzJAreQLjK4FFhCuMEDZrkMPf657kYuuoCS/rwlA2a85SLuvOnnY"
    "sDsSP7A8R1awhlQrsLTM7bDuqFmxT3qDsVMquLGGOuexqTifseuWYbH2tFmyMbMzslVpPrJXN0Oycj0ks0ENf7OO"
    "bh20KfvStCr0bLSPyKK1gN4vtcXIQLZhkW62aCE3tntuWbaKAXO2rEZ+tq95drcHiui3CzmKt1IvnLdxwfG3waqT"
    "t/us2Li1T8u41z1iuPuj0bk1D+W5NzRjuUzztLnOgnu6G0YxuobPHrtts6e75XtDvDvcv7yaRCy86vN3vQrPQr0T"
    "6s69jA0qvZ2Hv73x4+2990Ufvl57Ub5g0Qi+tWn8vtRfrr+FbubAeOa2wIO1XsCFkzLBk2JCwlrExcJth6XCgi5o"
    "wuOwzcNREf3DWRtixVk7P8VlCbjFh00Vxjz/ZsbhDtvG4gD2yABN3cjmoCbJQxpGyV0xE8m0xcHKq/ydy8nQnMv+"
    "iRPMNnEwzIiCA8ykbKjM/goUzVl6fs2R7CPNl6gqzbXWxM255vTOEHJfzlNzPs8yvnTPiY6Bz5ADLdCDdv3QudUN"
    "0Ve8+tF7KrrRstpt0gsFAtIlFXrSR5nD0lj7wtK5TpDS92dE0yJ6XNNvX7LTmFzU1ECSYNUiMeXVhBj51a97x9Y5"
    "0PPWxVBD1tkrvtb4nFbXHkpU1ySei9dEQZ7XWTXq14SU0teqrK7Xy9Ph2L1+tdkdniXZhvIh2cs4D9nqPA3aTOIZ"
    "2oXW9trQUNTa4L7N22EKWtuNU/DbkAku267Vmtuxvnbb92tP3UhP891t8d/diB9e3agoHN2ua+LeF42u3tqOVd79"
    "y/Lfqwb04PnEy+HdqBLiAxO94rwj+OLC/pzi3PbK4vHgSuNzqlDjh6TU47iAiePn8xrlQ02c5bMwO+ZtAsjnMNuj"
    "5/TO+ejMxZbpB53v6Yy3eun2NNbq66mM6077HOtPd3brpBe26+Ae7OxVfcHseYmS7MQ77OzbadntrASU7kZkI+54"
    "CvPvBPc48BcwzPB4BAvwsvBQ8M84gfEsOuzxRJ388Xt9MPJe0JXysrQi8xtmePNRomTz4HWH9HLoX/Tl1fX1BTJ8"
    "9bUqHfX1+gr2FULH9plLkPcyKkj3rtxN+EL58Pjr4Ff48pJf+XqsHfnNkuD6Xp/f+nnUOvsRHaP7V7Q4+5Cp2vu2"
    "Krj7tlx2+9EuKv4348T+O98h/nlxvf6sulT+0QIC/uN28v9aMiX/62YL"
)
SHINGLE = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _fingerprint(words: list[str]) -> bytes:
    return hashlib.blake2b(" ".join(words).encode(), digest_size=4).digest()


def _seed_fingerprints() -> set[bytes]:
    raw = base64.b64decode("".join(SEED_8GRAM_FINGERPRINTS))
    return {raw[i : i + 4] for i in range(0, len(raw), 4)}


def test_ledger_has_enough_claims_covering_every_part():
    claims = data.load("claims")
    assert len(claims) >= 25
    assert set(claims["part"]) == PARTS
    assert claims["claim_id"].is_unique
    assert claims["claim_id"].str.fullmatch(r"C\d{2}[a-z]?").all()


def test_ratings_use_exactly_the_words_of_each_axis():
    claims = data.load("claims")
    assert ledger.ACCURACY == (
        "supported",
        "partly supported",
        "not supported",
        "contradicted",
        "cannot be verified",
    )
    assert ledger.EVIDENCE_STRENGTH == ("primary", "secondary only", "none found")
    assert set(claims["accuracy"]) <= set(ledger.ACCURACY)
    assert set(claims["evidence_strength"]) <= set(ledger.EVIDENCE_STRENGTH)
    assert "verdict" not in claims.columns


def test_no_evidence_found_means_cannot_be_verified_and_back():
    claims = data.load("claims")
    none_found = claims["evidence_strength"] == "none found"
    unverifiable = claims["accuracy"] == "cannot be verified"
    assert (none_found == unverifiable).all()
    # The claims the review named: C26 and the bundling sub-claims have no evidence.
    rated = claims.set_index("claim_id")["accuracy"]
    for claim_id in ("C26", "C16b", "C28b"):
        assert rated[claim_id] == "cannot be verified"


def test_every_claim_has_a_resolving_source_and_markers():
    claims = data.load("claims")
    keys = bibliography.keys()
    for _, row in claims.iterrows():
        sources = bibliography.split_keys(row["source"])
        assert sources, row["claim_id"]
        assert set(sources) <= keys, row["claim_id"]
        markers = [int(m) for m in row["seed_markers"].split(";")]
        assert markers and all(1 <= m <= 10 for m in markers), row["claim_id"]
        assert len(row["evidence"]) > 40, row["claim_id"]


def test_paraphrases_do_not_repeat_the_examined_document():
    fingerprints = _seed_fingerprints()
    assert len(fingerprints) > 700  # the fingerprints really cover the document
    claims = data.load("claims")
    for _, row in claims.iterrows():
        for column in ("claim", "evidence"):
            words = _words(row[column])
            for i in range(len(words) - SHINGLE + 1):
                shingle = words[i : i + SHINGLE]
                assert _fingerprint(shingle) not in fingerprints, (
                    f"{row['claim_id']} {column}: '{' '.join(shingle)}' repeats the document"
                )


def test_seed_markers_cover_one_to_ten():
    markers = ledger.seed_markers()
    assert sorted(markers["marker"]) == list(range(1, 11))
    keys = bibliography.keys()
    for _, row in markers.iterrows():
        assert row["source"] == "unknown" or row["source"] in keys
        assert set(bibliography.split_keys(row["candidate_sources"])) <= keys
        assert row["confidence"] in {"high", "medium", "low"}
        assert row["source_label"]


def test_ledger_adds_readable_labels_in_document_order():
    frame = ledger.ledger()
    assert list(frame["part"].drop_duplicates()) == list(ledger.PARTS)
    assert (frame["part_label"] != "").all()
    assert frame["source_labels"].str.contains(r"\(\d{4}\)").all()
    assert frame["accuracy_rank"].between(0, len(ledger.ACCURACY) - 1).all()
    assert frame["evidence_rank"].between(0, len(ledger.EVIDENCE_STRENGTH) - 1).all()
    phrase = frame["accuracy"] + "; evidence: " + frame["evidence_strength"]
    assert (frame["rating"] == phrase).all()
    assert not frame["claim"].str.contains("{", regex=False).any()
    assert not frame["evidence"].str.contains("{", regex=False).any()


@pytest.mark.parametrize("axis", ["accuracy", "evidence_strength"])
def test_counts_on_each_axis(axis):
    words = ledger.AXES[axis]
    n_claims = len(data.load("claims"))
    counts = ledger.counts(axis)
    assert list(counts["rating"]) == list(words)
    assert counts["claims"].sum() == n_claims
    by_part = ledger.counts(axis, by_part=True)
    assert by_part.shape == (7, len(words))
    assert list(by_part.columns) == list(words)
    assert by_part.to_numpy().sum() == n_claims


def test_rating_counts_agree_with_the_table_and_by_part():
    claims = data.load("claims")
    total = ledger.rating_counts()
    assert total["claims"] == len(claims)
    for axis, words in ledger.AXES.items():
        assert list(total[axis]) == list(words)
        assert total[axis] == {w: int((claims[axis] == w).sum()) for w in words}
        assert sum(total[axis].values()) == len(claims)
        per_part = [ledger.rating_counts(part=p)[axis] for p in ledger.PARTS]
        assert {w: sum(c[w] for c in per_part) for w in words} == total[axis]
    crosstab = ledger.crosstab()
    assert crosstab.to_numpy().sum() == len(claims)
    assert list(crosstab.index) == list(ledger.ACCURACY)
    assert list(crosstab.columns) == list(ledger.EVIDENCE_STRENGTH)
    with pytest.raises(ValueError, match="unknown part"):
        ledger.rating_counts(part="epilogue")
    with pytest.raises(ValueError, match="unknown axis"):
        ledger.counts("verdict")


def test_rating_phrase_names_both_axes_and_rejects_other_words():
    assert ledger.rating("supported", "secondary only") == "supported; evidence: secondary only"
    with pytest.raises(ValueError, match="accuracy"):
        ledger.rating("true", "primary")
    with pytest.raises(ValueError, match="evidence strength"):
        ledger.rating("supported", "tertiary")


class _TableParser(HTMLParser):
    """Collects the structure the accessibility test needs."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.caption = ""
        self._in_caption = False
        self.rating_texts: list[str] = []
        self._in_rating = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_caption = tag == "caption"
        self._in_rating = tag == "span" and "rating" in attributes.get("class", "").split()

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        if tag == "span":
            self._in_rating = False

    def handle_data(self, text):
        if self._in_caption:
            self.caption += text
        if self._in_rating:
            self.rating_texts.append(text)


def test_ledger_html_is_accessible():
    markup = ledger.ledger_html()
    parser = _TableParser()
    parser.feed(markup)
    tags = [tag for tag, _ in parser.tags]
    assert tags[0] == "table" and "caption" in tags
    assert parser.caption.strip()
    column_headers = [a for t, a in parser.tags if t == "th" and a.get("scope") == "col"]
    row_headers = [a for t, a in parser.tags if t == "th" and a.get("scope") == "row"]
    assert len(column_headers) == len(ledger.LEDGER_COLUMNS)
    claims = data.load("claims")
    assert len(row_headers) == len(claims)
    # Both ratings appear as words, two per claim, never as colour alone.
    frame = ledger.ledger()
    pairs = zip(frame["accuracy"], frame["evidence_strength"], strict=True)
    expected = [word for pair in pairs for word in pair]
    assert parser.rating_texts == expected
    assert "<a href=" in markup


def test_ledger_html_escapes_text_and_filters_parts():
    markup = ledger.ledger_html(part="scale", caption="Claims <scale> & purpose")
    assert "<caption>Claims &lt;scale&gt; &amp; purpose</caption>" in markup
    assert markup.count('scope="row"') == (data.load("claims")["part"] == "scale").sum()
    with pytest.raises(ValueError, match="unknown part"):
        ledger.ledger_html(part="epilogue")


def test_contradictions_cite_resolving_sources():
    frame = data.load("contradictions")
    keys = bibliography.keys()
    assert len(frame) == 11
    for column in ("source_a", "source_b"):
        for cell in frame[column]:
            assert set(bibliography.split_keys(cell)) <= keys


def _page_prose(path) -> str:
    """The prose of a book page: Markdown cells of a notebook, or a Markdown file."""
    if path.suffix == ".ipynb":
        import nbformat

        notebook = nbformat.read(path, as_version=4)
        return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


BOOK_PAGES = sorted(
    p
    for pattern in ("*.ipynb", "*.md")
    for p in (REPO_ROOT / "book").glob(pattern)
    if ".ipynb_checkpoints" not in p.parts
)


@pytest.mark.parametrize("path", BOOK_PAGES, ids=lambda p: p.name)
def test_book_pages_do_not_repeat_the_examined_document(path):
    """Chapters paraphrase the examined document; none repeats 8 of its words in a row."""
    fingerprints = _seed_fingerprints()
    words = _words(_page_prose(path))
    for i in range(len(words) - SHINGLE + 1):
        shingle = words[i : i + SHINGLE]
        assert _fingerprint(shingle) not in fingerprints, (
            f"{path.name}: '{' '.join(shingle)}' repeats the examined document"
        )


def test_html_table_labels_cells_only_when_asked():
    import pandas as pd

    frame = pd.DataFrame({"name": ["a & b"], "value": ["<1>"]})
    columns = (("name", "Name"), ("value", 'Value "raw"'))
    plain = ledger.html_table(frame, columns, "Caption", row_header="name")
    assert "data-label" not in plain
    labelled = ledger.html_table(frame, columns, "Caption", row_header="name", cell_labels=True)
    assert '<th scope="row" data-label="Name">a &amp; b</th>' in labelled
    assert '<td data-label="Value &quot;raw&quot;">&lt;1&gt;</td>' in labelled


def test_ledger_html_chooses_columns_and_labels_cells():
    columns = (("claim_id", "Claim"), ("rating_html", "Rating"))
    markup = ledger.ledger_html(part="summary", columns=columns)
    parser = _TableParser()
    parser.feed(markup)
    headings = [a for t, a in parser.tags if t == "th" and a.get("scope") == "col"]
    assert len(headings) == 2
    assert "tipline-stack" in parser.tags[0][1]["class"].split()
    cells = [a for t, a in parser.tags if t in ("td", "th") and a.get("scope") != "col"]
    assert cells and all("data-label" in a for a in cells)
    summary = ledger.ledger().query("part == 'summary'")
    pairs = zip(summary["accuracy"], summary["evidence_strength"], strict=True)
    assert parser.rating_texts == [word for pair in pairs for word in pair]
    with pytest.raises(ValueError, match="claim_id"):
        ledger.ledger_html(columns=(("rating_html", "Rating"),))
    with pytest.raises(ValueError, match="LEDGER_COLUMNS"):
        ledger.ledger_html(columns=(("claim_id", "Claim"), ("nonsense", "X")))


def _claims_copy(tmp_path, claim_id: str, **cells: str):
    """A copy of data/ with cells of one claim changed; returns the copy's folder."""
    import csv
    import shutil

    from tipline.paths import DATA_DIR

    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "claims.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["claim_id"] == claim_id:
            row.update(cells)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return copy


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"evidence_strength": "tertiary"}, "not one of"),
        ({"accuracy": "mostly true"}, "not one of"),
        ({"evidence_strength": "none found"}, "cannot be verified"),  # C09 is supported
    ],
)
def test_validation_enforces_both_vocabularies_and_their_link(tmp_path, cells, message):
    copy = _claims_copy(tmp_path, "C09", **cells)
    with pytest.raises(data.DataError, match=message) as err:
        data.load("claims", data_dir=copy)
    assert "claims.csv" in str(err.value)


def test_a_claim_without_evidence_must_say_it_cannot_be_verified(tmp_path):
    copy = _claims_copy(tmp_path, "C26", accuracy="partly supported")
    with pytest.raises(data.DataError, match="none found"):
        data.load("claims", data_dir=copy)
