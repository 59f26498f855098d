"""Sphinx extension: each chapter page opens with its reading time, objectives and finding,
and closes with its key points, all from ``book/chapters.yml`` (:mod:`tipline.chapters`).

Registered in ``_config.yml`` (``sphinx.extra_extensions``). When a page listed in
``book/chapters.yml`` is read, this module

1. counts the words a reader reads on it (prose, lists, notes and their glued numbers;
   not code cells or their outputs, tables, charts, equations or the exercises) and puts
   "About N minutes to read" under the title, so the time follows the text, never typed;
2. adds the chapter's objectives and its finding under that line, so that the finding
   sits right above the chapter's key chart (the page's first cell);
3. adds the chapter's key points at the foot of its argument, before the exercises (or at
   the end of the page when it has none).

Every page that uses ``book/chapters.yml`` depends on it: editing the file rebuilds them.
An invalid file stops the build with :func:`tipline.chapters.load`'s message.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.errors import ExtensionError

from tipline import chapters

HEAD_CLASS = "tipline-chapter-head"
FOOT_CLASS = "tipline-chapter-foot"
CSS = "tipline-chapters.css"
#: Section titles whose content is not counted in the reading time (and before which the
#: key points go).
EXERCISES = "Exercises"
#: Node types whose text a reader does not read as prose.
_SKIPPED = (
    nodes.literal_block,
    nodes.raw,
    nodes.table,
    nodes.math_block,
    nodes.math,
    nodes.comment,
    nodes.system_message,
)


def _is_exercises(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.section)
        and bool(node.children)
        and isinstance(node[0], nodes.title)
        and node[0].astext().strip() == EXERCISES
    )


def _skipped(node: nodes.Node) -> bool:
    if isinstance(node, _SKIPPED) or _is_exercises(node):
        return True
    classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
    # a code cell's input and outputs (MyST-NB keeps every mime type of an output until the
    # page is written: a table's text form would otherwise count as prose)
    return any(c in classes for c in ("cell", "cell_input", "cell_output", HEAD_CLASS, FOOT_CLASS))


def prose_words(node: nodes.Node) -> int:
    """The words a reader reads in ``node`` (see the module docstring for what is left out)."""
    if _skipped(node):
        return 0
    if isinstance(node, nodes.Text):
        return chapters.count_words(node.astext())
    return sum(prose_words(child) for child in node.children)


def _items(texts) -> nodes.bullet_list:
    bullets = nodes.bullet_list()
    for text in texts:
        bullets += nodes.list_item("", nodes.paragraph(text, text))
    return bullets


def head_block(chapter: chapters.Chapter, words: int) -> nodes.container:
    """Reading time, objectives and finding, in that order (the key chart follows)."""
    head = nodes.container(classes=[HEAD_CLASS])
    line = chapters.reading_time_text(words)
    head += nodes.paragraph(line, line, classes=["tipline-reading-time"])
    head += nodes.rubric("In this chapter you will", "In this chapter you will")
    head += _items(chapter.objectives)
    finding = nodes.paragraph(classes=["tipline-finding"])
    finding += nodes.strong("Finding. ", "Finding. ")
    finding += nodes.Text(chapter.finding)
    head += finding
    return head


def foot_block(chapter: chapters.Chapter) -> nodes.container:
    """The key points."""
    foot = nodes.container(classes=[FOOT_CLASS])
    foot += nodes.rubric("Key points", "Key points")
    foot += _items(chapter.key_points)
    return foot


def decorate(doctree: nodes.document, chapter: chapters.Chapter) -> int:
    """Add the head and foot blocks to a chapter's doctree; return the words counted."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        raise ExtensionError(
            f"tipline.chapter_pages: the page of chapter {chapter.stem!r} has no title"
        )
    words = prose_words(section)
    section.insert(1, head_block(chapter, words))
    exercises = next((c for c in section.children if _is_exercises(c)), None)
    if exercises is None:
        section += foot_block(chapter)
    else:
        section.insert(section.index(exercises), foot_block(chapter))
    return words


def _load(app) -> None:
    try:
        app.env.tipline_chapters = chapters.load()
    except chapters.DataError as exc:
        raise ExtensionError(f"book/chapters.yml is invalid:\n{exc}") from None


def _doctree_read(app, doctree) -> None:
    docname = app.env.docname
    stem = docname.rsplit("/", 1)[-1]
    book = getattr(app.env, "tipline_chapters", None)
    if book is None:
        _load(app)
        book = app.env.tipline_chapters
    if not docname.startswith("book/") or stem not in book:
        return
    app.env.note_dependency(str(chapters.CHAPTERS_FILE))
    decorate(doctree, book[stem])


def setup(app):
    app.connect("builder-inited", _load)
    app.connect("doctree-read", _doctree_read)
    app.add_css_file(CSS)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
