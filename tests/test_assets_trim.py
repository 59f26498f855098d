"""Trimming the theme's assets at build time: icons inline, CSS pruned, fonts subset."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline import csspurge, fontsubset, icons

# --- icons ------------------------------------------------------------------------------------

FAKE_FA = (
    'var p={monero:[496,512,[],"f3d0","M1 2z"],"github-alt":[480,512,[],"f113","M3 4z"]};'
    'x("fab",p)}var p={"magnifying-glass":[512,512,[128269,"search"],"f002","M5 6z"],'
    'sun:[512,512,[9728],"f185","M7 8z"]};x("fas",p)'
)


def test_icons_are_parsed_per_pack_with_their_aliases():
    parsed = icons.parse_icons(FAKE_FA)
    assert parsed[("fab", "monero")] == (496, 512, "M1 2z")
    assert parsed[("fas", "magnifying-glass")] == parsed[("fas", "search")] == (512, 512, "M5 6z")
    assert ("fas", "monero") not in parsed and ("fab", "sun") not in parsed


def test_the_theme_copy_of_font_awesome_has_every_icon_the_theme_uses():
    parsed = icons.theme_icons()
    for key in [
        ("fas", "magnifying-glass"),
        ("fab", "github"),
        ("fas", "sun"),
        ("fas", "moon"),
        ("fas", "circle-half-stroke"),
        ("fas", "bars"),
        ("fas", "list"),
        ("fas", "download"),
        ("fas", "rocket"),
        ("fas", "expand"),
        ("fas", "angle-left"),
    ]:
        width, height, path = parsed[key]
        assert width > 0 and height > 0 and path.startswith("M")


def test_an_icon_keeps_its_element_attributes_and_size_classes():
    html = (
        '<p><i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light" title="Light"></i></p>'
    )
    out = icons.inline_icons(html, icons.parse_icons(FAKE_FA))
    assert out.startswith(
        '<p><i class="theme-switch fa-solid fa-lg tipline-icon" '
        'data-mode="light" title="Light"><svg viewBox="0 0 512 512" '
        'aria-hidden="true" focusable="false"><path d="M7 8z"/></svg></i></p>'
    )
    assert "fa-sun" not in out
    assert icons.inline_icons(out, icons.parse_icons(FAKE_FA)) == out


def test_spans_brands_and_plain_elements():
    fa = icons.parse_icons(FAKE_FA)
    out = icons.inline_icons('<span class="fab fa-monero"></span><i class="note"></i>', fa)
    assert '<span class="fab tipline-icon"><svg viewBox="0 0 496 512"' in out
    assert '<i class="note"></i>' in out  # not an icon: untouched


def test_an_unknown_icon_is_named():
    with pytest.raises(KeyError, match="icon 'unicorn' \\(fas\\) is not in the theme's Font"):
        icons.inline_icons('<i class="fa-solid fa-unicorn"></i>', icons.parse_icons(FAKE_FA))


# --- CSS pruning -------------------------------------------------------------------------------

VOCAB = csspurge.words(
    [
        '<html data-theme="light"><div class="bd-page active" id="top"><a href=x>t</a></div>',
        'el.classList.add("show")',
    ]
)


@pytest.mark.parametrize(
    "selector, used",
    [
        (".bd-page", True),
        ("div.bd-page > a:hover", True),
        ("html[data-theme=dark] .bd-page", True),  # the attribute exists; its value is JS's
        (".bd-page.show", True),  # a class a script adds
        (".navbar-toggler", False),
        ("#top .missing", False),
        ("table td", False),
        (".bd-page:not(.never-there)", True),
        (":root", True),
        ("*", True),
        ("a::after", True),
        (".sm\\:w-1", True),  # escaped: kept unread
        ('a[href$=".pdf"]', True),  # not a class
        ("[data-bs-theme=dark]", False),
    ],
)
def test_selector_used(selector, used):
    assert csspurge.selector_used(selector, VOCAB) is used


def test_purge_keeps_used_rules_groups_fonts_and_animations():
    css = """@charset "UTF-8";
    .bd-page{color:red}.navbar-toggler{color:blue}
    .gone,.active{animation:spin 1s;font-family:Used Font}
    @media (max-width:40em){.gone{x:1}.bd-page{margin:0}}
    @media print{.gone{x:1}}
    @font-face{font-family:Used Font;src:url(a.woff2)}
    @font-face{font-family:"Unused Font";src:url(b.woff2)}
    @keyframes spin{from{opacity:0}to{opacity:1}}
    @keyframes fade{from{opacity:0}}
    :root{--pst-color:#fff}"""
    out = csspurge.purge(css, VOCAB)
    assert out.startswith('@charset "UTF-8";')
    assert ".bd-page{color:red}" in out and "navbar-toggler" not in out
    assert ".active{animation:spin 1s" in out and ".gone" not in out
    assert "@media (max-width:40em){.bd-page{margin:0}}" in out and "print" not in out
    assert "Used Font;src:url(a.woff2)" in out and "Unused Font" not in out
    assert "@keyframes spin" in out and "fade" not in out
    assert ":root{--pst-color:#fff}" in out
    assert csspurge.purge(out, VOCAB) == out


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True),
    st.sets(st.sampled_from(["a", "b", "c", "d"])),
)
def test_a_rule_is_kept_exactly_when_one_of_its_selectors_is_used(classes, vocabulary):
    css = ",".join(f".{c}" for c in classes) + "{color:red}"
    out = csspurge.purge(css, vocabulary)
    kept = [c for c in classes if c in vocabulary]
    assert out == (",".join(f".{c}" for c in kept) + "{color:red}\n" if kept else "\n")


def test_imports_are_written_in_with_urls_rebased(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "basic.css").write_text('@charset "utf-8";\n.x{background:url(file.png)}')
    theme = tmp_path / "styles" / "theme.css"
    theme.write_text('@import "../basic.css";\n.y{color:red}')
    assert csspurge.inline_imports(theme)
    text = theme.read_text()
    assert "@import" not in text and ".x{background:url(../file.png)}" in text
    assert ".y{color:red}" in text and "@charset" not in text
    assert not csspurge.inline_imports(theme)


# --- font subsetting ---------------------------------------------------------------------------


def test_private_use_characters_raw_and_escaped():
    found = fontsubset.private_characters(
        ['.a:after{content:"\uf303"}', '.b{--i:"\\f185"}', ".c{content:'x'}"]
    )
    assert found == {0xF303, 0xF185}


def test_a_font_awesome_font_is_cut_to_the_glyphs_asked_for(tmp_path):
    import shutil

    from fontTools.ttLib import TTFont

    source = icons.fontawesome_js().parent.parent / "vendor" / "fontawesome" / "webfonts"
    font = tmp_path / "fa-solid-900.woff2"
    shutil.copyfile(source / "fa-solid-900.woff2", font)
    before, after = fontsubset.subset_font(font, {0xF185, 0xF002})
    assert after < before / 20
    cmap = TTFont(font).getBestCmap()
    assert set(cmap) == {0xF185, 0xF002}


def test_subsetting_keeps_fonttools_progress_out_of_the_build_output(tmp_path, caplog):
    import logging
    import shutil

    source = icons.fontawesome_js().parent.parent / "vendor" / "fontawesome" / "webfonts"
    font = tmp_path / "fa-solid-900.woff2"
    shutil.copyfile(source / "fa-solid-900.woff2", font)
    with caplog.at_level(logging.INFO):
        fontsubset.subset_font(font, {0xF185})
    chatter = [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")]
    assert chatter == []
    assert logging.getLogger("fontTools").level == logging.NOTSET  # put back afterwards
