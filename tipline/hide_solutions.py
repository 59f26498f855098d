"""Sphinx extension: the teacher's key build option leaves every solution out of the pages.

``make build TIPLINE_HIDE_SOLUTIONS=1`` builds a copy of the book whose chapter pages show
the exercises without their solutions, for a teacher who hosts it for graded work
(``tools/build_book.py`` sets sphinx-exercise's ``hide_solutions``). sphinx-exercise then
drops each ``{solution}`` directive, but of a gated solution it drops only the
``{solution-start}`` marker: the text and the code cells up to ``{solution-end}`` would
still show, unboxed. Here the start leaves a marker, and a transform removes everything from
it to the matching end. The notebooks' sources, which hold the solutions, are not published
either (``html_copy_source`` is off), and the download menu offers only what the copy has.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform


class hidden_solution(nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Where a gated solution began, in a build that hides solutions (never written)."""


class RemoveHiddenSolutions(SphinxTransform):
    """Remove each hidden gated solution: its marker, what follows up to the
    ``solution-end``, and that end (siblings, as sphinx-exercise requires of gated
    solutions)."""

    default_priority = 9  # before sphinx-exercise merges gated solutions (10)

    def apply(self, **kwargs):
        from sphinx_exercise.nodes import solution_end_node

        for marker in list(self.document.findall(hidden_solution)):
            parent = marker.parent
            start = parent.index(marker)
            end = next(
                (
                    i
                    for i in range(start + 1, len(parent.children))
                    if isinstance(parent.children[i], solution_end_node)
                ),
                None,
            )
            if end is None:
                raise ValueError(
                    f"{self.env.docname}: the hidden solution to {marker['label']!r} has no "
                    "solution-end after it in the same section"
                )
            for child in parent.children[start : end + 1]:
                parent.remove(child)


def _solution_start_directive():
    from sphinx_exercise.directive import SolutionStartDirective

    class HidingSolutionStart(SolutionStartDirective):
        """``{solution-start}`` that leaves a marker when solutions are hidden."""

        def run(self):
            out = super().run()
            if self.env.app.config.hide_solutions:
                return [hidden_solution(label=self.arguments[0])]
            return out

    return HidingSolutionStart


#: Download menu entries for the page's source, which a copy without solutions does not publish.
SOURCE_DOWNLOADS = ("download-notebook-button", "download-source-button")


def _drop_source_downloads(app, pagename, templatename, context, doctree):
    if not app.config.hide_solutions:
        return
    for button in context.get("header_buttons") or ():
        if button.get("type") == "group" and button.get("label") == "download-buttons":
            button["buttons"] = [
                b for b in button["buttons"] if b.get("label") not in SOURCE_DOWNLOADS
            ]


def setup(app):
    app.setup_extension("sphinx_exercise")
    app.add_node(hidden_solution)
    app.add_directive("solution-start", _solution_start_directive(), override=True)
    app.add_transform(RemoveHiddenSolutions)
    app.connect("html-page-context", _drop_source_downloads, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
