"""One stylesheet per page instead of a dozen: the page's local stylesheets written into one
file, in their order.

The theme and its extensions each add a stylesheet (thirteen on a chapter page). Every one
blocks the first paint, and on a phone's slow connection each costs a round trip before the
text appears. After the stylesheets have been pruned (:mod:`tipline.csspurge`), every page's
run of local stylesheet links is replaced by one link to ``_static/tipline-site-<key>.css``,
the same files concatenated in the same order (so the cascade is unchanged), their relative
``url()`` references rebased to the bundle's folder. Pages that share a list of stylesheets
(all of them, today) share the bundle, so a reader's browser fetches it once.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from tipline.csspurge import _URL

BUNDLE_PREFIX = "tipline-site-"
_LINK = re.compile(r"[ \t]*<link\b[^>]*>\n?")
_ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
_CHARSET = re.compile(r'@charset\s+"[^"]*";\s*', re.IGNORECASE)


def _attrs(tag: str) -> dict[str, str]:
    return {k.lower(): v for k, v in _ATTR.findall(tag)}


def stylesheet_links(html: str, page: Path, static: Path) -> list[tuple[re.Match, Path]]:
    """The page's links to local stylesheets in ``static`` (no media query), in order, each
    with the file it names."""
    found = []
    for m in _LINK.finditer(html):
        attrs = _attrs(m.group(0))
        if "stylesheet" not in attrs.get("rel", "").split() or attrs.get("media", "all") != "all":
            continue
        href = attrs.get("href", "")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            continue
        target = (page.parent / parts.path).resolve()
        if target.is_file() and static.resolve() in target.parents:
            found.append((m, target))
    return found


def bundle_text(files: list[Path], folder: Path) -> str:
    """``files`` concatenated in order, each one's relative ``url()`` rebased to ``folder``."""
    chunks = ['@charset "UTF-8";\n']
    for path in files:
        rel = os.path.relpath(path.parent, folder)
        body = _CHARSET.sub("", path.read_text(encoding="utf-8"))
        if rel != ".":
            body = _URL.sub(
                lambda u, rel=rel: (
                    f"url({u.group(1)}{posixpath.normpath(rel + '/' + u.group(2))}{u.group(1)})"
                ),
                body,
            )
        chunks.append(f"/* {path.relative_to(folder).as_posix()} */\n{body.strip()}\n")
    return "".join(chunks)


def bundle_name(files: list[Path], static: Path) -> str:
    """The bundle's file name: a key of the files' names (not contents: pages that an
    incremental build leaves alone keep pointing at the right bundle)."""
    names = "\n".join(p.resolve().relative_to(static.resolve()).as_posix() for p in files)
    return f"{BUNDLE_PREFIX}{hashlib.sha256(names.encode()).hexdigest()[:10]}.css"


def bundle_page(html: str, page: Path, static: Path, written: dict[str, str]) -> str:
    """``html`` (the page at ``page``) with its local stylesheets replaced by one bundle,
    written into ``static`` unless ``written`` (bundle name -> content digest) has it."""
    links = stylesheet_links(html, page, static)
    files = [path for _m, path in links]
    if len(files) < 2 or any(p.name.startswith(BUNDLE_PREFIX) for p in files):
        return html
    name = bundle_name(files, static)
    if name not in written:
        text = bundle_text(files, static)
        (static / name).write_text(text, encoding="utf-8")
        written[name] = hashlib.sha256(text.encode()).hexdigest()[:8]
    href = os.path.relpath(static / name, page.parent).replace(os.sep, "/")
    tag = f'<link rel="stylesheet" type="text/css" href="{href}?v={written[name]}" />\n'
    out, last = [], 0
    for i, (m, _path) in enumerate(links):
        out.append(html[last : m.start()])
        if i == 0:
            indent = re.match(r"[ \t]*", m.group(0)).group(0)
            out.append(indent + tag)
        last = m.end()
    out.append(html[last:])
    return "".join(out)
