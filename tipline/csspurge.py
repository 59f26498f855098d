"""Leave out the theme CSS that no page of the site can use (build time, site-wide).

The theme's stylesheets are render-blocking and mostly unused here: the pydata theme's
``pydata-sphinx-theme.css`` alone is about 400 kB (all of Bootstrap 5 among it). After the
build, every class, id and element name that the site's pages or scripts mention is
collected as a *word* (the way PurgeCSS's default extractor reads content: any run of
letters, digits, ``-`` and ``_`` in the HTML and the JavaScript counts, so a class that a
script adds at run time is kept when the script names it). A style rule is kept when one
of its selectors needs only such words; a selector with escapes or an unusual shape is
always kept. ``@media``/``@supports``/``@layer`` blocks are pruned inside and dropped when
empty; ``@font-face`` and ``@keyframes`` are kept only when a kept declaration names their
family or animation. Everything else (custom properties included) is left as written.

The result is one pruned copy per stylesheet, shared by every page, so a reader's browser
still caches it once for the whole site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

WORD = re.compile(r"[A-Za-z0-9_-]+")
_FUNCTIONAL = re.compile(r":{1,2}[A-Za-z-]+\(")
_CLASS_OR_ID = re.compile(r"[.#](-?[A-Za-z_][A-Za-z0-9_-]*)")
_TYPE = re.compile(r"(?:^|[\s>+~(,])([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR = re.compile(r"\[\s*([A-Za-z_][A-Za-z0-9_:-]*)")
_GROUPING = {"media", "supports", "layer", "container", "document"}


def words(texts: Iterable[str]) -> set[str]:
    """Every word in the given HTML and JavaScript texts."""
    found: set[str] = set()
    for text in texts:
        found.update(WORD.findall(text))
    return found


def _strip_functional(selector: str) -> str:
    """The selector without the arguments of ``:not()``, ``:is()``, ``:has()``, ``::part()``...

    What a ``:not(.x)`` names need not exist; ``:is()``/``:where()`` list alternatives: both
    are left out of the check (so such a selector is judged by the rest of it).
    """
    out, i = [], 0
    while True:
        m = _FUNCTIONAL.search(selector, i)
        if not m:
            out.append(selector[i:])
            return "".join(out)
        out.append(selector[i : m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j


def selector_used(selector: str, vocabulary: set[str]) -> bool:
    """True when every class, id, element and attribute name in ``selector`` is a known word."""
    if "\\" in selector:
        return True  # escaped names: not worth parsing, kept
    bare = _strip_functional(selector)
    bare = re.sub(r"\[[^\]]*\]", lambda m: "[" + (_ATTR.findall(m.group(0)) or [""])[0] + "]", bare)
    names = _CLASS_OR_ID.findall(bare) + _ATTR.findall(bare)
    without = re.sub(r"\[[^\]]*\]|[.#]-?[A-Za-z_][A-Za-z0-9_-]*|::?[A-Za-z-]+", " ", bare)
    names += [t.lower() for t in _TYPE.findall(without)]
    return all(n in vocabulary or n.lower() in vocabulary for n in names)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in prelude:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _prune_rules(rules, vocabulary: set[str], deferred: list) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            kept = [s for s in selectors if selector_used(s, vocabulary)]
            if kept:
                out.append(f"{','.join(kept)}{{{tinycss2.serialize(rule.content).strip()}}}")
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            if rule.content is None:
                out.append(f"@{rule.at_keyword} {prelude};")
            elif keyword in _GROUPING:
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                body = _prune_rules(inner, vocabulary, deferred)
                if body:
                    out.append(f"@{rule.at_keyword} {prelude}{{{''.join(body)}}}")
            elif keyword in ("font-face", "keyframes", "-webkit-keyframes"):
                # Decided once every declaration that could use it is known.
                deferred.append((len(out), keyword, prelude, rule))
                out.append("")
            else:
                out.append(f"@{rule.at_keyword} {prelude}{{{tinycss2.serialize(rule.content)}}}")
    return out


def _font_family(rule) -> str:
    for decl in tinycss2.parse_declaration_list(rule.content, True, True):
        if decl.type == "declaration" and decl.lower_name == "font-family":
            return tinycss2.serialize(decl.value).strip().strip("\"'")
    return ""


def purge(css: str, vocabulary: set[str]) -> str:
    """``css`` without the rules no known word can match (see the module's description)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    deferred: list = []
    out = _prune_rules(rules, vocabulary, deferred)
    used = "".join(out)
    # The declarations that were kept say which fonts and animations are still wanted.
    for index, keyword, prelude, rule in deferred:
        name = _font_family(rule) if keyword == "font-face" else prelude
        if name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", used):
            out[index] = f"@{rule.at_keyword} {prelude}{{{tinycss2.serialize(rule.content)}}}"
    # Top-level @rules that only nest (pruned above) can leave empty strings behind.
    return "\n".join(part for part in out if part) + "\n"


def purge_file(path: Path, vocabulary: set[str]) -> tuple[int, int]:
    """Prune one stylesheet in place; its size before and after, in bytes."""
    before = path.read_text(encoding="utf-8")
    after = purge(before, vocabulary)
    path.write_text(after, encoding="utf-8")
    return len(before.encode()), len(after.encode())


_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*;""")
_URL = re.compile(r"""url\(\s*(["']?)(?![a-z]+:|/|#|data:)([^"')]+)\1\s*\)""")


def inline_imports(path: Path) -> bool:
    """Write each local ``@import`` of a stylesheet into it (once), relative URLs rebased.

    A stylesheet that imports another makes the browser wait for the first before it even
    asks for the second; written in, both arrive in one request. True if anything changed.
    """
    import os

    text = path.read_text(encoding="utf-8")

    def expand(m: re.Match) -> str:
        target = (path.parent / m.group(1)).resolve()
        if not target.is_file() or "://" in m.group(1):
            return m.group(0)
        rel = os.path.relpath(target.parent, path.parent)
        body = target.read_text(encoding="utf-8")
        body = re.sub(r'@charset\s+"[^"]*";', "", body)
        return _URL.sub(lambda u: f"url({u.group(1)}{rel}/{u.group(2)}{u.group(1)})", body)

    new = _IMPORT.sub(expand, text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
