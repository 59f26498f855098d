"""data/references.bib parses, every entry is complete, and citation styles can format it."""

from __future__ import annotations

import shutil

import pytest
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from tipline import bibliography, data
from tipline.paths import BIBLIOGRAPHY

DOSSIER_KEYS = {
    "ncmec_transparency_cy2023",
    "ncmec_transparency_cy2022",
    "ncmec_by_country_2019_2023",
    "ncmec_by_esp_2019_2023",
    "grimm_diaphanous_data",
    "grossman_2024_sio",
    "usc_2258A",
    "report_act_publaw",
    "wilson_2021",
    "ackerman_2016",
    "factually_escalations_2023",
}


def test_bibliography_parses_with_pybtex():
    parsed = parse_file(str(BIBLIOGRAPHY), bib_format="bibtex")
    assert len(parsed.entries) >= 80
    assert DOSSIER_KEYS <= set(parsed.entries)


def test_every_entry_is_complete():
    assert bibliography.entry_problems() == []
    for key, source in bibliography.sources().items():
        assert source.title and source.url.startswith("http"), key
        assert source.year.isdigit() and len(source.year) == 4, key
        assert source.author or source.publisher, key


@pytest.mark.parametrize("style", ["plain", "unsrt", "alpha", "unsrtalpha"])
@pytest.mark.parametrize("backend", ["text", "html"])
def test_pybtex_styles_format_every_entry(style, backend):
    """sphinxcontrib-bibtex formats through pybtex styles; every entry must survive them."""
    parsed = parse_file(str(BIBLIOGRAPHY), bib_format="bibtex")
    formatted = list(find_plugin("pybtex.style.formatting", style)().format_bibliography(parsed))
    renderer = find_plugin("pybtex.backends", backend)()
    assert len(formatted) == len(parsed.entries)
    for entry in formatted:
        assert entry.text.render(renderer).strip()


def test_docutils_backend_used_by_sphinx_renders_entries():
    pybtex_docutils = pytest.importorskip("pybtex_docutils")
    parsed = parse_file(str(BIBLIOGRAPHY), bib_format="bibtex")
    formatted = find_plugin("pybtex.style.formatting", "unsrt")().format_bibliography(parsed)
    backend = pybtex_docutils.Backend()
    nodes = [backend.paragraph(entry) for entry in formatted]
    assert len(nodes) == len(parsed.entries)


def test_every_key_used_in_data_exists():
    keys = bibliography.keys()
    used = set()
    for name in data.tables():
        for field in data.describe(name)["schema"]["fields"]:
            if not field.get("bibkeys"):
                continue
            for cell in data.load(name)[field["name"]]:
                used.update(bibliography.split_keys(cell))
    used.discard("unknown")
    assert used, "no source keys found"
    assert used <= keys, sorted(used - keys)


def test_split_keys():
    assert bibliography.split_keys("a; b;;c ") == ["a", "b", "c"]
    assert bibliography.split_keys("") == []
    assert bibliography.split_keys(None) == []


def test_labels_and_links():
    assert bibliography.label("ncmec_transparency_cy2023") == "NCMEC and OJJDP (2024)"
    assert bibliography.label("grossman_2024_sio") == "Grossman et al. (2024)"
    assert bibliography.label("keller_dance_2019") == "Keller and Dance (2019)"
    link = bibliography.link_html("ncmec_by_country_2019_2023")
    assert link.startswith('<a href="https://github.com/apparebit/diaphanous')
    assert "&amp;" in bibliography.link_html("orrick_2024_report")  # text is escaped
    with pytest.raises(KeyError):
        bibliography.label("no_such_key")


def test_entry_problems_catch_bad_entries(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(
        "@misc{range_year, author = {Someone}, title = {T}, year = {2020--2024}, url = {https://x.org}}\n"
        "@misc{no_url, author = {Someone}, title = {T}, year = {2020}}\n"
        "@misc{nobody, title = {T}, year = {2020}, url = {https://x.org}}\n",
        encoding="utf-8",
    )
    problems = "\n".join(bibliography.entry_problems(bib))
    assert "range_year" in problems and "four-digit" in problems
    assert "no_url" in problems and "'url'" in problems
    assert "nobody" in problems and "author" in problems


def test_entry_problems_catch_dotted_hosts_and_unprotected_titles(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(
        "@misc{dotted, author = {A}, title = {{T}}, year = {2020}, url = {https://ojp.gov./x}}\n"
        "@misc{lower, author = {A}, title = {U.S. Senate}, year = {2020}, url = {https://x.org}}\n"
        "@misc{fine, author = {A}, title = {{U.S. Senate}}, year = {2020}, url = {https://x.org.uk/a.}}\n",
        encoding="utf-8",
    )
    problems = bibliography.entry_problems(bib)
    assert any("dotted" in p and "ending with a dot" in p for p in problems)
    assert any("lower" in p and "braces" in p for p in problems)
    assert not any("'fine'" in p for p in problems)
    assert len(problems) == 2


def test_titles_keep_their_capitals():
    titles = {key: source.title for key, source in bibliography.sources().items()}
    assert titles["crec_2024_s5060"].startswith("PROTECT Our Children Reauthorization Act")
    assert "NCMEC" in titles["ncmec_transparency_cy2023"]


def test_unparseable_bibliography_is_a_data_error(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(BIBLIOGRAPHY.parent, copy)
    (copy / "references.bib").write_text("@misc{broken, title = {unclosed\n", encoding="utf-8")
    with pytest.raises(data.DataError, match="references.bib"):
        data.load("court_cases", data_dir=copy)
