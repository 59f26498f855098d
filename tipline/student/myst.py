"""MyST Markdown (the book's) as plain Markdown (what JupyterLab renders).

The book's Markdown cells use MyST: glued values, cross-references, citations, glossary
terms, exercise and solution directives, labelled equations. JupyterLab shows all of that as
raw markup. :func:`convert` rewrites one cell for the student edition:

- glued values (``{glue:text}``, ``{glue:md}``, ``{glue:math}``) are written in, formatted
  exactly as the book formats them;
- exercises become numbered headings (the numbers the book shows) with their statements;
  solutions (``{solution}``, and everything between ``{solution-start}`` and
  ``{solution-end}``, code cells included) are removed;
- glossary terms become plain words, citations author-year (linked to the source), and
  cross-references (``{doc}``, ``{ref}``, ``{numref}``, ``{eq}``) links to the book's site,
  or plain text when the site's address is unknown;
- admonitions become quotations with a bold title, definition lists bullet points, list
  tables Markdown tables, labelled equations numbered with ``\\tag``.

Anything else in MyST syntax is an error that names it, the page, and what is supported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from tipline.exercises import _split_options

#: Roles and directives this module converts (anything else is an error).
ROLES = (
    "glue",
    "glue:",
    "glue:any",
    "glue:text",
    "glue:md",
    "term",
    "cite",
    "cite:p",
    "cite:t",
    "doc",
    "ref",
    "numref",
    "eq",
    "math",
    "sub",
    "sup",
    "abbr",
)
ADMONITIONS = (
    "note",
    "tip",
    "hint",
    "important",
    "warning",
    "caution",
    "attention",
    "danger",
    "error",
    "seealso",
)
DIRECTIVES = (
    "exercise",
    "exercise-start",
    "exercise-end",
    "solution",
    "solution-start",
    "solution-end",
    "admonition",
    *ADMONITIONS,
    "glue:math",
    "glue:md",
    "glue:any",
    "glue:",
    "math",
    "list-table",
    "code",
    "code-block",
)
#: Strings that must not be left in any Markdown cell of a student notebook.
LEFTOVERS = ("{glue", "{exercise", "{solution", "{cite", "{term}", "{doc}", "```{", ":::{")

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[A-Za-z][\w:-]*)\}\s*(?P<arg>.*)$")
_INLINE = re.compile(
    r"\{(?P<role>[A-Za-z][\w:-]*)\}`(?P<content>[^`]*)`|(?P<code>`+)(?:.+?)(?P=code)"
)
_TARGET = re.compile(r"^\((?P<label>[\w.:-]+)\)=\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_MATH_LABEL = re.compile(r"\$\$(?P<body>.+?)\$\$[ \t]*\((?P<label>[\w.:-]+)\)", re.DOTALL)
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_COMMENT = re.compile(r"^%")


class MystError(ValueError):
    """MyST the student edition cannot convert (names the page and what is supported)."""


@dataclass(frozen=True)
class Target:
    """Something a cross-reference can point at."""

    docname: str  # e.g. "book/model"
    text: str  # what a reference without its own text shows
    anchor: str  # the HTML id on the book's page ("" for the page itself)


@dataclass
class Book:
    """What the converter knows about the whole book."""

    titles: dict[str, str]  # docname -> page title
    targets: dict[str, Target]  # label -> target (sections, exercises, equations)
    exercise_numbers: dict[str, int]  # exercise label -> number the book shows
    sources: dict  # bibliography key -> tipline.bibliography.Source
    site_url: str | None = None  # the published site, with a final slash

    def link(self, text: str, docname: str, anchor: str = "") -> str:
        """A Markdown link to a page of the site, or the plain text if the site is unknown."""
        if not self.site_url:
            return text
        url = f"{self.site_url}{docname}.html" + (f"#{quote(anchor)}" if anchor else "")
        return f"[{text}]({url})"


@dataclass
class Page:
    """The state of one notebook while its cells are converted, in order."""

    docname: str
    glue: dict[str, dict]  # glue name -> its mime bundle ({"text/plain": ...})
    equations: dict[str, int] = field(default_factory=dict)  # label -> number on this page
    cited: list[str] = field(default_factory=list)  # bibliography keys, in order of citing
    heading_level: int = 1
    skipping: str | None = None  # label of the gated solution being removed

    def where(self) -> str:
        return f"{self.docname}"


# -- inline markup -------------------------------------------------------------------------


def _explicit(content: str) -> tuple[str | None, str]:
    """``text <target>`` as (text, target); a bare ``target`` as (None, target)."""
    match = _EXPLICIT.match(content.strip())
    if match and match.group("text"):
        return match.group("text").strip(), match.group("target").strip()
    return None, content.strip()


def _resolve_doc(current: str, target: str) -> str:
    """The docname a ``{doc}`` target names, from the page ``current``."""
    target = target.removesuffix(".md").removesuffix(".ipynb")
    if target.startswith("/"):
        return target.lstrip("/")
    parts = current.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _glue_bundle(page: Page, key: str) -> dict:
    if key not in page.glue:
        raise MystError(
            f"{page.where()}: no glued value named {key!r} (the executed notebook glues "
            f"{len(page.glue)} values; is the build's output stale?)"
        )
    return page.glue[key]


def glue_text(page: Page, content: str) -> str:
    """A ``{glue:text}`` value as the book prints it (``name`` or ``name:format``)."""
    from myst_nb.core.variables import format_plain_text

    key, _, spec = content.partition(":")
    bundle = _glue_bundle(page, key.strip())
    if "text/plain" not in bundle:
        raise MystError(f"{page.where()}: the glued value {key!r} has no text/plain form")
    return format_plain_text(str(bundle["text/plain"]), spec).replace("$", r"\$")


def glue_markdown(page: Page, key: str) -> str:
    bundle = _glue_bundle(page, key.strip())
    if "text/markdown" in bundle:
        return str(bundle["text/markdown"]).strip()
    return glue_text(page, key)


def glue_latex(page: Page, key: str) -> str:
    from myst_nb.core.render import strip_latex_delimiters

    bundle = _glue_bundle(page, key.strip())
    if "text/latex" not in bundle:
        raise MystError(f"{page.where()}: the glued value {key!r} has no text/latex form")
    return strip_latex_delimiters(str(bundle["text/latex"])).strip()


def _author_year(source) -> tuple[str, str]:
    return (source.author_short or source.publisher or source.key), source.year


def cite(book: Book, page: Page, role: str, content: str) -> str:
    """``{cite:p}`a,b``` as ``([A, 2024](url); [B, 2023](url))``; ``{cite:t}`` as
    ``[A](url) (2024)``."""
    keys = [k.strip() for k in content.split(",") if k.strip()]
    parts = []
    for key in keys:
        if key not in book.sources:
            raise MystError(f"{page.where()}: citation of {key!r}, which is not in references.bib")
        if key not in page.cited:
            page.cited.append(key)
        who, year = _author_year(book.sources[key])
        url = book.sources[key].url
        if role == "cite:t":
            parts.append(f"[{who}]({url}) ({year})" if url else f"{who} ({year})")
        else:
            parts.append(f"[{who}, {year}]({url})" if url else f"{who}, {year}")
    return "; ".join(parts) if role == "cite:t" else "(" + "; ".join(parts) + ")"


def reference(book: Book, page: Page, role: str, content: str) -> str:
    """A cross-reference as a link to the site (plain text if its address is unknown)."""
    text, target = _explicit(content)
    if role == "doc":
        docname = _resolve_doc(page.docname, target)
        if docname not in book.titles:
            raise MystError(f"{page.where()}: {{doc}} to {target!r}, which is not a page")
        return book.link(text or book.titles[docname], docname)
    if role == "eq":
        number = page.equations.get(target)
        if number is not None:
            return f"({number})"
        found = book.targets.get(target)
        if found is None:
            raise MystError(f"{page.where()}: {{eq}} to {target!r}, which is no equation")
        return book.link(found.text, found.docname, found.anchor)
    found = book.targets.get(target)
    if found is None:
        raise MystError(f"{page.where()}: {{{role}}} to {target!r}, which is not a label")
    shown = text or found.text
    if target in book.exercise_numbers and found.docname == page.docname:
        return shown  # the exercise is a heading in this very notebook
    return book.link(shown, found.docname, found.anchor)


# Roles whose content stays, wrapped ("{abbr}`CSAM (child sexual abuse material)`" as is).
_WRAPPED = {"math": "${}$", "sub": "<sub>{}</sub>", "sup": "<sup>{}</sup>", "abbr": "{}"}


def inline(book: Book, page: Page, text: str) -> str:
    """Every role in ``text`` (outside code spans) as plain Markdown."""

    def replace(match: re.Match) -> str:
        if match.group("code"):
            return match.group(0)
        role, content = match.group("role"), match.group("content")
        if role in ("glue", "glue:", "glue:any", "glue:text"):
            return glue_text(page, content)
        if role == "glue:md":
            return glue_markdown(page, content)
        if role == "term":
            return _explicit(content)[0] or content.strip()
        if role in ("cite", "cite:p", "cite:t"):
            return cite(book, page, role, content)
        if role in ("doc", "ref", "numref", "eq"):
            return reference(book, page, role, content)
        if role in _WRAPPED:
            return _WRAPPED[role].format(content)
        raise MystError(
            f"{page.where()}: the role {{{role}}} has no plain-Markdown form here; "
            f"supported roles: {', '.join(ROLES)}"
        )

    return _INLINE.sub(replace, text)


# -- blocks ----------------------------------------------------------------------------------


def _math_block(latex: str, number: int | None) -> str:
    tag = f" \\tag{{{number}}}" if number is not None else ""
    return f"$$\n{latex.strip()}{tag}\n$$"


def _number_equation(page: Page, label: str | None) -> int | None:
    if not label:
        return None
    if label not in page.equations:
        page.equations[label] = len(page.equations) + 1
    return page.equations[label]


def _text(book: Book, page: Page, lines: list[str]) -> str:
    """Plain Markdown lines (no fences): targets, comments, definition lists, labelled
    display math, headings and roles."""
    out: list[str] = []
    for line in lines:
        if _TARGET.match(line) or _COMMENT.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            page.heading_level = len(heading.group("hashes"))
        if line.startswith(": ") and out and out[-1].strip():
            # A definition list: "term" then ": definition" becomes "- **term**: definition".
            term = out.pop()
            out.append(f"- **{term.strip()}**: {line[2:].strip()}")
            continue
        out.append(line)
    text = "\n".join(out)

    def labelled(match: re.Match) -> str:
        number = _number_equation(page, match.group("label"))
        return _math_block(match.group("body"), number)

    text = _MATH_LABEL.sub(labelled, text)
    return inline(book, page, text)


def _list_table(book: Book, page: Page, argument: str, options: dict, body: str) -> str:
    """A ``{list-table}`` (``* - cell`` rows) as a Markdown table with its caption above."""
    rows: list[list[str]] = []
    for line in body.splitlines():
        if line.startswith("* - "):
            rows.append([line[4:].strip()])
        elif line.startswith("  - ") and rows:
            rows[-1].append(line[4:].strip())
        elif line.startswith("    ") and rows:
            rows[-1][-1] += " " + line.strip()
        elif line.strip():
            raise MystError(f"{page.where()}: list-table line not understood: {line!r}")
    if not rows:
        return ""
    cells = [[inline(book, page, c).replace("|", r"\|") for c in row] for row in rows]
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    header_rows = int(options.get("header-rows", "0") or 0)
    head = cells[0] if header_rows else [""] * width
    body_rows = cells[1:] if header_rows else cells
    lines = [f"**{inline(book, page, argument)}**", ""] if argument else []
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * width)
    lines += ["| " + " | ".join(r) + " |" for r in body_rows]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def _directive(book: Book, page: Page, name: str, argument: str, content: str) -> str:
    options, body = _split_options(content)
    if name in ("exercise", "exercise-start"):
        label = options.get("label", "")
        number = book.exercise_numbers.get(label)
        heading = "#" * min(page.heading_level + 1, 6)
        title = f"Exercise {number}" if number is not None else "Exercise"
        if argument:
            title += f": {inline(book, page, argument)}"
        statement = convert_text(book, page, body)
        return f"{heading} {title}\n\n{statement}".rstrip()
    if name == "exercise-end":
        return ""
    if name == "solution":
        return ""
    if name == "solution-start":
        page.skipping = argument or "?"
        return ""
    if name in ("admonition", *ADMONITIONS):
        title = inline(book, page, argument) if argument else name.capitalize()
        if name == "seealso" and not argument:
            title = "See also"
        inner = convert_text(book, page, body)
        return _quote(f"**{title}**\n\n{inner}")
    if name == "glue:math":
        latex = glue_latex(page, argument)
        label = options.get("label") or options.get("name")
        return _math_block(latex, _number_equation(page, label))
    if name in ("glue:md", "glue:any", "glue:"):
        return glue_markdown(page, argument)
    if name == "math":
        label = options.get("label") or options.get("name")
        return _math_block(body, _number_equation(page, label))
    if name == "list-table":
        return _list_table(book, page, argument, options, body)
    if name in ("code", "code-block"):
        return f"```{argument}\n{body}\n```"
    raise MystError(
        f"{page.where()}: the directive {{{name}}} has no plain-Markdown form here; "
        f"supported directives: {', '.join(DIRECTIVES)}"
    )


def _blocks(text: str) -> list[tuple[str, str, str, str]]:
    """Split Markdown into ``("text", lines, "", "")``, ``("fence", raw, "", "")`` and
    ``("directive", name, argument, content)`` blocks, outermost fences only."""
    lines = text.split("\n")
    blocks: list[tuple[str, str, str, str]] = []
    buffer: list[str] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            buffer.append(lines[i])
            i += 1
            continue
        fence, indent = match.group("fence"), match.group("indent")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), len(lines))
        content = "\n".join(line.removeprefix(indent) for line in lines[i + 1 : end])
        if buffer:
            blocks.append(("text", "\n".join(buffer), "", ""))
            buffer = []
        info = _DIRECTIVE_INFO.match(match.group("info").strip())
        if info:
            blocks.append(("directive", info.group("name"), info.group("arg").strip(), content))
        else:
            blocks.append(("fence", "\n".join(lines[i : end + 1]), "", ""))
        i = end + 1
    if buffer:
        blocks.append(("text", "\n".join(buffer), "", ""))
    return blocks


def convert_text(book: Book, page: Page, text: str) -> str:
    """MyST Markdown as plain Markdown, with the page's state carried along (a gated
    solution removes everything up to its ``{solution-end}``, across cells)."""
    out: list[str] = []
    for kind, first, argument, content in _blocks(text):
        if page.skipping is not None:
            if kind == "directive" and first == "solution-end":
                page.skipping = None
            continue
        if kind == "text":
            out.append(_text(book, page, first.split("\n")))
        elif kind == "fence":
            out.append(first)
        elif first == "solution-end":
            raise MystError(f"{page.where()}: a {{solution-end}} without a {{solution-start}}")
        else:  # a block of its own, apart from what surrounds it
            out.append("\n" + _directive(book, page, first, argument, content) + "\n")
    joined = "\n".join(part for part in out)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()


def convert(book: Book, page: Page, source: str) -> str:
    """One Markdown cell of the book as plain Markdown for the student edition."""
    return convert_text(book, page, source)


def leftovers(markdown: str) -> list[str]:
    """The MyST strings (:data:`LEFTOVERS`) still in ``markdown``."""
    return [s for s in LEFTOVERS if s in markdown]
