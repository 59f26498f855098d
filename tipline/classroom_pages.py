"""Sphinx extension: the classroom pages built from the chapters (registered in ``_config.yml``).

Three directives, each used by one kind of page in ``book/``:

- ``{teachers-key}`` (``teachers-key.md``): the teacher's key (:mod:`tipline.teachers_key`);
- ``{read-the-code}`` (``read-the-code.md``): the code exercises as reading exercises
  (:mod:`tipline.code_reading`);
- ``{worksheet} <id>`` (``worksheet-*.md``): a lesson plan's worksheet (:mod:`tipline.worksheets`).

They run in the build's own process, with no kernel: the key and the code-reading page run
the code exercises' solutions there. Each page is re-read when a chapter or
``book/teaching.yml`` changes. With the teacher's key option (``TIPLINE_HIDE_SOLUTIONS=1``) the
key and the code-reading page say that this copy leaves them out, since both show
solutions; the worksheets, which hold none, stay. The pages get their print and screen styles
from ``tipline-classroom.css``, added to these pages only.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from tipline.paths import BOOK_DIR

CSS = "tipline-classroom.css"
#: The pages that carry a classroom directive get the stylesheet.
PAGES_KEY = "tipline_classroom_pages"

WITHHELD = (
    "This copy of the book was built with the teacher's key option "
    "(`TIPLINE_HIDE_SOLUTIONS=1`), which leaves every solution out of the site, so this page "
    "is left out too. {what} Build a copy without the option for yourself (`make build`) to "
    "read it."
)


class _ClassroomDirective(SphinxDirective):
    has_content = False

    def _depend_on_the_book(self) -> None:
        for path in sorted(BOOK_DIR.glob("*.ipynb")) + [BOOK_DIR / "teaching.yml"]:
            self.env.note_dependency(str(path))
        pages = getattr(self.env, PAGES_KEY, set())
        pages.add(self.env.docname)
        setattr(self.env, PAGES_KEY, pages)

    def _parsed(self, markdown: str) -> list[nodes.Node]:
        container = nodes.section()  # a temporary parent that allows headings
        self.state.nested_parse(StringList(markdown.splitlines()), 0, container, match_titles=True)
        return list(container.children)

    def _hidden(self) -> bool:
        return bool(getattr(self.config, "hide_solutions", False))


class TeachersKey(_ClassroomDirective):
    def run(self):
        self._depend_on_the_book()
        if self._hidden():
            return self._parsed(WITHHELD.format(what="The key holds every model answer."))
        from tipline.teachers_key import key_markdown

        return self._parsed(key_markdown())


class ReadTheCode(_ClassroomDirective):
    def run(self):
        self._depend_on_the_book()
        if self._hidden():
            return self._parsed(WITHHELD.format(what="Its code is the code exercises' solutions."))
        from tipline.code_reading import forms_markdown

        return self._parsed(forms_markdown())


class Worksheet(_ClassroomDirective):
    required_arguments = 1

    def run(self):
        self._depend_on_the_book()
        from tipline.worksheets import worksheet_html

        html = worksheet_html(self.arguments[0])
        return [nodes.raw("", html, format="html")]


def _add_css(app, pagename, templatename, context, doctree):
    if pagename in getattr(app.env, PAGES_KEY, set()):
        app.add_css_file(CSS)


def _purge(app, env, docname):
    getattr(env, PAGES_KEY, set()).discard(docname)


def _merge(app, env, docnames, other):
    pages = getattr(env, PAGES_KEY, set())
    pages |= getattr(other, PAGES_KEY, set())
    setattr(env, PAGES_KEY, pages)


def setup(app):
    app.add_directive("teachers-key", TeachersKey)
    app.add_directive("read-the-code", ReadTheCode)
    app.add_directive("worksheet", Worksheet)
    app.connect("html-page-context", _add_css)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
