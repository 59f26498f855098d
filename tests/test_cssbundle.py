"""Each page's local stylesheets reach it as one file, in their order, URLs still right."""

from __future__ import annotations

from tipline import cssbundle

PAGE = """<html><head>
    <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
    <link rel="stylesheet" type="text/css" href="../_static/a.css?v=2" />
    <link rel="stylesheet" href="../_static/print.css" media="print" />
    <link rel="stylesheet" href="https://example.org/x.css" />
    <link rel="icon" href="../_static/favicon.svg"/>
</head><body></body></html>"""


def _site(tmp_path):
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "styles" / "theme.css").write_text(
        '@charset "UTF-8";\n@font-face{src:url("../fonts/f.woff2")}\n.t{color:red}'
    )
    (static / "a.css").write_text(".a{background:url(img.png)}\n.t{color:blue}")
    (static / "print.css").write_text("p{}")
    page = tmp_path / "book" / "p.html"
    page.parent.mkdir()
    page.write_text(PAGE)
    return static, page


def test_local_stylesheets_become_one_bundle_in_order(tmp_path):
    static, page = _site(tmp_path)
    written = {}
    html = cssbundle.bundle_page(page.read_text(), page, static, written)
    (name,) = written
    assert name.startswith(cssbundle.BUNDLE_PREFIX)
    assert html.count('rel="stylesheet"') == 3  # the bundle, the print sheet, the remote one
    assert f'href="../_static/{name}?v={written[name]}"' in html
    assert "theme.css" not in html and "a.css" not in html
    assert 'media="print"' in html and "https://example.org/x.css" in html
    text = (static / name).read_text()
    assert text.startswith('@charset "UTF-8";') and text.count("@charset") == 1
    assert text.index("color:red") < text.index("color:blue")  # the cascade is kept
    assert 'url("fonts/f.woff2")' in text  # rebased to _static/
    assert "url(img.png)" in text


def test_a_bundled_page_is_left_alone(tmp_path):
    static, page = _site(tmp_path)
    once = cssbundle.bundle_page(page.read_text(), page, static, {})
    assert cssbundle.bundle_page(once, page, static, {}) == once


def test_pages_with_the_same_stylesheets_share_a_bundle(tmp_path):
    static, page = _site(tmp_path)
    other = tmp_path / "q.html"
    other.write_text(PAGE.replace("../_static", "_static"))
    written = {}
    a = cssbundle.bundle_page(page.read_text(), page, static, written)
    b = cssbundle.bundle_page(other.read_text(), other, static, written)
    (name,) = written
    assert f"../_static/{name}" in a and f'"_static/{name}' in b
