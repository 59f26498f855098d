"""Sphinx extension: the book's title in the sidebar sits inside a landmark (registered in
``_config.yml``).

The theme puts the title (its ``navbar-logo.html``) at the top of the sidebar outside every
landmark, so a screen reader's list of regions skips it (axe-core: *region*).
``_config.yml`` lists the sidebar's parts as the theme does, with the title replaced by
``tipline-book-title.html``, which wraps the theme's own title in a ``<nav>``; this extension
makes that template findable wherever the book is built.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _add_templates(app, config) -> None:
    if str(TEMPLATES) not in map(str, config.templates_path):
        config.templates_path.append(str(TEMPLATES))


def setup(app):
    app.connect("config-inited", _add_templates)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
